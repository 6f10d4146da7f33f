"""Request and response building blocks shared by every route module."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from drift.cloud.errors import ErrorBody


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class NoNulModel(BaseModel):
    """Refuses NUL characters anywhere in its input: PostgreSQL text cannot store them."""

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul(cls, data: object) -> object:
        if _has_nul(data):
            raise ValueError("NUL characters are not allowed")
        return data


class RequestBody(NoNulModel):
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
