"""Rows of the batch domain."""
