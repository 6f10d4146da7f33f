"""The false-positive rate that lowers a rule's severity."""

from __future__ import annotations

import pytest

from drift.enforcement.false_positives import (
    MIN_FEEDBACK_EVENTS,
    false_positive_rate,
    says_finding_was_wrong,
)
from drift.records.enforcement import FeedbackRow


def row(violation: str, action: str, reason: str | None = None) -> FeedbackRow:
    return FeedbackRow(violation, "P", "cat/P", action, reason, None, None, 0)


@pytest.mark.parametrize(
    ("action", "reason", "wrong"),
    [
        ("dismiss", "false_positive", True),
        ("dismiss", "not_applicable", True),
        ("dismiss", None, True),  # the reference's generic dismissal counts against the pattern
        ("dismiss", "wont_fix", False),  # the finding is right; fixing it is not worth it
        ("dismiss", "duplicate", False),
        ("fix", None, False),
        ("escalate", None, False),
        ("suppress", None, False),
    ],
)
def test_which_feedback_says_the_finding_was_wrong(
    action: str, reason: str | None, wrong: bool
) -> None:
    assert says_finding_was_wrong(row("v", action, reason)) is wrong


def test_too_little_feedback_has_no_rate() -> None:
    rows = [row(f"v{i}", "dismiss", "false_positive") for i in range(MIN_FEEDBACK_EVENTS - 1)]
    assert false_positive_rate(rows) is None
    assert false_positive_rate([]) is None


def test_each_violation_counts_once_by_its_latest_feedback() -> None:
    rows = [  # newest first, as storage returns them
        row("v1", "dismiss", "false_positive"),
        row("v1", "dismiss", "false_positive"),
        row("v1", "dismiss", "false_positive"),
        row("v2", "fix"),
        row("v2", "dismiss", "false_positive"),  # taken back by the later fix
        row("v3", "fix"),
        row("v4", "dismiss", "wont_fix"),
    ]
    # Four violations with feedback: below the minimum of five, however many rows.
    assert false_positive_rate(rows) is None
    rows.append(row("v5", "fix"))
    assert false_positive_rate(rows) == pytest.approx(1 / 5)


def test_the_rate_is_over_the_rules_violations_not_the_judged_ones() -> None:
    # celery: five false positives among 301 swallowed-error findings had made a rate of 100 %
    # and lowered all the others.
    rows = [row(f"v{i}", "dismiss", "false_positive") for i in range(5)]
    assert false_positive_rate(rows) == 1.0  # nothing else known
    assert false_positive_rate(rows, population=301) == pytest.approx(5 / 301)
    assert false_positive_rate(rows, population=3) == 1.0  # never below the judged ones
