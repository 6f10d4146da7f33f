"""What a scan's diff says beyond added/modified/removed: moves, and whether code changed."""

from __future__ import annotations

from drift.pipeline.changes import StoredFiles, code_changed, renamed_files, renamed_functions
from drift.records.files import FileMetadataRow
from drift.scan import DiffEntry, Function, Parameter, ScanDiff
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


def test_a_file_moved_and_edited_pairs_with_the_one_removed_file_it_mostly_equals() -> None:
    functions = {
        b"A": [("a", b"1"), ("b", b"2"), ("c", b"3")],  # a.py
        b"A2": [("a", b"1"), ("b", b"2"), ("c", b"9")],  # a.py moved, `c` edited: 2 of 3
        b"T": [("t", b"5"), ("u", b"6")],  # twin.py, removed
        b"T1": [("t", b"5"), ("u", b"6"), ("v", b"7")],  # two copies of it, edited alike:
        b"T2": [("t", b"5"), ("u", b"6"), ("w", b"8")],  # a tie, no move
        b"S": [("s", b"4"), ("x", b"0")],  # small.py
        b"S2": [("s", b"4"), ("y", b"1"), ("z", b"2")],  # 1 of 3 shared: below half
        b"J": [("a", b"1"), ("b", b"2"), ("c", b"3")],  # a JavaScript file with a.py's functions
    }
    stored = StoredFiles(
        tracked={
            "a.py": row("a.py", b"A"),
            "twin.py": row("twin.py", b"T"),
            "small.py": row("small.py", b"S"),
        },
        skipped={},
    )
    diff = ScanDiff(
        entries=(
            entry("pkg/a.py", "added", b"A2"),
            entry("t1.py", "added", b"T1"),
            entry("t2.py", "added", b"T2"),
            entry("small2.py", "added", b"S2"),
            entry("a.js", "added", b"J"),
        ),
        removed=("a.py", "twin.py", "small.py"),
        unreadable=(),
        bytes_hashed=0,
    )
    assert renamed_files(diff, stored, functions.get) == {"pkg/a.py": "a.py"}
    assert renamed_files(diff, stored) == {}  # without the functions, only exact moves


def test_a_function_renamed_in_place_is_paired_with_its_old_name() -> None:
    def fn(name: str, line: int, end: int, params: tuple[str, ...] = ("x",)) -> Function:
        return Function(
            name.rsplit(".", 1)[-1], name, line, end, 1,
            tuple(Parameter(p, None, None, False) for p in params),
            None, (), True, False, "." in name, None, b"", b"", True, False, None, False, False,
            (), None, False,
        )  # fmt: skip

    definitions = {
        b"A": [fn("load", 1, 5), fn("Store.get", 7, 9), fn("keep", 11, 12)],
        b"A2": [fn("read", 1, 5), fn("Cache.get", 7, 9), fn("keep", 11, 12)],  # two renames
        b"B": [fn("f", 1, 3)],
        b"B2": [fn("g", 1, 4)],  # renamed and grown: no pair
    }
    stored = StoredFiles(tracked={"a.py": row("a.py", b"A"), "b.py": row("b.py", b"B")}, skipped={})
    diff = ScanDiff(
        entries=(entry("a.py", "modified", b"A2"), entry("b.py", "modified", b"B2")),
        removed=(),
        unreadable=(),
        bytes_hashed=0,
    )
    assert renamed_functions(diff, stored, {}, definitions.get) == {
        ("a.py", "read"): "load",
        ("a.py", "Cache.get"): "Store.get",
    }
