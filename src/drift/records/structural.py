"""Rows of the structural domain."""
