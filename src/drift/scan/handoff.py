"""Whether a ``catch``/``except`` handler hands the error it caught to a call.

Asynchronous code cannot rethrow to the caller that waits: it passes the error on by giving
it to what will report it, ``catch (Throwable t) { cancelImpl(t);
bodySentCF.completeExceptionally(t); }`` (java.net.http's ``Http1Exchange``), asyncio's
``except BaseException as exc: fut.set_exception(exc)``, a promise executor's ``catch (err) {
reject(err) }``. A handler whose body gives the caught variable itself to a call, as one of
its arguments (through parentheses, a cast or a keyword: ``(Object) t``, ``callback(error=e)``),
or to a constructor (``onError(new IOException("read", e))``), hands it on as a rethrow does.

A call that only reports the error hands nothing on: logging it (a ``log…`` callee,
``Log.logError(t)``, ``debug.log("failed", t)``, or any call on a logger, ``logger.warning(…,
e)``, ``console.error(err)``), printing it (``System.err.println(e)``, ``print(e)``,
``e.printStackTrace()``, ``warnings.warn(…)``), turning it into text, which keeps its message
and loses the error (``String.valueOf(t)``, ``str(e)``, ``String(err)``), or only looking at it
(``isinstance(e, …)``, ``getattr(e, "errno", 0)``). Neither does a call inside the arguments of
such a report (``debug.log("x", describe(t))``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from tree_sitter import Node

from drift.scan.nodes import COMMENT_TYPES, text

# Callees that print or log whatever their receiver (``log(…)``, ``logError``, ``log_error``
# match ``_LOG_NAME``): a logger's level methods but ``error``/``exception``, which a
# non-logger may have (Reactor's ``sink.error(t)``), and need a logger's receiver.
_REPORTING_CALLEES: Final = frozenset(
    {
        "print",
        "println",
        "printf",
        "pprint",
        "eprint",
        "eprintln",
        "printStackTrace",
        "print_exc",
        "print_exception",
        "warn",
        "warning",
        "info",
        "debug",
        "trace",
        "critical",
        "fatal",
        "severe",
        "fine",
        "finer",
        "finest",
    }
)
# Callees that turn an error into text (``String.valueOf(t)``, ``str(e)``, ``String(err)``,
# ``self._format_exc(e)``), and those that only look at it (``isinstance(e, …)``,
# ``getattr(e, "errno", 0)``).
_DESCRIBING: Final = re.compile(
    r"(?i)^_*(?:str|repr|string|stringify|valueof|tostring|stacktrace|getstacktrace|format\w*)$"
)
_LOOKING: Final = frozenset(
    {"isinstance", "issubclass", "getattr", "hasattr", "type", "id", "len", "vars", "dir"}
)
_LOG_NAME: Final = re.compile(r"^_*log(?:[A-Z_\d]|$)")
# The last part of a receiver that logs or prints (``LOG``, ``self._logger``, ``sys.stderr``),
# lower-cased and without leading underscores; ``…Logger``/``…_logger`` names too.
_REPORTING_RECEIVERS: Final = frozenset(
    {"log", "logger", "logging", "console", "debug", "warnings", "stderr", "stdout"}
)
_STANDARD_STREAMS: Final = frozenset({"System.err", "System.out"})
# What only wraps an argument: ``(t)``, Java's ``(Object) t``, Python's ``error=e``.
_WRAPPERS: Final = {"parenthesized_expression": None, "cast_expression": "value"}
_KEYWORD_ARGUMENTS: Final = frozenset({"keyword_argument"})


def reports(callee: str, receiver: str | None) -> bool:
    """Whether a call logs, prints or describes what it is given rather than handling it."""
    if callee in _REPORTING_CALLEES or callee in _LOOKING:
        return True
    if _LOG_NAME.match(callee) or _DESCRIBING.match(callee):
        return True
    if receiver is None:
        return False
    if receiver in _STANDARD_STREAMS:
        return True
    last = receiver.rsplit(".", 1)[-1].lstrip("_").lower()
    return last in _REPORTING_RECEIVERS or last.endswith("logger")


class HandOffs:
    """The calls of a file, each known as reporting or not, to ask of a handler's body
    whether one of them is given the caught error (``hands_on``)."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # where each non-reporting call starts, in source order
        self.calls: list[Node] = []
        self.reporting: set[int] = set()  # ``Node.id`` of the reporting calls

    def add(self, node: Node, is_report: bool) -> None:
        """Record a call; calls come in source order (by start)."""
        if is_report:
            self.reporting.add(node.id)
        else:
            self.starts.append(node.start_byte)
            self.calls.append(node)

    def hands_on(self, body: Node | None, variable: str | None, source: bytes) -> bool:
        """Whether a call in ``body`` is given ``variable`` itself, outside any report."""
        if body is None or variable is None:
            return False
        first = bisect_left(self.starts, body.start_byte)
        last = bisect_left(self.starts, body.end_byte)
        return any(
            _given(call, variable, source) and not self._in_report(call, body)
            for call in self.calls[first:last]
        )

    def _in_report(self, call: Node, body: Node) -> bool:
        reporting = self.reporting
        if not reporting:
            return False
        holder = call.parent
        while holder is not None and holder.id != body.id:
            if holder.id in reporting:
                return True
            holder = holder.parent
        return False


def _given(call: Node, variable: str, source: bytes) -> bool:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return False
    for argument in arguments.named_children:
        value: Node | None = argument
        while value is not None and (value.type in _WRAPPERS or value.type in _KEYWORD_ARGUMENTS):
            field = _WRAPPERS.get(value.type, "value")
            if field is None:
                inner = [child for child in value.named_children if child.type not in COMMENT_TYPES]
                value = inner[0] if len(inner) == 1 else None
            else:
                value = value.child_by_field_name(field)
        if value is not None and value.type == "identifier" and text(value, source) == variable:
            return True
    return False
