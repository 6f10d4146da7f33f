"""Stable violation ids: what makes "the same violation" recognisable from one scan to the next.

A violation's id is a hash of its rule, its file, the function it is in (its qualified name;
nothing at module level) and the normalised text of its line, plus the occurrence number of that
text among the rule's violations in that function. Line numbers are left out on purpose, so a
violation keeps its id when code above it moves; editing the offending line itself gives a new
id, which is what "new violation" should mean.

The function is part of it since version 2: with the occurrence counted over the whole file, a
new function above an old one with the same offending line (``except Exception:``) took the old
violation's id, and with it the old one's dismissal. Version 1 ids (``legacy_violation_id``)
still name the violations found before, for ``is_new`` and dismissals.
"""

from __future__ import annotations

import hashlib
import re

FINGERPRINT_VERSION = "v2"
_LEGACY_VERSION = "v1"
_ID_HEX_DIGITS = 20  # 80 bits: collisions are out of reach for any one repository
_WHITESPACE = re.compile(r"\s+")


def normalize_line(text: str) -> str:
    """The line with leading/trailing whitespace removed and inner runs collapsed to one space.

    Re-indenting or re-spacing a line does not make its violation new.
    """
    return _WHITESPACE.sub(" ", text.strip())


def violation_id(rule_id: str, file: str, scope: str, normalized_line: str, occurrence: int) -> str:
    """The stable id of the ``occurrence``-th (0-based) violation of ``rule_id`` on this text
    in function ``scope`` (``""``: module level)."""
    parts = (FINGERPRINT_VERSION, rule_id, file, scope, normalized_line, str(occurrence))
    return _digest(parts)


def legacy_violation_id(rule_id: str, file: str, normalized_line: str, occurrence: int) -> str:
    """The version 1 id: the ``occurrence``-th violation of ``rule_id`` on this text in the
    whole file."""
    return _digest((_LEGACY_VERSION, rule_id, file, normalized_line, str(occurrence)))


def _digest(parts: tuple[str, ...]) -> str:
    material = "\x1f".join(parts)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:_ID_HEX_DIGITS]
