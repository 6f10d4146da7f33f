"""Value normalisation for the in-memory structural tables.

A SQL ``REAL`` column hands back a ``float`` even when an ``int`` went in (records accept ints
where floats are declared). The in-memory backend stores records as given, so it converts those
fields first to return exactly what SQL would.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def _is_float_annotation(annotation: Any) -> bool:
    if annotation is float:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return float in typing.get_args(annotation)
    return False


@cache
def _float_fields(cls: type) -> tuple[str, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        spec.name for spec in dataclasses.fields(cls) if _is_float_annotation(hints[spec.name])
    )


def stored(row: R, **changes: Any) -> R:
    """``row`` with ``changes`` applied and every float field holding a real ``float``."""
    for name in _float_fields(type(row)):
        value = changes.get(name, getattr(row, name))
        if value is not None and type(value) is not float:
            changes[name] = float(value)
    return dataclasses.replace(row, **changes) if changes else row
