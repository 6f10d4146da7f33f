"""Reporters: text, JSON, and SARIF 2.1.0 validated against the official schema."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # (no stubs in the dev dependencies)
import pytest

from drift.enforcement import EnforcementResult, enforce, render
from drift.enforcement.feedback import dismiss
from drift.enforcement.reporters.sarif import FINGERPRINT_KEY, sarif_document
from drift.enforcement.result import NO_BASELINE
from drift.errors import ConfigError
from drift.storage.memory.engine import MemoryDriftStorage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import FakeClock
from tests.unit.enforcement.scenario import seed_naming_repo
from tests.unit.enforcement.seeding import Seeder

SCHEMA_PATH = Path(__file__).parents[2] / "data" / "sarif-schema-2.1.0.json"


@cache
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def valid_sarif(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    errors = sorted(sarif_validator().iter_errors(document), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []
    return document


def run(storage: DriftStorage, root: Path, **kwargs: Any) -> EnforcementResult:
    return enforce(storage, root=root, timer=lambda: 0.0, **kwargs)


def test_the_validator_rejects_broken_sarif() -> None:
    # Guards the guard: a result without a message, and a level SARIF does not know.
    broken = {
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}],
    }
    assert len(list(sarif_validator().iter_errors(broken))) >= 2


def test_sarif_report(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    result = run(storage, root)
    document = valid_sarif(render(result, "sarif"))
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "errors/error-gap-swallowed",
        "logging/LOG-CALL",
        "security/secret-aws-access-key",
        "structural/NAME-SNAKE",
    ]
    assert [r["defaultConfiguration"]["level"] for r in rules] == [
        "error",
        "warning",
        "error",
        "error",
    ]
    assert rules[2]["properties"]["tags"] == ["security", "external/cwe/cwe-798"]
    assert rules[0]["properties"]["tags"] == ["errors", "external/cwe/cwe-703", "security"]
    assert rules[1]["properties"]["tags"] == ["logging"]
    results = sarif_run["results"]
    assert len(results) == 5  # the suppressed one is included, marked as suppressed
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == (
            "%SRCROOT%"
        )
        assert item["baselineState"] == "new"
    summary = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
            "suppressions" in r,
        )
        for r in results
    ]
    assert summary == [
        ("errors/error-gap-swallowed", "error", "src/b.py", {"startLine": 1}, False),
        ("logging/LOG-CALL", "warning", "src/b.py", {"startLine": 3, "startColumn": 9}, False),
        ("structural/NAME-SNAKE", "error", "src/c.py", {"startLine": 1, "startColumn": 5}, False),
        ("structural/NAME-SNAKE", "error", "src/c.py", {"startLine": 6, "startColumn": 5}, True),
        ("security/secret-aws-access-key", "error", "src/c.py", {"startLine": 9}, False),
    ]
    assert results[3]["suppressions"] == [{"kind": "inSource", "justification": "drift-ignore"}]
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in results] == [
        v.row.id for v in result.violations
    ]
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri() + "/"
    assert sarif_run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert sarif_run["properties"]["policy"]["passed"] is False


def test_sarif_marks_a_dismissal_as_an_external_suppression(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    first = run(storage, root)
    target = next(v.row.id for v in first.violations if v.row.rule_id == "logging/LOG-CALL")
    dismiss(storage, target, dismissal_reason="wont_fix")
    document = valid_sarif(render(run(storage, root), "sarif"))
    (result,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "logging/LOG-CALL"]
    assert result["suppressions"] == [{"kind": "external", "justification": "dismissed: wont_fix"}]


def test_sarif_fingerprints_are_stable_across_runs(
    storage: DriftStorage, root: Path, seed: Seeder, tmp_path: Path
) -> None:
    seed_naming_repo(seed)
    first = valid_sarif(render(run(storage, root), "sarif"))
    # The next scan sees every file with three lines added on top, re-analysed into a new
    # store; the fingerprints must not move with the lines.
    moved_root = tmp_path / "moved"
    moved_root.mkdir()
    with MemoryDriftStorage() as moved:
        seed_naming_repo(Seeder(moved, moved_root), shift=3)
        second_result = run(moved, moved_root, previous=storage.query_all_violations())
        second = valid_sarif(render(second_result, "sarif"))
    assert [v.row.line for v in second_result.violations] == [4, 6, 4, 9, 12]

    def prints(doc: dict[str, Any]) -> list[str]:
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in doc["runs"][0]["results"]]

    assert prints(second) == prints(first)
    assert {r["baselineState"] for r in second["runs"][0]["results"]} == {"unchanged"}
    assert {r["baselineState"] for r in first["runs"][0]["results"]} == {"new"}


def test_sarif_new_only_and_uri_encoding(
    storage: DriftStorage, root: Path, seed: Seeder, clock: FakeClock
) -> None:
    seed_naming_repo(seed)
    run(storage, root)
    clock.advance(60)
    seed.file("odd dir/naïve.py", "def newThing():\n    pass\n")
    seed.detect("NAME-CAMEL/deviation", "structural", [("odd dir/naïve.py", 1, 5)])
    document = valid_sarif(render(run(storage, root, new_only=True), "sarif"))
    results = document["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == [
        "odd%20dir/na%C3%AFve.py"
    ]
    assert results[0]["baselineState"] == "new"
    assert [r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]] == [
        "structural/NAME-SNAKE"
    ]


def test_sarif_of_an_empty_run_and_without_root(storage: DriftStorage, root: Path) -> None:
    result = run(storage, root)
    document = valid_sarif(render(result, "sarif"))
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["tool"]["driver"]["rules"] == []
    rootless = EnforcementResult(
        violations=result.violations,
        gates=result.gates,
        policy=result.policy,
        health=result.health,
        root=None,
    )
    assert "originalUriBaseIds" not in sarif_document(rootless)["runs"][0]


def test_json_report(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    result = run(storage, root)
    document = json.loads(render(result, "json"))
    assert document["passed"] is False
    assert document["exit_code"] == 1
    assert document["policy"]["name"] == "standard"
    assert document["policy"]["blocking"] == ["security-boundaries"]
    assert document["summary"] == {
        "total": 4,
        "error": 3,
        "warning": 1,
        "info": 0,
        "new": 4,
        "suppressed": 1,
    }
    assert [g["id"] for g in document["gates"]] == [
        "pattern-compliance",
        "constraint-verification",
        "security-boundaries",
        "error-handling",
        "regression",
    ]
    assert document["gates"][0]["details"]["locations"] == 6
    first = document["violations"][0]
    assert first == {
        "id": result.violations[0].row.id,
        "rule_id": "errors/error-gap-swallowed",
        "pattern_id": "error-gap-swallowed",
        "severity": "error",
        "file": "src/b.py",
        "line": 1,
        "column": None,
        "message": "Error-handling gap (swallowed) of Exception in parse_input.",
        "source": "error_gap",
        "cwe_id": 703,
        "owasp_category": None,
        "quick_fix": {
            "strategy": "handle_error",
            "description": "Log, handle or re-raise the error instead of letting it vanish.",
        },
        "is_new": True,
        "suppressed": False,
    }
    assert [v["line"] for v in document["violations"]] == [1, 3, 1, 9]


def test_a_skipped_gate_reads_as_neither_passed_nor_failed(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    seed_naming_repo(seed)
    result = run(storage, root)
    document = json.loads(render(result, "json"))
    assert document["version"] == 2
    gates = {g["id"]: g for g in document["gates"]}
    for skipped in ("constraint-verification", "regression"):
        assert (gates[skipped]["status"], gates[skipped]["passed"], gates[skipped]["score"]) == (
            "skipped",
            None,
            None,
        )
    judged = gates["pattern-compliance"]
    assert (judged["status"], judged["passed"], judged["score"]) == ("failed", False, 75.0)
    sarif_gates = {
        g["id"]: g for g in valid_sarif(render(result, "sarif"))["runs"][0]["properties"]["gates"]
    }
    assert sarif_gates["constraint-verification"]["status"] == "skipped"
    assert sarif_gates["constraint-verification"]["score"] is None
    assert sarif_gates["pattern-compliance"]["score"] == 75.0


def test_text_report(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    text = render(run(storage, root), "text")
    lines = text.splitlines()
    assert lines[0] == (
        "Policy standard (threshold >= 70): FAILED, score 25.0"
        " - required gate(s) failed: security-boundaries"
    )
    assert lines[1].startswith("Health ")
    # The gates that judged, as a count: compliance, security and error handling failed.
    assert "gates passed 0 of 3" in lines[1]
    assert lines[3] == "Gates"
    assert lines[4].split() == ["GATE", "STATUS", "SCORE", "ERRORS", "WARNINGS", "SUMMARY"]
    assert lines[5].split()[:5] == ["pattern-compliance", "failed", "75.0", "1", "1"]
    assert lines[6].split()[:3] == ["constraint-verification", "skipped", "-"]
    assert "4 violations (3 errors, 1 warning, 0 info; 4 new; 1 suppressed)" in lines
    header = lines.index("4 violations (3 errors, 1 warning, 0 info; 4 new; 1 suppressed)") + 1
    assert lines[header].split() == ["SEVERITY", "LOCATION", "RULE", "NEW", "MESSAGE"]
    # Errors first, the warning last.
    assert [line.split()[0] for line in lines[header + 1 : header + 5]] == ["error"] * 3 + [
        "warning"
    ]
    assert lines[header + 4].split()[:4] == ["warning", "src/b.py:3:9", "logging/LOG-CALL", "new"]
    assert len(lines) == header + 5
    assert all(line == line.rstrip() for line in lines)


def test_text_report_when_clean(storage: DriftStorage, root: Path) -> None:
    text = render(run(storage, root), "text")
    assert text.splitlines()[0] == (
        "Policy standard (threshold >= 70): PASSED, score 100.0 - no gate had anything to judge"
    )
    assert (
        text.splitlines()[-1] == "0 violations (0 errors, 0 warnings, 0 info; 0 new; 0 suppressed)"
    )


def test_text_report_counts_read_as_words(storage: DriftStorage, root: Path, seed: Seeder) -> None:
    seed_naming_repo(seed)
    lines = render(run(storage, root, new_only=True), "text").splitlines()
    assert "4 new violations (3 errors, 1 warning, 0 info; 4 new; 1 suppressed)" in lines


def test_unknown_format(storage: DriftStorage, root: Path) -> None:
    with pytest.raises(ConfigError, match="unknown report format 'xml'"):
        render(run(storage, root), "xml")


def test_every_report_says_when_new_only_had_no_baseline(
    storage: DriftStorage, root: Path, seed: Seeder
) -> None:
    # A first `drift check --new-only` (a CI cache miss) had failed on every violation as new,
    # with no word of why: each format says there was nothing to compare with.
    seed_naming_repo(seed)
    first = run(storage, root, new_only=True, baseline_known=False)
    assert first.unjudged_news
    assert NO_BASELINE in render(first, "text").splitlines()
    assert json.loads(render(first, "json"))["baseline"] is False
    document = valid_sarif(render(first, "sarif"))
    assert document["runs"][0]["properties"]["baseline"] is False
    [notice] = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notice == {"level": "warning", "message": {"text": NO_BASELINE}}
    later = run(storage, root, new_only=True)
    assert NO_BASELINE not in render(later, "text")
    assert json.loads(render(later, "json"))["baseline"] is True
    assert "toolExecutionNotifications" not in render(later, "sarif")
    # Without --new-only the news counts for nothing: the reports only carry the field.
    whole = run(storage, root, baseline_known=False)
    assert NO_BASELINE not in render(whole, "text")
    assert json.loads(render(whole, "json"))["baseline"] is False
