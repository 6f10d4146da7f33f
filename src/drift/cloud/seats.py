"""Seat accounting: active members plus pending invitations against the tenant's limit."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from drift.cloud.db import Tx

_USAGE = """
SELECT t.seat_limit,
       (SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id AND m.active) AS active,
       (SELECT count(*) FROM invitations i
         WHERE i.tenant_id = t.id AND i.accepted_at IS NULL AND i.expires_at > now())
         AS pending_invites
FROM tenants t WHERE t.id = %s
"""
# Seat checks lock the tenant row so two concurrent invitations cannot both take the last seat.
_LOCK_TENANT = "SELECT id FROM tenants WHERE id = %s FOR UPDATE"


@dataclass(frozen=True, slots=True)
class SeatUsage:
    """How many seats are taken (members and pending invitations) and how many remain."""

    active: int
    pending_invites: int
    seat_limit: int

    @property
    def used(self) -> int:
        return self.active + self.pending_invites

    @property
    def remaining(self) -> int:
        return max(0, self.seat_limit - self.used)


async def seat_usage(tx: Tx, tenant_id: UUID, *, lock: bool = False) -> SeatUsage:
    """The tenant's seat usage; with ``lock``, hold the tenant row until the transaction ends."""
    if lock:
        await tx.execute(_LOCK_TENANT, (tenant_id,))
    row = await tx.fetch_one(_USAGE, (tenant_id,))
    if row is None:
        return SeatUsage(0, 0, 0)
    return SeatUsage(int(row["active"]), int(row["pending_invites"]), int(row["seat_limit"]))
