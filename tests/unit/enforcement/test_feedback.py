"""Feedback: stored rows and their effect on pattern confidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.analysis.confidence import credible_interval
from drift.enforcement import GateStatus, enforce
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


def test_one_dismissal_does_not_demote_the_rule(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    dismiss(storage, vid, dismissal_reason="false_positive")
    # One dismissal in one piece of feedback is no rate yet: the convention's other deviation
    # (under a drift-ignore comment, so counted by nobody) keeps the convention's severity.
    result = enforce(storage, root=root, timer=lambda: 0.0)
    severities = {v.row.line: v.row.severity for v in result.violations if v.row.file == "src/c.py"}
    assert severities == {1: "error", 6: "error", 9: "error"}


GAP_FILES = [f"src/m{i}.py" for i in range(7)]


def seed_gaps(seed: Seeder) -> None:
    """Seven files, each with one generic handler that swallows its error (an error gap)."""
    for path in GAP_FILES:
        seed.file(path, "try:\n    go()\nexcept Exception:\n    pass\n")
        seed.error_gap(path, "<module>", "swallowed", line=3)


def gap_ids(storage: DriftStorage, root: Path) -> dict[str, str]:
    result = enforce(storage, root=root, timer=lambda: 0.0)
    return {v.row.file: v.row.id for v in result.violations}


def gap_severities(storage: DriftStorage, root: Path) -> dict[str, str]:
    result = enforce(storage, root=root, timer=lambda: 0.0)
    return {v.row.file: v.row.severity for v in result.violations if v.active}


@pytest.mark.parametrize(
    ("feedback", "demoted"),
    [
        # 2 of 5 violations with feedback dismissed as wrong: 40%, above 20%.
        ([("fix", None)] * 3 + [("dismiss", "false_positive")] * 2, True),
        # A dismissal without a reason counts against the rule, as in the reference's deltas.
        ([("fix", None)] * 3 + [("dismiss", None), ("dismiss", "not_applicable")], True),
        # Four violations with feedback are too few to tell, whatever they say.
        ([("dismiss", "false_positive")] * 4, False),
        # Won't-fix and duplicate say the finding is right: no false positive among them.
        ([("dismiss", "wont_fix")] * 3 + [("dismiss", "duplicate")] * 2, False),
        # 1 of 5 is 20%, not above it.
        ([("fix", None)] * 4 + [("dismiss", "false_positive")], False),
    ],
)
def test_a_rule_is_demoted_only_by_enough_feedback_calling_it_wrong(
    storage: DriftStorage,
    root: Path,
    seed: Seeder,
    feedback: list[tuple[str, str | None]],
    demoted: bool,
) -> None:
    seed_gaps(seed)
    ids = gap_ids(storage, root)
    for path, (action, reason) in zip(GAP_FILES, feedback, strict=False):
        record_feedback(storage, ids[path], action, dismissal_reason=reason)
    severities = gap_severities(storage, root)
    untouched = GAP_FILES[-1]  # no feedback on this one: it shows what the rule's record does
    assert severities[untouched] == ("warning" if demoted else "error")


def test_a_repeated_dismissal_counts_once(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_gaps(seed)
    ids = gap_ids(storage, root)
    for path in GAP_FILES[:3]:
        fix(storage, ids[path], clock=clock)
    clock.advance(10)
    first = dismiss(storage, ids[GAP_FILES[3]], dismissal_reason="false_positive", clock=clock)
    clock.advance(10)
    again = dismiss(storage, ids[GAP_FILES[3]], dismissal_reason="false_positive", clock=clock)
    assert first.recorded
    assert not again.recorded
    assert (again.feedback.violation_id, again.feedback.dismissal_reason) == (
        ids[GAP_FILES[3]],
        "false_positive",
    )
    rows = storage.query_feedback_by_pattern("error-gap-swallowed")
    assert len(rows) == 4  # three fixes and one dismissal, not two
    # 1 of 4 violations with feedback: below the minimum, and 25% of too little either way.
    assert gap_severities(storage, root)[GAP_FILES[-1]] == "error"


def test_a_repeated_dismissal_moves_confidence_once(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    dismiss(storage, vid, dismissal_reason="false_positive", clock=clock)
    clock.advance(10)
    again = dismiss(storage, vid, dismissal_reason="not_applicable", clock=clock)
    assert (again.recorded, again.previous, again.updated) == (False, None, None)
    assert storage.query_feedback_adjustments("NAME-SNAKE") == [(0.0, 0.5)]
    assert confidence(storage, "NAME-SNAKE").beta == pytest.approx(1.5)
    # A fix takes the dismissal back; dismissing after it is a new judgement, recorded.
    clock.advance(10)
    fix(storage, vid, clock=clock)
    clock.advance(10)
    assert dismiss(storage, vid, dismissal_reason="false_positive", clock=clock).recorded
    assert len(storage.query_feedback_by_pattern("NAME-SNAKE")) == 3


def test_a_repeated_fix_moves_confidence_once(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    vid = deviation_id(storage, root)
    before = confidence(storage, "NAME-SNAKE").alpha
    assert fix(storage, vid, clock=clock).recorded
    for _ in range(5):
        clock.advance(10)
        again = fix(storage, vid, clock=clock)
        assert (again.recorded, again.feedback.action) == (False, "fix")
    assert confidence(storage, "NAME-SNAKE").alpha == pytest.approx(before + 1)
    assert len(storage.query_feedback_by_pattern("NAME-SNAKE")) == 1


SECRETS_PY = """DB_PASSWORD = "Xk9#mPq2$vLw8Zr"
ADMIN_PASSWORD = "Tq7!vB2#kLm9Wx"
"""


@pytest.mark.parametrize("reason", ["not_applicable", "false_positive", "wont_fix", None])
def test_dismissing_one_secret_leaves_the_others_errors(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock, reason: str | None
) -> None:
    seed.file("settings.py", SECRETS_PY)
    seed.secret("settings.py", 1, kind="generic_secret", severity="high")
    seed.secret("settings.py", 2, kind="generic_secret", severity="high")
    first = enforce(storage, root=root, timer=lambda: 0.0)
    db_password = next(v.row.id for v in first.violations if v.row.line == 1)
    clock.advance(10)
    dismiss(storage, db_password, dismissal_reason=reason, clock=clock)

    clock.advance(10)
    again = enforce(storage, root=root, timer=lambda: 0.0)
    admin = next(v for v in again.violations if v.row.line == 2)
    assert (admin.row.severity, admin.active) == ("error", True)
    assert not again.passed

    # A new secret fails a --new-only check.
    clock.advance(10)
    seed.file("settings.py", SECRETS_PY + 'ROOT_PASSWORD = "Wm4$zR8!pK2#qV"\n')
    seed.secret("settings.py", 3, kind="generic_secret", severity="high")
    new_only = enforce(storage, root=root, timer=lambda: 0.0, new_only=True)
    root_password = next(v for v in new_only.violations if v.row.line == 3)
    assert (root_password.row.severity, root_password.row.is_new) == ("error", True)
    security = next(g for g in new_only.gates if g.gate_id == "security-boundaries")
    assert security.status is GateStatus.FAILED
    assert not new_only.passed


def test_no_amount_of_feedback_lowers_a_secret(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    lines = [f'PASSWORD_{i} = "Xk9#mPq2$vLw8Z{i}"' for i in range(7)]
    seed.file("settings.py", "\n".join(lines) + "\n")
    for line in range(1, 8):
        seed.secret("settings.py", line, kind="generic_secret", severity="high")
    first = enforce(storage, root=root, timer=lambda: 0.0)
    for v in first.violations[:6]:
        dismiss(storage, v.row.id, dismissal_reason="false_positive")
    again = enforce(storage, root=root, timer=lambda: 0.0)
    assert [(v.row.line, v.row.severity) for v in again.violations if v.active] == [(7, "error")]


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
