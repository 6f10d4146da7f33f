"""Numbers, sizes and times as the CLI prints them."""

from __future__ import annotations

import pytest

from drift.text import byte_size, duration, moment, plural


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 files"), (1, "1 file"), (2, "2 files"), (12_345, "12,345 files")],
)
def test_plural_counts_words(count: int, expected: str) -> None:
    assert plural(count, "file") == expected


def test_plural_takes_an_irregular_form() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1,023 bytes"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (122_974_208, "117.3 MiB"),
        (5 * 1024**3, "5.0 GiB"),
        (3 * 1024**5, "3,072.0 TiB"),
    ],
)
def test_byte_size_uses_binary_units(size: int, expected: str) -> None:
    assert byte_size(size) == expected


@pytest.mark.parametrize(
    ("elapsed", "ago"),
    [
        (0, "just now"),
        (59, "just now"),
        (60, "1 minute ago"),
        (3_599, "59 minutes ago"),
        (7_200, "2 hours ago"),
        (86_400 * 3 + 5, "3 days ago"),
        (-30, "in the future: check the clock"),
    ],
)
def test_moment_gives_the_utc_time_and_how_long_ago(elapsed: int, ago: str) -> None:
    at = 1_795_920_027  # 2026-11-29 02:40:27 UTC
    assert moment(at, now=at + elapsed) == f"2026-11-29 02:40:27 UTC ({ago})"


@pytest.mark.parametrize(
    ("milliseconds", "expected"),
    [
        (0, "0 ms"),
        (40, "40 ms"),
        (999, "999 ms"),
        (1000, "1.0 s"),
        (1449, "1.4 s"),
        (59_949, "59.9 s"),
        (59_950, "1 min"),
        (125_000, "2 min 5 s"),
        (3_600_000, "60 min"),
    ],
)
def test_duration_reads_in_the_unit_that_fits(milliseconds: int, expected: str) -> None:
    assert duration(milliseconds) == expected
