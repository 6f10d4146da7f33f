"""The cortex storage contract on every backend."""

from __future__ import annotations

from drift.storage.testing.cortex import CortexStorageContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteCortex(SqliteBackend, CortexStorageContract):
    """cortex.db on a SQLite file."""


class TestSqliteMemoryCortex(SqliteInMemoryBackend, CortexStorageContract):
    """cortex.db on in-memory SQLite."""


class TestMemoryCortex(MemoryBackend, CortexStorageContract):
    """The pure-Python cortex storage."""
