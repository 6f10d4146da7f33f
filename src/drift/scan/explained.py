"""Whether a handler says why it lets an error go: a comment, where a reader looks for one.

``except Exception:  # the cache is optional`` and ``catch { /* already closed */ }`` record a
decision; ESLint's ``no-empty`` accepts an empty block that holds a comment for that reason. The
comment counts when it opens the handler's body (Python puts a comment before the first
statement beside the block, in the clause), when it is all an empty body holds, or when it
follows an empty body on its last line (``catch (IOException e) {} // ignore``). A comment that
marks unfinished work (``TODO``, ``FIXME``, ``XXX``, ``HACK``) says the opposite, and does not
count; nor does one that only speaks to a tool (``# noqa: BLE001``, ``// eslint-disable-line``,
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


def _settled(comment: Node, source: bytes) -> bool:
    text = source[comment.start_byte : comment.end_byte]
    if _UNSETTLED.search(text) is not None:
        return False
    return explains(text.decode("utf-8", errors="replace"))


def _comments(body: Node, is_empty: bool) -> list[Node]:
    found = []
    clause = body.parent
    if clause is not None:  # Python: ``except E:`` then a comment, then the block
        for child in clause.children:
            if child == body:
                break
            if child.type in COMMENT_TYPES:
                found.append(child)
    if is_empty:
        found.extend(child for child in body.children if child.type in COMMENT_TYPES)
        trailing = _comment_after(body)
        if trailing is not None:
            found.append(trailing)
    else:
        first = body.named_child(0) if body.named_child_count else None
        if first is not None and first.type in COMMENT_TYPES:
            found.append(first)
    return found


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
