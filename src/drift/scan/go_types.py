"""Go's container types, read from their text: what a ``range`` or an index takes out of one.

A declared type is kept as the class of what it holds, pointers left out, in Go's own spelling:
``[]*Command`` is ``[]Command``, ``[4]Item`` ``[]Item``, ``map[string]*sync.Pool``
``map[string]sync.Pool`` (a part of no class is ``?``: ``map[string]?`` for
``map[string]func()``), ``<-chan *T`` ``chan T``; any other type is ``class_of_type``'s.
Extraction gives such a type to fields, parameters and variables, the call graph reads it in
a field or a function's result declared in another file (``KEY_IN``, ``ITEM_IN``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from drift.scan.model import Parameter
from drift.scan.rules import class_of_type

_UNKNOWN: Final = "?"
_CHANNELS: Final = ("<-chan", "chan<-", "chan")
_CONTAINERS: Final = ("[", "map[", "chan ")


def go_type(written: str | None) -> str | None:
    """The class a declared Go type names, or the container type it is (see the module);
    None when it names no class and holds none (``int`` names one: ``int``; ``func()``,
    ``struct{…}`` and ``[]func()`` none)."""
    if not written:
        return None
    kept = written.strip().lstrip("*").strip()
    if kept.startswith("["):  # ``[]T``, ``[4]T``, ``[...]T``
        closing = _closing(kept, 0)
        held = None if closing < 0 else go_type(kept[closing + 1 :])
        return None if held is None else f"[]{held}"
    if kept.startswith("map["):
        closing = _closing(kept, 3)
        if closing < 0:
            return None
        key, value = go_type(kept[4:closing]), go_type(kept[closing + 1 :])
        if key is None and value is None:
            return None
        return f"map[{key or _UNKNOWN}]{value or _UNKNOWN}"
    for channel in _CHANNELS:
        rest = kept[len(channel) :]
        if kept.startswith(channel) and rest[:1] in (" ", "\t", "*", "[", "("):
            held = go_type(rest)
            return None if held is None else f"chan {held}"
    return class_of_type(kept)


def is_container(kind: str) -> bool:
    """Whether a class as extraction gives it (``go_type``) is a container's type."""
    return kind.startswith(_CONTAINERS)


def element_type(container: str, key: bool) -> str | None:
    """What a ``range`` over a container of type ``container`` (``go_type``'s) gives its
    first variable (``key``: a map's key, a channel's element) or its second (an element of a
    slice or array, a map's value), which an index gives too; None for a slice's index, a
    part of no class, or no container."""
    if container.startswith("chan "):
        return container[5:] if key else None
    if container.startswith("[]"):
        return None if key else container[2:]
    if container.startswith("map["):
        closing = _closing(container, 3)
        part = container[4:closing] if key else container[closing + 1 :]
        return None if closing < 0 or part == _UNKNOWN else part
    return None


def first_result(written: str | None) -> str | None:
    """A Go function's first result type, as written: ``*Store`` of ``*Store``, ``(*Store,
    error)``, ``(s *Store, err error)`` and ``(a, b []*Store)``."""
    if not written or not written.startswith("("):
        return written
    parts = _split_top_level(written[1 : _closing(written, 0)])
    named = [part.split(None, 1) for part in parts]
    if any(len(words) == 2 and _is_result_name(words[0]) for words in named):
        # Named results: the first one declared with its type (``a, b []*Store``).
        return next((words[1] for words in named if len(words) == 2), None)
    return parts[0] if parts and parts[0] else None


def method_signature(parameters: Iterable[Parameter], result: str | None) -> str:
    """``signature`` of a function or method element taking ``parameters``."""
    return signature((f"...{p.type}" if p.is_rest else p.type or "" for p in parameters), result)


def signature(parameter_types: Iterable[str], result: str | None) -> str:
    """A Go method's signature as two methods that may stand for each other share it, from
    its parameters' types (a variadic one's after ``...``) and its results as written: the
    types without spaces or package names (an interface of package ``mux`` says
    ``*RouteMatch``, a type of another package ``*mux.RouteMatch``), ``interface{}`` as
    ``any``, named results by their types: ``Decode(b []byte, v interface{}) error`` is
    ``([]byte,any)(error)``; ``Flush()`` is ``()()``, no ``Flush() error``."""
    results: list[str] = []
    if result:
        parts = _split_top_level(result[1 : _closing(result, 0)]) if result[0] == "(" else [result]
        named = [part.split(None, 1) for part in parts]
        if any(len(words) == 2 and _is_result_name(words[0]) for words in named):
            # ``(a, b int, err error)``: a name alone takes the type of the names after it.
            kind = ""
            for words in reversed(named):
                kind = words[1] if len(words) == 2 else kind
                results.append(kind)
            results.reverse()
        else:
            results = parts
    shapes = (",".join(_shape(kind) for kind in kinds) for kinds in (parameter_types, results))
    return "({})({})".format(*shapes)


_QUALIFIER: Final = re.compile(r"(?<![\w.])[A-Za-z_]\w*\.(?=[A-Za-z_])")
_SPACE: Final = re.compile(r"\s+")


def _shape(kind: str) -> str:
    return _QUALIFIER.sub("", _SPACE.sub("", kind)).replace("interface{}", "any")


def _is_result_name(word: str) -> bool:
    return word.isidentifier() and word not in ("chan", "func", "map", "struct", "interface")


def _split_top_level(text: str) -> list[str]:
    """``text`` split at the commas outside brackets, each part stripped."""
    parts: list[str] = []
    depth = start = 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def _closing(text: str, opening: int) -> int:
    """The index of the bracket closing the one at ``opening`` (-1 for none)."""
    depth = 0
    for index in range(opening, len(text)):
        char = text[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return index
    return -1
