"""``MemoryWorkspaceStorage``: the workspace view of a ``memory://`` drift engine.

Status, project info, context and garbage collection work on the engine's tables; backup,
export and import raise ``NotSupported`` (there is no file to copy), as the reference requires
of every backend that is not a local database file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from drift.errors import NotSupported
from drift.records.validation import check_str
from drift.records.workspace import (
    BackupResult,
    GcStats,
    IntegrityResult,
    ProjectInfo,
    WorkspaceContext,
    WorkspaceStatus,
)
from drift.storage.clock import system_clock
from drift.storage.retention import TREND_RETENTION_SECONDS, TREND_ROWS_KEPT

if TYPE_CHECKING:
    from drift.storage.memory.analysis import MemoryDriftAnalysis
    from drift.storage.memory.enforcement import MemoryDriftEnforcement
    from drift.storage.memory.files import MemoryDriftFiles

    class _Tables(MemoryDriftFiles, MemoryDriftAnalysis, MemoryDriftEnforcement):
        """What the engine mixes in next to this class: the tables the workspace reads."""

else:
    from drift.storage.memory.core import MemoryCore as _Tables

# The in-memory backend has no schema of its own; it reports the version of the SQLite schema
# whose behaviour it reproduces, so status output reads the same on both.
MEMORY_SCHEMA_VERSION = 4
_REASON = "memory:// keeps its data in this process only; there is no database file to copy"


class MemoryWorkspaceSupport(_Tables):
    """Workspace queries over the engine's own tables (mixed into ``MemoryDriftStorage``)."""

    def workspace_counts(self) -> dict[str, int]:
        """Row counts of the tables the workspace reports on."""
        with self._lock:
            return {
                "files": len(self._t_file_metadata),
                "functions": len(self._t_functions),
                "patterns": len(self._t_pattern_confidence),
                "boundaries": len(self._t_boundaries),
                "detections": len(self._t_detections),
            }

    def language_breakdown(self) -> tuple[tuple[str, int], ...]:
        """Files per language, most files first, ties by name."""
        with self._lock:
            counts: dict[str, int] = {}
            for row in self._t_file_metadata.values():
                if row.language is not None:
                    counts[row.language] = counts.get(row.language, 0) + 1
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def frameworks(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(sorted({row.framework for row in self._t_boundaries.values()}))

    def last_scan_started(self) -> int | None:
        with self._lock:
            starts = [row.started_at for row in self._t_scan_history.values()]
        return max(starts) if starts else None

    def collect_garbage(self) -> tuple[int, int, int]:
        """Drop rows of files no longer in file_metadata, unused parse-cache entries and old
        health-trend samples (``drift.storage.retention``).

        Returns (files whose rows were removed, stale cache entries removed, trend samples
        removed), matching the SQLite workspace's ``gc``.
        """
        with self._lock:
            trends = self._prune_trends(self._now() - TREND_RETENTION_SECONDS)
            known = set(self._t_file_metadata)
            orphans = {row.file for row in self._t_functions.values() if row.file not in known}
            orphans |= {row.file for row in self._t_detections.values() if row.file not in known}
            orphans |= {row.file for row in self._t_boundaries.values() if row.file not in known}
            dead = {fid for fid, row in self._t_functions.items() if row.file not in known}
            edges = self._t_call_edges
            for key in [k for k, e in edges.items() if dead & {e.caller_id, e.callee_id}]:
                del edges[key]
            for file in orphans:
                self._delete_functions_by_file(file)
            for detection_id in [k for k, r in self._t_detections.items() if r.file not in known]:
                del self._t_detections[detection_id]
            for boundary_id in [k for k, r in self._t_boundaries.items() if r.file not in known]:
                del self._t_boundaries[boundary_id]
            hashes = {bytes(row.content_hash) for row in self._t_file_metadata.values()}
            stale = [digest for digest in self._t_parse_cache if digest not in hashes]
            for digest in stale:
                del self._t_parse_cache[digest]
        return len(orphans), len(stale), trends

    def _prune_trends(self, cutoff: int) -> int:
        """Remove trend samples before ``cutoff`` but the newest of each live metric."""
        by_metric: dict[str, list[tuple[int, int]]] = {}
        for row_id, row in self._t_health_trends.items():
            by_metric.setdefault(row.metric_name, []).append((row.recorded_at, row_id))
        doomed: list[int] = []
        for samples in by_metric.values():
            samples.sort(reverse=True)
            live = samples[0][0] >= cutoff
            kept = {row_id for _, row_id in samples[:TREND_ROWS_KEPT]} if live else set()
            doomed += [i for at, i in samples if at < cutoff and i not in kept]
        for row_id in doomed:
            del self._t_health_trends[row_id]
        return len(doomed)

    def dangling_references(self) -> tuple[str, ...]:
        """Internal consistency: every row sits under its own id, and no id is ahead of its
        sequence (the in-memory counterpart of ``PRAGMA integrity_check``)."""
        issues: list[str] = []
        with self._lock:
            for attribute in sorted(vars(self)):
                if not attribute.startswith("_t_"):
                    continue
                table_name = attribute[3:]
                table = getattr(self, attribute)
                for key, row in table.items():
                    row_id = getattr(row, "id", None)
                    if isinstance(key, int) and row_id is not None and row_id != key:
                        issues.append(f"{table_name}: row {key} carries id {row_id}")
                    if isinstance(key, int) and key > self._seq.get(table_name, 0):
                        issues.append(f"{table_name}: id {key} is ahead of its sequence")
        return tuple(issues)


class MemoryWorkspaceStorage:
    """``IWorkspaceStorage`` for a ``MemoryDriftStorage``."""

    def __init__(
        self, drift: MemoryWorkspaceSupport, *, clock: Callable[[], int] | None = None
    ) -> None:
        self._drift = drift
        self._clock = clock or system_clock
        self._config: dict[str, str] = {}

    def initialize(self, path: str) -> None:
        root = Path(check_str("path", path)).resolve()
        self._config["root_path"] = str(root)
        self._config.setdefault("project_name", root.name)

    def status(self) -> WorkspaceStatus:
        files = self._drift.workspace_counts()["files"]
        return WorkspaceStatus(True, None, MEMORY_SCHEMA_VERSION, files, 0, 0)

    def project_info(self) -> ProjectInfo:
        counts = self._drift.workspace_counts()
        root = self._config.get("root_path", "")
        return ProjectInfo(
            root_path=root,
            name=self._config.get("project_name", Path(root).name),
            language_breakdown=self._drift.language_breakdown(),
            total_files=counts["files"],
            total_functions=counts["functions"],
            total_patterns=counts["patterns"],
            last_scan_at=self._drift.last_scan_started(),
        )

    def workspace_context(self) -> WorkspaceContext:
        counts = self._drift.workspace_counts()
        return WorkspaceContext(
            root_path=self._config.get("root_path", ""),
            languages=tuple(name for name, _ in self._drift.language_breakdown()),
            frameworks=self._drift.frameworks(),
            file_count=counts["files"],
            function_count=counts["functions"],
            pattern_count=counts["patterns"],
            boundary_count=counts["boundaries"],
            detection_count=counts["detections"],
        )

    def gc(self) -> GcStats:
        orphans, stale, trends = self._drift.collect_garbage()
        return GcStats(
            orphan_files_removed=orphans,
            stale_cache_entries_removed=stale,
            old_trend_rows_removed=trends,
        )

    def backup(self, destination: str) -> BackupResult:
        check_str("destination", destination)
        raise NotSupported("backup", _REASON)

    def export(self, destination: str) -> None:
        check_str("destination", destination)
        raise NotSupported("export", _REASON)

    def import_(self, source: str) -> None:
        check_str("source", source)
        raise NotSupported("import", _REASON)

    def integrity_check(self) -> IntegrityResult:
        """Checks what can go wrong in memory: rows that point at missing rows."""
        issues = self._drift.dangling_references()
        return IntegrityResult(not issues, issues)

    def schema_version(self) -> int:
        return MEMORY_SCHEMA_VERSION
