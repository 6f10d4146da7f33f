"""Team lookups and the team-lead rule shared by the team routes."""

from __future__ import annotations

from uuid import UUID

from drift.cloud.db import Row, Tx
from drift.cloud.errors import ApiError, not_found
from drift.cloud.principal import Principal

_TEAM = """
SELECT id, name, description, created_at FROM teams WHERE tenant_id = %s AND id = %s
"""
TEAM_MEMBERS_SQL = """
SELECT tm.user_id, u.email, tm.role, tm.created_at
FROM team_memberships tm JOIN users u ON u.id = tm.user_id
WHERE tm.tenant_id = %s AND tm.team_id = %s ORDER BY tm.created_at, tm.user_id
"""
TEAM_PROJECTS_SQL = """
SELECT tp.project_id, p.name, tp.assigned_by, tp.assigned_at
FROM team_projects tp JOIN projects p ON p.id = tp.project_id AND p.tenant_id = tp.tenant_id
WHERE tp.tenant_id = %s AND tp.team_id = %s ORDER BY tp.assigned_at, tp.project_id
"""
_IS_LEAD = """
SELECT 1 FROM team_memberships
WHERE tenant_id = %s AND team_id = %s AND user_id = %s AND role = 'lead'
"""


async def team_or_404(tx: Tx, caller: Principal, team_id: UUID) -> Row:
    """The team, if it belongs to the caller's tenant; 404 otherwise."""
    row = await tx.fetch_one(_TEAM, (caller.tenant_id, team_id))
    if row is None:
        raise not_found("Team")
    return row


async def require_admin_or_lead(tx: Tx, caller: Principal, team_id: UUID) -> None:
    """DECISIONS 14: owners and admins, or a lead of this team who is not a viewer."""
    if caller.is_admin:
        return
    if caller.role == "member" and await tx.fetch_one(
        _IS_LEAD, (caller.tenant_id, team_id, caller.user_id)
    ):
        return
    raise ApiError(403, "Requires role: owner or admin, or lead of this team")
