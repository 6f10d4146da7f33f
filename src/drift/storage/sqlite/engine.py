"""``SqliteDriftStorage``: every drift protocol on one SQLite database (drift.db)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from drift.records.batch import BatchCommand, WriteStats, check_command, decode_command
from drift.records.validation import check_bytes, check_str
from drift.storage.clock import system_clock
from drift.storage.sql.advanced import SqlDriftAdvanced
from drift.storage.sql.analysis import SqlDriftAnalysis
from drift.storage.sql.enforcement import SqlDriftEnforcement
from drift.storage.sql.files import SqlDriftFiles
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
