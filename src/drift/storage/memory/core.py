"""State and locking shared by the in-memory backend's domain mixins.

Conventions every mixin follows (so that the domains can read each other's tables, as the
SQL backends do with joins):

- A table is an attribute named ``_t_<sql table name>``: a ``dict`` keyed by the table's primary
  key (a tuple for composite keys), whose values are the records that reads return. Python dicts
  keep insertion order, which plays the part of SQLite's rowid order.
- An AUTOINCREMENT counter lives in ``self._seq[<table name>]``; ``_next_id`` hands out ids that
  are never reused, as SQLite's AUTOINCREMENT does.
- Each mixin creates its tables in ``_init_<domain>()``; the engine calls every one of them.
- Every public method takes ``self._lock`` (re-entrant) for its whole body, so each call is
  atomic and the backend is safe under threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from drift.errors import EngineClosed


def system_clock() -> int:
    """Integer Unix seconds."""
    return int(time.time())


class MemoryCore:
    """Lock, clock and id sequences; the base of every in-memory mixin."""

    _lock: threading.RLock
    _seq: dict[str, int]
    _clock: Callable[[], int]
    _closed: bool

    def _init_core(self, clock: Callable[[], int] | None = None) -> None:
        self._lock = threading.RLock()
        self._seq = {}
        self._clock = clock or system_clock
        self._closed = False

    def _next_id(self, table: str) -> int:
        value = self._seq.get(table, 0) + 1
        self._seq[table] = value
        return value

    def _now(self) -> int:
        return self._clock()

    def _check_open(self) -> None:
        if self._closed:
            raise EngineClosed("the in-memory storage engine is closed")
