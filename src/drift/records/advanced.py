"""Rows of the advanced domain."""
