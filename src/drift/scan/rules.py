"""What each language contributes to extraction, and the readings several languages share.

The query finds the nodes; a ``LanguageRules`` object reads each captured node and its few
children into facts (names, parameters, handler flags). Each ``lang_*`` module provides one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, Protocol

from tree_sitter import Node

from drift.scan.model import (
    ClassKind,
    Decorator,
    Export,
    Import,
    Parameter,
    StringContext,
)
from drift.scan.nodes import (
    COMMENT_TYPES,
    RECEIVER_MAX_CHARS,
    SourceText,
    line,
    short_text,
    shorten,
    text,
)

DefinitionKind = Literal["function", "class"]


CallParts = tuple[str, str | None, int]
"""What a call site says: ``obj.method(a, b)`` → (``method``, ``obj``, 2). A plain tuple: one is
read per call, the most frequent capture."""


@dataclass(slots=True, eq=False)
class Definition:
    """A function or class found in the file, while extraction is still linking scopes."""

    kind: DefinitionKind
    node: Node
    name: str
    name_node: Node | None
    start: int  # first byte of the definition
    end: int  # byte just past it
    parent: Definition | None = None
    qualified_name: str = ""
    is_exported: bool = False
    class_kind: ClassKind = "class"

    @property
    def is_top_level(self) -> bool:
        """Not nested in any function or class."""
        return self.parent is None


@dataclass(slots=True)
class ExportFacts:
    """What the module's export statements say, gathered match by match."""

    exports: list[Export] = field(default_factory=list)
    node_ids: set[int] = field(default_factory=set)  # definitions exported in place
    names: set[str] = field(default_factory=set)  # names exported by a list or clause
    has_name_list: bool = False  # Python: __all__ is defined
    # JavaScript: the file's top-level ``const`` names given another name or a member
    # (``const stringType = ZodString.create``), read when an export first needs them.
    constants: dict[str, str] | None = None


@dataclass(slots=True)
class HandlerFacts:
    """A handler as the language sees it; extraction adds ``rethrows``/``swallows`` and scope.

    ``propagates``: the language found propagation directly (Go ``return``/``panic`` in an
    ``if err != nil`` block). ``judge_swallow`` is False where swallowing cannot be judged from
    the construct alone (Go ``recover``, ``.catch(handlerFunction)``). ``uses_active_error``: the
    body reads the error it handles without naming it (Python's ``logger.exception(…)``,
    ``traceback.print_exc()``, ``sys.exc_info()``). ``on_purpose``: the code says by a name that
    the error is dropped deliberately (``.catch(noop)``), as a comment saying why would.
    ``falls_back``: the language found the handler gives, in the failed call's stead, a value of
    its own (Go's ``host, err := f(); if err != nil { host = "none" }``): it swallows nothing.
    """

    body: Node | None
    types: tuple[str, ...] = ()
    variable: str | None = None
    is_empty: bool = False
    is_generic: bool = False
    propagates: bool = False
    judge_swallow: bool = True
    uses_active_error: bool = False
    on_purpose: bool = False
    falls_back: bool = False


class LanguageRules(Protocol):
    """Per-language readings of captured nodes."""

    @property
    def query_files(self) -> tuple[str, ...]:
        """The ``queries/*.scm`` files whose patterns make up the extraction query."""
        ...

    def parameters(self, node: Node, source: bytes) -> tuple[Parameter, ...]:
        """Parameters of the function ``node``."""
        ...

    def return_type(self, node: Node, source: bytes) -> str | None:
        """Declared return type of the function ``node``."""
        ...

    def is_async(self, node: Node, file: SourceText) -> bool:
        """Whether the function ``node`` is declared async."""
        ...

    def binds_name(self, node: Node) -> bool:
        """Whether the function ``node`` puts its name in scope (``Function.binds_name``)."""
        ...

    def is_static(self, node: Node, source: bytes) -> bool:
        """Whether the function ``node`` is a class's own, not its instances' (``is_static``)."""
        ...

    def is_private(self, node: Node, name: str) -> bool:
        """Whether the method ``node`` named ``name`` is hidden from subclasses
        (``Function.is_private``)."""
        ...

    def is_accessor(self, node: Node) -> bool:
        """Whether the function ``node`` is a getter or a setter (``Function.is_accessor``)."""
        ...

    def receiver_type(self, node: Node, source: bytes) -> str | None:
        """The type a method is declared on outside any class body (Go), else None."""
        ...

    def receiver_name(self, node: Node, source: bytes) -> str | None:
        """The name a method declared outside any class body gives its receiver (Go's ``s``
        in ``func (s *Server) M()``), else None."""
        ...

    def receiver_is_class(self, node: Node) -> bool:
        """Whether the receiver ``receiver_type`` gives a method inside a class body names a
        class of its own, whose method it is (Java's enum constant with a body: its
        anonymous subclass of the enum), rather than a value the method is part of (a
        field's anonymous class, of no class)."""
        ...

    def decorator(self, node: Node, source: bytes) -> Decorator:
        """A decorator or annotation node read as a ``Decorator``."""
        ...

    def class_kind(self, node: Node) -> ClassKind:
        """The kind of the class-like ``node``."""
        ...

    def bases(self, node: Node, source: bytes) -> tuple[str, ...]:
        """Extended and implemented types of the class ``node``, as written."""
        ...

    def declared_methods(self, node: Node, source: bytes) -> tuple[tuple[str, str], ...]:
        """The methods the class ``node`` names without defining them, which extraction
        reads as no function (Go's interface: its method elements), in source order, with
        the signature of each (``Class.declared``)."""
        ...

    def imports(self, node: Node, source: bytes) -> list[Import]:
        """The imports one import node declares."""
        ...

    def collect_export(self, node: Node, source: bytes, facts: ExportFacts) -> None:
        """Record what one ``@export`` node says."""
        ...

    def is_exported(self, definition: Definition, facts: ExportFacts) -> bool:
        """Whether a function or class is visible outside its module."""
        ...

    def module_exports(self, definitions: Sequence[Definition], facts: ExportFacts) -> list[Export]:
        """The module's exports, once every definition is known."""
        ...

    def call_parts(self, node: Node, file: SourceText) -> CallParts:
        """Callee, receiver and argument count of a ``@call`` or ``@construct`` node."""
        ...

    def handler(self, kind: str, node: Node, source: bytes) -> HandlerFacts:
        """Facts of a handler node (``kind`` is its capture name)."""
        ...

    def field_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """The attributes (fields, properties) a ``@field`` node gives the class it is in,
        each with the class it gives them, like ``local_types``."""
        ...

    def local_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """The local variables a ``@local`` node declares or assigns, each with the class it
        gives them (``class_of_type`` of a declared type, or a constructor's name), or None
        when it gives none (``x = compute()``): see ``CallSite.receiver_type``."""
        ...

    def parameter_class(self, parameter: Parameter) -> str | None:
        """The class a parameter's declared type gives it, as ``local_types`` gives a local's
        (Go: also a container's type, ``items []*Store`` gives ``[]Store``)."""
        ...

    def throw_types(self, node: Node, source: bytes) -> tuple[str, ...]:
        """The raised type of a throw/raise/panic ``node``, when it can be read."""
        ...

    def literal_context(self, parent: Node | None) -> StringContext | None:
        """Where a literal whose parent is ``parent`` sits; None to leave it out (an import
        path)."""
        ...


# ---- shared readings -------------------------------------------------------------------------

_TYPE_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_OPTIONAL = re.compile(r"Optional\[(.+)\]")
_NOTHING = frozenset({"None", "null", "undefined"})


def _union_members(written: str) -> list[str]:
    """The members of a union written ``A | B``, split only outside brackets:
    ``Batch<A, B | C>`` is one member (msw's field had read as a union)."""
    members: list[str] = []
    depth = start = 0
    for index, char in enumerate(written):
        if char in "<[(":
            depth += 1
        elif char in ">])" and written[index - 1 : index] != "=":  # not an arrow's ``=>``
            depth -= 1
        elif char == "|" and depth == 0:
            members.append(written[start:index])
            start = index + 1
    members.append(written[start:])
    return members


def class_of_type(written: str | None) -> str | None:
    """The class a declared type names, as written, without type arguments: ``Store``,
    ``models.Store`` (``List<Item>`` → ``List``; ``Optional[Store]``, ``Store | None``, Go's
    ``*Store`` and Python's forward reference ``"Store"`` → ``Store``), or None for anything
    else (a union, a function type, a slice)."""
    if not written:
        return None
    kept = written.strip().lstrip("*")  # a Go pointer: ``*Store``
    if len(kept) > 2 and kept[0] == kept[-1] and kept[0] in "'\"":
        kept = kept[1:-1].strip()  # a Python forward reference: ``"Store"``
    optional = _OPTIONAL.fullmatch(kept)
    if optional is not None:
        kept = optional.group(1).strip()
    if "|" in kept:
        members = [part.strip() for part in _union_members(kept) if part.strip() not in _NOTHING]
        if len(members) != 1:
            return None
        kept = members[0]
    name = _TYPE_NAME.match(kept)
    if name is None:
        return None
    rest = kept[name.end() :].lstrip()
    if rest and rest[0] not in "<[":
        return None
    return name.group()


_HEX = re.compile(r"0[xX][0-9a-fA-F_]+")
_LEGACY_OCTAL = re.compile(r"0[0-7_]+")


def parse_number(raw: str) -> int | float | None:
    """The value of a numeric literal in any supported language, or None (imaginary, garbage,
    beyond a double's range)."""
    if raw.isdigit() and (raw[0] != "0" or len(raw) == 1):
        return int(raw)  # the common case, without the checks below
    cleaned = raw.replace("_", "")
    if _HEX.fullmatch(cleaned.rstrip("lLn")):
        return int(cleaned.rstrip("lLn"), 16)
    if _LEGACY_OCTAL.fullmatch(cleaned) and len(cleaned) > 1:
        return int(cleaned, 8)
    if cleaned[-1:] in ("j", "J", "i"):
        return None
    stripped = cleaned.rstrip("lLnfFdD")
    try:
        return int(stripped, 0)
    except ValueError:
        pass
    try:
        value = float(stripped)
    except ValueError:
        return None
    # ``1e400`` overflows a double: no value rather than an infinity JSON cannot hold.
    return value if math.isfinite(value) else None


@dataclass(frozen=True, slots=True)
class LiteralPlaces:
    """Parent node types that tell where a literal sits, for ``literal_context``."""

    contexts: Mapping[str, StringContext]
    wrappers: frozenset[str]  # parents to look through (parentheses, concatenation)
    skipped: frozenset[str] = frozenset()  # parents whose literals are not values (imports)

    def context_of(self, parent: Node | None) -> StringContext | None:
        """The context of a literal whose parent is ``parent``; None when it is in ``skipped``.

        Arguments of a decorator's call read as ``function_argument`` here; extraction turns
        them into ``decorator`` once it knows where the decorators are.
        """
        while parent is not None:
            kind = parent.type  # read once: each read builds a new string
            if kind not in self.wrappers:
                if kind in self.skipped:
                    return None
                return self.contexts.get(kind, "unknown")
            parent = parent.parent
        return "unknown"


MEMBER_FIELDS: Final[dict[str, tuple[str, str]]] = {
    # call target node type → (receiver field, name field)
    "attribute": ("object", "attribute"),
    "member_expression": ("object", "property"),
    "selector_expression": ("operand", "field"),
    "field_access": ("object", "field"),
    "scoped_identifier": ("scope", "name"),
}
_PLAIN_NAMES: Final = frozenset(
    {"identifier", "property_identifier", "type_identifier", "field_identifier"}
)

_ANONYMOUS: Final = frozenset(
    {"func_literal", "arrow_function", "function_expression", "lambda", "parenthesized_expression"}
)
ANONYMOUS_CALLEE: Final = "<anonymous>"
"""Callee of a call whose target is a function literal: ``(() => 1)()``, ``func(){...}()``."""


def read_call(node: Node, source: bytes) -> CallParts:
    """The parts of a call whose target is its ``function`` (or ``constructor``) field."""
    function = node.child_by_field_name("function") or node.child_by_field_name("constructor")
    count = argument_count(node.child_by_field_name("arguments"), source)
    if function is None:
        return short_text(node, source), None, count
    callee, receiver = call_target(function, source)
    return callee, receiver, count


def argument_count(arguments: Node | None, source: bytes) -> int:
    """How many arguments a call's ``arguments`` node holds (comments are not arguments)."""
    if arguments is None:
        return 0
    if arguments.type not in ("argument_list", "arguments"):
        return 1  # f(x for x in y), tagged templates
    count: int = arguments.named_child_count
    if arguments.child_count == 2 * count + 1 and not may_comment(arguments, source):
        # n arguments, n-1 commas and two parentheses, no comment: no node reads.
        return count
    return sum(1 for child in arguments.named_children if child.type not in COMMENT_TYPES)


def may_comment(node: Node, source: bytes) -> bool:
    """Whether ``node``'s text could hold a comment (``#``, ``//`` or ``/*``). A comment alone in
    an argument list (``h(/* none */)``, ``f(a, /* last */)``) keeps the 2n + 1 children of n
    arguments, so the count cannot tell; a search of the bytes is cheaper than reading nodes."""
    start, end = node.start_byte, node.end_byte
    return source.find(b"/", start, end) >= 0 or source.find(b"#", start, end) >= 0


def call_target(function: Node, source: bytes) -> tuple[str, str | None]:
    """(callee, receiver) of a call target: ``a.b.c`` → (``c``, ``a.b``); else its text."""
    if function.type in _PLAIN_NAMES:
        return text(function, source), None
    fields = MEMBER_FIELDS.get(function.type)
    if fields is not None:
        receiver = function.child_by_field_name(fields[0])
        name = function.child_by_field_name(fields[1])
        if name is not None:
            owner = None if receiver is None else short_text(receiver, source)
            return text(name, source), owner
    if function.type == "generic_type":  # Java: new ArrayList<>()
        return short_text(function, source).split("<", 1)[0], None
    if function.type == "parenthesized_expression" and function.named_child_count == 1:
        inner = function.named_children[0]
        if inner.type == "sequence_expression" and inner.named_child_count:
            # TypeScript's CommonJS output calls an import as ``(0, util_1.helper)(…)``: the
            # comma expression's value is its last part.
            return call_target(inner.named_children[-1], source)
    if function.type in _ANONYMOUS:
        return ANONYMOUS_CALLEE, None
    return short_text(function, source), None


ReferenceParts = tuple[str, str | None, bool]
"""What a function passed as a value names: ``self._key`` → (``_key``, ``self``, False); a Java
``X::new`` → (``X``, None, True), a constructor."""


def read_reference(node: Node, file: SourceText) -> ReferenceParts:
    """The parts of a ``@reference`` node: a member (``self._key``, ``mx.routeHTTP``,
    ``this.onData``) or a Java method reference (``LocalDate::from``, ``this::name``,
    ``X::new``); of a ``@reference_name`` node, a name (``parseLine``, a JavaScript shorthand
    property ``{ onData }``). ``("", None, False)`` for one that names nothing
    (``int[]::new``)."""
    decoded = file.ascii
    if decoded is not None:
        # Most are a name or a dotted name on one line (``self._key``, ``mx.routeHTTP``): read
        # from the text alone, as the calls' targets are (this runs for every one).
        written = decoded[node.start_byte : node.end_byte]
        if written.replace(".", "").isidentifier():
            owner, _, name = written.rpartition(".")
            if not owner:
                return name, None, False
            return name, shorten(owner) if len(owner) > RECEIVER_MAX_CHARS else owner, False
    kind = node.type
    if kind in _REFERENCE_NAMES:
        return file.text(node), None, False
    if kind == "method_reference":
        return _method_reference(node, file.data)
    callee, receiver = call_target(node, file.data)
    return callee, receiver, False


_REFERENCE_NAMES: Final = frozenset({"identifier", "shorthand_property_identifier"})


def _method_reference(node: Node, source: bytes) -> ReferenceParts:
    """``X::m`` → (``m``, ``X``); ``X::new`` → (``X``, None, constructor), as ``new X()``."""
    target = node.named_children[0] if node.named_child_count else None
    last = node.child(node.child_count - 1)
    if target is None or last is None or target.type == "array_type":
        return "", None, False
    if last.type == "new":
        if target.type == "field_access":
            # ``ConcNode.OfInt::new``: the nested class as ``new ConcNode.OfInt(…)`` names it,
            # not whichever ``OfInt`` is nearest the caller (Nodes nests six).
            return short_text(target, source), None, True
        return call_target(target, source)[0], None, True
    if last.type != "identifier" or last == target:
        return "", None, False
    return text(last, source), short_text(target, source), False


def decorator_parts(
    expression: Node | None, source: bytes, call_types: frozenset[str]
) -> tuple[str, str | None]:
    """(name, arguments) of a decorator expression: ``a.b(1, 2)`` → (``a.b``, ``1, 2``)."""
    if expression is None:
        return "", None
    if expression.type in call_types:
        function = expression.child_by_field_name("function")
        arguments = expression.child_by_field_name("arguments")
        name = short_text(function, source) if function is not None else ""
        return name, None if arguments is None else _strip_parens(text(arguments, source))
    return short_text(expression, source), None


def _strip_parens(value: str) -> str:
    value = value.strip()
    if value.startswith("(") and value.endswith(")"):
        return value[1:-1].strip()
    return value


def make_decorator(name: str, arguments: str | None, node: Node) -> Decorator:
    """A ``Decorator`` at ``node``'s line."""
    return Decorator(name=name, arguments=arguments, line=line(node))


def async_token(node: Node, limit: int = 4) -> bool:
    """Whether one of the first ``limit`` children of ``node`` is the ``async`` keyword."""
    for index in range(min(limit, node.child_count)):
        child = node.child(index)
        if child is not None and child.type == "async":
            return True
    return False


def strip_type_annotation(value: str | None) -> str | None:
    """``: int`` → ``int`` (TypeScript keeps the colon in its type_annotation node)."""
    if value is None:
        return None
    return value.lstrip(":").strip() or None


def is_public_name(name: str) -> bool:
    """Python's convention: no leading underscore, except dunder names."""
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def type_name(value: str) -> str:
    """The last segment of a dotted type name, without generic arguments."""
    return value.split("<", 1)[0].rsplit(".", 1)[-1].strip()
