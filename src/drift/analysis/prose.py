"""Where a file's text is prose rather than code: its comments and the insides of its strings.

Content patterns match code by default (``content_in = "code"``): ``eval(`` in a docstring that
says "without using eval()", or ``print(`` in a commented-out line, is no call. The spans come
from one regex pass per file, made only when a content pattern has a hit to judge: the workers
keep no syntax tree (a cached parse has none), and the lexical rules of comments and strings
are all this needs.

A match that starts *at* a string's opening quote is code (``"SELECT … " + id`` is the string
being built); one that starts after it is inside the string. A match that starts anywhere in a
comment, its marker included, is in the comment.

The lexers are deliberately small. A JavaScript regex literal is recognised where an
expression starts (after ``=``, ``(``, ``,``, ``:``, ``;``, ``!``, ``&``, ``|``, ``?``, a brace,
``[`` or ``return``), so a quote or backtick in it opens no string; elsewhere a ``/`` is taken
for division. A template literal's ``${…}`` is taken as part of the string.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Final

# Each lexer's alternatives, earliest start winning (``finditer``): comments and strings in one
# pass, each string kind written as an unrolled loop (runs of ordinary characters, then one
# escape or lone quote) so the engine does not step character by character.
_LINE_COMMENT: Final = r"(?P<c1>//[^\n]*)"
_BLOCK_COMMENT: Final = r"(?P<c2>/\*[^*]*(?:\*(?!/)[^*]*)*(?:\*/|\Z))"
_DOUBLE: Final = r'"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*(?:"|$)'
_SINGLE: Final = r"'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*(?:'|$)"
_TRIPLE_DOUBLE: Final = r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"""|\Z)'
_TRIPLE_SINGLE: Final = r"'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*(?:'''|\Z)"
_BACKTICK_ESCAPED: Final = r"`[^`\\]*(?:\\[\s\S][^`\\]*)*(?:`|\Z)"
_BACKTICK_RAW: Final = r"`[^`]*(?:`|\Z)"

_PYTHON: Final = re.compile(
    rf"(?P<c1>#[^\n]*)|{_TRIPLE_DOUBLE}|{_TRIPLE_SINGLE}|{_DOUBLE}|{_SINGLE}", re.MULTILINE
)
# A regex literal, where an expression starts (after an operator, an opening bracket or
# ``return``): a quote or backtick in it (``/`/g``) opens no string.
_REGEX_LITERAL: Final = (
    r"(?:^|(?<=[=(,:;!&|?{}\[])|(?<=return))[ \t]*"
    r"/(?![/*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[dgimsuyv]*"
)
_ECMASCRIPT: Final = re.compile(
    rf"{_LINE_COMMENT}|{_BLOCK_COMMENT}|{_DOUBLE}|{_SINGLE}|{_BACKTICK_ESCAPED}|{_REGEX_LITERAL}",
    re.MULTILINE,
)
_GO: Final = re.compile(
    rf"{_LINE_COMMENT}|{_BLOCK_COMMENT}|{_DOUBLE}|{_SINGLE}|{_BACKTICK_RAW}", re.MULTILINE
)
_JAVA: Final = re.compile(
    rf"{_LINE_COMMENT}|{_BLOCK_COMMENT}|{_TRIPLE_DOUBLE}|{_DOUBLE}|{_SINGLE}", re.MULTILINE
)
_LEXERS: Final[dict[str, re.Pattern[str]]] = {
    "python": _PYTHON,
    "javascript": _ECMASCRIPT,
    "typescript": _ECMASCRIPT,
    "go": _GO,
    "java": _JAVA,
}


class ProseSpans:
    """The comments and strings of one text, to ask whether an offset falls inside one.

    The text is lexed as far as the questions need, in order (most hits are in the first part
    of a file, or none at all past it): a question about an offset lexes on until a comment or
    string starts after it.
    """

    __slots__ = ("_comment", "_ends", "_frontier", "_matches", "_starts")

    def __init__(self, text: str, language: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._comment: list[bool] = []
        lexer = _LEXERS.get(language)
        # A language Drift does not parse has nothing lexed: every offset counts as code.
        self._matches: Iterator[re.Match[str]] | None = (
            None if lexer is None else lexer.finditer(text)
        )
        self._frontier = -1  # where the last span lexed starts

    def _lex_past(self, offset: int) -> None:
        """Lex until a span starts after ``offset`` (or the text ends)."""
        matches = self._matches
        if matches is None:
            return
        while self._frontier <= offset:
            found = next(matches, None)
            if found is None:
                self._matches = None
                return
            start = found.start()
            self._starts.append(start)
            self._ends.append(found.end())
            self._comment.append(found.lastgroup is not None)
            self._frontier = start

    def _span_at(self, offset: int) -> int:
        """The index of the span holding ``offset``, or -1."""
        if offset >= self._frontier:
            self._lex_past(offset)
        index = bisect_right(self._starts, offset) - 1
        if index < 0 or offset >= self._ends[index]:
            return -1
        return index

    def comment_at(self, offset: int) -> bool | None:
        """True in a comment, False in a string, None in code (or a language not lexed)."""
        index = self._span_at(offset)
        return None if index < 0 else self._comment[index]

    def covers(self, offset: int) -> bool:
        """Whether the character at ``offset`` is in a comment or after a string's opening
        quote (up to its end)."""
        index = self._span_at(offset)
        return index >= 0 and (self._comment[index] or offset > self._starts[index])

    def in_prose(self, text: str, offset: int) -> bool:
        """``covers``, but inside a template literal's ``${…}`` is code (``process.env.X`` in
        `` `${process.env.HOST}/api` `` is read): ``text`` is the text lexed."""
        index = self._span_at(offset)
        if index < 0:
            return False
        start = self._starts[index]
        if self._comment[index]:
            return True
        if offset <= start:
            return False
        if text[start] == "`":
            before = text[start:offset]
            return before.rfind("${") <= before.rfind("}")
        return True
