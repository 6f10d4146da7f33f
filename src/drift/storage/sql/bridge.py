"""Shared SQL for the `bridge` domain, and the `SqlBridgeStorage` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlBridgeStorage:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
