"""Opening SQLite connections with Drift's pragmas, and translating sqlite3 errors.

Every sqlite3 exception is turned into a ``drift.errors.StorageError`` subclass here, naming the
database file, so that no driver exception ever reaches a caller of a storage protocol.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from drift.errors import (
    Conflict,
    DbBusy,
    DbCorrupt,
    DiskFull,
    StorageError,
)

MEMORY = ":memory:"

# Applied to every connection. case_sensitive_like makes LIKE agree with PostgreSQL;
# foreign_keys makes SQLite enforce the REFERENCES clauses PostgreSQL always enforces.
_COMMON_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA case_sensitive_like = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA temp_store = MEMORY",
    # Reference values (storage.md §6.1): reads served from the page cache or the mapping.
    "PRAGMA mmap_size = 268435456",
)
_WRITER_PRAGMAS = (
    # Only takes effect on a new, empty file; lets `drift gc` hand free pages back to the disk.
    "PRAGMA auto_vacuum = INCREMENTAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA cache_size = -64000",
    # Deleted rows are overwritten with zeros, free pages too: otherwise the text of a parse-cache
    # entry pruned after its secret was removed from the code stayed in the file's free space
    # (and in every backup page-copied from it). A full rescan of CPython's Lib wrote as many
    # blocks with it as without.
    "PRAGMA secure_delete = ON",
)
# How long opening a writer keeps retrying the switch to WAL (the busy timeout's length).
_WAL_SWITCH_SECONDS = 5.0


def translate(error: sqlite3.Error, label: str) -> StorageError:
    """Map a sqlite3 exception to the matching StorageError, naming the database."""
    text = str(error)
    lowered = text.lower()
    if isinstance(error, sqlite3.IntegrityError):
        return Conflict(f"{label}: {text}")
    if "database is locked" in lowered or "database is busy" in lowered:
        return DbBusy(f"{label}: {text}", hint="another process holds the database; retry later")
    if "not a database" in lowered or "malformed" in lowered or "file is encrypted" in lowered:
        return DbCorrupt(
            f"{label}: not a usable Drift database ({text})",
            hint="restore a backup with `drift import FILE`, or delete the file to start afresh",
        )
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return DiskFull(f"{label}: {text}")
    if "unable to open" in lowered:
        return StorageError(f"{label}: cannot open the database ({text})")
    return StorageError(f"{label}: {text}")


def _apply(conn: sqlite3.Connection, pragmas: tuple[str, ...]) -> None:
    for pragma in pragmas:
        conn.execute(pragma)


_STORAGE_HINT = "storage is a directory, or a path ending in .db that names drift.db"


def make_parent_directory(path: Path, *, hint: str | None = _STORAGE_HINT) -> None:
    """Create the directory that will hold the file ``path``, naming a file in the way.

    ``mkdir`` says only "File exists" (or "Not a directory") when the storage location, or one
    of its parents, is a file: the user gave a file where a directory belongs.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(
            (p for p in (path.parent, *path.parent.parents) if p.exists() and not p.is_dir()),
            path.parent,
        )
        raise StorageError(f"{blocker}: is a file, not a directory", hint=hint) from None


def open_writer(path: str) -> sqlite3.Connection:
    """The read-write connection (autocommit; transactions are explicit ``BEGIN``s)."""
    if path != MEMORY:
        make_parent_directory(Path(path))
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _apply(conn, _COMMON_PRAGMAS)
        _apply(conn, _WRITER_PRAGMAS)
        if path != MEMORY:
            _switch_to_wal(conn)
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode, waiting while another connection holds it.

    The switch takes an exclusive lock for a moment, and SQLite reports SQLITE_BUSY at once,
    without the busy timeout, while another process creates the file or closes its last
    connection (checkpointing and removing the WAL). Several processes opening a new workspace
    together (`drift scan & drift scan`) meet exactly that, so retry as the timeout would.
    """
    deadline = time.monotonic() + _WAL_SWITCH_SECONDS
    delay = 0.002
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            break
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise
            if time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
    if mode is None or str(mode[0]).lower() != "wal":
        raise sqlite3.OperationalError(f"could not switch to WAL (got {mode})")


def read_only_uri(path: str | Path) -> str:
    return f"file:{quote(str(Path(path).resolve()))}?mode=ro"


def open_reader(path: str) -> sqlite3.Connection:
    """A read-only connection for one thread; it sees every committed write (WAL)."""
    uri = read_only_uri(path)
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        _apply(conn, _COMMON_PRAGMAS)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA cache_size = -16000")
    except sqlite3.Error:
        conn.close()
        raise
    return conn
