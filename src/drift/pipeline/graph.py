"""The project-wide structure stage: call graph, coupling and test mapping.

These three need every file's parse result (the call graph resolves a call against the
definitions of every file; coupling reads every import). Files analysed in this run bring theirs
along; for the others, ``load_graph_facts`` rebuilds them in the process pool from the parse
cache (or by parsing, if the cache lost them) plus two facts read from the text. That costs a
fraction of a full scan, so a run only pays it when the project-wide picture can have changed:
a file added or removed, or an edit that changed what a file defines, imports or calls, or a
test file (see ``needs_graph``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import NamedTuple

from drift.analysis.structure import (
    ProjectStructure,
    StructureInput,
    abstract_types,
    assertion_lines,
    is_test_file,
    pack_graph,
    packed_project_structure,
    project_structure,
)
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.worker import graph_part
from drift.records.analysis import FunctionRow
from drift.records.batch import (
    ReplaceCallEdges,
    ReplaceCouplingCycles,
    ReplaceCouplingMetrics,
    ReplaceTestCoverage,
    ReplaceTestQuality,
)
from drift.scan import BackgroundCall, ParseResult, map_files, parse_source, transport


class GraphTask(NamedTuple):
    """An unchanged file whose graph facts are rebuilt from its cached parse (or re-parsed)."""

    path: str
    abs_path: str
    grammar: str
    cached_json: str | None


class GraphFacts(NamedTuple):
    """One file's part of the project-wide picture: its packed graph part (``pack_graph``;
    None: unreadable now) and two facts read from its text."""

    path: str
    graph: bytes | None
    abstract_types: tuple[str, ...]
    assertion_lines: tuple[int, ...]


def graph_facts(task: GraphTask) -> GraphFacts:
    """Rebuild one file's graph facts (runs in a worker; never raises)."""
    try:
        with open(task.abs_path, "rb") as handle:
            source = handle.read()
    except OSError:
        return GraphFacts(task.path, None, (), ())
    result = None
    if task.cached_json is not None:
        try:
            result = ParseResult.from_json(task.cached_json)
        except ValueError:
            result = None
    if result is None or result.grammar != task.grammar:
        result = parse_source(source, task.grammar)
    text = source.decode("utf-8", errors="replace")
    try:
        lines = assertion_lines(result, text) if is_test_file(task.path) else ()
        abstract = abstract_types(result, text)
    except Exception:  # a file the text heuristics choke on still joins the graph
        lines, abstract = (), ()
    return GraphFacts(task.path, pack_graph(graph_part(result)), abstract, lines)


def _lost(task: GraphTask, message: str) -> GraphFacts:
    return GraphFacts(task.path, None, (), ())


def load_graph_facts(tasks: Sequence[GraphTask], workers: int) -> Iterator[GraphFacts]:
    """``graph_facts`` of every task, in the pool (inline for a handful)."""
    return map_files(graph_facts, tasks, workers=workers, on_crash=_lost)


@dataclass(slots=True)
class ProjectFacts:
    """The graph facts of every analysed file, gathered for one structure stage."""

    graphs: dict[str, bytes] = field(default_factory=dict)
    abstract: dict[str, tuple[str, ...]] = field(default_factory=dict)
    assertions: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, facts: GraphFacts) -> None:
        """Take one file's facts (nothing for a file that could not be read)."""
        if facts.graph is None:
            return
        self.graphs[facts.path] = facts.graph
        if facts.abstract_types:
            self.abstract[facts.path] = facts.abstract_types
        if facts.assertion_lines:
            self.assertions[facts.path] = facts.assertion_lines


@dataclass(frozen=True, slots=True)
class StructureCounts:
    """How much the structure stage stored."""

    call_edges: int
    modules: int
    cycles: int
    covered_functions: int


BACKGROUND_MIN_FILES = 200
"""Files from which the structure is computed in a worker process while this one analyses the
patterns: below it, starting the process and packing the functions cost more than they save."""


class StructureBuild:
    """The structure stage, begun: computing in a worker process (a large project, with a
    core to spare) while the caller does other work, or here when ``store`` is called.

    A worker that dies (the OOM killer, say) costs nothing but time: the rows are then
    computed here.
    """

    def __init__(self, given: StructureInput, *, background: bool) -> None:
        self._given = given
        self._call: BackgroundCall | None = None
        if background:
            self._call = BackgroundCall(packed_project_structure, transport.dumps(given))

    @property
    def in_background(self) -> bool:
        """Whether a worker process computes the rows (else ``store`` does, here)."""
        return self._call is not None

    def _rows(self) -> ProjectStructure:
        if self._call is not None:
            try:
                rows: ProjectStructure = transport.loads(self._call.result())
            except BrokenProcessPool:
                pass
            else:
                return rows
        return project_structure(self._given)

    def store(self, storage: PipelineStore) -> StructureCounts:
        """Wait for the rows and store each table in place of the old."""
        rows = self._rows()
        storage.send_batch(ReplaceCallEdges(rows.edges))
        storage.send_batch(ReplaceCouplingMetrics(rows.metrics))
        storage.send_batch(ReplaceCouplingCycles(rows.cycles))
        storage.send_batch(ReplaceTestCoverage(rows.coverage))
        storage.send_batch(ReplaceTestQuality(rows.quality))
        return StructureCounts(
            call_edges=len(rows.edges),
            modules=len(rows.metrics),
            cycles=len(rows.cycles),
            covered_functions=len({row.source_function_id for row in rows.coverage}),
        )

    def abandon(self) -> None:
        """Stop waiting for a background computation (the scan failed meanwhile)."""
        if self._call is not None:
            self._call.abandon()


def start_structure(
    functions: Sequence[FunctionRow], project: ProjectFacts, *, workers: int
) -> StructureBuild:
    """Begin the call graph, coupling and test mapping over ``functions`` (stored, with ids)
    and ``project``; ``store`` the result when it is needed."""
    given = StructureInput(list(functions), project.graphs, project.abstract, project.assertions)
    background = workers > 1 and len(project.graphs) >= BACKGROUND_MIN_FILES
    return StructureBuild(given, background=background)
