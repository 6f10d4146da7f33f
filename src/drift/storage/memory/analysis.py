"""The `analysis` domain in plain Python: the `MemoryDriftAnalysis` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftAnalysis(MemoryCore):
    """Placeholder until written."""
