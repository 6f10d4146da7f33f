"""Shared SQL for the `analysis` domain, and the `SqlDriftAnalysis` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlDriftAnalysis:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
