"""Python: how captured nodes read as functions, imports, exports and handlers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from tree_sitter import Node

from drift.scan.model import (
    ALIAS_OF,
    ELEMENT_OF,
    UNTYPED_LOCAL,
    ClassKind,
    Decorator,
    Export,
    Import,
    ImportedName,
    Parameter,
)
from drift.scan.model import StringContext as Context
from drift.scan.nodes import (
    RECEIVER_MAX_CHARS,
    SourceText,
    field_text,
    first_child_of_type,
    inner_value,
    line,
    short_text,
    shorten,
    text,
)
from drift.scan.rules import (
    CallParts,
    Definition,
    ExportFacts,
    HandlerFacts,
    LiteralPlaces,
    argument_count,
    async_token,
    call_target,
    class_of_type,
    decorator_parts,
    is_public_name,
    make_decorator,
    may_comment,
    read_call,
    type_name,
)

_GENERIC_EXCEPTIONS: Final = frozenset({"Exception", "BaseException"})
_SPLATS: Final = frozenset({"list_splat_pattern", "dictionary_splat_pattern"})
_NOT_SIMPLE: Final = re.compile(r"[][(){}'\"#\\]|lambda")
_SEPARATORS: Final = frozenset({"keyword_separator", "positional_separator", "comment"})
_SELF_ONLY: Final = (Parameter("self", None, None, False),)

_PLACES: Final = LiteralPlaces(
    contexts={
        "argument_list": "function_argument",
        "assignment": "assignment",
        "augmented_assignment": "assignment",
        "pair": "object_property",
        "return_statement": "return",
        "list": "array",
        "tuple": "array",
        "set": "array",
    },
    wrappers=frozenset(
        {"concatenated_string", "parenthesized_expression", "keyword_argument", "expression_list"}
    ),
)


_CONTEXTS: Final = _PLACES.contexts  # looked up for every literal


def _parameter(node: Node, source: bytes) -> Parameter | None:
    kind = node.type
    if kind in _SEPARATORS:
        return None
    if kind == "identifier":
        return Parameter(text(node, source), None, None, False)
    if kind in _SPLATS:
        return Parameter(text(node, source).lstrip("*"), None, None, True)
    type_text = field_text(node, "type", source)
    default = field_text(node, "value", source)
    name_node = node.child_by_field_name("name")
    if name_node is None and node.named_child_count:
        name_node = node.named_children[0]  # typed_parameter: first child is the name
    if name_node is None:
        return Parameter(text(node, source), None, None, False)
    is_rest = name_node.type in _SPLATS
    return Parameter(text(name_node, source).lstrip("*"), type_text, default, is_rest)


def _simple_parameters(listing: str) -> tuple[Parameter, ...] | None:
    """The parameters of a list without brackets, quotes, comments or lambdas, read from its
    text (as ``_parameter`` would read its nodes); None for any other list.

    In such a list every comma separates parameters, the first ``=`` starts a default and the
    first ``:`` before it starts a type, and no comment lies between the tokens.
    """
    if _NOT_SIMPLE.search(listing):
        return None
    found = []
    for raw in listing.split(","):
        piece = raw.strip()
        if piece.isidentifier():  # the common case: a bare name
            found.append(Parameter(piece, None, None, False))
            continue
        if not piece or piece in ("*", "/"):  # a trailing comma, the separators
            continue
        name, equals, default = piece.partition("=")
        name, colon, annotation = name.partition(":")
        name = name.strip()
        is_rest = name.startswith("*")
        if is_rest:
            name = name.lstrip("*")
        if not name.strip().isidentifier():
            return None
        type_text = annotation.strip() if colon else None
        found.append(Parameter(name, type_text, default.strip() if equals else None, is_rest))
    return tuple(found)


# Calls that read the exception being handled without a name for it: logging it with its
# traceback (``logger.exception``, ``exc_info=True``), printing or fetching it, a logging
# handler's ``self.handleError(record)``, which reports it as ``emit`` must, Twisted's
# ``Failure()`` (with no argument it wraps the active exception: scrapy's
# ``d.errback(Failure())``), the re-raising helpers six and sentry-sdk name ``reraise``
# (``reraise(*exc_info)``, ``_capture_and_reraise()``), and ``code.InteractiveConsole``'s
# ``showtraceback()``/``showsyntaxerror()`` (werkzeug's debugger console).
_ACTIVE_ERROR = re.compile(
    r"\.exception\(|\bexc_info\s*=|\bexc_info\(\)|\b(?:print|format)_exc(?:eption)?\("
    r"|\bsys\.exception\("
    r"|\bself\.handleError\(|\bFailure\(\s*\)|reraise\w*\(|\.show(?:traceback|syntaxerror)\("
)


_CASTS: Final = frozenset({"cast", "t.cast", "typing.cast"})


def _assignment_types(
    node: Node, source: bytes, *, keep_none: bool
) -> list[tuple[str, str | None]]:
    """What an assignment (or annotated name) gives its name: see ``local_types``; ``x = None``
    gives ``x`` no class with ``keep_none`` (an attribute's), else nothing, and a plain name
    ``ALIAS_OF`` and that name without it (a variable's)."""
    target = node.child_by_field_name("left")
    if target is None:
        return []
    if target.type == "pattern_list":
        # ``reader, writer = await asyncio.open_connection(…)``: each holds a part of what the
        # call makes (``ELEMENT_OF``), a library's value for a library's call (no guess).
        value = node.child_by_field_name("right")
        if value is not None and value.type == "await" and value.named_child_count:
            value = value.named_children[0]
        made = _called(value, source)
        # ``a, b = type(self)()``: parts of a repository class's instance, of unknown classes.
        kind = UNTYPED_LOCAL if made is None or made.startswith("type(") else ELEMENT_OF + made
        return [(text(n, source), kind) for n in target.named_children if n.type == "identifier"]
    if target.type == "attribute":  # self.repo (``field_types``)
        target = target.child_by_field_name("attribute")
        if target is None:
            return []
    declared = node.child_by_field_name("type")
    if declared is not None:
        return [(text(target, source), class_of_type(text(declared, source)))]
    names = [text(target, source)]
    value = node.child_by_field_name("right")
    while value is not None and value.type == "assignment":  # ``a = b = Store()``
        inner = value.child_by_field_name("left")
        if not keep_none and inner is not None and inner.type == "identifier":
            names.append(text(inner, source))  # attrs's ``s = attributes = attrs``: both
        value = value.child_by_field_name("right")
    if value is not None and value.type == "none" and not keep_none:
        # ``gzip = None`` when ``import gzip`` failed: no value to call, and no variable
        # hiding the import whose value the calls expect.
        return []
    given = _called(value, source)
    if value is not None and value.type == "identifier" and not keep_none:
        # ``caller = _multicall`` (pluggy's tests), ``ib = attrib`` (attrs's API): another
        # name for the function or class, which a call of the variable reaches.
        given = ALIAS_OF + text(value, source)
    return [(name, given) for name in names]


def _called(value: Node | None, source: bytes) -> str | None:
    """The function or class a call value calls, as written (``Store``, ``repos.make``);
    ``cast(X, v)`` gives ``X``; ``type(self)()`` gives ``type(self)``; None for any other
    value."""
    if value is None or value.type != "call":
        return None
    function = value.child_by_field_name("function")
    if function is not None and function.type == "subscript":
        return _generic_class(function, source)
    if function is not None and function.type == "call":
        return _type_of(function, source)
    if function is None or function.type not in ("identifier", "attribute"):
        return None
    made = text(function, source)
    return _cast_type(value, source) if made in _CASTS else made


def _type_of(call: Node, source: bytes) -> str | None:
    """``type(x)`` for a call ``type(x)`` of a plain name (what ``type(self)()`` makes an
    instance of: the caller's class); None for any other call."""
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or text(function, source) != "type" or arguments is None:
        return None
    named = [child for child in arguments.named_children if child.type != "comment"]
    if len(named) != 1 or named[0].type != "identifier":
        return None
    return f"type({text(named[0], source)})"


def _generic_class(function: Node, source: bytes) -> str | None:
    """The class a subscripted call target names, ``models.Root`` for ``models.Root[int]``;
    None unless its last name is capitalized, as classes are (``handlers[0](x)`` calls an
    element of a list)."""
    if function.type != "subscript":
        return None
    value = function.child_by_field_name("value")
    if value is None or value.type not in ("identifier", "attribute"):
        return None
    written = text(value, source)
    return written if written.rpartition(".")[2][:1].isupper() else None


def _cast_type(call: Node, source: bytes) -> str | None:
    """The class ``cast(X, value)`` names (``t.Type[X]`` and quoted names read as ``X``)."""
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments and arguments.named_child_count else None
    if first is None:
        return None
    written = text(first, source).strip("\"'")
    for wrapper in ("t.Type[", "typing.Type[", "Type[", "type["):
        if written.startswith(wrapper) and written.endswith("]"):
            written = written[len(wrapper) : -1].strip("\"'")
    return class_of_type(written)


def _reads_active_error(body_text: str) -> bool:
    return _ACTIVE_ERROR.search(body_text) is not None


def _is_pass_only(body: Node | None) -> bool:
    if body is None:
        return True
    for child in body.named_children:
        if child.type in ("pass_statement", "comment"):
            continue
        if child.type == "expression_statement" and [c.type for c in child.named_children] == [
            "ellipsis"
        ]:
            continue
        return False
    return True


def _is_docstring(statement: Node) -> bool:
    """The first statement of a module, class or function body, or a string right after an
    assignment (an attribute docstring, PEP 258, as Sphinx reads them)."""
    holder = statement.parent
    if holder is None or holder.type not in ("module", "block"):
        return False
    previous = statement.prev_named_sibling
    while previous is not None and previous.type == "comment":
        previous = previous.prev_named_sibling
    if previous is None:
        return True
    assigned = previous.named_child(0) if previous.type == "expression_statement" else None
    return assigned is not None and assigned.type == "assignment"


class PythonRules:
    """Extraction rules for Python."""

    query_files: tuple[str, ...] = ("python.scm",)

    def parameters(self, node: Node, source: bytes) -> tuple[Parameter, ...]:
        """Parameters in declaration order; ``/`` and ``*`` separators are left out."""
        holder = node.child_by_field_name("parameters")
        if holder is None:
            return ()
        if not holder.has_error:
            # ``(`` and ``)`` around the list; most lists read from that text alone.
            listing = text(holder, source)[1:-1]
            if listing == "self":  # most methods: one shared (immutable) answer
                return _SELF_ONLY
            simple = _simple_parameters(listing)
            if simple is not None:
                return simple
        found = (_parameter(child, source) for child in holder.named_children)
        return tuple(item for item in found if item is not None)

    def return_type(self, node: Node, source: bytes) -> str | None:
        """The ``->`` annotation."""
        return field_text(node, "return_type", source)

    def binds_name(self, node: Node) -> bool:
        """Every definition names itself in its scope."""
        return True

    def is_static(self, node: Node, source: bytes) -> bool:
        """No method is its class's alone (a ``staticmethod`` is reached through instances)."""
        return False

    def is_private(self, node: Node, name: str) -> bool:
        """A name-mangled ``__name`` (``_Class__name`` in each class: no override)."""
        return name.startswith("__") and not name.endswith("__")

    def is_accessor(self, node: Node) -> bool:
        """A property says so by its decorators (``is_property``)."""
        return False

    def is_async(self, node: Node, file: SourceText) -> bool:
        """``async def``."""
        if file.clean:  # the definition's first token is then ``async`` or ``def``
            return file.data.startswith(b"async", node.start_byte)
        return async_token(node)

    def receiver_type(self, node: Node, source: bytes) -> str | None:
        """Python methods live in class bodies: no receiver types."""
        return None

    def receiver_is_class(self, node: Node) -> bool:
        """No method inside a class body is given a receiver."""
        return False

    def receiver_name(self, node: Node, source: bytes) -> str | None:
        """Methods live in class bodies: their receiver is ``self``/``this``, not a name."""
        return None

    def decorator(self, node: Node, source: bytes) -> Decorator:
        """``@name`` or ``@name(arguments)``."""
        expression = next((c for c in node.named_children if c.type != "comment"), None)
        name, arguments = decorator_parts(expression, source, frozenset({"call"}))
        return make_decorator(name, arguments, node)

    def class_kind(self, node: Node) -> ClassKind:
        """Every Python class is a class."""
        return "class"

    def bases(self, node: Node, source: bytes) -> tuple[str, ...]:
        """Base classes, without keyword arguments such as ``metaclass=``."""
        holder = node.child_by_field_name("superclasses")
        if holder is None:
            return ()
        return tuple(
            short_text(child, source)
            for child in holder.named_children
            if child.type not in ("keyword_argument", "comment")
        )

    def declared_methods(self, node: Node, source: bytes) -> tuple[tuple[str, str], ...]:
        """Every method of a class is a function of its own (an abstract one too)."""
        return ()

    def imports(self, node: Node, source: bytes) -> list[Import]:
        """``import a, b as c`` gives one import per module; ``from m import x`` gives one."""
        if node.type == "import_statement":
            return [_module_import(child, node, source) for child in _names(node)]
        if node.type == "future_import_statement":
            module = "__future__"
        else:
            module_node = node.child_by_field_name("module_name")
            module = "" if module_node is None else text(module_node, source)
        wildcard = any(child.type == "wildcard_import" for child in node.named_children)
        names = tuple(_imported_name(child, source) for child in _names(node))
        return [Import(module, line(node), names, None, wildcard, False)]

    def collect_export(self, node: Node, source: bytes, facts: ExportFacts) -> None:
        """``__all__`` at module level lists the exports."""
        if node.parent is None or node.parent.type != "module" or not node.named_child_count:
            return
        listing = node.named_children[0].child_by_field_name("right")
        if listing is None:
            return
        facts.has_name_list = True
        for item in listing.named_children:
            if item.type == "string":
                name = inner_value(item, source)
                facts.names.add(name)
                facts.exports.append(Export(name, line(item), False, False, None))

    def is_exported(self, definition: Definition, facts: ExportFacts) -> bool:
        """Public top-level names (restricted to ``__all__`` when present), public methods of an
        exported class."""
        if not is_public_name(definition.name):
            return False
        parent = definition.parent
        if parent is None:
            return not facts.has_name_list or definition.name in facts.names
        return parent.kind == "class" and parent.is_exported

    def module_exports(self, definitions: Sequence[Definition], facts: ExportFacts) -> list[Export]:
        """``__all__`` when present, else the public top-level functions and classes."""
        if facts.has_name_list:
            return facts.exports
        return [
            Export(item.name, line(item.name_node or item.node), False, False, None)
            for item in definitions
            if item.is_top_level and item.is_exported
        ]

    def call_parts(self, node: Node, file: SourceText) -> CallParts:
        """``obj.method(…)`` → method, obj; ``make(…)(…)`` → ``__call__``, ``make(…)`` (what
        the inner call returns is called); a decorator's application (see ``python.scm``):
        ``@lib.attrs`` → attrs, lib, and ``@hookimpl(…)`` → ``__call__``, ``hookimpl(…)``,
        with one argument, what it decorates."""
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            return _applied(node, file.data)
        if not file.clean:
            return _call_of_call(node, file.data) or read_call(node, file.data)
        # Without syntax errors the target is the text before the arguments (and blanks), and
        # the most common targets read from that text alone: a name, or a dotted name (an
        # attribute chain, the only thing such text parses as). Anything else, even ``*a.b``
        # (which the grammar can make the target), reads its nodes.
        start, split = node.start_byte, arguments.start_byte
        decoded = file.ascii  # sliced here: this runs for every call
        target = decoded[start:split] if decoded is not None else file.slice(start, split)
        target = target.rstrip()
        if target.endswith("]"):
            # ``TypeAdapter[str](x)``, ``RootModel[int](1)``: the generic class's
            # constructor (pydantic's tests make 53 so), read as ``TypeAdapter(x)``.
            function = node.child_by_field_name("function")
            generic = None if function is None else _generic_class(function, file.data)
            if generic is not None:
                target = generic
        if target.isidentifier():
            callee, receiver = target, None
        elif target.replace(".", "").isidentifier():
            receiver, _, callee = target.rpartition(".")
            if len(receiver) > RECEIVER_MAX_CHARS:  # on one line already: no blanks in it
                receiver = shorten(receiver)
        else:
            return _call_of_call(node, file.data) or read_call(node, file.data)
        # ``argument_count`` without reading the node's type: a clean generator expression
        # (``f(x for x in y)``, the other kind of arguments) has n >= 2 named children and
        # n + 2 children, never the 2n + 1 of an argument list without comments.
        count: int = arguments.named_child_count
        if count and (
            arguments.child_count != 2 * count + 1 or may_comment(arguments, file.data)
        ):  # ``()``: 0, however it is spaced
            count = argument_count(arguments, file.data)
        return callee, receiver, count

    def handler(self, kind: str, node: Node, source: bytes) -> HandlerFacts:
        """An ``except`` clause: caught types, the ``as`` name, emptiness, breadth."""
        body = next((c for c in reversed(node.named_children) if c.type == "block"), None)
        value = node.child_by_field_name("value")
        variable = None
        if value is not None and value.type == "as_pattern":
            alias = value.child_by_field_name("alias")
            variable = None if alias is None else text(alias, source).strip()
            value = value.named_children[0] if value.named_child_count else None
        if value is None:
            types: tuple[str, ...] = ()
        elif value.type == "tuple":
            types = tuple(short_text(item, source) for item in value.named_children)
        else:
            types = (short_text(value, source),)
        generic = not types or any(type_name(item) in _GENERIC_EXCEPTIONS for item in types)
        empty = _is_pass_only(body)
        active = not empty and body is not None and _reads_active_error(text(body, source))
        return HandlerFacts(body, types, variable, empty, generic, uses_active_error=active)

    def field_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``self.repo = Repo()`` (or ``self.repo: Repo = …``) in a method, ``cls.repo = …``
        in a classmethod (pytest's ``setup_class``), and ``repo: Repo`` in the class body;
        ``repo_class = Repo`` in the class body gives ``ALIAS_OF`` and the name."""
        target = node.child_by_field_name("left")
        if target is None:
            return []
        if target.type == "attribute":
            owner = target.child_by_field_name("object")
            if owner is None or text(owner, source) not in ("self", "cls"):
                return []
        else:
            value = node.child_by_field_name("right")
            if value is not None and value.type == "identifier":
                # ``context_class = Context`` in a class body (peewee's): another name of the
                # class or function, which ``self.context_class(…)`` calls.
                return [(text(target, source), ALIAS_OF + text(value, source))]
        # ``type2test = None`` in a class body, ``self.top = None`` in ``__init__``: an
        # attribute still (its calls reach what it holds), of no class.
        return _assignment_types(node, source, keep_none=True)

    def local_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``x: Store = …`` gives ``Store``; ``x = Store(…)`` gives ``Store`` (whether it is a
        class is for the call graph to find); ``except E as x`` gives ``E`` (one type only);
        ``x = name`` gives ``ALIAS_OF`` and the name; any other value gives None; a loop's
        variables give ``UNTYPED_LOCAL``, and so does a ``with``'s but for what a call makes
        (``with Session() as s``); ``x = None`` gives nothing. ``a = b = …`` gives both."""
        if node.type == "for_statement":
            target = node.child_by_field_name("left")
            if target is None:
                return []
            names = [target] if target.type == "identifier" else target.named_children
            return [(text(n, source), UNTYPED_LOCAL) for n in names if n.type == "identifier"]
        if node.type == "as_pattern":
            # ``with Session(engine) as s``: mostly what the call makes (``__enter__`` gives
            # itself, a ``contextmanager`` what it yields: see ``Function.returned``).
            alias = node.child_by_field_name("alias")
            name = None if alias is None else first_child_of_type(alias, ("identifier",))
            if name is None:
                return []
            value = node.named_children[0] if node.named_child_count else None
            return [(text(name, source), _called(value, source) or UNTYPED_LOCAL)]
        if node.type == "except_clause":
            caught = first_child_of_type(node, ("as_pattern",))
            if caught is None or not caught.named_child_count:
                return []
            kind, alias = caught.named_children[0], caught.named_children[-1]
            name = first_child_of_type(alias, ("identifier",))
            if name is None:
                return []
            if kind.type in ("identifier", "attribute"):
                return [(text(name, source), text(kind, source))]
            types = [child for child in kind.named_children if child.type != "comment"]
            if kind.type == "tuple" and all(c.type in ("identifier", "attribute") for c in types):
                # ``except (ValidationError, ValueError) as exc``: one of these, ``A|B``.
                return [(text(name, source), "|".join(text(c, source) for c in types))]
            return [(text(name, source), None)]
        return _assignment_types(node, source, keep_none=False)

    def parameter_class(self, parameter: Parameter) -> str | None:
        """The class a parameter's declared type names (``class_of_type``)."""
        return class_of_type(parameter.type)

    def throw_types(self, node: Node, source: bytes) -> tuple[str, ...]:
        """``raise X(...)`` / ``raise X`` → (X,); a bare ``raise`` → ()."""
        raised = node.named_children[0] if node.named_child_count else None
        if raised is None:
            return ()
        if raised.type == "call":
            function = raised.child_by_field_name("function")
            return () if function is None else (short_text(function, source),)
        if raised.type in ("identifier", "attribute"):
            return (short_text(raised, source),)
        return ()

    def literal_context(self, parent: Node | None) -> Context | None:
        """Docstrings are told apart from other expression statements."""
        if parent is None:
            return "unknown"
        kind = parent.type
        context = _CONTEXTS.get(kind)
        if context is not None:  # the common case, decided by one read of the parent
            return context
        if kind == "expression_statement":
            return "docstring" if _is_docstring(parent) else "unknown"
        if kind not in _PLACES.wrappers:  # what ``context_of`` says, without reading kind again
            return "unknown"  # (Python skips no parents)
        return _PLACES.context_of(parent.parent)


def _applied(node: Node, source: bytes) -> CallParts:
    """The call a decorator's application makes: ``@a.b`` (the expression's node) calls
    ``a.b``, and ``@a.b(x)`` (the decorator's node) calls what ``a.b(x)`` returns, each with
    the decorated definition; any other node is read as a call (a broken one has no
    arguments)."""
    if node.type == "decorator":
        expression = next((c for c in node.named_children if c.type != "comment"), None)
        if expression is not None and expression.type == "call":
            return "__call__", short_text(expression, source), 1
    elif node.type in ("identifier", "attribute"):
        callee, receiver = call_target(node, source)
        return callee, receiver, 1
    return read_call(node, source)


def _call_of_call(node: Node, source: bytes) -> CallParts | None:
    """``Regexp(r"a")("A")`` (marshmallow's tests) as ``__call__`` on ``Regexp(r"a")``: the
    instance the inner call makes is called; None for a call of anything else."""
    function = node.child_by_field_name("function")
    if function is None or function.type != "call":
        return None
    return (
        "__call__",
        short_text(function, source),
        argument_count(node.child_by_field_name("arguments"), source),
    )


def _names(node: Node) -> list[Node]:
    return [child for child in node.children_by_field_name("name") if child is not None]


def _module_import(child: Node, statement: Node, source: bytes) -> Import:
    if child.type == "aliased_import":
        module = field_text(child, "name", source) or ""
        alias = field_text(child, "alias", source)
        return Import(module, line(statement), (), alias, False, False)
    return Import(text(child, source), line(statement), (), None, False, False)


def _imported_name(child: Node, source: bytes) -> ImportedName:
    if child.type == "aliased_import":
        name = field_text(child, "name", source) or ""
        return ImportedName(name, field_text(child, "alias", source))
    return ImportedName(text(child, source), None)
