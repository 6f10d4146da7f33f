"""Every row class in ``drift.records`` is an immutable, slotted value: a ``Record``."""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil

import msgspec
import pytest
from msgspec.structs import replace

import drift.records
from drift.records.analysis import FunctionRow
from drift.records.cortex import MemoryCursor
from drift.records.record import Record


def _row_classes() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(drift.records.__path__):
        module = importlib.import_module(f"drift.records.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ == module.__name__ and not issubclass(value, enum.Enum):
                found.append(value)
    return found


ROWS = [cls for cls in _row_classes() if cls.__module__ != "drift.records.validation"]


def test_the_row_modules_hold_over_a_hundred_row_classes() -> None:
    assert len(ROWS) > 100


@pytest.mark.parametrize("cls", ROWS, ids=lambda cls: cls.__name__)
def test_every_row_class_is_a_frozen_record(cls: type) -> None:
    assert issubclass(cls, Record)
    assert cls.__struct_config__.frozen  # type: ignore[attr-defined]
    assert not hasattr(cls, "__dict__") or "__dict__" not in cls.__dict__


def _function(name: str = "f") -> FunctionRow:
    return FunctionRow(1, "a.py", name, name, "python", 1, 2, 0, None, False, False, None, None)


def test_a_record_cannot_be_changed_in_place() -> None:
    row = _function()
    with pytest.raises(AttributeError):
        row.name = "g"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        row.extra = 1  # type: ignore[attr-defined]


def test_records_compare_and_hash_by_value_and_replace_makes_a_copy() -> None:
    row = _function()
    assert row == _function()
    assert hash(row) == hash(_function())
    renamed = replace(row, name="g")
    assert renamed.name == "g"
    assert row.name == "f"
    assert renamed != row


def test_records_order_only_where_declared() -> None:
    assert MemoryCursor.__struct_config__.order
    with pytest.raises(TypeError):
        _ = _function("a") < _function("b")  # type: ignore[operator]


def test_a_record_round_trips_through_msgspec() -> None:
    row = _function()
    assert msgspec.msgpack.decode(msgspec.msgpack.encode(row), type=FunctionRow) == row
