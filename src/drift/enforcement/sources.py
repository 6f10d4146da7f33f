"""Reading the source lines that suppression, fingerprints and columns need."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

SourceLines = Callable[[str], Sequence[str] | None]
"""Given a repo-relative POSIX path, the file's lines (without line ends), or None if unreadable."""

MAX_SOURCE_BYTES = 1024 * 1024  # the scanner's size limit: larger files were never analysed


def file_line_reader(root: Path) -> SourceLines:
    """A ``SourceLines`` reading files under ``root`` (UTF-8, bad bytes replaced).

    It keeps only the last file read: violations are built file by file, so each file is read
    once without holding the whole tree in memory.

    Files that are missing, unreadable, larger than 1 MiB, or named by an absolute path or one
    with ``..`` read as None.
    """
    base = root.resolve()
    cache: dict[str, Sequence[str] | None] = {}

    def read(path: str) -> Sequence[str] | None:
        if path in cache:
            return cache[path]
        cache.clear()
        lines: Sequence[str] | None = None
        relative = PurePosixPath(path)
        # Stored paths are repo-relative; anything else is not ours to read.
        if not relative.is_absolute() and ".." not in relative.parts:
            target = base / relative
            try:
                if target.stat().st_size <= MAX_SOURCE_BYTES:
                    lines = split_lines(target.read_bytes().decode("utf-8", errors="replace"))
            except OSError:
                lines = None
        cache[path] = lines
        return lines

    return read


def split_lines(text: str) -> list[str]:
    """``text`` split at newlines only, as the parser numbers lines (``str.splitlines`` also
    splits at form feeds and Unicode separators, which would shift every later line)."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def byte_column_to_char_column(line: str, byte_column: int) -> int:
    """Turn a 1-based UTF-8 byte column of ``line`` into a 1-based code-point column."""
    if byte_column <= 1:
        return 1
    prefix = line.encode("utf-8")[: byte_column - 1]
    return len(prefix.decode("utf-8", errors="ignore")) + 1
