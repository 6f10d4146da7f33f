"""The audit log: append-only, hash-chained, queryable by keyset, exported by streaming, cut
by retention."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from drift.cloud.audit.retention import apply_retention
from tests.cloud.conftest import CloudHarness, Tenant


def _seed(cloud: CloudHarness, t: Tenant, count: int, action: str = "bulk.test") -> None:
    cloud.sql(
        "INSERT INTO audit_log (tenant_id, actor_id, actor_email, action, resource_type,"
        " resource_id, metadata)"
        " SELECT %s, %s, %s, %s, 'test', g::text, jsonb_build_object('i', g)"
        " FROM generate_series(1, %s) g",
        (t.id, t.owner.user_id, t.owner.email, action, count),
        tenant=t.id,
        user=t.owner.user_id,
    )


def _verify(cloud: CloudHarness, t: Tenant) -> dict[str, Any]:
    with cloud.client(t.owner.token) as c:
        response = c.get("/api/v1/audit/verify")
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_service_role_cannot_update_or_delete(cloud: CloudHarness, tenant: Tenant) -> None:
    _seed(cloud, tenant, 3)
    for statement in (
        "UPDATE audit_log SET action = 'forged' WHERE tenant_id = %s",
        "DELETE FROM audit_log WHERE tenant_id = %s",
        "TRUNCATE audit_log",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cloud.sql(statement, (tenant.id,) if "%s" in statement else (), tenant=tenant.id)
    rows = cloud.sql(
        "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s", (tenant.id,), tenant=tenant.id
    )
    assert rows[0]["n"] >= 3


def test_trigger_refuses_even_the_owner(cloud: CloudHarness, tenant: Tenant) -> None:
    _seed(cloud, tenant, 2)
    for statement in (
        "UPDATE audit_log SET action = 'forged' WHERE tenant_id = %s",
        "DELETE FROM audit_log WHERE tenant_id = %s",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            cloud.sql(statement, (tenant.id,), as_service=False)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        cloud.sql("TRUNCATE audit_log", as_service=False)


def test_callers_cannot_choose_seq_time_or_hashes(cloud: CloudHarness, tenant: Tenant) -> None:
    cloud.sql(
        "INSERT INTO audit_log (tenant_id, actor_email, action, resource_type, seq, created_at,"
        " prev_hash, row_hash) VALUES (%s, 'x@example.com', 'a.b', 't', 999,"
        " '2000-01-01', 'bogus', 'bogus')",
        (tenant.id,),
        tenant=tenant.id,
    )
    row = cloud.sql(
        "SELECT seq, prev_hash, row_hash, created_at FROM audit_log WHERE tenant_id = %s"
        " ORDER BY seq DESC LIMIT 1",
        (tenant.id,),
        tenant=tenant.id,
    )[0]
    assert row["seq"] < 999
    assert row["row_hash"] != "bogus"
    assert row["created_at"] > datetime.now(UTC) - timedelta(minutes=5)
    assert _verify(cloud, tenant)["valid"] is True


def _tamper(cloud: CloudHarness, statement: str, params: tuple[object, ...]) -> None:
    """What someone with the owner's password could do: switch the guard off and edit."""
    with psycopg.connect(cloud.db_url) as conn:
        conn.execute("ALTER TABLE drift_cloud.audit_log DISABLE TRIGGER audit_log_append_only")
        conn.execute(statement, params)
        conn.execute("ALTER TABLE drift_cloud.audit_log ENABLE TRIGGER audit_log_append_only")


def test_verify_reports_the_first_altered_row(cloud: CloudHarness, tenant: Tenant) -> None:
    _seed(cloud, tenant, 20)
    clean = _verify(cloud, tenant)
    assert clean["valid"] is True
    assert clean["checked"] == clean["last_seq"] == 22  # tenant.created, token.created, 20
    _tamper(
        cloud,
        "UPDATE drift_cloud.audit_log SET action = 'innocent' WHERE tenant_id = %s"
        " AND seq IN (10, 15)",
        (tenant.id,),
    )
    report = _verify(cloud, tenant)
    assert report["valid"] is False
    assert report["first_broken"]["seq"] == 10
    assert "altered" in report["first_broken"]["reason"]


def test_verify_catches_a_rehashed_row_at_the_next_link(
    cloud: CloudHarness, tenant: Tenant
) -> None:
    _seed(cloud, tenant, 10)
    # A careful forger also recomputes the row's own hash; the next row still points at
    # the original, so the break shows one row later.
    _tamper(
        cloud,
        "UPDATE drift_cloud.audit_log SET action = 'innocent',"
        " row_hash = drift_cloud.audit_row_hash(prev_hash, tenant_id, seq, id, actor_id,"
        " actor_email, 'innocent', resource_type, resource_id, metadata, ip_address,"
        " user_agent, created_at) WHERE tenant_id = %s AND seq = 5",
        (tenant.id,),
    )
    report = _verify(cloud, tenant)
    assert report["first_broken"]["seq"] == 6
    assert "previous-hash" in report["first_broken"]["reason"]


@pytest.mark.parametrize(("seq", "expected_seq", "reason"), [(7, 7, "gap"), (12, 12, "head")])
def test_verify_catches_removed_rows(
    cloud: CloudHarness, tenant: Tenant, seq: int, expected_seq: int, reason: str
) -> None:
    _seed(cloud, tenant, 10)
    _tamper(
        cloud,
        "DELETE FROM drift_cloud.audit_log WHERE tenant_id = %s AND seq = %s",
        (tenant.id, seq),
    )
    report = _verify(cloud, tenant)
    assert report["valid"] is False
    assert report["first_broken"]["seq"] == expected_seq
    assert reason in report["first_broken"]["reason"]


def test_mutations_are_audited_with_actor_address_and_agent(
    cloud: CloudHarness, tenant: Tenant
) -> None:
    with cloud.client(tenant.owner.token, ip="203.0.113.9") as c:
        team = c.post(
            "/api/v1/teams", json={"name": "audited"}, headers={"User-Agent": "pytest-agent/1"}
        ).json()
        page = c.get("/api/v1/audit", params={"action": "team.created"}).json()
    entry = page["data"][0]
    assert entry["actor_id"] == tenant.owner.user_id
    assert entry["actor_email"] == tenant.owner.email
    assert entry["resource_type"] == "team"
    assert entry["resource_id"] == team["id"]
    assert entry["metadata"] == {"name": "audited"}
    assert entry["ip_address"] == "203.0.113.9"
    assert entry["user_agent"] == "pytest-agent/1"


def test_query_filters_and_keyset_pages(cloud: CloudHarness, tenant: Tenant) -> None:
    admin = cloud.add_member(tenant, "admin")
    _seed(cloud, tenant, 7, action="project.delete")
    with cloud.client(admin.token) as c:
        for i in range(3):
            assert c.post("/api/v1/projects", json={"name": f"p{i}"}).status_code == 201
        by_actor = c.get("/api/v1/audit", params={"actor": admin.email}).json()["data"]
        by_action = c.get("/api/v1/audit", params={"action": "project.delete"}).json()["data"]
        both = c.get(
            "/api/v1/audit", params={"actor": tenant.owner.email, "resource_type": "test"}
        ).json()["data"]
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, object] = {"limit": 4}
            if cursor:
                params["cursor"] = cursor
            page = c.get("/api/v1/audit", params=params).json()
            seen.extend(e["id"] for e in page["data"])
            times = [e["created_at"] for e in page["data"]]
            assert times == sorted(times, reverse=True)
            cursor = page["pagination"]["cursor"]
            assert page["pagination"]["has_more"] == (cursor is not None)
            if cursor is None:
                break
        total = cloud.sql(
            "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s",
            (tenant.id,),
            as_service=False,
        )[0]["n"]
        future = c.get("/api/v1/audit", params={"after": "2999-01-01T00:00:00Z"}).json()["data"]
        past = c.get("/api/v1/audit", params={"before": "2000-01-01T00:00:00+00:00"}).json()
        bad_cursor = c.get("/api/v1/audit", params={"cursor": "not-a-cursor"})
        naive = c.get("/api/v1/audit", params={"after": "2020-01-01T00:00:00"})
    assert {e["actor_email"] for e in by_actor} == {admin.email}
    assert (
        sorted(e["action"] for e in by_actor) == ["invitation.accepted"] + ["project.created"] * 3
    )
    assert len(by_action) == 7
    assert {e["action"] for e in by_action} == {"project.delete"}
    assert len(both) == 7
    assert len(seen) == len(set(seen)) == total
    assert future == []
    assert past["data"] == []
    assert bad_cursor.status_code == 400
    assert naive.status_code == 400
    member = cloud.add_member(tenant, "member")
    with cloud.client(member.token) as c:
        assert c.get("/api/v1/audit").status_code == 403
        assert c.get("/api/v1/audit/export").status_code == 403
        assert c.get("/api/v1/audit/verify").status_code == 403


def test_export_streams_ten_thousand_rows_in_both_formats(
    cloud: CloudHarness, tenant: Tenant
) -> None:
    _seed(cloud, tenant, 10_000)
    total = 10_002  # plus tenant.created and token.created
    with cloud.client(tenant.owner.token) as c:
        with c.stream("GET", "/api/v1/audit/export") as response:
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/x-ndjson"
            assert response.headers.get("transfer-encoding") == "chunked"
            lines = [line for line in response.iter_lines() if line]
        with c.stream("GET", "/api/v1/audit/export", params={"format": "csv"}) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/csv")
            text = response.read().decode()
        filtered = c.get("/api/v1/audit/export", params={"action": "token.created"}).text
    assert len(lines) == total
    rows = [json.loads(line) for line in lines]
    assert all({"id", "action", "tenant_id", "row_hash"} <= set(r) for r in rows)
    assert {r["tenant_id"] for r in rows} == {tenant.id}
    assert len({r["id"] for r in rows}) == total
    assert [r["seq"] for r in rows] == list(range(total, 0, -1))
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == total
    assert {r["action"] for r in records} == {"bulk.test", "tenant.created", "token.created"}
    assert json.loads(records[0]["metadata"]) == {"i": 10_000}
    assert [json.loads(x)["action"] for x in filtered.splitlines()] == ["token.created"]
    assert _verify(cloud, tenant)["checked"] == total


def test_csv_cells_cannot_become_formulas(cloud: CloudHarness, tenant: Tenant) -> None:
    cloud.sql(
        "INSERT INTO audit_log (tenant_id, actor_email, action, resource_type, resource_id)"
        " VALUES (%s, 'x@example.com', 'a.b', 't', '=HYPERLINK(\"http://evil\")')",
        (tenant.id,),
        tenant=tenant.id,
    )
    with cloud.client(tenant.owner.token) as c:
        text = c.get("/api/v1/audit/export", params={"format": "csv"}).text
    record = next(csv.DictReader(io.StringIO(text)))
    assert record["resource_id"] == '\'=HYPERLINK("http://evil")'


def test_retention_deletes_by_plan_and_records_the_cut(cloud: CloudHarness) -> None:
    free, enterprise = cloud.tenant(plan="free"), cloud.tenant(plan="enterprise")
    _seed(cloud, free, 5)
    _seed(cloud, enterprise, 5)
    later = datetime.now(UTC) + timedelta(days=31)
    only = {uuid.UUID(free.id), uuid.UUID(enterprise.id)}
    mine = cloud.run(apply_retention(cloud.app.state.db, now=later, only=only))
    assert [(str(c.tenant_id), c.deleted_rows, c.through_seq) for c in mine] == [(free.id, 7, 7)]
    left = cloud.sql(
        "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s", (free.id,), as_service=False
    )
    assert left[0]["n"] == 0
    cut = cloud.sql(
        "SELECT through_seq, deleted_rows FROM audit_retention_cuts WHERE tenant_id = %s",
        (free.id,),
        as_service=False,
    )
    assert cut == [{"through_seq": 7, "deleted_rows": 7}]
    report = _verify(cloud, free)
    assert report["valid"] is True
    assert report["starts_after_seq"] == 7
    _seed(cloud, free, 3)
    report = _verify(cloud, free)
    assert report["valid"] is True
    assert report["checked"] == 3
    assert report["last_seq"] == 10
    assert _verify(cloud, enterprise)["checked"] == 7
