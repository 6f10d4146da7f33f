"""Opening SQLite connections with Drift's pragmas, and translating sqlite3 errors.

Every sqlite3 exception is turned into a ``drift.errors.StorageError`` subclass here, naming the
database file, so that no driver exception ever reaches a caller of a storage protocol.
"""

from __future__ import annotations

import sqlite3
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
)


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
            hint="restore from a backup, or delete the file to start afresh",
        )
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return DiskFull(f"{label}: {text}")
    if "unable to open" in lowered:
        return StorageError(f"{label}: cannot open the database ({text})")
    return StorageError(f"{label}: {text}")


def _apply(conn: sqlite3.Connection, pragmas: tuple[str, ...]) -> None:
    for pragma in pragmas:
        conn.execute(pragma)


def open_writer(path: str) -> sqlite3.Connection:
    """The read-write connection (autocommit; transactions are explicit ``BEGIN``s)."""
    if path != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _apply(conn, _COMMON_PRAGMAS)
        _apply(conn, _WRITER_PRAGMAS)
        if path != MEMORY:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                raise sqlite3.OperationalError(f"could not switch to WAL (got {mode})")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


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
