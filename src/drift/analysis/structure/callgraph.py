"""The call graph: which stored function each call site reaches.

A call belongs to the function named by its ``caller`` (module-level calls have no caller and
give no edge). Resolution is tried in order and the first hit wins; an unresolved call gives no
edge. Labels and confidences:

============= ====== ==================================================================
resolution    conf.  rule
============= ====== ==================================================================
``same_file`` 0.95   an unqualified call to a function of the same file (the innermost
                     visible nested function first), to a method of the caller's own class
                     (Java's implicit ``this``), or to a same-file class's constructor
                     (Java's ``this(…)`` in a constructor too)
``method``    0.90   a call on a known receiver: ``self``/``this``/``cls``/``super()`` (the
                     caller's class and the bases it inherits the method from, in any file
                     of the repository; ``super(…)`` in a constructor, the superclass's
                     constructor; Java's ``Outer.this`` in an inner class, the enclosing
                     class; Python's ``cls(…)`` in a classmethod,
                     ``self.__class__(…)`` and ``type(self)(…)`` make the caller's class, and
                     a name holding an instance of a repository class calls its
                     ``__call__``), a class in scope (same file,
                     imported, same package), a variable the caller gives a class in scope
                     (``CallSite.receiver_type``: a declared type, a constructor, a typed
                     parameter, Go's method receiver variable; on a Go interface, each
                     implementation's method: ``CallResolver.implementations``), a chain of
                     fields and calls from one, each link's class declared in any file or
                     package
                     (``entry.Logger.mu.Lock()``, ``c.Root().Name()``), a Java field its
                     class or a static import names (``Fmt.ISO.format(…)``, an enum's
                     constant), or one of a class around the caller or of their ancestors,
                     or a variable named
                     like a class in scope (``store.get()`` with class ``Store``)
``import``    0.75   the callee or its receiver is bound by an import that resolves to a
                     repository file (following re-exports, a Python package's submodules,
                     ``pkg.api.get()``, and module aliases, ``ib = attrib``; a Python local
                     given a name, ``caller = _multicall``, calls what the name is), or, in
                     Go and Java, is a top-level function or class of the same package
``export``    0.60   the callee is defined in a file the caller imports wholesale
                     (``from m import *``, ``import p.*``, a Go dot import)
``fuzzy``     0.40   exactly one function (no receiver) or method (with a receiver) of the
                     same language family has the callee's name, among product code for a
                     call from product code; never for common names (``get``, ``run``,
                     ``log``…), dunders, a Python call without receiver, a call whose name or
                     receiver is bound to an external import, a receiver typed or made by a
                     library or the language (``_foreign``), ``super`` (and Java's ``this``)
                     where no repository base defines the method, ``self`` in a class with a
                     library base (``_library_ancestry``), a receiver rooted in the
                     language's own objects (``Promise``, ``JSON``), any Java call on a
                     receiver, or a JavaScript method name an object also holds
                     (``_object_members``); also a Java call among overloads its
                     arguments' known types fit as well (``best_fit``)
============= ====== ==================================================================

Java overloads share a name: the call's argument count picks among them (``java_overloads``),
then its arguments' types (``best_fit``); both live in ``java_overloads``. This module holds
``CallResolver``, which answers where one call lands; ``call_edges`` walks each file's calls
with it and makes the edges.

A function passed as a value (``ParseResult.references``: ``map(self._convert, xs)``,
``r.Use(RealIP)``, ``LocalDate::from``, ``self.dispatch = self.dispatch_count``) is an edge
from the function passing it, resolved as its call would be but never by a guess
(``passes_value``): no ``fuzzy`` edge, no constructor of a class passed on, no ``__call__``, no
property, no one of several Java overloads.

Edges are unique on ``(caller_id, callee_id, call_site_line)`` and sorted that way.
"""

from __future__ import annotations

import builtins
import posixpath
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, NamedTuple

from drift.analysis.structure.imports import Manifests, is_stub_twin, language_family
from drift.analysis.structure.java_overloads import (
    JAVA_FUNCTIONAL,
    JAVA_IMPLICIT_SUPERTYPES,
    JAVA_LEAF_INTERFACES,
    JAVA_PRIMITIVES,
    JavaClasses,
    Pick,
    Supertypes,
    java_classes,
    java_fields,
    java_overloads,
    java_type,
    same_qualified,
    takes_parameters_of,
)
from drift.analysis.structure.symbols import (
    Binding,
    FileScope,
    SymbolTable,
    aliased,
    base_name,
    is_property,
)
from drift.analysis.structure.test_files import (
    is_example_code,
    is_test_file,
    is_test_support,
    is_type_test,
)
from drift.records.analysis import FunctionRow
from drift.scan.go_types import (
    element_type,
    first_result,
    go_type,
    is_container,
    method_signature,
    signature,
)
from drift.scan.model import (
    ALIAS_OF,
    ELEMENT_OF,
    ITEM_IN,
    KEY_IN,
    LAMBDA,
    LITERAL_OF,
    NUMBER,
    STATIC_MEMBER,
    UNTYPED_LOCAL,
    CallSite,
    Class,
    Function,
    ParseResult,
)
from drift.scan.rules import class_of_type

SAME_FILE = "same_file"
METHOD = "method"
IMPORT = "import"
EXPORT = "export"
FUZZY = "fuzzy"

CONFIDENCE: Mapping[str, float] = {
    SAME_FILE: 0.95,
    METHOD: 0.90,
    IMPORT: 0.75,
    EXPORT: 0.60,
    FUZZY: 0.40,
}

SELF_RECEIVERS = frozenset({"self", "this", "cls", "super", "super()"})
# The receivers whose class is the caller's or a subclass of it: a call on one may run an
# override (``super()`` names the base's own method).
DISPATCHING = frozenset({"self", "this", "cls"})
_TEST_CONTEXTS = frozenset({"t", "st", "tt"})
_JS_TEST_RUNNERS = frozenset({"tape", "tap", "ava"})
DISPATCH_LANGUAGES = frozenset({"python", "javascript", "typescript", "java"})
_MAX_OVERRIDES = 64
"""The most overrides one call reaches: beyond that a method is a framework's hook every
subclass fills in (unittest's ``setUp``), and the call says little about any of them."""
_ERROR_SIGNATURE = signature((), "string")
"""The signature of Go's ``error`` interface's one method, ``Error() string``."""
_MAX_IMPLEMENTERS = 1024
"""The most Go types ``CallResolver.implementations`` looks at for one interface method (a
method name every type of a large repository declares)."""
_SUPER_RECEIVERS = frozenset({"super", "super()"})
# Compared as written: Go's exported ``Get``/``Set``/``Write`` are guessed right on a repository
# interface (echo's ``c.Get(…)`` on ``Context``, to its one implementation); on a library's
# value (``c.Request().Header.Get(…)``) ``_foreign`` follows the chain and stops the guess.
COMMON_NAMES = frozenset(
    {
        "get", "set", "run", "main", "init", "start", "stop", "close", "open", "read", "write",
        "update", "create", "delete", "remove", "add", "append", "push", "pop", "insert", "map",
        "filter", "reduce", "then", "catch", "finally", "log", "info", "warn", "warning",
        "error", "debug", "print", "println", "printf", "toString", "equals", "hashCode",
        "valueOf", "apply", "call", "bind", "keys", "values", "items", "format", "parse",
        "join", "split", "replace", "send", "emit", "on", "off", "handle", "process",
        "execute", "next", "clear", "reset", "copy", "clone", "size", "count", "length",
        "flush", "render", "setup", "test", "new", "make", "Error", "String", "len",
    }
)  # fmt: skip


# Methods of the languages' own types (``text.strip()``, ``items.map(…)``, ``name.equals(…)``;
# in JavaScript also Node's streams, event emitters, sockets and timers, ``socket.destroy()``):
# a call of one on an unknown receiver is almost always on such a value, not on the one class
# of the repository that happens to define a method of that name (the standard library's
# ``UserString`` defines every ``str`` method). A fuzzy guess never names them.
_PYTHON_TYPES = (str, bytes, bytearray, list, tuple, dict, set, frozenset, int, float, complex)
_BUILTIN_METHODS: dict[str, frozenset[str]] = {
    "python": frozenset(
        name for kind in _PYTHON_TYPES for name in dir(kind) if not name.startswith("_")
    )
    # ``re``'s match objects (``match.groups()`` had reached celery's ``Request.groups``), and
    # ``io``'s buffers, ``pathlib``'s paths and asyncio's futures (click's
    # ``BytesIO().getvalue()`` had reached its ``HelpFormatter.getvalue``); not the names a
    # project's own async streams share (aiohttp's awaited ``readuntil``, ``write_bytes``)
    | frozenset(
        """
        group groups groupdict span start end fullmatch getvalue getbuffer fileno write_text
        read_text read_bytes set_result set_exception add_done_callback done cancelled
        """.split()
    ),
    "ecmascript": frozenset(
        """
        at concat copyWithin entries every fill filter find findIndex findLast findLastIndex
        flat flatMap forEach includes indexOf join keys lastIndexOf map pop push reduce
        reduceRight reverse shift slice some sort splice toLocaleString toReversed toSorted
        toSpliced toString unshift values with charAt charCodeAt codePointAt endsWith
        localeCompare match matchAll normalize padEnd padStart repeat replace replaceAll search
        split startsWith substring toLowerCase toUpperCase trim trimEnd trimStart valueOf
        hasOwnProperty isPrototypeOf propertyIsEnumerable get set has delete clear add size
        then catch finally toFixed toPrecision getTime toISOString toJSON test exec
        addListener prependListener prependOnceListener removeListener removeAllListeners
        listeners listenerCount setMaxListeners once destroy end pipe unpipe resume pause
        cork uncork setEncoding unshift ref unref refresh hasRef setTimeout setNoDelay
        setKeepAlive connect abort resolve reject setHeader getHeader removeHeader hasHeader
        getHeaders flushHeaders writeHead ping _write _read _transform _flush _final _destroy
        addEventListener removeEventListener dispatchEvent querySelector querySelectorAll
        getElementById getElementsByClassName getElementsByTagName appendChild removeChild
        insertBefore replaceChild cloneNode setAttribute getAttribute removeAttribute
        hasAttribute toggleAttribute getBoundingClientRect scrollIntoView preventDefault
        stopPropagation stopImmediatePropagation postMessage
        """.split()
    ),
    # Go: the standard library's methods any package calls on its values (``mu.Lock()`` on a
    # ``sync.Mutex``, ``t.Name()`` on a ``reflect.Type`` or an ``fs.FileInfo``).
    "go": frozenset(
        """
        Lock Unlock RLock RUnlock TryLock Wait Done Signal Broadcast Load Store Swap
        CompareAndSwap Name Type Kind Elem Interface Field Method Len Cap Index Bytes String
        Error Unwrap Err Deadline Value Context WithContext Seconds Milliseconds Unix Before
        After Sub Add Equal IsZero Format Sprintf Scan Next
        """.split()
    ),
    "java": frozenset(
        """
        equals hashCode toString getClass compareTo length charAt substring indexOf
        lastIndexOf startsWith endsWith contains isEmpty isBlank trim strip split replace
        replaceAll toLowerCase toUpperCase format matches getBytes toCharArray append insert
        reverse size get set put putAll putIfAbsent remove add addAll removeAll retainAll clear
        containsKey containsValue keySet values entrySet getOrDefault computeIfAbsent
        computeIfPresent merge iterator hasNext next stream forEach map filter collect
        orElse orElseGet orElseThrow isPresent ifPresent of asList sort toArray subList
        """.split()
    ),
}


# The languages' own types and constructors, by family: a receiver made by one of them
# (``d = dict()``, ``const m = new Map()``, ``var s string``) holds no repository class.
_OWN_TYPES: dict[str, frozenset[str]] = {
    # Not every builtin class: ``filter``, ``map`` or ``type`` is as often a parameter of
    # that name (``tarinfo = filter(tarinfo)`` in ``tarfile``), which resolution cannot see.
    # The builtin exceptions are never anything else (``except ValueError as exc``).
    "python": frozenset(kind.__name__ for kind in _PYTHON_TYPES)
    | frozenset(
        name
        for name, kind in vars(builtins).items()
        if isinstance(kind, type) and issubclass(kind, BaseException)
    ),
    "ecmascript": frozenset(
        """
        Array ArrayBuffer BigInt Boolean DataView Date Error EvalError Float32Array
        Float64Array Function Int8Array Int16Array Int32Array Intl Map Number Object Promise
        Proxy RangeError ReferenceError RegExp Set SharedArrayBuffer String Symbol SyntaxError
        TypeError URIError Uint8Array Uint8ClampedArray Uint16Array Uint32Array WeakMap
        WeakRef WeakSet URL URLSearchParams Headers Request Response AbortController
        TextEncoder TextDecoder Blob FormData EventTarget Event Worker WebSocket
        string number boolean bigint symbol object unknown any never void
        MutationObserver ResizeObserver IntersectionObserver PerformanceObserver CustomEvent
        KeyboardEvent MouseEvent File FileReader DOMParser XMLSerializer XMLHttpRequest Image
        Audio MessageChannel BroadcastChannel ReadableStream WritableStream TransformStream
        AbortSignal DOMException Notification IDBRequest Range Selection DocumentFragment
        """.split()
    ),
    "go": frozenset(
        """
        bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune
        string uint uint8 uint16 uint32 uint64 uintptr any
        """.split()
    ),
}


# Receivers the language itself provides, which no import binds: ``Promise.all(…)``,
# ``JSON.stringify(…)``, ``Math.max(…)`` had been guessed to sequelize's ``ModelManager.all``,
# ``ABSTRACT.stringify`` and ``Model.max``. A class or function of the file by that name wins.
_GLOBAL_OBJECTS: dict[str, frozenset[str]] = {
    "python": _OWN_TYPES["python"] | frozenset({"object", "type"}),
    "ecmascript": frozenset(name for name in _OWN_TYPES["ecmascript"] if name[:1].isupper())
    | frozenset(
        """
        JSON Math Reflect Atomics Intl WebAssembly console process Buffer globalThis window
        document navigator performance location history localStorage sessionStorage
        """.split()
    ),
}


# Receivers that are a library's objects by their name alone: pytest's fixtures, which a test
# takes as parameters without a type.
_LIBRARY_OBJECTS: dict[str, frozenset[str]] = {
    "python": frozenset(
        """
        monkeypatch capsys capfd capsysbinary capfdbinary caplog recwarn tmp_path tmpdir
        tmp_path_factory tmpdir_factory request pytester testdir mocker
        """.split()
    ),
}


def row_ids_by_file(functions: Iterable[FunctionRow]) -> dict[str, dict[tuple[str, int], int]]:
    """The ids of stored functions by file, then by ``(name, line)``. A file's own table
    looks up faster than one of all functions: smaller, with shorter keys to hash and compare.
    """
    by_file: dict[str, dict[tuple[str, int], int]] = {}
    for row in functions:
        ids = by_file.get(row.file)
        if ids is None:
            ids = by_file[row.file] = {}
        ids[row.name, row.line] = row.id
    return by_file


_NO_ROWS: Mapping[tuple[str, int], int] = MappingProxyType({})
_NO_ATTRIBUTES: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


@dataclass(frozen=True, slots=True)
class Target:
    """Where a call lands: the callee's file and function, and how it was found."""

    file: str
    function: Function
    resolution: str


class CallResolver:
    """Resolves call sites of the parsed files to the stored functions."""

    def __init__(
        self,
        functions: Sequence[FunctionRow],
        results: Mapping[str, ParseResult],
        manifests: Manifests | None = None,
    ) -> None:
        self.symbols = SymbolTable(results, manifests)
        self._ids = row_ids_by_file(functions)
        # Which files are test files and test code, read once with their contents: a module
        # named like a test that runs none is product code (``is_test_file``).
        self._test_files = frozenset(
            path for path, scope in self.symbols.scopes.items() if is_test_file(path, scope.result)
        )
        self._test_code = frozenset(
            path
            for path, scope in self.symbols.scopes.items()
            if is_test_support(path, scope.result)
        )
        self._class_names: dict[str, dict[str, tuple[str, str]]] = {}
        self._lowered_classes: dict[str, dict[str, tuple[str, str]]] = {}
        self._receivers: dict[tuple[str, str], _Receiver] = {}  # by (file, receiver)
        # Methods found on bases in other files, by (file, class, method name), and each
        # class's resolved bases, by (file, class).
        self._inherited_methods: dict[tuple[str, str, str, bool], tuple[str, Function] | None] = {}
        self._bases: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._classes_by_name: dict[str, dict[str, list[Class]]] = {}
        self._classes_by_qualified: dict[str, dict[str, list[Class]]] = {}
        # Each repository class's direct repository subclasses (built on first use), and the
        # overrides a self call reaches, by (file, class, method name).
        self._subclasses: dict[tuple[str, str], list[tuple[str, str]]] | None = None
        self._overrides: dict[
            tuple[str, str, str, str, int | tuple[str, ...] | None], tuple[int, ...]
        ] = {}
        self._by_id: dict[int, tuple[str, Function]] | None = None
        # ``wrapper_of``, by the decorated function's id
        self._wrappers: dict[int, tuple[int, str] | None] = {}
        # A JavaScript test runner's own repository, whose tests' ``t`` is its own test object.
        self._is_test_runner = bool(self.symbols.index.js_package_names() & _JS_TEST_RUNNERS)
        self._descendants_of: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}
        self._defined_by: dict[str, list[tuple[str, str]]] | None = None
        self._aliased_by: dict[str, list[tuple[str, str]]] | None = None  # ``_alias_definers``
        # A mixin's self call's method, taken by its subclasses from a sibling base, by (file,
        # class, method name) (``_mixed_in``).
        self._mixed_methods: dict[tuple[str, str, str], tuple[str, Function] | None] = {}
        self._orders: dict[tuple[str, str], tuple[tuple[str, str], ...] | None] = {}  # ``_mro``
        self._methods_by_name: dict[str, dict[tuple[str, str], list[Function]]] = {}
        self._subclassed_by_file: dict[str, frozenset[str]] | None = None
        # Each file's ``super().m()`` calls, as ``(caller, m)``.
        self._super_calls: dict[str, frozenset[tuple[str | None, str]]] = {}
        self._library_bases: dict[tuple[str, str], bool] = {}
        self._assigned_by_file: dict[str, dict[str, frozenset[str]]] = {}  # ``_assigned``
        self._all_attributes: frozenset[str] | None = None  # ``_attribute_names``
        self._class_attributes: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        self._local_classes: dict[str, dict[tuple[str, str], str | None]] = {}
        self._field_types: dict[tuple[str, str, str], tuple[str, str, str] | None] = {}
        self._rooting: set[tuple[str, str, str]] = set()  # chain roots being worked out
        # Members of a factory's returned literal being resolved (``_member_value``).
        self._members_resolving: set[tuple[str, int, int, int]] = set()
        self._parameter_names: dict[int, frozenset[str]] = {}  # by ``id`` of the caller
        # A class of a Go or Java package by (package, from a test file, name), looked up once
        # for all its files (``net`` has a hundred, ``java.util`` three hundred).
        self._package_classes: dict[tuple[str, bool, str], tuple[str, str] | None] = {}
        # (is a method, language family, for test code) -> name -> the one definition, or None
        # when several. Product code never calls into test code (Go does not even build them
        # together): its guesses are made among product definitions only.
        self._unique: dict[tuple[bool, str, bool], dict[str, tuple[str, Function] | None]] = {}
        self._fixture_maps: dict[str, dict[str, tuple[str, Function]]] = {}  # by test file
        # (file, name) -> a Java class nested in an ancestor of the file's (``_inherited_nested``)
        self._nested_found: dict[tuple[str, str], tuple[str, str] | None] = {}
        self._foreign_known: dict[
            tuple[str, str, int, tuple[str, int, str | None] | None], bool
        ] = {}
        self._own: dict[str, dict[str, tuple[str, Function] | None]] = {}  # a test file's
        for path, scope in self.symbols.scopes.items():
            if is_stub_twin(path, self.symbols.scopes):
                continue  # the module's own definitions answer; the stub would tie with them
            family = language_family(scope.result.language)
            if scope.result.language in _MODULE_SCOPED and (
                path in self._test_files or is_type_test(path)
            ):
                # A test file's definitions reach another file only through an import, which
                # resolves without a guess: a guess never lands in one (pino's
                # ``logger.child()`` in fastify's tests had reached a type test's class), and
                # the file's own are mostly doubles of other classes (``DuckFuture.cancel``).
                # Their names still make a test's guess ambiguous, as they did.
                _note_several(self._unique.setdefault((False, family, True), {}), scope.top_level)
                blocked = self._unique.setdefault((True, family, True), {})
                for methods in scope.methods.values():
                    _note_several(blocked, methods)
                _note_several(blocked, _object_members(scope))
                continue
            for tests in (True, False) if not self.is_test_code(path) else (True,):
                unique = self._unique.setdefault((False, family, tests), {})
                _note_unique(unique, path, scope.top_level)
                unique_methods = self._unique.setdefault((True, family, tests), {})
                for methods in scope.methods.values():
                    guessed = {n: fn for n, fn in methods.items() if _guessable(scope, fn)}
                    _note_unique(unique_methods, path, guessed)
                    _note_several(unique_methods, methods.keys() - guessed.keys())
                _note_several(unique_methods, _object_members(scope))
        self._overloads = java_overloads(self.symbols.scopes, self._ids)
        # Made on first use: the Java classes' fields, and the classes by qualified name.
        self._static_fields: dict[tuple[str, str], list[tuple[str, str, str]]] | None = None
        self._java_class_names: JavaClasses | None = None
        # (file, class as written) -> what an argument of it may be passed as (``pick_overload``)
        self._supertypes: dict[tuple[str, str], Supertypes | None] = {}
        self._interfaces: Supertypes | None = None  # what a lambda may be passed as
        # Go: each interface's method set (``_interface_methods``), the types declaring each
        # method name and the types embedding each type (``_go_types``), and the methods a
        # call on an interface reaches, by (file, interface, method, caller's ``_code_kind``).
        self._method_sets: dict[tuple[str, str], Mapping[str, str] | None] = {}
        self._go_declarers: dict[str, list[tuple[str, str]]] | None = None
        self._go_embedders: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._implemented: dict[tuple[str, str, str, str], tuple[int, ...]] = {}

    def is_test_code(self, path: str) -> bool:
        """Whether ``path`` is test code (``is_test_support``, read with its contents); a path
        of no parsed file by its name alone."""
        if path in self.symbols.scopes:
            return path in self._test_code
        return is_test_support(path)

    def _code_kind(self, path: str) -> str:
        """``"test"`` for test code, ``"example"`` for an example's, ``""`` for the
        product's: a program of one kind is not built with the others' code (chi's
        ``_examples/logging`` is a program of its own, whose logger chi's middleware never
        runs in its tests)."""
        if self.is_test_code(path):
            return "test"
        return "example" if is_example_code(path) else ""

    def row_id(self, file: str, fn: Function) -> int | None:
        """The stored id of a parsed function, or None when it was not stored."""
        return self.row_ids(file).get((fn.name, fn.line))

    def row_ids(self, file: str) -> Mapping[tuple[str, int], int]:
        """The stored ids of the functions of ``file`` by ``(name, line)``."""
        return self._ids.get(file, _NO_ROWS)

    def method_of(self, file: str, class_name: str, name: str) -> tuple[str, Function] | None:
        """Method ``name`` of class ``class_name`` of ``file``: its own, or the nearest one a
        repository base defines (a library base's is not known); with the defining file."""
        if file not in self.symbols.scopes:
            return None
        return self._method(file, class_name, name)

    def caller_of(self, file: str, call: CallSite) -> Function | None:
        """The function a call site belongs to (None at module level)."""
        if call.caller is None:
            return None
        scope = self.symbols.scopes.get(file)
        candidates = scope.by_qualified.get(call.caller, []) if scope else []
        if len(candidates) == 1:
            return candidates[0]  # the one definition, whether or not its range holds the call
        holding = [fn for fn in candidates if fn.line <= call.line <= fn.end_line]
        if holding:
            return max(holding, key=lambda fn: fn.line)
        return candidates[0] if candidates else None

    def resolve(self, file: str, call: CallSite, caller: Function | None) -> Target | None:
        """Where ``call`` (made in ``file`` from ``caller``) lands, or None."""
        scope = self.symbols.scopes.get(file)
        if scope is None:
            return None
        found = self._locate(scope, call.receiver, call.callee, caller, call.receiver_type)
        if not isinstance(found, _Located):
            return None  # nothing, or a Go interface's implementations: no one target
        return Target(found.file, found.function, found.resolution)

    def resolve_reference(
        self, file: str, reference: CallSite, caller: Function | None
    ) -> tuple[Target, int] | None:
        """Where a function passed as a value (``ParseResult.references``) in ``file`` lands,
        with its row id, or None: as its call would (``resolve``), but never by a guess, and
        never a class's constructor nor an instance's ``__call__`` (a class or an object passed
        on is no function), nor a property's getter (read, not passed). A Java method
        reference to overloads reaches the one overload there is, or none: which one the
        functional interface takes is not read."""
        target = self.resolve(file, reference, caller)
        if target is None or not passes_value(reference, target.resolution, target.function):
            return None
        found = self.row_id(target.file, target.function)
        found = None if found is None else self.unique_overload(found)
        return None if found is None else (target, found)

    def unique_overload(self, row_id: int) -> int | None:
        """``row_id``, unless it is one of several Java overloads of a name (then None): a
        method reference names no argument count to pick one by."""
        overloads = self._overloads.get(row_id)
        if overloads is None:
            return row_id
        several = {*overloads.fixed.values(), *(overloads.varargs[1:] if overloads.varargs else ())}
        return row_id if len(several) == 1 else None

    def _locate(
        self,
        scope: FileScope,
        receiver: str | None,
        name: str,
        caller: Function | None,
        receiver_type: str | None = None,
    ) -> _Located | Implemented | None:
        """Where a call ``receiver.name()`` (or ``name()``) made in ``scope`` lands, or None
        (``resolve``, for the resolution of every call of a scan); for a call on a Go
        interface, the implementations that may run. ``receiver_type``: the class the caller
        gives the receiver (``CallSite.receiver_type``)."""
        found: _Outcome | None
        if receiver is None and receiver_type and receiver_type.startswith(ALIAS_OF):
            # ``caller = _multicall`` then ``caller(…)`` (pluggy's tests): what the name the
            # variable was given is, or nothing (the variable hides any function of its name).
            found = self._unqualified(scope, receiver_type[len(ALIAS_OF) :], caller) or _STOP
        elif receiver is None and receiver_type == UNTYPED_LOCAL:
            found = _STOP  # ``caller = hook``: the value passed in, no function of its name
        elif receiver is None:
            found = self._unqualified(scope, name, caller, receiver_type)
        else:
            found = self._qualified(scope, receiver, name, caller, receiver_type)
            if not isinstance(found, _Located) and name in _INVOKERS and _is_ecmascript(scope):
                invoked = self._invoked(scope, receiver, caller)
                if invoked is not None:
                    return invoked
        if found is None:
            return self._fuzzy(scope, receiver, name, caller)
        if isinstance(found, Implemented):
            return found
        return None if isinstance(found, _Stop) else found

    def _invoked(
        self, scope: FileScope, receiver: str, caller: Function | None
    ) -> _Located | Implemented | None:
        """Where ``receiver.call(…)`` or ``receiver.apply(…)`` lands as a call of the function
        ``receiver`` names, as ``receiver(…)`` would (``_locate`` asks when no method ``call``
        or ``apply`` of it is found): ES5 inheritance's ``Parent.call(this, name)``, a base's
        method ``Base.prototype.init.call(this, x)`` (``Base.init``). A parameter of the caller
        is a function passed in, none of its name."""
        if receiver in SELF_RECEIVERS or not _INVOKED.fullmatch(receiver):
            return None
        head, _, last = receiver.rpartition(".")
        head = head.removesuffix(_PROTOTYPE)
        if not head:
            if caller is not None and last in self.parameters_around(scope, caller):
                return None
            return self._locate(scope, None, last, caller)
        return self._locate(scope, head, last, caller)

    # Unqualified calls: name() ------------------------------------------------------------

    def _unqualified(
        self,
        scope: FileScope,
        name: str,
        caller: Function | None,
        receiver_type: str | None = None,
    ) -> _Outcome | None:
        """``receiver_type``: the class the caller gives the name called (a variable holding
        an instance: its ``__call__``)."""
        path = scope.path
        if name in EXPLICIT_CONSTRUCTORS and scope.result.language in _EXPLICIT_LANGUAGES:
            # ``this(…)``/``super(…)`` in a constructor: words of the language, no function of
            # their name wherever the caller's class is not known.
            return (None if caller is None else self._explicit_constructor(path, name, caller)) or (
                _STOP
            )
        if caller is not None and scope.result.language == "python":
            held = self._called_value(scope, name, caller, receiver_type)
            if held is not None:
                return held
        visible = _visible_function(scope, name, caller)
        if visible is not None:
            return _Located(path, visible, SAME_FILE)
        if caller is not None and scope.result.language == "java":
            # The caller's class, then the classes around it, innermost first: an inner or an
            # anonymous class (``new Runnable() { public void run() { … } }``) calls the
            # enclosing class's methods as its own. Each class is the one whose body holds
            # the caller, not the file's first of its short name (WhileOps nests a
            # ``Taking`` in ``OfRef``, ``OfInt``, ``OfLong`` and ``OfDouble``).
            around_classes = self._java_classes_around(scope, caller)
            if "." in name:
                # ``new ConcNode.OfInt(…)``, ``ConcNode.OfInt::new``: the class that name
                # reaches from the caller's classes, as Java looks it up.
                named = self._java_named_class(scope, name, around_classes)
                if named is not None:
                    return _outcome_of(self._made_by(path, named), SAME_FILE)
            for cls, around in around_classes:
                method = self._java_method(scope, cls, around, name)
                if method is not None:
                    return _Located(path, method, SAME_FILE)
                inherited = self._inherited(path, around, name)
                if inherited is not None:
                    return _Located(inherited[0], inherited[1], METHOD)
                if self._library_ancestry(path, around):
                    # ``class MyList extends ArrayList<String> { … size() … }``: a library
                    # base may define it, before any enclosing class does (a static import
                    # still may: the steps below never guess).
                    break
            member = self._member_class(scope, name, caller, around_classes)
            if member is not None:
                return member
        if name in scope.aliases and name not in scope.class_bases:
            # ``ib = attrib`` at module level (attrs's ``__init__``), then ``ib(…)``.
            name = aliased(scope, name)
            visible = _visible_function(scope, name, caller)
            if visible is not None:
                return _Located(path, visible, SAME_FILE)
        if name in scope.class_bases:
            defined = _visible_class(self._classes_named(scope, name), scope, caller)
            if defined is not None:
                made = self._made_by(path, defined)
                # A constructor inherited from another file's base is found as a method is.
                return _outcome_of(made, SAME_FILE if made is None or made[0] == path else METHOD)
        binding = scope.bindings.get(name)
        if binding is not None:
            # Bound by an import: resolve through it or not at all (never guess past it).
            symbol = binding.symbol
            if symbol is None and _is_ecmascript(scope):
                symbol = "default"  # ``const helper = require("./helper")``: its module.exports
            located = (
                self.symbols.locate_function(binding.files, symbol) if symbol is not None else None
            )
            if located is None and symbol is not None:
                located = self._inherited_constructor(binding.files, symbol)
            return _outcome_of(located, IMPORT)
        package = self.symbols.same_package_files(path)
        if package:
            if scope.result.language == "go":
                for other in package:
                    fn = self.symbols.scopes[other].top_level.get(name)
                    if fn is not None:
                        return _Located(other, fn, IMPORT)
            else:
                # Java: another file's class by its short name is a top-level one (a nested
                # one is reached through its outer class, or as a member of an ancestor).
                owner = self._package_class(scope, name)
                if owner is not None:
                    return _outcome_of(self._class_constructor(*owner), IMPORT)
        wildcard = scope.wildcard_files
        if scope.result.language == "java":
            # ``import p.*`` brings types (``new Widget(3)``: its constructor), never a method:
            # only ``import static p.C.*`` does.
            owner = self.symbols.locate_class(wildcard, name) if wildcard else None
            if owner is not None:
                return _outcome_of(self._class_constructor(*owner), EXPORT)
            wildcard = scope.static_wildcard_files
        if wildcard:
            located = self.symbols.locate_function(wildcard, name)
            if located is not None:
                return _Located(located[0], located[1], EXPORT)
        return None

    def _explicit_constructor(self, file: str, name: str, caller: Function) -> _Outcome | None:
        """What ``this(…)`` or ``super(…)`` in a constructor of the caller's class runs: Java's
        ``this(…)`` another constructor of the class (the call's arguments pick which), its
        ``super(…)`` one of the superclass's, JavaScript's ``super(…)`` the base's
        ``constructor``, or the one its base inherits (a class without one runs its base's).
        None when the repository defines none: a library superclass's, or Java's default."""
        owner = caller.class_name
        if owner is None:
            return None
        if self.symbols.scopes[file].result.language != "java":
            inherited = self._inherited(file, owner, "constructor") if name == "super" else None
            return None if inherited is None else _Located(*inherited, METHOD)
        # The class whose body holds the constructor, not the file's first of its name
        # (Nodes nests an ``OfInt`` in six classes, each with a superclass of its own).
        scope = self.symbols.scopes[file]
        cls = self.java_class_of(scope, caller)
        made: tuple[str, Function] | None = None
        if name == "this" and cls is not None:
            own = _java_own_method(scope, cls, cls.name)
            made = None if own is None else (file, own)
        else:
            target = (file, owner) if name == "this" else self._superclass(file, owner, cls)
            made = None if target is None else self._class_constructor(*target)
        if made is None:
            return None
        # As ``this.m()`` is the class's own and ``super().m()`` a base's.
        return _Located(made[0], made[1], SAME_FILE if name == "this" else METHOD)

    def _superclass(
        self, file: str, class_name: str, cls: Class | None = None
    ) -> tuple[str, str] | None:
        """The repository class a Java class ``extends``: the first of its repository bases
        that is no interface (``Class.bases`` lists ``extends`` before ``implements``; a
        library superclass leaves only interfaces, whose constructors nothing calls).
        ``cls``: the class itself, when known (its bases, not its first namesake's)."""
        if cls is None:
            bases = self._base_classes(file, class_name)
        else:
            scope = self.symbols.scopes[file]
            found = (self._typed_class(scope, base_name(base)) for base in cls.bases)
            bases = [owner for owner in found if owner is not None]
        for base in bases:
            classes = self._classes_named(self.symbols.scopes[base[0]], base[1])
            if classes and classes[0].kind != "interface":
                return base
            if classes:
                return None  # an interface comes after the superclass, when there is one
        return None

    def _called_value(
        self, scope: FileScope, name: str, caller: Function, receiver_type: str | None
    ) -> _Outcome | None:
        """A Python call of a name that holds a value rather than a function: ``cls(…)`` in a
        classmethod makes an instance of the caller's class (pluggy's ``Result.from_call``:
        ``return cls(result, exception)``), and a variable or typed parameter holding an
        instance of a repository class calls its ``__call__`` (attrs' ``v =
        instance_of(int); v(None, a, 42)``, pluggy's module-level ``hookimpl =
        HookimplMarker(…)`` applied as ``@hookimpl``). A parameter so named is decided here,
        found or not: the usual steps would take it for a function of its name."""
        parameter = name in self.parameters_around(scope, caller)
        if name == "cls" and parameter:
            # Only a classmethod's ``cls`` is known to be its own class (a metaclass's, or a
            # helper's ``def make(cls)``, holds any class).
            own = any(d.name == "classmethod" for d in caller.decorators)
            return (self._own_constructor(scope, caller) if own else None) or _STOP
        if not receiver_type:
            return None
        owner = self._typed_class(scope, receiver_type) or self._returned_class(
            scope, receiver_type, caller
        )
        if owner is None:
            return _STOP if parameter else None
        if owner[0] == scope.path:
            local = self._local_method(scope, owner[1], "__call__", caller)
            if local is not None:
                return local
        # An instance of a known class: one without ``__call__`` of its own or from a
        # repository base takes it from a library base, never from a function of the name.
        return _outcome_of(self._instance_method(*owner, "__call__"), METHOD)

    def _own_constructor(self, scope: FileScope, caller: Function) -> _Outcome | None:
        """What making an instance of the caller's own class runs (``cls(…)``,
        ``type(self)(…)``, ``self.__class__(…)``); None for a caller in no class of the file."""
        if caller.class_name is None:
            return None
        owner = caller.qualified_name.rpartition(".")[0]
        cls = next(
            (c for c in self._classes_named(scope, caller.class_name) if c.qualified_name == owner),
            None,
        )
        if cls is None:
            return None
        return _outcome_of(self._made_by(scope.path, cls), METHOD)

    # Qualified calls: receiver.name() -----------------------------------------------------

    def _qualified(
        self,
        scope: FileScope,
        receiver: str,
        name: str,
        caller: Function | None,
        receiver_type: str | None = None,
    ) -> _Outcome | None:
        path = scope.path
        if caller is not None and receiver.endswith(".this") and scope.result.language == "java":
            return self._outer_this(scope, receiver.removesuffix(".this"), name)
        if receiver.endswith(_PROTOTYPE) and _is_ecmascript(scope):
            # ``Router.prototype._findCompiled`` (find-my-way's ``this.find = …``): the
            # method of ``Router`` its instances share.
            receiver = receiver.removesuffix(_PROTOTYPE)
        if (receiver in _SUPER_RECEIVERS or receiver.startswith("super(")) and caller is not None:
            # ``super().save()`` in ``Child.save``: a base's ``save``, never the caller itself.
            # No base of the repository defines it: a library base does (``super.getYear()``
            # in a ``java.util.Date`` subclass), never a method found by its name alone.
            if caller.class_name:
                inherited = self._inherited(path, caller.class_name, name, own=False)
                if inherited is not None:
                    return _Located(inherited[0], inherited[1], METHOD)
            return _STOP
        if (
            caller is not None
            and scope.result.language == "python"
            and (
                (name == "__class__" and receiver == "self")
                or (name == "__call__" and receiver == "type(self)")
            )
        ):
            # ``self.__class__(…)``, ``type(self)(…)``: another instance of the caller's class
            # (its subclasses' are not told apart from it, as for ``self`` calls).
            return self._own_constructor(scope, caller) or _STOP
        if receiver in SELF_RECEIVERS and caller is not None:
            if receiver_type and receiver_type.startswith(LITERAL_OF):
                # ``this.second()`` in ``{ first() {…}, second() {…} }``: the object's own
                # member, whatever the literal is held by (or none).
                member = self._function_at(path, name, int(receiver_type[len(LITERAL_OF) :]))
                if member is not None:
                    return _Located(path, member, METHOD)
            if caller.class_name is None and caller.name in scope.methods:
                # ``function Document(o) { this.init(o) }`` with ``Document.prototype.init``:
                # a JavaScript constructor function, whose methods are its prototype's.
                caller = caller._replace(class_name=caller.name)
            elif caller.class_name is None and _is_ecmascript(scope):
                # An arrow function in a method (``this.onEnd = () => { this.cleanup() }``)
                # has the method's ``this``: the class around it.
                around = _classes_around(scope, caller)
                if around:
                    caller = caller._replace(class_name=around[0])
            if caller.class_name:
                local = self._own_local_method(scope, caller, receiver, name)
                if local is not None:
                    return local
                method = scope.method(caller.class_name, name)
                if method is not None:
                    return _Located(path, method, METHOD)
                inherited = self._inherited(path, caller.class_name, name)
                if inherited is not None:
                    return _Located(inherited[0], inherited[1], METHOD)
                alias = self._field_alias(path, caller.class_name, name)
                if alias is not None:
                    # ``self.context_class(**ctx)`` with ``context_class = Context``.
                    return self._aliased_value(*alias)
                if self._calls_attribute(path, caller.class_name, name):
                    # ``self.get_time = get_time or monotonic`` and ``self.get_time()``: the
                    # callable it holds, not another class's method of that name.
                    return _STOP
                if scope.result.language == "java":
                    return _STOP  # declared in a library base: Java has no mixins to guess at
                if self._library_ancestry(path, caller.class_name):
                    # ``self.add_route()`` in ``class App(Starlette)``: the library base's
                    # method, not the one repository class that happens to define it.
                    return _STOP
                if scope.result.language == "python":
                    mixed = self._mixed_in(path, caller.class_name, name)
                    if mixed is not None:
                        return _Located(mixed[0], mixed[1], METHOD)
            return None
        if receiver_type and "|" in receiver_type and _is_ecmascript(scope):
            # ``transport = isHttps ? https : http`` (axios): either branch's value; a library's
            # when both are (no guess), else a local of no one class.
            if self._library_value(scope, receiver_type, caller):
                return _STOP
            receiver_type = UNTYPED_LOCAL
        if receiver_type and receiver_type.startswith(ELEMENT_OF):
            module = self._aliased_module(scope, receiver, receiver_type)
            found_in = None if module is None else self._qualified(scope, module, name, caller)
            if found_in is not None and found_in is not _STOP:
                # ``const u = utils; u.merge()``: the call on the repository module itself.
                # (The name may also be a property's owner, ``const v = validator.validators``:
                # the module lacks the method, and the call is read as before.)
                return found_in
            # ``reader, writer = asyncio.open_connection(…)``: a library's call makes library
            # values (no guess); a repository function's parts say nothing of their classes
            # (``name, cmd = self.resolve_command(…)``: not its ``tuple`` result's).
            if self._library_value(scope, receiver_type, caller):
                return _STOP
            receiver_type = UNTYPED_LOCAL
        typed_in = scope  # where the receiver's type is written
        if receiver_type and receiver_type.startswith(_TAKEN_OUT):
            # ``for _, sub := range c.commands`` with another file's ``commands []*Command``,
            # ``range c.Commands()``: the element type, read where the container's is declared.
            element = self._element(scope, receiver_type, caller)
            if element is not None and not is_container(element[1]):
                typed_in, receiver_type = element
            elif self._foreign(scope, _container_holder(receiver_type), caller):
                return _STOP  # what a library's value holds is the library's
            else:
                receiver_type = UNTYPED_LOCAL
        if receiver_type and name in _MANAGER_METHODS and receiver.isidentifier():
            # ``cm = opened()`` then ``with cm:``: a ``contextmanager`` function's call gives
            # contextlib's manager, whose ``__enter__`` runs (extraction types a ``with``'s
            # variable by the same call, for what it yields).
            factory = self._factory(typed_in, receiver_type, caller)
            if factory is not None and _gives_manager(factory[1]):
                return _STOP
        if receiver_type:
            # A variable the caller declares, constructs or takes as a typed parameter: its
            # class's method, when the class is in scope and defines it (an inherited method
            # defined elsewhere is left to the steps below).
            owner = self._typed_class(typed_in, receiver_type) or self._returned_class(
                typed_in, receiver_type, caller
            )
            if owner is None and _is_ecmascript(typed_in):
                # ``const app = fastify(); app.get(…)``: a member of the object literal the
                # factory returns.
                held = self._factory_member(typed_in, receiver_type, name, caller)
                if held is not None:
                    return held
            if owner is None and "." in receiver_type:
                # A chain from what the variable holds: ``Logger.mu`` (logrus's
                # ``entry.Logger.mu``), ``Command.Root()`` (cobra's ``c.Root()``), or a
                # variable made by one, written as what it calls (echo's ``g :=
                # New().Group("/g")`` as ``New().Group``): the class its last link gives.
                made = self._chain_class(typed_in, receiver_type, caller)
                if isinstance(made, _Stop):
                    return _STOP
                owner = made
            if (
                owner is None
                and scope.result.language == "go"
                and receiver_type.isidentifier()
                and self._factory(typed_in, receiver_type, caller) is None
            ):
                # Any named type of the package has methods (``type IP []byte``), not only
                # the structs and interfaces read as classes; a function's name is no type
                # (``p := mkPool()``: what it returns says).
                owner = (typed_in.path, receiver_type)
            if owner is not None and _constant_body(
                self.symbols.scopes[owner[0]], *owner[1:], receiver
            ):
                # ``QUARTER_OF_YEAR.range()`` in its enum: extraction types the constant as a
                # ``Field``, whose constant's body has a ``range`` of its own.
                owner = (owner[0], receiver)
            if owner is not None and owner[0] == path:
                local = self._local_method(scope, owner[1], name, caller)
                if local is not None:
                    return local
            if owner is not None:
                found = self._instance_method(*owner, name)
                if found is not None:
                    return _Located(found[0], found[1], METHOD)
                implemented = self._on_interface(scope, owner, name)
                if implemented is not None:
                    return implemented
                if self._calls_attribute(*owner, name):
                    return _STOP
                if owner[1] in self.symbols.scopes[owner[0]].class_bases and (
                    self._library_ancestry(*owner)
                ):
                    # ``type DB struct{ *sql.DB }`` and ``db.Close()``: a method the
                    # repository class takes from a library base, not some other class's.
                    return _STOP
            elif self._foreign(typed_in, receiver_type, caller):
                return _STOP
        if (
            receiver_type is None
            and ("(" in receiver or receiver.partition(".")[0] in SELF_RECEIVERS)
            and self._foreign(scope, receiver, caller)
        ):
            # ``r.Header().Set(…)`` with ``Header()`` declared ``http.Header``; a chain through
            # such a call too (echo's ``c.Request().Header.Get(…)``, an ``http.Header``).
            return _STOP
        if (
            receiver_type is None
            and caller is not None
            and caller.class_name
            and scope.result.language == "python"
            and self._library_attribute(path, caller.class_name, receiver)
        ):
            # ``self.client.head('/')`` in a Django ``TestCase``: the library base's client,
            # not the one repository class with a ``head`` (DRF's ``MethodMapper``).
            return _STOP
        if (
            receiver_type is None
            and caller is not None
            and scope.result.language == "python"
            and any(p.name == receiver for p in caller.parameters)
            and self.is_test_code(scope.path)
        ):
            fixture = self._fixture_outcome(scope, receiver, name)
            if fixture is not None:
                return fixture
        if receiver_type is None and receiver.isidentifier():
            # Module-level code too: a JavaScript test block's callback is no function of its
            # own (``it("x", () => { store.get("a") })`` with ``store`` imported).
            shared = self._shared_outcome(scope, receiver, name, caller)
            if shared is not None:
                return shared
        if receiver_type is None and name == "__call__" and scope.result.language == "python":
            # ``@mark(["GET"])`` applies what ``mark(…)`` returns: the ``decorator`` it defines.
            nested = self._returned_function(scope, receiver, caller)
            if nested is not None:
                return nested
        if receiver_type is None and (
            "(" in receiver or "{" in receiver or self._python_member_chain(scope, receiver, caller)
        ):
            # ``New().Group("/y").PUT(…)``, gin's ``(JSON{data}).Render(w)``: a method of what
            # the chain of calls makes, when the repository declares each step's result; a
            # Python chain of attributes from ``self``, a parameter or a variable, through a
            # property's declared result (httpx's ``self.params.add(…)`` with ``@property def
            # params(self) -> QueryParams``, a fixture's ``server.url.copy_with(…)``).
            made = self._chain_class(scope, receiver, caller)
            if isinstance(made, _Stop):
                return _STOP
            if made is not None and made[0] == path:
                # ``cm().__enter__`` with a ``class cm`` the caller defines, as other tests
                # define theirs (a ``with`` block's): its own method, not the first ``cm``'s.
                local = self._local_method(scope, made[1], name, caller)
                if local is not None:
                    return local
            if made is not None:
                # The class is known: a method it lacks is a library base's or an attribute's.
                implemented = self._on_interface(scope, made, name)
                if implemented is not None:
                    return implemented  # ``r.GetHandler().ServeHTTP(…)`` on an interface
                return _outcome_of(self._instance_method(*made, name), METHOD)
        if receiver_type == UNTYPED_LOCAL:
            # ``for store in caches: store.refill()``: a variable of the caller's, whatever an
            # import or a module variable of its name holds; only its name may say more.
            like = self._class_named_like(scope, receiver)
            found = None if like is None else self._instance_method(*like, name)
            return None if found is None else _Located(found[0], found[1], METHOD)
        if receiver_type is None and caller is not None and scope.result.language == "java":
            on_field = self._static_field_call(scope, receiver, name, caller)
            if on_field is not None:
                return on_field
        known = self._receiver(scope, receiver)
        if known.owner is not None and known.owner[0] == path:
            # ``A.method_example`` with an ``A`` the caller defines, as other tests define
            # theirs: its own method, not the first ``A``'s.
            classes = self._classes_named(scope, known.owner[1])
            if (
                classes
                and scope.result.language == "python"
                and _visible_class(classes, scope, caller) is None
                and all(_in_function(scope, cls) for cls in classes)
            ):
                # test_with's ``cm = mock_contextmanager_generator()``, then ``with cm``: a
                # variable named like another test's ``class cm``, none the caller sees.
                return _STOP
            visible = _visible_class(classes, scope, caller) if len(classes) > 1 else None
            local = None if visible is None else self._namesakes_method(scope, visible, name)
            if local is not None:
                return local
        if known.owner is not None:
            # ``new Store().save()``: an instance's; ``Store.make()``: the class's own too.
            lookup = self._instance_method if _constructed_class(receiver) else self._method
            return _outcome_of(lookup(*known.owner, name), METHOD)
        if known.module is not None:
            located = self.symbols.locate_function(known.module, name)
            if located is None and _is_ecmascript(scope):
                # ``Store.create()`` after ``const Store = require("./store")`` whose
                # ``module.exports = Store``: a static method of the module's default class.
                exported = self.symbols.locate_class(known.module, "default")
                if exported is not None:
                    return _outcome_of(self._method(*exported, name), METHOD)
            return _outcome_of(located, IMPORT)
        if known.external:
            return _STOP
        if known.like is not None and not _declared_parameter(caller, receiver):
            # ``JComponent.KeyboardState.shouldProcess(e)`` names the class itself (its
            # static methods too); ``state.shouldProcess(e)`` an instance named like it. A
            # parameter whose type the code declares is that type, whatever its name says
            # (gorilla/websocket's ``conn interface{ Close() error }``: no ``Conn.Close``). A
            # variable a call made keeps the name's word: ``logger = logging.getLogger()``
            # is a ``Logger`` far more often than ``conn, err := dial()`` is no ``Conn``.
            itself = receiver.rsplit(".", 1)[-1] == known.like[1]
            found = (self._method if itself else self._instance_method)(*known.like, name)
            if found is not None:
                return _Located(found[0], found[1], METHOD)
        return None

    def _returned_function(
        self, scope: FileScope, receiver: str, caller: Function | None
    ) -> _Located | None:
        """The function defined inside a repository function that a call of it returns
        (``Function.returns_nested``), for ``receiver`` written as that one call (``mark(…)``,
        ``deco.mark(…)``); None when it names no such function."""
        links = _chain_links(receiver)
        if not links or links[-1][1] is not True or any(called for _, called in links[:-1]):
            return None
        head = ".".join(name for name, _ in links[:-1]) or None
        found = self._locate(scope, head, links[-1][0], caller)
        if not isinstance(found, _Located):  # nothing, or a Go interface's implementations
            return None
        nested = self._nested_returned(found.file, found.function)
        return None if nested is None else _Located(found.file, nested, found.resolution)

    def _nested_returned(self, file: str, fn: Function, *, only: bool = False) -> Function | None:
        """The function ``fn`` defines and returns (``Function.returns_nested``), or None; with
        ``only``, when it returns nothing else (``Function.returns_only_nested``)."""
        if fn.returns_nested is None or (only and not fn.returns_only_nested):
            return None
        candidates = self.symbols.scopes[file].by_qualified.get(
            f"{fn.qualified_name}.{fn.returns_nested}", ()
        )
        return next((c for c in candidates if fn.line < c.line <= fn.end_line), None)

    def wrapper_of(self, row_id: int) -> tuple[int, str] | None:
        """The id of the wrapper a call of the Python function ``row_id`` runs, when a
        repository decorator on it returns one it defines: ``@retry`` with ``def retry(f):
        def wrapped_f(…): …; return wrapped_f``, or ``@retry(stop=3)`` whose returned
        ``decorator`` returns its ``wrapped_f``. The name holds the wrapper, which calls the
        function itself; with the resolution of the decorator's name (an ``import``); None
        otherwise. Worked out once per function."""
        if row_id in self._wrappers:
            return self._wrappers[row_id]
        found: tuple[int, str] | None = None
        located = self.located_by_id(row_id)
        if located is not None and located[1].decorators:
            file, fn = located
            scope = self.symbols.scopes[file]
            for decorator in fn.decorators:
                head, _, last = decorator.name.rpartition(".")
                if not last.isidentifier():
                    continue
                applied = self._locate(scope, head or None, last, None)
                if not isinstance(applied, _Located) or applied.file not in self.symbols.scopes:
                    continue
                # ``@retry(stop=3)``: the factory's result is the decorator applied, whatever
                # else it may return when used bare (``lru_cache``, ``dataclass``).
                applied_fn: Function | None = applied.function
                if decorator.arguments is not None:
                    applied_fn = self._nested_returned(applied.file, applied.function)
                # The decorator must give its wrapper on every path: a bare ``@lru_cache``
                # gives the library's wrapper, not the ``decorating_function`` it returns
                # when called with arguments.
                wrapper = (
                    None
                    if applied_fn is None
                    else self._nested_returned(applied.file, applied_fn, only=True)
                )
                wrapper_id = None if wrapper is None else self.row_id(applied.file, wrapper)
                if wrapper_id is not None:
                    found = (wrapper_id, applied.resolution)
                    break
        self._wrappers[row_id] = found
        return found

    def _static_field_call(
        self, scope: FileScope, receiver: str, name: str, caller: Function
    ) -> _Outcome | None:
        """A Java call on a field the receiver names through its class (``Fmt.ISO.format(…)``,
        ``Unit.MINUTES.toNanos(1)``, an enum's constant being a field of the enum's type), or
        by its name alone where a static import brings it (``SECONDS.toNanos(2)``) or the
        caller's class or a class around it declares or inherits it: a method of the class
        the field is declared with, or nothing when it has none. None when the receiver
        names no such field (``Outer.Nested.m()`` names a class), or one of a class the
        repository does not define."""
        holder_written, _, field = receiver.rpartition(".")
        if not field.isidentifier():
            return None
        if holder_written:
            if not all(part.isidentifier() for part in holder_written.split(".")):
                return None
            holder = self._typed_class(scope, holder_written)
            declared = None if holder is None else self._field_type(*holder, field)
        else:
            declared = self._bare_field_type(scope, field, caller)
        if declared is None:
            return None
        defined = self.symbols.scopes[declared[0]]
        if _constant_body(defined, declared[1], field):
            # An enum constant with a body (``Op.PLUS.apply(1)``): the body's class, which
            # derives from the enum (``symbols._index_constant_bodies``).
            return _outcome_of(self._instance_method(declared[0], field, name), METHOD)
        kind = self._typed_class(defined, declared[1])
        if kind is None:
            # A library's class, or a type variable (``T_NODE node`` bound to ``Node<T>``):
            # the steps after decide, as they did.
            return None
        return _outcome_of(self._instance_method(*kind, name), METHOD)

    def _bare_field_type(
        self, scope: FileScope, field: str, caller: Function
    ) -> tuple[str, str] | None:
        """``(file, class as written)`` of the field a Java name alone names, when it is no
        variable of the caller's (extraction would have typed it): one of the caller's class
        or of a class around it, innermost first, declared there or in a repository ancestor
        (not past a function around the caller, whose local the name may be: an anonymous
        class's ``i.next()`` on the method's ``final ListIterator<E> i``), else a member
        statically imported (``import static java.time.temporal.ChronoField.NANO_OF_SECOND``,
        or all of a class's)."""
        if field in self.parameters_around(scope, caller):
            return None
        for around in _classes_out_to_a_function(scope, caller):
            declared = self._field_type(scope.path, around, field)
            if declared is not None:
                return declared
        binding = scope.bindings.get(field)
        for imported in scope.result.imports:
            if imported.is_type_only:
                continue
            if imported.is_wildcard:
                files = scope.static_wildcard_files
            elif binding is not None and any(n.name == field for n in imported.names):
                files = binding.files
            else:
                continue
            class_name = imported.source.rpartition(".")[2]
            holder = self.symbols.locate_class(files, class_name) if files else None
            declared = None if holder is None else self._field_type(*holder, field)
            if declared is not None:
                return declared
        return None

    def _outer_this(self, scope: FileScope, outer: str, name: str) -> _Outcome:
        """Java's ``Outer.this.m()`` in an inner class: method ``m`` of the enclosing class
        ``Outer`` (``CopyOnWriteArrayList.this.set(…)`` in its sublist), as ``this.m()`` is
        the caller's class's; nothing where neither it nor a repository base defines one (a
        library base does)."""
        path = scope.path
        if outer not in scope.class_bases:
            return _STOP  # only a class around the caller is named so: one of this file
        method = scope.method(outer, name)
        if method is not None:
            return _Located(path, method, METHOD)
        return _outcome_of(self._inherited(path, outer, name), METHOD)

    def _aliased_module(self, scope: FileScope, receiver: str, kind: str) -> str | None:
        """For a JavaScript variable given a plain name bound by an import of a repository
        module (``ELEMENT_OF`` and ``utils`` after ``const utils = require("./utils")``), that
        name; else None."""
        name = kind[len(ELEMENT_OF) :]
        if name == receiver or not _is_ecmascript(scope) or not _JS_NAME.fullmatch(name):
            return None
        binding = scope.bindings.get(name)
        return name if binding is not None and binding.files else None

    def _library_value(
        self, scope: FileScope, kind: str, caller: Function | None, depth: int = 0
    ) -> bool:
        """Whether a receiver given ``kind`` (``CallSite.receiver_type``) holds a library's
        value: for ``ELEMENT_OF`` and a name, a name bound by an external import or the
        language's own object, or a module variable given such a value (axios's ``const {
        http: httpFollow } = followRedirects``, then ``transport = httpFollow``); else a type
        or factory defined outside the repository (``_foreign``). A ternary's (``a|b``): when
        both are."""
        if "|" in kind:
            return all(self._library_value(scope, part, caller, depth) for part in kind.split("|"))
        if not kind.startswith(ELEMENT_OF):
            return self._foreign(scope, kind, caller)
        root = kind[1:].split(".", 1)[0].split("(", 1)[0]
        binding = scope.bindings.get(root)
        if binding is not None and binding.files and _is_ecmascript(scope):
            # A repository module's value, by any import (axios's ``validators =
            # validator.validators`` after ``import validator from "./validator.js"``).
            return False
        made = self._receiver(scope, root)
        if made.owner is not None or made.module:
            return False
        if made.external:
            return True
        if depth >= _MAX_CHAIN or not _is_ecmascript(scope):
            return False
        given = next((k for name, k in scope.result.variables if name == root), None)
        return (
            given is not None
            and given != kind
            and (self._library_value(scope, given, None, depth + 1))
        )

    def _receiver(self, scope: FileScope, receiver: str) -> _Receiver:
        """What ``receiver`` names in ``scope``, worked out once per file and receiver (a
        receiver is called with many names)."""
        key = (scope.path, receiver)
        known = self._receivers.get(key)
        if known is None:
            known = self._receivers[key] = self._new_receiver(scope, receiver)
        return known

    def _new_receiver(self, scope: FileScope, receiver: str) -> _Receiver:
        made = _constructed_class(receiver)
        if made is not None:  # ``new Calc().twice(2)``: the class it makes, or a library's
            owner = self._class_in_scope(scope, made.rsplit(".", 1)[-1])
            if owner is None and "." in made:
                owner = self._typed_class(scope, made)  # Java's ``new Outer.Inner()``
            return _Receiver(owner, None, owner is None, None)
        if receiver in _COMMONJS_EXPORTS and _is_ecmascript(scope):
            return _Receiver(None, (scope.path,), False, None)  # ``exports.helper()``: its own
        owner = self._class_in_scope(scope, receiver)
        binding = scope.bindings.get(receiver)
        module = binding.files if binding is not None and binding.symbol is None else None
        if (
            owner is None
            and binding is not None
            and binding.symbol is not None
            and binding.files
            and _is_ecmascript(scope)
        ):
            # ``import { z } from "zod/v4"``: a module's namespace, exported by name.
            module = self.symbols.locate_module(binding.files, binding.symbol) or None
        if (
            owner is None
            and module is None
            and "." in receiver
            and scope.result.language == ("python")
        ):
            owner, module = self._module_member(scope, receiver)
        # A receiver rooted in an import that did not resolve here is external code, and so
        # is one rooted in the language's own objects, unless the file defines that name.
        root = receiver.split(".", 1)[0].split("(", 1)[0]
        external = root in scope.bindings or (
            root in _GLOBAL_OBJECTS.get(language_family(scope.result.language), ())
            and root not in scope.top_level
            and root not in scope.class_bases
        )
        if owner is not None or module is not None or external:
            like = None  # an earlier step decides: not looked up
        else:
            like = self._class_named_like(scope, receiver)
        return _Receiver(owner, module, external, like)

    def _module_member(
        self, scope: FileScope, receiver: str
    ) -> tuple[tuple[str, str] | None, tuple[str, ...] | None]:
        """The class or the module's files a dotted Python receiver names through an imported
        module: a submodule (arrow's ``arrow.api`` and ``arrow.locales`` after ``import
        arrow``, attrs's ``attr.converters``), or a class of the module, re-exported or not
        (``arrow.Arrow`` after ``from arrow import arrow``, the module): ``(None, None)`` for
        anything else."""
        path, _, last = receiver.rpartition(".")
        files = self._module_files(scope, path)
        if not files or not last.isidentifier():
            return None, None
        submodule = self.symbols.submodule(files, last)
        if submodule:
            return None, submodule
        return self.symbols.locate_class(files, last), None

    def _module_files(self, scope: FileScope, dotted: str) -> tuple[str, ...]:
        """The files of the Python module ``dotted`` names from an imported module or package
        (``pkg``, ``pkg.api``), each further name a submodule; () for anything else."""
        head, *rest = dotted.split(".")
        binding = scope.bindings.get(head)
        if binding is None or binding.symbol is not None:
            return ()
        files = binding.files
        for part in rest:
            if not files:
                break
            files = self.symbols.submodule(files, part)
        return files

    def _shared_outcome(
        self, scope: FileScope, receiver: str, name: str, caller: Function | None
    ) -> _Outcome | None:
        """``CommandLine.VarP()`` with pflag's ``var CommandLine = NewFlagSet(…)`` in another
        file of the package, or ``STORE.save()`` after ``from app import STORE``: the method
        of the class the variable's own module gives it, no guess for a library's class, and
        no decision (the steps after decide) for a class without the method (an interface) or
        a parameter of that name, which is another variable; for a Go interface, its
        implementations."""
        if caller is not None and receiver in self.parameters_around(scope, caller):
            return None
        given = self._shared_variable(scope, receiver, scope.bindings.get(receiver))
        if given is None:
            return None
        defined, kind = given
        owner = self._typed_class(defined, kind) or self._returned_class(defined, kind, None)
        if owner is not None:
            found = self._instance_method(*owner, name)
            if found is None:
                return self._on_interface(scope, owner, name)  # ``var V Saver = &store{}``
            return _Located(found[0], found[1], METHOD)
        if _is_ecmascript(defined):
            member = self._factory_member(defined, kind, name, None)
            if member is not None:
                return member
        return _STOP if self._foreign(defined, kind, None) else None

    def _factory_member(
        self, scope: FileScope, written: str, name: str, caller: Function | None
    ) -> _Outcome | None:
        """Member ``name`` of what a variable assigned the result of ``written`` holds, when
        that is a repository function returning an object literal (``Function.members``):
        fastify's ``const fastify = Fastify(); fastify.get(…)`` reaches the literal's ``get``,
        and ``fastify.inject(…)`` the nested function ``inject`` its shorthand ``inject,``
        names. The object is known: a member it lacks is put there by other code (avvio's
        ``register``), no class's method of the name (no guess). None where no such factory
        made the variable."""
        found = self._factory(scope, written, caller)
        if found is None or not found[1].members:
            return None
        value = next((site for key, site in found[1].members if key == name), None)
        if value is None:
            return _STOP
        return self._member_value(*found, value)

    def _member_value(self, file: str, factory: Function, value: CallSite) -> _Outcome:
        """The function a member of ``factory``'s returned literal holds (``value``, read as
        a reference from ``factory``): a function written there, or what the name or member
        given reaches from ``factory`` as a function passed on would (never a guess), labelled
        ``method`` or, when weaker, as that name was found (``decorate: decorator.add``, an
        import). Nothing when it reaches no function of the repository."""
        kind = value.receiver_type
        if value.receiver is None and kind and kind.startswith(LITERAL_OF):
            written = self._function_at(file, value.callee, int(kind[len(LITERAL_OF) :]))
            return _STOP if written is None else _Located(file, written, METHOD)
        key = (file, factory.line, value.line, value.column)
        if key in self._members_resolving:
            return _STOP  # ``{ a: other.a }`` with ``other`` the factory's own result
        self._members_resolving.add(key)
        try:
            reached = self.resolve_reference(file, value, factory)
        finally:
            self._members_resolving.discard(key)
        if reached is None:
            return _STOP
        target = reached[0]
        resolution = min(METHOD, target.resolution, key=CONFIDENCE.__getitem__)
        return _Located(target.file, target.function, resolution)

    def pick_overload(
        self,
        callee_id: int,
        arg_count: int,
        argument_types: Sequence[str] = (),
        scope: FileScope | None = None,
        avoid: int | None = None,
    ) -> Pick | None:
        """The Java method a call with ``arg_count`` arguments reaches, of those named like
        ``callee_id``: one of its overloads, else one a base class declares (``translate(t)``
        in ``TransTypes``, whose own ``translate`` takes two, reaches ``TreeTranslator``'s);
        None when no class of the lineage has one. ``scope``: the calling file's, where the
        arguments' classes are looked up; ``avoid``: the caller, which a tie never picks."""
        if any(kind.startswith(STATIC_MEMBER) for kind in argument_types):
            argument_types = [self._member_type(kind) for kind in argument_types]
        supertypes = (
            [self._closed_supertypes(scope, kind) for kind in argument_types]
            if scope is not None and any(argument_types)
            else []
        )
        for _ in range(_MAX_ANCESTORS):
            overloads = self._overloads.get(callee_id)
            if overloads is None:
                return Pick(callee_id)
            picked = overloads.pick(arg_count, argument_types, supertypes, avoid)
            if picked is not None or overloads.owner is None:
                return picked
            found = self._inherited(*overloads.owner)
            found_id = None if found is None else self.row_id(found[0], found[1])
            if found_id is None or found_id == callee_id:
                return None
            callee_id = found_id
        return None

    def _closed_supertypes(self, scope: FileScope, kind: str) -> Supertypes | None:
        """What an argument of a repository class whose whole ancestry is known may be passed
        as (``Supertypes``); None for any other argument. A lambda or method reference
        (``LAMBDA``) is passed as an interface: the repository's or a well-known functional
        one of the JDK (of these not all: any other may be one)."""
        if kind == LAMBDA:
            return self._functional()
        if not kind or kind in JAVA_PRIMITIVES or kind in ("null", NUMBER) or "[" in kind:
            return None
        key = (scope.path, kind)
        if key in self._supertypes:
            return self._supertypes[key]
        owner = self._typed_class(scope, kind) or self._java_classes()[0].get(kind)
        found: Supertypes | None = None
        if owner is not None:
            names = set(JAVA_IMPLICIT_SUPERTYPES)
            closed = True
            queue, seen = [owner], {owner}
            while queue and len(seen) <= _MAX_ANCESTORS:
                file, class_name = queue.pop()
                names.add(class_name)
                defined = self.symbols.scopes[file]
                for base in defined.class_bases.get(class_name, ()):
                    written = base_name(base)
                    names.add(written.rsplit(".", 1)[-1])
                    located = self._typed_class(defined, written)
                    if located is None:
                        closed = closed and written.rsplit(".", 1)[-1] in JAVA_LEAF_INTERFACES
                    elif located not in seen:
                        seen.add(located)
                        queue.append(located)
            if closed and not queue:
                # Only all of them say anything: of one known to be passed as a ``Map`` and
                # another perhaps a ``SortedMap`` too, Java picks the more specific.
                found = Supertypes(frozenset(names), True)
        self._supertypes[key] = found
        return found

    def _functional(self) -> Supertypes:
        """``_closed_supertypes`` of a lambda: the repository's interfaces, and the JDK's
        functional interfaces a lambda is most often given as."""
        if self._interfaces is None:
            names = set(JAVA_FUNCTIONAL)
            for scope in self.symbols.scopes.values():
                if scope.result.language == "java":
                    names.update(c.name for c in scope.result.classes if c.kind == "interface")
            self._interfaces = Supertypes(frozenset(names), False)
        return self._interfaces

    def _java_classes(self) -> JavaClasses:
        """The repository's Java classes by qualified name (``java.time.temporal.ChronoField``),
        and each one's qualified name by ``(file, class name)``."""
        if self._java_class_names is None:
            self._java_class_names = java_classes(self.symbols.scopes)
        return self._java_class_names

    def qualified_type(self, file: str, written: str) -> str:
        """A type as a Java file writes it, qualified when it names a repository class
        (``LocalDate`` → ``java.time.LocalDate``): an argument's type then means the same in
        the calling file. Array brackets stay; a type variable is unknown (``""``)."""
        kind = java_type(written)
        element = kind.rstrip("[]")
        if not element or element in JAVA_PRIMITIVES:
            return kind
        owner = self._typed_class(self.symbols.scopes[file], element)
        qualified = None if owner is None else self._java_classes()[1].get(owner)
        return kind if qualified is None else qualified + kind[len(element) :]

    def _member_type(self, kind: str) -> str:
        """An argument's type (``CallSite.argument_types``) with a static member's given:
        ``static Level.EXTRA``, or a statically imported ``HPACK.Logger.Level.NORMAL``, is its
        enum's type, qualified (``jdk.internal.net.http.hpack.HPACK.Logger.Level``), and
        ``static ReducedPrinterParser.BASE_DATE`` the type that field is declared with, when
        one repository class its class names has such a field; else unknown (``""``): a
        library's constant, whose type is not read."""
        if not kind.startswith(STATIC_MEMBER):
            return kind
        owner, _, member = kind.removeprefix(STATIC_MEMBER).rpartition(".")
        if self._static_fields is None:
            self._static_fields = java_fields(self.symbols.scopes)
        fields = self._static_fields.get((owner.rpartition(".")[2], member), [])
        found = {
            (name, path, field_type)
            for name, path, field_type in fields
            if same_qualified(owner, name)
        }
        if len(found) != 1:
            return ""
        name, path, field_type = found.pop()
        if field_type == name.rpartition(".")[2]:  # an enum's constant, ``ZoneOffset.UTC``
            return name
        return self.qualified_type(path, field_type)

    def _fixture_outcome(self, scope: FileScope, parameter: str, name: str) -> _Outcome | None:
        """``runner.invoke(…)`` in ``def test_x(runner)`` with a pytest fixture ``runner``
        (in the file or a ``conftest.py`` above it) that returns or yields a ``CliRunner``:
        that class's method; nothing to guess for a library's value (click's 265 tests had
        no edge to ``CliRunner.invoke``)."""
        found = self._fixtures(scope).get(parameter)
        if found is None:
            return None
        owner = self._fixture_class(found)
        if owner is not None:
            method = self._instance_method(*owner, name)
            return None if method is None else _Located(method[0], method[1], METHOD)
        made = self._result_type(found)
        defined = self.symbols.scopes[found[0]]
        return _STOP if made and self._foreign(defined, made, None) else None

    def _fixture_class(self, found: tuple[str, Function]) -> tuple[str, str] | None:
        """The class of the value a fixture gives: what it is annotated to return, or for a
        generator fixture to yield (``-> Iterator[AiohttpClient]``), or what its ``return``
        or ``yield`` makes."""
        written = found[1].return_type
        if written is not None and (given := _YIELDED.match(written.strip())) is not None:
            kind = class_of_type(given.group(1))
            return self._typed_class(self.symbols.scopes[found[0]], kind) if kind else None
        return self._result_class(found)

    def _called_fixture(
        self, scope: FileScope, written: str, caller: Function | None
    ) -> tuple[str, str] | None:
        """The class a call of a fixture's value makes, by its class's ``__call__``:
        ``client = test_client_factory(app)`` with ``TestClientFactory.__call__(…) ->
        TestClient`` (starlette's 431 test clients, aiohttp's ``aiohttp_client(app)``)."""
        if (
            caller is None
            or scope.result.language != "python"
            or not any(p.name == written for p in caller.parameters)
            or not self.is_test_code(scope.path)
        ):
            return None
        found = self._fixtures(scope).get(written)
        owner = None if found is None else self._fixture_class(found)
        call = None if owner is None else self._method(*owner, "__call__")
        return None if call is None else self._result_class(call)

    def _is_fixture_parameter(self, scope: FileScope, name: str, caller: Function) -> bool:
        """Whether ``name`` is a parameter of a Python test-support function that a pytest
        fixture it sees gives (``_fixtures``)."""
        return (
            scope.result.language == "python"
            and any(p.name == name for p in caller.parameters)
            and self.is_test_code(scope.path)
            and name in self._fixtures(scope)
        )

    def _fixtures(self, scope: FileScope) -> Mapping[str, tuple[str, Function]]:
        """The pytest fixtures a test file sees by name: its own, then those of each
        ``conftest.py`` from its directory up (the nearest wins), worked out once per file."""
        known = self._fixture_maps.get(scope.path)
        if known is None:
            known = self._fixture_maps[scope.path] = {}
            directory, chain = posixpath.dirname(scope.path), []
            while True:
                chain.append(posixpath.join(directory, "conftest.py"))
                if not directory:
                    break
                directory = posixpath.dirname(directory)
            for path in [*reversed(chain), scope.path]:
                defined = self.symbols.scopes.get(path)
                if defined is None:
                    continue
                for fn in defined.result.functions:
                    if fn.class_name is None and "." not in fn.qualified_name:
                        name = _fixture_name(fn)
                        if name is not None:
                            known[name] = (path, fn)
        return known

    def parameters_around(self, scope: FileScope, caller: Function) -> frozenset[str]:
        """The names of ``caller``'s parameters and of the functions enclosing it (a closure
        calling ``cb`` of ``def outer(cb)``, a decorator's wrapper), worked out once per
        caller."""
        names = self._parameter_names.get(id(caller))
        if names is None:
            found = {p.name for p in caller.parameters}
            prefix = caller.qualified_name
            while "." in prefix:
                prefix = prefix.rsplit(".", 1)[0]
                for enclosing in scope.by_qualified.get(prefix, ()):
                    if enclosing.line <= caller.line <= enclosing.end_line:
                        found.update(p.name for p in enclosing.parameters)
            names = self._parameter_names[id(caller)] = frozenset(found)
        return names

    def _shared_variable(
        self, scope: FileScope, name: str, binding: Binding | None
    ) -> tuple[FileScope, str] | None:
        """The scope defining module-level variable ``name`` that ``scope`` sees (imported by
        name, through re-exports too, or of its Go package) and the class it gives it
        (``ParseResult.variables``)."""
        if binding is not None:
            if binding.symbol is None:
                return None
            return self.symbols.locate_variable(binding.files, binding.symbol)
        if scope.result.language == "go":
            candidates = self.symbols.same_package_files(scope.path)
            wanted = name
        else:
            return None
        for path in candidates:
            defined = self.symbols.scopes.get(path)
            if defined is None or not defined.result.variables:
                continue
            for variable, kind in defined.result.variables:
                if variable == wanted and not kind.startswith(ALIAS_OF):
                    return defined, kind
        return None

    def _exports_one_value(self, files: Iterable[str]) -> bool:
        """Whether a module's exports are one value (``module.exports = Store``), so that what
        ``require`` gives is that value; with named exports beside a default (TypeScript's
        ``exports.default = Store``) it is the exports object."""
        for path in files:
            scope = self.symbols.scopes.get(path)
            if scope is not None and scope.default_export is not None:
                return all(export.is_default for export in scope.result.exports)
        return False

    def _typed_class(self, scope: FileScope, written: str) -> tuple[str, str] | None:
        """The class a receiver's type names in ``scope``: ``Store``, or ``models.Store``
        through an imported module."""
        head, dot, last = written.rpartition(".")
        if dot:
            binding = scope.bindings.get(head)
            if binding is not None and binding.symbol is None:
                return self.symbols.locate_class(binding.files, last)
            if binding is None and "." in head and scope.result.language == "python":
                files = self._module_files(scope, head)  # ``pkg.core.Store``
                return self.symbols.locate_class(files, last) if files else None
            if scope.result.language == "java" and head.isidentifier():
                # ``Map.Entry``: the class nested in the outer class the file sees.
                outer = self._class_in_scope(scope, head)
                if outer is not None and _nested_in(self.symbols.scopes[outer[0]], head, last):
                    return outer[0], last
            return None
        return self._class_in_scope(scope, written)

    def _chain_foreign(
        self, scope: FileScope, written: str, caller: Function | None, depth: int
    ) -> bool:
        """Whether a chain of method calls from a variable of a repository class
        (``c.Response().Header``) reaches, through the methods' declared results, a library's
        value: each step's method is looked up in the class the step before gave."""
        names = _chain_names(written)
        if len(names) < 2 or caller is None:
            return False
        owner = self._chain_root(scope, names[0], caller)
        if owner is None:
            return self._known_part_foreign(scope, written, caller, depth)
        return self._steps_foreign(owner, names[1:], depth)

    def _known_part_foreign(
        self, scope: FileScope, written: str, caller: Function, depth: int
    ) -> bool:
        """``_chain_foreign`` from the longest part of the chain that names a repository class:
        one the caller's calls give it (``c.Writer`` of gin's ``c.Writer.Header()``, in a
        method whose receiver ``c`` no call names alone), or an imported class, as extraction
        writes a typed variable's chain (``echo.Context.Request().Header`` for echo's
        ``c.Request().Header`` with ``c echo.Context``)."""
        for end in reversed(_chain_dots(written)[1:]):
            part = written[:end]
            given = self._local_class(scope, caller.qualified_name, part)
            owner = None if given is None else self._typed_class(scope, given)
            if owner is None and "." in part:
                owner = self._typed_class(scope, part)
            if owner is not None:
                rest = _chain_names(written[end + 1 :])
                return bool(rest) and self._steps_foreign(owner, rest, depth)
        return False

    def _steps_foreign(self, owner: tuple[str, str] | None, names: list[str], depth: int) -> bool:
        """Whether the chain of members ``names`` from an instance of ``owner`` reaches a
        library's value: each step's method is looked up in the class the step before gave."""
        for name in names:
            if owner is None:
                return False
            found = self._method(*owner, name)
            if found is not None:
                returned = self._result_type(found)
                defined = self.symbols.scopes[found[0]]
            else:  # a field: ``c.Request`` with ``Request *http.Request``
                field = self._field_type(*owner, name)
                if field is None:
                    return self._embeds_member(*owner)
                defined, returned = self.symbols.scopes[field[0]], field[1]
            if returned is None or returned.rsplit(".", 1)[-1] in _TYPING_NAMES:
                return False
            if self._foreign(defined, returned, None, depth + 1):
                return True
            owner = self._typed_class(defined, returned)
        return False

    def _embeds_member(self, file: str, class_name: str) -> bool:
        """Whether a member a Go type neither declares nor takes from a repository base is an
        embedded library type's: Go declares every field and method, so one the repository
        does not know comes from a library base (gin's ``c.Writer.Header()``, with
        ``ResponseWriter`` embedding ``http.ResponseWriter``, is an ``http.Header``)."""
        if self.symbols.scopes[file].result.language != "go":
            return False  # a Python attribute may be assigned anywhere, undeclared
        return self._library_ancestry(file, class_name)

    def _chain_root(self, scope: FileScope, root: str, caller: Function) -> tuple[str, str] | None:
        """The repository class a chain starts from: a parameter's, a variable's (as the
        caller's calls on it record), a factory's result (``CreateTestContext`` in
        ``CreateTestContext.Request.Header``, what extraction writes for a variable it made),
        or a class named."""
        if root in SELF_RECEIVERS:
            return (scope.path, caller.class_name) if caller.class_name else None
        declared = next((p.type for p in caller.parameters if p.name == root), None)
        kind = class_of_type(declared) if declared is not None else None
        if kind is None:
            kind = self._local_class(scope, caller.qualified_name, root)
        if kind is not None and kind.startswith(_TAKEN_OUT):  # a range's variable
            element = self._element(scope, kind, caller)
            if element is None or is_container(element[1]):
                return None
            return self._typed_class(*element)
        if kind is None and declared is None and self._is_fixture_parameter(scope, root, caller):
            # ``server.url`` in ``def test_x(server)``: the class the pytest fixture gives.
            return self._fixture_class(self._fixtures(scope)[root])
        if kind is not None:
            # ``Store`` or ``models.Store``, or what made it: ``c := e.NewContext(…)`` (once:
            # ``a = a.next()`` would have ``a`` made by ``a``'s method).
            owner = self._typed_class(scope, kind)
            key = (scope.path, caller.qualified_name, root)
            if owner is None and key not in self._rooting:
                self._rooting.add(key)
                try:
                    owner = self._returned_class(scope, kind, caller)
                    if owner is None and "(" in kind:  # ``cmd, _, e := c.Root().Find(args)``
                        made = self._chain_class(scope, kind, caller)
                        owner = None if isinstance(made, _Stop) else made
                finally:
                    self._rooting.discard(key)
            return owner
        # A class named (``Model.model_validate(…)``), before a factory: what calling a class
        # runs is its constructor, whose result says nothing.
        named = self._class_in_scope(scope, root)
        if named is not None:
            return named
        found = self._factory(scope, root, caller)
        return None if found is None else self._result_class(found)

    def _field_type(self, file: str, class_name: str, name: str) -> tuple[str, str] | None:
        """``(file, class as written)`` of field ``name`` of a class (``Class.fields``), or of
        a repository base of it; None for a field holding a class itself (``_field_alias``)."""
        found = self._field(file, class_name, name)
        if found is None or found[2].startswith(ALIAS_OF):
            return None
        return found[0], found[2]

    def _field_alias(self, file: str, class_name: str, name: str) -> tuple[str, str, str] | None:
        """``(file, class, name)`` for an attribute a class body (the class's, or a repository
        base's, nearest first) gives another name: ``context_class = Context`` (peewee's
        ``Database``), ``__iadd__ = __add__``; None for any other attribute."""
        found = self._field(file, class_name, name)
        if found is None or not found[2].startswith(ALIAS_OF):
            return None
        return found[0], found[1], found[2][len(ALIAS_OF) :]

    def _field(self, file: str, class_name: str, name: str) -> tuple[str, str, str] | None:
        """``(file, class, class as written)`` of field ``name`` of a class or of its nearest
        repository base giving it one, worked out once."""
        key = (file, class_name, name)
        if key in self._field_types:
            return self._field_types[key]
        found = self._find_field(file, class_name, name)
        self._field_types[key] = found
        return found

    def _find_field(self, file: str, class_name: str, name: str) -> tuple[str, str, str] | None:
        seen: set[tuple[str, str]] = set()
        queue = [(file, class_name)]
        while queue and len(seen) < _MAX_ANCESTORS:
            owner = queue.pop(0)
            if owner in seen:
                continue
            seen.add(owner)
            scope = self.symbols.scopes[owner[0]]
            for cls in scope.result.classes:
                if cls.fields and owner[1] in (cls.name, cls.qualified_name):
                    for field, kind in cls.fields:
                        if field == name:
                            return owner[0], owner[1], kind
                if cls.bases and cls.name == owner[1] and scope.result.language == "go":
                    # An embedded type is a field named by it: chi's ``f.basicWriter``.
                    for base in cls.bases:
                        embedded = base_name(base)
                        if embedded.rpartition(".")[2] == name:
                            return owner[0], owner[1], embedded
            queue.extend(self._base_classes(*owner))
        return None

    def _aliased_value(self, file: str, class_name: str, name: str) -> _Outcome:
        """What ``name``, given in class ``class_name``'s body (``_field_alias``), calls: a
        method of that class body (``__iadd__ = __add__``), else the function or the class's
        constructor the name is in its module (``Context``, imported or defined there);
        ``_STOP`` for anything else (a library's class)."""
        method = self.symbols.scopes[file].method(class_name, name)
        if method is not None:
            return _Located(file, method, METHOD)
        found = self._unqualified(self.symbols.scopes[file], name, None)
        if not isinstance(found, _Located):
            return _STOP
        return _Located(found.file, found.function, METHOD)

    def _aliased_class(self, file: str, class_name: str, name: str) -> tuple[str, str] | None:
        """The repository class an attribute of a class names in its body (``cursor_class =
        Cursor``), or None."""
        alias = self._field_alias(file, class_name, name)
        return None if alias is None else self._typed_class(self.symbols.scopes[alias[0]], alias[2])

    def _local_class(self, scope: FileScope, caller: str, variable: str) -> str | None:
        """The class (as written) the function ``caller`` gives ``variable``, as its calls on
        the variable record it (``CallSite.receiver_type``); None when they give none or
        disagree."""
        known = self._local_classes.get(scope.path)
        if known is None:
            found: dict[tuple[str, str], str | None] = {}
            for call in scope.result.calls:
                if call.caller is None or call.receiver is None or not call.receiver_type:
                    continue  # nothing said of it (``UNTYPED_LOCAL`` neither)
                key = (call.caller, call.receiver)
                if key not in found:
                    found[key] = call.receiver_type
                elif found[key] != call.receiver_type:
                    found[key] = None  # reassigned: no one class
            known = self._local_classes[scope.path] = found
        return known.get((caller, variable))

    def _passes_on_library(self, binding: Binding) -> bool:
        """Whether a name imported from repository modules is one they import from a library
        and pass on: pydantic's ``from pydantic import ValidationError``, which its
        ``__init__`` takes from ``pydantic_core`` (``exc.errors()`` had been guessed to the v1
        ``ValidationError.errors``)."""
        symbol = binding.symbol
        for _ in range(_MAX_CHAIN):
            if symbol is None or not binding.files:
                return False
            onward = [
                found
                for path in binding.files
                if (scope := self.symbols.scopes.get(path)) is not None
                and (found := scope.bindings.get(symbol)) is not None
            ]
            if len(onward) != 1 or any(
                symbol in self.symbols.scopes[path].top_level
                or symbol in self.symbols.scopes[path].class_bases
                for path in binding.files
                if path in self.symbols.scopes
            ):
                return False  # defined here, or passed on from several places
            binding = onward[0]
            if not binding.files:
                return True
            symbol = binding.symbol
        return False

    def _foreign(
        self, scope: FileScope, written: str, caller: Function | None, depth: int = 0
    ) -> bool:
        """Whether the type or factory a receiver was given is defined outside the repository,
        so that the call is a library's, whatever repository method shares its name: its first
        name is bound by an import that reaches no repository file (``threading.Lock()``,
        ``sync.WaitGroup``, an imported npm class), or it is one of the language's own types
        (``dict()``, ``new Map()``, Go's ``string``), or, in Java, whose receivers' types are
        all declared, it names nothing the file can see (``ReentrantLock``, ``String``). A name
        the resolver cannot place in Python or TypeScript (a local, ``self.make()``) says
        nothing of the class: not foreign."""
        # Asked again and again of one receiver in one function (each call on it, a with
        # block's ``__enter__`` and ``__exit__``): the answer depends on the file, the text,
        # and the caller's name, line, class and parameters.
        key = (
            scope.path,
            written,
            depth,
            None if caller is None else (caller.qualified_name, caller.line, caller.class_name),
        )
        known = self._foreign_known.get(key)
        if known is None:
            known = self._foreign_known[key] = self._foreign_uncached(scope, written, caller, depth)
        return known

    def _foreign_uncached(
        self, scope: FileScope, written: str, caller: Function | None, depth: int
    ) -> bool:
        if "|" in written:  # ``except (ValidationError, ValueError) as exc``: every one
            return all(self._foreign(scope, part, caller, depth) for part in written.split("|"))
        root, dot, _ = written.partition(".")
        if not root.isidentifier():
            return False
        binding = scope.bindings.get(root)
        if binding is not None and (not binding.files or self._passes_on_library(binding)):
            return True
        language = scope.result.language
        if language == "java" and binding is None:
            # ``this.handleAsync(…).thenCompose(…)``: the caller's own class, no library's
            # (``_chain_class`` follows the declared results).
            return root not in SELF_RECEIVERS and self._unqualified(scope, root, caller) is None
        if language == "go" and dot and caller is not None:
            # ``rows := q.Query(…)`` with ``q *sql.DB``: what a library type's method returns
            # is the library's (``rows.Close()`` is no repository ``DB.Close``).
            declared = next((p.type for p in caller.parameters if p.name == root), None)
            kind = class_of_type(declared) if declared is not None else None
            if kind is not None and kind != written and self._foreign(scope, kind, caller):
                return True
        if depth >= _MAX_CHAIN:
            return False
        if dot and caller is not None:
            # ``u, _ := url.Parse(…)``, ``q := u.Query()``: what ``u`` holds, as the caller's
            # calls on it say, made ``q``; a library's value makes a library's. Likewise
            # ``r = self.session.get(…)`` with ``self.session`` a ``requests.Session``.
            for variable in dict.fromkeys((written.rpartition(".")[0], root)):
                given = self._local_class(scope, caller.qualified_name, variable)
                if (
                    given is not None
                    and given != written
                    and self._foreign(scope, given, caller, depth + 1)
                ):
                    return True
        # ``a = t.mkdir("a")`` with ``def mkdir(self) -> Path`` (pathlib's): the repository
        # function hands out a library's value. A typing construct (``Union[…]``,
        # ``Iterator[…]``) says nothing of the class.
        found = self._factory(scope, written, caller)
        if found is not None:
            returned = self._result_type(found)
            if (
                returned is not None
                and returned != written
                and returned.rsplit(".", 1)[-1] not in _TYPING_NAMES
            ):
                return self._foreign(self.symbols.scopes[found[0]], returned, None, depth + 1)
        if dot:
            # ``sub1.joinpath("x").write_text()`` with ``sub1 = pytester.mkdir("sub1")``: a
            # chain on what a library's value or a factory made is the library's; so is one
            # whose method hands out a library's value (``c.Response().Header()``, declared
            # ``http.Header``).
            head = _LEADING_MEMBER.match(written)
            if (
                head is not None
                and head.group() != written
                and self._foreign(scope, head.group(), caller, depth + 1)
            ):
                return True
            return self._chain_foreign(scope, written, caller, depth)
        own_types = _OWN_TYPES.get(language_family(language), frozenset())
        if written in own_types:
            return self._unqualified(scope, written, caller) is None
        if _is_ecmascript(scope) and written[:1].isupper() and binding is None:
            # ``new IntersectionObserver(…)``: a class no import binds and no file of the
            # repository defines where this one sees it is the platform's (svelte's
            # ``observer.observe()`` had reached its ``ResizeObserverSingleton.observe``).
            return (
                self._class_in_scope(scope, written) is None
                and self._unqualified(scope, written, caller) is None
            )
        return False

    def _returned_class(
        self, scope: FileScope, written: str, caller: Function | None
    ) -> tuple[str, str] | None:
        """The class a factory function returns, by its annotation, when ``written`` (what a
        variable was assigned from: ``repo = make_repo()``, ``repos.make()``, ``Repo.open()``,
        ``t.mkdir()``) names a function of the repository (``_factory``): ``def make_repo() ->
        Repo`` gives ``Repo``, looked up where the function is defined."""
        found = self._factory(scope, written, caller)
        if found is None:
            root, _, attribute = written.partition(".")
            if root in DISPATCHING and caller is not None and caller.class_name:
                # ``cur = self.cursor_class(self)`` with ``cursor_class = Cursor``: a ``Cursor``.
                return self._aliased_class(scope.path, caller.class_name, attribute)
            return self._called_fixture(scope, written, caller) if written.isidentifier() else None
        return self._factory_class(scope, written, found, caller)

    def _factory_class(
        self,
        scope: FileScope,
        written: str,
        found: tuple[str, Function],
        caller: Function | None,
    ) -> tuple[str, str] | None:
        """The class the call ``written`` of the repository function ``found`` (``_factory``)
        gives: its declared result, or for ``-> Self`` (pydantic's ``m =
        Model.model_validate(…)``) the class it is called on, not the one defining it."""
        if _returns_self(found[1]) and "." in written:
            root = written.partition(".")[0]
            return (
                self._chain_root(scope, root, caller)
                if caller is not None
                else self._class_in_scope(scope, root)
            )
        return self._result_class(found)

    def _factory(
        self, scope: FileScope, written: str, caller: Function | None
    ) -> tuple[str, Function] | None:
        """The repository function a variable was assigned the result of: ``make_repo``, a
        module's function (``routing.make_map``), a class's (``Map.make``) or the method of
        what a chain starts from (``_chain_root``: ``t.mkdir`` with ``t: Pytester`` or
        ``s *DB``, ``self.make``)."""
        root, dot, method = written.partition(".")
        if not dot:
            if not written.isidentifier():
                return None
            located = self._unqualified(scope, written, caller)
            return (located.file, located.function) if isinstance(located, _Located) else None
        if not root.isidentifier() or not method.isidentifier():
            return None
        binding = scope.bindings.get(root)
        if binding is not None and binding.symbol is None:
            return self.symbols.locate_function(binding.files, method)
        owner = (
            self._chain_root(scope, root, caller)
            if caller is not None
            else self._class_in_scope(scope, root)
        )
        return self._method(*owner, method) if owner is not None else None

    def _python_member_chain(
        self, scope: FileScope, receiver: str, caller: Function | None
    ) -> bool:
        """Whether a Python receiver is attributes of ``self``/``cls``, of a parameter or of a
        variable of the caller (``self.params``, ``server.url``), which ``_chain_class``
        follows through each member's declared class or result; not a module's or a class's
        (``core.Thing``), which ``_receiver`` reads."""
        root, dot, _ = receiver.partition(".")
        return (
            bool(dot)
            and caller is not None
            and scope.result.language == "python"
            and (
                root in SELF_RECEIVERS
                or any(p.name == root for p in caller.parameters)
                or self._local_class(scope, caller.qualified_name, root) is not None
            )
        )

    def _chain_class(
        self, scope: FileScope, written: str, caller: Function | None
    ) -> tuple[str, str] | _Stop | None:
        """The repository class a chain gives (``_chain_links``), from its first link
        (``_chain_start``) through each member after it (``_follow_members``): gin's
        ``(JSON{data}).Render``, cobra's ``c.Root().Name``, and what extraction writes for a
        receiver from the class, factory or package type its variable holds (logrus's
        ``Logger.mu`` for ``entry.Logger.mu``, chi's ``NewRouteContext.URLParams``,
        ``logrus.Logger.Hooks``), Go's ``new(Route).Host("x").Subrouter`` (``new(T)`` makes
        the ``&T{}`` it is). ``_STOP`` where a link is a library's value, None where one is
        unknown."""
        if written.startswith("new(") and scope.result.language == "go":
            made = _GO_NEW.match(written)
            if made is None:
                return None
            if self._foreign(scope, made.group(1), caller):
                return _STOP  # ``new(bytes.Buffer).WriteString(…)``, ``new(int)``
            written = f"{made.group(1)}{{}}{written[made.end() :]}"
        links = _chain_links(written)
        if not links:
            return None
        start = self._chain_start(scope, links, caller)
        if start is None or isinstance(start, _Stop):
            return start
        owner, taken = start
        return self._follow_members(owner, links[taken:])

    def _chain_start(
        self, scope: FileScope, links: list[tuple[str, bool | str]], caller: Function | None
    ) -> tuple[tuple[str, str], int] | _Stop | None:
        """The repository class a chain's first link gives, and how many links that took: a
        class made (``Root(1)``, Go's ``JSON{data}`` or ``&XML{}``, a conversion ``T(x)``) or a
        function called (``New()``, ``pkg.New()``), with the module or class names before it
        (``urllib.request.URLopener()``); else a name (``_chain_root``: a variable, a class, a
        factory), or a package's type or factory (``logrus.Logger``). ``_STOP`` for a
        ``contextmanager`` function's call, which makes contextlib's manager
        (``_gives_manager``)."""
        first = next((i for i, (_, called) in enumerate(links) if called is not False), None)
        if first is not None:
            dotted = ".".join(name for name, _ in links[: first + 1])
            owner = self._typed_class(scope, dotted) if "." in dotted else None
            if owner is None and "." not in dotted:
                local = self._python_local_name(scope, dotted, caller)
                if local is _STOP:
                    return _STOP
                owner = None if local is _FUNCTION else self._class_in_scope(scope, dotted)
            if owner is None and links[first][1] is not _COMPOSITE:
                found = self._factory(scope, dotted, caller)
                if found is not None and _gives_manager(found[1]):
                    return _STOP
                owner = None if found is None else self._factory_class(scope, dotted, found, caller)
            if owner is not None:
                return owner, first + 1
            if first < 2:
                return None  # ``New()``, ``pkg.New()``: nothing else to start from
        root = links[0][0]
        binding = scope.bindings.get(root)
        if binding is not None and binding.symbol is None:
            if not binding.files or len(links) < 2 or links[1][1] is not False:
                return None  # a library's package: ``_foreign`` decides
            dotted = f"{root}.{links[1][0]}"
            owner = self._typed_class(scope, dotted) or self._returned_class(scope, dotted, caller)
            return None if owner is None else (owner, 2)
        owner = (
            self._chain_root(scope, root, caller)
            if caller is not None
            else self._class_in_scope(scope, root)
        )
        return None if owner is None else (owner, 1)

    def _python_local_name(
        self, scope: FileScope, name: str, caller: Function | None
    ) -> object | None:
        """What a Python chain's first call ``name(…)`` calls as ``caller`` sees it, when the
        file's classes of the name cannot say: ``_FUNCTION`` for a function (a nested one
        first, as ``_unqualified`` finds it: test_with's ``@contextmanager def cm()`` beside
        another test's ``class cm``), ``_STOP`` for a name whose classes of the file are all
        defined in other functions, else None (``_class_in_scope``)."""
        if caller is None or scope.result.language != "python":
            return None
        if _visible_function(scope, name, caller) is not None:
            return _FUNCTION
        classes = self._classes_named(scope, name)
        if not classes:
            return None
        return _STOP if _visible_class(classes, scope, caller) is None else None

    def _follow_members(
        self, owner: tuple[str, str], links: list[tuple[str, bool | str]]
    ) -> tuple[str, str] | _Stop | None:
        """The repository class the members ``links`` lead to from an instance of ``owner``,
        in whatever file or package each class is declared: a method called gives its
        declared result; a name, its field's declared class, or else the result of a method
        so named (a property, or Go's variable made by a method call, which extraction writes
        without the call: ``New().Group``). ``_STOP`` where a member is a library's value (a
        field of a library's type, a member a Go type takes from an embedded library type);
        None where one is unknown, or past ``_MAX_LINKS``."""
        if len(links) > _MAX_LINKS:
            return None
        for name, called in links:
            member: tuple[str, str | None] | None = None
            if called is True:
                found = self._instance_method(*owner, name)
                if found is not None and _gives_manager(found[1]):
                    return _STOP  # httpx's ``client.stream(…)``: contextlib's manager
            else:
                member = self._field_type(*owner, name)
                found = self._method(*owner, name) if member is None else None
            if found is not None:
                if _returns_self(found[1]):
                    continue  # ``build_bl().bind(x=42).unbind("x")``: ``-> Self`` keeps it
                member = (found[0], self._result_type(found))
            if member is None:
                return _STOP if self._embeds_member(*owner) else None
            file, returned = member
            if returned is None or returned.rsplit(".", 1)[-1] in _TYPING_NAMES:
                return None
            defined = self.symbols.scopes[file]
            if self._foreign(defined, returned, None):
                return _STOP
            after = (
                self._typed_class(defined, returned)
                or self._named_type(defined, returned)
                # ``self.repo = make_repo()``: what the factory is declared to return
                or self._returned_class(defined, returned, None)
            )
            if after is None:
                return None
            owner = after
        return owner

    def _named_type(self, scope: FileScope, written: str) -> tuple[str, str] | None:
        """A Go named type that is no struct or interface (``type Level uint32``), which a
        repository package declares with methods: ``Level`` in ``scope``'s package,
        ``logrus.Level`` in an imported one. Its methods are looked up by its name in any of
        the package's files (``_method``)."""
        if scope.result.language != "go":
            return None
        package, dot, name = written.rpartition(".")
        if not dot:
            files: tuple[str, ...] = (scope.path, *self.symbols.same_package_files(scope.path))
        else:
            binding = scope.bindings.get(package)
            if binding is None or binding.symbol is not None:
                return None
            files = binding.files
        for file in files:
            if name in self.symbols.scopes[file].methods:
                return file, name
        return None

    def _result_class(self, found: tuple[str, Function]) -> tuple[str, str] | None:
        """The repository class function ``found`` (its file, itself) is annotated to return,
        looked up where it is defined."""
        returned = self._result_type(found)
        return self._typed_class(self.symbols.scopes[found[0]], returned) if returned else None

    @staticmethod
    def _result_type(found: tuple[str, Function]) -> str | None:
        """The class function ``found`` is annotated to return, as written (Go: its first);
        without annotation, what its returned values are made by (``Function.returned``)."""
        written_return = found[1].return_type
        if written_return is None:
            return found[1].returned
        # Go's results: ``(*Store, error)``, ``(e *Echo)``: the first
        return class_of_type(first_result(written_return))

    def _element(
        self, scope: FileScope, kind: str, caller: Function | None, depth: int = 0
    ) -> tuple[FileScope, str] | None:
        """What a Go local given ``kind`` (``KEY_IN`` or ``ITEM_IN`` and what holds the
        container, ``CallSite.receiver_type``) holds: the element's type as written, with the
        file that writes it (the container's declaration: a field's, a function's result)."""
        key = kind.startswith(KEY_IN)
        held = self._value_type(scope, kind[len(KEY_IN if key else ITEM_IN) :], caller, depth)
        if held is None:
            return None
        element = element_type(held[1], key)
        return None if element is None else (held[0], element)

    def _value_type(
        self, scope: FileScope, written: str, caller: Function | None, depth: int
    ) -> tuple[FileScope, str] | None:
        """The type of the value a receiver's class names (``go_types``), with the file that
        declares it: what a repository function or method returns (``NewStore``,
        ``Command.Commands``, ``c.Commands``), a field (``Command.commands``, through methods'
        results and fields: ``c.find.commands``), elements (``item in …``), a container."""
        if depth >= _MAX_CHAIN:
            return None
        if written.startswith(_TAKEN_OUT):
            return self._element(scope, written, caller, depth + 1)
        if is_container(written):
            return scope, written
        found = self._factory(scope, written, caller)
        if found is not None:
            returned = go_type(first_result(found[1].return_type))
            return None if returned is None else (self.symbols.scopes[found[0]], returned)
        names = written.split(".")
        if len(names) < 2 or not all(name.isidentifier() for name in names):
            return None
        owner = (
            self._chain_root(scope, names[0], caller)
            if caller is not None
            else self._class_in_scope(scope, names[0])
        )
        if owner is None and len(names) > 2:  # ``pkg.Store.items``
            owner, names = self._typed_class(scope, f"{names[0]}.{names[1]}"), names[1:]
        return None if owner is None else self._chain_member_type(owner, names[1:])

    def _chain_member_type(
        self, owner: tuple[str, str], names: list[str]
    ) -> tuple[FileScope, str] | None:
        """The declared type of the last of a chain of members from an instance of ``owner``
        (a method's result, a field's type), each step's type looked up where it is written."""
        for index, name in enumerate(names):
            found = self._method(*owner, name)
            if found is not None:
                defined = self.symbols.scopes[found[0]]
                kind = go_type(first_result(found[1].return_type))
            else:
                field = self._field_type(*owner, name)
                if field is None:
                    return None
                defined, kind = self.symbols.scopes[field[0]], field[1]
            if kind is None:
                return None
            if index == len(names) - 1:
                return defined, kind
            step = None if is_container(kind) else self._typed_class(defined, kind)
            if step is None:
                return None
            owner = step
        return None

    def _instance_method(
        self, file: str, class_name: str, name: str
    ) -> tuple[str, Function] | None:
        """``_method`` for a call on an instance of the class: never a ``static`` one, which
        is the class's own (msw's ``response.text()`` had reached ``static
        HttpResponse.text``)."""
        found = self._method(file, class_name, name)
        if found is None or not found[1].is_static:
            return found
        # A Java overload of the name that is no static one (a static one declared first).
        named = self.symbols.scopes[found[0]].by_qualified.get(found[1].qualified_name, ())
        instance = next((fn for fn in named if not fn.is_static), None)
        return None if instance is None else (found[0], instance)

    def _method(self, file: str, class_name: str, name: str) -> tuple[str, Function] | None:
        """Method ``name`` of class ``class_name`` defined in ``file``; for Go, in any file of
        the package (a type's methods may be spread over all of them)."""
        files = [file]
        if self.symbols.scopes[file].result.language == "go":
            files.extend(self.symbols.same_package_files(file))
        for candidate in files:
            method = self.symbols.scopes[candidate].method(class_name, name)
            if method is not None:
                return candidate, method
        return self._inherited(file, class_name, name)

    def _inherited(
        self, file: str, class_name: str, name: str, *, own: bool = True
    ) -> tuple[str, Function] | None:
        """Method ``name`` that class ``class_name`` of ``file`` inherits from a base defined
        in another file of the repository (``class Orders(BaseView)`` with ``BaseView``
        imported), bases of bases included, nearest first; None when no repository base
        defines it, or when a class body's name comes first (``_hides``): the class's own
        too unless ``own`` is False (``super().encode()`` looks past the class's own).
        Each answer is worked out once."""
        key = (file, class_name, name, own)
        if key in self._inherited_methods:
            return self._inherited_methods[key]
        found: tuple[str, Function] | None = None
        seen = {(file, class_name)}
        queue = deque([(file, class_name)])
        hidden = own and self._hides(file, class_name, name)
        while queue and found is None and not hidden and len(seen) < _MAX_ANCESTORS:
            for owner in self._base_classes(*queue.popleft()):
                if owner in seen:
                    continue
                seen.add(owner)
                method = self.symbols.scopes[owner[0]].method(owner[1], name)
                if method is not None:
                    found = (owner[0], method)
                    break
                if self._hides(*owner, name):
                    hidden = True
                    break
                queue.append(owner)
        self._inherited_methods[key] = found
        return found

    def _class_constructor(self, file: str, class_name: str) -> tuple[str, Function] | None:
        """What constructing ``class_name`` of ``file`` runs: its own constructor, or in Python
        and JavaScript one it inherits from a repository base (pydantic's tests build
        ``class M(BaseModel)`` and call ``M(…)``: ``BaseModel.__init__`` runs). A Java or Go
        type inherits none."""
        own = self.symbols.scopes[file].constructor(class_name)
        if own is not None:
            return file, own
        language = self.symbols.scopes[file].result.language
        inherited = _INHERITED_CONSTRUCTORS.get(language)
        return None if inherited is None else self._inherited(file, class_name, inherited)

    def _local_method(
        self, scope: FileScope, class_name: str, name: str, caller: Function | None
    ) -> _Outcome | None:
        """Method ``name`` of the class ``class_name`` the caller sees, when that is a class
        defined in a function (its own methods, by qualified name: two tests' ``X`` each have a
        ``foo``); None when the class it sees is no such class (the usual lookup decides)."""
        classes = self._classes_named(scope, class_name)
        if not any(cls.qualified_name.rpartition(".")[0] in scope.by_qualified for cls in classes):
            return None
        visible = _visible_class(classes, scope, caller)
        if visible is None or visible.qualified_name.rpartition(".")[0] not in scope.by_qualified:
            return None
        found = self._method_of_local(scope, visible, name, 0)
        # Known to be this class: a method neither it nor a repository base defines is a
        # library base's, not another test's class's of the same name.
        return _outcome_of(found, METHOD)

    def _own_local_method(
        self, scope: FileScope, caller: Function, receiver: str, name: str
    ) -> _Outcome | None:
        """``self.name()`` (``receiver``: ``self``, ``cls``, ``this``) from a method of a class
        defined in a function, which other classes of the file share the name of: that
        class's method (its own, else its bases' as the function sees them), found by
        qualified name: the standard library's tests define a ``MyServer`` in each test, and
        ``self.handle_client`` had reached the first one's. None for a method of any other
        class, or a Python ``self`` that is no parameter of the method (a local class's ``def
        yview(widget)`` calling the test's ``self``): the usual lookup decides. Java's inner
        classes have their own rules (``_classes_around``)."""
        if not caller.is_method or scope.result.language == "java":
            return None
        owner = caller.qualified_name.rpartition(".")[0]
        if owner.rpartition(".")[2] != caller.class_name:
            return None
        defining = owner.rpartition(".")[0]
        if defining not in scope.by_qualified:
            return None  # a class at module level, or in a class
        if scope.result.language == "python" and (
            not caller.parameters or caller.parameters[0].name != receiver
        ):
            return None
        named = self._classes_named(scope, caller.class_name)
        cls = next((c for c in named if c.qualified_name == owner), None)
        if cls is None or len(named) < 2:
            return None
        return self._namesakes_method(scope, cls, name)

    def _namesakes_method(self, scope: FileScope, cls: Class, name: str) -> _Outcome | None:
        """Method ``name`` of ``cls``, a class defined in a function that other classes of
        its file are named like: its own or its bases' (``_method_of_local``); else nothing
        when one of those namesakes defines the method (the lookup by name would take it);
        else None, for the usual lookup (a base it cannot place, ``class Foo(Test.Logging)``,
        is its namesakes' too). None for a class not defined in a function."""
        if cls.qualified_name.rpartition(".")[0] not in scope.by_qualified:
            return None
        found = self._method_of_local(scope, cls, name, 0)
        if found is not None:
            return _Located(found[0], found[1], METHOD)
        namesake = scope.method(cls.name, name)
        if namesake is not None and namesake.class_name == cls.name:
            return _STOP
        return None

    def _method_of_local(
        self, scope: FileScope, cls: Class, name: str, depth: int
    ) -> tuple[str, Function] | None:
        """Method ``name`` of ``cls``, a class defined in a function: its own, else its bases'
        as that function sees them (``_made_by``'s rule)."""
        own = scope.by_qualified.get(f"{cls.qualified_name}.{name}")
        if own:
            return scope.path, own[0]
        defining = scope.by_qualified.get(cls.qualified_name.rpartition(".")[0])
        if not defining or depth >= _MAX_ANCESTORS:
            return None
        for written in cls.bases:
            base = base_name(written)
            local = _visible_class(self._classes_named(scope, base), scope, defining[0])
            if local is not None and local is not cls:
                if local.qualified_name.rpartition(".")[0] in scope.by_qualified:
                    found = self._method_of_local(scope, local, name, depth + 1)
                else:
                    found = self._instance_method(scope.path, local.name, name)
            else:
                owner = None if local is not None else self._typed_class(scope, base)
                found = None if owner is None else self._instance_method(*owner, name)
            if found is not None:
                return found
        return None

    def _function_at(self, file: str, name: str, line: int) -> Function | None:
        """The function ``name`` of ``file`` defined at ``line``."""
        row = self.row_ids(file).get((name, line))
        return None if row is None else self.function_by_id(row)

    def function_by_id(self, row_id: int) -> Function | None:
        """The parsed function of a stored row id."""
        found = self.located_by_id(row_id)
        return None if found is None else found[1]

    def located_by_id(self, row_id: int) -> tuple[str, Function] | None:
        """The file and parsed function of a stored row id."""
        if self._by_id is None:
            self._by_id = {}
            for path, scope in self.symbols.scopes.items():
                ids = self.row_ids(path)
                for fn in scope.result.functions:
                    found = ids.get((fn.name, fn.line))
                    if found is not None:
                        self._by_id[found] = (path, fn)
        return self._by_id.get(row_id)

    def declared_result(self, row_id: int) -> str:
        """The type a Java method declares it returns, qualified when it is a repository class
        (``qualified_type``); ``""`` for none or a type variable."""
        found = self.located_by_id(row_id)
        if found is None or not found[1].return_type:
            return ""
        return self.qualified_type(found[0], found[1].return_type)

    def _same_named(self, file: str, class_name: str, name: str) -> list[Function]:
        """Every method ``name`` of class ``class_name`` of ``file`` (Java's overloads too)."""
        index = self._methods_by_name.get(file)
        if index is None:
            index = self._methods_by_name[file] = {}
            for fn in self.symbols.scopes[file].result.functions:
                if fn.class_name is not None:
                    index.setdefault((fn.class_name, fn.name), []).append(fn)
        return index.get((class_name, name), [])

    def overrides(
        self,
        file: str,
        class_name: str,
        name: str,
        via: str,
        arity: int | None = None,
        *,
        parameters: tuple[str, ...] | None = None,
    ) -> tuple[int, ...]:
        """The row ids of the methods ``name`` that the repository subclasses of ``class_name``
        (of ``file``), at any depth, define themselves: what ``self.name()`` in the class's
        method ``via`` may run instead (marshmallow's ``Field.serialize`` calls
        ``self._serialize``, which ``String`` and forty other fields override). A subclass
        that replaces ``via`` without calling ``super().via`` never runs it, nor do those
        below it (marshmallow's ``ContainsOnly.__call__`` over ``OneOf.__call__``). None
        beyond ``_MAX_OVERRIDES``. Java: ``arity``, the overloads taking as many arguments;
        ``parameters``, those of the parameter types of the method called (an override of
        ``isSupported(TemporalField)`` is none of ``isSupported(TemporalUnit)``)."""
        key = (file, class_name, name, via, arity if parameters is None else parameters)
        known = self._overrides.get(key)
        if known is not None:
            return known
        below = self._descendants(file, class_name)
        found: list[int] = []
        for owner in self._definers().get(name, ()):
            if owner not in below or self._replaced_between(owner, below, via):
                continue
            if arity is None:
                candidates = [self.symbols.scopes[owner[0]].methods[owner[1]][name]]
            else:  # Java: the overload taking as many arguments, of the same types
                candidates = [
                    fn
                    for fn in self._same_named(owner[0], owner[1], name)
                    if len(fn.parameters) == arity
                    and (parameters is None or takes_parameters_of(fn, parameters))
                ]
            for method in candidates:
                row = None if method.is_static else self.row_id(owner[0], method)
                if row is not None:
                    found.append(row)
            if len(found) > _MAX_OVERRIDES:
                break
        for owner in self._alias_definers().get(name, ()) if arity is None else ():
            # ``accessor_class = BigBitFieldAccessor`` over a base's ``FieldAccessor``.
            if owner not in below or self._replaced_between(owner, below, via):
                continue
            alias = self._field_alias(*owner, name)
            called = None if alias is None else self._aliased_value(*alias)
            row = (
                self.row_id(called.file, called.function) if isinstance(called, _Located) else None
            )
            if row is not None:
                found.append(row)
        result = tuple(found) if len(found) <= _MAX_OVERRIDES else ()
        self._overrides[key] = result
        return result

    def implementations(
        self, file: str, interface: str, name: str, *, caller_kind: str = ""
    ) -> tuple[int, ...] | None:
        """The row ids of the methods ``name`` a call on Go interface ``interface`` of
        ``file`` may run: the method of each repository type whose method set holds all of
        the interface's methods with their signatures, declared on the type (pointer or
        value receiver) or promoted from a type it embeds (Go's implicit implementation:
        mux's ``m.Match(…)`` over ``matchers []matcher`` runs one of six matchers). An
        interface with an unexported method is implemented in its package only; the types
        of test code, or of examples, answer a call from their kind of code only
        (``caller_kind``: ``_code_kind``), as a guess does. None when
        ``interface`` is no repository interface whose method set is known holding ``name``
        (it embeds a library's interface: the call is resolved as before); no row beyond
        ``_MAX_OVERRIDES`` implementations (a hook every plugin fills in, as for
        overrides)."""
        wanted = self._interface_methods(file, interface)
        if wanted is None or name not in wanted:
            return None
        key = (file, interface, name, caller_kind)
        known = self._implemented.get(key)
        if known is not None:
            return known
        package = (
            frozenset((file, *self.symbols.same_package_files(file)))
            if any(not method[:1].isupper() for method in wanted)
            else None
        )
        # Each type that declares one of the methods, and those embedding it, at any depth,
        # has it: the others need not be looked at.
        pending = deque(self._go_types().get(min(wanted), ()))
        seen: set[tuple[str, str]] = set()
        found: dict[int, None] = {}  # insertion-ordered
        while pending and len(found) <= _MAX_OVERRIDES and len(seen) < _MAX_IMPLEMENTERS:
            owner = pending.popleft()
            if owner in seen:
                continue
            seen.add(owner)
            pending.extend(self._go_embedders.get(owner, ()))
            kind = self._code_kind(owner[0])
            if (package is not None and owner[0] not in package) or kind not in ("", caller_kind):
                continue
            if all(
                (method := self._method(*owner, method_name)) is not None
                and method_signature(method[1].parameters, method[1].return_type) == shape
                for method_name, shape in wanted.items()
            ):
                method = self._method(*owner, name)
                row = None if method is None else self.row_id(*method)
                if row is not None:
                    found[row] = None
        result = tuple(found) if len(found) <= _MAX_OVERRIDES else ()
        self._implemented[key] = result
        return result

    def _interface_methods(self, file: str, interface: str) -> Mapping[str, str] | None:
        """The method set of Go interface ``interface`` of ``file``, each method with its
        signature (``go_types.signature``): the methods it declares and those of the
        interfaces it embeds (``error``'s ``Error() string``); None when it is no
        repository interface, or embeds one whose methods the repository does not declare
        (``io.Reader``), or a type set (``~int | ~float64``)."""
        key = (file, interface)
        if key in self._method_sets:
            return self._method_sets[key]
        self._method_sets[key] = None  # an interface embedding itself ends here
        scope = self.symbols.scopes[file]
        declared = next(
            (c for c in self._classes_named(scope, interface) if c.kind == "interface"), None
        )
        methods: dict[str, str] | None = None
        if declared is not None and scope.result.language == "go":
            methods = dict(declared.declared)
            for base in declared.bases:
                if base == "error":
                    methods["Error"] = _ERROR_SIGNATURE
                    continue
                owner = self._typed_class(scope, base_name(base))
                embedded = None if owner is None else self._interface_methods(*owner)
                if embedded is None:
                    methods = None
                    break
                methods.update(embedded)
        self._method_sets[key] = methods
        return methods

    def _go_types(self) -> dict[str, list[tuple[str, str]]]:
        """The Go types of the repository declaring each method name, as ``(file, type)``
        with a file declaring it (an interface declares none); ``_go_embedders`` is filled
        alongside: the types embedding each type."""
        if self._go_declarers is None:
            declarers: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for path, scope in self.symbols.scopes.items():
                if scope.result.language != "go":
                    continue
                for type_name, methods in scope.methods.items():
                    for method in methods:
                        declarers[method].append((path, type_name))
                for type_name, bases in scope.class_bases.items():
                    if bases:
                        for base in self._base_classes(path, type_name):
                            self._go_embedders.setdefault(base, []).append((path, type_name))
            self._go_declarers = dict(declarers)
        return self._go_declarers

    def _on_interface(
        self, scope: FileScope, owner: tuple[str, str], name: str
    ) -> Implemented | None:
        """A call from ``scope`` of method ``name`` of ``owner`` that is a Go interface of
        the repository: its implementations (``implementations``); else None."""
        if scope.result.language != "go":
            return None
        rows = self.implementations(*owner, name, caller_kind=self._code_kind(scope.path))
        return None if rows is None else Implemented(rows)

    def _mixed_in(self, file: str, class_name: str, name: str) -> tuple[str, Function] | None:
        """For a mixin's ``self.name()`` that neither it nor a base defines, the method its
        repository subclasses run, found after the mixin in their method resolution order,
        when all that run one agree: peewee's ``PooledDatabase.manual_close`` calls
        ``self.close()``, which ``PooledSqliteDatabase(_PooledSqliteDatabase,
        SqliteDatabase)`` takes from ``Database``. A subclass defining it itself is an
        override (``overrides``). None when two subclasses run two methods, when a property
        answers (its value is called), when a library base may (it comes first in one
        subclass's order), or past ``_MAX_OVERRIDES`` subclasses (a framework's hook)."""
        key = (file, class_name, name)
        if key in self._mixed_methods:
            return self._mixed_methods[key]
        below = self._descendants(file, class_name)
        found: tuple[str, Function] | None = None
        for owner in sorted(below) if len(below) <= _MAX_OVERRIDES else ():
            taken = self._runs(owner, name, below)
            if taken is _STOP or (found is not None and taken is not None and found != taken):
                found = None
                break
            if taken is not None and not isinstance(taken, _Stop):
                found = taken
        self._mixed_methods[key] = found
        return found

    def _runs(
        self, owner: tuple[str, str], name: str, overriding: frozenset[tuple[str, str]]
    ) -> tuple[str, Function] | _Stop | None:
        """The method ``name`` an instance of ``owner`` runs, by its method resolution order
        (``_mro``): None when a class of ``overriding`` defines it first (an override), or
        none does; ``_STOP`` when it cannot be told (a library base or a property first, an
        order Python would refuse)."""
        order = self._mro(*owner)
        if order is None:
            return _STOP
        for current in order:
            if not current[0]:
                return _STOP  # a library base: it may define the method
            method = self.symbols.scopes[current[0]].methods.get(current[1], {}).get(name)
            if method is None:
                continue
            if current in overriding or current == owner:
                return None
            return _STOP if is_property(method) else (current[0], method)
        return None

    def _mro(
        self, file: str, class_name: str, depth: int = 0
    ) -> tuple[tuple[str, str], ...] | None:
        """The C3 method resolution order of a Python class of the repository: the class, then
        its bases' orders merged, each class as ``(file, name)``; a base the repository does
        not define as ``("", name)`` (a library's), but the roots every class may name
        (``object``, ``Generic``); None for an inconsistent order or one too deep."""
        key = (file, class_name)
        if key in self._orders:
            return self._orders[key]
        if depth > _MAX_ANCESTORS:
            return None
        self._orders[key] = None  # a loop of bases ends here
        scope = self.symbols.scopes[file]
        bases: list[tuple[str, str]] = []
        for written in scope.class_bases.get(class_name, ()):
            named = base_name(written)
            owner = self._typed_class(scope, named)
            if owner is not None:
                bases.append(owner)
            elif named.rsplit(".", 1)[-1] not in _ROOT_BASES:
                bases.append(("", named))
        pending: list[list[tuple[str, str]]] = []
        for base in bases:
            order = (base,) if not base[0] else self._mro(*base, depth + 1)
            if order is None:
                return None
            pending.append(list(order))
        pending.append(list(bases))
        merged = _c3_merge(pending)
        found = None if merged is None else (key, *merged)
        self._orders[key] = found
        return found

    def _descendants(self, file: str, class_name: str) -> frozenset[tuple[str, str]]:
        """Every repository class deriving from ``class_name`` of ``file``, at any depth."""
        key = (file, class_name)
        known = self._descendants_of.get(key)
        if known is None:
            subclasses = self._subclass_index()
            seen: set[tuple[str, str]] = set()
            queue = deque(subclasses.get(key, ()))
            while queue:
                owner = queue.popleft()
                if owner not in seen and owner != key:
                    seen.add(owner)
                    queue.extend(subclasses.get(owner, ()))
            known = self._descendants_of[key] = frozenset(seen)
        return known

    def _definers(self) -> dict[str, list[tuple[str, str]]]:
        """The classes defining each method name, of the languages that dispatch."""
        if self._defined_by is None:
            index: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for path, scope in self.symbols.scopes.items():
                if scope.result.language in DISPATCH_LANGUAGES:
                    for class_name, methods in scope.methods.items():
                        for name in methods:
                            index[name].append((path, class_name))
            self._defined_by = dict(index)
        return self._defined_by

    def _alias_definers(self) -> dict[str, list[tuple[str, str]]]:
        """The Python classes whose bodies give each attribute another name (``context_class
        = Context``): a subclass's replaces its base's, as a method does."""
        if self._aliased_by is None:
            index: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for path, scope in self.symbols.scopes.items():
                if scope.result.language == "python":
                    for cls in scope.result.classes:
                        for field, kind in cls.fields:
                            if kind.startswith(ALIAS_OF):
                                index[field].append((path, cls.name))
            self._aliased_by = dict(index)
        return self._aliased_by

    def _replaced_between(
        self, owner: tuple[str, str], below: frozenset[tuple[str, str]], via: str
    ) -> bool:
        """Whether ``owner`` or a class between it and the caller's class (one of ``below``)
        replaces the calling method ``via`` without calling ``super().via``: the caller's
        method then never runs on an ``owner``."""
        seen = {owner}
        queue = [owner]
        while queue:
            current = queue.pop()
            replaced = self.symbols.scopes[current[0]].methods.get(current[1], {}).get(via)
            if replaced is not None and not self._calls_super(current[0], replaced, via):
                return True
            for base in self._base_classes(*current):
                if base in below and base not in seen:
                    seen.add(base)
                    queue.append(base)
        return False

    def _calls_super(self, file: str, method: Function, name: str) -> bool:
        """Whether ``method`` calls its base's ``name`` (``super().name(…)``, Java's
        ``super.name(…)``), or reads it (a Python property's ``super().name``, which runs the
        base's getter: DRF's ``Serializer.data``)."""
        made = self._super_calls.get(file)
        if made is None:
            result = self.symbols.scopes[file].result
            made = self._super_calls[file] = frozenset(
                (call.caller, call.callee)
                for call in (*result.calls, *result.references)
                if call.receiver is not None and call.receiver.startswith("super")
            )
        return (method.qualified_name, name) in made

    def is_interface(self, file: str, class_name: str) -> bool:
        """Whether ``file``'s class ``class_name`` is a Java or TypeScript ``interface``."""
        scope = self.symbols.scopes.get(file)
        return scope is not None and any(
            cls.name == class_name and cls.kind == "interface" for cls in scope.result.classes
        )

    def subclassed(self, file: str) -> frozenset[str]:
        """The names of ``file``'s classes that a repository class derives from."""
        if self._subclassed_by_file is None:
            by_file: dict[str, set[str]] = defaultdict(set)
            for path, name in self._subclass_index():
                by_file[path].add(name)
            self._subclassed_by_file = {path: frozenset(names) for path, names in by_file.items()}
        return self._subclassed_by_file.get(file, frozenset())

    def _subclass_index(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        if self._subclasses is None:
            index: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
            for path, scope in self.symbols.scopes.items():
                if scope.result.language not in DISPATCH_LANGUAGES:
                    continue
                for class_name, bases in scope.class_bases.items():
                    if bases:
                        for base in self._base_classes(path, class_name):
                            index[base].append((path, class_name))
            self._subclasses = dict(index)
        return self._subclasses

    def _classes_named(self, scope: FileScope, name: str) -> Sequence[Class]:
        """The classes of ``scope`` named ``name``, in source order (indexed once per file)."""
        named = self._classes_by_name.get(scope.path)
        if named is None:
            named = self._classes_by_name[scope.path] = {}
            for cls in scope.result.classes:
                named.setdefault(cls.name, []).append(cls)
        return named.get(name, ())

    def _made_by(self, file: str, cls: Class, depth: int = 0) -> tuple[str, Function] | None:
        """What constructing ``cls``, a class of ``file``, runs. A class defined in a function
        is looked up by its qualified name (two tests may each define a ``Model`` of their
        own), and so are its bases, as that function sees them: another test's ``Model``, or
        one whose base is a library's, says nothing of this one."""
        scope = self.symbols.scopes[file]
        parent = cls.qualified_name.rpartition(".")[0]
        defining = scope.by_qualified.get(parent)
        if not defining and scope.result.language == "java":
            # Java's ``Outer.Inner``: that class's own, whatever other class of the file is
            # named like it.
            made = _java_own_method(scope, cls, cls.name)
            return None if made is None else (file, made)
        if not defining:
            # At module level or in a class: the file's one of the name.
            return self._class_constructor(file, cls.name)
        if scope.result.language == "java":
            # A local class's is its name, in its body: overloads of one method may each
            # define a class of one name.
            own_constructor = _java_own_method(scope, cls, cls.name)
            if own_constructor is not None:
                return file, own_constructor
        for name in CONSTRUCTOR_NAMES:
            own = scope.by_qualified.get(f"{cls.qualified_name}.{name}")
            if own:
                return file, own[0]
        inherited = _INHERITED_CONSTRUCTORS.get(scope.result.language)
        if inherited is None or depth >= _MAX_ANCESTORS:
            return None
        for written in cls.bases:
            base = base_name(written)
            local = _visible_class(self._classes_named(scope, base), scope, defining[0])
            if local is not None and local is not cls:
                found = self._made_by(file, local, depth + 1)
            else:
                owner = None if local is not None else self._typed_class(scope, base)
                found = None if owner is None else self._class_constructor(*owner)
            if found is not None:
                return found
        return None

    def _inherited_constructor(
        self, files: Iterable[str], name: str
    ) -> tuple[str, Function] | None:
        """The constructor class ``name`` of ``files`` (re-exports followed) inherits, when
        it defines none (``locate_function`` found nothing)."""
        owner = self.symbols.locate_class(files, name)
        return None if owner is None else self._class_constructor(*owner)

    def _calls_attribute(self, file: str, class_name: str, name: str) -> bool:
        """Whether ``class_name`` of ``file``, or a repository base of it, assigns attribute
        ``name`` and calls it (``Class.attributes``), or holds it in its body
        (``Class.shadows``: ``value_parser = staticmethod(parser.get_unstructured)``, tkinter's
        ``select_clear = selection_clear``): a call of it reaches what it holds, not the one
        method of that name some other class defines."""
        seen: set[tuple[str, str]] = set()
        queue = [(file, class_name)]
        while queue and len(seen) < _MAX_ANCESTORS:
            owner = queue.pop()
            if owner in seen:
                continue
            seen.add(owner)
            attributes, shadows = self._attributes(owner[0]).get(owner[1], _NO_ATTRIBUTES)
            if name in attributes or name in shadows:
                return True
            queue.extend(self._base_classes(*owner))
        return False

    def _hides(self, file: str, class_name: str, name: str) -> bool:
        """Whether the body of ``class_name`` of ``file`` holds ``name`` (``Class.shadows``),
        which hides a method of its bases: the standard library's encodings'
        ``Codec().encode`` is a C codec's function (``encode = codec.encode``), not
        ``codecs.Codec.encode``. (An instance attribute a method assigns, perhaps for a while,
        does not: unittest's tests set ``self._truncateMessage`` in one test and call the
        inherited method in others.)"""
        return name in self._attributes(file).get(class_name, _NO_ATTRIBUTES)[1]

    def _attributes(self, file: str) -> Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """The called attributes and the body's own names (``Class.shadows``) of each class
        of ``file`` with any, by name and qualified name."""
        known = self._class_attributes.get(file)
        if known is None:
            known = self._class_attributes[file] = {}
            for cls in self.symbols.scopes[file].result.classes:
                if cls.attributes or cls.shadows:
                    found = (cls.attributes, cls.shadows)
                    known[cls.name] = known[cls.qualified_name] = found
        return known

    def _library_attribute(self, file: str, class_name: str, receiver: str) -> bool:
        """Whether ``receiver``, ``self.x`` or a chain from it, names an attribute that
        ``class_name`` of ``file`` takes from a library base: the class has one, and neither
        it nor a repository class it derives from or that derives from it assigns ``x``
        (``Class.assigned``) or defines a method or property ``x``."""
        root, _, rest = receiver.partition(".")
        name = rest.partition(".")[0]
        if root not in ("self", "cls") or not name.isidentifier():
            return False
        if not self._library_ancestry(file, class_name):
            return False
        if self._method(file, class_name, name) is not None:
            return False
        related = [(file, class_name), *self._descendants(file, class_name)]
        seen: set[tuple[str, str]] = set()
        while related and len(seen) < _MAX_ANCESTORS:
            owner = related.pop()
            if owner in seen:
                continue
            seen.add(owner)
            if name in self._assigned(*owner):
                return False
            related.extend(self._base_classes(*owner))
        return True

    def _attribute_names(self) -> frozenset[str]:
        """Every attribute and method name the repository's Python classes have, once."""
        if self._all_attributes is None:
            names: set[str] = set()
            for scope in self.symbols.scopes.values():
                if scope.result.language == "python":
                    for cls in scope.result.classes:
                        names.update(cls.assigned, cls.shadows, cls.methods)
                        names.update(f for f, _ in cls.fields)
            self._all_attributes = frozenset(names)
        return self._all_attributes

    def _assigned(self, file: str, class_name: str) -> frozenset[str]:
        """The attributes ``class_name`` of ``file`` assigns (``Class.assigned``) or holds as
        fields, once per file."""
        known = self._assigned_by_file.get(file)
        if known is None:
            known = self._assigned_by_file[file] = {}
            for cls in self.symbols.scopes[file].result.classes:
                names = frozenset((*cls.assigned, *cls.shadows, *(f for f, _ in cls.fields)))
                if names:
                    known[cls.name] = known[cls.qualified_name] = names
        return known.get(class_name, frozenset())

    def _library_ancestry(self, file: str, class_name: str) -> bool:
        """Whether ``class_name`` of ``file``, or a repository base of it, names a base the
        repository does not define (``Starlette``, ``NamedTuple``), other than the roots any
        class may name (``object``, ``ABC``, ``Generic``, ``Protocol``)."""
        key = (file, class_name)
        known = self._library_bases.get(key)
        if known is None:
            self._library_bases[key] = False  # a loop of bases ends here
            scope = self.symbols.scopes[file]
            known = any(
                name.rsplit(".", 1)[-1] not in _ROOT_BASES
                and self._typed_class(scope, name) is None
                for name in (base_name(base) for base in scope.class_bases.get(class_name, ()))
            ) or any(
                self._library_ancestry(*owner) for owner in self._base_classes(file, class_name)
            )
            self._library_bases[key] = known
        return known

    def _base_classes(self, file: str, class_name: str) -> list[tuple[str, str]]:
        """The repository classes ``class_name`` of ``file`` names as its bases, resolved once
        per class (its methods are looked up by many names)."""
        key = (file, class_name)
        bases = self._bases.get(key)
        if bases is None:
            scope = self.symbols.scopes[file]
            found = (
                self._typed_class(scope, base_name(base))
                for base in scope.class_bases.get(class_name, ())
            )
            bases = self._bases[key] = [owner for owner in found if owner is not None]
        return bases

    def _class_in_scope(self, scope: FileScope, name: str) -> tuple[str, str] | None:
        if name in scope.class_bases:
            return scope.path, name
        if name in scope.aliases:
            name = aliased(scope, name)  # ``Alias = Thing``: Thing's methods
            if name in scope.class_bases:
                return scope.path, name
        binding = scope.bindings.get(name)
        if binding is not None and binding.symbol is not None:
            owner = self.symbols.locate_class(binding.files, binding.symbol)
            if owner is None and _is_ecmascript(scope):
                owner = self._exported_object(binding.files, binding.symbol)
            return owner
        if binding is not None and _is_ecmascript(scope) and self._exports_one_value(binding.files):
            # ``const Base = require("./base")``: the class its ``module.exports`` is, or the
            # object (``const utils = { pad() {…} }; module.exports = utils``).
            return self.symbols.locate_class(binding.files, "default") or self._exported_object(
                binding.files, "default"
            )
        if _is_ecmascript(scope) and name in scope.methods:
            # ``const internals = {}; internals.validate = function …`` (hapi's style): an
            # object the file gives methods is looked up as their owner.
            return scope.path, name
        if not name.isidentifier():
            return None
        owner = self._package_class(scope, name)
        if owner is None and scope.wildcard_files:
            owner = self.symbols.locate_class(scope.wildcard_files, name)
        if owner is None and scope.result.language == "java":
            owner = self._inherited_nested(scope, name)
        return owner

    def _exported_object(self, files: Iterable[str], name: str) -> tuple[str, str] | None:
        """``(file, name)`` of an object a JavaScript module defines methods of and exports
        as ``name`` (``"default"``: its default export): knex's ``const AlterMethods = {
        renameColumn() {…} }`` named by an import, ``AlterMethods.renameColumn()`` reaching
        its method. Its own file only: a re-export names no object."""
        for path in files:
            scope = self.symbols.scopes.get(path)
            if scope is None or not _is_ecmascript(scope):
                continue
            wanted = scope.default_export if name == "default" else name
            if wanted is not None and wanted in scope.methods:
                return path, wanted
        return None

    def _inherited_nested(self, scope: FileScope, name: str) -> tuple[str, str] | None:
        """A Java class nested in an ancestor of one of the file's classes, which the file
        names by its short name (``AccessibleJComponent`` in Swing's ``JSlider``,
        ``Striped64.Cell`` as ``Cell`` in ``LongAdder``), once per file and name."""
        key = (scope.path, name)
        if key in self._nested_found:
            return self._nested_found[key]
        self._nested_found[key] = None  # while looking: a base named so is no answer
        found = self._nested_in_ancestors([(scope.path, own) for own in scope.class_bases], name)
        self._nested_found[key] = found
        return found

    def _nested_in_ancestors(
        self, classes: list[tuple[str, str]], name: str
    ) -> tuple[str, str] | None:
        """The class ``name`` nested in the nearest repository ancestor of ``classes`` (as
        ``(file, class)``) that declares one, breadth first."""
        queue = list(classes)
        seen = set(queue)
        while queue and len(seen) <= _MAX_ANCESTORS:
            for base in self._base_classes(*queue.pop(0)):
                if base in seen:
                    continue
                seen.add(base)
                if _nested_in(self.symbols.scopes[base[0]], base[1], name):
                    return base[0], name
                queue.append(base)
        return None

    def _member_class(
        self,
        scope: FileScope,
        name: str,
        caller: Function,
        around_classes: Sequence[tuple[Class | None, str]],
    ) -> _Outcome | None:
        """What making the Java class ``name`` that is a member of the caller's class or of a
        class around it (``around_classes``, innermost first) runs: one it declares (that
        very class's member, not a namesake nested in another class of the file), else one
        it inherits from a repository ancestor (``new ConditionObject()`` in
        ``ReentrantLock.Sync``, which extends ``AbstractQueuedSynchronizer``, is that class's,
        not the namesake another file of the package nests in
        ``AbstractQueuedLongSynchronizer``)."""
        for cls, around in around_classes:
            if cls is not None:
                members = self._qualified_classes(scope).get(f"{cls.qualified_name}.{name}")
                if members:
                    made = _java_own_method(scope, members[0], name)
                    return _outcome(scope.path, made, SAME_FILE)
            elif _nested_in(scope, around, name):
                return _outcome_of(self._class_constructor(scope.path, name), SAME_FILE)
            inherited = self._nested_in_ancestors([(scope.path, around)], name)
            if inherited is not None:
                return _outcome_of(self._class_constructor(*inherited), METHOD)
        return None

    def _java_classes_around(
        self, scope: FileScope, caller: Function
    ) -> list[tuple[Class | None, str]]:
        """``_classes_around`` of a Java caller, each with the class itself whose body holds
        the caller (None for an anonymous class, which has no ``Class``): a file may nest
        several classes of one short name in different classes, or define them in different
        methods (ReduceOps's ``makeRef``, ``makeInt``, … each define a ``ReducingSink``)."""
        found: list[tuple[Class | None, str]] = []
        prefix = caller.qualified_name.rpartition(".")[0]
        if caller.class_name and prefix.rpartition(".")[2] != caller.class_name:
            found.append((None, caller.class_name))
        while prefix:
            name = prefix.rpartition(".")[2]
            if name in scope.class_bases:
                # None: an enum constant's body, which has no ``Class`` either.
                found.append((self._java_class_at(scope, prefix, caller), name))
            prefix = prefix.rpartition(".")[0]
        return found

    def java_class_of(self, scope: FileScope, caller: Function) -> Class | None:
        """The Java class whose body holds method ``caller`` directly (None for an anonymous
        class's or an enum constant body's)."""
        return self._java_class_at(scope, caller.qualified_name.rpartition(".")[0], caller)

    def _java_named_class(
        self, scope: FileScope, written: str, around_classes: Sequence[tuple[Class | None, str]]
    ) -> Class | None:
        """The class of ``scope`` a dotted name (``ConcNode.OfInt``) names from inside
        ``around_classes``: a member of the innermost of them whose members it starts with,
        else the file's top-level one."""
        indexed = self._qualified_classes(scope)
        for cls, _ in around_classes:
            if cls is not None:
                found = indexed.get(f"{cls.qualified_name}.{written}")
                if found:
                    return found[0]
        found = indexed.get(written)
        return found[0] if found else None

    def _qualified_classes(self, scope: FileScope) -> Mapping[str, Sequence[Class]]:
        """The classes of ``scope`` by qualified name, in source order (indexed once)."""
        indexed = self._classes_by_qualified.get(scope.path)
        if indexed is None:
            indexed = self._classes_by_qualified[scope.path] = {}
            for cls in scope.result.classes:
                indexed.setdefault(cls.qualified_name, []).append(cls)
        return indexed

    def _java_class_at(self, scope: FileScope, qualified: str, inside: Function) -> Class | None:
        """The class of ``scope`` named ``qualified`` whose body holds ``inside``."""
        for cls in self._qualified_classes(scope).get(qualified, ()):
            if cls.line <= inside.line <= cls.end_line:
                return cls
        return None

    def _java_method(
        self, scope: FileScope, cls: Class | None, class_name: str, name: str
    ) -> Function | None:
        """Method ``name`` of the Java class ``cls`` (named ``class_name``): its own, the first
        declared in its body (the call's arguments then pick among its overloads), else a
        same-file base's (``FileScope.method``). Without ``cls`` (an anonymous class), the
        file's class of that name."""
        if cls is None:
            return scope.method(class_name, name)
        own = _java_own_method(scope, cls, name)
        if own is not None:
            return own
        for written in cls.bases:
            head, dot, last = base_name(written).rpartition(".")
            if dot and head.split(".", 1)[0] not in scope.class_bases:
                continue  # another module's class, whatever this file names so
            found = scope.method(last, name)
            if found is not None:
                return found
        return None

    def _package_class(self, scope: FileScope, name: str) -> tuple[str, str] | None:
        """Class ``name`` in another file of ``scope``'s package (Go, Java)."""
        result = scope.result
        if result.language == "go":
            # The package name too: a generator's ``package main`` beside it sees none of it.
            package = f"go:{posixpath.dirname(scope.path)}:{result.package}"
        elif result.language == "java" and result.package is not None:
            package = f"java:{result.package}"
        else:
            return None  # no package scope: ``same_package_files`` is empty
        # Every file of a package sees the same classes, and the asking file was searched
        # first: the answer over the whole package is its answer too.
        key = (package, scope.path.endswith("_test.go"), name)
        if key not in self._package_classes:
            files: Sequence[str] = self.symbols.same_package_files(scope.path)
            if result.language == "java":
                # Another file's nested class is seen through its outer class (``Map.Entry``),
                # never by its own name: ``EnumMap``'s private ``Entry`` is no ``Entry`` here.
                files = [f for f in files if _top_level_class(self.symbols.scopes[f], name)]
            self._package_classes[key] = self.symbols.locate_class(files, name) if files else None
        return self._package_classes[key]

    def _class_named_like(self, scope: FileScope, receiver: str) -> tuple[str, str] | None:
        """The class in scope whose name equals the receiver's last part, ignoring case and
        leading underscores (``self._store`` → ``Store``)."""
        names = self._class_names.get(scope.path)
        if names is None:
            names = {}
            others = {*scope.imported_files, *self.symbols.same_package_files(scope.path)}
            # Later assignments win: the file's own classes, then the first path in order.
            for file in [*sorted(others - {scope.path}, reverse=True), scope.path]:
                names.update(self._classes_by_lowered_name(file))
            self._class_names[scope.path] = names
        return names.get(receiver.rsplit(".", 1)[-1].lstrip("_").lower())

    def _classes_by_lowered_name(self, file: str) -> dict[str, tuple[str, str]]:
        """``(file, class name)`` of the classes of ``file`` by lowercased name (the last of a
        name wins), made once per file: every file importing it reads them."""
        lowered = self._lowered_classes.get(file)
        if lowered is None:
            lowered = self._lowered_classes[file] = {
                class_name.lower(): (file, class_name)
                for class_name in self.symbols.scopes[file].class_bases
            }
        return lowered

    # Fuzzy ------------------------------------------------------------------------------

    def _fuzzy(
        self, scope: FileScope, receiver: str | None, name: str, caller: Function | None = None
    ) -> _Located | None:
        language = scope.result.language
        if name in COMMON_NAMES or len(name) < 3 or name.startswith(("__", "#")):
            # A dunder is a protocol every class may define (``__class__``); a ``#private``
            # member is its own class's alone (undici's ``this.#abort`` had reached another's).
            return None
        if receiver is None and language in _MODULE_SCOPED:
            # A Python name is defined in the file or imported: one no step above placed is a
            # local, a builtin or a star import's. A guess by name had sent 118 of DRF's test
            # calls ``view(request)``, on a local ``view``, to another test file's ``view``.
            # So do JavaScript modules: rxjs's ``const { delay } = config; delay(n)`` had
            # reached its ``delay`` operator.
            return None
        family = language_family(language)
        if receiver is not None and name in _BUILTIN_METHODS.get(family, frozenset()):
            return None
        if receiver is not None and receiver.split(".", 1)[0] in _LIBRARY_OBJECTS.get(family, ()):
            return None  # pytest's fixtures: ``monkeypatch.setattr(…)`` is pytest's
        if (
            receiver in _TEST_CONTEXTS
            and language in ("javascript", "typescript")
            and is_test_file(scope.path)
            and not self._is_test_runner
        ):
            # tape's, AVA's and node:test's ``t`` (``st``, ``tt`` nested) is the runner's test
            # object: ``t.plan(1)``, ``t.comment(…)`` are its, not a repository ``plan``; but in
            # the runner's own repository (tape's), ``t`` is its own ``Test``.
            return None
        if receiver is not None and language == "java":
            # Java's receivers are typed: one the steps above could not place is a library's
            # object (``System.getProperty``, a ``CompletableFuture`` from a call, a
            # ``ByteBuffer`` from a list). Guessing by name was wrong about half the time in
            # the JDK's own HTTP client.
            return None
        if (
            receiver is not None
            and "." in receiver
            and language == "python"
            and caller is not None
            and (root := receiver.partition(".")[0]) not in SELF_RECEIVERS
            and any(p.name == root and not p.type for p in caller.parameters)
            and receiver.split(".")[1] not in self._attribute_names()
        ):
            # ``md.preprocessors.register(…)`` with ``md`` an untyped parameter (DRF's Markdown
            # extension) and no repository class with a ``preprocessors``: a library's value,
            # not the one repository ``register`` (``BaseRouter``'s). An attribute some
            # repository class has keeps the guess (the stdlib's ``dist.metadata.write_pkg_file``).
            return None
        tests = self.is_test_code(scope.path)
        unique = self._unique.get((receiver is not None, family, tests), {}).get(name)
        if (
            receiver in SELF_RECEIVERS
            and language in _MODULE_SCOPED
            and scope.path in self._test_files
        ):
            # A test mixin's ``self.assertInstancesEqual()``: a sibling's method, of a class
            # of the same file first (a test file's own are guessed for no other receiver).
            own = self._own_methods(scope)
            if name in own:
                unique = own[name]
        if unique is None or unique[1] is caller:
            # A method calling its own name on another object delegates to it (mongoose's
            # ``this.driverChangeStream.hasNext(cb)`` in ``ChangeStream.hasNext``): a guess
            # back to the caller itself is no call of it.
            return None
        return _Located(unique[0], unique[1], FUZZY)

    def _own_methods(self, scope: FileScope) -> dict[str, tuple[str, Function] | None]:
        """The methods of a file's classes by name (None: several of that name), once per
        file."""
        found = self._own.get(scope.path)
        if found is None:
            found = self._own[scope.path] = {}
            for methods in scope.methods.values():
                guessed = {n: fn for n, fn in methods.items() if _guessable(scope, fn)}
                _note_unique(found, scope.path, guessed)
                _note_several(found, methods.keys() - guessed.keys())
        return found


_INVOKERS = frozenset({"call", "apply"})
"""A JavaScript function's own methods that call it (``Parent.call(this, name)``)."""
_PROTOTYPE: Final = ".prototype"
_INVOKED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
"""A receiver of ``call``/``apply`` that may name a function: a name or a chain of names
(``this.handler.call(this)``: the method ``handler``)."""

EXPLICIT_CONSTRUCTORS = frozenset({"this", "super"})
"""Java's ``this(…)`` and ``super(…)``, JavaScript's ``super(…)``: a constructor's call of
another constructor (``_explicit_constructor``)."""
_EXPLICIT_LANGUAGES = frozenset({"java", "javascript", "typescript"})

_COMMONJS_EXPORTS = frozenset({"exports", "module.exports"})
"""A CommonJS module's own exports, as receivers: its top-level functions."""

_MODULE_SCOPED = frozenset({"python", "javascript", "typescript"})
"""Languages whose files see another file's names only through an import."""

_ROOT_BASES = frozenset(
    {"object", "ABC", "Generic", "Protocol", "Any", "", "Cloneable", "Serializable",
     "RandomAccess", "EventListener", "Remote"}
)  # fmt: skip
"""Bases any class may name without inheriting methods of a library's: ``self.x()`` in such a
class may still be a mixin's call of a sibling's method. Java's marker interfaces
(``Cloneable``, ``Serializable``, …) declare no method."""

_JS_NAME = re.compile(r"[A-Za-z_$][\w$]*")
"""A JavaScript identifier."""

_MAX_ANCESTORS = 32
"""The most classes ``_inherited`` visits for one lookup (a deep or looping hierarchy)."""
_TYPING_NAMES = frozenset(
    {"Union", "Optional", "Any", "Self", "Iterator", "Iterable", "Generator", "AsyncIterator",
     "AsyncIterable", "AsyncGenerator", "Callable", "Type", "Awaitable", "Coroutine", "Literal",
     "Annotated", "TypeGuard", "NoReturn", "Never", "Sequence", "Mapping", "MutableMapping",
     "List", "Dict", "Tuple", "Set", "FrozenSet", "ContextManager", "AsyncContextManager"}
)  # fmt: skip
"""Typing constructs a result annotation may name: no class, so no sign of a library's value
(``-> Union[RaisesContext, ExceptionInfo]`` is pytest's own)."""
_YIELDED = re.compile(
    r"(?:typing\.|collections\.abc\.|t\.)?(?:Async)?(?:Iterator|Generator|Iterable)\[\s*([^,\]]+)"
)
"""A generator's annotation: what it yields (a fixture's value, a context manager's)."""
_LEADING_MEMBER = re.compile(r"[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*")
_ARGUMENTS = re.compile(r"\([^()]*\)")


def _chain_dots(written: str) -> list[int]:
    """Where a chain's links start: 0, then the offset of each dot outside the arguments of
    its calls (``c.Get(a.b).Header`` → 0, 1, 10)."""
    found = [0]
    depth = 0
    for offset, char in enumerate(written):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "." and depth == 0:
            found.append(offset)
    return found


def _chain_names(written: str) -> list[str]:
    """The names of a chain, its calls' arguments left out (``c.Response().Header`` → c,
    Response, Header); none when a part is no name (a subscript, a literal)."""
    text = written
    while "(" in text:
        shorter = _ARGUMENTS.sub("", text)
        if shorter == text:
            return []
        text = shorter
    names = text.split(".")
    return names if all(name.isidentifier() for name in names) else []


_MAX_CHAIN = 8
"""The most variables made from variables (``q := u.Query()``) ``_foreign`` follows back."""
_MAX_LINKS = 32
"""The most members ``_follow_members`` follows: a fluent chain is rarely longer, and one
longer is left to the steps after it."""

MAX_NESTED_CALLS = 8
"""How deep ``call_edges._FileCalls._argument_result`` follows calls given as arguments of calls."""


_NEW_EXPRESSION = re.compile(
    r"^new\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(?:<[^()]*>)?\s*\("
)


_GO_NEW: Final = re.compile(r"new\(\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\s*\)(?=\.|$)")
"""Go's ``new(T)`` or ``new(pkg.T)`` starting a chain, with the type it makes."""

_TAKEN_OUT: Final = (KEY_IN, ITEM_IN)


def _container_holder(kind: str) -> str:
    """What holds the container a ``KEY_IN``/``ITEM_IN`` receiver class takes an element
    out of, as written (``c.pools`` of ``item in item in c.pools``)."""
    while kind.startswith(_TAKEN_OUT):
        kind = kind[len(KEY_IN if kind.startswith(KEY_IN) else ITEM_IN) :]
    return kind


def _constructed_class(receiver: str) -> str | None:
    """The class a ``new`` expression receiver makes, as written (``new Calc()``,
    ``new a.b.Calc<T>(x)`` gives ``a.b.Calc``), or None for any other receiver."""
    if not receiver.startswith("new"):
        return None
    found = _NEW_EXPRESSION.match(receiver)
    return None if found is None else found.group(1)


_SELF_TYPES: Final = frozenset({"Self", "typing.Self", "typing_extensions.Self", "t.Self"})


def _c3_merge(orders: list[list[tuple[str, str]]]) -> list[tuple[str, str]] | None:
    """C3's merge of the bases' orders and the list of bases: repeatedly the first head that is
    in no other order's tail; None when none is (Python refuses such a class)."""
    merged: list[tuple[str, str]] = []
    orders = [order for order in orders if order]
    while orders:
        tails = {entry for order in orders for entry in order[1:]}
        head = next((order[0] for order in orders if order[0] not in tails), None)
        if head is None:
            return None
        merged.append(head)
        orders = [rest for order in orders if (rest := [e for e in order if e != head])]
    return merged


def _in_function(scope: FileScope, cls: Class) -> bool:
    """Whether ``cls`` is defined in a function of ``scope``."""
    return cls.qualified_name.rpartition(".")[0] in scope.by_qualified


_FUNCTION: Final = object()
"""``_python_local_name``'s mark of a name that calls a function, not a class."""


def _gives_manager(fn: Function) -> bool:
    """Whether a call of ``fn`` makes contextlib's context manager (``@contextmanager``,
    ``@asynccontextmanager``): what it yields is a ``with``'s variable's (``Function.returned``),
    never what the call itself gives, whose ``__enter__`` is a library's."""
    return any(d.name.rsplit(".", 1)[-1] in _MANAGER_MAKERS for d in fn.decorators)


_MANAGER_MAKERS: Final = frozenset({"contextmanager", "asynccontextmanager"})
_MANAGER_METHODS: Final = frozenset({"__enter__", "__exit__", "__aenter__", "__aexit__"})
"""What a ``with`` block calls on its context manager."""


def _returns_self(fn: Function) -> bool:
    """Whether ``fn`` is declared to return ``Self`` (also quoted: tenacity's ``-> "Self"``):
    the class it is called on, whichever defines it."""
    return class_of_type(fn.return_type) in _SELF_TYPES


"""Return annotations that name the class a method is called on (PEP 673)."""

_COMPOSITE: Final = "composite"
"""``_chain_links``'s mark of a first link that is a Go composite literal (``JSON{data}``)."""


def _chain_links(written: str) -> list[tuple[str, bool | str]] | None:
    """The links of a chain of names and calls, ``(name, called)``: ``New().Group("/y")``
    gives ``[("New", True), ("Group", True)]``, ``pkg.New()`` ``[("pkg", False), ("New",
    True)]``, ``Logger.mu`` ``[("Logger", False), ("mu", False)]``, and Go's
    ``(&JSON{1})``/``XML{2}`` ``[("JSON", _COMPOSITE)]`` (``(&JSON{1}).Bytes()`` that and
    ``("Bytes", True)``; ``pkg.T{}`` ``[("pkg", False), ("T", _COMPOSITE)]``). None for
    anything else (an index, an operator, a literal, a receiver cut short)."""
    text = written.strip()
    closing = _closing(text, 0) if text.startswith("(") else -1
    if closing == len(text) - 1:
        text = text[1:-1].strip()  # ``(JSON{data})``
    elif closing > 0:  # ``(&packetListener{c}).newLocalServer()``: its first step in parentheses
        text = text[1:closing].strip().removeprefix("&") + text[closing + 1 :]
    text = text.removeprefix("&")
    steps: list[tuple[str, bool | str]] = []
    index, end = 0, len(text)
    while index < end:
        start = index
        while index < end and (text[index].isalnum() or text[index] in "_$"):
            index += 1
        name = text[start:index]
        if not name.isidentifier():
            return None
        kind: bool | str = False
        if index < end and text[index] in "({":
            if text[index] == "{" and any(called is not False for _, called in steps):
                return None  # only a type, named through its package perhaps, makes a literal
            closing = _closing(text, index)
            if closing < 0:
                return None
            kind = True if text[index] == "(" else _COMPOSITE
            index = closing + 1
        steps.append((name, kind))
        if index < end:
            if text[index] != ".":
                return None
            index += 1
    return steps or None


def _closing(text: str, opening: int) -> int:
    """The index of the bracket closing the one at ``opening``, or -1 (strings are not read:
    a bracket in one may mislead, and the chain is then only looked up wrong)."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    expected: list[str] = []
    for index in range(opening, len(text)):
        character = text[index]
        if character in pairs:
            expected.append(pairs[character])
        elif expected and character == expected[-1]:
            expected.pop()
            if not expected:
                return index
        elif character in ")}]":
            return -1
    return -1


def _declared_parameter(caller: Function | None, name: str) -> bool:
    """Whether ``name`` is a parameter of ``caller`` with a declared type."""
    return caller is not None and any(p.name == name and p.type for p in caller.parameters)


def _classes_around(scope: FileScope, caller: Function) -> list[str]:
    """The caller's class and the classes enclosing it, innermost first, by the parts of its
    qualified name (``Outer.make.run`` of an anonymous class in ``make``: ``Outer``; in
    JavaScript, ``Conn.constructor.onEnd`` of an arrow function: ``Conn``)."""
    found = [caller.class_name] if caller.class_name else []
    parts = caller.qualified_name.split(".")[:-1]
    for part in reversed(parts):
        if part in scope.class_bases and part not in found:
            found.append(part)
    return found


def _constant_body(scope: FileScope, enum: str, constant: str) -> bool:
    """Whether ``constant`` of ``enum`` (as written), a Java enum of ``scope``'s file, has a body:
    a class of the file named by it, deriving from the enum alone
    (``symbols._index_constant_bodies``)."""
    return scope.class_bases.get(constant) == (enum.rpartition(".")[2],)


def _classes_out_to_a_function(scope: FileScope, caller: Function) -> list[str]:
    """``_classes_around`` up to the first function around the caller (a local or an
    anonymous class's method is inside one): the classes whose fields a name may be before
    a local of that function is."""
    found = [caller.class_name] if caller.class_name else []
    for part in reversed(caller.qualified_name.split(".")[:-1]):
        if part not in scope.class_bases:
            break
        if part not in found:
            found.append(part)
    return found


def _is_ecmascript(scope: FileScope) -> bool:
    return scope.result.language in ("javascript", "typescript")


def _top_level_class(scope: FileScope, name: str) -> bool:
    """Whether the file declares a class ``name`` at its top level."""
    return any(cls.name == name and cls.qualified_name == name for cls in scope.result.classes)


def _nested_in(scope: FileScope, outer: str, name: str) -> bool:
    """Whether the file declares class ``name`` directly inside class ``outer``."""
    nested = f"{outer}.{name}"
    return any(
        cls.qualified_name == nested or cls.qualified_name.endswith("." + nested)
        for cls in scope.result.classes
    )


def _guessable(scope: FileScope, method: Function) -> bool:
    """Whether a guess may reach ``method``: not a static one (reached through its class, which
    resolves unguessed), nor a property (``x.endpoint(…)`` calls what an attribute holds: a
    property's getter is read, never called so; fastapi's ``route.endpoint({})`` had reached
    ``RouteContext.endpoint``), nor one of a class defined in a function (click's
    ``test_custom_parser.OptParseCommand.invoke``), which only that function's code sees."""
    if method.is_static or is_property(method):
        return False
    own = f"{method.class_name}.{method.name}"
    if method.qualified_name == own or not method.qualified_name.endswith("." + own):
        return True
    around = method.qualified_name[: -len(own) - 1]
    return around not in scope.by_qualified


def _object_members(scope: FileScope) -> set[str]:
    """The names of a JavaScript file's functions that an object holds but no class defines:
    an object literal's methods and keys (``module.exports = { onerror(err) {…} }``) and
    functions assigned to a property (``this.addIssue = (i) => …``, ``exports.parse = …``).
    ``x.m()`` may reach one of them as well as the one class method named ``m``: koa's
    ``ctx.onerror(err)`` is its context object's, not ``Application.onerror``, and zod's
    ``ctx.addIssue(…)`` its refinement context's, not ``ZodError.addIssue``."""
    if not _is_ecmascript(scope):
        return set()
    return {fn.name for fn in scope.result.functions if not fn.binds_name and not fn.is_method}


def _note_several(unique: dict[str, tuple[str, Function] | None], names: Iterable[str]) -> None:
    """Record ``names`` in ``unique`` as names of several definitions: none is guessed."""
    for name in names:
        unique[name] = None


def _note_unique(
    unique: dict[str, tuple[str, Function] | None], path: str, functions: Mapping[str, Function]
) -> None:
    """Record ``functions`` (by name) of ``path`` in ``unique``: a name seen before has several
    definitions."""
    for name, fn in functions.items():
        unique[name] = None if name in unique else (path, fn)


class _Receiver(NamedTuple):
    """What a receiver other than ``self`` names in one file, in the order resolution asks: a
    class in scope (``owner``), a module bound by an import (its files), an import that did not
    resolve (``external``), a class it is named like."""

    owner: tuple[str, str] | None
    module: tuple[str, ...] | None
    external: bool
    like: tuple[str, str] | None


class _Located(NamedTuple):
    """Where a call lands (a ``Target``, as a tuple: resolution builds tens of thousands)."""

    file: str
    function: Function
    resolution: str


class _Stop:
    """A decided resolution step without target: "stop, do not guess"."""


_STOP = _Stop()


class Implemented(_Stop):
    """A call on a Go interface of the repository: no one target and no guess, but the
    methods of the repository types implementing it, one of which runs
    (``CallResolver.implementations``)."""

    __slots__ = ("rows",)

    def __init__(self, rows: tuple[int, ...]) -> None:
        self.rows = rows


_Outcome = _Located | _Stop
"""A decided resolution step: where the call lands, or ``_STOP``."""


def _outcome(file: str, function: Function | None, resolution: str) -> _Outcome:
    return _STOP if function is None else _Located(file, function, resolution)


def _outcome_of(located: tuple[str, Function] | None, resolution: str) -> _Outcome:
    return _STOP if located is None else _Located(located[0], located[1], resolution)


_INHERITED_CONSTRUCTORS: Final = {
    "python": "__init__",
    "javascript": "constructor",
    "typescript": "constructor",
}
"""The constructor a class without one of its own runs, by language: its base's."""
CONSTRUCTOR_NAMES: Final = ("__init__", "constructor")


def _visible_class(
    classes: Sequence[Class], scope: FileScope, caller: Function | None
) -> Class | None:
    """The innermost of ``classes`` (one name's) that ``caller`` sees: one defined in a function
    around it, else one outside any function. A class defined in another function is out of
    reach (pydantic's tests define a ``Model`` in one test and call another test's ``Model``:
    136 calls had reached one test's ``Model.__init__``)."""
    best: Class | None = None
    best_depth = -1
    for cls in classes:
        parent = cls.qualified_name.rpartition(".")[0]
        if not parent or parent not in scope.by_qualified:
            depth = 0  # at module level, or in a class (reached as before)
        elif (
            caller is not None
            and (caller.qualified_name == parent or caller.qualified_name.startswith(f"{parent}."))
            and _in_defining_function(scope.by_qualified[parent], cls, caller)
        ):
            depth = parent.count(".") + 1
        else:
            continue
        if depth > best_depth:
            best, best_depth = cls, depth
    return best


def _java_own_method(scope: FileScope, cls: Class, name: str) -> Function | None:
    """The first method ``name`` declared in the body of ``cls``, a Java class of ``scope``
    (its constructor when ``name`` is the class's)."""
    for fn in scope.by_qualified.get(f"{cls.qualified_name}.{name}", ()):
        if cls.line <= fn.line <= cls.end_line:
            return fn
    return None


def _in_defining_function(defining: Sequence[Function], cls: Class, caller: Function) -> bool:
    """Whether ``caller`` is in the function that defines ``cls``, of the functions of its
    qualified name (``defining``: Java overloads may each define a local class of one name)."""
    return len(defining) < 2 or any(
        fn.line <= cls.line <= fn.end_line and fn.line <= caller.line <= fn.end_line
        for fn in defining
    )


def _visible_function(scope: FileScope, name: str, caller: Function | None) -> Function | None:
    """The innermost function named ``name`` visible from ``caller``: a nested function of an
    enclosing scope first, then the file's top-level function."""
    best: Function | None = None
    best_depth = -1
    if caller is not None:
        for fn in scope.nested.get(name, []):
            if not fn.binds_name:
                continue  # an object's key or a property: reached through its object only
            parent = fn.qualified_name.rsplit(".", 1)[0]
            encloses = caller.qualified_name == parent or caller.qualified_name.startswith(
                f"{parent}."
            )
            if encloses and parent.count(".") > best_depth:
                best, best_depth = fn, parent.count(".")
    if best is not None:
        return best
    top = scope.top_level.get(name)
    return top if top is not None and top.binds_name else None


def passes_value(reference: CallSite, resolution: str, function: Function) -> bool:
    """Whether a function passed as a value (``ParseResult.references``) reaches
    ``function``, found by ``resolution``: not by a guess (``fuzzy``), and not a constructor
    (a class passed on, ``isinstance(x, Foo)``, ``defaultdict(Foo)``, is no call of it; a
    Java ``X::new`` is), an instance's ``__call__`` (an object passed on), nor a property's
    getter (reading one passes its value), but a base's read through ``super()``: a
    property's ``ret = super().data`` runs the base's getter as a call would (DRF's
    ``Serializer.data``)."""
    if resolution == FUZZY:
        return False
    if is_property(function):
        return reference.receiver is not None and reference.receiver.startswith("super")
    name = function.name
    if name in CONSTRUCTOR_NAMES or (function.is_method and name == function.class_name):
        return reference.is_constructor or reference.callee == name
    return name != "__call__" or reference.callee == name


_FIXTURE_NAME: Final = re.compile(r"""\bname\s*=\s*(["'])([A-Za-z_]\w*)\1""")


def _fixture_name(fn: Function) -> str | None:
    """The name tests ask for a pytest fixture by: its ``name=`` (structlog's
    ``@pytest.fixture(name="cr")`` on ``def _cr()``), else the function's; None when ``fn`` is
    no fixture."""
    for decorator in fn.decorators:
        if decorator.name.rsplit(".", 1)[-1] == "fixture":
            given = _FIXTURE_NAME.search(decorator.arguments or "")
            return fn.name if given is None else given.group(2)
    return None
