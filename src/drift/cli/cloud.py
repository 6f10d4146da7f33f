"""``drift cloud``: run the cloud service, migrate its database, and talk to it.

Server-side commands (serve, migrate, admin, audit) read ``DRIFT_DATABASE_URL`` and the
other settings (see ``drift.cloud.settings``). Client-side commands (login, status, logout,
ip-allowlist reset) use the credentials saved by ``login`` in
``~/.config/drift/credentials.json`` (mode 0600).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import click
import httpx

from drift.cli.errors import EXIT_CHECK_FAILED, friendly_errors
from drift.cloud.audit.retention import apply_retention, tenant_ids
from drift.cloud.audit.verify import verify_chain
from drift.cloud.db import Database, migrate
from drift.cloud.settings import CloudSettings, load_settings
from drift.cloud.tenants import PLANS, bootstrap_tenant
from drift.errors import ConfigError
from drift.text import plural

T = TypeVar("T")

_CONFIG = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML settings file (default: $DRIFT_CLOUD_CONFIG).",
)


def credentials_path() -> Path:
    """Where ``login`` keeps the URL and token."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "drift" / "credentials.json"


def _save_credentials(data: dict[str, str]) -> Path:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_suffix(".tmp")
    # Created 0600 from the start, so the token is never readable by others, even briefly.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    os.chmod(temp, 0o600)
    temp.replace(path)
    return path


def _load_credentials() -> dict[str, str]:
    path = credentials_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(
            "not logged in", hint="run `drift cloud login --url URL --token TOKEN`"
        ) from error
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path} is not valid JSON", hint="log in again") from error
    if not isinstance(data, dict) or not data.get("url") or not data.get("token"):
        raise ConfigError(f"{path} lacks url or token", hint="log in again")
    return {str(k): str(v) for k, v in data.items()}


def _client(creds: dict[str, str]) -> httpx.Client:
    headers = {"Authorization": f"Bearer {creds['token']}", "User-Agent": "drift-cli"}
    if creds.get("tenant_id"):
        headers["X-Tenant-Id"] = creds["tenant_id"]
    return httpx.Client(base_url=creds["url"].rstrip("/"), headers=headers, timeout=30)


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return f"{body['error']} (HTTP {response.status_code})"
    return f"HTTP {response.status_code}"


def _request(client: httpx.Client, method: str, path: str, **kwargs: Any) -> httpx.Response:
    try:
        return client.request(method, path, **kwargs)
    except httpx.HTTPError as error:
        raise ConfigError(
            f"cannot reach {client.base_url}: {error}", hint="check the URL and your network"
        ) from error


def _run_with_db(
    settings: CloudSettings, work: Callable[[Database], Awaitable[T]], *, check: bool = True
) -> T:
    async def main() -> T:
        db = Database(settings.database_url, service_role=settings.service_role, max_size=2)
        await db.open(check=check)
        try:
            return await work(db)
        finally:
            await db.close()

    return asyncio.run(main())


async def _nothing(_: Database) -> None:
    """Opening the database (with its checks) is the whole job."""


@click.group("cloud")
def cloud() -> None:
    """Run and administer the Drift cloud service, or log in to one."""


@cloud.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@_CONFIG
@friendly_errors
def serve(host: str, port: int, config_file: Path | None) -> None:
    """Serve the API with uvicorn (the schema must be migrated first)."""
    import uvicorn

    from drift.cloud.app import create_app

    settings = load_settings(config_file)
    # Check the database, schema and role first, so a bad set-up is one clear line here
    # rather than a traceback from the server's start-up.
    _run_with_db(settings, _nothing)
    # proxy_headers off: the service reads X-Forwarded-For itself, trusting only the
    # configured proxies; uvicorn's own handling would trust any local peer instead.
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=False)


@cloud.command(name="migrate")
@_CONFIG
@friendly_errors
def migrate_command(config_file: Path | None) -> None:
    """Create the service role and apply pending schema migrations (run as the owner)."""
    settings = load_settings(config_file)
    report = migrate(settings.database_url, settings.service_role)
    applied = ", ".join(str(v) for v in report.applied) or "none"
    click.echo(
        f"schema at version {report.version} (applied: {applied});"
        f" service role {report.service_role}"
    )


@cloud.group()
def admin() -> None:
    """Operator commands that act directly on the database."""


@admin.command()
@click.option("--tenant", "tenant_name", required=True, help="Name of the new tenant.")
@click.option("--owner", "owner_email", required=True, help="E-mail of the tenant's owner.")
@click.option("--plan", type=click.Choice(PLANS), default="free", show_default=True)
@click.option("--seat-limit", type=click.IntRange(min=1), default=5, show_default=True)
@_CONFIG
@friendly_errors
def bootstrap(
    tenant_name: str, owner_email: str, plan: str, seat_limit: int, config_file: Path | None
) -> None:
    """Create a tenant, its owner and an API token for the owner (printed once)."""
    settings = load_settings(config_file)
    made = _run_with_db(
        settings,
        lambda db: bootstrap_tenant(
            db,
            name=tenant_name,
            owner_email=owner_email,
            plan=plan,
            seat_limit=seat_limit,
            token_lifetime_days=settings.token_lifetime_days,
        ),
    )
    click.echo(f"tenant  {made.tenant_id}")
    click.echo(f"owner   {made.email} ({made.user_id})")
    click.echo(f"token   {made.token}")
    click.echo("The token is shown only now; store it safely.", err=True)


@cloud.command()
@click.option(
    "--url", required=True, help="Base URL of the service, e.g. https://drift.example.com"
)
@click.option("--token", required=True, help="A personal API token (drift_pat_...).")
@click.option("--tenant", "tenant_id", default=None, help="Tenant id, if you belong to several.")
@friendly_errors
def login(url: str, token: str, tenant_id: str | None) -> None:
    """Check a token against the service and save it for later commands."""
    if tenant_id is not None:
        try:
            UUID(tenant_id)
        except ValueError as error:
            raise ConfigError("--tenant must be a tenant id (a UUID)") from error
    creds = {"url": url.rstrip("/"), "token": token}
    if tenant_id:
        creds["tenant_id"] = tenant_id
    with _client(creds) as client:
        response = _request(client, "GET", "/api/v1/me")
    if response.status_code == 200:
        me = response.json()
        path = _save_credentials(creds)
        click.echo(f"Logged in to {creds['url']} as {me['email']} ({me['role']}); saved to {path}")
        return
    if response.status_code == 403 and "allowlist" in _error_text(response):
        # Saved anyway: an owner locked out by the allowlist needs these credentials to run
        # `drift cloud ip-allowlist reset`.
        path = _save_credentials(creds)
        click.echo(f"warning: {_error_text(response)}", err=True)
        click.echo(
            f"Credentials saved to {path}; `drift cloud ip-allowlist reset` can unblock you."
        )
        return
    raise ConfigError(f"login failed: {_error_text(response)}", hint="check the token and URL")


@cloud.command()
@friendly_errors
def status() -> None:
    """Show who the saved credentials log in as."""
    creds = _load_credentials()
    with _client(creds) as client:
        response = _request(client, "GET", "/api/v1/me")
    if response.status_code != 200:
        raise ConfigError(f"{creds['url']}: {_error_text(response)}")
    me = response.json()
    click.echo(f"url     {creds['url']}")
    click.echo(f"user    {me['email']} ({me['user_id']})")
    click.echo(f"tenant  {me['tenant_id']} as {me['role']}")


@cloud.command()
@friendly_errors
def logout() -> None:
    """Forget the saved credentials."""
    path = credentials_path()
    if path.exists():
        path.unlink()
        click.echo(f"Removed {path}")
    else:
        click.echo("Not logged in.")


@cloud.group()
def audit() -> None:
    """The audit log: verify its hash chains, apply retention."""


@audit.command()
@click.option("--tenant", "tenant_id", type=click.UUID, default=None, help="Only this tenant.")
@_CONFIG
@friendly_errors
def verify(tenant_id: UUID | None, config_file: Path | None) -> None:
    """Check every tenant's audit hash chain (exit 1 if one is broken)."""
    settings = load_settings(config_file)

    async def work(db: Database) -> list[str]:
        ids = [tenant_id] if tenant_id else await tenant_ids(db)
        lines = []
        for tid in ids:
            result = await verify_chain(db, tid)
            if result.first_broken is None:
                lines.append(f"ok      {tid}  {result.checked} rows")
            else:
                broken = result.first_broken
                lines.append(f"BROKEN  {tid}  at seq {broken.seq}: {broken.reason}")
        return lines

    lines = _run_with_db(settings, work)
    for line in lines:
        click.echo(line)
    if any(line.startswith("BROKEN") for line in lines):
        sys.exit(EXIT_CHECK_FAILED)


@audit.command()
@click.option("--tenant", "tenant_id", type=click.UUID, default=None, help="Only this tenant.")
@_CONFIG
@friendly_errors
def retention(tenant_id: UUID | None, config_file: Path | None) -> None:
    """Delete audit rows older than each tenant's plan allows, recording the cut (owner only)."""
    settings = load_settings(config_file)
    only = {tenant_id} if tenant_id else None
    cuts = _run_with_db(settings, lambda db: apply_retention(db, only=only))
    for cut in cuts:
        click.echo(
            f"{cut.tenant_id}  {cut.plan}: removed {plural(cut.deleted_rows, 'row')} through seq"
            f" {cut.through_seq} (older than {cut.cut_before.isoformat()})"
        )
    click.echo(f"{plural(len(cuts), 'tenant')} cut")


@cloud.group(name="ip-allowlist")
def ip_allowlist() -> None:
    """The tenant's IP allowlist."""


@ip_allowlist.command()
@click.option("--email", default=None, help="Your account e-mail (prompted for if omitted).")
@friendly_errors
def reset(email: str | None) -> None:
    """Emergency reset: remove every allowlist entry (owner only; works from a blocked address)."""
    creds = _load_credentials()
    confirm = email or click.prompt("Type your account e-mail to confirm removing every entry")
    with _client(creds) as client:
        response = _request(
            client, "DELETE", "/api/v1/settings/ip-allowlist", json={"confirm_email": confirm}
        )
    if response.status_code != 200:
        raise ConfigError(f"reset refused: {_error_text(response)}")
    body = response.json()
    click.echo(f"Removed {body['removed']} allowlist entries; every address is allowed again.")
