"""The adapter from what the scanner extracts (``ParseResult``) to what packs match (``FileFacts``).

Decorators are gathered from functions and classes (annotations in Java); base classes and
implemented interfaces both count as ``extends``. An error handler carries its construct kind,
``handler`` for every catching construct, ``catch`` for a Python ``except`` too, and one name
per property it has (``empty``, ``generic``, ``bare``, ``rethrow``, ``swallow``), as
``drift.analysis.packs.schema.ERROR_HANDLER_KINDS`` defines them.

Two things keep this cheap on large files: each list is built only when a pattern asks for it,
and calls are narrowed to the method names some pack's ``calls`` predicate names (a call with
any other name can match no pattern).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Final, NamedTuple

from drift.analysis.packs import CallSite, ErrorHandlerSite, MatchBlock, Pack, Site, SiteColumns
from drift.pipeline.detect import chosen_name
from drift.scan import ErrorHandler, ParseResult

_CATCHING: Final = frozenset({"except", "catch", "promise_catch", "error_check", "recover"})


def handler_kinds(handler: ErrorHandler) -> frozenset[str]:
    """Every name an ``error_handling`` predicate can match this handler by."""
    return _kinds(
        (
            handler.kind,
            not handler.types,
            handler.is_empty,
            handler.is_generic,
            handler.rethrows,
            handler.swallows,
        )
    )


@lru_cache(maxsize=256)
def _kinds(handler: tuple[str, bool, bool, bool, bool, bool]) -> frozenset[str]:
    # What decides a handler's kinds, of which handlers have few combinations: each set is
    # worked out once.
    kind, untyped, empty, generic, rethrow, swallow = handler
    kinds: set[str] = {kind}
    if kind in _CATCHING:
        kinds.add("handler")
    if kind == "except":
        kinds.add("catch")
        if untyped:
            kinds.add("bare")
    flags = (("empty", empty), ("generic", generic), ("rethrow", rethrow), ("swallow", swallow))
    kinds.update(name for name, present in flags if present)
    return frozenset(kinds)


def _blocks(block: MatchBlock) -> Iterator[MatchBlock]:
    yield block
    if block.negated is not None:
        yield from _blocks(block.negated)


class CallFilter(NamedTuple):
    """The calls a pack can match: by method name, or by receiver for ``recv.*`` patterns."""

    methods: frozenset[str]
    receivers: frozenset[str]

    def keeps(self, callee: str, receiver: str | None) -> bool:
        """Whether a call with this callee and receiver can match a ``calls`` predicate."""
        if callee in self.methods:
            return True
        if not receiver or not self.receivers:
            return False
        return receiver in self.receivers or any(
            receiver.endswith("." + wanted) for wanted in self.receivers
        )


def called_methods(packs: Iterable[Pack]) -> CallFilter:
    """Every method name a ``calls`` predicate of these packs can match, and the receivers of
    its ``recv.*`` predicates (any method of theirs)."""
    calls = [
        call
        for pack in packs
        for pattern in pack.patterns
        for block in _blocks(pattern.match)
        for call in block.calls
    ]
    return CallFilter(
        frozenset(call.method for call in calls if call.method != "*"),
        frozenset(call.receiver for call in calls if call.method == "*" and call.receiver),
    )


def _columns(records: Sequence[object], text: str = "name") -> SiteColumns:
    """Records with a text field, ``line`` and ``column`` as site columns (read at C speed)."""
    return SiteColumns(
        list(map(attrgetter(text), records)),
        list(map(attrgetter("line"), records)),
        list(map(attrgetter("column"), records)),
    )


class LazyFileFacts:
    """``FileFacts`` over one parse result, each list built on first use.

    ``call_methods`` narrows the calls to those a pack can match (None keeps every call).
    """

    def __init__(
        self,
        path: str,
        result: ParseResult,
        text: str,
        call_methods: CallFilter | None = None,
    ) -> None:
        self.path = path
        self.language = result.language
        self.text = text
        self._result = result
        self._call_methods = call_methods

    @cached_property
    def imports(self) -> Sequence[Site]:
        """Import sources."""
        imports = self._result.imports
        return SiteColumns(
            list(map(attrgetter("source"), imports)),
            list(map(attrgetter("line"), imports)),
            [0] * len(imports),
        )

    @cached_property
    def calls(self) -> Sequence[CallSite]:
        """Calls (only those a pack can match, when narrowed)."""
        wanted = self._call_methods
        return [
            CallSite(call.callee, call.receiver, call.line, call.column, call.receiver_type)
            for call in self._result.calls
            if wanted is None or wanted.keeps(call.callee, call.receiver)
        ]

    @cached_property
    def decorators(self) -> Sequence[Site]:
        """Decorators and annotations of functions and classes, by line."""
        result = self._result
        found = [(d.line, d.name) for fn in result.functions for d in fn.decorators]
        found.extend((d.line, d.name) for cls in result.classes for d in cls.decorators)
        found.sort()
        return SiteColumns(
            [name for _, name in found], [line for line, _ in found], [0] * len(found)
        )

    @cached_property
    def function_names(self) -> Sequence[Site]:
        """Declared function and method names the author chose (``chosen_name``): a pattern
        on names must not judge ``runTest`` or ``visit_Expr``."""
        functions = self._result.functions
        language = self._result.language
        if all(chosen_name(language, fn.name) for fn in functions):
            return _columns(functions)
        return _columns([fn for fn in functions if chosen_name(language, fn.name)])

    @cached_property
    def class_names(self) -> Sequence[Site]:
        """Declared class-like type names the author chose (``chosen_name``: not a Java
        resource bundle's ``Messages_pt_BR``)."""
        classes = self._result.classes
        language = self._result.language
        if all(chosen_name(language, cls.name) for cls in classes):
            return _columns(classes)
        return _columns([cls for cls in classes if chosen_name(language, cls.name)])

    @cached_property
    def extends(self) -> Sequence[Site]:
        """Base classes and implemented interfaces, as written."""
        classes = self._result.classes
        return SiteColumns(
            [base for cls in classes for base in cls.bases],
            [cls.line for cls in classes for _ in cls.bases],
            [cls.column for cls in classes for _ in cls.bases],
        )

    @cached_property
    def exports(self) -> Sequence[Site]:
        """Exported names."""
        exports = self._result.exports
        return SiteColumns(
            list(map(attrgetter("name"), exports)),
            list(map(attrgetter("line"), exports)),
            [0] * len(exports),
        )

    @cached_property
    def string_literals(self) -> Sequence[Site]:
        """String literal values, as columns: a file has thousands, a pattern matches few."""
        return _columns(self._result.strings, "value")

    @cached_property
    def error_handlers(self) -> Sequence[ErrorHandlerSite]:
        """Error-handling constructs with their kinds."""
        return [
            ErrorHandlerSite(handler_kinds(handler), handler.line)
            for handler in self._result.error_handlers
        ]


def file_facts(
    path: str, result: ParseResult, text: str, call_methods: CallFilter | None = None
) -> LazyFileFacts:
    """The facts of one file for pack matching; ``text`` is its decoded source."""
    return LazyFileFacts(path, result, text, call_methods)
