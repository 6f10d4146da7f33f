"""Worker-to-parent pickling: every value comes back equal, of the same types, shared once."""

from __future__ import annotations

import dataclasses
import enum
import pickle
from typing import NamedTuple

from drift.records.analysis import DetectionRow, FunctionRow
from drift.scan import parse_source, transport


class Colour(enum.Enum):
    RED = "red"


class Point(NamedTuple):
    x: int
    label: str | None = None


class TaggedPoint(Point):
    """A subclass without slots: its instances may carry a ``__dict__``."""


class Custom(NamedTuple):
    value: int

    def __reduce__(self) -> tuple[object, ...]:
        return (Custom, (self.value * 1,))


@dataclasses.dataclass(frozen=True, slots=True)
class Single:
    only: str


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    value: int
    doubled: int = dataclasses.field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "doubled", self.value * 2)


@dataclasses.dataclass
class Loose:
    value: int


def round_trip(value: object) -> object:
    back = transport.loads(transport.dumps(value))
    assert back == value
    return back


def shape(value: object) -> object:
    """The value's types all the way down (equality alone ignores tuple subclasses)."""
    if isinstance(value, (tuple, list)):
        return type(value), tuple(shape(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return type(value), tuple(shape(getattr(value, f.name)) for f in fields)
    return type(value)


def test_named_tuples_and_records_come_back_as_themselves() -> None:
    row = FunctionRow(0, "a.py", "f", "f", "python", 1, 2, 0, None, False, True, b"h", None)
    detection = DetectionRow(0, "a.py", 3, 4, "p", "c", 0.5, "ast", None, None, "x", 7)
    value = [Point(1), Point(2, "b"), row, detection, Single("s"), Colour.RED, {"k": Point(3)}]
    back = round_trip(value)
    assert shape(back) == shape(value)


def test_a_parse_result_comes_back_equal_with_the_same_types() -> None:
    source = b"import os\n\nclass A(Base):\n    @d\n    async def m(self, x: int = 1) -> str:\n"
    result = parse_source(source + b"        return os.path.join(x)\n", "python")
    assert shape(round_trip(result)) == shape(result)


def test_classes_with_their_own_rules_pickle_as_usual() -> None:
    tagged = TaggedPoint(1)
    tagged.__dict__["extra"] = "kept"
    back = round_trip([tagged, Custom(4), Checked(3), Loose(5)])
    assert isinstance(back, list)
    assert back[0].__dict__ == {"extra": "kept"}
    assert back[2].doubled == 6
    assert shape(back) == shape([tagged, Custom(4), Checked(3), Loose(5)])


def test_shared_objects_stay_shared_and_plain_pickle_reads_the_bytes() -> None:
    point = Point(1, "p")
    back = pickle.loads(transport.dumps([point, point]))
    assert back[0] is back[1]
