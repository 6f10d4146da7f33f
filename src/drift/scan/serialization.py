"""Lossless JSON for trees of ``NamedTuple`` records (the parse cache format).

A document is ``[version, record]``; a record is a JSON array of its fields in declaration
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


def encode_record(value: tuple[object, ...], version: int) -> str:
    """JSON text for the record ``value``, stamped with a format ``version``."""
    return _ENCODER.encode((version, value)).decode("utf-8")


_DECODERS: dict[type[Any], msgspec.json.Decoder[tuple[int, Any]]] = {}


def _document_decoder(cls: type[Any]) -> msgspec.json.Decoder[tuple[int, Any]]:
    decoder = _DECODERS.get(cls)
    if decoder is None:
        record: Any = cls  # a class known at run time only: the document type is built then
        decoder = _DECODERS[cls] = msgspec.json.Decoder(tuple[int, record])
    return decoder


def decode_record(cls: type[T], text: str, version: int) -> T:
    """Rebuild a ``cls`` from ``encode_record`` text of the same ``version``."""
    try:
        stamp, record = _document_decoder(cls).decode(text)
    except msgspec.ValidationError as exc:
        # Tell an outdated or foreign document from a damaged one (only on this slow path).
        if not _is_stamped(text, version):
            raise ValueError(f"not a version-{version} {cls.__name__} document") from None
        raise ValueError(f"malformed {cls.__name__} document: {exc}") from None
    except msgspec.DecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if stamp != version:
        raise ValueError(f"not a version-{version} {cls.__name__} document")
    record_of_cls: T = record
    return record_of_cls


def _is_stamped(text: str, version: int) -> bool:
    """Whether ``text`` is a two-item array that starts with ``version``."""
    document = msgspec.json.decode(text)
    return isinstance(document, list) and len(document) == 2 and document[0] == version
