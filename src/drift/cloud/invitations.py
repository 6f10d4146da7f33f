"""Invitations: create (seat check), list, revoke, resend, and the public accept.

DECISIONS 15: the token is returned to the inviter to deliver, stored only as a hash, single
use, valid for 7 days. Accepting creates the user if needed and returns a new API token. It
never changes an existing membership's role and never reactivates a deactivated member (409).
An e-mail that already has an account must accept with that account's own token, so whoever
holds an invitation can never obtain a token for someone else's existing account.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel, StringConstraints

from drift.cloud.audit.writer import record
from drift.cloud.db import Row, Tx
from drift.cloud.deps import Caller, Db, RequestCreds, Settings
from drift.cloud.errors import ApiError, conflict, not_found
from drift.cloud.invitation_accept import accept_invitation
from drift.cloud.models import ERRORS, Email, RequestBody
from drift.cloud.principal import Principal
from drift.cloud.seats import seat_usage
from drift.cloud.settings import INVITATION_LIFETIME_DAYS
from drift.cloud.token_format import INVITATION_PREFIX, hash_secret, new_secret

router = APIRouter(prefix="/api/v1/invitations", tags=["invitations"], responses=ERRORS)

_FIELDS = "id, email, role, team_id, invited_by, expires_at, accepted_at, created_at"
_TEAM_EXISTS = "SELECT 1 FROM teams WHERE tenant_id = %s AND id = %s"
_MEMBER_BY_EMAIL = """
SELECT m.active FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.tenant_id = %s AND lower(u.email) = lower(%s)
"""
_PENDING_BY_EMAIL = """
SELECT 1 FROM invitations
WHERE tenant_id = %s AND lower(email) = lower(%s) AND accepted_at IS NULL AND expires_at > now()
"""
_INSERT = f"""
INSERT INTO invitations (tenant_id, email, role, team_id, invited_by, token_hash, expires_at)
VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING {_FIELDS}
"""
_LIST = f"SELECT {_FIELDS} FROM invitations WHERE tenant_id = %s ORDER BY created_at DESC, id DESC"
_GET = f"SELECT {_FIELDS} FROM invitations WHERE tenant_id = %s AND id = %s FOR UPDATE"
_DELETE = "DELETE FROM invitations WHERE tenant_id = %s AND id = %s"
_RENEW = """
UPDATE invitations SET token_hash = %s, expires_at = %s WHERE tenant_id = %s AND id = %s
"""


class InvitationCreate(RequestBody):
    email: Email
    role: Literal["admin", "member", "viewer"] = "member"
    team_id: UUID | None = None


class Invitation(BaseModel):
    id: UUID
    email: str
    role: str
    team_id: UUID | None
    invited_by: UUID
    expires_at: datetime
    accepted_at: datetime | None
    created_at: datetime
    status: Literal["pending", "accepted", "expired"]


class CreatedInvitation(Invitation):
    """The new invitation; ``token`` is shown this once, for the inviter to deliver."""

    token: str


class InvitationList(BaseModel):
    data: list[Invitation]


class Resent(BaseModel):
    resent: bool
    token: str
    expires_at: datetime


class Revoked(BaseModel):
    revoked: bool


class AcceptBody(RequestBody):
    display_name: Annotated[str, StringConstraints(max_length=200)] | None = None


class Accepted(BaseModel):
    accepted: bool
    tenant_id: UUID
    user_id: UUID
    role: str
    token: str | None


def _status(row: Row) -> Literal["pending", "accepted", "expired"]:
    if row["accepted_at"] is not None:
        return "accepted"
    return "expired" if row["expires_at"] <= datetime.now(UTC) else "pending"


def _invitation(row: Row) -> Invitation:
    return Invitation(**row, status=_status(row))


async def _check_seats(tx: Tx, caller: Principal) -> None:
    usage = await seat_usage(tx, caller.tenant_id, lock=True)
    if usage.used >= usage.seat_limit:
        raise ApiError(
            402, f"Seat limit reached ({usage.used}/{usage.seat_limit}). Upgrade your plan."
        )


@router.post(
    "",
    status_code=201,
    response_model=CreatedInvitation,
    responses={402: {"model": ERRORS[400]["model"], "description": "No seat left"}},
)
async def create_invitation(body: InvitationCreate, caller: Caller, db: Db) -> CreatedInvitation:
    """Invite someone by e-mail (owner or admin). A pending invitation holds a seat."""
    caller.require_admin()
    raw = new_secret(INVITATION_PREFIX)
    expires = datetime.now(UTC) + timedelta(days=INVITATION_LIFETIME_DAYS)
    async with db.transaction(caller.context()) as tx:
        if body.team_id and not await tx.fetch_one(_TEAM_EXISTS, (caller.tenant_id, body.team_id)):
            raise not_found("Team")
        await _check_seats(tx, caller)
        member = await tx.fetch_one(_MEMBER_BY_EMAIL, (caller.tenant_id, body.email))
        if member is not None:
            raise conflict(
                "This e-mail is already a member of the tenant"
                if member["active"]
                else "This e-mail belongs to a deactivated member; invitations cannot reactivate"
            )
        if await tx.fetch_one(_PENDING_BY_EMAIL, (caller.tenant_id, body.email)):
            raise conflict("A pending invitation already exists for this email")
        row = await tx.fetch_one(
            _INSERT,
            (
                caller.tenant_id,
                body.email,
                body.role,
                body.team_id,
                caller.user_id,
                hash_secret(raw),
                expires,
            ),
        )
        assert row is not None
        await record(
            tx,
            caller,
            "invitation.created",
            "invitation",
            row["id"],
            metadata={
                "email": body.email,
                "role": body.role,
                "team_id": str(body.team_id) if body.team_id else None,
            },
        )
    return CreatedInvitation(**row, status="pending", token=raw)


@router.get("", response_model=InvitationList)
async def list_invitations(caller: Caller, db: Db) -> InvitationList:
    """Every invitation, newest first, with its status (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        rows = await tx.fetch_all(_LIST, (caller.tenant_id,))
    return InvitationList(data=[_invitation(r) for r in rows])


async def _invitation_or_404(tx: Tx, caller: Principal, invitation_id: UUID) -> Row:
    row = await tx.fetch_one(_GET, (caller.tenant_id, invitation_id))
    if row is None:
        raise not_found("Invitation")
    return row


@router.delete("/{invitation_id}", response_model=Revoked)
async def revoke_invitation(
    invitation_id: Annotated[UUID, Path()], caller: Caller, db: Db
) -> Revoked:
    """Withdraw an invitation that has not been accepted (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        row = await _invitation_or_404(tx, caller, invitation_id)
        if row["accepted_at"] is not None:
            raise conflict("Invitation already accepted")
        await tx.execute(_DELETE, (caller.tenant_id, invitation_id))
        await record(
            tx,
            caller,
            "invitation.revoked",
            "invitation",
            invitation_id,
            metadata={"email": row["email"]},
        )
    return Revoked(revoked=True)


@router.post(
    "/{invitation_id}/resend",
    response_model=Resent,
    responses={
        402: {"model": ERRORS[400]["model"], "description": "No seat left"},
        410: {"model": ERRORS[400]["model"], "description": "Already accepted"},
    },
)
async def resend_invitation(
    invitation_id: Annotated[UUID, Path()], caller: Caller, db: Db
) -> Resent:
    """Issue a fresh token and 7 more days; the previous token stops working."""
    caller.require_admin()
    raw = new_secret(INVITATION_PREFIX)
    expires = datetime.now(UTC) + timedelta(days=INVITATION_LIFETIME_DAYS)
    async with db.transaction(caller.context()) as tx:
        row = await _invitation_or_404(tx, caller, invitation_id)
        if row["accepted_at"] is not None:
            raise ApiError(410, "Invitation already accepted")
        if _status(row) == "expired":
            # An expired invitation holds no seat; renewing it takes one again.
            await _check_seats(tx, caller)
        await tx.execute(_RENEW, (hash_secret(raw), expires, caller.tenant_id, invitation_id))
        await record(
            tx,
            caller,
            "invitation.resent",
            "invitation",
            invitation_id,
            metadata={"email": row["email"]},
        )
    return Resent(resent=True, token=raw, expires_at=expires)


@router.post(
    "/{token}/accept",
    response_model=Accepted,
    responses={410: {"model": ERRORS[400]["model"], "description": "Expired or already used"}},
)
async def accept(
    token: Annotated[str, Path(max_length=200)],
    creds: RequestCreds,
    db: Db,
    settings: Settings,
    body: AcceptBody | None = None,
) -> Accepted:
    """Accept an invitation (public: the token is the credential).

    A new user gets an API token in the answer (shown once). An existing user must send their
    own ``Authorization: Bearer`` token and gets no new one.
    """
    result = await accept_invitation(
        db, token, creds, settings.token_lifetime_days, body.display_name if body else None
    )
    return Accepted(**result)
