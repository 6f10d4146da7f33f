"""Finding literals in many strings at once (``TextUnits``, ``AnchoredScan``) and what the matcher
builds on it: the same matches as a plain line-by-line search."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.packs import (
    FileFactsData,
    Site,
    SiteColumns,
    evaluate_file,
    evaluate_pattern,
    load_pack_text,
)
from drift.analysis.packs.literals import RequiredLiterals
from drift.analysis.packs.text_index import AnchoredScan, TextUnits
from tests.unit.analysis.naive_search import naive_line_search

UNITS = st.lists(
    st.text(alphabet=st.sampled_from(list("akwKW@( \t\u0131\u212a\u0130ß")), max_size=12)
)


def _naive(units: list[str], literals: set[str], fold: bool) -> list[int]:
    if fold:
        regexes = [re.compile(re.escape(literal), re.IGNORECASE) for literal in literals]
        return [i for i, unit in enumerate(units) if any(r.search(unit) for r in regexes)]
    return [i for i, unit in enumerate(units) if any(literal in unit for literal in literals)]


@given(units=UNITS, fold=st.booleans(), literals=st.sets(st.sampled_from(["kw", "wk", "@k", "aw"])))
def test_units_holding_equals_a_search_of_each_unit(
    units: list[str], fold: bool, literals: set[str]
) -> None:
    if not literals:
        return
    required = RequiredLiterals(frozenset(literals), fold_case=fold)
    scanned = TextUnits(units, (AnchoredScan(literals), AnchoredScan(literals)))
    assert scanned.holding(required) == _naive(units, literals, fold)
    assert TextUnits(units).holding(required) == _naive(units, literals, fold)


def test_site_columns_read_as_sites() -> None:
    sites = SiteColumns(["a", "b", "c"], [1, 2, 3], [4, 5, 6])
    assert list(sites) == [Site("a", 1, 4), Site("b", 2, 5), Site("c", 3, 6)]
    assert sites[1] == Site("b", 2, 5)
    assert sites[1:] == [Site("b", 2, 5), Site("c", 3, 6)]
    assert len(sites) == 3


def _pack(match: str) -> str:
    return (
        f"[framework]\nname='t'\n[[patterns]]\nid='P'\ncategory='api'\n[patterns.match]\n{match}\n"
    )


@given(
    texts=st.lists(st.text(alphabet=st.sampled_from(list("htp:/kwK \u212a")), max_size=12)),
    regex=st.sampled_from(["^http://", "(?i)kw", "kw$", "w"]),
)
def test_string_literal_columns_match_as_site_lists(texts: list[str], regex: str) -> None:
    pattern = load_pack_text(_pack(f"string_literals = ['{regex}']"), "t.toml").patterns[0]
    lines = list(range(1, len(texts) + 1))
    as_sites = tuple(Site(text, line, 1) for text, line in zip(texts, lines, strict=True))
    as_columns = SiteColumns(texts, lines, [1] * len(texts))
    listed = FileFactsData(path="f.py", language="python", string_literals=as_sites)
    columns = FileFactsData(path="f.py", language="python", string_literals=as_columns)
    assert evaluate_pattern(pattern, columns) == evaluate_pattern(pattern, listed)


@given(
    text=st.text(alphabet=st.sampled_from(list("akwKW@( \n\r\u0131\u212a\u0130ß")), max_size=80),
    regex=st.sampled_from(["kw", "(?i)kw", "a@k", "(?i)w\\(", "^\\s*kw", "(?:aw|wk)k"]),
)
def test_file_evaluation_with_scans_equals_a_line_by_line_search(text: str, regex: str) -> None:
    # evaluate_file searches the literals of all patterns in one scan per file.
    pack = load_pack_text(_pack(f"content_patterns = ['{regex}']"), "t.toml")
    facts = FileFactsData(path="f.py", language="python", text=text)
    found = [(m.line, m.column) for m in evaluate_file([pack], facts)]
    assert found == naive_line_search(regex, text)
