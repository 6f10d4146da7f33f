"""Tenant members: list (keyset cursor), seat count, change role, remove (deactivate)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from drift.cloud.audit.writer import record
from drift.cloud.cursor import decode_cursor, encode_cursor
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import ApiError, bad_request, not_found
from drift.cloud.models import ERRORS, Pagination, RequestBody
from drift.cloud.seats import seat_usage

router = APIRouter(prefix="/api/v1/members", tags=["members"], responses=ERRORS)

_LIST = """
SELECT m.user_id, u.email, m.role, m.active, m.created_at
FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.tenant_id = %(tenant)s AND m.active
  AND (%(after_at)s::timestamptz IS NULL
       OR (m.created_at, m.user_id) < (%(after_at)s::timestamptz, %(after_id)s::uuid))
ORDER BY m.created_at DESC, m.user_id DESC
LIMIT %(limit)s
"""
_GET = """
SELECT m.user_id, u.email, m.role, m.active, m.created_at
FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.tenant_id = %s AND m.user_id = %s
FOR UPDATE OF m
"""
_SET_ROLE = "UPDATE memberships SET role = %s WHERE tenant_id = %s AND user_id = %s"
_DEACTIVATE = """
UPDATE memberships SET active = false, deprovisioned_at = now()
WHERE tenant_id = %s AND user_id = %s
"""


class Member(BaseModel):
    user_id: UUID
    email: str
    role: str
    active: bool
    created_at: datetime


class MemberPage(BaseModel):
    data: list[Member]
    pagination: Pagination


class SeatCount(BaseModel):
    active: int
    pending_invites: int
    seat_limit: int
    remaining: int


class RoleChange(RequestBody):
    role: Literal["admin", "member", "viewer"]


class Removed(BaseModel):
    removed: bool


@router.get("", response_model=MemberPage)
async def list_members(
    caller: Caller,
    db: Db,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> MemberPage:
    """Active members, newest first."""
    after_at, after_id = decode_cursor(cursor) if cursor else (None, None)
    if after_id is not None:
        try:
            UUID(after_id)
        except ValueError as error:
            raise bad_request("Invalid cursor") from error
    async with db.transaction(caller.context()) as tx:
        rows = await tx.fetch_all(
            _LIST,
            {
                "tenant": caller.tenant_id,
                "after_at": after_at,
                "after_id": after_id,
                "limit": limit + 1,
            },
        )
    page = rows[:limit]
    more = len(rows) > limit
    next_cursor = encode_cursor(page[-1]["created_at"], page[-1]["user_id"]) if more else None
    return MemberPage(
        data=[Member(**r) for r in page], pagination=Pagination(cursor=next_cursor, has_more=more)
    )


@router.get("/count", response_model=SeatCount)
async def count_members(caller: Caller, db: Db) -> SeatCount:
    """Seats: active members, pending invitations, the limit and what remains."""
    async with db.transaction(caller.context()) as tx:
        usage = await seat_usage(tx, caller.tenant_id)
    return SeatCount(
        active=usage.active,
        pending_invites=usage.pending_invites,
        seat_limit=usage.seat_limit,
        remaining=usage.remaining,
    )


@router.patch("/{user_id}", response_model=Member)
async def change_role(
    user_id: Annotated[UUID, Path()], body: RoleChange, caller: Caller, db: Db
) -> Member:
    """Change a member's tenant role (owner or admin). The owner changes only by transfer."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        row = await tx.fetch_one(_GET, (caller.tenant_id, user_id))
        if row is None:
            raise not_found("Member")
        if row["role"] == "owner":
            raise bad_request("The owner's role changes only through ownership transfer")
        if not row["active"]:
            raise ApiError(409, "Member is deactivated")
        if row["role"] != body.role:
            await tx.execute(_SET_ROLE, (body.role, caller.tenant_id, user_id))
            await record(
                tx,
                caller,
                "member.role_changed",
                "membership",
                user_id,
                metadata={"user_id": str(user_id), "old_role": row["role"], "new_role": body.role},
            )
    return Member(**{**row, "role": body.role})


@router.delete("/{user_id}", response_model=Removed)
async def remove_member(user_id: Annotated[UUID, Path()], caller: Caller, db: Db) -> Removed:
    """Deactivate a membership (owner or admin). Nothing is deleted; the seat is freed."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        row = await tx.fetch_one(_GET, (caller.tenant_id, user_id))
        if row is None:
            raise not_found("Member")
        if row["role"] == "owner":
            raise bad_request("The owner cannot be removed; transfer ownership first")
        if row["active"]:
            await tx.execute(_DEACTIVATE, (caller.tenant_id, user_id))
            await record(
                tx,
                caller,
                "member.removed",
                "membership",
                user_id,
                metadata={"user_id": str(user_id), "role": row["role"]},
            )
    return Removed(removed=True)
