"""The cloud service's PostgreSQL access: pool, tenant transactions, migrations, service role.

This is the only package of ``drift.cloud`` that imports psycopg; everything else receives a
``Database`` and the ``Tx`` objects it hands out, and reads rows as plain dicts.
"""

from drift.cloud.db.errors import (
    ConstraintConflict,
    DbPermissionDenied,
    DbUnavailable,
    InvalidValue,
)
from drift.cloud.db.migrator import MIGRATIONS, MigrationReport, latest_version, migrate
from drift.cloud.db.pool import Database, RequestContext, Row, Tx
from drift.cloud.db.roles import default_service_role, validate_role_name

__all__ = [
    "MIGRATIONS",
    "ConstraintConflict",
    "Database",
    "DbPermissionDenied",
    "DbUnavailable",
    "InvalidValue",
    "MigrationReport",
    "RequestContext",
    "Row",
    "Tx",
    "default_service_role",
    "latest_version",
    "migrate",
    "validate_role_name",
]
