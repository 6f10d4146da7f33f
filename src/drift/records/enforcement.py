"""Rows of the enforcement domain."""
