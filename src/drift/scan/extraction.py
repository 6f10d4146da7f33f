"""Extraction: run a grammar's query over a syntax tree and turn the matches into a ParseResult.

The query (``queries/*.scm``) finds every construct in one pass of tree-sitter's C engine; each
match is anchored by one undotted capture name that says what it is. Python only reads the few
captured nodes of each match (through the language's ``LanguageRules``) and then links scopes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from tree_sitter import Node, QueryCursor, Tree

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
    Import,
    NumberLiteral,
    Parameter,
    ParseIssue,
    ParseResult,
    StringLiteral,
)
from drift.scan.nodes import column, end_line, inner_value, line, text
from drift.scan.parsing import compiled_query, syntax_issues
from drift.scan.rules import (
    Captures,
    Definition,
    ExportFacts,
    HandlerFacts,
    LanguageRules,
    parse_number,
)
from drift.scan.scopes import FunctionIndex, link

RULES: dict[str, LanguageRules] = {
    "python": PythonRules(),
    "javascript": JavaScriptRules(),
    "typescript": TypeScriptRules(),
    "tsx": TypeScriptRules(),
    "go": GoRules(),
    "java": JavaRules(),
}

_UNARY = frozenset({"unary_operator", "unary_expression"})
_IDENTIFIER = re.compile(r"[\w$]+")

_HANDLER_ANCHORS: dict[str, HandlerKind] = {
    "handler": "catch",  # "except" for Python, see _handler_kind
    "promise_catch": "promise_catch",
    "error_check": "error_check",
    "recover": "recover",
}


def rules_for(grammar: str) -> LanguageRules:
    """The extraction rules of ``grammar`` (ValueError for an unknown one)."""
    try:
        return RULES[grammar]
    except KeyError:
        raise ValueError(f"no extraction rules for grammar {grammar!r}") from None


@dataclass(slots=True)
class _Call:
    node: Node
    callee: str
    receiver: str | None
    arguments: Node | None
    is_constructor: bool


@dataclass(slots=True)
class _Handler:
    kind: HandlerKind
    node: Node
    facts: HandlerFacts


class _Collector:
    """Accumulates one file's matches, then links them into a ParseResult."""

    def __init__(self, source: bytes, grammar: str, rules: LanguageRules) -> None:
        self.source = source
        self.grammar = grammar
        self.rules = rules
        self.definitions: list[Definition] = []
        self.definition_ids: set[int] = set()
        self.decorators: dict[int, list[Node]] = {}
        self.imports: list[Import] = []
        self.exports = ExportFacts()
        self.calls: list[_Call] = []
        self.strings: list[StringLiteral] = []
        self.numbers: list[NumberLiteral] = []
        self.handlers: list[_Handler] = []
        self.throws: list[Node] = []
        self.finallies: list[Node] = []
        self.package: str | None = None
        self.receivers: dict[int, str | None] = {}
        self.awaited: set[int] = set()
        self.dispatch: dict[str, Callable[[Captures], None]] = {
            "function": self.on_function,
            "class": self.on_class,
            "decorator": self.on_decorator,
            "import": self.on_import,
            "export": self.on_export,
            "call": self.on_call,
            "construct": self.on_construct,
            "awaited": self.on_awaited,
            "string": self.on_string,
            "number": self.on_number,
            "throw": self.on_throw,
            "finally": self.on_finally,
            "package": self.on_package,
        }
        for anchor in _HANDLER_ANCHORS:
            self.dispatch[anchor] = partial(self.on_handler, anchor)

    # ---- per-match handlers ------------------------------------------------------------------

    def _definition(self, captures: Captures, anchor: str, kind: str) -> Definition | None:
        node = captures[anchor][0]
        if node.id in self.definition_ids:
            return None
        self.definition_ids.add(node.id)
        names = captures.get(f"{anchor}.name")
        name_node = names[0] if names else None
        name = "default" if name_node is None else text(name_node, self.source)
        item = Definition("function" if kind == "function" else "class", node, name, name_node)
        self.definitions.append(item)
        return item

    def on_function(self, captures: Captures) -> None:
        self._definition(captures, "function", "function")

    def on_class(self, captures: Captures) -> None:
        item = self._definition(captures, "class", "class")
        if item is not None:
            item.class_kind = self.rules.class_kind(item.node)

    def on_decorator(self, captures: Captures) -> None:
        target = captures["decorator.target"][0]
        self.decorators.setdefault(target.id, []).extend(captures["decorator"])

    def on_import(self, captures: Captures) -> None:
        self.imports.extend(self.rules.imports(captures["import"][0], self.source))

    def on_export(self, captures: Captures) -> None:
        self.rules.collect_export(captures, self.source, self.exports)

    def on_call(self, captures: Captures) -> None:
        self._call(captures, "call", is_constructor=False)

    def on_construct(self, captures: Captures) -> None:
        self._call(captures, "construct", is_constructor=True)

    def _call(self, captures: Captures, anchor: str, *, is_constructor: bool) -> None:
        node = captures[anchor][0]
        function = captures.get("call.function")
        if function:
            callee, receiver = self.rules.call_parts(function[0], self.source)
        else:
            callee = text(captures["call.name"][0], self.source)
            owner = captures.get("call.receiver")
            receiver = text(owner[0], self.source) if owner else None
        arguments = captures.get("call.args")
        args = arguments[0] if arguments else None
        self.calls.append(_Call(node, callee, receiver, args, is_constructor))

    def on_awaited(self, captures: Captures) -> None:
        self.awaited.add(captures["awaited"][0].id)

    def on_string(self, captures: Captures) -> None:
        node = captures["string"][0]
        context = self.rules.literal_context(node)
        if context is not None:
            row, col = node.start_point
            value = inner_value(node, self.source)
            self.strings.append(StringLiteral(value, row + 1, col + 1, context))

    def on_number(self, captures: Captures) -> None:
        node = captures["number"][0]
        raw = text(node, self.source)
        value = parse_number(raw)
        parent = node.parent
        if parent is not None and parent.type in _UNARY and _is_minus(parent):
            node, raw = parent, "-" + raw  # -1 is one literal to a reader, not minus applied to 1
            value = None if value is None else -value
        context = self.rules.literal_context(node)
        if context is not None:
            row, col = node.start_point
            self.numbers.append(NumberLiteral(raw, value, row + 1, col + 1, context))

    def on_throw(self, captures: Captures) -> None:
        self.throws.append(captures["throw"][0])

    def on_finally(self, captures: Captures) -> None:
        self.finallies.append(captures["finally"][0])

    def on_package(self, captures: Captures) -> None:
        self.package = text(captures["package"][0], self.source)

    def on_handler(self, anchor: str, captures: Captures) -> None:
        kind = _HANDLER_ANCHORS[anchor]
        if kind == "catch" and self.grammar == "python":
            kind = "except"
        facts = self.rules.handler(anchor, captures, self.source)
        self.handlers.append(_Handler(kind, captures[anchor][0], facts))

    # ---- linking -----------------------------------------------------------------------------

    def result(self, tree: Tree) -> ParseResult:
        self.receivers = {
            id(item): self.rules.receiver_type(item.node, self.source)
            for item in self.definitions
            if item.kind == "function"
        }
        link(self.definitions, lambda item: self.receivers.get(id(item)))
        for item in self.definitions:  # parents come first: a class is decided before its methods
            item.is_exported = self.rules.is_exported(item, self.exports)
        index = FunctionIndex(self.definitions)
        functions = self._of_kind("function")
        classes = self._of_kind("class")
        methods = self._methods(functions, classes)
        issues = syntax_issues(tree, self.source, self.grammar)
        return ParseResult(
            language=language_of_grammar(self.grammar),
            grammar=self.grammar,
            line_count=_line_count(self.source),
            package=self.package,
            functions=tuple(self._function(item) for item in functions),
            classes=tuple(self._class(item, methods.get(id(item), [])) for item in classes),
            imports=tuple(sorted(self.imports, key=lambda item: item.line)),
            exports=tuple(self.rules.module_exports(self.definitions, self.exports)),
            calls=tuple(self._calls(index)),
            strings=tuple(sorted(self.strings, key=lambda item: (item.line, item.column))),
            numbers=tuple(sorted(self.numbers, key=lambda item: (item.line, item.column))),
            error_handlers=tuple(self._handlers(index)),
            parse_errors=issues,
            error_count=len(issues),
            error=summarize_issues(issues),
        )

    def _of_kind(self, kind: str) -> list[Definition]:
        return [item for item in self.definitions if item.kind == kind]

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
        nodes = self.decorators.get(item.node.id)
        holder = item.node.parent
        if nodes is None and holder is not None:  # decorated through a field or declarator
            nodes = self.decorators.get(holder.id)
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
        anchor = item.name_node or node
        return Function(
            name=item.name,
            qualified_name=item.qualified_name,
            line=line(anchor),
            end_line=end_line(node),
            column=column(anchor),
            parameters=parameters,
            return_type=returns,
            decorators=self._decorators(item),
            is_exported=item.is_exported,
            is_async=self.rules.is_async(node),
            is_method=owner is not None or receiver is not None,
            class_name=owner.name if owner is not None else receiver,
            body_hash=content_hash(self.source[node.start_byte : node.end_byte]),
            signature_hash=content_hash(_signature(item.name, parameters, returns).encode()),
        )

    def _class(self, item: Definition, methods: list[str]) -> Class:
        anchor = item.name_node or item.node
        return Class(
            name=item.name,
            qualified_name=item.qualified_name,
            line=line(anchor),
            end_line=end_line(item.node),
            column=column(anchor),
            kind=item.class_kind,
            bases=self.rules.bases(item.node, self.source),
            decorators=self._decorators(item),
            is_exported=item.is_exported,
            methods=tuple(methods),
        )

    def _calls(self, index: FunctionIndex) -> list[CallSite]:
        sites = []
        awaited = self.awaited
        for call in self.calls:
            node = call.node
            row, col = node.start_point
            caller = index.enclosing(node.start_byte)
            sites.append(
                CallSite(
                    call.callee,
                    call.receiver,
                    row + 1,
                    col + 1,
                    _argument_count(call.arguments),
                    node.id in awaited,
                    call.is_constructor,
                    None if caller is None else caller.qualified_name,
                )
            )
        sites.sort(key=lambda site: (site.line, site.column, site.callee))
        return sites

    def _handlers(self, index: FunctionIndex) -> list[ErrorHandler]:
        throws = sorted(self.throws, key=lambda node: node.start_byte)
        found = [self._handler(handler, index, throws) for handler in self.handlers]
        for node in throws:
            found.append(_plain(node, "throw", index, self.rules.throw_types(node, self.source)))
        found.extend(_plain(node, "finally", index, ()) for node in self.finallies)
        found.sort(key=lambda item: (item.line, item.end_line, item.kind))
        return found

    def _handler(self, handler: _Handler, index: FunctionIndex, throws: list[Node]) -> ErrorHandler:
        facts = handler.facts
        node = handler.node
        function = index.enclosing(node.start_byte)
        rethrows = facts.propagates or _throws_inside(facts.body, throws, index, function)
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

    def _uses(self, facts: HandlerFacts) -> bool:
        if facts.variable is None or facts.body is None:
            return False
        if not _IDENTIFIER.fullmatch(facts.variable):
            return True  # a destructuring pattern already takes something out of the error
        pattern = re.compile(rf"(?<![\w$]){re.escape(facts.variable)}(?![\w$])")
        return pattern.search(text(facts.body, self.source)) is not None


def _is_minus(node: Node) -> bool:
    operator = node.child(0)
    return operator is not None and operator.type == "-"


def _throws_inside(
    body: Node | None, throws: list[Node], index: FunctionIndex, function: Definition | None
) -> bool:
    if body is None:
        return False
    start, end = body.start_byte, body.end_byte
    return any(
        start <= node.start_byte < end and index.enclosing(node.start_byte) is function
        for node in throws
    )


def _plain(
    node: Node, kind: HandlerKind, index: FunctionIndex, types: tuple[str, ...]
) -> ErrorHandler:
    function = index.enclosing(node.start_byte)
    return ErrorHandler(
        kind=kind,
        line=line(node),
        end_line=end_line(node),
        function=None if function is None else function.qualified_name,
        types=types,
        variable=None,
        is_empty=False,
        is_generic=False,
        rethrows=False,
        swallows=False,
    )


def _argument_count(arguments: Node | None) -> int:
    if arguments is None:
        return 0
    if arguments.type not in ("argument_list", "arguments"):
        return 1  # f(x for x in y), tagged templates
    count: int = arguments.named_child_count
    if arguments.child_count == 2 * count + 1:
        # n arguments, n-1 commas and two parentheses: no comment among them, no node reads.
        return count
    return sum(1 for child in arguments.named_children if child.type != "comment")


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


def extract(tree: Tree, source: bytes, grammar: str) -> ParseResult:
    """Everything the grammar's query finds in ``tree`` (parsed from ``source``)."""
    rules = rules_for(grammar)
    collector = _Collector(source, grammar, rules)
    compiled = compiled_query(grammar, rules.query_files)
    handlers = [collector.dispatch[anchor] for anchor in compiled.anchors]
    for pattern, captures in QueryCursor(compiled.query).matches(tree.root_node):
        handlers[pattern](captures)
    return collector.result(tree)
