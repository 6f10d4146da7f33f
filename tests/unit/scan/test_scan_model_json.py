"""ParseResult JSON: lossless round trips, and damaged or outdated documents rejected."""

from __future__ import annotations

import base64
import json
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drift
from drift.scan import CACHE_STAMP, MODEL_VERSION, Function, NumberLiteral, ParseResult, parse_file
from drift.scan.model import StringContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "repos"

numbers = st.builds(
    NumberLiteral,
    raw=st.text(max_size=12),
    value=st.one_of(st.none(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
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
    assert document[0] == CACHE_STAMP == f"{drift.__version__}/{MODEL_VERSION}"
    assert " " not in text.split('"', 1)[0]  # no padding between tokens


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "{}",
        "[]",
        f"[{MODEL_VERSION}, []]",  # the stamp of model version 2 and earlier
        f'["{CACHE_STAMP}", []]',
        f'["{CACHE_STAMP}", 3]',
        f'["{CACHE_STAMP}", ["python"]]',
    ],
)
def test_damaged_or_outdated_documents_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=r"not JSON|not a version|malformed"):
        ParseResult.from_json(text)


@pytest.mark.parametrize(
    "stamp",
    [f"0.0.9/{MODEL_VERSION}", f"{drift.__version__}/{MODEL_VERSION - 1}"],
    ids=["another release", "another model"],
)
def test_a_whole_document_of_another_release_or_model_is_rejected(stamp: str) -> None:
    # Well formed and of the same shape: only the stamp tells that another extraction wrote it.
    text = parse_file(FIXTURES / "naming-python/billing/invoices.py").to_json()
    foreign = text.replace(f'"{CACHE_STAMP}"', f'"{stamp}"', 1)
    assert foreign != text
    with pytest.raises(ValueError, match="not a version"):
        ParseResult.from_json(foreign)


def test_a_nested_record_of_the_wrong_width_is_rejected() -> None:
    result = parse_file(FIXTURES / "naming-python/billing/invoices.py")
    document = json.loads(result.to_json())
    document[1][4][0].append("extra")  # functions[0] gets a field too many
    with pytest.raises(ValueError, match=r"malformed .*length 22 - at `\$\[1\]\[4\]\[0\]`"):
        ParseResult.from_json(json.dumps(document))


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ((1, 0), 7),  # language: a number for a string
        ((1, 2), "12"),  # line_count: a string for a number
        ((1, 2), True),  # line_count: a boolean is not a number here
        ((1, 4, 0, 0), None),  # a function without a name
    ],
)
def test_a_value_of_the_wrong_type_is_rejected(where: tuple[int, ...], value: object) -> None:
    document = json.loads(parse_file(FIXTURES / "naming-python/billing/invoices.py").to_json())
    *path, last = where
    target = document
    for index in path:
        target = target[index]
    target[last] = value
    with pytest.raises(ValueError, match="malformed ParseResult document"):
        ParseResult.from_json(json.dumps(document))


def test_a_context_outside_its_literal_type_is_rejected() -> None:
    result = parse_file(FIXTURES / "naming-python/billing/invoices.py")
    assert result.strings
    document = json.loads(result.to_json())
    document[1][9][0][3] = "somewhere"  # strings[0].context
    with pytest.raises(ValueError, match="malformed"):
        ParseResult.from_json(json.dumps(document))


def test_hashes_travel_as_base64_and_come_back_as_bytes() -> None:
    result = parse_file(FIXTURES / "naming-python/billing/invoices.py")
    function = result.functions[0]
    document = json.loads(result.to_json())
    body_hash = document[1][4][0][Function._fields.index("body_hash")]
    assert body_hash == base64.b64encode(function.body_hash).decode()
    assert ParseResult.from_json(result.to_json()).functions[0].body_hash == function.body_hash


def test_a_float_beyond_a_double_has_no_value_and_the_document_stays_json(tmp_path: Path) -> None:
    path = tmp_path / "huge.py"
    path.write_text(
        "LIMIT = 1e400\nSMALL = 2.5e-3\nBIG = 10**400\nHUGE = 123456789012345678901234567890\n"
    )
    result = parse_file(path)
    values = {number.raw: number.value for number in result.numbers}
    assert values["1e400"] is None  # an infinity in Python: no finite value
    assert values["2.5e-3"] == 0.0025
    assert values["123456789012345678901234567890"] == 123456789012345678901234567890
    text = result.to_json()
    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-standard JSON: {name}"))
    assert ParseResult.from_json(text) == result
