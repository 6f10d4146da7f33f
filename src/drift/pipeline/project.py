"""The project-wide stages of a scan that changed something: patterns, then structure.

``needs_patterns`` decides whether the pattern analysis must run; ``needs_graph`` whether the
call graph, coupling and test mapping must be rebuilt: always after a full scan, a changed rule
set or an interrupted scan, when a file was added or removed, and when an edit changed a file's
``structural_signature`` (compared with the cached parse of its previous content) or touched a
test file (assertion counts are read from the text). Otherwise the stored results still describe
the code, and a small edit costs little more than its own files. One thing the signature cannot
see: adding or removing only ``metaclass=ABCMeta`` in a Python class statement leaves coupling's
abstractness stale until the next rebuild (``drift scan --full``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from drift.analysis.packs import PatternSpec
from drift.analysis.structure import is_test_file
from drift.pipeline.analyze import PatternAnalysis, analyze_patterns
from drift.pipeline.graph import (
    GraphTask,
    ProjectFacts,
    StructureCounts,
    build_structure,
    load_graph_facts,
)
from drift.pipeline.progress import Progress
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.worker import FileOutcome, structural_signature
from drift.records.analysis import FunctionRow
from drift.records.files import FileMetadataRow
from drift.scan import DiffEntry, ParseResult, ScanDiff, grammar_for_path

GRAPH_INLINE_LIMIT = 48


@dataclass(frozen=True, slots=True)
class ProjectOutcome:
    """What the project-wide stages produced; None where the stored results still stand."""

    patterns: PatternAnalysis | None
    structure: StructureCounts | None


def _parsed(paths: Iterable[str]) -> list[str]:
    return sorted(path for path in paths if grammar_for_path(path) is not None)


def _old_signature(storage: PipelineStore, row: FileMetadataRow, grammar: str) -> bytes | None:
    cached = storage.get_parse_cache_by_hash(row.content_hash)
    if cached is None or cached.language != grammar:
        return None
    try:
        return structural_signature(ParseResult.from_json(cached.parse_result_json))
    except ValueError:
        return None


def needs_patterns(diff: ScanDiff, changed_facts: Iterable[str], *, forced: bool) -> bool:
    """Whether the pattern analysis must run: a full scan, a file added or removed (the file
    count is in every confidence), or a file whose detections or function names changed."""
    return forced or bool(_parsed(diff.added) or _parsed(diff.removed) or _parsed(changed_facts))


def needs_graph(
    storage: PipelineStore,
    diff: ScanDiff,
    outcomes: Mapping[str, FileOutcome],
    previous: Mapping[str, FileMetadataRow],
    *,
    forced: bool,
) -> bool:
    """Whether the call graph, coupling and test mapping must be rebuilt (module docstring)."""
    if forced or _parsed(diff.added) or _parsed(diff.removed):
        return True
    for path in _parsed(diff.modified):
        outcome = outcomes.get(path)
        old = previous.get(path)
        grammar = grammar_for_path(path)
        if outcome is None or old is None or grammar is None or outcome.read_error is not None:
            return True
        if is_test_file(path):
            return True  # assertion lines are read from the text, not the parse result
        if outcome.result is None or _old_signature(storage, old, grammar) != (
            structural_signature(outcome.result)
        ):
            return True
    return False


def load_functions(storage: PipelineStore, paths: Iterable[str]) -> list[FunctionRow]:
    """The stored functions of ``paths``, file by file."""
    rows: list[FunctionRow] = []
    for path in sorted(paths):
        rows.extend(storage.get_functions_by_file(path))
    return rows


def gather_facts(
    storage: PipelineStore,
    entries: Sequence[DiffEntry],
    outcomes: Mapping[str, FileOutcome],
    *,
    workers: int,
    progress: Progress,
) -> ProjectFacts:
    """Graph facts of every present parsed file: this run's outcomes, the rest rebuilt."""
    project = ProjectFacts()
    tasks: list[GraphTask] = []
    for entry in entries:
        grammar = grammar_for_path(entry.path)
        if grammar is None:
            continue
        outcome = outcomes.get(entry.path)
        if outcome is not None:
            if outcome.result is not None:
                project.results[entry.path] = outcome.result
                if outcome.structure is not None:
                    if outcome.structure.abstract_types:
                        project.abstract[entry.path] = outcome.structure.abstract_types
                    if outcome.structure.assertion_lines:
                        project.assertions[entry.path] = outcome.structure.assertion_lines
            continue
        cached = storage.get_parse_cache_by_hash(entry.content_hash)
        text = cached.parse_result_json if cached and cached.language == grammar else None
        tasks.append(GraphTask(entry.path, entry.abs_path, grammar, text))
    progress.stage("graph", len(tasks))
    pool = 1 if len(tasks) < GRAPH_INLINE_LIMIT else workers
    for facts in load_graph_facts(tasks, pool):
        project.add(facts)
        progress.advance()
    return project


def run_project_stages(
    storage: PipelineStore,
    *,
    specs: Mapping[str, PatternSpec],
    entries: Sequence[DiffEntry],
    outcomes: Mapping[str, FileOutcome],
    patterns: bool,
    graph: bool,
    total_files: int,
    now: int,
    workers: int,
    progress: Progress,
) -> ProjectOutcome:
    """Analyse patterns over the stored detections (when ``patterns``), then rebuild the
    structure (when ``graph``)."""
    if not patterns and not graph:
        return ProjectOutcome(None, None)
    progress.stage("patterns")
    functions = load_functions(storage, _parsed(entry.path for entry in entries))
    analysis = None
    if patterns:
        analysis = analyze_patterns(
            storage, specs=specs, functions=functions, total_files=total_files, now=now
        )
    structure = None
    if graph:
        facts = gather_facts(storage, entries, outcomes, workers=workers, progress=progress)
        progress.stage("structure")
        structure = build_structure(storage, functions, facts)
    return ProjectOutcome(analysis, structure)
