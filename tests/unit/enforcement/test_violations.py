"""From findings to violation rows: de-duplication, ids, is_new, suppression, columns."""

from __future__ import annotations

from collections.abc import Sequence

from drift.enforcement.findings import Finding, Source
from drift.enforcement.fingerprints import legacy_violation_id, violation_id
from drift.enforcement.severity import Severity
from drift.enforcement.violations import build_violations, deduplicate, function_scopes
from drift.records.analysis import FunctionRow

SOURCES: dict[str, list[str]] = {
    "a.py": [
        "def good_one():",  # 1
        "    return 1",  # 2
        "def badName():  # drift-ignore: naming/OTHER",  # 3
        "    pass",  # 4
        "# drift-ignore",  # 5
        "def alsoBad():",  # 6
        '    x = "é"; badCall()',  # 7
        "    badCall()",  # 8
    ],
}


def lines(path: str) -> Sequence[str] | None:
    return SOURCES.get(path)


def finding(
    line: int,
    *,
    file: str = "a.py",
    rule: str = "naming/FN",
    severity: Severity = Severity.ERROR,
    source: Source = Source.DEVIATION,
    column: int | None = None,
    message: str = "m",
) -> Finding:
    return Finding(
        source=source,
        rule_id=rule,
        pattern_id=rule.split("/", 1)[1],
        category=rule.split("/", 1)[0],
        file=file,
        line=line,
        column=column,
        severity=severity,
        message=message,
    )


def test_deduplicate_keeps_the_most_severe_per_file_line_rule() -> None:
    kept = deduplicate(
        [
            finding(3, severity=Severity.INFO, message="info"),
            finding(3, severity=Severity.ERROR, message="error"),
            finding(3, rule="naming/OTHER", severity=Severity.WARNING),
            finding(3, file="b.py"),
        ]
    )
    assert [(f.file, f.line, f.rule_id, f.severity) for f in kept] == [
        ("a.py", 3, "naming/FN", Severity.ERROR),
        ("a.py", 3, "naming/OTHER", Severity.WARNING),
        ("b.py", 3, "naming/FN", Severity.ERROR),
    ]


def test_build_violations_rows() -> None:
    built = build_violations(
        [finding(3), finding(3, severity=Severity.INFO), finding(6), finding(7, column=14)],
        lines,
        baseline_ids=frozenset(),
    )
    assert built.finding_count == 4
    assert built.duplicate_free_rate == 0.75
    rows = [v.row for v in built.violations]
    assert [(r.line, r.suppressed, r.is_new, r.column) for r in rows] == [
        (3, False, True, None),  # its trailing comment names another rule
        (6, True, True, None),  # the comment line above covers every rule
        (7, False, True, 13),  # byte column 14 is code point 13 ("é" is two bytes)
    ]
    assert rows[0].id == violation_id(
        "naming/FN", "a.py", "", "def badName(): # drift-ignore: naming/OTHER", 0
    )
    assert built.violations[1].suppression_reason == "drift-ignore"
    assert rows[0].severity == "error"
    assert rows[0].pattern_id == "FN"
    assert rows[0].rule_id == "naming/FN"


def test_ids_ignore_line_numbers_but_count_repeated_text() -> None:
    # Two violations on identical text get occurrences 0 and 1, in line order.
    SOURCES["dup.py"] = ["    badCall()", "x = 1", "badCall()"]
    try:
        first = build_violations([finding(1, file="dup.py"), finding(3, file="dup.py")], lines, ())
        ids = [v.row.id for v in first.violations]
        assert ids == [
            violation_id("naming/FN", "dup.py", "", "badCall()", 0),
            violation_id("naming/FN", "dup.py", "", "badCall()", 1),
        ]
        # Insert a line on top: the lines move, the ids do not.
        SOURCES["dup.py"] = ["import os", "    badCall()", "x = 1", "badCall()"]
        moved = build_violations([finding(2, file="dup.py"), finding(4, file="dup.py")], lines, ())
        assert [v.row.id for v in moved.violations] == ids
    finally:
        del SOURCES["dup.py"]


def function_at(name: str, line: int, end_line: int) -> FunctionRow:
    return FunctionRow(
        0, "h.py", name, name, "python", line, end_line, 0, None, False, False, None, None
    )


def test_a_new_function_above_keeps_the_old_violations_ids_and_dismissals() -> None:
    # The same offending line in three functions: a new one on top took the first one's id,
    # and with it its dismissal, when occurrences were counted over the whole file.
    handler = "    except Exception:"
    SOURCES["h.py"] = ["def first():", handler, "def second():", handler]
    functions = [function_at("first", 1, 2), function_at("second", 3, 4)]
    try:
        before = build_violations(
            [finding(2, file="h.py"), finding(4, file="h.py")],
            lines,
            (),
            scope_of=function_scopes(lambda file: functions),
        )
        first_id, second_id = (v.row.id for v in before.violations)
        SOURCES["h.py"] = ["def brand_new():", handler, *SOURCES["h.py"]]
        functions = [
            function_at("brand_new", 1, 2),
            function_at("first", 3, 4),
            function_at("second", 5, 6),
        ]
        after = build_violations(
            [finding(2, file="h.py"), finding(4, file="h.py"), finding(6, file="h.py")],
            lines,
            frozenset({first_id, second_id}),
            {first_id: "dismissed: false_positive"},
            scope_of=function_scopes(lambda file: functions),
        )
        rows = [v.row for v in after.violations]
        assert [(r.line, r.is_new, r.suppressed) for r in rows] == [
            (2, True, False),  # brand_new: new, and nobody dismissed it
            (4, False, True),  # first keeps its id and its dismissal
            (6, False, False),
        ]
        assert [r.id for r in rows[1:]] == [first_id, second_id]
    finally:
        del SOURCES["h.py"]


def test_ids_and_dismissals_of_version_1_still_match() -> None:
    # A baseline and a dismissal stored before ids named their function.
    legacy = legacy_violation_id(
        "naming/FN", "a.py", "def badName(): # drift-ignore: naming/OTHER", 0
    )
    built = build_violations([finding(3)], lines, frozenset({legacy}), {legacy: "dismissed"})
    row = built.violations[0].row
    assert (row.is_new, row.suppressed, built.violations[0].suppression_reason) == (
        False,
        True,
        "dismissed",
    )
    assert row.id != legacy


def test_a_version_1_dismissal_never_moves_to_an_identical_new_line() -> None:
    # Dismissed before the upgrade (version 1: occurrence 0 of the text in the file); then a
    # new function with the same handler came in above it.
    handler = "    except Exception:"
    legacy = legacy_violation_id("naming/FN", "h.py", "except Exception:", 0)
    SOURCES["h.py"] = ["def load_other():", handler, "def load():", handler]
    functions = [function_at("load_other", 1, 2), function_at("load", 3, 4)]
    try:
        built = build_violations(
            [finding(2, file="h.py"), finding(4, file="h.py")],
            lines,
            frozenset(),
            {legacy: "dismissed"},
            scope_of=function_scopes(lambda file: functions),
        )
        # Neither is taken for the dismissed one: hiding the new error would be worse.
        assert [v.row.suppressed for v in built.violations] == [False, False]
    finally:
        del SOURCES["h.py"]


def test_is_new_against_the_baseline() -> None:
    first = build_violations([finding(3), finding(8)], lines, frozenset())
    baseline = frozenset({first.violations[0].row.id})
    second = build_violations([finding(3), finding(8)], lines, baseline)
    assert [v.row.is_new for v in second.violations] == [False, True]


def test_unreadable_files_still_get_ids_and_are_never_suppressed() -> None:
    built = build_violations(
        [finding(5, file="gone.py", column=3), finding(9, file="gone.py")], lines, ()
    )
    rows = [v.row for v in built.violations]
    assert [r.id for r in rows] == [
        violation_id("naming/FN", "gone.py", "", "", 0),
        violation_id("naming/FN", "gone.py", "", "", 1),
    ]
    assert not any(r.suppressed for r in rows)
    assert rows[0].column == 3


def test_no_findings() -> None:
    built = build_violations([], lines, ())
    assert built.violations == ()
    assert built.duplicate_free_rate is None


def test_a_finding_without_a_column_has_none() -> None:
    # The naming detector's rows record no column (0): they had been reported at column 1.
    built = build_violations([finding(3, column=0), finding(8, column=5)], lines, frozenset())
    assert [(v.row.line, v.row.column) for v in built.violations] == [(3, None), (8, 5)]


def test_a_drift_ignore_inside_a_multi_line_string_silences_nothing() -> None:
    SOURCES["c.py"] = [
        'TOKEN = """',
        "# drift-ignore",
        '"""',
        "API = 'ghp_x'",
        "# drift-ignore",
        "B = 1",
    ]
    SOURCES["b.js"] = [
        "const re = /drift-ignore/;",
        "const k = 'ghp_x';",
        "const t = `",
        "// drift-ignore",
        "`;",
        "const u = 1;",
    ]
    try:
        py = build_violations([finding(4, file="c.py"), finding(6, file="c.py")], lines, ())
        assert [v.row.suppressed for v in py.violations] == [False, True]
        js = build_violations([finding(2, file="b.js"), finding(5, file="b.js")], lines, ())
        assert [v.row.suppressed for v in js.violations] == [False, False]
    finally:
        del SOURCES["c.py"], SOURCES["b.js"]
