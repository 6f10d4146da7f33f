"""Shared SQL for the `reader` domain, and the `SqlDriftReader` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlDriftReader:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
