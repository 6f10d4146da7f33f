"""Opaque keyset cursors on ``(created_at, id)`` (DECISIONS 30).

A cursor is base64url JSON of the last row's timestamp and id. Clients pass it back as is; a
cursor that does not decode is a 400, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from drift.cloud.errors import ApiError


def encode_cursor(created_at: datetime, key: object) -> str:
    """The cursor that continues after the row with this timestamp and id."""
    raw = json.dumps([created_at.isoformat(), str(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The ``(created_at, id)`` a cursor stands for; 400 if it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, key = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = datetime.fromisoformat(created)
        if moment.tzinfo is None or not isinstance(key, str):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise ApiError(400, "Invalid cursor") from error
    return moment, key
