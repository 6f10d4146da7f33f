"""The `files` domain in plain Python: the `MemoryDriftFiles` mixin."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from drift.errors import NotFound
from drift.records.files import FileMetadataRow, ParseCacheRow
from drift.records.validation import check_bytes, check_int, check_opt_str, check_str
from drift.storage.memory.core import MemoryCore


class MemoryDriftFiles(MemoryCore):
    """``IDriftFiles`` over dicts: ``file_metadata`` by path, ``parse_cache`` by content hash."""

    _t_file_metadata: dict[str, FileMetadataRow]
    _t_parse_cache: dict[bytes, ParseCacheRow]

    def _init_files(self) -> None:
        self._t_file_metadata = {}
        self._t_parse_cache = {}

    # -- writes shared with the batch writer (lock held, arguments checked) -------------------

    def _upsert_file_metadata(self, rows: Sequence[FileMetadataRow]) -> int:
        for row in rows:
            # Stored rows hold plain bytes, as the SQL backends return them.
            self._t_file_metadata[row.path] = replace(row, content_hash=bytes(row.content_hash))
        return len(rows)

    def _delete_file_metadata(self, path: str) -> int:
        return 0 if self._t_file_metadata.pop(path, None) is None else 1

    def _insert_parse_cache(
        self, content_hash: bytes, language: str, parse_result_json: str, created_at: int
    ) -> int:
        key = bytes(content_hash)
        self._t_parse_cache[key] = ParseCacheRow(key, language, parse_result_json, created_at)
        return 1

    # -- IDriftFiles --------------------------------------------------------------------------

    def load_all_file_metadata(self) -> list[FileMetadataRow]:
        with self._lock:
            return [self._t_file_metadata[path] for path in sorted(self._t_file_metadata)]

    def get_file_metadata(self, path: str) -> FileMetadataRow | None:
        check_str("path", path)
        with self._lock:
            return self._t_file_metadata.get(path)

    def update_function_count(self, path: str, count: int) -> None:
        check_str("path", path)
        check_int("count", count)
        with self._lock:
            row = self._t_file_metadata.get(path)
            if row is None:
                raise NotFound(f"no file metadata for path {path!r}")
            self._t_file_metadata[path] = replace(row, function_count=count)

    def update_file_error(self, path: str, error_count: int, error_msg: str | None) -> None:
        check_str("path", path)
        check_int("error_count", error_count)
        check_opt_str("error_msg", error_msg)
        with self._lock:
            row = self._t_file_metadata.get(path)
            if row is None:
                raise NotFound(f"no file metadata for path {path!r}")
            self._t_file_metadata[path] = replace(row, error_count=error_count, error=error_msg)

    def count_files(self) -> int:
        with self._lock:
            return len(self._t_file_metadata)

    def get_parse_cache_by_hash(self, content_hash: bytes) -> ParseCacheRow | None:
        key = check_bytes("content_hash", content_hash)
        with self._lock:
            return self._t_parse_cache.get(key)

    def insert_parse_cache(
        self, content_hash: bytes, language: str, parse_result_json: str, created_at: int
    ) -> None:
        key = check_bytes("content_hash", content_hash)
        check_str("language", language)
        check_str("parse_result_json", parse_result_json)
        check_int("created_at", created_at)
        with self._lock:
            self._insert_parse_cache(key, language, parse_result_json, created_at)

    def invalidate_parse_cache(self, content_hash: bytes) -> None:
        key = check_bytes("content_hash", content_hash)
        with self._lock:
            self._t_parse_cache.pop(key, None)

    def count_parse_cache(self) -> int:
        with self._lock:
            return len(self._t_parse_cache)

    def prune_parse_cache(self) -> int:
        with self._lock:
            used = {bytes(row.content_hash) for row in self._t_file_metadata.values()}
            unused = [key for key in self._t_parse_cache if key not in used]
            for key in unused:
                del self._t_parse_cache[key]
            return len(unused)
