"""A structure worker numbers functions itself; the numbers become storage ids by function key.

``numbered_functions`` must give the rows storage holds (one per ``(file, name, line)``, the
later definition's values in the earlier one's place) in ``load_functions``'s order, and
``NumberedStructure.with_ids`` must turn numbers into stored ids, dropping edges to functions
storage does not hold, in ``resolve_calls``'s order.
"""

from __future__ import annotations

import pytest

from drift.pipeline.graph import NumberedEdges, numbered_functions
from drift.pipeline.worker import function_rows
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.scan import ParseResult, parse_source, transport

SOURCE = b"""\
def zeta():
    return alpha()


def alpha():
    return 1


if True:
    def twice(): return 1
else:
    def twice(): return 2
"""


def _result(source: bytes) -> ParseResult:
    return parse_source(source, "python")


def test_functions_are_numbered_in_storage_order_one_row_per_key() -> None:
    results = {"b.py": _result(SOURCE), "a.py": _result(b"def only():\n    pass\n")}
    rows = numbered_functions(results)

    assert [(row.id, row.file, row.name, row.line) for row in rows] == [
        (1, "a.py", "only", 1),
        (2, "b.py", "zeta", 1),
        (3, "b.py", "alpha", 5),
        (4, "b.py", "twice", 10),
        (5, "b.py", "twice", 12),
    ]
    # Apart from the id, each row is the one the scan stores for the file.
    stored = {(row.file, row.name, row.line): row for row in function_rows("b.py", results["b.py"])}
    for row in rows[1:]:
        assert row.__class__(0, *_fields(row)[1:]) == stored[row.file, row.name, row.line]


def _fields(row: FunctionRow) -> tuple[object, ...]:
    return tuple(getattr(row, name) for name in row.__struct_fields__)


def test_a_second_function_on_one_key_replaces_the_first_in_its_place() -> None:
    # Two definitions on one line: the upsert keeps the first row and the second's values.
    result = _result(b"f = lambda: 1; g = 2\ndef f(a, b): pass\n")
    same_key = result.functions[0]._replace(name="dup", line=9, end_line=9, parameters=())
    other = result.functions[0]._replace(name="dup", line=9, end_line=11)
    earlier = result.functions[0]._replace(name="early", line=3, end_line=3)
    doubled = result._replace(functions=(same_key, earlier, other))

    rows = numbered_functions({"m.py": doubled})

    assert [(row.id, row.name, row.line, row.end_line) for row in rows] == [
        (1, "early", 3, 3),
        (2, "dup", 9, 11),
    ]


def test_numbers_become_stored_ids_and_edges_to_missing_functions_are_dropped() -> None:
    keys = [("a.py", "f", 1), ("a.py", "g", 5), ("b.py", "h", 2), ("b.py", "gone", 9)]
    edges = [
        CallEdgeRow(1, 3, "import", 0.9, 2),
        CallEdgeRow(2, 1, "same_file", 0.95, 6),
        CallEdgeRow(3, 4, "same_file", 0.95, 3),  # to a function storage does not hold
        CallEdgeRow(3, 2, "import", 0.9, 3),
    ]
    numbered = NumberedEdges.of(edges, keys)
    stored = [
        FunctionRow(70, "a.py", "f", "f", "python", 1, 2, 0, None, False, False, None, None),
        FunctionRow(50, "a.py", "g", "g", "python", 5, 6, 0, None, False, False, None, None),
        FunctionRow(60, "b.py", "h", "h", "python", 2, 3, 0, None, False, False, None, None),
    ]

    # As it travels from the structure worker: columns of numbers, each name once.
    travelled = transport.loads(transport.dumps(numbered), NumberedEdges)
    assert travelled.files == ["a.py", "b.py"]
    assert sorted(travelled.labels) == ["import", "same_file"]
    assert len(travelled.edges) == 4 * 4 * 8  # four 8-byte numbers an edge
    assert len(travelled.confidences) == 4 * 8
    rows = travelled.with_ids(stored)

    assert [(e.caller_id, e.callee_id, e.call_site_line, e.resolution) for e in rows] == [
        (50, 70, 6, "same_file"),
        (60, 50, 3, "import"),
        (70, 60, 2, "import"),
    ]


def test_edges_keep_their_confidence_and_mismatched_columns_are_refused() -> None:
    keys = [("a.py", "f", 1), ("a.py", "g", 5)]
    numbered = NumberedEdges.of(
        [CallEdgeRow(1, 2, "fuzzy", 0.3, 2), CallEdgeRow(2, 1, "method", 0.85, 6)], keys
    )
    stored = [
        FunctionRow(7, "a.py", "f", "f", "python", 1, 2, 0, None, False, False, None, None),
        FunctionRow(8, "a.py", "g", "g", "python", 5, 6, 0, None, False, False, None, None),
    ]

    rows = transport.loads(transport.dumps(numbered), NumberedEdges).with_ids(stored)

    assert rows == [CallEdgeRow(7, 8, "fuzzy", 0.3, 2), CallEdgeRow(8, 7, "method", 0.85, 6)]
    with pytest.raises(ValueError, match="disagree"):
        numbered._replace(confidences=numbered.confidences[:8]).with_ids(stored)
