"""Telling prose (comments, the insides of strings) from code, for content patterns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.prose import ProseSpans


def covered(text: str, language: str, needle: str, occurrence: int = 0) -> bool:
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    return ProseSpans(text, language).covers(offset)


PYTHON = '''import os
x = eval(a)  # eval(b)
"""A docstring:
    eval(c) here
"""
y = 'eval(d)' + f"{z}" + r'\\\\' + eval(e)
s = "SELECT * FROM t WHERE id=" + i
t = """one " quote, and \\""" an escaped end""" + eval(f)
'''


@pytest.mark.parametrize(
    ("needle", "prose"),
    [
        ("eval(a)", False),
        ("eval(b)", True),
        ("# eval(b)", True),  # the comment marker itself is in the comment
        ("eval(c)", True),
        ("eval(d)", True),
        ("eval(e)", False),  # after a raw string ending in a backslash pair
        ('"SELECT', False),  # a string's opening quote is code: the string being built
        ("SELECT", True),
        ("an escaped end", True),
        ("eval(f)", False),
        ("import os", False),
    ],
)
def test_python_comments_and_strings(needle: str, prose: bool) -> None:
    assert covered(PYTHON, "python", needle) is prose


ECMASCRIPT = """const a = eval(x); // eval(y)
/* block
   eval(z) */ const b = eval(w);
const c = `template eval(t) ${v}` + 'it\\'s eval(s)' + "eval(d)";
"""


@pytest.mark.parametrize(
    ("needle", "prose"),
    [
        ("eval(x)", False),
        ("eval(y)", True),
        ("eval(z)", True),
        ("eval(w)", False),  # code after a block comment closes on the same line
        ("eval(t)", True),
        ("eval(s)", True),  # an escaped quote does not end the string
        ("eval(d)", True),
        ("`template", False),
    ],
)
@pytest.mark.parametrize("language", ["javascript", "typescript"])
def test_ecmascript_comments_strings_and_templates(needle: str, prose: bool, language: str) -> None:
    assert covered(ECMASCRIPT, language, needle) is prose


def test_a_javascript_regex_literal_opens_no_string() -> None:
    # sequelize's query generators: ``x.replace(/`/g, …)`` had hidden every SQL template after it.
    text = (
        "const s = x.replace(/`/g, '\"');\n"
        "function del(table) { return `DELETE FROM ${table} WHERE id = 1`; }\n"
        "const r = a / b / c; eval(z);\n"
        "if (/'/.test(q)) { eval(w); }\n"
    )
    assert covered(text, "javascript", "`DELETE") is False
    assert covered(text, "javascript", "DELETE FROM") is True
    assert covered(text, "javascript", "eval(z)") is False  # division is no regex
    assert covered(text, "javascript", "eval(w)") is False


def test_go_raw_strings_keep_backslashes_and_runes_are_strings() -> None:
    text = (
        'a := `raw \\` + exec.Command("sh")\n'
        'r := \'"\' // exec.Command("sh")\n'
        'exec.Command("bash")\n'
    )
    assert covered(text, "go", 'exec.Command("sh")') is False  # the raw string ended at \\`
    assert covered(text, "go", 'exec.Command("sh")', 1) is True
    assert covered(text, "go", 'exec.Command("bash")') is False


def test_java_text_blocks_are_strings() -> None:
    text = (
        'String q = """\n    Runtime.getRuntime().exec(x)\n    """;\n'
        "Runtime.getRuntime().exec(y);\n"
    )
    assert covered(text, "java", "Runtime.getRuntime().exec(x)") is True
    assert covered(text, "java", "Runtime.getRuntime().exec(y)") is False


def test_an_unterminated_one_line_string_ends_with_its_line() -> None:
    text = "x = 'unterminated eval(a)\ny = eval(b)\n"
    assert covered(text, "python", "eval(a)") is True
    assert covered(text, "python", "eval(b)") is False


def test_a_language_drift_does_not_parse_is_all_code() -> None:
    text = "<!-- eval(x) --> 'eval(y)'"
    spans = ProseSpans(text, "html")
    assert not any(spans.covers(offset) for offset in range(len(text)))


@given(st.text(alphabet=st.sampled_from(list("ab =(\n\"'#/*`\\{}$")), max_size=120))
def test_any_text_lexes_without_error_and_offsets_outside_are_code(text: str) -> None:
    for language in ("python", "javascript", "go", "java"):
        spans = ProseSpans(text, language)
        assert spans.covers(-1) is False
        assert spans.covers(len(text)) is False
        # Characters no comment or string can start with are code unless a span covers them.
        for offset, char in enumerate(text):
            if char not in "\"'#/`" and spans.covers(offset):
                assert any(ch in text[:offset] for ch in "\"'#/`")
