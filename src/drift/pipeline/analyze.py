"""Pattern intelligence over the whole project, from what storage holds after the per-file stage.

Steps, each replacing what the previous analysis stored:

1. the project-wide detectors (convention-deviation learner, naming) re-derive their rows;
2. aggregation of every detection (de-duplicated by location, near-duplicates merged);
3. confidence: the Beta posterior with the real number of analysed files (DECISIONS #7), the
   age of the pattern's oldest surviving detection, momentum from the last ten analyses of its
   location count, and the stored feedback deltas;
4. outliers among each pattern's per-location confidences, at their own locations;
5. conventions (discovery, then promotion across runs);
6. pattern statuses: new patterns are ``discovered``; discovered ones that meet the rule are
   auto-approved (never one derived from another pattern, and never over a person's decision).

Everything is read and written through the storage protocols; the caller flushes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from msgspec.structs import replace

from drift.analysis.confidence import (
    AggregationResult,
    ConfidenceInput,
    ConfidenceScore,
    Momentum,
    Observation,
    PatternAggregate,
    aggregate,
    category_location_totals,
    momentum_from_history,
    score_pattern,
)
from drift.analysis.conventions import (
    ConventionState,
    PromotionStatus,
    discover_conventions,
    learn_group_key,
    update_conventions,
)
from drift.analysis.lifecycle import (
    AuditFacts,
    PatternState,
    PatternStatus,
    auto_approve,
    discovered,
    is_derived,
)
from drift.analysis.outliers import LocatedOutlier, pattern_outliers
from drift.analysis.packs import PatternSpec
from drift.analysis.packs.activity import INACTIVE_METHOD, applying, inactive_row, signalled_packs
from drift.pipeline.activity import PackActivity
from drift.pipeline.detect import (
    DERIVED_METHODS,
    LEARNED_CONVENTION,
    LEARNED_NAMING,
    NamingFinding,
    convention_deviations,
    named_symbols,
    naming_deviations,
    naming_findings,
)
from drift.pipeline.store_types import PipelineStore
from drift.records.analysis import (
    ConventionRow,
    DetectionRow,
    FunctionRow,
    OutlierRow,
    PatternConfidenceRow,
)
from drift.records.batch import (
    InsertHealthTrends,
    ReplaceConventions,
    ReplaceDerivedDetections,
    ReplaceOutliers,
    ReplacePatternConfidence,
    UpsertPatternStatuses,
)
from drift.records.enforcement import HealthTrendRow, PatternStatusRow

SECONDS_PER_DAY = 86_400
MOMENTUM_METRIC_PREFIX = "pattern_locations:"


@dataclass(frozen=True, slots=True)
class PatternAnalysis:
    """What one analysis found, for the summary and the stages after it."""

    aggregation: AggregationResult
    scores: Mapping[str, ConfidenceScore]
    outliers: Sequence[LocatedOutlier]
    conventions: Sequence[ConventionState]
    naming: Sequence[NamingFinding]
    derived: int
    new_patterns: Sequence[str]
    auto_approved: Sequence[str]
    stored: Sequence[DetectionRow]
    """Every detection as storage holds it after this analysis (ids included), so enforcement
    need not read them all back."""


def load_detections(storage: PipelineStore) -> list[DetectionRow]:
    """Every stored detection."""
    return storage.query_all_detections(storage.count_detections())


def applying_now(
    storage: PipelineStore, rows: Sequence[DetectionRow], activity: PackActivity | None
) -> list[DetectionRow]:
    """``rows`` without the detect signals and the matches of the packs ``activity`` finds no
    signal of (``drift.pipeline.activity``), which are recorded for later readers."""
    inactive = activity.inactive(signalled_packs(rows)) if activity is not None else frozenset()
    storage.send_batch(
        ReplaceDerivedDetections(INACTIVE_METHOD, [inactive_row(name) for name in sorted(inactive)])
    )
    return applying(rows, inactive)


def derive_detections(
    storage: PipelineStore,
    detections: Sequence[DetectionRow],
    specs: Mapping[str, PatternSpec],
    functions: Sequence[FunctionRow],
    now: int,
) -> tuple[list[DetectionRow], list[NamingFinding]]:
    """Re-derive the learner's and the naming detector's rows; returns every detection the
    aggregation sees (per-file ones plus the fresh derived ones, stamped ``now``)."""
    own = [row for row in detections if row.detection_method not in DERIVED_METHODS]
    learned = convention_deviations(own, specs)
    naming = naming_findings(named_symbols(functions))
    named = naming_deviations(naming)
    storage.send_batch(ReplaceDerivedDetections(LEARNED_CONVENTION, learned))
    storage.send_batch(ReplaceDerivedDetections(LEARNED_NAMING, named))
    fresh = [replace(row, created_at=now) for row in learned + named]
    return own + fresh, naming


def _ages(detections: Sequence[DetectionRow], now: int) -> dict[str, float]:
    oldest: dict[str, int] = {}
    for row in detections:
        known = oldest.get(row.pattern_id)
        if known is None or row.created_at < known:
            oldest[row.pattern_id] = row.created_at
    return {pid: max(0, now - at) / SECONDS_PER_DAY for pid, at in oldest.items()}


def _momentum(storage: PipelineStore, pattern: PatternAggregate) -> Momentum:
    metric = MOMENTUM_METRIC_PREFIX + pattern.pattern_id
    history = [row.metric_value for row in storage.query_health_trends(metric, 9)]
    return momentum_from_history([*reversed(history), float(pattern.location_count)])


def record_momentum_samples(storage: PipelineStore, result: AggregationResult) -> None:
    """Record each pattern's location count, the series momentum is read from next time."""
    samples = [
        # recorded_at 0: storage records the sample at its own time
        HealthTrendRow(
            MOMENTUM_METRIC_PREFIX + pattern.pattern_id, float(pattern.location_count), 0
        )
        for pattern in result.patterns
    ]
    if samples:
        storage.send_batch(InsertHealthTrends(samples))


def score_patterns(
    storage: PipelineStore,
    result: AggregationResult,
    detections: Sequence[DetectionRow],
    total_files: int,
    now: int,
) -> dict[str, ConfidenceScore]:
    """Score every aggregated pattern and store the confidences (replacing the old set)."""
    totals = category_location_totals(result.patterns)
    ages = _ages(detections, now)
    scores: dict[str, ConfidenceScore] = {}
    for pattern in result.patterns:
        deltas = storage.query_feedback_adjustments(pattern.pattern_id)
        feedback = (math.fsum(d[0] for d in deltas), math.fsum(d[1] for d in deltas))
        scores[pattern.pattern_id] = score_pattern(
            ConfidenceInput(
                pattern_id=pattern.pattern_id,
                location_count=pattern.location_count,
                file_spread=pattern.file_spread,
                category_location_total=max(
                    totals.get(pattern.category, 0), pattern.location_count
                ),
                total_files=max(total_files, pattern.file_spread),
                location_confidences=pattern.confidences,
                age_days=ages.get(pattern.pattern_id, 0.0),
                momentum=_momentum(storage, pattern),
                feedback=feedback,
            )
        )
    storage.send_batch(ReplacePatternConfidence([_confidence_row(s, now) for s in scores.values()]))
    return scores


def _confidence_row(score: ConfidenceScore, now: int) -> PatternConfidenceRow:
    return PatternConfidenceRow(
        pattern_id=score.pattern_id,
        alpha=score.alpha,
        beta=score.beta,
        posterior_mean=score.posterior_mean,
        credible_interval_low=score.credible_interval_low,
        credible_interval_high=score.credible_interval_high,
        tier=score.tier.value,
        momentum=score.momentum.value,
        last_updated=now,
    )


def find_outliers(storage: PipelineStore, result: AggregationResult) -> list[LocatedOutlier]:
    """Outliers of every top-level, non-derived pattern; stored in place of the old ones."""
    found = [
        outlier
        for pattern in result.top_level()
        if not is_derived(pattern.pattern_id)
        for outlier in pattern_outliers(pattern)
    ]
    storage.send_batch(
        ReplaceOutliers(
            [
                OutlierRow(
                    id=0,
                    pattern_id=o.pattern_id,
                    file=o.file,
                    line=o.line,
                    deviation_score=o.deviation_score,
                    significance=o.significance.value,
                    method=o.method,
                    created_at=0,
                )
                for o in found
            ]
        )
    )
    return found


def _state(row: ConventionRow) -> ConventionState:
    return ConventionState(
        pattern_id=row.pattern_id,
        category=row.category,
        scope=row.scope,
        dominance_ratio=row.dominance_ratio,
        promotion_status=PromotionStatus(row.promotion_status),
        discovered_at=row.discovered_at,
        last_seen=row.last_seen,
        expires_at=row.expires_at,
    )


def alternatives(specs: Mapping[str, PatternSpec]) -> dict[str, str]:
    """The learning group of each pattern the packs give alternatives in it (pattern id ->
    group): a group of one pattern (``group_by = "pattern_id"``, or a sub-type only it has)
    would make it "100 % dominant" whatever else the category holds."""
    keyed = {pid: learn_group_key(spec) for pid, spec in specs.items() if spec.learn}
    sizes = Counter(keyed.values())
    return {pid: group for pid, group in keyed.items() if sizes[group] > 1}


def track_conventions(
    storage: PipelineStore,
    result: AggregationResult,
    scores: Mapping[str, ConfidenceScore],
    total_files: int,
    now: int,
    *,
    specs: Mapping[str, PatternSpec],
    rules_changed: bool = False,
) -> list[ConventionState]:
    """Discover this run's conventions, carry the stored ones forward, store the new set.
    ``rules_changed``: the packs or Drift itself changed, and a convention this run did not find
    is no longer one (not kept for the 90 days that smooth over a noisy run)."""
    patterns = [p for p in result.top_level() if not is_derived(p.pattern_id)]
    found = discover_conventions(
        patterns,
        scores,
        total_files,
        groups=alternatives(specs),
        weaknesses=frozenset(pid for pid, spec in specs.items() if spec.cwe_ids),
    )
    previous = [_state(row) for row in storage.query_all_conventions()]
    states = update_conventions(previous, found, now, expire_unseen=rules_changed)
    storage.send_batch(
        ReplaceConventions(
            [
                ConventionRow(
                    id=0,
                    pattern_id=s.pattern_id,
                    category=s.category,
                    scope=s.scope,
                    dominance_ratio=s.dominance_ratio,
                    promotion_status=s.promotion_status.value,
                    discovered_at=s.discovered_at,
                    last_seen=s.last_seen,
                    expires_at=s.expires_at,
                )
                for s in states
            ]
        )
    )
    return states


def pattern_state(row: PatternStatusRow) -> PatternState:
    """A stored status row as a lifecycle state."""
    return PatternState(
        pattern_id=row.pattern_id,
        status=PatternStatus(row.status),
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        confidence_at_approval=row.confidence_at_approval,
        reason=row.reason,
        updated_at=row.updated_at,
    )


def status_row(state: PatternState) -> PatternStatusRow:
    """The stored form of a pattern state."""
    return PatternStatusRow(
        pattern_id=state.pattern_id,
        status=state.status.value,
        approved_by=state.approved_by,
        approved_at=state.approved_at,
        confidence_at_approval=state.confidence_at_approval,
        reason=state.reason,
        updated_at=state.updated_at,
    )


def update_statuses(
    storage: PipelineStore,
    result: AggregationResult,
    scores: Mapping[str, ConfidenceScore],
    outliers: Sequence[LocatedOutlier],
    now: int,
) -> tuple[list[str], list[str], list[PatternStatusRow]]:
    """Give new patterns a status and auto-approve the discovered ones that qualify.

    Returns the ids of the new patterns, of the patterns approved automatically now, and the
    status rows to write.
    """
    known = {row.pattern_id: pattern_state(row) for row in storage.query_all_pattern_statuses()}
    outlier_counts: dict[str, int] = {}
    for outlier in outliers:
        outlier_counts[outlier.pattern_id] = outlier_counts.get(outlier.pattern_id, 0) + 1
    open_errors: dict[str, int] = {}
    for violation in storage.query_all_violations():
        if not violation.suppressed and violation.severity in {"error", "critical"}:
            open_errors[violation.pattern_id] = open_errors.get(violation.pattern_id, 0) + 1
    new: list[str] = []
    approved: list[str] = []
    rows: list[PatternStatusRow] = []
    for pattern in result.patterns:
        pid = pattern.pattern_id
        state = known.get(pid)
        if state is None:
            state = discovered(pid, now)
            new.append(pid)
        after = state
        if not is_derived(pid) and pid in scores:
            facts = AuditFacts(
                posterior_mean=scores[pid].posterior_mean,
                location_count=pattern.location_count,
                outlier_count=outlier_counts.get(pid, 0),
                unsuppressed_error_violations=open_errors.get(pid, 0),
            )
            after = auto_approve(state, facts, now)
            if after is not state:
                approved.append(pid)
        if pid in new or after is not state:
            rows.append(status_row(after))
    return new, approved, rows


def analyze_patterns(
    storage: PipelineStore,
    *,
    specs: Mapping[str, PatternSpec],
    functions: Sequence[FunctionRow],
    total_files: int,
    now: int,
    rules_changed: bool = False,
    activity: PackActivity | None = None,
) -> PatternAnalysis:
    """Run every step of the module docstring (``rules_changed``: see ``track_conventions``).

    Everything goes through the batch writer (a direct write would wait for its transaction,
    which may be storing thousands of call edges meanwhile), flushed once at the end: the
    derived detections are then read back with the ids storage gave them.
    """
    stored = applying_now(storage, load_detections(storage), activity)
    detections, naming = derive_detections(storage, stored, specs, functions, now)
    result = aggregate(
        [
            Observation(d.pattern_id, d.category, d.file, d.line, d.column_num, d.confidence)
            for d in detections
        ]
    )
    scores = score_patterns(storage, result, detections, total_files, now)
    outliers = find_outliers(storage, result)
    conventions = track_conventions(
        storage, result, scores, total_files, now, specs=specs, rules_changed=rules_changed
    )
    new, approved, statuses = update_statuses(storage, result, scores, outliers, now)
    if statuses:
        storage.send_batch(UpsertPatternStatuses(statuses))
    record_momentum_samples(storage, result)
    storage.flush_sync()
    # The per-file rows were read above and nothing since touched them; only the derived ones
    # were replaced, and storage gave those their ids.
    own = [row for row in stored if row.detection_method not in DERIVED_METHODS]
    derived = [row for kind in DERIVED_METHODS for row in storage.get_detections_by_method(kind)]
    return PatternAnalysis(
        aggregation=result,
        scores=scores,
        outliers=outliers,
        conventions=conventions,
        naming=naming,
        derived=sum(1 for d in detections if d.detection_method in DERIVED_METHODS),
        new_patterns=new,
        auto_approved=approved,
        stored=own + derived,
    )
