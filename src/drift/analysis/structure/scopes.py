"""Function identities and "which function holds this line" for one parsed file.

Function ids used across the structural rows (test coverage and quality, impact) are the string
``"<file>::<qualified_name>"``, for example ``"billing/payments.py::PaymentGateway.void_payment"``.
Error-gap rows name the enclosing function by qualified name alone (the file is its own column),
with ``"<module>"`` for code outside any function.
"""

from __future__ import annotations

from drift.scan.model import Function, ParseResult

MODULE_SCOPE = "<module>"
"""The function id of code that runs at module (file) level."""


def function_key(file: str, qualified_name: str) -> str:
    """The string id of a function: ``"<file>::<qualified_name>"``."""
    return f"{file}::{qualified_name}"


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
