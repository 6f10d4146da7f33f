"""`DriftEnforcementContract`: what every backend's `IDriftEnforcement` must do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from msgspec.structs import replace

from drift.records.analysis import DetectionRow, OutlierRow, PatternConfidenceRow
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
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import StorageUnderTest

DAY = 86_400


def ill_typed(value: object) -> Any:
    """Pass a deliberately ill-typed value past the type checker; storage must refuse it."""
    return value


def violation(
    id: str,
    file: str = "src/app.py",
    line: int = 1,
    *,
    pattern_id: str = "naming/snake",
    severity: str = "warning",
    suppressed: bool = False,
) -> ViolationRow:
    """A violation with the optional fields left empty."""
    return ViolationRow(
        id=id,
        file=file,
        line=line,
        column=None,
        end_line=None,
        end_column=None,
        severity=severity,
        pattern_id=pattern_id,
        rule_id="rule-1",
        message=f"violation {id}",
        quick_fix_strategy=None,
        quick_fix_description=None,
        cwe_id=None,
        owasp_category=None,
        suppressed=suppressed,
        is_new=False,
    )


def gate(gate_id: str, summary: str = "ok", *, passed: bool = True) -> GateResultRow:
    """A gate run; ``run_at`` is a placeholder that storage replaces."""
    return GateResultRow(
        gate_id=gate_id,
        status="passed" if passed else "failed",
        passed=passed,
        score=0.75,
        summary=summary,
        violation_count=3,
        warning_count=2,
        execution_time_ms=120,
        details='{"checked": 10}',
        error=None,
        run_at=0,
    )


def feedback(
    violation_id: str,
    action: str,
    dismissal_reason: str | None = None,
    *,
    pattern_id: str = "naming/snake",
    detector_id: str = "naming",
) -> FeedbackRow:
    """A feedback row; ``created_at`` is a placeholder that storage replaces."""
    return FeedbackRow(
        violation_id=violation_id,
        pattern_id=pattern_id,
        detector_id=detector_id,
        action=action,
        dismissal_reason=dismissal_reason,
        reason="because",
        author="dev@example.com",
        created_at=0,
    )


def snapshot(health_score: float) -> AuditSnapshotRow:
    """An audit snapshot; ``created_at`` is a placeholder that storage replaces."""
    return AuditSnapshotRow(
        health_score=health_score,
        avg_confidence=0.8,
        approval_ratio=0.5,
        compliance_rate=0.9,
        cross_validation_rate=0.4,
        duplicate_free_rate=1.0,
        pattern_count=12,
        category_scores='{"naming": 0.9}',
        created_at=0,
    )


def policy(name: str, *, passed: bool = True) -> PolicyResultRow:
    """A policy result; ``id`` and ``run_at`` are placeholders that storage replaces."""
    return PolicyResultRow(
        id=0,
        policy_name=name,
        aggregation_mode="all",
        overall_passed=passed,
        overall_score=0.5,
        gate_count=4,
        gates_passed=3,
        gates_failed=1,
        details=None,
        run_at=0,
    )


def alert(alert_type: str, message: str = "dropped") -> DegradationAlertRow:
    """An alert; ``id`` and ``created_at`` are placeholders that storage replaces."""
    return DegradationAlertRow(
        id=0,
        alert_type=alert_type,
        severity="warning",
        message=message,
        current_value=0.6,
        previous_value=0.8,
        delta=-0.2,
        created_at=0,
    )


def status(
    pattern_id: str,
    state: str,
    approved_by: str | None,
    updated_at: int,
    *,
    reason: str | None = None,
) -> PatternStatusRow:
    """A pattern status row approved at ``updated_at`` when it has an approver."""
    return PatternStatusRow(
        pattern_id=pattern_id,
        status=state,
        approved_by=approved_by,
        approved_at=None if approved_by is None else updated_at,
        confidence_at_approval=None if approved_by is None else 0.875,
        reason=reason,
        updated_at=updated_at,
    )


def confidence(pattern_id: str, posterior_mean: float) -> PatternConfidenceRow:
    """A scored pattern."""
    return PatternConfidenceRow(
        pattern_id=pattern_id,
        alpha=3.0,
        beta=1.0,
        posterior_mean=posterior_mean,
        credible_interval_low=0.25,
        credible_interval_high=0.95,
        tier="Established",
        momentum="Stable",
        last_updated=0,
    )


def detection(pattern_id: str, file: str, category: str, line: int = 1) -> DetectionRow:
    """A detection of ``pattern_id``; ``id`` and ``created_at`` are placeholders."""
    return DetectionRow(
        id=0,
        file=file,
        line=line,
        column_num=0,
        pattern_id=pattern_id,
        category=category,
        confidence=0.9,
        detection_method="ast",
        cwe_ids=None,
        owasp=None,
        matched_text=None,
        created_at=0,
    )


def outlier(pattern_id: str, line: int) -> OutlierRow:
    """An outlier of ``pattern_id``; ``id`` and ``created_at`` are placeholders."""
    return OutlierRow(
        id=0,
        pattern_id=pattern_id,
        file="src/odd.py",
        line=line,
        deviation_score=2.5,
        significance="high",
        method="zscore",
        created_at=0,
    )


# Every row of the feedback adjustment table (reference/storage.md §2.4), "any" rows twice.
FEEDBACK_TABLE: list[tuple[str, str | None, tuple[float, float]]] = [
    ("fix", None, (1.0, 0.0)),
    ("fix", "false_positive", (1.0, 0.0)),
    ("dismiss", "false_positive", (0.0, 0.5)),
    ("dismiss", "not_applicable", (0.0, 0.25)),
    ("dismiss", "wont_fix", (0.0, 0.0)),
    ("dismiss", "duplicate", (0.0, 0.0)),
    ("dismiss", "something_else", (0.0, 0.25)),
    ("dismiss", None, (0.0, 0.25)),
    ("suppress", None, (0.0, 0.1)),
    ("suppress", "false_positive", (0.0, 0.1)),
    ("escalate", None, (0.5, 0.0)),
    ("escalate", "wont_fix", (0.5, 0.0)),
    ("acknowledge", None, (0.0, 0.0)),
    ("acknowledge", "false_positive", (0.0, 0.0)),
]


class DriftEnforcementContract:
    """Contract tests for ``IDriftEnforcement``; subclass with a backend fixture mixin."""

    # -- violations --------------------------------------------------------------------------

    def test_violation_round_trips_every_field(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        full = ViolationRow(
            id="v-full",
            file="src/app.py",
            line=10,
            column=4,
            end_line=12,
            end_column=8,
            severity="error",
            pattern_id="security/sql",
            rule_id="SQL001",
            message="string-built SQL",
            quick_fix_strategy="parameterize",
            quick_fix_description="use placeholders",
            cwe_id=89,
            owasp_category="A03",
            suppressed=True,
            is_new=True,
        )
        bare = violation("v-bare", line=3)
        db.insert_violation(full)
        db.insert_violation(bare)
        rows = db.query_violations_by_file("src/app.py")
        assert rows == [bare, full]
        assert isinstance(rows[1].suppressed, bool)
        assert isinstance(rows[1].is_new, bool)
        assert db.query_violations_by_file("src/other.py") == []

    def test_insert_violation_replaces_the_same_id(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_violation(violation("v1", line=1))
        moved = replace(violation("v1", line=7), message="moved", suppressed=True)
        db.insert_violation(moved)
        assert db.query_all_violations() == [moved]

    def test_violations_by_file_are_ordered_by_line_then_id(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        for row in (violation("c", line=5), violation("b", line=2), violation("a", line=5)):
            db.insert_violation(row)
        db.insert_violation(violation("z", file="src/zz.py", line=1))
        assert [v.id for v in db.query_violations_by_file("src/app.py")] == ["b", "a", "c"]

    def test_all_violations_are_ordered_by_file_line_then_id(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        rows = [
            violation("v4", file="src/b.py", line=1),
            violation("v3", file="src/a.py", line=9),
            violation("v2", file="src/a.py", line=2),
            violation("v1", file="src/a.py", line=9),
        ]
        for row in rows:
            db.insert_violation(row)
        assert [v.id for v in db.query_all_violations()] == ["v2", "v1", "v3", "v4"]

    def test_get_violation_pattern_id(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_violation(violation("v1", pattern_id="errors/bare-except"))
        assert db.get_violation_pattern_id("v1") == "errors/bare-except"
        assert db.get_violation_pattern_id("missing") is None

    # -- gate results ------------------------------------------------------------------------

    def test_gate_result_is_stamped_with_the_clock(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_gate_result(replace(gate("coverage"), run_at=5))
        assert db.query_gate_results() == [replace(gate("coverage"), run_at=backend.clock.now)]

    def test_gate_results_keep_the_latest_run_per_gate(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_gate_result(gate("security", "first"))
        db.insert_gate_result(gate("complexity", "old"))
        backend.clock.advance(10)
        db.insert_gate_result(gate("complexity", "new", passed=False))
        db.insert_gate_result(gate("security", "second"))
        # Same run_at as "second": the later insert wins the tie.
        db.insert_gate_result(gate("security", "third"))
        # Inserted last but run earlier: not the latest run.
        backend.clock.advance(-20)
        db.insert_gate_result(gate("security", "backdated"))
        latest = db.query_gate_results()
        assert [(g.gate_id, g.summary) for g in latest] == [
            ("complexity", "new"),
            ("security", "third"),
        ]
        assert latest[0].passed is False

    def test_gate_history_is_newest_first_and_limited(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        for summary in ("r1", "r2"):
            db.insert_gate_result(gate("tests", summary))
        backend.clock.advance(60)
        db.insert_gate_result(gate("tests", "r3"))
        db.insert_gate_result(gate("lint", "other gate"))
        backend.clock.advance(60)
        db.insert_gate_result(gate("tests", "r4"))
        history = db.query_gate_history("tests", 3)
        assert [g.summary for g in history] == ["r4", "r3", "r2"]
        assert [g.summary for g in db.query_gate_history("tests", 10)] == ["r4", "r3", "r2", "r1"]
        assert db.query_gate_history("tests", 0) == []
        assert db.query_gate_history("unknown", 5) == []

    # -- audit snapshots, health trends ------------------------------------------------------

    def test_audit_snapshots_newest_first_with_limit(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        start = backend.clock.now
        db.insert_audit_snapshot(snapshot(0.5))
        db.insert_audit_snapshot(snapshot(0.6))
        backend.clock.advance(30)
        db.insert_audit_snapshot(replace(snapshot(1), created_at=1))
        rows = db.query_audit_snapshots(10)
        assert [s.health_score for s in rows] == [1.0, 0.6, 0.5]
        assert isinstance(rows[0].health_score, float)
        assert rows[0] == replace(snapshot(1.0), created_at=start + 30)
        assert [s.created_at for s in rows[1:]] == [start, start]
        assert [s.health_score for s in db.query_audit_snapshots(2)] == [1.0, 0.6]

    def test_health_trends_per_metric_newest_first(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        start = backend.clock.now
        db.insert_health_trend("health", 0.5)
        db.insert_health_trend("health", 0.25)
        db.insert_health_trend("coverage", 0.9)
        backend.clock.advance(5)
        db.insert_health_trend("health", 1)
        assert db.query_health_trends("health", 10) == [
            HealthTrendRow("health", 1.0, start + 5),
            HealthTrendRow("health", 0.25, start),
            HealthTrendRow("health", 0.5, start),
        ]
        assert db.query_health_trends("health", 1) == [HealthTrendRow("health", 1.0, start + 5)]
        assert db.query_health_trends("coverage", 10) == [HealthTrendRow("coverage", 0.9, start)]

    # -- feedback ----------------------------------------------------------------------------

    def test_feedback_round_trips_newest_first(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        start = backend.clock.now
        first = feedback("v1", "fix")
        second = feedback("v2", "dismiss", "false_positive")
        other = feedback("v3", "fix", pattern_id="other/pattern", detector_id="other")
        db.insert_feedback(replace(first, created_at=99))
        db.insert_feedback(second)
        backend.clock.advance(1)
        db.insert_feedback(other)
        third = feedback("v4", "escalate")
        db.insert_feedback(third)
        expected = [
            replace(third, created_at=start + 1),
            replace(second, created_at=start),
            replace(first, created_at=start),
        ]
        assert db.query_feedback_by_pattern("naming/snake") == expected
        assert db.query_feedback_by_detector("naming") == expected
        assert db.query_feedback_by_detector("other") == [replace(other, created_at=start + 1)]
        assert db.query_feedback_by_pattern("missing") == []

    @pytest.mark.parametrize(("action", "dismissal_reason", "deltas"), FEEDBACK_TABLE)
    def test_feedback_adjustment_table(
        self,
        backend: StorageUnderTest,
        action: str,
        dismissal_reason: str | None,
        deltas: tuple[float, float],
    ) -> None:
        db = backend.drift
        db.insert_feedback(feedback("v1", action, dismissal_reason))
        assert db.query_feedback_adjustments("naming/snake") == [deltas]

    def test_feedback_adjustments_follow_feedback_order(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_feedback(feedback("v1", "fix"))
        db.insert_feedback(feedback("v2", "suppress"))
        db.insert_feedback(feedback("v3", "fix", pattern_id="other"))
        backend.clock.advance(1)
        db.insert_feedback(feedback("v4", "dismiss", "false_positive"))
        assert db.query_feedback_adjustments("naming/snake") == [
            (0.0, 0.5),
            (0.0, 0.1),
            (1.0, 0.0),
        ]
        assert db.query_feedback_adjustments("none") == []

    def test_feedback_stats_count_every_action(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        assert db.query_feedback_stats() == FeedbackStats()
        actions = ["fix", "fix", "dismiss", "suppress", "escalate", "escalate", "escalate"]
        for index, action in enumerate([*actions, "acknowledge", "snooze"]):
            db.insert_feedback(feedback(f"v{index}", action))
        assert db.query_feedback_stats() == FeedbackStats(
            total_count=9, fix_count=2, dismiss_count=1, suppress_count=1, escalate_count=3
        )

    def test_count_needs_review(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        assert db.count_needs_review() == 0
        db.insert_violation(violation("open"))
        db.insert_violation(violation("suppressed", suppressed=True))
        db.insert_violation(violation("dismissed"))
        db.insert_violation(violation("fixed"))
        db.insert_violation(violation("escalated"))
        db.insert_feedback(feedback("dismissed", "dismiss", "wont_fix"))
        db.insert_feedback(feedback("fixed", "fix"))
        db.insert_feedback(feedback("escalated", "escalate"))
        db.insert_feedback(feedback("escalated", "suppress"))
        assert db.count_needs_review() == 2

    # -- policy results, degradation alerts --------------------------------------------------

    def test_policy_results_get_ids_and_run_at(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        start = backend.clock.now
        db.insert_policy_result(policy("strict"))
        db.insert_policy_result(policy("lenient", passed=False))
        backend.clock.advance(2)
        db.insert_policy_result(policy("latest"))
        rows = db.query_recent_policy_results(10)
        assert [(p.policy_name, p.run_at) for p in rows] == [
            ("latest", start + 2),
            ("lenient", start),
            ("strict", start),
        ]
        ids = [p.id for p in rows]
        assert ids[0] > ids[1] > ids[2] > 0
        assert rows[1] == replace(policy("lenient", passed=False), id=ids[1], run_at=start)
        assert rows[1].overall_passed is False
        assert [p.policy_name for p in db.query_recent_policy_results(1)] == ["latest"]

    def test_degradation_alerts_newest_first_and_by_type(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        start = backend.clock.now
        db.insert_degradation_alert(alert("confidence_drop", "a"))
        db.insert_degradation_alert(alert("coverage_drop", "b"))
        db.insert_degradation_alert(alert("confidence_drop", "c"))
        backend.clock.advance(3)
        db.insert_degradation_alert(alert("confidence_drop", "d"))
        recent = db.query_recent_degradation_alerts(3)
        assert [a.message for a in recent] == ["d", "c", "b"]
        assert recent[0].created_at == start + 3
        assert recent[0].id > recent[1].id > recent[2].id > 0
        assert recent[0] == replace(
            alert("confidence_drop", "d"), id=recent[0].id, created_at=start + 3
        )
        by_type = db.query_degradation_alerts_by_type("confidence_drop")
        assert [a.message for a in by_type] == ["d", "c", "a"]
        assert db.query_degradation_alerts_by_type("none") == []

    def test_clear_recovered_alerts_uses_the_clock(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_degradation_alert(alert("drop", "old"))
        backend.clock.advance(DAY)
        db.insert_degradation_alert(alert("drop", "new"))
        # Exactly one day old is not yet recovered.
        assert db.clear_recovered_alerts() == 0
        backend.clock.advance(1)
        assert db.clear_recovered_alerts() == 1
        assert [a.message for a in db.query_recent_degradation_alerts(10)] == ["new"]
        assert db.clear_recovered_alerts() == 0

    # -- pattern status ----------------------------------------------------------------------

    def test_pattern_status_round_trip(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        row = status("p1", "approved", "alice", 1_000, reason="matches the style guide")
        db.upsert_pattern_status(row)
        assert db.query_pattern_status("p1") == row
        assert db.query_pattern_status("p2") is None
        replaced = status("p1", "ignored", None, 2_000)
        db.upsert_pattern_status(replaced)
        assert db.query_pattern_status("p1") == replaced

    def test_auto_approver_never_overrides_a_person(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        human = status("p1", "approved", "alice", 100, reason="reviewed")
        db.upsert_pattern_status(human)
        db.upsert_pattern_status(status("p1", "ignored", "auto", 200, reason="low confidence"))
        assert db.query_pattern_status("p1") == replace(human, updated_at=200)
        # A person may still change it.
        bob = status("p1", "ignored", "bob", 300)
        db.upsert_pattern_status(bob)
        assert db.query_pattern_status("p1") == bob

    def test_auto_approver_overwrites_auto_and_unapproved_rows(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        db.upsert_pattern_status(status("p-auto", "approved", "auto", 100))
        later_auto = status("p-auto", "ignored", "auto", 200, reason="dropped")
        db.upsert_pattern_status(later_auto)
        assert db.query_pattern_status("p-auto") == later_auto
        db.upsert_pattern_status(status("p-new", "discovered", None, 100))
        auto = status("p-new", "approved", "auto", 150)
        db.upsert_pattern_status(auto)
        assert db.query_pattern_status("p-new") == auto

    def test_all_pattern_statuses_newest_first_and_filtered(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        rows = [
            status("b", "approved", "alice", 100),
            status("a", "approved", "alice", 100),
            status("c", "discovered", None, 300),
            status("d", "approved", "bob", 200),
        ]
        for row in rows:
            db.upsert_pattern_status(row)
        assert [s.pattern_id for s in db.query_all_pattern_statuses()] == ["c", "d", "a", "b"]
        approved = db.query_all_pattern_statuses("approved")
        assert [s.pattern_id for s in approved] == ["d", "a", "b"]
        assert db.query_all_pattern_statuses("ignored") == []

    def test_count_patterns_by_status_is_ordered_by_status(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        assert db.count_patterns_by_status() == []
        for index, state in enumerate(["ignored", "approved", "discovered", "approved"]):
            db.upsert_pattern_status(status(f"p{index}", state, None, 100))
        assert db.count_patterns_by_status() == [
            ("approved", 2),
            ("discovered", 1),
            ("ignored", 1),
        ]

    def test_patterns_for_audit(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        assert db.query_patterns_for_audit() == []
        for pattern_id, mean in (("p-top", 0.9), ("p-tie-b", 0.5), ("p-tie-a", 0.5)):
            db.upsert_confidence(confidence(pattern_id, mean))
        db.insert_detections(
            [
                *(detection("p-top", f"src/f{i}.py", "security") for i in range(3)),
                *(detection("p-top", f"src/g{i}.py", "style") for i in range(2)),
                detection("p-tie-b", "src/a.py", "zeta"),
                detection("p-tie-b", "src/b.py", "alpha"),
                detection("unscored", "src/a.py", "style"),
            ]
        )
        db.insert_outlier(outlier("p-top", 1))
        db.insert_outlier(outlier("p-top", 2))
        db.upsert_pattern_status(status("p-tie-b", "approved", "alice", 100))
        db.insert_violation(violation("v1", pattern_id="p-top", severity="critical"))
        db.insert_violation(
            violation("v2", pattern_id="p-tie-b", severity="error", suppressed=True)
        )
        db.insert_violation(violation("v3", pattern_id="p-tie-b", severity="warning"))
        db.insert_violation(violation("v4", pattern_id="p-tie-a", severity="error"))
        rows = db.query_patterns_for_audit()
        assert rows == [
            PatternAuditRow("p-top", "security", 0.9, 5, 2, "discovered", True),
            PatternAuditRow("p-tie-a", "unknown", 0.5, 0, 0, "discovered", True),
            PatternAuditRow("p-tie-b", "alpha", 0.5, 2, 0, "approved", False),
        ]
        assert all(isinstance(r.has_error_issues, bool) for r in rows)

    # -- validation --------------------------------------------------------------------------

    def test_wrong_types_fail_before_anything_is_written(self, backend: StorageUnderTest) -> None:
        db: Any = backend.drift
        bad_calls: list[Callable[[], object]] = [
            lambda: db.insert_violation("v1"),
            lambda: db.insert_violation(replace(violation("v1"), line=ill_typed("1"))),
            lambda: db.insert_violation(replace(violation("v1"), suppressed=ill_typed(1))),
            lambda: db.insert_gate_result(replace(gate("g"), score=ill_typed("high"))),
            lambda: db.insert_audit_snapshot(replace(snapshot(0.5), pattern_count=ill_typed(1.5))),
            lambda: db.insert_health_trend("health", "0.5"),
            lambda: db.insert_health_trend(1, 0.5),
            lambda: db.insert_feedback(replace(feedback("v1", "fix"), action=ill_typed(None))),
            lambda: db.insert_policy_result(replace(policy("p"), overall_passed=ill_typed(1))),
            lambda: db.insert_degradation_alert(replace(alert("a"), delta=ill_typed(None))),
            lambda: db.upsert_pattern_status(
                replace(status("p", "x", None, 1), updated_at=ill_typed(None))
            ),
            lambda: db.query_violations_by_file(None),
            lambda: db.query_gate_history("g", "3"),
            lambda: db.query_all_pattern_statuses(3),
            lambda: db.get_violation_pattern_id(7),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        for call in (
            lambda: db.query_audit_snapshots(-1),
            lambda: db.query_gate_history("g", -1),
            lambda: db.query_health_trends("health", -5),
        ):
            with pytest.raises(ValueError, match="limit"):
                call()
        assert_enforcement_empty(backend.drift)


def assert_enforcement_empty(db: DriftStorage) -> None:
    """Nothing was written to any enforcement table."""
    assert db.query_all_violations() == []
    assert db.query_gate_results() == []
    assert db.query_audit_snapshots(10) == []
    assert db.query_health_trends("health", 10) == []
    assert db.query_feedback_stats() == FeedbackStats()
    assert db.query_recent_policy_results(10) == []
    assert db.query_recent_degradation_alerts(10) == []
    assert db.query_all_pattern_statuses() == []
