"""The `advanced` domain in plain Python: the `MemoryDriftAdvanced` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftAdvanced(MemoryCore):
    """Placeholder until written."""
