"""Writing per-file results: only the parent process writes, through the batch writer.

Order matters for crash safety. A file's derived rows (detections, functions, structural facts)
are sent before its ``file_metadata`` row, and metadata rows go out in chunks after the files
they describe: if the run dies in between, the next scan still sees those files as changed
(their stored hash is the old one) and analyses them again. A re-analysed file's rows are
replaced, never appended; a removed file takes every row derived from it along.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from drift.analysis.structure import is_prisma_schema, prisma_boundaries
from drift.pipeline.environment import EnvFiles
from drift.pipeline.previous import previous_rows
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.tasks import FileOutcome
from drift.records.analysis import DetectionRow
from drift.records.batch import (
    BatchCommand,
    DeleteFileMetadata,
    InsertParseCache,
    ReplaceFileBoundaries,
    ReplaceFileConstants,
    ReplaceFileDetections,
    ReplaceFileEnvVariables,
    ReplaceFileErrorGaps,
    ReplaceFileFunctions,
    ReplaceFileSecrets,
    UpsertFileMetadata,
)
from drift.records.files import FileMetadataRow, ParseCacheRow
from drift.scan import DiffEntry

CHUNK: Final = 64
"""Files whose metadata and parse-cache rows travel in one command."""


def metadata_row(
    entry: DiffEntry, outcome: FileOutcome | None, now: int, pattern_count: int | None = None
) -> FileMetadataRow:
    """The ``file_metadata`` row of a file after this scan.

    ``outcome`` is None for a file that was not analysed (no grammar parses it); the counts are
    then zero. A file that failed (unreadable after the diff, or analysis crashed) keeps its
    error in ``error`` and ``error_count``.
    """
    if outcome is None:
        return FileMetadataRow(
            entry.path, entry.language, entry.file_size, entry.content_hash, entry.mtime_secs,
            entry.mtime_nanos, now, None, 0, 0, 0, None,
        )  # fmt: skip
    return FileMetadataRow(
        path=entry.path,
        language=entry.language,
        file_size=outcome.file_size or entry.file_size,
        content_hash=outcome.content_hash or entry.content_hash,
        mtime_secs=entry.mtime_secs,
        mtime_nanos=entry.mtime_nanos,
        last_scanned_at=now,
        scan_duration_us=outcome.duration_us,
        pattern_count=len(outcome.detections) if pattern_count is None else pattern_count,
        function_count=len(outcome.functions),
        error_count=outcome.error_count,
        error=outcome.error,
    )


def file_commands(
    outcome: FileOutcome,
    *,
    existed: bool,
    env: EnvFiles | None = None,
    kept: Sequence[DetectionRow] = (),
) -> list[BatchCommand]:
    """The commands that replace one file's derived rows (not its metadata).

    A file that failed keeps no derived rows. For a file seen for the first time (``existed``
    False) there is nothing to replace, so tables it has no rows for get no command at all.
    ``kept`` detections (derived ones carried over) are stored along with the file's own.
    """
    path = outcome.path
    found = outcome.structure
    candidates: list[tuple[BatchCommand, int]] = [
        (ReplaceFileDetections(path, [*outcome.detections, *kept]), len(outcome.detections)),
        (ReplaceFileFunctions(path, list(outcome.functions)), len(outcome.functions)),
    ]
    if found is not None:
        reads = found.env_variables if env is None else env.mark(found.env_variables)
        candidates += [
            (ReplaceFileErrorGaps(path, list(found.error_gaps)), len(found.error_gaps)),
            (ReplaceFileSecrets(path, list(found.secrets)), len(found.secrets)),
            (ReplaceFileConstants(path, list(found.constants)), len(found.constants)),
            (ReplaceFileEnvVariables(path, list(reads)), len(reads)),
            (ReplaceFileBoundaries(path, list(found.boundaries)), len(found.boundaries)),
        ]
    elif existed:
        candidates += [(command, 0) for command in _empty_structure(path)]
    return [command for command, rows in candidates if rows or existed]


def _empty_structure(path: str) -> list[BatchCommand]:
    return [
        ReplaceFileErrorGaps(path, []),
        ReplaceFileSecrets(path, []),
        ReplaceFileConstants(path, []),
        ReplaceFileEnvVariables(path, []),
        ReplaceFileBoundaries(path, []),
    ]


def removal_commands(paths: Sequence[str]) -> list[BatchCommand]:
    """Commands that forget removed files and every row derived from them."""
    commands: list[BatchCommand] = []
    for path in paths:
        commands += _empty_structure(path)
    if paths:
        # Functions (with their call edges), detections and boundaries go with the metadata.
        commands.append(DeleteFileMetadata(list(paths)))
    return commands


def other_file_commands(entry: DiffEntry, *, existed: bool) -> list[BatchCommand]:
    """Rows of a file no grammar parses: a Prisma schema declares data boundaries."""
    if not is_prisma_schema(entry.path):
        return []
    try:
        with open(entry.abs_path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        text = ""
    rows = list(prisma_boundaries(entry.path, text))
    return [ReplaceFileBoundaries(entry.path, rows)] if rows or existed else []


class FileWriter:
    """Streams per-file results to the batch writer, metadata after the files it describes.

    With ``compare`` (an incremental run), each re-analysed file's stored rows are read first:
    its derived detections are carried over, and ``changed_facts`` collects the files whose
    detections or function names changed (the ones that call for a new pattern analysis).
    """

    def __init__(
        self, storage: PipelineStore, now: int, env: EnvFiles | None = None, *, compare: bool
    ) -> None:
        self._storage = storage
        self._now = now
        self._env = env
        self._compare = compare
        self._metadata: list[FileMetadataRow] = []
        self._cache: list[ParseCacheRow] = []
        self.changed_facts: set[str] = set()

    def _kept(self, outcome: FileOutcome, existed: bool) -> tuple[DetectionRow, ...]:
        if not existed:
            self.changed_facts.add(outcome.path)
            return ()
        if not self._compare:
            return ()
        before = previous_rows(self._storage, outcome)
        if not before.same_facts:
            self.changed_facts.add(outcome.path)
        return before.derived

    def write(self, entry: DiffEntry, outcome: FileOutcome | None, *, existed: bool) -> None:
        """Queue one file's rows (``outcome`` None: a file no grammar parses)."""
        if outcome is None:
            commands = other_file_commands(entry, existed=existed)
        else:
            kept = self._kept(outcome, existed)
            commands = file_commands(outcome, existed=existed, env=self._env, kept=kept)
        for command in commands:
            self._storage.send_batch(command)
        if outcome is not None and outcome.cache_json is not None:
            self._cache.append(
                ParseCacheRow(outcome.content_hash, outcome.grammar, outcome.cache_json, self._now)
            )
        self._metadata.append(metadata_row(entry, outcome, self._now))
        if len(self._metadata) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Send the queued parse-cache and metadata rows."""
        if self._cache:
            self._storage.send_batch(InsertParseCache(self._cache))
            self._cache = []
        if self._metadata:
            self._storage.send_batch(UpsertFileMetadata(self._metadata))
            self._metadata = []
