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

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from drift.analysis.structure import (
    abstract_types,
    assertion_lines,
    coupling,
    is_test_file,
    resolve_calls,
    test_mapping,
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
from drift.scan import ParseResult, map_files, parse_source


class GraphTask(NamedTuple):
    """An unchanged file whose graph facts are rebuilt from its cached parse (or re-parsed)."""

    path: str
    abs_path: str
    grammar: str
    cached_json: str | None


class GraphFacts(NamedTuple):
    """One file's part of the project-wide picture (``result`` None: unreadable now)."""

    path: str
    result: ParseResult | None
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
    return GraphFacts(task.path, graph_part(result), abstract, lines)


def _lost(task: GraphTask, message: str) -> GraphFacts:
    return GraphFacts(task.path, None, (), ())


def load_graph_facts(tasks: Sequence[GraphTask], workers: int) -> Iterator[GraphFacts]:
    """``graph_facts`` of every task, in the pool (inline for a handful)."""
    return map_files(graph_facts, tasks, workers=workers, on_crash=_lost)


@dataclass(slots=True)
class ProjectFacts:
    """The graph facts of every analysed file, gathered for one structure stage."""

    results: dict[str, ParseResult] = field(default_factory=dict)
    abstract: dict[str, tuple[str, ...]] = field(default_factory=dict)
    assertions: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, facts: GraphFacts) -> None:
        """Take one file's facts (nothing for a file that could not be read)."""
        if facts.result is None:
            return
        self.results[facts.path] = facts.result
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


def build_structure(
    storage: PipelineStore, functions: Sequence[FunctionRow], project: ProjectFacts
) -> StructureCounts:
    """Resolve the call graph, measure coupling, map tests; store each in place of the old."""
    files: Mapping[str, ParseResult] = project.results
    edges = resolve_calls(functions, files)
    metrics, cycles = coupling(files, abstract_types=project.abstract)
    coverage, quality = test_mapping(functions, edges, files, assertion_lines=project.assertions)
    storage.send_batch(ReplaceCallEdges(edges))
    storage.send_batch(ReplaceCouplingMetrics(metrics))
    storage.send_batch(ReplaceCouplingCycles(cycles))
    storage.send_batch(ReplaceTestCoverage(coverage))
    storage.send_batch(ReplaceTestQuality(quality))
    return StructureCounts(
        call_edges=len(edges),
        modules=len(metrics),
        cycles=len(cycles),
        covered_functions=len({row.source_function_id for row in coverage}),
    )
