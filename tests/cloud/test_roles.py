"""Roles x every mutating endpoint: the allowed roles succeed, the others get 403 and change
nothing (DECISIONS 14). Team leads and project visibility (DECISIONS 35) are checked too."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.cloud.conftest import CloudHarness, Member, Tenant

ROLES = ("viewer", "member", "admin", "owner")
ADMINS = {"admin", "owner"}
EVERYONE = set(ROLES)


@dataclass
class Case:
    """One mutating call: how to prepare it (as the owner) and who may make it."""

    name: str
    allowed: set[str]
    call: Callable[[CloudHarness, Tenant, Member, Member], tuple[str, str, Any]]
    success: int = 200
    # Cases that change the actor's or the subject's standing get a tenant of their own.
    fresh: bool = False


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _team(cloud: CloudHarness, t: Tenant, subject: Member | None = None) -> str:
    with cloud.client(t.owner.token) as c:
        team = c.post("/api/v1/teams", json={"name": _name("squad")}).json()["id"]
        if subject:
            c.post(f"/api/v1/teams/{team}/members", json={"user_id": subject.user_id})
    return str(team)


def _project(cloud: CloudHarness, t: Tenant) -> str:
    with cloud.client(t.owner.token) as c:
        return str(c.post("/api/v1/projects", json={"name": _name("proj")}).json()["id"])


def _assigned(cloud: CloudHarness, t: Tenant) -> tuple[str, str]:
    team, project = _team(cloud, t), _project(cloud, t)
    with cloud.client(t.owner.token) as c:
        c.post(f"/api/v1/teams/{team}/projects", json={"project_id": project})
    return team, project


def _invitation(cloud: CloudHarness, t: Tenant) -> str:
    with cloud.client(t.owner.token) as c:
        made = c.post("/api/v1/invitations", json={"email": f"{_name('new')}@example.com"})
        return str(made.json()["id"])


def _entry(cloud: CloudHarness, t: Tenant) -> str:
    with cloud.client(t.owner.token) as c:
        return str(
            c.post("/api/v1/settings/ip-allowlist", json={"cidr": "127.0.0.0/8"}).json()["id"]
        )


def _own_token(cloud: CloudHarness, actor: Member) -> str:
    with cloud.client(actor.token) as c:
        return str(c.post("/api/v1/tokens", json={"name": "spare"}).json()["id"])


def _case(
    name: str,
    allowed: set[str],
    method: str,
    path: Callable[[CloudHarness, Tenant, Member, Member], str],
    body: Callable[[CloudHarness, Tenant, Member, Member], Any] = lambda h, t, a, s: None,
    *,
    success: int = 200,
    fresh: bool = False,
) -> Case:
    return Case(
        name,
        allowed,
        lambda h, t, a, s: (method, path(h, t, a, s), body(h, t, a, s)),
        success,
        fresh,
    )


CASES = [
    _case(
        "create team",
        ADMINS,
        "POST",
        lambda h, t, a, s: "/api/v1/teams",
        lambda h, t, a, s: {"name": _name("n")},
        success=201,
    ),
    _case(
        "rename team",
        ADMINS,
        "PATCH",
        lambda h, t, a, s: f"/api/v1/teams/{_team(h, t)}",
        lambda h, t, a, s: {"name": _name("r")},
    ),
    _case("delete team", ADMINS, "DELETE", lambda h, t, a, s: f"/api/v1/teams/{_team(h, t)}"),
    _case(
        "add team member",
        ADMINS,
        "POST",
        lambda h, t, a, s: f"/api/v1/teams/{_team(h, t)}/members",
        lambda h, t, a, s: {"user_id": s.user_id},
        success=201,
    ),
    _case(
        "change team member role",
        ADMINS,
        "PATCH",
        lambda h, t, a, s: f"/api/v1/teams/{_team(h, t, s)}/members/{s.user_id}",
        lambda h, t, a, s: {"role": "lead"},
    ),
    _case(
        "remove team member",
        ADMINS,
        "DELETE",
        lambda h, t, a, s: f"/api/v1/teams/{_team(h, t, s)}/members/{s.user_id}",
    ),
    _case(
        "assign project",
        ADMINS,
        "POST",
        lambda h, t, a, s: f"/api/v1/teams/{_team(h, t)}/projects",
        lambda h, t, a, s: {"project_id": _project(h, t)},
        success=201,
    ),
    _case(
        "unassign project",
        ADMINS,
        "DELETE",
        lambda h, t, a, s: "/api/v1/teams/{}/projects/{}".format(*_assigned(h, t)),
    ),
    _case(
        "create project",
        ADMINS,
        "POST",
        lambda h, t, a, s: "/api/v1/projects",
        lambda h, t, a, s: {"name": _name("p")},
        success=201,
    ),
    _case(
        "update project",
        ADMINS,
        "PATCH",
        lambda h, t, a, s: f"/api/v1/projects/{_project(h, t)}",
        lambda h, t, a, s: {"name": _name("q")},
    ),
    _case(
        "delete project", ADMINS, "DELETE", lambda h, t, a, s: f"/api/v1/projects/{_project(h, t)}"
    ),
    _case(
        "change member role",
        ADMINS,
        "PATCH",
        lambda h, t, a, s: f"/api/v1/members/{s.user_id}",
        lambda h, t, a, s: {"role": "viewer"},
        fresh=True,
    ),
    _case(
        "remove member",
        ADMINS,
        "DELETE",
        lambda h, t, a, s: f"/api/v1/members/{s.user_id}",
        fresh=True,
    ),
    _case(
        "invite",
        ADMINS,
        "POST",
        lambda h, t, a, s: "/api/v1/invitations",
        lambda h, t, a, s: {"email": f"{_name('x')}@example.com"},
        success=201,
    ),
    _case(
        "revoke invitation",
        ADMINS,
        "DELETE",
        lambda h, t, a, s: f"/api/v1/invitations/{_invitation(h, t)}",
    ),
    _case(
        "resend invitation",
        ADMINS,
        "POST",
        lambda h, t, a, s: f"/api/v1/invitations/{_invitation(h, t)}/resend",
    ),
    _case(
        "add allowlist entry",
        ADMINS,
        "POST",
        lambda h, t, a, s: "/api/v1/settings/ip-allowlist",
        lambda h, t, a, s: {"cidr": "10.0.0.0/8"},
        success=201,
        fresh=True,
    ),
    _case(
        "remove allowlist entry",
        ADMINS,
        "DELETE",
        lambda h, t, a, s: f"/api/v1/settings/ip-allowlist/{_entry(h, t)}",
        fresh=True,
    ),
    _case(
        "emergency reset",
        {"owner"},
        "DELETE",
        lambda h, t, a, s: "/api/v1/settings/ip-allowlist",
        lambda h, t, a, s: {"confirm_email": a.email},
        fresh=True,
    ),
    _case(
        "transfer ownership",
        {"owner"},
        "POST",
        lambda h, t, a, s: "/api/v1/settings/transfer-ownership",
        lambda h, t, a, s: {"new_owner_id": s.user_id},
        fresh=True,
    ),
    _case(
        "create own token",
        EVERYONE,
        "POST",
        lambda h, t, a, s: "/api/v1/tokens",
        lambda h, t, a, s: {"name": "laptop"},
        success=201,
    ),
    _case(
        "revoke own token",
        EVERYONE,
        "DELETE",
        lambda h, t, a, s: f"/api/v1/tokens/{_own_token(h, a)}",
    ),
]


def _audit_count(cloud: CloudHarness, t: Tenant) -> int:
    rows = cloud.sql(
        "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s", (t.id,), as_service=False
    )
    return int(rows[0]["n"])


@dataclass
class Seat:
    tenant: Tenant
    actor: Member
    subject: Member


def _seat(cloud: CloudHarness, role: str) -> Seat:
    t = cloud.tenant()
    subject = cloud.add_member(t, "member")
    actor = t.owner if role == "owner" else cloud.add_member(t, role)
    return Seat(t, actor, subject)


@pytest.fixture(scope="module")
def seats(cloud: CloudHarness) -> dict[str, Seat]:
    """One tenant per role, shared by the cases that leave everyone's standing as it was."""
    return {role: _seat(cloud, role) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_role_matrix(cloud: CloudHarness, seats: dict[str, Seat], case: Case, role: str) -> None:
    seat = _seat(cloud, role) if case.fresh else seats[role]
    t, actor = seat.tenant, seat.actor
    method, path, body = case.call(cloud, t, actor, seat.subject)
    audit_before = _audit_count(cloud, t)
    with cloud.client(actor.token) as c:
        response = c.request(method, path, json=body)
    if role in case.allowed:
        assert response.status_code == case.success, response.text
        assert _audit_count(cloud, t) > audit_before  # every mutation is audited
    else:
        assert response.status_code == 403, response.text
        assert "Requires role" in response.json()["error"]
        assert _audit_count(cloud, t) == audit_before


def test_every_mutating_route_is_in_the_matrix(cloud: CloudHarness) -> None:
    public = {("POST", "/api/v1/invitations/{token}/accept")}
    mutating = {
        (method.upper(), path)
        for path, operations in cloud.app.openapi()["paths"].items()
        for method in operations
        if method in {"post", "patch", "put", "delete"}
    } - public
    assert len(mutating) == len(CASES) == 22


def test_team_lead_may_rename_and_manage_members_only(cloud: CloudHarness) -> None:
    t = cloud.tenant()
    lead, other = cloud.add_member(t, "member"), cloud.add_member(t, "member")
    team = _team(cloud, t)
    with cloud.client(t.owner.token) as c:
        assert (
            c.post(
                f"/api/v1/teams/{team}/members", json={"user_id": lead.user_id, "role": "lead"}
            ).status_code
            == 201
        )
    project = _project(cloud, t)
    with cloud.client(lead.token) as c:
        assert c.patch(f"/api/v1/teams/{team}", json={"name": "led"}).status_code == 200
        assert (
            c.post(f"/api/v1/teams/{team}/members", json={"user_id": other.user_id}).status_code
            == 201
        )
        assert (
            c.post(
                f"/api/v1/teams/{team}/members", json={"user_id": other.user_id, "role": "lead"}
            ).status_code
            == 403
        )
        assert c.delete(f"/api/v1/teams/{team}/members/{other.user_id}").status_code == 200
        assert (
            c.patch(
                f"/api/v1/teams/{team}/members/{lead.user_id}", json={"role": "member"}
            ).status_code
            == 403
        )
        assert (
            c.post(f"/api/v1/teams/{team}/projects", json={"project_id": project}).status_code
            == 403
        )
        assert c.delete(f"/api/v1/teams/{team}").status_code == 403
        other_team = c.get("/api/v1/teams").json()["data"]
    assert [x["name"] for x in other_team] == ["led"]
    # A lead of another team has no say here.
    second = cloud.tenant()
    with cloud.client(lead.token, tenant=second.id) as c:
        assert c.get("/api/v1/me").status_code == 403


def test_viewer_lead_is_still_read_only(cloud: CloudHarness) -> None:
    t = cloud.tenant()
    viewer = cloud.add_member(t, "viewer")
    team = _team(cloud, t)
    with cloud.client(t.owner.token) as c:
        c.post(f"/api/v1/teams/{team}/members", json={"user_id": viewer.user_id, "role": "lead"})
    with cloud.client(viewer.token) as c:
        assert c.patch(f"/api/v1/teams/{team}", json={"name": "x"}).status_code == 403


def test_members_see_only_projects_of_their_teams(cloud: CloudHarness) -> None:
    t = cloud.tenant()
    member, viewer, admin = (cloud.add_member(t, r) for r in ("member", "viewer", "admin"))
    team, seen = _assigned(cloud, t)
    hidden = _project(cloud, t)
    with cloud.client(t.owner.token) as c:
        c.post(f"/api/v1/teams/{team}/members", json={"user_id": member.user_id})
    for who, expected in (
        (member, {seen}),
        (viewer, set()),
        (admin, {seen, hidden}),
        (t.owner, {seen, hidden}),
    ):
        with cloud.client(who.token) as c:
            listed = {p["id"] for p in c.get("/api/v1/projects").json()["data"]}
            assert listed == expected, who.role
            status = c.get(f"/api/v1/projects/{hidden}").status_code
            assert status == (200 if hidden in expected else 404)
    # The same holds in the database itself, not only in the application's queries.
    query = "SELECT id::text AS id FROM projects WHERE tenant_id = %s"
    as_member = {r["id"] for r in cloud.sql(query, (t.id,), tenant=t.id, user=member.user_id)}
    as_admin = {r["id"] for r in cloud.sql(query, (t.id,), tenant=t.id, user=admin.user_id)}
    assert as_member == {seen}
    assert as_admin == {seen, hidden}
