"""The project-wide structure in one call, and the packed form it travels in between processes.

A scan computes the call graph, coupling and test mapping from every parsed file at once. On a
large project that is seconds of work the scanning process would otherwise do while the second
core idles, so the pipeline runs it in a worker process of its own (``drift.pipeline.graph``).
Each file's graph part travels packed (``pack_graph``): workers pack it once, and the scanning
process holds and forwards the bytes without ever rebuilding the objects it does not read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Final, NamedTuple

from drift.analysis.structure.callgraph import resolve_calls
from drift.analysis.structure.coupling import coupling
from drift.analysis.structure.test_mapping import test_mapping
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.records.structural import (
    CouplingCycleRow,
    CouplingMetricsRow,
    TestCoverageRow,
    TestQualityRow,
)
from drift.scan import CallSite, ParseResult, transport


class ProjectStructure(NamedTuple):
    """The rows of the three project-wide structure tables."""

    edges: list[CallEdgeRow]
    metrics: list[CouplingMetricsRow]
    cycles: list[CouplingCycleRow]
    coverage: list[TestCoverageRow]
    quality: list[TestQualityRow]


class StructureInput(NamedTuple):
    """What ``project_structure`` reads: stored functions (with their ids), every file's packed
    graph part, and the two facts read from the text (abstract types, assertion lines)."""

    functions: Sequence[FunctionRow]
    graphs: Mapping[str, bytes]
    abstract: Mapping[str, tuple[str, ...]]
    assertions: Mapping[str, tuple[int, ...]]


_CALL_SITE: Final[Callable[[tuple[object, ...]], CallSite]] = functools.partial(
    tuple.__new__, CallSite
)
"""Rebuilds a ``CallSite`` from the plain tuple of its fields, in C."""


def pack_graph(result: ParseResult) -> bytes:
    """A file's graph part as bytes for the trip between processes (``unpack_graph``).

    The call sites, most of the records, travel apart as plain tuples of their fields: those
    pickle in C, where each record would cost a Python call (``transport``'s reducer).
    """
    calls: list[tuple[object, ...]] = list(map(tuple, result.calls))
    return transport.dumps((result._replace(calls=()), calls))


def unpack_graph(data: bytes) -> ParseResult:
    """The ParseResult ``pack_graph`` packed."""
    packed: tuple[ParseResult, list[tuple[object, ...]]] = transport.loads(data)
    result, calls = packed
    return result._replace(calls=tuple(map(_CALL_SITE, calls)))


def structure_of(
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    abstract: Mapping[str, tuple[str, ...]],
    assertions: Mapping[str, tuple[int, ...]],
) -> ProjectStructure:
    """Resolve the call graph, measure coupling and map tests over every file's graph part."""
    return structure_around(
        resolve_calls(functions, results), functions, results, abstract, assertions
    )


def structure_around(
    edges: list[CallEdgeRow],
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    abstract: Mapping[str, tuple[str, ...]],
    assertions: Mapping[str, tuple[int, ...]],
) -> ProjectStructure:
    """``structure_of`` given the call ``edges`` it resolves first (``resolve_calls``): the
    coupling and test mapping around them."""
    metrics, cycles = coupling(results, abstract_types=abstract)
    coverage, quality = test_mapping(functions, edges, results, assertion_lines=assertions)
    return ProjectStructure(edges, metrics, cycles, coverage, quality)


def project_structure(given: StructureInput) -> ProjectStructure:
    """``structure_of`` over packed graph parts."""
    results = {path: unpack_graph(data) for path, data in given.graphs.items()}
    return structure_of(given.functions, results, given.abstract, given.assertions)
