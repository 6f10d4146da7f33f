"""Migrations and the service role: idempotent, safe to run concurrently, and the role they
create can never bypass row-level security."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from drift.cloud.db import MIGRATIONS, latest_version, migrate
from drift.errors import ConfigError
from tests.cloud.conftest import CloudHarness
from tests.postgres_server import server_url


@pytest.fixture
def scratch_databases() -> Iterator[list[str]]:
    """Names handed out by the test; each database (and its role) is dropped afterwards."""
    names: list[str] = []
    yield names
    with psycopg.connect(server_url(), autocommit=True) as conn:
        # Databases first: a role cannot be dropped while any database still grants it.
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        for name in names:
            conn.execute(
                sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(f"{name}_service"))
            )


def _create(names: list[str]) -> str:
    name = f"drift_scratch_{uuid.uuid4().hex[:8]}"
    names.append(name)
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_conninfo(server_url(), dbname=name)


def test_concurrent_migrations_on_one_cluster(scratch_databases: list[str]) -> None:
    """Two databases and a role shared between them, all migrated at the same moment, twice
    per database: roles are cluster-wide, so this is what parallel test workers do."""
    urls = [_create(scratch_databases) for _ in range(2)]
    shared = f"{scratch_databases[0]}_service"  # dropped with the first database's role
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def run(url: str) -> None:
        try:
            barrier.wait()
            migrate(url, shared)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(u,)) for u in urls for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for url in urls:
        with psycopg.connect(url) as conn:
            versions = conn.execute("SELECT version FROM drift_cloud.schema_migrations").fetchall()
        assert [v[0] for v in versions] == [m.version for m in MIGRATIONS]


def test_migrate_is_idempotent_and_names_the_role_after_the_database(
    scratch_databases: list[str],
) -> None:
    url = _create(scratch_databases)
    first = migrate(url)
    second = migrate(url)
    assert first.applied == tuple(range(1, latest_version() + 1))
    assert second.applied == ()
    assert first.service_role == f"{scratch_databases[0]}_service"


def test_edited_migration_is_refused(scratch_databases: list[str]) -> None:
    url = _create(scratch_databases)
    migrate(url)
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE drift_cloud.schema_migrations SET checksum = 'x' WHERE version = 1")
    with pytest.raises(Exception, match="changed after it was applied"):
        migrate(url)


def test_service_role_has_no_way_around_rls(cloud: CloudHarness) -> None:
    role = cloud.sql(
        "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles"
        " WHERE rolname = %s",
        (cloud.service_role,),
        as_service=False,
    )
    assert role == [
        {"rolsuper": False, "rolbypassrls": False, "rolcreaterole": False, "rolcreatedb": False}
    ]
    owned = cloud.sql(
        "SELECT count(*) AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
        " WHERE r.rolname = %s",
        (cloud.service_role,),
        as_service=False,
    )
    assert owned == [{"n": 0}]
    # The running app acts as that role.
    acting = cloud.run(_current_user(cloud))
    assert acting == cloud.service_role


async def _current_user(cloud: CloudHarness) -> str:
    from drift.cloud.db import RequestContext

    async with cloud.app.state.db.transaction(RequestContext()) as tx:
        row = await tx.fetch_one("SELECT current_user AS u")
    assert row is not None
    return str(row["u"])


def test_app_refuses_an_unmigrated_database(scratch_databases: list[str]) -> None:
    import asyncio

    from drift.cloud.db import Database

    url = _create(scratch_databases)

    async def open_it() -> None:
        db = Database(url, service_role="postgres")
        await db.open()

    with pytest.raises(ConfigError, match="superuser"):
        asyncio.run(open_it())
