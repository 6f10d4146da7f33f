"""The health score and degradation alerts."""

from __future__ import annotations

import json

import pytest

from drift.enforcement.gates import (
    ERROR_HANDLING,
    PATTERN_COMPLIANCE,
    REGRESSION,
    SECURITY_BOUNDARIES,
    GateOutcome,
    GateStatus,
)
from drift.enforcement.health import degradation_alerts, health_report


def gate(gate_id: str, status: GateStatus, score: float, errors: int = 0) -> GateOutcome:
    return GateOutcome(gate_id, status, score, "", violation_count=errors)


def test_health_is_the_mean_of_factors_with_data_minus_alert_penalty() -> None:
    compliance = gate(PATTERN_COMPLIANCE, GateStatus.FAILED, 80.0, errors=2)
    gates = [
        compliance,
        gate(ERROR_HANDLING, GateStatus.PASSED, 100.0),
        gate(SECURITY_BOUNDARIES, GateStatus.SKIPPED, 0.0),
        gate(REGRESSION, GateStatus.FAILED, 0.0),  # never part of its own input
    ]
    report = health_report(
        confidences=[0.9, 0.7],
        approved_scored=1,
        compliance_gate=compliance,
        gates=gates,
        duplicate_free_rate=1.0,
        alerts=["a", "b", "c"],
    )
    # factors: 0.8 confidence, 0.5 approval, 0.8 compliance, 0.5 cross-validation, 1.0 dedup
    assert report.score == pytest.approx(100 * (0.8 + 0.5 + 0.8 + 0.5 + 1.0) / 5 - 6)
    assert report.cross_validation_rate == 0.5
    assert report.pattern_count == 2


def test_health_without_any_data() -> None:
    report = health_report(
        confidences=[],
        approved_scored=0,
        compliance_gate=gate(PATTERN_COMPLIANCE, GateStatus.SKIPPED, 0.0),
        gates=[],
        duplicate_free_rate=None,
        alerts=["an alert"] * 20,
    )
    assert report.score == 80.0  # 100, less the capped penalty of 20
    assert report.avg_confidence is None
    assert report.compliance_rate is None
    snapshot = report.to_snapshot({})
    assert snapshot.health_score == 80.0
    assert snapshot.avg_confidence == 0.0
    assert snapshot.category_scores is None


def test_snapshot_carries_category_scores() -> None:
    report = health_report(
        confidences=[1.0],
        approved_scored=1,
        compliance_gate=None,
        gates=[],
        duplicate_free_rate=None,
        alerts=[],
    )
    snapshot = report.to_snapshot({"naming": 75.0})
    assert snapshot.health_score == 100.0
    assert json.loads(snapshot.category_scores or "") == {"naming": 75.0}


def test_degradation_alerts() -> None:
    gates = [
        gate(PATTERN_COMPLIANCE, GateStatus.FAILED, 40.0, errors=3),
        gate(ERROR_HANDLING, GateStatus.FAILED, 45.0, errors=0),  # no errors: no alert
        gate(SECURITY_BOUNDARIES, GateStatus.ERRORED, 0.0, errors=1),  # errored: no score
        gate(REGRESSION, GateStatus.FAILED, 10.0, errors=1),  # not a judging gate
    ]
    alerts = degradation_alerts(
        counted_violations=101,
        previous_counted_violations=60,
        gates=gates,
        previous_gate_scores={PATTERN_COMPLIANCE: 70.0},
    )
    assert [(a.alert_type, a.severity) for a in alerts] == [
        ("violation_count_high", "high"),
        ("gate_score_low", "high"),
    ]
    assert (alerts[0].current_value, alerts[0].previous_value, alerts[0].delta) == (
        101.0,
        60.0,
        41.0,
    )
    assert (alerts[1].current_value, alerts[1].previous_value, alerts[1].delta) == (
        40.0,
        70.0,
        -30.0,
    )
    medium = degradation_alerts(
        counted_violations=51, previous_counted_violations=0, gates=[], previous_gate_scores={}
    )
    assert [(a.alert_type, a.severity) for a in medium] == [("violation_count_high", "medium")]
    assert (
        degradation_alerts(
            counted_violations=50, previous_counted_violations=0, gates=[], previous_gate_scores={}
        )
        == []
    )
