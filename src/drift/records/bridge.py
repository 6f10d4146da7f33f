"""Rows of the bridge domain."""
