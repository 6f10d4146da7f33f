"""The service role: the only identity the running service acts as.

Roles are global to a PostgreSQL cluster while grants live in one database, so by default each
database gets its own role, named after it (``<database>_service``). Creation tolerates a
concurrent ``migrate`` on another database or worker creating the same role at the same moment.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from drift.errors import ConfigError, MigrationFailed

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_SUFFIX = "_service"


def validate_role_name(name: str) -> str:
    """Return ``name`` if it is a plain lower-case identifier PostgreSQL accepts unquoted."""
    if not _ROLE_NAME.match(name):
        raise ConfigError(
            f"service role name {name!r} is not a plain identifier",
            hint="use lower-case letters, digits and underscores, at most 63 characters",
        )
    return name


def default_service_role(database: str) -> str:
    """The role name used for ``database`` when the settings name none."""
    base = re.sub(r"[^a-z0-9_]", "_", database.lower()) or "drift"
    if base[0].isdigit():
        base = f"d_{base}"
    return validate_role_name(base[: 63 - len(_SUFFIX)] + _SUFFIX)


_CREATE_ROLE = """
DO $create$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name_literal}) THEN
        CREATE ROLE {name} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
EXCEPTION
    -- Another migrate created the same role between our check and our CREATE.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$create$
"""


def ensure_service_role(conn: psycopg.Connection[TupleRow], role: str) -> None:
    """Create ``role`` if missing, strip any privilege that would bypass RLS, let us SET ROLE.

    Runs in the caller's transaction, as the migrating (owner) user.
    """
    validate_role_name(role)
    ident = sql.Identifier(role)
    try:
        conn.execute(sql.SQL(_CREATE_ROLE).format(name=ident, name_literal=sql.Literal(role)))
        attrs = conn.execute(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles"
            " WHERE rolname = %s",
            (role,),
        ).fetchone()
        if attrs is None:
            raise MigrationFailed(0, f"service role {role} was not created")
        if any(attrs):
            conn.execute(
                sql.SQL("ALTER ROLE {} NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB").format(
                    ident
                )
            )
        me = conn.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        if me is None:
            raise MigrationFailed(0, "cannot read the current user's role")
        if me[0] == role:
            raise MigrationFailed(
                0, f"migrations must run as the owner, not as the service role {role}"
            )
        if not me[1]:
            # A non-superuser owner may only SET ROLE to roles it is a member of.
            conn.execute(sql.SQL("GRANT {} TO {}").format(ident, sql.Identifier(me[0])))
    except psycopg.errors.InsufficientPrivilege as error:
        raise MigrationFailed(
            0,
            f"cannot create or adjust the service role {role}: {error.diag.message_primary}"
            " (the migrating user needs CREATEROLE, or a superuser must create the role)",
        ) from error


SERVICE_ROLE_PROBLEMS = """
SELECT r.rolsuper, r.rolbypassrls,
       (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
     + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
     + (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid) AS owned
FROM pg_roles r WHERE r.rolname = current_user
"""


def describe_role_problems(row: tuple[bool, bool, int] | None, role: str) -> str | None:
    """Explain why the role a connection acts as may not serve requests, or return None."""
    if row is None:
        return f"role {role} does not exist; run `drift cloud migrate`"
    superuser, bypass, owned = row
    if superuser:
        return f"role {role} is a superuser, so row-level security would not apply"
    if bypass:
        return f"role {role} has BYPASSRLS, so row-level security would not apply"
    if owned:
        return f"role {role} owns {owned} objects; the service role must own nothing"
    return None
