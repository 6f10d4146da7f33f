"""``SqliteDriftStorage``: every drift protocol on one SQLite database (drift.db)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from drift.records.batch import BatchCommand, WriteStats, check_command, decode_command
from drift.records.files import FileMetadataRow
from drift.records.validation import check_bytes, check_str
from drift.storage.clock import system_clock
from drift.storage.sql.advanced import SqlDriftAdvanced
from drift.storage.sql.analysis import SqlDriftAnalysis
from drift.storage.sql.enforcement import SqlDriftEnforcement
from drift.storage.sql.files import SELECT_FILE_METADATA, SqlDriftFiles, file_metadata_from_row
from drift.storage.sql.reader import SqlDriftReader
from drift.storage.sql.structural import SqlDriftStructural
from drift.storage.sqlite.batch import SqliteBatchWriter
from drift.storage.sqlite.database import SqliteDatabase
from drift.storage.sqlite.migrations import DRIFT_MIGRATIONS


class SqliteDriftStorage(
    SqlDriftFiles,
    SqlDriftAnalysis,
    SqlDriftStructural,
    SqlDriftEnforcement,
    SqlDriftAdvanced,
    SqlDriftReader,
):
    """drift.db on SQLite: WAL, one locked writer, a reader per thread, a batch-writer thread.

    ``path`` is a file path or ``":memory:"``. Use it as a context manager, or call ``close()``:
    that drains the batch queue, joins its thread, closes every connection and checkpoints, so
    no ``-wal``/``-shm`` files remain.
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], int] | None = None) -> None:
        # `_database` is the concrete database; the shared SQL mixins see it as `_db`.
        self._database = SqliteDatabase(path, DRIFT_MIGRATIONS, clock=clock or system_clock)
        self._db = self._database
        self._per_thread = self._database.per_thread
        try:
            self._batch = SqliteBatchWriter(self._database)
        except BaseException:
            self._database.close()
            raise

    @property
    def path(self) -> str:
        return self._database.path

    @property
    def schema_version(self) -> int:
        return self._database.schema_version

    # -- the hot read --------------------------------------------------------------------------
    # The point read a scan makes most often, run on this thread's reader cursor directly: the
    # same check, SQL and record building as the shared method it overrides, without the
    # executor call in between (a measurable share of a lookup; the storage gate allows 1 %
    # over raw sqlite3). It selects by primary key, so there is at most one row, and sqlite3
    # has already reset the statement when `fetchone` returns it: nothing stays open. Until
    # this thread has read once (and always in memory), the shared method runs.

    def get_file_metadata(self, path: str) -> FileMetadataRow | None:
        if type(path) is not str:
            check_str("path", path)
        try:
            cursor: sqlite3.Cursor = self._per_thread.cursor
        except AttributeError:
            return SqlDriftFiles.get_file_metadata(self, path)
        try:
            row = cursor.execute(SELECT_FILE_METADATA, (path,)).fetchone()
        except sqlite3.Error as error:
            raise self._database.failure(error) from error
        return None if row is None else file_metadata_from_row(row)

    # -- IDriftBatchWriter ---------------------------------------------------------------------

    def send_batch(self, command: BatchCommand) -> None:
        self._batch.send(check_command(command))

    def send_raw(self, command_name: str, payload: bytes) -> None:
        check_str("command_name", command_name)
        self._batch.send(decode_command(command_name, check_bytes("payload", payload)))

    def flush(self) -> None:
        self._batch.flush()

    def flush_sync(self) -> WriteStats:
        return self._batch.flush_sync()

    def stats(self) -> WriteStats:
        return self._batch.stats()

    def shutdown(self) -> WriteStats:
        return self._batch.shutdown()

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        if self._database.closed:
            return
        try:
            self._batch.shutdown()
        finally:
            self._database.close()

    def __enter__(self) -> SqliteDriftStorage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
