"""Stable violation ids: what makes "the same violation" recognisable from one scan to the next.

A violation's id is a hash of its rule, its file and the normalised text of its line, plus the
occurrence number of that text among the rule's violations in the file. Line numbers are left
out on purpose, so a violation keeps its id when code above it moves; editing the offending line
itself gives a new id, which is what "new violation" should mean.
"""

from __future__ import annotations

import hashlib
import re

FINGERPRINT_VERSION = "v1"
_ID_HEX_DIGITS = 20  # 80 bits: collisions are out of reach for any one repository
_WHITESPACE = re.compile(r"\s+")


def normalize_line(text: str) -> str:
    """The line with leading/trailing whitespace removed and inner runs collapsed to one space.

    Re-indenting or re-spacing a line does not make its violation new.
    """
    return _WHITESPACE.sub(" ", text.strip())


def violation_id(rule_id: str, file: str, normalized_line: str, occurrence: int) -> str:
    """The stable id of the ``occurrence``-th (0-based) violation of ``rule_id`` on this text."""
    material = "\x1f".join((FINGERPRINT_VERSION, rule_id, file, normalized_line, str(occurrence)))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:_ID_HEX_DIGITS]
