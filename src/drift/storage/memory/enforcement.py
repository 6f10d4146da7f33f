"""The `enforcement` domain in plain Python: the `MemoryDriftEnforcement` mixin.

Orders and tie-breaks mirror the SQL in ``drift.storage.sql.enforcement`` exactly: Python's
``str`` ordering is code-point order, the same as SQLite's BINARY collation. Tables keyed by an
AUTOINCREMENT id hold rows in id order, so "ties by id" is the key.
"""

from __future__ import annotations

from collections import Counter

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
    feedback_adjustment,
)
from drift.records.validation import (
    check_float,
    check_limit,
    check_opt_str,
    check_record,
    check_str,
)
from drift.storage.memory.core import MemoryCore
from drift.storage.sql.enforcement import ALERT_TTL_SECONDS

_ERROR_SEVERITIES = frozenset({"critical", "error"})
_REVIEWED_ACTIONS = frozenset({"dismiss", "fix"})


def _opt_float(value: float | None) -> float | None:
    return None if value is None else float(value)


class MemoryDriftEnforcement(MemoryCore):
    """``IDriftEnforcement`` over dicts (violations by id, the rest by AUTOINCREMENT id)."""

    _t_violations: dict[str, ViolationRow]
    _t_gate_results: dict[int, GateResultRow]
    _t_audit_snapshots: dict[int, AuditSnapshotRow]
    _t_health_trends: dict[int, HealthTrendRow]
    _t_feedback: dict[int, FeedbackRow]
    _t_policy_results: dict[int, PolicyResultRow]
    _t_degradation_alerts: dict[int, DegradationAlertRow]
    _t_pattern_status: dict[str, PatternStatusRow]
    # Read for the pattern audit; owned by the analysis mixin.
    _t_pattern_confidence: dict[str, PatternConfidenceRow]
    _t_detections: dict[int, DetectionRow]
    _t_outliers: dict[int, OutlierRow]

    def _init_enforcement(self) -> None:
        self._t_violations = {}
        self._t_gate_results = {}
        self._t_audit_snapshots = {}
        self._t_health_trends = {}
        self._t_feedback = {}
        self._t_policy_results = {}
        self._t_degradation_alerts = {}
        self._t_pattern_status = {}

    # -- writes shared with the batch writer (lock held, arguments checked) -------------------

    def _insert_violation(self, v: ViolationRow) -> int:
        # Replacing a key moves it nowhere in a dict; reads sort, so position does not matter.
        self._t_violations[v.id] = v
        return 1

    def _insert_gate_result(self, g: GateResultRow) -> int:
        row = replace(g, score=float(g.score), run_at=self._now())
        self._t_gate_results[self._next_id("gate_results")] = row
        return 1

    def _insert_degradation_alert(self, row: DegradationAlertRow) -> int:
        new_id = self._next_id("degradation_alerts")
        self._t_degradation_alerts[new_id] = replace(
            row,
            id=new_id,
            current_value=float(row.current_value),
            previous_value=float(row.previous_value),
            delta=float(row.delta),
            created_at=self._now(),
        )
        return 1

    # -- violations --------------------------------------------------------------------------

    def insert_violation(self, v: ViolationRow) -> None:
        check_record(v, ViolationRow, "v")
        with self._lock:
            self._insert_violation(v)

    def query_violations_by_file(self, file: str) -> list[ViolationRow]:
        check_str("file", file)
        with self._lock:
            rows = [v for v in self._t_violations.values() if v.file == file]
        return sorted(rows, key=lambda v: (v.line, v.id))

    def query_all_violations(self) -> list[ViolationRow]:
        with self._lock:
            rows = list(self._t_violations.values())
        return sorted(rows, key=lambda v: (v.file, v.line, v.id))

    # -- gate results ------------------------------------------------------------------------

    def insert_gate_result(self, g: GateResultRow) -> None:
        check_record(g, GateResultRow, "g")
        with self._lock:
            self._insert_gate_result(g)

    def query_gate_results(self) -> list[GateResultRow]:
        with self._lock:
            latest: dict[str, tuple[int, int, GateResultRow]] = {}
            for row_id, row in self._t_gate_results.items():
                seen = latest.get(row.gate_id)
                if seen is None or (row.run_at, row_id) > (seen[0], seen[1]):
                    latest[row.gate_id] = (row.run_at, row_id, row)
        return [latest[gate_id][2] for gate_id in sorted(latest)]

    def query_gate_history(self, gate_id: str, limit: int) -> list[GateResultRow]:
        check_str("gate_id", gate_id)
        check_limit(limit)
        with self._lock:
            runs = [
                (r.run_at, i, r) for i, r in self._t_gate_results.items() if r.gate_id == gate_id
            ]
        runs.sort(key=lambda run: (run[0], run[1]), reverse=True)
        return [run[2] for run in runs[:limit]]

    # -- audit snapshots, health trends ------------------------------------------------------

    def insert_audit_snapshot(self, s: AuditSnapshotRow) -> None:
        check_record(s, AuditSnapshotRow, "s")
        with self._lock:
            self._t_audit_snapshots[self._next_id("audit_snapshots")] = AuditSnapshotRow(
                health_score=float(s.health_score),
                avg_confidence=float(s.avg_confidence),
                approval_ratio=float(s.approval_ratio),
                compliance_rate=float(s.compliance_rate),
                cross_validation_rate=float(s.cross_validation_rate),
                duplicate_free_rate=float(s.duplicate_free_rate),
                pattern_count=s.pattern_count,
                category_scores=s.category_scores,
                created_at=self._now(),
            )

    def query_audit_snapshots(self, limit: int) -> list[AuditSnapshotRow]:
        check_limit(limit)
        with self._lock:
            rows = [(s.created_at, i, s) for i, s in self._t_audit_snapshots.items()]
        rows.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        return [entry[2] for entry in rows[:limit]]

    def insert_health_trend(self, metric_name: str, metric_value: float) -> None:
        check_str("metric_name", metric_name)
        value = check_float("metric_value", metric_value)
        with self._lock:
            self._t_health_trends[self._next_id("health_trends")] = HealthTrendRow(
                metric_name, value, self._now()
            )

    def query_health_trends(self, metric_name: str, limit: int) -> list[HealthTrendRow]:
        check_str("metric_name", metric_name)
        check_limit(limit)
        with self._lock:
            rows = [
                (t.recorded_at, i, t)
                for i, t in self._t_health_trends.items()
                if t.metric_name == metric_name
            ]
        rows.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        return [entry[2] for entry in rows[:limit]]

    # -- feedback ----------------------------------------------------------------------------

    def insert_feedback(self, f: FeedbackRow) -> None:
        check_record(f, FeedbackRow, "f")
        with self._lock:
            self._t_feedback[self._next_id("feedback")] = replace(f, created_at=self._now())

    def _feedback_newest_first(
        self, detector_id: str | None, pattern_id: str | None
    ) -> list[FeedbackRow]:
        with self._lock:
            rows = [
                (f.created_at, i, f)
                for i, f in self._t_feedback.items()
                if (detector_id is None or f.detector_id == detector_id)
                and (pattern_id is None or f.pattern_id == pattern_id)
            ]
        rows.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        return [entry[2] for entry in rows]

    def query_feedback_by_detector(self, detector_id: str) -> list[FeedbackRow]:
        check_str("detector_id", detector_id)
        return self._feedback_newest_first(detector_id, None)

    def query_feedback_by_pattern(self, pattern_id: str) -> list[FeedbackRow]:
        check_str("pattern_id", pattern_id)
        return self._feedback_newest_first(None, pattern_id)

    def query_feedback_adjustments(self, pattern_id: str) -> list[tuple[float, float]]:
        check_str("pattern_id", pattern_id)
        return [
            feedback_adjustment(f.action, f.dismissal_reason)
            for f in self._feedback_newest_first(None, pattern_id)
        ]

    def get_violation_pattern_id(self, violation_id: str) -> str | None:
        check_str("violation_id", violation_id)
        with self._lock:
            row = self._t_violations.get(violation_id)
        return None if row is None else row.pattern_id

    def query_feedback_stats(self) -> FeedbackStats:
        with self._lock:
            counts = Counter(f.action for f in self._t_feedback.values())
        return FeedbackStats(
            total_count=sum(counts.values()),
            fix_count=counts["fix"],
            dismiss_count=counts["dismiss"],
            suppress_count=counts["suppress"],
            escalate_count=counts["escalate"],
        )

    def count_needs_review(self) -> int:
        with self._lock:
            reviewed = {
                f.violation_id for f in self._t_feedback.values() if f.action in _REVIEWED_ACTIONS
            }
            return sum(
                1 for v in self._t_violations.values() if not v.suppressed and v.id not in reviewed
            )

    # -- policy results, degradation alerts --------------------------------------------------

    def insert_policy_result(self, row: PolicyResultRow) -> None:
        check_record(row, PolicyResultRow)
        with self._lock:
            new_id = self._next_id("policy_results")
            self._t_policy_results[new_id] = replace(
                row, id=new_id, overall_score=float(row.overall_score), run_at=self._now()
            )

    def query_recent_policy_results(self, limit: int) -> list[PolicyResultRow]:
        check_limit(limit)
        with self._lock:
            rows = list(self._t_policy_results.values())
        rows.sort(key=lambda p: (p.run_at, p.id), reverse=True)
        return rows[:limit]

    def insert_degradation_alert(self, row: DegradationAlertRow) -> None:
        check_record(row, DegradationAlertRow)
        with self._lock:
            self._insert_degradation_alert(row)

    def query_recent_degradation_alerts(self, limit: int) -> list[DegradationAlertRow]:
        check_limit(limit)
        with self._lock:
            rows = list(self._t_degradation_alerts.values())
        rows.sort(key=lambda a: (a.created_at, a.id), reverse=True)
        return rows[:limit]

    def query_degradation_alerts_by_type(self, alert_type: str) -> list[DegradationAlertRow]:
        check_str("alert_type", alert_type)
        with self._lock:
            rows = [a for a in self._t_degradation_alerts.values() if a.alert_type == alert_type]
        rows.sort(key=lambda a: (a.created_at, a.id), reverse=True)
        return rows

    def clear_recovered_alerts(self) -> int:
        with self._lock:
            cutoff = self._now() - ALERT_TTL_SECONDS
            stale = [i for i, a in self._t_degradation_alerts.items() if a.created_at < cutoff]
            for alert_id in stale:
                del self._t_degradation_alerts[alert_id]
            return len(stale)

    # -- pattern status ----------------------------------------------------------------------

    def upsert_pattern_status(self, row: PatternStatusRow) -> None:
        check_record(row, PatternStatusRow)
        with self._lock:
            stored = self._t_pattern_status.get(row.pattern_id)
            keeps_human_row = (
                stored is not None
                and row.approved_by == "auto"
                and stored.approved_by is not None
                and stored.approved_by != "auto"
            )
            if stored is not None and keeps_human_row:
                self._t_pattern_status[row.pattern_id] = replace(stored, updated_at=row.updated_at)
            else:
                self._t_pattern_status[row.pattern_id] = replace(
                    row, confidence_at_approval=_opt_float(row.confidence_at_approval)
                )

    def query_pattern_status(self, pattern_id: str) -> PatternStatusRow | None:
        check_str("pattern_id", pattern_id)
        with self._lock:
            return self._t_pattern_status.get(pattern_id)

    def query_all_pattern_statuses(
        self, status_filter: str | None = None
    ) -> list[PatternStatusRow]:
        check_opt_str("status_filter", status_filter)
        with self._lock:
            rows = [
                s
                for s in self._t_pattern_status.values()
                if status_filter is None or s.status == status_filter
            ]
        # updated_at descending, pattern_id ascending: sort by the secondary key first.
        rows.sort(key=lambda s: s.pattern_id)
        rows.sort(key=lambda s: s.updated_at, reverse=True)
        return rows

    def count_patterns_by_status(self) -> list[tuple[str, int]]:
        with self._lock:
            counts = Counter(s.status for s in self._t_pattern_status.values())
        return sorted(counts.items())

    def query_patterns_for_audit(self) -> list[PatternAuditRow]:
        with self._lock:
            categories: dict[str, Counter[str]] = {}
            for d in self._t_detections.values():
                categories.setdefault(d.pattern_id, Counter())[d.category] += 1
            outliers = Counter(o.pattern_id for o in self._t_outliers.values())
            with_errors = {
                v.pattern_id
                for v in self._t_violations.values()
                if v.severity in _ERROR_SEVERITIES and not v.suppressed
            }
            rows: list[PatternAuditRow] = []
            for pc in self._t_pattern_confidence.values():
                counts = categories.get(pc.pattern_id, Counter())
                # Most frequent category; ties to the alphabetically first, as the SQL orders.
                category = min(counts, key=lambda c: (-counts[c], c)) if counts else "unknown"
                status = self._t_pattern_status.get(pc.pattern_id)
                rows.append(
                    PatternAuditRow(
                        pattern_id=pc.pattern_id,
                        category=category,
                        confidence=pc.posterior_mean,
                        location_count=sum(counts.values()),
                        outlier_count=outliers[pc.pattern_id],
                        status="discovered" if status is None else status.status,
                        has_error_issues=pc.pattern_id in with_errors,
                    )
                )
        rows.sort(key=lambda r: r.pattern_id)
        rows.sort(key=lambda r: r.confidence, reverse=True)
        return rows
