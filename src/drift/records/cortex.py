"""Rows of the cortex domain."""
