"""``IWorkspaceStorage``: the workspace as a whole — status, maintenance, backup and restore."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.workspace import (
    BackupResult,
    GcStats,
    IntegrityResult,
    ProjectInfo,
    WorkspaceContext,
    WorkspaceStatus,
)


@runtime_checkable
class IWorkspaceStorage(Protocol):
    """Ten operations on the workspace (reference storage.md §2.8).

    ``import`` is a Python keyword, so the reference's ``import`` is spelled ``import_``.
    Backends that cannot copy themselves (``memory://``, cloud) raise ``NotSupported`` from
    ``backup``, ``export`` and ``import_``.
    """

    def initialize(self, path: str) -> None:
        """Create the workspace for the project rooted at ``path`` (idempotent)."""
        ...

    def status(self) -> WorkspaceStatus:
        """Whether the workspace exists, its schema version, file count and sizes."""
        ...

    def project_info(self) -> ProjectInfo:
        """Root, name, files per language, totals and the last scan time."""
        ...

    def workspace_context(self) -> WorkspaceContext:
        """Root, languages, frameworks and row counts, for tools that need the big picture."""
        ...

    def gc(self) -> GcStats:
        """Drop rows of files that are gone and unused parse-cache entries; reclaim space."""
        ...

    def backup(self, destination: str) -> BackupResult:
        """Copy the live database to ``destination`` with the online backup API."""
        ...

    def export(self, destination: str) -> None:
        """Write a compacted copy of the database to ``destination``."""
        ...

    def import_(self, source: str) -> None:
        """Replace the database's contents with ``source`` after checking its integrity."""
        ...

    def integrity_check(self) -> IntegrityResult:
        """Run the database's integrity check; a missing database is not ok."""
        ...

    def schema_version(self) -> int:
        """The schema version of the database (0 when it does not exist yet)."""
        ...
