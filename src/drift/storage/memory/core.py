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
  atomic and the backend is safe under threads. Entering the lock of a closed engine raises
  ``EngineClosed``, so every method refuses work after ``close()`` without checking by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from drift.errors import EngineClosed
from drift.storage.clock import system_clock

__all__ = ["GuardedLock", "MemoryCore", "system_clock"]


class GuardedLock:
    """A re-entrant lock that refuses entry once its engine is closed."""

    __slots__ = ("_closed", "_rlock")

    def __init__(self) -> None:
        self._rlock = threading.RLock()
        self._closed = False

    def __enter__(self) -> GuardedLock:
        self._rlock.acquire()
        if self._closed:
            self._rlock.release()
            raise EngineClosed("the in-memory storage engine is closed")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._rlock.release()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Mark the engine closed; waits for the call in progress, if any, to finish."""
        with self._rlock:
            self._closed = True


class MemoryCore:
    """Lock, clock and id sequences; the base of every in-memory mixin."""

    _lock: GuardedLock
    _seq: dict[str, int]
    _clock: Callable[[], int]

    def _init_core(self, clock: Callable[[], int] | None = None) -> None:
        self._lock = GuardedLock()
        self._seq = {}
        self._clock = clock or system_clock

    def _next_id(self, table: str) -> int:
        value = self._seq.get(table, 0) + 1
        self._seq[table] = value
        return value

    def _now(self) -> int:
        return self._clock()
