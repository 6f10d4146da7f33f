"""Reading the audit log: filters, keyset pages, and batches for streaming export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from drift.cloud.db import Database, Row
from drift.cloud.principal import Principal

COLUMNS = (
    "id",
    "tenant_id",
    "seq",
    "created_at",
    "actor_id",
    "actor_email",
    "action",
    "resource_type",
    "resource_id",
    "metadata",
    "ip_address",
    "user_agent",
    "prev_hash",
    "row_hash",
)
_SELECT = (
    "SELECT id, tenant_id, seq, created_at, actor_id, actor_email, action, resource_type,"
    " resource_id, metadata, host(ip_address) AS ip_address, user_agent, prev_hash, row_hash"
    " FROM audit_log"
)
EXPORT_BATCH = 500


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """The filters of the query and export endpoints, combined with AND."""

    actor: str | None = None
    action: str | None = None
    resource_type: str | None = None
    after: datetime | None = None
    before: datetime | None = None


def _where(
    tenant_id: UUID, filters: AuditFilters, position: tuple[datetime, str] | None
) -> tuple[str, dict[str, object]]:
    clauses = ["tenant_id = %(tenant)s"]
    params: dict[str, object] = {"tenant": tenant_id}
    if filters.actor is not None:
        clauses.append("actor_email = %(actor)s")
        params["actor"] = filters.actor
    if filters.action is not None:
        clauses.append("action = %(action)s")
        params["action"] = filters.action
    if filters.resource_type is not None:
        clauses.append("resource_type = %(resource_type)s")
        params["resource_type"] = filters.resource_type
    if filters.after is not None:
        clauses.append("created_at > %(after)s")
        params["after"] = filters.after
    if filters.before is not None:
        clauses.append("created_at < %(before)s")
        params["before"] = filters.before
    if position is not None:
        clauses.append("(created_at, id) < (%(pos_at)s, %(pos_id)s::uuid)")
        params["pos_at"], params["pos_id"] = position
    return " WHERE " + " AND ".join(clauses), params


async def audit_page(
    db: Database,
    caller: Principal,
    filters: AuditFilters,
    position: tuple[datetime, str] | None,
    limit: int,
) -> list[Row]:
    """Up to ``limit`` rows after ``position``, newest first."""
    where, params = _where(caller.tenant_id, filters, position)
    params["limit"] = limit
    query = f"{_SELECT}{where} ORDER BY created_at DESC, id DESC LIMIT %(limit)s"
    async with db.transaction(caller.context()) as tx:
        return await tx.fetch_all(query, params)


async def audit_batches(
    db: Database, caller: Principal, filters: AuditFilters, first: list[Row]
) -> AsyncIterator[list[Row]]:
    """``first`` (already fetched), then every following batch until the log is exhausted.

    Each batch is its own short transaction, so a long export never pins a connection; the
    keyset order (newest first) means rows written meanwhile cannot shift the pages.
    """
    batch = first
    while batch:
        yield batch
        if len(batch) < EXPORT_BATCH:
            return
        last = batch[-1]
        batch = await audit_page(
            db, caller, filters, (last["created_at"], str(last["id"])), EXPORT_BATCH
        )
