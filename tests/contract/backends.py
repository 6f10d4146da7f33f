"""The backends the contract suite runs against, as mixins that provide the ``backend`` fixture.

A contract test module combines one of these with a contract class::

    class TestSqliteFiles(SqliteBackend, DriftFilesContract): ...
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drift.storage.memory.bridge import MemoryBridgeStorage
from drift.storage.memory.cortex import MemoryCortexStorage
from drift.storage.memory.engine import MemoryDriftStorage
from drift.storage.memory.workspace import MemoryWorkspaceStorage
from drift.storage.sqlite.bridge import SqliteBridgeStorage, SqliteCortexStorage
from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.sqlite.workspace import SqliteWorkspaceStorage
from drift.storage.testing.base import FakeClock, StorageUnderTest


class SqliteBackend:
    """File-backed SQLite in a temporary directory (WAL, per-thread readers, batch thread)."""

    @pytest.fixture
    def backend(self, tmp_path: Path) -> Iterator[StorageUnderTest]:
        clock = FakeClock()
        drift = SqliteDriftStorage(tmp_path / "drift.db", clock=clock)
        bridge = SqliteBridgeStorage(tmp_path / "bridge.db", clock=clock)
        cortex = SqliteCortexStorage(tmp_path / "cortex.db", clock=clock)
        workspace = SqliteWorkspaceStorage(tmp_path / "drift.db", clock=clock)
        try:
            yield StorageUnderTest("sqlite", drift, bridge, cortex, workspace, clock)
        finally:
            drift.close()
            bridge.close()
            cortex.close()


class SqliteInMemoryBackend:
    """SQLite's ``:memory:`` databases: one shared connection per engine."""

    @pytest.fixture
    def backend(self, tmp_path: Path) -> Iterator[StorageUnderTest]:
        clock = FakeClock()
        drift = SqliteDriftStorage(":memory:", clock=clock)
        bridge = SqliteBridgeStorage(":memory:", clock=clock)
        cortex = SqliteCortexStorage(":memory:", clock=clock)
        # The workspace contract does not run on this backend (it needs a file).
        workspace = SqliteWorkspaceStorage(tmp_path / "absent.db", clock=clock)
        try:
            yield StorageUnderTest("sqlite-memory", drift, bridge, cortex, workspace, clock)
        finally:
            drift.close()
            bridge.close()
            cortex.close()


class MemoryBackend:
    """The pure-Python ``memory://`` backend."""

    @pytest.fixture
    def backend(self) -> Iterator[StorageUnderTest]:
        clock = FakeClock()
        drift = MemoryDriftStorage(clock=clock)
        bridge = MemoryBridgeStorage(clock=clock)
        cortex = MemoryCortexStorage(clock=clock)
        workspace = MemoryWorkspaceStorage(drift, clock=clock)
        try:
            yield StorageUnderTest("memory", drift, bridge, cortex, workspace, clock)
        finally:
            drift.close()
            bridge.close()
            cortex.close()
