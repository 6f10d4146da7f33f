"""Record checks: the generated exact-type fast path and the precise slow path agree."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from drift.records.analysis import DetectionRow
from drift.records.validation import check_record, check_records, exact_values_getter


class Path(str):
    """A str subclass: not an exact type, so it takes the precise check, which accepts it."""


def _row(n: int = 1, **changes: object) -> DetectionRow:
    row = DetectionRow(0, "a.py", n, 1, "p", "naming", 0.5, "pack", None, None, None, 0)
    return replace(row, **changes)


def test_exact_rows_pass_and_a_tuple_comes_back_as_a_list() -> None:
    rows = (_row(1), _row(2))
    assert check_records(rows, DetectionRow) == list(rows)
    assert check_record(rows[0], DetectionRow) is rows[0]


@pytest.mark.parametrize(
    ("changes", "accepted"),
    [
        ({"confidence": 1}, True),  # an int where a float belongs
        ({"cwe_ids": "79"}, True),  # an optional str given
        ({"file": Path("a.py")}, True),  # a str subclass
        ({"line": True}, False),  # a bool where an int belongs
        ({"confidence": "high"}, False),
        ({"file": None}, False),  # a required str missing
        ({"cwe_ids": 79}, False),
    ],
)
def test_field_types(changes: dict[str, object], accepted: bool) -> None:
    row = _row(**changes)
    if accepted:
        assert check_record(row, DetectionRow) is row
        assert check_records([_row(), row, _row()], DetectionRow)[1] is row
    else:
        field = next(iter(changes))
        with pytest.raises(TypeError, match=rf"DetectionRow\.{field} must be"):
            check_record(row, DetectionRow)


def test_a_bad_row_is_named_by_its_index_even_after_an_accepted_slow_row() -> None:
    rows = [_row(1), _row(2, file=Path("b.py")), _row(3), _row(4, line="4"), _row(5)]
    with pytest.raises(TypeError, match=r"^rows\[3\]: DetectionRow\.line must be int, not str"):
        check_records(rows, DetectionRow)


def test_a_row_of_another_type_and_a_non_list_are_refused() -> None:
    with pytest.raises(TypeError, match=r"detections\[1\] must be a DetectionRow, not str"):
        check_records([_row(), "row"], DetectionRow, "detections")
    with pytest.raises(TypeError, match="rows must be a list of DetectionRow, not set"):
        check_records({_row()}, DetectionRow)


_INSERTED = ("file", "line", "confidence", "cwe_ids")


@pytest.mark.parametrize(
    ("changes", "exact"),
    [
        ({}, True),
        ({"confidence": 1}, True),  # int is an exact type of a float field
        ({"cwe_ids": "79"}, True),
        ({"file": Path("a.py")}, False),  # a subclass: for the precise check to accept
        ({"line": True}, False),
        ({"confidence": "high"}, False),
        ({"file": None}, False),
        ({"id": "7"}, False),  # a field the values leave out is still checked
    ],
)
def test_exact_values_agree_with_the_exact_type_test(
    changes: dict[str, object], exact: bool
) -> None:
    get = exact_values_getter(DetectionRow, _INSERTED)
    row = _row(**changes)
    ticks: list[int] = []

    def clock() -> int:
        ticks.append(1)
        return 99

    values = get(row, clock)
    if exact:
        assert values == (row.file, row.line, row.confidence, row.cwe_ids, 99)
        assert ticks == [1]
    else:
        assert values is None
        assert ticks == []  # the clock is only read for a row that passed


def test_exact_values_refuse_other_objects_and_unknown_fields() -> None:
    get = exact_values_getter(DetectionRow, _INSERTED)
    assert get("a row", lambda: 0) is None
    with pytest.raises(ValueError, match="no field"):
        exact_values_getter(DetectionRow, ("file", "nope"))
