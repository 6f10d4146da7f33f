"""Named constants and magic numbers of one file.

Named constants (``is_named`` True), declared outside any function:

- Python: ``NAME = value`` / ``NAME: type = value`` at module or class level, ``NAME`` in
  SCREAMING_CASE of at least two characters (``TypeVar``/``NewType``/``ParamSpec`` definitions are
  types, not constants);
- JavaScript/TypeScript: ``[export] const|let|var NAME = value`` and ``static [readonly] NAME =``
  with ``NAME`` in SCREAMING_CASE;
- Go: every ``const`` declaration, single or in a ``const ( … )`` block (a bare name in a block
  repeats the previous expression, as Go does);
- Java: ``static final`` fields.

``is_used``: the name appears (as a whole word) anywhere in the file besides its declaration.

Magic numbers (``is_named`` False, ``name`` and ``value`` = the literal as written, ``is_used``
True): numeric literals used directly as a call argument, an operand or a return value, outside
test-support code, that are not 0, 1, -1, 2, 10, 100 or 0.5, are not keyword arguments
(``timeout=30``), and are not on a constant declaration or in an enum.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from drift.analysis.structure.scopes import function_lines
from drift.analysis.structure.test_files import is_test_support
from drift.records.structural import ConstantRow
from drift.scan.model import ParseResult

_MAX_VALUE = 200
_OBVIOUS_NUMBERS = frozenset({0, 1, -1, 2, 10, 100, 0.5})
_MAGIC_CONTEXTS = frozenset({"function_argument", "unknown", "return"})

_SCREAMING = r"_{0,2}[A-Z][A-Z0-9_]*[A-Z0-9]"
_PY_CONST = re.compile(
    rf"^[ \t]*(?P<name>{_SCREAMING})[ \t]*(?::[^=\n]+)?=(?!=)[ \t]*(?P<value>[^\n]+)$",
    re.MULTILINE,
)
_PY_TYPE_FACTORIES = ("TypeVar(", "NewType(", "ParamSpec(", "TypeVarTuple(", "typing.TypeVar(")
_JS_CONST = re.compile(
    r"^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var)|(?:(?:public|private|protected)[ \t]+)?"
    rf"static(?:[ \t]+readonly)?)[ \t]+(?P<name>{_SCREAMING})[ \t]*(?::[^=\n]+)?="
    r"(?![=>])[ \t]*(?P<value>[^\n]+)$",
    re.MULTILINE,
)
_GO_CONST = re.compile(
    r"^[ \t]*const[ \t]+(?P<name>[A-Za-z_]\w*)(?:[ \t]+[\w.\[\]*]+)?[ \t]*=[ \t]*"
    r"(?P<value>[^\n]+)$",
    re.MULTILINE,
)
_GO_BLOCK = re.compile(r"^[ \t]*const[ \t]*\((?P<body>.*?)^[ \t]*\)", re.MULTILINE | re.DOTALL)
_GO_BLOCK_LINE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_]\w*)(?:[ \t]+[\w.\[\]*]+)?(?:[ \t]*=[ \t]*(?P<value>[^\n]+))?$"
)
_JAVA_CONST = re.compile(
    r"^[ \t]*(?P<mods>(?:(?:public|private|protected|static|final)[ \t]+)+)"
    r"[\w.<>\[\], ?]+?[ \t]+(?P<name>[A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?P<value>[^\n]+?)[ \t]*;",
    re.MULTILINE,
)
_TRAILING_COMMENT = re.compile(r"[ \t]+(?:#|//).*$")


def _clean_value(raw: str) -> str:
    value = raw.strip()
    if "'" not in value and '"' not in value and "`" not in value:
        value = _TRAILING_COMMENT.sub("", value)
    value = value.rstrip(";,").strip()
    return value[:_MAX_VALUE]


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _declarations(result: ParseResult, text: str) -> Iterator[tuple[str, str, int]]:
    """``(name, value, line)`` of every named-constant declaration, in source order."""
    language = result.language
    if language == "python":
        for m in _PY_CONST.finditer(text):
            value = m.group("value")
            if not value.lstrip().startswith(_PY_TYPE_FACTORIES):
                yield m.group("name"), _clean_value(value), _line_at(text, m.start("name"))
    elif language in {"javascript", "typescript"}:
        for m in _JS_CONST.finditer(text):
            yield m.group("name"), _clean_value(m.group("value")), _line_at(text, m.start("name"))
    elif language == "go":
        yield from _go_declarations(text)
    elif language == "java":
        for m in _JAVA_CONST.finditer(text):
            modifiers = m.group("mods").split()
            if "static" in modifiers and "final" in modifiers:
                line = _line_at(text, m.start("name"))
                yield m.group("name"), _clean_value(m.group("value")), line


def _go_declarations(text: str) -> Iterator[tuple[str, str, int]]:
    found: list[tuple[str, str, int]] = []
    for m in _GO_CONST.finditer(text):
        found.append((m.group("name"), _clean_value(m.group("value")), _line_at(text, m.start())))
    for block in _GO_BLOCK.finditer(text):
        first_line = _line_at(text, block.start("body"))
        previous = ""
        for offset, line in enumerate(block.group("body").split("\n")):
            code = line.split("//", 1)[0]
            m = _GO_BLOCK_LINE.match(code)
            if m is None or not code.strip():
                continue
            value = m.group("value")
            previous = _clean_value(value) if value is not None else previous
            found.append((m.group("name"), previous, first_line + offset))
    yield from sorted(found, key=lambda item: item[2])


_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


def named_constants(path: str, result: ParseResult, text: str) -> tuple[ConstantRow, ...]:
    """The named constants declared in one file (module or class level only)."""
    inside = function_lines(result)
    rows: list[ConstantRow] = []
    mentions: Counter[str] | None = None
    for name, value, line in _declarations(result, text):
        if line in inside or not value:
            continue
        if mentions is None:
            # One pass over the text counts every identifier: a file may declare hundreds.
            mentions = Counter(_IDENTIFIER.findall(text))
        rows.append(
            ConstantRow(
                id=0,
                name=name,
                value=value,
                file=path,
                line=line,
                is_used=mentions[name] > 1,
                language=result.language,
                is_named=True,
                created_at=0,
            )
        )
    return tuple(rows)


def _is_keyword_value(line_text: str, column: int) -> bool:
    """Whether the literal at ``column`` (1-based, in bytes) follows ``name=`` or ``name:``:
    a keyword argument or a property gives the number a name."""
    before = line_text.encode()[: max(column - 1, 0)].decode(errors="ignore").rstrip()
    if before.endswith(":") and not before.endswith("::"):
        return bool(re.search(r"[\w$\"']:$", before))
    if before.endswith("=") and not before.endswith(("==", "!=", "<=", ">=")):
        return bool(re.search(r"[\w$\]][ \t]*=$", before))
    return False


def magic_numbers(
    path: str, result: ParseResult, text: str, declared_lines: frozenset[int]
) -> tuple[ConstantRow, ...]:
    """Unnamed numeric literals of one file (see the module docstring for the rules)."""
    if is_test_support(path) or not result.numbers:
        return ()
    enum_lines: set[int] = set()
    for cls in result.classes:
        if cls.kind == "enum":
            enum_lines.update(range(cls.line, cls.end_line + 1))
    lines = text.split("\n")
    rows: list[ConstantRow] = []
    for number in result.numbers:
        if (
            number.value is None
            or number.context not in _MAGIC_CONTEXTS
            or number.value in _OBVIOUS_NUMBERS
            or number.line in declared_lines
            or number.line in enum_lines
        ):
            continue
        line_text = lines[number.line - 1] if number.line <= len(lines) else ""
        if _is_keyword_value(line_text, number.column):
            continue
        rows.append(
            ConstantRow(
                id=0,
                name=number.raw,
                value=number.raw,
                file=path,
                line=number.line,
                is_used=True,
                language=result.language,
                is_named=False,
                created_at=0,
            )
        )
    return tuple(rows)


def constants(path: str, result: ParseResult, text: str) -> tuple[ConstantRow, ...]:
    """Named constants then magic numbers of one file."""
    named = named_constants(path, result, text)
    declared = frozenset(row.line for row in named)
    return named + magic_numbers(path, result, text, declared)
