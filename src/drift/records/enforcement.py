"""Rows of the enforcement domain: violations, gates, audits, health, feedback, policies, alerts.

Field names and order follow ``reference/storage.md`` §4.4. ``feedback_adjustment`` holds the one
piece of meaning attached to a row here: how a piece of developer feedback moves a pattern's
Beta posterior.
"""

from __future__ import annotations

from drift.records.record import Record


class ViolationRow(Record, frozen=True):
    """A place where code breaks a learned pattern; ``column`` is stored as ``column_num``."""

    id: str
    file: str
    line: int
    column: int | None
    end_line: int | None
    end_column: int | None
    severity: str
    pattern_id: str
    rule_id: str
    message: str
    quick_fix_strategy: str | None
    quick_fix_description: str | None
    cwe_id: int | None
    owasp_category: str | None
    suppressed: bool
    is_new: bool


class GateResultRow(Record, frozen=True):
    """One run of a quality gate; ``run_at`` is set by storage when the row is written."""

    gate_id: str
    status: str
    passed: bool
    score: float
    summary: str
    violation_count: int
    warning_count: int
    execution_time_ms: int
    details: str | None
    error: str | None
    run_at: int


class AuditSnapshotRow(Record, frozen=True):
    """The health of the pattern set at one moment; ``created_at`` is set by storage."""

    health_score: float
    avg_confidence: float
    approval_ratio: float
    compliance_rate: float
    cross_validation_rate: float
    duplicate_free_rate: float
    pattern_count: int
    category_scores: str | None
    created_at: int


class HealthTrendRow(Record, frozen=True):
    """One sample of a named health metric."""

    metric_name: str
    metric_value: float
    recorded_at: int


class FeedbackRow(Record, frozen=True):
    """What a developer did about a violation (fix, dismiss, suppress, escalate, ...)."""

    violation_id: str
    pattern_id: str
    detector_id: str
    action: str
    dismissal_reason: str | None
    reason: str | None
    author: str | None
    created_at: int


class FeedbackStats(Record, frozen=True):
    """Feedback counted by action; ``total_count`` also counts actions not named here."""

    total_count: int = 0
    fix_count: int = 0
    dismiss_count: int = 0
    suppress_count: int = 0
    escalate_count: int = 0


class PolicyResultRow(Record, frozen=True):
    """One evaluation of a policy over its gates; ``id`` and ``run_at`` are set by storage."""

    id: int
    policy_name: str
    aggregation_mode: str
    overall_passed: bool
    overall_score: float
    gate_count: int
    gates_passed: int
    gates_failed: int
    details: str | None
    run_at: int


class DegradationAlertRow(Record, frozen=True):
    """A metric that got worse between runs; ``id`` and ``created_at`` are set by storage."""

    id: int
    alert_type: str
    severity: str
    message: str
    current_value: float
    previous_value: float
    delta: float
    created_at: int


class PatternStatusRow(Record, frozen=True):
    """A pattern's place in its lifecycle (discovered, approved, ...) and who put it there."""

    pattern_id: str
    status: str
    approved_by: str | None
    approved_at: int | None
    confidence_at_approval: float | None
    reason: str | None
    updated_at: int


class PatternAuditRow(Record, frozen=True):
    """What the pattern audit needs to know about one scored pattern."""

    pattern_id: str
    category: str
    confidence: float
    location_count: int
    outlier_count: int
    status: str
    has_error_issues: bool


# Dismissal reasons that say nothing about whether the pattern is right: no beta added.
_NEUTRAL_DISMISSALS = frozenset({"wont_fix", "duplicate"})


def feedback_adjustment(action: str, dismissal_reason: str | None) -> tuple[float, float]:
    """The ``(alpha_delta, beta_delta)`` one feedback row contributes to its pattern's posterior.

    A fix confirms the pattern; an escalation half-confirms it. A dismissal counts against it by
    how strongly the reason refutes it (false positive 0.5, not applicable or unstated 0.25, won't
    fix or duplicate nothing); a suppression counts 0.1 against. Unknown actions count nothing.
    """
    if action == "fix":
        return (1.0, 0.0)
    if action == "escalate":
        return (0.5, 0.0)
    if action == "suppress":
        return (0.0, 0.1)
    if action == "dismiss":
        if dismissal_reason == "false_positive":
            return (0.0, 0.5)
        if dismissal_reason in _NEUTRAL_DISMISSALS:
            return (0.0, 0.0)
        return (0.0, 0.25)
    return (0.0, 0.0)
