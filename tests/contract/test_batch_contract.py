"""``IDriftBatchWriter`` contract on every local backend."""

from __future__ import annotations

from drift.storage.testing.batch import DriftBatchWriterContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteBatch(SqliteBackend, DriftBatchWriterContract):
    """File-backed SQLite: a real writer thread and queue."""


class TestSqliteMemoryBatch(SqliteInMemoryBackend, DriftBatchWriterContract):
    """SQLite ``:memory:``: the batch shares the engine's one connection."""


class TestMemoryBatch(MemoryBackend, DriftBatchWriterContract):
    """The pure-Python backend: commands applied at once."""
