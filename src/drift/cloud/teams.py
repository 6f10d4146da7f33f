"""Teams: create, list, read (with members and projects), rename, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel

from drift.cloud.audit.writer import record
from drift.cloud.db import ConstraintConflict
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import bad_request, conflict
from drift.cloud.models import ERRORS, Description, Name, RequestBody
from drift.cloud.team_access import (
    TEAM_MEMBERS_SQL,
    TEAM_PROJECTS_SQL,
    require_admin_or_lead,
    team_or_404,
)

router = APIRouter(prefix="/api/v1/teams", tags=["teams"], responses=ERRORS)

_INSERT = """
INSERT INTO teams (tenant_id, name, description) VALUES (%s, %s, %s)
RETURNING id, name, description, created_at
"""
_LIST = """
SELECT id, name, description, created_at FROM teams WHERE tenant_id = %s ORDER BY name, id
"""
_UPDATE = """
UPDATE teams SET name = %s, description = %s WHERE tenant_id = %s AND id = %s
RETURNING id, name, description, created_at
"""
_DELETE = "DELETE FROM teams WHERE tenant_id = %s AND id = %s"


class Team(BaseModel):
    id: UUID
    name: str
    description: str | None
    created_at: datetime


class TeamList(BaseModel):
    data: list[Team]


class TeamMember(BaseModel):
    user_id: UUID
    email: str
    role: str
    created_at: datetime


class TeamProject(BaseModel):
    project_id: UUID
    name: str
    assigned_by: UUID
    assigned_at: datetime


class TeamDetail(Team):
    members: list[TeamMember]
    projects: list[TeamProject]


class TeamCreate(RequestBody):
    name: Name
    description: Description | None = None


class TeamUpdate(RequestBody):
    name: Name | None = None
    description: Description | None = None


class TeamDeleted(BaseModel):
    deleted: bool


def _name_taken(error: ConstraintConflict) -> bool:
    return error.constraint == "teams_name_key"


@router.post("", status_code=201, response_model=Team)
async def create_team(body: TeamCreate, caller: Caller, db: Db) -> Team:
    """Create a team (owner or admin)."""
    caller.require_admin()
    try:
        async with db.transaction(caller.context()) as tx:
            row = await tx.fetch_one(_INSERT, (caller.tenant_id, body.name, body.description))
            assert row is not None
            await record(
                tx, caller, "team.created", "team", row["id"], metadata={"name": body.name}
            )
    except ConstraintConflict as error:
        if _name_taken(error):
            raise conflict("Team name already exists") from error
        raise
    return Team(**row)


@router.get("", response_model=TeamList)
async def list_teams(caller: Caller, db: Db) -> TeamList:
    """Every team of the tenant, by name."""
    async with db.transaction(caller.context()) as tx:
        rows = await tx.fetch_all(_LIST, (caller.tenant_id,))
    return TeamList(data=[Team(**r) for r in rows])


@router.get("/{team_id}", response_model=TeamDetail)
async def get_team(team_id: Annotated[UUID, Path()], caller: Caller, db: Db) -> TeamDetail:
    """A team with its members and the projects assigned to it that you may see."""
    async with db.transaction(caller.context()) as tx:
        team = await team_or_404(tx, caller, team_id)
        members = await tx.fetch_all(TEAM_MEMBERS_SQL, (caller.tenant_id, team_id))
        projects = await tx.fetch_all(TEAM_PROJECTS_SQL, (caller.tenant_id, team_id))
    return TeamDetail(
        **team,
        members=[TeamMember(**m) for m in members],
        projects=[TeamProject(**p) for p in projects],
    )


@router.patch("/{team_id}", response_model=Team)
async def update_team(
    team_id: Annotated[UUID, Path()], body: TeamUpdate, caller: Caller, db: Db
) -> Team:
    """Rename a team or change its description (owner, admin, or the team's lead)."""
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise bad_request("Nothing to update: give name and/or description")
    if "name" in changes and changes["name"] is None:
        raise bad_request("name cannot be null")
    try:
        async with db.transaction(caller.context()) as tx:
            team = await team_or_404(tx, caller, team_id)
            await require_admin_or_lead(tx, caller, team_id)
            merged = {**team, **changes}
            row = await tx.fetch_one(
                _UPDATE, (merged["name"], merged["description"], caller.tenant_id, team_id)
            )
            assert row is not None
            await record(tx, caller, "team.updated", "team", team_id, metadata=changes)
    except ConstraintConflict as error:
        if _name_taken(error):
            raise conflict("Team name already exists") from error
        raise
    return Team(**row)


@router.delete("/{team_id}", response_model=TeamDeleted)
async def delete_team(team_id: Annotated[UUID, Path()], caller: Caller, db: Db) -> TeamDeleted:
    """Delete a team; its memberships and project assignments go with it (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        team = await team_or_404(tx, caller, team_id)
        await tx.execute(_DELETE, (caller.tenant_id, team_id))
        await record(tx, caller, "team.deleted", "team", team_id, metadata={"name": team["name"]})
    return TeamDeleted(deleted=True)
