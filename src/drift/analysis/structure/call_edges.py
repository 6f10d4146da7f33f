"""Call edges: each file's calls resolved against the project, one caller at a time.

``CallResolver`` (``callgraph``) knows the whole project: its symbols, classes, imports and
types. ``_FileCalls`` walks one file's call sites in order, asks the resolver where each lands
and remembers the answer for every caller of the same name, class and scope, so a file's
thousand calls of ``self.assertEqual`` are worked out once. ``resolve_calls`` runs it over
every file; ``edges_of_files`` over some, so the files can be resolved in parts (the structure
worker resolves half of them in a forked child) and the parts merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Final

from drift.analysis.structure.callgraph import (
    CONFIDENCE,
    DISPATCH_LANGUAGES,
    DISPATCHING,
    EXPLICIT_CONSTRUCTORS,
    FUZZY,
    MAX_NESTED_CALLS,
    METHOD,
    SELF_RECEIVERS,
    CallResolver,
    Implemented,
    passes_value,
)
from drift.analysis.structure.imports import Manifests
from drift.analysis.structure.java_overloads import (
    Pick,
    library_result,
    parameter_types,
)
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.scan.model import (
    ALIAS_OF,
    RESULT_OF,
    CallSite,
    Function,
    ParseResult,
)
from drift.scan.rules import class_of_type


def resolve_calls(
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    manifests: Manifests | None = None,
    *,
    resolver: CallResolver | None = None,
) -> list[CallEdgeRow]:
    """Call edges between the stored ``functions`` of the parsed files ``results``.

    ``functions`` carry their storage ids and match parsed functions on ``(file, name, line)``;
    a call whose caller or callee has no row gives no edge. ``manifests``: what the
    repository's ``go.mod`` and ``package.json`` files say, which imports resolve against
    (``ModuleIndex``). ``resolver``: one built over the same three, for the test mapping to use
    after (a new one otherwise).
    """
    if resolver is None:
        resolver = CallResolver(functions, results, manifests)
    return edge_rows(edges_of_files(resolver, results, sorted(results)))


EdgeKey = tuple[int, int, int]
"""A call edge's ``(caller id, line, callee id)``: unique per edge, and its place in the output."""


def edges_of_files(
    resolver: CallResolver, results: Mapping[str, ParseResult], paths: Iterable[str]
) -> dict[EdgeKey, str]:
    """The resolution of each call edge from the functions of the files ``paths`` (of
    ``results``), by ``(caller id, line, callee id)``, the first call giving an edge naming it.

    A caller belongs to one file, so the edges of disjoint sets of files never share a key:
    resolving the files in parts and merging the parts gives what resolving them at once does.
    """
    edges: dict[EdgeKey, str] = {}
    for path in paths:
        result = results[path]
        calls = _FileCalls(resolver, path)
        calls.add_edges(result.calls, edges)
        if result.references:  # after the calls: a call's label wins on the same line
            calls.add_reference_edges(result.references, edges)
    return edges


def edge_rows(edges: Mapping[EdgeKey, str]) -> list[CallEdgeRow]:
    """``edges`` (``edges_of_files``) as rows, in key order."""
    rows: list[CallEdgeRow] = []
    for key in sorted(edges):  # sorting the keys alone is cheaper than the items
        caller_id, line, callee_id = key
        resolution = edges[key]
        rows.append(CallEdgeRow(caller_id, callee_id, resolution, CONFIDENCE[resolution], line))
    return rows


_DECLARED_TYPES: Final = frozenset({"python", "java", "typescript"})
"""Languages whose variables may declare a class that their value only derives from."""

_CALLER = itemgetter(CallSite._fields.index("caller"))
_RECEIVER_AND_CALLEE = itemgetter(
    *(CallSite._fields.index(f) for f in ("receiver", "callee", "receiver_type"))
)
"""A call's ``caller`` and ``(receiver, callee, receiver_type)``, each read in one C call: the
loop over every call site is the hot one."""

_Name = tuple[str | None, str, str | None]
"""A call's receiver (None for none), callee, and the class its caller gives the receiver."""

_Target = tuple[int, str]
"""A callee's id, and the resolution that found it."""

_Landing = _Target | Implemented
"""Where a call lands: one callee, or the implementations of a Go interface's method."""

_Caller = tuple[Function, int, dict[_Name, _Landing | None], "_Closure | None"]
"""A caller, its row id, where the calls that depend on its class land (shared by the callers
of the class), and for a Python function nested in a method, the method's ``self`` it sees."""

_Closure = tuple[str, _Caller]
"""A nested function's free ``self`` (or ``cls``), and the caller its calls on it are resolved
as: the enclosing method, with the nested function's row id."""

# Markers compared by identity: a call not worked out yet, and calls whose target depends on
# the caller's class, or on its class and qualified name (see ``_FileCalls._target``).
_UNSEEN: _Landing = (-1, "unseen")
_BY_CLASS: _Landing = (-1, "by class")
_BY_SCOPE: _Landing = (-1, "by scope")


_CLOSED_OVER = frozenset({"self", "cls"})
"""The parameters of a method that a function nested in it sees as the method's own object."""


def _on_self(own: str, name: _Name) -> bool:
    """Whether the call ``name`` is made on ``own`` (a method's ``self`` or ``cls``), or on
    what it holds or makes (``self.repo.save()``, ``type(self)(…)``), or of a local the code
    gives such a value (``copy = self.copy()``, then ``copy(f)``; ``inst = cls()``): resolved
    as the method's
    own calls are. A ``self`` the function rebinds has a class of its own (``receiver_type``)."""
    receiver, _, given = name
    if receiver is not None and (given is None or receiver != own):
        root = receiver.split(".", 1)[0].split("(", 1)[0]
        if root == own or receiver == f"type({own})":
            return True
    return given is not None and (given == own or given.startswith((f"{own}.", f"type({own})")))


def _of_own_class(given: str, caller: Function) -> bool:
    """Whether a variable the code gives ``given`` (``CallSite.receiver_type``) holds an
    instance of the caller's class, or of a subclass: ``type(self)()``, ``self.__class__()``
    in a method, ``cls(…)`` in a classmethod (a helper's or a metaclass's ``cls`` holds any
    class)."""
    if caller.class_name is None or not caller.parameters:
        return False
    own = caller.parameters[0].name
    if given == "cls":
        return own == "cls" and any(d.name == "classmethod" for d in caller.decorators)
    return own == "self" and given in ("type(self)", "self.__class__")


class _FileCalls:
    """Resolves the calls of one file.

    A file makes the same call many times, mostly from callers that resolution does not tell
    apart: the caller of each qualified name is looked up once, and each distinct
    ``receiver.callee()`` resolved once, or once per caller class (or enclosing scope) when its
    resolution reads that.
    """

    def __init__(self, resolver: CallResolver, path: str) -> None:
        self._resolver = resolver
        self._overloads = resolver._overloads
        self._path = path
        scope = self._scope = resolver.symbols.scopes[path]
        # Only Java (implicit ``this``) reads the caller's class for calls on receivers other
        # than ``self`` (a Go receiver variable is typed by extraction, like any variable).
        self._class_always_matters = scope.result.language == "java"
        # Every parameter name of the file: a call of no such name is no parameter's call.
        self._parameter_names = frozenset(
            p.name for fn in scope.result.functions for p in fn.parameters
        )
        self._dispatches = scope.result.language in DISPATCH_LANGUAGES
        # The file's classes some repository class derives from: only their self calls may
        # reach an override.
        self._subclassed = resolver.subclassed(path) if self._dispatches else frozenset[str]()
        self._implicit_this = scope.result.language == "java"  # ``m()`` is ``this.m()``
        # Python: a function nested in a method sees the method's ``self`` (``_Closure``), and
        # ``type(self)()`` makes another ``self`` (``_of_own_class``).
        self._python = scope.result.language == "python"
        # Languages whose receivers may have a declared class (``_declared_dispatch``).
        self._declares_types = scope.result.language in _DECLARED_TYPES
        # (caller, receiver, its class as written) -> the declared class a call on the
        # receiver dispatches from, and no calling method (``_declared_dispatch``).
        self._declared: dict[tuple[str, str, str], tuple[str, str, str] | None] = {}
        # (receiver, callee) -> target, or how it depends on the caller.
        self._calls: dict[_Name, _Landing | None] = {}
        # Caller class -> (receiver, callee) -> target.
        self._by_class: dict[object, dict[_Name, _Landing | None]] = {}
        # ((receiver, callee), caller class, caller qualified name) -> target.
        self._by_scope: dict[tuple[_Name, str | None, str], _Landing | None] = {}
        # Callers with one definition (a caller without row gives no edge).
        self._callers: dict[str | None, _Caller] = {}
        self._several: set[str | None] = set()  # qualified names of several definitions
        # A Python coroutine does nothing until awaited: a guess of one for a call that is not
        # (``assert response.json() == …`` on a test client's response reaching starlette's
        # ``async def json``) is about some other object's method. Guessed coroutines' ids:
        self._coroutines_awaited = scope.result.language == "python"
        self._coroutine_guesses: set[int] = set()
        # Java: the calls an argument names (``RESULT_OF``), and the type each one gives.
        self._sites: dict[str, CallSite] | None = None
        self._results: dict[str, str] = {}
        # Names of classes defined in a function: which one a call makes depends on the caller.
        self._local_classes = {
            cls.name
            for cls in scope.result.classes
            if cls.qualified_name.rpartition(".")[0] in scope.by_qualified
        }
        ids = resolver.row_ids(path)
        for name, candidates in scope.by_qualified.items():
            if len(candidates) > 1:
                self._several.add(name)
                continue
            caller = candidates[0]
            caller_id = ids.get((caller.name, caller.line))
            if caller_id is not None:
                self._callers[name] = self._caller(caller, caller_id)

    def add_edges(self, calls: Sequence[CallSite], edges: dict[EdgeKey, str]) -> None:
        """Add the edge of each resolved call of ``calls`` (this file's, in order) to ``edges``,
        keyed by ``(caller id, line, callee id)``, unless the key is there already."""
        callers, targets = self._callers, self._calls
        # Calls come in runs of one caller: look it up once per run.
        run_name: object = _UNSEEN
        run_caller: _Caller | None = None
        for call, caller_name, written in zip(
            calls, map(_CALLER, calls), map(_RECEIVER_AND_CALLEE, calls), strict=True
        ):
            name = written
            if caller_name != run_name:
                run_name = caller_name
                run_caller = callers.get(caller_name)
            caller = run_caller
            if caller is None:
                if caller_name not in self._several:
                    continue  # module level, or a caller without row
                caller = self._caller_at(call)
                if caller is None:
                    continue
            if caller[3] is not None and _on_self(caller[3][0], name):
                caller = caller[3][1]  # ``self.copy()`` in a method's closure: the method's
            if (
                name[0] is not None
                and name[2]
                and self._python
                and _of_own_class(name[2], caller[0])
            ):
                # ``inst = cls(**query); inst.save()``: another instance of the caller's class
                # or of a subclass, as ``self`` is.
                name = ("self", name[1], None)
            target = targets.get(name, _UNSEEN)
            if target is _BY_CLASS:  # self.method(): common, so worked out inline
                target = caller[2].get(name, _UNSEEN)
                if target is _UNSEEN:
                    target = caller[2][name] = self._resolve(name, caller[0])
            elif target is _UNSEEN or target is _BY_SCOPE:
                target = self._target_of(name, caller)
            if target is None:
                # ``this._parse(…)`` declared ``abstract`` (a TypeScript signature, no
                # function), or a mixin's hook its subclasses define: theirs run.
                self._add_overrides(caller, name, call.line, call.arg_count, edges)
                continue
            if isinstance(target, Implemented):
                for row in target.rows:  # ``m.Match(…)`` on a Go interface
                    edges.setdefault((caller[1], call.line, row), METHOD)
                continue
            if target is not None:
                if self._names_parameter(name, caller[0]):
                    continue
                callee_id = target[0]
                if (
                    target[1] == FUZZY
                    and callee_id in self._coroutine_guesses
                    and not call.is_awaited
                ):
                    continue
                resolution = target[1]
                overloads = self._overloads.get(callee_id)
                if overloads is not None:
                    picked = self._overload(call, callee_id, caller)
                    if picked is None:
                        continue
                    if picked.ties:
                        # The arguments' known types fit other overloads as well: a guess,
                        # not the certainty of the name's resolution.
                        resolution = FUZZY
                    elif self._overloads.get(picked.row) is not overloads:
                        resolution = METHOD  # a base class's (``pick_overload``)
                    callee_id = picked.row
                edges.setdefault((caller[1], call.line, callee_id), resolution)
                if resolution != FUZZY:
                    self._add_dispatched(caller, name, call.line, callee_id, edges)
                    if self._python:
                        # ``fetch()`` decorated ``@retry``: the wrapper ``retry`` returns runs.
                        wrapper = self._resolver.wrapper_of(callee_id)
                        if wrapper is not None and wrapper[0] != caller[1]:
                            edges.setdefault((caller[1], call.line, wrapper[0]), wrapper[1])

    def add_reference_edges(
        self, references: Sequence[CallSite], edges: dict[EdgeKey, str]
    ) -> None:
        """Add the edges of this file's functions passed as values (``ParseResult.references``)
        as ``add_edges`` does for calls: each resolved as its call would be, sharing the
        calls' lookups, but only where that is no guess (``passes_value``): a bare name that
        happens to match some method elsewhere reaches nothing."""
        resolver = self._resolver
        for reference in references:
            caller = self._callers.get(reference.caller)
            if caller is None:
                if reference.caller not in self._several:
                    continue  # module level, or a caller without row
                caller = self._caller_at(reference)
                if caller is None:
                    continue
            name: _Name = (reference.receiver, reference.callee, reference.receiver_type)
            target = self._target_of(name, caller)
            if target is None:
                self._add_overrides(caller, name, reference.line, None, edges)
                continue
            if isinstance(target, Implemented):
                # ``http.HandlerFunc(h.ServeHTTP)`` with ``h`` an interface: the method value
                # runs an implementation's when called, as the call would.
                for row in target.rows:
                    edges.setdefault((caller[1], reference.line, row), METHOD)
                continue
            if target[1] == FUZZY or self._names_parameter(name, caller[0]):
                continue
            called = resolver.function_by_id(target[0])
            if called is None or not passes_value(reference, target[1], called):
                continue
            callee_id = resolver.unique_overload(target[0])
            if callee_id is None:
                continue
            edges.setdefault((caller[1], reference.line, callee_id), target[1])
            self._add_dispatched(caller, name, reference.line, callee_id, edges)

    def _names_parameter(self, name: _Name, caller: Function) -> bool:
        """``def run(hook): hook()``: the function passed in, not a namesake (a typed
        parameter, and ``cls``, are decided by ``_called_value``)."""
        return (
            name[0] is None
            and not name[2]
            and name[1] != "cls"
            and name[1] in self._parameter_names
            and name[1] in self._resolver.parameters_around(self._scope, caller)
        )

    def _add_overrides(
        self,
        caller: _Caller,
        name: _Name,
        line: int,
        arg_count: int | None,
        edges: dict[EdgeKey, str],
    ) -> None:
        """The edges to the subclasses' overrides of ``name`` that resolved to nothing of its
        class (a TypeScript ``abstract`` signature, a mixin's hook; in Java and TypeScript, a
        signature of an interface a variable is declared with, ``t: Transport``, whose
        implementations define it); ``arg_count``: Java's call's, which picks the overloads
        (None: any, for a method reference)."""
        own = self._dispatch(name[0], caller[0])
        dispatch = None if own is None else (self._path, *own)
        if dispatch is None and self._declares_types and not self._python:
            dispatch = self._declared_dispatch(name, caller[0])
        if dispatch is None:
            return
        arity = arg_count if self._implicit_this else None
        for override in self._resolver.overrides(*dispatch[:2], name[1], dispatch[2], arity):
            edges.setdefault((caller[1], line, override), METHOD)

    def _add_dispatched(
        self,
        caller: _Caller,
        name: _Name,
        line: int,
        callee_id: int,
        edges: dict[EdgeKey, str],
    ) -> None:
        """``self.m()`` reaching ``callee_id``: the override of the object's own class may run
        instead (a private method is the class's own); so may it for a Python receiver of a
        declared class (``_declared_dispatch``)."""
        own = self._dispatch(name[0], caller[0])
        dispatch = None if own is None else (self._path, *own)
        if dispatch is None and self._declares_types:
            dispatch = self._declared_dispatch(name, caller[0])
        if dispatch is None:
            return
        called = self._resolver.function_by_id(callee_id)
        if called is None or called.is_private:
            return
        arity = len(called.parameters) if self._implicit_this else None
        types = parameter_types(called) if self._implicit_this else None
        for override in self._resolver.overrides(
            *dispatch[:2], name[1], dispatch[2], arity, parameters=types
        ):
            edges.setdefault((caller[1], line, override), METHOD)

    def _declared_dispatch(self, name: _Name, caller: Function) -> tuple[str, str, str] | None:
        """For a call on a variable whose class is declared, not made, the file and class whose
        subclasses' overrides may run instead, as for ``self.m()``; no calling method they
        replace (``""``). Declared: a parameter's type (``def f(t: BaseTransport)``, Java's
        ``void f(Transport t)``, TypeScript's ``f(t: Transport)``); in Python, a repository
        function's declared result (httpx's ``transport = self._transport_for_url(url)`` with
        ``-> BaseTransport``); in Java and TypeScript, any variable or field of a repository
        ``interface``'s type, which only an implementation can be. A constructed variable
        (``t = Store()``) is of its class exactly, and a local's or a field's declared class
        is not told apart from one (both are ``Store``)."""
        receiver, _, written = name
        if receiver is None or not written:
            return None
        field = not self._python and receiver.startswith("this.")
        if not (receiver.isidentifier() or (field and receiver[5:].isidentifier())):
            return None
        key = (caller.qualified_name, receiver, written)
        if key in self._declared:
            return self._declared[key]
        resolver, scope = self._resolver, self._scope
        declared = next((p.type for p in caller.parameters if p.name == receiver), None)
        owner: tuple[str, str] | None = None
        if declared is not None and class_of_type(declared) == written:
            owner = resolver._typed_class(scope, written)
        elif self._python:
            if resolver._typed_class(scope, written) is None:
                owner = resolver._returned_class(scope, written, caller)
        else:
            owner = resolver._typed_class(scope, written)
            if owner is not None and not resolver.is_interface(*owner):
                owner = None
        found = (
            (owner[0], owner[1], "")
            if owner is not None and owner[1] in resolver.subclassed(owner[0])
            else None
        )
        self._declared[key] = found
        return found

    def _dispatch(self, receiver: str | None, caller: Function) -> tuple[str, str] | None:
        """For a call whose subclasses' overrides may run instead, the class they derive
        from, when a repository class does, and the calling method they may replace:
        ``self.m()``, ``this.m()`` (Java's implicit ``this`` too), the caller's class and
        method; Java's ``Outer.this.m()`` in an inner class, the enclosing class, no method
        (``""``: the caller is the inner class's)."""
        if receiver in DISPATCHING or (receiver is None and self._implicit_this):
            owner, via = caller.class_name, caller.name
        elif self._implicit_this and receiver is not None and receiver.endswith(".this"):
            owner, via = receiver.removesuffix(".this"), ""
        else:
            return None
        return (owner, via) if owner is not None and owner in self._subclassed else None

    def _target_of(self, name: _Name, caller: _Caller) -> _Landing | None:
        """Where ``receiver.callee()`` lands from ``caller``."""
        target = self._calls.get(name, _UNSEEN)
        if target is _UNSEEN:
            target = self._calls[name] = self._target(name, caller[0])
        if target is _BY_CLASS:  # self.method()
            target = caller[2].get(name, _UNSEEN)
            if target is _UNSEEN:
                target = caller[2][name] = self._resolve(name, caller[0])
        elif target is _BY_SCOPE:
            target = self._nested_target(name, caller[0])
        return target

    def _overload(
        self, call: CallSite, callee_id: int, caller: _Caller, depth: int = 0
    ) -> Pick | None:
        """The Java overload ``call`` reaches (``CallResolver.pick_overload``), the type of an
        argument that is a call read from what that call reaches (``_argument_result``)."""
        arguments: Sequence[str] = call.argument_types
        if any(kind.startswith(RESULT_OF) for kind in arguments):
            arguments = self._arguments(call, caller, depth)
        return self._resolver.pick_overload(
            callee_id, call.arg_count, arguments, self._scope, caller[1]
        )

    def _argument_result(self, reference: str, caller: _Caller, depth: int) -> str:
        """The type of an argument that is a call (``RESULT_OF``): what the method it reaches
        declares it returns (``now(Clock.system(zone))`` is ``now(Clock)``), or a well-known
        library method's (``library_result``); ``""`` when unknown, which then neither rules
        out nor favours an overload."""
        known = self._results.get(reference)
        if known is not None:
            return known
        self._results[reference] = ""  # a call inside its own argument (a broken tree)
        site = self._site(reference)
        kind = ""
        if site is not None and depth < MAX_NESTED_CALLS:
            kind = self._call_result(site, caller, depth + 1)
        self._results[reference] = kind
        return kind

    def _site(self, reference: str) -> CallSite | None:
        """The call a ``RESULT_OF`` argument names: of the calls starting at its position with
        its callee, the outermost (``a.f(x).f(y)`` is two calls of ``f`` there)."""
        if self._sites is None:
            self._sites = {}
            for call in self._scope.result.calls:
                key = f"{RESULT_OF}{call.line}:{call.column}:{call.callee}"
                known = self._sites.get(key)
                if known is None or len(call.receiver or "") > len(known.receiver or ""):
                    self._sites[key] = call
        return self._sites.get(reference)

    def _call_result(self, call: CallSite, caller: _Caller, depth: int) -> str:
        """``_argument_result`` of the call an argument is."""
        target = self._target_of(_RECEIVER_AND_CALLEE(call), caller)
        if target is None:
            return library_result(call, self._arguments(call, caller, depth))
        if isinstance(target, Implemented) or target[1] == FUZZY:
            return ""  # a guess says nothing of the type (a Go call here: none of Java's)
        rows: tuple[int, ...] = (target[0],)
        if target[0] in self._overloads:
            picked = self._overload(call, target[0], caller, depth)
            if picked is None:
                return ""
            rows = (picked.row, *picked.ties)
        kinds = {self._resolver.declared_result(row) for row in rows}
        return kinds.pop() if len(kinds) == 1 else ""  # tied overloads may agree

    def _arguments(self, call: CallSite, caller: _Caller, depth: int) -> list[str]:
        """A Java call's argument types, each call among them given its result's."""
        return [
            self._argument_result(kind, caller, depth) if kind.startswith(RESULT_OF) else kind
            for kind in call.argument_types
        ]

    def _class_targets(self, caller: Function) -> dict[_Name, _Landing | None]:
        """Where calls resolved by the caller's class land, shared by the callers of a class
        (of a class defined in a function, by its qualified name: each test's ``MyServer``
        is its own)."""
        key: object = caller.class_name
        if self._implicit_this and caller.class_name is not None:
            # A Java class by its body: a file may have several of one short name (nested in
            # different classes, or local to different methods, overloads of one name too).
            owner = self._resolver.java_class_of(self._scope, caller)
            key = (caller.class_name, owner and (owner.qualified_name, owner.line))
        elif key in self._local_classes:
            key = caller.qualified_name.rpartition(".")[0]
        targets = self._by_class.get(key)
        if targets is None:
            targets = self._by_class[key] = {}
        return targets

    def _caller_at(self, call: CallSite) -> _Caller | None:
        """The caller of a call whose qualified name several definitions share."""
        caller = self._resolver.caller_of(self._path, call)
        caller_id = self._resolver.row_id(self._path, caller) if caller is not None else None
        if caller is None or caller_id is None:
            return None
        return self._caller(caller, caller_id)

    def _caller(self, caller: Function, caller_id: int) -> _Caller:
        """``caller`` with its row id, its class's targets and the method whose ``self`` it
        closes over, if any."""
        closure: _Closure | None = None
        method = self._enclosing_method(caller)
        if method is not None:
            closure = (
                method.parameters[0].name,
                (
                    method,
                    caller_id,
                    self._class_targets(method),
                    None,
                ),
            )
        return caller, caller_id, self._class_targets(caller), closure

    def _enclosing_method(self, caller: Function) -> Function | None:
        """For a Python function nested in a method (a decorator's wrapper, tenacity's
        ``BaseRetrying.wraps.wrapped_f``), the method whose ``self`` (or a classmethod's
        ``cls``) it sees: the nearest enclosing method, when neither the function nor one
        between them takes a parameter of that name. None for any other function."""
        if caller.class_name is not None or "." not in caller.qualified_name or not self._python:
            return None
        between = [caller]
        prefix = caller.qualified_name
        while "." in prefix:
            prefix = prefix.rpartition(".")[0]
            around = [
                fn
                for fn in self._scope.by_qualified.get(prefix, ())
                if fn.line <= caller.line <= fn.end_line
            ]
            if not around:
                return None  # a class's body, not a function: a method would have its class
            enclosing = max(around, key=lambda fn: fn.line)
            if enclosing.class_name is None:
                between.append(enclosing)
                continue
            own = enclosing.parameters[0].name if enclosing.parameters else None
            if own not in _CLOSED_OVER or any(
                p.name == own for fn in between for p in fn.parameters
            ):
                return None
            return enclosing
        return None

    def _target(self, name: _Name, caller: Function) -> _Landing | None:
        """Where ``receiver.callee()`` lands from any caller (resolution reads no more of the
        caller than that there is one), or how that depends on the caller: on its class
        (``self`` calls, Java's implicit ``this``, Go receivers), and on its qualified name
        too when a nested function of that name could be visible from it."""
        receiver, callee, given = name
        if receiver is None and callee in EXPLICIT_CONSTRUCTORS:
            return _BY_CLASS  # ``super(…)``: the caller's class's base's constructor
        if receiver is None:
            if given and given.startswith(ALIAS_OF):
                callee = given[len(ALIAS_OF) :]  # the name the variable was given is called
            if (
                callee in self._scope.nested
                or callee in self._local_classes
                or given
                or callee == "cls"
            ):
                # ``cls(…)``, an alias's target and a variable's ``__call__`` depend on the
                # caller too.
                return _BY_SCOPE
            if self._class_always_matters:
                return _BY_CLASS
        elif (
            self._class_always_matters
            or receiver in SELF_RECEIVERS
            or receiver.startswith("super(")
        ):
            return _BY_CLASS
        else:
            root = receiver.split(".", 1)[0].split("(", 1)[0]
            if (
                root not in self._scope.bindings and root not in self._scope.class_bases
            ) or root in self._local_classes:
                # A variable: what it holds is the caller's to say (its parameters, its calls
                # on it), and a parameter hides a module variable of its name; a class defined
                # in a function is the one the caller sees.
                return _BY_SCOPE
        return self._resolve(name, caller)

    def _nested_target(self, name: _Name, caller: Function) -> _Landing | None:
        """Where a call lands that depends on the caller (a name some nested function has, a
        method of a variable), once per caller."""
        key = (name, caller.class_name, caller.qualified_name)
        if key not in self._by_scope:
            self._by_scope[key] = self._resolve(name, caller)
        return self._by_scope[key]

    def _resolve(self, name: _Name, caller: Function) -> _Landing | None:
        resolver = self._resolver
        target = resolver._locate(self._scope, name[0], name[1], caller, name[2])
        if isinstance(target, Implemented):
            return target if target.rows else None
        callee_id = resolver.row_id(target.file, target.function) if target else None
        if target is None or callee_id is None:
            return None
        if target.resolution == FUZZY and target.function.is_async and self._coroutines_awaited:
            self._coroutine_guesses.add(callee_id)
        return callee_id, target.resolution
