"""Time for storage engines: integer Unix seconds, injectable so tests control it."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], int]


def system_clock() -> int:
    """The current time as integer Unix seconds."""
    return int(time.time())
