"""The `batch` domain in plain Python: the `MemoryDriftBatch` mixin.

There is no queue: each command is applied at once under the engine's lock, which is what a
flushed batch looks like to readers. The counters behave as the SQLite writer's do: rows written
per table, files deleted, and one flush per flush request that had something to commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from drift.errors import EngineClosed, StorageError
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
    WriteStats,
    check_command,
    decode_command,
)

if TYPE_CHECKING:
    from drift.storage.memory.analysis import MemoryDriftAnalysis
    from drift.storage.memory.files import MemoryDriftFiles

    class _Domains(MemoryDriftFiles, MemoryDriftAnalysis):
        """What the engine mixes in next to this class: the tables the commands write."""

else:
    from drift.storage.memory.core import MemoryCore as _Domains

# (engine, command) -> rows written; the command's ``stats_field`` names the counter.
_Handler = Callable[["MemoryDriftBatch", Any], int]


def _delete_files(engine: MemoryDriftBatch, command: DeleteFileMetadata) -> int:
    deleted = 0
    for path in command.paths:
        # Call edges first: they are found through the file's functions.
        engine._delete_edges_by_file(path)
        engine._delete_functions_by_file(path)
        engine._delete_detections_by_file(path)
        engine._delete_boundaries_by_file(path)
        deleted += engine._delete_file_metadata(path)
    return deleted


def _replace_detections(engine: MemoryDriftBatch, command: ReplaceFileDetections) -> int:
    engine._delete_detections_by_file(command.file)
    return engine._insert_detections(command.rows)


_HANDLERS: dict[type[BatchCommand], _Handler] = {
    UpsertFileMetadata: lambda e, c: e._upsert_file_metadata(c.rows),
    DeleteFileMetadata: _delete_files,
    InsertParseCache: lambda e, c: sum(
        e._insert_parse_cache(r.content_hash, r.language, r.parse_result_json, r.created_at)
        for r in c.rows
    ),
    InsertFunctions: lambda e, c: e._upsert_functions(c.rows),
    InsertCallEdges: lambda e, c: e._insert_call_edges(c.rows),
    InsertDetections: lambda e, c: e._insert_detections(c.rows),
    ReplaceFileDetections: _replace_detections,
    InsertBoundaries: lambda e, c: e._insert_boundaries(c.rows),
    InsertPatternConfidence: lambda e, c: sum(e._upsert_confidence(r) for r in c.rows),
    InsertOutliers: lambda e, c: sum(e._insert_outlier(r) for r in c.rows),
    InsertConventions: lambda e, c: sum(e._insert_convention(r) for r in c.rows),
    InsertScanHistory: lambda e, c: e._insert_scan_history(c.rows),
}


class MemoryDriftBatch(_Domains):
    """``IDriftBatchWriter``: commands applied immediately, with real counters."""

    _batch_stats: WriteStats
    _batch_pending: bool
    _batch_failures: list[str]
    _batch_stopped: bool

    def _init_batch(self) -> None:
        self._batch_stats = WriteStats()
        self._batch_pending = False
        self._batch_failures = []
        self._batch_stopped = False

    def _check_batch_open(self) -> None:
        if self._batch_stopped:
            raise EngineClosed("the batch writer is shut down")

    def _apply_batch_command(self, command: BatchCommand) -> None:
        handler = _HANDLERS.get(type(command))
        if handler is None:
            raise TypeError(f"not a batch command: {type(command).__name__}")
        try:
            written = handler(self, command)
        except StorageError as error:
            # As on SQLite: a failed command is reported by the next flush_sync, not by send.
            self._batch_failures.append(f"{type(command).__name__}: {error}")
            return
        self._batch_stats = self._batch_stats.plus({command.stats_field: written})
        self._batch_pending = True

    def _commit_batch(self) -> WriteStats:
        if self._batch_pending:
            self._batch_stats = self._batch_stats.plus({"flushes": 1})
            self._batch_pending = False
        failures, self._batch_failures = self._batch_failures, []
        if failures:
            raise StorageError(f"{len(failures)} batch command(s) failed; first: {failures[0]}")
        return self._batch_stats

    def send_raw(self, command_name: str, payload: bytes) -> None:
        self.send_batch(decode_command(command_name, payload))

    def send_batch(self, command: BatchCommand) -> None:
        check_command(command)
        with self._lock:
            self._check_batch_open()
            self._apply_batch_command(command)

    def flush(self) -> None:
        with self._lock:
            self._check_batch_open()
            if self._batch_pending:
                self._batch_stats = self._batch_stats.plus({"flushes": 1})
                self._batch_pending = False

    def flush_sync(self) -> WriteStats:
        with self._lock:
            self._check_batch_open()
            return self._commit_batch()

    def stats(self) -> WriteStats:
        with self._lock:
            return self._batch_stats

    def shutdown(self) -> WriteStats:
        with self._lock:
            if self._batch_stopped:
                return self._batch_stats
            self._batch_stopped = True
            return self._commit_batch()
