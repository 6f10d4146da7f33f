"""FastAPI dependencies: the database and the authenticated caller.

All are ``async def``: FastAPI runs plain ``def`` dependencies in a thread pool, which costs
more than the dependency itself.

The ``AuthGate`` middleware has already authenticated the request; ``current_principal``
only reads its result. The bearer and X-Tenant-Id declarations here document both in the
OpenAPI description.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from drift.cloud.auth import Credentials
from drift.cloud.db import Database
from drift.cloud.errors import ApiError
from drift.cloud.principal import Principal
from drift.cloud.settings import CloudSettings

bearer_scheme = HTTPBearer(auto_error=False, description="A personal API token (drift_pat_...)")


async def get_db(request: Request) -> Database:
    """The service's database."""
    db: Database = request.app.state.db
    return db


async def get_settings(request: Request) -> CloudSettings:
    """The service's settings."""
    settings: CloudSettings = request.app.state.settings
    return settings


async def current_principal(
    request: Request,
    _token: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)] = None,
    x_tenant_id: Annotated[
        str | None,
        Header(
            description="The tenant to act in, required when you belong to several",
            pattern=r"^[0-9a-fA-F-]{36}$",
        ),
    ] = None,
) -> Principal:
    """The authenticated caller, as established by the gate middleware."""
    principal = getattr(request.state, "principal", None)
    if not isinstance(principal, Principal):
        raise ApiError(401, "Missing or invalid Authorization header")
    return principal


async def request_credentials(request: Request) -> Credentials:
    """What the request presented (address already resolved past trusted proxies)."""
    creds = getattr(request.state, "credentials", None)
    if not isinstance(creds, Credentials):
        raise ApiError(500, "Internal server error")
    return creds


Db = Annotated[Database, Depends(get_db)]
Caller = Annotated[Principal, Depends(current_principal)]
Settings = Annotated[CloudSettings, Depends(get_settings)]
RequestCreds = Annotated[Credentials, Depends(request_credentials)]
