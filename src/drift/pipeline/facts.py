"""The adapter from what the scanner extracts (``ParseResult``) to what packs match (``FileFacts``).

Decorators are gathered from functions and classes (annotations in Java); base classes and
implemented interfaces both count as ``extends``. An error handler carries its construct kind,
``handler`` for every catching construct, ``catch`` for a Python ``except`` too, and one name
per property it has (``empty``, ``generic``, ``bare``, ``rethrow``, ``swallow``), as
``drift.analysis.packs.schema.ERROR_HANDLER_KINDS`` defines them.
"""

from __future__ import annotations

from typing import Final

from drift.analysis.packs import CallSite, ErrorHandlerSite, FileFactsData, Site
from drift.scan import ErrorHandler, ParseResult

_CATCHING: Final = frozenset({"except", "catch", "promise_catch", "error_check", "recover"})


def handler_kinds(handler: ErrorHandler) -> frozenset[str]:
    """Every name an ``error_handling`` predicate can match this handler by."""
    kinds = {handler.kind}
    if handler.kind in _CATCHING:
        kinds.add("handler")
    if handler.kind == "except":
        kinds.add("catch")
        if not handler.types:
            kinds.add("bare")
    flags = (
        ("empty", handler.is_empty),
        ("generic", handler.is_generic),
        ("rethrow", handler.rethrows),
        ("swallow", handler.swallows),
    )
    kinds.update(name for name, present in flags if present)
    return frozenset(kinds)


def file_facts(path: str, result: ParseResult, text: str) -> FileFactsData:
    """The facts of one file for pack matching; ``text`` is its decoded source."""
    decorators = [
        Site(decorator.name, decorator.line)
        for item in (*result.functions, *result.classes)
        for decorator in item.decorators
    ]
    decorators.sort(key=lambda site: (site.line, site.text))
    return FileFactsData(
        path=path,
        language=result.language,
        text=text,
        imports=tuple(Site(item.source, item.line) for item in result.imports),
        calls=tuple(
            CallSite(call.callee, call.receiver, call.line, call.column) for call in result.calls
        ),
        decorators=tuple(decorators),
        function_names=tuple(Site(fn.name, fn.line, fn.column) for fn in result.functions),
        class_names=tuple(Site(cls.name, cls.line, cls.column) for cls in result.classes),
        extends=tuple(Site(base, cls.line, cls.column) for cls in result.classes for base in cls.bases),
        exports=tuple(Site(item.name, item.line) for item in result.exports),
        string_literals=tuple(Site(s.value, s.line, s.column) for s in result.strings),
        error_handlers=tuple(
            ErrorHandlerSite(handler_kinds(handler), handler.line) for handler in result.error_handlers
        ),
    )
