"""Discovery: ignore files, excluded directories, globs, limits, binaries, symlinks, bad paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drift.records.files import FileMetadataRow
from drift.scan import DEFAULT_EXCLUDED_DIRS, ScanConfig, ScanRootError, discover
from drift.scan import discovery as discovery_module


def make(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def paths(root: Path, config: ScanConfig | None = None) -> list[str]:
    return [f.path for f in discover(root, config).files]


def skipped(root: Path, config: ScanConfig | None = None) -> list[tuple[str, str]]:
    return [(s.path, s.reason) for s in discover(root, config).skipped]


def test_walks_sorted_posix_relative_paths_with_languages_and_stat(tmp_path: Path) -> None:
    make(tmp_path, {"b.py": "x = 1\n", "a/z.ts": "let a = 1;\n", "a/notes.md": "# notes\n"})
    found = discover(tmp_path)
    assert [(f.path, f.language) for f in found.files] == [
        ("a/notes.md", None),
        ("a/z.ts", "typescript"),
        ("b.py", "python"),
    ]
    b = found.files[2]
    info = os.stat(tmp_path / "b.py")
    assert b.abs_path == str(tmp_path / "b.py")
    assert (b.size, b.mtime_secs, b.mtime_nanos) == (
        6,
        info.st_mtime_ns // 1_000_000_000,
        info.st_mtime_ns % 1_000_000_000,
    )
    assert found.root == str(tmp_path)
    assert found.skipped == ()


def test_default_excluded_directories_at_any_depth(tmp_path: Path) -> None:
    assert {
        ".git",
        "node_modules",
        ".venv",
        "venv",
        "dist",
        "build",
        "__pycache__",
        "target",
        ".drift",
    } <= (DEFAULT_EXCLUDED_DIRS)
    make(
        tmp_path,
        {
            "src/app.py": "",
            "src/node_modules/lib/index.js": "",
            "node_modules/x.js": "",
            ".git/config": "",
            ".drift/drift.db": "",
            "pkg/__pycache__/m.pyc": "",
            "build/out.py": "",
        },
    )
    assert paths(tmp_path) == ["src/app.py"]


def test_gitignore_and_driftignore_at_every_level(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            ".gitignore": "*.log\nsecrets/\n",
            ".driftignore": "docs/\n",
            "app.py": "",
            "debug.log": "",
            "secrets/key.py": "",
            "docs/guide.py": "",
            "pkg/.gitignore": "generated_*.py\n!generated_keep.py\n",
            "pkg/mod.py": "",
            "pkg/generated_a.py": "",
            "pkg/generated_keep.py": "",
            "pkg/deep/.driftignore": "*.py\n",
            "pkg/deep/hidden.py": "",
            "other/generated_a.py": "",
        },
    )
    assert paths(tmp_path) == [
        ".driftignore",
        ".gitignore",
        "app.py",
        "other/generated_a.py",
        "pkg/.gitignore",
        "pkg/deep/.driftignore",
        "pkg/generated_keep.py",
        "pkg/mod.py",
    ]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    make(
        tmp_path,
        {"src/a.py": "", "src/gen/b.py": "", "src/c.ts": "", "tests/t.py": "", "setup.py": ""},
    )
    assert paths(tmp_path, ScanConfig(include=("src/",))) == [
        "src/a.py",
        "src/c.ts",
        "src/gen/b.py",
    ]
    assert paths(tmp_path, ScanConfig(include=("*.py",), exclude=("gen/", "tests/"))) == [
        "setup.py",
        "src/a.py",
    ]


def test_oversized_and_binary_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    make(
        tmp_path,
        {"big.py": "x" * 2000, "small.py": "x = 1\n", "image.png": b"\x89PNG\r\n\x1a\n\x00\x00"},
    )
    found = discover(tmp_path, ScanConfig(max_file_size=1000))
    assert [f.path for f in found.files] == ["small.py"]
    assert [(s.path, s.reason) for s in found.skipped] == [
        ("big.py", "too_large"),
        ("image.png", "binary"),
    ]
    assert "2000 bytes" in found.skipped[0].detail
    # With the sniff off, a NUL byte does not exclude a file
    assert paths(tmp_path, ScanConfig(max_file_size=1000, skip_binary=False)) == [
        "image.png",
        "small.py",
    ]


def test_names_that_are_not_utf8_are_skipped_under_a_readable_form(tmp_path: Path) -> None:
    # Paths are stored as text: a Latin-1 name (bytes, not UTF-8) has no text form to store.
    make(tmp_path, {"ok/caf\u00e9.py": "x = 1\n"})  # UTF-8 names are fine, accents and all
    root = os.fsencode(tmp_path)
    with open(os.path.join(root, b"caf\xe9.py"), "wb") as handle:
        handle.write(b"x = 1\n")
    os.makedirs(os.path.join(root, b"d\xe9r"))
    with open(os.path.join(root, b"d\xe9r", b"inside.py"), "wb") as handle:
        handle.write(b"y = 2\n")

    found = discover(tmp_path)

    assert [f.path for f in found.files] == ["ok/caf\u00e9.py"]
    assert [(s.path, s.reason) for s in found.skipped] == [
        ("caf\ufffd.py", "undecodable_name"),
        ("d\ufffdr", "undecodable_name"),
    ]
    assert "file name is not valid UTF-8" in found.skipped[0].detail
    assert "directory name is not valid UTF-8" in found.skipped[1].detail
    for skipped in found.skipped:
        skipped.path.encode("utf-8")  # storable as it is


def test_unreadable_files_are_recorded_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, {"ok.py": "", "locked.py": ""})
    real = discovery_module.read_head

    def deny(path: str, size: int = discovery_module.BINARY_SNIFF_BYTES) -> bytes:
        if path.endswith("locked.py"):
            raise PermissionError(13, "Permission denied")
        return real(path, size)

    monkeypatch.setattr(discovery_module, "read_head", deny)
    found = discover(tmp_path)
    assert [f.path for f in found.files] == ["ok.py"]
    assert [(s.path, s.reason, s.detail) for s in found.skipped] == [
        ("locked.py", "unreadable", "cannot read: Permission denied")
    ]


def test_unlistable_directory_is_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, {"a.py": "", "closed/b.py": ""})
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr("drift.scan.discovery.os.scandir", scandir)
    assert skipped(tmp_path) == [("closed", "unreadable_directory")]


def test_fifo_is_not_read(tmp_path: Path) -> None:
    make(tmp_path, {"a.py": ""})
    os.mkfifo(tmp_path / "pipe.py")
    assert paths(tmp_path) == ["a.py"]  # reading a FIFO would block forever
    assert skipped(tmp_path) == [("pipe.py", "not_regular_file")]


def test_symlinks_are_not_followed_by_default(tmp_path: Path) -> None:
    make(tmp_path, {"real/a.py": ""})
    (tmp_path / "link.py").symlink_to(tmp_path / "real" / "a.py")
    (tmp_path / "linkdir").symlink_to(tmp_path / "real", target_is_directory=True)
    assert paths(tmp_path) == ["real/a.py"]
    assert skipped(tmp_path) == [("link.py", "symlink"), ("linkdir", "symlink")]


def test_symlink_loops_never_hang_when_following(tmp_path: Path) -> None:
    make(tmp_path, {"a/b/c.py": "", "other/d.py": ""})
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "self").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "alias").symlink_to(tmp_path / "other", target_is_directory=True)
    (tmp_path / "dangling.py").symlink_to(tmp_path / "nowhere.py")
    config = ScanConfig(follow_symlinks=True)
    found = discover(tmp_path, config)
    files = [f.path for f in found.files]
    # every real directory is walked once, whichever path reaches it first
    assert "a/b/c.py" in files
    assert len([p for p in files if p.endswith("d.py")]) == 1
    reasons = {(s.path, s.reason) for s in found.skipped}
    assert ("a/b/up", "symlink_loop") in reasons
    assert ("a/self", "symlink_loop") in reasons
    assert ("dangling.py", "broken_symlink") in reasons


def test_bad_roots_raise_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScanRootError, match="no such directory"):
        discover(tmp_path / "missing")
    (tmp_path / "file.py").write_text("")
    with pytest.raises(ScanRootError, match="not a directory"):
        discover(tmp_path / "file.py")


def test_a_rescan_does_not_re_read_files_whose_stat_did_not_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, {"same.py": "a = 1\n", "moved.py": "b = 2\n"})
    first = discover(tmp_path)
    previous = {
        f.path: FileMetadataRow(
            path=f.path,
            language=f.language,
            file_size=f.size,
            content_hash=b"\0" * 8,
            mtime_secs=f.mtime_secs,
            mtime_nanos=f.mtime_nanos,
            last_scanned_at=0,
            scan_duration_us=None,
            pattern_count=0,
            function_count=0,
            error_count=0,
            error=None,
        )
        for f in first.files
    }
    os.utime(tmp_path / "moved.py", ns=(5_000_000_000, 5_000_000_000))
    read: list[str] = []
    real = discovery_module.read_head

    def counting(path: str, size: int = discovery_module.BINARY_SNIFF_BYTES) -> bytes:
        read.append(Path(path).name)
        return real(path, size)

    monkeypatch.setattr(discovery_module, "read_head", counting)
    again = discover(tmp_path, previous=previous)
    assert [f.path for f in again.files] == ["moved.py", "same.py"]
    assert read == ["moved.py"]
