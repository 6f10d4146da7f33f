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

A handler that stores the error for later hands it on too (``stores``): to a field, an attribute
or an element (``this.failure = t``, ``self._exc = exc``, ``exceptions[i] = e``), or to a
variable that outlives the handler and is read again (java.net.http's ``catch (Throwable th) {
t = th; }`` … ``if (t == null)``): the code that reads it reports or rethrows it. A local never
read again, and only the error's text (``msg = e.getMessage()``), keep nothing.
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


# Storing the error for later: what an assignment of the caught variable keeps it in.
# Assignments (Java's and JavaScript's ``assignment_expression``, Python's ``assignment``).
_ASSIGNMENTS: Final = frozenset({"assignment_expression", "assignment"})
# Places that outlive the handler whatever they belong to: a field or attribute (``this.failure``,
# ``self._exc``), an element (``errors[i]``, asyncio's ``exceptions[this_index]``).
_HOLDERS: Final = frozenset(
    {"field_access", "member_expression", "attribute", "array_access", "subscript_expression"}
    | {"subscript"}
)
# What makes a new error around the caught one (``new CompletionException(t)``), and the field
# naming what it makes; a Python call makes one only with a capitalised name.
_CONSTRUCTIONS: Final = {
    "object_creation_expression": "type",
    "new_expression": "constructor",
    "call": "function",
}
# The scopes a variable may be declared in: functions, methods and lambdas of each language.
_SCOPES: Final = frozenset(
    {
        "method_declaration",
        "constructor_declaration",
        "compact_constructor_declaration",
        "lambda_expression",
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "generator_function",
        "function",
        "arrow_function",
        "method_definition",
        "function_definition",
        "lambda",
    }
)
_LOOPS: Final = frozenset(
    {"for_statement", "enhanced_for_statement", "for_in_statement", "while_statement"}
    | {"do_statement"}
)
# Declarations naming a variable in their ``name`` field (Java and JavaScript).
_DECLARATORS: Final = frozenset(
    {
        "variable_declarator",
        "formal_parameter",
        "catch_formal_parameter",
        "spread_parameter",
        "enhanced_for_statement",
        "resource",
    }
)
# Parameter lists whose identifiers are parameters (JavaScript's, a Java lambda's ``(a, b)``).
_PARAMETER_LISTS: Final = frozenset({"formal_parameters", "inferred_parameters"})
# An identifier in these fields of these nodes is no read of a variable of its name: what a
# declaration names, an assignment's target, a keyword argument's name, a member's name.
_NOT_READ: Final = {
    "variable_declarator": "name",
    "assignment_expression": "left",
    "assignment": "left",
    "keyword_argument": "name",
    "field_access": "field",
    "attribute": "attribute",
}
_PYTHON_OUTER: Final = frozenset({"global_statement", "nonlocal_statement"})


def stores(body: Node | None, variable: str | None, source: bytes, *, python: bool) -> bool:
    """Whether a handler's ``body`` keeps the caught ``variable`` for later code to report or
    rethrow: assigns it (or a new error made around it, ``new CompletionException(t)``) to a
    field, an attribute or an element (``this.failure = t``, ``self._exc = exc``,
    ``exceptions[i] = e``), or to a variable that outlives the handler: declared outside the
    function (a field named bare, a closure's or a module's variable, Python's ``global`` or
    ``nonlocal``), or a local of the function read after the handler, or anywhere in a loop
    around it (``catch (Throwable th) { t = th; } … if (t == null)``). A local nobody reads
    afterwards keeps nothing, and neither does what is made of the error: its text
    (``msg = e.getMessage()``, ``str(e)``) or a part of it (``e.__class__``)."""
    if body is None or variable is None:
        return False
    pending = [body]
    while pending:
        node = pending.pop()
        if node.type in _ASSIGNMENTS and _assigns_error(node, variable, source):
            target = node.child_by_field_name("left")
            if target is not None and (
                target.type in _HOLDERS
                or (target.type == "identifier" and _kept(target, body, source, python=python))
            ):
                return True
        pending.extend(node.named_children)
    return False


def _assigns_error(assignment: Node, variable: str, source: bytes) -> bool:
    """Whether ``assignment`` is a plain ``=`` of ``variable`` itself (in parentheses or a
    cast) or of a new error made with it as an argument."""
    operator = assignment.child_by_field_name("operator")
    if operator is not None and text(operator, source) != "=":
        return False  # ``msg += x``: text made of the error
    value = _unwrapped(assignment.child_by_field_name("right"))
    if value is None:
        return False
    if value.type == "identifier":
        return text(value, source) == variable
    field = _CONSTRUCTIONS.get(value.type)
    made = None if field is None else value.child_by_field_name(field)
    if made is None or not _given(value, variable, source):
        return False
    return value.type != "call" or text(made, source).rpartition(".")[2][:1].isupper()


def _unwrapped(value: Node | None) -> Node | None:
    while value is not None and value.type in _WRAPPERS:
        field = _WRAPPERS[value.type]
        if field is None:
            inner = [child for child in value.named_children if child.type not in COMMENT_TYPES]
            value = inner[0] if len(inner) == 1 else None
        else:
            value = value.child_by_field_name(field)
    return value


def _kept(target: Node, body: Node, source: bytes, *, python: bool) -> bool:
    """Whether the variable ``target`` names, assigned in the handler ``body``, outlives it:
    declared outside the enclosing function, or read after the handler or in a loop around it."""
    name = text(target, source)
    scope = body.parent
    while scope is not None and scope.type not in _SCOPES and scope.parent is not None:
        scope = scope.parent
    if scope is None:
        return False
    if _declared_outer(scope, name, source, python=python):
        return True
    loop = body.parent
    while loop is not None and loop.id != scope.id and loop.type not in _LOOPS:
        loop = loop.parent
    around = loop if loop is not None and loop.id != scope.id else None
    return _read(scope, name, body, around, source)


def _declared_outer(scope: Node, name: str, source: bytes, *, python: bool) -> bool:
    """Whether ``name`` is no local of ``scope``: in Python, named by a ``global`` or
    ``nonlocal`` statement (an assignment makes any other name local); in Java and
    JavaScript, declared nowhere in it (a field, a closure's or a module's variable)."""
    pending = [scope]
    while pending:
        node = pending.pop()
        if python:
            if node.type in _PYTHON_OUTER and any(
                text(child, source) == name for child in node.named_children
            ):
                return True
        elif _declares(node, name, source):
            return False
        pending.extend(node.named_children)
    return not python


def _declares(node: Node, name: str, source: bytes) -> bool:
    if node.type in _DECLARATORS:
        declared = node.child_by_field_name("name")
        return declared is not None and text(declared, source) == name
    if node.type in _PARAMETER_LISTS:
        return any(
            child.type == "identifier" and text(child, source) == name
            for child in node.named_children
        )
    if node.type in ("lambda_expression", "arrow_function"):  # ``t -> …``, ``err => …``
        single = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        return single is not None and single.type == "identifier" and text(single, source) == name
    return False


def _read(scope: Node, name: str, body: Node, around: Node | None, source: bytes) -> bool:
    """Whether ``scope`` reads ``name`` outside ``body``: after it, or inside ``around`` (the
    loop holding the handler, which runs its code again after the handler)."""
    pending = [scope]
    while pending:
        node = pending.pop()
        if node.id == body.id:
            continue
        if (
            node.type in ("identifier", "shorthand_property_identifier")
            and text(node, source) == name
            and (
                node.start_byte >= body.end_byte
                or (around is not None and around.start_byte <= node.start_byte < around.end_byte)
            )
            and not _named_not_read(node)
        ):
            return True
        pending.extend(node.named_children)
    return False


def _named_not_read(identifier: Node) -> bool:
    parent = identifier.parent
    field = None if parent is None else _NOT_READ.get(parent.type)
    if parent is None or field is None:
        return False
    named = parent.child_by_field_name(field)
    return named is not None and named.id == identifier.id
