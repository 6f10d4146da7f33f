"""Shared SQL for the `files` domain, and the `SqlDriftFiles` mixin built on it.

Every write lives in a ``do_<name>(w, ...)`` function taking a ``SqlWriter``, so the protocol
methods (on the executor) and the batch writer (inside its transaction) run the same statements.
"""

from __future__ import annotations

from collections.abc import Sequence

from drift.errors import NotFound
from drift.records.files import FileMetadataRow, ParseCacheRow
from drift.records.validation import (
    check_bytes,
    check_int,
    check_opt_str,
    check_str,
)
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

FILE_METADATA_COLUMNS = (
    "path, language, file_size, content_hash, mtime_secs, mtime_nanos, last_scanned_at, "
    "scan_duration_us, pattern_count, function_count, error_count, error"
)

SELECT_ALL_FILE_METADATA = f"SELECT {FILE_METADATA_COLUMNS} FROM file_metadata ORDER BY path"
SELECT_FILE_METADATA = f"SELECT {FILE_METADATA_COLUMNS} FROM file_metadata WHERE path = ?"
COUNT_FILES = "SELECT COUNT(*) FROM file_metadata"
UPSERT_FILE_METADATA = f"""
INSERT INTO file_metadata ({FILE_METADATA_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (path) DO UPDATE SET
    language = excluded.language,
    file_size = excluded.file_size,
    content_hash = excluded.content_hash,
    mtime_secs = excluded.mtime_secs,
    mtime_nanos = excluded.mtime_nanos,
    last_scanned_at = excluded.last_scanned_at,
    scan_duration_us = excluded.scan_duration_us,
    pattern_count = excluded.pattern_count,
    function_count = excluded.function_count,
    error_count = excluded.error_count,
    error = excluded.error
"""
DELETE_FILE_METADATA = "DELETE FROM file_metadata WHERE path = ?"
UPDATE_FUNCTION_COUNT = "UPDATE file_metadata SET function_count = ? WHERE path = ?"
UPDATE_FILE_ERROR = "UPDATE file_metadata SET error_count = ?, error = ? WHERE path = ?"

SELECT_PARSE_CACHE = (
    "SELECT content_hash, language, parse_result_json, created_at "
    "FROM parse_cache WHERE content_hash = ?"
)
COUNT_PARSE_CACHE = "SELECT COUNT(*) FROM parse_cache"
UPSERT_PARSE_CACHE = """
INSERT INTO parse_cache (content_hash, language, parse_result_json, created_at)
VALUES (?, ?, ?, ?)
ON CONFLICT (content_hash) DO UPDATE SET
    language = excluded.language,
    parse_result_json = excluded.parse_result_json,
    created_at = excluded.created_at
"""
DELETE_PARSE_CACHE = "DELETE FROM parse_cache WHERE content_hash = ?"
# The cache entries of content no file has any more: a removed file's, an edited file's old
# text. Skipped files' rows have an empty hash, which no cache entry has.
PRUNE_PARSE_CACHE = (
    "DELETE FROM parse_cache WHERE content_hash NOT IN (SELECT content_hash FROM file_metadata)"
)


def file_metadata_from_row(row: Row) -> FileMetadataRow:
    """Build a record from a row selected with ``FILE_METADATA_COLUMNS``."""
    return FileMetadataRow(
        path=row[0],
        language=row[1],
        file_size=row[2],
        content_hash=bytes(row[3]),
        mtime_secs=row[4],
        mtime_nanos=row[5],
        last_scanned_at=row[6],
        scan_duration_us=row[7],
        pattern_count=row[8],
        function_count=row[9],
        error_count=row[10],
        error=row[11],
    )


def _parse_cache_from_row(row: Row) -> ParseCacheRow:
    return ParseCacheRow(
        content_hash=bytes(row[0]),
        language=row[1],
        parse_result_json=row[2],
        created_at=row[3],
    )


def do_upsert_file_metadata(w: SqlWriter, rows: Sequence[FileMetadataRow]) -> int:
    """Insert or fully replace file metadata rows by path; returns rows written."""
    params = [
        (
            r.path,
            r.language,
            r.file_size,
            bytes(r.content_hash),
            r.mtime_secs,
            r.mtime_nanos,
            r.last_scanned_at,
            r.scan_duration_us,
            r.pattern_count,
            r.function_count,
            r.error_count,
            r.error,
        )
        for r in rows
    ]
    return w.write_many(UPSERT_FILE_METADATA, params) if params else 0


def do_delete_file_metadata(w: SqlWriter, path: str) -> int:
    """Delete the metadata row of ``path`` only; returns 1 if it existed, else 0."""
    return w.write(DELETE_FILE_METADATA, (path,))


def do_update_function_count(w: SqlWriter, path: str, count: int) -> None:
    """Set ``function_count``; NotFound when no file has that path."""
    if w.write(UPDATE_FUNCTION_COUNT, (count, path)) == 0:
        raise NotFound(f"no file metadata for path {path!r}")


def do_update_file_error(w: SqlWriter, path: str, error_count: int, error_msg: str | None) -> None:
    """Set ``error_count`` and ``error``; NotFound when no file has that path."""
    if w.write(UPDATE_FILE_ERROR, (error_count, error_msg, path)) == 0:
        raise NotFound(f"no file metadata for path {path!r}")


def do_insert_parse_cache(
    w: SqlWriter, content_hash: bytes, language: str, parse_result_json: str, created_at: int
) -> int:
    """Insert or replace the parse cache row of ``content_hash``; returns rows written."""
    return w.write(
        UPSERT_PARSE_CACHE, (bytes(content_hash), language, parse_result_json, created_at)
    )


def do_invalidate_parse_cache(w: SqlWriter, content_hash: bytes) -> int:
    """Delete the parse cache row of ``content_hash``; returns rows deleted."""
    return w.write(DELETE_PARSE_CACHE, (bytes(content_hash),))


class SqlDriftFiles:
    """``IDriftFiles`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def load_all_file_metadata(self) -> list[FileMetadataRow]:
        return [file_metadata_from_row(row) for row in self._db.read_all(SELECT_ALL_FILE_METADATA)]

    def get_file_metadata(self, path: str) -> FileMetadataRow | None:
        if type(path) is not str:  # the hottest read: the common case costs no call
            check_str("path", path)
        row = self._db.read_one(SELECT_FILE_METADATA, (path,))
        return None if row is None else file_metadata_from_row(row)

    def update_function_count(self, path: str, count: int) -> None:
        check_str("path", path)
        check_int("count", count)
        do_update_function_count(self._db, path, count)

    def update_file_error(self, path: str, error_count: int, error_msg: str | None) -> None:
        check_str("path", path)
        check_int("error_count", error_count)
        check_opt_str("error_msg", error_msg)
        do_update_file_error(self._db, path, error_count, error_msg)

    def count_files(self) -> int:
        return int(self._db.read_value(COUNT_FILES))

    def get_parse_cache_by_hash(self, content_hash: bytes) -> ParseCacheRow | None:
        key = check_bytes("content_hash", content_hash)
        row = self._db.read_one(SELECT_PARSE_CACHE, (key,))
        return None if row is None else _parse_cache_from_row(row)

    def insert_parse_cache(
        self, content_hash: bytes, language: str, parse_result_json: str, created_at: int
    ) -> None:
        key = check_bytes("content_hash", content_hash)
        check_str("language", language)
        check_str("parse_result_json", parse_result_json)
        check_int("created_at", created_at)
        do_insert_parse_cache(self._db, key, language, parse_result_json, created_at)

    def invalidate_parse_cache(self, content_hash: bytes) -> None:
        key = check_bytes("content_hash", content_hash)
        do_invalidate_parse_cache(self._db, key)

    def count_parse_cache(self) -> int:
        return int(self._db.read_value(COUNT_PARSE_CACHE))

    def prune_parse_cache(self) -> int:
        return self._db.write(PRUNE_PARSE_CACHE)
