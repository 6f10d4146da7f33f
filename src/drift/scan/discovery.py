"""File discovery: walk a tree and decide, for every file, whether Drift tracks it.

Skipped files are not dropped silently: each one that a user might expect to be scanned (too
large, binary, unreadable, a symlink, not a regular file) comes back with a reason. Files that an
ignore rule, an excluded directory or the include/exclude globs leave out are simply not part of
the scan and are not reported.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pathspec import GitIgnoreSpec

from drift.errors import DriftError
from drift.records.files import FileMetadataRow
from drift.scan.config import ScanConfig
from drift.scan.generated import generated_reason, head_bytes
from drift.scan.ignore import IgnoreRules, compile_patterns
from drift.scan.languages import language_for_path

DEFAULT_EXCLUDED_DIRS: Final = frozenset(
    {
        ".git",
        ".drift",
        "node_modules",
        "dist",
        "build",
        "target",
        ".next",
        ".nuxt",
        "__pycache__",
        ".pytest_cache",
        "coverage",
        ".nyc_output",
        "vendor",
        ".venv",
        "venv",
        ".tox",
        ".mypy_cache",
        # Not ``bin``: it holds source often (an npm package's CLI, a Python project's
        # scripts), and what a build leaves there is binary, skipped as such.
        "obj",
        "_build",  # Sphinx's output (``docs/_build``), shipped in some sdists
        ".eggs",
        ".ruff_cache",
        ".hypothesis",
    }
)
"""Directory names never walked, at any depth."""

BINARY_SNIFF_BYTES: Final = 8192
"""A NUL byte in this many leading bytes marks a file as binary."""

# Reasons a file is skipped (SkippedFile.reason).
SKIP_TOO_LARGE: Final = "too_large"
SKIP_BINARY: Final = "binary"
SKIP_UNREADABLE: Final = "unreadable"
SKIP_SYMLINK: Final = "symlink"
SKIP_SYMLINK_LOOP: Final = "symlink_loop"
SKIP_BROKEN_SYMLINK: Final = "broken_symlink"
SKIP_NOT_REGULAR: Final = "not_regular_file"
SKIP_UNREADABLE_DIR: Final = "unreadable_directory"
SKIP_UNDECODABLE_NAME: Final = "undecodable_name"


class ScanRootError(DriftError):
    """The path given to scan does not exist, is not a directory or cannot be read."""

    code = "SCAN_ROOT"


@dataclass(frozen=True, slots=True)
class DiscoveredFile:
    """A file the scan tracks. ``path`` is repo-relative and POSIX; ``abs_path`` is where it is."""

    path: str
    abs_path: str
    language: str | None
    size: int
    mtime_secs: int
    mtime_nanos: int


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file (or directory) left out of the scan, with a machine ``reason`` and a human detail."""

    path: str
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class Discovery:
    """The result of a walk: tracked files and skipped ones, each sorted by path."""

    root: str
    files: tuple[DiscoveredFile, ...]
    skipped: tuple[SkippedFile, ...]


@dataclass(slots=True)
class _Walk:
    root: str
    config: ScanConfig
    exclude: GitIgnoreSpec | None
    include: GitIgnoreSpec | None
    previous: Mapping[str, FileMetadataRow]
    files: list[DiscoveredFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    # (st_dev, st_ino) of every directory entered; only kept when following symlinks, the one
    # way a walk can meet the same directory twice.
    seen_dirs: set[tuple[int, int]] = field(default_factory=set)
    stack: list[tuple[str, str, IgnoreRules]] = field(default_factory=list)

    def skip(self, path: str, reason: str, detail: str) -> None:
        self.skipped.append(SkippedFile(path, reason, detail))

    def excluded(self, rel: str, is_dir: bool) -> bool:
        if self.exclude is None:
            return False
        return self.exclude.match_file(rel + "/" if is_dir else rel)


def discover(
    root: str | Path,
    config: ScanConfig | None = None,
    *,
    previous: Mapping[str, FileMetadataRow] | None = None,
) -> Discovery:
    """Walk ``root`` and return the files Drift tracks and the ones it skipped (with reasons).

    ``previous`` (path → the last scan's row of each tracked file) lets a rescan skip the binary
    sniff of files whose size and mtime have not moved: they passed it when their row was
    written. Pass only rows of files that were tracked, not of files skipped as binary.
    Raises ``ScanRootError`` when ``root`` is missing, not a directory or unreadable.
    """
    config = config or ScanConfig()
    root_abs = os.path.abspath(root)
    _check_root(root_abs)
    walk = _Walk(
        root=root_abs,
        config=config,
        exclude=compile_patterns(config.exclude) if config.exclude else None,
        include=compile_patterns(config.include) if config.include else None,
        previous=previous or {},
    )
    if config.follow_symlinks:
        info = os.stat(root_abs)
        walk.seen_dirs.add((info.st_dev, info.st_ino))
    walk.stack.append((root_abs, "", IgnoreRules.for_root(Path(root_abs))))
    while walk.stack:
        abs_dir, rel_dir, rules = walk.stack.pop()
        _walk_directory(walk, abs_dir, rel_dir, rules)
    return Discovery(
        root=root_abs,
        files=tuple(sorted(walk.files, key=lambda item: item.path)),
        skipped=tuple(sorted(walk.skipped, key=lambda item: (item.path, item.reason))),
    )


def _check_root(root_abs: str) -> None:
    if not os.path.exists(root_abs):
        raise ScanRootError(f"{root_abs}: no such directory", hint="check the path to scan")
    if not os.path.isdir(root_abs):
        raise ScanRootError(f"{root_abs}: not a directory", hint="scan a directory, not a file")
    try:
        with os.scandir(root_abs):
            pass
    except OSError as exc:
        raise ScanRootError(
            f"{root_abs}: cannot read directory: {exc.strerror or exc}",
            hint="check the directory's permissions",
        ) from None


def _walk_directory(walk: _Walk, abs_dir: str, rel_dir: str, rules: IgnoreRules) -> None:
    try:
        with os.scandir(abs_dir) as iterator:
            entries = list(iterator)
    except OSError as exc:
        walk.skip(rel_dir or ".", SKIP_UNREADABLE_DIR, f"cannot list directory: {exc.strerror}")
        return
    if rel_dir:
        rules = rules.descend(Path(abs_dir), rel_dir, {entry.name for entry in entries})
    for entry in entries:
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        _visit(walk, entry, rel, rules)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a symlink to see what it points at
    except OSError:
        return False


def _visit(walk: _Walk, entry: os.DirEntry[str], rel: str, rules: IgnoreRules) -> None:
    is_dir = _is_dir(entry)
    if is_dir and entry.name in DEFAULT_EXCLUDED_DIRS:
        return
    if rules.is_ignored(rel, is_dir) or walk.excluded(rel, is_dir):
        return
    if not is_utf8(entry.name):
        # Paths are stored and reported as text: a name that is not UTF-8 (os gives its bytes
        # back as lone surrogates) has no text form to store. Reported under a readable form.
        kind = "directory" if is_dir else "file"
        walk.skip(
            readable_path(rel),
            SKIP_UNDECODABLE_NAME,
            f"the {kind} name is not valid UTF-8: rename it to scan it",
        )
        return
    if entry.is_symlink() and not walk.config.follow_symlinks:
        broken = _broken_link(entry.path)
        if broken is not None:
            walk.skip(rel, *broken)
        else:
            kind = "directory" if is_dir else "file"
            walk.skip(rel, SKIP_SYMLINK, f"symbolic link to a {kind}, not followed")
        return
    if is_dir:
        _enter_directory(walk, entry, rel, rules)
    else:
        _consider_file(walk, entry, rel)


def is_utf8(name: str) -> bool:
    """Whether ``name`` has a UTF-8 form (os gives the bytes of a name that is not UTF-8 back
    as lone surrogates)."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def readable_path(path: str) -> str:
    """``path`` with the bytes of a name that is not UTF-8 shown as U+FFFD, so it can be
    printed and stored."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _broken_link(path: str) -> tuple[str, str] | None:
    """Why the symbolic link at ``path`` leads nowhere (its reason and detail), or None when
    it leads to a file or directory: a missing target and a loop (``a -> b -> a``) read
    alike otherwise."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return SKIP_SYMLINK_LOOP, "symbolic link loop"
        return SKIP_BROKEN_SYMLINK, "symbolic link to a missing target"
    return None


def _enter_directory(walk: _Walk, entry: os.DirEntry[str], rel: str, rules: IgnoreRules) -> None:
    if walk.config.follow_symlinks:
        try:
            info = entry.stat()
        except OSError as exc:
            walk.skip(rel, SKIP_UNREADABLE_DIR, f"cannot stat directory: {exc.strerror}")
            return
        key = (info.st_dev, info.st_ino)
        if key in walk.seen_dirs:
            walk.skip(rel, SKIP_SYMLINK_LOOP, "directory already walked (symlink loop or alias)")
            return
        walk.seen_dirs.add(key)
    walk.stack.append((entry.path, rel, rules))


def _consider_file(walk: _Walk, entry: os.DirEntry[str], rel: str) -> None:
    if walk.include is not None and not walk.include.match_file(rel):
        return
    try:
        info = entry.stat()
    except OSError as exc:
        broken = _broken_link(entry.path) if entry.is_symlink() else None
        if broken is not None:
            walk.skip(rel, *broken)
        else:
            walk.skip(rel, SKIP_UNREADABLE, f"cannot stat: {exc.strerror}")
        return
    if not stat.S_ISREG(info.st_mode):
        walk.skip(rel, SKIP_NOT_REGULAR, "not a regular file (device, FIFO or socket)")
        return
    limit = walk.config.max_file_size
    if info.st_size > limit:
        walk.skip(rel, SKIP_TOO_LARGE, f"{info.st_size} bytes is over the {limit}-byte limit")
        return
    known = walk.previous.get(rel)
    unmoved = known is not None and _same_stat(info, known)
    problem = None if unmoved else _read_problem(entry.path, walk.config)
    if problem is not None:
        walk.skip(rel, *problem)
        return
    walk.files.append(
        DiscoveredFile(
            path=rel,
            abs_path=entry.path,
            language=language_for_path(rel),
            size=info.st_size,
            mtime_secs=info.st_mtime_ns // 1_000_000_000,
            mtime_nanos=info.st_mtime_ns % 1_000_000_000,
        )
    )


def _same_stat(info: os.stat_result, row: FileMetadataRow) -> bool:
    return (
        info.st_size == row.file_size
        and info.st_mtime_ns // 1_000_000_000 == row.mtime_secs
        and info.st_mtime_ns % 1_000_000_000 == row.mtime_nanos
    )


def read_head(path: str, size: int = BINARY_SNIFF_BYTES) -> bytes:
    """The first ``size`` bytes of ``path`` (OSError when it cannot be opened or read)."""
    with open(path, "rb") as handle:
        return handle.read(size)


def _read_problem(path: str, config: ScanConfig) -> tuple[str, str] | None:
    if not (config.skip_binary or config.skip_generated):
        if os.access(path, os.R_OK):
            return None
        return SKIP_UNREADABLE, "cannot read: permission denied"
    name = os.path.basename(path)
    try:
        head = read_head(path, head_bytes(name) if config.skip_generated else BINARY_SNIFF_BYTES)
    except OSError as exc:
        return SKIP_UNREADABLE, f"cannot read: {exc.strerror or exc}"
    if config.skip_binary and b"\0" in head[:BINARY_SNIFF_BYTES]:
        return SKIP_BINARY, f"binary content (NUL byte in the first {BINARY_SNIFF_BYTES} bytes)"
    if config.skip_generated:
        return generated_reason(name, head)
    return None
