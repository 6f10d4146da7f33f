"""Invitations: seats, single use, expiry, resend, revoke, and what accepting may not do."""

from __future__ import annotations

import uuid

from drift.cloud.token_format import hash_secret
from tests.cloud.conftest import CloudHarness, Tenant


def _invite(cloud: CloudHarness, t: Tenant, email: str, **extra: object) -> dict[str, object]:
    with cloud.client(t.owner.token) as c:
        made = c.post("/api/v1/invitations", json={"email": email, **extra})
    assert made.status_code == 201, made.text
    body: dict[str, object] = made.json()
    return body


def _accept(cloud: CloudHarness, token: object, bearer: str | None = None) -> tuple[int, dict]:
    with cloud.client(bearer) as c:
        response = c.post(f"/api/v1/invitations/{token}/accept")
    return response.status_code, response.json()


def test_invite_accept_and_single_use(cloud: CloudHarness, tenant: Tenant) -> None:
    made = _invite(cloud, tenant, "new.person@example.com", role="viewer")
    assert made["status"] == "pending"
    assert str(made["token"]).startswith("drift_inv_")
    stored = cloud.sql(
        "SELECT token_hash FROM invitations WHERE id = %s", (made["id"],), as_service=False
    )
    assert stored == [{"token_hash": hash_secret(str(made["token"]))}]  # only the hash is kept
    status, body = _accept(cloud, made["token"])
    assert status == 200
    assert body["accepted"] is True
    assert body["role"] == "viewer"
    assert body["tenant_id"] == tenant.id
    with cloud.client(body["token"]) as c:
        me = c.get("/api/v1/me").json()
    assert me == {
        "user_id": body["user_id"],
        "email": "new.person@example.com",
        "tenant_id": tenant.id,
        "role": "viewer",
    }
    assert _accept(cloud, made["token"]) == (410, {"error": "Invitation has already been accepted"})
    with cloud.client(tenant.owner.token) as c:
        listed = c.get("/api/v1/invitations").json()["data"]
        audit = c.get("/api/v1/audit", params={"action": "invitation.accepted"}).json()["data"]
    assert [i["status"] for i in listed] == ["accepted"]
    assert audit[0]["actor_id"] == body["user_id"]


def test_expired_invitation_is_410(cloud: CloudHarness, tenant: Tenant) -> None:
    made = _invite(cloud, tenant, "late@example.com")
    cloud.sql(
        "UPDATE invitations SET expires_at = now() - interval '1 hour' WHERE id = %s",
        (made["id"],),
        tenant=tenant.id,
    )
    assert _accept(cloud, made["token"]) == (410, {"error": "Invitation has expired"})
    assert _accept(cloud, "drift_inv_" + "x" * 43)[0] == 404
    assert _accept(cloud, "garbage")[0] == 404


def test_resend_rotates_the_token_and_revoke_removes_it(
    cloud: CloudHarness, tenant: Tenant
) -> None:
    made = _invite(cloud, tenant, "again@example.com")
    with cloud.client(tenant.owner.token) as c:
        resent = c.post(f"/api/v1/invitations/{made['id']}/resend").json()
    assert resent["resent"] is True
    assert resent["token"] != made["token"]
    assert _accept(cloud, made["token"])[0] == 404
    second = _invite(cloud, tenant, "gone@example.com")
    with cloud.client(tenant.owner.token) as c:
        assert c.delete(f"/api/v1/invitations/{second['id']}").json() == {"revoked": True}
        assert c.delete(f"/api/v1/invitations/{second['id']}").status_code == 404
    assert _accept(cloud, second["token"])[0] == 404
    assert _accept(cloud, resent["token"])[0] == 200
    with cloud.client(tenant.owner.token) as c:
        assert c.post(f"/api/v1/invitations/{made['id']}/resend").status_code == 410
        assert c.delete(f"/api/v1/invitations/{made['id']}").status_code == 409


def test_seat_limit_counts_members_and_pending_invitations(cloud: CloudHarness) -> None:
    t = cloud.tenant(seat_limit=4)
    cloud.add_member(t, "member")  # 2 active
    _invite(cloud, t, "third@example.com")  # 3 used
    with cloud.client(t.owner.token) as c:
        assert c.get("/api/v1/members/count").json() == {
            "active": 2,
            "pending_invites": 1,
            "seat_limit": 4,
            "remaining": 1,
        }
        last = c.post("/api/v1/invitations", json={"email": "fourth@example.com"})
        assert last.status_code == 201  # exactly at the limit: 4/4
        full = c.post("/api/v1/invitations", json={"email": "fifth@example.com"})
        assert full.status_code == 402
        assert full.json() == {"error": "Seat limit reached (4/4). Upgrade your plan."}
        # An expired invitation frees its seat, and renewing it needs one again.
        cloud.sql(
            "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = %s",
            (last.json()["id"],),
            tenant=t.id,
        )
        assert c.get("/api/v1/members/count").json()["remaining"] == 1
        assert c.post("/api/v1/invitations", json={"email": "fifth@example.com"}).status_code == 201
        assert c.post(f"/api/v1/invitations/{last.json()['id']}/resend").status_code == 402


def test_invitation_into_a_team(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token) as c:
        team = c.post("/api/v1/teams", json={"name": "onboarding"}).json()["id"]
        bad_team = c.post(
            "/api/v1/invitations", json={"email": "a@example.com", "team_id": str(uuid.uuid4())}
        )
    assert bad_team.status_code == 404
    made = _invite(cloud, tenant, "teamed@example.com", team_id=team)
    status, body = _accept(cloud, made["token"])
    assert status == 200
    with cloud.client(tenant.owner.token) as c:
        members = c.get(f"/api/v1/teams/{team}/members").json()["data"]
    assert [(m["user_id"], m["role"]) for m in members] == [(body["user_id"], "member")]


def test_existing_user_must_accept_with_their_own_token(cloud: CloudHarness) -> None:
    home, other = cloud.tenant(), cloud.tenant()
    person = cloud.add_member(home, "member")
    stranger = cloud.add_member(home, "member")
    made = _invite(cloud, other, person.email.upper(), role="admin")
    status, body = _accept(cloud, made["token"])
    assert status == 401
    assert "already has a Drift account" in body["error"]
    assert _accept(cloud, made["token"], stranger.token)[0] == 403
    status, body = _accept(cloud, made["token"], person.token)
    assert status == 200
    assert body["token"] is None
    assert body["role"] == "admin"
    assert body["user_id"] == person.user_id
    with cloud.client(person.token) as c:
        assert c.get("/api/v1/me").status_code == 400  # two tenants now: must choose
    with cloud.client(person.token, tenant=other.id) as c:
        assert c.get("/api/v1/me").json()["role"] == "admin"
    with cloud.client(person.token, tenant=home.id) as c:
        assert c.get("/api/v1/me").json()["role"] == "member"


def _plant_invitation(cloud: CloudHarness, t: Tenant, email: str, role: str) -> str:
    """An invitation the API would refuse to create (the e-mail is already a member)."""
    raw = "drift_inv_" + uuid.uuid4().hex + uuid.uuid4().hex[:11]
    cloud.sql(
        "INSERT INTO invitations (tenant_id, email, role, invited_by, token_hash, expires_at)"
        " VALUES (%s, %s, %s, %s, %s, now() + interval '1 day')",
        (t.id, email, role, t.owner.user_id, hash_secret(raw)),
        tenant=t.id,
        user=t.owner.user_id,
    )
    return raw


def test_accepting_never_changes_a_role_or_reactivates(cloud: CloudHarness, tenant: Tenant) -> None:
    admin = cloud.add_member(tenant, "admin")
    with cloud.client(tenant.owner.token) as c:
        again = c.post("/api/v1/invitations", json={"email": admin.email, "role": "viewer"})
    assert again.status_code == 409
    status, body = _accept(
        cloud, _plant_invitation(cloud, tenant, admin.email, "viewer"), admin.token
    )
    assert status == 200
    assert body["role"] == "admin"
    with cloud.client(admin.token) as c:
        assert c.get("/api/v1/me").json()["role"] == "admin"
    gone = cloud.add_member(tenant, "member")
    with cloud.client(tenant.owner.token) as c:
        assert c.delete(f"/api/v1/members/{gone.user_id}").json() == {"removed": True}
        refused = c.post("/api/v1/invitations", json={"email": gone.email})
    assert refused.status_code == 409
    status, body = _accept(
        cloud, _plant_invitation(cloud, tenant, gone.email, "member"), gone.token
    )
    assert status == 409
    active = cloud.sql(
        "SELECT active FROM memberships WHERE user_id = %s", (gone.user_id,), as_service=False
    )
    assert active == [{"active": False}]


def test_owner_role_cannot_be_invited(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token) as c:
        response = c.post(
            "/api/v1/invitations", json={"email": "boss@example.com", "role": "owner"}
        )
        dup1 = c.post("/api/v1/invitations", json={"email": "twice@example.com"})
        dup2 = c.post("/api/v1/invitations", json={"email": "TWICE@example.com"})
    assert response.status_code == 400
    assert dup1.status_code == 201
    assert dup2.status_code == 409
