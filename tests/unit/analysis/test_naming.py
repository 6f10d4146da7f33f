"""Identifier styles and the dominant naming style per kind of symbol."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.naming import (
    NamedSymbol,
    NamingStyle,
    classify,
    compatible_styles,
    naming_conventions,
)

CAMEL = NamingStyle.CAMEL_CASE
SNAKE = NamingStyle.SNAKE_CASE
PASCAL = NamingStyle.PASCAL_CASE
SCREAMING = NamingStyle.SCREAMING_CASE
OTHER = NamingStyle.OTHER


@pytest.mark.parametrize(
    ("name", "styles", "style"),
    [
        ("getUser", {CAMEL}, CAMEL),
        ("getHTTPResponse", {CAMEL}, CAMEL),
        ("get_user", {SNAKE}, SNAKE),
        ("utf8_decode", {SNAKE}, SNAKE),
        ("_private_helper", {SNAKE}, SNAKE),
        ("__init__", {CAMEL, SNAKE}, SNAKE),
        ("UserService", {PASCAL}, PASCAL),
        ("HTTPServer", {PASCAL}, PASCAL),
        ("MAX_RETRIES", {SCREAMING}, SCREAMING),
        ("HTTP2_PORT", {SCREAMING}, SCREAMING),
        ("render", {CAMEL, SNAKE}, SNAKE),
        ("x", {CAMEL, SNAKE}, SNAKE),
        ("URL", {SCREAMING, PASCAL}, SCREAMING),
        ("T", {SCREAMING, PASCAL}, PASCAL),
        ("$scope", {CAMEL, SNAKE}, SNAKE),
        ("#secret", {CAMEL, SNAKE}, SNAKE),  # JavaScript's private names
        ("#handleClick", {CAMEL}, CAMEL),
        ("Get_User", {OTHER}, OTHER),
        ("get__user", {SNAKE}, SNAKE),  # celery's test_start__stop: a run of underscores
        ("_get__ident_func__", {SNAKE}, SNAKE),
        ("MAX__RETRIES", {SCREAMING}, SCREAMING),
        ("getUser_id", {OTHER}, OTHER),
        ("_", {OTHER}, OTHER),
        ("2fast", {OTHER}, OTHER),
        # Letters of any script (Python 3 and JavaScript names may use them).
        ("naïve", {CAMEL, SNAKE}, SNAKE),
        ("héllo_ünïcode", {SNAKE}, SNAKE),
        ("fooBär", {CAMEL}, CAMEL),
        ("Ärger", {PASCAL}, PASCAL),
        ("a-b", {OTHER}, OTHER),
    ],
)
def test_classification(name: str, styles: set[NamingStyle], style: NamingStyle) -> None:
    assert compatible_styles(name) == frozenset(styles)
    assert classify(name) is style


def symbols(kind: str, names: list[str]) -> list[NamedSymbol]:
    return [NamedSymbol(name, kind, "a.py", line) for line, name in enumerate(names, start=1)]


def test_one_function_breaks_the_dominant_style() -> None:
    names = ["get_user", "set_name", "load_all", "save", "run", "fetchData"]
    (result,) = naming_conventions(symbols("function", names)).values()
    # snake fits 5 names (3 only snake, 2 single words), camel fits 3 (2 single words + 1).
    assert result.counts == {CAMEL: 3, SNAKE: 5}
    assert result.dominant is SNAKE
    assert result.share == pytest.approx(5 / 6)
    assert [(d.symbol.name, d.symbol.line, d.style) for d in result.deviations] == [
        ("fetchData", 6, CAMEL)
    ]
    assert result.total == 6


def test_computed_and_quoted_member_names_have_no_style() -> None:
    names = ["getUser", "setName", "#reset", "[Symbol.iterator]", '"content-type"', "load_all"]
    (result,) = naming_conventions(symbols("typescript:method", names)).values()
    assert result.total == 4
    assert result.dominant is CAMEL
    assert [d.symbol.name for d in result.deviations] == ["load_all"]


def test_kinds_are_judged_separately() -> None:
    found = naming_conventions(
        symbols("class", ["UserService", "Order", "http_client"])
        + symbols("method", ["getUser", "setName", "toString"])
        + symbols("constant", ["MAX_SIZE", "TIMEOUT", "defaultName"])
    )
    assert found["class"].dominant is PASCAL
    assert [d.symbol.name for d in found["class"].deviations] == ["http_client"]
    assert found["method"].dominant is CAMEL
    assert found["method"].deviations == ()
    assert found["constant"].dominant is SCREAMING
    assert [d.symbol.name for d in found["constant"].deviations] == ["defaultName"]


def test_no_dominant_style_means_no_deviations() -> None:
    # Two single words fit camel and snake equally: a tie.
    (tie,) = naming_conventions(symbols("function", ["run", "stop"])).values()
    assert tie.dominant is None
    assert tie.deviations == ()
    # Half and half: 2 of 4 = .5 < .6.
    half = naming_conventions(symbols("function", ["a_b", "c_d", "eF", "gH"]))["function"]
    assert half.dominant is None
    assert half.share == 0.5
    # The same set with a lower bar: a tie on counts and on exclusive names still has no winner.
    assert (
        naming_conventions(symbols("f", ["a_b", "c_d", "eF", "gH"]), min_share=0.4)["f"].dominant
        is None
    )
    (others,) = naming_conventions(symbols("function", ["Get_User", "getUser_id"])).values()
    assert others.dominant is None
    assert others.counts == {OTHER: 2}


def test_tie_on_counts_is_broken_by_exclusive_names() -> None:
    # camel fits run, stop, fooBar (3); snake fits run, stop, foo_bar, baz_qux (4): snake wins.
    result = naming_conventions(symbols("f", ["run", "stop", "fooBar", "foo_bar", "baz_qux"]))["f"]
    assert result.dominant is SNAKE
    # camel 3 (a, b, cD), snake 3 (a, b, e_f): exclusive names 1 each -> a tie, no dominant.
    tied = naming_conventions(symbols("f", ["a", "b", "cD", "e_f"]), min_share=0.5)["f"]
    assert tied.dominant is None


def test_empty_input() -> None:
    assert naming_conventions([]) == {}


names = st.text(alphabet=st.sampled_from(list("abcXYZ_1$")), min_size=1, max_size=10)


@given(name=names)
def test_classify_is_one_of_the_compatible_styles(name: str) -> None:
    assert classify(name) in compatible_styles(name)


@given(
    batch=st.lists(names, max_size=30),
    min_share=st.floats(min_value=0.0, max_value=1.0),
)
def test_deviations_never_fit_the_dominant_style(batch: list[str], min_share: float) -> None:
    found = naming_conventions(symbols("k", batch), min_share=min_share)
    if not batch:
        assert found == {}
        return
    result = found["k"]
    assert result.total == len(batch)
    if result.dominant is None:
        assert result.deviations == ()
        return
    assert result.share >= min_share
    assert result.counts[result.dominant] + len(result.deviations) == len(batch)
    for deviation in result.deviations:
        assert result.dominant not in compatible_styles(deviation.symbol.name)
