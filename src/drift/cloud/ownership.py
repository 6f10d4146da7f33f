"""Ownership transfer (DECISIONS 17): one transaction, old owner becomes admin.

The demotion runs before the promotion, and a partial unique index allows one owner per
tenant, so no interleaving or failure can leave two owners; any failure rolls back both.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from drift.cloud.audit.writer import record_as
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import ApiError, bad_request, not_found
from drift.cloud.models import ERRORS, RequestBody

router = APIRouter(prefix="/api/v1/settings", tags=["settings"], responses=ERRORS)

_LOCK_TENANT = "SELECT id FROM tenants WHERE id = %s FOR UPDATE"
_TARGET = """
SELECT m.role, u.email FROM memberships m JOIN users u ON u.id = m.user_id
WHERE m.tenant_id = %s AND m.user_id = %s AND m.active
"""
_DEMOTE = """
UPDATE memberships SET role = 'admin' WHERE tenant_id = %s AND user_id = %s AND role = 'owner'
"""
_PROMOTE = """
UPDATE memberships SET role = 'owner' WHERE tenant_id = %s AND user_id = %s AND active
"""
_SET_OWNER = "UPDATE tenants SET owner_id = %s WHERE id = %s"


class TransferBody(RequestBody):
    new_owner_id: UUID


class RoleAfter(BaseModel):
    user_id: UUID
    new_role: Literal["owner", "admin"]


class Transferred(BaseModel):
    transferred: bool
    old_owner: RoleAfter
    new_owner: RoleAfter


@router.post("/transfer-ownership", response_model=Transferred)
async def transfer_ownership(body: TransferBody, caller: Caller, db: Db) -> Transferred:
    """Hand the tenant to another active member (owner only)."""
    caller.require("owner")
    if body.new_owner_id == caller.user_id:
        raise bad_request("Cannot transfer ownership to yourself")
    async with db.transaction(caller.context()) as tx:
        await tx.execute(_LOCK_TENANT, (caller.tenant_id,))
        target = await tx.fetch_one(_TARGET, (caller.tenant_id, body.new_owner_id))
        if target is None:
            raise not_found("New owner (an active member of this tenant)")
        if not await tx.execute(_DEMOTE, (caller.tenant_id, caller.user_id)):
            raise ApiError(409, "You are no longer the owner of this tenant")
        if not await tx.execute(_PROMOTE, (caller.tenant_id, body.new_owner_id)):
            raise ApiError(409, "The new owner is no longer an active member")
        await tx.execute(_SET_OWNER, (body.new_owner_id, caller.tenant_id))
        for actor_id, actor_email, action, metadata in (
            (
                caller.user_id,
                caller.email,
                "ownership.transferred_from",
                {"new_owner_id": str(body.new_owner_id)},
            ),
            (
                body.new_owner_id,
                target["email"],
                "ownership.transferred_to",
                {"old_owner_id": str(caller.user_id)},
            ),
        ):
            await record_as(
                tx,
                tenant_id=caller.tenant_id,
                actor_id=actor_id,
                actor_email=actor_email,
                action=action,
                resource_type="tenant",
                resource_id=caller.tenant_id,
                metadata=metadata,
                ip_address=caller.client_ip,
                user_agent=caller.user_agent,
            )
    return Transferred(
        transferred=True,
        old_owner=RoleAfter(user_id=caller.user_id, new_role="admin"),
        new_owner=RoleAfter(user_id=body.new_owner_id, new_role="owner"),
    )
