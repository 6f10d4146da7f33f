"""``enforce`` end to end on the memory and SQLite backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drift.enforcement import EnforcementResult, GateStatus, enforce
from drift.enforcement.health import HEALTH_METRIC
from drift.enforcement.policy import DEFAULT_POLICY
from drift.errors import ConfigError
from drift.pipeline.enforce import enforce_run
from drift.records.analysis import DetectionRow, FunctionRow
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import FakeClock
from tests.unit.enforcement.scenario import EXPECTED, seed_naming_repo
from tests.unit.enforcement.seeding import Seeder


def summary(result: EnforcementResult) -> list[tuple[str, int, str, str, str, bool]]:
    return [
        (v.row.file, v.row.line, v.row.rule_id, v.row.severity, v.source.value, v.row.suppressed)
        for v in result.violations
    ]


def gate_table(result: EnforcementResult) -> dict[str, tuple[str, float, int, int]]:
    return {
        g.gate_id: (g.status.value, round(g.score, 4), g.violation_count, g.warning_count)
        for g in result.gates
    }


def run(storage: DriftStorage, root: Path, **kwargs: object) -> EnforcementResult:
    return enforce(storage, root=root, timer=lambda: 0.0, **kwargs)  # type: ignore[arg-type]


def test_first_run(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    result = run(storage, root)
    assert summary(result) == EXPECTED
    assert all(v.row.is_new for v in result.violations)
    deviation = result.violations[2].row
    assert deviation.pattern_id == "NAME-SNAKE"
    assert deviation.column == 5
    assert deviation.message == (
        "Uses 'NAME-CAMEL' where the codebase's convention is 'NAME-SNAKE' "
        "(60% of structural locations follow it)."
    )
    assert deviation.quick_fix_strategy == "follow_convention"
    outlier = result.violations[1].row
    assert outlier.message == (
        "Departs from the approved pattern 'LOG-CALL': moderate outlier by zscore "
        "(deviation score 0.50)."
    )
    assert outlier.column == 9
    secret = result.violations[4].row
    assert (secret.cwe_id, secret.quick_fix_strategy) == (798, "move_to_configuration")
    assert result.violations[3].suppression_reason == "drift-ignore"

    assert gate_table(result) == {
        "pattern-compliance": ("failed", 75.0, 1, 1),
        "constraint-verification": ("skipped", 0.0, 0, 0),
        "security-boundaries": ("failed", 0.0, 1, 0),
        "error-handling": ("failed", 0.0, 1, 0),
        "regression": ("skipped", 0.0, 0, 0),
    }
    assert not result.passed
    assert result.exit_code == 1
    assert result.policy.policy_name == "standard"
    assert result.policy.score == pytest.approx(25.0)
    assert result.policy.blocking == ("security-boundaries",)

    # Everything was stored through the protocols.
    assert storage.query_all_violations() == [v.row for v in result.violations]
    stored_gates = storage.query_gate_results()
    assert [(g.gate_id, g.status, g.passed) for g in stored_gates] == sorted(
        (g.gate_id, g.status.value, g.passed) for g in result.gates
    )
    policy_row = storage.query_recent_policy_results(1)[0]
    assert (policy_row.policy_name, policy_row.overall_passed) == ("standard", False)
    assert storage.query_health_trends("health_score", 5)[0].metric_value == pytest.approx(
        result.health.score
    )
    snapshot = storage.query_audit_snapshots(1)[0]
    assert json.loads(snapshot.category_scores or "") == {"logging": 75.0, "structural": 75.0}
    # Two gates scored below 50 with errors.
    alerts = storage.query_degradation_alerts_by_type("gate_score_low")
    assert sorted(a.message for a in alerts) == [
        "gate error-handling scored 0.0 of 100",
        "gate security-boundaries scored 0.0 of 100",
    ]


def test_health_of_the_scenario(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    health = run(storage, root).health
    assert health.avg_confidence == pytest.approx((0.95 + 0.40 + 0.80) / 3)
    assert health.approval_ratio == pytest.approx(2 / 3)
    assert health.compliance_rate == pytest.approx(0.75)
    assert health.cross_validation_rate == 0.0
    assert health.duplicate_free_rate == 1.0
    expected = 100 * ((0.95 + 0.40 + 0.80) / 3 + 2 / 3 + 0.75 + 0.0 + 1.0) / 5 - 4
    assert health.score == pytest.approx(expected)


def test_second_run_is_stable(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    first = run(storage, root)
    clock.advance(60)
    second = run(storage, root)
    assert [v.row.id for v in second.violations] == [v.row.id for v in first.violations]
    assert not any(v.row.is_new for v in second.violations)
    regression = second.gates[-1]
    assert regression.gate_id == "regression"
    assert regression.status is GateStatus.PASSED
    assert regression.score == 100.0
    assert len(storage.query_all_violations()) == len(EXPECTED)  # replaced, not duplicated
    history = storage.query_gate_history("regression", 10)
    assert [g.status for g in history] == ["passed", "skipped"]


def test_a_new_error_fails_regression(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    run(storage, root)
    clock.advance(60)
    seed.file("src/d.py", "def newThing():\n    return 5\n")
    seed.detect("NAME-CAMEL/deviation", "structural", [("src/d.py", 1, 5)])
    second = run(storage, root)
    new = [(v.row.file, v.row.line) for v in second.violations if v.row.is_new]
    assert new == [("src/d.py", 1)]
    regression = second.gates[-1]
    assert regression.status is GateStatus.FAILED
    assert regression.violation_count == 1
    assert second.policy.blocking == ("security-boundaries", "regression")


def test_enforcing_again_without_an_analysis_judges_regression_as_the_analysis_did(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    first = run(storage, root)
    clock.advance(60)
    again = enforce_run(storage, root, DEFAULT_POLICY)
    # Still the first analysis: nothing to compare with, as its own enforcement found.
    assert first.gates[-1].status is again.gates[-1].status is GateStatus.SKIPPED
    assert again.policy.score == first.policy.score

    clock.advance(60)
    seed.file("src/d.py", "def newThing():\n    return 5\n")
    seed.detect("NAME-CAMEL/deviation", "structural", [("src/d.py", 1, 5)])
    second = run(storage, root)
    clock.advance(60)
    rechecked = enforce_run(storage, root, DEFAULT_POLICY)
    rechecked_twice = enforce_run(storage, root, DEFAULT_POLICY)
    for result in (second, rechecked, rechecked_twice):
        regression = result.gates[-1]
        assert (regression.status, regression.violation_count) == (GateStatus.FAILED, 1)
        assert regression.details["previous_health"] == round(first.health.score, 4)
    samples = storage.query_health_trends(HEALTH_METRIC, 10)
    assert len(samples) == 5  # every enforcement records its health


def test_an_analysis_after_an_approval_is_compared_with_the_health_the_approval_gave(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    first = run(storage, root)
    clock.advance(60)
    seed.status("NAME-CAMEL")  # approved: the health moves with no code changed
    approved = enforce_run(storage, root, DEFAULT_POLICY)
    assert approved.health.score != first.health.score
    assert approved.gates[-1].status is GateStatus.SKIPPED  # still the first analysis
    clock.advance(60)
    second = run(storage, root)  # an analysis of unchanged code
    regression = second.gates[-1]
    assert regression.details["previous_health"] == round(approved.health.score, 4)


def test_new_only_judges_only_new_violations(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    run(storage, root)
    clock.advance(60)
    second = run(storage, root, new_only=True)
    assert second.reported() == ()
    assert len(second.violations) == len(EXPECTED)
    # Nothing new to judge: the findings gates are skipped, as a full check skips them with no
    # findings, and left out of the policy's mean (the approved patterns' locations still
    # give pattern-compliance something to judge).
    assert gate_table(second) == {
        "pattern-compliance": ("passed", 100.0, 0, 0),
        "constraint-verification": ("skipped", 0.0, 0, 0),
        "security-boundaries": ("skipped", 0.0, 0, 0),
        "error-handling": ("skipped", 0.0, 0, 0),
        "regression": ("passed", 100.0, 0, 0),
    }
    assert second.policy.gates_skipped == 3
    assert second.passed
    assert second.exit_code == 0


def test_strict_and_lenient(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    lenient = run(storage, root, policy="lenient")
    assert not lenient.passed  # every judging gate failed
    assert lenient.policy.reason == "every gate failed"
    strict = run(storage, root, policy="strict")
    assert not strict.passed
    assert strict.policy.blocking == (
        "pattern-compliance",
        "security-boundaries",
        "error-handling",
    )
    # The second run has a regression gate that passed, which is enough for lenient.
    again = run(storage, root, policy="lenient")
    assert again.passed
    assert again.policy.reason == "at least one gate passed"


def test_explicit_previous_baseline(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    first = run(storage, root)
    keep = [v.row for v in first.violations if v.row.file == "src/b.py"]
    second = run(storage, root, previous=keep)
    assert [v.row.is_new for v in second.violations] == [False, False, True, True, True]


def test_injected_source_lines_are_used(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    calls: list[str] = []

    def lines(path: str) -> list[str] | None:
        calls.append(path)
        return None  # as if nothing were readable: no suppression, ids from empty text

    result = run(storage, root, source_lines=lines)
    assert sorted(set(calls)) == ["src/b.py", "src/c.py"]
    assert not any(v.row.suppressed for v in result.violations)


def test_constraints_feed_their_gate(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    from drift.records.structural import ConstraintRow

    storage.upsert_constraint(ConstraintRow("no-cycles", "d", "acyclic", "src", None, "user", True))
    storage.upsert_constraint(ConstraintRow("layers", "d", "layering", "src", None, "user", True))
    storage.upsert_constraint(ConstraintRow("off", "d", "layering", "src", None, "user", False))
    storage.insert_constraint_verification("no-cycles", True, "[]")
    storage.insert_constraint_verification("layers", False, '["a -> b"]')
    storage.insert_constraint_verification("off", False, "[]")
    result = run(storage, root)
    gate = next(g for g in result.gates if g.gate_id == "constraint-verification")
    assert (gate.status, gate.score) == (GateStatus.FAILED, 50.0)
    assert gate.details["violated"] == ["layers"]


def test_an_empty_store_passes(storage: DriftStorage, root: Path) -> None:
    result = run(storage, root)
    assert result.violations == ()
    assert all(g.skipped for g in result.gates)
    assert result.passed
    assert result.exit_code == 0
    assert result.health.score == 100.0


def test_unknown_policy_fails_before_writing(storage: DriftStorage, root: Path) -> None:
    with pytest.raises(ConfigError):
        run(storage, root, policy="nope")
    assert storage.query_gate_results() == []


def test_rows_the_caller_holds_give_the_same_result(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    read = run(storage, root)
    functions: dict[str, list[FunctionRow]] = {}
    for row in storage.load_all_file_metadata():
        functions[row.path] = storage.get_functions_by_file(row.path)
    held = run(
        storage,
        root,
        previous=[v.row for v in read.violations],
        detections=storage.query_all_detections(storage.count_detections()),
        functions=functions,
    )
    again = run(storage, root, previous=[v.row for v in read.violations])
    assert summary(held) == summary(again) == EXPECTED
    assert gate_table(held) == gate_table(again)


def test_a_deviation_quotes_what_its_leftmost_detection_matched(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    first, second = (
        v.row for v in run(storage, root).violations if v.row.rule_id == "structural/NAME-SNAKE"
    )
    long_name = "fetch" + "Everything" * 10
    storage.insert_detections(
        [
            # Left of the stored one on the second line: its text is quoted (cut, on one line).
            DetectionRow(0, "src/c.py", second.line, 3, "NAME-CAMEL/deviation", "structural",
                         0.9, "pack", None, None, long_name + "\n(x)", 0),
            # Right of the stored one on the first line: the leftmost has no text to quote.
            DetectionRow(0, "src/c.py", first.line, 9, "NAME-CAMEL/deviation", "structural",
                         0.9, "pack", None, None, "ignored", 0),
        ]
    )  # fmt: skip
    messages = {
        v.row.line: v.row.message
        for v in run(storage, root).violations
        if v.row.rule_id == "structural/NAME-SNAKE"
    }
    tail = "Uses 'NAME-CAMEL' where the codebase's convention is 'NAME-SNAKE' "
    assert messages[first.line].startswith(tail)
    assert messages[second.line] == (
        f"'{(long_name + ' (x)')[:59]}…': " + tail + "(60% of structural locations follow it)."
    )
