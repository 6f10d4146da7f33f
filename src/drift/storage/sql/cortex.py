"""Shared SQL for the `cortex` domain, and the `SqlCortexStorage` mixin built on it."""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor


class SqlCortexStorage:
    """Protocol methods over a `SqlExecutor` (placeholder until written)."""

    _db: SqlExecutor
