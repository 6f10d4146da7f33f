"""Policies over gate outcomes."""

from __future__ import annotations

import json

import pytest

from drift.enforcement.gates import (
    ERROR_HANDLING,
    PATTERN_COMPLIANCE,
    REGRESSION,
    SECURITY_BOUNDARIES,
    GateOutcome,
    GateStatus,
)
from drift.enforcement.policy import (
    AggregationMode,
    Policy,
    evaluate_policy,
    get_policy,
)
from drift.errors import ConfigError


def gate(gate_id: str, status: GateStatus, score: float) -> GateOutcome:
    return GateOutcome(gate_id=gate_id, status=status, score=score, summary="")


SKIPPED = GateStatus.SKIPPED
PASSED = GateStatus.PASSED
FAILED = GateStatus.FAILED
WARNED = GateStatus.WARNED


def test_presets() -> None:
    assert get_policy("strict").mode is AggregationMode.ALL_MUST_PASS
    standard = get_policy(" Standard ")
    assert (standard.mode, standard.threshold) == (AggregationMode.THRESHOLD, 70.0)
    assert standard.requires(SECURITY_BOUNDARIES)
    assert standard.requires(REGRESSION)
    assert not standard.requires(PATTERN_COMPLIANCE)
    assert get_policy("lenient").mode is AggregationMode.ANY_MUST_PASS
    custom = Policy("mine", AggregationMode.WEIGHTED, threshold=50.0)
    assert get_policy(custom) is custom


def test_unknown_policy_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown policy 'harsh'") as caught:
        get_policy("harsh")
    assert caught.value.hint == "choose one of: lenient, standard, strict"


GATES = [
    gate(PATTERN_COMPLIANCE, FAILED, 60.0),
    gate(ERROR_HANDLING, WARNED, 100.0),
    gate(SECURITY_BOUNDARIES, SKIPPED, 0.0),
    gate(REGRESSION, PASSED, 95.0),
]


def test_strict_fails_on_any_failed_gate_and_ignores_skipped_scores() -> None:
    outcome = evaluate_policy(get_policy("strict"), GATES)
    assert not outcome.passed
    # (60 + 100) / 2: the skipped gate is out, and the regression gate's score counts in no mean
    assert outcome.score == pytest.approx(80.0)
    assert (outcome.gate_count, outcome.gates_passed, outcome.gates_failed) == (4, 2, 1)
    assert outcome.gates_skipped == 1
    assert outcome.blocking == (PATTERN_COMPLIANCE,)


def test_standard_passes_on_the_mean_unless_a_required_gate_fails() -> None:
    outcome = evaluate_policy(get_policy("standard"), GATES)
    assert outcome.passed
    assert outcome.reason == (
        f"at least the threshold 70.0; {PATTERN_COMPLIANCE} failed, but this policy judges the "
        "mean gate score"
    )
    low = [gate(PATTERN_COMPLIANCE, FAILED, 40.0), gate(ERROR_HANDLING, PASSED, 90.0)]
    assert not evaluate_policy(get_policy("standard"), low).passed
    blocked = [*GATES[:2], gate(SECURITY_BOUNDARIES, FAILED, 90.0)]
    outcome = evaluate_policy(get_policy("standard"), blocked)
    assert not outcome.passed
    assert outcome.blocking == (SECURITY_BOUNDARIES,)
    assert outcome.reason == "required gate(s) failed: security-boundaries"


def test_a_regression_gate_that_passes_lends_the_mean_nothing() -> None:
    # redux-toolkit: the same code with the same two error gaps was FAILED on the first check
    # (regression skipped) and PASSED on the next, lifted by the regression gate's 100.
    first = [
        gate(PATTERN_COMPLIANCE, PASSED, 100.0),
        gate(ERROR_HANDLING, FAILED, 33.3),
        gate(REGRESSION, SKIPPED, 0.0),
    ]
    second = [*first[:2], gate(REGRESSION, PASSED, 100.0)]
    verdicts = [evaluate_policy(get_policy("standard"), gates) for gates in (first, second)]
    assert [(v.passed, round(v.score, 2)) for v in verdicts] == [(False, 66.65), (False, 66.65)]
    # Its failure still counts: it is required.
    failed = [*first[:2], gate(REGRESSION, FAILED, 80.0)]
    assert evaluate_policy(get_policy("standard"), failed).blocking == (REGRESSION,)
    # Alone, it decides by its status: a warned drop passes the threshold policy.
    alone = evaluate_policy(get_policy("standard"), [gate(REGRESSION, WARNED, 25.2)])
    assert (alone.passed, alone.score) == (True, 100.0)


def test_lenient_needs_one_passing_gate() -> None:
    assert evaluate_policy(get_policy("lenient"), GATES).passed
    failing = [gate(PATTERN_COMPLIANCE, FAILED, 10.0), gate(ERROR_HANDLING, FAILED, 0.0)]
    assert not evaluate_policy(get_policy("lenient"), failing).passed


def test_errored_gates_count_as_failed() -> None:
    errored = [gate(PATTERN_COMPLIANCE, GateStatus.ERRORED, 0.0)]
    outcome = evaluate_policy(get_policy("lenient"), errored)
    assert not outcome.passed
    assert outcome.gates_failed == 1


def test_weighted_mode_renormalises_over_judging_gates() -> None:
    policy = Policy("w", AggregationMode.WEIGHTED, threshold=80.0)
    gates = [
        gate(PATTERN_COMPLIANCE, PASSED, 100.0),  # weight 0.25
        gate(ERROR_HANDLING, PASSED, 40.0),  # weight 0.10
        gate(SECURITY_BOUNDARIES, SKIPPED, 0.0),
    ]
    outcome = evaluate_policy(policy, gates)
    assert outcome.score == pytest.approx((0.25 * 100 + 0.10 * 40) / 0.35)
    assert outcome.passed


def test_everything_skipped_passes_with_full_score() -> None:
    for name in ("strict", "standard", "lenient"):
        outcome = evaluate_policy(get_policy(name), [gate(REGRESSION, SKIPPED, 0.0)])
        assert outcome.passed
        assert outcome.score == 100.0


def test_policy_row() -> None:
    row = evaluate_policy(get_policy("strict"), GATES).to_row()
    assert row.policy_name == "strict"
    assert row.aggregation_mode == "all-must-pass"
    assert not row.overall_passed
    assert (row.gate_count, row.gates_passed, row.gates_failed) == (4, 2, 1)
    details = json.loads(row.details or "")
    assert details["blocking"] == [PATTERN_COMPLIANCE]
    assert details["gates_skipped"] == 1
