"""The `IDriftBatchWriter` storage protocol."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class IDriftBatchWriter(Protocol):
    """Placeholder until the protocol's methods are written."""
