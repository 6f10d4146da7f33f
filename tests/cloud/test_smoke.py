from tests.cloud.conftest import CloudHarness, Tenant


def test_me(cloud: CloudHarness, tenant: Tenant) -> None:
    with cloud.client(tenant.owner.token) as c:
        r = c.get("/api/v1/me")
        assert r.status_code == 200, r.text
        assert r.json()["role"] == "owner"
        r = c.get("/api/v1/teams")
        assert r.status_code == 200, r.text
    m = cloud.add_member(tenant, "member")
    with cloud.client(m.token) as c:
        r = c.get("/api/v1/me")
        assert r.json()["role"] == "member"
