"""Whether a number is an HTTP status by what it is checked against.

A line about a status (``res.status(404)``: ``constants._HTTP_STATUS_LINE``) names every
status on it. Code that checks a status it holds in a variable of another name does not say
so on the line: java.net.http's ``if (upgrading && rcode == 101)``, ``if (responseCode < 100
|| responseCode > 199)``, ``int c = response.statusCode(); … if (c != 101)`` and
``switch (statusCode) { case 301, 302 -> … }``, whose ``case`` lines name nothing. An integer
from 100 to 599 is a status here when it is compared (``==``, ``!=``, ``<``, ``<=``, ``>``,
``>=``, ``===``, ``!==``) with, or is a ``case`` of a ``switch`` (Python: a ``match``) on, a
name that holds one: a variable, field or call whose last name is like a status
(``status``, ``statusCode``, ``getStatus()``, ``code``, ``rcode``, ``responseCode``,
``getResponseCode()``, ``http_code``), or a variable the file assigns such a name's value
(``c`` above). A byte, a length or a port compared with a number (``c > 255``, ``payloadLen <
126``, ``port == 443``) stays magic.
"""

from __future__ import annotations

import re
from typing import Final

_LOWEST, _HIGHEST = 100, 599
_STATUS_NAME: Final = re.compile(
    r"(?i)^(?:get_?)?(?:\w*status\w*|r?code|(?:resp|response|http|reply)_?code)$"
)
# A name, a member chain or a call without arguments: ``rcode``, ``response.statusCode()``.
_OPERAND = r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*(?:\s*\(\s*\))?"
_COMPARISON = r"(?:[=!]==?|<=?|>=?)"
# The operand compared with the number, written before it (``rcode == ``) or after it
# (``404 == rcode``).
_OPERAND_BEFORE: Final = re.compile(rf"(?<![\w$.])({_OPERAND})\s*{_COMPARISON}\s*\(?\s*$")
_OPERAND_AFTER: Final = re.compile(rf"^[\w.]+\s*\)?\s*{_COMPARISON}\s*({_OPERAND})")
# A ``case`` label's values so far (``case 300, 304, ``; Python's ``case 301 | ``).
_CASE_LABEL: Final = re.compile(r"^\s*case\b[\s\w.,|]*$")
# What opens a ``switch``'s block: ``switch (statusCode)``, Go's ``switch resp.StatusCode``
# and ``switch code := resp.StatusCode; code``; Python's ``match resp.status:``.
_SWITCH: Final = re.compile(rf"\bswitch\b\s*(?:\(\s*)?(?:[^;]*;\s*)?({_OPERAND})\s*\)?\s*$")
_MATCH: Final = re.compile(rf"^\s*match\s+\(?\s*({_OPERAND})\s*\)?\s*:")
# A variable given a name's value (``int c = response.statusCode();``, ``code := r.Status``).
_ASSIGNED: Final = re.compile(rf"([A-Za-z_$][\w$]*)\s*:?=\s*({_OPERAND})\s*;?[ \t]*$", re.M)
# How far up a ``case`` line the opening of its ``switch`` is looked for.
_MOST_LINES: Final = 500


class StatusChecks:
    """The status checks of one file's lines (``is_status``)."""

    def __init__(self, lines: list[str], language: str) -> None:
        self.lines = lines
        self.language = language
        self._holders: frozenset[str] | None = None  # made on first use

    def is_status(self, value: float, line: int, column: int) -> bool:
        """Whether the number ``value`` at ``line`` and ``column`` (1-based, the column in
        bytes) is compared with, or a ``case`` of a switch on, a status's holder."""
        if value != int(value) or not _LOWEST <= value <= _HIGHEST or line > len(self.lines):
            return False
        written = self.lines[line - 1].encode()
        before = written[: max(column - 1, 0)].decode(errors="ignore")
        after = written[max(column - 1, 0) :].decode(errors="ignore")
        compared = _OPERAND_BEFORE.search(before) or _OPERAND_AFTER.match(after)
        if compared is not None:
            return self._holds_status(compared.group(1))
        if _CASE_LABEL.match(before):
            subject = self._switch_subject(line)
            return subject is not None and self._holds_status(subject)
        return False

    def _holds_status(self, operand: str) -> bool:
        if _is_status_name(operand):
            return True
        if self._holders is None:
            text = "\n".join(self.lines)
            self._holders = frozenset(
                found.group(1)
                for found in _ASSIGNED.finditer(text)
                if _is_status_name(found.group(2))
            )
        return "".join(operand.split()) in self._holders

    def _switch_subject(self, line: int) -> str | None:
        """What the ``switch`` (or Python ``match``) whose ``case`` is on ``line`` is on."""
        if self.language == "python":
            return self._match_subject(line)
        depth = 0  # blocks closed between the case and the line read
        last = line - 2  # the line above the case, 0-based
        for index in range(last, max(last - _MOST_LINES, -1), -1):
            text = self.lines[index]
            for position in range(len(text) - 1, -1, -1):
                char = text[position]
                if char == "}":
                    depth += 1
                elif char == "{":
                    if depth:
                        depth -= 1
                        continue
                    head = text[:position]
                    if not head.strip() and index:  # the brace on a line of its own
                        head = self.lines[index - 1]
                    found = _SWITCH.search(head)
                    return None if found is None else found.group(1)
        return None

    def _match_subject(self, line: int) -> str | None:
        case = self.lines[line - 1]
        indent = len(case) - len(case.lstrip())
        last = line - 2
        for index in range(last, max(last - _MOST_LINES, -1), -1):
            text = self.lines[index]
            if text.strip() and len(text) - len(text.lstrip()) < indent:
                found = _MATCH.match(text)
                return None if found is None else found.group(1)
        return None


def _is_status_name(operand: str) -> bool:
    name = "".join(operand.split()).removesuffix("()").rsplit(".", 1)[-1]
    return _STATUS_NAME.match(name) is not None
