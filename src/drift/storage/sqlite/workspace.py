"""``SqliteWorkspaceStorage``: status, maintenance, backup, export and import of drift.db.

Each method opens the connection it needs and closes it before returning, so the workspace can
be inspected or maintained while a ``SqliteDriftStorage`` has the same file open (WAL lets them
share it). Backup and import use SQLite's online backup API, which copies a consistent snapshot
page by page even while other connections write. Import checks and migrates a copy of its source
before it touches drift.db, and replaces a drift.db SQLite cannot read as a file.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from drift.errors import DbCorrupt, NotFound, SchemaTooNew, StorageError
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
from drift.storage.retention import (
    EVENT_RETENTION_SECONDS,
    TREND_RETENTION_SECONDS,
    TREND_ROWS_KEPT,
)
from drift.storage.sql import workspace as q
from drift.storage.sqlite.connection import (
    make_parent_directory,
    open_writer,
    read_only_uri,
    translate,
)
from drift.storage.sqlite.database import SqliteDatabase
from drift.storage.sqlite.migrations import DRIFT_MIGRATIONS

_BACKUP_PAGES_PER_STEP = 1000
_BACKUP_SLEEP_SECONDS = 0.01
_SIDE_FILES = ("-wal", "-shm", "-journal")
_SOURCE_HINT = "import takes a file written by `drift backup` or `drift export`"


_SQLITE_HEADER = b"SQLite format 3\x00"
RUN_LOCK_FILE = "scan.lock"
"""Beside a workspace's drift.db: held by a scan, check or import for its whole run
(``drift.cli.run_lock``), and left there after it."""


class SqliteWorkspaceStorage:
    """The workspace around one drift.db file."""

    def __init__(self, db_path: str | Path, *, clock: Callable[[], int] | None = None) -> None:
        self.db_path = Path(db_path)
        self._label = str(self.db_path)
        self._clock = clock or system_clock

    # -- connections -----------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        if not self.db_path.exists():
            raise NotFound(
                f"{self._label}: no workspace database here",
                hint="run `drift scan` first to create it",
            )
        try:
            conn = sqlite3.connect(read_only_uri(self.db_path), uri=True)
        except sqlite3.Error as error:
            raise translate(error, self._label) from error
        try:
            yield conn
        except sqlite3.Error as error:
            raise translate(error, self._label) from error
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        database = SqliteDatabase(self.db_path, DRIFT_MIGRATIONS, clock=self._clock)
        try:
            with database.writer_connection() as conn:
                try:
                    yield conn
                except sqlite3.Error as error:
                    raise translate(error, self._label) from error
        finally:
            database.close()

    # -- IWorkspaceStorage ------------------------------------------------------------------

    def initialize(self, path: str) -> None:
        root = Path(check_str("path", path)).resolve()
        now = self._clock()
        with self._write() as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(q.CONFIG_UPSERT, ("root_path", str(root), now))
            conn.execute(
                "INSERT INTO workspace_config (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO NOTHING",
                ("project_name", root.name, now),
            )
            conn.execute(q.EVENT_INSERT, ("initialized", str(root), now))
            conn.execute("COMMIT")

    def status(self) -> WorkspaceStatus:
        if not self.db_path.exists():
            return WorkspaceStatus(False, str(self.db_path), 0, 0, 0, 0)
        with self._read() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            files = _count(conn, q.COUNT_FILES) if version >= 1 else 0
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        wal = self.db_path.with_name(self.db_path.name + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
        return WorkspaceStatus(True, str(self.db_path), version, files, pages * page_size, wal_size)

    def project_info(self) -> ProjectInfo:
        with self._read() as conn:
            root = _config(conn, "root_path") or ""
            name = _config(conn, "project_name") or Path(root).name
            languages = tuple(
                (str(language), int(count))
                for language, count in conn.execute(q.LANGUAGE_BREAKDOWN).fetchall()
            )
            last = conn.execute(q.LAST_SCAN_STARTED).fetchone()[0]
            return ProjectInfo(
                root_path=root,
                name=name,
                language_breakdown=languages,
                total_files=_count(conn, q.COUNT_FILES),
                total_functions=_count(conn, q.COUNT_FUNCTIONS),
                total_patterns=_count(conn, q.COUNT_PATTERNS),
                last_scan_at=None if last is None else int(last),
            )

    def workspace_context(self) -> WorkspaceContext:
        with self._read() as conn:
            languages = tuple(str(row[0]) for row in conn.execute(q.LANGUAGE_BREAKDOWN))
            frameworks = tuple(
                sorted(
                    str(row[0]) for row in conn.execute("SELECT DISTINCT framework FROM boundaries")
                )
            )
            return WorkspaceContext(
                root_path=_config(conn, "root_path") or "",
                languages=languages,
                frameworks=frameworks,
                file_count=_count(conn, q.COUNT_FILES),
                function_count=_count(conn, q.COUNT_FUNCTIONS),
                pattern_count=_count(conn, q.COUNT_PATTERNS),
                boundary_count=_count(conn, q.COUNT_BOUNDARIES),
                detection_count=_count(conn, q.COUNT_DETECTIONS),
            )

    def gc(self) -> GcStats:
        if not self.db_path.exists():
            raise NotFound(f"{self._label}: no workspace database here")
        now = self._clock()
        cutoff = now - EVENT_RETENTION_SECONDS
        trend_cutoff = now - TREND_RETENTION_SECONDS
        with self._write() as conn:
            pages_before = int(conn.execute("PRAGMA page_count").fetchone()[0])
            conn.execute("BEGIN IMMEDIATE")
            orphans = len(conn.execute(q.ORPHAN_FILES).fetchall())
            conn.execute(q.DELETE_ORPHAN_EDGES)
            conn.execute(q.DELETE_ORPHAN_FUNCTIONS)
            conn.execute(q.DELETE_ORPHAN_DETECTIONS)
            conn.execute(q.DELETE_ORPHAN_BOUNDARIES)
            stale = conn.execute(q.DELETE_STALE_PARSE_CACHE).rowcount
            stale += conn.execute(q.DELETE_OLD_EVENTS, (cutoff,)).rowcount
            trends = conn.execute(
                q.DELETE_OLD_TRENDS, (trend_cutoff, TREND_ROWS_KEPT, trend_cutoff)
            ).rowcount
            conn.execute("COMMIT")
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            # incremental_vacuum frees one page per step of its statement (each step returns
            # an empty row). execute() steps once, and the sqlite3 module resets a statement
            # without columns there, so it freed one page per gc; executescript() steps every
            # statement until it is done.
            conn.executescript("PRAGMA incremental_vacuum")
            pages_after = int(conn.execute("PRAGMA page_count").fetchone()[0])
            checkpoint = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        # What the file shrank by: the pages the vacuum handed back to the file system.
        reclaimed_pages = max(0, pages_before - pages_after)
        return GcStats(
            orphan_files_removed=orphans,
            stale_cache_entries_removed=stale,
            old_trend_rows_removed=trends,
            wal_checkpointed=checkpoint is not None and int(checkpoint[0]) == 0,
            freed_bytes=reclaimed_pages * page_size,
        )

    def backup(self, destination: str) -> BackupResult:
        target = Path(check_str("destination", destination))
        self._check_backup_target(target)
        started = time.monotonic()
        make_parent_directory(target, hint=None)
        with self._read() as source:
            try:
                copy = sqlite3.connect(str(target))
            except sqlite3.Error as error:
                raise translate(error, str(target)) from error
            try:
                source.backup(copy, pages=_BACKUP_PAGES_PER_STEP, sleep=_BACKUP_SLEEP_SECONDS)
            except sqlite3.Error as error:
                raise translate(error, str(target)) from error
            finally:
                copy.close()
        _drop_parse_cache(target)
        elapsed_ms = int((time.monotonic() - started) * 1000)
        return BackupResult(str(target), target.stat().st_size, elapsed_ms)

    def _check_backup_target(self, target: Path) -> None:
        """A backup replaces an earlier backup, never the workspace itself nor a file that is
        no database (``drift backup README.rst`` had been taken for a damaged database), nor
        another application's database (``drift backup app.db`` had replaced the tables of
        a SQLite file it never wrote), nor the database of another workspace."""
        if target.exists() and target.resolve() == self.db_path.resolve():
            raise StorageError(
                f"{target}: is the workspace database itself",
                hint="back up to another file, outside .drift/",
            )
        if target.is_dir():
            raise StorageError(f"{target}: is a directory", hint="name the backup file")
        if not target.is_file() or target.stat().st_size == 0:
            return  # a new file, or an empty one: nothing in it to lose
        with target.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
        if header != _SQLITE_HEADER:
            raise StorageError(
                f"{target}: exists and is not a database; a backup replaces only an earlier backup",
                hint="choose a new file name for the backup",
            )
        if not _is_drift_database(target):
            raise StorageError(
                f"{target}: is a database but not a Drift backup; a backup replaces only an "
                "earlier backup",
                hint="choose a new file name for the backup",
            )
        if (target.parent / RUN_LOCK_FILE).exists():
            # Every scan leaves its lock file beside the workspace's drift.db; a backup has none.
            raise StorageError(
                f"{target}: is the database of a Drift workspace ({RUN_LOCK_FILE} beside it), "
                "not a backup",
                hint="choose a new file name for the backup",
            )

    def export(self, destination: str) -> None:
        target = Path(check_str("destination", destination))
        if target.exists():
            raise StorageError(
                f"{target}: already exists", hint="choose a new file name for the export"
            )
        make_parent_directory(target, hint=None)
        with self._read() as conn:
            # A bound parameter, so no quoting of the path is ever needed.
            conn.execute("VACUUM INTO ?", (str(target),))
        _drop_parse_cache(target)

    def import_(self, source: str) -> None:
        origin = Path(check_str("source", source))
        if not origin.is_file():
            raise NotFound(f"{origin}: no such file to import")
        if origin.resolve() == self.db_path.resolve():
            # As ``backup`` refuses it: importing drift.db into itself said "imported" and
            # restored nothing.
            raise StorageError(f"{origin}: is the workspace database itself", hint=_SOURCE_HINT)
        make_parent_directory(self.db_path)
        staged = self._stage_import(origin)
        try:
            self._install(staged)
        finally:
            _remove_database(staged)

    def _stage_import(self, origin: Path) -> Path:
        """A checked copy of ``origin`` at the current schema, beside drift.db.

        Everything that can fail on the source (an unreadable or foreign file, a migration)
        fails here, before the workspace is touched. Nothing here opens drift.db either, so a
        workspace whose database is beyond opening can still be restored.
        """
        # Beside drift.db, so that moving it into place is a rename; SQLite creates the file,
        # with the permissions it gives every database.
        staged = self.db_path.with_name(f".{self.db_path.name}.import-{uuid.uuid4().hex}.tmp")
        try:
            _copy_drift_database(origin, staged)
            # An older export comes up to the current schema here; errors name the source.
            SqliteDatabase(staged, DRIFT_MIGRATIONS, clock=self._clock, label=str(origin)).close()
        except BaseException:
            _remove_database(staged)
            raise
        return staged

    def _install(self, staged: Path) -> None:
        """Make the staged copy drift.db.

        A readable drift.db is overwritten through SQLite's backup API, in one transaction, so
        engines that have it open see the imported data and never a half-written file. One that
        SQLite cannot read (the workspace a restore is for) is replaced as a file.
        """
        if self.db_path.exists():
            try:
                _backup_file(staged, self.db_path, self._label)
                return
            except DbCorrupt:
                pass  # nothing in it is readable to keep: replace the file below
        # A WAL or journal left beside a broken database would be replayed into the new one.
        for suffix in _SIDE_FILES:
            Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, self.db_path)

    def integrity_check(self) -> IntegrityResult:
        if not self.db_path.exists():
            return IntegrityResult(False, (f"{self.db_path.name} does not exist",))
        try:
            with self._read() as conn:
                rows = conn.execute("PRAGMA integrity_check").fetchall()
        except DbCorrupt as error:
            return IntegrityResult(False, (error.message,))
        issues = tuple(str(row[0]) for row in rows)
        return IntegrityResult(issues == ("ok",), () if issues == ("ok",) else issues)

    def schema_version(self) -> int:
        if not self.db_path.exists():
            return 0
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _copy_drift_database(origin: Path, target: Path) -> None:
    """Check that ``origin`` is a sound Drift database this code can read; copy it to ``target``."""
    supported = DRIFT_MIGRATIONS[-1].version
    try:
        src = sqlite3.connect(read_only_uri(origin), uri=True)
    except sqlite3.Error as error:
        raise _source_error(error, origin) from error
    try:
        try:
            result = src.execute("PRAGMA integrity_check").fetchall()
            version = int(src.execute("PRAGMA user_version").fetchone()[0])
            drift_tables = _has_drift_tables(src)
        except sqlite3.Error as error:
            raise _source_error(error, origin) from error
        if [row[0] for row in result] != ["ok"]:
            issues = "; ".join(str(row[0]) for row in result[:5])
            raise DbCorrupt(f"{origin}: fails its integrity check: {issues}", hint=_SOURCE_HINT)
        if version > supported:
            raise SchemaTooNew(str(origin), version, supported)
        if not drift_tables:
            raise DbCorrupt(
                f"{origin}: is a SQLite database but not a Drift workspace", hint=_SOURCE_HINT
            )
        try:
            copy = sqlite3.connect(str(target))
        except sqlite3.Error as error:
            raise translate(error, str(target)) from error
        try:
            src.backup(copy, pages=_BACKUP_PAGES_PER_STEP, sleep=_BACKUP_SLEEP_SECONDS)
        except sqlite3.Error as error:
            raise translate(error, str(target)) from error
        finally:
            copy.close()
    finally:
        src.close()


_DRIFT_TABLES = ("file_metadata", "scan_history")
"""Tables of Drift's first schema version, so in every Drift database, old or new."""


def _has_drift_tables(conn: sqlite3.Connection) -> bool:
    """Whether the database open on ``conn`` has Drift's own tables."""
    marks = ", ".join("?" for _ in _DRIFT_TABLES)
    found = conn.execute(
        f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ({marks})",
        _DRIFT_TABLES,
    ).fetchone()[0]
    return int(found) == len(_DRIFT_TABLES)


def _is_drift_database(path: Path) -> bool:
    """Whether the SQLite file at ``path`` is a Drift database (False when it cannot be read:
    a database Drift cannot read is no backup of it)."""
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            return _has_drift_tables(conn)
    except sqlite3.Error:
        return False


def _source_error(error: sqlite3.Error, origin: Path) -> StorageError:
    # translate()'s hint for an unusable database is about the workspace's own drift.db
    # (restore it, or delete it); the source of an import is the user's file, not ours to delete.
    failure = translate(error, str(origin))
    if isinstance(failure, DbCorrupt):
        return DbCorrupt(f"{origin}: not a Drift database ({error})", hint=_SOURCE_HINT)
    return failure


def _backup_file(source: Path, target: Path, label: str) -> None:
    """Overwrite the database at ``target`` with ``source`` in one transaction."""
    try:
        destination = open_writer(str(target))
    except sqlite3.Error as error:
        raise translate(error, label) from error
    try:
        with closing(sqlite3.connect(str(source))) as origin:
            origin.backup(destination, pages=_BACKUP_PAGES_PER_STEP, sleep=_BACKUP_SLEEP_SECONDS)
    except sqlite3.Error as error:
        raise translate(error, label) from error
    finally:
        destination.close()


def _drop_parse_cache(target: Path) -> None:
    """Leave the parse cache out of a backup or an export, then rebuild the file.

    The cache holds the string literals of the code as parsed, secrets among them (a Stripe key
    taken out of the code stayed in every export, which `git add` then committed); it is a
    cache, rebuilt by the next scan. ``VACUUM`` writes the copy afresh, so no deleted text
    (the backup API copies free pages as they are) is left in its free space either.
    """
    try:
        with closing(sqlite3.connect(str(target), isolation_level=None)) as copy:
            copy.execute("DELETE FROM parse_cache")
            copy.execute("VACUUM")
    except sqlite3.Error as error:
        raise translate(error, str(target)) from error


def _remove_database(path: Path) -> None:
    for name in (str(path), *(f"{path}{suffix}" for suffix in _SIDE_FILES)):
        Path(name).unlink(missing_ok=True)


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def _config(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute(q.CONFIG_GET, (key,)).fetchone()
    return None if row is None else str(row[0])
