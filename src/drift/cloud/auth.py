"""Bearer-token authentication and the IP allowlist check, in one short transaction.

The token is looked up by its hash before the tenant is known: the transaction sets only
``app.token_hash``, which row-level security uses to show exactly that token, its user and the
user's memberships. Once the tenant is chosen, the same transaction sets ``app.tenant_id`` and
``app.user_id`` and reads the tenant's allowlist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from drift.cloud.db import Database, DbUnavailable, RequestContext, Row, Tx
from drift.cloud.errors import ApiError
from drift.cloud.principal import Principal
from drift.cloud.token_format import PAT_PREFIX, hash_secret, looks_like
from drift.errors import StorageError

# last_used_at is refreshed at most this often, so a busy token does not write on every call.
LAST_USED_PRECISION = timedelta(minutes=1)

_TOKEN_LOOKUP = """
SELECT t.id AS token_id, t.user_id, t.expires_at, t.revoked_at, t.last_used_at, u.email,
       m.tenant_id, m.role
FROM api_tokens t
JOIN users u ON u.id = t.user_id
LEFT JOIN memberships m ON m.user_id = t.user_id AND m.active
WHERE t.token_hash = %s
ORDER BY m.created_at, m.tenant_id
"""

_TOUCH_TOKEN = """
UPDATE api_tokens SET last_used_at = now()
WHERE id = %s AND (last_used_at IS NULL OR last_used_at < now() - %s)
"""

_SET_TENANT = "SELECT set_config('app.tenant_id', %s, true), set_config('app.user_id', %s, true)"

_ALLOWLIST = """
SELECT count(*) AS entries,
       count(*) FILTER (WHERE (expires_at IS NULL OR expires_at > now())
                          AND %(ip)s::inet <<= cidr) AS matches
FROM ip_allowlist WHERE tenant_id = %(tenant)s
"""


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the request presented."""

    authorization: str | None
    tenant_header: str | None
    client_ip: str | None
    user_agent: str | None


def bearer_token(authorization: str | None) -> str:
    """The raw token of an ``Authorization: Bearer`` header, or 401."""
    if not authorization or not authorization.startswith("Bearer "):
        raise ApiError(401, "Missing or invalid Authorization header")
    token = authorization[len("Bearer ") :].strip()
    if not token:
        raise ApiError(401, "Empty bearer token")
    return token


def _tenant_choice(header: str | None) -> UUID | None:
    if header is None or not header.strip():
        return None
    try:
        return UUID(header.strip())
    except ValueError as error:
        raise ApiError(400, "X-Tenant-Id must be a UUID") from error


async def _check_allowlist(tx: Tx, tenant_id: UUID, client_ip: str | None) -> None:
    try:
        row = await tx.fetch_one(_ALLOWLIST, {"ip": client_ip, "tenant": tenant_id})
    except StorageError as error:
        # DECISIONS 33: a failure to read the list blocks the request; it never lets it pass.
        raise ApiError(503, "IP allowlist could not be checked; try again later") from error
    if row is None or row["entries"] == 0 or row["matches"] > 0:
        return
    shown = client_ip or "unknown"
    raise ApiError(403, f"IP {shown} is not in the allowlist for this tenant")


async def _token_rows(tx: Tx, token_hash: str) -> list[Row]:
    """The token's row joined with its user and each active membership; 401 if unusable."""
    rows = await tx.fetch_all(_TOKEN_LOOKUP, (token_hash,))
    if not rows:
        raise ApiError(401, "Invalid or expired token")
    first = rows[0]
    if first["revoked_at"] is not None:
        raise ApiError(401, "Token has been revoked")
    if first["expires_at"] <= datetime.now(UTC):
        raise ApiError(401, "Token has expired")
    return rows


def _token_hash(authorization: str | None) -> str:
    token = bearer_token(authorization)
    if not looks_like(token, PAT_PREFIX):
        raise ApiError(401, "Invalid or expired token")
    return hash_secret(token)


async def identify(db: Database, authorization: str | None) -> tuple[UUID, str]:
    """The user a bearer token belongs to, whatever their tenants (used to accept invitations)."""
    token_hash = _token_hash(authorization)
    try:
        async with db.transaction(RequestContext(token_hash=token_hash)) as tx:
            first = (await _token_rows(tx, token_hash))[0]
    except DbUnavailable as error:
        raise ApiError(503, "Database unavailable") from error
    return first["user_id"], first["email"]


async def authenticate(
    db: Database, creds: Credentials, *, enforce_allowlist: bool = True
) -> Principal:
    """Resolve the caller, pick their tenant and (unless exempt) enforce its IP allowlist."""
    token_hash = _token_hash(creds.authorization)
    wanted = _tenant_choice(creds.tenant_header)
    try:
        async with db.transaction(RequestContext(token_hash=token_hash)) as tx:
            rows = await _token_rows(tx, token_hash)
            first = rows[0]
            memberships = [(r["tenant_id"], r["role"]) for r in rows if r["tenant_id"]]
            tenant_id, role = _pick_tenant(memberships, wanted)
            last_used = first["last_used_at"]
            if last_used is None or datetime.now(UTC) - last_used > LAST_USED_PRECISION:
                await tx.execute(_TOUCH_TOKEN, (first["token_id"], LAST_USED_PRECISION))
            await tx.execute(_SET_TENANT, (str(tenant_id), str(first["user_id"])))
            if enforce_allowlist:
                await _check_allowlist(tx, tenant_id, creds.client_ip)
    except DbUnavailable as error:
        raise ApiError(503, "Database unavailable") from error
    return Principal(
        user_id=first["user_id"],
        email=first["email"],
        tenant_id=tenant_id,
        role=role,
        token_id=first["token_id"],
        client_ip=creds.client_ip,
        user_agent=creds.user_agent,
    )


def _pick_tenant(memberships: list[tuple[UUID, str]], wanted: UUID | None) -> tuple[UUID, str]:
    """DECISIONS 13: X-Tenant-Id when given; implied with one active membership; else 400."""
    if wanted is not None:
        for tenant_id, role in memberships:
            if tenant_id == wanted:
                return tenant_id, role
        raise ApiError(403, "You are not an active member of this tenant")
    if not memberships:
        raise ApiError(403, "User is not a member of any tenant")
    if len(memberships) > 1:
        raise ApiError(400, "You belong to several tenants: choose one with X-Tenant-Id")
    return memberships[0]
