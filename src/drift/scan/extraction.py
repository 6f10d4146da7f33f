"""Extraction: run a grammar's query over a syntax tree and link what it found into a ParseResult.

``drift.scan.collect`` reads the captured nodes; this module links them: the nesting of
definitions (qualified names, methods, exports), the caller of every call, and whether each
handler rethrows or swallows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from operator import attrgetter
from typing import Final, TypeVar

from tree_sitter import Node, Query, QueryCursor, Tree

from drift.scan.collect import READERS, Collected, Handler, collect
from drift.scan.hashing import content_hash
from drift.scan.lang_ecmascript import JavaScriptRules, TypeScriptRules
from drift.scan.lang_go import GoRules
from drift.scan.lang_java import JavaRules
from drift.scan.lang_python import PythonRules
from drift.scan.languages import language_of_grammar
from drift.scan.model import (
    CallSite,
    Class,
    Decorator,
    ErrorHandler,
    Function,
    HandlerKind,
    NumberLiteral,
    Parameter,
    ParseIssue,
    ParseResult,
    StringLiteral,
)
from drift.scan.nodes import SourceText, end_line, line, text
from drift.scan.parsing import capture_names, compiled_query, syntax_issues
from drift.scan.rules import Definition, HandlerFacts, LanguageRules
from drift.scan.scopes import FunctionIndex, enclosing_function, link

RULES: Final[dict[str, LanguageRules]] = {
    "python": PythonRules(),
    "javascript": JavaScriptRules(),
    "typescript": TypeScriptRules(),
    "tsx": TypeScriptRules(),
    "go": GoRules(),
    "java": JavaRules(),
}

Point = tuple[int, int]
L = TypeVar("L", StringLiteral, NumberLiteral)

_IDENTIFIER: Final = re.compile(r"[\w$]+")
_BY_LINE: Final = attrgetter("line")
_BY_POSITION: Final = attrgetter("line", "column")
_HANDLER_ORDER: Final = attrgetter("line", "end_line", "kind")


def _call_order(site: CallSite) -> tuple[int, int, str, int, str]:
    # Chained calls (``a.f(x).f(y)``) start at one position with one callee: the receiver
    # breaks the tie, inner call first, so the order never depends on capture order.
    receiver = site.receiver or ""
    return site.line, site.column, site.callee, len(receiver), receiver


def _node_range(node: Node) -> tuple[int, int]:
    # Distinct nodes of one kind that start together differ in their end (an inner chained call).
    return node.start_byte, node.end_byte


def rules_for(grammar: str) -> LanguageRules:
    """The extraction rules of ``grammar`` (ValueError for an unknown one)."""
    try:
        return RULES[grammar]
    except KeyError:
        raise ValueError(f"no extraction rules for grammar {grammar!r}") from None


@cache
def extraction_query(grammar: str) -> Query:
    """The compiled extraction query of ``grammar``, checked to use only known capture names."""
    query = compiled_query(grammar, rules_for(grammar).query_files)
    unknown = [n for n in capture_names(query) if not n.startswith("_") and n not in READERS]
    if unknown:
        raise ValueError(f"{grammar} query uses captures with no reader: {unknown}")
    return query


def extract(tree: Tree, source: bytes, grammar: str) -> ParseResult:
    """Everything the grammar's query finds in ``tree`` (parsed from ``source``)."""
    root = tree.root_node
    captures = QueryCursor(extraction_query(grammar)).captures(root)
    file = SourceText(source, clean=not root.has_error)
    found = collect(captures, file, grammar, rules_for(grammar))
    return _Linker(found).result(tree)


class _Linker:
    """Turns one file's collected drafts into a ParseResult."""

    def __init__(self, found: Collected) -> None:
        self.found = found
        self.source = found.source
        self.rules = found.rules
        definitions = found.definitions
        self.receivers = {
            id(item): self.rules.receiver_type(item.node, self.source)
            for item in definitions
            if item.kind == "function"
        }
        link(definitions, lambda item: self.receivers.get(id(item)))
        for item in definitions:  # parents come first: a class is decided before its methods
            item.is_exported = self.rules.is_exported(item, found.exports)
        self.index = FunctionIndex(definitions)
        self.decorator_scopes = self._decorator_scopes()

    def result(self, tree: Tree) -> ParseResult:
        found = self.found
        functions = [item for item in found.definitions if item.kind == "function"]
        classes = [item for item in found.definitions if item.kind == "class"]
        methods = self._methods(functions, classes)
        spans = self._decorator_spans()
        issues = syntax_issues(tree, self.source, found.grammar)
        return ParseResult(
            language=language_of_grammar(found.grammar),
            grammar=found.grammar,
            line_count=_line_count(self.source),
            package=found.package,
            functions=tuple(self._function(item) for item in functions),
            classes=tuple(self._class(item, methods.get(id(item), [])) for item in classes),
            imports=tuple(sorted(found.imports, key=_BY_LINE)),
            exports=tuple(self.rules.module_exports(found.definitions, found.exports)),
            calls=self._calls(),
            strings=_literals(found.strings, spans),
            numbers=_literals(found.numbers, spans),
            error_handlers=self._handlers(),
            parse_errors=issues,
            error_count=len(issues),
            error=summarize_issues(issues),
        )

    # ---- definitions -------------------------------------------------------------------------

    def _methods(
        self, functions: list[Definition], classes: list[Definition]
    ) -> dict[int, list[str]]:
        """Method names per class (by ``id``): defined in its body or, in Go, on its name."""
        by_name = {item.name: item for item in classes if item.parent is None}
        methods: dict[int, list[str]] = {}
        for item in functions:
            owner = item.parent
            if owner is None:
                receiver = self.receivers.get(id(item))
                owner = by_name.get(receiver) if receiver else None
            if owner is not None and owner.kind == "class":
                methods.setdefault(id(owner), []).append(item.name)
        return methods

    def _decorators(self, item: Definition) -> tuple[Decorator, ...]:
        decorators = self.found.decorators
        if not decorators:
            return ()
        nodes = decorators.get(item.node.id)
        if nodes is None:  # decorated through a field or declarator
            holder = item.node.parent  # asked only here: finding a parent is not cheap
            if holder is not None:
                nodes = decorators.get(holder.id)
        if not nodes:
            return ()
        ordered = sorted({node.id: node for node in nodes}.values(), key=lambda n: n.start_byte)
        return tuple(self.rules.decorator(node, self.source) for node in ordered)

    def _function(self, item: Definition) -> Function:
        node = item.node
        parameters = self.rules.parameters(node, self.source)
        returns = self.rules.return_type(node, self.source)
        owner = item.parent if item.parent is not None and item.parent.kind == "class" else None
        receiver = self.receivers.get(id(item)) if item.parent is None else None
        row, col = (item.name_node or node).start_point
        return Function(
            name=item.name,
            qualified_name=item.qualified_name,
            line=row + 1,
            end_line=end_line(node),
            column=col + 1,
            parameters=parameters,
            return_type=returns,
            decorators=self._decorators(item),
            is_exported=item.is_exported,
            is_async=self.rules.is_async(node, self.found.file),
            is_method=owner is not None or receiver is not None,
            class_name=owner.name if owner is not None else receiver,
            body_hash=content_hash(self.source[item.start : item.end]),
            signature_hash=content_hash(_signature(item.name, parameters, returns).encode()),
        )

    def _class(self, item: Definition, methods: list[str]) -> Class:
        row, col = (item.name_node or item.node).start_point
        return Class(
            name=item.name,
            qualified_name=item.qualified_name,
            line=row + 1,
            end_line=end_line(item.node),
            column=col + 1,
            kind=item.class_kind,
            bases=self.rules.bases(item.node, self.source),
            decorators=self._decorators(item),
            is_exported=item.is_exported,
            methods=tuple(methods),
        )

    def _decorator_spans(self) -> list[tuple[Point, Point]]:
        """(start, end) positions, 1-based, of every decorator, in source order."""
        nodes = {node.id: node for found in self.found.decorators.values() for node in found}
        spans = [
            (
                (node.start_point.row + 1, node.start_point.column + 1),
                (node.end_point.row + 1, node.end_point.column + 1),
            )
            for node in nodes.values()
        ]
        spans.sort()
        return spans

    def _decorator_scopes(self) -> tuple[list[int], list[tuple[int, Definition | None]]]:
        """Decorator byte ranges with the function their expressions run in.

        A decorator runs where the definition it decorates is defined, not inside it, although
        some grammars (JavaScript methods, Java) put it inside the definition's node.
        """
        if not self.found.decorators:
            return [], []
        by_node: dict[int, Definition] = {}
        for item in self.found.definitions:
            by_node[item.node.id] = item
            holder = item.node.parent
            if holder is not None:
                by_node.setdefault(holder.id, item)
        spans: list[tuple[int, int, Definition | None]] = []
        for target_id, nodes in self.found.decorators.items():
            target = by_node.get(target_id)
            for node in nodes:
                if target is not None:
                    scope = enclosing_function(target)
                else:
                    scope = self.index.enclosing(node.start_byte)
                spans.append((node.start_byte, node.end_byte, scope))
        spans.sort(key=lambda span: span[0])
        return [span[0] for span in spans], [(span[1], span[2]) for span in spans]

    # ---- calls and handlers ------------------------------------------------------------------

    def _scope(self, offset: int) -> Definition | None:
        """The function the code at ``offset`` runs in."""
        starts, spans = self.decorator_scopes
        if starts:
            at = bisect_right(starts, offset) - 1
            if at >= 0 and offset < spans[at][0]:
                return spans[at][1]
        return self.index.enclosing(offset)

    def _caller(self, node: Node) -> str | None:
        function = self._scope(node.start_byte)
        return None if function is None else function.qualified_name

    def _calls(self) -> tuple[CallSite, ...]:
        sites: list[CallSite] = []
        append = sites.append
        awaited = self.found.awaited
        enclosing = self._scope if self.decorator_scopes[0] else self.index.enclosing
        in_order = True
        previous = -1
        for start, row, col, callee, receiver, count, node, is_constructor in self.found.calls:
            caller = enclosing(start)
            append(
                CallSite(
                    callee,
                    receiver,
                    row,
                    col,
                    count,
                    bool(awaited) and node.id in awaited,
                    is_constructor,
                    None if caller is None else caller.qualified_name,
                )
            )
            in_order = in_order and start > previous
            previous = start
        if not in_order:
            # Strictly increasing starts are already the order below; only ties (chained calls)
            # and out-of-order captures need the full key.
            sites.sort(key=_call_order)
        return tuple(sites)

    def _handlers(self) -> tuple[ErrorHandler, ...]:
        # Nodes in source order first: handlers that tie on the final key (two one-line
        # ``try``/``catch`` on a line, chained ``.catch(…)``) then keep an order of their own.
        throws = sorted(self.found.throws, key=_node_range)
        handlers = sorted(self.found.handlers, key=lambda handler: _node_range(handler.node))
        found = [self._handler(handler, throws) for handler in handlers]
        for node in throws:
            found.append(self._plain(node, "throw", self.rules.throw_types(node, self.source)))
        finallies = sorted(self.found.finallies, key=_node_range)
        found.extend(self._plain(node, "finally", ()) for node in finallies)
        found.sort(key=_HANDLER_ORDER)
        return tuple(found)

    def _handler(self, handler: Handler, throws: list[Node]) -> ErrorHandler:
        facts = handler.facts
        node = handler.node
        function = self.index.enclosing(node.start_byte)
        rethrows = facts.propagates or self._throws_inside(facts.body, throws, function)
        swallows = facts.judge_swallow and not rethrows and not self._uses(facts)
        return ErrorHandler(
            kind=handler.kind,
            line=line(node),
            end_line=end_line(node),
            function=None if function is None else function.qualified_name,
            types=facts.types,
            variable=facts.variable,
            is_empty=facts.is_empty,
            is_generic=facts.is_generic,
            rethrows=rethrows,
            swallows=swallows,
        )

    def _plain(self, node: Node, kind: HandlerKind, types: tuple[str, ...]) -> ErrorHandler:
        return ErrorHandler(
            kind=kind,
            line=line(node),
            end_line=end_line(node),
            function=self._caller(node),
            types=types,
            variable=None,
            is_empty=False,
            is_generic=False,
            rethrows=False,
            swallows=False,
        )

    def _throws_inside(
        self, body: Node | None, throws: list[Node], function: Definition | None
    ) -> bool:
        """A throw lies in ``body`` and in the same function (not in a nested definition)."""
        if body is None:
            return False
        start, end = body.start_byte, body.end_byte
        return any(
            start <= node.start_byte < end and self.index.enclosing(node.start_byte) is function
            for node in throws
        )

    def _uses(self, facts: HandlerFacts) -> bool:
        if facts.variable is None or facts.body is None:
            return False
        if not _IDENTIFIER.fullmatch(facts.variable):
            return True  # a destructuring pattern already takes something out of the error
        pattern = re.compile(rf"(?<![\w$]){re.escape(facts.variable)}(?![\w$])")
        return pattern.search(text(facts.body, self.source)) is not None


def _literals(items: list[L], spans: list[tuple[Point, Point]]) -> tuple[L, ...]:
    """Literals in source order; call arguments inside a decorator read as ``decorator``."""
    items.sort(key=_BY_POSITION)
    if spans:
        starts = [start for start, _ in spans]
        for index, item in enumerate(items):
            if item.context != "function_argument":
                continue
            where = (item.line, item.column)
            at = bisect_right(starts, where) - 1
            if at >= 0 and where < spans[at][1]:
                items[index] = item._replace(context="decorator")
    return tuple(items)


def _signature(name: str, parameters: tuple[Parameter, ...], returns: str | None) -> str:
    rendered = ", ".join(
        ("..." if item.is_rest else "") + item.name + (f": {item.type}" if item.type else "")
        for item in parameters
    )
    return f"{name}({rendered})" + (f" -> {returns}" if returns else "")


def _line_count(source: bytes) -> int:
    if not source:
        return 0
    return source.count(b"\n") + (0 if source.endswith(b"\n") else 1)


def summarize_issues(issues: tuple[ParseIssue, ...]) -> str | None:
    """One line describing a file's syntax issues, or None when there are none."""
    if not issues:
        return None
    first = issues[0]
    noun = "syntax error" if len(issues) == 1 else "syntax errors"
    where = f"line {first.line}, column {first.column}"
    return f"{len(issues)} {noun}; first at {where}: {first.text}"
