"""The `IDriftFiles` storage protocol: file metadata and the parse cache."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.files import FileMetadataRow, ParseCacheRow


@runtime_checkable
class IDriftFiles(Protocol):
    """Reads and small updates of ``file_metadata`` and ``parse_cache``.

    File metadata is inserted and deleted only by batch commands (``IDriftBatchWriter``).
    """

    def load_all_file_metadata(self) -> list[FileMetadataRow]:
        """Every ``file_metadata`` row, ordered by path."""
        ...

    def get_file_metadata(self, path: str) -> FileMetadataRow | None:
        """The row for ``path``, or None."""
        ...

    def update_function_count(self, path: str, count: int) -> None:
        """Set ``function_count`` of the file at ``path``; NotFound if there is no such file."""
        ...

    def update_file_error(self, path: str, error_count: int, error_msg: str | None) -> None:
        """Set ``error_count`` and ``error`` of the file at ``path``; NotFound if it is unknown."""
        ...

    def count_files(self) -> int:
        """Number of ``file_metadata`` rows."""
        ...

    def get_parse_cache_by_hash(self, content_hash: bytes) -> ParseCacheRow | None:
        """The cached parse result for ``content_hash``, or None."""
        ...

    def insert_parse_cache(
        self, content_hash: bytes, language: str, parse_result_json: str, created_at: int
    ) -> None:
        """Store a parse result; replaces any row with the same ``content_hash``."""
        ...

    def invalidate_parse_cache(self, content_hash: bytes) -> None:
        """Delete the cached parse result for ``content_hash`` (no error if there is none)."""
        ...

    def count_parse_cache(self) -> int:
        """Number of ``parse_cache`` rows."""
        ...

    def prune_parse_cache(self) -> int:
        """Delete the cached parse results of content no ``file_metadata`` row has (a file
        removed or edited since); returns how many were deleted."""
        ...
