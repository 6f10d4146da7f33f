"""Whether a handler says why it lets an error go: a comment, where a reader looks for one.

``except Exception:  # the cache is optional`` and ``catch { /* already closed */ }`` record a
decision; ESLint's ``no-empty`` accepts an empty block that holds a comment for that reason. The
comment counts when it opens the handler's body (Python puts a comment before the first
statement beside the block, in the clause), when it is all an empty body holds, when it
follows an empty body on its last line (``catch (IOException e) {} // ignore``), or, for an
empty body, when it stands on its own line right above a statement that is the handler
(``// prevent uncaught rejections`` over ``p.catch(() => {})``, over Go's ``if err != nil``).
In Java, JavaScript and TypeScript a comment between the ``try`` block and its ``catch``
(``}`` then ``// ignore the exception``, then ``catch (Exception e) {}``) is about the handler
too: nothing else stands there. A ``try`` that does nothing but throw lets its own error go on
purpose (``thrown_on_purpose``: React's warning helper throws so that "break on all
exceptions" pauses there, and catches it at once). A comment that marks unfinished work
(``TODO``, ``FIXME``, ``XXX``, ``HACK``) says the opposite, and does not count; nor does one
that only speaks to a tool (``# noqa: BLE001``, ``// eslint-disable-line``,
``# drift-ignore: ERR-1``: ``drift.scan.tool_directives``), which silences a warning about the
handler rather than saying why it is right.
"""

from __future__ import annotations

import re
from typing import Final

from tree_sitter import Node

from drift.scan.nodes import COMMENT_TYPES
from drift.scan.tool_directives import explains

_UNSETTLED: Final = re.compile(rb"\b(?:TODO|FIXME|XXX|HACK)\b")


def says_why(body: Node | None, is_empty: bool, source: bytes) -> bool:
    """Whether a comment explains the handler whose body is ``body``."""
    if body is None:
        return False
    return any(_settled(comment, source) for comment in _comments(body, is_empty))


_THROWS: Final = frozenset({"throw_statement", "raise_statement"})


def thrown_on_purpose(body: Node | None) -> bool:
    """Whether the handler whose body is ``body`` catches a ``try`` block that holds nothing
    but ``throw``/``raise`` statements (and comments) whose error is made without another
    call."""
    clause = body.parent if body is not None else None
    attempt = clause.parent if clause is not None else None
    if attempt is None or attempt.type != "try_statement":
        return False
    block = attempt.child_by_field_name("body")
    if block is None:
        return False
    statements = [child for child in block.named_children if child.type not in COMMENT_TYPES]
    return bool(statements) and all(
        child.type in _THROWS and not _calls_inside(child) for child in statements
    )


def _calls_inside(throw: Node) -> bool:
    """Whether building the thrown error calls anything (``throw build(JSON.parse(x))``: that
    call may fail, and the handler would swallow its error). ``new Error(message)`` makes the
    error; a call among its arguments is a call."""
    thrown = throw.named_children[0] if throw.named_child_count else None
    if thrown is None:
        return False
    if thrown.type in ("new_expression", "call"):
        # ``new Error(message)``, Python's ``raise ValueError(msg)``: that call makes the error.
        arguments = thrown.child_by_field_name("arguments")
        return arguments is not None and _has_call(arguments)
    return _has_call(thrown)


_CALLS: Final = frozenset({"call_expression", "call", "method_invocation", "await_expression"})


def _has_call(node: Node) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in _CALLS:
            return True
        stack.extend(current.named_children)
    return False


def _settled(comment: Node, source: bytes) -> bool:
    text = source[comment.start_byte : comment.end_byte]
    if _UNSETTLED.search(text) is not None:
        return False
    return explains(text.decode("utf-8", errors="replace"))


_CLAUSES: Final = frozenset({"catch_clause", "except_clause"})


def _comments(body: Node, is_empty: bool) -> list[Node]:
    found = []
    clause = body.parent
    if clause is not None:  # Python: ``except E:`` then a comment, then the block
        for child in clause.children:
            if child == body:
                break
            if child.type in COMMENT_TYPES:
                found.append(child)
        between = clause.prev_sibling if clause.type in _CLAUSES else None
        if between is not None and between.type in COMMENT_TYPES:
            # ``}`` then ``// ignore it``, then ``catch (…) {}``; Python's comment over its
            # ``except`` (Django's "Filters must never raise exceptions, so catch everything.")
            found.append(between)
    if is_empty:
        found.extend(child for child in body.children if child.type in COMMENT_TYPES)
        trailing = _comment_after(body)
        if trailing is not None:
            found.append(trailing)
        above = _comment_above(body)
        if above is not None:
            found.append(above)
        found.extend(_comments_before_catch(body))
    else:
        first = body.named_child(0) if body.named_child_count else None
        if first is not None and first.type in COMMENT_TYPES:
            found.append(first)
    return found


def _comments_before_catch(body: Node) -> list[Node]:
    """In a chain, comments on the lines of the ``.catch`` link itself, before its name
    (``p.then(f)`` then ``// retried later`` then ``.catch(noop)``)."""
    node: Node | None = body
    for _ in range(4):  # the callback, its arguments, the call: the member is near
        if node is None or node.type == "call_expression":
            break
        node = node.parent
    member = node.child_by_field_name("function") if node is not None else None
    if member is None or member.type != "member_expression":
        return []
    return [child for child in member.children if child.type in COMMENT_TYPES]


def _comment_after(node: Node) -> Node | None:
    """A comment right after ``node`` on the row it ends on (after ``)`` or ``;``, if any)."""
    row = node.end_point.row
    current: Node | None = node
    while current is not None and current.end_point.row == row:
        sibling = current.next_sibling
        while sibling is not None and not sibling.is_named and sibling.start_point.row == row:
            sibling = sibling.next_sibling
        if sibling is not None:
            if sibling.type in COMMENT_TYPES and sibling.start_point.row == row:
                return sibling
            return None
        current = current.parent
    return None


# Nodes that hold statements: the statement a handler belongs to is their child.
_STATEMENT_HOLDERS: Final = frozenset(
    {"program", "module", "block", "statement_block", "statement_list", "class_body",
     "constructor_body", "source_file", "switch_block_statement_group", "switch_case"}
)  # fmt: skip


_FIRST_HOLDERS: Final = frozenset({"block", "statement_list"})


def _comment_above(body: Node) -> Node | None:
    """A comment on a line of its own right above the statement that is the handler:
    ``// prevent uncaught promise rejections`` over ``p.catch(() => {})`` (redux-toolkit), a
    reason over Go's ``if err != nil {}``; never over a ``try`` (see below)."""
    statement = body
    while statement.parent is not None and statement.parent.type not in _STATEMENT_HOLDERS:
        statement = statement.parent
    if statement.parent is None or statement.type == "try_statement":
        # Over a ``try``, a comment tells what the block does (``// load the settings``), not
        # why its handler lets the error go; over ``p.catch(…)`` or ``if err != nil``, the
        # statement is the handler.
        return None
    # The first statement of a block finds the comment a level up: Python keeps it beside the
    # block (``def f():``, the comment, the block), Go before the statement list.
    node = statement
    before = node.prev_sibling
    while before is None and node.parent is not None and node.parent.type in _FIRST_HOLDERS:
        node = node.parent
        before = node.prev_sibling
    if (
        before is not None
        and before.type in COMMENT_TYPES
        and before.end_point.row == statement.start_point.row - 1
        and not _trails_code(before)
    ):
        return before
    return None


def _trails_code(comment: Node) -> bool:
    """Whether ``comment`` ends a line of code (``f(); // about f``) rather than standing on
    its own line."""
    before = comment.prev_sibling
    return before is not None and before.end_point.row == comment.start_point.row
