"""Function identities and "which function holds this line" for one parsed file.

Function ids used across the structural rows (test coverage and quality, impact) are the string
``"<file>::<qualified_name>"``, for example ``"billing/payments.py::PaymentGateway.void_payment"``;
a qualified name that several functions of the file share (a getter and its setter, the methods
that zod's factories assign, ``min`` eight times in one file) gets the function's line:
``"<file>::<qualified_name>@<line>"``, as a JavaScript test block's id does.
Error-gap rows name the enclosing function by qualified name alone (the file is its own column),
with ``"<module>"`` for code outside any function.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from drift.scan.model import Function, ParseResult

MODULE_SCOPE = "<module>"
"""The function id of code that runs at module (file) level."""


def function_key(file: str, qualified_name: str) -> str:
    """The string id of a function: ``"<file>::<qualified_name>"``."""
    return f"{file}::{qualified_name}"


def function_keys(file: str, functions: Sequence[tuple[str, int]]) -> list[str]:
    """The ids of the functions of ``file``, given as ``(qualified name, line)``, in order: a
    name no other function of the file has keeps its plain id (most do, and their ids stay
    what they were); a shared one gets ``@<line>``, so each function has its own quality row
    and its own coverage (koa's ``request.header`` getter and setter had one)."""
    shared = Counter(name for name, _ in functions)
    return [
        function_key(file, name if shared[name] == 1 else f"{name}@{line}")
        for name, line in functions
    ]


def innermost_function(result: ParseResult, line: int) -> Function | None:
    """The innermost function whose line range holds ``line``, or None at module level."""
    best: Function | None = None
    for fn in result.functions:
        if fn.line <= line <= fn.end_line and (best is None or fn.line >= best.line):
            best = fn
    return best


def function_lines(result: ParseResult) -> frozenset[int]:
    """Every line that lies inside some function's body (used to find module/class level)."""
    lines: set[int] = set()
    for fn in result.functions:
        lines.update(range(fn.line, fn.end_line + 1))
    return frozenset(lines)
