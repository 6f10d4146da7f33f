"""Violation ids: stable, independent of line numbers and whitespace, distinct otherwise."""

from __future__ import annotations

from pathlib import Path

from drift.enforcement.fingerprints import legacy_violation_id, normalize_line, violation_id
from drift.enforcement.sources import byte_column_to_char_column, file_line_reader, split_lines


def test_normalize_line_ignores_indentation_and_spacing() -> None:
    assert normalize_line("    x  =\t1   ") == "x = 1"
    assert normalize_line("") == ""


def test_violation_id_is_a_stable_hash() -> None:
    first = violation_id("naming/FN", "src/a.py", "", "def badName():", 0)
    assert first == violation_id("naming/FN", "src/a.py", "", "def badName():", 0)
    assert len(first) == 20
    assert all(c in "0123456789abcdef" for c in first)
    # Known values: changing the fingerprint recipe must be a deliberate, versioned change.
    assert first == "a6610f82c1ce3a509641"
    legacy = legacy_violation_id("naming/FN", "src/a.py", "def badName():", 0)
    assert legacy == "30759ff6f7c1f4d332e0"  # version 1, as stored before functions counted


def test_violation_id_changes_with_each_component() -> None:
    base = violation_id("naming/FN", "src/a.py", "", "def badName():", 0)
    assert base != violation_id("naming/FN2", "src/a.py", "", "def badName():", 0)
    assert base != violation_id("naming/FN", "src/b.py", "", "def badName():", 0)
    assert base != violation_id("naming/FN", "src/a.py", "load", "def badName():", 0)
    assert base != violation_id("naming/FN", "src/a.py", "", "def badName2():", 0)
    assert base != violation_id("naming/FN", "src/a.py", "", "def badName():", 1)


def test_split_lines_only_at_newlines() -> None:
    assert split_lines("a\r\nb\x0cc\nd\n") == ["a", "b\x0cc", "d"]
    assert split_lines("") == []
    assert split_lines("x") == ["x"]


def test_byte_columns_become_code_point_columns() -> None:
    line = 'name = "héllo"; call()'
    # "call" starts at code point 17 (1-based) but at byte 18, since é takes two bytes.
    assert byte_column_to_char_column(line, 18) == 17
    assert byte_column_to_char_column(line, 1) == 1
    assert byte_column_to_char_column("abc", 3) == 3


def test_file_line_reader(tmp_path: Path) -> None:
    root = tmp_path
    (root / "pkg").mkdir()
    (root / "pkg" / "m.py").write_bytes(b"one\r\ntwo \xff\n")
    read = file_line_reader(root)
    assert read("pkg/m.py") == ["one", "two \ufffd"]
    assert read("missing.py") is None
    assert read("../outside.py") is None
