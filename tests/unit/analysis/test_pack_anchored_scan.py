"""The search the matcher finds content literals with (``AnchoredScan``), the case-folded text
it searches for case-insensitive literals, and the literals chosen for it: the same lines as a
plain search of each line."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.packs import FileFactsData, evaluate_file, load_pack_text
from drift.analysis.packs.literals import RequiredLiterals, required_literals
from drift.analysis.packs.text_index import AnchoredScan, TextUnits
from tests.unit.analysis.naive_search import naive_line_search

# Few characters, so that literals overlap, nest and repeat.
ALPHABET = list("akwK@(.e \u0131\u212a\u0130\u017f\u00df")
LITERALS = st.sets(st.text(alphabet=st.sampled_from(list("akwK@(.e")), min_size=1, max_size=4))


def _starts(text: str, literal: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(literal, i)]


def test_a_scan_finds_overlapping_and_nested_literals() -> None:
    scan = AnchoredScan(["kwk", "kw", "wkw", "@k"])
    assert scan.covered == frozenset({"kwk", "kw", "wkw", "@k"})
    assert scan.scan("kwkwk @kw") == {"kw": [0, 2, 7], "kwk": [0, 2], "wkw": [1], "@k": [6]}


def test_a_scan_of_no_literals_finds_nothing() -> None:
    assert AnchoredScan([]).scan("anything") == {}


@given(
    literals=LITERALS,
    text=st.text(alphabet=st.sampled_from(ALPHABET), max_size=60),
    folded=st.booleans(),
)
def test_a_scan_finds_every_occurrence_of_every_literal(
    literals: set[str], text: str, folded: bool
) -> None:
    found = AnchoredScan(literals, folded=folded).scan(text)
    assert found == {literal: starts for literal in literals if (starts := _starts(text, literal))}


@given(
    units=st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=12)),
    literals=st.sets(st.sampled_from(["kw", "ak", "ss", "ia", "k(", "ke"]), min_size=1),
    fold=st.booleans(),
)
def test_units_holding_equals_a_search_of_each_unit(
    units: list[str], literals: set[str], fold: bool
) -> None:
    # Case-insensitively, Python's re also takes dotless i, long s and the Kelvin sign (and
    # no other non-ASCII character) for ASCII letters, and never sharp s for "ss".
    required = RequiredLiterals(frozenset(literals), fold_case=fold)
    scanned = TextUnits(units, (AnchoredScan(literals), AnchoredScan(literals, folded=True)))
    flags = re.IGNORECASE if fold else 0
    regexes = [re.compile(re.escape(literal), flags) for literal in literals]
    matched = [i for i, unit in enumerate(units) if any(r.search(unit) for r in regexes)]
    assert scanned.holding(required) == matched
    assert TextUnits(units).holding(required) == matched


@given(
    text=st.text(alphabet=st.sampled_from([*ALPHABET, "\n", "\r"]), max_size=80),
    regex=st.sampled_from(["(?i)kwk", "(?i)ssk", "kw|ak", "(?i)(?:aka|kek)\\(", "(?:ak|kw)\\.e"]),
)
def test_file_evaluation_equals_a_line_by_line_search(text: str, regex: str) -> None:
    pack = load_pack_text(
        "[framework]\nname='t'\n[[patterns]]\nid='P'\ncategory='api'\n[patterns.match]\n"
        f"content_patterns = ['{regex}']\n",
        "t.toml",
    )
    facts = FileFactsData(path="f.py", language="python", text=text)
    found = [(m.line, m.column) for m in evaluate_file([pack], facts)]
    assert found == naive_line_search(regex, text)


def test_scanned_literals_are_the_most_selective() -> None:
    assert_for = r"^\s*assert\s+.*\b(?:is_admin|is_staff|has_perm)\b"
    found = required_literals(assert_for, scanned=True)
    assert found is not None
    assert found.literals == {"is_admin", "is_staff", "has_perm"}
    # Without the scan, one pass for ``assert`` is cheaper than three.
    unscanned = required_literals(assert_for)
    assert unscanned is not None
    assert unscanned.literals == {"assert"}


def test_scanned_literals_keep_a_run_before_an_alternation_multiplies_it() -> None:
    source = r"\b(?:logger|log|LOG)\.(?:debug|info|warning|error|critical)\("
    found = required_literals(source, scanned=True)
    assert found is not None
    assert found.literals == {"logger.", "log.", "LOG."}
