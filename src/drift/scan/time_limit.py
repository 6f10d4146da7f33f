"""A limit on the time one file's analysis may take, so that one pathological file (a pack
regex that backtracks catastrophically on a long line, a quadratic corner of extraction) is
recorded and skipped instead of hanging the scan.

The limit is a ``SIGALRM`` timer: its handler raises ``TimeLimitReached`` in whatever Python
code runs when it fires, and the regex engine checks for signals as it backtracks. Signals are
the main thread's only: elsewhere (a scan started from a worker thread of a host program) the
work runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitReached(BaseException):
    """A file's analysis ran past its time limit.

    A BaseException, as KeyboardInterrupt is: analysis code that catches ``Exception`` to go on
    past one odd construct must not catch the stop too. ``doing`` says what ran when the timer
    fired, where the code that ran knows (``matching pattern security/sql-concat``).
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"analysis stopped after {seconds:g} s")
        self.seconds = seconds
        self.doing: str | None = None

    def describe(self) -> str:
        """One line for the file's recorded error."""
        during = f" while {self.doing}" if self.doing else ""
        return f"analysis stopped at its {self.seconds:g} s limit ([scan] file_time_limit){during}"


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall-clock time (0: no limit); past it, raise
    ``TimeLimitReached`` in the block."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")  # Windows: no interval timers
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitReached(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
