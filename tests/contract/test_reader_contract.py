"""`IDriftReader` contract on every backend."""

from __future__ import annotations

from drift.storage.testing.reader import DriftReaderContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteReader(SqliteBackend, DriftReaderContract):
    """File-backed SQLite."""


class TestSqliteMemoryReader(SqliteInMemoryBackend, DriftReaderContract):
    """SQLite ``:memory:``."""


class TestMemoryReader(MemoryBackend, DriftReaderContract):
    """The pure-Python backend."""
