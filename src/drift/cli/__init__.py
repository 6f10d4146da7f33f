"""drift.cli."""
