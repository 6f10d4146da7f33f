"""``IWorkspaceStorage`` on the backends that have a workspace."""

from __future__ import annotations

from drift.storage.testing.workspace import FileWorkspaceContract, MemoryWorkspaceContract
from tests.contract.backends import MemoryBackend, SqliteBackend


class TestSqliteWorkspace(SqliteBackend, FileWorkspaceContract):
    pass


class TestMemoryWorkspace(MemoryBackend, MemoryWorkspaceContract):
    pass
