"""JavaScript, TypeScript and TSX: how captured nodes read as functions, imports and exports."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from tree_sitter import Node

from drift.scan.model import (
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
    COMMENT_TYPES,
    SourceText,
    field_text,
    first_child_of_type,
    has_token,
    inner_value,
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
    async_token,
    call_target,
    class_of_type,
    decorator_parts,
    make_decorator,
    read_call,
    strip_type_annotation,
)

_CLASS_KINDS: Final[dict[str, ClassKind]] = {
    "interface_declaration": "interface",
    "enum_declaration": "enum",
}
_TYPE_ONLY_DECLARATIONS: Final = frozenset({"interface_declaration", "type_alias_declaration"})
_FUNCTION_VALUES: Final = frozenset(
    {"arrow_function", "function_expression", "generator_function", "class"}
)
_HIDDEN_MEMBERS: Final = frozenset({"private", "protected"})
_NO_FILLERS: Final = frozenset[str]()

_PLACES: Final = LiteralPlaces(
    contexts={
        "arguments": "function_argument",
        "variable_declarator": "assignment",
        "assignment_expression": "assignment",
        "augmented_assignment_expression": "assignment",
        "public_field_definition": "assignment",
        "field_definition": "assignment",
        "pair": "object_property",
        "jsx_attribute": "object_property",
        "return_statement": "return",
        "arrow_function": "return",
        "array": "array",
    },
    wrappers=frozenset(
        {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
    ),
    # A literal type (``type Digit = 0 | 1``, ``kind: "a"``) is a type, not a value.
    # A computed key (``[-32700]: "PARSE_ERROR"``, tRPC's error codes) names its property.
    skipped=frozenset(
        {
            "import_statement",
            "export_statement",
            "import_require_clause",
            "literal_type",
            "computed_property_name",
        }
    ),
)


def _parameter(node: Node, source: bytes) -> Parameter | None:
    kind = node.type
    if kind in ("comment", "decorator"):
        return None
    if kind in ("required_parameter", "optional_parameter"):
        pattern = node.child_by_field_name("pattern")
        type_text = strip_type_annotation(field_text(node, "type", source))
        default = field_text(node, "value", source)
        if pattern is None:
            return Parameter(short_text(node, source), type_text, default, False)
        is_rest = pattern.type == "rest_pattern"
        name = short_text(pattern, source).removeprefix("...")
        return Parameter(name, type_text, default, is_rest)
    if kind == "assignment_pattern":
        name = field_text(node, "left", source) or ""
        return Parameter(name, None, field_text(node, "right", source), False)
    if kind == "rest_pattern":
        return Parameter(short_text(node, source).removeprefix("..."), None, None, True)
    return Parameter(short_text(node, source), None, None, False)


def _string_value(node: Node | None, source: bytes) -> str:
    return "" if node is None else inner_value(node, source)


def _unpacked(pattern: Node, value: Node | None, source: bytes) -> list[tuple[str, str | None]]:
    """The names ``const { a, b: c } = value`` binds, each holding a part of the value
    (``ELEMENT_OF`` and what the value is, or what makes it: ``z.core``, ``axios.get``): a
    library's value's parts are the library's (zod's ``const { regexes } = z.core`` had its
    calls guessed). ``require(…)`` binds imports, read as such."""
    if value is not None and value.type == "await_expression" and value.named_child_count:
        value = value.named_children[0]
    made: str | None = None
    if value is not None and value.type in ("identifier", "member_expression"):
        made = text(value, source)
    elif value is not None and value.type == "call_expression":
        made = _constructed(value, source)
        if made == "require":
            return []
    kind = UNTYPED_LOCAL if made is None else ELEMENT_OF + made
    names = []
    for part in pattern.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            names.append(text(part, source))
        elif part.type == "pair_pattern":
            bound = part.child_by_field_name("value")
            if bound is not None and bound.type == "identifier":
                names.append(text(bound, source))
    return [(name, kind) for name in names]


def _no_value(value: Node | None, source: bytes) -> bool:
    """Whether a variable is given no value: none at all, ``null`` or ``undefined``."""
    return (
        value is None
        or value.type in ("null", "undefined")
        or (value.type == "identifier" and text(value, source) == "undefined")
    )


_CLASS_MEMBERS = frozenset({"method_definition", "public_field_definition", "field_definition"})


def _is_parameter_around(node: Node, name: str, source: bytes) -> bool:
    """Whether ``name`` is a parameter of a function around ``node``."""
    parent = node.parent
    while parent is not None:
        if parent.type in _FUNCTION_NODES:
            found = parent.child_by_field_name("parameters") or parent.child_by_field_name(
                "parameter"
            )
            listed = (
                []
                if found is None
                else [found]
                if found.type == "identifier"
                else found.named_children
            )
            for parameter in listed:
                named = parameter.child_by_field_name("pattern") or parameter
                if text(named, source) == name:
                    return True
        parent = parent.parent
    return False


_FUNCTION_NODES = frozenset(
    {"function_declaration", "function_expression", "arrow_function", "method_definition",
     "generator_function_declaration", "generator_function"}
)  # fmt: skip


def _constructed(value: Node | None, source: bytes) -> str | None:
    """The class ``new C(…)`` constructs, or the function ``make(…)`` or ``z.object(…)``
    calls (its return type may name a class, and a library's call makes a library's value:
    the call graph looks), as written; None for any other value. A ``Promise`` an ``await``
    unwraps is not followed to a function's declared result, so the await is skipped only for
    ``new`` and a member call (``await z.object({})`` is still the library's)."""
    if value is not None and value.type == "await_expression" and value.named_child_count:
        value = value.named_children[0]
        if value.type == "call_expression":
            function = value.child_by_field_name("function")
            if function is None or function.type != "member_expression":
                return None
        elif value.type != "new_expression":
            return None
    if value is None:
        return None
    if value.type == "call_expression":
        function = value.child_by_field_name("function")
        return (
            text(function, source)
            if function is not None and function.type in ("identifier", "member_expression")
            else None
        )
    if value.type != "new_expression":
        return None
    constructor = value.child_by_field_name("constructor")
    if constructor is None or constructor.type not in ("identifier", "member_expression"):
        return None
    return text(constructor, source)


def _assigned(value: Node | None, source: bytes) -> str | None:
    """What a variable is given, as ``CallSite.receiver_type`` records it: the class or
    function that makes it (``_constructed``); for a name or a name's property, ``ELEMENT_OF``
    and that name (express's ``var mime = send.mime``, axios's ``transport = http``): the value
    of a library's name is the library's, as for ``const { mime } = send``; for ``c ? a : b``,
    what each branch gives (the one when they agree or the other is ``null``), joined by ``|``
    (axios's ``typeof TextEncoder === "function" ? new TextEncoder() : new
    util.TextEncoder()``), or None when either says nothing. ``require("m").x`` is
    ``require``'s, read as an import (``_require``)."""
    while value is not None and value.type == "parenthesized_expression" and value.named_children:
        value = value.named_children[0]
    if value is None:
        return None
    if value.type == "ternary_expression":
        branches = [
            value.child_by_field_name("consequence"),
            value.child_by_field_name("alternative"),
        ]
        kinds = [_assigned(branch, source) for branch in branches if not _no_value(branch, source)]
        if not kinds or any(kind is None for kind in kinds):
            return None
        return "|".join(dict.fromkeys(kind for kind in kinds if kind is not None))
    if value.type == "identifier" and not _no_value(value, source):
        return ELEMENT_OF + text(value, source)
    if value.type == "member_expression":
        owner = value.child_by_field_name("object")
        if owner is None or owner.type == "this":
            return None  # ``this.store``: the class's attribute, which extraction does not know
        if owner.type in ("identifier", "member_expression"):
            return ELEMENT_OF + text(owner, source)
        return "require" if _constructed(owner, source) == "require" else None
    return _constructed(value, source)


_JSX_ELEMENTS: Final = frozenset({"jsx_opening_element", "jsx_self_closing_element"})

_MODULE_OBJECTS: Final = frozenset({"exports", "module", "window", "globalThis", "self"})


_MEMBER_TARGETS: Final = frozenset({"member_expression", "subscript_expression"})
"""What a function assigned to a property is assigned to: ``T.prototype.ok``,
``T.prototype['ok']``."""

_LITERAL_WRAPPERS: Final = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)
"""What may stand between an object literal and what holds it: ``({…})``, ``{…} as const``."""
_MAX_LITERAL_DEPTH = 8
"""The most object literals a member's name goes up through (``A.b.c.m``)."""


def _member_literal(node: Node) -> Node | None:
    """The object literal the function ``node`` is a member of: a method written in it
    (``{ first() {…} }``) or a property's function (``{ second: function () {…} }``, an
    arrow function too); None for any other function."""
    parent = node.parent
    if node.type == "method_definition":
        return parent if parent is not None and parent.type == "object" else None
    if parent is None or parent.type != "pair":
        return None
    literal = parent.parent
    return literal if literal is not None and literal.type == "object" else None


_DESCRIPTOR_FUNCTIONS: Final = frozenset({b"value", b"get", b"set"})
_ACCESSOR_KEYS: Final = frozenset({b"get", b"set"})
_DEFINE_PROPERTY: Final = frozenset({b"Object.defineProperty", b"Reflect.defineProperty"})
_DEFINE_PROPERTIES: Final = b"Object.defineProperties"


def _object_holder(node: Node, source: bytes) -> tuple[bool, tuple[str, bool] | None]:
    """Whether ``node`` is a function an object holds: a property descriptor's (on the object
    the property is defined on, ``_target_holder``) or an object literal's member (its holder,
    ``literal_holder``); and that holder's name and whether it is a constructor's prototype
    (None: no name holds it)."""
    described = described_property(node)
    if described is not None:
        return True, _target_holder(described[1], described[1], source)
    literal = _member_literal(node)
    if literal is not None:
        return True, literal_holder(literal, source)
    return False, None


def described_property(node: Node) -> tuple[Node, Node] | None:
    """The property a function defines as a property descriptor's ``value``, ``get`` or
    ``set``, as the node naming the property and the node of the object it is defined on:
    ``Object.defineProperties(Request.prototype, { validateInput: { value: function … } })``
    (``validateInput``, ``Request.prototype``), ``Object.defineProperty(app, "prefix", {
    get () {…} })``. None for any other function, and for a property no string names
    (``Object.defineProperty(instance, name, {…})``). Read from the nodes' own text, as a
    function's name is (``collect.function_name``)."""
    literal = _member_literal(node)
    own = node if node.type == "method_definition" else node.parent
    key = None if own is None else own.child_by_field_name("name" if own is node else "key")
    if literal is None or key is None or key.text not in _DESCRIPTOR_FUNCTIONS:
        return None
    if node.type == "method_definition" and any(
        token.type in ("get", "set") for token in node.children
    ):
        return None  # ``{ get value () {…} }``: an accessor of the literal's own
    outer = _unwrapped_parent(literal)
    if outer is not None and outer.type == "arguments":
        listed = _listed(outer)
        call = outer.parent
        function = None if call is None else call.child_by_field_name("function")
        if (
            function is not None
            and function.text in _DEFINE_PROPERTY
            and len(listed) == 3
            and unwrapped(listed[2]).id == literal.id
            and listed[1].type == "string"
        ):
            named = first_child_of_type(listed[1], ("string_fragment",))
            return None if named is None else (named, listed[0])
        return None
    if outer is None or outer.type != "pair":
        return None
    name = outer.child_by_field_name("key")
    descriptors = outer.parent
    around = None if descriptors is None else _unwrapped_parent(descriptors)
    call = None if around is None or around.type != "arguments" else around.parent
    function = None if call is None else call.child_by_field_name("function")
    if (
        name is None
        or name.type != "property_identifier"
        or descriptors is None
        or around is None
        or function is None
        or function.text != _DEFINE_PROPERTIES
    ):
        return None
    listed = _listed(around)
    if len(listed) < 2 or unwrapped(listed[1]).id != descriptors.id:
        return None
    return name, listed[0]


def is_accessor(node: Node) -> bool:
    """Whether a function is a getter or a setter: ``get size() {…}`` or ``set size(v)
    {…}`` in a class or an object literal, or a property descriptor's ``get`` or ``set``
    (``described_property``)."""
    if node.type == "method_definition" and any(
        token.type in ("get", "set") for token in node.children
    ):
        return True
    if described_property(node) is None:
        return False
    own = node if node.type == "method_definition" else node.parent
    key = None if own is None else own.child_by_field_name("name" if own is node else "key")
    return key is not None and key.text in _ACCESSOR_KEYS


def _unwrapped_parent(node: Node) -> Node | None:
    """What holds ``node``, past the parentheses or TypeScript assertions around it."""
    outer = node.parent
    while outer is not None and outer.type in _LITERAL_WRAPPERS:
        outer = outer.parent
    return outer


def _listed(arguments: Node) -> list[Node]:
    """A call's arguments, without the comments between them."""
    return [child for child in arguments.named_children if child.type not in COMMENT_TYPES]


def literal_holder(literal: Node, source: bytes, depth: int = 0) -> tuple[str, bool] | None:
    """The name an object literal is held by, and whether it is a constructor's prototype;
    None when nothing names it (an argument, a returned value, the module's own
    ``module.exports = {…}``).

    A variable (``const AlterMethods = {…}``) or a plain name assigned (``helpers = {…}``),
    ``Foo.prototype = {…}`` and ``Object.assign(Foo.prototype, {…})`` (``Foo``, a
    prototype), ``Object.assign(context, {…})`` (``context``), ``exports.helpers = {…}``
    (``helpers``), another name's property (``internals.helpers = {…}``), and a property of
    another literal (``{ client: { get() {…} } }``: ``client``, after the outer literal's
    name when it has one). A name a parameter holds is no one object of the code's."""
    outer = literal.parent
    while outer is not None and outer.type in _LITERAL_WRAPPERS:
        outer = outer.parent
    if outer is None:
        return None
    if outer.type == "variable_declarator":
        name = outer.child_by_field_name("name")
        return None if name is None or name.type != "identifier" else (text(name, source), False)
    if outer.type == "assignment_expression":
        return _target_holder(outer.child_by_field_name("left"), outer, source)
    if outer.type == "pair":
        key = outer.child_by_field_name("key")
        around = outer.parent
        if key is None or key.type != "property_identifier" or around is None:
            return None
        above = (
            literal_holder(around, source, depth + 1)
            if around.type == "object" and depth < _MAX_LITERAL_DEPTH
            else None
        )
        own = text(key, source)
        return (own, False) if above is None else (f"{above[0]}.{own}", False)
    if outer.type == "arguments" and _is_object_assign(outer.parent, source):
        listed = [child for child in outer.named_children if child.type not in COMMENT_TYPES]
        if len(listed) > 1 and listed[0].id != literal.id:
            return _target_holder(listed[0], outer, source)
    return None


def _is_object_assign(call: Node | None, source: bytes) -> bool:
    if call is None or call.type != "call_expression":
        return False
    function = call.child_by_field_name("function")
    return function is not None and text(function, source) == "Object.assign"


def _target_holder(target: Node | None, around: Node, source: bytes) -> tuple[str, bool] | None:
    """The name an object assigned to ``target`` (or copied into it) is held by
    (``literal_holder``)."""
    if target is None:
        return None
    if target.type == "identifier":
        name = text(target, source)
        if name in _MODULE_OBJECTS or _is_parameter_around(around, name, source):
            return None
        return name, False
    if target.type != "member_expression":
        return None
    owner = target.child_by_field_name("object")
    member = target.child_by_field_name("property")
    if owner is None or member is None:
        return None
    written = text(target, source)
    if written in _MODULE_EXPORT_TARGETS:
        return None  # the module's own value: its members are the module's functions
    if text(owner, source) in _MODULE_EXPORT_TARGETS:
        return text(member, source), False  # ``exports.helpers = {…}``
    parts = written.split(".")
    if not all(part.isidentifier() for part in parts) or parts[0] in _NO_HOLDERS:
        return None  # ``this.handlers = {…}``, ``a[b] = {…}``: no name of the code's
    if _is_parameter_around(around, parts[0], source):
        return None
    if parts[-1] == "prototype":
        return (".".join(parts[:-1]), True) if len(parts) == 2 else None
    return (written, False) if "prototype" not in parts else None


_MODULE_EXPORT_TARGETS: Final = frozenset({"module.exports", "exports"})

_OWN_THIS: Final = frozenset(
    {"function_declaration", "function_expression", "method_definition",
     "generator_function_declaration", "generator_function", "class_body"}
)  # fmt: skip
"""What gives the code in it its own ``this`` (an arrow function takes the one around it; a
class body's field initializers an instance)."""
_FUNCTION_VALUES_OF_MEMBERS: Final = frozenset(
    {"arrow_function", "function_expression", "generator_function"}
)
_VUE_METHODS: Final = "methods"


def called_member(call: Node, name: str, source: bytes) -> Node | None:
    """The function of an object literal that ``this.name(…)`` at ``call`` calls, when that
    ``this`` is the literal: the call is in one of its methods (an arrow function in it has
    the method's ``this``, a function expression its own), and the literal has a function
    member ``name`` (a method, a property's function or arrow function; a getter is read,
    not called). A Vue options object's ``this`` is the component, which has the members of
    its ``methods``: those of the literal's, or of the options object around it (a computed
    property's or a watcher's ``this.sum()``). None for anything else."""
    scope = call.parent
    while scope is not None and scope.type not in _OWN_THIS:
        scope = scope.parent
    literal = None if scope is None else _member_literal(scope)
    if literal is None:
        return None
    around = _enclosing_literal(literal)
    for candidate in (
        literal,
        _property_literal(literal, _VUE_METHODS, source),
        None if around is None else _property_literal(around, _VUE_METHODS, source),
    ):
        found = None if candidate is None else _function_member(candidate, name, source)
        if found is not None:
            return found
    return None


def _enclosing_literal(literal: Node) -> Node | None:
    """The object literal whose property's value ``literal`` is (``{ computed: {…} }``)."""
    outer = literal.parent
    while outer is not None and outer.type in _LITERAL_WRAPPERS:
        outer = outer.parent
    if outer is None or outer.type != "pair":
        return None
    around = outer.parent
    return around if around is not None and around.type == "object" else None


def _property_literal(literal: Node, key: str, source: bytes) -> Node | None:
    """The object literal that property ``key`` of ``literal`` holds, if any."""
    for child in literal.named_children:
        if child.type == "pair" and field_text(child, "key", source) == key:
            value = child.child_by_field_name("value")
            return value if value is not None and value.type == "object" else None
    return None


def _function_member(literal: Node, name: str, source: bytes) -> Node | None:
    """The function node of ``literal``'s member ``name`` (``called_member``)."""
    for child in literal.named_children:
        if child.type == "method_definition":
            if field_text(child, "name", source) == name and not any(
                token.type in ("get", "set") for token in child.children
            ):
                return child
        elif child.type == "pair" and field_text(child, "key", source) == name:
            value = child.child_by_field_name("value")
            if value is not None and value.type in _FUNCTION_VALUES_OF_MEMBERS:
                return value
    return None


def returning_function(statement: Node) -> Node | None:
    """The function a ``return`` statement returns from: the nearest function around it
    (an anonymous callback's own, which is no definition of the file)."""
    parent = statement.parent
    while parent is not None and parent.type not in _FUNCTION_NODES:
        parent = parent.parent
    return parent


def returned_value(node: Node, source: bytes) -> Node | None:
    """What a ``return`` statement, or an arrow function's expression body, gives, without
    the parentheses or TypeScript assertions around it; None for no value (``return;``,
    ``null``, ``undefined``), which gives no object to call a member of."""
    value: Node | None = node
    if node.type == "return_statement":
        value = next((c for c in node.named_children if c.type not in COMMENT_TYPES), None)
    value = None if value is None else unwrapped(value)
    return None if _no_value(value, source) else value


def unwrapped(value: Node) -> Node:
    """``value`` without the parentheses or TypeScript assertions around it (``({…})``,
    ``handler as Handler``)."""
    while value.type in _LITERAL_WRAPPERS and value.named_child_count:
        value = value.named_children[0]
    return value


def object_members(literal: Node, source: bytes) -> list[tuple[str, Node]]:
    """An object literal's members, in source order, as their key and their value's node: a
    method's own node, a property's value (``get: function _get () {…}``, ``decorate:
    decorator.add``, ``log: opts.logger``), a shorthand property's name (``addHook,``).
    Accessors (read, never called), computed keys and spreads are left out."""
    found: list[tuple[str, Node]] = []
    for child in literal.named_children:
        if child.type == "method_definition":
            name = child.child_by_field_name("name")
            if (
                name is not None
                and name.type == "property_identifier"
                and not any(token.type in ("get", "set") for token in child.children)
            ):
                found.append((text(name, source), child))
        elif child.type == "pair":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is not None and value is not None and key.type == "property_identifier":
                found.append((text(key, source), value))
        elif child.type == "shorthand_property_identifier":
            found.append((text(child, source), child))
    return found


def literal_variable(declarator: Node) -> Node | None:
    """The object literal a ``variable_declarator`` gives its variable (``const fastify =
    {…}``), or None for any other value."""
    value = declarator.child_by_field_name("value")
    value = None if value is None else unwrapped(value)
    return value if value is not None and value.type == "object" else None


def property_assignments(declarator: Node, source: bytes) -> list[tuple[str, Node]]:
    """What the statements after ``declarator``, in the block declaring it, assign to the
    properties of its variable (``fastify.ready = ready``), in source order, as the key and
    the value's node. Only statements of that block: one in a branch or a callback may not
    run, or run later than the object is used."""
    declaration = declarator.parent
    name = declarator.child_by_field_name("name")
    if declaration is None or name is None:
        return []
    variable = text(name, source)
    found: list[tuple[str, Node]] = []
    statement = declaration.next_named_sibling
    while statement is not None:
        assignment = statement.named_children[0] if statement.named_child_count else None
        if (
            statement.type == "expression_statement"
            and assignment is not None
            and assignment.type == "assignment_expression"
        ):
            target = assignment.child_by_field_name("left")
            value = assignment.child_by_field_name("right")
            owner = None if target is None else target.child_by_field_name("object")
            member = None if target is None else target.child_by_field_name("property")
            if (
                target is not None
                and target.type == "member_expression"
                and owner is not None
                and owner.type == "identifier"
                and member is not None
                and member.type == "property_identifier"
                and value is not None
                and text(owner, source) == variable
            ):
                found.append((text(member, source), value))
        statement = statement.next_named_sibling
    return found


_NO_HOLDERS: Final = _MODULE_OBJECTS | {"this", "super"}


class JavaScriptRules:
    """Extraction rules for JavaScript (and, through ``TypeScriptRules``, TypeScript)."""

    query_files: tuple[str, ...] = ("ecmascript.scm", "javascript.scm", "jsx.scm")

    def parameters(self, node: Node, source: bytes) -> tuple[Parameter, ...]:
        """Formal parameters, or the single bare parameter of ``x => …``."""
        holder = node.child_by_field_name("parameters")
        if holder is None:
            single = node.child_by_field_name("parameter")
            return () if single is None else (Parameter(text(single, source), None, None, False),)
        found = (_parameter(child, source) for child in holder.named_children)
        return tuple(item for item in found if item is not None)

    def return_type(self, node: Node, source: bytes) -> str | None:
        """The TypeScript return annotation."""
        return strip_type_annotation(field_text(node, "return_type", source))

    def is_async(self, node: Node, file: SourceText) -> bool:
        """``async function`` / ``async () =>`` / ``async method()``."""
        return async_token(node)

    def is_static(self, node: Node, source: bytes) -> bool:
        """``static text() {…}`` or ``static make = () => …`` in a class body; and a method of
        an object literal a name holds (``const helpers = { first() {…} }``), unless it is a
        constructor's prototype: the object's own, as a static method is its class's, reached
        through its name and never guessed. A property descriptor's function is its
        property's, on the object the property is defined on, read the same way."""
        held, holder = _object_holder(node, source)
        if held:
            return holder is not None and not holder[1]
        holder_node = node if node.type == "method_definition" else node.parent
        if holder_node is None or holder_node.type not in _CLASS_MEMBERS:
            return False
        return any(child.type == "static" for child in holder_node.children)

    def is_private(self, node: Node, name: str) -> bool:
        """``#name``, or a TypeScript member declared ``private``."""
        if name.startswith("#"):
            return True
        member = node if node.type == "method_definition" else node.parent
        modifier = (
            None if member is None else first_child_of_type(member, ("accessibility_modifier",))
        )
        return modifier is not None and any(child.type == "private" for child in modifier.children)

    def is_accessor(self, node: Node) -> bool:
        """A getter or a setter (``is_accessor``)."""
        return is_accessor(node)

    def binds_name(self, node: Node) -> bool:
        """Not an object's method or key (``{ setTimeout() {…} }``, ``{ assert: (v) => … }``)
        nor a function assigned to a property (``exports.parse = function …``): those are
        reached through their object, never by a plain call of the name."""
        holder = node.parent
        if holder is None:
            return True
        if node.type == "method_definition":
            return holder.type != "object"
        if holder.type == "pair":
            return False
        if holder.type == "assignment_expression":
            left = holder.child_by_field_name("left")
            return left is None or left.type not in _MEMBER_TARGETS
        return True

    def receiver_type(self, node: Node, source: bytes) -> str | None:
        """The constructor a function is assigned to as a method, outside any class body:
        ``Document.prototype.init = function …`` (mongoose's 370 methods) gives ``Document``,
        and so does ``Document.create = function …``. A module's ``exports.x = …`` is the
        module's own function, not a method, and so is one put on an object a parameter holds
        (``reply.send = () => …`` in one of fastify's tests): no method of a class ``reply``.
        A member of an object literal is its holder's (``literal_holder``): ``const
        AlterMethods = { renameColumn() {…} }`` gives ``AlterMethods``; a property
        descriptor's function is the property's, on the object it is defined on:
        ``Object.defineProperties(Request.prototype, { validateInput: { value: function … }
        })`` gives ``Request`` (``described_property``)."""
        held, named = _object_holder(node, source)
        if held:
            return None if named is None else named[0]
        holder = node.parent
        if holder is None or holder.type != "assignment_expression":
            return None
        target = holder.child_by_field_name("left")
        owner = None if target is None else target.child_by_field_name("object")
        if owner is None or target is None or target.type not in _MEMBER_TARGETS:
            return None
        if owner.type == "member_expression":
            prototype = owner.child_by_field_name("property")
            owner = owner.child_by_field_name("object")
            if prototype is None or text(prototype, source) != "prototype":
                return None
        if owner is None or owner.type != "identifier":
            return None
        name = text(owner, source)
        if name in _MODULE_OBJECTS or _is_parameter_around(holder, name, source):
            return None
        return name

    def receiver_is_class(self, node: Node) -> bool:
        """No method inside a class body is given a receiver."""
        return False

    def receiver_name(self, node: Node, source: bytes) -> str | None:
        """Methods live in class bodies: their receiver is ``self``/``this``, not a name."""
        return None

    def decorator(self, node: Node, source: bytes) -> Decorator:
        """``@name`` or ``@name(arguments)``."""
        expression = next((c for c in node.named_children if c.type != "comment"), None)
        name, arguments = decorator_parts(expression, source, frozenset({"call_expression"}))
        return make_decorator(name, arguments, node)

    def class_kind(self, node: Node) -> ClassKind:
        """class, interface or enum."""
        return _CLASS_KINDS.get(node.type, "class")

    def bases(self, node: Node, source: bytes) -> tuple[str, ...]:
        """``extends`` then ``implements`` types."""
        found: list[str] = []
        for clause in node.named_children:
            if clause.type in ("class_heritage", "extends_type_clause"):
                found.extend(_heritage(clause, source))
        return tuple(found)

    def declared_methods(self, node: Node, source: bytes) -> tuple[tuple[str, str], ...]:
        """Every method of a class is a function of its own (an abstract one too)."""
        return ()

    def imports(self, node: Node, source: bytes) -> list[Import]:
        """ES imports, ``require("m")``, ``import("m")`` and TypeScript's ``import x =
        require("m")``."""
        if node.type == "call_expression":
            return [_require(node, source)]
        required = first_child_of_type(node, ("import_require_clause",))
        if required is not None:
            # TypeScript's ``import fs = require("fs")``: ``const fs = require("fs")``.
            module = _string_value(required.child_by_field_name("source"), source)
            bound = first_child_of_type(required, ("identifier",))
            alias = None if bound is None else text(bound, source)
            type_only = has_token(node, "type", limit=3)
            return [Import(module, line(node), (), alias, False, type_only)]
        source_text = _string_value(node.child_by_field_name("source"), source)
        names: list[ImportedName] = []
        alias = None
        clause = first_child_of_type(node, ("import_clause",))
        for part in [] if clause is None else clause.named_children:
            if part.type == "identifier":
                names.append(ImportedName("default", text(part, source)))
            elif part.type == "namespace_import":
                identifier = first_child_of_type(part, ("identifier",))
                alias = None if identifier is None else text(identifier, source)
            elif part.type == "named_imports":
                names.extend(_specifiers(part, "import_specifier", source))
        type_only = has_token(node, "type", limit=3)
        return [Import(source_text, line(node), tuple(names), alias, False, type_only)]

    def collect_export(self, node: Node, source: bytes, facts: ExportFacts) -> None:
        """ES ``export`` statements and CommonJS ``module.exports`` / ``exports.x`` writes."""
        if node.type == "export_statement":
            _export_statement(node, source, facts)
        else:
            _commonjs_export(node, source, facts)

    def is_exported(self, definition: Definition, facts: ExportFacts) -> bool:
        """Exported in place or by name; methods of an exported class unless private."""
        if definition.node.id in facts.node_ids:
            return True
        parent = definition.parent
        if parent is None:
            return definition.name in facts.names
        if parent.kind != "class" or not parent.is_exported:
            return False
        return not _is_hidden_member(definition)

    def module_exports(self, definitions: Sequence[Definition], facts: ExportFacts) -> list[Export]:
        """What the export statements said, in source order."""
        return sorted(facts.exports, key=lambda item: (item.line, item.name))

    def call_parts(self, node: Node, file: SourceText) -> CallParts:
        """``obj.method(…)`` → method, obj; ``new T(…)`` → T; a JSX element ``<Forms.Input />``
        → Input, Forms, with one argument (its props)."""
        if node.type in _JSX_ELEMENTS:
            name = node.child_by_field_name("name")
            if name is not None:
                callee, receiver = call_target(name, file.data)
                return callee, receiver, 1
        return read_call(node, file.data)

    def handler(self, kind: str, node: Node, source: bytes) -> HandlerFacts:
        """A ``catch`` clause or a ``.catch(callback)`` call."""
        if kind == "promise_catch":
            return _promise_catch(node.child_by_field_name("arguments"), source)
        body = node.child_by_field_name("body")
        parameter = node.child_by_field_name("parameter")
        variable = None if parameter is None else short_text(parameter, source)
        # A catch clause catches everything: TypeScript's `catch (e: unknown)` (or `: any`, the
        # only annotations it allows) types the variable and filters nothing, so no types.
        return HandlerFacts(body, (), variable, is_blank_block(body, _NO_FILLERS), False)

    def field_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``repo: Repo`` and ``repo = new Repo()`` in a class body, and TypeScript's
        constructor parameter properties (``constructor(private repo: Repo)``)."""
        if node.type == "required_parameter":
            name = node.child_by_field_name("pattern")
            declared = node.child_by_field_name("type")
            if name is None or declared is None:
                return []
            written = strip_type_annotation(text(declared, source))
            return [(text(name, source), class_of_type(written))]
        name = node.child_by_field_name("name") or node.child_by_field_name("property")
        if name is None:
            return []
        declared = node.child_by_field_name("type")
        if declared is not None:
            written = strip_type_annotation(text(declared, source))
            return [(text(name, source), class_of_type(written))]
        return [(text(name, source), _constructed(node.child_by_field_name("value"), source))]

    def local_types(self, node: Node, source: bytes) -> list[tuple[str, str | None]]:
        """``const s: Store = …`` gives ``Store``; ``const s = new Store(…)`` (awaited or not)
        gives ``Store``, and so does the assignment ``s = new Store(…)``, and ``export default
        new Store()`` the name ``default``; a name, a property or a ternary gives what
        ``_assigned`` says; any other value gives None. ``let s;`` and
        ``s = null`` give nothing: no value to call, and no variable hiding an import whose value
        the calls expect."""
        if node.type == "assignment_expression":
            left = node.child_by_field_name("left")
            value = node.child_by_field_name("right")
            if left is None or left.type != "identifier" or _no_value(value, source):
                return []
            return [(text(left, source), _assigned(value, source))]
        if node.type == "export_statement":
            # ``export default new Cache()``: the module's ``default`` holds one, which an
            # import of it calls (``import cache from "./cache"; cache.fetch()``).
            made = _constructed(node.child_by_field_name("value"), source)
            return [] if made is None else [("default", made)]
        target = node.child_by_field_name("name")
        if target is not None and target.type == "object_pattern":
            return _unpacked(target, node.child_by_field_name("value"), source)
        if target is None or target.type != "identifier":
            return []
        declared = node.child_by_field_name("type")
        if declared is not None:
            return [
                (text(target, source), class_of_type(strip_type_annotation(text(declared, source))))
            ]
        value = node.child_by_field_name("value")
        if _no_value(value, source):
            return []
        return [(text(target, source), _assigned(value, source))]

    def parameter_class(self, parameter: Parameter) -> str | None:
        """The class a parameter's declared type names (``class_of_type``)."""
        return class_of_type(parameter.type)

    def throw_types(self, node: Node, source: bytes) -> tuple[str, ...]:
        """``throw new E(…)`` / ``throw E(…)`` / ``throw err`` → the type or name."""
        thrown = node.named_children[0] if node.named_child_count else None
        if thrown is None:
            return ()
        if thrown.type == "new_expression":
            constructor = thrown.child_by_field_name("constructor")
            return () if constructor is None else (short_text(constructor, source),)
        if thrown.type == "call_expression":
            function = thrown.child_by_field_name("function")
            return () if function is None else (short_text(function, source),)
        if thrown.type in ("identifier", "member_expression"):
            return (short_text(thrown, source),)
        return ()

    def literal_context(self, parent: Node | None) -> Context | None:
        """Import and export sources are not values and are left out."""
        return _PLACES.context_of(parent)


class TypeScriptRules(JavaScriptRules):
    """Extraction rules for TypeScript."""

    query_files: tuple[str, ...] = ("ecmascript.scm", "typescript.scm")


class TsxRules(TypeScriptRules):
    """Extraction rules for TSX: TypeScript's, and JSX elements as calls."""

    query_files: tuple[str, ...] = ("ecmascript.scm", "typescript.scm", "jsx.scm")


def _heritage(clause: Node, source: bytes) -> list[str]:
    found: list[str] = []
    for part in clause.named_children:
        if part.type == "extends_clause":
            found.extend(
                short_text(value, source) for value in part.children_by_field_name("value")
            )
        elif part.type == "implements_clause":
            found.extend(short_text(item, source) for item in part.named_children)
        elif part.type != "comment":
            found.append(short_text(part, source))
    return found


def _specifiers(holder: Node, kind: str, source: bytes) -> list[ImportedName]:
    return [
        ImportedName(field_text(item, "name", source) or "", field_text(item, "alias", source))
        for item in holder.named_children
        if item.type == kind
    ]


def _first_string_argument(call: Node, source: bytes) -> str:
    """The value of a call's first string argument (``require("./x")`` → ``./x``), or ""."""
    arguments = call.child_by_field_name("arguments")
    first = None if arguments is None else first_child_of_type(arguments, ("string",))
    return _string_value(first, source)


def _require(node: Node, source: bytes) -> Import:
    module = _first_string_argument(node, source)
    holder = node.parent
    alias = None
    names: list[ImportedName] = []
    taken = None if holder is None else holder.child_by_field_name("property")
    if holder is not None and holder.type == "member_expression" and taken is not None:
        # ``var mime = require("send").mime`` (express) takes one name, as ``const { mime } =
        # require("send")`` does.
        declarator = holder.parent
        target = None if declarator is None else declarator.child_by_field_name("name")
        if (
            declarator is not None
            and declarator.type == "variable_declarator"
            and target is not None
            and target.type == "identifier"
        ):
            name, local = text(taken, source), text(target, source)
            names = [ImportedName(name, None if local == name else local)]
    elif holder is not None and holder.type == "variable_declarator":
        target = holder.child_by_field_name("name")
        if target is not None and target.type == "identifier":
            alias = text(target, source)
        elif target is not None and target.type == "object_pattern":
            names = _destructured(target, source)
    return Import(module, line(node), tuple(names), alias, False, False)


def _destructured(pattern: Node, source: bytes) -> list[ImportedName]:
    names: list[ImportedName] = []
    for item in pattern.named_children:
        if item.type == "shorthand_property_identifier_pattern":
            names.append(ImportedName(text(item, source), None))
        elif item.type == "pair_pattern":
            key = field_text(item, "key", source) or ""
            names.append(ImportedName(key, field_text(item, "value", source)))
    return names


def _blanked_type(node: Node, source: bytes) -> bool:
    """Whether the file says ``type`` between ``export`` and the next token the parser saw."""
    keyword = node.child(0)
    following = None if keyword is None else keyword.next_sibling
    if keyword is None or following is None:
        return False
    return source[keyword.end_byte : following.start_byte].strip() == b"type"


def _export_statement(node: Node, source: bytes, facts: ExportFacts) -> None:
    at = line(node)
    is_default = has_token(node, "default", limit=3)
    # ``export type * from …`` reaches the parser without its ``type`` (grammar_gaps).
    type_only = has_token(node, "type", limit=3) or _blanked_type(node, source)
    origin = node.child_by_field_name("source")
    module = None if origin is None else _string_value(origin, source)
    declaration = node.child_by_field_name("declaration")
    value = node.child_by_field_name("value")
    if declaration is not None:
        _export_declaration(declaration, source, facts, is_default)
    elif has_token(node, "=", limit=2) and (
        assigned := next((c for c in node.named_children if c.type != "comment"), None)
    ):
        # TypeScript's ``export = Engine``: ``module.exports = Engine``.
        name = _exported_value_name(assigned, source)
        facts.names.add(name)
        facts.node_ids.add(assigned.id)
        facts.exports.append(Export(name, at, True, False, None))
    elif value is not None:
        facts.node_ids.add(value.id)
        name = text(value, source) if value.type == "identifier" else "default"
        if value.type == "identifier":
            facts.names.add(name)
        facts.exports.append(Export(name, at, True, False, None))
    for part in node.named_children:
        if part.type == "export_clause":
            for item in _specifiers(part, "export_specifier", source):
                exported = item.alias or item.name
                # ``export { a as b } from "m"`` is ``m``'s ``a``; ``export { a as b }`` this
                # module's ``a``, or what the ``const a`` holds.
                local = item.name
                if module is None:
                    facts.names.add(item.name)
                    local = _held(node, item.name, source, facts)
                facts.exports.append(
                    Export(
                        exported, at, exported == "default", type_only, module,
                        None if local == exported else local,
                    )
                )  # fmt: skip
        elif part.type == "namespace_export":
            identifier = part.named_children[-1] if part.named_child_count else None
            name = "*" if identifier is None else text(identifier, source)
            # ``export * as iso from "./iso.js"``: the name is the whole module (``*``).
            whole = None if name == "*" else "*"
            facts.exports.append(Export(name, at, False, type_only, module, whole))
    if declaration is None and value is None and module is not None and not _has_clause(node):
        facts.exports.append(Export("*", at, False, type_only, module))


def _has_clause(node: Node) -> bool:
    return any(part.type in ("export_clause", "namespace_export") for part in node.named_children)


def _export_declaration(
    declaration: Node, source: bytes, facts: ExportFacts, is_default: bool
) -> None:
    at = line(declaration)
    if declaration.type == "ambient_declaration":
        # ``export declare const x: T``, ``export declare class C``: every export of a
        # declaration file. What it declares is inside.
        inner = declaration.named_children[0] if declaration.named_child_count else None
        if inner is None or inner.type == "statement_block":
            return
        declaration = inner
    type_only = declaration.type in _TYPE_ONLY_DECLARATIONS
    if declaration.type in ("lexical_declaration", "variable_declaration"):
        constant = _is_const(declaration)
        for declarator in declaration.named_children:
            if declarator.type != "variable_declarator":
                continue
            name = field_text(declarator, "name", source) or ""
            value = declarator.child_by_field_name("value")
            if value is not None and value.type in _FUNCTION_VALUES:
                facts.node_ids.add(value.id)
            # ``export const alias = plain``: another name of ``plain``'s value.
            given = _alias_value(value, source) if constant else None
            local = None if given is None else _held(declaration, given, source, facts)
            facts.exports.append(Export(name, at, is_default, False, None, local))
        return
    facts.node_ids.add(declaration.id)
    name = field_text(declaration, "name", source) or "default"
    facts.exports.append(Export(name, at, is_default, type_only, None))


def _commonjs_export(node: Node, source: bytes, facts: ExportFacts) -> None:
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    if left is None or right is None:
        return
    at = line(node)
    target = short_text(left, source)
    while right.type == "assignment_expression":  # ``module.exports = exports = Query``
        inner = right.child_by_field_name("right")
        if inner is None:
            break
        right = inner
    if target == "module.exports":
        if right.type == "object":
            for item in right.named_children:
                key = item.child_by_field_name("key") if item.type == "pair" else item
                if item.type in ("pair", "shorthand_property_identifier") and key is not None:
                    name = text(key, source)
                    facts.names.add(name)
                    # ``{ parse: parseImpl }``, ``{ stringType }``: what the name holds.
                    held = item.child_by_field_name("value") if item.type == "pair" else key
                    given = _alias_value(held, source)
                    local = None if given is None else _held(node, given, source, facts)
                    facts.exports.append(
                        Export(name, at, False, False, None, None if local == name else local)
                    )
            return
        name = _exported_value_name(right, source)
        facts.names.add(name)
        facts.node_ids.add(right.id)
        facts.exports.append(Export(name, at, True, False, None))
        return
    property_node = left.child_by_field_name("property")
    name = "" if property_node is None else text(property_node, source)
    facts.node_ids.add(right.id)
    if name == "default":  # TypeScript's CommonJS output: ``exports.default = Store``
        value = _exported_value_name(right, source)
        facts.names.add(value)
        facts.exports.append(Export(value, at, True, False, None))
        # A property of the exports object too: ``require`` gives that object, not Store.
        facts.exports.append(Export("default", at, False, False, None))
        return
    # ``module.exports.transport = require("./lib/transport")`` (pino): the property is that
    # module, re-exported under the name; ``exports.parse = parseImpl``: that function.
    module = _required_module(right, source)
    given = _alias_value(right, source) if module is None else None
    local = None if given is None else _held(node, given, source, facts)
    facts.exports.append(Export(name, at, False, False, module, None if local == name else local))


_ALIAS_WRAPPERS: Final = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)


def _alias_value(value: Node | None, source: bytes) -> str | None:
    """A plain name (``plain``) or a name's member (``ZodString.create``) as written, out of
    parentheses and TypeScript's ``as``; None for any other value."""
    while value is not None and value.type in _ALIAS_WRAPPERS and value.named_child_count:
        value = value.named_children[0]
    if value is None:
        return None
    if value.type in ("identifier", "shorthand_property_identifier"):
        written = text(value, source)
        return None if written == "undefined" else written
    if value.type != "member_expression":
        return None
    owner = value.child_by_field_name("object")
    member = value.child_by_field_name("property")
    if owner is None or owner.type != "identifier" or member is None:
        return None
    if member.type != "property_identifier" or text(owner, source) in _MODULE_OBJECTS:
        return None  # ``this.x``, ``a.#x``, ``exports.x``: no value of a name here
    return f"{text(owner, source)}.{text(member, source)}"


def _is_const(declaration: Node) -> bool:
    """Whether a declaration is ``const``: its names hold one value for good."""
    kind = declaration.child_by_field_name("kind")
    return kind is not None and kind.type == "const"


_MAX_CONSTANT_STEPS: Final = 3


def _held(node: Node, name: str, source: bytes, facts: ExportFacts) -> str:
    """What ``name`` stands for in the module of ``node``: what the top-level ``const`` of that
    name holds (``const stringType = ZodString.create``, through a few such names), else the
    name itself."""
    constants = facts.constants
    if constants is None:
        constants = facts.constants = _top_level_constants(node, source)
    for _ in range(_MAX_CONSTANT_STEPS):
        held = constants.get(name)
        if held is None or held == name:
            break
        name = held
    return name


def _top_level_constants(node: Node, source: bytes) -> dict[str, str]:
    """The ``const`` names the file's top level gives a plain name or a name's member, with
    what they are given (exported or not: zod's v3 API is ``const stringType =
    ZodString.create`` then ``export { stringType as string }``)."""
    root = node
    while root.parent is not None:
        root = root.parent
    found: dict[str, str] = {}
    for statement in root.named_children:
        declaration: Node | None = statement
        if statement.type == "export_statement":
            declaration = statement.child_by_field_name("declaration")
        if declaration is None or declaration.type != "lexical_declaration":
            continue
        if not _is_const(declaration):
            continue
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name")
            if declarator.type != "variable_declarator" or name is None:
                continue
            given = _alias_value(declarator.child_by_field_name("value"), source)
            if name.type == "identifier" and given is not None:
                found[text(name, source)] = given
    return found


def _required_module(value: Node, source: bytes) -> str | None:
    """The module a ``require("m")`` call names, or None for any other value."""
    if value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    if function is None or function.type != "identifier" or text(function, source) != "require":
        return None
    return _first_string_argument(value, source) or None


def _exported_value_name(value: Node, source: bytes) -> str:
    """The name ``module.exports = value`` exports its value under, as a default export: an
    identifier's, a named function's or class's own (``function cast() {…}``), an anonymous
    function's or class's ``exports`` (the name its definition takes), else ``default``."""
    if value.type == "identifier":
        return text(value, source)
    own = value.child_by_field_name("name")
    if own is not None and value.type in ("function_expression", "class", "generator_function"):
        return text(own, source)
    if value.type in ("function_expression", "arrow_function", "generator_function", "class"):
        return "exports"
    return "default"


def _is_hidden_member(definition: Definition) -> bool:
    if definition.name.startswith("#"):
        return True
    node = definition.node
    member = node if node.type == "method_definition" else node.parent
    if member is None:
        return False
    modifier = first_child_of_type(member, ("accessibility_modifier",))
    if modifier is None:
        return False
    return any(child.type in _HIDDEN_MEMBERS for child in modifier.children)


_NOOP: Final = re.compile(r"^(?:[\w$]+\.)*noop$", re.IGNORECASE)
"""A handler that is a do-nothing function by its name (lodash's, or the code's own)."""


def _promise_catch(arguments: Node | None, source: bytes) -> HandlerFacts:
    listed = [] if arguments is None else arguments.named_children
    callback = next((c for c in listed if c.type != "comment"), None)
    if callback is not None and _NOOP.search(short_text(callback, source)):
        # ``.catch(noop)``, ``.catch(lodash_1.noop)``, ``.catch(_.noop)``: as empty as
        # ``.catch(() => {})`` (ioredis's nine), and dropped on purpose by its name, as
        # ``catch (ignored) {}`` is: a low gap (TanStack Query's check had failed on them).
        return HandlerFacts(callback, (), None, True, False, on_purpose=True)
    if callback is None or callback.type not in ("arrow_function", "function_expression"):
        # .catch(handleError): what the handler does is not visible here.
        return HandlerFacts(None, judge_swallow=False)
    body = callback.child_by_field_name("body")
    parameters = JavaScriptRules().parameters(callback, source)
    variable = parameters[0].name if parameters else None
    empty = (
        body is not None and body.type == "statement_block" and is_blank_block(body, _NO_FILLERS)
    )
    return HandlerFacts(body, (), variable, empty, False)
