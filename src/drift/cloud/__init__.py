"""drift.cloud."""
