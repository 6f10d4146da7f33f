"""The health score and the degradation alerts written after each enforcement run.

Health is the mean of the factors that have data, times 100, minus 2 points per degradation
alert of the run (at most 20). The factors, each in [0, 1]:

- ``avg_confidence``: mean posterior confidence of the scored patterns;
- ``approval_ratio``: approved patterns over scored patterns;
- ``compliance_rate``: the pattern-compliance gate's score / 100 (the original divided
  suppressed by total violations, which rewarded suppressing; we do not copy that);
- ``cross_validation_rate``: share of the judging gates (not skipped, regression aside) that passed;
- ``duplicate_free_rate``: distinct violations over raw findings (the original fixed it at 1.0).

Alerts (``degradation_alerts``): ``violation_count_high`` when more than 50 violations count
(severity ``high`` above 100, else ``medium``), and ``gate_score_low`` for a judging gate scoring
below 50 out of 100 with errors (the original compared a 0-100 score with 0.5).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from drift.enforcement.gates import REGRESSION, GateOutcome, GateStatus
from drift.records.enforcement import AuditSnapshotRow, DegradationAlertRow

HEALTH_METRIC = "health_score"
ALERT_PENALTY = 2.0
ALERT_PENALTY_CAP = 20.0
VIOLATION_COUNT_HIGH = 50
VIOLATION_COUNT_SEVERE = 100
GATE_SCORE_LOW = 50.0


@dataclass(frozen=True, slots=True)
class HealthReport:
    """The health score and the factors it came from (None: the factor had no data)."""

    score: float
    avg_confidence: float | None
    approval_ratio: float | None
    compliance_rate: float | None
    cross_validation_rate: float | None
    duplicate_free_rate: float | None
    pattern_count: int
    alerts: tuple[str, ...]  # the messages of the run's degradation alerts

    @property
    def alert_count(self) -> int:
        """How many alerts the run raised (each costs ``ALERT_PENALTY``)."""
        return len(self.alerts)

    def to_snapshot(self, category_scores: Mapping[str, float]) -> AuditSnapshotRow:
        """The audit snapshot row; factors without data are stored as 0."""
        return AuditSnapshotRow(
            health_score=self.score,
            avg_confidence=self.avg_confidence or 0.0,
            approval_ratio=self.approval_ratio or 0.0,
            compliance_rate=self.compliance_rate or 0.0,
            cross_validation_rate=self.cross_validation_rate or 0.0,
            duplicate_free_rate=self.duplicate_free_rate or 0.0,
            pattern_count=self.pattern_count,
            category_scores=json.dumps(dict(category_scores), sort_keys=True)
            if category_scores
            else None,
            created_at=0,
        )


def judging_gates(gates: Sequence[GateOutcome]) -> list[GateOutcome]:
    """The gates that judged this run (not skipped; the regression gate aside, which compares
    runs): the ``cross_validation_rate`` is the share of them that passed."""
    return [g for g in gates if g.gate_id != REGRESSION and not g.skipped]


def health_report(
    *,
    confidences: Sequence[float],
    approved_scored: int,
    compliance_gate: GateOutcome | None,
    gates: Sequence[GateOutcome],
    duplicate_free_rate: float | None,
    alerts: Sequence[str],
) -> HealthReport:
    """Compute the health score (see the module docstring)."""
    avg_confidence = sum(confidences) / len(confidences) if confidences else None
    approval_ratio = approved_scored / len(confidences) if confidences else None
    compliance = (
        compliance_gate.score / 100.0
        if compliance_gate is not None and not compliance_gate.skipped
        else None
    )
    judging = judging_gates(gates)
    cross = sum(1 for g in judging if g.passed) / len(judging) if judging else None
    factors = [
        f
        for f in (avg_confidence, approval_ratio, compliance, cross, duplicate_free_rate)
        if f is not None
    ]
    base = 100.0 * sum(factors) / len(factors) if factors else 100.0
    penalty = min(ALERT_PENALTY_CAP, ALERT_PENALTY * len(alerts))
    return HealthReport(
        score=max(0.0, base - penalty),
        avg_confidence=avg_confidence,
        approval_ratio=approval_ratio,
        compliance_rate=compliance,
        cross_validation_rate=cross,
        duplicate_free_rate=duplicate_free_rate,
        pattern_count=len(confidences),
        alerts=tuple(alerts),
    )


def degradation_alerts(
    *,
    counted_violations: int,
    previous_counted_violations: int,
    gates: Sequence[GateOutcome],
    previous_gate_scores: Mapping[str, float],
) -> list[DegradationAlertRow]:
    """The alerts this run raises (``id`` and ``created_at`` are set by storage)."""
    alerts: list[DegradationAlertRow] = []
    if counted_violations > VIOLATION_COUNT_HIGH:
        alerts.append(
            DegradationAlertRow(
                id=0,
                alert_type="violation_count_high",
                severity="high" if counted_violations > VIOLATION_COUNT_SEVERE else "medium",
                message=f"{counted_violations:,} violations count against the gates",
                current_value=float(counted_violations),
                previous_value=float(previous_counted_violations),
                delta=float(counted_violations - previous_counted_violations),
                created_at=0,
            )
        )
    for gate in judging_gates(gates):
        if gate.status is GateStatus.ERRORED:
            continue
        if gate.score < GATE_SCORE_LOW and gate.violation_count > 0:
            previous = previous_gate_scores.get(gate.gate_id, gate.score)
            alerts.append(
                DegradationAlertRow(
                    id=0,
                    alert_type="gate_score_low",
                    severity="high",
                    message=f"gate {gate.gate_id} scored {gate.score:.1f} of 100",
                    current_value=gate.score,
                    previous_value=previous,
                    delta=gate.score - previous,
                    created_at=0,
                )
            )
    return alerts
