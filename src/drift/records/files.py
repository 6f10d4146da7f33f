"""Rows of the files domain: tracked source files and the parse cache."""

from __future__ import annotations

from drift.records.record import Record


class FileMetadataRow(Record, frozen=True):
    """One scanned file: what the incremental scan compares against (table ``file_metadata``)."""

    path: str
    language: str | None
    file_size: int
    content_hash: bytes
    mtime_secs: int
    mtime_nanos: int
    last_scanned_at: int
    scan_duration_us: int | None
    pattern_count: int
    function_count: int
    error_count: int
    error: str | None


class ParseCacheRow(Record, frozen=True):
    """A cached parse result, keyed by the content hash of the parsed file."""

    content_hash: bytes
    language: str
    parse_result_json: str
    created_at: int
