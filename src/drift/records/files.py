"""Rows of the files domain: tracked source files and the parse cache."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FileMetadataRow:
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


@dataclass(frozen=True, slots=True)
class ParseCacheRow:
    """A cached parse result, keyed by the content hash of the parsed file."""

    content_hash: bytes
    language: str
    parse_result_json: str
    created_at: int
