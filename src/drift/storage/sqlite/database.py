"""One SQLite database: a writer behind a lock, a read-only reader per thread, migrations.

``SqliteDatabase`` is the ``SqlExecutor`` that the shared SQL mixins run on. File databases run
in WAL mode so readers never block the writer; each thread gets its own read-only connection the
first time it reads (sqlite3 connections must not be used by two threads at once). An in-memory
database has a single connection, used for reads and writes alike under the lock, so reads see
the writes (DECISIONS #5).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from drift.errors import EngineClosed, NotFound, StorageError
from drift.storage.sql.executor import Params, Row, SqlWriter
from drift.storage.sqlite.connection import MEMORY, open_reader, open_writer, translate
from drift.storage.sqlite.migrations import Migration, migrate


class _ConnectionWriter:
    """The ``SqlWriter`` handed out inside a transaction: statements on one connection."""

    __slots__ = ("_conn", "_label")

    def __init__(self, conn: sqlite3.Connection, label: str) -> None:
        self._conn = conn
        self._label = label

    def write(self, sql: str, params: Params = ()) -> int:
        try:
            return self._conn.execute(sql, params).rowcount
        except sqlite3.Error as error:
            raise translate(error, self._label) from error

    def write_returning_id(self, sql: str, params: Params = ()) -> int:
        try:
            row = self._conn.execute(sql, params).fetchone()
        except sqlite3.Error as error:
            raise translate(error, self._label) from error
        if row is None:
            raise NotFound(f"{self._label}: the insert returned no id")
        return int(row[0])

    def write_many(self, sql: str, rows: Iterable[Params]) -> int:
        try:
            return self._conn.executemany(sql, rows).rowcount
        except sqlite3.Error as error:
            raise translate(error, self._label) from error

    def read_one(self, sql: str, params: Params = ()) -> Row | None:
        try:
            row: Row | None = self._conn.execute(sql, params).fetchone()
        except sqlite3.Error as error:
            raise translate(error, self._label) from error
        return row

    def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise translate(error, self._label) from error


class SqliteDatabase:
    """A migrated SQLite database and the connections Drift holds on it."""

    def __init__(
        self,
        path: str | Path,
        migrations: tuple[Migration, ...],
        *,
        clock: Callable[[], int],
        label: str | None = None,
    ) -> None:
        self.path = str(path)
        self.in_memory = self.path == MEMORY
        self.label = label or self.path
        self.now = clock  # SqlExecutor.now: the clock itself, no wrapper call per write
        self._lock = threading.RLock()
        # `.cursor`: this thread's cursor on its read-only connection, once it has read. Public
        # for the engine's hot reads, which run on it directly (see SqliteDriftStorage).
        self.per_thread = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        try:
            self._writer = open_writer(self.path)
        except sqlite3.Error as error:
            raise translate(error, self.label) from error
        try:
            self.schema_version = migrate(self._writer, migrations, self.label)
        except sqlite3.Error as error:
            self._writer.close()
            raise translate(error, self.label) from error
        except StorageError:
            self._writer.close()
            raise
        self._tx = _ConnectionWriter(self._writer, self.label)
        self._write_cursor = self._writer.cursor()  # reused under the lock, as the readers'

    # -- SqlExecutor --------------------------------------------------------------------------

    def _reader(self) -> sqlite3.Cursor:
        """This thread's cursor on its read-only connection, opened on its first read.

        One cursor per thread, reused: ``conn.execute`` would build and free a cursor object
        on every call, a measurable share of a point lookup.
        """
        try:
            cursor: sqlite3.Cursor = self.per_thread.cursor
        except AttributeError:
            pass
        else:
            return cursor
        self._check_open()
        try:
            conn = open_reader(self.path)
        except sqlite3.Error as error:
            raise translate(error, self.label) from error
        with self._readers_lock:
            self._readers.append(conn)
        cursor = self.per_thread.cursor = conn.cursor()
        return cursor

    def failure(self, error: sqlite3.Error) -> StorageError:
        """The StorageError for a failed read on a thread's reader."""
        # After close() a thread's cached reader is closed too: say so, not "closed database".
        if self._closed:
            return EngineClosed(f"{self.label}: the storage engine is closed")
        return translate(error, self.label)

    def read_one(self, sql: str, params: Params = ()) -> Row | None:
        try:
            cursor: sqlite3.Cursor = self.per_thread.cursor  # inlined _reader(): the hot path
        except AttributeError:
            if self.in_memory:
                with self._lock:
                    self._check_open()
                    return self._tx.read_one(sql, params)
            cursor = self._reader()
        try:
            row: Row | None = cursor.execute(sql, params).fetchone()
            # sqlite3 steps past a row as it returns it, so a one-row result is already reset
            # and its read transaction over. With more rows the statement would stay open
            # (and hold its WAL snapshot) until this thread's next read: end it now.
            if row is not None and cursor.fetchone() is not None:
                self.per_thread.cursor = cursor.connection.cursor()
                cursor.close()
        except sqlite3.Error as error:
            raise self.failure(error) from error
        return row

    def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        if self.in_memory:
            with self._lock:
                self._check_open()
                return self._tx.read_all(sql, params)
        cursor = self._reader()
        try:
            return cursor.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise self.failure(error) from error

    def read_value(self, sql: str, params: Params = ()) -> Any:
        row = self.read_one(sql, params)
        return None if row is None else row[0]

    def write(self, sql: str, params: Params = ()) -> int:
        # acquire/release, not `with`: half the cost on the hottest write path.
        lock = self._lock
        lock.acquire()
        try:
            if self._closed:
                raise EngineClosed(f"{self.label}: the storage engine is closed")
            return self._write_cursor.execute(sql, params).rowcount
        except sqlite3.Error as error:
            raise translate(error, self.label) from error
        finally:
            lock.release()

    def write_returning_id(self, sql: str, params: Params = ()) -> int:
        with self._lock:
            self._check_open()
            return self._tx.write_returning_id(sql, params)

    def write_many(self, sql: str, rows: Iterable[Params]) -> int:
        batch = rows if isinstance(rows, list) else list(rows)
        if len(batch) == 1:
            # A single statement in autocommit mode is already its own atomic transaction;
            # skipping BEGIN/COMMIT saves two round trips on the hot one-row path.
            return self.write(sql, batch[0])
        with self.transaction() as tx:
            return tx.write_many(sql, batch)

    @contextmanager
    def transaction(self) -> Iterator[SqlWriter]:
        with self._lock:
            self._check_open()
            try:
                self._writer.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise translate(error, self.label) from error
            try:
                yield self._tx
            except BaseException:
                self._rollback()
                raise
            try:
                self._writer.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback()
                raise translate(error, self.label) from error

    def _rollback(self) -> None:
        if self._writer.in_transaction:
            try:
                self._writer.execute("ROLLBACK")
            except sqlite3.Error as error:
                raise translate(error, self.label) from error

    # -- engine support ----------------------------------------------------------------------

    @contextmanager
    def writer_connection(self) -> Iterator[sqlite3.Connection]:
        """The writer connection, locked, for engine-level work (pragmas, backup, checkpoint)."""
        with self._lock:
            self._check_open()
            yield self._writer

    def pragma_value(self, name: str) -> Any:
        with self.writer_connection() as conn:
            try:
                row = conn.execute(f"PRAGMA {name}").fetchone()
            except sqlite3.Error as error:
                raise translate(error, self.label) from error
        return None if row is None else row[0]

    @property
    def closed(self) -> bool:
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise EngineClosed(f"{self.label}: the storage engine is closed")

    def close(self) -> None:
        """Close every reader, checkpoint the WAL into the main file, close the writer.

        The writer closes last: SQLite removes the ``-wal`` and ``-shm`` files when the last
        connection to a WAL database closes cleanly.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with self._readers_lock:
                readers, self._readers = self._readers, []
            for conn in readers:
                conn.close()
            try:
                if not self.in_memory:
                    self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as error:
                raise translate(error, self.label) from error
            finally:
                self._writer.close()
