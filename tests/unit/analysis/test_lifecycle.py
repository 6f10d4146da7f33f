"""Pattern status transitions, auto-approval, review buckets and the feedback loop."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.lifecycle import (
    AUTO_APPROVER,
    AuditFacts,
    PatternState,
    PatternStatus,
    ReviewBucket,
    approve,
    auto_approval_blockers,
    auto_approve,
    discovered,
    false_positive_alert,
    false_positive_rate,
    feedback_adjustment,
    feedback_delta,
    ignore,
    is_feedback_abuse,
    reset,
    review_bucket,
    should_auto_disable,
)

DAY = 86_400
GOOD = AuditFacts(
    posterior_mean=0.95, location_count=10, outlier_count=2, unsuppressed_error_violations=0
)


def test_user_transitions() -> None:
    state = discovered("P", 100)
    assert (state.status, state.approved_by, state.updated_at) == (
        PatternStatus.DISCOVERED,
        None,
        100,
    )
    approved = approve(state, by="ana", confidence=0.82, now=200, reason="house style")
    assert approved.status is PatternStatus.APPROVED
    assert (approved.approved_by, approved.approved_at) == ("ana", 200)
    assert approved.confidence_at_approval == 0.82
    assert approved.reason == "house style"
    assert approved.decided_by_user
    ignored = ignore(approved, by="bo", now=300, reason="noise")
    assert (ignored.status, ignored.approved_by, ignored.confidence_at_approval) == (
        PatternStatus.IGNORED,
        "bo",
        None,
    )
    back = reset(ignored, 400)
    assert back == discovered("P", 400)
    assert not back.decided_by_user


def test_user_decisions_need_a_user() -> None:
    state = discovered("P", 1)
    with pytest.raises(ValueError, match="user"):
        approve(state, by=AUTO_APPROVER, confidence=0.9, now=2)
    with pytest.raises(ValueError, match="user"):
        ignore(state, by="", now=2)


def test_auto_approval_rule_boundaries() -> None:
    assert auto_approval_blockers(GOOD) == []
    # Exactly on each bar passes: mean .90, ratio 5/10 = .50, 3 locations.
    edge = AuditFacts(0.90, 3, 0, 0)
    assert auto_approval_blockers(edge) == []
    assert auto_approval_blockers(AuditFacts(0.90, 10, 5, 0)) == []
    assert len(auto_approval_blockers(AuditFacts(0.8999, 10, 0, 0))) == 1
    assert len(auto_approval_blockers(AuditFacts(0.95, 10, 6, 0))) == 1  # ratio .6
    assert len(auto_approval_blockers(AuditFacts(0.95, 2, 0, 0))) == 1
    assert len(auto_approval_blockers(AuditFacts(0.95, 10, 0, 1))) == 1
    assert len(auto_approval_blockers(AuditFacts(0.5, 1, 1, 3))) == 4
    assert AuditFacts(0.9, 0, 0, 0).outlier_ratio == 0.0


def test_auto_approve_only_touches_discovered_patterns() -> None:
    auto = auto_approve(discovered("P", 1), GOOD, 50)
    assert auto.status is PatternStatus.APPROVED
    assert (auto.approved_by, auto.approved_at, auto.confidence_at_approval) == (
        AUTO_APPROVER,
        50,
        0.95,
    )
    assert not auto.decided_by_user
    # Not eligible: unchanged.
    blocked = discovered("P", 1)
    assert auto_approve(blocked, AuditFacts(0.5, 10, 0, 0), 50) is blocked
    # A user's decision always stands, and so does an earlier auto-approval.
    ignored = ignore(discovered("P", 1), by="ana", now=5)
    assert auto_approve(ignored, GOOD, 50) is ignored
    assert auto_approve(auto, GOOD, 99) is auto


@given(
    status=st.sampled_from([PatternStatus.APPROVED, PatternStatus.IGNORED]),
    user=st.text(min_size=1, max_size=8).filter(lambda u: u != AUTO_APPROVER),
    mean=st.floats(min_value=0.0, max_value=1.0),
    locations=st.integers(min_value=0, max_value=50),
    outliers=st.integers(min_value=0, max_value=50),
)
def test_auto_approval_never_overrides_a_user(
    status: PatternStatus, user: str, mean: float, locations: int, outliers: int
) -> None:
    state = PatternState("P", status, user, 1, None, None, 1)
    assert auto_approve(state, AuditFacts(mean, locations, outliers, 0), 10) is state


def test_review_buckets() -> None:
    assert review_bucket(0.70) is ReviewBucket.NEEDS_REVIEW
    assert review_bucket(0.6999) is ReviewBucket.LIKELY_FALSE_POSITIVE


@pytest.mark.parametrize(
    ("action", "reason", "delta"),
    [
        ("fix", None, (1.0, 0.0)),
        ("fix", "false_positive", (1.0, 0.0)),
        ("dismiss", "false_positive", (0.0, 0.5)),
        ("dismiss", "not_applicable", (0.0, 0.25)),
        ("dismiss", "wont_fix", (0.0, 0.0)),
        ("dismiss", "duplicate", (0.0, 0.0)),
        ("dismiss", "other", (0.0, 0.25)),
        ("dismiss", None, (0.0, 0.25)),
        ("suppress", None, (0.0, 0.1)),
        ("escalate", None, (0.5, 0.0)),
        ("explain", None, (0.0, 0.0)),
    ],
)
def test_feedback_deltas(action: str, reason: str | None, delta: tuple[float, float]) -> None:
    assert feedback_delta(action, reason) == delta


def test_feedback_adjustment_sums_rows() -> None:
    rows = [("fix", None), ("dismiss", "false_positive"), ("suppress", None), ("escalate", None)]
    # alpha 1 + .5 = 1.5; beta .5 + .1 = .6
    alpha, beta = feedback_adjustment(rows)
    assert alpha == pytest.approx(1.5)
    assert beta == pytest.approx(0.6)
    assert feedback_adjustment([]) == (0.0, 0.0)


def test_false_positive_rate_and_alert() -> None:
    assert false_positive_rate([]) is None
    assert false_positive_rate(["dismiss", "fix", "fix", "fix", "fix"]) == pytest.approx(0.2)
    assert false_positive_alert(0.11)
    assert not false_positive_alert(0.10)
    assert not false_positive_alert(None)


def test_auto_disable_needs_30_days_above_20_percent() -> None:
    now = 100 * DAY
    above = [(now - 30 * DAY, 0.25), (now - 10 * DAY, 0.3), (now, 0.21)]
    assert should_auto_disable(above, now)
    # Not yet 30 days.
    assert not should_auto_disable(above[1:], now)
    # A dip to 20% resets the run.
    broken = [(now - 40 * DAY, 0.5), (now - 20 * DAY, 0.2), (now - 5 * DAY, 0.5)]
    assert not should_auto_disable(broken, now)
    assert not should_auto_disable([], now)
    # Observations from the future are ignored.
    assert not should_auto_disable([(now - 31 * DAY, 0.5), (now + DAY, 0.1)], now - 2 * DAY)


def test_feedback_abuse_window() -> None:
    assert not is_feedback_abuse([1000] * 100)
    assert is_feedback_abuse([1000] * 101)
    # 101 dismissals spread over exactly 60 seconds: the first falls out of the window.
    spread = [1000 + (60 * i) // 100 for i in range(101)]
    assert spread[-1] - spread[0] == 60
    assert not is_feedback_abuse(spread)
    assert is_feedback_abuse([*spread, 1059])
    assert not is_feedback_abuse([])
