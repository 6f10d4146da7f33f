"""``IDriftStructural`` contract on every local backend."""

from __future__ import annotations

from drift.storage.testing.structural import DriftStructuralContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteStructural(SqliteBackend, DriftStructuralContract):
    """File-backed SQLite."""


class TestSqliteMemoryStructural(SqliteInMemoryBackend, DriftStructuralContract):
    """SQLite ``:memory:``."""


class TestMemoryStructural(MemoryBackend, DriftStructuralContract):
    """The pure-Python backend."""
