"""Feedback: stored rows and their effect on pattern confidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.analysis.confidence import credible_interval
from drift.enforcement import enforce
from drift.enforcement.feedback import adjusted_confidence, dismiss, fix, record_feedback
from drift.errors import NotFound
from drift.records.analysis import PatternConfidenceRow
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import FakeClock
from tests.unit.enforcement.scenario import seed_naming_repo
from tests.unit.enforcement.seeding import Seeder


def deviation_id(storage: DriftStorage, root: Path) -> str:
    result = enforce(storage, root=root, timer=lambda: 0.0)
    return next(v.row.id for v in result.violations if v.source.value == "deviation")


def confidence(storage: DriftStorage, pattern_id: str) -> PatternConfidenceRow:
    return next(r for r in storage.query_all_confidence() if r.pattern_id == pattern_id)


def test_dismiss_as_false_positive(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    clock.advance(30)
    outcome = dismiss(
        storage,
        vid,
        dismissal_reason="false_positive",
        reason="generated",
        author="ana",
        clock=clock,
    )
    assert outcome.violation.id == vid
    stored = storage.query_feedback_by_pattern("NAME-SNAKE")
    rows = [(f.violation_id, f.detector_id, f.action, f.dismissal_reason, f.reason) for f in stored]
    assert rows == [(vid, "structural/NAME-SNAKE", "dismiss", "false_positive", "generated")]
    assert stored[0].author == "ana"
    assert storage.query_feedback_adjustments("NAME-SNAKE") == [(0.0, 0.5)]
    updated = confidence(storage, "NAME-SNAKE")
    assert (updated.alpha, updated.beta) == pytest.approx((19.0, 1.5))
    assert updated.posterior_mean == pytest.approx(19.0 / 20.5)
    assert (updated.credible_interval_low, updated.credible_interval_high) == pytest.approx(
        credible_interval(19.0, 1.5)
    )
    assert updated.tier == "established"
    assert updated.last_updated == clock.now
    assert outcome.previous is not None
    assert outcome.previous.beta == pytest.approx(1.0)
    assert outcome.updated == updated


def test_fix_raises_alpha(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    fix(storage, vid, clock=lambda: 1234)
    updated = confidence(storage, "NAME-SNAKE")
    assert (updated.alpha, updated.beta) == pytest.approx((20.0, 1.0))
    assert updated.last_updated == 1234
    assert storage.count_needs_review() == 3  # 4 unsuppressed violations, one now reviewed


@pytest.mark.parametrize(
    "case",
    [
        ("dismiss", None, (0.0, 0.25)),
        ("dismiss", "not_applicable", (0.0, 0.25)),
        ("dismiss", "wont_fix", (0.0, 0.0)),
        ("dismiss", "duplicate", (0.0, 0.0)),
        ("suppress", None, (0.0, 0.1)),
        ("escalate", None, (0.5, 0.0)),
    ],
)
def test_each_action_moves_confidence_by_its_delta(
    storage: DriftStorage,
    root: Path,
    seed: Seeder,
    case: tuple[str, str | None, tuple[float, float]],
) -> None:
    action, reason, delta = case
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    record_feedback(storage, vid, action, dismissal_reason=reason)
    updated = confidence(storage, "NAME-SNAKE")
    assert (updated.alpha, updated.beta) == pytest.approx((19.0 + delta[0], 1.0 + delta[1]))


def test_feedback_on_a_violation_without_confidence(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    result = enforce(storage, root=root, timer=lambda: 0.0)
    gap = next(v.row for v in result.violations if v.source.value == "error_gap")
    outcome = dismiss(storage, gap.id, dismissal_reason="not_applicable")
    assert outcome.previous is None
    assert outcome.updated is None
    assert (
        storage.query_feedback_by_detector("errors/error-gap-swallowed")[0].violation_id == gap.id
    )


def test_unknown_violation_and_bad_arguments(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    with pytest.raises(NotFound, match="no violation with id 'nope'"):
        fix(storage, "nope")
    with pytest.raises(ValueError, match="dismissal reason"):
        record_feedback(storage, vid, "fix", dismissal_reason="duplicate")
    with pytest.raises(ValueError, match="'praise' is not a valid FeedbackAction"):
        record_feedback(storage, vid, "praise")
    with pytest.raises(ValueError, match="'because' is not a valid DismissalReason"):
        dismiss(storage, vid, dismissal_reason="because")
    assert storage.query_feedback_stats().total_count == 0


def test_dismissals_demote_the_rule_on_the_next_run(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    dismiss(storage, vid, dismissal_reason="false_positive")
    # The confidence fell to 0.927, still >= 0.90; but 1 dismissal in 1 feedback row is a
    # false-positive rate above 20%, so the convention's deviations drop from error to warning.
    result = enforce(storage, root=root, timer=lambda: 0.0)
    severities = {v.row.line: v.row.severity for v in result.violations if v.row.file == "src/c.py"}
    assert severities == {1: "warning", 6: "warning", 9: "error"}


def test_adjusted_confidence_floors_parameters() -> None:
    row = PatternConfidenceRow("P", 0.5, 0.02, 0.96, 0.5, 1.0, "established", "stable", 0)
    low = adjusted_confidence(row, (-5.0, 0.0), now=9)
    assert low.alpha == 0.01
    assert low.posterior_mean == pytest.approx(0.01 / 0.03)
    assert low.tier == "uncertain"
    assert low.momentum == "stable"
    assert low.last_updated == 9


def test_a_dismissed_violation_stays_suppressed_until_feedback_takes_it_back(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    first = enforce(storage, root=root, timer=lambda: 0.0)
    vid = next(v.row.id for v in first.violations if v.source.value == "deviation")
    active_before = sum(1 for v in first.violations if v.active)

    clock.advance(10)
    dismiss(storage, vid, dismissal_reason="false_positive", clock=clock)
    stored = {row.id: row for row in storage.query_all_violations()}
    assert stored[vid].suppressed  # listed as suppressed at once, before any new check

    again = enforce(storage, root=root, timer=lambda: 0.0)
    dismissed = next(v for v in again.violations if v.row.id == vid)
    assert dismissed.row.suppressed
    assert dismissed.dismissed
    assert dismissed.suppression_reason == "dismissed: false_positive"
    assert sum(1 for v in again.violations if v.active) == active_before - 1

    clock.advance(10)
    fix(storage, vid, clock=clock)  # the latest word on the id is no longer a dismissal
    third = enforce(storage, root=root, timer=lambda: 0.0)
    back = next(v for v in third.violations if v.row.id == vid)
    assert back.active
    assert not back.dismissed
