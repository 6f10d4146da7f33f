"""Lossless JSON for trees of ``NamedTuple`` records (the parse cache format).

A document is ``[stamp, record]``; a record is a JSON array of its fields in declaration
order, ``bytes`` are base64 strings. Encoding and decoding run in C (``msgspec``): a scan
encodes every file it parses, and a rescan that rebuilds the call graph decodes every file it
did not. Decoding is driven by the type hints: it rebuilds every record, checks the version
stamp, every array's length and every value's type (``Literal`` members included), and raises
ValueError on anything that does not fit, so a damaged or outdated cache row reads as a miss.

JSON has no infinity or NaN (this encoder would write ``null`` for them): records carry finite
floats only (``parse_number`` gives None for a literal beyond a double's range).
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

_ENCODER = msgspec.json.Encoder()


def encode_record(value: tuple[object, ...], stamp: str) -> str:
    """JSON text for the record ``value``, stamped with the version ``stamp`` of its format."""
    return _ENCODER.encode((stamp, value)).decode("utf-8")


_DECODERS: dict[type[Any], msgspec.json.Decoder[tuple[str, Any]]] = {}


def _document_decoder(cls: type[Any]) -> msgspec.json.Decoder[tuple[str, Any]]:
    decoder = _DECODERS.get(cls)
    if decoder is None:
        record: Any = cls  # a class known at run time only: the document type is built then
        decoder = _DECODERS[cls] = msgspec.json.Decoder(tuple[str, record])
    return decoder


def decode_record(cls: type[T], text: str, stamp: str) -> T:
    """Rebuild a ``cls`` from ``encode_record`` text carrying the same ``stamp``."""
    try:
        found, record = _document_decoder(cls).decode(text)
    except msgspec.ValidationError as exc:
        # Tell an outdated or foreign document from a damaged one (only on this slow path).
        if not _is_stamped(text, stamp):
            raise ValueError(f"not a version-{stamp} {cls.__name__} document") from None
        raise ValueError(f"malformed {cls.__name__} document: {exc}") from None
    except msgspec.DecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if found != stamp:
        raise ValueError(f"not a version-{stamp} {cls.__name__} document")
    record_of_cls: T = record
    return record_of_cls


def _is_stamped(text: str, stamp: str) -> bool:
    """Whether ``text`` is a two-item array that starts with ``stamp``."""
    document = msgspec.json.decode(text)
    return isinstance(document, list) and len(document) == 2 and document[0] == stamp
