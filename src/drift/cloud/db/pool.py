"""The connection pool and the tenant transaction every request runs in.

Every pooled connection acts as the service role (``SET ROLE`` when the URL's user is an owner
or superuser), so row-level security always applies. ``Database.transaction`` opens one
transaction whose first statement sets ``app.tenant_id`` and ``app.user_id`` (and, while
authenticating, ``app.token_hash`` / ``app.lookup_email``) transaction-locally.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from drift.cloud.db.errors import (
    ConstraintConflict,
    DbPermissionDenied,
    DbUnavailable,
    InvalidValue,
)
from drift.cloud.db.migrator import SCHEMA, conninfo_display, latest_version
from drift.cloud.db.roles import (
    SERVICE_ROLE_PROBLEMS,
    default_service_role,
    describe_role_problems,
    validate_role_name,
)
from drift.errors import ConfigError, StorageError

Row = dict[str, Any]
Params = Sequence[object] | Mapping[str, object]

_SET_CONTEXT = (
    "SELECT set_config('app.tenant_id', %s, true), set_config('app.user_id', %s, true),"
    " set_config('app.token_hash', %s, true), set_config('app.lookup_email', %s, true)"
)


@dataclass(frozen=True, slots=True)
class RequestContext:
    """The row-level-security settings one transaction runs under."""

    tenant_id: UUID | None = None
    user_id: UUID | None = None
    token_hash: str | None = None
    lookup_email: str | None = None

    def params(self) -> tuple[str, str, str, str]:
        """The four settings as text, empty when unset (which matches no row)."""
        return (
            str(self.tenant_id) if self.tenant_id else "",
            str(self.user_id) if self.user_id else "",
            self.token_hash or "",
            self.lookup_email or "",
        )


def translate(error: psycopg.Error) -> StorageError:
    """Map a driver exception to Drift's error classes."""
    diag = getattr(error, "diag", None)
    message = str(getattr(diag, "message_primary", None) or error).strip()
    constraint = getattr(diag, "constraint_name", None)
    if isinstance(error, psycopg.errors.UniqueViolation):
        return ConstraintConflict("unique", constraint, message)
    if isinstance(error, psycopg.errors.ForeignKeyViolation):
        return ConstraintConflict("foreign_key", constraint, message)
    if isinstance(error, psycopg.errors.CheckViolation | psycopg.errors.ExclusionViolation):
        return ConstraintConflict("check", constraint, message)
    if isinstance(error, psycopg.errors.DataError):
        return InvalidValue(message)
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return DbPermissionDenied(message)
    if isinstance(error, psycopg.OperationalError):
        return DbUnavailable(message or "database unavailable")
    return StorageError(message)


class Tx:
    """One open transaction: run statements, read rows as dicts."""

    def __init__(self, conn: psycopg.AsyncConnection[DictRow]) -> None:
        self._conn = conn

    async def fetch_one(self, query: str, params: Params = ()) -> Row | None:
        """The first row of ``query``, or None."""
        try:
            cur = await self._conn.execute(query, params)
            return await cur.fetchone()
        except psycopg.Error as error:
            raise translate(error) from error

    async def fetch_all(self, query: str, params: Params = ()) -> list[Row]:
        """Every row of ``query``."""
        try:
            cur = await self._conn.execute(query, params)
            return await cur.fetchall()
        except psycopg.Error as error:
            raise translate(error) from error

    async def execute(self, query: str, params: Params = ()) -> int:
        """Run a statement; return the number of rows it touched."""
        try:
            cur = await self._conn.execute(query, params)
            return cur.rowcount
        except psycopg.Error as error:
            raise translate(error) from error

    async def execute_many(self, query: str, rows: Sequence[Params]) -> None:
        """Run one statement for each parameter set."""
        try:
            async with self._conn.cursor() as cur:
                await cur.executemany(query, rows)
        except psycopg.Error as error:
            raise translate(error) from error


async def _open_transaction(
    conn: psycopg.AsyncConnection[DictRow], context: RequestContext
) -> None:
    await conn.execute(_SET_CONTEXT, context.params())


class Database:
    """The service's PostgreSQL: a pool of connections acting as the service role."""

    def __init__(
        self,
        conninfo: str,
        *,
        service_role: str | None = None,
        min_size: int = 1,
        max_size: int = 10,
        timeout: float = 10.0,
    ) -> None:
        self._conninfo = conninfo
        self._role = validate_role_name(service_role) if service_role else None
        self._min = min_size
        self._max = max_size
        self._timeout = timeout
        self._pool: AsyncConnectionPool[psycopg.AsyncConnection[DictRow]] | None = None

    @property
    def service_role(self) -> str:
        """The role every pooled connection acts as (known after ``open``)."""
        if self._role is None:
            raise ConfigError("the database is not open yet")
        return self._role

    async def open(self, *, check: bool = True) -> None:
        """Resolve the service role, start the pool and (by default) check schema and role."""
        try:
            async with await psycopg.AsyncConnection.connect(self._conninfo) as conn:
                cur = await conn.execute("SELECT current_database()")
                row = await cur.fetchone()
        except psycopg.Error as error:
            raise DbUnavailable(
                f"cannot connect to {conninfo_display(self._conninfo)}: {translate(error)}",
                hint="check DRIFT_DATABASE_URL and that the server is running",
            ) from error
        if self._role is None:
            self._role = default_service_role(str(row[0]) if row else "drift")
        self._pool = AsyncConnectionPool(
            self._conninfo,
            connection_class=psycopg.AsyncConnection[DictRow],
            kwargs={"row_factory": dict_row},
            min_size=self._min,
            max_size=self._max,
            timeout=self._timeout,
            configure=self._configure,
            open=False,
        )
        try:
            await self._pool.open(wait=True, timeout=self._timeout)
        except psycopg.Error as error:
            await self._pool.close()
            raise DbUnavailable(
                f"cannot act as the service role {self._role}: {translate(error)}",
                hint="run `drift cloud migrate` with this DRIFT_DATABASE_URL first",
            ) from error
        if check:
            try:
                await self.check()
            except BaseException:
                await self.close()
                raise

    async def _configure(self, conn: psycopg.AsyncConnection[DictRow]) -> None:
        # Session-level: every statement on this connection runs as the service role.
        await conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(self.service_role)))
        await conn.execute(f"SET search_path = {SCHEMA}")
        await conn.execute("SET TIME ZONE 'UTC'")
        await conn.commit()

    async def check(self) -> None:
        """Refuse to serve unless the schema is current and the role cannot bypass RLS."""
        async with self.transaction(RequestContext()) as tx:
            role_row = await tx.fetch_one(SERVICE_ROLE_PROBLEMS)
            try:
                version_row = await tx.fetch_one(
                    "SELECT max(version) AS version FROM schema_migrations"
                )
            except StorageError:
                version_row = None
        problem = describe_role_problems(
            (role_row["rolsuper"], role_row["rolbypassrls"], int(role_row["owned"]))
            if role_row
            else None,
            self.service_role,
        )
        if problem:
            raise ConfigError(problem, hint="run `drift cloud migrate` as the database owner")
        found = int(version_row["version"]) if version_row and version_row["version"] else 0
        if found != latest_version():
            raise ConfigError(
                f"the cloud schema is at version {found}, this Drift needs {latest_version()}",
                hint="run `drift cloud migrate`",
            )

    async def close(self) -> None:
        """Close every pooled connection."""
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    @asynccontextmanager
    async def transaction(self, context: RequestContext) -> AsyncIterator[Tx]:
        """One transaction as the service role; its first statement sets ``context``."""
        if self._pool is None:
            raise DbUnavailable("the database is not open")
        try:
            async with self._pool.connection() as conn, conn.transaction():
                await _open_transaction(conn, context)
                yield Tx(conn)
        except psycopg.Error as error:
            raise translate(error) from error

    @asynccontextmanager
    async def operator_transaction(
        self, context: RequestContext, *, retention: bool = False
    ) -> AsyncIterator[Tx]:
        """One transaction as the URL's own user (the owner), outside the pool.

        For operator jobs only: listing tenants and deleting expired audit rows. RLS still
        applies to a non-superuser owner, because every table forces it.
        """
        try:
            async with (
                await psycopg.AsyncConnection.connect(self._conninfo, row_factory=dict_row) as conn,
                conn.transaction(),
            ):
                await conn.execute(f"SET LOCAL search_path = {SCHEMA}")
                await conn.execute("SET LOCAL TIME ZONE 'UTC'")
                await _open_transaction(conn, context)
                if retention:
                    await conn.execute("SELECT set_config('drift_cloud.retention', 'on', true)")
                yield Tx(conn)
        except psycopg.Error as error:
            raise translate(error) from error
