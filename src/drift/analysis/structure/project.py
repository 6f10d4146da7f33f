"""The project-wide structure in one call, and the packed form it travels in between processes.

A scan computes the call graph, coupling and test mapping from every parsed file at once. On a
large project that is seconds of work the scanning process would otherwise do while the second
core idles, so the pipeline runs it in a worker process of its own (``drift.pipeline.graph``).
Each file's graph part travels packed (``pack_graph``): workers pack it once, and the scanning
process holds and forwards the bytes without ever rebuilding the objects it does not read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from sys import intern
from typing import Final, NamedTuple

import msgspec

from drift.analysis.structure.call_edges import resolve_calls
from drift.analysis.structure.callgraph import CallResolver
from drift.analysis.structure.coupling import coupling
from drift.analysis.structure.imports import Manifests
from drift.analysis.structure.test_files import is_js_test_call
from drift.analysis.structure.test_mapping import test_mapping
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.records.structural import (
    CouplingCycleRow,
    CouplingMetricsRow,
    TestCoverageRow,
    TestQualityRow,
)
from drift.scan import CallSite, ParseResult, StringLiteral


class ProjectStructure(NamedTuple):
    """The rows of the three project-wide structure tables."""

    edges: list[CallEdgeRow]
    metrics: list[CouplingMetricsRow]
    cycles: list[CouplingCycleRow]
    coverage: list[TestCoverageRow]
    quality: list[TestQualityRow]


class StructureInput(NamedTuple):
    """What ``project_structure`` reads: stored functions (with their ids), every file's packed
    graph part, the two facts read from the text (abstract types, assertion lines), and what the
    repository's manifests say (``Manifests``: Go modules, JavaScript packages)."""

    functions: Sequence[FunctionRow]
    graphs: Mapping[str, bytes]
    abstract: Mapping[str, tuple[str, ...]]
    assertions: Mapping[str, tuple[int, ...]]
    manifests: Manifests


_GRAPH_ENCODER: Final = msgspec.msgpack.Encoder()
_GRAPH_DECODER: Final = msgspec.msgpack.Decoder(ParseResult)


def graph_part(result: ParseResult) -> ParseResult:
    """``result`` without number literals, handlers and syntax issues, and with only the string
    literals that name JavaScript tests (``it("loads a user", …)``: the test's id): what the
    call graph, coupling and test mapping read of a file."""
    names: tuple[StringLiteral, ...] = ()
    if result.language in _ECMASCRIPT and result.strings:
        lines = {c.line for c in result.calls if c.caller is None and is_js_test_call(c)}
        if lines:
            # With the line where a table on one of them ends (``test.each`...`("name")``).
            lines |= {s.line + s.value.count("\n") for s in result.strings if s.line in lines}
            names = tuple(s for s in result.strings if s.line in lines)
    return result._replace(strings=names, numbers=(), error_handlers=(), parse_errors=())


_ECMASCRIPT: Final = frozenset({"javascript", "typescript"})


def pack_graph(result: ParseResult) -> bytes:
    """The graph part of ``result`` as bytes for the trip between processes (``unpack_graph``).

    MessagePack, encoded and decoded in C: a scan packs every file it parses, and the records
    are rebuilt once, in the process that computes the structure.
    """
    return _GRAPH_ENCODER.encode(graph_part(result))


def unpack_graph(data: bytes) -> ParseResult:
    """The graph part ``pack_graph`` packed, its call sites' names shared (``_shared_names``)."""
    result: ParseResult = _GRAPH_DECODER.decode(data)
    return result._replace(calls=_shared_names(result.calls)) if result.calls else result


def _shared_names(calls: tuple[CallSite, ...]) -> tuple[CallSite, ...]:
    """``calls`` with one string object for each name they repeat.

    A file's call sites repeat a few names (the caller, above all, at each of its calls; the
    callees and receivers) and decoding makes a new string of each: on a large project, three
    quarters of the memory of the structure worker's picture, which it holds whole until the
    last file has come in. Interned, the names take a tenth of that, and compare by identity
    in the resolver's lookups.
    """
    make = CallSite._make
    return tuple(
        [
            make(
                (
                    intern(callee),
                    receiver and intern(receiver),
                    line,
                    column,
                    count,
                    awaited,
                    constructor,
                    caller and intern(caller),
                    receiver_type and intern(receiver_type),
                    *rest,
                )
            )
            for (
                callee,
                receiver,
                line,
                column,
                count,
                awaited,
                constructor,
                caller,
                receiver_type,
                *rest,
            ) in calls
        ]
    )


def structure_of(
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    abstract: Mapping[str, tuple[str, ...]],
    assertions: Mapping[str, tuple[int, ...]],
    manifests: Manifests | None = None,
) -> ProjectStructure:
    """Resolve the call graph, measure coupling and map tests over every file's graph part."""
    resolver = CallResolver(functions, results, manifests)
    return structure_around(
        resolve_calls(functions, results, manifests, resolver=resolver),
        functions,
        results,
        abstract,
        assertions,
        manifests=manifests,
        resolver=resolver,
    )


def structure_around(
    edges: list[CallEdgeRow],
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    abstract: Mapping[str, tuple[str, ...]],
    assertions: Mapping[str, tuple[int, ...]],
    *,
    manifests: Manifests | None = None,
    resolver: CallResolver | None = None,
) -> ProjectStructure:
    """``structure_of`` given the call ``edges`` it resolves first (``resolve_calls``, with
    ``resolver`` when given): the coupling and test mapping around them."""
    metrics, cycles = coupling(results, abstract_types=abstract, manifests=manifests)
    coverage, quality = test_mapping(
        functions,
        edges,
        results,
        assertion_lines=assertions,
        manifests=manifests,
        resolver=resolver,
    )
    return ProjectStructure(edges, metrics, cycles, coverage, quality)


def project_structure(given: StructureInput) -> ProjectStructure:
    """``structure_of`` over packed graph parts."""
    results = {path: unpack_graph(data) for path, data in given.graphs.items()}
    return structure_of(given.functions, results, given.abstract, given.assertions, given.manifests)
