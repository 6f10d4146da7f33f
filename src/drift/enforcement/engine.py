"""``enforce``: the enforcement stage of the pipeline, run after analysis.

It reads what analysis stored (pattern statuses, confidence, detections, outliers, conventions,
error gaps, secrets, taint flows, constraint verifications), turns it into violations, runs the
gates, applies the policy, and writes violations, gate results, the policy result, degradation
alerts, a health-trend sample and an audit snapshot back, all through the storage protocols.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

from drift.enforcement.feedback import dismissals
from drift.enforcement.findings import PATTERN_SOURCES
from drift.enforcement.gates import (
    CONSTRAINT_VERIFICATION,
    ERROR_HANDLING,
    PATTERN_COMPLIANCE,
    REGRESSION,
    SECURITY_BOUNDARIES,
    GateOutcome,
    constraint_gate,
    counted,
    error_handling_gate,
    latest_constraint_results,
    pattern_compliance_gate,
    regression_gate,
    security_gate,
    timed,
)
from drift.enforcement.health import HEALTH_METRIC, degradation_alerts, health_report
from drift.enforcement.pattern_findings import (
    GroupOf,
    PatternContext,
    findings_if_approved,
    load_pattern_context,
    pattern_findings,
)
from drift.enforcement.policy import DEFAULT_POLICY, Policy, evaluate_policy, get_policy
from drift.enforcement.result import EnforcementResult
from drift.enforcement.severity import Severity
from drift.enforcement.sources import SourceLines, file_line_reader
from drift.enforcement.store import EnforcementStore
from drift.enforcement.structural_findings import structural_findings
from drift.enforcement.violations import Violation, build_violations, function_scopes
from drift.records.analysis import DetectionRow, FunctionRow
from drift.records.batch import (
    InsertDegradationAlerts,
    InsertGateResults,
    InsertHealthTrends,
    ReplaceViolations,
)
from drift.records.enforcement import GateResultRow, HealthTrendRow, ViolationRow


def category_scores(context: PatternContext, violations: Sequence[Violation]) -> dict[str, float]:
    """Per category of approved patterns: locations / (locations + counted violations) x 100."""
    locations: Counter[str] = Counter()
    for pattern_id in context.approved:
        item = context.facts.get(pattern_id)
        if item is not None:
            locations[item.category] += item.location_count
    broken: Counter[str] = Counter(
        v.row.rule_id.split("/", 1)[0]
        for v in violations
        if v.active and v.source in PATTERN_SOURCES
    )
    scores: dict[str, float] = {}
    for category in sorted(set(locations) | set(broken)):
        total = locations[category] + broken[category]
        scores[category] = round(locations[category] / total * 100.0, 4) if total else 100.0
    return scores


def enforce(
    storage: EnforcementStore,
    *,
    root: Path,
    policy: str | Policy = DEFAULT_POLICY,
    previous: Iterable[ViolationRow] | None = None,
    source_lines: SourceLines | None = None,
    new_only: bool = False,
    timer: Callable[[], float] = time.perf_counter,
    detections: Sequence[DetectionRow] | None = None,
    functions: Mapping[str, Sequence[FunctionRow]] | None = None,
    reanalysed: bool = True,
    group_of: GroupOf | None = None,
    renamed: Mapping[str, str] | None = None,
    renamed_functions: Mapping[tuple[str, str], str] | None = None,
    still_new: Collection[str] | None = None,
    baseline_known: bool = True,
) -> EnforcementResult:
    """Produce and store this run's violations, gate results and policy verdict.

    ``root`` is the scanned tree (stored paths are relative to it). ``previous`` is the previous
    run's violations, the baseline for ``is_new``; by default the stored violations are read
    before this run writes its own. ``source_lines`` reads a file's lines by repo-relative path
    (default: from ``root``). With ``new_only`` the gates judge only new violations. ``timer``
    measures gate execution times (inject a fixed one for reproducible rows). ``detections``
    (every stored detection) and ``functions`` (every stored function, by file, in storage's
    order) spare reading back what the caller just read or wrote; by default they are read.
    ``reanalysed`` False says nothing was analysed since the last enforcement (``drift check``
    right after ``drift scan``, or after approving a pattern): the regression gate then judges
    the last analysis against the health it was judged against, so that the same code gets the
    same verdict however often it is checked. ``group_of`` gives each pattern's convention group
    (see ``pattern_findings``; default: its category). ``renamed`` maps files moved without a
    change to their old paths: their violations are new only if they were new at the old path;
    ``renamed_functions`` functions renamed in place, ``(file, new name)`` to the old name,
    likewise.
    ``still_new``, given when the same code is judged again, names the violations that are new
    (the last run's new ones): no other is, whatever rule change brought it in (see
    ``build_violations``). ``baseline_known`` False says no earlier analysis was enforced, so
    every violation is new for want of a baseline (the report and the stored verdict say so).
    Raises ``ConfigError`` for an unknown policy name, before anything is read or written.
    """
    chosen = get_policy(policy)
    baseline = list(previous) if previous is not None else storage.query_all_violations()
    last_gates = {g.gate_id: g for g in storage.query_gate_results()}
    previous_gate_scores = {gate_id: g.score for gate_id, g in last_gates.items()}
    previous_health = _health_before(storage, last_gates.get(REGRESSION), reanalysed=reanalysed)
    snapshots = storage.query_audit_snapshots(1)
    reader = source_lines if source_lines is not None else file_line_reader(root)

    population = Counter(v.pattern_id for v in baseline)
    context = load_pattern_context(storage, detections, group_of, population)
    findings = pattern_findings(storage, context) + structural_findings(
        storage, sorted(context.tracked_files), functions, population
    )
    dismissed = dismissals(storage, {finding.pattern_id for finding in findings})
    scopes = function_scopes(
        storage.get_functions_by_file if functions is None else lambda file: functions.get(file, ())
    )
    built = build_violations(
        findings,
        reader,
        frozenset(v.id for v in baseline),
        dismissed,
        scope_of=scopes,
        renamed_from=renamed,
        renamed_functions=renamed_functions,
        still_new=still_new,
    )
    violations = built.violations

    gates: list[GateOutcome] = [
        timed(
            PATTERN_COMPLIANCE,
            lambda: pattern_compliance_gate(
                violations,
                approved_patterns=context.approved_conventions,
                approved_locations=context.approved_locations,
                new_only=new_only,
            ),
            timer,
        ),
        timed(
            CONSTRAINT_VERIFICATION,
            lambda: constraint_gate(latest_constraint_results(storage)),
            timer,
        ),
        timed(SECURITY_BOUNDARIES, lambda: security_gate(violations, new_only=new_only), timer),
        timed(ERROR_HANDLING, lambda: error_handling_gate(violations, new_only=new_only), timer),
    ]

    # The health and its alerts are the project's, whatever this run reports: under
    # ``new_only`` the gates judge only new violations, and a health from them became the next
    # full check's baseline (a comment-only change then "dropped" 68 to 53 and failed the
    # regression gate).
    whole = gates if not new_only else _whole_project_gates(context, violations, gates)
    alerts = degradation_alerts(
        counted_violations=len(counted(violations, new_only=False)),
        previous_counted_violations=sum(1 for v in baseline if not v.suppressed),
        gates=whole,
        previous_gate_scores=previous_gate_scores,
    )
    health = health_report(
        confidences=[context.confidence[p] for p in sorted(context.confidence)],
        approved_scored=sum(1 for p in context.approved if p in context.confidence),
        compliance_gate=whole[0],
        gates=whole,
        duplicate_free_rate=built.duplicate_free_rate,
        alerts=[alert.message for alert in alerts],
    )
    new_errors = sum(
        1 for v in violations if v.active and v.row.is_new and v.severity is Severity.ERROR
    )
    same_patterns = not snapshots or snapshots[0].pattern_count == health.pattern_count
    gates.append(
        timed(
            REGRESSION,
            lambda: regression_gate(
                previous_health, health.score, new_errors, same_patterns=same_patterns
            ),
            timer,
        )
    )
    verdict = evaluate_policy(chosen, gates)

    # This run's violations replace the last run's in one command, only now that they are
    # known: an interrupt or an error before this point leaves the last run's set (the
    # baseline of the next ``--new-only``) as it was.
    storage.send_batch(ReplaceViolations([v.row for v in violations]))
    storage.send_batch(InsertGateResults([gate.to_row() for gate in gates]))
    if alerts:
        storage.send_batch(InsertDegradationAlerts(alerts))
    storage.send_batch(InsertHealthTrends([HealthTrendRow(HEALTH_METRIC, health.score, 0)]))
    # Readers after us (the CLI, the next stage) must see this run: flush before returning.
    storage.flush_sync()
    storage.insert_policy_result(verdict.to_row(new_only=new_only, baseline=baseline_known))
    storage.insert_audit_snapshot(health.to_snapshot(category_scores(context, violations)))

    return EnforcementResult(
        violations=violations,
        gates=tuple(gates),
        policy=verdict,
        health=health,
        new_only=new_only,
        root=root.resolve().as_posix(),
        baseline=baseline_known,
    )


def _whole_project_gates(
    context: PatternContext, violations: Sequence[Violation], judged: Sequence[GateOutcome]
) -> list[GateOutcome]:
    """The gates of a ``new_only`` run as a full run would have them (the constraint gate's
    result is the same either way), for the health score."""
    by_id = {gate.gate_id: gate for gate in judged}
    return [
        pattern_compliance_gate(
            violations,
            approved_patterns=context.approved_conventions,
            approved_locations=context.approved_locations,
        ),
        by_id[CONSTRAINT_VERIFICATION],
        security_gate(violations),
        error_handling_gate(violations),
    ]


def violations_if_approved(
    storage: EnforcementStore, pattern_id: str, *, root: Path, group_of: GroupOf | None = None
) -> list[Violation]:
    """What approving ``pattern_id`` would report, in file and line order: its outliers and the
    deviations charged to it, de-duplicated as ``enforce`` does. Those under a ``drift-ignore``
    comment or dismissed are included with ``row.suppressed`` set. Nothing is written."""
    findings = findings_if_approved(storage, pattern_id, group_of)
    dismissed = dismissals(storage, {pattern_id})
    scopes = function_scopes(storage.get_functions_by_file)
    built = build_violations(
        findings, file_line_reader(root), frozenset(), dismissed, scope_of=scopes
    )
    return sorted(built.violations, key=lambda v: (v.row.file, v.row.line, v.row.id))


def _health_before(
    storage: EnforcementStore, last: GateResultRow | None, *, reanalysed: bool
) -> float | None:
    """The health the regression gate compares with (None: there is none, the gate skips).

    After an analysis, the newest health sample: the last enforcement's, approvals and all.
    With nothing analysed since, the health the last enforcement compared with (each such
    enforcement records it again in its regression gate's details, ``last``), down to the
    analysis."""
    if reanalysed:
        samples = storage.query_health_trends(HEALTH_METRIC, 1)
        return samples[0].metric_value if samples else None
    if last is None or not last.details:
        return None  # never judged, or skipped on the first analysis
    try:
        previous = json.loads(last.details).get("previous_health")
    except (ValueError, AttributeError):  # not the details this engine writes
        return None
    return float(previous) if isinstance(previous, (int, float)) else None
