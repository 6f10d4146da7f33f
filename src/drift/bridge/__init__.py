"""drift.bridge."""
