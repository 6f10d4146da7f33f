"""Pattern status (discovered, approved, ignored), auto-approval, and the feedback loop.

A new pattern is *discovered*. A user approves or ignores it (``drift patterns approve|ignore``)
or resets it to discovered. During analysis a discovered pattern is approved automatically
(``approved_by = "auto"``) when its posterior mean is >= 0.90, its outlier ratio <= 0.50, it
has >= 3 locations and no unsuppressed error violation; an automatic decision never replaces
a user's. Feedback on violations becomes alpha/beta deltas for the next confidence scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

AUTO_APPROVER = "auto"
AUTO_APPROVE_MIN_MEAN = 0.90
AUTO_APPROVE_MAX_OUTLIER_RATIO = 0.50
AUTO_APPROVE_MIN_LOCATIONS = 3
NEEDS_REVIEW_MIN_MEAN = 0.70

FP_ALERT_RATE = 0.10
FP_DISABLE_RATE = 0.20
FP_DISABLE_SECONDS = 30 * 86_400
ABUSE_WINDOW_SECONDS = 60
ABUSE_MAX_DISMISSALS = 100


def is_derived(pattern_id: str) -> bool:
    """True for ids the project-wide detectors derive from another pattern
    (``<id>/deviation`` and the like): they have no status of their own."""
    return "/" in pattern_id


class PatternStatus(StrEnum):
    """The user-facing status of a pattern."""

    DISCOVERED = "discovered"
    APPROVED = "approved"
    IGNORED = "ignored"


@dataclass(frozen=True, slots=True)
class PatternState:
    """A ``pattern_status`` row."""

    pattern_id: str
    status: PatternStatus
    approved_by: str | None
    approved_at: int | None
    confidence_at_approval: float | None
    reason: str | None
    updated_at: int

    @property
    def decided_by_user(self) -> bool:
        """Whether a person (not auto-approval) set the current approved/ignored status."""
        return self.status is not PatternStatus.DISCOVERED and self.approved_by != AUTO_APPROVER


def discovered(pattern_id: str, now: int) -> PatternState:
    """The state of a pattern seen for the first time."""
    return PatternState(pattern_id, PatternStatus.DISCOVERED, None, None, None, None, now)


def approve(
    state: PatternState, *, by: str, confidence: float, now: int, reason: str | None = None
) -> PatternState:
    """A user's approval (from any status); records who, when, and the confidence then."""
    if not by or by == AUTO_APPROVER:
        raise ValueError("a user approval needs the user's name; use auto_approve for 'auto'")
    return replace(
        state,
        status=PatternStatus.APPROVED,
        approved_by=by,
        approved_at=now,
        confidence_at_approval=confidence,
        reason=reason,
        updated_at=now,
    )


def ignore(state: PatternState, *, by: str, now: int, reason: str | None = None) -> PatternState:
    """A user's decision to ignore a pattern (from any status)."""
    if not by or by == AUTO_APPROVER:
        raise ValueError("ignoring a pattern is a user's decision and needs the user's name")
    return replace(
        state,
        status=PatternStatus.IGNORED,
        approved_by=by,
        approved_at=now,
        confidence_at_approval=None,
        reason=reason,
        updated_at=now,
    )


def reset(state: PatternState, now: int) -> PatternState:
    """Back to discovered, forgetting the earlier decision."""
    return discovered(state.pattern_id, now)


@dataclass(frozen=True, slots=True)
class AuditFacts:
    """What the auto-approval rule looks at for one pattern."""

    posterior_mean: float
    location_count: int
    outlier_count: int
    unsuppressed_error_violations: int

    @property
    def outlier_ratio(self) -> float:
        """Outliers per location."""
        return self.outlier_count / self.location_count if self.location_count else 0.0


def auto_approval_blockers(facts: AuditFacts) -> list[str]:
    """Why the pattern may not be auto-approved (empty when it may)."""
    blockers: list[str] = []
    if facts.posterior_mean < AUTO_APPROVE_MIN_MEAN:
        blockers.append(f"posterior mean {facts.posterior_mean:.3f} < {AUTO_APPROVE_MIN_MEAN}")
    if facts.outlier_ratio > AUTO_APPROVE_MAX_OUTLIER_RATIO:
        blockers.append(
            f"outlier ratio {facts.outlier_ratio:.3f} > {AUTO_APPROVE_MAX_OUTLIER_RATIO}"
        )
    if facts.location_count < AUTO_APPROVE_MIN_LOCATIONS:
        blockers.append(f"{facts.location_count} locations < {AUTO_APPROVE_MIN_LOCATIONS}")
    if facts.unsuppressed_error_violations > 0:
        blockers.append(f"{facts.unsuppressed_error_violations} unsuppressed error violations")
    return blockers


def auto_approve(state: PatternState, facts: AuditFacts, now: int) -> PatternState:
    """Apply the auto-approval rule to a discovered pattern.

    Only a discovered pattern can be auto-approved; approved and ignored ones are returned as
    they are, so a user's decision always stands. An earlier auto-approval also stands.
    """
    if state.status is not PatternStatus.DISCOVERED or auto_approval_blockers(facts):
        return state
    return replace(
        state,
        status=PatternStatus.APPROVED,
        approved_by=AUTO_APPROVER,
        approved_at=now,
        confidence_at_approval=facts.posterior_mean,
        reason="auto-approved: meets the confidence, outlier, size and violation rules",
        updated_at=now,
    )


class ReviewBucket(StrEnum):
    """The audit's triage of patterns that are not approved."""

    NEEDS_REVIEW = "needs_review"
    LIKELY_FALSE_POSITIVE = "likely_false_positive"


def review_bucket(posterior_mean: float) -> ReviewBucket:
    """>= 0.70 needs review; below is likely a false positive."""
    if posterior_mean >= NEEDS_REVIEW_MIN_MEAN:
        return ReviewBucket.NEEDS_REVIEW
    return ReviewBucket.LIKELY_FALSE_POSITIVE


# -- feedback -------------------------------------------------------------------------------


class FeedbackAction(StrEnum):
    """Actions recorded in the ``feedback`` table."""

    FIX = "fix"
    DISMISS = "dismiss"
    SUPPRESS = "suppress"
    ESCALATE = "escalate"


class DismissalReason(StrEnum):
    """Why a violation was dismissed."""

    FALSE_POSITIVE = "false_positive"
    NOT_APPLICABLE = "not_applicable"
    WONT_FIX = "wont_fix"
    DUPLICATE = "duplicate"


_DISMISS_DELTAS: dict[str, float] = {
    DismissalReason.FALSE_POSITIVE: 0.5,
    DismissalReason.NOT_APPLICABLE: 0.25,
    DismissalReason.WONT_FIX: 0.0,
    DismissalReason.DUPLICATE: 0.0,
}


def feedback_delta(action: str, dismissal_reason: str | None = None) -> tuple[float, float]:
    """The (alpha, beta) delta of one feedback row.

    fix +1 alpha; escalate +0.5 alpha; suppress +0.1 beta; dismiss +0.5 beta as a false
    positive, +0.25 when not applicable or for any other or no reason, 0 for won't-fix and
    duplicate; unknown actions nothing.
    """
    if action == FeedbackAction.FIX:
        return (1.0, 0.0)
    if action == FeedbackAction.ESCALATE:
        return (0.5, 0.0)
    if action == FeedbackAction.SUPPRESS:
        return (0.0, 0.1)
    if action == FeedbackAction.DISMISS:
        return (0.0, _DISMISS_DELTAS.get(dismissal_reason or "", 0.25))
    return (0.0, 0.0)


def feedback_adjustment(rows: Iterable[tuple[str, str | None]]) -> tuple[float, float]:
    """Summed (alpha, beta) deltas of a pattern's (action, dismissal_reason) feedback rows."""
    alpha = beta = 0.0
    for action, reason in rows:
        delta_alpha, delta_beta = feedback_delta(action, reason)
        alpha += delta_alpha
        beta += delta_beta
    return (alpha, beta)


def false_positive_rate(actions: Iterable[str]) -> float | None:
    """Dismissals over all feedback rows; None when there is no feedback."""
    total = dismissed = 0
    for action in actions:
        total += 1
        dismissed += action == FeedbackAction.DISMISS
    return dismissed / total if total else None


def false_positive_alert(rate: float | None) -> bool:
    """A false-positive rate above 10% raises an alert."""
    return rate is not None and rate > FP_ALERT_RATE


def should_auto_disable(history: Sequence[tuple[int, float]], now: int) -> bool:
    """Whether the rate has stayed above 20% for the last 30 days.

    ``history`` holds (timestamp, false-positive rate) observations. The rule is disabled when
    the latest observations are all above 20% and that unbroken run began at least 30 days ago.
    """
    run_start: int | None = None
    for timestamp, rate in sorted(history):
        if timestamp > now:
            break
        if rate > FP_DISABLE_RATE:
            run_start = timestamp if run_start is None else run_start
        else:
            run_start = None
    return run_start is not None and now - run_start >= FP_DISABLE_SECONDS


def is_feedback_abuse(dismissal_timestamps: Iterable[int]) -> bool:
    """More than 100 dismissals within any 60-second window (per user, as the caller groups)."""
    times = sorted(dismissal_timestamps)
    start = 0
    for end, timestamp in enumerate(times):
        while timestamp - times[start] >= ABUSE_WINDOW_SECONDS:
            start += 1
        if end - start + 1 > ABUSE_MAX_DISMISSALS:
            return True
    return False
