"""Projects: create, list, read, update, delete.

DECISIONS 35: owners and admins see every project of the tenant; members and viewers see
only projects assigned to one of their teams. The queries say so, and so does row-level
security (policy ``projects_team_access``), so a query that forgot would still see nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel

from drift.cloud.audit.writer import record
from drift.cloud.db import ConstraintConflict, Row, Tx
from drift.cloud.deps import Caller, Db
from drift.cloud.errors import bad_request, conflict, not_found
from drift.cloud.models import ERRORS, Description, Name, RequestBody
from drift.cloud.principal import Principal

router = APIRouter(prefix="/api/v1/projects", tags=["projects"], responses=ERRORS)

_VISIBLE = """
(%(admin)s OR EXISTS (
    SELECT 1 FROM team_projects tp
    JOIN team_memberships tm ON tm.team_id = tp.team_id AND tm.tenant_id = tp.tenant_id
    WHERE tp.tenant_id = p.tenant_id AND tp.project_id = p.id AND tm.user_id = %(user)s))
"""
_LIST = f"""
SELECT p.id, p.name, p.description, p.created_at FROM projects p
WHERE p.tenant_id = %(tenant)s AND {_VISIBLE}
ORDER BY p.name, p.id
"""
_GET = f"""
SELECT p.id, p.name, p.description, p.created_at FROM projects p
WHERE p.tenant_id = %(tenant)s AND p.id = %(id)s AND {_VISIBLE}
"""
_INSERT = """
INSERT INTO projects (tenant_id, name, description) VALUES (%s, %s, %s)
RETURNING id, name, description, created_at
"""
_UPDATE = """
UPDATE projects SET name = %s, description = %s WHERE tenant_id = %s AND id = %s
RETURNING id, name, description, created_at
"""
_DELETE = "DELETE FROM projects WHERE tenant_id = %s AND id = %s"


class Project(BaseModel):
    id: UUID
    name: str
    description: str | None
    created_at: datetime


class ProjectList(BaseModel):
    data: list[Project]


class ProjectCreate(RequestBody):
    name: Name
    description: Description | None = None


class ProjectUpdate(RequestBody):
    name: Name | None = None
    description: Description | None = None


class ProjectDeleted(BaseModel):
    deleted: bool


def _scope(caller: Principal, **extra: object) -> dict[str, object]:
    return {"tenant": caller.tenant_id, "admin": caller.is_admin, "user": caller.user_id, **extra}


async def _project_or_404(tx: Tx, caller: Principal, project_id: UUID) -> Row:
    row = await tx.fetch_one(_GET, _scope(caller, id=project_id))
    if row is None:
        raise not_found("Project")
    return row


def _name_conflict(error: ConstraintConflict) -> Exception:
    if error.constraint == "projects_name_key":
        return conflict("Project name already exists")
    return error


@router.post("", status_code=201, response_model=Project)
async def create_project(body: ProjectCreate, caller: Caller, db: Db) -> Project:
    """Create a project (owner or admin)."""
    caller.require_admin()
    try:
        async with db.transaction(caller.context()) as tx:
            row = await tx.fetch_one(_INSERT, (caller.tenant_id, body.name, body.description))
            assert row is not None
            await record(
                tx, caller, "project.created", "project", row["id"], metadata={"name": body.name}
            )
    except ConstraintConflict as error:
        raise _name_conflict(error) from error
    return Project(**row)


@router.get("", response_model=ProjectList)
async def list_projects(caller: Caller, db: Db) -> ProjectList:
    """The projects you may see, by name."""
    async with db.transaction(caller.context()) as tx:
        rows = await tx.fetch_all(_LIST, _scope(caller))
    return ProjectList(data=[Project(**r) for r in rows])


@router.get("/{project_id}", response_model=Project)
async def get_project(project_id: Annotated[UUID, Path()], caller: Caller, db: Db) -> Project:
    """One project, if you may see it."""
    async with db.transaction(caller.context()) as tx:
        row = await _project_or_404(tx, caller, project_id)
    return Project(**row)


@router.patch("/{project_id}", response_model=Project)
async def update_project(
    project_id: Annotated[UUID, Path()], body: ProjectUpdate, caller: Caller, db: Db
) -> Project:
    """Rename a project or change its description (owner or admin)."""
    caller.require_admin()
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise bad_request("Nothing to update: give name and/or description")
    if "name" in changes and changes["name"] is None:
        raise bad_request("name cannot be null")
    try:
        async with db.transaction(caller.context()) as tx:
            merged = {**await _project_or_404(tx, caller, project_id), **changes}
            row = await tx.fetch_one(
                _UPDATE, (merged["name"], merged["description"], caller.tenant_id, project_id)
            )
            assert row is not None
            await record(tx, caller, "project.updated", "project", project_id, metadata=changes)
    except ConstraintConflict as error:
        raise _name_conflict(error) from error
    return Project(**row)


@router.delete("/{project_id}", response_model=ProjectDeleted)
async def delete_project(
    project_id: Annotated[UUID, Path()], caller: Caller, db: Db
) -> ProjectDeleted:
    """Delete a project and its team assignments (owner or admin)."""
    caller.require_admin()
    async with db.transaction(caller.context()) as tx:
        project = await _project_or_404(tx, caller, project_id)
        await tx.execute(_DELETE, (caller.tenant_id, project_id))
        await record(
            tx,
            caller,
            "project.deleted",
            "project",
            project_id,
            metadata={"name": project["name"]},
        )
    return ProjectDeleted(deleted=True)
