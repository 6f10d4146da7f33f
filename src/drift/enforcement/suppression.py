"""Inline suppression: ``drift-ignore`` comments.

A violation is suppressed when a comment holding ``drift-ignore`` sits on the violation's own
line (a trailing comment) or on the line directly above it, provided that line is only a comment
(so a trailing comment on the previous statement never leaks onto the next one).

Forms, in any language's line or block comment (``#``, ``//``, ``/*``, ``<!--``, ``--``, or a
block-comment continuation line starting with ``*``)::

    # drift-ignore                             every rule
    # drift-ignore legacy module               every rule; the words are the reason
    // drift-ignore: naming/FN-SNAKE           only this rule
    # drift-ignore: errors/*, API-1 vendored   a comma-separated list; globs work; the words
                                               after the last id are the reason
    # drift-ignore: security/S-1 -- reviewed   `` -- `` also starts the reason

A listed rule matches a violation's rule id (``<category>/<pattern>``) or its bare pattern id,
exactly or as an ``fnmatch`` glob. ``# noqa`` and other tools' comments are deliberately not
honoured: they silence other linters, often for unrelated reasons.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

MARKER = "drift-ignore"

# A comment opener somewhere before the marker, or a comment-continuation line.
_DIRECTIVE = re.compile(
    r"(?:#|//|/\*|<!--|(?:^|\s)--|^\s*\*)[^\n]*?(?<!\w)drift-ignore(?![\w-])(?P<rest>.*)$"
)
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|/\*|\*|<!--|--)")
_COMMENT_CLOSERS = ("*/", "-->")


@dataclass(frozen=True, slots=True)
class IgnoreDirective:
    """A parsed ``drift-ignore`` comment: the rules it names (empty means every rule)."""

    rules: tuple[str, ...]
    reason: str | None

    def covers(self, rule_id: str, pattern_id: str) -> bool:
        """True when this directive silences the rule ``rule_id`` of ``pattern_id``."""
        if not self.rules:
            return True
        return any(
            fnmatchcase(rule_id, rule) or fnmatchcase(pattern_id, rule) for rule in self.rules
        )


def parse_directive(line: str) -> IgnoreDirective | None:
    """The ``drift-ignore`` directive in ``line``'s comment, or None if it has none."""
    if MARKER not in line:
        return None  # most lines: no need to look for a comment
    comment = _comment(line)
    match = None if comment is None else _DIRECTIVE.search(comment)
    if match is None:
        return None
    rest = match.group("rest")
    for closer in _COMMENT_CLOSERS:
        index = rest.find(closer)
        if index >= 0:
            rest = rest[:index]
    rest = rest.strip()
    if not rest.startswith(":"):
        return IgnoreDirective(rules=(), reason=rest or None)
    body, _, trailer = rest[1:].partition(" -- ")
    rules: list[str] = []
    reason_parts: list[str] = []
    segments = body.split(",")
    for index, segment in enumerate(segments):
        words = segment.split()
        if not words:
            continue
        rules.append(words[0])
        if len(words) > 1:
            # The first id followed by more words ends the list; the rest is the reason.
            reason_parts.append(" ".join(words[1:]))
            reason_parts.extend(part.strip() for part in segments[index + 1 :] if part.strip())
            break
    if trailer.strip():
        reason_parts.append(trailer.strip())
    reason = ", ".join(reason_parts) or None
    return IgnoreDirective(rules=tuple(rules), reason=reason)


_OPENERS = ("#", "//", "/*", "<!--")
_QUOTES = "'\"`"


def _comment(line: str) -> str | None:
    """``line`` from its first comment opener outside a string literal on it, or None.

    ``URL = "http://x/#drift-ignore"`` holds no comment: the ``#`` is inside the string, and a
    directive there must not silence the line (nor the next). A string opened on an earlier
    line is not seen: a docstring line that reads like a comment still counts as one.
    """
    if _COMMENT_ONLY.match(line):
        return line
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\":
                index += 1  # the escaped character cannot close the string
            elif char == quote:
                quote = ""
        elif char in _QUOTES:
            quote = char
        elif line.startswith(_OPENERS, index) or (
            line.startswith("--", index) and (index == 0 or line[index - 1].isspace())
        ):
            return line[index:]
        index += 1
    return None


def is_comment_only(line: str) -> bool:
    """True when ``line`` holds nothing but a comment (a block comment closed on the line with
    code after it, ``/* drift-ignore */ const k = …``, is that code's line)."""
    if _COMMENT_ONLY.match(line) is None:
        return False
    stripped = line.strip()
    for opener, closer in (("/*", "*/"), ("<!--", "-->")):
        if stripped.startswith(opener):
            end = stripped.find(closer, len(opener))
            return end < 0 or not stripped[end + len(closer) :].strip()
    return True


MarkerCheck = Callable[[int, int], bool]
"""Whether the ``drift-ignore`` at a 1-based line and 0-based column is in a real comment (a
file-wide view: a line of a multi-line string can read like a comment)."""


def find_suppression(
    lines: Sequence[str] | None,
    line: int,
    rule_id: str,
    pattern_id: str,
    in_comment: MarkerCheck | None = None,
) -> IgnoreDirective | None:
    """The directive that suppresses a violation at 1-based ``line``, or None.

    ``lines`` are the file's lines (None when the file could not be read: nothing is suppressed).
    ``in_comment`` confirms that a directive's marker is in a comment of the file.
    """
    if lines is None or line < 1 or line > len(lines):
        return None
    own = parse_directive(lines[line - 1])
    if own is not None and own.covers(rule_id, pattern_id) and _confirmed(lines, line, in_comment):
        return own
    if line >= 2:
        above = lines[line - 2]
        if is_comment_only(above):
            directive = parse_directive(above)
            if (
                directive is not None
                and directive.covers(rule_id, pattern_id)
                and _confirmed(lines, line - 1, in_comment)
            ):
                return directive
    return None


def _confirmed(lines: Sequence[str], line: int, in_comment: MarkerCheck | None) -> bool:
    if in_comment is None:
        return True
    text = lines[line - 1]
    comment = _comment(text)
    start = len(text) - len(comment) if comment is not None else 0
    return in_comment(line, text.index(MARKER, start))
