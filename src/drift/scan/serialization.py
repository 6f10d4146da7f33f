"""Lossless JSON for trees of frozen dataclasses (the parse cache format).

A dataclass becomes a JSON array of its field values in declaration order (compact: the parse
cache holds one document per distinct file), tuples become arrays, ``bytes`` become hex strings.
Decoding is driven by the type hints, checks shapes and primitive types, and raises ValueError on
anything that does not fit, so a damaged or outdated cache row reads as a miss.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, cast

T = TypeVar("T")
Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]

_PRIMITIVES: tuple[type, ...] = (str, int, float, bool, type(None))


def encode_dataclass(value: object, version: int) -> str:
    """JSON text for the dataclass ``value``, stamped with a format ``version``."""
    encoder = _encoder(type(value))
    body = encoder(value) if encoder is not None else value
    return json.dumps({"v": version, "data": body}, separators=(",", ":"))


def decode_dataclass(cls: type[T], text: str, version: int) -> T:
    """Rebuild a ``cls`` from ``encode_dataclass`` text of the same ``version``."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("v") != version:
        raise ValueError(f"not a version-{version} {cls.__name__} document")
    try:
        return cast(T, _decoder(cls)(document.get("data")))
    except (TypeError, IndexError) as exc:
        raise ValueError(f"malformed {cls.__name__} document: {exc}") from None


def _hints(cls: type) -> list[tuple[str, object]]:
    hints = typing.get_type_hints(cls)
    return [(item.name, hints[item.name]) for item in dataclasses.fields(cls)]


_ENCODERS: dict[object, Encoder | None] = {}
_DECODERS: dict[object, Decoder] = {}


def _encoder(tp: object) -> Encoder | None:
    """A function that makes a value of type ``tp`` JSON-ready, or None when it already is."""
    if tp not in _ENCODERS:
        _ENCODERS[tp] = _build_encoder(tp)
    return _ENCODERS[tp]


def _decoder(tp: object) -> Decoder:
    """A function that rebuilds a value of type ``tp`` from its JSON form, or raises."""
    if tp not in _DECODERS:
        _DECODERS[tp] = _build_decoder(tp)
    return _DECODERS[tp]


def _build_encoder(tp: object) -> Encoder | None:
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_encoder(tp)
    if tp is bytes:
        return bytes.hex
    origin = typing.get_origin(tp)
    if origin is tuple:
        item = _encoder(typing.get_args(tp)[0])
        if item is None:
            return list
        return lambda value: [item(element) for element in value]
    if origin in (types.UnionType, typing.Union):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        inner = _encoder(options[0]) if len(options) == 1 else None
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    return None


def _dataclass_encoder(cls: type) -> Encoder:
    names = [name for name, _ in _hints(cls)]
    getter = attrgetter(*names)
    convert = [
        (index, encoder)
        for index, (_, hint) in enumerate(_hints(cls))
        if (encoder := _encoder(hint)) is not None
    ]

    def encode(value: object) -> list[object]:
        fields = getter(value)
        values = list(fields) if len(names) > 1 else [fields]
        for index, encoder in convert:
            values[index] = encoder(values[index])
        return values

    return encode


def _build_decoder(tp: object) -> Decoder:
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    if tp is bytes:
        return _decode_bytes
    origin = typing.get_origin(tp)
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])
        return lambda value: tuple(item(element) for element in _expect_list(value))
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(tp))
        return lambda value: _expect_member(value, allowed)
    if origin in (types.UnionType, typing.Union):
        return _union_decoder(typing.get_args(tp))
    if isinstance(tp, type) and tp in _PRIMITIVES:
        return _primitive_decoder(tp)
    raise TypeError(f"no JSON decoding for {tp!r}")


def _dataclass_decoder(cls: type) -> Decoder:
    decoders = [_decoder(hint) for _, hint in _hints(cls)]
    width = len(decoders)

    def decode(value: object) -> object:
        items = _expect_list(value)
        if len(items) != width:
            raise TypeError(f"{cls.__name__}: expected {width} fields, got {len(items)}")
        return cls(*[decoder(item) for decoder, item in zip(decoders, items, strict=True)])

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


def _primitive_decoder(tp: type) -> Decoder:
    allowed: tuple[type, ...] = (int, float) if tp is float else (tp,)
    return lambda value: _expect_instance(value, allowed)


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
    try:
        return bytes.fromhex(value)
    except ValueError as exc:
        raise TypeError(str(exc)) from None
