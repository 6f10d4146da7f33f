"""Shared SQL for the `advanced` domain, and the `SqlDriftAdvanced` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlDriftAdvanced:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
