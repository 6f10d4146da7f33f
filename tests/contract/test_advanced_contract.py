"""`IDriftAdvanced` contract on every backend."""

from __future__ import annotations

from drift.storage.testing.advanced import DriftAdvancedContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteAdvanced(SqliteBackend, DriftAdvancedContract):
    """File-backed SQLite."""


class TestSqliteMemoryAdvanced(SqliteInMemoryBackend, DriftAdvancedContract):
    """SQLite ``:memory:``."""


class TestMemoryAdvanced(MemoryBackend, DriftAdvancedContract):
    """The pure-Python backend."""
