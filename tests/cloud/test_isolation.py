"""Tenant isolation: over HTTP (404 for another tenant's ids, nothing changed) and in SQL
(row-level security hides other tenants' rows from the service role, and every row when no
tenant is set)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from tests.cloud.conftest import CloudHarness, Tenant


@dataclass
class World:
    a: Tenant
    b: Tenant
    ids: dict[str, str]


@pytest.fixture(scope="module")
def world(cloud: CloudHarness) -> World:
    """Tenant A with one of everything; tenant B with a team and a project of its own."""
    a, b = cloud.tenant(), cloud.tenant()
    a_member = cloud.add_member(a, "member")
    b_member = cloud.add_member(b, "member")
    ids: dict[str, str] = {"a_member": a_member.user_id, "b_member": b_member.user_id}
    with cloud.client(a.owner.token) as c:
        ids["a_team"] = c.post("/api/v1/teams", json={"name": "alpha"}).json()["id"]
        ids["a_project"] = c.post("/api/v1/projects", json={"name": "alpha-p"}).json()["id"]
        assert (
            c.post(
                f"/api/v1/teams/{ids['a_team']}/members", json={"user_id": a_member.user_id}
            ).status_code
            == 201
        )
        assert (
            c.post(
                f"/api/v1/teams/{ids['a_team']}/projects", json={"project_id": ids["a_project"]}
            ).status_code
            == 201
        )
        ids["a_invitation"] = c.post(
            "/api/v1/invitations", json={"email": "pending@example.com"}
        ).json()["id"]
        ids["a_token"] = c.post("/api/v1/tokens", json={"name": "ci"}).json()["id"]
        ids["a_entry"] = c.post(
            "/api/v1/settings/ip-allowlist", json={"cidr": "127.0.0.1/32"}
        ).json()["id"]
    with cloud.client(b.owner.token) as c:
        ids["b_team"] = c.post("/api/v1/teams", json={"name": "beta"}).json()["id"]
        ids["b_project"] = c.post("/api/v1/projects", json={"name": "beta-p"}).json()["id"]
        assert (
            c.post(
                f"/api/v1/teams/{ids['b_team']}/members", json={"user_id": b_member.user_id}
            ).status_code
            == 201
        )
        assert (
            c.post(
                f"/api/v1/teams/{ids['b_team']}/projects", json={"project_id": ids["b_project"]}
            ).status_code
            == 201
        )
    return World(a, b, ids)


# (method, path template, JSON body) — tenant B's owner uses tenant A's ids in each.
CROSS_TENANT_CALLS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/teams/{a_team}", None),
    ("PATCH", "/api/v1/teams/{a_team}", {"name": "stolen"}),
    ("DELETE", "/api/v1/teams/{a_team}", None),
    ("GET", "/api/v1/teams/{a_team}/members", None),
    ("POST", "/api/v1/teams/{a_team}/members", {"user_id": "{b_member}"}),
    ("PATCH", "/api/v1/teams/{a_team}/members/{a_member}", {"role": "lead"}),
    ("DELETE", "/api/v1/teams/{a_team}/members/{a_member}", None),
    ("GET", "/api/v1/teams/{a_team}/projects", None),
    ("POST", "/api/v1/teams/{a_team}/projects", {"project_id": "{b_project}"}),
    ("DELETE", "/api/v1/teams/{a_team}/projects/{a_project}", None),
    ("POST", "/api/v1/teams/{b_team}/members", {"user_id": "{a_member}"}),
    ("PATCH", "/api/v1/teams/{b_team}/members/{a_member}", {"role": "lead"}),
    ("DELETE", "/api/v1/teams/{b_team}/members/{a_member}", None),
    ("POST", "/api/v1/teams/{b_team}/projects", {"project_id": "{a_project}"}),
    ("DELETE", "/api/v1/teams/{b_team}/projects/{a_project}", None),
    ("GET", "/api/v1/projects/{a_project}", None),
    ("PATCH", "/api/v1/projects/{a_project}", {"name": "stolen"}),
    ("DELETE", "/api/v1/projects/{a_project}", None),
    ("PATCH", "/api/v1/members/{a_member}", {"role": "viewer"}),
    ("DELETE", "/api/v1/members/{a_member}", None),
    ("POST", "/api/v1/invitations", {"email": "x@example.com", "team_id": "{a_team}"}),
    ("DELETE", "/api/v1/invitations/{a_invitation}", None),
    ("POST", "/api/v1/invitations/{a_invitation}/resend", None),
    ("DELETE", "/api/v1/tokens/{a_token}", None),
    ("DELETE", "/api/v1/settings/ip-allowlist/{a_entry}", None),
    ("POST", "/api/v1/settings/transfer-ownership", {"new_owner_id": "{a_member}"}),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def test_every_id_route_is_covered(cloud: CloudHarness) -> None:
    """Every route taking an id appears above, so a new route cannot skip this test."""
    covered = {(m, re.sub(r"\{[^}]+\}", "{}", p)) for m, p, _ in CROSS_TENANT_CALLS}
    routes = {
        (method.upper(), re.sub(r"\{[^}]+\}", "{}", path))
        for path, operations in cloud.app.openapi()["paths"].items()
        for method in operations
        if "{" in path and not path.endswith("/accept")
    }
    assert len(routes) >= 19
    assert routes - covered == set()


def _snapshot(cloud: CloudHarness, world: World) -> dict[str, Any]:
    ids, tenant = world.ids, world.a.id
    return {
        table: cloud.sql(
            f"SELECT * FROM {table} WHERE tenant_id = %s ORDER BY 1, 2", (tenant,), as_service=False
        )
        for table in (
            "teams",
            "team_memberships",
            "projects",
            "team_projects",
            "invitations",
            "memberships",
            "ip_allowlist",
        )
    } | {
        "token": cloud.sql(
            "SELECT revoked_at FROM api_tokens WHERE id = %s", (ids["a_token"],), as_service=False
        ),
        "owner": cloud.sql(
            "SELECT owner_id FROM tenants WHERE id = %s", (tenant,), as_service=False
        ),
    }


def test_other_tenants_ids_are_404_and_change_nothing(cloud: CloudHarness, world: World) -> None:
    before = _snapshot(cloud, world)
    assert before["teams"]
    assert before["team_projects"]
    assert before["ip_allowlist"]
    results = {}
    with cloud.client(world.b.owner.token) as b:
        for method, template, body in CROSS_TENANT_CALLS:
            path = template.format(**world.ids)
            response = b.request(method, path, json=_fill(body, world.ids))
            results[f"{method} {template}"] = (response.status_code, response.json())
    assert {k: v[0] for k, v in results.items()} == dict.fromkeys(results, 404)
    assert all(set(v[1]) == {"error"} for v in results.values())
    assert _snapshot(cloud, world) == before


def test_other_tenants_rows_do_not_show_up_in_lists(cloud: CloudHarness, world: World) -> None:
    with cloud.client(world.b.owner.token) as b:
        teams = {t["id"] for t in b.get("/api/v1/teams").json()["data"]}
        projects = {p["id"] for p in b.get("/api/v1/projects").json()["data"]}
        members = {m["user_id"] for m in b.get("/api/v1/members").json()["data"]}
        invitations = b.get("/api/v1/invitations").json()["data"]
        entries = b.get("/api/v1/settings/ip-allowlist").json()["data"]
        audit = b.get("/api/v1/audit", params={"action": "team.created"}).json()["data"]
    assert teams == {world.ids["b_team"]}
    assert projects == {world.ids["b_project"]}
    assert world.ids["a_member"] not in members
    assert world.a.owner.user_id not in members
    assert world.ids["a_invitation"] not in {i["id"] for i in invitations}
    assert [i["email"] for i in invitations] == [world.b.members[0].email]
    assert entries == []
    assert [row["tenant_id"] for row in audit] == [world.b.id]


# (table, the condition that selects tenant A's rows)
TENANT_TABLES = [
    ("tenants", "id = %(a)s"),
    ("users", "id = %(a_owner)s"),
    ("memberships", "tenant_id = %(a)s"),
    ("api_tokens", "user_id = %(a_owner)s"),
    ("teams", "tenant_id = %(a)s"),
    ("team_memberships", "tenant_id = %(a)s"),
    ("projects", "tenant_id = %(a)s"),
    ("team_projects", "tenant_id = %(a)s"),
    ("invitations", "tenant_id = %(a)s"),
    ("audit_log", "tenant_id = %(a)s"),
    ("audit_chain_heads", "tenant_id = %(a)s"),
    ("ip_allowlist", "tenant_id = %(a)s"),
]


@pytest.mark.parametrize(("table", "condition"), TENANT_TABLES)
def test_service_role_sees_no_other_tenant_rows(
    cloud: CloudHarness, world: World, table: str, condition: str
) -> None:
    params = {"a": world.a.id, "a_owner": world.a.owner.user_id}
    query = f"SELECT count(*) AS n FROM {table} WHERE {condition}"
    # Positive control: as tenant A's owner the same query finds the rows.
    own = cloud.sql(query, params, tenant=world.a.id, user=world.a.owner.user_id)
    assert own[0]["n"] > 0
    other = cloud.sql(query, params, tenant=world.b.id, user=world.b.owner.user_id)
    assert other[0]["n"] == 0
    unset = cloud.sql(f"SELECT count(*) AS n FROM {table}")
    assert unset[0]["n"] == 0


def test_service_role_cannot_write_into_another_tenant(cloud: CloudHarness, world: World) -> None:
    with pytest.raises(Exception, match="row-level security"):
        cloud.sql(
            "INSERT INTO teams (tenant_id, name) VALUES (%s, %s)",
            (world.a.id, f"planted-{uuid.uuid4().hex[:6]}"),
            tenant=world.b.id,
        )
    updated = cloud.sql(
        "UPDATE teams SET name = 'renamed' WHERE tenant_id = %s RETURNING id",
        (world.a.id,),
        tenant=world.b.id,
    )
    assert updated == []


def test_rls_is_enabled_and_forced_on_every_table(cloud: CloudHarness) -> None:
    rows = cloud.sql(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'drift_cloud' AND c.relkind = 'r'",
        as_service=False,
    )
    unprotected = [
        r["relname"] for r in rows if not (r["relrowsecurity"] and r["relforcerowsecurity"])
    ]
    assert unprotected == ["schema_migrations"]
