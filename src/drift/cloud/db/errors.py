"""Driver exceptions translated into Drift's error classes at the cloud database boundary.

Nothing outside ``drift.cloud.db`` sees a psycopg exception: route handlers catch these classes
and turn them into HTTP answers.
"""

from __future__ import annotations

from drift.errors import Conflict, StorageError


class DbUnavailable(StorageError):
    """The database could not be reached, or no pooled connection became free in time."""

    code = "DB_UNAVAILABLE"


class DbPermissionDenied(StorageError):
    """The service role was refused an operation (a missing grant, or the audit trigger)."""

    code = "DB_PERMISSION_DENIED"


class ConstraintConflict(Conflict):
    """A unique, foreign-key or check constraint refused a write; ``constraint`` names it."""

    def __init__(self, kind: str, constraint: str | None, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.constraint = constraint


class InvalidValue(StorageError):
    """PostgreSQL refused a value as data (class 22), e.g. a NUL character in text."""

    code = "INVALID_VALUE"
