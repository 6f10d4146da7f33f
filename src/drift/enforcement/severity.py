"""Violation severities and the rules that pick one.

One severity per violation, used everywhere: the gates count it, the reporters show it, SARIF maps
it to a level. The rules follow the reference's rules evaluator (``analysis.md`` §3.5), with the
two places it left open settled here: a plain pattern outlier takes its severity from the
outlier's significance (§3.3 "conversion to violations"), and a convention deviation from the
strength of the convention it breaks (the pattern-compliance gate's confidence bands, §4.1).
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How much a violation matters; ``error`` fails a gate, ``warning`` only warns."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: larger is more severe."""
        return _RANK[self]

    def lowered(self) -> Severity:
        """One level down (info stays info)."""
        if self is Severity.ERROR:
            return Severity.WARNING
        return Severity.INFO


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}

# CWEs whose presence alone makes a finding an error: injection, XSS, path traversal, code
# injection, unsafe deserialisation, XXE, SSRF, broken crypto and hard-coded credentials.
HIGH_RISK_CWES: frozenset[int] = frozenset({89, 79, 78, 22, 94, 502, 611, 918, 327, 798})

# Categories whose findings are errors whatever the statistics say.
ERROR_CATEGORIES: frozenset[str] = frozenset({"security", "auth", "taint", "crypto"})
# Categories that warn at most (the reference's error_handling, constraint and boundary).
WARNING_CATEGORIES: frozenset[str] = frozenset({"errors", "contracts", "data_access"})
# Categories that only inform.
INFO_CATEGORIES: frozenset[str] = frozenset({"documentation"})

# Confidence bands of the convention a deviation breaks (the pattern-compliance gate's rule).
ERROR_CONFIDENCE = 0.90
WARNING_CONFIDENCE = 0.70

# A rule whose violations are dismissed as wrong more often than this is trusted less
# (``drift.enforcement.false_positives`` says what counts, and when there is enough feedback).
FALSE_POSITIVE_DEMOTION_RATE = 0.20


def severity_from_significance(significance: str) -> Severity:
    """An outlier's significance as a severity: critical/high error, moderate warning, else info."""
    value = significance.strip().lower()
    if value in {"critical", "high"}:
        return Severity.ERROR
    if value == "moderate":
        return Severity.WARNING
    return Severity.INFO


def severity_from_confidence(confidence: float) -> Severity:
    """A convention's posterior mean as a severity: >= 0.90 error, >= 0.70 warning, else info."""
    if confidence >= ERROR_CONFIDENCE:
        return Severity.ERROR
    if confidence >= WARNING_CONFIDENCE:
        return Severity.WARNING
    return Severity.INFO


def is_security(category: str, cwe_id: int | None) -> bool:
    """Whether a finding is a security one: a high-risk CWE or a security-like category."""
    return cwe_id in HIGH_RISK_CWES or category in ERROR_CATEGORIES


def pattern_severity(
    category: str,
    cwe_id: int | None,
    statistical: Severity,
    false_positive_rate: float | None = None,
) -> Severity:
    """The severity of a violation of a pattern.

    A high-risk CWE or a security-like category makes it an error, and feedback never lowers
    it; error handling, contracts and data access warn; documentation informs; any other
    category keeps ``statistical`` (from the outlier's significance or the convention's
    strength). A non-security pattern whose false-positive rate is above 20% then drops one
    level (None: too little feedback to have a rate).
    """
    if is_security(category, cwe_id):
        # Dismissing one leaked password says nothing about the next one: a security finding is
        # judged one by one (a dismissal suppresses that violation), never by the rule's record.
        return Severity.ERROR
    if category in WARNING_CATEGORIES:
        base = Severity.WARNING
    elif category in INFO_CATEGORIES:
        base = Severity.INFO
    else:
        base = statistical
    return demote_for_false_positives(base, false_positive_rate)


def demote_for_false_positives(severity: Severity, false_positive_rate: float | None) -> Severity:
    """``severity``, one level lower when the false-positive rate is above 20%; unchanged when
    there is no rate (too little feedback). Callers keep security findings away from this."""
    if false_positive_rate is not None and false_positive_rate > FALSE_POSITIVE_DEMOTION_RATE:
        return severity.lowered()
    return severity
