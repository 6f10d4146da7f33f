"""Schema migrations by ``PRAGMA user_version``, one transaction per version.

Each database kind has an ordered list of SQL files in ``schema/``. Opening a database applies
every version above its ``user_version``; each version's statements and the version bump commit
together, so a failure leaves the database at the previous version. A database whose version is
newer than the code's refuses to open (``SchemaTooNew``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib import resources

from drift.errors import MigrationFailed, SchemaTooNew


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    filename: str

    def statements(self) -> list[str]:
        text = resources.files("drift.storage.sqlite").joinpath("schema", self.filename)
        return split_statements(text.read_text(encoding="utf-8"))


DRIFT_MIGRATIONS = (
    Migration(1, "drift_001_files_analysis.sql"),
    Migration(2, "drift_002_structural.sql"),
    Migration(3, "drift_003_enforcement_advanced.sql"),
    Migration(4, "drift_004_workspace.sql"),
    Migration(5, "drift_005_error_gap_line.sql"),
)
BRIDGE_MIGRATIONS = (Migration(1, "bridge_001.sql"),)
CORTEX_MIGRATIONS = (Migration(1, "cortex_001.sql"),)


def split_statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers with inner ``;`` stay whole)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            if statement.rstrip(";").strip():
                statements.append(statement)
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise ValueError(f"incomplete SQL statement at end of script: {pending.strip()[:80]!r}")
    return statements


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...], label: str) -> int:
    """Bring the database up to the newest version; returns the version it ends at.

    Safe when several processes open a new database at once: each version is applied under
    SQLite's write lock (``BEGIN IMMEDIATE``, which waits out the connection's busy timeout)
    and only after re-reading ``user_version`` inside that lock, so a version another process
    applied while this one waited is skipped rather than applied twice.
    """
    latest = migrations[-1].version if migrations else 0
    version = current_version(conn)
    if version > latest:
        raise SchemaTooNew(label, version, latest)
    for migration in migrations:
        if migration.version <= version:
            continue
        try:
            statements = migration.statements()
            conn.execute("BEGIN IMMEDIATE")
            version = current_version(conn)
            if version > latest:
                conn.execute("ROLLBACK")
                raise SchemaTooNew(label, version, latest)
            if migration.version <= version:
                conn.execute("ROLLBACK")  # another process applied it while this one waited
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except (sqlite3.Error, OSError, ValueError) as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise MigrationFailed(migration.version, f"{label}: {error}") from error
        version = migration.version
    return version
