"""The project-wide stages of a scan that changed something: structure, then patterns.

``needs_patterns`` decides whether the pattern analysis must run; ``needs_graph`` whether the
call graph, coupling and test mapping must be rebuilt: always after a full scan, a changed rule
set or an interrupted scan, when a file was added or removed, when a ``go.mod`` or a
``package.json`` changed, and when an edit changed a file's
``structural_signature`` (compared with the cached parse of its previous content) or touched a
test file (assertion counts are read from the text). Otherwise the stored results still describe
the code, and a small edit costs little more than its own files. One thing the signature cannot
see: adding or removing only ``metaclass=ABCMeta`` in a Python class statement leaves coupling's
abstractness stale until the next rebuild (``drift scan --full``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from drift.analysis.packs import Pack, PatternSpec
from drift.analysis.structure import is_test_file, unpack_graph
from drift.pipeline.activity import is_dependency_manifest, pack_activity
from drift.pipeline.analyze import PatternAnalysis, analyze_patterns
from drift.pipeline.graph import (
    MANIFEST_NAMES,
    GraphFacts,
    GraphTask,
    StructureBuild,
    in_background,
    load_graph_facts,
    read_manifests,
)
from drift.pipeline.progress import Progress, SilentProgress
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.summary import StructureCounts
from drift.pipeline.tasks import FileOutcome
from drift.pipeline.worker import structural_signature
from drift.records.analysis import FunctionRow
from drift.records.files import FileMetadataRow
from drift.scan import DiffEntry, ParseResult, ScanDiff, grammar_for_path

GRAPH_INLINE_LIMIT = 48


@dataclass(frozen=True, slots=True)
class ProjectOutcome:
    """What the project-wide stages produced; None where the stored results still stand.

    ``functions`` holds the stored functions of every parsed file, by file in storage's order
    (empty when neither stage ran), for enforcement to use instead of reading them again.
    ``pending`` is a structure still being computed in a worker process, stored by a thread as
    soon as it arrives (enforcement does not read it, so it may run meanwhile): ``finish``
    waits for it to be stored.
    """

    patterns: PatternAnalysis | None
    structure: StructureCounts | None
    functions: Mapping[str, Sequence[FunctionRow]] = field(default_factory=dict)
    pending: StructureBuild | None = None

    def finish(self) -> ProjectOutcome:
        """This outcome with its pending structure stored (itself when none is pending)."""
        if self.pending is None:
            return self
        return ProjectOutcome(self.patterns, self.pending.wait(), self.functions)

    def abandon(self) -> None:
        """Stop waiting for a pending structure (the scan failed)."""
        if self.pending is not None:
            self.pending.abandon()


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
    count is in every confidence), a file whose detections or function names changed, or a
    manifest whose dependencies may make a pack apply (``drift.pipeline.activity``)."""
    changed = (*diff.added, *diff.modified, *diff.removed)
    return (
        forced
        or bool(_parsed(diff.added) or _parsed(diff.removed) or _parsed(changed_facts))
        or any(is_dependency_manifest(path) for path in changed)
    )


def graph_needed(diff: ScanDiff, *, forced: bool) -> bool:
    """Whether the structure must be rebuilt whatever the analysed files turn out to hold:
    ``needs_graph`` says so before any file is analysed. A changed ``go.mod`` or
    ``package.json`` can move any import's target."""
    changed = (*diff.added, *diff.modified, *diff.removed)
    manifest = any(posixpath.basename(path) in MANIFEST_NAMES for path in changed)
    return forced or manifest or bool(_parsed(diff.added) or _parsed(diff.removed))


def needs_graph(
    storage: PipelineStore,
    diff: ScanDiff,
    outcomes: Mapping[str, FileOutcome],
    previous: Mapping[str, FileMetadataRow],
    *,
    forced: bool,
) -> bool:
    """Whether the call graph, coupling and test mapping must be rebuilt (module docstring)."""
    if graph_needed(diff, forced=forced):
        return True
    for path in _parsed(diff.modified):
        outcome = outcomes.get(path)
        old = previous.get(path)
        grammar = grammar_for_path(path)
        if outcome is None or old is None or grammar is None or outcome.read_error is not None:
            return True
        if is_test_file(path):
            return True  # assertion lines are read from the text, not the parse result
        if outcome.graph is None or _old_signature(storage, old, grammar) != (
            structural_signature(unpack_graph(outcome.graph))
        ):
            return True
    return False


def load_functions(storage: PipelineStore, paths: Iterable[str]) -> list[FunctionRow]:
    """The stored functions of ``paths``, file by file (in path order), each file's by line."""
    wanted = set(paths)
    return [row for row in storage.query_all_functions() if row.file in wanted]


def functions_by_file(functions: Iterable[FunctionRow]) -> dict[str, list[FunctionRow]]:
    """``functions`` grouped by file, each file's rows in their given order."""
    grouped: dict[str, list[FunctionRow]] = {}
    for row in functions:
        grouped.setdefault(row.file, []).append(row)
    return grouped


def outcome_facts(path: str, outcome: FileOutcome) -> GraphFacts:
    """What an analysed file brings to the structure stage."""
    structure = outcome.structure
    return GraphFacts(
        path,
        outcome.graph,
        structure.abstract_types if structure is not None else (),
        structure.assertion_lines if structure is not None else (),
    )


def own_facts(
    storage: PipelineStore,
    entries: Sequence[DiffEntry],
    outcomes: Mapping[str, FileOutcome],
    build: StructureBuild,
    *,
    fed: bool,
) -> list[GraphTask]:
    """Give ``build`` the graph facts this run's outcomes bring along (unless they were ``fed``
    to it already, as they came), and return a task for every other present parsed file (its
    cached parse attached when storage has one)."""
    tasks: list[GraphTask] = []
    for entry in entries:
        grammar = grammar_for_path(entry.path)
        if grammar is None:
            continue
        outcome = outcomes.get(entry.path)
        if outcome is not None:
            if not fed:
                build.add(outcome_facts(entry.path, outcome))
            continue
        cached = storage.get_parse_cache_by_hash(entry.content_hash)
        text = cached.parse_result_json if cached and cached.language == grammar else None
        tasks.append(GraphTask(entry.path, entry.abs_path, grammar, text))
    return tasks


def _collect(build: StructureBuild, found: Iterator[GraphFacts], progress: Progress) -> None:
    """Give ``build`` every fact ``found`` yields, then close its input: a structure worker
    starts computing at once, while the patterns are still being analysed."""
    for facts in found:
        build.add(facts)
        progress.advance()
    build.close()


def run_project_stages(
    storage: PipelineStore,
    *,
    specs: Mapping[str, PatternSpec],
    packs: Sequence[Pack],
    entries: Sequence[DiffEntry],
    outcomes: Mapping[str, FileOutcome],
    patterns: bool,
    graph: bool,
    total_files: int,
    now: int,
    workers: int,
    progress: Progress,
    build: StructureBuild | None = None,
    rules_changed: bool = False,
) -> ProjectOutcome:
    """Rebuild the structure (when ``graph``) and analyse patterns over the stored detections
    (when ``patterns``).

    ``build`` is a structure stage begun during the per-file analysis, which was given each
    outcome's graph facts as it came; otherwise one is begun here. The two stages are
    independent, and ordered to keep both cores busy. When the process pool must rebuild the
    graph facts of many unchanged files, the patterns are analysed meanwhile (a thread collects
    the facts, so the ``graph`` stage shows no per-file progress, and closes the structure's
    input after the last). Otherwise the structure's input is complete first. On a large
    project a worker process of its own computes it from the moment its input is complete,
    while the patterns are analysed here, and the outcome comes back with it ``pending`` (see
    ``ProjectOutcome.finish``), to be stored while enforcement runs; otherwise it is stored at
    once, so that the batch writer stores its many rows (call edges, coverage) while the
    patterns are analysed.
    """
    if not patterns and not graph:
        return ProjectOutcome(None, None)
    paths = _parsed(entry.path for entry in entries)

    def analyse(functions: Sequence[FunctionRow]) -> PatternAnalysis | None:
        if not patterns:
            return None
        progress.stage("patterns")
        return analyze_patterns(
            storage,
            specs=specs,
            functions=functions,
            total_files=total_files,
            now=now,
            rules_changed=rules_changed,
            activity=pack_activity(packs, entries),
        )

    if not graph:
        progress.stage("patterns")
        functions = load_functions(storage, paths)
        return ProjectOutcome(analyse(functions), None, functions_by_file(functions))
    fed = build is not None
    if build is None:
        build = StructureBuild(
            background=in_background(len(paths), workers), manifests=read_manifests(entries)
        )
    try:
        tasks = own_facts(storage, entries, outcomes, build, fed=fed)
        if len(tasks) < GRAPH_INLINE_LIMIT:
            progress.stage("graph", len(tasks))
            _collect(build, load_graph_facts(tasks, 1), progress)
            progress.stage("structure")
            functions = load_functions(storage, paths)
            if not build.in_background:
                # Here: first, so that the batch writer stores its many rows (call edges,
                # coverage) while the patterns are analysed.
                structure = build.store(storage, functions)
                return ProjectOutcome(analyse(functions), structure, functions_by_file(functions))
            build.store_when_ready(storage, functions)
            analysis = analyse(functions)
            return ProjectOutcome(analysis, None, functions_by_file(functions), pending=build)
        progress.stage("graph", len(tasks))
        with ThreadPoolExecutor(1, thread_name_prefix="drift-graph") as background:
            # The thread only waits on the pool and passes on what it returns; storage stays
            # here.
            gathering = background.submit(
                _collect, build, load_graph_facts(tasks, workers), SilentProgress()
            )
            functions = load_functions(storage, paths)
            analysis = analyse(functions)
            gathering.result()
        if build.in_background:
            # Computing since the last facts came in: stored while enforcement runs.
            build.store_when_ready(storage, functions)
            return ProjectOutcome(analysis, None, functions_by_file(functions), pending=build)
        progress.stage("structure")
        structure = build.store(storage, functions)
    except BaseException:
        build.abandon()
        raise
    return ProjectOutcome(analysis, structure, functions_by_file(functions))
