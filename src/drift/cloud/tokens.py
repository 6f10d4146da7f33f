"""Personal API tokens: create, list and revoke your own (``/api/v1/tokens``).

Tokens belong to a user, not to a tenant: the tenant comes from the caller's memberships.
Creating or revoking one is audited in the tenant the caller is acting in. Any role may
manage their own tokens (a viewer needs one to read).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field, StrictInt

from drift.cloud.audit.writer import record
from drift.cloud.db import Tx
from drift.cloud.deps import Caller, Db, Settings
from drift.cloud.errors import not_found
from drift.cloud.models import ERRORS, Name, RequestBody
from drift.cloud.token_format import PAT_PREFIX, hash_secret, new_secret

router = APIRouter(prefix="/api/v1/tokens", tags=["tokens"], responses=ERRORS)

_INSERT = """
INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at)
VALUES (%s, %s, %s, %s, %s) RETURNING created_at
"""
_LIST = """
SELECT id, name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
WHERE user_id = %s ORDER BY created_at DESC, id DESC
"""
_REVOKE = """
UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
WHERE id = %s AND user_id = %s RETURNING name
"""


class IssuedToken(BaseModel):
    """A token as created: the secret is shown this once."""

    id: UUID
    name: str
    token: str
    created_at: datetime
    expires_at: datetime


async def issue_token(tx: Tx, user_id: UUID, name: str, lifetime_days: int) -> IssuedToken:
    """Create a token for ``user_id`` (the transaction's app.user_id must be that user)."""
    raw = new_secret(PAT_PREFIX)
    token_id = uuid4()
    expires = datetime.now(UTC) + timedelta(days=lifetime_days)
    row = await tx.fetch_one(_INSERT, (token_id, user_id, name, hash_secret(raw), expires))
    assert row is not None
    return IssuedToken(
        id=token_id, name=name, token=raw, created_at=row["created_at"], expires_at=expires
    )


class TokenCreate(RequestBody):
    name: Name
    expires_in_days: StrictInt | None = Field(
        None, ge=1, le=3650, description="at most the server's token lifetime"
    )


class TokenInfo(BaseModel):
    id: UUID
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    active: bool


class TokenList(BaseModel):
    data: list[TokenInfo]


class Revoked(BaseModel):
    revoked: bool


@router.post("", status_code=201, response_model=IssuedToken)
async def create_token(
    body: TokenCreate, caller: Caller, db: Db, settings: Settings
) -> IssuedToken:
    """Create a personal token; its secret is returned once and never again."""
    days = min(body.expires_in_days or settings.token_lifetime_days, settings.token_lifetime_days)
    async with db.transaction(caller.context()) as tx:
        issued = await issue_token(tx, caller.user_id, body.name, days)
        await record(
            tx,
            caller,
            "token.created",
            "api_token",
            issued.id,
            metadata={"name": body.name, "expires_at": issued.expires_at.isoformat()},
        )
    return issued


@router.get("", response_model=TokenList)
async def list_tokens(caller: Caller, db: Db) -> TokenList:
    """Your tokens, newest first; never their secrets."""
    async with db.transaction(caller.context()) as tx:
        rows = await tx.fetch_all(_LIST, (caller.user_id,))
    now = datetime.now(UTC)
    return TokenList(
        data=[
            TokenInfo(**r, active=r["revoked_at"] is None and r["expires_at"] > now) for r in rows
        ]
    )


@router.delete("/{token_id}", response_model=Revoked)
async def revoke_token(token_id: Annotated[UUID, Path()], caller: Caller, db: Db) -> Revoked:
    """Revoke one of your tokens (revoking twice is harmless)."""
    async with db.transaction(caller.context()) as tx:
        row = await tx.fetch_one(_REVOKE, (token_id, caller.user_id))
        if row is None:
            raise not_found("Token")
        await record(
            tx, caller, "token.revoked", "api_token", token_id, metadata={"name": row["name"]}
        )
    return Revoked(revoked=True)
