"""Rows of the workspace domain."""
