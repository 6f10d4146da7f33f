"""``drift-ignore`` comments: parsing and which violations they silence."""

from __future__ import annotations

import pytest

from drift.enforcement.suppression import (
    IgnoreDirective,
    find_suppression,
    is_comment_only,
    parse_directive,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x = 1  # drift-ignore", IgnoreDirective((), None)),
        ("# drift-ignore legacy module", IgnoreDirective((), "legacy module")),
        ("foo();  // drift-ignore", IgnoreDirective((), None)),
        ("/* drift-ignore: naming/FN-SNAKE */", IgnoreDirective(("naming/FN-SNAKE",), None)),
        ("<!-- drift-ignore -->", IgnoreDirective((), None)),
        ("-- drift-ignore", IgnoreDirective((), None)),
        (" * drift-ignore: errors/*", IgnoreDirective(("errors/*",), None)),
        (
            "# drift-ignore: errors/ERR-1, api/API-2 vendored code",
            IgnoreDirective(("errors/ERR-1", "api/API-2"), "vendored code"),
        ),
        (
            "# drift-ignore: security/S-1 -- reviewed by sec",
            IgnoreDirective(("security/S-1",), "reviewed by sec"),
        ),
        ("#drift-ignore:ERR-1", IgnoreDirective(("ERR-1",), None)),
        # A string before the comment does not hide it.
        ('key = "sk_#test"  # drift-ignore', IgnoreDirective((), None)),
        ("x = 'a' + \"b\"  // drift-ignore: S-1", IgnoreDirective(("S-1",), None)),
        ("# drift-ignore:", IgnoreDirective((), None)),
    ],
)
def test_parse_directive(line: str, expected: IgnoreDirective) -> None:
    assert parse_directive(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "x = 1",
        "# nothing to see",
        "drift-ignore = True",  # not in a comment
        "# drift-ignore-file",  # a different word
        "# no-drift-ignorex",
        # In a string, not a comment: it silences nothing.
        'URL = "http://x/#drift-ignore"',
        "MSG = 'use # drift-ignore to silence'",
        'HELP = "// drift-ignore: naming/*"',
        "s = `/* drift-ignore */`",
        'esc = "a \\" # drift-ignore"',
    ],
)
def test_lines_without_a_directive(line: str) -> None:
    assert parse_directive(line) is None


def test_directive_covers_rule_ids_pattern_ids_and_globs() -> None:
    everything = IgnoreDirective((), None)
    assert everything.covers("naming/FN", "FN")
    listed = IgnoreDirective(("naming/FN", "ERR-*"), None)
    assert listed.covers("naming/FN", "FN")
    assert listed.covers("errors/ERR-7", "ERR-7")  # bare pattern id glob
    assert not listed.covers("naming/FN2", "FN2")
    category = IgnoreDirective(("security/*",), None)
    assert category.covers("security/secret-aws", "secret-aws")
    assert not category.covers("errors/secret-aws", "secret-aws")


def test_comment_only_lines() -> None:
    assert is_comment_only("    # a comment")
    assert is_comment_only("// js")
    assert is_comment_only(" * block continuation")
    assert not is_comment_only("x = 1  # trailing")
    assert is_comment_only("/* drift-ignore */")
    assert is_comment_only("/* a block that goes on")
    # Code after a closed block comment: the line is that code's, not a comment line above.
    assert not is_comment_only('/* drift-ignore */ const k2 = "ghp_x";')
    assert not is_comment_only("<!-- drift-ignore --> <p>x</p>")


LINES = [
    "def ok():",  # 1
    "    # drift-ignore",  # 2
    "    badName()",  # 3
    "    other()  # drift-ignore: naming/X",  # 4
    "    next_one()",  # 5
    "    last()  # drift-ignore",  # 6
    "    after_trailing()",  # 7
]


def test_find_suppression_on_the_line_or_the_comment_line_above() -> None:
    # Line 3: the comment-only line above covers every rule.
    assert find_suppression(LINES, 3, "naming/FN", "FN") == IgnoreDirective((), None)
    # Line 4: its own trailing comment covers only naming/X.
    assert find_suppression(LINES, 4, "naming/X", "X") is not None
    assert find_suppression(LINES, 4, "naming/Y", "Y") is None
    # Line 5: the line above is code with a trailing comment, which does not leak down.
    assert find_suppression(LINES, 5, "naming/X", "X") is None
    assert find_suppression(LINES, 7, "naming/X", "X") is None
    # Line 6: its own trailing comment.
    assert find_suppression(LINES, 6, "any/rule", "rule") is not None


def test_find_suppression_without_source_or_out_of_range() -> None:
    assert find_suppression(None, 3, "naming/FN", "FN") is None
    assert find_suppression(LINES, 0, "naming/FN", "FN") is None
    assert find_suppression(LINES, 99, "naming/FN", "FN") is None
