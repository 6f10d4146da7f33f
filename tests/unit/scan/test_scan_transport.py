"""Worker-to-parent transport: every value comes back equal and of the same types, checked
against the type the receiver names; what cannot travel fails loudly, never silently."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import NamedTuple

import msgspec
import pytest

from drift.analysis.structure import ProjectStructure
from drift.pipeline.graph import NumberedEdges, StringTable, StructureRest
from drift.pipeline.tasks import FileOutcome, FileTask, pack_source
from drift.pipeline.worker import analyze_file
from drift.records.analysis import CallEdgeRow, DetectionRow, FunctionRow
from drift.records.structural import CouplingMetricsRow, TestCoverageRow
from drift.scan import content_hash, transport

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "repos"


class Point(NamedTuple):
    x: int
    label: str | None = None


def shape(value: object) -> object:
    """The value's types all the way down (equality alone ignores tuple subclasses)."""
    if isinstance(value, (tuple, list)):
        return type(value), tuple(shape(item) for item in value)
    if isinstance(value, msgspec.Struct):
        names = value.__struct_fields__
        return type(value), tuple(shape(getattr(value, name)) for name in names)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return type(value), tuple(shape(getattr(value, f.name)) for f in fields)
    return type(value)


def _outcome(relative: str) -> FileOutcome:
    path = FIXTURES / relative
    source = path.read_bytes()
    grammar = "python" if relative.endswith(".py") else "typescript"
    task = FileTask(
        relative, str(path), grammar, content_hash(source), None, pack_source([], True), 0
    )
    return analyze_file(task)


@pytest.mark.parametrize(
    "relative",
    ["naming-python/billing/payments.py", "naming-typescript/src/services/cart.ts"],
)
def test_a_file_outcome_comes_back_equal_with_the_same_types(relative: str) -> None:
    outcome = _outcome(relative)
    assert outcome.functions
    assert outcome.detections
    assert outcome.structure is not None
    assert outcome.graph
    assert outcome.cache_json
    back = transport.loads(transport.dumps([outcome]), list[FileOutcome])
    assert back == [outcome]
    assert shape(back) == shape([outcome])


def test_the_structure_parts_come_back_equal() -> None:
    numbered = NumberedEdges.of(
        [CallEdgeRow(1, 2, "import", 0.75, 3), CallEdgeRow(2, 1, "fuzzy", 0.5, 9)],
        [("a.py", "f", 1), ("b.py", "g", 2)],
    )
    back = transport.loads(transport.dumps(numbered), NumberedEdges)
    assert back == numbered
    assert shape(back) == shape(numbered)
    rows = ProjectStructure(
        [CallEdgeRow(1, 2, "import", 0.75, 3)],
        [CouplingMetricsRow("pkg", 1, 2, 0.66, 0.0, 0.34, "main_sequence")],
        [],
        [TestCoverageRow("t.py::test_f", "a.py::f", "direct")],
        [],
    )
    back_rows = transport.loads(transport.dumps(rows), ProjectStructure)
    assert back_rows == rows
    assert shape(back_rows) == shape(rows)


def test_records_and_plain_values_keep_their_types() -> None:
    row = FunctionRow(0, "a.py", "f", "f", "python", 1, 2, 0, None, False, True, b"h", None)
    detection = DetectionRow(0, "a.py", 3, 4, "p", "c", 0.5, "ast", None, None, "x", 7)
    value = ([Point(1), Point(2, "b")], row, detection, {"k": Point(3)}, b"\x00\xff")
    kind = tuple[list[Point], FunctionRow, DetectionRow, dict[str, Point], bytes]
    back = transport.loads(transport.dumps(value), kind)
    assert back == value
    assert shape(back) == shape(value)


def test_non_finite_floats_travel() -> None:
    back = transport.loads(transport.dumps([math.inf, -math.inf]), list[float])
    assert back == [math.inf, -math.inf]
    assert math.isnan(transport.loads(transport.dumps(math.nan), float))


def test_data_of_another_type_is_refused() -> None:
    data = transport.dumps([Point(1, "a")])
    with pytest.raises(ValueError, match=r"Expected `str`, got `int` - at `\$\[0\]\[0\]`"):
        transport.loads(data, list[tuple[str, str]])
    with pytest.raises(ValueError, match="malformed"):
        transport.loads(b"\xc1 not msgpack", list[Point])


def test_an_integer_beyond_64_bits_fails_loudly() -> None:
    with pytest.raises(OverflowError):
        transport.dumps([2**64])


def test_the_rest_of_the_structure_travels_with_each_coverage_id_once() -> None:
    rows = ProjectStructure(
        [],
        [CouplingMetricsRow("pkg", 1, 2, 0.66, 0.0, 0.34, "main_sequence")],
        [],
        [
            TestCoverageRow("t.py::test_a", "a.py::f", "direct"),
            TestCoverageRow("t.py::test_a", "a.py::g", "transitive"),
            TestCoverageRow("t.py::test_b", "a.py::f", "direct"),
        ],
        [],
    )

    travelled = transport.loads(transport.dumps(StructureRest.of(rows)), StructureRest)

    assert sorted(travelled.coverage.strings) == sorted(
        ["t.py::test_a", "t.py::test_b", "a.py::f", "a.py::g", "direct", "transitive"]
    )
    back = travelled.rows()
    assert back == rows
    assert back.coverage[0].source_function_id is back.coverage[2].source_function_id


def test_a_string_table_refuses_ragged_rows() -> None:
    with pytest.raises(ValueError, match="a row of 2 strings in a table of 3"):
        StringTable.of([("a", "b", "c"), ("a", "b")], 3)
    table = StringTable.of([("a", "b", "c")], 3)
    with pytest.raises(ValueError, match="whole rows"):
        list(table._replace(width=2).rows())
