"""Pickling for results on their way back from a worker process: same values, cheaper rebuilds.

A scan sends hundreds of thousands of small records to the parent (parse results, rows). By
default a named tuple is rebuilt through its Python-level ``__new__``, and a frozen dataclass
with slots field by field through ``dataclasses.fields``: that is most of what the parent
spends receiving them, on the cores the workers need. Here a plain named tuple is rebuilt by
``tuple.__new__`` (in C) and a plain slotted dataclass by one call of its own ``__init__``.
Any other class (a subclass, custom pickling, ``__post_init__``, fields ``__init__`` does not
take) pickles as usual; the rebuilt objects are equal to the sent ones and of the same types.
"""

from __future__ import annotations

import collections
import dataclasses
import io
import pickle
from collections.abc import Callable
from operator import attrgetter
from typing import Any

_Reduce = tuple[Callable[..., object], tuple[object, ...]]
_Reducer = Callable[[Any], _Reduce]

_PROBE = collections.namedtuple("_PROBE", "field")
_NAMEDTUPLE_GETNEWARGS = _PROBE.__dict__["__getnewargs__"].__code__
"""The code of the ``__getnewargs__`` every named tuple class is made with: a class that still
has it pickles as a plain tuple of its fields."""

_CUSTOM_PICKLING = ("__reduce__", "__reduce_ex__", "__getstate__", "__setstate__")


def _tuple_reducer(cls: type) -> _Reducer:
    rebuild = tuple.__new__

    def reduce(obj: tuple[object, ...]) -> _Reduce:
        return rebuild, (cls, tuple(obj))

    return reduce


def _dataclass_reducer(cls: type, names: tuple[str, ...]) -> _Reducer:
    values = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (values(obj),))
    return lambda obj: (cls, values(obj))


def _is_plain_namedtuple(cls: type) -> bool:
    own = cls.__dict__
    return (
        issubclass(cls, tuple)
        and "_fields" in own
        and own.get("__slots__") == ()
        and getattr(own.get("__getnewargs__"), "__code__", None) is _NAMEDTUPLE_GETNEWARGS
        and not any(name in own for name in _CUSTOM_PICKLING)
    )


def _plain_dataclass_fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a slotted dataclass whose ``__init__`` rebuilds it from them alone."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return None
    # Instances with a ``__dict__`` (a base without slots) may hold more than the fields.
    if not all("__slots__" in klass.__dict__ for klass in cls.__mro__ if klass is not object):
        return None
    # ``slots=True`` adds dataclasses' own state functions to frozen classes; any other
    # pickling hook is the class's own and must be kept.
    for hook in ("__reduce__", "__reduce_ex__"):
        if hook in cls.__dict__:
            return None
    for hook in ("__getstate__", "__setstate__"):
        method = cls.__dict__.get(hook)
        if method is not None and getattr(method, "__module__", None) != "dataclasses":
            return None
    fields = dataclasses.fields(cls)
    if not fields or not all(f.init for f in fields):
        return None
    return tuple(f.name for f in fields)


def _reducer_for(cls: type) -> _Reducer | None:
    if _is_plain_namedtuple(cls):
        return _tuple_reducer(cls)
    names = _plain_dataclass_fields(cls)
    return None if names is None else _dataclass_reducer(cls, names)


_REDUCERS: dict[type, _Reducer | None] = {}
"""The decision per class, made on first sight (classes are few, instances many)."""


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        # Called only for objects of non-builtin types: records, enums, classes.
        cls = type(obj)
        try:
            reducer = _REDUCERS[cls]
        except KeyError:
            reducer = _REDUCERS[cls] = _reducer_for(cls)
        return NotImplemented if reducer is None else reducer(obj)


def dumps(value: object) -> bytes:
    """``value`` pickled with the cheap rebuilds; ``pickle.loads`` (``loads``) restores it."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    """The value ``dumps`` pickled."""
    return pickle.loads(data)
