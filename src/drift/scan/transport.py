"""How results travel from a worker process back to the scan: MessagePack, typed at both ends.

A scan sends hundreds of thousands of small records to the parent (rows, structural facts, call
edges). They are encoded and rebuilt in C (``msgspec``): the receiving side names the type it
expects, and the decoder builds the named tuples and dataclasses directly, checking every
field's type on the way, where pickling rebuilds each record through a Python call on the cores
the workers need. Supported: named tuples, dataclasses, tuples, lists, dicts, ``str``,
``bytes``, ``bool``, ``None``, floats and integers within 64 bits (a value beyond that raises
``OverflowError`` when it is sent: results carry counts, lines and ids, never literal values).
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

_ENCODER = msgspec.msgpack.Encoder()
_DECODERS: dict[Any, msgspec.msgpack.Decoder[Any]] = {}


def dumps(value: object) -> bytes:
    """``value`` encoded for the trip back (``loads`` with its type restores it)."""
    return _ENCODER.encode(value)


def loads(data: bytes, kind: type[T]) -> T:
    """The value of type ``kind`` that ``dumps`` encoded; ``msgspec.ValidationError`` (a
    ValueError) if the data is not one."""
    decoder = _DECODERS.get(kind)
    if decoder is None:
        decoder = _DECODERS[kind] = msgspec.msgpack.Decoder(kind)
    value: T = decoder.decode(data)
    return value
