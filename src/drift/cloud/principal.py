"""Who is calling: the authenticated user, the tenant they act in, and their role there."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from drift.cloud.db import RequestContext
from drift.cloud.errors import ApiError

TENANT_ROLES = ("owner", "admin", "member", "viewer")
ADMIN_ROLES = ("owner", "admin")


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller acting in one tenant."""

    user_id: UUID
    email: str
    tenant_id: UUID
    role: str
    token_id: UUID
    client_ip: str | None
    user_agent: str | None

    def context(self) -> RequestContext:
        """The row-level-security context of this caller's transactions."""
        return RequestContext(tenant_id=self.tenant_id, user_id=self.user_id)

    @property
    def is_admin(self) -> bool:
        """Owner or admin of the tenant."""
        return self.role in ADMIN_ROLES

    def require(self, *roles: str) -> None:
        """Raise 403 unless the caller's tenant role is one of ``roles``."""
        if self.role not in roles:
            raise ApiError(403, f"Requires role: {' or '.join(roles)}")

    def require_admin(self) -> None:
        """Raise 403 unless the caller is owner or admin."""
        self.require(*ADMIN_ROLES)
