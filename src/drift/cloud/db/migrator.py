"""Numbered SQL migrations for the cloud schema, applied by ``drift cloud migrate``.

Files ``migrations/NNNN_name.sql`` run in order, each in its own transaction, as the URL's user
(the owner of every object). ``schema_migrations`` records each version with the file's
SHA-256, so an edited migration is noticed. An advisory lock makes concurrent runs on one
database wait for each other. ``grants.sql`` is re-applied at the end of every run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from drift.cloud.db.roles import default_service_role, ensure_service_role, validate_role_name
from drift.errors import MigrationFailed, SchemaTooNew

SCHEMA = "drift_cloud"
# Any constant works; it only has to be the same for every `migrate` on a database.
_LOCK_KEY = 0x64726966_74636C64  # "driftcld"

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered SQL file."""

    version: int
    name: str
    text: str

    @property
    def checksum(self) -> str:
        """SHA-256 of the file's text, recorded when it is applied."""
        return hashlib.sha256(self.text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class MigrationReport:
    """What one ``migrate`` run did."""

    applied: tuple[int, ...]
    version: int
    service_role: str


def _load() -> tuple[Migration, ...]:
    folder = resources.files("drift.cloud.db.migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationFailed(0, f"migration files are not numbered 1..n: {versions}")
    return tuple(found)


MIGRATIONS: tuple[Migration, ...] = _load()
_GRANTS = resources.files("drift.cloud.db.migrations").joinpath("grants.sql").read_text("utf-8")


def latest_version() -> int:
    """The schema version this code expects."""
    return MIGRATIONS[-1].version


def _fill(text: str, conn: psycopg.Connection[TupleRow], **roles: str) -> str:
    for key, role in roles.items():
        text = text.replace("{{" + key + "}}", sql.Identifier(role).as_string(conn))
    return text


_BOOTSTRAP = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_migrations (
    version     integer PRIMARY KEY,
    name        text NOT NULL,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
"""


def _applied(conn: psycopg.Connection[TupleRow]) -> dict[int, str]:
    rows = conn.execute(f"SELECT version, checksum FROM {SCHEMA}.schema_migrations").fetchall()
    return {int(r[0]): str(r[1]) for r in rows}


def _current_user(conn: psycopg.Connection[TupleRow]) -> str:
    row = conn.execute("SELECT current_user").fetchone()
    if row is None:
        raise MigrationFailed(0, "cannot read current_user")
    return str(row[0])


def migrate(conninfo: str, service_role: str | None = None) -> MigrationReport:
    """Create the service role, apply every pending migration, re-apply grants.

    Without ``service_role`` the role is named after the database (``<database>_service``).
    """
    if service_role is not None:
        validate_role_name(service_role)
    applied_now: list[int] = []
    try:
        with psycopg.connect(conninfo) as conn:
            if service_role is None:
                row = conn.execute("SELECT current_database()").fetchone()
                service_role = default_service_role(str(row[0]) if row else "drift")
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                ensure_service_role(conn, service_role)
                conn.execute(_BOOTSTRAP)
            owner = _current_user(conn)
            conn.commit()
            for migration in MIGRATIONS:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                    done = _applied(conn)
                    if migration.version in done:
                        if done[migration.version] != migration.checksum:
                            raise MigrationFailed(
                                migration.version,
                                f"{migration.version:04d}_{migration.name}.sql changed after"
                                " it was applied; add a new migration instead",
                            )
                        continue
                    conn.execute(f"SET LOCAL search_path = {SCHEMA}")
                    conn.execute(_fill(migration.text, conn, owner_role=owner).encode())
                    conn.execute(
                        f"INSERT INTO {SCHEMA}.schema_migrations (version, name, checksum)"
                        " VALUES (%s, %s, %s)",
                        (migration.version, migration.name, migration.checksum),
                    )
                    applied_now.append(migration.version)
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                conn.execute(_fill(_GRANTS, conn, service_role=service_role).encode())
                version = max(_applied(conn))
    except psycopg.Error as error:
        raise MigrationFailed(
            applied_now[-1] + 1 if applied_now else 0, _describe(error)
        ) from error
    if version > latest_version():
        raise SchemaTooNew(conninfo_display(conninfo), version, latest_version())
    return MigrationReport(tuple(applied_now), version, service_role)


def _describe(error: psycopg.Error) -> str:
    diag = getattr(error, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return str(primary or error).strip()


def conninfo_display(conninfo: str) -> str:
    """The connection string without its password, for messages."""
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "the database"
    host = params.get("host", "localhost")
    return f"{params.get('dbname', '?')} on {host}"
