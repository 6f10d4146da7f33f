"""``IDriftFiles`` contract on every local backend."""

from __future__ import annotations

from drift.storage.testing.files import DriftFilesContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteFiles(SqliteBackend, DriftFilesContract):
    """File-backed SQLite."""


class TestSqliteMemoryFiles(SqliteInMemoryBackend, DriftFilesContract):
    """SQLite ``:memory:``."""


class TestMemoryFiles(MemoryBackend, DriftFilesContract):
    """The pure-Python backend."""
