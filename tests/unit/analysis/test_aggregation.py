"""Aggregation of raw matches into per-pattern statistics, and near-duplicate merging."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.confidence import Observation, aggregate, category_location_totals


def obs(
    pid: str, file: str, line: int, conf: float = 0.8, *, col: int = 1, cat: str = "api"
) -> Observation:
    return Observation(
        pattern_id=pid, category=cat, file=file, line=line, column=col, confidence=conf
    )


def test_dedup_keeps_the_highest_confidence_and_sorts_locations() -> None:
    result = aggregate(
        [
            obs("P", "b.py", 3, 0.5),
            obs("P", "a.py", 9, 0.7),
            obs("P", "b.py", 3, 0.9),  # same file:line:column as the first: keep 0.9
            obs("P", "b.py", 3, 0.6, col=5),  # another column is another location
        ]
    )
    (pattern,) = result.patterns
    assert [(loc.file, loc.line, loc.column, loc.confidence) for loc in pattern.locations] == [
        ("a.py", 9, 1, 0.7),
        ("b.py", 3, 1, 0.9),
        ("b.py", 3, 5, 0.6),
    ]
    assert pattern.location_count == 3
    assert pattern.file_spread == 2
    # mean (.7 + .9 + .6)/3 = .733333; sample variance ((-.033333)^2 + .166667^2 + (-.133333)^2)/2
    # = (.001111 + .027778 + .017778)/2 = .023333; sd = .152753
    assert pattern.mean_confidence == pytest.approx(0.733333, abs=1e-6)
    assert pattern.stddev_confidence == pytest.approx(0.152753, abs=1e-6)
    assert pattern.confidences == (0.7, 0.9, 0.6)  # aligned with locations, not sorted
    assert result.raw_matches == 4
    assert result.unique_locations == 3
    assert result.dedup_ratio == pytest.approx(0.25)


def test_location_hash_depends_on_the_locations_only() -> None:
    first = aggregate([obs("P", "a.py", 1), obs("P", "b.py", 2)]).patterns[0]
    same = aggregate([obs("P", "b.py", 2, 0.1), obs("P", "a.py", 1, 0.3)]).patterns[0]
    moved = aggregate([obs("P", "a.py", 1), obs("P", "b.py", 3)]).patterns[0]
    assert first.location_hash == same.location_hash
    assert first.location_hash != moved.location_hash


def test_empty_input() -> None:
    result = aggregate([])
    assert result.patterns == ()
    assert result.dedup_ratio == 0.0
    assert result.single_file_share == 0.0
    assert not result.concentrated


def test_single_file_diagnostic() -> None:
    many = [obs(f"P{i}", "one.py", i) for i in range(10)]
    assert aggregate(many).single_file_share == 1.0
    assert aggregate(many).concentrated
    spread = [*many, obs("P0", "two.py", 1)]
    # 9 of 10 patterns in one file: 0.9 is not above 0.9.
    assert aggregate(spread).single_file_share == pytest.approx(0.9)
    assert not aggregate(spread).concentrated


def test_near_duplicates_are_flagged_and_merged() -> None:
    lines = range(1, 21)
    a = [obs("A", "x.py", n) for n in lines]  # 20 lines
    # B shares 19 of A's lines and adds one: J = 19 / 21 = 0.905 -> review, not merged.
    b = [obs("B", "x.py", n) for n in range(2, 21)] + [obs("B", "y.py", 1)]
    # C has exactly A's lines at another column: J = 20/20 = 1 -> merged into A.
    c = [obs("C", "x.py", n, conf=0.95, col=9) for n in lines]
    # D has the same lines but another category: never compared.
    d = [obs("D", "x.py", n, cat="logging") for n in lines]
    result = aggregate(a + b + c + d)
    pairs = {
        (p.first, p.second): (round(p.similarity, 4), p.merged) for p in result.near_duplicates
    }
    assert pairs == {
        ("A", "B"): (round(19 / 21, 4), False),
        ("A", "C"): (1.0, True),
        ("B", "C"): (round(19 / 21, 4), False),
    }
    by_id = {p.pattern_id: p for p in result.patterns}
    # A and C tie on 20 locations; the smaller id is the parent and takes the union (40).
    assert by_id["A"].parent_id is None
    assert by_id["A"].location_count == 40
    assert by_id["C"].parent_id == "A"
    assert by_id["C"].location_count == 20
    assert by_id["B"].parent_id is None
    assert [p.pattern_id for p in result.top_level()] == ["A", "B", "D"]
    # Category totals skip merged children: api = 40 + 20, logging = 20.
    assert category_location_totals(result.patterns) == {"api": 60, "logging": 20}


def test_the_larger_pattern_becomes_the_parent() -> None:
    big = [obs("Z", "x.py", n) for n in range(1, 41)] + [obs("Z", "y.py", 1)]
    small = [obs("A", "x.py", n, col=3) for n in range(1, 41)]
    # J = 40/41 = 0.9756: merged; Z has 41 locations, A 40 -> Z is the parent.
    by_id = {p.pattern_id: p for p in aggregate(big + small).patterns}
    assert by_id["A"].parent_id == "Z"
    assert by_id["Z"].parent_id is None
    assert by_id["Z"].location_count == 81


observations = st.lists(
    st.builds(
        Observation,
        pattern_id=st.sampled_from(["A", "B", "C"]),
        category=st.just("api"),
        file=st.sampled_from(["a.py", "b.py", "c/d.py"]),
        line=st.integers(min_value=1, max_value=8),
        column=st.integers(min_value=1, max_value=3),
        confidence=st.floats(min_value=0.0, max_value=1.0),
    ),
    max_size=80,
)


@given(items=observations)
def test_aggregation_properties(items: list[Observation]) -> None:
    result = aggregate(items)
    assert result.unique_locations <= result.raw_matches == len(items)
    assert 0.0 <= result.dedup_ratio <= 1.0
    for pattern in result.patterns:
        keys = [(loc.file, loc.line, loc.column) for loc in pattern.locations]
        assert keys == sorted(set(keys))
        assert 1 <= pattern.file_spread <= pattern.location_count
        mine = [o for o in items if o.pattern_id == pattern.pattern_id]
        if pattern.parent_id is None and not any(
            p.parent_id == pattern.pattern_id for p in result.patterns
        ):
            # An unmerged pattern holds exactly its own best confidence per location.
            assert pattern.location_count == len({(o.file, o.line, o.column) for o in mine})
            for loc in pattern.locations:
                best = max(
                    o.confidence
                    for o in mine
                    if (o.file, o.line, o.column) == (loc.file, loc.line, loc.column)
                )
                assert loc.confidence == best
        assert math.isfinite(pattern.stddev_confidence)
