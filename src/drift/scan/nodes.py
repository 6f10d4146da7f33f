"""Small, language-neutral readings of tree-sitter nodes (text, positions, children by type)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from tree_sitter import Node

RECEIVER_MAX_CHARS = 120


class SourceText:
    """One file's bytes, with what the hot readers need to take text out of them quickly."""

    __slots__ = ("ascii", "clean", "data")

    def __init__(self, data: bytes, clean: bool) -> None:
        self.data = data
        # Most files are pure ASCII: byte offsets are then character offsets, and slicing one
        # decoded string replaces a decode per node.
        self.ascii = data.decode("ascii") if data.isascii() else None
        # No ERROR or MISSING node anywhere: readers may then trust the grammar's shapes and read
        # text instead of walking children.
        self.clean = clean

    def slice(self, start: int, end: int) -> str:
        """The text of bytes ``start:end``, decoded like ``text``."""
        if self.ascii is not None:
            return self.ascii[start:end]
        return self.data[start:end].decode("utf-8", errors="replace")

    def text(self, node: Node) -> str:
        """The node's text, as ``text`` reads it."""
        if self.ascii is not None:
            return self.ascii[node.start_byte : node.end_byte]
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def inner_value(self, node: Node) -> str:
        """The text between the node's first and last child, as ``inner_value`` reads it."""
        count = node.child_count
        if count >= 2:
            first = node.child(0)
            last = node.child(count - 1)
            if first is not None and last is not None:
                return self.slice(first.end_byte, last.start_byte)
        return self.text(node)


def text(node: Node, source: bytes) -> str:
    """The node's source text, decoded as UTF-8 (undecodable bytes replaced)."""
    return source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")


def short_text(node: Node, source: bytes, limit: int = RECEIVER_MAX_CHARS) -> str:
    """The node's text on one line, cut at ``limit`` characters."""
    return shorten(text(node, source), limit)


def shorten(value: str, limit: int = RECEIVER_MAX_CHARS) -> str:
    """``value`` on one line, cut at ``limit`` characters (see ``short_text``)."""
    if len(value) <= limit and "\n" not in value:
        return value
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def line(node: Node) -> int:
    """1-based line where the node starts."""
    return node.start_point.row + 1


def end_line(node: Node) -> int:
    """1-based line where the node ends (a node ending at column 0 ends on the line before)."""
    row, column = node.end_point
    if column == 0 and row > node.start_point.row:
        return row
    return row + 1


def column(node: Node) -> int:
    """1-based byte column where the node starts."""
    return node.start_point.column + 1


def field_text(node: Node, field: str, source: bytes) -> str | None:
    """Text of the child in ``field``, or None when there is none."""
    child = node.child_by_field_name(field)
    return None if child is None else text(child, source)


def first_child_of_type(node: Node, types: Iterable[str]) -> Node | None:
    """The first direct child whose type is one of ``types``."""
    wanted = set(types)
    for child in node.children:
        if child.type in wanted:
            return child
    return None


def has_token(node: Node, token: str, limit: int = 6) -> bool:
    """Whether one of the first ``limit`` children is the token ``token`` (e.g. ``async``)."""
    return any(child.type == token for child in node.children[:limit])


def inner_value(node: Node, source: bytes) -> str:
    """The text between a delimited node's first and last child (a string without its quotes)."""
    count = node.child_count
    if count < 2:
        return text(node, source)
    first = node.child(0)
    last = node.child(count - 1)
    if first is None or last is None:
        return text(node, source)
    return source[first.end_byte : last.start_byte].decode("utf-8", errors="replace")


COMMENT_TYPES: Final = frozenset({"comment", "line_comment", "block_comment"})
"""Comment node types of the grammars (Java has two kinds; the others call theirs ``comment``)."""


def is_blank_block(node: Node | None, fillers: frozenset[str]) -> bool:
    """True when every named child of ``node`` is a comment or one of ``fillers`` (e.g. pass)."""
    if node is None:
        return True
    return all(
        child.type in COMMENT_TYPES or child.type in fillers for child in node.named_children
    )
