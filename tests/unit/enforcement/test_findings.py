"""Pattern and structural findings: what becomes a candidate violation, and what does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.enforcement.findings import Source, first_cwe, slug
from drift.enforcement.pattern_findings import (
    convention_for,
    deviation_findings,
    leading_cwe,
    load_pattern_context,
    outlier_findings,
    pattern_findings,
)
from drift.enforcement.severity import Severity
from drift.enforcement.structural_findings import (
    error_gap_severity,
    function_line,
    secret_severity,
    structural_findings,
)
from drift.records.analysis import FunctionRow
from drift.storage.protocols.drift import DriftStorage
from tests.unit.enforcement.seeding import Seeder


def test_slug_and_first_cwe() -> None:
    assert slug("AWS Access_Key") == "aws-access-key"
    assert slug("!!!") == "unknown"
    assert first_cwe("CWE-79, 89") == 79
    assert first_cwe("") is None
    assert first_cwe(None) is None


@pytest.mark.parametrize(
    ("gap", "severity"),
    [
        ("swallowed", Severity.ERROR),
        ("swallowing", Severity.ERROR),
        ("empty_catch", Severity.ERROR),
        ("unhandled_async", Severity.ERROR),
        ("broad_catch", Severity.WARNING),
        ("generic", Severity.WARNING),
    ],
)
def test_error_gap_severity(gap: str, severity: Severity) -> None:
    assert error_gap_severity(gap) is severity


def test_a_low_rated_lost_error_only_warns() -> None:
    assert error_gap_severity("swallowed", "low") is Severity.WARNING
    assert error_gap_severity("swallowed", "medium") is Severity.ERROR
    assert error_gap_severity("empty_catch", "high") is Severity.ERROR
    assert error_gap_severity("broad_catch", "low") is Severity.WARNING


def test_secret_severity() -> None:
    assert secret_severity("Critical") is Severity.ERROR
    assert secret_severity("medium") is Severity.WARNING
    assert secret_severity("low") is Severity.INFO


def test_function_line_accepts_every_id_form() -> None:
    fns = [
        FunctionRow(
            7, "m.py", "run", "Job.run", "python", 12, 20, 0, None, False, False, None, None
        ),
        FunctionRow(8, "m.py", "go", None, "python", 30, 31, 0, None, False, False, None, None),
    ]
    assert function_line(fns, "m.py", "7") == 12
    assert function_line(fns, "m.py", "Job.run") == 12
    assert function_line(fns, "m.py", "m.py::Job.run") == 12
    assert function_line(fns, "m.py", "go") == 30
    assert function_line(fns, "m.py", "unknown") == 1


def test_only_approved_patterns_yield_outliers(storage: DriftStorage, seed: Seeder) -> None:
    seed.file("a.py", "x\n")
    seed.detect("P", "auth", [("a.py", 1, 1)])
    seed.approved("P")
    seed.confidence("Q", 0.99)
    seed.status("Q", "ignored")
    seed.outlier("P", "a.py", 1, significance="low")
    seed.outlier("Q", "a.py", 1)
    seed.outlier("P", "deleted.py", 3)
    findings = outlier_findings(storage, load_pattern_context(storage))
    assert [(f.rule_id, f.file, f.line, f.severity) for f in findings] == [
        ("auth/P", "a.py", 1, Severity.ERROR),  # a security category outranks the significance
    ]


def test_deviations_need_an_approved_convention(storage: DriftStorage, seed: Seeder) -> None:
    seed.file("a.py", "x\n")
    seed.detect("DOC-A", "documentation", [("a.py", 1, 1), ("a.py", 2, 1)])
    seed.detect("DOC-B/deviation", "documentation", [("a.py", 3, 1)])
    seed.detect("LOG-X/deviation", "logging", [("a.py", 4, 1)])  # no logging convention
    seed.detect("DOC-C/deviation", "documentation", [("a.py", 5, 1)])
    seed.status("DOC-C/deviation", "ignored")
    seed.approved("DOC-A", 0.99)
    findings = deviation_findings(storage, load_pattern_context(storage))
    assert [(f.rule_id, f.pattern_id, f.line, f.severity, f.source) for f in findings] == [
        ("documentation/DOC-A", "DOC-A", 3, Severity.INFO, Source.DEVIATION),
    ]
    assert findings[0].quick_fix_strategy == "add_documentation"


def test_a_deviation_is_charged_only_within_its_group(storage: DriftStorage, seed: Seeder) -> None:
    # Class names and function names share the category; only the function convention counts.
    seed.file("a.ts", "x\n")
    seed.detect("CLASS-PASCAL", "structural", [("a.ts", i, 1) for i in range(1, 9)])
    seed.detect("FN-CAMEL", "structural", [("a.ts", i, 1) for i in range(10, 14)])
    seed.detect("FN-SNAKE/deviation", "structural", [("a.ts", 20, 1)])
    seed.detect("CLASS-OTHER/deviation", "structural", [("a.ts", 21, 1)])
    seed.approved("CLASS-PASCAL", 0.95)
    groups = {"CLASS-PASCAL": "classes", "CLASS-OTHER": "classes", "FN-CAMEL": "functions"}
    groups["FN-SNAKE"] = "functions"
    context = load_pattern_context(storage, group_of=groups.get)
    assert [(f.pattern_id, f.line) for f in deviation_findings(storage, context)] == [
        ("CLASS-PASCAL", 21)
    ]
    seed.approved("FN-CAMEL", 0.95)
    context = load_pattern_context(storage, group_of=groups.get)
    findings = deviation_findings(storage, context)
    assert [(f.pattern_id, f.line) for f in findings] == [("CLASS-PASCAL", 21), ("FN-CAMEL", 20)]
    # Four function locations follow the convention; the deviating fifth counts too.
    assert findings[1].message.endswith("(80% of functions locations follow it).")


def test_a_place_the_convention_matches_is_no_deviation_from_it(
    storage: DriftStorage, seed: Seeder
) -> None:
    # express: camelCase dominates, and a person approves the snake_case pattern anyway. The
    # naming detector's deviations are the snake_case functions: the approved style's own.
    seed.file("a.js", "x\n")
    seed.detect("FN-CAMEL", "structural", [("a.js", i, 1) for i in range(1, 9)])
    seed.detect("FN-SNAKE", "structural", [("a.js", 20, 1), ("a.js", 21, 1)])
    seed.detect("naming:javascript:function:snake_case/deviation", "naming", [("a.js", 20, 1)])
    seed.detect("naming:javascript:function:other/deviation", "naming", [("a.js", 22, 1)])
    seed.approved("FN-SNAKE", 0.95)
    groups = {"FN-CAMEL": "functions", "FN-SNAKE": "functions"}
    groups["naming:javascript:function:snake_case"] = "functions"
    groups["naming:javascript:function:other"] = "functions"
    context = load_pattern_context(storage, group_of=groups.get)
    # The camelCase functions break the approved style; the snake_case ones do not.
    assert sorted((f.pattern_id, f.line) for f in deviation_findings(storage, context)) == [
        *(("FN-SNAKE", line) for line in range(1, 9)),
        ("FN-SNAKE", 22),
    ]


def test_a_directory_convention_is_broken_only_inside_its_directory(
    storage: DriftStorage, seed: Seeder
) -> None:
    # requests: ``requests.get`` is its tests' convention; the library's own urllib3 calls
    # in ``src`` break nothing of it.
    seed.file("tests/test_a.py", "x\n")
    seed.detect("HTTP-REQUESTS", "api", [("tests/test_a.py", i, 1) for i in range(1, 9)])
    seed.detect(
        "HTTP-URLLIB3/deviation",
        "api",
        [("src/requests/adapters.py", 696, 1), ("tests/unit/test_b.py", 3, 1)],
    )
    seed.approved("HTTP-REQUESTS", 0.95)
    seed.convention("HTTP-REQUESTS", "api", 0.9, scope="directory:tests")
    groups = {"HTTP-REQUESTS": "clients", "HTTP-URLLIB3": "clients"}
    context = load_pattern_context(storage, group_of=groups.get)
    assert [(f.file, f.line) for f in deviation_findings(storage, context)] == [
        ("tests/unit/test_b.py", 3)
    ]


def test_without_an_approved_convention_no_group_is_asked_for(
    storage: DriftStorage, seed: Seeder
) -> None:
    # Asking may load the packs: a project that approved nothing never pays for it.
    seed.file("a.ts", "x\n")
    seed.detect("FN-CAMEL", "structural", [("a.ts", 1, 1)])
    seed.detect("FN-SNAKE/deviation", "structural", [("a.ts", 2, 1)])
    asked: list[str] = []

    def group_of(pattern_id: str) -> str:
        asked.append(pattern_id)
        return "functions"

    assert deviation_findings(storage, load_pattern_context(storage, group_of=group_of)) == []
    assert asked == []
    seed.approved("FN-CAMEL", 0.95)
    found = deviation_findings(storage, load_pattern_context(storage, group_of=group_of))
    assert [(f.pattern_id, f.line) for f in found] == [("FN-CAMEL", 2)]
    assert asked


def test_convention_choice(storage: DriftStorage, seed: Seeder) -> None:
    seed.detect("A", "naming", [("a.py", i, 1) for i in range(1, 4)])
    seed.detect("B", "naming", [("a.py", i, 1) for i in range(10, 15)])
    seed.detect("C", "api", [("a.py", 20, 1)])
    for pattern in ("A", "B", "C"):
        seed.approved(pattern)
    context = load_pattern_context(storage)
    assert convention_for(context, "naming", exclude="X") == "B"  # most locations
    assert convention_for(context, "naming", exclude="B") == "A"
    assert convention_for(context, "types", exclude="X") is None
    seed.convention("A", "naming", 0.9)
    assert convention_for(load_pattern_context(storage), "naming", exclude="X") == "A"


def test_weaker_conventions_give_weaker_deviations(storage: DriftStorage, seed: Seeder) -> None:
    seed.detect("A", "naming", [("a.py", 1, 1)])
    seed.detect("B/deviation", "naming", [("a.py", 2, 1)])
    seed.approved("A", 0.75)
    findings = deviation_findings(storage, load_pattern_context(storage))
    assert [f.severity for f in findings] == [Severity.WARNING]


def test_structural_findings(storage: DriftStorage, seed: Seeder, root: Path) -> None:
    seed.file("a.py", "x\n")
    seed.file("b.py", "y\n")
    seed.function("a.py", "handler", 4)
    seed.error_gap("a.py", "a.py::handler", "Broad Catch")
    seed.error_gap("a.py", "missing", "empty")
    seed.secret("b.py", 2, kind="GitHub token", severity="medium")
    seed.taint("a.py", 7)  # source and sink in a.py
    seed.taint("b.py", 3, sanitized=True)
    findings = structural_findings(storage, ["a.py", "b.py"])
    held = {"a.py": storage.get_functions_by_file("a.py")}  # b.py has none: left out
    assert structural_findings(storage, ["a.py", "b.py"], held) == findings
    assert [(f.source, f.rule_id, f.file, f.line, f.severity, f.cwe_id) for f in findings] == [
        (Source.ERROR_GAP, "errors/error-gap-broad-catch", "a.py", 4, Severity.WARNING, 703),
        (Source.ERROR_GAP, "errors/error-gap-empty", "a.py", 1, Severity.ERROR, 703),
        (Source.TAINT, "security/taint-sql-query", "a.py", 7, Severity.ERROR, 89),
        (Source.SECRET, "security/secret-github-token", "b.py", 2, Severity.WARNING, 798),
    ]
    assert findings[2].message == (
        "Unsanitized request_param from a.py:1 reaches a sql_query sink."
    )


def test_a_gap_outside_any_function_says_so(storage: DriftStorage, seed: Seeder) -> None:
    # `<module>` is also where a handler inside an anonymous callback lands.
    seed.file("a.ts", "x\n")
    seed.function("a.ts", "load", 2)
    seed.error_gap("a.ts", "<module>", "swallowed", line=9)
    seed.error_gap("a.ts", "load", "swallowed", line=3)
    # tsc's output names a method by a whole computed key (yargs: 2,000 characters).
    long_name = "YargsInstance.[(_YargsInstance_command = new WeakMap(), " + "x" * 200 + ")]"
    seed.function("a.ts", long_name, 5)
    seed.error_gap("a.ts", long_name, "swallowed", line=6)
    assert [f.message for f in structural_findings(storage, ["a.ts"])] == [
        "Error-handling gap (swallowed) of Exception outside any named function.",
        "Error-handling gap (swallowed) of Exception in load.",
        "Error-handling gap (swallowed) of Exception in " + long_name[:79] + "….",
    ]


def test_a_gap_in_a_test_block_names_the_test(storage: DriftStorage, seed: Seeder) -> None:
    # fastify's tests: a handler inside ``test('…', (t) => {…})`` is stored under the block's
    # test id, which its message shows as the test's name and line.
    seed.file("test/a.test.js", "x\n")
    seed.error_gap("test/a.test.js", "test/a.test.js::throws on a bad url@2", "swallowed", line=9)
    seed.error_gap("test/a.test.js", "test/a.test.js::throws on a bad url@2", "empty_catch")
    findings = structural_findings(storage, ["test/a.test.js"])
    assert [(f.line, f.message) for f in findings] == [
        (9, 'Error-handling gap (swallowed) of Exception in test "throws on a bad url" (line 2).'),
        (
            2,
            'Error-handling gap (empty_catch) of Exception in test "throws on a bad url" (line 2).',
        ),
    ]


def test_an_error_gap_is_reported_at_its_handler(storage: DriftStorage, seed: Seeder) -> None:
    seed.file("a.py", "x\n")
    seed.function("a.py", "handler", 4)
    seed.error_gap("a.py", "handler", "empty_catch", line=9)
    seed.error_gap("a.py", "handler", "empty_catch", line=15)  # two in one function: two
    seed.error_gap("a.py", "handler", "swallowed")  # written without a line: the function's
    findings = structural_findings(storage, ["a.py"])
    assert [(f.rule_id, f.line) for f in findings] == [
        ("errors/error-gap-empty-catch", 9),
        ("errors/error-gap-empty-catch", 15),
        ("errors/error-gap-swallowed", 4),
    ]


def test_an_approved_weakness_reports_every_match(storage: DriftStorage, seed: Seeder) -> None:
    # Approving SEC-SQL-STRING-BUILDING had reported nothing and counted each match compliant.
    seed.file("a.ts", "x\n")
    seed.detect("SEC-SQL", "security", [("a.ts", 3, 5), ("a.ts", 9, 7)], cwe_ids="CWE-89")
    seed.detect("NAMING", "structural", [("a.ts", i, 1) for i in range(1, 5)])
    for pattern in ("SEC-SQL", "NAMING"):
        seed.approved(pattern, 0.95)
    context = load_pattern_context(storage)
    found = [f for f in pattern_findings(storage, context) if f.pattern_id == "SEC-SQL"]
    assert [(f.source, f.line, f.column, f.severity, f.cwe_id) for f in found] == [
        (Source.WEAKNESS, 3, 5, Severity.ERROR, 89),
        (Source.WEAKNESS, 9, 7, Severity.ERROR, 89),
    ]
    assert context.approved_locations == 4  # the naming pattern's alone


def test_an_approved_error_handling_weakness_is_no_compliance(
    storage: DriftStorage, seed: Seeder
) -> None:
    # celery: approving ERR-EMPTY-HANDLER (CWE-390) had counted its 170 empty handlers as places
    # that follow an approved pattern. The error gaps report them; the pattern adds nothing.
    seed.file("a.py", "x\n")
    seed.detect("EMPTY", "errors", [("a.py", 3, 5), ("a.py", 9, 7)], cwe_ids="CWE-390")
    seed.detect("NAMING", "structural", [("a.py", i, 1) for i in range(1, 5)])
    for pattern in ("EMPTY", "NAMING"):
        seed.approved(pattern, 0.95)
    context = load_pattern_context(storage)
    assert [f for f in pattern_findings(storage, context) if f.pattern_id == "EMPTY"] == []
    assert (context.approved_conventions, context.approved_locations) == (1, 4)


def test_a_rule_listing_several_cwes_is_judged_by_the_strongest() -> None:
    # QA: ``cwe_ids = [390, 89]`` read as an error-handling gap, and reported nothing.
    assert leading_cwe("390, 89") == 89
    assert leading_cwe("390,532") == 532
    assert leading_cwe("396,390") == 396
    assert leading_cwe("532") == 532
    assert leading_cwe(None) is None
