"""Ownership transfer: one transaction, exactly one owner whatever happens."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.cloud.conftest import CloudHarness, Tenant


def _owners(cloud: CloudHarness, t: Tenant) -> list[str]:
    rows = cloud.sql(
        "SELECT user_id::text AS u FROM memberships WHERE tenant_id = %s AND role = 'owner'",
        (t.id,),
        as_service=False,
    )
    return [r["u"] for r in rows]


def test_transfer_swaps_roles_and_audits_both_sides(cloud: CloudHarness, tenant: Tenant) -> None:
    admin = cloud.add_member(tenant, "admin")
    with cloud.client(tenant.owner.token) as c:
        response = c.post(
            "/api/v1/settings/transfer-ownership", json={"new_owner_id": admin.user_id}
        )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "transferred": True,
        "old_owner": {"user_id": tenant.owner.user_id, "new_role": "admin"},
        "new_owner": {"user_id": admin.user_id, "new_role": "owner"},
    }
    assert _owners(cloud, tenant) == [admin.user_id]
    owner_id = cloud.sql(
        "SELECT owner_id::text AS o FROM tenants WHERE id = %s", (tenant.id,), as_service=False
    )
    assert owner_id == [{"o": admin.user_id}]
    with cloud.client(admin.token) as c:
        audit = c.get("/api/v1/audit", params={"resource_type": "tenant"}).json()["data"]
    actors = {e["action"]: (e["actor_id"], e["actor_email"]) for e in audit}
    assert actors["ownership.transferred_from"] == (tenant.owner.user_id, tenant.owner.email)
    assert actors["ownership.transferred_to"] == (admin.user_id, admin.email)
    with cloud.client(tenant.owner.token) as c:
        again = c.post("/api/v1/settings/transfer-ownership", json={"new_owner_id": admin.user_id})
        assert again.status_code == 403
        assert c.get("/api/v1/me").json()["role"] == "admin"


def test_failed_second_update_leaves_exactly_the_old_owner(
    cloud: CloudHarness, tenant: Tenant
) -> None:
    admin = cloud.add_member(tenant, "admin")
    trigger = f"fail_promotion_{uuid.uuid4().hex[:8]}"
    cloud.sql(
        f"CREATE FUNCTION drift_cloud.{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN RAISE EXCEPTION 'simulated failure'; END $$",
        as_service=False,
    )
    cloud.sql(
        f"CREATE TRIGGER {trigger} BEFORE UPDATE ON drift_cloud.memberships FOR EACH ROW"
        f" WHEN (NEW.role = 'owner' AND NEW.user_id = '{admin.user_id}')"
        f" EXECUTE FUNCTION drift_cloud.{trigger}()",
        as_service=False,
    )
    try:
        with cloud.client(tenant.owner.token) as c:
            failed = c.post(
                "/api/v1/settings/transfer-ownership", json={"new_owner_id": admin.user_id}
            )
    finally:
        cloud.sql(f"DROP TRIGGER {trigger} ON drift_cloud.memberships", as_service=False)
        cloud.sql(f"DROP FUNCTION drift_cloud.{trigger}()", as_service=False)
    assert failed.status_code == 500
    assert failed.json() == {"error": "Internal server error"}
    assert "simulated" not in failed.text
    assert _owners(cloud, tenant) == [tenant.owner.user_id]
    roles = cloud.sql(
        "SELECT role FROM memberships WHERE user_id = %s AND tenant_id = %s",
        (admin.user_id, tenant.id),
        as_service=False,
    )
    assert roles == [{"role": "admin"}]
    transfers = cloud.sql(
        "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s AND action LIKE 'ownership.%%'",
        (tenant.id,),
        as_service=False,
    )
    assert transfers == [{"n": 0}]


def test_the_database_allows_one_owner_per_tenant(cloud: CloudHarness, tenant: Tenant) -> None:
    admin = cloud.add_member(tenant, "admin")
    with pytest.raises(psycopg.errors.UniqueViolation):
        cloud.sql(
            "UPDATE memberships SET role = 'owner' WHERE tenant_id = %s AND user_id = %s",
            (tenant.id, admin.user_id),
            tenant=tenant.id,
        )


def test_transfer_targets_must_be_active_members(cloud: CloudHarness, tenant: Tenant) -> None:
    gone = cloud.add_member(tenant, "member")
    with cloud.client(tenant.owner.token) as c:
        c.delete(f"/api/v1/members/{gone.user_id}")
        to_self = c.post(
            "/api/v1/settings/transfer-ownership", json={"new_owner_id": tenant.owner.user_id}
        )
        to_gone = c.post("/api/v1/settings/transfer-ownership", json={"new_owner_id": gone.user_id})
        to_nobody = c.post(
            "/api/v1/settings/transfer-ownership", json={"new_owner_id": str(uuid.uuid4())}
        )
        remove_owner = c.delete(f"/api/v1/members/{tenant.owner.user_id}")
    assert to_self.status_code == 400
    assert to_gone.status_code == 404
    assert to_nobody.status_code == 404
    assert remove_owner.status_code == 400
    assert _owners(cloud, tenant) == [tenant.owner.user_id]
