"""drift.cortex."""
