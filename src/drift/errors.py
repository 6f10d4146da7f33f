"""The error hierarchy every part of Drift raises.

Backends translate driver exceptions into these classes at their boundary, so callers never see
``sqlite3.Error`` or ``psycopg.Error``. Each class has a stable ``code`` for reports and the CLI.
"""

from __future__ import annotations


class DriftError(Exception):
    """Base class of every error Drift raises on purpose."""

    code = "DRIFT_ERROR"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ConfigError(DriftError):
    """A configuration file or option is malformed; the message names the file and key."""

    code = "CONFIG_ERROR"


class StorageError(DriftError):
    """Something went wrong in a storage backend."""

    code = "STORAGE_ERROR"


class NotFound(StorageError):
    """A row that the operation requires does not exist."""

    code = "NOT_FOUND"


class Conflict(StorageError):
    """A uniqueness, foreign-key or check constraint refused the write."""

    code = "CONFLICT"


class NotSupported(StorageError):
    """The backend cannot perform this operation at all (for example, backup of ``memory://``)."""

    code = "NOT_SUPPORTED"

    def __init__(self, operation: str, reason: str) -> None:
        super().__init__(f"operation '{operation}' not supported: {reason}")
        self.operation = operation
        self.reason = reason


class MigrationFailed(StorageError):
    """A schema migration could not be applied; the database stays at the previous version."""

    code = "MIGRATION_FAILED"

    def __init__(self, version: int, message: str) -> None:
        super().__init__(f"migration to schema version {version} failed: {message}")
        self.version = version


class SchemaTooNew(StorageError):
    """The database was written by a newer Drift than this one."""

    code = "SCHEMA_TOO_NEW"

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: schema version {found} is newer than this Drift supports ({supported})",
            hint="upgrade Drift, or point --storage at another database",
        )
        self.path = path
        self.found = found
        self.supported = supported


class DbBusy(StorageError):
    """The database stayed locked by another process past the busy timeout."""

    code = "DB_BUSY"


class DbCorrupt(StorageError):
    """The file is not a database, or its contents fail an integrity check."""

    code = "DB_CORRUPT"


class DiskFull(StorageError):
    """The disk or the database's size limit is full."""

    code = "DISK_FULL"


class ConnectionPoolExhausted(StorageError):
    """No connection became free in time."""

    code = "POOL_EXHAUSTED"

    def __init__(self, active: int) -> None:
        super().__init__(f"connection pool exhausted ({active} connections in use)")
        self.active = active


class EngineClosed(StorageError):
    """The engine was closed; open a new one."""

    code = "ENGINE_CLOSED"


class BridgeError(DriftError):
    """The bridge (events, memories, grounding) could not complete an operation."""

    code = "BRIDGE_ERROR"
