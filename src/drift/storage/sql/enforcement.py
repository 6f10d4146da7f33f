"""Shared SQL for the `enforcement` domain, and the `SqlDriftEnforcement` mixin built on it.

Each insert/upsert statement lives with its parameter building in a module-level
``do_<method>(w, ...)`` function, so the batch writer can run the same write inside its own
transaction. Timestamps the original left to ``unixepoch()`` are explicit arguments there; the
mixin passes ``self._db.now()``.
"""

from __future__ import annotations

from typing import Any

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
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

# Degradation alerts older than this are considered recovered (one day).
ALERT_TTL_SECONDS = 86_400

# -- violations ------------------------------------------------------------------------------

VIOLATION_COLUMNS = (
    "id, file, line, column_num, end_line, end_column, severity, pattern_id, rule_id, message, "
    "quick_fix_strategy, quick_fix_description, cwe_id, owasp_category, suppressed, is_new"
)

UPSERT_VIOLATION = f"""
INSERT INTO violations ({VIOLATION_COLUMNS}, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    file = excluded.file,
    line = excluded.line,
    column_num = excluded.column_num,
    end_line = excluded.end_line,
    end_column = excluded.end_column,
    severity = excluded.severity,
    pattern_id = excluded.pattern_id,
    rule_id = excluded.rule_id,
    message = excluded.message,
    quick_fix_strategy = excluded.quick_fix_strategy,
    quick_fix_description = excluded.quick_fix_description,
    cwe_id = excluded.cwe_id,
    owasp_category = excluded.owasp_category,
    suppressed = excluded.suppressed,
    is_new = excluded.is_new,
    created_at = excluded.created_at
"""

SELECT_VIOLATIONS_BY_FILE = (
    f"SELECT {VIOLATION_COLUMNS} FROM violations WHERE file = ? ORDER BY line, id"
)
SELECT_ALL_VIOLATIONS = f"SELECT {VIOLATION_COLUMNS} FROM violations ORDER BY file, line, id"
SELECT_VIOLATION_PATTERN_ID = "SELECT pattern_id FROM violations WHERE id = ?"

# -- gate results ----------------------------------------------------------------------------

GATE_COLUMNS = (
    "gate_id, status, passed, score, summary, violation_count, warning_count, "
    "execution_time_ms, details, error, run_at"
)

INSERT_GATE_RESULT = f"""
INSERT INTO gate_results ({GATE_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

# The newest run per gate; run_at ties go to the later insert (id DESC), as everywhere.
SELECT_LATEST_GATE_RESULTS = f"""
SELECT {GATE_COLUMNS} FROM (
    SELECT {GATE_COLUMNS},
           ROW_NUMBER() OVER (PARTITION BY gate_id ORDER BY run_at DESC, id DESC) AS position
    FROM gate_results
) ranked
WHERE position = 1
ORDER BY gate_id
"""

SELECT_GATE_HISTORY = f"""
SELECT {GATE_COLUMNS} FROM gate_results
WHERE gate_id = ?
ORDER BY run_at DESC, id DESC
LIMIT ?
"""

# -- audit snapshots, health trends ----------------------------------------------------------

AUDIT_COLUMNS = (
    "health_score, avg_confidence, approval_ratio, compliance_rate, cross_validation_rate, "
    "duplicate_free_rate, pattern_count, category_scores, created_at"
)

INSERT_AUDIT_SNAPSHOT = (
    f"INSERT INTO audit_snapshots ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

SELECT_AUDIT_SNAPSHOTS = (
    f"SELECT {AUDIT_COLUMNS} FROM audit_snapshots ORDER BY created_at DESC, id DESC LIMIT ?"
)

INSERT_HEALTH_TREND = (
    "INSERT INTO health_trends (metric_name, metric_value, recorded_at) VALUES (?, ?, ?)"
)

SELECT_HEALTH_TRENDS = """
SELECT metric_name, metric_value, recorded_at FROM health_trends
WHERE metric_name = ?
ORDER BY recorded_at DESC, id DESC
LIMIT ?
"""

# -- feedback --------------------------------------------------------------------------------

FEEDBACK_COLUMNS = (
    "violation_id, pattern_id, detector_id, action, dismissal_reason, reason, author, created_at"
)

INSERT_FEEDBACK = f"INSERT INTO feedback ({FEEDBACK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

SELECT_FEEDBACK_BY_DETECTOR = (
    f"SELECT {FEEDBACK_COLUMNS} FROM feedback WHERE detector_id = ? "
    "ORDER BY created_at DESC, id DESC"
)
SELECT_FEEDBACK_BY_PATTERN = (
    f"SELECT {FEEDBACK_COLUMNS} FROM feedback WHERE pattern_id = ? "
    "ORDER BY created_at DESC, id DESC"
)
SELECT_FEEDBACK_ACTIONS_BY_PATTERN = """
SELECT action, dismissal_reason FROM feedback
WHERE pattern_id = ?
ORDER BY created_at DESC, id DESC
"""
SELECT_FEEDBACK_COUNTS = "SELECT action, COUNT(*) FROM feedback GROUP BY action ORDER BY action"

COUNT_NEEDS_REVIEW = """
SELECT COUNT(*) FROM violations v
WHERE v.suppressed = ?
  AND NOT EXISTS (
      SELECT 1 FROM feedback f
      WHERE f.violation_id = v.id AND f.action IN ('dismiss', 'fix')
  )
"""

# -- policy results, degradation alerts ------------------------------------------------------

POLICY_COLUMNS = (
    "id, policy_name, aggregation_mode, overall_passed, overall_score, gate_count, "
    "gates_passed, gates_failed, details, run_at"
)

INSERT_POLICY_RESULT = """
INSERT INTO policy_results (policy_name, aggregation_mode, overall_passed, overall_score,
                            gate_count, gates_passed, gates_failed, details, run_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

SELECT_RECENT_POLICY_RESULTS = (
    f"SELECT {POLICY_COLUMNS} FROM policy_results ORDER BY run_at DESC, id DESC LIMIT ?"
)

ALERT_COLUMNS = (
    "id, alert_type, severity, message, current_value, previous_value, delta, created_at"
)

INSERT_DEGRADATION_ALERT = """
INSERT INTO degradation_alerts (alert_type, severity, message, current_value, previous_value,
                                delta, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""

SELECT_RECENT_ALERTS = (
    f"SELECT {ALERT_COLUMNS} FROM degradation_alerts ORDER BY created_at DESC, id DESC LIMIT ?"
)
SELECT_ALERTS_BY_TYPE = (
    f"SELECT {ALERT_COLUMNS} FROM degradation_alerts WHERE alert_type = ? "
    "ORDER BY created_at DESC, id DESC"
)
DELETE_RECOVERED_ALERTS = "DELETE FROM degradation_alerts WHERE created_at < ?"

# -- pattern status --------------------------------------------------------------------------

STATUS_COLUMNS = (
    "pattern_id, status, approved_by, approved_at, confidence_at_approval, reason, updated_at"
)

# The auto-approver never overrides a human decision: when the incoming writer is 'auto' and
# the stored row was set by someone else, every column keeps its value except updated_at.
_HUMAN_ROW_KEPT = (
    "excluded.approved_by = 'auto' AND pattern_status.approved_by IS NOT NULL "
    "AND pattern_status.approved_by <> 'auto'"
)

UPSERT_PATTERN_STATUS = f"""
INSERT INTO pattern_status ({STATUS_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (pattern_id) DO UPDATE SET
    status = CASE WHEN {_HUMAN_ROW_KEPT}
                  THEN pattern_status.status ELSE excluded.status END,
    approved_by = CASE WHEN {_HUMAN_ROW_KEPT}
                       THEN pattern_status.approved_by ELSE excluded.approved_by END,
    approved_at = CASE WHEN {_HUMAN_ROW_KEPT}
                       THEN pattern_status.approved_at ELSE excluded.approved_at END,
    confidence_at_approval = CASE WHEN {_HUMAN_ROW_KEPT}
                                  THEN pattern_status.confidence_at_approval
                                  ELSE excluded.confidence_at_approval END,
    reason = CASE WHEN {_HUMAN_ROW_KEPT}
                  THEN pattern_status.reason ELSE excluded.reason END,
    updated_at = excluded.updated_at
"""

SELECT_PATTERN_STATUS = f"SELECT {STATUS_COLUMNS} FROM pattern_status WHERE pattern_id = ?"
SELECT_ALL_PATTERN_STATUSES = (
    f"SELECT {STATUS_COLUMNS} FROM pattern_status ORDER BY updated_at DESC, pattern_id"
)
SELECT_PATTERN_STATUSES_WITH = (
    f"SELECT {STATUS_COLUMNS} FROM pattern_status WHERE status = ? "
    "ORDER BY updated_at DESC, pattern_id"
)
COUNT_PATTERNS_BY_STATUS = (
    "SELECT status, COUNT(*) FROM pattern_status GROUP BY status ORDER BY status"
)

# One row per scored pattern. category: the category most of its detections carry (ties to the
# alphabetically first; 'unknown' without detections). has_error_issues: an unsuppressed
# violation of severity 'critical' or 'error' exists for the pattern.
SELECT_PATTERNS_FOR_AUDIT = """
SELECT pc.pattern_id,
       COALESCE(
           (SELECT d.category FROM detections d
            WHERE d.pattern_id = pc.pattern_id
            GROUP BY d.category
            ORDER BY COUNT(*) DESC, d.category
            LIMIT 1),
           'unknown'),
       pc.posterior_mean,
       (SELECT COUNT(*) FROM detections d WHERE d.pattern_id = pc.pattern_id),
       (SELECT COUNT(*) FROM outliers o WHERE o.pattern_id = pc.pattern_id),
       COALESCE(ps.status, 'discovered'),
       EXISTS (SELECT 1 FROM violations v
               WHERE v.pattern_id = pc.pattern_id
                 AND v.severity IN ('critical', 'error')
                 AND v.suppressed = ?)
FROM pattern_confidence pc
LEFT JOIN pattern_status ps ON ps.pattern_id = pc.pattern_id
ORDER BY pc.posterior_mean DESC, pc.pattern_id
"""


# -- writes shared with the batch writer -----------------------------------------------------


def do_insert_violation(w: SqlWriter, v: ViolationRow, created_at: int) -> int:
    """Insert or replace one violation (keyed on its text ``id``); returns rows written."""
    return w.write(
        UPSERT_VIOLATION,
        (
            v.id,
            v.file,
            v.line,
            v.column,
            v.end_line,
            v.end_column,
            v.severity,
            v.pattern_id,
            v.rule_id,
            v.message,
            v.quick_fix_strategy,
            v.quick_fix_description,
            v.cwe_id,
            v.owasp_category,
            v.suppressed,
            v.is_new,
            created_at,
        ),
    )


def do_insert_gate_result(w: SqlWriter, g: GateResultRow, run_at: int) -> int:
    """Insert one gate run stamped ``run_at`` (the row's own ``run_at`` is ignored)."""
    return w.write(
        INSERT_GATE_RESULT,
        (
            g.gate_id,
            g.status,
            g.passed,
            g.score,
            g.summary,
            g.violation_count,
            g.warning_count,
            g.execution_time_ms,
            g.details,
            g.error,
            run_at,
        ),
    )


def do_insert_audit_snapshot(w: SqlWriter, s: AuditSnapshotRow, created_at: int) -> int:
    """Insert one audit snapshot stamped ``created_at``."""
    return w.write(
        INSERT_AUDIT_SNAPSHOT,
        (
            s.health_score,
            s.avg_confidence,
            s.approval_ratio,
            s.compliance_rate,
            s.cross_validation_rate,
            s.duplicate_free_rate,
            s.pattern_count,
            s.category_scores,
            created_at,
        ),
    )


def do_insert_health_trend(
    w: SqlWriter, metric_name: str, metric_value: float, recorded_at: int
) -> int:
    """Insert one health-metric sample."""
    return w.write(INSERT_HEALTH_TREND, (metric_name, metric_value, recorded_at))


def do_insert_feedback(w: SqlWriter, f: FeedbackRow, created_at: int) -> int:
    """Insert one feedback row stamped ``created_at``."""
    return w.write(
        INSERT_FEEDBACK,
        (
            f.violation_id,
            f.pattern_id,
            f.detector_id,
            f.action,
            f.dismissal_reason,
            f.reason,
            f.author,
            created_at,
        ),
    )


def do_insert_policy_result(w: SqlWriter, row: PolicyResultRow, run_at: int) -> int:
    """Insert one policy result stamped ``run_at`` (the row's ``id`` is ignored)."""
    return w.write(
        INSERT_POLICY_RESULT,
        (
            row.policy_name,
            row.aggregation_mode,
            row.overall_passed,
            row.overall_score,
            row.gate_count,
            row.gates_passed,
            row.gates_failed,
            row.details,
            run_at,
        ),
    )


def do_insert_degradation_alert(w: SqlWriter, row: DegradationAlertRow, created_at: int) -> int:
    """Insert one alert stamped ``created_at`` (the row's ``id`` is ignored)."""
    return w.write(
        INSERT_DEGRADATION_ALERT,
        (
            row.alert_type,
            row.severity,
            row.message,
            row.current_value,
            row.previous_value,
            row.delta,
            created_at,
        ),
    )


def do_upsert_pattern_status(w: SqlWriter, row: PatternStatusRow) -> int:
    """Insert or update a pattern status, applying the auto-approver rule."""
    return w.write(
        UPSERT_PATTERN_STATUS,
        (
            row.pattern_id,
            row.status,
            row.approved_by,
            row.approved_at,
            row.confidence_at_approval,
            row.reason,
            row.updated_at,
        ),
    )


# -- rows out (column lists above are in field order; booleans come back as 0/1 on SQLite) -----


def _with_bools(r: Row, *positions: int) -> Row:
    """The row with the columns at ``positions`` read as booleans (SQLite returns 0/1)."""
    return tuple(bool(value) if i in positions else value for i, value in enumerate(r))


def _violation(r: Row) -> ViolationRow:
    return ViolationRow(*_with_bools(r, 14, 15))


def _gate_result(r: Row) -> GateResultRow:
    return GateResultRow(*_with_bools(r, 2))


def _policy_result(r: Row) -> PolicyResultRow:
    return PolicyResultRow(*_with_bools(r, 3))


def _audit_row(r: Row) -> PatternAuditRow:
    return PatternAuditRow(*_with_bools(r, 6))


def _count(value: Any) -> int:
    """A COUNT(*) read back; 0 when the query found no row."""
    return 0 if value is None else int(value)


class SqlDriftEnforcement:
    """`IDriftEnforcement` over a `SqlExecutor`."""

    _db: SqlExecutor

    # -- violations --------------------------------------------------------------------------

    def insert_violation(self, v: ViolationRow) -> None:
        """Insert a violation, replacing any with the same ``id``."""
        check_record(v, ViolationRow, "v")
        do_insert_violation(self._db, v, self._db.now())

    def query_violations_by_file(self, file: str) -> list[ViolationRow]:
        """Violations in ``file``, ordered by ``line`` then ``id``."""
        check_str("file", file)
        return [_violation(r) for r in self._db.read_all(SELECT_VIOLATIONS_BY_FILE, (file,))]

    def query_all_violations(self) -> list[ViolationRow]:
        """Every violation, ordered by ``file``, ``line``, then ``id``."""
        return [_violation(r) for r in self._db.read_all(SELECT_ALL_VIOLATIONS)]

    # -- gate results ------------------------------------------------------------------------

    def insert_gate_result(self, g: GateResultRow) -> None:
        """Record a gate run at the engine's current time."""
        check_record(g, GateResultRow, "g")
        do_insert_gate_result(self._db, g, self._db.now())

    def query_gate_results(self) -> list[GateResultRow]:
        """The latest run of each gate, ordered by ``gate_id``."""
        return [_gate_result(r) for r in self._db.read_all(SELECT_LATEST_GATE_RESULTS)]

    # -- audit snapshots, health trends ------------------------------------------------------

    def insert_audit_snapshot(self, s: AuditSnapshotRow) -> None:
        """Record an audit snapshot at the engine's current time."""
        check_record(s, AuditSnapshotRow, "s")
        do_insert_audit_snapshot(self._db, s, self._db.now())

    def query_audit_snapshots(self, limit: int) -> list[AuditSnapshotRow]:
        """The newest ``limit`` snapshots, newest first."""
        check_limit(limit)
        return [AuditSnapshotRow(*r) for r in self._db.read_all(SELECT_AUDIT_SNAPSHOTS, (limit,))]

    def insert_health_trend(self, metric_name: str, metric_value: float) -> None:
        """Record one sample of a health metric at the engine's current time."""
        check_str("metric_name", metric_name)
        value = check_float("metric_value", metric_value)
        do_insert_health_trend(self._db, metric_name, value, self._db.now())

    def query_health_trends(self, metric_name: str, limit: int) -> list[HealthTrendRow]:
        """The newest ``limit`` samples of ``metric_name``, newest first."""
        check_str("metric_name", metric_name)
        check_limit(limit)
        rows = self._db.read_all(SELECT_HEALTH_TRENDS, (metric_name, limit))
        return [HealthTrendRow(metric_name=r[0], metric_value=r[1], recorded_at=r[2]) for r in rows]

    # -- feedback ----------------------------------------------------------------------------

    def insert_feedback(self, f: FeedbackRow) -> None:
        """Record feedback on a violation at the engine's current time."""
        check_record(f, FeedbackRow, "f")
        do_insert_feedback(self._db, f, self._db.now())

    def query_feedback_by_detector(self, detector_id: str) -> list[FeedbackRow]:
        """Feedback for one detector, newest first."""
        check_str("detector_id", detector_id)
        return [
            FeedbackRow(*r) for r in self._db.read_all(SELECT_FEEDBACK_BY_DETECTOR, (detector_id,))
        ]

    def query_feedback_by_pattern(self, pattern_id: str) -> list[FeedbackRow]:
        """Feedback for one pattern, newest first."""
        check_str("pattern_id", pattern_id)
        return [
            FeedbackRow(*r) for r in self._db.read_all(SELECT_FEEDBACK_BY_PATTERN, (pattern_id,))
        ]

    def query_feedback_adjustments(self, pattern_id: str) -> list[tuple[float, float]]:
        """One ``(alpha_delta, beta_delta)`` per feedback row of the pattern, newest first."""
        check_str("pattern_id", pattern_id)
        rows = self._db.read_all(SELECT_FEEDBACK_ACTIONS_BY_PATTERN, (pattern_id,))
        return [feedback_adjustment(r[0], r[1]) for r in rows]

    def get_violation_pattern_id(self, violation_id: str) -> str | None:
        """The ``pattern_id`` of a violation, or None."""
        check_str("violation_id", violation_id)
        row = self._db.read_one(SELECT_VIOLATION_PATTERN_ID, (violation_id,))
        return None if row is None else str(row[0])

    def query_feedback_stats(self) -> FeedbackStats:
        """Feedback counted per known action, with a total over every action."""
        counts = {str(r[0]): _count(r[1]) for r in self._db.read_all(SELECT_FEEDBACK_COUNTS)}
        return FeedbackStats(
            total_count=sum(counts.values()),
            fix_count=counts.get("fix", 0),
            dismiss_count=counts.get("dismiss", 0),
            suppress_count=counts.get("suppress", 0),
            escalate_count=counts.get("escalate", 0),
        )

    def count_needs_review(self) -> int:
        """Unsuppressed violations that have no ``dismiss`` or ``fix`` feedback."""
        return _count(self._db.read_value(COUNT_NEEDS_REVIEW, (False,)))

    # -- policy results, degradation alerts --------------------------------------------------

    def insert_policy_result(self, row: PolicyResultRow) -> None:
        """Record a policy evaluation at the engine's current time."""
        check_record(row, PolicyResultRow)
        do_insert_policy_result(self._db, row, self._db.now())

    def query_recent_policy_results(self, limit: int) -> list[PolicyResultRow]:
        """The newest ``limit`` policy results, newest first."""
        check_limit(limit)
        rows = self._db.read_all(SELECT_RECENT_POLICY_RESULTS, (limit,))
        return [_policy_result(r) for r in rows]

    def insert_degradation_alert(self, row: DegradationAlertRow) -> None:
        """Record an alert at the engine's current time."""
        check_record(row, DegradationAlertRow)
        do_insert_degradation_alert(self._db, row, self._db.now())

    def query_recent_degradation_alerts(self, limit: int) -> list[DegradationAlertRow]:
        """The newest ``limit`` alerts, newest first."""
        check_limit(limit)
        return [DegradationAlertRow(*r) for r in self._db.read_all(SELECT_RECENT_ALERTS, (limit,))]

    def query_degradation_alerts_by_type(self, alert_type: str) -> list[DegradationAlertRow]:
        """Every alert of one type, newest first."""
        check_str("alert_type", alert_type)
        return [
            DegradationAlertRow(*r) for r in self._db.read_all(SELECT_ALERTS_BY_TYPE, (alert_type,))
        ]

    # -- the queries DECISIONS #2 added ------------------------------------------------------

    def query_gate_history(self, gate_id: str, limit: int) -> list[GateResultRow]:
        """The newest ``limit`` runs of one gate, newest first."""
        check_str("gate_id", gate_id)
        check_limit(limit)
        return [_gate_result(r) for r in self._db.read_all(SELECT_GATE_HISTORY, (gate_id, limit))]

    def clear_recovered_alerts(self) -> int:
        """Delete alerts created more than 86,400 s before now; returns how many."""
        return self._db.write(DELETE_RECOVERED_ALERTS, (self._db.now() - ALERT_TTL_SECONDS,))

    def upsert_pattern_status(self, row: PatternStatusRow) -> None:
        """Insert or update a status; an ``auto`` write keeps a human approver's row.

        When ``row.approved_by`` is ``'auto'`` and the stored row's approver is someone else
        (not NULL, not ``'auto'``), only ``updated_at`` is taken from ``row``.
        """
        check_record(row, PatternStatusRow)
        do_upsert_pattern_status(self._db, row)

    def query_pattern_status(self, pattern_id: str) -> PatternStatusRow | None:
        """The status row of one pattern, or None."""
        check_str("pattern_id", pattern_id)
        row = self._db.read_one(SELECT_PATTERN_STATUS, (pattern_id,))
        return None if row is None else PatternStatusRow(*row)

    def query_all_pattern_statuses(
        self, status_filter: str | None = None
    ) -> list[PatternStatusRow]:
        """Status rows, newest ``updated_at`` first; ties by ``pattern_id`` ascending."""
        check_opt_str("status_filter", status_filter)
        if status_filter is None:
            rows = self._db.read_all(SELECT_ALL_PATTERN_STATUSES)
        else:
            rows = self._db.read_all(SELECT_PATTERN_STATUSES_WITH, (status_filter,))
        return [PatternStatusRow(*r) for r in rows]

    def count_patterns_by_status(self) -> list[tuple[str, int]]:
        """``(status, count)`` for every status in use, ordered by status."""
        return [(str(r[0]), _count(r[1])) for r in self._db.read_all(COUNT_PATTERNS_BY_STATUS)]

    def query_patterns_for_audit(self) -> list[PatternAuditRow]:
        """One row per pattern in ``pattern_confidence``, by confidence desc, then pattern_id.

        ``category`` is the category most of the pattern's detections carry (ties go to the
        alphabetically first; ``'unknown'`` if it has none); ``confidence`` its posterior mean;
        ``location_count`` its detections; ``outlier_count`` its outliers; ``status`` its
        ``pattern_status`` (``'discovered'`` if none); ``has_error_issues`` whether an
        unsuppressed violation of severity ``critical`` or ``error`` exists for it.
        """
        return [_audit_row(r) for r in self._db.read_all(SELECT_PATTERNS_FOR_AUDIT, (False,))]
