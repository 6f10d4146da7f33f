"""Creating a tenant with its owner and first API token (``drift cloud admin bootstrap``)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from drift.cloud.audit.writer import record_as
from drift.cloud.db import Database, RequestContext
from drift.cloud.tokens import issue_token
from drift.errors import ConfigError

PLANS = ("free", "pro", "team", "enterprise")

_FIND_USER = "SELECT id, email FROM users WHERE lower(email) = lower(%s)"
_INSERT_USER = "INSERT INTO users (id, email) VALUES (%s, %s)"
_INSERT_TENANT = """
INSERT INTO tenants (id, name, plan, seat_limit, owner_id) VALUES (%s, %s, %s, %s, %s)
"""
_INSERT_OWNER = "INSERT INTO memberships (tenant_id, user_id, role) VALUES (%s, %s, 'owner')"


@dataclass(frozen=True, slots=True)
class Bootstrapped:
    """The new tenant, its owner, and the owner's token (shown once)."""

    tenant_id: UUID
    user_id: UUID
    email: str
    token: str


async def find_user_id(db: Database, email: str) -> UUID | None:
    """The global user with this e-mail (case-insensitive), if any."""
    async with db.transaction(RequestContext(lookup_email=email)) as tx:
        row = await tx.fetch_one(_FIND_USER, (email,))
    return row["id"] if row else None


async def bootstrap_tenant(
    db: Database,
    *,
    name: str,
    owner_email: str,
    plan: str = "free",
    seat_limit: int = 5,
    token_lifetime_days: int = 90,
) -> Bootstrapped:
    """Create a tenant owned by ``owner_email`` (a new or existing user) and a token for them."""
    if plan not in PLANS:
        raise ConfigError(f"unknown plan {plan!r}", hint=f"choose one of {', '.join(PLANS)}")
    if seat_limit < 1:
        raise ConfigError("the seat limit must be at least 1")
    email = owner_email.strip()
    if "@" not in email[1:]:
        raise ConfigError(f"{owner_email!r} is not an e-mail address")
    if not name.strip():
        raise ConfigError("the tenant needs a name")
    existing = await find_user_id(db, email)
    user_id = existing or uuid4()
    tenant_id = uuid4()
    context = RequestContext(tenant_id=tenant_id, user_id=user_id, lookup_email=email)
    async with db.transaction(context) as tx:
        if existing is None:
            await tx.execute(_INSERT_USER, (user_id, email))
        await tx.execute(_INSERT_TENANT, (tenant_id, name.strip(), plan, seat_limit, user_id))
        await tx.execute(_INSERT_OWNER, (tenant_id, user_id))
        issued = await issue_token(tx, user_id, "bootstrap", token_lifetime_days)
        await record_as(
            tx,
            tenant_id=tenant_id,
            actor_id=user_id,
            actor_email=email,
            action="tenant.created",
            resource_type="tenant",
            resource_id=tenant_id,
            metadata={"name": name.strip(), "plan": plan, "seat_limit": seat_limit, "via": "cli"},
        )
        await record_as(
            tx,
            tenant_id=tenant_id,
            actor_id=user_id,
            actor_email=email,
            action="token.created",
            resource_type="api_token",
            resource_id=issued.id,
            metadata={"name": "bootstrap", "via": "cli"},
        )
    return Bootstrapped(tenant_id=tenant_id, user_id=user_id, email=email, token=issued.token)
