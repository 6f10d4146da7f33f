"""The `reader` domain in plain Python: the `MemoryDriftReader` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftReader(MemoryCore):
    """Placeholder until written."""
