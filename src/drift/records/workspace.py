"""What ``IWorkspaceStorage`` reports about a workspace (reference storage.md §4.7)."""

from __future__ import annotations

from drift.records.record import Record


class WorkspaceStatus(Record, frozen=True):
    initialized: bool
    db_path: str | None
    schema_version: int
    file_count: int
    db_size_bytes: int
    wal_size_bytes: int


class ProjectInfo(Record, frozen=True):
    root_path: str
    name: str
    language_breakdown: tuple[tuple[str, int], ...]
    total_files: int
    total_functions: int
    total_patterns: int
    last_scan_at: int | None


class WorkspaceContext(Record, frozen=True):
    root_path: str
    languages: tuple[str, ...]
    frameworks: tuple[str, ...]
    file_count: int
    function_count: int
    pattern_count: int
    boundary_count: int
    detection_count: int


class GcStats(Record, frozen=True):
    orphan_files_removed: int = 0
    stale_cache_entries_removed: int = 0
    old_trend_rows_removed: int = 0
    wal_checkpointed: bool = False
    freed_bytes: int = 0


class BackupResult(Record, frozen=True):
    destination: str
    size_bytes: int
    duration_ms: int


class IntegrityResult(Record, frozen=True):
    ok: bool
    issues: tuple[str, ...]
