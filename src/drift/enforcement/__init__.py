"""drift.enforcement."""
