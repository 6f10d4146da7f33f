"""What a scan's diff says beyond added/modified/removed: moves, and whether code changed."""

from __future__ import annotations

from drift.pipeline.changes import StoredFiles, code_changed, renamed_files
from drift.records.files import FileMetadataRow
from drift.scan import DiffEntry, ScanDiff
from drift.scan.diff import FileStatus


def entry(path: str, status: FileStatus, digest: bytes) -> DiffEntry:
    return DiffEntry(path, f"/r/{path}", status, "python", 1, digest, 0, 0)


def row(path: str, digest: bytes) -> FileMetadataRow:
    return FileMetadataRow(path, "python", 1, digest, 0, 0, 0, None, 0, 0, 0, None)


def test_a_file_moved_without_a_change_is_a_rename_and_a_copy_is_not() -> None:
    stored = StoredFiles(
        tracked={
            "a.py": row("a.py", b"A"),
            "b.py": row("b.py", b"B"),
            "c.py": row("c.py", b"C"),
            "d.py": row("d.py", b"D"),
        },
        skipped={},
    )
    diff = ScanDiff(
        entries=(
            entry("moved/a.py", "added", b"A"),  # a.py, moved
            entry("b1.py", "added", b"B"),  # b.py moved and copied: two candidates, neither
            entry("b2.py", "added", b"B"),
            entry("c.py", "unchanged", b"C"),
            entry("new.py", "added", b"N"),
        ),
        removed=("a.py", "b.py", "d.py"),
        unreadable=(),
        bytes_hashed=0,
    )
    assert renamed_files(diff, stored) == {"moved/a.py": "a.py"}
    assert code_changed(diff)


def test_only_files_drift_analyses_are_code() -> None:
    readme = ScanDiff((entry("README.md", "added", b"R"),), (), (), 0)
    schema = ScanDiff((entry("db/schema.prisma", "modified", b"S"),), (), (), 0)
    assert not code_changed(readme)
    assert code_changed(schema)
    assert not code_changed(ScanDiff((entry("a.py", "unchanged", b"A"),), (), (), 0))
