"""The `analysis` domain in plain Python: the `MemoryDriftAnalysis` mixin.

Functions and call edges, detections and boundaries, and patterns live in sibling modules; this
one holds scan history and composes the protocol.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from drift.errors import NotFound
from drift.records.analysis import ScanHistoryRow
from drift.records.validation import check_int, check_limit, check_opt_str, check_str
from drift.storage.memory.callgraph import MemoryCallGraph
from drift.storage.memory.detections import MemoryDetections
from drift.storage.memory.patterns import MemoryPatterns


class MemoryDriftAnalysis(MemoryCallGraph, MemoryDetections, MemoryPatterns):
    """``IDriftAnalysis`` over dicts."""

    _t_scan_history: dict[int, ScanHistoryRow]

    def _init_analysis(self) -> None:
        self._init_callgraph()
        self._init_detections()
        self._init_patterns()
        self._t_scan_history = {}

    # -- writes shared with the batch writer (lock held, arguments checked) -------------------

    def _insert_scan_history(self, rows: Sequence[ScanHistoryRow]) -> int:
        for row in rows:
            new_id = self._next_id("scan_history")
            self._t_scan_history[new_id] = replace(row, id=new_id)
        return len(rows)

    # -- IDriftAnalysis: scan history ---------------------------------------------------------

    def insert_scan_start(self, started_at: int, root_path: str) -> int:
        check_int("started_at", started_at)
        check_str("root_path", root_path)
        with self._lock:
            new_id = self._next_id("scan_history")
            self._t_scan_history[new_id] = ScanHistoryRow(
                id=new_id,
                started_at=started_at,
                completed_at=None,
                root_path=root_path,
                total_files=None,
                added_files=None,
                modified_files=None,
                removed_files=None,
                unchanged_files=None,
                duration_ms=None,
                status="running",
                error=None,
            )
            return new_id

    def update_scan_complete(  # noqa: PLR0917 (the reference's positional signature)
        self,
        id: int,
        completed_at: int,
        total_files: int,
        added_files: int,
        modified_files: int,
        removed_files: int,
        unchanged_files: int,
        duration_ms: int,
        status: str,
        error: str | None,
    ) -> None:
        check_int("id", id)
        check_int("completed_at", completed_at)
        check_int("total_files", total_files)
        check_int("added_files", added_files)
        check_int("modified_files", modified_files)
        check_int("removed_files", removed_files)
        check_int("unchanged_files", unchanged_files)
        check_int("duration_ms", duration_ms)
        check_str("status", status)
        check_opt_str("error", error)
        with self._lock:
            row = self._t_scan_history.get(id)
            if row is None:
                raise NotFound(f"no scan with id {id}")
            self._t_scan_history[id] = replace(
                row,
                completed_at=completed_at,
                total_files=total_files,
                added_files=added_files,
                modified_files=modified_files,
                removed_files=removed_files,
                unchanged_files=unchanged_files,
                duration_ms=duration_ms,
                status=status,
                error=error,
            )

    def query_recent_scans(self, limit: int) -> list[ScanHistoryRow]:
        count = check_limit(limit)
        with self._lock:
            rows = list(self._t_scan_history.values())
        return sorted(rows, key=lambda row: (row.started_at, row.id), reverse=True)[:count]

    def count_scans(self) -> int:
        with self._lock:
            return len(self._t_scan_history)
