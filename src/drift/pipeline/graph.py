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

import gc
import pickle
import posixpath
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from drift.analysis.structure import (
    CallResolver,
    EdgeKey,
    Manifests,
    ProjectStructure,
    StructureInput,
    abstract_types,
    assertion_lines,
    edge_rows,
    edges_of_files,
    go_module_path,
    is_test_file,
    js_package,
    pack_graph,
    project_structure,
    structure_around,
    unpack_graph,
)
from drift.pipeline.activity import manifest_text
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.summary import StructureCounts
from drift.pipeline.worker import function_row
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.records.batch import (
    InsertCallEdges,
    ReplaceCallEdges,
    ReplaceCouplingCycles,
    ReplaceCouplingMetrics,
    ReplaceTestCoverage,
    ReplaceTestQuality,
)
from drift.records.structural import (
    CouplingCycleRow,
    CouplingMetricsRow,
    TestCoverageRow,
    TestQualityRow,
)
from drift.scan import (
    BackgroundFeed,
    DiffEntry,
    ForkedCall,
    Function,
    ParseResult,
    map_files,
    parse_source,
    transport,
)


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


MANIFEST_NAMES = frozenset({"go.mod", "package.json"})
"""The files ``read_manifests`` reads: a change to one can move any import's target."""


def read_manifests(entries: Iterable[DiffEntry]) -> Manifests:
    """What the tracked ``go.mod`` and ``package.json`` files declare, by their directory
    (``""`` at the root). One that cannot be read, or declares nothing usable, is left out."""
    go_modules: dict[str, str] = {}
    js_packages = {}
    for entry in entries:
        name = posixpath.basename(entry.path)
        if name not in MANIFEST_NAMES:
            continue
        text = manifest_text(entry)
        if text is None:
            continue
        directory = posixpath.dirname(entry.path)
        if name == "go.mod":
            module = go_module_path(text)
            if module is not None:
                go_modules[directory] = module
        else:
            package = js_package(text)
            if package is not None:
                js_packages[directory] = package
    return Manifests(go_modules, js_packages)


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
        lines = assertion_lines(result, text) if is_test_file(task.path, result) else ()
        abstract = abstract_types(result, text)
    except Exception:  # a file the text heuristics choke on still joins the graph
        lines, abstract = (), ()
    return GraphFacts(task.path, pack_graph(result), abstract, lines)


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


BACKGROUND_MIN_FILES = 200
"""Parsed files from which the structure is computed in a worker process of its own, beside
the scan: below it, starting the process costs more than it saves."""


def in_background(files: int, workers: int) -> bool:
    """Whether a project of ``files`` parsed files, scanned with ``workers`` processes, has its
    structure computed in a worker process (a core to spare, and enough work to pay for it)."""
    return workers > 1 and files >= BACKGROUND_MIN_FILES


class StructureBuild:
    """The structure stage, fed one file's graph facts at a time (``add``), then stored.

    In the background, a worker process of its own receives each file's facts as they come
    (during the per-file analysis, for a large scan) and unpacks them as they arrive; once the
    input is closed it computes the rows while this process analyses the patterns and enforces,
    and ``store_when_ready`` stores them from a thread as they arrive (the call edges first,
    while the worker computes the rest), so the batch writer writes them meanwhile too: the
    edges in steps (``send_edges``), so that what the scan sends meanwhile is not queued
    behind all of them. The worker cannot know the functions' storage ids (the batch writer
    assigns them as it stores), so it numbers the functions of the graphs itself;
    the rows are stored with those numbers mapped to the stored ids by ``(file, name, line)``,
    the key storage keeps functions unique on.

    Otherwise, or when the worker dies (the OOM killer, say), the rows are computed in this
    process: the facts given are kept for that.
    """

    def __init__(self, *, background: bool, manifests: Manifests | None = None) -> None:
        self.project = ProjectFacts()
        self.manifests = manifests or Manifests()
        self._feed: BackgroundFeed[GraphFacts | Manifests] | None = None
        if background:
            self._feed = BackgroundFeed(structure_from_feed)
            self._feed.send(self.manifests)
        self._storing: ThreadPoolExecutor | None = None
        self._stored: Future[StructureCounts] | None = None
        self._abandoned = False

    @property
    def in_background(self) -> bool:
        """Whether a worker process computes the rows (else they are computed here)."""
        return self._feed is not None

    def add(self, facts: GraphFacts) -> None:
        """Take one file's facts (nothing for a file that could not be read)."""
        if facts.graph is None:
            return
        self.project.add(facts)
        if self._feed is not None:
            self._feed.send(facts)

    def close(self) -> None:
        """Every file's facts are in: a worker computes the rows from now on."""
        if self._feed is not None:
            self._feed.close()

    def store(self, storage: PipelineStore, functions: Sequence[FunctionRow]) -> StructureCounts:
        """Wait for the rows over the stored ``functions`` (with their ids) of the files given,
        and store each table in place of the old."""
        if self._stored is not None:
            return self.wait()
        return self._store_now(storage, functions)

    def _store_now(
        self, storage: PipelineStore, functions: Sequence[FunctionRow]
    ) -> StructureCounts:
        self.close()
        if self._feed is not None:
            try:
                return self._store_from_worker(storage, functions)
            except BrokenProcessPool:
                if self._abandoned:
                    raise
        # Computed here (no worker, or it died: the edges then replace any it sent).
        given = StructureInput(
            list(functions),
            self.project.graphs,
            self.project.abstract,
            self.project.assertions,
            self.manifests,
        )
        rows = project_structure(given)
        send_edges(storage, rows.edges)
        return _store_around(storage, rows)

    def _store_from_worker(
        self, storage: PipelineStore, functions: Sequence[FunctionRow]
    ) -> StructureCounts:
        """Store the worker's rows part by part: the call edges (most of the rows) go to the
        batch writer while the worker is still mapping tests and measuring coupling."""
        assert self._feed is not None
        parts = self._feed.parts()
        numbered = transport.loads(_next_part(parts), NumberedEdges)
        edges = numbered.with_ids(functions)
        send_edges(storage, edges)
        del numbered  # its keys are the largest part of it; the rest comes next
        rest = transport.loads(_next_part(parts), StructureRest).rows()
        if next(parts, None) is not None:
            raise BrokenProcessPool("the structure worker sent more parts than it should")
        return _store_around(storage, rest._replace(edges=edges))

    def store_when_ready(self, storage: PipelineStore, functions: Sequence[FunctionRow]) -> None:
        """``store`` from a thread of this process, which waits for the rows while the caller
        goes on; ``wait`` returns what it stored. (Storage takes batches from any thread.)"""
        self.close()
        self._storing = ThreadPoolExecutor(1, thread_name_prefix="drift-structure")
        self._stored = self._storing.submit(self._store_now, storage, functions)

    def wait(self) -> StructureCounts:
        """What ``store_when_ready`` stored, once it has; raises what it raised."""
        if self._stored is None or self._storing is None:
            raise RuntimeError("the structure is not being stored")
        try:
            return self._stored.result()
        finally:
            self._storing.shutdown()

    def abandon(self) -> None:
        """Stop a background computation (the scan failed meanwhile), storing nothing more."""
        self._abandoned = True
        if self._feed is not None:
            self._feed.abandon()
        if self._storing is not None:
            self._storing.shutdown()  # the thread ends at once: its worker is gone


FunctionKey = tuple[str, str, int]
"""How storage tells functions apart: ``(file, name, line)``."""


class NumberedEdges(NamedTuple):
    """The call edges a worker resolved between functions it numbered itself: function
    number ``n`` is ``functions[n - 1]``, a ``(file number, name, line)`` key with its file
    at ``files[file number]``.

    A large project has hundreds of thousands of edges, by far the most numerous rows, and the
    scan holds them while the worker still holds its own picture of the project: its peak
    memory. So they travel as columns of machine numbers, each file name and resolution label
    once: ``edges`` holds four integers per edge (caller number, callee number, index in
    ``labels``, call line) and ``confidences`` one float, both in native byte order (the
    worker is a process of this machine). Decoded, that is a few bytes an edge instead of a
    few hundred as tuples of Python objects; ``with_ids`` builds the records once, with their
    stored ids.
    """

    files: list[str]
    functions: list[tuple[int, str, int]]
    labels: list[str]
    edges: bytes
    confidences: bytes

    @classmethod
    def of(cls, edges: Sequence[CallEdgeRow], keys: Sequence[FunctionKey]) -> NumberedEdges:
        """``edges`` between the functions numbered by ``keys`` (``keys[n - 1]``: number
        ``n``), ready to travel."""
        files: dict[str, int] = {}
        functions = [(files.setdefault(file, len(files)), name, line) for file, name, line in keys]
        labels: dict[str, int] = {}
        columns = array("q")
        for edge in edges:
            label = labels.setdefault(edge.resolution, len(labels))
            columns.extend((edge.caller_id, edge.callee_id, label, edge.call_site_line))
        confidences = array("d", [edge.confidence for edge in edges])
        return cls(list(files), functions, list(labels), columns.tobytes(), confidences.tobytes())

    def with_ids(self, functions: Sequence[FunctionRow]) -> list[CallEdgeRow]:
        """The edges with each function's number replaced by its id among the stored
        ``functions``; an edge to a function storage does not hold is dropped, as
        ``resolve_calls`` drops a call whose function has no row."""
        stored = {(row.file, row.name, row.line): row.id for row in functions}
        ids = [stored.get((self.files[file], name, line)) for file, name, line in self.functions]
        columns, confidences = array("q"), array("d")
        columns.frombytes(self.edges)
        confidences.frombytes(self.confidences)
        if len(columns) != 4 * len(confidences):
            raise ValueError("the edge columns disagree on the number of edges")
        edges = []
        for at, confidence in enumerate(confidences):
            caller, callee = ids[columns[4 * at] - 1], ids[columns[4 * at + 1] - 1]
            if caller is not None and callee is not None:
                label, line = self.labels[columns[4 * at + 2]], columns[4 * at + 3]
                edges.append(CallEdgeRow(caller, callee, label, confidence, line))
        # In ``resolve_calls``'s order, by the ids storage gave.
        edges.sort(key=attrgetter("caller_id", "call_site_line", "callee_id"))
        return edges


class StringTable(NamedTuple):
    """Rows of strings as they travel between processes, each distinct string once: per row,
    ``width`` indexes into ``strings``, as machine numbers in native byte order."""

    width: int
    strings: list[str]
    indexes: bytes

    @classmethod
    def of(cls, rows: Iterable[Sequence[str]], width: int) -> StringTable:
        """The table of ``rows``, each of ``width`` strings."""
        numbers: dict[str, int] = {}
        indexes = array("q")
        for row in rows:
            if len(row) != width:
                raise ValueError(f"a row of {len(row)} strings in a table of {width}")
            indexes.extend(numbers.setdefault(value, len(numbers)) for value in row)
        return cls(width, list(numbers), indexes.tobytes())

    def rows(self) -> Iterator[tuple[str, ...]]:
        """The rows, in order, sharing one object for each string they repeat."""
        indexes = array("q")
        indexes.frombytes(self.indexes)
        if self.width < 1 or len(indexes) % self.width:
            raise ValueError("the indexes do not make whole rows")
        strings, width = self.strings, self.width
        for start in range(0, len(indexes), width):
            yield tuple(map(strings.__getitem__, indexes[start : start + width]))


class StructureRest(NamedTuple):
    """The structure worker's rows besides the call edges, as they travel. The test coverage is
    the most numerous (a row per test and function it reaches, hundreds of thousands on a large
    project), and its rows repeat a few thousand function ids: a ``StringTable``, so that the
    scan, which decodes it while the worker still holds its picture of the project, makes one
    string of each id instead of one per row."""

    metrics: list[CouplingMetricsRow]
    cycles: list[CouplingCycleRow]
    coverage: StringTable
    quality: list[TestQualityRow]

    @classmethod
    def of(cls, rows: ProjectStructure) -> StructureRest:
        """``rows`` but the call edges, ready to travel."""
        coverage = StringTable.of(map(_COVERAGE_VALUES, rows.coverage), 3)
        return cls(rows.metrics, rows.cycles, coverage, rows.quality)

    def rows(self) -> ProjectStructure:
        """The rows again (the call edges left empty: they travel on their own)."""
        coverage = [TestCoverageRow(*values) for values in self.coverage.rows()]
        return ProjectStructure([], self.metrics, self.cycles, coverage, self.quality)


_COVERAGE_VALUES = attrgetter("test_function_id", "source_function_id", "coverage_type")


def _next_part(parts: Iterator[bytes]) -> bytes:
    part = next(parts, None)
    if part is None:
        raise BrokenProcessPool("the structure worker sent fewer parts than it should")
    return part


EDGES_PER_STEP = 10_000
"""Call edges per batch command when they are stored beside other work (about a tenth of a
second of the batch writer's time)."""


def send_edges(storage: PipelineStore, edges: Sequence[CallEdgeRow]) -> None:
    """Replace the stored call edges with ``edges``.

    Into an empty table (a first scan) they go in steps of ``EDGES_PER_STEP``, each sent once
    the batch writer has stored the one before. The pattern analysis and enforcement wait for
    their own batches to be stored: sent meanwhile, those then wait for one step, not for every
    edge (a hundred thousand on a large project take the writer about a second). Over a stored
    graph (a rescan) nearly every edge is stored already: one ``ReplaceCallEdges`` lets the
    backend write only the difference, a fraction of that second.
    """
    if storage.count_call_edges():
        storage.send_batch(ReplaceCallEdges(list(edges)))
        return
    storage.send_batch(ReplaceCallEdges(list(edges[:EDGES_PER_STEP])))
    for start in range(EDGES_PER_STEP, len(edges), EDGES_PER_STEP):
        storage.flush_sync()
        storage.send_batch(InsertCallEdges(list(edges[start : start + EDGES_PER_STEP])))


def _store_around(storage: PipelineStore, rows: ProjectStructure) -> StructureCounts:
    """Store the tables around the call edges (sent already), and count what was stored."""
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


def numbered_functions(results: Mapping[str, ParseResult]) -> list[FunctionRow]:
    """The ``functions`` rows storage holds for ``results``, numbered from 1 in place of their
    ids, in ``load_functions``'s order: by file, then line, then order of storing. Like the
    upsert that stores them, a second function on one ``(file, name, line)`` replaces the
    first's values and keeps its place."""
    rows: list[FunctionRow] = []
    for path in sorted(results):
        result = results[path]
        unique: dict[tuple[str, int], tuple[int, Function]] = {}
        for place, fn in enumerate(result.functions):
            first = unique.get((fn.name, fn.line))
            unique[fn.name, fn.line] = (place if first is None else first[0], fn)
        ordered = sorted(unique.values(), key=lambda item: (item[1].line, item[0]))
        start = len(rows) + 1
        rows.extend(
            function_row(path, result.language, fn, number)
            for number, (_, fn) in enumerate(ordered, start=start)
        )
    return rows


def structure_from_feed(feed: Iterator[GraphFacts | Manifests]) -> Iterator[bytes]:
    """The worker side of a background ``StructureBuild``: unpack each file's facts as they
    arrive, then compute the structure over functions numbered here, in two parts: the call
    edges (``NumberedEdges``), then the rest (``StructureRest``), so the
    scan stores the first while this computes the second.

    The cyclic collector is paused: the input is millions of acyclic objects that every full
    collection would walk again, for no garbage (reference counting frees it).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        results: dict[str, ParseResult] = {}
        abstract: dict[str, tuple[str, ...]] = {}
        assertions: dict[str, tuple[int, ...]] = {}
        manifests = Manifests()
        for facts in feed:
            if isinstance(facts, Manifests):
                manifests = facts
                continue
            if facts.graph is None:
                continue
            results[facts.path] = unpack_graph(facts.graph)
            if facts.abstract_types:
                abstract[facts.path] = facts.abstract_types
            if facts.assertion_lines:
                assertions[facts.path] = facts.assertion_lines
        functions = numbered_functions(results)
        keys = [(row.file, row.name, row.line) for row in functions]
        resolver = CallResolver(functions, results, manifests)
        edges = resolve_in_two(resolver, results)
        yield transport.dumps(NumberedEdges.of(edges, keys))
        rows = structure_around(
            edges, functions, results, abstract, assertions, manifests=manifests, resolver=resolver
        )
        yield transport.dumps(StructureRest.of(rows))
    finally:
        if enabled:
            gc.enable()


FORK_MIN_CALLS = 20_000
"""Call sites below which ``resolve_in_two`` resolves them all itself: for fewer, forking a
process holding the project's graph costs about what the split saves."""


def resolve_in_two(resolver: CallResolver, results: Mapping[str, ParseResult]) -> list[CallEdgeRow]:
    """``resolve_calls`` over ``resolver``'s files, on two cores: a forked copy of this process
    (``ForkedCall``) resolves about half the call sites while this one resolves the rest.

    Resolution is the structure stage's largest part and runs after the per-file analysis,
    when the scanning process needs little of the second core. The edges are those of
    resolving at once: each part's are its own files' (``edges_of_files``), and every memo
    the resolver keeps holds the same answer whoever fills it."""
    paths = sorted(results)
    if sum(_resolution_weight(results[path]) for path in paths) < FORK_MIN_CALLS:
        return edge_rows(edges_of_files(resolver, results, paths))
    mine, theirs = _halves(paths, results)
    forked = ForkedCall(lambda: _packed_edges(edges_of_files(resolver, results, theirs)))
    edges = edges_of_files(resolver, results, mine)
    data = forked.result()
    if data is None:  # no fork here, or the child failed: resolve its share too
        edges.update(edges_of_files(resolver, results, theirs))
    else:
        edges.update(pickle.loads(data))
    return edge_rows(edges)


def _resolution_weight(result: ParseResult) -> int:
    return len(result.calls) + len(result.references) + 1


def _halves(
    paths: Sequence[str], results: Mapping[str, ParseResult]
) -> tuple[list[str], list[str]]:
    """``paths`` in two parts of about equal resolution work: the heaviest file first, each
    to the lighter part so far; each part in path order."""
    parts: tuple[list[str], list[str]] = ([], [])
    weights = [0, 0]
    for path in sorted(paths, key=lambda path: -_resolution_weight(results[path])):
        lighter = 0 if weights[0] <= weights[1] else 1
        parts[lighter].append(path)
        weights[lighter] += _resolution_weight(results[path])
    return sorted(parts[0]), sorted(parts[1])


def _packed_edges(edges: dict[EdgeKey, str]) -> bytes:
    """``edges`` as the forked child sends them: a pickle (both ends run this code)."""
    return pickle.dumps(list(edges.items()), protocol=pickle.HIGHEST_PROTOCOL)
