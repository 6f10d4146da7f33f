"""Nesting of definitions: parents, qualified names, and the function enclosing an offset.

Definitions are byte ranges that nest like the syntax tree, so one sort and one stack sweep give
every definition its parent; lookups by offset then need a bisection and a short walk up.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from drift.scan.rules import Definition


def link(definitions: list[Definition], receiver: Callable[[Definition], str | None]) -> None:
    """Sort ``definitions`` by position and set each one's parent and qualified name.

    ``receiver`` gives the receiver type of a method declared outside a class body (Go's
    ``func (s *Server) M()``, JavaScript's ``Doc.prototype.m = function``), which then prefixes
    its qualified name; inside a function it follows the function's (``opts.cb = () => …`` in
    ``listen`` is ``listen.opts.cb``, no function ``cb`` of ``listen``'s).
    """
    definitions.sort(key=lambda item: (item.start, -item.end))
    stack: list[Definition] = []
    for item in definitions:
        end = item.end
        # Sorted by start, every definition on the stack starts at or before this one: it holds
        # this one unless it ends first.
        while stack and end > stack[-1].end:
            stack.pop()
        parent = stack[-1] if stack else None
        item.parent = parent
        owner = receiver(item)
        if parent is not None:
            owner = f"{parent.qualified_name}.{owner}" if owner else parent.qualified_name
        item.qualified_name = f"{owner}.{item.name}" if owner else item.name
        stack.append(item)


def enclosing_function(item: Definition) -> Definition | None:
    """The nearest function among ``item``'s ancestors."""
    parent = item.parent
    while parent is not None and parent.kind != "function":
        parent = parent.parent
    return parent


class FunctionIndex:
    """Answers "which function is this offset in?" for one file."""

    __slots__ = ("_functions", "_starts")

    def __init__(self, definitions: Sequence[Definition]) -> None:
        # ``definitions`` are linked and sorted by start (see ``link``).
        self._functions = [item for item in definitions if item.kind == "function"]
        self._starts = [item.start for item in self._functions]

    @property
    def functions(self) -> list[Definition]:
        """The functions, sorted by start."""
        return self._functions

    def enclosing(self, offset: int) -> Definition | None:
        """The innermost function whose range holds ``offset``, or None at module level."""
        index = bisect_right(self._starts, offset) - 1
        candidate = self._functions[index] if index >= 0 else None
        while candidate is not None and not candidate.start <= offset < candidate.end:
            candidate = enclosing_function(candidate)
        return candidate
