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
``method``    0.90   a call on a known receiver: ``self``/``this``/``cls``/``super()`` (the
                     caller's class and its same-file bases), a class in scope (same file,
                     imported, same package), Go's method receiver variable, or a variable
                     named like a class in scope (``store.get()`` with class ``Store``)
``import``    0.75   the callee or its receiver is bound by an import that resolves to a
                     repository file (following re-exports), or, in Go and Java, is a
                     top-level function or class of the same package
``export``    0.60   the callee is defined in a file the caller imports wholesale
                     (``from m import *``, ``import p.*``, a Go dot import)
``fuzzy``     0.40   exactly one function (no receiver) or method (with a receiver) of the
                     same language family has the callee's name; never for common names
                     (``get``, ``run``, ``log``…), Python builtins, or a call whose name or
                     receiver is bound to an external import
============= ====== ==================================================================

Edges are unique on ``(caller_id, callee_id, call_site_line)`` and sorted that way.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from drift.analysis.structure.imports import language_family
from drift.analysis.structure.symbols import FileScope, SymbolTable
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.scan.model import CallSite, Function, ParseResult

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

_SELF_RECEIVERS = frozenset({"self", "this", "cls", "super", "super()"})
_PYTHON_BUILTINS = frozenset(dir(builtins))
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


@dataclass(frozen=True, slots=True)
class Target:
    """Where a call lands: the callee's file and function, and how it was found."""

    file: str
    function: Function
    resolution: str


class CallResolver:
    """Resolves call sites of the parsed files to the stored functions."""

    def __init__(
        self, functions: Sequence[FunctionRow], results: Mapping[str, ParseResult]
    ) -> None:
        self.symbols = SymbolTable(results)
        self._ids = {(row.file, row.name, row.line): row.id for row in functions}
        self._class_names: dict[str, dict[str, tuple[str, str]]] = {}
        # (is a method, language family, name) -> the one definition, or None when several.
        self._unique: dict[tuple[bool, str, str], tuple[str, Function] | None] = {}
        for path, scope in self.symbols.scopes.items():
            family = language_family(scope.result.language)
            for fn in scope.top_level.values():
                self._note(False, family, path, fn)
            for methods in scope.methods.values():
                for fn in methods.values():
                    self._note(True, family, path, fn)

    def _note(self, is_method: bool, family: str, path: str, fn: Function) -> None:
        key = (is_method, family, fn.name)
        self._unique[key] = None if key in self._unique else (path, fn)

    def row_id(self, file: str, fn: Function) -> int | None:
        """The stored id of a parsed function, or None when it was not stored."""
        return self._ids.get((file, fn.name, fn.line))

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
        if call.receiver is None:
            found = self._unqualified(scope, call.callee, caller)
        else:
            found = self._qualified(scope, call.receiver, call.callee, caller)
        if found is not None:
            return found.target()
        return self._fuzzy(scope, call)

    # Unqualified calls: name() ------------------------------------------------------------

    def _unqualified(self, scope: FileScope, name: str, caller: Function | None) -> _Outcome | None:
        path = scope.path
        visible = _visible_function(scope, name, caller)
        if visible is not None:
            return _Outcome(path, visible, SAME_FILE)
        if caller is not None and caller.class_name and scope.result.language == "java":
            method = scope.method(caller.class_name, name)
            if method is not None:
                return _Outcome(path, method, SAME_FILE)
        if name in scope.class_bases:
            return _Outcome(path, scope.constructor(name), SAME_FILE)
        binding = scope.bindings.get(name)
        if binding is not None:
            # Bound by an import: resolve through it or not at all (never guess past it).
            located = (
                self.symbols.locate_function(binding.files, binding.symbol)
                if binding.symbol is not None
                else None
            )
            return _Outcome.of(located, IMPORT)
        package = self.symbols.same_package_files(path)
        if package:
            if scope.result.language == "go":
                for other in package:
                    fn = self.symbols.scopes[other].top_level.get(name)
                    if fn is not None:
                        return _Outcome(other, fn, IMPORT)
            else:
                owner = self.symbols.locate_class(package, name)
                if owner is not None:
                    ctor = self.symbols.scopes[owner[0]].constructor(owner[1])
                    return _Outcome(owner[0], ctor, IMPORT)
        if scope.wildcard_files:
            located = self.symbols.locate_function(scope.wildcard_files, name)
            if located is not None:
                return _Outcome(located[0], located[1], EXPORT)
        return None

    # Qualified calls: receiver.name() -----------------------------------------------------

    def _qualified(
        self, scope: FileScope, receiver: str, name: str, caller: Function | None
    ) -> _Outcome | None:
        path = scope.path
        if (receiver in _SELF_RECEIVERS or receiver.startswith("super(")) and caller is not None:
            if caller.class_name:
                method = scope.method(caller.class_name, name)
                if method is not None:
                    return _Outcome(path, method, METHOD)
            return None
        owner = self._class_in_scope(scope, receiver)
        if owner is not None:
            return _Outcome.of(self._method(*owner, name), METHOD)
        if (
            scope.result.language == "go"
            and caller is not None
            and caller.class_name
            and receiver.isidentifier()
            and receiver not in scope.bindings
        ):
            found = self._method(path, caller.class_name, name)
            if found is not None:
                return _Outcome(found[0], found[1], METHOD)
        binding = scope.bindings.get(receiver)
        if binding is not None and binding.symbol is None:
            return _Outcome.of(self.symbols.locate_function(binding.files, name), IMPORT)
        if receiver.split(".", 1)[0].split("(", 1)[0] in scope.bindings:
            # A receiver rooted in an import that did not resolve here is external code.
            return _Outcome.unresolved()
        like = self._class_named_like(scope, receiver)
        if like is not None:
            found = self._method(*like, name)
            if found is not None:
                return _Outcome(found[0], found[1], METHOD)
        return None

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
        return None

    def _class_in_scope(self, scope: FileScope, name: str) -> tuple[str, str] | None:
        if name in scope.class_bases:
            return scope.path, name
        binding = scope.bindings.get(name)
        if binding is not None and binding.symbol is not None:
            return self.symbols.locate_class(binding.files, binding.symbol)
        if not name.isidentifier():
            return None
        for files in (self.symbols.same_package_files(scope.path), scope.wildcard_files):
            owner = self.symbols.locate_class(files, name)
            if owner is not None:
                return owner
        return None

    def _class_named_like(self, scope: FileScope, receiver: str) -> tuple[str, str] | None:
        """The class in scope whose name equals the receiver's last part, ignoring case and
        leading underscores (``self._store`` → ``Store``)."""
        names = self._class_names.get(scope.path)
        if names is None:
            names = {}
            others = {*scope.imported_files, *self.symbols.same_package_files(scope.path)}
            # Later assignments win: the file's own classes, then the first path in order.
            for file in [*sorted(others - {scope.path}, reverse=True), scope.path]:
                for class_name in self.symbols.scopes[file].class_bases:
                    names[class_name.lower()] = (file, class_name)
            self._class_names[scope.path] = names
        return names.get(receiver.rsplit(".", 1)[-1].lstrip("_").lower())

    # Fuzzy ------------------------------------------------------------------------------

    def _fuzzy(self, scope: FileScope, call: CallSite) -> Target | None:
        name = call.callee
        language = scope.result.language
        if name in COMMON_NAMES or len(name) < 3:
            return None
        if call.receiver is None and language == "python" and name in _PYTHON_BUILTINS:
            return None
        unique = self._unique.get((call.receiver is not None, language_family(language), name))
        if unique is None:
            return None
        return Target(unique[0], unique[1], FUZZY)


@dataclass(frozen=True, slots=True)
class _Outcome:
    """A decided resolution step: a target, or (function None) "stop, do not guess"."""

    file: str
    function: Function | None
    resolution: str

    @staticmethod
    def of(located: tuple[str, Function] | None, resolution: str) -> _Outcome:
        if located is None:
            return _Outcome.unresolved()
        return _Outcome(located[0], located[1], resolution)

    @staticmethod
    def unresolved() -> _Outcome:
        return _Outcome("", None, "")

    def target(self) -> Target | None:
        return Target(self.file, self.function, self.resolution) if self.function else None


def _context(scope: FileScope, call: CallSite, caller: Function | None) -> object:
    """What of ``caller`` the resolution of ``call`` reads: whether there is one, its class
    (``self`` calls, Java's implicit ``this``, Go receivers), and its qualified name only when a
    nested function of that name could be visible from it."""
    if caller is None:
        return None
    if call.receiver is None and call.callee in scope.nested:
        return (caller.class_name, caller.qualified_name)
    return (caller.class_name,)


def _visible_function(scope: FileScope, name: str, caller: Function | None) -> Function | None:
    """The innermost function named ``name`` visible from ``caller``: a nested function of an
    enclosing scope first, then the file's top-level function."""
    best: Function | None = None
    best_depth = -1
    if caller is not None:
        for fn in scope.nested.get(name, []):
            parent = fn.qualified_name.rsplit(".", 1)[0]
            encloses = caller.qualified_name == parent or caller.qualified_name.startswith(
                f"{parent}."
            )
            if encloses and parent.count(".") > best_depth:
                best, best_depth = fn, parent.count(".")
    return best if best is not None else scope.top_level.get(name)


def resolve_calls(
    functions: Sequence[FunctionRow], results: Mapping[str, ParseResult]
) -> list[CallEdgeRow]:
    """Call edges between the stored ``functions`` of the parsed files ``results``.

    ``functions`` carry their storage ids and match parsed functions on ``(file, name, line)``;
    a call whose caller or callee has no row gives no edge.
    """
    resolver = CallResolver(functions, results)
    edges: dict[tuple[int, int, int], CallEdgeRow] = {}
    for path in sorted(results):
        for call, caller_id, callee_id, resolution in _file_edges(resolver, path, results[path]):
            key = (caller_id, callee_id, call.line)
            if key not in edges:
                edges[key] = CallEdgeRow(
                    caller_id=caller_id,
                    callee_id=callee_id,
                    resolution=resolution,
                    confidence=CONFIDENCE[resolution],
                    call_site_line=call.line,
                )
    return sorted(edges.values(), key=lambda e: (e.caller_id, e.call_site_line, e.callee_id))


def _file_edges(
    resolver: CallResolver, path: str, result: ParseResult
) -> Iterator[tuple[CallSite, int, int, str]]:
    """``(call, caller id, callee id, resolution)`` of each resolved call of one file.

    A file makes the same call from the same function many times, so the caller of each
    qualified name (when it has one definition) and the callee of each distinct call are
    looked up once per file.
    """
    scope = resolver.symbols.scopes[path]
    sole_callers: dict[str, tuple[Function, int | None] | None] = {}
    callees: dict[tuple[str | None, str, object], tuple[int, str] | None] = {}
    for call in result.calls:
        name = call.caller
        if name is None:
            continue
        if name not in sole_callers:
            candidates = scope.by_qualified.get(name, [])
            only = candidates[0] if len(candidates) == 1 else None
            sole_callers[name] = (only, resolver.row_id(path, only)) if only is not None else None
        sole = sole_callers[name]
        if sole is not None:
            caller, caller_id = sole
        else:
            found = resolver.caller_of(path, call)
            if found is None:
                continue
            caller, caller_id = found, resolver.row_id(path, found)
        if caller_id is None:
            continue
        key = (call.receiver, call.callee, _context(scope, call, caller))
        if key not in callees:
            target = resolver.resolve(path, call, caller)
            callee_id = resolver.row_id(target.file, target.function) if target else None
            callees[key] = (
                (callee_id, target.resolution) if target and callee_id is not None else None
            )
        callee = callees[key]
        if callee is not None:
            yield call, caller_id, callee[0], callee[1]
