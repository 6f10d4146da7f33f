"""The `enforcement` domain in plain Python: the `MemoryDriftEnforcement` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftEnforcement(MemoryCore):
    """Placeholder until written."""
