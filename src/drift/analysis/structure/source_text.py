"""Small helpers over a file's text: offsets to lines, comment lines, Shannon entropy."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

# Line-comment openers per language; a line whose code starts with one of these is skipped by the
# analyses that read code shapes from raw text (environment reads, constants).
_COMMENT_OPENERS: dict[str, tuple[str, ...]] = {
    "python": ("#",),
    "javascript": ("//", "/*", "*"),
    "typescript": ("//", "/*", "*"),
    "go": ("//", "/*", "*"),
    "java": ("//", "/*", "*"),
}


class LineIndex:
    """Maps character offsets of one text to 1-based line numbers (the table of line starts
    is built on first use: most files never need it)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def line_of(self, offset: int) -> int:
        """The 1-based line holding character ``offset``."""
        if self._starts is None:
            self._starts = [0, *accumulate(len(line) + 1 for line in self._text.split("\n"))]
        return bisect_right(self._starts, offset)


def is_comment_line(line: str, language: str) -> bool:
    """Whether ``line`` is (the continuation of) a comment in ``language``."""
    stripped = line.lstrip()
    return stripped.startswith(_COMMENT_OPENERS.get(language, ("#", "//")))


def shannon_entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character (0.0 for an empty string)."""
    if not value:
        return 0.0
    total = len(value)
    return -sum((n / total) * math.log2(n / total) for n in Counter(value).values())
