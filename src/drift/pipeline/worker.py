"""The per-file work of a scan, run in the process pool: read, parse, extract, detect.

``analyze_file`` is a module-level function (the pool pickles it by name) that never raises and
never touches storage: it returns a ``FileOutcome`` of plain data, which the parent writes. A
parse-cache hit (the parent looked the content hash up) skips tree-sitter; a syntax error is
recorded in the outcome and the file is still analysed as far as the parser got.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

import xxhash

from drift.analysis.packs import Pack, evaluate_file, load_packs, signal_sites
from drift.analysis.structure import file_structure, graph_part, pack_graph
from drift.pipeline.detect import detection_row, signal_row
from drift.pipeline.facts import CallFilter, called_methods, file_facts
from drift.pipeline.tasks import FileOutcome, FileTask, PackSource
from drift.records.analysis import FunctionRow
from drift.scan import Function, ParseResult, content_hash, parse_source
from drift.scan.time_limit import TimeLimitReached, time_limit


@lru_cache(maxsize=4)
def _rules(source: PackSource) -> tuple[tuple[Pack, ...], CallFilter]:
    # Loaded once per process; the parent loaded the same packs first, so errors surface there.
    packs = tuple(load_packs([Path(d) for d in source.dirs], include_builtin=source.builtin))
    return packs, called_methods(packs)


def structural_signature(result: ParseResult) -> bytes:
    """A hash of what the project-wide stages read from a file, leaving out the body and
    signature hashes and the line and error counts (an edit inside a body, or a comment at the
    end, that keeps every definition, import, call and line in place changes nothing they
    compute)."""
    part = graph_part(result)
    functions = tuple(fn._replace(body_hash=b"", signature_hash=b"") for fn in part.functions)
    kept = part._replace(functions=functions, line_count=0, error_count=0, error=None)
    return xxhash.xxh3_64_digest(kept.to_json().encode("utf-8"))


def function_row(path: str, language: str, fn: Function, row_id: int = 0) -> FunctionRow:
    """The ``functions`` row of ``fn`` in ``path`` (``row_id`` 0: storage assigns it)."""
    return FunctionRow(
        id=row_id,
        file=path,
        name=fn.name,
        qualified_name=fn.qualified_name,
        language=language,
        line=fn.line,
        end_line=fn.end_line,
        parameter_count=len(fn.parameters),
        return_type=fn.return_type,
        is_exported=fn.is_exported,
        is_async=fn.is_async,
        body_hash=fn.body_hash,
        signature_hash=fn.signature_hash,
    )


def function_rows(path: str, result: ParseResult) -> tuple[FunctionRow, ...]:
    """The ``functions`` rows of one file (ids are assigned by storage)."""
    return tuple(function_row(path, result.language, fn) for fn in result.functions)


def _decode_cached(task: FileTask) -> ParseResult | None:
    if task.cached_json is None:
        return None
    try:
        cached = ParseResult.from_json(task.cached_json)
    except ValueError:
        return None  # outdated or damaged: parse again
    return cached if cached.grammar == task.grammar else None


def _read(task: FileTask, started: int) -> bytes | FileOutcome:
    try:
        with open(task.abs_path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return failed(task, f"cannot read: {exc.strerror or exc}", started)


def failed(task: FileTask, message: str, started: int | None = None) -> FileOutcome:
    """The outcome of a file that could not be analysed at all."""
    elapsed = 0 if started is None else (time.perf_counter_ns() - started) // 1000
    return FileOutcome(
        task.path, task.grammar, task.expected_hash, 0, message, 1, message, None,
        (), (), None, None, elapsed,
    )  # fmt: skip


def analyze_file(task: FileTask) -> FileOutcome:
    """Read, parse (or take the cached parse), extract and detect one file. Never raises."""
    started = time.perf_counter_ns()
    source = _read(task, started)
    if isinstance(source, FileOutcome):
        return source
    digest = content_hash(source)
    try:
        with time_limit(task.time_limit):
            # The file may have changed since the diff hashed it: the cache entry is only for
            # that.
            result = _decode_cached(task) if digest == task.expected_hash else None
            cache_json = None
            if result is None:
                result = parse_source(source, task.grammar)
                cache_json = result.to_json()
            text = source.decode("utf-8", errors="replace")
            try:
                packs, methods = _rules(task.packs)
                facts = file_facts(task.path, result, text, methods)
                matches = evaluate_file(packs, facts)
                signals = signal_sites(packs, facts)
                structure = file_structure(task.path, result, text)
            except Exception as exc:  # one odd file never stops the scan; it is recorded
                return failed(task, f"analysis failed: {type(exc).__name__}: {exc}", started)
    except TimeLimitReached as reached:
        return failed(task, reached.describe(), started)
    return FileOutcome(
        path=task.path,
        grammar=task.grammar,
        content_hash=digest,
        file_size=len(source),
        read_error=None,
        error_count=result.error_count,
        error=result.error,
        cache_json=cache_json,
        functions=function_rows(task.path, result),
        detections=(
            *(detection_row(match) for match in matches),
            *(signal_row(task.path, pack, site) for pack, site in signals),
        ),
        structure=structure,
        graph=pack_graph(result),
        duration_us=(time.perf_counter_ns() - started) // 1000,
    )


def crashed(task: FileTask, message: str) -> FileOutcome:
    """The outcome of a file whose worker process died (a crash in native code)."""
    return failed(task, message)
