"""Feedback on violations: ``drift violations fix|dismiss ID`` and friends.

Each piece of feedback is stored (``insert_feedback``) and moves the confidence of the pattern
the violation belongs to at once, by the deltas of ``reference/analysis.md`` §4.5
(``drift.analysis.lifecycle.feedback_delta``): a fix adds 1 to alpha; a dismissal adds 0.5 to
beta for a false positive, 0.25 when not applicable or unexplained, nothing for won't-fix or
duplicate; a suppression adds 0.1 to beta; an escalation 0.5 to alpha. Alpha and beta never
fall below 0.01. The next analysis recomputes every posterior from the detections plus the sum
of the stored deltas, which lands where this adjustment moved it.

The feedback row's ``detector_id`` is the violation's rule id: the false-positive rate that
demotes a rule's severity is tracked per rule (``drift.enforcement.false_positives``).

Dismissing a violation whose latest feedback is already a dismissal records nothing: the second
row would move the pattern's confidence a second time for the same judgement.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from msgspec.structs import replace

from drift.analysis.confidence import PARAMETER_FLOOR, credible_interval, tier_for
from drift.analysis.lifecycle import DismissalReason, FeedbackAction, feedback_delta
from drift.errors import NotFound
from drift.records.analysis import PatternConfidenceRow
from drift.records.enforcement import FeedbackRow, ViolationRow
from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.enforcement import IDriftEnforcement


def _system_seconds() -> int:
    return int(time.time())


class FeedbackStore(IDriftAnalysis, IDriftEnforcement, Protocol):
    """The protocols feedback reads and writes."""


@dataclass(frozen=True, slots=True)
class FeedbackOutcome:
    """What recording feedback did: the row stored and the confidence before and after.

    ``recorded`` is False when nothing was stored (the violation was dismissed already):
    ``feedback`` is then the earlier dismissal, and both confidences are None.
    """

    feedback: FeedbackRow
    violation: ViolationRow
    previous: PatternConfidenceRow | None
    updated: PatternConfidenceRow | None
    recorded: bool = True


def find_violation(storage: IDriftEnforcement, violation_id: str) -> ViolationRow:
    """The stored violation ``violation_id``; NotFound if there is none."""
    pattern_id = storage.get_violation_pattern_id(violation_id)
    if pattern_id is not None:
        for row in storage.query_all_violations():
            if row.id == violation_id:
                return row
    raise NotFound(
        f"no violation with id '{violation_id}'",
        hint="list violation ids with `drift violations`; a violation whose code was fixed "
        "leaves the list at the next scan, and needs no `fix`",
    )


def adjusted_confidence(
    row: PatternConfidenceRow, delta: tuple[float, float], now: int
) -> PatternConfidenceRow:
    """``row`` with ``delta`` added to alpha and beta, and the mean, interval and tier redone."""
    alpha = max(PARAMETER_FLOOR, row.alpha + delta[0])
    beta = max(PARAMETER_FLOOR, row.beta + delta[1])
    mean = alpha / (alpha + beta)
    low, high = credible_interval(alpha, beta)
    return replace(
        row,
        alpha=alpha,
        beta=beta,
        posterior_mean=mean,
        credible_interval_low=low,
        credible_interval_high=high,
        tier=tier_for(mean).value,
        last_updated=now,
    )


def _confidence_of(storage: IDriftAnalysis, pattern_id: str) -> PatternConfidenceRow | None:
    for row in storage.query_all_confidence():
        if row.pattern_id == pattern_id:
            return row
    return None


def latest_feedback(storage: IDriftEnforcement, violation: ViolationRow) -> FeedbackRow | None:
    """The newest feedback on ``violation`` (its pattern's rows come newest first), or None."""
    for row in storage.query_feedback_by_pattern(violation.pattern_id):
        if row.violation_id == violation.id:
            return row
    return None


def record_feedback(
    storage: FeedbackStore,
    violation_id: str,
    action: FeedbackAction | str,
    *,
    dismissal_reason: DismissalReason | str | None = None,
    reason: str | None = None,
    author: str | None = None,
    clock: Callable[[], int] = _system_seconds,
) -> FeedbackOutcome:
    """Store feedback on a violation and move its pattern's confidence.

    NotFound if the violation does not exist; ValueError for an unknown action, or a dismissal
    reason given with an action other than ``dismiss``. Patterns without a stored confidence
    (error gaps, secrets, taint flows) get the feedback row only. The action the violation's
    latest feedback already records (a second dismissal, a second fix) stores nothing
    (``FeedbackOutcome.recorded`` is False).
    """
    chosen = FeedbackAction(action)
    if dismissal_reason is not None and chosen is not FeedbackAction.DISMISS:
        raise ValueError("a dismissal reason only goes with the 'dismiss' action")
    why = None if dismissal_reason is None else str(DismissalReason(dismissal_reason))
    violation = find_violation(storage, violation_id)
    earlier = latest_feedback(storage, violation)
    if earlier is not None and earlier.action == chosen.value:
        # One judgement of one violation: a second row would count it twice, in the pattern's
        # confidence and in the rule's false-positive rate (twenty fixes of one camelCase name
        # had made its convention "established" and its violations errors).
        return FeedbackOutcome(
            feedback=earlier, violation=violation, previous=None, updated=None, recorded=False
        )
    row = FeedbackRow(
        violation_id=violation.id,
        pattern_id=violation.pattern_id,
        detector_id=violation.rule_id,
        action=chosen.value,
        dismissal_reason=why,
        reason=reason,
        author=author,
        created_at=0,
    )
    storage.insert_feedback(row)
    if chosen is FeedbackAction.DISMISS and not violation.suppressed:
        # Listed as suppressed at once; the next enforcement keeps it so (``dismissals``).
        storage.insert_violation(replace(violation, suppressed=True))
    previous = _confidence_of(storage, violation.pattern_id)
    updated = None
    if previous is not None:
        delta = feedback_delta(chosen.value, why)
        updated = adjusted_confidence(previous, delta, clock())
        storage.upsert_confidence(updated)
    return FeedbackOutcome(feedback=row, violation=violation, previous=previous, updated=updated)


def fix(
    storage: FeedbackStore,
    violation_id: str,
    *,
    reason: str | None = None,
    author: str | None = None,
    clock: Callable[[], int] = _system_seconds,
) -> FeedbackOutcome:
    """Record that a violation was fixed: its pattern gains confidence (alpha + 1)."""
    return record_feedback(
        storage, violation_id, FeedbackAction.FIX, reason=reason, author=author, clock=clock
    )


def dismiss(
    storage: FeedbackStore,
    violation_id: str,
    *,
    dismissal_reason: DismissalReason | str | None = None,
    reason: str | None = None,
    author: str | None = None,
    clock: Callable[[], int] = _system_seconds,
) -> FeedbackOutcome:
    """Record that a violation was dismissed; its pattern loses confidence by the reason
    (0.25 to beta when no reason is given)."""
    return record_feedback(
        storage,
        violation_id,
        FeedbackAction.DISMISS,
        dismissal_reason=dismissal_reason,
        reason=reason,
        author=author,
        clock=clock,
    )


def dismissals(storage: IDriftEnforcement, pattern_ids: Iterable[str]) -> dict[str, str]:
    """The violations of these patterns whose latest feedback is a dismissal, by id, with
    the reason a report shows for them (``dismissed: false_positive``, or ``dismissed``).

    A later fix or escalation of the same id takes the dismissal back.
    """
    found: dict[str, str] = {}
    for pattern_id in sorted(set(pattern_ids)):
        latest: dict[str, FeedbackRow] = {}
        for row in storage.query_feedback_by_pattern(pattern_id):  # newest first
            latest.setdefault(row.violation_id, row)
        for violation_id, row in latest.items():
            if row.action == FeedbackAction.DISMISS.value:
                why = f": {row.dismissal_reason}" if row.dismissal_reason else ""
                found[violation_id] = "dismissed" + why
    return found
