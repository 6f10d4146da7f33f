"""Checking a tenant's audit hash chain and reporting the first broken link."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from drift.cloud.db import Database, RequestContext

GENESIS_HASH = "0" * 64
_BATCH = 2000

_HEAD = "SELECT last_seq, last_hash FROM audit_chain_heads WHERE tenant_id = %s"
_CUT = """
SELECT through_seq, through_hash FROM audit_retention_cuts
WHERE tenant_id = %s ORDER BY through_seq DESC LIMIT 1
"""
_ANY_ROW = "SELECT max(seq) AS seq FROM audit_log WHERE tenant_id = %s"
_ROWS = """
SELECT id, seq, prev_hash, row_hash,
       audit_row_hash(prev_hash, tenant_id, seq, id, actor_id, actor_email, action,
                      resource_type, resource_id, metadata, ip_address, user_agent,
                      created_at) AS expected
FROM audit_log
WHERE tenant_id = %s AND seq > %s AND seq <= %s
ORDER BY seq LIMIT %s
"""


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """Where the chain first fails, and why."""

    seq: int
    id: UUID | None
    reason: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The outcome of one verification."""

    tenant_id: UUID
    valid: bool
    checked: int
    last_seq: int
    starts_after_seq: int
    first_broken: BrokenLink | None


async def verify_chain(db: Database, tenant_id: UUID) -> ChainReport:
    """Walk the chain from the last retention cut (or the start) to the recorded head.

    Rows appended while this runs lie beyond the head read first and are left for next time.
    """
    context = RequestContext(tenant_id=tenant_id)
    async with db.transaction(context) as tx:
        head = await tx.fetch_one(_HEAD, (tenant_id,))
        cut = await tx.fetch_one(_CUT, (tenant_id,))
        newest = await tx.fetch_one(_ANY_ROW, (tenant_id,))
    start_seq = int(cut["through_seq"]) if cut else 0
    prev_seq, prev_hash = start_seq, cut["through_hash"] if cut else GENESIS_HASH
    head_seq = int(head["last_seq"]) if head else 0
    checked = 0

    def report(broken: BrokenLink | None) -> ChainReport:
        return ChainReport(tenant_id, broken is None, checked, prev_seq, start_seq, broken)

    if head is None and newest is not None and newest["seq"] is not None:
        return report(BrokenLink(start_seq + 1, None, "the chain's recorded head is missing"))
    while prev_seq < head_seq:
        async with db.transaction(context) as tx:
            rows = await tx.fetch_all(_ROWS, (tenant_id, prev_seq, head_seq, _BATCH))
        if not rows:
            break
        for row in rows:
            if row["seq"] != prev_seq + 1:
                return report(BrokenLink(prev_seq + 1, None, "row missing (sequence gap)"))
            if row["prev_hash"] != prev_hash:
                return report(
                    BrokenLink(row["seq"], row["id"], "previous-hash link does not match")
                )
            if row["expected"] != row["row_hash"]:
                return report(BrokenLink(row["seq"], row["id"], "row content was altered"))
            prev_seq, prev_hash = row["seq"], row["row_hash"]
            checked += 1
    if head is not None and (prev_seq != head_seq or prev_hash != head["last_hash"]):
        return report(
            BrokenLink(prev_seq + 1, None, "chain ends before its recorded head (rows removed)")
        )
    return report(None)
