"""A test's assertions, and the handlers that are a test's check that an error happens.

``is_assertion`` tells a call that checks an expectation (``assertEqual``, ``expect(…)``,
``t.equal(…)``, ``t.Errorf``): test mapping counts them, and a handler reads them here.

``expects_error``: the "assert it throws" idiom, ``try { build(); t.assert.fail() } catch (e) {
t.assert.ok(true) }`` (unittest's ``try: …; self.fail() except ValueError: pass``, JUnit's ``try
{ …; fail(); } catch (E expected) {}``). The ``try`` block (or Python's ``else``) ends in an
assertion that fails, so the test fails unless the call throws, or the handler itself makes
an assertion: either way reaching the handler is the outcome the test checks, and the test
reports it, as a Go test's ``recover()`` that asserts the panic does.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from tree_sitter import Node

from drift.scan.model import CallSite
from drift.scan.nodes import COMMENT_TYPES

# Calls that check an expectation. Go's ``t.Error*``/``t.Fatal*`` report a failed check.
_ASSERT_NAMES: Final = frozenset({"expect", "expectTypeOf", "verify", "fail"})
_ASSERT_RECEIVERS: Final = frozenset(
    {"assert", "require", "should", "chai", "Assertions", "Assert"}
)
_GO_FAILURES: Final = frozenset({"Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow"})
_RAISES: Final = frozenset({"raises", "assertRaises", "assertThrows", "warns"})
# tape's, AVA's and node-tap's assertions, methods of the test's own ``t`` (``st`` and ``tt`` in
# nested tests by custom): ``t.equal(…)``, ``t.is(…)``, ``t.deepEqual(…)``.
_TAP_RECEIVERS: Final = frozenset({"t", "st", "tt"})
_TAP_ASSERTIONS: Final = frozenset(
    {
        "ok", "notOk", "true", "false", "truthy", "falsy", "error", "ifError", "ifErr",
        "equal", "notEqual", "equals", "isEqual", "strictEqual", "notStrictEqual", "is", "not",
        "deepEqual", "notDeepEqual", "deepLooseEqual", "notDeepLooseEqual", "deepStrictEqual",
        "same", "notSame", "strictSame", "like", "unlike", "has", "match", "notMatch", "regex",
        "notRegex", "throws", "doesNotThrow", "notThrows", "throwsAsync", "notThrowsAsync",
        "rejects", "doesNotReject", "resolves", "resolveMatch", "snapshot", "matchSnapshot",
        "assertion",
    }
)  # fmt: skip
# The assertion that always fails: node:assert's and chai's ``assert.fail``, node:test's
# ``t.assert.fail``, tap's ``t.fail``, chai's ``expect.fail``, unittest's ``self.fail``,
# ``pytest.fail``, JUnit's ``fail``/``Assert.fail``.
_FAILURE: Final = "fail"
_TRY_STATEMENTS: Final = frozenset({"try_statement", "try_with_resources_statement"})


def is_assertion(call: CallSite) -> bool:
    """Whether ``call`` checks an expectation (``assertEqual``, ``expect``, ``t.Errorf``, …)."""
    name = call.callee
    if name.lower().startswith("assert") or name in _ASSERT_NAMES or name in _RAISES:
        return True
    receiver = call.receiver
    if receiver is None:
        return False
    if receiver.rsplit(".", 1)[-1] in _ASSERT_RECEIVERS:
        return True
    if receiver in _TAP_RECEIVERS and name in _TAP_ASSERTIONS:
        return True
    return receiver == "t" and name in _GO_FAILURES


def expects_error(
    handler: Node, body: Node | None, caller: str | None, calls: Sequence[CallSite]
) -> bool:
    """Whether the handler ``handler`` (with body ``body``, in the function named ``caller``) is
    a test's expected outcome: its ``try`` block, or Python's ``else``, ends in a failing
    assertion, or its body makes an assertion of its own (not one of a function nested in it).
    ``calls``: the file's calls, in source order. Whether the code is a test's is for the
    caller of the scan to judge."""
    if any(_ends_in_failure(block, calls) for block in _guarded_blocks(handler)):
        return True
    if body is None:
        return False
    first = bisect_left(calls, _position(body.start_point), key=_at)
    end = _position(body.end_point)
    for call in calls[first:]:
        if _at(call) >= end:
            return False
        if call.caller == caller and is_assertion(call):
            return True
    return False


def _guarded_blocks(handler: Node) -> list[Node]:
    """The ``try`` block a ``catch``/``except`` clause guards, and Python's ``else`` block,
    which runs when that one raised nothing."""
    statement = handler.parent
    if statement is None or statement.type not in _TRY_STATEMENTS:
        return []
    blocks = [statement.child_by_field_name("body")]
    blocks.extend(
        c.child_by_field_name("body") for c in statement.children if c.type == "else_clause"
    )
    return [block for block in blocks if block is not None]


def _ends_in_failure(block: Node, calls: Sequence[CallSite]) -> bool:
    """Whether the last statement of ``block`` is a failing assertion's call."""
    last = next((c for c in reversed(block.named_children) if c.type not in COMMENT_TYPES), None)
    if last is None or last.type != "expression_statement":
        return False
    at = _position(last.start_point)
    index = bisect_left(calls, at, key=_at)
    # Calls starting together (``t.assert.fail()`` is one; a chain is several): any of them.
    while index < len(calls) and _at(calls[index]) == at:
        call = calls[index]
        if call.callee == _FAILURE and is_assertion(call):
            return True
        index += 1
    return False


def _position(point: tuple[int, int]) -> tuple[int, int]:
    """A tree position as a ``CallSite``'s (1-based line and column)."""
    return point[0] + 1, point[1] + 1


def _at(call: CallSite) -> tuple[int, int]:
    return call.line, call.column
