"""Error-handling gaps: handlers that lose errors or catch far more than they should.

One row per handler (``except``, ``catch``, ``.catch(…)``, Go ``if err != nil`` and
``recover()``), for the first rule that applies:

=============== ========================================================== ======= =========
gap_type        rule                                                       CWE     severity
=============== ========================================================== ======= =========
``empty_catch`` the body does nothing                                      390     low if a
                                                                                   comment in it
                                                                                   says why or
                                                                                   it names its
                                                                                   types, high
                                                                                   if generic,
                                                                                   else medium
``swallowed``   the body does something but neither re-raises nor uses     390     medium if
                the error (for example returns a default)                          generic and
                                                                                   no comment
                                                                                   says why,
                                                                                   else low
``broad_catch`` catches everything or a root type (``Exception``,          396     low
                ``Throwable``, bare ``except``) and does not re-raise
=============== ========================================================== ======= =========

A generic handler that re-raises is not a gap. In test code (``is_test_support``) and in a
finalizer (``__del__``, Java's ``finalize``) every gap is ``low``: tests drop errors on purpose,
and a finalizer has no caller to hand one to, so there they warn rather than fail the gate.
In test code a handler that is the test's expected outcome (``ErrorHandler.expects_error``:
``try { build(); t.assert.fail() } catch (e) { t.assert.ok(true) }``) is no gap: the test fails
unless the error comes, and reports it, as a Go test's ``recover()`` that asserts the panic does.

``function_id`` is the enclosing function's qualified name; outside any, in a JavaScript or
TypeScript test file, the id test mapping gives the test block holding the handler
(``"<file>::<test name>@<line>"``, ``test_files.js_test_blocks``: the callback passed to
``test(…)`` has no name of its own); else ``"<module>"``. ``error_type`` lists the caught types
(comma separated).
"""

from __future__ import annotations

from drift.analysis.structure.scopes import MODULE_SCOPE
from drift.analysis.structure.test_files import (
    JsTestBlocks,
    is_test_file,
    is_test_support,
    js_test_blocks,
    js_test_id,
)
from drift.records.structural import ErrorGapRow
from drift.scan.model import ErrorHandler, ParseResult

EMPTY_CATCH = "empty_catch"
SWALLOWED = "swallowed"
BROAD_CATCH = "broad_catch"

CWE_ERROR_WITHOUT_ACTION = 390
CWE_GENERIC_CATCH = 396

_HANDLER_KINDS = frozenset({"except", "catch", "promise_catch", "error_check", "recover"})


def classify_handler(handler: ErrorHandler) -> tuple[str, int, str] | None:
    """``(gap_type, cwe_id, severity)`` for a handler that is a gap, or None."""
    if handler.kind not in _HANDLER_KINDS:
        return None
    if handler.types and all(t in _NO_ERRORS for t in handler.types):
        # ``try: import yaml`` / ``except ImportError: yaml = None``: an optional dependency,
        # the idiom for it; the handler loses no error anyone wanted (DRF's compat module).
        # ``except StopIteration: break``: the end of an iterator, the protocol's signal.
        return None
    if handler.is_empty:
        # Ignoring one named error (`except FileNotFoundError: pass`) is a deliberate idiom, as
        # linters agree by default; an empty handler of everything, or of whatever a language
        # without typed catches throws, loses errors nobody chose to lose.
        # A comment in the body says why (`catch { // already closed }`): ESLint's no-empty lets
        # such a block pass; it stays a gap, a low one. So does the error's name
        # (`catch (Throwable ignored) {}`), the convention IntelliJ's inspection honours.
        if handler.is_explained or _named_ignored(handler.variable):
            return EMPTY_CATCH, CWE_ERROR_WITHOUT_ACTION, "low"
        if handler.is_generic:
            return EMPTY_CATCH, CWE_ERROR_WITHOUT_ACTION, "high"
        return EMPTY_CATCH, CWE_ERROR_WITHOUT_ACTION, "low" if handler.types else "medium"
    if handler.swallows:
        # Catching one named type and answering with a default (`except ValueError: return
        # None`) is usually deliberate, and so is a handler that opens with a comment saying
        # why; only a generic catch that drops the error unexplained is loud.
        loud = handler.is_generic and not (handler.is_explained or _named_ignored(handler.variable))
        return SWALLOWED, CWE_ERROR_WITHOUT_ACTION, "medium" if loud else "low"
    if handler.is_generic and not handler.rethrows:
        return BROAD_CATCH, CWE_GENERIC_CATCH, "low"
    return None


_IGNORED_NAMES = frozenset({"ignore", "ignored", "_", "unused", "expected"})


def _named_ignored(variable: str | None) -> bool:
    """Whether a caught error's name says it is dropped on purpose: ``ignored``, ``_``, or any
    name with a leading underscore (``_err``, as ESLint's ``caughtErrorsIgnorePattern`` and
    Python's unused names have it)."""
    return variable is not None and (variable.startswith("_") or variable.lower() in _IGNORED_NAMES)


_NO_ERRORS = frozenset(
    {"ImportError", "ModuleNotFoundError", "StopIteration", "StopAsyncIteration", "GeneratorExit"}
)

# A finalizer has no caller to hand an error to: Python prints and drops what ``__del__``
# raises, and Java's ``finalize`` likewise. Dropping it there is the idiom, not a loss.
_FINALIZERS = frozenset({"__del__", "finalize"})


def _in_finalizer(function: str | None) -> bool:
    return function is not None and function.rsplit(".", 1)[-1] in _FINALIZERS


def error_gaps(path: str, result: ParseResult) -> tuple[ErrorGapRow, ...]:
    """The error-handling gaps of one parsed file, in source order."""
    rows: list[ErrorGapRow] = []
    # Tests catch and drop errors on purpose (a teardown that must survive a failure, an error
    # provoked to check what follows): a gap there warns, and never fails the gate.
    in_tests = is_test_support(path, result)
    # Read once a handler outside any named function needs its test block.
    blocks: list[JsTestBlocks | None] = []
    for handler in result.error_handlers:
        if in_tests and handler.expects_error:
            # ``try { build(); t.assert.fail() } catch (e) { t.assert.ok(true) }``: the test
            # fails unless the error comes, so the handler is the outcome it checks and
            # reports, as a Go test's ``recover()`` that asserts the panic does.
            continue
        verdict = classify_handler(handler)
        if verdict is None:
            continue
        gap_type, cwe_id, severity = verdict
        if in_tests or _in_finalizer(handler.function):
            severity = "low"
        rows.append(
            ErrorGapRow(
                id=None,
                file=path,
                function_id=handler.function or _test_block(path, result, handler.line, blocks),
                gap_type=gap_type,
                error_type=",".join(handler.types) or None,
                propagation_chain=None,
                framework=None,
                cwe_id=cwe_id,
                severity=severity,
                line=handler.line,
            )
        )
    return tuple(rows)


_JS_LANGUAGES = frozenset({"javascript", "typescript"})


def _test_block(
    path: str, result: ParseResult, line: int, blocks: list[JsTestBlocks | None]
) -> str:
    """The id of the JavaScript test block holding ``line`` (outside any named function), or
    ``MODULE_SCOPE``. ``blocks``: the file's blocks once read (a one-item cache)."""
    if result.language not in _JS_LANGUAGES or not is_test_file(path):
        return MODULE_SCOPE
    if not blocks:
        blocks.append(js_test_blocks(result))
    found = blocks[0]
    start = None if found is None else found.block_at(line)
    return MODULE_SCOPE if start is None else js_test_id(path, result, start)
