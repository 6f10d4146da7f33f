"""Shared SQL for the `analysis` domain, and the `SqlDriftAnalysis` mixin built on it.

The domain is large, so its queries live in three sibling modules (``callgraph``, ``detections``,
``patterns``); this module holds scan history and composes the whole protocol.
"""

from __future__ import annotations

from collections.abc import Sequence

from drift.errors import NotFound
from drift.records.analysis import ScanHistoryRow
from drift.records.validation import check_int, check_limit, check_opt_str, check_str
from drift.storage.sql.callgraph import SqlCallGraph
from drift.storage.sql.detections import SqlDetections
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter
from drift.storage.sql.patterns import SqlPatterns

SCAN_STATUS_RUNNING = "running"

SCAN_COLUMNS = (
    "id, started_at, completed_at, root_path, total_files, added_files, modified_files, "
    "removed_files, unchanged_files, duration_ms, status, error"
)
INSERT_SCAN_START = (
    "INSERT INTO scan_history (started_at, root_path, status) VALUES (?, ?, ?) RETURNING id"
)
INSERT_SCAN_HISTORY = """
INSERT INTO scan_history (started_at, completed_at, root_path, total_files, added_files,
                          modified_files, removed_files, unchanged_files, duration_ms, status,
                          error)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_SCAN_COMPLETE = """
UPDATE scan_history SET completed_at = ?, total_files = ?, added_files = ?, modified_files = ?,
    removed_files = ?, unchanged_files = ?, duration_ms = ?, status = ?, error = ?
WHERE id = ?
"""
SELECT_RECENT_SCANS = (
    f"SELECT {SCAN_COLUMNS} FROM scan_history ORDER BY started_at DESC, id DESC LIMIT ?"
)
COUNT_SCANS = "SELECT COUNT(*) FROM scan_history"


def scan_from_row(row: Row) -> ScanHistoryRow:
    """Build a record from a row selected with ``SCAN_COLUMNS``."""
    return ScanHistoryRow(
        id=row[0],
        started_at=row[1],
        completed_at=row[2],
        root_path=row[3],
        total_files=row[4],
        added_files=row[5],
        modified_files=row[6],
        removed_files=row[7],
        unchanged_files=row[8],
        duration_ms=row[9],
        status=row[10],
        error=row[11],
    )


def do_insert_scan_start(w: SqlWriter, started_at: int, root_path: str) -> int:
    """Record a running scan; returns its id."""
    return w.write_returning_id(INSERT_SCAN_START, (started_at, root_path, SCAN_STATUS_RUNNING))


def do_insert_scan_history(w: SqlWriter, rows: Sequence[ScanHistoryRow]) -> int:
    """Append scan rows as given (input id ignored); returns rows inserted."""
    params = [
        (
            r.started_at,
            r.completed_at,
            r.root_path,
            r.total_files,
            r.added_files,
            r.modified_files,
            r.removed_files,
            r.unchanged_files,
            r.duration_ms,
            r.status,
            r.error,
        )
        for r in rows
    ]
    return w.write_many(INSERT_SCAN_HISTORY, params) if params else 0


def do_update_scan_complete(  # noqa: PLR0917 (mirrors the protocol method)
    w: SqlWriter,
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
    """Set the outcome of scan ``id``; NotFound when there is no such scan."""
    changed = w.write(
        UPDATE_SCAN_COMPLETE,
        (
            completed_at,
            total_files,
            added_files,
            modified_files,
            removed_files,
            unchanged_files,
            duration_ms,
            status,
            error,
            id,
        ),
    )
    if changed == 0:
        raise NotFound(f"no scan with id {id}")


class SqlDriftAnalysis(SqlCallGraph, SqlDetections, SqlPatterns):
    """``IDriftAnalysis`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def insert_scan_start(self, started_at: int, root_path: str) -> int:
        check_int("started_at", started_at)
        check_str("root_path", root_path)
        return do_insert_scan_start(self._db, started_at, root_path)

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
        do_update_scan_complete(
            self._db,
            id,
            completed_at,
            total_files,
            added_files,
            modified_files,
            removed_files,
            unchanged_files,
            duration_ms,
            status,
            error,
        )

    def query_recent_scans(self, limit: int) -> list[ScanHistoryRow]:
        rows = self._db.read_all(SELECT_RECENT_SCANS, (check_limit(limit),))
        return [scan_from_row(row) for row in rows]

    def count_scans(self) -> int:
        return int(self._db.read_value(COUNT_SCANS))
