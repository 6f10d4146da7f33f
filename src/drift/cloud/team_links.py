"""Team members and team ↔ project assignments."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel

from drift.cloud.audit.writer import record
from drift.cloud.db import ConstraintConflict
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import conflict, not_found
from drift.cloud.models import ERRORS, RequestBody
from drift.cloud.team_access import (
    TEAM_MEMBERS_SQL,
    TEAM_PROJECTS_SQL,
    require_admin_or_lead,
    team_or_404,
)
from drift.cloud.teams import TeamMember, TeamProject

router = APIRouter(prefix="/api/v1/teams/{team_id}", tags=["teams"], responses=ERRORS)

TeamId = Annotated[UUID, Path()]

_ACTIVE_MEMBER = """
SELECT 1 FROM memberships WHERE tenant_id = %s AND user_id = %s AND active
"""
_ADD_MEMBER = """
INSERT INTO team_memberships (tenant_id, team_id, user_id, role) VALUES (%s, %s, %s, %s)
"""
_MEMBER = """
SELECT tm.user_id, u.email, tm.role, tm.created_at
FROM team_memberships tm JOIN users u ON u.id = tm.user_id
WHERE tm.tenant_id = %s AND tm.team_id = %s AND tm.user_id = %s
"""
_SET_MEMBER_ROLE = """
UPDATE team_memberships SET role = %s WHERE tenant_id = %s AND team_id = %s AND user_id = %s
"""
_REMOVE_MEMBER = """
DELETE FROM team_memberships WHERE tenant_id = %s AND team_id = %s AND user_id = %s
"""
_PROJECT_EXISTS = "SELECT 1 FROM projects WHERE tenant_id = %s AND id = %s"
_ASSIGN = """
INSERT INTO team_projects (tenant_id, team_id, project_id, assigned_by) VALUES (%s, %s, %s, %s)
"""
_UNASSIGN = """
DELETE FROM team_projects WHERE tenant_id = %s AND team_id = %s AND project_id = %s
"""


class MemberAdd(RequestBody):
    user_id: UUID
    role: Literal["lead", "member"] = "member"


class MemberRole(RequestBody):
    role: Literal["lead", "member"]


class ProjectAssign(RequestBody):
    project_id: UUID


class TeamMemberList(BaseModel):
    data: list[TeamMember]


class TeamProjectList(BaseModel):
    data: list[TeamProject]


class Added(BaseModel):
    added: bool


class Removed(BaseModel):
    removed: bool


class Assigned(BaseModel):
    assigned: bool


class Unassigned(BaseModel):
    unassigned: bool


@router.post("/members", status_code=201, response_model=Added)
async def add_member(team_id: TeamId, body: MemberAdd, caller: Caller, db: Db) -> Added:
    """Add a tenant member to the team (owner, admin, or lead; only admins add leads)."""
    try:
        async with db.transaction(caller.context()) as tx:
            await team_or_404(tx, caller, team_id)
            await require_admin_or_lead(tx, caller, team_id)
            if body.role == "lead":
                caller.require_admin()
            if not await tx.fetch_one(_ACTIVE_MEMBER, (caller.tenant_id, body.user_id)):
                raise not_found("User")
            await tx.execute(_ADD_MEMBER, (caller.tenant_id, team_id, body.user_id, body.role))
            await record(
                tx,
                caller,
                "team.member_added",
                "team_membership",
                team_id,
                metadata={"user_id": str(body.user_id), "role": body.role},
            )
    except ConstraintConflict as error:
        if error.kind == "unique":
            raise conflict("User is already a member") from error
        raise
    return Added(added=True)


@router.get("/members", response_model=TeamMemberList)
async def list_members(team_id: TeamId, caller: Caller, db: Db) -> TeamMemberList:
    """The team's members."""
    async with db.transaction(caller.context()) as tx:
        await team_or_404(tx, caller, team_id)
        rows = await tx.fetch_all(TEAM_MEMBERS_SQL, (caller.tenant_id, team_id))
    return TeamMemberList(data=[TeamMember(**r) for r in rows])


@router.patch("/members/{user_id}", response_model=TeamMember)
async def change_member_role(
    team_id: TeamId, user_id: Annotated[UUID, Path()], body: MemberRole, caller: Caller, db: Db
) -> TeamMember:
    """Make a team member lead or plain member (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        await team_or_404(tx, caller, team_id)
        row = await tx.fetch_one(_MEMBER, (caller.tenant_id, team_id, user_id))
        if row is None:
            raise not_found("Team member")
        if row["role"] != body.role:
            await tx.execute(_SET_MEMBER_ROLE, (body.role, caller.tenant_id, team_id, user_id))
            await record(
                tx,
                caller,
                "team.member_role_changed",
                "team_membership",
                team_id,
                metadata={"user_id": str(user_id), "new_role": body.role},
            )
    return TeamMember(**{**row, "role": body.role})


@router.delete("/members/{user_id}", response_model=Removed)
async def remove_member(
    team_id: TeamId, user_id: Annotated[UUID, Path()], caller: Caller, db: Db
) -> Removed:
    """Take a member off the team (owner, admin, or lead)."""
    async with db.transaction(caller.context()) as tx:
        await team_or_404(tx, caller, team_id)
        await require_admin_or_lead(tx, caller, team_id)
        if not await tx.execute(_REMOVE_MEMBER, (caller.tenant_id, team_id, user_id)):
            raise not_found("Team member")
        await record(
            tx,
            caller,
            "team.member_removed",
            "team_membership",
            team_id,
            metadata={"user_id": str(user_id)},
        )
    return Removed(removed=True)


@router.post("/projects", status_code=201, response_model=Assigned)
async def assign_project(team_id: TeamId, body: ProjectAssign, caller: Caller, db: Db) -> Assigned:
    """Give the team access to a project (owner or admin)."""
    caller.require_admin()
    try:
        async with db.transaction(caller.context()) as tx:
            await team_or_404(tx, caller, team_id)
            if not await tx.fetch_one(_PROJECT_EXISTS, (caller.tenant_id, body.project_id)):
                raise not_found("Project")
            await tx.execute(_ASSIGN, (caller.tenant_id, team_id, body.project_id, caller.user_id))
            await record(
                tx,
                caller,
                "team.project_assigned",
                "team_project",
                team_id,
                metadata={"project_id": str(body.project_id)},
            )
    except ConstraintConflict as error:
        if error.kind == "unique":
            raise conflict("Project already assigned") from error
        raise
    return Assigned(assigned=True)


@router.get("/projects", response_model=TeamProjectList)
async def list_projects(team_id: TeamId, caller: Caller, db: Db) -> TeamProjectList:
    """Projects assigned to the team (those you may see)."""
    async with db.transaction(caller.context()) as tx:
        await team_or_404(tx, caller, team_id)
        rows = await tx.fetch_all(TEAM_PROJECTS_SQL, (caller.tenant_id, team_id))
    return TeamProjectList(data=[TeamProject(**r) for r in rows])


@router.delete("/projects/{project_id}", response_model=Unassigned)
async def unassign_project(
    team_id: TeamId, project_id: Annotated[UUID, Path()], caller: Caller, db: Db
) -> Unassigned:
    """Withdraw the team's access to a project (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        await team_or_404(tx, caller, team_id)
        if not await tx.execute(_UNASSIGN, (caller.tenant_id, team_id, project_id)):
            raise not_found("Project assignment")
        await record(
            tx,
            caller,
            "team.project_unassigned",
            "team_project",
            team_id,
            metadata={"project_id": str(project_id)},
        )
    return Unassigned(unassigned=True)
