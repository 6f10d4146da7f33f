"""The default embedded backend on SQLite."""
