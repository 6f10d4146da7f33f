"""The `structural` domain in plain Python: the `MemoryDriftStructural` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftStructural(MemoryCore):
    """Placeholder until written."""
