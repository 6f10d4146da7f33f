"""`IDriftEnforcement` contract on every backend."""

from __future__ import annotations

from drift.storage.testing.enforcement import DriftEnforcementContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteEnforcement(SqliteBackend, DriftEnforcementContract):
    """File-backed SQLite."""


class TestSqliteMemoryEnforcement(SqliteInMemoryBackend, DriftEnforcementContract):
    """SQLite ``:memory:``."""


class TestMemoryEnforcement(MemoryBackend, DriftEnforcementContract):
    """The pure-Python backend."""
