"""tree-sitter grammars, parsers and queries, loaded once per process (and per thread).

Grammars come from the installed per-language packages; nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from importlib import resources
from operator import itemgetter

import tree_sitter_go
import tree_sitter_java
import tree_sitter_javascript
import tree_sitter_python
import tree_sitter_typescript
from tree_sitter import Language, Parser, Query, QueryCursor, Tree

from drift.scan.grammar_gaps import parser_input
from drift.scan.languages import GRAMMARS
from drift.scan.model import ParseIssue
from drift.scan.nodes import column, end_line, line, short_text

_GRAMMAR_LOADERS: dict[str, Callable[[], object]] = {
    "python": tree_sitter_python.language,
    "javascript": tree_sitter_javascript.language,
    "typescript": tree_sitter_typescript.language_typescript,
    "tsx": tree_sitter_typescript.language_tsx,
    "go": tree_sitter_go.language,
    "java": tree_sitter_java.language,
}

ISSUE_TEXT_MAX_CHARS = 40

_local = threading.local()


def _check(grammar: str) -> None:
    if grammar not in GRAMMARS:
        raise ValueError(f"unknown grammar {grammar!r}; known: {sorted(GRAMMARS)}")


@cache
def ts_language(grammar: str) -> Language:
    """The tree-sitter ``Language`` of ``grammar`` (ValueError for an unknown grammar)."""
    _check(grammar)
    return Language(_GRAMMAR_LOADERS[grammar]())


def _parser(grammar: str) -> Parser:
    # A Parser is not safe to share between threads; each thread keeps its own.
    parsers: dict[str, Parser] | None = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = {}
        _local.parsers = parsers
    parser = parsers.get(grammar)
    if parser is None:
        parser = Parser(ts_language(grammar))
        parsers[grammar] = parser
    return parser


def parse_tree(source: bytes, grammar: str) -> Tree:
    """Parse ``source`` with ``grammar``. tree-sitter always returns a tree, errors included.

    The tree's offsets are those of ``source``; read text from ``source``, not from the nodes
    (syntax the grammar lacks is blanked in the copy it parses: ``drift.scan.grammar_gaps``).
    """
    _check(grammar)
    return _parser(grammar).parse(parser_input(source, grammar))


def query_source(grammar: str, files: tuple[str, ...]) -> str:
    """The text of the ``.scm`` query files, joined."""
    folder = resources.files("drift.scan") / "queries"
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in files)


@cache
def compiled_query(grammar: str, files: tuple[str, ...]) -> Query:
    """The extraction query of ``grammar`` compiled from ``files`` (cached per process)."""
    return Query(ts_language(grammar), query_source(grammar, files))


def capture_names(query: Query) -> list[str]:
    """Every capture name the query uses."""
    return [query.capture_name(index) for index in range(query.capture_count)]


@cache
def _issue_query(grammar: str) -> Query:
    return Query(ts_language(grammar), "(ERROR) @error (MISSING) @missing")


def syntax_issues(tree: Tree, source: bytes, grammar: str) -> tuple[ParseIssue, ...]:
    """Every ERROR and MISSING node of ``tree``, in source order."""
    root = tree.root_node
    if not root.has_error:
        return ()
    # Sort key: position, kind, then the enclosing node first (nested ERROR nodes can start at
    # one position) and its text (two tokens can be missing at one point), so the order never
    # depends on the order the query engine returns nodes in.
    found: list[tuple[tuple[int, int, str, int, str], ParseIssue]] = []
    captures = QueryCursor(_issue_query(grammar)).captures(root)
    for node in captures.get("error", []):
        snippet = short_text(node, source, ISSUE_TEXT_MAX_CHARS)
        issue = ParseIssue("error", line(node), column(node), end_line(node), snippet)
        found.append(((issue.line, issue.column, issue.kind, -node.end_byte, issue.text), issue))
    for node in captures.get("missing", []):
        text = f"missing {node.type}"
        issue = ParseIssue("missing", line(node), column(node), end_line(node), text)
        found.append(((issue.line, issue.column, issue.kind, -node.end_byte, issue.text), issue))
    found.sort(key=itemgetter(0))
    return tuple(issue for _, issue in found)
