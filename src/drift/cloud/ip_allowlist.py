"""The tenant's IP allowlist: add, list, remove, and the owner's emergency reset.

Enforcement happens in ``auth`` (called by the gate middleware); this module manages entries.
"""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel, StringConstraints

from drift.cloud.audit.writer import record
from drift.cloud.db import ConstraintConflict, Row
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import bad_request, conflict, not_found
from drift.cloud.models import ERRORS, Description, RequestBody
from drift.cloud.settings import IPNetwork

router = APIRouter(prefix="/api/v1/settings/ip-allowlist", tags=["settings"], responses=ERRORS)

_FIELDS = "id, cidr::text AS cidr, description, expires_at, created_by, created_at"
_INSERT = f"""
INSERT INTO ip_allowlist (tenant_id, cidr, description, expires_at, created_by)
VALUES (%s, %s::cidr, %s, %s, %s) RETURNING {_FIELDS}
"""
_LIST = f"SELECT {_FIELDS} FROM ip_allowlist WHERE tenant_id = %s ORDER BY created_at DESC, id DESC"
_DELETE = "DELETE FROM ip_allowlist WHERE tenant_id = %s AND id = %s RETURNING cidr::text AS cidr"
_RESET = "DELETE FROM ip_allowlist WHERE tenant_id = %s"


def normalize_cidr(text: str) -> IPNetwork:
    """DECISIONS 31: parse leniently (host bits allowed), refuse /0, unmap IPv4-mapped IPv6."""
    try:
        network = ipaddress.ip_network(text.strip(), strict=False)
    except ValueError as error:
        raise bad_request(f"Invalid CIDR format: {text!r}") from error
    if network.prefixlen == 0:
        raise bad_request("Cannot add a /0 network: it allows every address")
    if isinstance(network, ipaddress.IPv6Network) and network.prefixlen >= 96:
        mapped = network.network_address.ipv4_mapped
        if mapped is not None:
            # Clients are matched as IPv4 (client_address unmaps them), so store IPv4 too.
            network = ipaddress.IPv4Network(f"{mapped}/{network.prefixlen - 96}", strict=False)
    return network


class EntryCreate(RequestBody):
    cidr: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    description: Description = ""
    expires_at: datetime | None = None


class Entry(BaseModel):
    id: UUID
    cidr: str
    description: str
    expires_at: datetime | None
    created_by: UUID
    created_at: datetime
    active: bool


class EntryList(BaseModel):
    data: list[Entry]


class Removed(BaseModel):
    removed: bool


class ResetBody(RequestBody):
    confirm_email: Annotated[str, StringConstraints(min_length=1, max_length=320)]


class ResetDone(BaseModel):
    reset: bool
    removed: int
    message: str


def _entry(row: Row) -> Entry:
    expires = row["expires_at"]
    return Entry(**row, active=expires is None or expires > datetime.now(UTC))


@router.post("", status_code=201, response_model=Entry)
async def add_entry(body: EntryCreate, caller: Caller, db: Db) -> Entry:
    """Allow a network (owner or admin). Once the list has entries, everything else is refused."""
    caller.require_admin()
    network = normalize_cidr(body.cidr)
    if body.expires_at is not None:
        if body.expires_at.tzinfo is None:
            raise bad_request("expires_at needs a time zone (e.g. 2030-01-01T00:00:00Z)")
        if body.expires_at <= datetime.now(UTC):
            raise bad_request("expires_at must be in the future")
    try:
        async with db.transaction(caller.context()) as tx:
            row = await tx.fetch_one(
                _INSERT,
                (caller.tenant_id, str(network), body.description, body.expires_at, caller.user_id),
            )
            assert row is not None
            await record(
                tx,
                caller,
                "ip_allowlist.added",
                "ip_allowlist",
                row["id"],
                metadata={
                    "cidr": str(network),
                    "expires_at": body.expires_at.isoformat() if body.expires_at else None,
                },
            )
    except ConstraintConflict as error:
        if error.kind == "unique":
            raise conflict(f"{network} is already in the allowlist") from error
        raise
    return _entry(row)


@router.get("", response_model=EntryList)
async def list_entries(caller: Caller, db: Db) -> EntryList:
    """Every entry, newest first, expired ones included (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        rows = await tx.fetch_all(_LIST, (caller.tenant_id,))
    return EntryList(data=[_entry(r) for r in rows])


@router.delete("/{entry_id}", response_model=Removed)
async def remove_entry(entry_id: Annotated[UUID, Path()], caller: Caller, db: Db) -> Removed:
    """Remove one entry (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        row = await tx.fetch_one(_DELETE, (caller.tenant_id, entry_id))
        if row is None:
            raise not_found("IP allowlist entry")
        await record(
            tx,
            caller,
            "ip_allowlist.removed",
            "ip_allowlist",
            entry_id,
            metadata={"cidr": row["cidr"]},
        )
    return Removed(removed=True)


@router.delete("", response_model=ResetDone)
async def emergency_reset(body: ResetBody, caller: Caller, db: Db) -> ResetDone:
    """Remove every entry: the owner's escape hatch, exempt from the allowlist itself.

    ``confirm_email`` must be the owner's own e-mail (compared case-insensitively).
    """
    caller.require("owner")
    if body.confirm_email.strip().lower() != caller.email.lower():
        raise bad_request("Emergency reset requires confirm_email matching your account email")
    async with db.transaction(caller.context()) as tx:
        removed = await tx.execute(_RESET, (caller.tenant_id,))
        await record(
            tx,
            caller,
            "ip_allowlist.emergency_reset",
            "ip_allowlist",
            caller.tenant_id,
            metadata={"reset": True, "removed": removed},
        )
    return ResetDone(reset=True, removed=removed, message="All IP allowlist entries removed")
