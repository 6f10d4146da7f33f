"""Java: how captured nodes read as methods, types, annotations, imports and handlers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from tree_sitter import Node

from drift.scan.model import NUMBER, ClassKind, Decorator, Export, Import, ImportedName, Parameter
from drift.scan.model import StringContext as Context
from drift.scan.nodes import (
    SourceText,
    field_text,
    first_child_of_type,
    has_token,
    is_blank_block,
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
    argument_count,
    call_target,
    class_of_type,
    make_decorator,
    type_name,
)

_CLASS_KINDS: Final[dict[str, ClassKind]] = {
    "class_declaration": "class",
    "interface_declaration": "interface",
    "enum_declaration": "enum",
    "record_declaration": "record",
    "annotation_type_declaration": "interface",  # ``@interface Ann``: an interface's kind
}
_GENERIC_EXCEPTIONS: Final = frozenset({"Exception", "Throwable"})
_NO_FILLERS: Final = frozenset[str]()

_PLACES: Final = LiteralPlaces(
    contexts={
        "argument_list": "function_argument",
        "variable_declarator": "assignment",
        "assignment_expression": "assignment",
        "return_statement": "return",
        "array_initializer": "array",
        "element_value_array_initializer": "array",
        "element_value_pair": "decorator",
        "annotation_argument_list": "decorator",
    },
    wrappers=frozenset({"parenthesized_expression"}),
    # An array creation's size (``new double[4]``) is the array's length, as Go's ``[4]byte``
    # is: the size of what is made, no value of the code's. An index (``a[3]``) stays one.
    skipped=frozenset({"dimensions_expr"}),
)


def _parameter(node: Node, source: bytes) -> Parameter | None:
    if node.type == "formal_parameter":
        name = field_text(node, "name", source) or ""
        written = field_text(node, "type", source)
        dimensions = node.child_by_field_name("dimensions")
        if written is not None and dimensions is not None:  # ``int counts[]``: an ``int[]``
            written += text(dimensions, source)
        return Parameter(name, written, None, False)
    if node.type == "spread_parameter":
        declarator = first_child_of_type(node, ("variable_declarator",))
        name = "" if declarator is None else field_text(declarator, "name", source) or ""
        kind = next(
            (c for c in node.named_children if c.type not in ("modifiers", "variable_declarator")),
            None,
        )
        return Parameter(name, None if kind is None else text(kind, source), None, True)
    return None  # receiver parameters, comments


def _single_variable(node: Node, source: bytes) -> list[tuple[str, str | None]]:
    """A catch clause's or a for-each loop's variable, with its declared class (none for a
    multi-catch's ``IOException | RuntimeException e``, nor for ``var``)."""
    name = field_text(node, "name", source)
    declared = node.child_by_field_name("type") or first_child_of_type(node, ("catch_type",))
    written = None if declared is None else text(declared, source)
    single = written is not None and "|" not in written and written != "var"
    return [] if name is None else [(name, java_class_of_type(written) if single else None)]


def _modifiers(node: Node) -> Node | None:
    return first_child_of_type(node, ("modifiers",))


def _passes_on(types: tuple[str, ...], body: str) -> bool:
    """Whether a handler's body hands the failure on without rethrowing: ``assert false``
    (this cannot happen, and says so when assertions are on: java.util.concurrent's
    ``catch (TimeoutException cannotHappen)``), or, for an ``InterruptedException``, the
    interrupt restored (``Thread.currentThread().interrupt()``) or remembered to be restored
    later (``interrupted = true``, AbstractQueuedSynchronizer's)."""
    if _ASSERT_FALSE.search(body):
        return True
    if types and all(type_name(t) == "InterruptedException" for t in types):
        return _RESTORES_INTERRUPT.search(body) is not None
    return False


_ASSERT_FALSE: Final = re.compile(r"\bassert\s+false\b")
_RESTORES_INTERRUPT: Final = re.compile(r"\.interrupt\s*\(\s*\)|\b\w+\s*=\s*true\b")


class JavaRules:
    """Extraction rules for Java."""

    query_files: tuple[str, ...] = ("java.scm",)

    def parameters(self, node: Node, source: bytes) -> tuple[Parameter, ...]:
        """Formal parameters; ``String... names`` is a rest parameter."""
        holder = node.child_by_field_name("parameters")
        if holder is None:
            return ()
        found = (_parameter(child, source) for child in holder.named_children)
        return tuple(item for item in found if item is not None)

    def return_type(self, node: Node, source: bytes) -> str | None:
        """The declared result type (None for constructors)."""
        if node.type != "method_declaration":
            return None
        return field_text(node, "type", source)

    def binds_name(self, node: Node) -> bool:
        """Every definition names itself in its scope."""
        return True

    def is_static(self, node: Node, source: bytes) -> bool:
        """A method declared ``static``."""
        modifiers = first_child_of_type(node, ("modifiers",))
        return modifiers is not None and any(c.type == "static" for c in modifiers.children)

    def is_private(self, node: Node, name: str) -> bool:
        """A method declared ``private``."""
        modifiers = first_child_of_type(node, ("modifiers",))
        return modifiers is not None and any(c.type == "private" for c in modifiers.children)

    def is_accessor(self, node: Node) -> bool:
        """Java has no accessors: a getter is a method called."""
        return False

    def is_async(self, node: Node, file: SourceText) -> bool:
        """Java has no async methods."""
        return False

    def receiver_type(self, node: Node, source: bytes) -> str | None:
        """Methods live in class bodies, but for one of an anonymous class a field's value
        makes (``static final List<?> EMPTY_LIST = new List<Object>() { isEmpty() … }``):
        the field names it (``List.EMPTY_LIST.isEmpty``), no method of the class around it
        (javac's 212 such methods had taken 240 calls of their namesakes); and for one of an
        enum constant's body (``PLUS { int apply(int a) … }``), the constant
        (``Op.PLUS.apply``): each constant's ``apply`` is its own, not one shared
        ``Op.apply`` that calls in every body reached the first of."""
        body = node.parent
        made = None if body is None else body.parent
        if body is None or body.type != "class_body" or made is None:
            return None
        if made.type == "enum_constant":
            return field_text(made, "name", source)
        if made.type != "object_creation_expression":
            return None
        holder = made.parent
        if holder is None or holder.type != "variable_declarator":
            return None
        field = holder.parent
        if field is None or field.type != "field_declaration":
            return None
        return field_text(holder, "name", source)

    def receiver_name(self, node: Node, source: bytes) -> str | None:
        """Methods live in class bodies: their receiver is ``self``/``this``, not a name."""
        return None

    def receiver_is_class(self, node: Node) -> bool:
        """An enum constant's body is a class of its own, a subclass of the enum named by the
        constant; a field's anonymous class is no class (``receiver_type``)."""
        body = node.parent
        made = None if body is None else body.parent
        return made is not None and made.type == "enum_constant"

    def decorator(self, node: Node, source: bytes) -> Decorator:
        """``@Name`` or ``@Name(arguments)``."""
        name = field_text(node, "name", source) or short_text(node, source)
        arguments = node.child_by_field_name("arguments")
        value = None
        if arguments is not None:
            value = text(arguments, source).strip().removeprefix("(").removesuffix(")").strip()
        return make_decorator(name, value, node)

    def class_kind(self, node: Node) -> ClassKind:
        """class, interface, enum or record."""
        return _CLASS_KINDS.get(node.type, "class")

    def bases(self, node: Node, source: bytes) -> tuple[str, ...]:
        """``extends`` then ``implements`` (interfaces: their ``extends`` list)."""
        found: list[str] = []
        for part in node.named_children:
            if part.type == "superclass":
                found.extend(short_text(item, source) for item in part.named_children)
            elif part.type in ("super_interfaces", "extends_interfaces"):
                listing = first_child_of_type(part, ("type_list",))
                items = [] if listing is None else listing.named_children
                found.extend(short_text(item, source) for item in items)
        return tuple(found)

    def declared_methods(self, node: Node, source: bytes) -> tuple[tuple[str, str], ...]:
        """Every method of a class is a function of its own (an abstract one too)."""
        return ()

    def imports(self, node: Node, source: bytes) -> list[Import]:
        """``import a.b.C`` → source ``a.b``, name ``C``; ``import a.b.*`` → wildcard ``a.b``.
        Only ``import static`` brings members: any other import is ``is_type_only``."""
        target = first_child_of_type(node, ("scoped_identifier", "identifier"))
        full = "" if target is None else text(target, source)
        types = not has_token(node, "static", limit=3)
        if first_child_of_type(node, ("asterisk",)) is not None:
            return [Import(full, line(node), (), None, True, types)]
        module, _, name = full.rpartition(".")
        if not module:
            return [Import(full, line(node), (), None, False, types)]
        return [Import(module, line(node), (ImportedName(name, None),), None, False, types)]

    def collect_export(self, node: Node, source: bytes, facts: ExportFacts) -> None:
        """Java has no export statements: ``public`` decides (see ``is_exported``)."""

    def is_exported(self, definition: Definition, facts: ExportFacts) -> bool:
        """Declared ``public`` (members of interfaces implicitly are), in an exported type."""
        parent = definition.parent
        if parent is not None and (parent.kind != "class" or not parent.is_exported):
            return False
        modifiers = _modifiers(definition.node)
        if modifiers is not None and has_token(modifiers, "public", limit=modifiers.child_count):
            return True
        return parent is not None and parent.class_kind == "interface"

    def module_exports(self, definitions: Sequence[Definition], facts: ExportFacts) -> list[Export]:
        """Public top-level types."""
        return [
            Export(item.name, line(item.name_node or item.node), False, False, None)
            for item in definitions
            if item.kind == "class" and item.is_top_level and item.is_exported
        ]

    def call_parts(self, node: Node, file: SourceText) -> CallParts:
        """``obj.method(…)`` → method, obj; ``new T<…>(…)`` → T; ``this(…)`` and
        ``super(…)`` (``outer.super(…)`` too) → ``this``, ``super``, no receiver: the call
        graph knows the caller's class and its superclass."""
        source = file.data
        count = argument_count(node.child_by_field_name("arguments"), source)
        if node.type == "object_creation_expression":
            kind = node.child_by_field_name("type")
            callee = "" if kind is None else call_target(kind, source)[0]
            return callee, None, count
        if node.type == "explicit_constructor_invocation":
            invoked = node.child_by_field_name("constructor")
            return ("" if invoked is None else invoked.type), None, count
        name = field_text(node, "name", source) or ""
        owner = node.child_by_field_name("object")
        return name, None if owner is None else short_text(owner, source), count

    def handler(self, kind: str, node: Node, source: bytes) -> HandlerFacts:
        """A ``catch`` clause: the (multi-)catch types, the parameter name, emptiness."""
        body = node.child_by_field_name("body")
        parameter = first_child_of_type(node, ("catch_formal_parameter",))
        types: tuple[str, ...] = ()
        variable = None
        if parameter is not None:
            variable = field_text(parameter, "name", source)
            listing = first_child_of_type(parameter, ("catch_type",))
            items = [] if listing is None else listing.named_children
            types = tuple(short_text(item, source) for item in items)
        generic = any(type_name(item) in _GENERIC_EXCEPTIONS for item in types)
        empty = is_blank_block(body, _NO_FILLERS)
        passes_on = not empty and body is not None and _passes_on(types, text(body, source))
        return HandlerFacts(body, types, variable, empty, generic, propagates=passes_on)

    def field_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``private final Repo repo;``: each field declared, with its declared class; an
        enum's constant, with the enum (``NORMAL`` of ``enum Level``: ``Level``)."""
        if node.type == "enum_constant":
            body = node.parent
            enum = None if body is None else body.parent
            name = field_text(node, "name", source)
            kind = None if enum is None else field_text(enum, "name", source)
            return [] if name is None else [(name, kind)]
        return self.local_types(node, source)

    def local_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``Store s = …`` gives ``Store`` to each variable declared; ``var s = new Store()``
        gives the constructed class; ``catch (IOException e)`` and ``for (URL u : urls)``
        their variable's (none for a multi-catch's ``IOException | RuntimeException e``)."""
        if node.type in ("catch_formal_parameter", "enhanced_for_statement"):
            return _single_variable(node, source)
        declared = node.child_by_field_name("type")
        written = None if declared is None else text(declared, source)
        found: list[tuple[str, str | None]] = []
        for declarator in node.children_by_field_name("declarator"):
            name = declarator.child_by_field_name("name")
            if name is None:
                continue
            kind = java_class_of_type(written) if written != "var" else None
            dimensions = declarator.child_by_field_name("dimensions")
            if kind is not None and dimensions is not None:  # ``int counts[] = …``
                kind += text(dimensions, source).replace(" ", "")
            if written == "var":
                value = declarator.child_by_field_name("value")
                made = None if value is None else value.child_by_field_name("type")
                if value is not None and value.type == "object_creation_expression" and made:
                    kind = class_of_type(text(made, source))
            found.append((text(name, source), kind))
        return found

    def parameter_class(self, parameter: Parameter) -> str | None:
        """The class a parameter's declared type names, an array's brackets kept (``URL[]
        urls`` is no ``URL`` to an overload; ``String... names`` is a ``String[]``)."""
        return java_class_of_type(parameter.type, parameter.is_rest)

    def throw_types(self, node: Node, source: bytes) -> tuple[str, ...]:
        """``throw new E(…)`` → E; ``throw e`` → e."""
        thrown = node.named_children[0] if node.named_child_count else None
        if thrown is None:
            return ()
        if thrown.type == "object_creation_expression":
            kind = thrown.child_by_field_name("type")
            return () if kind is None else (short_text(kind, source).split("<", 1)[0],)
        if thrown.type in ("identifier", "field_access"):
            return (short_text(thrown, source),)
        return ()

    def literal_context(self, parent: Node | None) -> Context | None:
        """Literals in annotations count as decorator arguments."""
        return _PLACES.context_of(parent)


_ARRAY_SUFFIX: Final = re.compile(r"(?:\s*\[\s*\])+\s*$")


def java_class_of_type(written: str | None, is_rest: bool = False) -> str | None:
    """``class_of_type`` with an array's brackets kept (``URL[]``, ``int[][]``; a variable
    arity parameter's ``String... names`` is a ``String[]``): an array is no instance of its
    element's class, and overloads taking one or the other are told apart by it."""
    kind = class_of_type(written)
    if kind is None or written is None:
        return kind
    brackets = _ARRAY_SUFFIX.search(written)
    depth = 0 if brackets is None else brackets.group().count("[")
    return kind + "[]" * (depth + is_rest)


# Binary numeric promotion (JLS 5.6): the wider operand's type, at least ``int``.
_NUMERIC_RANK: Final = {"byte": 0, "short": 1, "char": 1, "int": 2, "long": 3, "float": 4}
_NUMERIC_RANK_OF: Final = {**_NUMERIC_RANK, "double": 5}
_UNBOXED: Final = {
    "Byte": "byte", "Short": "short", "Character": "char", "Integer": "int", "Long": "long",
    "Float": "float", "Double": "double", "Boolean": "boolean",
}  # fmt: skip
_COMPARISONS: Final = frozenset({"<", ">", "<=", ">=", "==", "!=", "&&", "||"})
_ARITHMETIC: Final = frozenset({"-", "*", "/", "%"})
_SHIFTS: Final = frozenset({"<<", ">>", ">>>"})
_BITWISE: Final = frozenset({"&", "|", "^"})


def _numeric(kind: str) -> str | None:
    """A numeric operand's primitive type (unboxed), ``NUMBER`` for one of unknown width, None
    for anything else."""
    kind = _UNBOXED.get(kind, kind)
    return kind if kind in _NUMERIC_RANK_OF or kind == NUMBER else None


def promoted(*operands: str) -> str:
    """The type of arithmetic on ``operands`` (``""``: unknown): the widest one's, at least
    ``int``; ``double`` when one is, whatever the others are; else ``NUMBER`` when one is not
    known (a number all the same)."""
    numbers = [_numeric(kind) for kind in operands]
    if "double" in numbers:
        return "double"
    if any(number is None or number == NUMBER for number in numbers):
        return NUMBER
    rank = max(_NUMERIC_RANK[number] for number in numbers if number is not None)
    return {3: "long", 4: "float"}.get(rank, "int")


def binary_type(operator: str, left: str, right: str) -> str:
    """The type of ``left operator right`` from its operands' (``""``: unknown)."""
    if operator in _COMPARISONS:
        return "boolean"
    if operator == "+":
        if "String" in (left, right):
            return "String"
        # Another operand unknown may be a string: concatenation.
        known = _numeric(left) is not None and _numeric(right) is not None
        return promoted(left, right) if known else ""
    if operator in _ARITHMETIC:
        return promoted(left, right)
    if operator in _SHIFTS:
        return promoted(left)
    if operator in _BITWISE:
        if "boolean" in (_UNBOXED.get(left, left), _UNBOXED.get(right, right)):
            return "boolean"
        one = _numeric(left) is not None or _numeric(right) is not None
        return promoted(left, right) if one else ""
    return ""


def unary_type(operator: str, operand: str) -> str:
    """The type of ``operator operand`` (``-x``, ``~x``, ``!b``)."""
    if operator == "!":
        return "boolean"
    return promoted(operand) if operator in ("-", "+", "~") else ""


def conditional_type(consequence: str, alternative: str) -> str:
    """The type of ``c ? consequence : alternative``, when its branches' say it."""
    if consequence == alternative:
        return consequence
    if "null" in (consequence, alternative):
        other = alternative if consequence == "null" else consequence
        return "" if other in _NUMERIC_RANK_OF or other == "boolean" else other
    if _numeric(consequence) is not None and _numeric(alternative) is not None:
        return promoted(consequence, alternative)
    return ""
