"""Write one audit row inside the caller's transaction (so it commits or rolls back with it).

The database assigns ``seq``, ``created_at`` and the chain hashes; see migration 0001.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from uuid import UUID

from drift.cloud.db import Tx
from drift.cloud.principal import Principal

_INSERT = """
INSERT INTO audit_log (tenant_id, actor_id, actor_email, action, resource_type, resource_id,
                       metadata, ip_address, user_agent)
VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s::inet, %s)
"""


async def record_as(
    tx: Tx,
    *,
    tenant_id: UUID,
    actor_id: UUID | None,
    actor_email: str,
    action: str,
    resource_type: str,
    resource_id: object | None,
    metadata: Mapping[str, object] | None = None,
    ip_address: str | None = None,
    user_agent: str | None = None,
) -> None:
    """Append an audit row for an explicit actor (bootstrap, invitation acceptance)."""
    await tx.execute(
        _INSERT,
        (
            tenant_id,
            actor_id,
            actor_email,
            action,
            resource_type,
            None if resource_id is None else str(resource_id),
            json.dumps(dict(metadata or {}), default=str, sort_keys=True),
            ip_address,
            user_agent,
        ),
    )


async def record(
    tx: Tx,
    principal: Principal,
    action: str,
    resource_type: str,
    resource_id: object | None,
    *,
    metadata: Mapping[str, object] | None = None,
) -> None:
    """Append an audit row for the calling user, with their address and user agent."""
    await record_as(
        tx,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        actor_email=principal.email,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        metadata=metadata,
        ip_address=principal.client_ip,
        user_agent=principal.user_agent,
    )
