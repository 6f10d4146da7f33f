"""Audit retention by plan: delete rows older than the window and record the cut.

Runs as the database owner (``drift cloud audit retention``), the only identity that may
delete audit rows, and only with ``drift_cloud.retention`` set for its own transaction.
The chain stays verifiable: verification starts from the recorded cut.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from drift.cloud.db import Database, RequestContext

RETENTION_DAYS: dict[str, int | None] = {
    "free": 30,
    "pro": 365,
    "team": 730,
    "enterprise": None,
}

_TENANTS = "SELECT id, plan FROM tenants ORDER BY id"
_LAST_EXPIRED = """
SELECT seq, row_hash FROM audit_log
WHERE tenant_id = %s AND created_at < %s ORDER BY seq DESC LIMIT 1
"""
_COUNT = "SELECT count(*) AS n FROM audit_log WHERE tenant_id = %s AND seq <= %s"
_RECORD_CUT = """
INSERT INTO audit_retention_cuts (tenant_id, cut_before, through_seq, through_hash, deleted_rows)
VALUES (%s, %s, %s, %s, %s)
"""
_DELETE = "DELETE FROM audit_log WHERE tenant_id = %s AND seq <= %s"


@dataclass(frozen=True, slots=True)
class RetentionCut:
    """What retention removed from one tenant."""

    tenant_id: UUID
    plan: str
    cut_before: datetime
    through_seq: int
    deleted_rows: int


async def apply_retention(
    db: Database, now: datetime | None = None, only: Collection[UUID] | None = None
) -> list[RetentionCut]:
    """Cut every tenant's log (or only those in ``only``) to its plan's window."""
    moment = now or datetime.now(UTC)
    async with db.operator_transaction(RequestContext()) as tx:
        tenants = await tx.fetch_all(_TENANTS)
    cuts: list[RetentionCut] = []
    for tenant in tenants:
        if only is not None and tenant["id"] not in only:
            continue
        days = RETENTION_DAYS.get(tenant["plan"])
        if days is None:
            continue
        cut_before = moment - timedelta(days=days)
        context = RequestContext(tenant_id=tenant["id"])
        async with db.operator_transaction(context, retention=True) as tx:
            last = await tx.fetch_one(_LAST_EXPIRED, (tenant["id"], cut_before))
            if last is None:
                continue
            count = await tx.fetch_one(_COUNT, (tenant["id"], last["seq"]))
            deleted = int(count["n"]) if count else 0
            await tx.execute(
                _RECORD_CUT, (tenant["id"], cut_before, last["seq"], last["row_hash"], deleted)
            )
            await tx.execute(_DELETE, (tenant["id"], last["seq"]))
        cuts.append(
            RetentionCut(tenant["id"], tenant["plan"], cut_before, int(last["seq"]), deleted)
        )
    return cuts


async def tenant_ids(db: Database) -> list[UUID]:
    """Every tenant (operator view), for jobs that visit each one."""
    async with db.operator_transaction(RequestContext()) as tx:
        rows = await tx.fetch_all(_TENANTS)
    return [r["id"] for r in rows]
