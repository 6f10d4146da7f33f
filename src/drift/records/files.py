"""Rows of the files domain."""
