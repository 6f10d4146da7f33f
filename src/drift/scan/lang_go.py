"""Go: how captured nodes read as functions, types, imports and error checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from tree_sitter import Node

from drift.scan.go_types import go_type, is_container, method_signature
from drift.scan.model import (
    ITEM_IN,
    KEY_IN,
    UNTYPED_LOCAL,
    ClassKind,
    Decorator,
    Export,
    Import,
    Parameter,
)
from drift.scan.model import StringContext as Context
from drift.scan.nodes import (
    SourceText,
    field_text,
    first_child_of_type,
    inner_value,
    line,
    short_text,
    text,
)
from drift.scan.rules import (
    CallParts,
    Definition,
    ExportFacts,
    HandlerFacts,
    LiteralPlaces,
    class_of_type,
    make_decorator,
    read_call,
)

_PLACES: Final = LiteralPlaces(
    contexts={
        "argument_list": "function_argument",
        "short_var_declaration": "assignment",
        "assignment_statement": "assignment",
        "var_spec": "assignment",
        "const_spec": "assignment",
        "keyed_element": "object_property",
        "literal_value": "array",
        "return_statement": "return",
    },
    wrappers=frozenset({"parenthesized_expression", "expression_list", "literal_element"}),
    # An array type's length (``[4]byte``) is part of a type, not a value.
    skipped=frozenset({"import_spec", "array_type"}),
)


def _declared(node: Node, source: bytes) -> list[Parameter]:
    type_text = field_text(node, "type", source)
    is_rest = node.type == "variadic_parameter_declaration"
    names = [child for child in node.children_by_field_name("name") if child is not None]
    if not names:  # func(int, string): types without names
        return [Parameter("", type_text, None, is_rest)]
    return [Parameter(text(name, source), type_text, None, is_rest) for name in names]


def _statements(block: Node) -> list[Node]:
    holder = first_child_of_type(block, ("statement_list",))
    if holder is None:
        return []
    return [child for child in holder.named_children if child.type != "comment"]


def _returns_error(node: Node, source: bytes) -> bool:
    """Whether the function holding ``node`` has ``error`` as its last result."""
    holder = node.parent
    while holder is not None and holder.type not in _FUNCTIONS:
        holder = holder.parent
    result = None if holder is None else holder.child_by_field_name("result")
    if result is None:
        return False
    if result.type == "parameter_list":  # ``(int, error)``, ``(n int, err error)``
        named = [child for child in result.named_children if child.type != "comment"]
        last = named[-1].child_by_field_name("type") if named else None
        return last is not None and text(last, source) == "error"
    return text(result, source) == "error"


def _passes_on(statement: Node, returns_error: bool, source: bytes) -> bool:
    """Whether a statement of an ``if err != nil`` block returns: any ``return`` but one that
    gives ``nil`` for the function's ``error`` result (golangci-lint's ``nilerr``: the error
    was checked, then dropped as success)."""
    if statement.type != "return_statement":
        return False
    if not returns_error:
        return True
    values = first_child_of_type(statement, ("expression_list",))
    if values is None or not values.named_child_count:
        return True  # a bare return: the named results may hold the error
    return text(values.named_children[-1], source) != "nil"


def _goes_to_handler(statement: Node, variable: str | None, source: bytes) -> bool:
    """Whether a statement is ``goto L`` to a label of the same function whose statement, or one
    after it, reads ``variable``: the error is handled there (validator's translations jump to
    ``END: if err != nil { fmt.Printf(…, err) … }``), as a ``return`` would hand it on."""
    if statement.type != "goto_statement":
        return False
    target = first_child_of_type(statement, ("label_name",))
    if target is None:
        return False
    scope = statement.parent
    while scope is not None and scope.type not in _FUNCTIONS:
        scope = scope.parent
    body = None if scope is None else scope.child_by_field_name("body")
    labeled = None if body is None else _labeled(body, text(target, source), source)
    if labeled is None:
        return False
    if variable is None:
        return True
    following: Node | None = labeled
    while following is not None:
        if _reads(following, variable, source):
            return True
        following = following.next_named_sibling
    return False


def _labeled(body: Node, label: str, source: bytes) -> Node | None:
    """The statement labelled ``label`` in a function's body, nested functions left out (a
    label belongs to the function literal it is written in)."""
    pending = [body]
    while pending:
        node = pending.pop()
        if node.type == "labeled_statement":
            name = node.child_by_field_name("label")
            if name is not None and text(name, source) == label:
                return node
        pending.extend(child for child in node.named_children if child.type not in _FUNCTIONS)
    return None


def _reads(node: Node, name: str, source: bytes) -> bool:
    """Whether ``node`` holds the identifier ``name``."""
    pending = [node]
    while pending:
        current = pending.pop()
        if current.type == "identifier" and text(current, source) == name:
            return True
        pending.extend(current.named_children)
    return False


# An ``if err != nil`` block of at most this many assignments may be a fallback (as Python's
# ``except KeyError:`` block, ``extraction._MOST_FALLBACK_STATEMENTS``).
_MOST_FALLBACK_ASSIGNMENTS: Final = 3


def _gives_fallback(
    check: Node, statements: list[Node], variable: str | None, source: bytes
) -> bool:
    """Whether an ``if err != nil`` block only gives fallback values for what the failed call
    could not: one to three plain assignments (``=``) of variables the statement just above the
    ``if`` gave along with the error (mux's ``host, err := route.GetHostTemplate(); if err !=
    nil { host = "none" }``), the error itself left alone. The caller goes on with a value of
    its choosing, as Python's ``except KeyError: x = None`` does. A flag or a field set beside
    them, a new local (``:=``), any call, or an ``if`` whose own initializer made the error
    (its variables end with the ``if``) is no such fallback."""
    if (
        variable is None
        or not statements
        or len(statements) > _MOST_FALLBACK_ASSIGNMENTS
        or check.child_by_field_name("initializer") is not None
    ):
        return False
    before = check.prev_named_sibling
    while before is not None and before.type == "comment":
        before = before.prev_named_sibling
    if before is None or before.type not in ("short_var_declaration", "assignment_statement"):
        return False
    given = _assigned_names(before, source)
    if given is None or variable not in given:
        return False
    for statement in statements:
        if statement.type != "assignment_statement":
            return False
        names = _assigned_names(statement, source)
        if not names or variable in names or not names <= given:
            return False
    return True


def _assigned_names(statement: Node, source: bytes) -> frozenset[str] | None:
    """The variables a plain ``=`` or ``:=`` statement gives, or None when it gives anything
    but plain variables (``s.field``, ``m[k]``, ``*p``) or combines (``+=``)."""
    operator = statement.child_by_field_name("operator")
    if operator is not None and operator.type != "=":
        return None
    left = statement.child_by_field_name("left")
    if left is None:
        return None
    targets = [child for child in left.named_children if child.type != "comment"]
    if not all(target.type == "identifier" for target in targets):
        return None
    return frozenset(text(target, source) for target in targets) - {"_"}


def _is_panic(statement: Node, source: bytes) -> bool:
    if statement.type != "expression_statement" or not statement.named_child_count:
        return False
    call = statement.named_children[0]
    function = call.child_by_field_name("function") if call.type == "call_expression" else None
    return function is not None and text(function, source) == "panic"


# net/http's statuses that are no error (1xx to 3xx): any other ``http.Status…`` is one.
_NO_ERROR_STATUSES: Final = frozenset(
    "http.Status" + name
    for name in (
        "Continue SwitchingProtocols Processing EarlyHints OK Created Accepted "
        "NonAuthoritativeInfo NoContent ResetContent PartialContent MultiStatus "
        "AlreadyReported IMUsed MultipleChoices MovedPermanently Found SeeOther NotModified "
        "UseProxy TemporaryRedirect PermanentRedirect"
    ).split()
)


def _answers_http_error(statement: Node, source: bytes) -> bool:
    """Whether a statement answers an HTTP request with an error: ``http.Error(w, …)`` or
    ``w.WriteHeader(503)`` (``http.StatusServiceUnavailable``). An ``http.Handler`` has no
    ``error`` result; its response is how it reports one (chi's custom-handler example), as a
    function without an ``error`` result tells its callers by its value."""
    if statement.type != "expression_statement" or not statement.named_child_count:
        return False
    call = statement.named_children[0]
    if call.type != "call_expression":
        return False
    callee, receiver, count = read_call(call, source)
    if callee == "Error" and receiver == "http":
        return True
    arguments = call.child_by_field_name("arguments")
    if callee != "WriteHeader" or receiver is None or count != 1 or arguments is None:
        return False
    status = text(arguments.named_children[0], source)
    if status.startswith("http.Status"):
        return status not in _NO_ERROR_STATUSES
    return status.isdigit() and 400 <= int(status) <= 599


def _made(value: Node | None, source: bytes) -> str | None:
    """The struct a value makes: ``Store{…}``, ``pkg.Store{…}``; for a call of a function
    (``NewStore(…)``, ``pkg.NewStore(…)``, ``newServer(…)``) its name, whose declared results
    name the struct (echo's ``New()`` makes an ``*Echo``, not a ``New``-less name), and for a
    method's (``q.Query(…)``) its receiver and name, and so for a field read (``v.properties``,
    whose declared type the call graph reads); ``v.(*sql.DB)`` asserts ``sql.DB``; a
    container's type for a slice or map made (``[]*Store{…}``, ``make(map[string]*Store)``),
    and ``ITEM_IN`` and what holds it for an element taken out of one (``c.pools[name]``)."""
    if value is None:
        return None
    if value.type == "type_assertion_expression":
        asserted = value.child_by_field_name("type")
        return None if asserted is None else class_of_type(text(asserted, source))
    if value.type == "index_expression":
        held = _holder(value.child_by_field_name("operand"), source)
        return None if held is None else ITEM_IN + held
    if value.type == "selector_expression" and _is_name_chain(value):
        # ``p := v.properties``: what the field holds, the chain as a receiver writes it (a
        # library's type there ends it: viper's ``*properties.Properties``, no ``Viper.Set``).
        return text(value, source)
    if value.type == "composite_literal":
        literal_type = value.child_by_field_name("type")
        if literal_type is not None and literal_type.type in ("type_identifier", "qualified_type"):
            return text(literal_type, source)
        if literal_type is not None and literal_type.type in _CONTAINER_TYPES:
            return go_type(text(literal_type, source))
        return None
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        if function is None or function.type not in ("identifier", "selector_expression"):
            return None
        called = text(function, source)
        if called in ("new", "make"):  # ``new(Element)``, ``make(url.Values)``
            arguments = value.child_by_field_name("arguments")
            made = (
                arguments.named_children[0] if arguments and arguments.named_child_count else None
            )
            if made is not None and made.type in ("type_identifier", "qualified_type"):
                return text(made, source)
            if made is not None and made.type in _CONTAINER_TYPES:
                return go_type(text(made, source))
            return None
        return called  # a factory (``NewStore``) or a method: its declared results say
    return None


_CONTAINER_TYPES: Final = frozenset({"slice_type", "array_type", "map_type", "channel_type"})


def _holder(value: Node | None, source: bytes) -> str | None:
    """What a value a ``range`` or an index takes elements out of is, for ``KEY_IN`` and
    ``ITEM_IN``: a variable or a chain of fields as written (``c.commands``), a call as what it
    calls and ``()`` (``cmd.Commands()``), a container made (``[]Command``), or elements out of
    an element (``ITEM_IN`` again: ``m[k]``); None for anything else."""
    while value is not None and value.type in ("parenthesized_expression", "unary_expression"):
        value = value.named_children[-1] if value.named_child_count else None  # ``*p``, ``(x)``
    if value is None:
        return None
    if value.type == "slice_expression":  # ``c.commands[1:]``: the same elements
        return _holder(value.child_by_field_name("operand"), source)
    if value.type == "identifier" or (
        value.type == "selector_expression" and _is_name_chain(value)
    ):
        return text(value, source)
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        if function is None or text(function, source) in ("new", "make", "append"):
            made = _made(value, source)
            return made if made is not None and is_container(made) else None
        if function.type in ("identifier", "selector_expression"):
            return text(function, source) + "()"
        return None
    made = _made(value, source)
    return made if made is not None and (is_container(made) or made.startswith(ITEM_IN)) else None


def _is_name_chain(node: Node) -> bool:
    """Whether a selector is names only: ``c.commands``, ``r.opts.items``."""
    while node.type == "selector_expression":
        operand = node.child_by_field_name("operand")
        if operand is None:
            return False
        node = operand
    return node.type == "identifier"


_GO_BUILD: Final = b"//go:build"
_PLUS_BUILD: Final = b"// +build"


def build_constraint(source: bytes) -> str | None:
    """The file's ``//go:build`` expression, read from the comments above its package clause
    (Go's rule: only blank lines and comments come before one). A file with only the older
    ``// +build`` lines gets them as one expression: a line's space-separated options are
    or-ed, an option's comma-separated terms and-ed, and the lines and-ed."""
    legacy: list[str] = []
    in_block = False
    for raw in source.splitlines():
        line = raw.strip()
        if in_block:
            in_block = b"*/" not in line
            continue
        if line.startswith(_GO_BUILD) and line[len(_GO_BUILD) : len(_GO_BUILD) + 1] in b" \t":
            return line[len(_GO_BUILD) :].decode("utf-8", "replace").strip()
        if line.startswith(_PLUS_BUILD):
            options = line[len(_PLUS_BUILD) :].decode("utf-8", "replace").split()
            if options:
                terms = (" && ".join(option.split(",")) for option in options)
                legacy.append(" || ".join(f"({term})" for term in terms))
        elif line.startswith(b"/*"):
            in_block = b"*/" not in line[2:]
        elif line and not line.startswith(b"//"):
            break  # the package clause: no constraint below it counts
    return " && ".join(f"({line})" for line in legacy) if legacy else None


class GoRules:
    """Extraction rules for Go."""

    query_files: tuple[str, ...] = ("go.scm",)

    def parameters(self, node: Node, source: bytes) -> tuple[Parameter, ...]:
        """Parameters; ``a, b int`` gives two."""
        holder = node.child_by_field_name("parameters")
        if holder is None:
            return ()
        found: list[Parameter] = []
        for child in holder.named_children:
            if child.type in ("parameter_declaration", "variadic_parameter_declaration"):
                found.extend(_declared(child, source))
        return tuple(found)

    def return_type(self, node: Node, source: bytes) -> str | None:
        """The result type or result list."""
        return field_text(node, "result", source)

    def binds_name(self, node: Node) -> bool:
        """Every definition names itself in its scope."""
        return True

    def is_static(self, node: Node, source: bytes) -> bool:
        """No method is its class's alone (a ``staticmethod`` is reached through instances)."""
        return False

    def is_private(self, node: Node, name: str) -> bool:
        """Go has no overriding: embedding is no inheritance."""
        return False

    def is_accessor(self, node: Node) -> bool:
        """Go has no accessors."""
        return False

    def is_async(self, node: Node, file: SourceText) -> bool:
        """Go has no async functions (goroutines are started at the call site)."""
        return False

    def receiver_type(self, node: Node, source: bytes) -> str | None:
        """``func (s *Server[T]) M()`` → ``Server``."""
        receiver = node.child_by_field_name("receiver")
        if receiver is None:
            return None
        declaration = first_child_of_type(receiver, ("parameter_declaration",))
        kind = None if declaration is None else field_text(declaration, "type", source)
        if kind is None:
            return None
        return kind.lstrip("*").split("[", 1)[0].strip() or None

    def receiver_is_class(self, node: Node) -> bool:
        """No method inside a class body is given a receiver."""
        return False

    def receiver_name(self, node: Node, source: bytes) -> str | None:
        """``func (s *Server) M()`` → ``s`` (None for ``func (*Server) M()``)."""
        receiver = node.child_by_field_name("receiver")
        declaration = (
            None if receiver is None else first_child_of_type(receiver, ("parameter_declaration",))
        )
        return None if declaration is None else field_text(declaration, "name", source)

    def decorator(self, node: Node, source: bytes) -> Decorator:
        """Go has no decorators; a node read as one keeps its text as the name."""
        return make_decorator(short_text(node, source), None, node)

    def class_kind(self, node: Node) -> ClassKind:
        """``type X struct`` or ``type X interface``."""
        body = node.child_by_field_name("type")
        return "interface" if body is not None and body.type == "interface_type" else "struct"

    def bases(self, node: Node, source: bytes) -> tuple[str, ...]:
        """Embedded types: anonymous struct fields and embedded interfaces."""
        body = node.child_by_field_name("type")
        if body is None:
            return ()
        if body.type == "interface_type":
            return tuple(
                short_text(c, source) for c in body.named_children if c.type == "type_elem"
            )
        fields = first_child_of_type(body, ("field_declaration_list",))
        embedded = [] if fields is None else fields.named_children
        return tuple(
            field_text(item, "type", source) or ""
            for item in embedded
            if item.type == "field_declaration" and item.child_by_field_name("name") is None
        )

    def declared_methods(self, node: Node, source: bytes) -> tuple[tuple[str, str], ...]:
        """An interface's method elements, each with its ``signature`` (``Match(r
        *http.Request, m *RouteMatch) bool`` is ``(*Request,*RouteMatch)(bool)``), with or
        without results: what a type must have to implement it (an embedded interface's
        are read from its ``bases``)."""
        body = node.child_by_field_name("type")
        if body is None or body.type != "interface_type":
            return ()
        found: list[tuple[str, str]] = []
        for item in body.named_children:
            name = item.child_by_field_name("name") if item.type == "method_elem" else None
            if name is not None:
                result = field_text(item, "result", source)
                found.append(
                    (text(name, source), method_signature(self.parameters(item, source), result))
                )
        return tuple(found)

    def imports(self, node: Node, source: bytes) -> list[Import]:
        """One import spec: ``f "fmt"`` (alias), ``. "x"`` (wildcard), ``_ "y"``."""
        path = node.child_by_field_name("path")
        module = "" if path is None else inner_value(path, source)
        name = node.child_by_field_name("name")
        wildcard = name is not None and name.type == "dot"
        alias = None if name is None or wildcard else text(name, source)
        return [Import(module, line(node), (), alias, wildcard, False)]

    def collect_export(self, node: Node, source: bytes, facts: ExportFacts) -> None:
        """Go has no export statements: capitalisation decides (see ``is_exported``)."""

    def is_exported(self, definition: Definition, facts: ExportFacts) -> bool:
        """A capitalised name is exported."""
        return definition.name[:1].isupper()

    def module_exports(self, definitions: Sequence[Definition], facts: ExportFacts) -> list[Export]:
        """Exported top-level functions (not methods) and types."""
        return [
            Export(item.name, line(item.name_node or item.node), False, False, None)
            for item in definitions
            if item.is_top_level and item.is_exported and item.node.type != "method_declaration"
        ]

    def call_parts(self, node: Node, file: SourceText) -> CallParts:
        """``pkg.Func(…)`` / ``value.Method(…)`` → name, receiver."""
        return read_call(node, file.data)

    def handler(self, kind: str, node: Node, source: bytes) -> HandlerFacts:
        """``if err != nil { … }`` blocks and ``recover()`` calls."""
        if kind == "recover":
            variable = _assigned_name(node, source)
            return HandlerFacts(
                None,
                variable=variable,
                is_generic=True,
                propagates=(
                    _panics_again(node, source, variable)
                    or _asserted_by_test(node, source, variable)
                ),
                judge_swallow=False,
            )
        body = node.child_by_field_name("consequence")
        condition = node.child_by_field_name("condition")
        checked = None if condition is None else condition.child_by_field_name("left")
        variable = None if checked is None else text(checked, source)
        statements = [] if body is None else _statements(body)
        returns_error = _returns_error(node, source)
        propagates = any(
            _passes_on(item, returns_error, source)
            or _is_panic(item, source)
            or _goes_to_handler(item, variable, source)
            or _answers_http_error(item, source)
            for item in statements
        )
        return HandlerFacts(
            body,
            (),
            variable,
            not statements,
            False,
            propagates,
            falls_back=_gives_fallback(node, statements, variable, source),
        )

    def field_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``Request *http.Request`` in a struct: each named field, with its type's class (an
        embedded field has no name: its methods are the struct's, read from its bases); in an
        interface, ``Request() *http.Request``: the method, with its (first) result's class,
        which is what a call of it gives."""
        if node.type == "method_elem":
            name = node.child_by_field_name("name")
            result = node.child_by_field_name("result")
            if name is None or result is None:
                return []
            if result.type == "parameter_list":  # ``(*Store, error)``: the first result
                first = result.named_children[0] if result.named_child_count else None
                result = first.child_by_field_name("type") if first is not None else None
                if result is None:
                    return []
            return [(text(name, source), go_type(text(result, source)))]
        declared = node.child_by_field_name("type")
        kind = go_type(text(declared, source)) if declared is not None else None
        return [(text(name, source), kind) for name in node.children_by_field_name("name")]

    def local_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``s := Store{…}``, ``s := &Store{…}`` and ``s, err := NewStore(…)`` give ``Store``;
        ``var s Store`` (or ``*Store``) gives ``Store``, and so does a function literal's
        parameter ``s *Store`` or a function's named result; a slice or map declared or made
        gives its container type (``go_types``), an element taken out of one ``ITEM_IN`` and
        what holds it, and so does a ``range``'s second variable, its first ``KEY_IN`` (or
        ``UNTYPED_LOCAL`` when it ranges over anything else); any other value gives None."""
        if node.type == "range_clause":
            return _ranged(node, source)
        if node.type == "variadic_parameter_declaration":  # ``items ...*Store``: a slice
            held = go_type(field_text(node, "type", source))
            kind = None if held is None else f"[]{held}"
            return [(text(name, source), kind) for name in node.children_by_field_name("name")]
        if node.type in ("var_spec", "parameter_declaration"):
            declared = node.child_by_field_name("type")
            if declared is not None:
                kind = go_type(text(declared, source))
            else:  # ``var t = new(Element)``: what the value makes
                value = node.child_by_field_name("value")
                first = (
                    value.named_children[0]
                    if value is not None and value.named_child_count
                    else None
                )
                if first is not None and first.type == "unary_expression":
                    first = first.child_by_field_name("operand")
                kind = _made(first, source)
            return [(text(name, source), kind) for name in node.children_by_field_name("name")]
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return []
        values = right.named_children
        found: list[tuple[str, str | None]] = []
        for index, name in enumerate(left.named_children):
            if name.type != "identifier":
                continue
            value = values[index] if index < len(values) else None
            if value is not None and value.type == "unary_expression":
                value = value.child_by_field_name("operand")
            found.append((text(name, source), _made(value, source)))
        return found

    def parameter_class(self, parameter: Parameter) -> str | None:
        """The declared type's class, or its container type (``items []*Store`` gives
        ``[]Store``, and so does ``items ...*Store``)."""
        kind = go_type(parameter.type)
        return f"[]{kind}" if kind is not None and parameter.is_rest else kind

    def throw_types(self, node: Node, source: bytes) -> tuple[str, ...]:
        """``panic`` takes any value: no type to report."""
        return ()

    def literal_context(self, parent: Node | None) -> Context | None:
        """Import paths are left out."""
        return _PLACES.context_of(parent)


_FUNCTIONS = frozenset({"func_literal", "function_declaration", "method_declaration"})


def _ranged(clause: Node, source: bytes) -> list[tuple[str, str | None]]:
    """A ``range``'s variables: its first is ``KEY_IN``, its second ``ITEM_IN``, and what holds
    the container (``_holder``); ``UNTYPED_LOCAL`` where that is unknown."""
    left = clause.child_by_field_name("left")
    names = () if left is None else left.named_children
    held = _holder(clause.child_by_field_name("right"), source)
    found: list[tuple[str, str | None]] = []
    for index, name in enumerate(names):
        if name.type == "identifier":
            kind = UNTYPED_LOCAL if held is None else (KEY_IN if index == 0 else ITEM_IN) + held
            found.append((text(name, source), kind))
    return found


def _panics_again(call: Node, source: bytes, variable: str | None) -> bool:
    """Whether the function that calls ``recover()`` panics again with what it recovered
    (``panic(r)``, ``panic(fmt.Sprint(r))``): ``encoding/json`` recovers its own errors and
    re-panics any other value, which is no catch-all. With the value unnamed, any ``panic``.
    The deferred function is small: its nodes are walked, nested functions left out."""
    scope = call.parent
    while scope is not None and scope.type not in _FUNCTIONS:
        scope = scope.parent
    body = None if scope is None else scope.child_by_field_name("body")
    pending = [] if body is None else [body]
    named = None if variable is None else re.compile(rf"\b{re.escape(variable)}\b")
    while pending:
        node = pending.pop()
        if node.type == "call_expression" and _panic_with(node, source, named):
            return True
        pending.extend(child for child in node.named_children if child.type not in _FUNCTIONS)
    return False


def _panic_with(call: Node, source: bytes, value: re.Pattern[str] | None) -> bool:
    """Whether ``call`` is ``panic(…)`` with ``value`` in its argument (any, with None)."""
    function = call.child_by_field_name("function")
    if function is None or text(function, source) != "panic":
        return False
    arguments = call.child_by_field_name("arguments")
    return value is None or (arguments is not None and bool(value.search(text(arguments, source))))


# The receivers of a test's ``testing`` value by convention (``t``, ``b``, ``tb``, a fuzz
# test's ``f``), whose ``Error``/``Fatal`` fail the test.
GO_TEST_RECEIVERS: Final = frozenset({"t", "b", "tb", "f"})
_TEST_FAILURES: Final = frozenset({"Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow"})
_TESTING_TYPES: Final = frozenset({"*testing.T", "*testing.B", "*testing.F", "testing.TB"})
# testify's and gotest.tools' assertion packages, and a testify suite's ``s.Require()``.
_ASSERTIONS: Final = frozenset({"assert", "require"})
_SUITE_ASSERTIONS: Final = (".Assert()", ".Require()")


def is_test_receiver(receiver: str) -> bool:
    """Whether a call on ``receiver`` is one on a test's ``testing`` value: ``t`` (and the
    other usual names), a helper's ``w.t`` (sqlx's ``t.t``) or testify's suite ``s.T()``."""
    return receiver.rpartition(".")[2] in GO_TEST_RECEIVERS or receiver.endswith(".T()")


def _asserted_by_test(call: Node, source: bytes, variable: str | None) -> bool:
    """Whether ``recover()`` is a test's check that a panic happened (chi's, cobra's and
    logrus's tests): in a test function, the recovered value, or whether there was one,
    decides a test failure (``if recover() == nil { t.Error(…) }``, ``if r := recover(); r !=
    "negative" { t.Fatal(…) }``) or is given to an assertion (``p := recover();
    assert.NotNil(t, p)``). Nothing is lost: the test reports the outcome, as a test's
    ``t.Errorf`` reports an error. The deferred function's nodes are walked, nested functions
    left out."""
    scope = call.parent
    while scope is not None and scope.type not in _FUNCTIONS:
        scope = scope.parent
    testers = None if scope is None else _test_values(scope, source)
    body = None if scope is None else scope.child_by_field_name("body")
    if testers is None or body is None:
        return False
    if _is_assertion(call.parent.parent if call.parent is not None else None, source):
        return True  # ``assert.NotNil(t, recover())``
    named = None if variable is None else re.compile(rf"\b{re.escape(variable)}\b")
    pending = [body]
    while pending:
        node = pending.pop()
        if node.type == "if_statement" and _decides_failure(node, call, named, testers, source):
            return True
        if named is not None and _is_assertion(node, source):
            arguments = node.child_by_field_name("arguments")
            if arguments is not None and named.search(text(arguments, source)):
                return True
        pending.extend(child for child in node.named_children if child.type not in _FUNCTIONS)
    return False


def _test_values(scope: Node, source: bytes) -> frozenset[str] | None:
    """The names of the ``testing`` values of the test around ``scope`` (the function holding
    a ``recover()``, or one it is nested in): its parameters of ``testing``'s types (a
    subtest's ``func(tt *testing.T)`` too); None outside a test. A method named ``Test…`` is a
    testify suite's test, whose value is ``s.T()``."""
    names: set[str] = set()
    node: Node | None = scope
    while node is not None:
        if node.type in _FUNCTIONS:
            parameters = node.child_by_field_name("parameters")
            for item in [] if parameters is None else parameters.named_children:
                if field_text(item, "type", source) in _TESTING_TYPES:
                    names.update(text(n, source) for n in item.children_by_field_name("name"))
            name = node.child_by_field_name("name")
            if node.type == "method_declaration" and _named_test(name, source):
                return frozenset(names)
        node = node.parent
    return frozenset(names) if names else None


def _named_test(name: Node | None, source: bytes) -> bool:
    return name is not None and text(name, source).startswith("Test")


def _decides_failure(
    statement: Node,
    call: Node,
    named: re.Pattern[str] | None,
    testers: frozenset[str],
    source: bytes,
) -> bool:
    """Whether an ``if`` tests the recovered value (its condition holds the ``recover()`` call
    or reads the name it was given) and one of its branches fails the test."""
    condition = statement.child_by_field_name("condition")
    if condition is None:
        return False
    inside = condition.start_byte <= call.start_byte and call.end_byte <= condition.end_byte
    if not inside and (named is None or not named.search(text(condition, source))):
        return False
    branches = [statement.child_by_field_name(f) for f in ("consequence", "alternative")]
    return any(b is not None and _fails_test(b, testers, source) for b in branches)


def _fails_test(block: Node, testers: frozenset[str], source: bytes) -> bool:
    """Whether ``block`` calls ``t.Error``/``t.Fatal``/… on a test's value, or an assertion."""
    pending = [block]
    while pending:
        node = pending.pop()
        if node.type == "call_expression":
            callee, receiver, _ = read_call(node, source)
            if (
                callee in _TEST_FAILURES
                and receiver is not None
                and (receiver in testers or is_test_receiver(receiver))
            ):
                return True
            if _is_assertion(node, source):
                return True
        pending.extend(child for child in node.named_children if child.type not in _FUNCTIONS)
    return False


def _is_assertion(node: Node | None, source: bytes) -> bool:
    """Whether ``node`` calls an assertion: ``assert.X(…)``, ``require.X(…)``,
    ``s.Require().X(…)``."""
    if node is None or node.type != "call_expression":
        return False
    _, receiver, _ = read_call(node, source)
    return receiver is not None and (
        receiver in _ASSERTIONS or receiver.endswith(_SUITE_ASSERTIONS)
    )


def _assigned_name(call: Node, source: bytes) -> str | None:
    holder = call.parent
    if holder is None or holder.type != "expression_list":
        return None
    statement = holder.parent
    if statement is None or statement.type not in ("short_var_declaration", "assignment_statement"):
        return None
    left = statement.child_by_field_name("left")
    if left is None or not left.named_child_count:
        return None
    return text(left.named_children[0], source)
