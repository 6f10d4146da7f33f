"""Incremental detection: which discovered files are added, modified, unchanged or removed.

Against the previous scan's ``file_metadata`` rows (plain data; this module never touches
storage): a file with no previous row is added; the same mtime (seconds and nanoseconds) and size
means unchanged without reading it; otherwise the xxh3-64 content hash decides. Previous paths not
among the discovered files are removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from drift.records.files import FileMetadataRow
from drift.scan.discovery import SKIP_UNREADABLE, DiscoveredFile, SkippedFile
from drift.scan.hashing import hash_file

FileStatus = Literal["added", "modified", "unchanged"]
ADDED: Final = "added"
MODIFIED: Final = "modified"
UNCHANGED: Final = "unchanged"


@dataclass(frozen=True, slots=True)
class DiffEntry:
    """One file present on disk, with what the scan knows of it now.

    ``file_size`` and ``content_hash`` describe the bytes that were hashed (for an unchanged file
    taken on the mtime shortcut, the previous row's hash). ``mtime_*`` are the current values.
    """

    path: str
    abs_path: str
    status: FileStatus
    language: str | None
    file_size: int
    content_hash: bytes
    mtime_secs: int
    mtime_nanos: int


@dataclass(frozen=True, slots=True)
class ScanDiff:
    """Every present file with its status (sorted by path), the removed paths, and read failures.

    A file that could not be read while hashing is in ``unreadable`` and not in ``entries``; if it
    had a previous row, it is also in ``removed``.
    """

    entries: tuple[DiffEntry, ...]
    removed: tuple[str, ...]
    unreadable: tuple[SkippedFile, ...]
    bytes_hashed: int

    def paths(self, status: FileStatus) -> list[str]:
        """Paths with ``status``, sorted."""
        return [entry.path for entry in self.entries if entry.status == status]

    @property
    def added(self) -> list[str]:
        """Paths of new files."""
        return self.paths("added")

    @property
    def modified(self) -> list[str]:
        """Paths whose content changed."""
        return self.paths("modified")

    @property
    def unchanged(self) -> list[str]:
        """Paths whose content did not change."""
        return self.paths("unchanged")

    @property
    def changed(self) -> list[DiffEntry]:
        """Entries that need parsing: added and modified files."""
        return [entry for entry in self.entries if entry.status != "unchanged"]

    def counts(self) -> dict[str, int]:
        """Counts by status, for ``scan_history``: added, modified, removed, unchanged."""
        counts = {"added": 0, "modified": 0, "removed": len(self.removed), "unchanged": 0}
        for entry in self.entries:
            counts[entry.status] += 1
        return counts


def diff_files(
    files: Sequence[DiscoveredFile],
    previous: Mapping[str, FileMetadataRow],
    *,
    force_full: bool = False,
) -> ScanDiff:
    """Classify ``files`` against the ``previous`` rows (path → row).

    ``force_full`` disables the mtime shortcut, so every file is read and hashed; statuses still
    say whether the content changed.
    """
    entries: list[DiffEntry] = []
    unreadable: list[SkippedFile] = []
    bytes_hashed = 0
    for file in files:
        old = previous.get(file.path)
        if old is not None and not force_full and _same_stat(file, old):
            entries.append(_entry(file, UNCHANGED, old.content_hash, file.size))
            continue
        try:
            digest, size = hash_file(file.abs_path)
        except OSError as exc:
            unreadable.append(SkippedFile(file.path, SKIP_UNREADABLE, f"cannot read: {exc}"))
            continue
        bytes_hashed += size
        if old is None:
            status: FileStatus = ADDED
        else:
            status = UNCHANGED if digest == old.content_hash else MODIFIED
        entries.append(_entry(file, status, digest, size))
    present = {entry.path for entry in entries}
    removed = sorted(path for path in previous if path not in present)
    entries.sort(key=lambda entry: entry.path)
    return ScanDiff(tuple(entries), tuple(removed), tuple(unreadable), bytes_hashed)


def _same_stat(file: DiscoveredFile, old: FileMetadataRow) -> bool:
    return (
        file.mtime_secs == old.mtime_secs
        and file.mtime_nanos == old.mtime_nanos
        and file.size == old.file_size
    )


def _entry(file: DiscoveredFile, status: FileStatus, digest: bytes, size: int) -> DiffEntry:
    return DiffEntry(
        path=file.path,
        abs_path=file.abs_path,
        status=status,
        language=file.language,
        file_size=size,
        content_hash=digest,
        mtime_secs=file.mtime_secs,
        mtime_nanos=file.mtime_nanos,
    )
