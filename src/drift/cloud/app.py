"""The ASGI application: ``create_app(settings)``.

Request path: BodyLimit (413) → AuthGate (401/403/503 for ``/api/v1``) → FastAPI routing and
handlers, each running its work in one tenant transaction. Every error leaves as JSON
``{"error": "..."}``; unexpected ones are logged and answered with a plain 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from drift import __version__
from drift.cloud import (
    health,
    invitations,
    ip_allowlist,
    members,
    ownership,
    projects,
    team_links,
    teams,
    tokens,
)
from drift.cloud.audit import routes as audit_routes
from drift.cloud.body_limit import BodyLimit
from drift.cloud.db import Database
from drift.cloud.errors import install_error_handlers
from drift.cloud.gate import AuthGate
from drift.cloud.settings import CloudSettings

ROUTERS = (
    health.router,
    members.router,
    teams.router,
    team_links.router,
    projects.router,
    invitations.router,
    ownership.router,
    tokens.router,
    audit_routes.router,
    ip_allowlist.router,
)


class CloudApp(FastAPI):
    """FastAPI, with an OpenAPI document that says 400 where FastAPI would say 422."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema:
            return self.openapi_schema
        schema = super().openapi()
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                operation.get("responses", {}).pop("422", None)
        components = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        self.openapi_schema = schema
        return schema


def create_app(settings: CloudSettings) -> FastAPI:
    """Build the service. The database pool opens when the app starts and closes at shutdown."""
    db = Database(
        settings.database_url, service_role=settings.service_role, max_size=settings.pool_size
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await db.open()
        try:
            yield
        finally:
            await db.close()

    app = CloudApp(
        title="Drift cloud",
        version=__version__,
        description="Tenants, members, teams, projects, invitations, audit log, IP allowlists.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.settings = settings
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(AuthGate, db=db, proxies=settings.trusted_proxies)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    return app
