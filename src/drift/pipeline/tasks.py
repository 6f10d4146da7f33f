"""What the parent sends a worker for each file (``FileTask``), and what comes back
(``FileOutcome``): plain data, kept apart from the work itself (``worker``) so that
the parts of a scan that only pass them around need not load the parser and the detectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from drift.records.analysis import DetectionRow, FunctionRow
from drift.records.structural import FileStructure


class PackSource(NamedTuple):
    """Where the packs come from, so each worker process loads them once."""

    dirs: tuple[str, ...]
    builtin: bool


class FileTask(NamedTuple):
    """One file to analyse. ``cached_json`` is its parse-cache entry, when the parent found one
    for ``expected_hash`` (the hash the diff computed)."""

    path: str
    abs_path: str
    grammar: str
    expected_hash: bytes
    cached_json: str | None
    packs: PackSource
    time_limit: int  # seconds (0: none); see ``drift.scan.time_limit``


def pack_source(dirs: Sequence[Path], builtin: bool) -> PackSource:
    """The picklable description of the packs a run uses."""
    return PackSource(tuple(str(d) for d in dirs), builtin)


class FileOutcome(NamedTuple):
    """What one file yields, ready for storage.

    ``read_error`` is set (and everything else empty) when the file could not be read.
    ``cache_json`` is a new parse-cache entry (None on a cache hit). ``graph`` is the parse
    result without literals and error handlers, packed (``pack_graph``): what the call graph,
    coupling and test mapping need, and the parent only forwards.
    """

    path: str
    grammar: str
    content_hash: bytes
    file_size: int
    read_error: str | None
    error_count: int
    error: str | None
    cache_json: str | None
    functions: tuple[FunctionRow, ...]
    detections: tuple[DetectionRow, ...]
    structure: FileStructure | None
    graph: bytes | None
    duration_us: int
