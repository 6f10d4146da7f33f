"""Rows of the analysis domain."""
