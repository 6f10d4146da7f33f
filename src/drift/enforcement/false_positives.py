"""The false-positive rate that lowers a rule's severity, read from the feedback on its violations.

The reference (``analysis.md`` §3.5, §4.5) lowers a rule one level when its false-positive rate
is above 20%, and counts the rate as dismissals over all feedback. Taken literally, one dismissal
makes the rate 100%, and a ``wont_fix`` (the finding is right, the team accepts it) counts as the
rule being wrong. So the rate is read like this:

- **one event per violation**: its latest feedback (a violation dismissed twice is one event, and
  a ``fix`` recorded after a dismissal takes it back);
- **wrong findings**: events that are dismissals counting against the pattern by the reference's
  deltas (``feedback_delta``): ``false_positive``, ``not_applicable`` or no reason. ``wont_fix``
  and ``duplicate`` leave the pattern's confidence alone, and leave the numerator alone too;
- **enough evidence**: with fewer than ``MIN_FEEDBACK_EVENTS`` events there is no rate, and the
  severity stays. One or two dismissals are anecdotes, not a measurement;
- **over the whole rule**: the rate is over the rule's violations, not only the judged ones.

Security findings are never lowered by feedback at all (``severity.is_security``): that is
decided where severities are picked, not here.
"""

from __future__ import annotations

from collections.abc import Iterable

from drift.analysis.lifecycle import FeedbackAction, feedback_delta
from drift.records.enforcement import FeedbackRow
from drift.storage.protocols.enforcement import IDriftEnforcement

MIN_FEEDBACK_EVENTS = 5
"""Violations with feedback a rule needs before its false-positive rate can lower its severity."""


def says_finding_was_wrong(row: FeedbackRow) -> bool:
    """True for a dismissal that counts against the pattern (false positive, not applicable,
    or no reason given), False for anything else (a won't-fix or duplicate dismissal too)."""
    if row.action != FeedbackAction.DISMISS.value:
        return False
    return feedback_delta(row.action, row.dismissal_reason)[1] > 0.0


def false_positive_rate(
    rows_newest_first: Iterable[FeedbackRow], population: int = 0
) -> float | None:
    """Violations whose latest feedback says the finding was wrong, over the rule's violations
    (``population``: how many the last enforcement stored) or, when more, those with any
    feedback; None below ``MIN_FEEDBACK_EVENTS`` with feedback.

    Over the judged ones alone, five dismissals of a rule's 301 findings made a rate of 100 %
    and lowered every other finding of it: five wrong findings of 301 are under 2 %."""
    latest: dict[str, FeedbackRow] = {}
    for row in rows_newest_first:
        latest.setdefault(row.violation_id, row)
    if len(latest) < MIN_FEEDBACK_EVENTS:
        return None
    wrong = sum(1 for row in latest.values() if says_finding_was_wrong(row))
    return wrong / max(len(latest), population)


def pattern_false_positive_rate(
    storage: IDriftEnforcement, pattern_id: str, population: int = 0
) -> float | None:
    """The false-positive rate of ``pattern_id``'s rule from its stored feedback (storage gives
    it newest first) over ``population`` violations, or None when there is too little feedback
    to tell."""
    return false_positive_rate(storage.query_feedback_by_pattern(pattern_id), population)
