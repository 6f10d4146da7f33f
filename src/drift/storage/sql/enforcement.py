"""Shared SQL for the `enforcement` domain, and the `SqlDriftEnforcement` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlDriftEnforcement:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
