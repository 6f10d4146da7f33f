"""Severity rules."""

from __future__ import annotations

import pytest

from drift.enforcement.severity import (
    Severity,
    demote_for_false_positives,
    is_security,
    pattern_severity,
    severity_from_confidence,
    severity_from_significance,
)


@pytest.mark.parametrize(
    ("significance", "expected"),
    [
        ("critical", Severity.ERROR),
        ("High", Severity.ERROR),
        ("moderate", Severity.WARNING),
        ("low", Severity.INFO),
        ("", Severity.INFO),
    ],
)
def test_severity_from_significance(significance: str, expected: Severity) -> None:
    assert severity_from_significance(significance) is expected


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [
        (0.95, Severity.ERROR),
        (0.90, Severity.ERROR),
        (0.89, Severity.WARNING),
        (0.70, Severity.WARNING),
        (0.69, Severity.INFO),
    ],
)
def test_severity_from_confidence(confidence: float, expected: Severity) -> None:
    assert severity_from_confidence(confidence) is expected


@pytest.mark.parametrize(
    ("category", "cwe", "statistical", "expected"),
    [
        ("structural", 89, Severity.INFO, Severity.ERROR),  # high-risk CWE
        ("structural", 319, Severity.INFO, Severity.INFO),  # other CWE: statistics decide
        ("security", None, Severity.INFO, Severity.ERROR),
        ("auth", None, Severity.WARNING, Severity.ERROR),
        ("errors", None, Severity.ERROR, Severity.WARNING),
        ("data_access", None, Severity.INFO, Severity.WARNING),
        ("documentation", None, Severity.ERROR, Severity.INFO),
        ("naming", None, Severity.WARNING, Severity.WARNING),
        ("logging", None, Severity.ERROR, Severity.ERROR),
    ],
)
def test_pattern_severity(
    category: str, cwe: int | None, statistical: Severity, expected: Severity
) -> None:
    assert pattern_severity(category, cwe, statistical) is expected


def test_false_positive_rate_above_twenty_percent_drops_one_level() -> None:
    assert pattern_severity("logging", None, Severity.ERROR, 0.21) is Severity.WARNING
    assert pattern_severity("logging", None, Severity.ERROR, 0.20) is Severity.ERROR
    assert pattern_severity("logging", None, Severity.ERROR, None) is Severity.ERROR
    assert demote_for_false_positives(Severity.WARNING, 0.5) is Severity.INFO
    assert demote_for_false_positives(Severity.WARNING, None) is Severity.WARNING
    assert demote_for_false_positives(Severity.INFO, 0.5) is Severity.INFO
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank


@pytest.mark.parametrize(
    ("category", "cwe"),
    [("security", None), ("auth", None), ("crypto", None), ("structural", 89), ("api", 798)],
)
def test_feedback_never_lowers_a_security_finding(category: str, cwe: int | None) -> None:
    assert is_security(category, cwe)
    assert pattern_severity(category, cwe, Severity.INFO, 1.0) is Severity.ERROR


def test_other_findings_are_not_security() -> None:
    assert not is_security("errors", None)
    assert not is_security("structural", 319)
