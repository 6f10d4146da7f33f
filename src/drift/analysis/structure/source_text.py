"""Small helpers over a file's text: offsets to lines, comment lines, Shannon entropy."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter

_NEWLINE = re.compile("\n")

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
    """Maps character offsets of one text to 1-based line numbers."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def line_of(self, offset: int) -> int:
        """The 1-based line holding character ``offset``."""
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
