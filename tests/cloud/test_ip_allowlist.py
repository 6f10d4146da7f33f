"""The IP allowlist through the real middleware, behind a trusted proxy (the test server trusts
127.0.0.1, so X-Forwarded-For plays the part a reverse proxy would)."""

from __future__ import annotations

import uuid

import pytest

from tests.cloud.conftest import CloudHarness, Tenant

OFFICE = "10.1.2.3"
OUTSIDE = "192.168.1.1"


def _allow(cloud: CloudHarness, t: Tenant, cidr: str, *, ip: str = OFFICE) -> str:
    with cloud.client(t.owner.token, ip=ip) as c:
        made = c.post("/api/v1/settings/ip-allowlist", json={"cidr": cidr, "description": "vpn"})
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def _teams_status(cloud: CloudHarness, t: Tenant, xff: str | None) -> tuple[int, dict[str, str]]:
    with cloud.client(t.owner.token, ip=xff) as c:
        response = c.get("/api/v1/teams")
    return response.status_code, response.json()


def test_empty_list_allows_everyone(cloud: CloudHarness, tenant: Tenant) -> None:
    assert _teams_status(cloud, tenant, "8.8.8.8")[0] == 200
    assert _teams_status(cloud, tenant, None)[0] == 200


def test_allowed_network_passes_and_others_get_403_naming_the_address(
    cloud: CloudHarness, tenant: Tenant
) -> None:
    _allow(cloud, tenant, "10.0.0.0/8")
    assert _teams_status(cloud, tenant, OFFICE)[0] == 200
    status, body = _teams_status(cloud, tenant, OUTSIDE)
    assert status == 403
    assert body == {"error": f"IP {OUTSIDE} is not in the allowlist for this tenant"}
    # The socket peer itself (127.0.0.1, no header) is not on the list either.
    assert _teams_status(cloud, tenant, None)[0] == 403


def test_spoofed_leftmost_forwarded_for_is_ignored(cloud: CloudHarness, tenant: Tenant) -> None:
    _allow(cloud, tenant, "10.0.0.0/8")
    # The client wrote 10.1.2.3 itself; the trusted proxy appended the real 192.168.1.1.
    status, body = _teams_status(cloud, tenant, f"{OFFICE}, {OUTSIDE}")
    assert status == 403
    assert OUTSIDE in body["error"]
    # Read from the right: the right-most untrusted hop is the client.
    assert _teams_status(cloud, tenant, f"{OUTSIDE}, {OFFICE}")[0] == 200


def test_ipv4_mapped_ipv6_client_matches_ipv4_entry(cloud: CloudHarness, tenant: Tenant) -> None:
    _allow(cloud, tenant, "10.0.0.0/8")
    assert _teams_status(cloud, tenant, f"::ffff:{OFFICE}")[0] == 200
    assert _teams_status(cloud, tenant, f"::ffff:{OUTSIDE}")[0] == 403


def test_expired_only_list_blocks_everyone(cloud: CloudHarness, tenant: Tenant) -> None:
    cloud.sql(
        "INSERT INTO ip_allowlist (tenant_id, cidr, expires_at, created_by)"
        " VALUES (%s, '10.0.0.0/8', now() - interval '1 hour', %s)",
        (tenant.id, tenant.owner.user_id),
        tenant=tenant.id,
        user=tenant.owner.user_id,
    )
    assert _teams_status(cloud, tenant, OFFICE)[0] == 403
    assert _teams_status(cloud, tenant, OUTSIDE)[0] == 403
    with cloud.client(tenant.owner.token, ip=OUTSIDE) as c:
        listed = c.get("/api/v1/settings/ip-allowlist")
    assert listed.status_code == 403


def test_unexpired_entry_with_expiry_allows(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token, ip="203.0.113.50") as c:
        made = c.post(
            "/api/v1/settings/ip-allowlist",
            json={"cidr": "203.0.113.0/24", "expires_at": "2999-01-01T00:00:00Z"},
        )
        assert made.status_code == 201
        assert made.json()["active"] is True
    assert _teams_status(cloud, tenant, "203.0.113.50")[0] == 200
    assert _teams_status(cloud, tenant, "198.51.100.50")[0] == 403


def test_emergency_reset_works_from_a_blocked_address(cloud: CloudHarness, tenant: Tenant) -> None:
    admin = cloud.add_member(tenant, "admin")
    _allow(cloud, tenant, "10.0.0.0/8")
    _allow(cloud, tenant, "172.16.0.0/12")
    assert _teams_status(cloud, tenant, OUTSIDE)[0] == 403
    reset = "/api/v1/settings/ip-allowlist"
    with cloud.client(admin.token, ip=OUTSIDE) as c:
        assert c.request("DELETE", reset, json={"confirm_email": admin.email}).status_code == 403
    with cloud.client(tenant.owner.token, ip=OUTSIDE) as c:
        wrong = c.request("DELETE", reset, json={"confirm_email": "someone@else.com"})
        assert wrong.status_code == 400
        assert "confirm_email" in wrong.json()["error"]
        done = c.request("DELETE", reset, json={"confirm_email": tenant.owner.email.upper()})
        assert done.status_code == 200, done.text
        assert done.json()["removed"] == 2
    assert _teams_status(cloud, tenant, OUTSIDE)[0] == 200
    rows = cloud.sql(
        "SELECT host(ip_address) AS ip, metadata FROM audit_log"
        " WHERE tenant_id = %s AND action = 'ip_allowlist.emergency_reset'",
        (tenant.id,),
        as_service=False,
    )
    assert rows == [{"ip": OUTSIDE, "metadata": {"reset": True, "removed": 2}}]


def test_database_errors_fail_closed(cloud: CloudHarness, tenant: Tenant) -> None:
    revoke = f'REVOKE SELECT ON drift_cloud.ip_allowlist FROM "{cloud.service_role}"'
    grant = f'GRANT SELECT ON drift_cloud.ip_allowlist TO "{cloud.service_role}"'
    cloud.sql(revoke, as_service=False)
    try:
        status, body = _teams_status(cloud, tenant, OFFICE)
    finally:
        cloud.sql(grant, as_service=False)
    assert status == 503
    assert "allowlist" in body["error"]
    assert _teams_status(cloud, tenant, OFFICE)[0] == 200


def test_invitation_acceptance_is_exempt(cloud: CloudHarness, tenant: Tenant) -> None:
    _allow(cloud, tenant, "10.0.0.0/8")
    with cloud.client(tenant.owner.token, ip=OFFICE) as c:
        token = c.post("/api/v1/invitations", json={"email": "far@example.com"}).json()["token"]
    with cloud.client(ip=OUTSIDE) as anonymous:
        accepted = anonymous.post(f"/api/v1/invitations/{token}/accept")
    assert accepted.status_code == 200
    # ... but the new member's own requests are held to the list.
    with cloud.client(accepted.json()["token"], ip=OUTSIDE) as c:
        assert c.get("/api/v1/me").status_code == 403


@pytest.mark.parametrize(
    ("cidr", "status", "stored"),
    [
        ("10.1.2.3/8", 201, "10.0.0.0/8"),
        ("192.0.2.7", 201, "192.0.2.7/32"),
        ("2001:db8::1/32", 201, "2001:db8::/32"),
        ("::ffff:10.0.0.0/104", 201, "10.0.0.0/8"),
        ("0.0.0.0/0", 400, None),
        ("0.0.0.0/00", 400, None),
        ("::/0", 400, None),
        ("10.0.0.0/33", 400, None),
        ("not-an-ip", 400, None),
    ],
)
def test_entries_are_normalised_and_validated(
    cloud: CloudHarness, tenant: Tenant, cidr: str, status: int, stored: str | None
) -> None:
    with cloud.client(tenant.owner.token, ip="10.9.9.9") as c:
        response = c.post("/api/v1/settings/ip-allowlist", json={"cidr": cidr})
    assert response.status_code == status, response.text
    if stored:
        assert response.json()["cidr"] == stored
    else:
        assert set(response.json()) == {"error"}


def test_duplicates_and_past_expiry_are_refused(cloud: CloudHarness, tenant: Tenant) -> None:
    _allow(cloud, tenant, "10.0.0.0/8")
    with cloud.client(tenant.owner.token, ip=OFFICE) as c:
        dup = c.post("/api/v1/settings/ip-allowlist", json={"cidr": "10.200.0.0/8"})
        past = c.post(
            "/api/v1/settings/ip-allowlist",
            json={"cidr": "11.0.0.0/8", "expires_at": "2001-01-01T00:00:00Z"},
        )
        entry = c.get("/api/v1/settings/ip-allowlist").json()["data"][0]["id"]
        removed = c.delete(f"/api/v1/settings/ip-allowlist/{entry}")
        again = c.delete(f"/api/v1/settings/ip-allowlist/{entry}")
        missing = c.delete(f"/api/v1/settings/ip-allowlist/{uuid.uuid4()}")
    assert dup.status_code == 409
    assert past.status_code == 400
    assert removed.json() == {"removed": True}
    assert again.status_code == 404
    assert missing.status_code == 404
