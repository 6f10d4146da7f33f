"""The batch-writer thread: bulk writes off the caller's thread, many per transaction.

Callers ``send`` typed commands into a bounded queue (a full queue blocks the sender: back-pressure
instead of unbounded memory). One thread applies them on its own connection, up to
``max_batch`` commands per transaction, committing early when the queue has been idle for
``idle_seconds``. One bad command is reported at the next ``flush_sync`` without losing the others,
and counters count committed rows only.

Commands are applied optimistically, with no savepoint of their own: an open savepoint makes
SQLite copy every page a command first touches into a sub-journal, which cost a fifth to a third
of the writer's time on bulk inserts. When a command fails, the whole transaction is rolled back
and replayed with a savepoint per command, so the failing one is rolled back alone and the rest
commit: failures are rare, and the replay makes them cost what every command used to.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from dataclasses import dataclass, field

from drift.errors import EngineClosed, StorageError
from drift.records.batch import BatchCommand, WriteStats
from drift.storage.sql.batch import apply_command
from drift.storage.sql.executor import SqlWriter
from drift.storage.sqlite.connection import open_writer, translate
from drift.storage.sqlite.database import SqliteDatabase, _ConnectionWriter

QUEUE_CAPACITY = 1024
MAX_BATCH = 500
IDLE_SECONDS = 0.1


@dataclass
class _Flush:
    """Commit what is pending; ``done`` is set once it is committed (for flush_sync)."""

    done: threading.Event = field(default_factory=threading.Event)
    error: StorageError | None = None
    stats: WriteStats | None = None
    # Only a waiting caller (flush_sync) is told about failures; a plain flush leaves them
    # for the next flush_sync, so none is ever dropped unseen.
    waited: bool = False


@dataclass
class _Shutdown:
    done: threading.Event = field(default_factory=threading.Event)
    error: StorageError | None = None
    stats: WriteStats | None = None


_Message = BatchCommand | _Flush | _Shutdown


@dataclass
class _OpenBatch:
    """The writer thread's open transaction on a file database."""

    writer: SqlWriter
    now: int  # one timestamp for every row of the transaction
    # Applied so far, kept for the replay should a later command fail.
    commands: list[BatchCommand] = field(default_factory=list)
    increments: dict[str, int] = field(default_factory=dict)


class SqliteBatchWriter:
    """Owns the batch thread and its connection for one drift database."""

    def __init__(
        self,
        database: SqliteDatabase,
        *,
        capacity: int = QUEUE_CAPACITY,
        max_batch: int = MAX_BATCH,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self._database = database
        self._label = database.label
        self._max_batch = max_batch
        self._idle = idle_seconds
        self._queue: queue.Queue[_Message] = queue.Queue(maxsize=capacity)
        self._counts: dict[str, int] = dict.fromkeys(_STAT_FIELDS, 0)
        self._counts_lock = threading.Lock()
        self._failures: list[str] = []
        self._send_lock = threading.Lock()
        self._stopped = False
        self._conn: sqlite3.Connection | None = None
        if not database.in_memory:
            try:
                self._conn = open_writer(database.path)
            except sqlite3.Error as error:
                raise translate(error, self._label) from error
        self._thread = threading.Thread(
            target=self._run, name=f"drift-batch-writer:{self._label}", daemon=True
        )
        self._thread.start()

    # -- caller side ---------------------------------------------------------------------------

    def send(self, command: BatchCommand) -> None:
        self._put(command)

    def flush(self) -> None:
        self._put(_Flush())

    def flush_sync(self) -> WriteStats:
        message = _Flush(waited=True)
        self._put(message)
        message.done.wait()
        if message.error is not None:
            raise message.error
        return message.stats if message.stats is not None else self.stats()

    def stats(self) -> WriteStats:
        with self._counts_lock:
            return WriteStats(**self._counts)

    def shutdown(self) -> WriteStats:
        """Commit everything queued, stop the thread, close its connection. Idempotent."""
        with self._send_lock:
            if self._stopped:
                return self.stats()
            self._stopped = True
            message = _Shutdown()
            self._queue.put(message)
        self._thread.join()
        if message.error is not None:
            raise message.error
        return self.stats()

    def _put(self, message: _Message) -> None:
        # The lock only guards the stopped flag and the hand-off; a full queue blocks here,
        # which is the back-pressure the design asks for.
        with self._send_lock:
            if self._stopped:
                raise EngineClosed(f"{self._label}: the batch writer is shut down")
            self._queue.put(message)

    # -- writer thread -----------------------------------------------------------------------

    def _run(self) -> None:
        # A file database keeps its transaction open while commands arrive, so the caller's
        # thread prepares the next command while this one writes. In memory the connection is
        # shared with readers, so commands wait in a list and are applied in one go.
        batch: _OpenBatch | None = None
        pending: list[BatchCommand] = []
        while True:
            busy = batch is not None or bool(pending)
            try:
                message = self._queue.get(timeout=self._idle if busy else None)
            except queue.Empty:
                self._finish(batch, pending)
                batch, pending = None, []
                continue
            if isinstance(message, (_Flush, _Shutdown)):
                self._finish(batch, pending)
                batch, pending = None, []
                if isinstance(message, _Shutdown):
                    self._acknowledge(message)
                    if self._conn is not None:
                        self._conn.close()
                        self._conn = None
                    message.done.set()
                    return
                if message.waited:
                    self._acknowledge(message)
            elif self._conn is None:
                pending.append(message)
                if len(pending) >= self._max_batch:
                    self._finish(None, pending)
                    pending = []
            else:
                batch = batch or self._begin()
                if batch is None:
                    self._failures.append(f"{type(message).__name__}: could not start a batch")
                    continue
                if not self._apply(batch, message):
                    batch = None  # rolled back, replayed and committed without the failure
                elif len(batch.commands) >= self._max_batch:
                    self._finish(batch, [])
                    batch = None

    def _begin(self) -> _OpenBatch | None:
        assert self._conn is not None
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            self._failures.append(f"BEGIN failed: {translate(error, self._label)}")
            return None
        return _OpenBatch(_ConnectionWriter(self._conn, self._label), self._database.now())

    def _apply(self, batch: _OpenBatch, command: BatchCommand) -> bool:
        """Apply ``command`` in the open transaction; False if it failed and the transaction
        was replayed without it (see the module docstring)."""
        try:
            applied = apply_command(batch.writer, command, batch.now)
        except Exception:
            # Whatever the failure, even a bug, the writer thread must live on, or every later
            # flush_sync would wait forever. The replay records it.
            self._replay(batch, command)
            return False
        batch.commands.append(command)
        _add(batch.increments, applied)
        return True

    def _replay(self, batch: _OpenBatch, failed: BatchCommand) -> None:
        """Roll the open transaction back, then apply its commands and ``failed`` again, each
        under a savepoint, and commit what succeeds."""
        assert self._conn is not None
        try:
            # Some errors (a full disk, say) have already rolled the transaction back.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error as error:
            lost = len(batch.commands) + 1
            self._failures.append(
                f"rollback of {lost} command(s) failed: {translate(error, self._label)}"
            )
            return
        retry = self._begin()
        if retry is None:
            return
        for index, command in enumerate([*batch.commands, failed]):
            if self._apply_one(retry.writer, index, command, retry.now, retry.increments):
                retry.commands.append(command)
        self._finish(retry, [])

    def _finish(self, batch: _OpenBatch | None, pending: list[BatchCommand]) -> None:
        """Commit the open transaction (file) or apply the waiting list (memory)."""
        if batch is not None:
            assert self._conn is not None
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as error:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                self._failures.append(
                    f"commit of {len(batch.commands)} command(s) failed: "
                    f"{translate(error, self._label)}"
                )
            else:
                self._count(batch.increments)
        if pending:
            self._commit(pending)

    def _count(self, increments: dict[str, int]) -> None:
        with self._counts_lock:
            for name, value in increments.items():
                self._counts[name] = self._counts.get(name, 0) + value
            self._counts["flushes"] += 1

    def _acknowledge(self, message: _Flush | _Shutdown) -> None:
        failures, self._failures = self._failures, []
        if failures:
            message.error = StorageError(
                f"{self._label}: {len(failures)} batch command(s) failed; first: {failures[0]}"
            )
        message.stats = self.stats()
        if isinstance(message, _Flush):
            message.done.set()

    def _commit(self, pending: list[BatchCommand]) -> None:
        """Apply the waiting list in one transaction (in-memory SQLite), optimistically first."""
        if not pending:
            return
        increments: dict[str, int] = {}
        now = self._database.now()  # one timestamp for the whole transaction
        try:
            with self._database.transaction() as tx:
                for command in pending:
                    _add(increments, apply_command(tx, command, now))
        except Exception:
            # Rolled back: replay with a savepoint per command, so only the failure is lost.
            increments = {}
            try:
                with self._database.transaction() as tx:
                    for index, command in enumerate(pending):
                        self._apply_one(tx, index, command, now, increments)
            except StorageError as error:
                self._failures.append(f"commit of {len(pending)} command(s) failed: {error}")
                return
        self._count(increments)

    def _apply_one(
        self,
        tx: SqlWriter,
        index: int,
        command: BatchCommand,
        now: int,
        increments: dict[str, int],
    ) -> bool:
        """Apply ``command`` under its own savepoint; a failure is rolled back and recorded."""
        savepoint = f"cmd_{index}"
        tx.write(f"SAVEPOINT {savepoint}")
        try:
            applied = apply_command(tx, command, now)
        except Exception as error:
            tx.write(f"ROLLBACK TO {savepoint}")
            tx.write(f"RELEASE {savepoint}")
            self._failures.append(f"{type(command).__name__}: {error}")
            return False
        tx.write(f"RELEASE {savepoint}")
        _add(increments, applied)
        return True


def _add(increments: dict[str, int], applied: dict[str, int]) -> None:
    for name, value in applied.items():
        increments[name] = increments.get(name, 0) + value


_STAT_FIELDS: tuple[str, ...] = WriteStats.__struct_fields__
