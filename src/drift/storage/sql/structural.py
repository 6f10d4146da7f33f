"""Shared SQL for the `structural` domain, and the `SqlDriftStructural` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlDriftStructural:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
