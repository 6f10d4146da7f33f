"""Bad input gets a clear JSON error with the right status, never a stack trace."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.cloud.conftest import CloudHarness, Tenant


def _is_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert "Traceback" not in body["error"]
    return str(body["error"])


@pytest.mark.parametrize(
    ("content", "headers", "fragment"),
    [
        (b'{"name": ', {"content-type": "application/json"}, "Malformed JSON"),
        (b'{"name": 5}', {"content-type": "application/json"}, "name"),
        (b'{"name": "x", "colour": "red"}', {"content-type": "application/json"}, "Unknown field"),
        (b"{}", {"content-type": "application/json"}, "Missing required field: name"),
        (b'["name"]', {"content-type": "application/json"}, ""),
        (b"name=x", {"content-type": "application/x-www-form-urlencoded"}, ""),
        (
            b'{"name": "x", "description": ["a"]}',
            {"content-type": "application/json"},
            "description",
        ),
        (b'{"name": ""}', {"content-type": "application/json"}, "name"),
    ],
)
def test_malformed_bodies_are_400(
    cloud: CloudHarness, tenant: Tenant, content: bytes, headers: dict[str, str], fragment: str
) -> None:
    with cloud.client(tenant.owner.token) as c:
        message = _is_error(c.post("/api/v1/teams", content=content, headers=headers), 400)
    assert fragment in message


def test_wrong_types_in_other_bodies(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token) as c:
        _is_error(c.post("/api/v1/tokens", json={"name": "x", "expires_in_days": "5"}), 400)
        _is_error(c.post("/api/v1/tokens", json={"name": "x", "expires_in_days": 0}), 400)
        _is_error(c.post("/api/v1/invitations", json={"email": "not-an-email"}), 400)
        _is_error(c.post("/api/v1/settings/ip-allowlist", json={"cidr": 10}), 400)
        _is_error(c.post("/api/v1/settings/ip-allowlist", json={"cidr": "10.0.0.0/99"}), 400)
        _is_error(c.patch(f"/api/v1/members/{uuid.uuid4()}", json={"role": "owner"}), 400)
        _is_error(c.get("/api/v1/teams/not-a-uuid"), 400)
        _is_error(c.get("/api/v1/members", params={"limit": 1000}), 400)
        _is_error(c.get("/api/v1/members", params={"cursor": "garbage"}), 400)
        _is_error(c.patch("/api/v1/teams/" + str(uuid.uuid4()), json={}), 400)


def test_body_over_the_limit_is_413(cloud: CloudHarness, tenant: Tenant) -> None:
    big = b'{"name": "' + b"x" * (70 * 1024) + b'"}'
    with cloud.client(tenant.owner.token) as c:
        _is_error(
            c.post("/api/v1/teams", content=big, headers={"content-type": "application/json"}), 413
        )

        def chunks() -> Iterator[bytes]:
            for _ in range(70):
                yield b"x" * 1024

        # No Content-Length: the limit is enforced while reading the stream.
        _is_error(
            c.post("/api/v1/teams", content=chunks(), headers={"content-type": "application/json"}),
            413,
        )
    with cloud.client() as anonymous:
        _is_error(anonymous.post("/api/v1/invitations/x/accept", content=big), 413)


def test_authentication_failures_are_401(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client() as c:
        assert "Authorization" in _is_error(c.get("/api/v1/teams"), 401)
        assert "Authorization" in _is_error(
            c.get("/api/v1/teams", headers={"Authorization": "Basic abc"}), 401
        )
        _is_error(c.get("/api/v1/teams", headers={"Authorization": "Bearer"}), 401)
        _is_error(c.get("/api/v1/teams", headers={"Authorization": "Bearer nonsense"}), 401)
        _is_error(
            c.get("/api/v1/teams", headers={"Authorization": "Bearer drift_pat_" + "A" * 43}), 401
        )
        _is_error(c.get("/api/v1/no-such-route"), 401)  # the gate runs before routing
    with cloud.client(tenant.owner.token) as c:
        spare = c.post("/api/v1/tokens", json={"name": "spare"}).json()
        old = c.post("/api/v1/tokens", json={"name": "old"}).json()
        assert c.delete(f"/api/v1/tokens/{spare['id']}").json() == {"revoked": True}
    cloud.sql(
        "UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = %s",
        (old["id"],),
        user=tenant.owner.user_id,
    )
    with cloud.client(spare["token"]) as c:
        assert "revoked" in _is_error(c.get("/api/v1/me"), 401)
    with cloud.client(old["token"]) as c:
        assert "expired" in _is_error(c.get("/api/v1/me"), 401)


def test_tenant_selection(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token, tenant="not-a-uuid") as c:
        _is_error(c.get("/api/v1/me"), 400)
    with cloud.client(tenant.owner.token, tenant=str(uuid.uuid4())) as c:
        _is_error(c.get("/api/v1/me"), 403)
    with cloud.client(tenant.owner.token, tenant=tenant.id) as c:
        assert c.get("/api/v1/me").status_code == 200
    member = cloud.add_member(tenant, "member")
    with cloud.client(tenant.owner.token) as c:
        c.delete(f"/api/v1/members/{member.user_id}")
    with cloud.client(member.token) as c:
        assert "not a member" in _is_error(c.get("/api/v1/me"), 403)


def test_unknown_routes_and_methods_answer_json(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token) as c:
        _is_error(c.get("/api/v1/no-such-route"), 404)
        _is_error(c.put("/api/v1/teams"), 405)
        _is_error(c.get(f"/api/v1/teams/{uuid.uuid4()}"), 404)
    with cloud.client() as c:
        _is_error(c.get("/nowhere"), 404)
