"""What storage says about the latest analysis: for summaries of runs that changed nothing
and for ``drift patterns`` / ``drift violations``."""

from __future__ import annotations

from dataclasses import dataclass

from drift.analysis.lifecycle import PatternStatus, is_derived
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.summary import (
    Verdict,
    ViolationCounts,
    patterns_line,
    verdict_line,
    violations_line,
)


@dataclass(frozen=True, slots=True)
class StoredState:
    """Counts of the stored analysis and enforcement."""

    patterns: int
    approved: int
    conventions: int
    violations: ViolationCounts
    verdict: Verdict | None


def stored_state(storage: PipelineStore) -> StoredState:
    """Read the counts a summary shows from storage."""
    scored = {
        row.pattern_id for row in storage.query_all_confidence() if not is_derived(row.pattern_id)
    }
    approved = {
        row.pattern_id
        for row in storage.query_all_pattern_statuses(PatternStatus.APPROVED.value)
        if row.pattern_id in scored
    }
    verdicts = storage.query_recent_policy_results(1)
    return StoredState(
        patterns=len(scored),
        approved=len(approved),
        # A convention is kept a while unseen (a noisy run loses none); one of a pattern no
        # longer learned is not counted among the patterns learned (0 learned, 1 convention).
        conventions=sum(
            1
            for row in storage.query_all_conventions()
            if row.promotion_status != "expired" and row.pattern_id in scored
        ),
        violations=ViolationCounts.of(storage.query_all_violations()),
        verdict=Verdict.of(verdicts[0]) if verdicts else None,
    )


def state_lines(state: StoredState) -> list[str]:
    """What storage holds of the last analysis, as a summary shows it (``drift status``)."""
    lines = [
        patterns_line(state.patterns, state.approved, state.conventions),
        violations_line(state.violations),
    ]
    if state.verdict is not None:
        lines.append(verdict_line(state.verdict))
    return lines
