"""The same protocols on PostgreSQL."""
