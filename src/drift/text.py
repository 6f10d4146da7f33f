"""Numbers, sizes and times as people read them, for what the CLI and the scan summary print."""

from __future__ import annotations

import time
from datetime import UTC, datetime

_UNITS = ("KiB", "MiB", "GiB", "TiB")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 file``, ``2,048 files``; ``plural_form`` for irregular words (``entries``)."""
    word = singular if count == 1 else plural_form or f"{singular}s"
    return f"{count:,} {word}"


def byte_size(size: int) -> str:
    """``812 bytes``, ``1.5 KiB``, ``117.3 MiB`` (binary units, one decimal)."""
    if abs(size) < 1024:
        return plural(size, "byte")
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if abs(value) < 1024 or unit == _UNITS[-1]:
            break
    return f"{value:,.1f} {unit}"


def duration(milliseconds: int) -> str:
    """How long something took: ``40 ms``, ``1.4 s``, ``2 min 5 s``."""
    if milliseconds < 1000:
        return f"{max(0, milliseconds)} ms"
    if milliseconds < 59_950:  # what would round to 60.0 s reads as a minute
        return f"{milliseconds / 1000:.1f} s"
    minutes, seconds = divmod(round(milliseconds / 1000), 60)
    return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"


def moment(seconds: int, now: float | None = None) -> str:
    """A Unix time as ``2026-11-29 02:40:27 UTC (5 minutes ago)``."""
    stamp = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"{stamp} ({_ago((time.time() if now is None else now) - seconds)})"


def _ago(elapsed: float) -> str:
    if elapsed < 0:
        return "in the future: check the clock"
    for size, unit in ((86_400, "day"), (3_600, "hour"), (60, "minute")):
        if elapsed >= size:
            return f"{plural(int(elapsed // size), unit)} ago"
    return "just now"
