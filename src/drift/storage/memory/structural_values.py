"""Value normalisation for the in-memory structural tables.

A SQL ``REAL`` column hands back a ``float`` even when an ``int`` went in (records accept ints
where floats are declared). The in-memory backend stores records as given, so it converts those
fields first to return exactly what SQL would.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, TypeVar

from msgspec.structs import replace

from drift.records.record import Record

R = TypeVar("R", bound=Record)


def _is_float_annotation(annotation: Any) -> bool:
    if annotation is float:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return float in typing.get_args(annotation)
    return False


@cache
def _float_fields(cls: type[Record]) -> tuple[str, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(name for name in cls.__struct_fields__ if _is_float_annotation(hints[name]))


def stored(row: R, **changes: Any) -> R:
    """``row`` with ``changes`` applied and every float field holding a real ``float``."""
    for name in _float_fields(type(row)):
        value = changes.get(name, getattr(row, name))
        if value is not None and type(value) is not float:
            changes[name] = float(value)
    return replace(row, **changes) if changes else row
