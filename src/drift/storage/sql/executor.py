"""The one interface through which shared SQL runs, whatever the database driver.

The SQLite and PostgreSQL backends each provide a ``SqlExecutor``; the method implementations in
``drift.storage.sql`` are written once against it. Queries use ``?`` placeholders and portable
syntax (see DESIGN §4); the PostgreSQL executor converts placeholders. Executors translate driver
exceptions into ``drift.errors`` classes, so nothing driver-specific escapes.

Reads run on a connection that sees every committed write (and, for in-memory SQLite, the
writer's own connection). Each ``write*`` call is its own transaction unless it runs inside
``transaction()``, where everything commits together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from sys import intern
from typing import Any, Protocol

Row = tuple[Any, ...]
Params = Sequence[object]


def shared(value: str | None) -> str | None:
    """``value`` as the one string object of its text (``sys.intern``), for a column whose few
    values repeat over many rows read at once: drivers make a new string for every row."""
    return None if value is None else intern(value)


class SqlWriter(Protocol):
    """Write operations; available on an executor and inside one of its transactions."""

    def write(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT/UPDATE/DELETE; returns the number of rows it changed."""
        ...

    def write_returning_id(self, sql: str, params: Params = ()) -> int:
        """Run one ``INSERT … RETURNING id`` and return that id."""
        ...

    def write_many(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement for every parameter tuple, all or nothing; returns rows changed."""
        ...

    def read_one(self, sql: str, params: Params = ()) -> Row | None:
        """Read inside the write path (sees uncommitted work of the same transaction)."""
        ...

    def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Read every row inside the write path."""
        ...


class SqlExecutor(SqlWriter, Protocol):
    """Reads and writes for the shared SQL method implementations."""

    def read_one(self, sql: str, params: Params = ()) -> Row | None:
        """First row of a query, or None."""
        ...

    def read_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query, in the query's order."""
        ...

    def read_value(self, sql: str, params: Params = ()) -> Any:
        """First column of the first row, or None when there is no row."""
        ...

    def transaction(self) -> AbstractContextManager[SqlWriter]:
        """Several writes that commit together; rolls back if the block raises."""
        ...

    def now(self) -> int:
        """The current time as integer Unix seconds (injectable for tests)."""
        ...
