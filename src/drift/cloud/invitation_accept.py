"""Accepting an invitation: the public flow behind ``POST /api/v1/invitations/{token}/accept``.

Two short look-ups run before the tenant is known (the invitation by its token hash, the user
by e-mail); the work itself then runs in one tenant transaction that re-reads the invitation
``FOR UPDATE``, so two concurrent accepts cannot both succeed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from drift.cloud.audit.writer import record_as
from drift.cloud.auth import Credentials, identify
from drift.cloud.db import Database, RequestContext, Row
from drift.cloud.errors import ApiError, conflict, not_found
from drift.cloud.token_format import INVITATION_PREFIX, hash_secret, looks_like
from drift.cloud.tokens import issue_token

_BY_TOKEN = """
SELECT id, tenant_id, email, role, team_id, expires_at, accepted_at FROM invitations
WHERE token_hash = %s
"""
_LOCK = """
SELECT id, tenant_id, email, role, team_id, expires_at, accepted_at FROM invitations
WHERE tenant_id = %s AND token_hash = %s FOR UPDATE
"""
_FIND_USER = "SELECT id FROM users WHERE lower(email) = lower(%s)"
_MEMBERSHIP = "SELECT role, active FROM memberships WHERE tenant_id = %s AND user_id = %s"
_INSERT_USER = "INSERT INTO users (id, email, display_name) VALUES (%s, %s, %s)"
_INSERT_MEMBER = "INSERT INTO memberships (tenant_id, user_id, role) VALUES (%s, %s, %s)"
_JOIN_TEAM = """
INSERT INTO team_memberships (tenant_id, team_id, user_id, role) VALUES (%s, %s, %s, 'member')
ON CONFLICT DO NOTHING
"""
_MARK_ACCEPTED = """
UPDATE invitations SET accepted_at = now(), accepted_by = %s WHERE tenant_id = %s AND id = %s
"""


def _still_open(row: Row) -> None:
    if row["accepted_at"] is not None:
        raise ApiError(410, "Invitation has already been accepted")
    if row["expires_at"] <= datetime.now(UTC):
        raise ApiError(410, "Invitation has expired")


async def _existing_user(db: Database, email: str) -> UUID | None:
    async with db.transaction(RequestContext(lookup_email=email)) as tx:
        row = await tx.fetch_one(_FIND_USER, (email,))
    return row["id"] if row else None


async def accept_invitation(
    db: Database,
    token: str,
    creds: Credentials,
    token_lifetime_days: int,
    display_name: str | None,
) -> dict[str, Any]:
    """Accept; return the fields of the ``Accepted`` answer."""
    if not looks_like(token, INVITATION_PREFIX):
        raise not_found("Invitation")
    token_hash = hash_secret(token)
    async with db.transaction(RequestContext(token_hash=token_hash)) as tx:
        invitation = await tx.fetch_one(_BY_TOKEN, (token_hash,))
    if invitation is None:
        raise not_found("Invitation")
    _still_open(invitation)
    email: str = invitation["email"]
    tenant_id: UUID = invitation["tenant_id"]
    user_id = await _existing_user(db, email)
    if user_id is not None:
        caller_id, _ = (
            await identify(db, creds.authorization) if creds.authorization else (None, None)
        )
        if caller_id is None:
            raise ApiError(
                401,
                "This e-mail already has a Drift account: accept with that account's API token",
            )
        if caller_id != user_id:
            raise ApiError(403, "This invitation was sent to another e-mail address")
    new_user = user_id is None
    user_id = user_id or uuid4()
    context = RequestContext(tenant_id=tenant_id, user_id=user_id, lookup_email=email)
    issued_token: str | None = None
    async with db.transaction(context) as tx:
        locked = await tx.fetch_one(_LOCK, (tenant_id, token_hash))
        if locked is None:
            raise not_found("Invitation")
        _still_open(locked)
        membership = None if new_user else await tx.fetch_one(_MEMBERSHIP, (tenant_id, user_id))
        if membership is not None and not membership["active"]:
            raise conflict("You were deactivated in this tenant; an invitation cannot reactivate")
        if new_user:
            await tx.execute(_INSERT_USER, (user_id, email, display_name))
        if membership is None:
            await tx.execute(_INSERT_MEMBER, (tenant_id, user_id, locked["role"]))
            role = locked["role"]
        else:
            role = membership["role"]
        if locked["team_id"] is not None:
            await tx.execute(_JOIN_TEAM, (tenant_id, locked["team_id"], user_id))
        await tx.execute(_MARK_ACCEPTED, (user_id, tenant_id, locked["id"]))
        if new_user:
            issued = await issue_token(tx, user_id, "invitation", token_lifetime_days)
            issued_token = issued.token
        await record_as(
            tx,
            tenant_id=tenant_id,
            actor_id=user_id,
            actor_email=email,
            action="invitation.accepted",
            resource_type="invitation",
            resource_id=locked["id"],
            metadata={
                "role": role,
                "team_id": str(locked["team_id"]) if locked["team_id"] else None,
                "new_user": new_user,
            },
            ip_address=creds.client_ip,
            user_agent=creds.user_agent,
        )
    return {
        "accepted": True,
        "tenant_id": tenant_id,
        "user_id": user_id,
        "role": role,
        "token": issued_token,
    }
