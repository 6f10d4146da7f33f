"""Request and response building blocks shared by every route module."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from drift.cloud.errors import ErrorBody


class RequestBody(BaseModel):
    """Base of every JSON request body: unknown fields are an error, not ignored."""

    model_config = ConfigDict(extra="forbid")


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=2000)]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$"
    ),
]


class Pagination(BaseModel):
    """Keyset pagination: pass ``cursor`` back to get the next page."""

    cursor: str | None
    has_more: bool


# Every route documents the errors it can answer with; schemathesis checks against these.
ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody, "description": "Malformed or invalid request"},
    401: {"model": ErrorBody, "description": "Missing, invalid, revoked or expired token"},
    403: {"model": ErrorBody, "description": "Role too low, or address not in the allowlist"},
    404: {"model": ErrorBody, "description": "No such resource in this tenant"},
    409: {"model": ErrorBody, "description": "Conflicts with existing data"},
    413: {"model": ErrorBody, "description": "Request body too large"},
    503: {"model": ErrorBody, "description": "Database unavailable"},
}
