"""``drift cloud``: migrate, admin bootstrap, login/status/logout, audit verify and
retention, ip-allowlist reset — against the real database and the running service."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from drift.cli.cloud import cloud as cloud_group
from tests.cloud.conftest import CloudHarness, Tenant


@pytest.fixture
def runner(tmp_path: Path, cloud: CloudHarness, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DRIFT_DATABASE_URL", cloud.db_url)
    monkeypatch.delenv("DRIFT_CLOUD_CONFIG", raising=False)
    return CliRunner()


def test_migrate_reports_the_schema(runner: CliRunner) -> None:
    result = runner.invoke(cloud_group, ["migrate"])
    assert result.exit_code == 0, result.output
    assert "schema at version 1 (applied: none)" in result.output


def test_bootstrap_prints_a_working_token(runner: CliRunner, cloud: CloudHarness) -> None:
    result = runner.invoke(
        cloud_group,
        [
            "admin",
            "bootstrap",
            "--tenant",
            "Acme",
            "--owner",
            "ops@acme.example",
            "--plan",
            "team",
            "--seat-limit",
            "25",
        ],
    )
    assert result.exit_code == 0, result.output
    token = next(line.split()[1] for line in result.stdout.splitlines() if line.startswith("token"))
    with cloud.client(token) as c:
        me = c.get("/api/v1/me").json()
        seats = c.get("/api/v1/members/count").json()
    assert me["email"] == "ops@acme.example"
    assert me["role"] == "owner"
    assert seats["seat_limit"] == 25


def test_bootstrap_with_a_bad_email_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cloud_group, ["admin", "bootstrap", "--tenant", "X", "--owner", "nope"])
    assert result.exit_code == 2
    assert "not an e-mail address" in result.output
    assert "Traceback" not in result.output


def test_login_status_reset_logout(
    runner: CliRunner, cloud: CloudHarness, tenant: Tenant, tmp_path: Path
) -> None:
    bad = runner.invoke(cloud_group, ["login", "--url", cloud.base_url, "--token", "drift_pat_x"])
    assert bad.exit_code == 2
    assert "login failed" in bad.output
    result = runner.invoke(
        cloud_group, ["login", "--url", cloud.base_url, "--token", tenant.owner.token]
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "config" / "drift" / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"url": cloud.base_url, "token": tenant.owner.token}
    status = runner.invoke(cloud_group, ["status"])
    assert status.exit_code == 0, status.output
    assert tenant.owner.email in status.output
    assert tenant.id in status.output
    # Lock ourselves out (the CLI connects from 127.0.0.1), then use the escape hatch.
    with cloud.client(tenant.owner.token) as c:
        assert (
            c.post("/api/v1/settings/ip-allowlist", json={"cidr": "10.0.0.0/8"}).status_code == 201
        )
        assert c.get("/api/v1/me").status_code == 403
    locked = runner.invoke(cloud_group, ["status"])
    assert locked.exit_code == 2
    assert "allowlist" in locked.output
    wrong = runner.invoke(cloud_group, ["ip-allowlist", "reset"], input="wrong@example.com\n")
    assert wrong.exit_code == 2
    reset = runner.invoke(cloud_group, ["ip-allowlist", "reset"], input=f"{tenant.owner.email}\n")
    assert reset.exit_code == 0, reset.output
    assert "Removed 1 allowlist entries" in reset.output
    with cloud.client(tenant.owner.token) as c:
        assert c.get("/api/v1/me").status_code == 200
    logout = runner.invoke(cloud_group, ["logout"])
    assert logout.exit_code == 0
    assert not path.exists()
    after = runner.invoke(cloud_group, ["status"])
    assert after.exit_code == 2
    assert "not logged in" in after.output


def test_audit_verify_and_retention(runner: CliRunner, cloud: CloudHarness, tenant: Tenant) -> None:
    result = runner.invoke(cloud_group, ["audit", "verify", "--tenant", tenant.id])
    assert result.exit_code == 0, result.output
    assert result.output == f"ok      {tenant.id}  2 rows\n"
    broken = cloud.tenant()
    with psycopg.connect(cloud.db_url) as conn:
        conn.execute("ALTER TABLE drift_cloud.audit_log DISABLE TRIGGER audit_log_append_only")
        conn.execute(
            "UPDATE drift_cloud.audit_log SET action = 'x' WHERE tenant_id = %s", (broken.id,)
        )
        conn.execute("ALTER TABLE drift_cloud.audit_log ENABLE TRIGGER audit_log_append_only")
    everyone = runner.invoke(cloud_group, ["audit", "verify"])
    assert everyone.exit_code == 1, everyone.output
    assert f"ok      {tenant.id}  2 rows" in everyone.output
    assert f"BROKEN  {broken.id}  at seq 1: row content was altered" in everyone.output
    retention = runner.invoke(cloud_group, ["audit", "retention", "--tenant", tenant.id])
    assert retention.exit_code == 0, retention.output
    assert retention.output == "0 tenants cut\n"  # nothing is 30 days old yet


def test_serve_without_a_database_url_is_a_usage_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DRIFT_DATABASE_URL")
    result = runner.invoke(cloud_group, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert "DRIFT_DATABASE_URL" in result.output


def test_serve_refuses_an_unreachable_database(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRIFT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = runner.invoke(cloud_group, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert "cannot connect" in result.output
    assert "Traceback" not in result.output
