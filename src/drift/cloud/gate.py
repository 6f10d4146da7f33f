"""ASGI middleware guarding ``/api/v1``: authentication first, then the tenant's IP allowlist.

It runs before routing, so a route cannot forget it: every path under the prefix is guarded
except the short list below. The authenticated ``Principal`` is left in ``scope["state"]`` for
the route handlers (``request.state.principal``).
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from drift.cloud.auth import Credentials, authenticate
from drift.cloud.client_address import client_address
from drift.cloud.db import Database
from drift.cloud.errors import ApiError, error_response
from drift.cloud.settings import IPNetwork

API_PREFIX = "/api/v1/"

# DECISIONS 34: accepting an invitation is public (the tenant is unknown until the token is
# read), and the owner's emergency reset must work from a blocked address.
_PUBLIC = (("POST", re.compile(r"^/api/v1/invitations/[^/]+/accept$")),)
_ALLOWLIST_EXEMPT = (("DELETE", re.compile(r"^/api/v1/settings/ip-allowlist$")),)


def _matches(rules: tuple[tuple[str, re.Pattern[str]], ...], method: str, path: str) -> bool:
    return any(method == m and pattern.match(path) for m, pattern in rules)


def is_public(method: str, path: str) -> bool:
    """Whether the route needs no authentication at all."""
    return _matches(_PUBLIC, method, path)


def is_allowlist_exempt(method: str, path: str) -> bool:
    """Whether the route is authenticated but not subject to the IP allowlist."""
    return _matches(_ALLOWLIST_EXEMPT, method, path)


def request_credentials(scope: Scope, proxies: tuple[IPNetwork, ...]) -> Credentials:
    """Pull the authentication inputs out of an ASGI scope."""
    authorization = tenant = agent = None
    forwarded: list[str] = []
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1")
        value = raw_value.decode("latin-1")
        if name == "authorization":
            authorization = value
        elif name == "x-tenant-id":
            tenant = value
        elif name == "user-agent":
            agent = value[:512]
        elif name == "x-forwarded-for":
            forwarded.append(value)
    peer = scope.get("client")
    address = client_address(peer[0] if peer else None, forwarded, proxies)
    return Credentials(authorization, tenant, str(address) if address else None, agent)


class AuthGate:
    """Authenticate every ``/api/v1`` request and enforce the tenant's IP allowlist."""

    def __init__(self, app: ASGIApp, db: Database, proxies: tuple[IPNetwork, ...]) -> None:
        self.app = app
        self.db = db
        self.proxies = proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        creds = request_credentials(scope, self.proxies)
        scope.setdefault("state", {})["credentials"] = creds
        if is_public(method, path):
            await self.app(scope, receive, send)
            return
        try:
            principal = await authenticate(
                self.db, creds, enforce_allowlist=not is_allowlist_exempt(method, path)
            )
        except ApiError as error:
            await error_response(error.status, error.message)(scope, receive, send)
            return
        scope["state"]["principal"] = principal
        await self.app(scope, receive, send)
