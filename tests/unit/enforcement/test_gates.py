"""Each gate's status, score and counts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from drift.enforcement.findings import Source
from drift.enforcement.gates import (
    GateOutcome,
    GateStatus,
    constraint_gate,
    error_handling_gate,
    pattern_compliance_gate,
    regression_gate,
    security_gate,
    timed,
)
from drift.enforcement.severity import Severity
from drift.enforcement.violations import Violation
from drift.errors import StorageError
from drift.records.enforcement import ViolationRow


def violation(
    source: Source,
    severity: Severity,
    *,
    vid: str = "v",
    suppressed: bool = False,
    is_new: bool = True,
    rule: str = "cat/P",
) -> Violation:
    row = ViolationRow(
        vid,
        "a.py",
        1,
        None,
        None,
        None,
        severity.value,
        rule.split("/")[1],
        rule,
        "m",
        None,
        None,
        None,
        None,
        suppressed,
        is_new,
    )
    return Violation(row=row, source=source)


def test_pattern_compliance_skipped_without_approved_patterns() -> None:
    gate = pattern_compliance_gate([], approved_patterns=0, approved_locations=0)
    assert gate.status is GateStatus.SKIPPED
    assert gate.skipped
    assert not gate.passed


def test_pattern_compliance_scores_locations_against_violations() -> None:
    vs = [
        violation(Source.OUTLIER, Severity.WARNING),
        violation(Source.DEVIATION, Severity.INFO),
        violation(Source.DEVIATION, Severity.ERROR, suppressed=True),
        violation(Source.SECRET, Severity.ERROR),  # another gate's
    ]
    gate = pattern_compliance_gate(vs, approved_patterns=2, approved_locations=18)
    assert gate.status is GateStatus.WARNED
    assert gate.passed
    # 18 locations and one warning: the info deviation is for the record and costs no score.
    assert gate.score == pytest.approx(18 / 19 * 100)
    assert (gate.violation_count, gate.warning_count) == (0, 1)
    assert gate.details["suppressed"] == 1
    assert gate.details["info"] == 1


def test_pattern_compliance_fails_on_an_error() -> None:
    gate = pattern_compliance_gate(
        [violation(Source.OUTLIER, Severity.ERROR)], approved_patterns=1, approved_locations=3
    )
    assert gate.status is GateStatus.FAILED
    assert gate.score == pytest.approx(75.0)
    assert gate.violation_count == 1


def test_new_only_judges_only_new_violations() -> None:
    vs = [violation(Source.OUTLIER, Severity.ERROR, is_new=False)]
    assert pattern_compliance_gate(vs, approved_patterns=1, approved_locations=3).status is (
        GateStatus.FAILED
    )
    gate = pattern_compliance_gate(vs, approved_patterns=1, approved_locations=3, new_only=True)
    assert gate.status is GateStatus.PASSED
    assert gate.score == 100.0


def test_security_gate() -> None:
    assert security_gate([]).status is GateStatus.SKIPPED
    vs = [
        violation(Source.SECRET, Severity.ERROR, rule="security/secret-aws"),
        violation(Source.TAINT, Severity.WARNING, rule="security/taint-sql"),
        violation(Source.TAINT, Severity.INFO, rule="security/taint-sql"),
        violation(Source.SECRET, Severity.ERROR, suppressed=True, rule="security/secret-aws"),
    ]
    gate = security_gate(vs)
    assert gate.status is GateStatus.FAILED
    assert gate.score == pytest.approx(200 / 3)
    assert (gate.violation_count, gate.warning_count) == (1, 1)
    assert gate.details["by_rule"] == {"security/secret-aws": 1, "security/taint-sql": 2}


def test_security_gate_with_everything_suppressed_is_skipped() -> None:
    gate = security_gate([violation(Source.SECRET, Severity.ERROR, suppressed=True)])
    assert gate.status is GateStatus.SKIPPED
    assert gate.summary == "no security finding(s) to judge (1 suppressed)"
    assert gate.details["suppressed"] == 1


@pytest.mark.parametrize("gate", [security_gate, error_handling_gate])
@pytest.mark.parametrize("source", [Source.SECRET, Source.ERROR_GAP])
def test_with_new_only_a_findings_gate_without_new_findings_is_skipped(
    gate: Callable[..., GateOutcome], source: Source
) -> None:
    # Old findings only: the full check judges them, --new-only has nothing to judge. A
    # "passed 100" there would count in the policy's mean as if the gate had judged something.
    vs = [
        violation(Source.SECRET, Severity.ERROR, is_new=False, rule="security/secret-x"),
        violation(Source.ERROR_GAP, Severity.ERROR, is_new=False, rule="errors/gap-x"),
        violation(Source.ERROR_GAP, Severity.ERROR, suppressed=True, rule="errors/gap-x"),
    ]
    assert gate(vs).status is GateStatus.FAILED
    skipped = gate(vs, new_only=True)
    assert skipped.status is GateStatus.SKIPPED
    assert not skipped.passed
    assert skipped.details["findings"] == 0
    assert "not new" in skipped.summary
    new = [*vs, violation(source, Severity.WARNING, vid="n", rule="security/secret-x")]
    judged = gate(new, new_only=True)
    mine = source is (Source.SECRET if gate is security_gate else Source.ERROR_GAP)
    assert judged.status is (GateStatus.WARNED if mine else GateStatus.SKIPPED)


def test_error_handling_gate() -> None:
    assert error_handling_gate([violation(Source.OUTLIER, Severity.ERROR)]).skipped
    warned = error_handling_gate([violation(Source.ERROR_GAP, Severity.WARNING)])
    assert (warned.status, warned.score) == (GateStatus.WARNED, 100.0)
    failed = error_handling_gate(
        [violation(Source.ERROR_GAP, Severity.ERROR), violation(Source.ERROR_GAP, Severity.WARNING)]
    )
    assert (failed.status, failed.score) == (GateStatus.FAILED, 50.0)


def test_constraint_gate() -> None:
    assert constraint_gate([]).skipped
    gate = constraint_gate([("c1", True), ("c3", False), ("c2", False)])
    assert gate.status is GateStatus.FAILED
    assert gate.score == pytest.approx(100 / 3)
    assert gate.details["violated"] == ["c2", "c3"]
    assert constraint_gate([("c1", True)]).status is GateStatus.PASSED


@pytest.mark.parametrize(
    ("previous", "current", "new_errors", "status", "score"),
    [
        (None, 80.0, 3, GateStatus.SKIPPED, 0.0),
        (80.0, 82.0, 0, GateStatus.PASSED, 100.0),
        (80.0, 76.0, 0, GateStatus.PASSED, 96.0),
        (80.0, 75.0, 0, GateStatus.WARNED, 95.0),
        (80.0, 65.0, 0, GateStatus.FAILED, 85.0),
        (80.0, 80.0, 1, GateStatus.FAILED, 100.0),
    ],
)
def test_regression_gate(
    previous: float | None, current: float, new_errors: int, status: GateStatus, score: float
) -> None:
    gate = regression_gate(previous, current, new_errors)
    assert gate.status is status
    assert gate.score == pytest.approx(score)


def test_gate_row_and_timing() -> None:
    ticks = iter([1.0, 1.25])
    outcome = timed("x", lambda: constraint_gate([("c", True)]), lambda: next(ticks))
    assert outcome.execution_time_ms == 250
    row = outcome.to_row()
    assert row.gate_id == "constraint-verification"
    assert row.status == "passed"
    assert row.passed
    assert row.execution_time_ms == 250
    assert json.loads(row.details or "") == {"constraints": 1, "violated": []}


def test_a_storage_failure_makes_the_gate_errored() -> None:
    def broken() -> GateOutcome:
        raise StorageError("database is locked")

    outcome = timed("constraint-verification", broken, lambda: 0.0)
    assert outcome.status is GateStatus.ERRORED
    assert not outcome.passed
    assert outcome.error == "database is locked"


def test_a_health_drop_over_other_patterns_warns() -> None:
    # A pattern discovered in new, clean code had dropped a small project's health from 100
    # to 25 and failed CI with no violation at all.
    changed = regression_gate(100.0, 25.2, 0, same_patterns=False)
    assert changed.status is GateStatus.WARNED
    assert "over other patterns" in changed.summary
    assert regression_gate(100.0, 25.2, 0).status is GateStatus.FAILED
    assert regression_gate(100.0, 99.0, 1, same_patterns=False).status is GateStatus.FAILED
