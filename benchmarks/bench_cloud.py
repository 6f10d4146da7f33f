"""Cloud service benchmark (issue "cloud service core" §8).

An authenticated read, ``GET /api/v1/teams`` (bearer token lookup, tenant choice, IP allowlist
check, then one tenant transaction under row-level security), under concurrent clients on
loopback, against ``GET /livez`` of the same server in the same run: the framework's own
ceiling. The server runs as ``drift cloud serve`` in a subprocess, so client and server do not
share an interpreter. Reported: requests/s and p99 latency of each, and their ratios.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo
from pytest_benchmark.fixture import BenchmarkFixture

from drift.cloud.db import Database, default_service_role, migrate
from drift.cloud.tenants import bootstrap_tenant
from tests.postgres_server import server_url

CLIENTS = 16
REQUESTS_PER_CLIENT = 60
ROUNDS = 3
TEAMS = 10


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p99_ms: float
    median_ms: float


@dataclass(frozen=True)
class Service:
    base_url: str
    token: str


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def service() -> Iterator[Service]:
    base = server_url()
    name = f"drift_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_conninfo(base, dbname=name)
    process: subprocess.Popen[bytes] | None = None
    try:
        migrate(url)

        async def seed() -> str:
            db = Database(url)
            await db.open()
            try:
                made = await bootstrap_tenant(db, name="bench", owner_email="bench@example.com")
            finally:
                await db.close()
            return made.token

        token = asyncio.run(seed())
        port = _free_port()
        env = {**os.environ, "DRIFT_DATABASE_URL": url}
        process = subprocess.Popen(
            [sys.executable, "-c", "from drift.cli.cloud import cloud; cloud()",
             "serve", "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        base_url = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}) as c:
            for _ in range(200):
                try:
                    if c.get("/livez").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.05)
            for i in range(TEAMS):
                assert c.post("/api/v1/teams", json={"name": f"team-{i}"}).status_code == 201
        yield Service(base_url, token)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(
                sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(default_service_role(name)))
            )


async def _load(service: Service, path: str) -> Load:
    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {service.token}"}
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=service.base_url, headers=headers, limits=limits) as c:

        async def client() -> None:
            for _ in range(REQUESTS_PER_CLIENT):
                started = time.perf_counter()
                response = await c.get(path)
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text

        await asyncio.gather(*(client() for _ in range(CLIENTS)))  # warm every connection
        latencies.clear()
        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return Load(
        requests_per_second=len(ordered) / elapsed,
        p99_ms=ordered[int(len(ordered) * 0.99) - 1] * 1000,
        median_ms=statistics.median(ordered) * 1000,
    )


def test_authenticated_read_against_bare_endpoint(
    benchmark: BenchmarkFixture, service: Service
) -> None:
    teams: list[Load] = []
    bare: list[Load] = []

    def one_round() -> None:
        # Interleaved, so machine noise falls on both sides alike.
        bare.append(asyncio.run(_load(service, "/livez")))
        teams.append(asyncio.run(_load(service, "/api/v1/teams")))

    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    best_teams = max(teams, key=lambda x: x.requests_per_second)
    best_bare = max(bare, key=lambda x: x.requests_per_second)
    p99_teams = min(x.p99_ms for x in teams)
    p99_bare = min(x.p99_ms for x in bare)
    info = {
        "clients": CLIENTS,
        "teams_rps": round(best_teams.requests_per_second, 1),
        "bare_rps": round(best_bare.requests_per_second, 1),
        "teams_p99_ms": round(p99_teams, 2),
        "bare_p99_ms": round(p99_bare, 2),
        "rps_ratio_teams_to_bare": round(
            best_teams.requests_per_second / best_bare.requests_per_second, 3
        ),
        "p99_ratio_teams_to_bare": round(p99_teams / p99_bare, 2),
    }
    benchmark.extra_info.update(info)
    print("\ncloud benchmark:", ", ".join(f"{k}={v}" for k, v in info.items()))
    assert best_teams.requests_per_second > 0
    assert best_bare.requests_per_second > 0
