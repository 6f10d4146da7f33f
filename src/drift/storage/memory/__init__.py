"""The same protocols in plain Python data structures (no SQL)."""
