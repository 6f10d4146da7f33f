"""Lossless JSON for trees of ``NamedTuple`` records (the parse cache and pool transport format).

A record is a JSON array of its fields in declaration order (named tuples are tuples, so the C
encoder writes them directly), ``bytes`` become hex strings. Decoding is driven by the type
hints: it rebuilds every record, checks the version stamp and every array's length, and raises
ValueError on anything that does not fit, so a damaged or outdated cache row reads as a miss.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")
Decoder = Callable[[Any], Any]

_PRIMITIVES: tuple[type, ...] = (str, int, float, bool, type(None))


def _bytes_to_hex(value: object) -> str:
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


# Records are tuples of immutable values and cannot contain themselves, so the encoder's
# cycle check (a dict insert and delete per array) is pure cost: about a quarter of the time.
_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_bytes_to_hex, check_circular=False)


def encode_record(value: tuple[object, ...], version: int) -> str:
    """JSON text for the record ``value``, stamped with a format ``version``."""
    return _ENCODER.encode([version, value])


def decode_record(cls: type[T], text: str, version: int) -> T:
    """Rebuild a ``cls`` from ``encode_record`` text of the same ``version``."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError, TypeError) as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(document, list) or len(document) != 2 or document[0] != version:
        raise ValueError(f"not a version-{version} {cls.__name__} document")
    try:
        return cast(T, _decoder(cls)(document[1]))
    except (TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"malformed {cls.__name__} document: {exc}") from None


_DECODERS: dict[object, Decoder] = {}


def _decoder(tp: object) -> Decoder:
    """A function that rebuilds a value of type ``tp`` from its JSON form, or raises."""
    if tp not in _DECODERS:
        _DECODERS[tp] = _build_decoder(tp)
    return _DECODERS[tp]


def _is_record(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _build_decoder(tp: object) -> Decoder:
    if _is_record(tp):
        return _record_decoder(cast(type[tuple[object, ...]], tp))
    if tp is bytes:
        return _decode_bytes
    origin = typing.get_origin(tp)
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])
        return lambda value: tuple([item(element) for element in _expect_list(value)])
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(tp))
        return lambda value: _expect_member(value, allowed)
    if origin in (types.UnionType, typing.Union):
        return _union_decoder(typing.get_args(tp))
    if isinstance(tp, type) and tp in _PRIMITIVES:
        allowed_types: tuple[type, ...] = (int, float) if tp is float else (tp,)
        return lambda value: _expect_instance(value, allowed_types)
    raise TypeError(f"no JSON decoding for {tp!r}")


def _is_primitive(tp: object) -> bool:
    """True when a field of type ``tp`` holds JSON scalars that need no rebuilding."""
    if isinstance(tp, type) and tp in _PRIMITIVES:
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return True
    if origin in (types.UnionType, typing.Union):
        return all(_is_primitive(option) for option in typing.get_args(tp))
    return False


def _record_decoder(cls: type[tuple[object, ...]]) -> Decoder:
    # Scalars are taken as they come (JSON already typed them); the structure is checked and
    # nested records are rebuilt. tuple.__new__ skips NamedTuple.__new__'s argument handling:
    # this runs once per literal and call site of every cached file.
    hints = typing.get_type_hints(cls)
    fields: tuple[str, ...] = getattr(cls, "_fields")  # noqa: B009 - a NamedTuple attribute
    width = len(fields)
    nested = [
        (index, _decoder(hints[name]))
        for index, name in enumerate(fields)
        if not _is_primitive(hints[name])
    ]
    new = tuple.__new__

    def decode(value: object) -> object:
        items = _expect_list(value)
        if len(items) != width:
            raise TypeError(f"{cls.__name__}: expected {width} fields, got {len(items)}")
        for index, decoder in nested:
            items[index] = decoder(items[index])
        return new(cls, items)

    return decode


def _union_decoder(options: tuple[object, ...]) -> Decoder:
    complex_options = [option for option in options if option not in _PRIMITIVES]
    if not complex_options:
        allowed = cast(tuple[type, ...], options)
        return lambda value: _expect_instance(value, allowed)
    if len(complex_options) == 1 and len(options) == 2 and type(None) in options:
        inner = _decoder(complex_options[0])
        return lambda value: None if value is None else inner(value)
    raise TypeError(f"no JSON decoding for the union {options!r}")


def _expect_instance(value: object, allowed: tuple[type, ...]) -> object:
    # bool is an int subclass; only accept it where bool itself is allowed.
    if isinstance(value, bool) and bool not in allowed:
        raise TypeError(f"unexpected boolean {value!r}")
    if not isinstance(value, allowed):
        raise TypeError(f"expected {allowed}, got {type(value).__name__}")
    return value


def _expect_member(value: object, allowed: frozenset[object]) -> object:
    if value not in allowed:
        raise TypeError(f"unexpected value {value!r}")
    return value


def _expect_list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError(f"expected an array, got {type(value).__name__}")
    return value


def _decode_bytes(value: object) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"expected a hex string, got {type(value).__name__}")
    return bytes.fromhex(value)
