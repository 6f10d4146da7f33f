"""Shared SQL for the `files` domain, and the `SqlDriftFiles` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlDriftFiles:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
