"""Extraction: run a grammar's query over a syntax tree and link what it found into a ParseResult.

``drift.scan.collect`` reads the captured nodes; this module links them: the nesting of
definitions (qualified names, methods, exports), the caller of every call, and whether each
handler rethrows or swallows.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from heapq import merge
from operator import attrgetter
from typing import Final, TypeVar

from tree_sitter import Node, Query, QueryCursor, Tree

from drift.scan.assertions import expects_error
from drift.scan.collect import READERS, Collected, Handler, collect, new_record
from drift.scan.explained import says_why, thrown_on_purpose
from drift.scan.go_types import element_type, is_container
from drift.scan.handoff import HandOffs, reports, stores
from drift.scan.hashing import content_hash
from drift.scan.lang_ecmascript import (
    JavaScriptRules,
    TsxRules,
    TypeScriptRules,
    called_member,
    literal_variable,
    object_members,
    property_assignments,
    returned_value,
    returning_function,
    unwrapped,
)
from drift.scan.lang_go import GO_TEST_RECEIVERS, GoRules, build_constraint, is_test_receiver
from drift.scan.lang_java import (
    JavaRules,
    binary_type,
    conditional_type,
    java_class_of_type,
    unary_type,
)
from drift.scan.lang_python import PythonRules
from drift.scan.languages import language_of_grammar
from drift.scan.model import (
    ALIAS_OF,
    ELEMENT_OF,
    ITEM_IN,
    KEY_IN,
    LAMBDA,
    LITERAL_OF,
    RESULT_OF,
    STATIC_MEMBER,
    UNTYPED_LOCAL,
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
from drift.scan.nodes import (
    COMMENT_TYPES,
    SourceText,
    end_line,
    field_text,
    line,
    short_text,
    text,
)
from drift.scan.parsing import capture_names, compiled_query, syntax_issues
from drift.scan.rules import (
    Definition,
    HandlerFacts,
    LanguageRules,
    class_of_type,
    read_reference,
)
from drift.scan.scopes import FunctionIndex, enclosing_function, link

RULES: Final[dict[str, LanguageRules]] = {
    "python": PythonRules(),
    "javascript": JavaScriptRules(),
    "typescript": TypeScriptRules(),
    "tsx": TsxRules(),
    "go": GoRules(),
    "java": JavaRules(),
}

Point = tuple[int, int]
L = TypeVar("L", StringLiteral, NumberLiteral)

_IDENTIFIER: Final = re.compile(r"[\w$]+")
# A class or a call as extraction writes a Python variable's (``httpx.URL``, ``make``,
# ``httpx.URL().copy_with``): names, each link after the first maybe a call's result.
_CHAIN: Final = re.compile(r"[A-Za-z_]\w*(?:(?:\(\))?\.[A-Za-z_]\w*)*")
_BY_LINE: Final = attrgetter("line")
_BY_POSITION: Final = attrgetter("line", "column")
_HANDLER_ORDER: Final = attrgetter("line", "end_line", "kind")
_START: Final = attrgetter("start_byte")


_SELF_NAMES: Final = frozenset({"self", "this"})
# The handlers whose body may hand the error it names to a call, or store it for later
# (``drift.scan.handoff``): a Go ``if err != nil`` hands it on by returning it, and a
# ``.catch(…)`` is a callback.
_HANDING_KINDS: Final = frozenset({"catch", "except"})
_ECMASCRIPT: Final = frozenset({"javascript", "typescript", "tsx"})
_TAKEN_OUT: Final = (KEY_IN, ITEM_IN)
# The functions an object literal's member or a property assigned may be (``Function.members``).
_MEMBER_FUNCTIONS: Final = frozenset(
    {"method_definition", "function_expression", "arrow_function", "generator_function"}
)

_Assignments = tuple[list[int], list[str | None], list[int]]
"""A variable's assignments in a file, in source order: their positions, the classes they
give, and where the code that sees each ends (``Collected.locals``)."""


def _call_order(site: CallSite) -> tuple[int, int, str, int, str, int, bool, bool]:
    # Chained calls (``a.f(x).f(y)``) start at one position with one callee: the receiver
    # breaks the tie, inner call first, so the order never depends on capture order. A broken
    # tree can nest calls that agree on all of that (two ``f(…)`` read from one position): the
    # argument count and flags break that tie, and calls equal in every field are the same row.
    receiver = site.receiver or ""
    return (
        site.line,
        site.column,
        site.callee,
        len(receiver),
        receiver,
        site.arg_count,
        site.is_awaited,
        site.is_constructor,
    )


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
        receiver_type = self.rules.receiver_type
        self.receivers: dict[int, str] = {}  # by ``id`` of the function; most have none
        for item in definitions:
            if item.kind == "function":
                receiver = receiver_type(item.node, self.source)
                if receiver is not None:
                    self.receivers[id(item)] = receiver
        link(definitions, lambda item: self.receivers.get(id(item)))
        is_exported = self.rules.is_exported
        exports = found.exports
        for item in definitions:  # parents come first: a class is decided before its methods
            item.is_exported = is_exported(item, exports)
        self.index = FunctionIndex(definitions)
        # By ``id`` of a function: its parameters' classes by name (``_function`` fills it).
        self.parameter_classes: dict[int, dict[str, str]] = {}
        # By variable name: its assignments anywhere, in source order (``_group_locals``).
        self.local_classes: dict[str, _Assignments] = {}
        # By ``id`` of a class: the classes of its attributes (``_group_fields``).
        self.field_classes: dict[int, dict[str, str]] = {}
        # Java reads a bare name as a field of the caller's class when no local or parameter
        # has that name (its implicit ``this``).
        self.implicit_this = found.grammar == "java"
        # Go writes a local given a field (``p := v.properties``) as the chain it reads, typed
        # where it is read (``_receiver_class``).
        self.field_locals = found.grammar == "go"
        # JavaScript/TypeScript give a local another name's value (``const s = store``) as
        # ``ELEMENT_OF`` and the name: its class is that name's, where the name has one.
        self.name_aliases = found.grammar in _ECMASCRIPT
        self.parameter_names: dict[int, frozenset[str]] = {}  # by the function's ``id``
        self.attribute_names: dict[int, set[str]] = {}  # by the class's ``id``
        # The names a Python class's body assigns (``encode = codec.encode``), by its ``id``.
        self.body_names: dict[int, set[str]] = {}
        self.classes_by_name: dict[str, Definition] | None = None  # made on first use
        self.static_imports: dict[str, str] | None = None  # Java's, made on first use
        self.by_node: dict[int, Definition] | None = None  # functions by node id, on first use
        self.nested_functions: set[tuple[int, str]] | None = None  # made on first use
        self.chained = 0  # how deep ``_on_earlier_value`` is reading earlier values
        # Where the calls that end the process start (``sys.exit``, ``log.Fatal``), sorted:
        # a handler making one does not swallow its error (``_calls`` fills it).
        self.exit_starts: list[int] = []
        # The spans of the JavaScript test, hook and ``describe`` calls outside any named
        # function, as ``ParseResult.blocks`` gives them (``_calls`` fills it).
        self.block_spans: list[tuple[int, int, int]] = []
        # Python's builtins that call a method of their argument (``len(x)``: ``x.__len__()``),
        # as calls of that method (``_calls`` fills it; ``_builtin_dunder``).
        self.implicit_calls: list[CallSite] = []
        self.no_return: frozenset[str] = frozenset()  # set by ``result``
        self._exits = _PROCESS_EXITS.get(language_of_grammar(found.grammar), {})
        # The calls, each known as reporting or not, when a ``catch``/``except`` names its
        # error: a handler giving it to a call hands it on (``_calls`` fills it).
        self.hand_offs = (
            HandOffs()
            if any(h.kind in _HANDING_KINDS and h.facts.variable for h in found.handlers)
            else None
        )
        self.holders, self.targets = self._decorator_holders()
        self.decorator_scopes = self._decorator_scopes()

    def result(self, tree: Tree) -> ParseResult:
        found = self.found
        functions = [item for item in found.definitions if item.kind == "function"]
        classes = [item for item in found.definitions if item.kind == "class"]
        methods = self._methods(functions, classes)
        spans = self._decorator_spans()
        issues = syntax_issues(tree, self.source, found.grammar)
        # Functions first: their parameters type the calls' receivers; the calls then tell
        # which attributes the classes call.
        defined = tuple(self._function(item) for item in functions)
        # The file's functions that never return (``-> NoReturn``): a handler calling one
        # raises, as one calling ``sys.exit`` does (SQLAlchemy's ``_handle_dbapi_exception``).
        self.no_return = frozenset(
            fn.name
            for fn in defined
            if fn.return_type is not None
            and fn.return_type.strip().lstrip(":").strip().rsplit(".", 1)[-1] in _NO_RETURN
        )
        calls = self._calls()
        if found.returned:  # read once the locals are grouped (``_calls``)
            if found.grammar in _ECMASCRIPT:
                defined = self._with_members(functions, defined)
            else:
                defined = self._with_returned(functions, defined)
                defined = self._with_nested_returned(functions, defined)
        self_called = (
            {call.callee for call in calls if call.receiver in _SELF_NAMES}
            if self.attribute_names
            else set()
        )
        return ParseResult(
            language=language_of_grammar(found.grammar),
            grammar=found.grammar,
            line_count=_line_count(self.source),
            package=found.package,
            functions=defined,
            classes=tuple(
                self._class(item, methods.get(id(item), []), self_called) for item in classes
            ),
            imports=tuple(sorted(found.imports, key=_BY_LINE)),
            exports=tuple(self.rules.module_exports(found.definitions, found.exports)),
            calls=calls,
            strings=_literals(found.strings, spans),
            numbers=_literals(found.numbers, spans),
            error_handlers=self._handlers(calls),
            parse_errors=issues,
            error_count=len(issues),
            error=summarize_issues(issues),
            variables=self._module_variables(),
            build_constraint=build_constraint(self.source) if found.grammar == "go" else None,
            references=self._references() if found.references or found.reference_names else (),
            blocks=tuple(sorted(self.block_spans)),
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
            elif id(item) in self.receivers:
                continue  # Java: an anonymous class's method, in a field's value
            if owner is not None and owner.kind == "class":
                methods.setdefault(id(owner), []).append(item.name)
        return methods

    def _decorators(self, item: Definition) -> tuple[Decorator, ...]:
        decorators = self.found.decorators
        if not decorators:
            return ()
        node_id = item.node.id
        nodes = decorators.get(node_id)
        if nodes is None:  # decorated through a field or declarator: its parent is the target
            holder = self.holders.get(node_id)
            if holder is not None:
                nodes = decorators.get(holder)
        if not nodes:
            return ()
        ordered = sorted({node.id: node for node in nodes}.values(), key=lambda n: n.start_byte)
        return tuple(self.rules.decorator(node, self.source) for node in ordered)

    def _function(self, item: Definition) -> Function:
        node = item.node
        source = self.source
        rules = self.rules
        parameters = rules.parameters(node, source)
        typed = {p.name: p for p in parameters if p.type is not None}
        if typed:
            classes = {
                name: kind
                for name, parameter in typed.items()
                if (kind := rules.parameter_class(parameter))
            }
            if classes:
                self.parameter_classes[id(item)] = classes
        if parameters:
            self.parameter_names[id(item)] = frozenset(p.name for p in parameters)
        receiver_class = self.receivers.get(id(item))
        if receiver_class is not None:
            receiver_name = rules.receiver_name(node, source)
            if receiver_name is not None:  # Go's ``s`` in ``func (s *Server) M()``
                self.parameter_classes.setdefault(id(item), {})[receiver_name] = receiver_class
        returns = rules.return_type(node, source)
        parent = item.parent
        owner = parent if parent is not None and parent.kind == "class" else None
        receiver = receiver_class
        if owner is not None and receiver is not None:
            # Java: an anonymous class's method, of the enum constant whose body it is, or of
            # no class, in a field's value
            owner = None
            if not rules.receiver_is_class(node):
                receiver = None
        elif parent is not None:
            receiver = None  # a function put on a property inside a function: no method
        row, col = (item.name_node or node).start_point
        signature = _signature(item.name, parameters, returns).encode()
        # All the fields, in order (see ``new_record``).
        return new_record(
            Function,
            (
                item.name,
                item.qualified_name,
                row + 1,  # line
                end_line(node),
                col + 1,  # column
                parameters,
                returns,
                self._decorators(item),
                item.is_exported,
                rules.is_async(node, self.found.file),
                owner is not None or receiver is not None,  # is_method
                owner.name if owner is not None else receiver,  # class_name
                content_hash(source[item.start : item.end]),  # body_hash
                content_hash(signature),  # signature_hash
                rules.binds_name(node),
                rules.is_static(node, source),
                None,  # returned (``_with_returned``)
                rules.is_private(node, item.name),
                rules.is_accessor(node),
                (),  # members (``_with_members``)
                None,  # returns_nested (``_with_nested_returned``)
                False,  # returns_only_nested (``_with_nested_returned``)
            ),
        )

    def _with_returned(
        self, functions: list[Definition], defined: tuple[Function, ...]
    ) -> tuple[Function, ...]:
        """``defined`` with ``Function.returned`` set where the function's returned values
        agree on what makes them. A generator's call gives a generator, whatever it yields,
        unless a decorator makes what it yields the value (``contextmanager``, a pytest
        ``fixture``)."""
        given: dict[int, str | None] = {}  # by the function's ``id``; None: they disagree
        by_id = {id(item): fn for item, fn in zip(functions, defined, strict=True)}
        for node in sorted(self.found.returned, key=_START):
            start = node.start_byte
            function = self.index.enclosing(start)
            if function is None:
                continue
            parent = node.parent
            if parent is not None and parent.type == "yield":
                made = by_id.get(id(function))
                if made is None or not any(
                    d.name.rsplit(".", 1)[-1] in _YIELD_GIVERS for d in made.decorators
                ):
                    given[id(function)] = None  # a plain generator: no value of its own
                    continue
            if node.type == "call":
                target = node.child_by_field_name("function")
                kind = (
                    text(target, self.source)
                    if target is not None and target.type in ("identifier", "attribute")
                    else None
                )
            else:
                kind = self._receiver_class(function, text(node, self.source), start) or None
            key = id(function)
            if key not in given:
                given[key] = kind
            elif given[key] != kind:
                given[key] = None
        if not any(given.values()):
            return defined
        return tuple(
            fn._replace(returned=kind) if (kind := given.get(id(item))) else fn
            for item, fn in zip(functions, defined, strict=True)
        )

    def _with_nested_returned(
        self, functions: list[Definition], defined: tuple[Function, ...]
    ) -> tuple[Function, ...]:
        """``defined`` with ``Function.returns_nested`` (and ``returns_only_nested``) set where
        a function returns, by name, a function defined directly in it (a decorator factory's
        ``decorator``, a decorator's wrapper): applying it gives that function, which the call
        graph reaches from the application (``@mark(["GET"])``) or from calls of what it
        decorates."""
        by_id = {id(item): fn for item, fn in zip(functions, defined, strict=True)}
        qualified = {fn.qualified_name for fn in defined}
        given: dict[int, str | None] = {}  # by the function's ``id``; None: they disagree
        other: set[int] = set()  # the functions returning something else as well
        for node in self.found.returned:
            parent = node.parent
            if parent is not None and parent.type == "yield":
                continue
            function = self.index.enclosing(node.start_byte)
            outer = None if function is None else by_id.get(id(function))
            if outer is None:
                continue
            name = text(node, self.source)
            key = id(function)
            if node.type != "identifier" or f"{outer.qualified_name}.{name}" not in qualified:
                other.add(key)
                continue
            given[key] = name if given.get(key, name) == name else None
        if not any(given.values()):
            return defined
        return tuple(
            fn._replace(returns_nested=nested, returns_only_nested=id(item) not in other)
            if (nested := given.get(id(item)))
            else fn
            for item, fn in zip(functions, defined, strict=True)
        )

    def _class(self, item: Definition, methods: list[str], self_called: set[str]) -> Class:
        """``self_called``: the names the file calls on ``self`` or ``this``."""
        row, col = (item.name_node or item.node).start_point
        attributes: tuple[str, ...] = ()
        assigned = self.attribute_names.get(id(item))
        if assigned:
            attributes = tuple(sorted((self_called & assigned).difference(methods)))
        own = self.body_names.get(id(item))
        shadows = tuple(sorted(own.difference(methods))) if own else ()
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
            attributes=attributes,
            fields=tuple(sorted((self.field_classes.get(id(item)) or {}).items())),
            shadows=shadows,
            declared=self.rules.declared_methods(item.node, self.source),
            assigned=tuple(sorted(assigned)) if assigned and self.found.grammar == "python" else (),
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

    def _decorator_holders(self) -> tuple[dict[int, int], dict[int, Definition]]:
        """Which decorator targets hold a definition, and the definition each target stands for.

        Returns (definition node id → id of the target that is its parent, target id → the
        definition it is or, when it only holds definitions, the first of them). Read from the
        few targets' children: asking each definition for its parent walks down from the root.
        """
        targets = self.found.decorator_targets
        if not targets:
            return {}, {}
        definitions = self.found.definitions  # linked: sorted by position
        order = {item.node.id: index for index, item in enumerate(definitions)}
        holders: dict[int, int] = {}
        standing: dict[int, Definition] = {}
        for target_id, target in targets.items():
            held = []
            for child in target.children:
                child_id = child.id
                if child_id in order:
                    holders[child_id] = target_id
                    held.append(order[child_id])
            index = order.get(target_id)
            if index is None and held:
                index = min(held)
            if index is not None:
                standing[target_id] = definitions[index]
        return holders, standing

    def _decorator_scopes(self) -> tuple[list[int], list[tuple[int, Definition | None]]]:
        """Decorator byte ranges with the function their expressions run in.

        A decorator runs where the definition it decorates is defined, not inside it, although
        some grammars (JavaScript methods, Java) put it inside the definition's node.
        """
        if not self.found.decorators:
            return [], []
        spans: list[tuple[int, int, Definition | None]] = []
        for target_id, nodes in self.found.decorators.items():
            target = self.targets.get(target_id)
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

    def _scope_bounds(self) -> list[int]:
        """The offsets where ``_scope``'s answer can change, sorted: the starts and ends of
        functions and decorators. Between two of them every offset runs in the same function."""
        bounds = {offset for item in self.index.functions for offset in (item.start, item.end)}
        starts, spans = self.decorator_scopes
        bounds.update(starts)
        bounds.update(end for end, _ in spans)
        return sorted(bounds)

    def _calls(self) -> tuple[CallSite, ...]:
        """Every call and construction, read in source order with its caller.

        The query engine returns nodes in no particular order: sorted by start (a C key), they
        come out in the final order but for ties, and one scope lookup serves every call up to
        the next bound where the scope can change.
        """
        found = self.found
        nodes = found.calls
        constructs: set[int] = set()  # ``id`` of the construction nodes
        if found.constructs:
            constructs = {id(node) for node in found.constructs}
            nodes = nodes + found.constructs  # calls first where they tie, as they were read
        read = self.rules.call_parts
        file = found.file
        awaited = found.awaited
        any_awaited, any_constructs = bool(awaited), bool(constructs)
        scope = self._scope if self.decorator_scopes[0] else self.index.enclosing
        bounds = self._scope_bounds()
        limit = -1  # the current scope holds up to this offset; no scope is read yet
        caller: str | None = None
        sites: list[CallSite] = []
        append = sites.append
        ties: list[int] = []  # indices of calls that start where the one before does
        previous = -1
        if found.locals:
            self._group_locals()
        if found.fields:
            self._group_fields()
        typing = bool(self.parameter_classes or self.local_classes or self.field_classes)
        java = self.implicit_this  # only Java's overloads are told apart by their arguments
        python = found.grammar == "python"  # a name called may hold an instance (``__call__``)
        literals = found.grammar in _ECMASCRIPT  # ``this`` may be an object literal
        exits = self._exits
        hand_offs = self.hand_offs
        function: Definition | None = None
        for node in sorted(nodes, key=_START):
            start = node.start_byte
            if start >= limit:
                function, caller, limit = _scope_until(scope, bounds, start)
            row, col = node.start_point
            callee, receiver, count = read(node, file)
            if (callee in exits and _ends_process(exits[callee], receiver)) or (
                callee in self.no_return and receiver in _OWN_RECEIVERS
            ):
                self.exit_starts.append(start)
            elif "reraise" in callee.lower():
                # ``with util.safe_reraise():``, six's ``reraise(*exc_info)``: they raise
                self.exit_starts.append(start)
            if hand_offs is not None:
                hand_offs.add(node, reports(callee, receiver))
            is_awaited = any_awaited and node.id in awaited
            is_constructor = any_constructs and id(node) in constructs
            kind = None
            if literals and receiver == "this" and function is not None:
                kind = self._literal_member(node, callee)
            if kind is None and typing and receiver is not None:
                kind = _no_container(self._receiver_class(function, receiver, start))
            elif typing and python and self._names_value(function, callee):
                # ``caller = _multicall; caller(…)``: the function the name was given; else
                # ``v = instance_of(int); v(None, a, 42)``: the class the called name holds,
                # whose ``__call__`` runs (a class's only: a library's, or none, says nothing).
                kind = (
                    self._alias(function, callee, start)
                    if function is not None and callee in self.local_classes
                    else None
                )
                if kind is None:
                    kind = self._receiver_class(function, callee, start) or None
                    if kind is not None and kind.startswith(ELEMENT_OF):
                        kind = None
            arguments = self._argument_types(node, function) if java and count else ()
            append(
                new_record(
                    CallSite,
                    (
                        callee,
                        receiver,
                        row + 1,
                        col + 1,
                        count,
                        is_awaited,
                        is_constructor,
                        caller,
                        kind,
                        arguments,
                    ),
                )
            )
            if python and typing and receiver is None and count and callee in _BUILTIN_DUNDERS:
                self._builtin_dunder(node, callee, function, caller)
            if literals and caller is None and _opens_js_block(callee, receiver):
                self.block_spans.append((row + 1, col + 1, node.end_point[0] + 1))
            if start == previous:
                ties.append(len(sites) - 1)
            previous = start
        if ties:
            _order_ties(sites, ties)
        implicit = self.implicit_calls
        if found.managed:
            implicit = [*implicit, *self._managed_calls(typing)]
        if typing and found.operated:
            implicit = [*implicit, *self._operator_calls()]
        if implicit:
            # All in source order, which ``_call_order`` is: merged, they stay in it.
            implicit.sort(key=_call_order)
            return tuple(merge(sites, implicit, key=_call_order))
        return tuple(sites)

    def _builtin_dunder(
        self, call: Node, callee: str, function: Definition | None, caller: str | None
    ) -> None:
        """For Python's ``len(x)``, ``repr(x)``, ``str(x)``, ``iter(x)``, ``next(x)``,
        ``hash(x)``, ``bool(x)`` … on a name or ``self.x`` the caller gives a class, the call
        of the method it runs (``x.__len__()``), typed as a call on ``x`` would be: the call
        graph finds a repository class's method there, a library class's none (a dunder is
        never guessed). Kept in ``implicit_calls``."""
        arguments = call.child_by_field_name("arguments")
        first = None if arguments is None else arguments.named_children[:1]
        if not first or first[0].type not in _DUNDER_RECEIVERS:
            return
        receiver = short_text(first[0], self.source)
        kind = _no_container(self._receiver_class(function, receiver, call.start_byte))
        if not kind or kind.startswith((ELEMENT_OF, ALIAS_OF, *_TAKEN_OUT)):
            return  # ``UNTYPED_LOCAL`` or no class: nothing to call
        row, column = call.start_point
        self.implicit_calls.append(
            new_record(
                CallSite,
                (
                    _BUILTIN_DUNDERS[callee],
                    receiver,
                    row + 1,
                    column + 1,
                    0,
                    False,
                    False,
                    caller,
                    kind,
                    (),
                ),
            )
        )

    def _managed_calls(self, typing: bool) -> list[CallSite]:
        """The calls a Python ``with`` block makes on each context manager it enters, in source
        order: ``__enter__`` and ``__exit__`` (``async with``: ``__aenter__`` and ``__aexit__``,
        awaited) on the manager as written (``httpx.Client()``, ``client``, ``self.lock``),
        typed as any call's receiver is (``typing``: the file gives some variable a class).
        No grammar calls them where the block runs, yet that is where they run: the call
        graph finds them as it finds ``client.get()``'s method, a library's manager's none,
        and gives a ``contextmanager`` function's manager (contextlib's) none either."""
        sites: list[CallSite] = []
        source = self.source
        for node in sorted(self.found.managed, key=_START):
            start = node.start_byte
            function = self._scope(start)
            receiver = short_text(node, source)
            kind = (
                _no_container(self._receiver_class(function, receiver, start)) if typing else None
            )
            entering = _ASYNC_MANAGER if _in_async_with(node) else _MANAGER
            row, column = node.start_point
            caller = None if function is None else function.qualified_name
            for callee, count in entering:
                sites.append(
                    new_record(
                        CallSite,
                        (
                            callee,
                            receiver,
                            row + 1,
                            column + 1,
                            count,
                            entering is _ASYNC_MANAGER,
                            False,
                            caller,
                            kind,
                            (),
                        ),
                    )
                )
        sites.sort(key=_call_order)
        return sites

    def _operator_calls(self) -> list[CallSite]:
        """The calls Python's operators make on a name or ``self.x`` the caller gives a class
        (``python.scm``'s ``@operated``): ``b[k]`` is ``b.__getitem__(k)``, ``k in b``
        ``b.__contains__(k)``, ``for x in b`` ``b.__iter__()``, ``b == x`` ``b.__eq__(x)``,
        ``-b`` ``b.__neg__()``, at the operand, typed as ``_builtin_dunder`` types its argument:
        the call graph finds a repository class's method there, a library class's none.

        Most operands are names no assignment or annotation of the file gives a class (``i``,
        ``n``, ``x = f()``): they are passed over by name, before their scope is looked up."""
        sites: list[CallSite] = []
        source = self.source
        named = {
            name
            for name, (_, kinds, _) in self.local_classes.items()
            if any(kind is not None and kind != UNTYPED_LOCAL for kind in kinds)
        }
        named.update(*self.parameter_classes.values(), _SELF_NAMES)
        for node in self.found.operated:
            for operand, callee, count in _operations(node):
                kind = operand.type
                if kind not in _DUNDER_RECEIVERS:
                    continue
                receiver = short_text(operand, source)
                if (receiver if kind == "identifier" else receiver.partition(".")[0]) in named:
                    sites.extend(self._operator_call(node, operand, receiver, callee, count))
        return sites

    def _operator_call(
        self, node: Node, operand: Node, receiver: str, callee: str, count: int
    ) -> list[CallSite]:
        """The calls ``node`` makes on ``operand`` (``receiver``): ``callee`` with ``count``
        arguments, or for a subscript (no ``callee``) what its place says (``_item``)."""
        start = operand.start_byte
        function = self._scope(start)
        kind = _no_container(self._receiver_class(function, receiver, start))
        if not kind or kind.startswith((ELEMENT_OF, ALIAS_OF, *_TAKEN_OUT)):
            return []  # ``UNTYPED_LOCAL`` or no class: nothing to call
        if callee in _TYPE_MAKING and _in_annotation(operand):
            return []  # ``exc_info: _OptExcInfo | None``: a type, no code that runs
        row, column = operand.start_point
        caller = None if function is None else function.qualified_name
        return [
            new_record(
                CallSite,
                (name, receiver, row + 1, column + 1, number, False, False, caller, kind, ()),
            )
            for name, number in (_item(node) if not callee else ((callee, count),))
        ]

    def _literal_member(self, call: Node, callee: str) -> str | None:
        """``LITERAL_OF`` and the line of the object literal's member ``this.callee()`` at
        ``call`` calls (``called_member``), or None."""
        member = called_member(call, callee, self.source)
        item = None if member is None else self._functions_by_node().get(member.id)
        if item is None:
            return None
        return f"{LITERAL_OF}{(item.name_node or item.node).start_point.row + 1}"

    def _functions_by_node(self) -> dict[int, Definition]:
        """The file's functions by the ``id`` of their node (made on first use)."""
        if self.by_node is None:
            self.by_node = {
                item.node.id: item for item in self.found.definitions if item.kind == "function"
            }
        return self.by_node

    def _with_members(
        self, functions: list[Definition], defined: tuple[Function, ...]
    ) -> tuple[Function, ...]:
        """``defined`` with ``Function.members`` set where a JavaScript function returns one
        object literal (``_returned_literal``): every value it returns is that literal, or no
        value (``return;``, ``null``)."""
        by_node = self._functions_by_node()
        returned: dict[int, list[Node]] = {}  # by ``id`` of the function
        for statement in self.found.returned:
            owner = returning_function(statement)
            item = None if owner is None else by_node.get(owner.id)
            if item is not None:
                returned.setdefault(id(item), []).append(statement)
        for item in functions:
            body = item.node.child_by_field_name("body")
            if (
                item.node.type == "arrow_function"
                and body is not None
                and body.type != "statement_block"
            ):
                returned.setdefault(id(item), []).append(body)  # ``() => ({ get, set })``
        if not returned:
            return defined
        changed = False
        given: list[Function] = []
        for item, fn in zip(functions, defined, strict=True):
            values = returned.get(id(item))
            literal = None if values is None else self._returned_literal(item, values)
            members = None if literal is None else self._literal_members(item, *literal)
            given.append(fn._replace(members=members) if members else fn)
            changed = changed or bool(members)
        return tuple(given) if changed else defined

    def _returned_literal(
        self, function: Definition, values: list[Node]
    ) -> tuple[Node, Node | None] | None:
        """The object literal all of ``function``'s returned values are (``values``: its
        ``return`` statements, an arrow function's expression body), with the declarator of
        the variable of its own that holds it when that is what it returns (``const fastify =
        {…}; …; return fastify``, declared once and never assigned again); None where they
        disagree or give anything else."""
        found: tuple[Node, Node | None] | None = None
        for node in values:
            value = returned_value(node, self.source)
            if value is None:
                continue
            if value.type == "object":
                literal: tuple[Node, Node | None] = (value, None)
            elif value.type == "identifier":
                declarator = self._own_declarator(function, text(value, self.source), value)
                held = None if declarator is None else literal_variable(declarator)
                if held is None or declarator is None:
                    return None
                literal = (held, declarator)
            else:
                return None
            if found is not None and found[0].id != literal[0].id:
                return None
            found = literal
        return found

    def _own_declarator(self, function: Definition, name: str, at: Node) -> Node | None:
        """The ``variable_declarator`` of ``function``'s variable ``name`` that ``at`` sees,
        when it is the variable's one assignment in the function; None for a parameter, a
        variable of another scope, or one given values twice."""
        last = self._last_local(function, name, at.start_byte)
        entry = self.local_classes.get(name)
        if last is None or entry is None:
            return None
        enclosing = self.index.enclosing
        if sum(1 for start in entry[0] if enclosing(start) is function) != 1:
            return None
        node = function.node.descendant_for_byte_range(last[0], last[0])
        while node is not None and node.type != "variable_declarator":
            if node.start_byte != last[0]:
                return None
            node = node.parent
        return node

    def _literal_members(
        self, function: Definition, literal: Node, declarator: Node | None
    ) -> tuple[tuple[str, CallSite], ...]:
        """``Function.members`` of ``function``, which returns ``literal``: its members,
        then what the code after ``declarator`` (the variable holding it) assigns to the
        variable's properties, in place of the literal's values; only those that name a
        function (``_member_value``), by key."""
        members: dict[str, CallSite] = {}
        assigned = [] if declarator is None else property_assignments(declarator, self.source)
        for key, value in [*object_members(literal, self.source), *assigned]:
            site = self._member_value(function, key, value)
            if site is None:
                members.pop(key, None)  # ``ready: null``, ``log: opts.logger``: no function
            else:
                members[key] = site
        return tuple(sorted(members.items()))

    def _member_value(self, function: Definition, key: str, value: Node) -> CallSite | None:
        """The function member ``key`` of ``function``'s returned literal holds, read as a
        reference from ``function`` (``Function.members``); None for a value that names no
        function: a parameter or a variable of the function or a parameter's property, a
        name the file neither defines nor imports, anything but a name, a member or a
        function."""
        source = self.source
        value = unwrapped(value)
        caller = function.qualified_name
        row, col = value.start_point
        kind: str | None
        receiver: str | None = None
        if value.type in _MEMBER_FUNCTIONS:
            item = self._functions_by_node().get(value.id)
            if item is None:
                return None
            row, col = (item.name_node or item.node).start_point
            key, kind = item.name, f"{LITERAL_OF}{row + 1}"
        elif value.type in ("identifier", "shorthand_property_identifier"):
            key = text(value, source)
            names = self._bare_names()
            if names is not None and key not in names:
                return None
            kind = self._reference_class(function, key, value.start_byte)
            if kind == UNTYPED_LOCAL:
                return None
        elif value.type == "member_expression":
            key, receiver, _ = read_reference(value, self.found.file)
            if not key or receiver is None:
                return None
            if self._parameter_of(function, receiver.partition(".")[0]):
                return None  # ``log: opts.logger``: what the caller handed in
            kind = self._receiver_class(function, receiver, value.start_byte)
        else:
            return None
        site = (key, receiver, row + 1, col + 1, 0, False, False, caller, kind, ())
        return new_record(CallSite, site)

    def _references(self) -> tuple[CallSite, ...]:
        """Every function passed as a value (``ParseResult.references``), in source order, read
        as the call of it would be: its caller, its receiver's class. A bare name the file
        neither defines nor imports is left out in the languages whose names must be one or
        the other (``_bare_names``), and so is one the caller holds as a parameter or a
        variable (``_reference_class``): it names no function. Run after ``_calls``, which
        groups the locals."""
        found = self.found
        names = found.reference_names
        known = self._bare_names() if names else None
        if known is not None:
            # Most are the caller's own variables: dropped before any other work, by their
            # text alone (sliced here: this runs for every name passed).
            decoded = found.file.ascii
            if decoded is not None:
                names = [
                    node for node in names if decoded[node.start_byte : node.end_byte] in known
                ]
            else:
                names = [node for node in names if found.file.text(node) in known]
        bounds = self._scope_bounds()
        # Python's class bases (``class A(Base, metaclass=M)``) are an argument list no call
        # has: its names are no values passed. Their bounds join the scopes', so whether a
        # node lies in one is only asked where that can change (and whether it is a base, for
        # the few that do).
        bases = self._class_bases()
        if bases:
            bounds = sorted({*bounds, *(offset for span in bases for offset in span)})
        sites = (
            self._reference_sites(found.references, bounds, bases, bare=False)
            if found.references
            else []
        )
        if names:
            named = self._reference_sites(names, bounds, bases, bare=True)
            if sites:
                sites.extend(named)
                sites.sort(key=_BY_POSITION)  # no two start together: no ties
            else:
                sites = named
        return tuple(sites)

    def _reference_sites(
        self,
        nodes: list[Node],
        bounds: list[int],
        bases: list[tuple[int, int]],
        *,
        bare: bool,
    ) -> list[CallSite]:
        """``_references`` of ``nodes``, all bare names or all members (and Java method
        references), in source order. ``bounds``: where the scope, or whether a node may be
        among ``bases`` (``_class_bases``), can change."""
        file = self.found.file
        scope = self._scope if self.decorator_scopes[0] else self.index.enclosing
        limit = -1
        function: Definition | None = None
        caller: str | None = None
        in_bases = False
        typing = bool(self.parameter_classes or self.local_classes or self.field_classes)
        reference_class, receiver_class = self._reference_class, self._receiver_class
        receiver: str | None = None
        is_constructor = False
        kind: str | None = None
        sites: list[CallSite] = []
        append = sites.append
        # The patterns capture disjoint nodes: no node comes twice.
        for node in sorted(nodes, key=_START):
            start = node.start_byte
            if start >= limit:
                function, caller, limit = _scope_until(scope, bounds, start)
                if bases:
                    index = bisect_right(bases, (start, sys.maxsize)) - 1
                    in_bases = index >= 0 and start < bases[index][1]
            if in_bases and self._is_base(node, bases):
                continue
            if bare:
                callee = file.text(node)
                kind = reference_class(function, callee, start)
                if kind == UNTYPED_LOCAL:
                    continue
            else:
                callee, receiver, is_constructor = read_reference(node, file)
                if not callee:
                    continue
                kind = receiver_class(function, receiver, start) if typing and receiver else None
            row, col = node.start_point
            site = (callee, receiver, row + 1, col + 1, 0, False, is_constructor, caller, kind, ())
            append(new_record(CallSite, site))
        return sites

    @staticmethod
    def _is_base(node: Node, bases: list[tuple[int, int]]) -> bool:
        """Whether ``node``, in the span of one of ``bases``, is a base itself (or a keyword's
        value, ``metaclass=M``), not a value passed to a call there (``class C(type(X))``)."""
        parent = node.parent
        if parent is not None and parent.type == "keyword_argument":
            parent = parent.parent
        return parent is not None and parent.byte_range in bases

    def _class_bases(self) -> list[tuple[int, int]]:
        """The byte ranges of a Python file's class bases (``(Base, metaclass=M)``)."""
        if self.found.grammar != "python":
            return []
        found = []
        for item in self.found.definitions:
            if item.kind == "class":
                holder = item.node.child_by_field_name("superclasses")
                if holder is not None:
                    found.append(holder.byte_range)
        return sorted(found)

    def _bare_names(self) -> frozenset[str] | None:
        """The names a bare reference may be a function by, in Python and JavaScript (where a
        name is one the file defines or imports, or a builtin or global, which no function of
        the repository is): the file's functions, the names its imports bind, and the
        variables that are another name for a function (``ib = attrib``). None where any name
        may be (a wildcard import, Go's package and Java's class, which span files)."""
        if self.found.grammar in ("go", "java"):
            return None
        names = {item.name for item in self.found.definitions if item.kind == "function"}
        for item in self.found.imports:
            if item.is_wildcard:
                return None
            if item.alias is not None:
                names.add(item.alias)
            names.update(name.alias or name.name for name in item.names)
        names.update(
            name for _, name, kind, _ in self.found.locals if kind and kind.startswith(ALIAS_OF)
        )
        return frozenset(names)

    def _reference_class(self, function: Definition | None, name: str, at: int) -> str | None:
        """``CallSite.receiver_type`` of a bare name passed as a value at offset ``at``:
        ``UNTYPED_LOCAL`` for a parameter or a variable of ``function`` or of a function around
        it, which holds a value, not a function of its name (but a variable that is a function
        defined there, JavaScript's ``const onData = () => …``, is that function); ``ALIAS_OF``
        and the name for one given a plain name (``caller = _multicall``); else None."""
        if function is None:
            return None
        if self._parameter_of(function, name):
            return UNTYPED_LOCAL
        if name not in self.local_classes:
            return None
        around: Definition | None = function
        while around is not None:
            if around.kind == "function" and self._last_local(around, name, at) is not None:
                if around is function:
                    alias = self._alias(function, name, at)
                    if alias is not None:
                        return alias
                return None if (id(around), name) in self._nested_functions() else UNTYPED_LOCAL
            around = around.parent
        return None

    def _nested_functions(self) -> set[tuple[int, str]]:
        """``(id`` of a function, name``)`` of each function defined in one (made on first
        use)."""
        if self.nested_functions is None:
            self.nested_functions = {
                (id(item.parent), item.name)
                for item in self.found.definitions
                if item.kind == "function" and item.parent is not None
            }
        return self.nested_functions

    def _names_value(self, function: Definition | None, name: str) -> bool:
        """Whether the file assigns ``name`` a value somewhere, or ``function`` annotates a
        parameter of that name: a call of it may then call what the name holds."""
        if name in self.local_classes:
            return True
        typed = None if function is None else self.parameter_classes.get(id(function))
        return typed is not None and name in typed

    def _group_locals(self) -> None:
        """The local assignments by variable name (which function each is in is looked up
        only for the few a call asks about)."""
        grouped = self.local_classes
        for start, name, kind, end in self.found.locals:
            entry = grouped.get(name)
            if entry is None:
                entry = grouped[name] = ([], [], [])
            entry[0].append(start)
            entry[1].append(kind)
            entry[2].append(end)

    def _group_fields(self) -> None:
        """Each attribute under the class it belongs to: a field's, a class-body
        annotation's, or for ``self.x = …`` in a method, the method's class. Attributes given
        two different classes are left without one. The names a Python class body assigns
        are its own (``body_names``)."""
        classes = sorted(
            (item for item in self.found.definitions if item.kind == "class"),
            key=lambda item: item.start,
        )
        starts = [item.start for item in classes]
        ambiguous: set[tuple[int, str]] = set()
        python = self.found.grammar == "python"
        for start, name, kind in self.found.fields:
            owner = _innermost(classes, starts, start)
            if owner is None:
                continue
            self.attribute_names.setdefault(id(owner), set()).add(name)
            if python:
                function = self.index.enclosing(start)
                if function is None or function.start < owner.start:  # not in a method
                    self.body_names.setdefault(id(owner), set()).add(name)
            if kind is None:
                continue
            attributes = self.field_classes.setdefault(id(owner), {})
            known = attributes.get(name)
            if known is None and (id(owner), name) not in ambiguous:
                attributes[name] = kind
            elif known is not None and known != kind:
                del attributes[name]
                ambiguous.add((id(owner), name))

    def _argument_types(self, node: Node, function: Definition | None) -> tuple[str, ...]:
        """``CallSite.argument_types`` of a Java call."""
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            return ()
        return tuple(
            self._expression_type(argument, function)
            for argument in arguments.named_children
            if argument.type not in COMMENT_TYPES
        )

    def _expression_type(self, node: Node, function: Definition | None, depth: int = 0) -> str:
        """The type of a Java expression as far as the code says it (``""`` where it does not):
        a literal's, a variable's, ``new T()``'s, a cast's, an array's with its brackets, and
        what operators make of their operands' (``(q - 1) * 3`` is an ``int``); a call's is
        ``RESULT_OF`` and that call, for the call graph to read."""
        kind = node.type
        literal = _JAVA_LITERALS.get(kind)
        if literal is not None:
            if literal in ("int", "double"):  # ``2L``, ``1.5f``: the suffix says
                suffix = self.source[node.end_byte - 1 : node.end_byte].lower()
                return "long" if suffix == b"l" else "float" if suffix == b"f" else literal
            return literal
        if kind in ("identifier", "field_access"):
            return self._name_type(node, function, depth)
        if kind == "method_invocation":
            row, column = node.start_point
            return f"{RESULT_OF}{row + 1}:{column + 1}:{field_text(node, 'name', self.source)}"
        if kind in ("object_creation_expression", "cast_expression"):
            made = node.child_by_field_name("type")
            return java_class_of_type(text(made, self.source)) or "" if made else ""
        if kind == "array_creation_expression":
            return self._created_array(node)
        if depth >= _MAX_EXPRESSION_DEPTH:
            return ""
        return self._operation_type(node, function, depth + 1)

    def _operation_type(self, node: Node, function: Definition | None, depth: int) -> str:
        """``_expression_type`` of an expression made of others: operators, ``a[i]``,
        parentheses, a conditional."""
        kind = node.type

        def part(name: str) -> str:
            child = node.child_by_field_name(name)
            return "" if child is None else self._expression_type(child, function, depth)

        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            written = "" if operator is None else operator.type
            return binary_type(written, part("left"), part("right"))
        if kind == "unary_expression":
            operator = node.child_by_field_name("operator")
            return unary_type("" if operator is None else operator.type, part("operand"))
        if kind == "parenthesized_expression" and node.named_child_count == 1:
            return self._expression_type(node.named_children[0], function, depth)
        if kind == "array_access":
            array = part("array")
            return array[:-2] if array.endswith("[]") else ""
        if kind == "ternary_expression":
            return conditional_type(part("consequence"), part("alternative"))
        if kind == "update_expression" and node.named_child_count == 1:  # ``i++``
            return self._expression_type(node.named_children[0], function, depth)
        if kind == "assignment_expression":
            return part("left")
        return _JAVA_EXPRESSIONS.get(kind, "")

    def _created_array(self, node: Node) -> str:
        """``new int[3][4]``'s ``int[][]``, ``new Class[]{c}``'s ``Class[]``."""
        element = node.child_by_field_name("type")
        kind = None if element is None else class_of_type(text(element, self.source))
        if kind is None:
            return ""
        depth = sum(
            text(child, self.source).count("[")
            for child in node.children
            if child.type in ("dimensions", "dimensions_expr")
        )
        return kind + "[]" * depth

    def _name_type(self, node: Node, function: Definition | None, depth: int) -> str:
        """The type of a variable, a field (``this.x``, an array's ``a.length``) or a static
        member (``STATIC_MEMBER``) an argument names."""
        if node.type == "field_access" and field_text(node, "field", self.source) == "length":
            owner = node.child_by_field_name("object")
            if owner is not None and self._expression_type(owner, function, depth).endswith("[]"):
                return "int"
        written = text(node, self.source)
        kind = self._receiver_class(function, written, node.start_byte)
        if kind is not None and "." in written and kind.endswith(f".{written.partition('.')[2]}"):
            # ``b.mag`` of another file's ``B`` reads ``B.mag``: a field for the call graph to
            # look up, as a static one is (it had been read as a ``B``, and picked ``M(B)``
            # over ``M(int[])``).
            return f"{STATIC_MEMBER}{kind}" if kind.count(".") == 1 else ""
        return self._static_member(written) if kind is None else kind

    def _static_member(self, written: str) -> str:
        """``STATIC_MEMBER`` and the member with its class, for an argument that names no
        variable the file types: ``Level.EXTRA`` as written (its class named in upper case), a
        statically imported ``NORMAL`` with the class it is imported from, an upper-case name
        with the one class a static ``.*`` import brings members of; ``""`` for the rest."""
        if "." in written:
            member = "".join(written.split())
            owner = member.rpartition(".")[0].rpartition(".")[2]
            # A class is named in upper case: ``obj.field`` and ``this.x`` are no member of one.
            return f"{STATIC_MEMBER}{member}" if owner[:1].isupper() else ""
        members = self._static_imports()
        imported = members.get(written)
        if imported is None and written.isupper():
            imported = members.get("*")
        return "" if imported is None else f"{STATIC_MEMBER}{imported}.{written}"

    def _static_imports(self) -> dict[str, str]:
        """The file's ``import static`` members by name (``*`` for the one class whose
        members a static ``.*`` import brings, when there is one), each with its class."""
        if self.static_imports is None:
            found: dict[str, str] = {}
            wildcards = set()
            for item in self.found.imports:
                if item.is_type_only:
                    continue
                if item.is_wildcard:
                    wildcards.add(item.source)
                for name in item.names:
                    found[name.alias or name.name] = item.source
            if len(wildcards) == 1:
                found["*"] = wildcards.pop()
            self.static_imports = found
        return self.static_imports

    def _receiver_class(self, function: Definition | None, receiver: str, at: int) -> str | None:
        """The class ``function`` (None: module-level code) gives ``receiver`` at offset ``at``.

        For a plain name, its last local assignment before ``at`` (``UNTYPED_LOCAL`` when it
        gives no class: ``x = other``), passing over a loop's or a ``with``'s variable (which
        ``local_types`` gives ``UNTYPED_LOCAL``) to the one before, or its parameter's
        annotation, or ``UNTYPED_LOCAL``; else (Java) a field of its class, else its last
        assignment before ``at`` in a function around it (a closure's variable,
        ``UNTYPED_LOCAL`` too), else the module's (see ``_global_class``). An assignment in a
        function nested in it, between the two, is another variable. Module-level code, a test
        callback's among it (an anonymous function is no scope of its own here), sees the last
        module-level assignment before it. For ``self.x`` and ``this.x``, attribute ``x`` of the
        caller's class.
        """
        if not receiver.isidentifier():
            return self._chain_class(function, receiver, at)
        entry = self.local_classes.get(receiver)
        if function is None:
            if entry is None:
                return None
            return _settled(_no_alias(self._assigned_in(entry, at, (None,))[1]))
        untyped = False
        if entry is not None:
            starts, kinds, ends = entry
            index = bisect_left(starts, at) - 1
            while index >= 0 and starts[index] >= function.start:
                if at < ends[index] and self.index.enclosing(starts[index]) is function:
                    kind = kinds[index]
                    if kind is not None and kind.startswith(_TAKEN_OUT):
                        kind = self._element_class(function, kind, starts[index]) or UNTYPED_LOCAL
                    elif kind is not None and self.field_locals and "." in kind:
                        # ``p := v.properties``: the field's class, as the receiver ``v``'s
                        # class declares it (a library's: ``properties.Properties``), or the
                        # chain from that class for the call graph to follow (a method's
                        # result too: ``r.Find`` of ``r := NewRouter()`` is
                        # ``NewRouter.Find``); a package's name (``pkg.Default``) stays.
                        kind = self._chain_class(function, kind, starts[index]) or kind
                    if kind != UNTYPED_LOCAL:
                        if kind is not None and self.name_aliases:
                            kind = self._aliased_class(function, receiver, kind, starts[index])
                        if kind is not None:
                            kind = self._on_earlier_value(function, receiver, kind, starts[index])
                        return _or_untyped(kind)
                    # A loop's variable: ``t = Thread(…)`` then ``for t in threads`` reuses
                    # a name for the same kind of value, mostly; an assignment before says.
                    untyped = True
                index -= 1
        parameters = self.parameter_classes.get(id(function))
        if parameters is not None and receiver in parameters:
            return parameters[receiver]
        if untyped:
            return UNTYPED_LOCAL
        if self.implicit_this and receiver not in self.parameter_names.get(id(function), ()):
            return self._field_class(function, receiver)
        if entry is None or self._parameter_of(function, receiver):
            return None
        around = []
        parent = function.parent
        while parent is not None:
            if parent.kind != "class":
                around.append(parent)
            parent = parent.parent
        if around:
            found, kind = self._assigned_in(entry, function.start, tuple(around))
            if found:
                return _or_untyped(_settled(kind))
        return _no_alias(self._global_class(entry))

    def _aliased_class(self, function: Definition, variable: str, kind: str, at: int) -> str:
        """For a JavaScript local given another plain name (``const s = store``: ``kind`` is
        ``ELEMENT_OF`` and ``store``), the class that name had where it was given, as a call
        on it would see it (a module's ``const store = new Store()``, a local's or a typed
        parameter's), so ``s.get()`` reaches ``Store.get`` as ``store.get()`` does; else
        ``kind``, which the call graph reads as a value of that name (a library's, when the
        name is). Each step reads an earlier assignment, so a chain of aliases ends."""
        name = kind[len(ELEMENT_OF) :] if kind.startswith(ELEMENT_OF) else ""
        if not name.isidentifier() or name == variable:
            return kind
        aliased = self._receiver_class(function, name, at)
        if (
            not aliased
            or aliased == "require"
            or aliased.startswith((ELEMENT_OF, ALIAS_OF, *_TAKEN_OUT))
        ):
            return kind  # ``require(…)``'s value is a module: the call graph reads the name
        return aliased

    def _on_earlier_value(self, function: Definition, variable: str, kind: str, at: int) -> str:
        """For a Python variable of ``function`` a call on its earlier value made (``url =
        url.copy_with(…)`` after ``url = httpx.URL(…)``), that call on the class the variable
        held at ``at``, as a chain the call graph follows (``httpx.URL().copy_with``); else
        ``kind``. (A call on another variable, ``r = q.add()``, is left to the call graph,
        which reads what the function's calls on ``q`` record; a reassigned variable's
        disagree.) Eight reassignments deep at most (each makes the chain a link longer); an
        earlier value read for a later one that gives no such chain gives ``UNTYPED_LOCAL``,
        so that no chain starts from a variable's name."""
        head, dot, rest = kind.partition(".")
        if (
            head != variable
            or not dot
            or self.found.grammar != "python"
            or not all(link.isidentifier() for link in rest.split("."))
        ):
            return kind
        if self.chained >= 8:
            return UNTYPED_LOCAL
        self.chained += 1
        try:
            earlier = self._receiver_class(function, head, at)
        finally:
            self.chained -= 1
        if earlier is None or _CHAIN.fullmatch(earlier) is None:
            # Unknown, or not a class or call as written (``type(self)``).
            return UNTYPED_LOCAL if self.chained else kind
        return f"{earlier}().{rest}"

    def _element_class(
        self, function: Definition, kind: str, at: int, depth: int = 0
    ) -> str | None:
        """The class of what a local given ``kind`` (``KEY_IN`` or ``ITEM_IN`` and what holds
        the container: ``local_types``) holds, the container's type read at ``at``: an element
        type the file declares (``commands []*Command`` gives ``Command``), else the prefix and
        what holds the container as a receiver is written for the call graph (``item in
        Command.commands``, a field of another file's class; ``item in Command.Commands``, a
        method's result); None when nothing is known of it."""
        key = kind.startswith(KEY_IN)
        held = kind[len(KEY_IN if key else ITEM_IN) :]
        if held.startswith(_TAKEN_OUT):  # ``m[a][b]``: out of an element
            holder = None if depth >= 3 else self._element_class(function, held, at, depth + 1)
        elif held.endswith("()"):
            holder = self._made_by_call(function, held[:-2], at)
        elif is_container(held):
            holder = held
        else:
            holder = self._receiver_class(function, held, at)
        if not holder:
            return None
        if is_container(holder):
            return element_type(holder, key)
        return (KEY_IN if key else ITEM_IN) + holder

    def _made_by_call(self, function: Definition, called: str, at: int) -> str:
        """What a call of ``called`` makes, as a local it gives is written: ``Command.Commands``
        for ``cmd.Commands()`` when ``cmd`` has class ``Command`` (the call graph finds the
        method and reads its result), else the call as written (``NewStore``, ``c.find``)."""
        head, dot, method = called.partition(".")
        if not dot or not head.isidentifier() or not method.isidentifier():
            return called
        owner = self._receiver_class(function, head, at)
        return f"{owner}.{method}" if owner and owner.isidentifier() else called

    def _alias(self, function: Definition, name: str, at: int, depth: int = 0) -> str | None:
        """``ALIAS_OF`` and the name ``function``'s last assignment of variable ``name`` before
        offset ``at`` gave it (``caller = _multicall``), when it gave a plain name that is not
        one of the function's own variables or parameters; a variable given another
        variable's alias takes that one, and given a parameter or another variable without
        one, ``UNTYPED_LOCAL`` (a value of the caller's, no function of its name); None for
        any other value."""
        last = self._last_local(function, name, at)
        if last is None:
            return None
        start, kind = last
        if kind is None or not kind.startswith(ALIAS_OF):
            return None
        target = kind[len(ALIAS_OF) :]
        if self._parameter_of(function, target):
            return UNTYPED_LOCAL  # what the caller is handed: unknown here
        if self._last_local(function, target, start) is not None:
            onward = None if depth >= 3 else self._alias(function, target, start, depth + 1)
            return UNTYPED_LOCAL if onward is None else onward
        return kind

    def _last_local(
        self, function: Definition, name: str, at: int
    ) -> tuple[int, str | None] | None:
        """The start and class of ``function``'s last assignment of ``name`` before ``at``."""
        entry = self.local_classes.get(name)
        if entry is None:
            return None
        starts, kinds, ends = entry
        index = bisect_left(starts, at) - 1
        while index >= 0 and starts[index] >= function.start:
            if at < ends[index] and self.index.enclosing(starts[index]) is function:
                return starts[index], kinds[index]
            index -= 1
        return None

    def _assigned_in(
        self, entry: _Assignments, at: int, scopes: tuple[Definition | None, ...]
    ) -> tuple[bool, str | None]:
        """Whether a variable is assigned before ``at``, and seen there, in one of ``scopes``
        (None: module level), and the class the last such assignment gives."""
        starts, kinds, ends = entry
        index = bisect_left(starts, at) - 1
        while index >= 0:
            if at >= ends[index]:
                index -= 1
                continue
            owner = self.index.enclosing(starts[index])
            if any(owner is scope for scope in scopes):
                return True, kinds[index]
            index -= 1
        return False, None

    def _parameter_of(self, function: Definition, name: str) -> bool:
        """Whether ``name`` is a parameter of ``function`` or of a function around it."""
        around: Definition | None = function
        while around is not None:
            if name in self.parameter_names.get(id(around), ()):
                return True
            around = around.parent
        return False

    def _chain_class(self, function: Definition | None, receiver: str, at: int) -> str | None:
        """The class of an attribute chain: ``self.repo`` or ``this.#retryer`` (an attribute of
        the caller's class), ``c.Request`` (a field of the class the caller gives ``c``, when
        this file defines it). Past the first attribute the chain is written on from that
        class, for the call graph to follow through the classes of every file:
        ``entry.Logger.mu`` is ``Logger.mu``, ``c.Request.Header`` is ``http.Request.Header``
        (something a library's value holds)."""
        head, _, rest = receiver.partition(".")
        attribute, _, further = rest.partition(".")
        if head in _SELF_NAMES and not attribute.removeprefix("#").isidentifier():
            return None  # ``this.#retryer``: a JavaScript private name is an attribute too
        if head in _SELF_NAMES:
            if function is None:
                return None
            kind = self._field_class(function, attribute)
        elif head.isidentifier():
            owner = self._receiver_class(function, head, at)
            if not owner or owner.startswith(_TAKEN_OUT) or is_container(owner):
                return None  # nothing said of it, a local of no class, an element to look up

            if "." in owner or not self._defines_class(owner):
                # A library's value holds and makes a library's: ``r.Header`` with
                # ``r *http.Request``, ``s.pick({})`` with ``s = z.object({})``. What another
                # file's factory or class gives (``c, _ := CreateTestContext(w)``) is for the
                # call graph to follow: ``CreateTestContext.Request.Header``.
                return f"{owner}.{rest}"
            kind = self._named_field_class(owner, attribute)
            if kind is None and (self._defines_method(owner, attribute) or self._has_bases(owner)):
                # ``u.params`` with ``u = U()`` and ``@property def params(self) -> Q``: the
                # call graph reads the method's declared result (``U.params``); ``r.regexp.
                # setMatch`` with ``regexp`` a field of the ``routeConf`` that gorilla/mux's
                # ``Route`` embeds: the call graph follows the bases.
                return f"{owner}.{rest}"
        else:
            return None
        if kind is None or not further:
            return kind
        # Another name of a value, or a part of one, is no class to follow members of.
        known = kind and not kind.startswith((ALIAS_OF, ELEMENT_OF))
        return f"{kind}.{further}" if known else None

    def _classes(self) -> dict[str, Definition]:
        if self.classes_by_name is None:
            self.classes_by_name = {
                item.name: item for item in self.found.definitions if item.kind == "class"
            }
        return self.classes_by_name

    def _defines_class(self, name: str) -> bool:
        """Whether this file defines a class ``name``."""
        return name in self._classes()

    def _defines_method(self, class_name: str, name: str) -> bool:
        """Whether this file's Python class ``class_name`` defines a method ``name`` (a
        property, read as an attribute)."""
        owner = self._classes().get(class_name)
        return (
            owner is not None
            and self.found.grammar == "python"
            and any(
                item.parent is owner and item.kind == "function" and item.name == name
                for item in self.found.definitions
            )
        )

    def _has_bases(self, class_name: str) -> bool:
        """Whether this file's class ``class_name`` names a base (Go: embeds a type), whose
        fields are its own too."""
        owner = self._classes().get(class_name)
        return owner is not None and bool(self.rules.bases(owner.node, self.source))

    def _named_field_class(self, class_name: str, attribute: str) -> str | None:
        """The class attribute ``attribute`` of this file's class ``class_name`` holds."""
        owner = self._classes().get(class_name)
        attributes = self.field_classes.get(id(owner)) if owner is not None else None
        return None if attributes is None else _no_alias(attributes.get(attribute))

    def _module_variables(self) -> tuple[tuple[str, str], ...]:
        """The module-level variables one class is given (``_global_class``), by name."""
        found = []
        for name, entry in self.local_classes.items():
            if any(entry[1]):  # no assignment with a class: nothing to look up
                kind = self._global_class(entry)
                if kind is not None and not is_container(kind):
                    found.append((name, kind))
        return tuple(sorted(found))

    def _global_class(self, entry: _Assignments) -> str | None:
        """The class a module-level variable is given (``TAG = re.compile(…)``), when every
        module-level assignment of it gives the same one: functions run after the module's
        code, so any of them may be the value a call sees."""
        top = self.found.top_level
        kinds = {kind for start, kind in zip(entry[0], entry[1], strict=True) if start in top}
        return _settled(kinds.pop()) if len(kinds) == 1 else None

    def _field_class(self, function: Definition, attribute: str) -> str | None:
        """The class of ``attribute`` of the class ``function`` is a method of (through
        nested functions and lambdas, whose ``self``/``this`` is the method's)."""
        owner = function.parent
        while owner is not None and owner.kind != "class":
            owner = owner.parent
        if owner is None:
            return None
        attributes = self.field_classes.get(id(owner))
        # ``cursor_class = Cursor`` holds the class itself, no instance of it.
        return None if attributes is None else _no_alias(attributes.get(attribute))

    def _handlers(self, calls: tuple[CallSite, ...]) -> tuple[ErrorHandler, ...]:
        # Nodes in source order first: handlers that tie on the final key (two one-line
        # ``try``/``catch`` on a line, chained ``.catch(…)``) then keep an order of their own.
        throws = sorted(self.found.throws, key=_node_range)
        # A call that ends the process passes the error on as a throw does.
        starts = sorted([*(node.start_byte for node in throws), *self.exit_starts])
        handlers = sorted(self.found.handlers, key=lambda handler: _node_range(handler.node))
        found = [self._handler(handler, starts, calls) for handler in handlers]
        for node in throws:
            found.append(self._plain(node, "throw", self.rules.throw_types(node, self.source)))
        finallies = sorted(self.found.finallies, key=_node_range)
        found.extend(self._plain(node, "finally", ()) for node in finallies)
        found.sort(key=_HANDLER_ORDER)
        return tuple(found)

    def _handler(
        self, handler: Handler, throws: list[int], calls: tuple[CallSite, ...]
    ) -> ErrorHandler:
        facts = handler.facts
        node = handler.node
        function = self.index.enclosing(node.start_byte)
        name = None if function is None else function.qualified_name
        rethrows = (
            facts.propagates
            or self._throws_inside(facts.body, throws, function)
            or (
                handler.kind in _HANDING_KINDS
                and self.hand_offs is not None
                and self.hand_offs.hands_on(facts.body, facts.variable, self.source)
            )
            or (
                handler.kind in _HANDING_KINDS
                and stores(
                    facts.body,
                    facts.variable,
                    self.source,
                    python=self.found.grammar == "python",
                )
            )
        )
        swallows = facts.judge_swallow and not rethrows and not self._uses(facts)
        if swallows and (
            self._answers_no(facts.body, function)
            or _falls_back(facts)
            or _hands_on_new_error(facts.body, self.source)
        ):
            swallows = False
        at = node
        if handler.kind == "promise_catch":
            # A chain ``p.then(…)\n  .catch(…)`` starts lines before its ``.catch``.
            target = node.child_by_field_name("function")
            at = (target.child_by_field_name("property") if target is not None else None) or node
        return ErrorHandler(
            kind=handler.kind,
            line=line(at),
            end_line=end_line(node),
            function=name,
            types=facts.types,
            variable=facts.variable,
            is_empty=facts.is_empty,
            is_generic=facts.is_generic,
            rethrows=rethrows,
            swallows=swallows,
            is_explained=(
                facts.on_purpose
                or says_why(facts.body, facts.is_empty, self.source)
                or thrown_on_purpose(facts.body)
            ),
            expects_error=expects_error(node, facts.body, name, calls),
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
        self, body: Node | None, throws: list[int], function: Definition | None
    ) -> bool:
        """A throw lies in ``body`` and in the same function (not in a nested definition).

        ``throws``: where each throw starts, sorted; those in ``body`` are found by bisection.
        """
        if body is None:
            return False
        start, end = body.start_byte, body.end_byte
        first, last = bisect_left(throws, start), bisect_left(throws, end)
        return any(self.index.enclosing(offset) is function for offset in throws[first:last])

    def _answers_no(self, body: Node | None, function: Definition | None) -> bool:
        """Whether a handler's one statement returns a boolean from a predicate: a function
        declared to return one (``def is_ipv4(h) -> bool: … except Exception: return False``)
        or, undeclared, named as one (peewee's ``is_connection_usable``, ``fts5_installed``).
        It answers its question; its callers learn the failure by the value, as from a Go
        function without an ``error`` result (click's and httpx's probes had failed their
        gates, peewee's made 10 of its 17 errors)."""
        if body is None or function is None or function.kind != "function":
            return False
        statements = [child for child in body.named_children if child.type != "comment"]
        if len(statements) != 1 or statements[0].type != "return_statement":
            return False
        values = [child for child in statements[0].named_children if child.type != "comment"]
        if len(values) != 1 or values[0].type not in ("true", "false"):
            return False
        declared = self.rules.return_type(function.node, self.source)
        if declared is None:
            return _PREDICATE_NAME.search(function.name) is not None
        return declared.strip().lstrip(":").strip() in _BOOLEANS

    def _uses(self, facts: HandlerFacts) -> bool:
        if facts.uses_active_error:
            return True
        if facts.variable is None or facts.body is None:
            return False
        if not _IDENTIFIER.fullmatch(facts.variable):
            return True  # a destructuring pattern already takes something out of the error
        pattern = re.compile(rf"(?<![\w$]){re.escape(facts.variable)}(?![\w$])")
        return pattern.search(text(facts.body, self.source)) is not None


def _scope_until(
    scope: Callable[[int], Definition | None], bounds: list[int], start: int
) -> tuple[Definition | None, str | None, int]:
    """The function enclosing offset ``start`` (``scope``), its qualified name, and the next
    of ``bounds`` after ``start``, up to which that stays the enclosing function."""
    function = scope(start)
    at = bisect_right(bounds, start)
    limit = bounds[at] if at < len(bounds) else sys.maxsize
    return function, None if function is None else function.qualified_name, limit


def _falls_back(facts: HandlerFacts) -> bool:
    """Whether a handler of a failed lookup only gives the fallback (``try: return self[key]
    except KeyError: return default``, ``except AttributeError: x = None``): Python's
    look-before-you-leap made the other way round, which loses no error anyone wanted
    (jinja2's ``Context.get``, httpx's ``Headers.get``), and in a loop, one that skips the item
    (``except KeyError: continue``, marshmallow's schema fields). The language may have found
    one itself (``HandlerFacts.falls_back``: Go, which has no lookup errors)."""
    if facts.falls_back:
        return True
    if not facts.types or not all(t.rsplit(".", 1)[-1] in _LOOKUP_ERRORS for t in facts.types):
        return False
    return facts.body is not None and _gives_fallback(facts.body)


def _gives_fallback(block: Node) -> bool:
    """Whether a block only makes a fallback: assignments, the last of them perhaps a return or a
    loop's next step (the fallback made and perhaps remembered: structlog's ``except KeyError:
    var = ContextVar(…); _CONTEXT_VARS[key] = var``), or ending with an ``if`` each of whose
    branches does so (DRF's ``except FieldDoesNotExist: if prev and prev.get_lookup(part):
    return name``)."""
    statements = [c for c in block.named_children if c.type != "comment"]
    if not statements or len(statements) > _MOST_FALLBACK_STATEMENTS:
        return False
    *before, last = statements
    if not all(_assigns(statement) for statement in before):
        return False
    if last.type == "if_statement":
        branches = [last.child_by_field_name("consequence")]
        for alternative in last.children_by_field_name("alternative"):
            branches.append(
                alternative.child_by_field_name("consequence")
                or alternative.child_by_field_name("body")
            )
        return all(branch is not None and _gives_fallback(branch) for branch in branches)
    return last.type in ("return_statement", "continue_statement", "break_statement") or (
        _assigns(last)
    )


_MOST_FALLBACK_STATEMENTS: Final = 3


def _assigns(statement: Node) -> bool:
    value = statement.named_children[0] if statement.type == "expression_statement" else None
    return value is not None and value.type in ("assignment", "augmented_assignment")


# Django's failed lookups are these too: no such row (``ObjectDoesNotExist``, a model's
# ``Model.DoesNotExist``, peewee's alike), no such field, no such URL (``NoReverseMatch``): DRF's
# ``except NoReverseMatch: return None``. ``MultipleObjectsReturned`` is duplicated data, no
# absence, and a malformed value (``ValueError``) no lookup: those stay gaps.
_LOOKUP_ERRORS: Final = frozenset(
    {
        "KeyError", "IndexError", "LookupError", "AttributeError",
        "ObjectDoesNotExist", "DoesNotExist", "FieldDoesNotExist", "NoReverseMatch",
    }
)  # fmt: skip


def _hands_on_new_error(body: Node | None, source: bytes) -> bool:
    """Whether a call in a handler's body is given an error made there: ``done(new
    FST_ERR_CTP_INVALID_JSON_BODY())`` (fastify's JSON parser), ``reject(new Error(…))``,
    Java's ``cb.onError(new ParseException(…))``, Python's ``future.set_exception(
    ConnectionError(…))``. The failure is reported, as an error of the handler's own making,
    to whoever the call reaches; nothing is swallowed."""
    pending = [] if body is None else [body]
    while pending:
        node = pending.pop()
        if node.type in _ARGUMENT_LISTS:
            for argument in node.named_children:
                field = _MADE.get(argument.type)
                made = None if field is None else argument.child_by_field_name(field)
                if made is not None and _names_error_class(text(made, source), argument.type):
                    return True
        pending.extend(node.named_children)
    return False


def _names_error_class(name: str, made_by: str) -> bool:
    """Whether ``name``, what an argument constructs, is an error class's: ``…Error``,
    ``…Exception``, fastify's ``FST_ERR_…``; a Python call (no ``new`` to say so) only of a
    capitalised name (``ConnectionError(…)``, not ``make_error(…)``)."""
    if made_by == "call" and not name.rpartition(".")[2][:1].isupper():
        return False
    return _ERROR_CLASS.search(name) is not None


_ARGUMENT_LISTS: Final = frozenset({"arguments", "argument_list"})
# What makes a value in an argument list, and the field naming what it makes: JavaScript's
# ``new E(…)``, Java's ``new E(…)``, a Python call.
_MADE: Final = {
    "new_expression": "constructor",
    "object_creation_expression": "type",
    "call": "function",
}
_ERROR_CLASS: Final = re.compile(r"Error|Exception|(?<![A-Za-z])ERR(?![a-z])")
# A name that asks a yes-or-no question: ``is_closed``, ``_can_reuse``, ``hasOwn``,
# ``fts5_installed``, ``isAvailable``.
_PREDICATE_NAME: Final = re.compile(
    r"^_*(?:is|has|can|should|supports?|needs?)(?:_|[A-Z])"
    r"|_(?:installed|available|supported|exists|enabled|usable|valid)$"
)
_BOOLEANS: Final = frozenset({"bool", "boolean"})
_NO_RETURN: Final = frozenset({"NoReturn", "Never", "never"})
_OWN_RECEIVERS: Final = frozenset({None, "self", "cls", "this"})
# The type of each kind of Java literal (``CallSite.argument_types``).
_JAVA_LITERALS: Final = {
    "string_literal": "String",
    "text_block": "String",
    "character_literal": "char",
    "decimal_integer_literal": "int",
    "hex_integer_literal": "int",
    "octal_integer_literal": "int",
    "binary_integer_literal": "int",
    "decimal_floating_point_literal": "double",
    "hex_floating_point_literal": "double",
    "true": "boolean",
    "false": "boolean",
    "null_literal": "null",
}
# The type of the Java expressions whose operands do not matter.
_JAVA_EXPRESSIONS: Final = {
    "instanceof_expression": "boolean",
    "class_literal": "Class",
    "lambda_expression": LAMBDA,
    "method_reference": LAMBDA,
}
_MAX_EXPRESSION_DEPTH: Final = 32
"""How deep ``_expression_type`` reads into an expression (a long string concatenation nests
as deep as it has parts)."""
# Decorators whose function's call gives what it yields: a context manager's ``with … as``
# value, a pytest fixture's.
_YIELD_GIVERS: Final = frozenset({"contextmanager", "asynccontextmanager", "fixture"})
_ANY_RECEIVER = None
# Calls that end the process (or, for Go's ``t.Fatal`` and Python's ``self.fail``, the test,
# by raising): by language, callee -> the receivers that make it one (``_ANY_RECEIVER``: any
# receiver, or none). An error handled by one is not swallowed: ``except Exception:
# sys.exit(1)`` is ``raise SystemExit(1)``.
_GO_TESTING: Final = GO_TEST_RECEIVERS
_PROCESS_EXITS: dict[str, dict[str, frozenset[str | None] | None]] = {
    "python": {
        "exit": frozenset({None, "sys", "pytest"}),
        "_exit": frozenset({"os"}),
        "quit": frozenset({None}),
        # Flask's and werkzeug's ``abort(404)`` raises an HTTPException.
        "abort": frozenset({"os", None, "flask", "werkzeug.exceptions"}),
        # They raise: unittest's ``self.fail``/``self.skipTest``, pytest's ``fail``/``skip``/
        # ``xfail``, and by the same convention DRF's fields' ``self.fail(key)``.
        "fail": frozenset({"self", "pytest"}),
        "skipTest": frozenset({"self"}),
        "skip": frozenset({"pytest"}),
        "xfail": frozenset({"pytest"}),
    },
    "go": {
        "Exit": frozenset({"os"}),
        "Goexit": frozenset({"runtime"}),
        "Fatal": _ANY_RECEIVER,  # log.Fatal, t.Fatal, b.Fatal, a logger's Fatal
        "Fatalf": _ANY_RECEIVER,
        "Fatalln": _ANY_RECEIVER,
        "FailNow": _ANY_RECEIVER,
        # A test's ``t.Errorf`` (``b``, ``tb``, a fuzz test's ``f``) fails it: the error is
        # reported, not lost, as with ``t.Fatal`` that also stops it.
        "Error": _GO_TESTING,
        "Errorf": _GO_TESTING,
        "Fail": _GO_TESTING,
        "Skip": _GO_TESTING,
        "Skipf": _GO_TESTING,
        "SkipNow": _GO_TESTING,
        "Panic": _ANY_RECEIVER,
        "Panicf": _ANY_RECEIVER,
        "Panicln": _ANY_RECEIVER,
    },
    # ``assert.fail(…)`` (node:assert, ``t.assert`` of node:test) throws.
    "javascript": {"exit": frozenset({"process"}), "fail": frozenset({"assert", "t.assert"})},
    "typescript": {"exit": frozenset({"process"}), "fail": frozenset({"assert", "t.assert"})},
    "java": {
        "exit": frozenset({"System", "Runtime.getRuntime()"}),
        "halt": frozenset({"Runtime.getRuntime()"}),
    },
}


def _ends_process(receivers: frozenset[str | None] | None, receiver: str | None) -> bool:
    if receivers is _ANY_RECEIVER or receiver in receivers:
        return True
    if receivers is _GO_TESTING and receiver is not None:
        # A test's ``T`` held by a helper (``w.t.Errorf``, sqlx's ``t.t.Errorf``) or
        # testify's suite (``s.T().Errorf``) fails the test all the same.
        return is_test_receiver(receiver)
    return False


def _order_ties(sites: list[CallSite], ties: list[int]) -> None:
    """Order each run of calls that start together (chained calls) by the rest of the final
    key; the runs themselves are already in order. ``ties``: ascending indices of the calls
    that start where the one before them does."""
    first = ties[0] - 1
    last = ties[0]
    for index in [*ties[1:], -1]:
        if index == last + 1:
            last = index
            continue
        sites[first : last + 1] = sorted(sites[first : last + 1], key=_call_order)
        first, last = index - 1, index


def _literals(items: list[L], spans: list[tuple[Point, Point]]) -> tuple[L, ...]:
    """Literals (collected in source order) with call arguments inside a decorator read as
    ``decorator``.

    A literal is inside the decorator that starts last at or before it, when it ends after it.
    That decorator is span ``i`` from its start up to the next span's start, so each span only
    needs the literals from its start up to its end or the next start, found by bisection.
    """
    for at, (start, end) in enumerate(spans):
        until = min(end, spans[at + 1][0]) if at + 1 < len(spans) else end
        index = bisect_left(items, start, key=_BY_POSITION)
        while index < len(items) and _BY_POSITION(items[index]) < until:
            item = items[index]
            if item.context == "function_argument":
                items[index] = item._replace(context="decorator")
            index += 1
    return tuple(items)


def _signature(name: str, parameters: tuple[Parameter, ...], returns: str | None) -> str:
    rendered = ", ".join(
        ("..." if item.is_rest else "") + item.name + (f": {item.type}" if item.type else "")
        for item in parameters
    )
    return f"{name}({rendered})" + (f" -> {returns}" if returns else "")


# The names of the calls that open a JavaScript test block, a hook or a suite (Jest, Mocha,
# Vitest, node:test, node-tap, tape): bare (``it(…)``, ``beforeEach(…)``) or as the receiver
# of a modifier (``it.only(…)``, ``describe.skip(…)``, ``tap.test(…)``). Wider than what test
# mapping takes for a test (``is_js_test_call``): a span it does not ask for is never read.
_JS_BLOCK_NAMES: Final = frozenset(
    {
        *("it", "test", "specify", "tape", "xit", "xtest", "xspecify", "tap"),
        *("describe", "xdescribe", "fdescribe", "suite", "context"),
        *("beforeEach", "afterEach", "beforeAll", "afterAll", "before", "after"),
    }
)


def _opens_js_block(callee: str, receiver: str | None) -> bool:
    """Whether a call ``receiver.callee(…)`` may open a JavaScript test block, hook or suite."""
    if receiver is None:
        return callee in _JS_BLOCK_NAMES
    return receiver in _JS_BLOCK_NAMES


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


def _innermost(classes: list[Definition], starts: list[int], offset: int) -> Definition | None:
    """The innermost of ``classes`` (sorted by start; ``starts`` their starts) whose range
    holds ``offset``."""
    index = bisect_right(starts, offset) - 1
    candidate = classes[index] if index >= 0 else None
    while candidate is not None and not candidate.start <= offset < candidate.end:
        candidate = candidate.parent
        while candidate is not None and candidate.kind != "class":
            candidate = candidate.parent
    return candidate


def _or_untyped(kind: str | None) -> str:
    """What a call on a variable of the caller's own sees: the class its value names, or
    ``UNTYPED_LOCAL`` (a variable still, which hides any module variable of its name)."""
    kind = _no_alias(kind)
    return UNTYPED_LOCAL if kind is None else kind


_BUILTIN_DUNDERS: Final = {
    "len": "__len__",
    "repr": "__repr__",
    "str": "__str__",
    "iter": "__iter__",
    "next": "__next__",
    "hash": "__hash__",
    "bool": "__bool__",
    "abs": "__abs__",
    "reversed": "__reversed__",
    "format": "__format__",
    "bytes": "__bytes__",
}
"""Python builtins whose first argument's method they call: ``len(x)`` runs ``x.__len__()``."""

_DUNDER_RECEIVERS: Final = frozenset({"identifier", "attribute"})
"""What ``_builtin_dunder`` reads as the receiver: a name or ``self.x`` (typed as a receiver)."""

_COMPARISONS: Final = {
    "==": "__eq__",
    "!=": "__ne__",
    "<": "__lt__",
    "<=": "__le__",
    ">": "__gt__",
    ">=": "__ge__",
}
"""Comparisons, each the method of its left operand it runs (``in`` runs its right one's)."""

_BINARY: Final = {
    "+": "__add__",
    "-": "__sub__",
    "*": "__mul__",
    "/": "__truediv__",
    "//": "__floordiv__",
    "%": "__mod__",
    "**": "__pow__",
    "@": "__matmul__",
    "&": "__and__",
    "|": "__or__",
    "^": "__xor__",
    "<<": "__lshift__",
    ">>": "__rshift__",
}
"""Binary operators, each the method of its left operand it runs."""

_AUGMENTED: Final = {
    f"{operator}=": (f"__i{method[2:]}", method) for operator, method in _BINARY.items()
}
"""``b += x`` runs ``b.__iadd__(x)``, or ``b.__add__(x)`` where the class has none: both are
called, and the call graph finds only the one the class (or a repository base) defines."""

_UNARY: Final = {"-": "__neg__", "+": "__pos__", "~": "__invert__"}

_Operation = tuple[Node, str, int]
"""An operand, the method of it an operator runs, and how many arguments that takes."""


def _operations(node: Node) -> list[_Operation]:
    """The methods the operator ``node`` (``python.scm``'s ``@operated``) runs on its operands
    (a subscript's: none named, ``_item``); any operand may be of a kind that runs none
    (``_DUNDER_RECEIVERS`` says). Read by position, which costs less than by field (every
    file's operators are read): ``left operator right``, ``operator argument``, ``value[…]``."""
    kind = node.type
    if kind == "subscript":  # which method its place says, once the value has a class
        return [(node.children[0], "", 0)]
    if kind == "comparison_operator":
        return _comparisons(node)
    if kind in ("for_statement", "for_in_clause"):
        right = node.child_by_field_name("right")
        return [] if right is None else [(right, "__iter__", 0)]
    children = node.children
    if kind == "unary_operator":
        method = _UNARY.get(children[0].type) if len(children) == 2 else None
        return [] if method is None else [(children[1], method, 0)]
    if len(children) != 3:
        return []  # a comment between the operands, or a broken tree
    if kind == "binary_operator":
        method = _BINARY.get(children[1].type)
        return [] if method is None else [(children[0], method, 1)]
    return [(children[0], method, 1) for method in _AUGMENTED.get(children[1].type, ())]


def _item(subscript: Node) -> tuple[tuple[str, int], ...]:
    """What ``subscript`` runs: ``__getitem__``, or ``__setitem__`` as an assignment's target
    (``b[k] += 1`` both), or ``__delitem__`` in a ``del``."""
    parent = subscript.parent
    if parent is not None and parent.type in ("pattern_list", "tuple_pattern", "expression_list"):
        target = parent
        parent = parent.parent
    else:
        target = subscript
    if parent is None:
        return (("__getitem__", 1),)
    if parent.type == "assignment" and parent.child_by_field_name("left") == target:
        return (("__setitem__", 2),)
    if parent.type == "augmented_assignment" and parent.child_by_field_name("left") == target:
        return (("__getitem__", 1), ("__setitem__", 2))
    if parent.type == "delete_statement":
        return (("__delitem__", 1),)
    return (("__getitem__", 1),)


def _comparisons(node: Node) -> list[_Operation]:
    """A comparison's (``a < b <= c``: two) calls: ``__lt__`` on ``a``, ``__le__`` on ``b``;
    ``k in b`` and ``k not in b`` ``__contains__`` on ``b``; ``is`` none. Its children are its
    operands and operators in turn (``not in`` is one), but for a comment among them."""
    children = node.children
    operations: list[_Operation] = []
    for index in range(1, len(children) - 1, 2):
        symbol = children[index].type
        if symbol in ("in", "not in"):
            operations.append((children[index + 1], "__contains__", 1))
        elif (method := _COMPARISONS.get(symbol)) is not None:
            operations.append((children[index - 1], method, 1))
    return operations


def _in_annotation(node: Node) -> bool:
    """Whether ``node`` is part of a type annotation (up to the statement around it): its
    ``|`` and ``[…]`` make a type (wsgiref's ``exc_info: _OptExcInfo | None`` of a
    ``Protocol``'s ``__call__``, whose declaration then read as code calling ``__or__``)."""
    parent = node.parent
    while parent is not None:
        kind = parent.type
        if kind == "type":
            return True
        if kind in _ANNOTATION_BOUNDS or kind.endswith("statement"):
            return False
        parent = parent.parent
    return False


_TYPE_MAKING: Final = frozenset({"", "__or__"})
"""What makes a type in an annotation: a subscript (no callee named yet) and ``|``."""

_ANNOTATION_BOUNDS: Final = frozenset(
    {"block", "module", "function_definition", "class_definition", "lambda", "call"}
)
"""Where the search for an annotation around an operator stops: none contains one."""


_MANAGER: Final = (("__enter__", 0), ("__exit__", 3))
"""What a ``with`` block calls on its context manager, with how many arguments."""
_ASYNC_MANAGER: Final = (("__aenter__", 0), ("__aexit__", 3))


def _in_async_with(managed: Node) -> bool:
    """Whether the context manager ``managed`` (``python.scm``'s ``@managed``: a
    ``with_item``'s value, or the value before its ``as``) is an ``async with``'s."""
    item = managed.parent
    if item is not None and item.type == "as_pattern":
        item = item.parent
    clause = None if item is None else item.parent
    statement = None if clause is None else clause.parent
    first = None if statement is None else statement.child(0)
    return first is not None and first.type == "async"


def _no_container(kind: str | None) -> str | None:
    """A receiver's class as a call site records it: a container (Go's ``[]Store``, which has
    no methods) is a local of no class."""
    return UNTYPED_LOCAL if kind is not None and is_container(kind) else kind


def _settled(kind: str | None) -> str | None:
    """``kind`` but an element of a container named by an expression (``ITEM_IN`` and
    ``c.items``), which is read only in the function that takes it out."""
    return None if kind is not None and kind.startswith(_TAKEN_OUT) else kind


def _no_alias(kind: str | None) -> str | None:
    """A variable's class as a receiver sees it: none for another name of a value
    (``ALIAS_OF``), whose calls are followed only where the variable itself is called."""
    return None if kind is not None and kind.startswith(ALIAS_OF) else kind
