"""The `files` domain in plain Python: the `MemoryDriftFiles` mixin."""

from __future__ import annotations

from drift.storage.memory.core import MemoryCore


class MemoryDriftFiles(MemoryCore):
    """Placeholder until written."""
