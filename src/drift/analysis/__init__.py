"""drift.analysis."""
