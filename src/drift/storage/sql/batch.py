"""Applying batch commands with the shared SQL: what the batch writer runs in its transaction.

``apply_command`` runs one ``BatchCommand`` on the caller's ``SqlWriter`` (inside the caller's
transaction) by calling the same ``do_*`` functions the protocol methods use, and returns the
``WriteStats`` counters to raise. Commands must already be validated
(``drift.records.batch.check_command``), which ``send_batch`` does when a command is sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from drift.records.batch import (
    BatchCommand,
    DeleteFileMetadata,
    InsertBoundaries,
    InsertCallEdges,
    InsertConventions,
    InsertDetections,
    InsertFunctions,
    InsertOutliers,
    InsertParseCache,
    InsertPatternConfidence,
    InsertScanHistory,
    ReplaceFileDetections,
    UpsertFileMetadata,
)
from drift.storage.sql.analysis import do_insert_scan_history
from drift.storage.sql.callgraph import (
    do_delete_edges_by_file,
    do_delete_functions_by_file,
    do_insert_call_edges,
    do_upsert_functions,
)
from drift.storage.sql.detections import (
    do_delete_boundaries_by_file,
    do_delete_detections_by_file,
    do_insert_boundaries,
    do_insert_detections,
)
from drift.storage.sql.executor import SqlWriter
from drift.storage.sql.files import (
    do_delete_file_metadata,
    do_insert_parse_cache,
    do_upsert_file_metadata,
)
from drift.storage.sql.patterns import do_insert_convention, do_insert_outlier, do_upsert_confidence

# (writer, command, now) -> rows written; the command's ``stats_field`` names the counter.
_Handler = Callable[[SqlWriter, Any, int], int]


def delete_file_rows(w: SqlWriter, path: str) -> int:
    """Remove a file and the rows derived from it; returns 1 if its metadata existed.

    Call edges go first: they are found through the file's functions.
    """
    do_delete_edges_by_file(w, path)
    do_delete_functions_by_file(w, path)
    do_delete_detections_by_file(w, path)
    do_delete_boundaries_by_file(w, path)
    return do_delete_file_metadata(w, path)


def _delete_files(w: SqlWriter, command: DeleteFileMetadata, now: int) -> int:
    return sum(delete_file_rows(w, path) for path in command.paths)


def _parse_cache(w: SqlWriter, command: InsertParseCache, now: int) -> int:
    return sum(
        do_insert_parse_cache(w, r.content_hash, r.language, r.parse_result_json, r.created_at)
        for r in command.rows
    )


def _replace_detections(w: SqlWriter, command: ReplaceFileDetections, now: int) -> int:
    do_delete_detections_by_file(w, command.file)
    return do_insert_detections(w, command.rows, now)


_HANDLERS: dict[type[BatchCommand], _Handler] = {
    UpsertFileMetadata: lambda w, c, now: do_upsert_file_metadata(w, c.rows),
    DeleteFileMetadata: _delete_files,
    InsertParseCache: _parse_cache,
    InsertFunctions: lambda w, c, now: do_upsert_functions(w, c.rows),
    InsertCallEdges: lambda w, c, now: do_insert_call_edges(w, c.rows),
    InsertDetections: lambda w, c, now: do_insert_detections(w, c.rows, now),
    ReplaceFileDetections: _replace_detections,
    InsertBoundaries: lambda w, c, now: do_insert_boundaries(w, c.rows, now),
    InsertPatternConfidence: lambda w, c, now: sum(do_upsert_confidence(w, r) for r in c.rows),
    InsertOutliers: lambda w, c, now: sum(do_insert_outlier(w, r, now) for r in c.rows),
    InsertConventions: lambda w, c, now: sum(do_insert_convention(w, r) for r in c.rows),
    InsertScanHistory: lambda w, c, now: do_insert_scan_history(w, c.rows),
}


def apply_command(w: SqlWriter, command: BatchCommand, now: int | None = None) -> dict[str, int]:
    """Apply ``command`` in the caller's transaction; returns ``{WriteStats field: increment}``.

    ``now`` stamps rows whose time the database supplies (detections, boundaries, outliers);
    engines pass their clock's time so that tests control it.
    """
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise TypeError(f"not a batch command: {type(command).__name__}")
    written = handler(w, command, int(time.time()) if now is None else now)
    return {command.stats_field: written}
