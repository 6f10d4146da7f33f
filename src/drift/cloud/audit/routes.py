"""``/api/v1/audit``: query, streamed export (NDJSON, CSV) and chain verification.

Reading the audit log needs owner or admin (DECISIONS 14).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from drift.cloud.audit.formats import csv_header, csv_records, ndjson_lines
from drift.cloud.audit.query import EXPORT_BATCH, AuditFilters, audit_batches, audit_page
from drift.cloud.audit.verify import verify_chain
from drift.cloud.cursor import decode_cursor, encode_cursor
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import bad_request
from drift.cloud.models import ERRORS, NoNulModel, Pagination

router = APIRouter(prefix="/api/v1/audit", tags=["audit"], responses=ERRORS)

Text = Annotated[str | None, Field(max_length=320)]


class AuditFilterParams(NoNulModel):
    """Filters shared by query and export, combined with AND."""

    actor: Text = Field(None, description="exact actor e-mail")
    action: Text = None
    resource_type: Text = None
    after: datetime | None = Field(None, description="ISO 8601 with a time zone")
    before: datetime | None = Field(None, description="ISO 8601 with a time zone")

    def filters(self) -> AuditFilters:
        for moment in (self.after, self.before):
            if moment is not None and moment.tzinfo is None:
                raise bad_request("after and before need a time zone (e.g. 2025-01-01T00:00:00Z)")
        return AuditFilters(self.actor, self.action, self.resource_type, self.after, self.before)


class AuditQueryParams(AuditFilterParams):
    limit: int = Field(100, ge=1, le=200)
    cursor: str | None = Field(None, max_length=200)


class AuditExportParams(AuditFilterParams):
    format: Literal["ndjson", "csv"] = "ndjson"


class AuditEntry(BaseModel):
    id: UUID
    tenant_id: UUID
    seq: int
    created_at: datetime
    actor_id: UUID | None
    actor_email: str
    action: str
    resource_type: str
    resource_id: str | None
    metadata: dict[str, Any]
    ip_address: str | None
    user_agent: str | None
    prev_hash: str
    row_hash: str


class AuditPage(BaseModel):
    data: list[AuditEntry]
    pagination: Pagination


class Broken(BaseModel):
    seq: int
    id: UUID | None
    reason: str


class Verification(BaseModel):
    valid: bool
    checked: int
    last_seq: int
    starts_after_seq: int
    first_broken: Broken | None


def _position(cursor: str | None) -> tuple[datetime, str] | None:
    if cursor is None:
        return None
    moment, key = decode_cursor(cursor)
    try:
        UUID(key)
    except ValueError as error:
        raise bad_request("Invalid cursor") from error
    return moment, key


@router.get("", response_model=AuditPage)
async def query_audit(
    params: Annotated[AuditQueryParams, Query()], caller: Caller, db: Db
) -> AuditPage:
    """Audit entries, newest first, filtered by actor e-mail, action, resource type and time."""
    caller.require_admin()
    limit = params.limit
    rows = await audit_page(db, caller, params.filters(), _position(params.cursor), limit + 1)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(page[-1]["created_at"], page[-1]["id"]) if more else None
    return AuditPage(
        data=[AuditEntry(**r) for r in page],
        pagination=Pagination(cursor=next_cursor, has_more=more),
    )


_EXPORT_MEDIA = {"ndjson": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Every matching entry, newest first, streamed",
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
async def export_audit(
    params: Annotated[AuditExportParams, Query()], caller: Caller, db: Db
) -> StreamingResponse:
    """Stream every matching entry (no row cap) as NDJSON or CSV."""
    caller.require_admin()
    filters = params.filters()
    format = params.format
    # The first batch is read before answering, so an unavailable database is a 503, not an
    # empty 200. A failure later aborts the stream, so a cut-short export is never clean.
    first = await audit_page(db, caller, filters, None, EXPORT_BATCH)

    async def body() -> AsyncIterator[str]:
        if format == "csv":
            yield csv_header()
        async for batch in audit_batches(db, caller, filters, first):
            yield csv_records(batch) if format == "csv" else ndjson_lines(batch)

    return StreamingResponse(
        body(),
        media_type=_EXPORT_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="drift-audit.{format}"'},
    )


@router.get("/verify", response_model=Verification)
async def verify_audit(caller: Caller, db: Db) -> Verification:
    """Check this tenant's hash chain; report the first broken link, if any."""
    caller.require_admin()
    result = await verify_chain(db, caller.tenant_id)
    broken = result.first_broken
    return Verification(
        valid=result.valid,
        checked=result.checked,
        last_seq=result.last_seq,
        starts_after_seq=result.starts_after_seq,
        first_broken=Broken(seq=broken.seq, id=broken.id, reason=broken.reason) if broken else None,
    )
