"""Liveness (``/livez``, no database) and readiness (``/healthz``, checks the database)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from drift.cloud.db import RequestContext
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import ErrorBody, error_response
from drift.cloud.models import ERRORS
from drift.errors import StorageError

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    database: str
    schema_version: int


class Live(BaseModel):
    status: str


class Me(BaseModel):
    user_id: UUID
    email: str
    tenant_id: UUID
    role: str


@router.get("/livez", response_model=Live)
async def livez() -> Live:
    """The process is up (touches nothing else)."""
    return Live(status="ok")


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": ErrorBody, "description": "Database unavailable"}},
)
async def healthz(db: Db) -> Health | JSONResponse:
    """The service can reach its database, as the service role."""
    try:
        async with db.transaction(RequestContext()) as tx:
            row = await tx.fetch_one("SELECT max(version) AS version FROM schema_migrations")
    except StorageError:
        return error_response(503, "Database unavailable")
    return Health(status="ok", database="ok", schema_version=int(row["version"]) if row else 0)


@router.get("/api/v1/me", response_model=Me, tags=["auth"], responses=ERRORS)
async def me(caller: Caller) -> Me:
    """Who the token belongs to, and the tenant and role it acts with."""
    return Me(
        user_id=caller.user_id, email=caller.email, tenant_id=caller.tenant_id, role=caller.role
    )
