"""Fixtures for the cloud service: a fresh database per test session (or xdist worker), the
migrated schema, and the real app served by uvicorn on a loopback port in a thread.

Tests talk HTTP with httpx and reach the database with plain psycopg, either as the service
role (to prove what row-level security lets it see) or as the owner (to tamper).
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import uuid
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import psycopg
import pytest
import uvicorn
from psycopg import sql
from psycopg.conninfo import make_conninfo
from psycopg.rows import dict_row

from drift.cloud.app import create_app
from drift.cloud.db import default_service_role, migrate
from drift.cloud.settings import CloudSettings, parse_networks
from drift.cloud.tenants import bootstrap_tenant
from tests.postgres_server import server_url

T = TypeVar("T")

# The test server trusts the loopback "proxy", so tests can pose as any client address by
# sending X-Forwarded-For, exactly as a real reverse proxy would append it.
TRUSTED_PROXY = "127.0.0.1/32"


@dataclass
class Member:
    """A user with a role in a tenant, and their API token."""

    user_id: str
    email: str
    role: str
    token: str


@dataclass
class Tenant:
    """A tenant made for one test, with its owner."""

    id: str
    name: str
    owner: Member
    members: list[Member] = field(default_factory=list)


class CloudHarness:
    """The running service plus helpers to set up tenants and reach the database."""

    def __init__(
        self, base_url: str, db_url: str, role: str, loop: asyncio.AbstractEventLoop, app: Any
    ) -> None:
        self.base_url = base_url
        self.db_url = db_url
        self.service_role = role
        self.loop = loop
        self.app = app

    # -- running coroutines on the server's own loop (its pool lives there) --
    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=60)

    # -- HTTP --
    def client(
        self, token: str | None = None, *, ip: str | None = None, tenant: str | None = None
    ) -> httpx.Client:
        headers: dict[str, str] = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if ip:
            headers["X-Forwarded-For"] = ip
        if tenant:
            headers["X-Tenant-Id"] = tenant
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    # -- data set-up --
    def tenant(self, *, plan: str = "free", seat_limit: int = 50) -> Tenant:
        name = f"t-{uuid.uuid4().hex[:10]}"
        email = f"owner-{uuid.uuid4().hex[:10]}@example.com"
        made = self.run(
            bootstrap_tenant(
                self.app.state.db, name=name, owner_email=email, plan=plan, seat_limit=seat_limit
            )
        )
        owner = Member(str(made.user_id), email, "owner", made.token)
        return Tenant(str(made.tenant_id), name, owner)

    def add_member(self, tenant: Tenant, role: str) -> Member:
        """Invite and accept through the API; then set the role (owner can't be invited)."""
        email = f"{role}-{uuid.uuid4().hex[:10]}@example.com"
        invite_role = role if role in ("admin", "member", "viewer") else "member"
        with self.client(tenant.owner.token) as owner:
            made = owner.post("/api/v1/invitations", json={"email": email, "role": invite_role})
            assert made.status_code == 201, made.text
        with self.client() as anonymous:
            accepted = anonymous.post(f"/api/v1/invitations/{made.json()['token']}/accept")
            assert accepted.status_code == 200, accepted.text
        body = accepted.json()
        member = Member(body["user_id"], email, invite_role, body["token"])
        tenant.members.append(member)
        return member

    # -- SQL --
    def sql(
        self,
        query: str,
        params: tuple[Any, ...] | dict[str, Any] = (),
        *,
        as_service: bool = True,
        tenant: str | None = None,
        user: str | None = None,
    ) -> list[dict[str, Any]]:
        """Run one statement in its own transaction; return its rows (if any)."""
        with psycopg.connect(self.db_url, row_factory=dict_row) as conn:
            if as_service:
                conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(self.service_role)))
            conn.execute("SET search_path = drift_cloud")
            conn.execute(
                "SELECT set_config('app.tenant_id', %s, true), set_config('app.user_id', %s, true)",
                (tenant or "", user or ""),
            )
            cur = conn.execute(query, params)
            return cur.fetchall() if cur.description else []


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def cloud_db_url() -> Iterator[str]:
    """A freshly created, migrated database for this session; dropped at the end."""
    base = server_url()
    name = f"drift_cloud_{_worker()}_{uuid.uuid4().hex[:8]}"
    role = default_service_role(name)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_conninfo(base, dbname=name)
    try:
        migrate(url, role)
        yield url
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture(scope="session")
def cloud_settings(cloud_db_url: str) -> CloudSettings:
    return CloudSettings(
        database_url=cloud_db_url,
        trusted_proxies=parse_networks([TRUSTED_PROXY], "trusted_proxies"),
        max_body_bytes=64 * 1024,
        pool_size=6,
    )


def _serve(app: Any) -> tuple[str, asyncio.AbstractEventLoop, uvicorn.Server, threading.Thread]:
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that name it, and
    # without it every response waits for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # proxy_headers off, as `drift cloud serve` does: the app reads X-Forwarded-For itself.
    config = uvicorn.Config(app, log_level="warning", lifespan="on", proxy_headers=False)
    server = uvicorn.Server(config)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(
        target=lambda: loop.run_until_complete(server.serve(sockets=[sock])), daemon=True
    )
    thread.start()
    for _ in range(500):
        if server.started or not thread.is_alive():
            break
        threading.Event().wait(0.02)
    if not server.started:
        raise RuntimeError("the cloud test server did not start")
    return f"http://127.0.0.1:{port}", loop, server, thread


@pytest.fixture(scope="session")
def cloud(cloud_settings: CloudSettings, cloud_db_url: str) -> Iterator[CloudHarness]:
    """The running service."""
    app = create_app(cloud_settings)
    base, loop, server, thread = _serve(app)
    role = default_service_role(psycopg.conninfo.conninfo_to_dict(cloud_db_url)["dbname"])
    try:
        yield CloudHarness(base, cloud_db_url, role, loop, app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        loop.close()


@pytest.fixture
def tenant(cloud: CloudHarness) -> Tenant:
    """A fresh tenant with just its owner."""
    return cloud.tenant()
