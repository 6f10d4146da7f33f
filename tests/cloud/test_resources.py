"""The resource endpoints doing their ordinary work: members, teams, projects, tokens, health."""

from __future__ import annotations

from tests.cloud.conftest import CloudHarness, Tenant


def test_health_and_openapi(cloud: CloudHarness) -> None:
    with cloud.client() as c:
        health = c.get("/healthz")
        live = c.get("/livez")
        schema = c.get("/openapi.json")
    assert health.status_code == 200
    assert health.json()["database"] == "ok"
    assert health.json()["schema_version"] >= 1
    assert live.json() == {"status": "ok"}
    paths = schema.json()["paths"]
    assert "/api/v1/teams" in paths
    codes = {code for ops in paths.values() for op in ops.values() for code in op["responses"]}
    assert "422" not in codes
    assert "400" in codes


def test_members_pages_and_role_changes(cloud: CloudHarness, tenant: Tenant) -> None:
    made = [cloud.add_member(tenant, "member") for _ in range(4)]
    with cloud.client(tenant.owner.token) as c:
        seen, cursor = [], None
        while True:
            params: dict[str, object] = {"limit": 2}
            if cursor:
                params["cursor"] = cursor
            page = c.get("/api/v1/members", params=params).json()
            seen += [m["user_id"] for m in page["data"]]
            cursor = page["pagination"]["cursor"]
            if not cursor:
                break
        changed = c.patch(f"/api/v1/members/{made[0].user_id}", json={"role": "admin"})
        owner_change = c.patch(f"/api/v1/members/{tenant.owner.user_id}", json={"role": "admin"})
        removed = c.delete(f"/api/v1/members/{made[1].user_id}")
        after = {m["user_id"] for m in c.get("/api/v1/members").json()["data"]}
        count = c.get("/api/v1/members/count").json()
    assert len(seen) == len(set(seen)) == 5
    assert seen[-1] == tenant.owner.user_id  # newest first
    assert changed.json()["role"] == "admin"
    assert owner_change.status_code == 400
    assert removed.json() == {"removed": True}
    assert made[1].user_id not in after
    assert count["active"] == 4
    with cloud.client(made[0].token) as c:
        assert c.get("/api/v1/me").json()["role"] == "admin"


def test_team_and_project_crud(cloud: CloudHarness, tenant: Tenant) -> None:
    member = cloud.add_member(tenant, "member")
    with cloud.client(tenant.owner.token) as c:
        team = c.post("/api/v1/teams", json={"name": "Engineering", "description": "core"}).json()
        dup = c.post("/api/v1/teams", json={"name": "Engineering"})
        project = c.post("/api/v1/projects", json={"name": "api"}).json()
        assert (
            c.post(
                f"/api/v1/teams/{team['id']}/members", json={"user_id": member.user_id}
            ).status_code
            == 201
        )
        again = c.post(f"/api/v1/teams/{team['id']}/members", json={"user_id": member.user_id})
        assert (
            c.post(
                f"/api/v1/teams/{team['id']}/projects", json={"project_id": project["id"]}
            ).status_code
            == 201
        )
        twice = c.post(f"/api/v1/teams/{team['id']}/projects", json={"project_id": project["id"]})
        detail = c.get(f"/api/v1/teams/{team['id']}").json()
        renamed = c.patch(f"/api/v1/teams/{team['id']}", json={"description": None}).json()
        project_renamed = c.patch(f"/api/v1/projects/{project['id']}", json={"name": "api2"})
        removed = c.delete(f"/api/v1/teams/{team['id']}")
        after = c.get(f"/api/v1/teams/{team['id']}")
        links = cloud.sql(
            "SELECT count(*) AS n FROM team_projects WHERE team_id = %s",
            (team["id"],),
            as_service=False,
        )
    assert dup.status_code == 409
    assert again.status_code == 409
    assert twice.status_code == 409
    assert [m["user_id"] for m in detail["members"]] == [member.user_id]
    assert [p["project_id"] for p in detail["projects"]] == [project["id"]]
    assert renamed["description"] is None
    assert renamed["name"] == "Engineering"
    assert project_renamed.json()["name"] == "api2"
    assert removed.json() == {"deleted": True}
    assert after.status_code == 404
    assert links == [{"n": 0}]


def test_tokens_are_listed_without_secrets(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token) as c:
        made = c.post("/api/v1/tokens", json={"name": "ci", "expires_in_days": 7}).json()
        listed = c.get("/api/v1/tokens").json()["data"]
    assert made["token"].startswith("drift_pat_")
    assert {t["name"] for t in listed} == {"bootstrap", "ci"}
    assert all("token" not in t for t in listed)
    assert all(t["active"] for t in listed)
    with cloud.client(made["token"]) as c:
        assert c.get("/api/v1/me").status_code == 200
        assert c.delete(f"/api/v1/tokens/{made['id']}").status_code == 200
        assert c.get("/api/v1/me").status_code == 401
    stored = cloud.sql(
        "SELECT last_used_at IS NOT NULL AS used FROM api_tokens WHERE id = %s",
        (made["id"],),
        user=tenant.owner.user_id,
    )
    assert stored == [{"used": True}]
