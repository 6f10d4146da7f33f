"""Findings: candidate violations before suppression, de-duplication and fingerprinting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from drift.enforcement.severity import Severity


class Source(StrEnum):
    """Where a finding comes from; it decides which gate counts it."""

    OUTLIER = "outlier"  # an outlier of an approved pattern
    DEVIATION = "deviation"  # a location that breaks an approved convention
    ERROR_GAP = "error_gap"  # an empty, swallowing or over-broad error handler
    SECRET = "secret"  # a hard-coded secret
    TAINT = "taint"  # an unsanitized flow from untrusted input to a sink
    WEAKNESS = "weakness"  # a match of an approved security pattern (a CWE): each one counts


PATTERN_SOURCES: frozenset[Source] = frozenset({Source.OUTLIER, Source.DEVIATION})
SECURITY_SOURCES: frozenset[Source] = frozenset({Source.SECRET, Source.TAINT, Source.WEAKNESS})


@dataclass(frozen=True, slots=True)
class Finding:
    """One candidate violation; ``column`` is a 1-based UTF-8 byte column as detected."""

    source: Source
    rule_id: str
    pattern_id: str
    category: str
    file: str
    line: int
    column: int | None
    severity: Severity
    message: str
    quick_fix_strategy: str | None = None
    quick_fix_description: str | None = None
    cwe_id: int | None = None
    owasp_category: str | None = None


def rule_id_for(category: str, pattern_id: str) -> str:
    """The stable rule id of a pattern: ``<category>/<pattern_id>``."""
    return f"{category}/{pattern_id}"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """``text`` as a lowercase, dash-separated id fragment (``Broad Catch`` -> ``broad-catch``)."""
    value = _NOT_SLUG.sub("-", text.lower()).strip("-")
    return value or "unknown"


_NUMBER = re.compile(r"\d+")


def cwe_numbers(cwe_ids: str | None) -> list[int]:
    """Every CWE number of a text list such as ``"CWE-79, 89"``, in order."""
    return [int(found) for found in _NUMBER.findall(cwe_ids)] if cwe_ids else []


def first_cwe(cwe_ids: str | None) -> int | None:
    """The first CWE number in a text list such as ``"CWE-79, 89"``, or None."""
    if not cwe_ids:
        return None
    match = _NUMBER.search(cwe_ids)
    return None if match is None else int(match.group())
