"""What ``IWorkspaceStorage`` reports about a workspace (reference storage.md §4.7)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WorkspaceStatus:
    initialized: bool
    db_path: str | None
    schema_version: int
    file_count: int
    db_size_bytes: int
    wal_size_bytes: int


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    root_path: str
    name: str
    language_breakdown: tuple[tuple[str, int], ...]
    total_files: int
    total_functions: int
    total_patterns: int
    last_scan_at: int | None


@dataclass(frozen=True, slots=True)
class WorkspaceContext:
    root_path: str
    languages: tuple[str, ...]
    frameworks: tuple[str, ...]
    file_count: int
    function_count: int
    pattern_count: int
    boundary_count: int
    detection_count: int


@dataclass(frozen=True, slots=True)
class GcStats:
    orphan_files_removed: int = 0
    stale_cache_entries_removed: int = 0
    old_trend_rows_removed: int = 0
    wal_checkpointed: bool = False
    freed_bytes: int = 0


@dataclass(frozen=True, slots=True)
class BackupResult:
    destination: str
    size_bytes: int
    duration_ms: int


@dataclass(frozen=True, slots=True)
class IntegrityResult:
    ok: bool
    issues: tuple[str, ...]
