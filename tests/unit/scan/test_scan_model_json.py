"""ParseResult JSON: lossless round trips, and damaged or outdated documents rejected."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drift.scan import MODEL_VERSION, NumberLiteral, ParseResult, parse_file
from drift.scan.model import StringContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "repos"

numbers = st.builds(
    NumberLiteral,
    raw=st.text(max_size=12),
    value=st.one_of(st.none(), st.integers(), st.floats(allow_nan=False)),
    line=st.integers(1, 10_000),
    column=st.integers(1, 500),
    context=st.sampled_from(typing.get_args(StringContext)),
)
results = st.builds(ParseResult, numbers=st.lists(numbers, max_size=5).map(tuple))


@settings(max_examples=30, deadline=None)
@given(results)
def test_any_result_survives_a_round_trip(result: ParseResult) -> None:
    restored = ParseResult.from_json(result.to_json())
    assert restored == result
    assert type(restored) is ParseResult
    for field, value in zip(result._fields, restored, strict=True):
        if isinstance(value, tuple) and value:
            assert type(value[0]) is type(getattr(result, field)[0])


@pytest.mark.parametrize(
    "path",
    [
        "naming-python/billing/payments.py",
        "naming-typescript/src/services/cart.ts",
        "naming-typescript/src/components/PriceTag.tsx",
        "naming-javascript/lib/cli.js",
        "naming-go/internal/store/store.go",
        "naming-java/src/main/java/com/acme/shop/OrderService.java",
    ],
)
def test_real_results_survive_a_round_trip(path: str) -> None:
    result = parse_file(FIXTURES / path)
    assert result.functions  # something to carry
    assert ParseResult.from_json(result.to_json()) == result


def test_the_document_is_compact_and_versioned() -> None:
    text = parse_file(FIXTURES / "naming-python/billing/invoices.py").to_json()
    document = json.loads(text)
    assert document[0] == MODEL_VERSION
    assert " " not in text.split('"', 1)[0]  # no padding between tokens


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "{}",
        "[]",
        f"[{MODEL_VERSION + 1}, []]",
        f"[{MODEL_VERSION}, []]",
        f"[{MODEL_VERSION}, 3]",
        f'[{MODEL_VERSION}, ["python"]]',
    ],
)
def test_damaged_or_outdated_documents_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=r"not JSON|not a version|malformed"):
        ParseResult.from_json(text)


def test_a_nested_record_of_the_wrong_width_is_rejected() -> None:
    result = parse_file(FIXTURES / "naming-python/billing/invoices.py")
    document = json.loads(result.to_json())
    document[1][4][0].append("extra")  # functions[0] gets a field too many
    with pytest.raises(ValueError, match="Function: expected 14 fields, got 15"):
        ParseResult.from_json(json.dumps(document))
