"""Incremental diff: mtime shortcut, content hash, added/modified/unchanged/removed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drift.records.files import FileMetadataRow
from drift.scan import DiscoveredFile, content_hash, diff_files, discover


def row(file: DiscoveredFile, digest: bytes | None = None, **changes: int) -> FileMetadataRow:
    values = {
        "file_size": file.size,
        "mtime_secs": file.mtime_secs,
        "mtime_nanos": file.mtime_nanos,
    }
    values.update(changes)
    return FileMetadataRow(
        path=file.path,
        language=file.language,
        file_size=values["file_size"],
        content_hash=digest
        if digest is not None
        else content_hash(Path(file.abs_path).read_bytes()),
        mtime_secs=values["mtime_secs"],
        mtime_nanos=values["mtime_nanos"],
        last_scanned_at=1_700_000_000,
        scan_duration_us=10,
        pattern_count=0,
        function_count=0,
        error_count=0,
        error=None,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in {
        "same.py": "a = 1\n",
        "touched.py": "b = 2\n",
        "edited.py": "c = 3\n",
    }.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_first_scan_adds_everything(tree: Path) -> None:
    changes = diff_files(discover(tree).files, {})
    assert changes.added == ["edited.py", "same.py", "touched.py"]
    assert changes.counts() == {"added": 3, "modified": 0, "removed": 0, "unchanged": 0}
    assert changes.bytes_hashed == 18
    entry = changes.entries[0]
    assert (entry.path, entry.status, entry.file_size) == ("edited.py", "added", 6)
    assert entry.content_hash == content_hash(b"c = 3\n")


def test_four_way_classification(tree: Path) -> None:
    before = {f.path: row(f) for f in discover(tree).files}
    before["gone.py"] = FileMetadataRow(
        "gone.py", "python", 1, b"\x00" * 8, 1, 2, 3, None, 0, 0, 0, None
    )
    # touched: new mtime, same bytes; edited: new bytes (same size) and new mtime
    os.utime(tree / "touched.py", ns=(1_000_000_000, 1_000_000_123))
    (tree / "edited.py").write_text("c = 4\n")
    os.utime(tree / "edited.py", ns=(2_000_000_000, 2_000_000_456))
    changes = diff_files(discover(tree).files, before)
    assert changes.added == []
    assert changes.modified == ["edited.py"]
    assert changes.unchanged == ["same.py", "touched.py"]
    assert changes.removed == ("gone.py",)
    assert [e.path for e in changes.changed] == ["edited.py"]
    assert changes.counts() == {"added": 0, "modified": 1, "removed": 1, "unchanged": 2}
    touched = next(e for e in changes.entries if e.path == "touched.py")
    assert (touched.mtime_secs, touched.mtime_nanos) == (1, 123)  # the new mtime is reported
    assert changes.bytes_hashed == 12  # only the two files whose mtime moved were read


def test_unchanged_mtime_and_size_is_trusted_without_reading(tree: Path) -> None:
    files = discover(tree).files
    stale = {f.path: row(f, digest=b"\x01" * 8) for f in files}  # hashes that no longer match
    changes = diff_files(files, stale)
    assert changes.unchanged == ["edited.py", "same.py", "touched.py"]
    assert changes.bytes_hashed == 0
    assert {e.content_hash for e in changes.entries} == {b"\x01" * 8}


def test_a_size_change_forces_a_read(tree: Path) -> None:
    files = discover(tree).files
    before = {f.path: row(f, file_size=f.size + 1) for f in files}
    changes = diff_files(files, before)
    assert changes.unchanged == ["edited.py", "same.py", "touched.py"]
    assert changes.bytes_hashed == 18


def test_force_full_reads_everything(tree: Path) -> None:
    files = discover(tree).files
    stale = {f.path: row(f, digest=b"\x01" * 8) for f in files}
    changes = diff_files(files, stale, force_full=True)
    assert changes.modified == ["edited.py", "same.py", "touched.py"]
    assert changes.bytes_hashed == 18


def test_a_file_that_vanishes_before_hashing_is_reported(tree: Path) -> None:
    files = discover(tree).files
    before = {f.path: row(f) for f in files}
    (tree / "edited.py").unlink()
    changes = diff_files(files, {p: r for p, r in before.items() if p != "edited.py"})
    assert [(s.path, s.reason) for s in changes.unreadable] == [("edited.py", "unreadable")]
    assert "edited.py" not in [e.path for e in changes.entries]
    # a vanished file that had a row (and must be read: its mtime moved) loses the row
    edited = next(f for f in files if f.path == "edited.py")
    before["edited.py"] = row(edited, digest=b"\x01" * 8, mtime_secs=1)
    assert diff_files(files, before).removed == ("edited.py",)
