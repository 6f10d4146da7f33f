"""drift.scan."""
