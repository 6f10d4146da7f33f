"""What a scan has to do: the diff against storage, the tasks for the pool, skipped files.

Files discovery skips (too large, binary, unreadable) are recorded in ``file_metadata`` with the
reason as their error (and ``error_count`` 1), so ``drift status`` and later scans see them; they
are never analysed, and they are kept apart from the tracked files the diff compares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from drift.pipeline.store_types import PipelineStore
from drift.pipeline.tasks import FileTask, PackSource
from drift.records.files import FileMetadataRow
from drift.scan import DiffEntry, Function, ParseResult, ScanDiff, SkippedFile, grammar_for_path

SKIPPED_PREFIX: Final = "skipped: "
RECORDED_SKIPS: Final = frozenset(
    {"too_large", "binary", "unreadable", "generated", "minified", "bundled"}
)
"""Reasons worth a ``file_metadata`` row: files a user expects to be scanned."""


def is_skipped_row(row: FileMetadataRow) -> bool:
    """True for the record of a file a scan skipped (never analysed)."""
    return row.error is not None and row.error.startswith(SKIPPED_PREFIX)


def skipped_row(item: SkippedFile, now: int) -> FileMetadataRow:
    """The ``file_metadata`` record of a skipped file."""
    return FileMetadataRow(
        path=item.path,
        language=None,
        file_size=0,
        content_hash=b"",
        mtime_secs=0,
        mtime_nanos=0,
        last_scanned_at=now,
        scan_duration_us=None,
        pattern_count=0,
        function_count=0,
        error_count=1,
        error=f"{SKIPPED_PREFIX}{item.reason.replace('_', ' ')}: {item.detail}",
    )


@dataclass(frozen=True, slots=True)
class StoredFiles:
    """The previous scan's rows, split into tracked files and skipped-file records."""

    tracked: dict[str, FileMetadataRow]
    skipped: dict[str, FileMetadataRow]

    @classmethod
    def load(cls, storage: PipelineStore) -> StoredFiles:
        """Read every ``file_metadata`` row."""
        tracked: dict[str, FileMetadataRow] = {}
        skipped: dict[str, FileMetadataRow] = {}
        for row in storage.load_all_file_metadata():
            (skipped if is_skipped_row(row) else tracked)[row.path] = row
        return cls(tracked, skipped)


def recorded_skips(items: Iterable[SkippedFile]) -> list[SkippedFile]:
    """The skipped files worth a record, one per path (the first reason wins)."""
    seen: dict[str, SkippedFile] = {}
    for item in items:
        if item.reason in RECORDED_SKIPS:
            seen.setdefault(item.path, item)
    return [seen[path] for path in sorted(seen)]


_UNFINISHED: Final = ("analysis failed:", "extraction failed:", "worker process died:")
"""How the errors of files Drift could not finish begin (not the file's fault: a crash of a
worker, an exception in Drift's own code)."""


def unfinished(diff: ScanDiff, stored: StoredFiles) -> list[DiffEntry]:
    """Unchanged files whose last analysis did not finish: they are analysed again, not left
    failed until a ``--full`` scan."""
    found = []
    for entry in diff.entries:
        if entry.status != "unchanged":
            continue
        row = stored.tracked.get(entry.path)
        if row is not None and row.error is not None and row.error.startswith(_UNFINISHED):
            found.append(entry)
    return found


def entries_to_analyse(diff: ScanDiff, stored: StoredFiles, *, full: bool) -> list[DiffEntry]:
    """Added and modified files, and those whose last analysis did not finish; with ``full``,
    every present file."""
    return list(diff.entries) if full else [*diff.changed, *unfinished(diff, stored)]


def build_tasks(
    storage: PipelineStore, entries: Sequence[DiffEntry], packs: PackSource, time_limit: int
) -> tuple[list[FileTask], list[DiffEntry]]:
    """Pool tasks for the entries a grammar parses (with any parse-cache hit attached), and the
    entries no grammar parses (their metadata is still recorded). ``time_limit``: the seconds
    each file's analysis may take."""
    tasks: list[FileTask] = []
    others: list[DiffEntry] = []
    cache_empty = storage.count_parse_cache() == 0  # a first scan: spare a lookup per file
    for entry in entries:
        grammar = grammar_for_path(entry.path)
        if grammar is None:
            others.append(entry)
            continue
        cached = None if cache_empty else storage.get_parse_cache_by_hash(entry.content_hash)
        json_text = cached.parse_result_json if cached and cached.language == grammar else None
        tasks.append(
            FileTask(
                entry.path, entry.abs_path, grammar, entry.content_hash, json_text, packs,
                time_limit,
            )
        )  # fmt: skip
    # Largest first: the pool hands out work in order, so the big files start early and the
    # run does not end with one worker busy on a giant file while the others wait.
    sizes = {entry.path: entry.file_size for entry in entries}
    tasks.sort(key=lambda task: (-sizes[task.path], task.path))
    return tasks, others


MOVE_SIMILARITY: Final = 0.5
"""The share of two files' functions that must be the same, body and name, for an added file to
count as a removed one moved and edited (``git mv`` then an import fixed): as git, which takes
a file half the same for a rename."""


def renamed_files(
    diff: ScanDiff,
    stored: StoredFiles,
    functions: Callable[[bytes], Sequence[tuple[str, bytes]] | None] | None = None,
) -> dict[str, str]:
    """Files moved (``git mv``), by their old paths: each added path whose content is exactly one
    removed file's, the two the only ones with that content, so that copies and emptied files
    are never taken for moves.

    With ``functions`` (a content hash's ``(qualified name, body hash)`` pairs, from the parse
    cache), an added file left over is also paired with a removed file of the same language
    sharing at least ``MOVE_SIMILARITY`` of the functions of each, when each is the other's one
    best match: a module moved and edited keeps the violations of its unchanged functions known.
    """
    removed: dict[bytes, list[str]] = {}
    for path in diff.removed:
        row = stored.tracked.get(path)
        if row is not None:
            removed.setdefault(row.content_hash, []).append(path)
    if not removed:
        return {}
    added: dict[bytes, list[str]] = {}
    for entry in diff.entries:
        if entry.status == "added" and entry.content_hash in removed:
            added.setdefault(entry.content_hash, []).append(entry.path)
    moves = {
        paths[0]: removed[digest][0]
        for digest, paths in added.items()
        if len(paths) == 1 and len(removed[digest]) == 1
    }
    if functions is not None:
        moves.update(_edited_moves(diff, stored, moves, functions))
    return moves


def cached_definitions(storage: PipelineStore) -> Callable[[bytes], Sequence[Function] | None]:
    """A reader of a content's functions from its parse-cache entry (a removed or edited file's
    old content keeps its entry until the end of the scan that finds it gone), None when there
    is none or it is outdated; each content is read once."""
    read: dict[bytes, Sequence[Function] | None] = {}

    def definitions(content_hash: bytes) -> Sequence[Function] | None:
        if content_hash not in read:
            cached = storage.get_parse_cache_by_hash(content_hash)
            try:
                result = None if cached is None else ParseResult.from_json(cached.parse_result_json)
            except ValueError:
                result = None
            read[content_hash] = None if result is None else result.functions
        return read[content_hash]

    return definitions


def cached_functions(
    definitions: Callable[[bytes], Sequence[Function] | None],
) -> Callable[[bytes], Sequence[tuple[str, bytes]] | None]:
    """``renamed_files``'s reader of a content's functions, ``(qualified name, body hash)``."""

    def functions(content_hash: bytes) -> Sequence[tuple[str, bytes]] | None:
        found = definitions(content_hash)
        return None if found is None else [(fn.qualified_name, fn.body_hash) for fn in found]

    return functions


def renamed_functions(
    diff: ScanDiff,
    stored: StoredFiles,
    moves: Mapping[str, str],
    definitions: Callable[[bytes], Sequence[Function] | None],
) -> dict[tuple[str, str], str]:
    """Functions renamed in place, ``(file, new qualified name)`` to the old name: in a file
    modified (or moved, ``moves``), an old function whose name is gone and a new one whose
    name is new, at the same place among the file's functions, spanning as many lines with
    the same parameters. A rename keeps the violations of the function's unchanged lines
    known (a violation id holds its function's name)."""
    found: dict[tuple[str, str], str] = {}
    for entry in diff.entries:
        old_path = moves.get(entry.path, entry.path)
        row = stored.tracked.get(old_path)
        if row is None or (entry.status != "modified" and entry.path not in moves):
            continue
        old, new = definitions(row.content_hash), definitions(entry.content_hash)
        if not old or not new or len(old) != len(new):
            continue
        old_names = {fn.qualified_name for fn in old}
        new_names = {fn.qualified_name for fn in new}
        for before, after in zip(old, new, strict=True):
            if (
                before.qualified_name != after.qualified_name
                and before.qualified_name not in new_names
                and after.qualified_name not in old_names
                and before.end_line - before.line == after.end_line - after.line
                and [p.name for p in before.parameters] == [p.name for p in after.parameters]
            ):
                found[entry.path, after.qualified_name] = before.qualified_name
    return found


def _edited_moves(
    diff: ScanDiff,
    stored: StoredFiles,
    exact: dict[str, str],
    functions: Callable[[bytes], Sequence[tuple[str, bytes]] | None],
) -> dict[str, str]:
    taken = set(exact.values())
    old: dict[str, frozenset[tuple[str, bytes]]] = {}
    owners: dict[tuple[str, bytes], list[str]] = {}  # a function -> the removed files holding it
    for path in diff.removed:
        row = stored.tracked.get(path)
        if path in taken or row is None or grammar_for_path(path) is None:
            continue
        found = functions(row.content_hash)
        if found:
            old[path] = frozenset(found)
            for item in old[path]:
                owners.setdefault(item, []).append(path)
    if not old:
        return {}
    best_new: dict[str, tuple[float, str | None]] = {}  # added path -> (score, old path)
    best_old: dict[str, tuple[float, str | None]] = {}  # removed path -> (score, added path)
    for entry in diff.entries:
        grammar = grammar_for_path(entry.path)
        if entry.status != "added" or entry.path in exact or grammar is None:
            continue
        found = functions(entry.content_hash)
        if not found:
            continue
        mine = frozenset(found)
        shared: dict[str, int] = {}
        for item in mine:
            for path in owners.get(item, ()):
                shared[path] = shared.get(path, 0) + 1
        for path, count in shared.items():
            if grammar_for_path(path) != grammar:
                continue
            score = count / max(len(mine), len(old[path]))
            if score < MOVE_SIMILARITY:
                continue
            _keep_best(best_new, entry.path, score, path)
            _keep_best(best_old, path, score, entry.path)
    return {
        new: old_path
        for new, (_, old_path) in best_new.items()
        if old_path is not None and best_old[old_path][1] == new
    }


def _keep_best(
    best: dict[str, tuple[float, str | None]], key: str, score: float, other: str
) -> None:
    # A tie for the best leaves None: two equally good candidates make no move.
    known = best.get(key)
    if known is None or score > known[0]:
        best[key] = (score, other)
    elif score == known[0]:
        best[key] = (score, None)


def code_changed(diff: ScanDiff) -> bool:
    """Whether a file Drift analyses (a grammar's, or a Prisma schema) was added, modified or
    removed: what moves the baseline ``is_new`` is judged against (``drift.pipeline.enforce``).
    A report written into the project, a README edit, ``--full`` or a new pack changes no code.
    """
    paths = [*(entry.path for entry in diff.changed), *diff.removed]
    if not paths:
        return False
    # Imported here: a scan that finds nothing changed loads no analysis code.
    from drift.analysis.structure.prisma import is_prisma_schema

    return any(grammar_for_path(path) is not None or is_prisma_schema(path) for path in paths)


def analysed_count(paths: Iterable[str]) -> int:
    """Tracked files a grammar parses: the ``N`` of confidence scoring."""
    return sum(1 for path in paths if grammar_for_path(path) is not None)
