"""Ignore rules with gitignore semantics: ``.gitignore`` and ``.driftignore`` at every level.

A directory's ignore files apply to everything below it, with paths taken relative to that
directory. Deeper files override shallower ones, and within one directory ``.driftignore`` comes
after ``.gitignore`` so it can re-include (``!pattern``) what git ignores. The root also reads
``.git/info/exclude`` first, as git does. The rules apply whether or not the tree is a git
repository (the original honoured ``.gitignore`` only inside one).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from pathspec import GitIgnoreSpec

IGNORE_FILE_NAMES: Final = (".gitignore", ".driftignore")
_PATTERN_ERRORS: Final = (ValueError, TypeError, re.error)


def compile_patterns(lines: Iterable[str]) -> GitIgnoreSpec:
    """Compile gitignore pattern lines, dropping any line that is not a valid pattern.

    Git skips a line it cannot use (``!`` alone, a reversed range such as ``[z-a]``) and keeps
    applying the rest of the file; so do we.
    """
    kept = list(lines)
    try:
        return GitIgnoreSpec.from_lines(kept)
    except _PATTERN_ERRORS:
        # One bad line must not cost the user every other rule in the file.
        return GitIgnoreSpec.from_lines([line for line in kept if is_valid_pattern(line)])


def is_valid_pattern(line: str) -> bool:
    """True when ``line`` compiles as a gitignore pattern."""
    return pattern_problem(line) is None


def pattern_problem(line: str) -> str | None:
    """Why ``line`` is not a valid gitignore pattern, or None when it is one."""
    try:
        GitIgnoreSpec.from_lines([line])
    except _PATTERN_ERRORS as error:
        # pathspec reports a bad pattern as ValueError, but passes on the re.error of a glob it
        # translated into a regex it cannot compile (a reversed range, [z-a]).
        return error.msg if isinstance(error, re.error) else str(error)
    return None


def _read_lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()


@dataclass(frozen=True, slots=True)
class _Level:
    prefix: str  # "" for the root, else "a/b/" (repo-relative, POSIX, trailing slash)
    spec: GitIgnoreSpec


class IgnoreRules:
    """The ignore rules in force inside one directory of the walk (immutable)."""

    __slots__ = ("_levels",)

    def __init__(self, levels: Sequence[_Level] = ()) -> None:
        self._levels = tuple(levels)

    @classmethod
    def for_root(cls, root: Path) -> IgnoreRules:
        """The rules of the scanned root: ``.git/info/exclude``, then its own ignore files."""
        lines = _read_lines(root / ".git" / "info" / "exclude")
        for name in IGNORE_FILE_NAMES:
            lines += _read_lines(root / name)
        return cls(_levels_with(lines, "", ()))

    def descend(self, directory: Path, rel_dir: str, entries: Container[str]) -> IgnoreRules:
        """The rules inside ``directory`` (repo-relative ``rel_dir``), given its entry names."""
        lines: list[str] = []
        for name in IGNORE_FILE_NAMES:
            if name in entries:
                lines += _read_lines(directory / name)
        if not lines:
            return self
        return IgnoreRules(_levels_with(lines, rel_dir + "/", self._levels))

    def is_ignored(self, rel_path: str, is_dir: bool) -> bool:
        """Whether the repo-relative ``rel_path`` is ignored; the deepest deciding rule wins."""
        ignored = False
        suffix = "/" if is_dir else ""
        for level in self._levels:
            if not rel_path.startswith(level.prefix):
                continue
            verdict = level.spec.check_file(rel_path[len(level.prefix) :] + suffix).include
            if verdict is not None:
                ignored = verdict
        return ignored


def _levels_with(lines: list[str], prefix: str, levels: tuple[_Level, ...]) -> tuple[_Level, ...]:
    spec = compile_patterns(lines)
    if all(pattern.include is None for pattern in spec.patterns):
        return levels  # blank lines and comments only
    return (*levels, _Level(prefix, spec))
