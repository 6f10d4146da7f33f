"""The `batch` domain in plain Python: the `MemoryDriftBatch` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftBatch(MemoryCore):
    """Placeholder until written."""
