"""Audit rows as NDJSON lines and CSV records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from drift.cloud.audit.query import COLUMNS
from drift.cloud.db import Row

# Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def json_row(row: Row) -> dict[str, object]:
    """One audit row as JSON-ready values."""
    return {key: _plain(row[key]) for key in COLUMNS}


def ndjson_lines(rows: Iterable[Row]) -> str:
    """Rows as newline-delimited JSON, one complete object per line."""
    return "".join(json.dumps(json_row(r), ensure_ascii=False) + "\n" for r in rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(_plain(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_header() -> str:
    """The header record."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(COLUMNS)
    return out.getvalue()


def csv_records(rows: Iterable[Row]) -> str:
    """Rows as CSV records (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(row[key]) for key in COLUMNS])
    return out.getvalue()
