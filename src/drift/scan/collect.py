"""Collection: read the nodes one query run captured, kind by kind, into drafts.

The query (``queries/*.scm``) finds every construct in one pass of tree-sitter's C engine and
names each captured node by what it is (``function``, ``call``, ``string``, …). Here each list of
nodes is read with the language's ``LanguageRules``: a few field lookups per node, no walks.
Linking the drafts (scopes, callers, handler flags) is ``drift.scan.extraction``'s job; so is
reading calls, which it does in the same pass that finds their callers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Final

from tree_sitter import Node

from drift.scan.lang_ecmascript import described_property
from drift.scan.model import HandlerKind, Import, NumberLiteral, StringLiteral
from drift.scan.nodes import SourceText, first_child_of_type, text
from drift.scan.rules import (
    Definition,
    ExportFacts,
    HandlerFacts,
    LanguageRules,
    parse_number,
)

HANDLER_KINDS: Final[dict[str, HandlerKind]] = {
    "handler": "catch",  # Python's except clauses are renamed in collect_handlers
    "promise_catch": "promise_catch",
    "error_check": "error_check",
    "recover": "recover",
}

new_record: Final = tuple.__new__
"""``new_record(Record, (field, …))`` builds a ``drift.scan.model`` record from all its fields in
order, in a third of the time of calling the class (its generated ``__new__`` is a Python
function; a sixth with keywords). Only for the records built by the thousand: literals, call
sites, functions."""

_START: Final = attrgetter("start_byte")
_POSITION: Final = attrgetter("line", "column")

_UNARY: Final = frozenset({"unary_operator", "unary_expression"})
_FUNCTION_EXPRESSIONS: Final = frozenset(
    {"arrow_function", "function_expression", "generator_function"}
)
# The functions a JavaScript property descriptor may give (``described_property``).
_DESCRIBED: Final = _FUNCTION_EXPRESSIONS | {"method_definition"}
_NAME_FIELDS: Final = {
    # a function expression is named by what holds it: const f = () => …, {f: …}, this.f = …
    "variable_declarator": "name",
    "pair": "key",
    "assignment_expression": "left",
    "field_definition": "property",
    "public_field_definition": "name",
}


@dataclass(slots=True)
class Handler:
    """A handler before its scope and rethrow/swallow flags are known."""

    kind: HandlerKind
    node: Node
    facts: HandlerFacts


@dataclass(slots=True)
class Collected:
    """Everything one file's query run found, read but not yet linked."""

    file: SourceText
    grammar: str
    rules: LanguageRules
    definitions: list[Definition] = field(default_factory=list)
    decorators: dict[int, list[Node]] = field(default_factory=dict)  # target node id → nodes
    decorator_targets: dict[int, Node] = field(default_factory=dict)  # target node id → target
    imports: list[Import] = field(default_factory=list)
    exports: ExportFacts = field(default_factory=ExportFacts)
    calls: list[Node] = field(default_factory=list)  # read once their callers are known
    constructs: list[Node] = field(default_factory=list)  # ``new T(…)``, read like calls
    # Members (and Java method references) and bare names passed as values
    # (``ParseResult.references``), read like calls.
    references: list[Node] = field(default_factory=list)
    reference_names: list[Node] = field(default_factory=list)
    awaited: set[int] = field(default_factory=set)
    managed: list[Node] = field(default_factory=list)  # Python's ``with`` items' managers
    operated: list[Node] = field(default_factory=list)  # Python's operators on a name
    strings: list[StringLiteral] = field(default_factory=list)
    numbers: list[NumberLiteral] = field(default_factory=list)
    handlers: list[Handler] = field(default_factory=list)
    throws: list[Node] = field(default_factory=list)
    returned: list[Node] = field(default_factory=list)  # ``return``/``yield`` values
    finallies: list[Node] = field(default_factory=list)
    # (position, variable, class or None, end of its scope) of each local assignment or
    # declaration, by position: where the variable starts to hold the value (its node's start;
    # in Go, its end), and up to where the name is that variable (``sys.maxsize``: the end of
    # its function; in Go, the end of its block).
    locals: list[tuple[int, str, str | None, int]] = field(default_factory=list)
    # The positions of the locals at the file's top level: module (Go: package) variables.
    top_level: set[int] = field(default_factory=set)
    # (start byte, attribute, class or None) of each field or ``self.x`` assignment.
    fields: list[tuple[int, str, str | None]] = field(default_factory=list)
    package: str | None = None

    @property
    def source(self) -> bytes:
        """The file's bytes."""
        return self.file.data


Reader = Callable[[Collected, list[Node]], None]


def _node_range(node: Node) -> tuple[int, int]:
    # Sort key of captured nodes: distinct nodes that start together differ in their end.
    return node.start_byte, node.end_byte


def function_name(node: Node) -> Node | None:
    """The node naming a function: its own name, or its holder's for a function expression
    (but a module's single export, ``module.exports = function cast() {…}``, keeps its own)."""
    if node.type in _FUNCTION_EXPRESSIONS:
        holder = node.parent
        field_name = None if holder is None else _NAME_FIELDS.get(holder.type)
        if holder is not None and field_name is not None:
            target = holder.child_by_field_name(field_name)
            own = node.child_by_field_name("name")
            if own is not None and target is not None and target.text in _MODULE_EXPORTS:
                return own
            if target is not None and target.type == "member_expression":
                target = target.child_by_field_name("property")
            elif target is not None and target.type == "subscript_expression":
                # ``T.prototype['throws'] = function …``: the key's text, without quotes
                index = target.child_by_field_name("index")
                target = None if index is None else first_child_of_type(index, ("string_fragment",))
            return target
    return node.child_by_field_name("name")


_MODULE_EXPORTS = frozenset({b"module.exports", b"exports"})


def _class_name(node: Node) -> Node | None:
    """The node naming a class: its own name, or, for an anonymous class expression, what
    holds it (``internals.Base = class {…}``, ``const Store = class {…}``)."""
    own = node.child_by_field_name("name")
    if own is not None or node.type != "class":
        return own
    holder = node.parent
    field_name = None if holder is None else _NAME_FIELDS.get(holder.type)
    if holder is None or field_name is None:
        return None
    target = holder.child_by_field_name(field_name)
    if target is not None and target.type == "member_expression":
        target = target.child_by_field_name("property")
    return target


def decorator_target(node: Node) -> Node | None:
    """The definition a decorator or annotation applies to."""
    parent = node.parent
    if parent is None:
        return None
    if parent.type == "decorated_definition":
        return parent.child_by_field_name("definition")
    if parent.type == "modifiers":  # Java annotations
        return parent.parent
    if parent.type == "class_body":  # TypeScript: decorators precede the member
        sibling = node.next_named_sibling
        while sibling is not None and sibling.type in ("decorator", "comment"):
            sibling = sibling.next_named_sibling
        return sibling
    return parent


def _definitions(found: Collected, nodes: list[Node], kind: str) -> None:
    seen = {item.node.id for item in found.definitions}
    file = found.file
    is_function = kind == "function"
    for node in nodes:
        node_id = node.id
        if node_id in seen:
            continue
        seen.add(node_id)
        name_node = function_name(node) if is_function else _class_name(node)
        name = "default" if name_node is None else file.text(name_node)
        if is_function and node.type in _DESCRIBED:
            # A JavaScript property descriptor's ``value``, ``get`` or ``set`` is named by
            # its property (``Object.defineProperties(Request.prototype, { ip: { get () {…}
            # } })``: ``ip``) and placed at its own key: a getter and its setter stay two.
            described = described_property(node)
            if described is not None:
                name = file.text(described[0])
        start, end = node.byte_range
        item = Definition("function" if is_function else "class", node, name, name_node, start, end)
        if not is_function:
            item.class_kind = found.rules.class_kind(node)
        found.definitions.append(item)


def collect_functions(found: Collected, nodes: list[Node]) -> None:
    """``@function`` nodes."""
    _definitions(found, nodes, "function")


def collect_classes(found: Collected, nodes: list[Node]) -> None:
    """``@class`` nodes."""
    _definitions(found, nodes, "class")


def collect_decorators(found: Collected, nodes: list[Node]) -> None:
    """``@decorator`` nodes, filed under the definition they decorate."""
    for node in nodes:
        target = decorator_target(node)
        if target is not None:
            target_id = target.id
            found.decorators.setdefault(target_id, []).append(node)
            found.decorator_targets[target_id] = target


def collect_imports(found: Collected, nodes: list[Node]) -> None:
    """``@import`` nodes, in source order (the query engine's order can vary between runs, and
    imports sort by line only)."""
    for node in sorted(nodes, key=_node_range):
        found.imports.extend(found.rules.imports(node, found.source))


def collect_exports(found: Collected, nodes: list[Node]) -> None:
    """``@export`` nodes, in source order (exports keep the order they are read in)."""
    for node in sorted(nodes, key=_node_range):
        found.rules.collect_export(node, found.source, found.exports)


def collect_calls(found: Collected, nodes: list[Node]) -> None:
    """``@call`` nodes, kept for extraction: it reads each call where it knows its caller."""
    found.calls.extend(nodes)


def collect_constructs(found: Collected, nodes: list[Node]) -> None:
    """``@construct`` nodes: ``new T(…)``, kept like calls."""
    found.constructs.extend(nodes)


def collect_references(found: Collected, nodes: list[Node]) -> None:
    """``@reference`` nodes: a member (or a Java method reference) passed as a value, kept
    like calls."""
    found.references.extend(nodes)


def collect_super_members(found: Collected, nodes: list[Node]) -> None:
    """``@super_member`` nodes: Python's ``super().name`` read, not called (a property's
    ``super().data`` runs the base's getter), kept as members passed as values are; one
    passed as an argument is a ``@reference`` already."""
    found.references.extend(
        node
        for node in nodes
        if (parent := node.parent) is not None
        and parent.type not in ("argument_list", "keyword_argument")
        and not (parent.type == "call" and parent.child_by_field_name("function") == node)
    )


def collect_reference_names(found: Collected, nodes: list[Node]) -> None:
    """``@reference_name`` nodes: a bare name passed as a value, kept like calls (apart: most
    are the caller's variables, which extraction drops by their text alone)."""
    found.reference_names.extend(nodes)


def collect_awaited(found: Collected, nodes: list[Node]) -> None:
    """``@awaited`` nodes: calls that are awaited."""
    found.awaited.update(node.id for node in nodes)


def collect_managed(found: Collected, nodes: list[Node]) -> None:
    """``@managed`` nodes: the context managers ``with`` items enter, kept for extraction,
    which gives each block's calls of their ``__enter__`` and ``__exit__``."""
    found.managed.extend(nodes)


def collect_operated(found: Collected, nodes: list[Node]) -> None:
    """``@operated`` nodes: Python's subscripts, comparisons, arithmetic and loops on a name or
    an attribute, kept for extraction, which gives each the call of the method it runs."""
    found.operated.extend(nodes)


def collect_strings(found: Collected, nodes: list[Node]) -> None:
    """``@string`` nodes, with their context, in source order; import paths are left out."""
    context_of = found.rules.literal_context
    file = found.file
    append = found.strings.append
    # The query engine returns nodes in no particular order. Sorted here on a C key, the
    # literals come out in their final order: sorting the records by (line, column) costs more.
    for node in sorted(nodes, key=_START):
        context = context_of(node.parent)
        if context is not None:
            row, column = node.start_point
            value = file.inner_value(node)
            append(new_record(StringLiteral, (value, row + 1, column + 1, context)))


def collect_numbers(found: Collected, nodes: list[Node]) -> None:
    """``@number`` nodes, in source order; ``-1`` is read as one literal, not minus applied to
    1."""
    context_of = found.rules.literal_context
    file = found.file
    numbers = found.numbers
    in_order = True
    for literal in sorted(nodes, key=_START):  # in source order, as for strings
        node = literal
        raw = file.text(node)
        value = parse_number(raw)
        parent = node.parent
        negative = False
        if parent is not None and parent.type in _UNARY and _is_minus(parent):
            negative = True
            node, raw = parent, "-" + raw
            value = None if value is None else -value
            parent = node.parent
        context = context_of(parent)
        if context is not None:
            row, column = node.start_point
            number = new_record(NumberLiteral, (raw, value, row + 1, column + 1, context))
            if negative and numbers and _POSITION(number) < _POSITION(numbers[-1]):
                in_order = False  # a broken tree put another literal between ``-`` and its number
            numbers.append(number)
    if not in_order:
        numbers.sort(key=_POSITION)


def _is_minus(node: Node) -> bool:
    operator = node.child(0)
    return operator is not None and operator.type == "-"


TypeReading = Callable[[Node, bytes], list[tuple[str, str | None]]]


def _typed_names(
    read: TypeReading, nodes: list[Node], source: bytes, into: list[tuple[int, str, str | None]]
) -> None:
    """``(start, name, class)`` of what each of ``nodes`` names, in source order."""
    for node in sorted(nodes, key=_START):
        start = node.start_byte
        into.extend((start, name, kind) for name, kind in read(node, source))


def collect_locals(found: Collected, nodes: list[Node]) -> None:
    """``@local`` nodes: local variables given a class, in source order, each with the end of
    the code that sees it; the positions of those at the file's top level (module variables)
    apart."""
    read = found.rules.local_types
    source = found.source
    scope_of = _SCOPES.get(found.grammar, _whole_function)
    placed = [(*scope_of(node), node) for node in nodes]
    placed.sort(key=itemgetter(0))
    for position, end, node in placed:
        found.locals.extend((position, name, kind, end) for name, kind in read(node, source))
        if _at_top_level(node):
            found.top_level.add(position)


def _whole_function(node: Node) -> tuple[int, int]:
    """Where a variable starts to hold its value, and where the code that sees it ends: from
    the declaration to the end of its function (Java's rule, and the default)."""
    return node.start_byte, sys.maxsize


def _after_value(node: Node) -> int:
    """Where an assignment's variable starts to hold its value: at the value's last byte (no
    call starts there, and the offset is still in the function around the assignment, which
    its end need not be). A call in the value is made on the variable's earlier value: httpx's
    ``url = url.copy_with(…)``, Django's ``queryset = queryset.filter(…)``."""
    return node.end_byte - 1


def _python_scope(node: Node) -> tuple[int, int]:
    """A Python variable is its function's from its assignment's value on (see
    ``_after_value``); a loop's, a ``with``'s or an ``except``'s from its statement's start,
    whose end is its body's."""
    start = _after_value(node) if node.type == "assignment" else node.start_byte
    return start, sys.maxsize


# The nodes that end the scope of a Go variable declared in them: blocks, the implicit ones of
# an ``if``, ``for``, ``switch`` and ``case`` included, and a function literal, whose
# parameters are its own. A literal's ``func(w http.ResponseWriter, r *http.Request)`` is no
# ``r`` of the function around it (chi's tests: ``r := NewRouter()`` before it, ``r.Match(…)``
# after).
_GO_BLOCKS: Final = frozenset(
    {"block", "func_literal", "if_statement", "for_statement", "expression_switch_statement",
     "type_switch_statement", "expression_case", "default_case", "type_case",
     "communication_case"}
)  # fmt: skip
_ECMASCRIPT_BLOCKS: Final = frozenset({"statement_block"})
_ECMASCRIPT_FUNCTIONS: Final = frozenset(
    {"function_declaration", "function_expression", "arrow_function", "method_definition",
     "generator_function", "generator_function_declaration"}
)  # fmt: skip


def _go_scope(node: Node) -> tuple[int, int]:
    """A Go variable is its block's from the end of its declaration on: ``r := r.Match(…)``
    calls the ``r`` around it, and so does ``for _, x := range x.items``."""
    return node.end_byte, _end_of(node, _GO_BLOCKS)


def _ecmascript_scope(node: Node) -> tuple[int, int]:
    """A ``let`` or ``const`` is its block's, a ``var`` its function's: a test callback's
    ``const r = new Request()`` is no ``r`` of the code after the callback. An assignment gives
    a value to whichever variable it names, from its value on (see ``_after_value``)."""
    declaration = node.parent
    if node.type == "assignment_expression":
        return _after_value(node), sys.maxsize
    if node.type != "variable_declarator" or declaration is None:
        return node.start_byte, sys.maxsize
    if declaration.type == "variable_declaration":
        return node.start_byte, _end_of(declaration, _ECMASCRIPT_FUNCTIONS)
    return node.start_byte, _end_of(declaration, _ECMASCRIPT_BLOCKS)


def _end_of(node: Node, holders: frozenset[str]) -> int:
    """Where the innermost of ``holders`` around ``node`` ends (``sys.maxsize`` for none: a
    module or package variable, a Go function's named result)."""
    parent = node.parent
    while parent is not None:
        if parent.type in holders:
            return parent.end_byte
        parent = parent.parent
    return sys.maxsize


_SCOPES: Final[dict[str, Callable[[Node], tuple[int, int]]]] = {
    "python": _python_scope,
    "go": _go_scope,
    "javascript": _ecmascript_scope,
    "typescript": _ecmascript_scope,
    "tsx": _ecmascript_scope,
}
"""Per grammar: where a ``@local`` node's variable starts to hold its value, and where the code
that sees it ends (``Collected.locals``)."""


# What may stand between a module-level variable's node and the file's root.
_DECLARATION_WRAPPERS = frozenset(
    {"expression_statement", "lexical_declaration", "variable_declaration", "export_statement",
     "var_declaration", "var_spec_list"}
)  # fmt: skip
_ROOTS = frozenset({"module", "program", "source_file"})


def _at_top_level(node: Node) -> bool:
    """Whether an assignment or declaration stands at the file's top level, not in a function
    (nor in a function literal or a test callback, which are no definitions of their own)."""
    parent = node.parent
    while parent is not None and parent.type in _DECLARATION_WRAPPERS:
        parent = parent.parent
    return parent is not None and parent.type in _ROOTS


def collect_fields(found: Collected, nodes: list[Node]) -> None:
    """``@field`` nodes: attributes a class gives a class, in source order."""
    _typed_names(found.rules.field_types, nodes, found.source, found.fields)


def collect_returned(found: Collected, nodes: list[Node]) -> None:
    """``@returned`` nodes: the value of a ``return`` or ``yield`` (a call or a variable)."""
    found.returned.extend(nodes)


def collect_throws(found: Collected, nodes: list[Node]) -> None:
    """``@throw`` nodes: raise, throw, panic(…)."""
    found.throws.extend(nodes)


def collect_finallies(found: Collected, nodes: list[Node]) -> None:
    """``@finally`` nodes."""
    found.finallies.extend(nodes)


def collect_package(found: Collected, nodes: list[Node]) -> None:
    """``@package``: the Go package or Java package name."""
    if nodes:  # only a broken file has two; the first in the source is taken
        found.package = text(min(nodes, key=_node_range), found.source)


def collect_handlers(kind: str, found: Collected, nodes: list[Node]) -> None:
    """Handler nodes captured as ``kind`` (handler, promise_catch, error_check, recover)."""
    handler_kind = HANDLER_KINDS[kind]
    if handler_kind == "catch" and found.grammar == "python":
        handler_kind = "except"
    for node in nodes:
        facts = found.rules.handler(kind, node, found.source)
        found.handlers.append(Handler(handler_kind, node, facts))


def _handler_reader(kind: str) -> Reader:
    return lambda found, nodes: collect_handlers(kind, found, nodes)


READERS: Final[dict[str, Reader]] = {
    "function": collect_functions,
    "class": collect_classes,
    "decorator": collect_decorators,
    "import": collect_imports,
    "export": collect_exports,
    "call": collect_calls,
    "construct": collect_constructs,
    "reference": collect_references,
    "reference_name": collect_reference_names,
    "super_member": collect_super_members,
    "awaited": collect_awaited,
    "managed": collect_managed,
    "operated": collect_operated,
    "string": collect_strings,
    "number": collect_numbers,
    "throw": collect_throws,
    "local": collect_locals,
    "returned": collect_returned,
    "field": collect_fields,
    "finally": collect_finallies,
    "package": collect_package,
    **{kind: _handler_reader(kind) for kind in HANDLER_KINDS},
}
"""Capture name → the function that reads its nodes. Names starting with ``_`` are predicate
helpers and have no reader."""

# Definitions first: decorators, handlers and literals never need them, but reading them first
# keeps the order of work independent of the order the query engine returns names in.
_ORDER: Final = {name: index for index, name in enumerate(READERS)}


def collect(
    captures: dict[str, list[Node]], file: SourceText, grammar: str, rules: LanguageRules
) -> Collected:
    """Read every captured node of one file."""
    found = Collected(file, grammar, rules)
    for name in sorted(captures, key=lambda item: _ORDER.get(item, len(_ORDER))):
        reader = READERS.get(name)
        if reader is not None:
            reader(found, captures[name])
    return found
