"""What extraction finds in one file: plain, immutable data that crosses process boundaries.

Conventions for every record here: lines are 1-based; columns are 1-based byte offsets within the
line; text taken from the source is decoded as UTF-8 with undecodable bytes replaced. A
``ParseResult`` depends only on the file's bytes and grammar (never on its path), so it can be
cached by content hash; ``to_json``/``from_json`` round-trip it exactly.

The records are ``NamedTuple`` classes rather than frozen dataclasses: a file of the standard
library yields hundreds of them, and named tuples are built about three times faster, encode to
JSON in C (the parse cache and the process pool both move results as JSON) and stay immutable,
hashable and typed. Compare records with records: a named tuple also equals a plain tuple.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

from drift import __version__
from drift.scan.serialization import decode_record, encode_record

MODEL_VERSION: Final = 54
"""Bumped whenever a field, the encoding or what extraction finds changes."""

CACHE_STAMP: Final = f"{__version__}/{MODEL_VERSION}"
"""The stamp of cached JSON: Drift's release and the model version. JSON of another stamp is
rejected (a cache miss), so an upgrade never reuses what an older extraction found."""

StringContext = Literal[
    "function_argument",
    "assignment",
    "object_property",
    "decorator",
    "return",
    "array",
    "docstring",
    "unknown",
]
"""Where a literal sits, judged from its nearest meaningful parent."""

ClassKind = Literal["class", "interface", "enum", "struct", "record"]

HandlerKind = Literal[
    "except",  # Python except clause
    "catch",  # catch clause (JavaScript, TypeScript, Java)
    "finally",  # finally clause
    "throw",  # raise / throw / panic(...)
    "promise_catch",  # JavaScript .catch(callback)
    "error_check",  # Go: if err != nil { ... }
    "recover",  # Go: recover() in a deferred function
]

IssueKind = Literal["error", "missing"]


class Parameter(NamedTuple):
    """A declared parameter. ``is_rest``: ``*args``, ``**kwargs``, ``...rest``, Go/Java varargs."""

    name: str
    type: str | None
    default: str | None
    is_rest: bool


class Decorator(NamedTuple):
    """A decorator (Python, TypeScript) or annotation (Java): ``@app.route("/x")`` has name
    ``app.route`` and arguments ``"/x"`` (the text between the parentheses, or None)."""

    name: str
    arguments: str | None
    line: int


class Function(NamedTuple):
    """A function, method, constructor, or a named arrow/function expression.

    ``qualified_name`` joins enclosing classes and functions with dots (``Outer.method.inner``;
    Go methods: ``Receiver.Method``; a Java enum constant's body: ``Op.PLUS.apply``).
    ``class_name`` is the enclosing (or receiver) class of a method (of a Java enum constant's
    body, the constant, ``PLUS``: a class of its own, deriving from the enum). ``body_hash``
    and ``signature_hash`` are xxh3-64 hashes (8 bytes, little-endian) of the definition's
    source text and of ``name(parameters) -> return_type``.
    """

    name: str
    qualified_name: str
    line: int
    end_line: int
    column: int
    parameters: tuple[Parameter, ...]
    return_type: str | None
    decorators: tuple[Decorator, ...]
    is_exported: bool
    is_async: bool
    is_method: bool
    class_name: str | None
    body_hash: bytes
    signature_hash: bytes
    binds_name: bool
    """Whether the definition puts its name in scope, for plain calls of it: not a JavaScript
    object key (``{ setTimeout() {…} }``) nor a function assigned to a property
    (``exports.parse = function …``, ``this.reject = (e) => …``)."""
    is_static: bool
    """A JavaScript, TypeScript or Java ``static`` method: its class's, never an instance's
    (a Python ``staticmethod`` is reached through instances too, and is not); and a method of
    a JavaScript object literal a name holds (``const helpers = { first() {…} }``, not a
    prototype's): its object's own."""
    returned: str | None
    """Python: what the function's ``return``/``yield`` of a call or a variable gives, when
    they agree: the class or function called to make it, as written (``return CliRunner()``,
    ``client = Client(app); yield client``); the call graph reads it where no annotation
    says (a pytest fixture's value). None when they disagree or say nothing."""
    is_private: bool
    """A method no subclass overrides: Java's ``private``, TypeScript's ``private`` and
    ``#name``, Python's name-mangled ``__name``."""
    is_accessor: bool
    """JavaScript and TypeScript: a getter or a setter (``get size() {…}``, ``set size(v)
    {…}``, a property descriptor's ``get``/``set``), which reading or assigning the property
    runs and no call names. A Python property says so by its decorators (``is_property``)."""
    members: tuple[tuple[str, CallSite], ...]
    """JavaScript: the function members of the object literal the function returns, written
    in its ``return`` or held by a variable of its own that it returns (fastify's ``const
    fastify = {…}; …; return fastify``), by key, sorted, with what the function later assigns
    to that variable's properties (``fastify.ready = ready``) in place of the literal's value.
    Each value is read as that function passing it on would be (``ParseResult.references``,
    its ``caller``): a name or a member (``addHook,`` naming a nested function, ``decorate:
    decorator.add``), or a function written there, as its name with no receiver and
    ``LITERAL_OF`` and its line (``get: function _get () {…}``). A variable given the
    function's result has these members (``const app = fastify(); app.get(…)``)."""
    returns_nested: str | None
    """Python: the name of a function defined directly in this one that it returns
    (``return decorator`` in a decorator factory, ``return wrapped_f`` in a decorator), when
    its returns of such functions agree, whatever its other returns give."""
    returns_only_nested: bool
    """Whether each ``return`` of a call or a name gives ``returns_nested``: False for a
    decorator used with or without arguments, whose bare use returns something else
    (``lru_cache``'s ``return update_wrapper(wrapper, user_function)``)."""


class Class(NamedTuple):
    """A class-like type: class, interface, enum, Go struct, Java record.

    ``bases`` lists extended and implemented types as written; ``methods`` the names of the
    methods defined directly in it, in source order; ``attributes`` the instance attributes
    its code assigns (``self.get_time = …``) and calls like methods (``self.get_time()``), which
    no method defines: a call of one reaches whatever callable it holds, not a method found by
    its name (sorted); ``shadows`` the names a Python class's body assigns and no method of it
    defines (``encode = codec.encode``, ``__hash__ = None``): its own, which hide a base's
    methods of those names (sorted); ``fields`` its attributes whose class the code declares or
    makes (``Request *http.Request``, ``self.path: Path``), as ``(name, class as written)``,
    sorted; a Python class body's ``context_class = Context`` gives ``ALIAS_OF`` and the name
    (the class or function itself, which ``self.context_class(…)`` calls); ``declared`` the
    methods it names without defining them, as ``(name, signature)``, in source order: a Go
    interface's method elements, which a type implementing it must have (``go_types``'s
    ``signature``).
    """

    name: str
    qualified_name: str
    line: int
    end_line: int
    column: int
    kind: ClassKind
    bases: tuple[str, ...]
    decorators: tuple[Decorator, ...]
    is_exported: bool
    methods: tuple[str, ...]
    attributes: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    shadows: tuple[str, ...] = ()
    declared: tuple[tuple[str, str], ...] = ()
    assigned: tuple[str, ...] = ()
    """Python: every attribute its code assigns (``self.x = …`` in a method, ``x = …`` in its
    body), sorted: a ``self.x`` none of a class's repository ancestors assigns is a library
    base's (Django's ``TestCase.client``)."""


class ImportedName(NamedTuple):
    """One name taken from a module: ``name`` as the module exports it, ``alias`` if renamed.

    A JavaScript default import ``import x from "m"`` is ``ImportedName("default", "x")``.
    """

    name: str
    alias: str | None


class Import(NamedTuple):
    """One import of one module.

    ``import a.b as c`` → source ``a.b``, alias ``c``; ``from . import x`` → source ``.``, names
    ``(x,)``; ``from m import *`` / Java ``import m.*`` / Go dot-import → ``is_wildcard``;
    ``import * as ns from "m"`` → alias ``ns``; ``require("m")`` counts as an import.
    ``is_type_only``: TypeScript's ``import type``, and a Java import without ``static``
    (``import a.B.*`` brings ``B``'s nested types, never its methods).
    """

    source: str
    line: int
    names: tuple[ImportedName, ...]
    alias: str | None
    is_wildcard: bool
    is_type_only: bool


class Export(NamedTuple):
    """A name the module makes public; ``source`` is set for re-exports (``export … from "m"``).

    ``export * from "m"`` has name ``*``. Python: the names in ``__all__`` or, without it, the
    public top-level functions and classes; Go: capitalised top-level functions and types; Java:
    public top-level types.
    """

    name: str
    line: int
    is_default: bool
    is_type_only: bool
    source: str | None
    local: str | None = None
    """JavaScript: what the exported name stands for where it comes from, when that is
    another name: in module ``source`` (``export { default as Button } from "./Button"`` gives
    ``default``, and ``export * as iso from "./iso.js"`` ``*``, the whole module), or in the
    module itself, another of its names (``export { plain as renamed
    }`` and ``module.exports = { parse: parseImpl }`` give ``plain`` and ``parseImpl``) or
    what a top-level ``const`` given a plain name or a class's member holds (``export const
    alias = plain`` gives ``plain``; ``const stringType = ZodString.create`` exported as
    ``string`` gives ``ZodString.create``); None otherwise."""


UNTYPED_LOCAL: Final = ""
"""``CallSite.receiver_type`` of a variable the caller itself gives a value that names no class
(``for store in caches``, ``store = other``)."""

STATIC_MEMBER: Final = "static "
"""Prefix of a ``CallSite.argument_types`` entry naming a Java static member of a class, as
written with its class, whose type the file does not say (``static HPACK.Logger.Level.NORMAL``
for a statically imported ``NORMAL``, ``static Level.EXTRA``), or a field of another file's
class a variable holds (``b.mag`` of a ``B b`` is ``static B.mag``): the call graph gives an
enum's constant the enum's type and a field its declared type, where the repository defines
the class, and any other nothing."""

RESULT_OF: Final = "() "
"""Prefix of a ``CallSite.argument_types`` entry for a Java argument that is itself a call: the
line, column and callee of that call's own ``CallSite`` (``() 3:20:system`` for
``now(Clock.system(zone))``). The call graph gives it the type the method that call reaches
declares it returns."""

LAMBDA: Final = "->"
"""``CallSite.argument_types`` of a Java lambda or method reference (``LocalDate::from``): an
instance of a functional interface, whichever one the parameter names."""

NUMBER: Final = "#number"
"""``CallSite.argument_types`` of a Java arithmetic expression whose operands' types are not all
known (``x * 2``, ``-x``): a primitive number at least as wide as ``int``, of unknown width."""

ELEMENT_OF: Final = "*"
"""Prefix of a ``CallSite.receiver_type`` naming the call one of whose parts a variable was
unpacked from (``reader, writer = asyncio.open_connection(…)`` gives ``*asyncio.open_connection``):
a library's call makes a library's values; a repository function's parts have unknown
classes."""

LITERAL_OF: Final = "{}"
"""Prefix of the ``CallSite.receiver_type`` of ``this`` in a JavaScript object literal's method,
when the literal has a function member of the name called: its line, after the prefix
(``{}145``). The call reaches that member of the file: knex's ``this._transaction(…)`` in
``Object.assign(knexContext, { transaction() {…}, _transaction() {…} })``."""

KEY_IN: Final = "key in "
ITEM_IN: Final = "item in "
"""Prefixes of a Go local's class naming what it was taken out of: ``ITEM_IN`` for an element
of a slice or array, a map's value (``for _, sub := range c.commands``, ``pool := m[k]``),
``KEY_IN`` for a map's key (``for f := range c.flags``) or a channel's element. Extraction
reads the container's type where the file declares it (``commands []*Command`` gives
``Command``); what it leaves to the call graph is a ``CallSite.receiver_type`` of the prefix
and what holds the container, as for any receiver (``item in Command.commands``, a field of
another file's class; ``item in cmd.Commands``, what a method returns), whose declaration
writes the container's type. A container's type itself reads like Go's, pointers left out:
``[]Command``, ``map[string]sync.Pool``, ``chan T`` (``drift.scan.go_types``)."""


ALIAS_OF: Final = "="
"""Prefix of a local's class (``local_types``) naming what a Python variable was given by a
plain name (``caller = _multicall``, module-level ``ib = attrib``): the variable is another
name for that value, a function's or a class's, not an instance of a class. Calls of the
variable reach what the name does: ``CallSite.receiver_type`` of a call of a function's
local alias, ``ParseResult.variables`` of a module's."""


class CallSite(NamedTuple):
    """A call. ``obj.method(x)`` has callee ``method`` and receiver ``obj`` (source text, cut at
    120 characters); ``new T()`` has callee ``T`` and ``is_constructor``. ``caller`` is the
    qualified name of the enclosing function (None at module level). ``is_awaited``: the call's
    result is awaited, or in Python handed to what awaits it (``async for``/``async with``,
    ``create_task(…)``, ``gather(…)``, ``run_until_complete(…)``). A Python ``with`` item gives
    two calls at its context manager: ``__enter__`` and ``__exit__`` (``async with``: awaited
    ``__aenter__`` and ``__aexit__``) with the manager as written as receiver.

    ``receiver_type``: the class the code gives the receiver, as written, when it is a plain
    name or ``self.x``/``this.x``. A plain name: a local variable's declared type or
    constructor (``Store s = …``, ``s = Store()``, ``const s = new Store()``, the last such
    assignment before the call), else a parameter's annotation (``def f(s: Store)``), else in
    Java a field of the caller's class. ``self.x``/``this.x``: the class the caller's class
    gives attribute ``x`` (a field's type, ``self.x = Store()``). Type arguments are left out
    (``List<Item>`` is ``List``); None when the code says nothing of it. ``UNTYPED_LOCAL``
    when the receiver is a variable of the caller's own (assigned, a loop's or a ``with``'s)
    whose value names no class: it hides any module variable or import of its name;
    ``ELEMENT_OF`` and a call for a variable unpacked from that call's result (JavaScript: and
    a name, for a variable given that name or a property of it, ``mime = send.mime``); a
    JavaScript ternary's branches' classes joined by ``|``; for ``this`` in a JavaScript object
    literal's method, ``LITERAL_OF`` and the line of the literal's member called. A call of a
    plain name without a
    receiver has ``ALIAS_OF`` and the name the caller last gave that variable, when it gave
    it a plain name (pluggy's ``caller = _multicall``, then ``caller(…)``), ``UNTYPED_LOCAL``
    when that name is the caller's own parameter or variable of no such name; else, in
    Python, the class the code gives that name, as for a receiver, when it names one
    (``v = instance_of(int)``: what the name holds is called, its ``__call__``); else None.
    """

    callee: str
    receiver: str | None
    line: int
    column: int
    arg_count: int
    is_awaited: bool
    is_constructor: bool
    caller: str | None
    receiver_type: str | None = None
    argument_types: tuple[str, ...] = ()
    """Java: each argument's type as far as the code says it (a literal's, ``"String"``,
    ``"int"``, ``"null"``; a variable's or field's declared class, an enum constant's enum;
    ``new T()``'s ``T``, a cast's, an array's with its brackets, ``int[]``; an expression's:
    ``(q - 1) * 3`` is an ``int``, ``ymd[0]`` of an ``int[]`` too, a comparison a
    ``boolean``), a static member of another class after ``STATIC_MEMBER``, a call after
    ``RESULT_OF``, ``NUMBER`` for arithmetic of unknown width, ``LAMBDA`` for a lambda or a
    method reference, ``""`` where it says nothing;
    empty in other languages. Overloads are told apart by it."""


class StringLiteral(NamedTuple):
    """A string literal; ``value`` is the source text between the quotes (escapes kept as
    written, interpolations included verbatim)."""

    value: str
    line: int
    column: int
    context: StringContext


class NumberLiteral(NamedTuple):
    """A numeric literal as written (``raw``) and its value (None when it has no finite one in
    Python: imaginary numbers, malformed text, a float beyond a double's range)."""

    raw: str
    value: int | float | None
    line: int
    column: int
    context: StringContext


class ErrorHandler(NamedTuple):
    """An error-handling construct (see ``HandlerKind``).

    ``types``: the caught types of a handler, or the raised type of a ``throw`` (empty when
    unknown or a bare re-raise). ``variable``: the name the error is bound to. The flags are
    meaningful for handlers (``except``, ``catch``, ``promise_catch``, ``error_check``,
    ``recover``) and False elsewhere:

    - ``is_empty``: the body does nothing (``pass``, ``...``, ``{}``).
    - ``is_generic``: catches everything or a root type (bare ``except``, ``Exception``,
      ``BaseException``, ``Throwable``; Go ``recover``). A JavaScript ``catch`` is not generic:
      the language has no typed catch, so breadth is judged by ``rethrows``/``swallows`` there.
    - ``rethrows``: the body raises or throws (Go: returns or panics), in the same function.
    - ``swallows``: it does not rethrow and never uses the bound error (or binds none).
    - ``is_explained``: a comment says why the error is let go: it opens the body, is all an
      empty body holds, follows an empty body on its line, or stands between the ``try``
      block and the ``catch``; not a ``TODO``/``FIXME``; or the ``try`` does nothing but
      throw (``drift.scan.explained``).
    - ``expects_error``: it is a test's expected outcome, were the code a test's (for the
      caller to judge: ``drift.analysis.structure.error_gaps``): its ``try`` block (or Python's
      ``else``) ends in a failing assertion (``t.assert.fail()``, ``self.fail(…)``, JUnit's
      ``fail()``), or the handler makes an assertion of its own (``drift.scan.assertions``).
    """

    kind: HandlerKind
    line: int
    end_line: int
    function: str | None
    types: tuple[str, ...]
    variable: str | None
    is_empty: bool
    is_generic: bool
    rethrows: bool
    swallows: bool
    is_explained: bool = False
    expects_error: bool = False


class ParseIssue(NamedTuple):
    """A syntax error (an ``ERROR`` node: the text that could not be parsed, cut at 40
    characters) or a ``MISSING`` node (text names what the parser had to assume)."""

    kind: IssueKind
    line: int
    column: int
    end_line: int
    text: str


class ParseResult(NamedTuple):
    """Everything extracted from one file.

    ``error_count`` counts syntax issues plus hard failures; ``error`` is a one-line summary
    (None when clean). Extraction keeps what it can from a file with syntax errors.
    ``variables``: the module-level (Go: package-level) variables every assignment of which
    gives one class, as ``(name, class or factory as written)``, sorted: another file that
    imports one, or shares the Go package, calls its methods. Python: also those every
    assignment of which gives one plain name, as ``ALIAS_OF`` and the name (attrs's ``ib =
    attrib``): another name for that function or class. ``build_constraint``: a Go file's
    ``//go:build`` expression (``!purego``), None when it has none.

    ``references``: the functions the code passes as values rather than calls, each as the
    ``CallSite`` its call would be (the name as callee, its receiver, its caller and the
    receiver's class; no arguments, ``arg_count`` 0): a name or member given as a call's
    argument (``map(self._convert, xs)``, ``sorted(xs, key=self._key)``, ``r.Use(RealIP)``,
    ``http.HandlerFunc(mx.routeHTTP)``, ``emitter.on("data", this.onData)``), a JavaScript
    object literal's property value or a JSX attribute's value when the object is a call's
    argument (``f({ onData: handler })``, ``<Button onClick={this.handle} />``), a Go
    composite literal's field value (``&Command{Args: NoArgs}``), a name or member assigned
    to a property, attribute or field (``this.find = Router.prototype._findCompiled``,
    ``self.dispatch = self.dispatch_count``), and a Java method reference
    anywhere (``LocalDate::from``, ``this::name``; ``X::new`` has callee ``X`` and
    ``is_constructor``). Kept apart from ``calls``: nothing runs where they stand, and what
    reads calls (patterns, assertions, doubles, test blocks) must not take them for calls. A
    bare name the file neither defines nor imports (in Python and JavaScript, where a name
    has to be one or the other to be a function), and one the caller holds as a parameter or
    a variable, are left out: they name no function.

    ``blocks``: in JavaScript and TypeScript, where each call outside any named function
    that may open a test, a hook or a suite (``it(…)``, ``test.only(…)``, ``beforeEach(…)``,
    ``describe(…)``) runs, as ``(line, column, end line)``, sorted: the callbacks they take
    are anonymous, so only these spans tell which calls a test block (or a ``describe``)
    holds. Empty for other languages.
    """

    language: str
    grammar: str
    line_count: int
    package: str | None
    functions: tuple[Function, ...]
    classes: tuple[Class, ...]
    imports: tuple[Import, ...]
    exports: tuple[Export, ...]
    calls: tuple[CallSite, ...]
    strings: tuple[StringLiteral, ...]
    numbers: tuple[NumberLiteral, ...]
    error_handlers: tuple[ErrorHandler, ...]
    parse_errors: tuple[ParseIssue, ...]
    error_count: int
    error: str | None
    variables: tuple[tuple[str, str], ...] = ()
    build_constraint: str | None = None
    references: tuple[CallSite, ...] = ()
    blocks: tuple[tuple[int, int, int], ...] = ()

    def to_json(self) -> str:
        """Compact JSON for the parse cache (``from_json`` restores an equal object)."""
        return encode_record(self, CACHE_STAMP)

    @classmethod
    def from_json(cls, text: str) -> ParseResult:
        """Restore a result from ``to_json`` text; ValueError if it is malformed or outdated."""
        return decode_record(cls, text, CACHE_STAMP)
