"""Argument checks that every storage backend runs before it touches its data.

A protocol method given the wrong type must fail with ``TypeError`` (or ``ValueError`` for a value
of the right type that cannot be right, such as a negative limit) before any SQL runs, on every
backend alike. Records are frozen dataclasses with plain annotations; ``check_record`` reads those
annotations once per class and caches a checker.
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from drift.records.record import Record

R = TypeVar("R", bound=Record)


def _accepts(annotation: Any) -> Callable[[object], bool]:
    """Build a fast predicate for one field annotation (str, int, float, bytes, bool, X | None)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        parts = [_accepts(arg) for arg in typing.get_args(annotation)]
        return lambda value: any(part(value) for part in parts)
    if annotation is type(None):
        return lambda value: value is None
    if annotation is bool:
        return lambda value: isinstance(value, bool)
    if annotation is int:
        # bool is an int subclass; a flag passed where a count belongs is a caller bug.
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is str:
        return lambda value: isinstance(value, str)
    if annotation is bytes:
        return lambda value: isinstance(value, (bytes, bytearray, memoryview))
    if origin in (list, tuple):
        return lambda value: isinstance(value, origin)
    if isinstance(annotation, type):
        return lambda value: isinstance(value, annotation)
    return lambda value: True


def _exact_types(annotation: Any) -> frozenset[type]:
    """Types accepted by identity (``type(v) in …``): the fast path of ``check_record``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return frozenset().union(*(_exact_types(arg) for arg in typing.get_args(annotation)))
    if annotation is float:
        return frozenset({float, int})
    if origin in (list, tuple):
        return frozenset({origin})
    if isinstance(annotation, type):
        return frozenset({annotation})
    return frozenset()


@dataclasses.dataclass(frozen=True, slots=True)
class _RecordSpec:
    fast: Callable[[object], bool]
    fast_many: Callable[[list[Any] | tuple[Any, ...]], int]
    namespace: dict[str, Any]  # the generated checks' globals: the class and its field types
    terms: str  # the generated expression testing one record, ``value``
    getter: Callable[[object], tuple[object, ...]]
    names: tuple[str, ...]
    exact: tuple[frozenset[type], ...]
    accepts: tuple[Callable[[object], bool], ...]
    expected: tuple[str, ...]


_SPECS: dict[type, _RecordSpec] = {}


def _spec(cls: type[Record]) -> _RecordSpec:
    spec = _SPECS.get(cls)
    if spec is None:
        hints = typing.get_type_hints(cls)
        names = cls.__struct_fields__
        fetch = operator.attrgetter(*names)
        # attrgetter returns a bare value for one name; keep the shape uniform.
        getter = fetch if len(names) > 1 else (lambda value: (fetch(value),))
        exact = tuple(_exact_types(hints[name]) for name in names)
        namespace, terms = _fast_terms(cls, names, exact)
        fast, fast_many = _compile_fast_checks(namespace, terms)
        spec = _RecordSpec(
            fast=fast,
            fast_many=fast_many,
            namespace=namespace,
            terms=terms,
            getter=getter,
            names=names,
            exact=exact,
            accepts=tuple(_accepts(hints[name]) for name in names),
            expected=tuple(_describe(hints[name]) for name in names),
        )
        _SPECS[cls] = spec
    return spec


def _field_test(index: int, value: str, types_: frozenset[type]) -> str:
    """Python source testing the exact type of field ``index``, held in the expression
    ``value``: e.g. ``type(value.a) is _t0``."""
    others = sorted(types_ - {type(None)}, key=lambda t: t.__name__)
    if len(others) == 1:
        test = f"type({value}) is _t{index}"
        return f"({value} is None or {test})" if type(None) in types_ else test
    return f"type({value}) in _e{index}"


def _fast_terms(
    cls: type, names: tuple[str, ...], exact: tuple[frozenset[type], ...]
) -> tuple[dict[str, Any], str]:
    """The namespace and the Python expression testing every field's exact type of ``value``."""
    namespace: dict[str, Any] = {"_cls": cls}
    for index, types_ in enumerate(exact):
        namespace[f"_e{index}"] = types_
        others = sorted(types_ - {type(None)}, key=lambda t: t.__name__)
        if others:
            namespace[f"_t{index}"] = others[0]
    tests = [
        _field_test(i, f"value.{name}", t)
        for i, (name, t) in enumerate(zip(names, exact, strict=True))
    ]
    return namespace, " and ".join(tests) or "True"


def _compile_fast_checks(
    namespace: dict[str, Any], terms: str
) -> tuple[Callable[[object], bool], Callable[[list[Any] | tuple[Any, ...]], int]]:
    """Generated checks of every field's exact type: one record, and a whole list.

    Every write validates its rows, so this sits on the hottest path of the storage layer; one
    generated expression (the technique ``dataclasses`` itself uses) costs a fraction of a loop
    over the fields, and the list form tests each row inline instead of calling per row. The
    list form returns the index of the first row that needs the precise check, or -1. Field
    names come from the record's ``__struct_fields__``, never from user input.
    """
    source = (
        f"def fast(value):\n    return {terms}\n"
        "def fast_many(values):\n"
        "    for index, value in enumerate(values):\n"
        f"        if type(value) is not _cls or not ({terms}):\n"
        "            return index\n"
        "    return -1\n"
    )
    scope = dict(namespace)
    exec(source, scope)
    return scope["fast"], scope["fast_many"]


def _describe(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")


def check_record(value: object, cls: type[R], name: str = "row") -> R:
    """Raise ``TypeError`` unless ``value`` is a ``cls`` whose fields have their declared types.

    Runs on every write, so the common case is one C-level attribute fetch and an identity
    test per field; only an unusual type (a subclass, a bool where an int belongs) takes the
    precise predicate.
    """
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be a {cls.__name__}, not {type(value).__name__}")
    spec = _spec(cls)
    if spec.fast(value):
        return value
    for index, (field_value, exact) in enumerate(zip(spec.getter(value), spec.exact, strict=True)):
        if type(field_value) in exact:  # exact types: bool never passes for an int field
            continue
        if not spec.accepts[index](field_value):
            where = "" if name == "row" else f"{name}: "  # which row of a list
            raise TypeError(
                f"{where}{cls.__name__}.{spec.names[index]} must be {spec.expected[index]}, "
                f"not {type(field_value).__name__} ({field_value!r:.60})"
            )
    return value


def _check_records_precisely(values: object, cls: type[R], name: str) -> list[R]:
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of {cls.__name__}, not {type(values).__name__}")
    spec = _spec(cls)
    start = spec.fast_many(values)
    while start >= 0:  # a row the exact test could not pass: judge it precisely, go on
        check_record(values[start], cls, f"{name}[{start}]")  # raises with the reason
        rest = spec.fast_many(values[start + 1 :])
        start = -1 if rest < 0 else start + 1 + rest
    return values if isinstance(values, list) else list(values)


_LIST_CHECKERS: dict[tuple[type, str], Callable[[object], list[Any]]] = {}


def records_checker(cls: type[R], name: str = "rows") -> Callable[[object], list[R]]:
    """A check of a list (or tuple) of ``cls`` records that returns it as a list.

    Generated per class: a list whose rows all pass the exact type tests costs one call and
    an inline loop; anything else takes the precise path, which names the first bad row as
    ``name[i]``. Hot write paths bind one at import; ``check_records`` is the same check.
    """
    key = (cls, name)
    checker = _LIST_CHECKERS.get(key)
    if checker is None:
        spec = _spec(cls)
        namespace: dict[str, Any] = {**spec.namespace, "_precise": _check_records_precisely}
        namespace["_name"] = name
        source = (
            "def check(values):\n"
            "    if type(values) is list:\n"
            "        for value in values:\n"
            f"            if type(value) is not _cls or not ({spec.terms}):\n"
            "                break\n"
            "        else:\n"
            "            return values\n"
            "    return _precise(values, _cls, _name)\n"
        )
        exec(source, namespace)
        checker = _LIST_CHECKERS[key] = namespace["check"]
    return checker


def exact_values_getter(
    cls: type, names: tuple[str, ...]
) -> Callable[[object, Callable[[], object]], tuple[object, ...] | None]:
    """A generated ``get(value, last)``: the tuple ``(value.<names>…, last())`` when ``value`` is
    exactly a ``cls`` whose every field passes ``check_record``'s exact type test, else None.

    For one-row hot writes: the whole check and the statement's parameters read each field
    once, in one call; ``last`` (say, the clock) runs only once the record has passed. None
    only means "not the common case": the caller then takes its ordinary path, whose precise
    check raises, or accepts what the exact test cannot tell (a subclass, for one).
    """
    spec = _spec(cls)
    fields = spec.names
    unknown = set(names) - set(fields)
    if unknown:
        raise ValueError(f"{cls.__name__} has no field(s) {', '.join(sorted(unknown))}")
    local = {name: f"_f{index}" for index, name in enumerate(fields)}
    tests = [
        _field_test(index, local[name], types_)
        for index, (name, types_) in enumerate(zip(fields, spec.exact, strict=True))
    ]
    source = (
        "def get(value, last):\n"
        "    if type(value) is not _cls:\n"
        "        return None\n"
        + "".join(f"    {local[name]} = value.{name}\n" for name in fields)
        + f"    if {' and '.join(tests) or 'True'}:\n"
        + f"        return ({''.join(local[name] + ', ' for name in names)}last())\n"
        + "    return None\n"
    )
    scope: dict[str, Any] = dict(spec.namespace)
    exec(source, scope)
    getter: Callable[[object, Callable[[], object]], tuple[object, ...] | None] = scope["get"]
    return getter


def check_records(values: object, cls: type[R], name: str = "rows") -> list[R]:
    """Check a list (or tuple) of records; returns it as a list."""
    return records_checker(cls, name)(values)


def check_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")
    return value


def check_opt_str(name: str, value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be str or None, not {type(value).__name__}")
    return value


def check_int(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be int, not {type(value).__name__}")
    return value


def check_opt_int(name: str, value: object) -> int | None:
    if value is None:
        return None
    return check_int(name, value)


def check_float(name: str, value: object) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    return float(value)


def check_opt_float(name: str, value: object) -> float | None:
    if value is None:
        return None
    return check_float(name, value)


def check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be bool, not {type(value).__name__}")
    return value


def check_bytes(name: str, value: object) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes, not {type(value).__name__}")
    return bytes(value)


def check_limit(value: object, name: str = "limit") -> int:
    """A page size: a non-negative int."""
    limit = check_int(name, value)
    if limit < 0:
        raise ValueError(f"{name} must be >= 0, got {limit}")
    return limit


def check_str_list(name: str, values: object) -> list[str]:
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of str, not {type(values).__name__}")
    for index, value in enumerate(values):
        check_str(f"{name}[{index}]", value)
    return list(values)


def check_choice(name: str, value: object, allowed: Iterable[str]) -> str:
    text = check_str(name, value)
    options = tuple(allowed)
    if text not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}; got {text!r}")
    return text
