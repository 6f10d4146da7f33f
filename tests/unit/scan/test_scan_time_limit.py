"""The time limit on one file's analysis: a SIGALRM timer that stops the work it wraps."""

from __future__ import annotations

import re
import signal
import threading

import pytest

from drift.scan.time_limit import TimeLimitReached, time_limit

# Backtracks exponentially in the length of the run of a's before the b.
_CATASTROPHIC = re.compile(r"(a+)+$")
_SLOW_TEXT = "a" * 60 + "b"


def test_a_runaway_regex_is_stopped_and_the_previous_handler_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TimeLimitReached) as raised, time_limit(0.2):
        _CATASTROPHIC.search(_SLOW_TEXT)
    assert raised.value.seconds == 0.2
    assert raised.value.describe() == (
        "analysis stopped at its 0.2 s limit ([scan] file_time_limit)"
    )
    raised.value.doing = "matching pattern HOUSE-1"
    assert raised.value.describe().endswith(" while matching pattern HOUSE-1")
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_work_that_ends_in_time_disarms_the_timer() -> None:
    with time_limit(5):
        assert _CATASTROPHIC.search("aaab") is None
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_stop_is_no_exception_that_analysis_code_would_swallow() -> None:
    # Analysis code catches Exception to go on past one odd construct; it must not catch this.
    assert not issubclass(TimeLimitReached, Exception)


def test_no_limit_at_zero_or_off_the_main_thread() -> None:
    armed: list[tuple[float, float]] = []
    with time_limit(0):
        armed.append(signal.getitimer(signal.ITIMER_REAL))

    def elsewhere() -> None:
        with time_limit(1):  # signal handlers can only be set from the main thread
            armed.append(signal.getitimer(signal.ITIMER_REAL))

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert armed == [(0.0, 0.0), (0.0, 0.0)]
