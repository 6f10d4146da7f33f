"""Required-literal extraction and the content-pattern prefilter built on it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.packs import FileFactsData, evaluate_pattern, load_pack_text
from drift.analysis.packs.literals import required_literals
from tests.unit.analysis.naive_search import naive_line_search


@pytest.mark.parametrize(
    ("source", "literals", "fold"),
    [
        ("hashlib\\.md5\\(", {"hashlib.md5("}, False),
        # Adjacent literals and literal alternations combine: e(?:val|xec) -> eval, exec.
        ("(?<![\\w.])(?:eval|exec)\\s*\\(", {"eval", "exec"}, False),
        ("passw(?:ord|d)", {"password", "passwd"}, False),
        # The most selective candidate of a sequence wins.
        ("ab\\s+longer_literal", {"longer_literal"}, False),
        # Every alternative must contribute, or nothing is required.
        ("(?:foo\\d|bar\\w)baz", {"baz"}, False),
        ("(?:foo|\\d+)", None, False),
        # A repeat needs at least one occurrence to require anything.
        ("(?:abc)+x", {"abc"}, False),
        ("(?:abc)*x", None, False),
        # Case-insensitive patterns give casefolded literals, globally or locally.
        ("(?i)Select\\s", {"select"}, True),
        ("x(?i:Token)", {"token"}, True),
        # An optional part is either skipped or held whole.
        ("api_?key", {"apikey", "api_key"}, False),
        # ... and what comes before it is required alone, with fewer literals.
        ("t\\.Skip(?:f|Now)?\\(", {"t.Skip"}, False),
        # A literal holding another one adds nothing: a text with "slog." has "log.".
        ("(?:log|slog)\\.x", {"log.x"}, False),
        # An alternation alone may be the cheaper search: two names, not six calls.
        ("(?:alpha|omega)\\.(?:one|two|six)\\(", {"alpha", "omega"}, False),
        # Too short or nothing literal.
        ("ab", None, False),
        ("\\w+\\s*=", None, False),
    ],
)
def test_extraction(source: str, literals: set[str] | None, fold: bool) -> None:
    found = required_literals(source)
    if literals is None:
        assert found is None
        return
    assert found is not None
    assert set(found.literals) == literals
    assert found.fold_case is fold


REGEXES = [
    r"abc",
    r"(?i)abc",
    r"(?i:ab)c",
    r"(?<!a)bca",
    r"bca(?!b)",
    r"(?<=\s)abc",
    r"ab(?:ca|cb)",
    r"a(?:bc|cb)+$",
    r"^\s*cab",
    r"(?i)\bcab\b",
    r"c\s+abc",
]


@given(
    text=st.text(alphabet=st.sampled_from(list("abcABC \t\n\r\u0131\u212aß")), max_size=80),
    regex=st.sampled_from(REGEXES),
)
def test_prefiltered_search_equals_a_line_by_line_search(text: str, regex: str) -> None:
    pack = load_pack_text(
        "[framework]\nname='t'\n[[patterns]]\nid='P'\ncategory='api'\n"
        f"[patterns.match]\ncontent_patterns = ['{regex}']\n",
        "t.toml",
    )
    facts = FileFactsData(path="f.py", language="python", text=text)
    found = [(m.line, m.column) for m in evaluate_pattern(pack.patterns[0], facts)]
    assert found == naive_line_search(regex, text)
