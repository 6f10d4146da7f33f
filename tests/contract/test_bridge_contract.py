"""The bridge storage contract on every backend."""

from __future__ import annotations

from drift.storage.testing.bridge import BridgeStorageContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteBridge(SqliteBackend, BridgeStorageContract):
    """bridge.db on a SQLite file."""


class TestSqliteMemoryBridge(SqliteInMemoryBackend, BridgeStorageContract):
    """bridge.db on in-memory SQLite."""


class TestMemoryBridge(MemoryBackend, BridgeStorageContract):
    """The pure-Python bridge storage."""
