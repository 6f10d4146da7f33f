"""The `IDriftEnforcement` storage protocol: the 21 trait methods plus 7 pattern/gate queries.

The last seven (gate history, alert cleanup, pattern status, the audit rows) were reached around
the original's trait through a raw connection; DECISIONS #2 puts them here. Time-descending orders
break ties by ``id DESC``; input ``id``/timestamp fields the database used to fill are ignored and
set from the engine's clock.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.enforcement import (
    AuditSnapshotRow,
    DegradationAlertRow,
    FeedbackRow,
    FeedbackStats,
    GateResultRow,
    HealthTrendRow,
    PatternAuditRow,
    PatternStatusRow,
    PolicyResultRow,
    ViolationRow,
)


@runtime_checkable
class IDriftEnforcement(Protocol):
    """Violations, gate results, audit snapshots, health trends, feedback, policies, alerts."""

    # -- violations --------------------------------------------------------------------------

    def insert_violation(self, v: ViolationRow) -> None:
        """Insert a violation, replacing any with the same ``id``."""
        ...

    def query_violations_by_file(self, file: str) -> list[ViolationRow]:
        """Violations in ``file``, ordered by ``line`` then ``id``."""
        ...

    def query_all_violations(self) -> list[ViolationRow]:
        """Every violation, ordered by ``file``, ``line``, then ``id``."""
        ...

    # -- gate results ------------------------------------------------------------------------

    def insert_gate_result(self, g: GateResultRow) -> None:
        """Record a gate run; ``run_at`` is the engine's current time (the input's is ignored)."""
        ...

    def query_gate_results(self) -> list[GateResultRow]:
        """The latest run of each gate (by ``run_at``, ties to the later insert), by ``gate_id``."""
        ...

    # -- audit snapshots ---------------------------------------------------------------------

    def insert_audit_snapshot(self, s: AuditSnapshotRow) -> None:
        """Record an audit snapshot; ``created_at`` is the engine's current time."""
        ...

    def query_audit_snapshots(self, limit: int) -> list[AuditSnapshotRow]:
        """The newest ``limit`` snapshots, newest first."""
        ...

    # -- health trends -----------------------------------------------------------------------

    def insert_health_trend(self, metric_name: str, metric_value: float) -> None:
        """Record one sample of a health metric at the engine's current time."""
        ...

    def query_health_trends(self, metric_name: str, limit: int) -> list[HealthTrendRow]:
        """The newest ``limit`` samples of ``metric_name``, newest first."""
        ...

    # -- feedback ----------------------------------------------------------------------------

    def insert_feedback(self, f: FeedbackRow) -> None:
        """Record feedback on a violation; ``created_at`` is the engine's current time."""
        ...

    def query_feedback_by_detector(self, detector_id: str) -> list[FeedbackRow]:
        """Feedback for one detector, newest first."""
        ...

    def query_feedback_by_pattern(self, pattern_id: str) -> list[FeedbackRow]:
        """Feedback for one pattern, newest first."""
        ...

    def query_feedback_adjustments(self, pattern_id: str) -> list[tuple[float, float]]:
        """One ``(alpha_delta, beta_delta)`` per feedback row of the pattern, newest first."""
        ...

    def get_violation_pattern_id(self, violation_id: str) -> str | None:
        """The ``pattern_id`` of a violation, or None if there is no such violation."""
        ...

    def query_feedback_stats(self) -> FeedbackStats:
        """Feedback counted per known action, with a total over every action."""
        ...

    def count_needs_review(self) -> int:
        """Unsuppressed violations that have no ``dismiss`` or ``fix`` feedback."""
        ...

    # -- policy results ----------------------------------------------------------------------

    def insert_policy_result(self, row: PolicyResultRow) -> None:
        """Record a policy evaluation; ``id`` and ``run_at`` are set by storage."""
        ...

    def query_recent_policy_results(self, limit: int) -> list[PolicyResultRow]:
        """The newest ``limit`` policy results, newest first."""
        ...

    # -- degradation alerts ------------------------------------------------------------------

    def insert_degradation_alert(self, row: DegradationAlertRow) -> None:
        """Record an alert; ``id`` and ``created_at`` are set by storage."""
        ...

    def query_recent_degradation_alerts(self, limit: int) -> list[DegradationAlertRow]:
        """The newest ``limit`` alerts, newest first."""
        ...

    def query_degradation_alerts_by_type(self, alert_type: str) -> list[DegradationAlertRow]:
        """Every alert of one type, newest first."""
        ...

    # -- queries the original kept off its trait (DECISIONS #2) -----------------------------

    def query_gate_history(self, gate_id: str, limit: int) -> list[GateResultRow]:
        """The newest ``limit`` runs of one gate, newest first."""
        ...

    def clear_recovered_alerts(self) -> int:
        """Delete alerts created more than 24 hours (86,400 s) ago; returns how many."""
        ...

    def upsert_pattern_status(self, row: PatternStatusRow) -> None:
        """Insert or update a status; an ``auto`` write only re-times a human-approved row."""
        ...

    def query_pattern_status(self, pattern_id: str) -> PatternStatusRow | None:
        """The status row of one pattern, or None if it has none."""
        ...

    def query_all_pattern_statuses(
        self, status_filter: str | None = None
    ) -> list[PatternStatusRow]:
        """Status rows (only ``status_filter`` ones if given), newest ``updated_at`` first."""
        ...

    def count_patterns_by_status(self) -> list[tuple[str, int]]:
        """``(status, count)`` for every status in use, ordered by status."""
        ...

    def query_patterns_for_audit(self) -> list[PatternAuditRow]:
        """One audit row per scored pattern, by confidence descending, then ``pattern_id``."""
        ...
