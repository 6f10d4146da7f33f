"""Helpers for the structure tests: parse snippets and fixture repositories, number functions
the way storage would, and show call edges by function id."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from drift.analysis.structure.scopes import function_key
from drift.pipeline.worker import function_row
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.scan import ParseResult, discover, grammar_for_path, parse_source

REPOS = Path(__file__).resolve().parents[2] / "fixtures" / "repos"


def source(text: str) -> str:
    """A snippet without its common indentation and leading blank line."""
    return textwrap.dedent(text).lstrip("\n")


def parse(path: str, text: str) -> ParseResult:
    """Parse a snippet as the file ``path`` (the extension picks the grammar)."""
    grammar = grammar_for_path(path)
    assert grammar is not None, path
    return parse_source(source(text).encode(), grammar)


def project(files: Mapping[str, str]) -> dict[str, ParseResult]:
    """Parse several snippets as one repository."""
    return {path: parse(path, text) for path, text in files.items()}


def repo(name: str) -> tuple[dict[str, ParseResult], dict[str, str]]:
    """Parse results and texts of a fixture repository, by repository-relative path."""
    results: dict[str, ParseResult] = {}
    texts: dict[str, str] = {}
    for found in discover(REPOS / name).files:
        grammar = grammar_for_path(found.path)
        if grammar is None:
            continue
        data = Path(found.abs_path).read_bytes()
        results[found.path] = parse_source(data, grammar)
        texts[found.path] = data.decode()
    return results, texts


def function_rows(results: Mapping[str, ParseResult]) -> list[FunctionRow]:
    """One stored row per parsed function, ids 1, 2, … in path then source order."""
    rows: list[FunctionRow] = []
    for path in sorted(results):
        result = results[path]
        for fn in result.functions:
            rows.append(function_row(path, result.language, fn, len(rows) + 1))
    return rows


def named_edges(
    edges: Sequence[CallEdgeRow], rows: Sequence[FunctionRow]
) -> list[tuple[str, str, str, int]]:
    """``(caller id, callee id, resolution, line)`` with ``file::qualified_name`` ids."""
    by_id = {row.id: function_key(row.file, row.qualified_name or row.name) for row in rows}
    return [(by_id[e.caller_id], by_id[e.callee_id], e.resolution, e.call_site_line) for e in edges]
