"""Contract tests for ``IDriftFiles``: file metadata and the parse cache.

File metadata has no insert method on the protocol; the tests write it with the batch writer
(``UpsertFileMetadata``), as the scan pipeline does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drift.errors import NotFound
from drift.records.batch import UpsertFileMetadata
from drift.records.files import FileMetadataRow, ParseCacheRow
from drift.storage.testing.analysis_rows import file_row, untyped, write
from drift.storage.testing.base import StorageUnderTest


class DriftFilesContract:
    """Every ``IDriftFiles`` method, on any backend."""

    def test_empty_database_has_no_files_and_no_cache(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        assert drift.load_all_file_metadata() == []
        assert drift.get_file_metadata("a.py") is None
        assert drift.count_files() == 0
        assert drift.get_parse_cache_by_hash(b"\x00") is None
        assert drift.count_parse_cache() == 0

    def test_file_metadata_round_trips_and_loads_ordered_by_path(
        self, backend: StorageUnderTest
    ) -> None:
        rows = [
            file_row("src/b.py"),
            file_row("README", language=None, scan_duration_us=None, error="bad utf-8"),
            file_row("src/a.py", file_size=2**40, mtime_nanos=999_999_999),
            file_row("src/Z.py"),
        ]
        write(backend, UpsertFileMetadata(rows))

        loaded = backend.drift.load_all_file_metadata()
        assert [row.path for row in loaded] == ["README", "src/Z.py", "src/a.py", "src/b.py"]
        assert loaded == sorted(rows, key=lambda row: row.path)
        assert backend.drift.get_file_metadata("src/a.py") == rows[2]
        assert backend.drift.get_file_metadata("README") == rows[1]
        assert backend.drift.count_files() == 4

    def test_file_metadata_lookup_is_exact(self, backend: StorageUnderTest) -> None:
        write(backend, UpsertFileMetadata([file_row("src/app.py")]))
        assert backend.drift.get_file_metadata("SRC/app.py") is None
        assert backend.drift.get_file_metadata("src/app") is None
        assert backend.drift.get_file_metadata("src/%") is None

    def test_file_metadata_comes_back_as_records_with_bytes(
        self, backend: StorageUnderTest
    ) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py", content_hash=bytearray(b"\x00\x01"))]))
        (row,) = backend.drift.load_all_file_metadata()
        assert isinstance(row, FileMetadataRow)
        assert type(row.content_hash) is bytes
        assert row.content_hash == b"\x00\x01"

    def test_upsert_replaces_every_column_of_a_known_path(self, backend: StorageUnderTest) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py"), file_row("b.py")]))
        changed = file_row(
            "a.py",
            language="javascript",
            file_size=9,
            content_hash=b"new",
            mtime_secs=1,
            mtime_nanos=2,
            last_scanned_at=3,
            scan_duration_us=None,
            pattern_count=0,
            function_count=0,
            error_count=1,
            error="syntax error",
        )
        write(backend, UpsertFileMetadata([changed]))
        assert backend.drift.get_file_metadata("a.py") == changed
        assert backend.drift.get_file_metadata("b.py") == file_row("b.py")
        assert backend.drift.count_files() == 2

    def test_update_function_count_changes_only_that_column(
        self, backend: StorageUnderTest
    ) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py"), file_row("b.py")]))
        backend.drift.update_function_count("a.py", 42)
        assert backend.drift.get_file_metadata("a.py") == file_row("a.py", function_count=42)
        assert backend.drift.get_file_metadata("b.py") == file_row("b.py")

    def test_update_file_error_sets_and_clears(self, backend: StorageUnderTest) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py"), file_row("b.py")]))
        backend.drift.update_file_error("a.py", 2, "unexpected indent")
        assert backend.drift.get_file_metadata("a.py") == file_row(
            "a.py", error_count=2, error="unexpected indent"
        )
        backend.drift.update_file_error("a.py", 0, None)
        assert backend.drift.get_file_metadata("a.py") == file_row("a.py", error_count=0)
        assert backend.drift.get_file_metadata("b.py") == file_row("b.py")

    def test_updates_of_an_unknown_path_raise_not_found(self, backend: StorageUnderTest) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py")]))
        with pytest.raises(NotFound):
            backend.drift.update_function_count("missing.py", 1)
        with pytest.raises(NotFound):
            backend.drift.update_file_error("missing.py", 1, "boom")
        with pytest.raises(NotFound):
            backend.drift.update_function_count("A.py", 1)
        assert backend.drift.count_files() == 1
        assert backend.drift.get_file_metadata("missing.py") is None
        assert backend.drift.get_file_metadata("a.py") == file_row("a.py")

    def test_parse_cache_round_trips_binary_hashes(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_parse_cache(b"\x00\xff\x10", "python", '{"a": 1}', 1_700_000_000)
        drift.insert_parse_cache(b"\x00\xff", "go", "[]", 5)
        assert drift.get_parse_cache_by_hash(b"\x00\xff\x10") == ParseCacheRow(
            b"\x00\xff\x10", "python", '{"a": 1}', 1_700_000_000
        )
        assert drift.get_parse_cache_by_hash(b"\x00\xff") == ParseCacheRow(
            b"\x00\xff", "go", "[]", 5
        )
        assert drift.get_parse_cache_by_hash(b"\x00") is None
        assert drift.count_parse_cache() == 2

    def test_parse_cache_accepts_bytearray_and_memoryview(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_parse_cache(untyped(bytearray(b"\x01\x02")), "python", "{}", 7)
        row = drift.get_parse_cache_by_hash(untyped(memoryview(b"\x01\x02")))
        assert row == ParseCacheRow(b"\x01\x02", "python", "{}", 7)
        assert row is not None
        assert type(row.content_hash) is bytes

    def test_insert_parse_cache_replaces_the_same_hash(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_parse_cache(b"h", "python", "old", 1)
        drift.insert_parse_cache(b"h", "typescript", "new", 2)
        assert drift.get_parse_cache_by_hash(b"h") == ParseCacheRow(b"h", "typescript", "new", 2)
        assert drift.count_parse_cache() == 1

    def test_invalidate_parse_cache_deletes_only_that_hash(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_parse_cache(b"one", "python", "1", 1)
        drift.insert_parse_cache(b"two", "python", "2", 1)
        drift.invalidate_parse_cache(b"one")
        drift.invalidate_parse_cache(b"never-stored")
        assert drift.get_parse_cache_by_hash(b"one") is None
        assert drift.get_parse_cache_by_hash(b"two") == ParseCacheRow(b"two", "python", "2", 1)
        assert drift.count_parse_cache() == 1

    def test_prune_parse_cache_keeps_only_the_content_of_tracked_files(
        self, backend: StorageUnderTest
    ) -> None:
        # The entry of a file's old content had kept a secret removed from the code until gc.
        drift = backend.drift
        write(backend, UpsertFileMetadata([file_row("a.py", content_hash=b"now")]))
        drift.insert_parse_cache(b"now", "python", "kept", 1)
        drift.insert_parse_cache(b"before", "python", "old text", 1)
        assert drift.prune_parse_cache() == 1
        assert drift.get_parse_cache_by_hash(b"before") is None
        assert drift.get_parse_cache_by_hash(b"now") == ParseCacheRow(b"now", "python", "kept", 1)
        assert drift.prune_parse_cache() == 0

    def test_wrong_argument_types_raise_before_anything_is_written(
        self, backend: StorageUnderTest
    ) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py")]))
        drift = backend.drift
        bad_calls: list[Callable[[], Any]] = [
            lambda: drift.get_file_metadata(untyped(1)),
            lambda: drift.update_function_count("a.py", untyped("3")),
            lambda: drift.update_function_count("a.py", True),
            lambda: drift.update_function_count(untyped(b"a.py"), 3),
            lambda: drift.update_file_error("a.py", 1, untyped(5)),
            lambda: drift.update_file_error("a.py", untyped(1.0), None),
            lambda: drift.get_parse_cache_by_hash(untyped("abc")),
            lambda: drift.insert_parse_cache(untyped("abc"), "python", "{}", 1),
            lambda: drift.insert_parse_cache(b"abc", untyped(None), "{}", 1),
            lambda: drift.insert_parse_cache(b"abc", "python", untyped({}), 1),
            lambda: drift.insert_parse_cache(b"abc", "python", "{}", untyped(1.5)),
            lambda: drift.invalidate_parse_cache(untyped(None)),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        assert drift.get_file_metadata("a.py") == file_row("a.py")
        assert drift.count_parse_cache() == 0
