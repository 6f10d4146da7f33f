"""Named constants and magic numbers of one file.

Named constants (``is_named`` True), declared outside any function:

- Python: ``NAME = value`` / ``NAME: type = value`` at module or class level, ``NAME`` in
  SCREAMING_CASE of at least two characters (``TypeVar``/``NewType``/``ParamSpec`` definitions are
  types, not constants);
- JavaScript/TypeScript: ``[export] const|let|var NAME = value`` and ``static [readonly] NAME =``
  with ``NAME`` in SCREAMING_CASE;
- Go: every ``const`` declaration, single or in a ``const ( … )`` block (a bare name in a block
  repeats the previous expression, as Go does);
- Java: ``static final`` fields (annotations before them too), and an interface's fields; a
  value over several lines (no ``;`` on the first) is its first line, as in Python.

``is_used``: the name appears (as a whole word) anywhere in the file besides its declaration.
The value is the declaration's right-hand side (first line, at most 200 characters), redacted
(``secrets.redact``) when the name says it holds a credential (``API_KEY``, ``DB_PASSWORD``…)
and the value is a string literal.

Magic numbers (``is_named`` False, ``name`` and ``value`` = the literal as written, ``is_used``
True): numeric literals used directly as a call argument, an operand, a return value, a
subscript's index or a slice's bound (``row[5]``, ``body[:4096]``: ESLint's no-magic-numbers
flags those by default too), outside
test-support code, that are not 0, 1, -1, 2, -2, 10, 100 or 0.5, are not in a keyword argument,
a default or a property (``timeout=30``, ``size: int = 1024 * 1024``), are not an HTTP status
on a line about one (``res.status(404)``, ``createError(500, …)``, ``resp.status == 200``,
Go's ``w.WriteHeader(405)``, ``http.Error(w, msg, 418)``, Node's ``res.writeHead(400, …)``) or
given to a call about one that opens on a line above (``createError(\n'CODE',\n'msg',\n500\n)``)
or compared with, or a ``case`` of a switch on, a name that holds one (``rcode == 101``,
``switch (statusCode) { case 301 -> …}``: ``drift.analysis.structure.status_checks``) nor
an octal file mode (``0o644``), and are not on a constant declaration (any line of it: a value
over several lines, httpx's ``FRAG_SAFE = "".join([chr(i) for i in range(0x20, 0x7F) …])``,
goes on while its brackets are open, a string is, or a line ends with an operator, a comma or a
backslash), on the line of a
SCREAMING_CASE assignment (``MAX_WRITE = 32 * 1024`` in a function), on a Go package-level
``var`` whose value is numbers, names and operators (``var d = time.Second * 60``), or in an
enum. A Go
array type's length (``[4]byte``) is a type's, no value, as is a Java array creation's size
(``new double[4]``; an index, ``a[3]``, stays magic), and so is a bit size given to
``strconv`` (``strconv.ParseInt(s, 10, 64)``) or to a function of the same file whose parameter
in that place is named ``bitSize`` (gin's ``setIntField(val, 64, value)``), the call's opening
parenthesis on the literal's line, and so is a radix (``parseInt(x, 16)``, ``n.toString(16)``,
Python's ``int(x, 16)``). A slice bound that strips a prefix or suffix its receiver was just
tested for (``name[:-10]`` after ``name.endswith('Serializer')``, ``h[5:]`` after
``h.startswith('HTTP_')``; JavaScript's ``s.slice(3)`` after ``s.startsWith('abc')``, Go's
``s[3:]`` after ``strings.HasPrefix(s, "abc")``, Java's ``s.substring(3)``) is the literal's
length: exempt when the lengths agree and the test is at most 10 lines before, in the same
function. A number compared with a character code is a character: with a
``charCodeAt``/``codePointAt`` call (Python: ``ord``), with a name the same function gives one
(``const c = s.charCodeAt(i)``), or a ``case`` of a ``switch`` (``match``) on one. A row of a
table built one row a line is data (an array, list or tuple literal's own elements already are):
four lines or more in a row (blank and comment lines between them), each one call to the same
callee with only literals and names for arguments (HPACK's ``addChar(tmpRoot, 0, 0x1ff8, 13);``,
``new MapEntry(SSL_CA, 5),``) or one literal stored into the same container
(``errorTab[10004] = "…"``), their number and another item varying from row to row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from drift.analysis.structure.scopes import function_lines
from drift.analysis.structure.secrets import SECRET_NAME, redact
from drift.analysis.structure.source_text import LineIndex
from drift.analysis.structure.status_checks import StatusChecks
from drift.analysis.structure.test_files import is_example_code, is_test_support
from drift.records.structural import ConstantRow
from drift.scan.model import NumberLiteral, ParseResult

_MAX_VALUE = 200
_OBVIOUS_NUMBERS = frozenset({0, 1, -1, 2, -2, 10, 100, 0.5})
_MAGIC_CONTEXTS = frozenset({"function_argument", "unknown", "return"})

_SCREAMING = r"_{0,2}[A-Z][A-Z0-9_]*[A-Z0-9]"
# Go's number conversions take a bit size (``strconv.ParseInt(s, 10, 64)``): an API's unit,
# not a magic number (38 of pflag's 47).
_BIT_SIZES = frozenset({8.0, 16.0, 32.0, 64.0})
# A file mode written in octal (``0o644``, Go's and Java's ``0644``): permission bits by name.
_FILE_MODE = re.compile(r"^0[oO]?[0-7]{3,4}$")
_GO_LOCAL_CONST = re.compile(r"^\s*const\s+[A-Za-z_]\w*")
_BIT_SIZE_CALL = re.compile(r"\bstrconv\.(?:Parse|Format|Append)\w*\(")
# A SCREAMING_CASE name assigned on the line (in a function too, where no constant is recorded),
# or several unpacked at once (rich's ``SPACE, CONTINUE, FORK, END = range(4)``): its operands
# make a named value, not magic numbers.
_LOCAL_CONSTANT = re.compile(
    rf"^\s*(?:(?:const|let|var|final|static|private|public|protected)\s+)*"
    rf"(?:[\w.<>\[\]]+\s+)?(?:{_SCREAMING}\s*,\s*)*{_SCREAMING}\s*(?::[^=]+)?=(?!=)"
)
# The line-start patterns begin with "\n" rather than "^" (a literal lets the regex engine skip
# ahead: twice as fast) and run over the text with a "\n" put in front. Their indentation is
# matched possessively ("[ \t]*+"): what follows it is never a blank, so giving blanks back
# cannot help a match, and not trying it is three times faster on indented code.
_PY_CONST = re.compile(
    rf"\n[ \t]*+(?P<name>{_SCREAMING})[ \t]*(?::[^=\n]+)?=(?!=)[ \t]*(?P<value>[^\n]+)$",
    re.MULTILINE,
)
_PY_TYPE_FACTORIES = ("TypeVar(", "NewType(", "ParamSpec(", "TypeVarTuple(", "typing.TypeVar(")
_JS_CONST = re.compile(
    r"\n[ \t]*+(?:export[ \t]+)?(?:(?:const|let|var)|(?:(?:public|private|protected)[ \t]+)?"
    rf"static(?:[ \t]+readonly)?)[ \t]+(?P<name>{_SCREAMING})[ \t]*(?::[^=\n]+)?="
    r"(?![=>])[ \t]*(?P<value>[^\n]+)$",
    re.MULTILINE,
)
_GO_CONST = re.compile(
    r"^[ \t]*+const[ \t]+(?P<name>[A-Za-z_]\w*)(?:[ \t]+[\w.\[\]*]+)?[ \t]*=[ \t]*"
    r"(?P<value>[^\n]+)$",
    re.MULTILINE,
)
_GO_BLOCK = re.compile(r"^[ \t]*+const[ \t]*\((?P<body>.*?)^[ \t]*\)", re.MULTILINE | re.DOTALL)
_GO_BLOCK_LINE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_]\w*)(?:[ \t]+[\w.\[\]*]+)?(?:[ \t]*=[ \t]*(?P<value>[^\n]+))?$"
)
# A package-level ``var`` (one, or a ``var ( … )`` block's lines): ``var d = time.Second * 60``.
_GO_VAR = re.compile(
    r"^[ \t]*+var[ \t]+[A-Za-z_][\w., \t*\[\]]*=(?!=)[ \t]*(?P<value>[^\n]+)$", re.MULTILINE
)
_GO_VAR_BLOCK = re.compile(r"^[ \t]*+var[ \t]*\((?P<body>.*?)^[ \t]*\)", re.MULTILINE | re.DOTALL)
_GO_VAR_LINE = re.compile(r"^[ \t]*[A-Za-z_][\w., \t*\[\]]*=(?!=)[ \t]*(?P<value>[^\n]+)$")
# A value of numbers, names (``time.Second``, ``KB``) and operators, no call (``make([]byte,
# 4096)``, ``time.Duration(30)``): what a ``const`` could hold.
_CONSTANT_EXPRESSION = re.compile(r"[\w.\s+\-*/%<>&|^()]+")
_CALLED = re.compile(r"[\w.]\s*\(")
# Annotations may come first (``@Native public static final int X = 1;``: 122 of java.awt's).
_JAVA_ANNOTATIONS = r"(?:@[\w.]+(?:\([^()\n]*\))?[ \t]+)*"
# A member starts a line, or follows a ``{`` or ``;`` on it (``static class In { static final
# int C = 8; }``).
_JAVA_MEMBER_START = r"[\n{;][ \t]*+"
# The value ends with ``;`` or, when it goes on over several lines (``List.of(`` ending the
# line), with its first line, as a Python value's does.
_JAVA_CONST = re.compile(
    rf"{_JAVA_MEMBER_START}{_JAVA_ANNOTATIONS}"
    r"(?P<mods>(?:(?:public|private|protected|static|final)[ \t]+)+)"
    r"[\w.<>\[\], ?]+?[ \t]+(?P<name>[A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?P<value>[^\n]+?)[ \t]*(?:;|$)",
    re.MULTILINE,
)
# An interface's fields are constants without saying so (``int BITMASK = 2;``).
_JAVA_INTERFACE_FIELD = re.compile(
    rf"{_JAVA_MEMBER_START}{_JAVA_ANNOTATIONS}(?P<mods>(?:(?:public|static|final)[ \t]+)*)"
    r"[\w.<>\[\], ?]+?[ \t]+(?P<name>[A-Z][A-Z0-9_]*)[ \t]*=[ \t]*(?P<value>[^\n]+?)[ \t]*(?:;|$)",
    re.MULTILINE,
)
_TRAILING_COMMENT = re.compile(r"[ \t]+(?:#|//).*$")


def _clean_value(raw: str) -> str:
    value = raw.strip()
    if "'" not in value and '"' not in value and "`" not in value:
        value = _TRAILING_COMMENT.sub("", value)
    value = value.rstrip(";,").strip()
    return value[:_MAX_VALUE]


def _declarations(result: ParseResult, text: str) -> Iterator[tuple[str, str, int]]:
    """``(name, value, line)`` of every named-constant declaration, in source order."""
    language = result.language
    if language == "go":
        if "const" in text:
            yield from _go_declarations(text, LineIndex(text))
        return
    if language == "java":
        yield from _java_declarations(result, text)
        return
    pattern = {"python": _PY_CONST, "javascript": _JS_CONST, "typescript": _JS_CONST}.get(language)
    if pattern is None:
        return
    padded = f"\n{text}"
    # The line of a match is the number of "\n" before it in the padded text (whose first one
    # was put in front); matches come in order, so each count goes on from the previous one
    # instead of building a table of every line start.
    counted_to = line = 0
    for m in pattern.finditer(padded):
        value = m.group("value")
        if language == "python" and value.lstrip().startswith(_PY_TYPE_FACTORIES):
            continue
        offset = m.start("name")
        line += padded.count("\n", counted_to, offset)
        counted_to = offset
        yield m.group("name"), _clean_value(value), line


def _java_declarations(result: ParseResult, text: str) -> Iterator[tuple[str, str, int]]:
    """``static final`` fields, and the fields of an interface's body (outside its methods)."""
    padded = f"\n{text}"
    index = LineIndex(padded)
    found: dict[int, tuple[str, str, int]] = {}
    if "final" in text:
        for m in _JAVA_CONST.finditer(padded):
            if {"static", "final"} <= set(m.group("mods").split()):
                offset = m.start("name")
                found[offset] = (m.group("name"), _java_value(m, padded), _line(index, offset))
    interfaces = [(c.line, c.end_line) for c in result.classes if c.kind == "interface"]
    if interfaces:
        methods = [(f.line, f.end_line) for f in result.functions]
        for m in _JAVA_INTERFACE_FIELD.finditer(padded):
            offset = m.start("name")
            line = _line(index, offset)
            if offset in found or not any(a <= line <= b for a, b in interfaces):
                continue
            if any(a <= line <= b for a, b in methods):
                continue  # a local of a default or static method
            found[offset] = (m.group("name"), _java_value(m, padded), line)
    yield from (found[offset] for offset in sorted(found))


def _java_value(m: re.Match[str], text: str) -> str:
    """A Java declaration's value; when its first line holds only a comment (``DEBUG = //
    Revisit: temporary dev flag.`` in java.net.http's ``Utils``), the next line."""
    value = _clean_value(m.group("value"))
    if not value.startswith(("//", "/*")):
        return value
    line_end = text.find("\n", m.start("value"))
    if line_end < 0:
        return ""
    next_end = text.find("\n", line_end + 1)
    return _clean_value(text[line_end + 1 : next_end if next_end >= 0 else len(text)])


def _line(index: LineIndex, offset: int) -> int:
    """The 1-based line of ``offset`` in the text with one ``\n`` put in front."""
    return index.line_of(offset) - 1


def _go_declarations(text: str, index: LineIndex) -> Iterator[tuple[str, str, int]]:
    found: list[tuple[str, str, int]] = []
    for m in _GO_CONST.finditer(text):
        found.append((m.group("name"), _clean_value(m.group("value")), index.line_of(m.start())))
    for block in _GO_BLOCK.finditer(text):
        first_line = index.line_of(block.start("body"))
        previous = ""
        for offset, line in enumerate(block.group("body").split("\n")):
            code = line.split("//", 1)[0]
            entry = _GO_BLOCK_LINE.match(code)
            if entry is None or not code.strip():
                continue
            value = entry.group("value")
            previous = _clean_value(value) if value is not None else previous
            found.append((entry.group("name"), previous, first_line + offset))
    yield from sorted(found, key=lambda item: item[2])


def _go_constant_vars(text: str, inside: frozenset[int]) -> frozenset[int]:
    """The lines of package-level ``var`` declarations whose value is a constant expression
    (``_CONSTANT_EXPRESSION``): ``var defaultBacklogTimeout = time.Second * 60`` names its
    number as ``45 * time.Second`` does, whichever operand comes first. ``inside``: the lines
    of functions."""
    if "var" not in text:
        return frozenset()
    index = LineIndex(text)
    found = [(index.line_of(m.start()), m.group("value")) for m in _GO_VAR.finditer(text)]
    for block in _GO_VAR_BLOCK.finditer(text):
        first_line = index.line_of(block.start("body"))
        for offset, code in enumerate(block.group("body").split("\n")):
            entry = _GO_VAR_LINE.match(code)
            if entry is not None:
                found.append((first_line + offset, entry.group("value")))
    return frozenset(
        line for line, value in found if line not in inside and _is_constant_expression(value)
    )


def _is_constant_expression(value: str) -> bool:
    code = value.split("//", 1)[0].strip()
    return bool(_CONSTANT_EXPRESSION.fullmatch(code)) and not _CALLED.search(code)


_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_FEW_NAMES = 16


def _is_identifier_char(ch: str) -> bool:
    # What ``[\w$]`` matches: ``\w`` is a Unicode alphanumeric or "_".
    return ch.isalnum() or ch in {"_", "$"}


def _mentions(name: str, text: str) -> int:
    """How often ``name`` occurs as a whole identifier in ``text``, counting up to two."""
    count = 0
    size = len(name)
    # Plain substring search with the characters around each hit checked by hand: a regex per
    # name would be compiled for every constant of every file.
    position = text.find(name)
    while position >= 0:
        after = text[position + size : position + size + 1]
        before = text[position - 1] if position else " "
        if not (after and _is_identifier_char(after)) and not _is_identifier_char(before):
            count += 1
            if count > 1:
                break
        position = text.find(name, position + 1)
    return count


def _used_names(names: list[str], text: str) -> set[str]:
    """The names that occur (as whole identifiers) more than once in ``text``."""
    if len(names) <= _FEW_NAMES:
        # A substring count rules most names out without a scan per name.
        return {name for name in names if text.count(name) > 1 and _mentions(name, text) > 1}
    mentions = Counter(_IDENTIFIER.findall(text))
    return {name for name in names if mentions[name] > 1}


def holds_credential(name: str, value: str) -> bool:
    """Whether a constant's name says it holds a credential and its value is a string literal
    (such values are stored redacted)."""
    return bool(SECRET_NAME.search(name)) and value[:1] in {"'", '"', "`"}


def _string_lines(result: ParseResult) -> set[int]:
    """The lines inside a string that runs over several lines (after its first): an example
    in a docstring (peewee's ``DATABASE = PostgresqlDatabase('my_app')`` in ``FlaskDB``'s) is
    no declaration."""
    lines: set[int] = set()
    for literal in result.strings:
        breaks = literal.value.count("\n")
        if breaks:
            lines.update(range(literal.line + 1, literal.line + breaks + 1))
    return lines


def named_constants(path: str, result: ParseResult, text: str) -> tuple[ConstantRow, ...]:
    """The named constants declared in one file (module or class level only)."""
    inside = function_lines(result)
    prose = _string_lines(result)
    declared = [
        (name, value, line)
        for name, value, line in _declarations(result, text)
        if line not in inside and line not in prose and value
    ]
    used = _used_names([name for name, _, _ in declared], text)
    rows: list[ConstantRow] = []
    for name, raw, line in declared:
        value = redact(raw) if holds_credential(name, raw) else raw
        rows.append(
            ConstantRow(
                id=0,
                name=name,
                value=value,
                file=path,
                line=line,
                is_used=name in used,
                language=result.language,
                is_named=True,
                created_at=0,
            )
        )
    return tuple(rows)


def _is_keyword_value(line_text: str, column: int) -> bool:
    """Whether the literal at ``column`` (1-based, in bytes) is in the value of ``name=`` or
    ``name:`` (``max_part_size: int = 1024 * 1024`` both): a keyword argument, a default or a
    property gives the number a name."""
    before = line_text.encode()[: max(column - 1, 0)].decode(errors="ignore").rstrip()
    before = _ARITHMETIC_TAIL.sub("", before)  # the operands before it in the same value
    if before.endswith(":=") and not before.endswith("::="):
        return bool(re.search(r"[\w$\]][ \t]*:=$", before))  # Go's ``timeout := 30 * time.Second``
    if before.endswith(":") and not before.endswith("::"):
        return bool(re.search(r"[\w$\"']:$", before))
    if before.endswith("=") and not before.endswith(("==", "!=", "<=", ">=")):
        return bool(re.search(r"[\w$\]][ \t]*=$", before))
    # The fallback of a value (``opts.hwm ?? 16``, ``opts.size || 64``, ``limit or 100``): a
    # default, as ``function g(x = 32)`` gives, when it ends the value (``c < 33 or 127 <= c``
    # and ``n or 77 * c`` go on: a condition, arithmetic).
    if not (before.endswith(("??", "||")) or _OR_TAIL.search(before)):
        return False
    after = line_text.encode()[max(column - 1, 0) :].decode(errors="ignore")
    return bool(_ENDS_VALUE.match(after))


_OR_TAIL = re.compile(r"[\w)\]]\s+or$")
# A number, then the end of the value it ends: a bracket, a separator, the line's end or a
# comment.
_ENDS_VALUE = re.compile(r"[\w.]+\s*(?:[)\]},;:]|#|//|$)")


# Numbers and arithmetic ending a text: ``= 1024 *`` leaves ``=``.
_ARITHMETIC_TAIL = re.compile(r"(?<=[=:])(?:[\s*/+\-%]|0[xXoObB][0-9a-fA-F_]+|\d[\d_.]*)*$")
# An HTTP status on a line about one (``res.status(404)``, ``createError(500, …)``,
# ``resp.status == 200``, ``abort(403)``, Go's ``w.WriteHeader(405)`` and ``http.Error(w, m,
# 418)``, Node's ``res.writeHead(400, …)``): the protocol's own names, not magic numbers.
_HTTP_STATUS_LINE = re.compile(
    r"(?i)status|\bcode\b|createerror|httperror|httpexception|\babort\s*\(|\bredirect"
    r"|\bwriteheader\s*\(|\bwritehead\s*\(|\bhttp\.error\s*\("
)
# How many lines above a number the call it is an argument of may open: fastify's
# ``createError(`` opens three lines above its status.
_STATUS_CALL_LINES = 8


def _is_http_status(value: float, lines: list[str], line: int, column: int) -> bool:
    """Whether a number is an HTTP status: on a line about one, or an argument of a call about
    one that opens on a line above (``createError(\n  'FST_ERR_…',\n  'msg',\n  500\n)``)."""
    if value != int(value) or not 100 <= value <= 599:
        return False
    line_text = lines[line - 1] if line <= len(lines) else ""
    if _HTTP_STATUS_LINE.search(line_text):
        return True
    call = _open_call(_texts_before(lines, line, column, _STATUS_CALL_LINES))
    return call is not None and bool(_HTTP_STATUS_LINE.search(f"{call[0]}("))


def _texts_before(lines: list[str], line: int, column: int, above: int) -> Iterator[str]:
    """The text of line ``line`` before ``column`` (1-based, in bytes), then the ``above``
    lines above it, nearest first."""
    if line <= len(lines):
        yield lines[line - 1].encode()[: max(column - 1, 0)].decode(errors="ignore")
    for index in range(min(line, len(lines) + 1) - 2, max(line - 2 - above, -1), -1):
        yield lines[index]


def _in_bit_size_call(line_text: str, column: int) -> bool:
    """Whether the text at ``column`` is an argument of a ``strconv`` conversion call."""
    calls = list(_BIT_SIZE_CALL.finditer(line_text, 0, column))
    if not calls:
        return False
    between = line_text[calls[-1].end() : column - 1]
    return between.count("(") >= between.count(")")


# A radix given to a number conversion (``parseInt(x, 16)``, ``Number.parseInt(x, 2)``,
# ``n.toString(16)``, Python's ``int(x, 16)``) is the notation's, as a Go bit size is (axios's
# and qs's ten were all hexadecimal): the callee by language, and which argument (from 0).
_RADIX_ARGUMENTS: dict[str, dict[str, int]] = {
    "javascript": {"parseInt": 1, "toString": 0},
    "typescript": {"parseInt": 1, "toString": 0},
    "python": {"int": 1},
    # ``Integer.parseInt(s, 8)``, ``Character.digit(c, 16)``, ``new BigInteger(s, 16)``,
    # ``big.toString(16)``; ``Integer.toString(i, 16)`` by its class (bsh's ``JConsole``).
    "java": {
        "parseInt": 1, "parseLong": 1, "parseUnsignedInt": 1, "parseUnsignedLong": 1,
        "valueOf": 1, "digit": 1, "forDigit": 1, "BigInteger": 1, "toString": 0,
        "Integer.toString": 1, "Long.toString": 1, "toUnsignedString": 1,
    },
}  # fmt: skip
_CALLEE_TAIL = re.compile(r"([\w$]+(?:\s*\.\s*[\w$]+)*)\s*$")


def _enclosing_call(line_text: str, column: int) -> tuple[str, int] | None:
    """The callee of the innermost call open at ``column`` (1-based, in bytes, as the scanner
    counts) on its line, as written (``Number.parseInt``), and which of its arguments (from 0)
    the text there is; None when no call opens before it on the line, or the text is in a
    literal or an index."""
    return _open_call((line_text.encode()[: max(column - 1, 0)].decode(errors="ignore"),))


def _open_call(texts: Iterable[str]) -> tuple[str, int] | None:
    """``_enclosing_call`` over the text before a point, given line by line, nearest first (a
    walk back that stops at the first bracket left open, read only as far as it needs)."""
    depth = commas = 0
    for before in texts:
        for index in range(len(before) - 1, -1, -1):
            char = before[index]
            if char in ")]}":
                depth += 1
            elif char in "([{":
                if depth:
                    depth -= 1
                    continue
                callee = _CALLEE_TAIL.search(before, 0, index) if char == "(" else None
                return None if callee is None else (callee.group(1), commas)
            elif char == "," and not depth:
                commas += 1
    return None


def _is_radix(language: str, value: float, line_text: str, column: int) -> bool:
    """Whether a number is the radix a conversion call takes (``_RADIX_ARGUMENTS``)."""
    radix_calls = _RADIX_ARGUMENTS.get(language)
    if radix_calls is None or value != int(value) or not 2 <= value <= 36:
        return False
    call = _enclosing_call(line_text, column)
    if call is None:
        return False
    callee, argument = call
    # A Python method named ``int`` is no builtin; in JavaScript the method is the point; Java
    # tells ``Integer.toString(i, 16)`` from ``big.toString(16)`` by the class.
    written = "".join(callee.split())
    if language == "python":
        return radix_calls.get(written) == argument
    place = radix_calls.get(written, radix_calls.get(written.rsplit(".", 1)[-1]))
    return place == argument


# A character written by its code: compared with what JavaScript's ``charCodeAt``/
# ``codePointAt`` or Python's ``ord`` gives (find-my-way's ``pattern.charCodeAt(i) === 58``,
# ``:``; ``ord(c) < 128``), the number is a character, as ``':'`` would be.
_CHAR_CODE_ARGUMENTS = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_CHAR_CODE_CALLS: dict[str, str] = {
    "javascript": rf"\.[ \t]*(?:charCodeAt|codePointAt)[ \t]*{_CHAR_CODE_ARGUMENTS}",
    "typescript": rf"\.[ \t]*(?:charCodeAt|codePointAt)[ \t]*{_CHAR_CODE_ARGUMENTS}",
    "python": rf"(?<![\w.])ord[ \t]*{_CHAR_CODE_ARGUMENTS}",
}
# What a line holding such a call holds (a look that rules most lines out).
_CHAR_CODE_HINTS: dict[str, tuple[str, ...]] = {
    "javascript": ("charCodeAt", "codePointAt"),
    "typescript": ("charCodeAt", "codePointAt"),
    "python": ("ord(",),
}
_COMPARISON = r"(?:===|!==|==|!=|<=|>=|<|>)"
# What a code is asked of: ``pattern``, ``this.path[i]``, ``s.trim()``.
_RECEIVER = rf"(?:[\w$]+(?:[ \t]*\.[ \t]*[\w$]+|\[[^\]\n]*\]|{_CHAR_CODE_ARGUMENTS})*)?"
_NAME = r"[A-Za-z_$][\w$]*"


class _CharacterCodes:
    """Where one file compares character codes: ``compared`` tells a number that is one."""

    __slots__ = ("_after", "_before", "_functions", "_hints", "_named", "_names", "_switch")

    def __init__(
        self, result: ParseResult, text: str, lines: list[str], call: str, hints: tuple[str, ...]
    ) -> None:
        self._hints = hints
        called = f"{_RECEIVER}{call}"
        # The number after the call or a name compared, or before them (``58 === c``).
        self._before = re.compile(
            rf"(?:{call}|(?<![\w$.])(?P<name>{_NAME}))[ \t]*{_COMPARISON}[ \t]*$"
        )
        self._after = re.compile(
            rf"[\w.]+[ \t]*{_COMPARISON}[ \t]*(?:{called}|(?P<name>{_NAME})(?![\w$.(\[]))"
        )
        self._switch = re.compile(
            rf"(?:\bswitch[ \t]*\([ \t]*|^[ \t]*match[ \t]+)(?:{called}|(?P<name>{_NAME}))"
            r"[ \t]*(?:\)|:)"
        )
        self._functions = sorted((fn.line, fn.end_line) for fn in result.functions)
        # The names a function (or the module) gives a code: ``const c = s.charCodeAt(i)``,
        # ``c = ord(ch)``; not ``d = s.charCodeAt(i) - 48``, a digit's value.
        given = re.compile(
            rf"(?<![\w$.])(?P<name>{_NAME})[ \t]*=[ \t]*{called}[ \t]*;?[ \t]*(?:(?://|#).*)?$"
        )
        self._names: set[tuple[str, tuple[int, int] | None]] = set()
        for line in _lines_holding(text, hints):  # only they may give one
            found = given.search(lines[line - 1])
            if found is not None:
                self._names.add((found.group("name"), self._function(line)))
        self._named = {name for name, _ in self._names}

    def _function(self, line: int) -> tuple[int, int] | None:
        """The innermost function holding ``line`` (its span), or None at module level."""
        found = None
        for span in self._functions:
            if span[0] > line:
                break
            if line <= span[1]:
                found = span
        return found

    def compared(self, lines: list[str], line: int, column: int) -> bool:
        """Whether the number at ``line``/``column`` is compared with a character code, or is a
        ``case`` of a ``switch`` (Python's ``match``) on one."""
        if line > len(lines):
            return False
        line_text = lines[line - 1]
        before = line_text.encode()[: max(column - 1, 0)].decode(errors="ignore")
        is_case = before.strip() == "case"
        if not (
            is_case
            or any(hint in line_text for hint in self._hints)
            or any(name in line_text for name in self._named)
        ):
            return False  # most numbers: a look at the line rules them out
        after = line_text[len(before) :]
        for found in (self._before.search(before), self._after.match(after)):
            if found is not None and self._holds_code(found.group("name"), line):
                return True
        if not is_case:
            return False
        function = self._function(line)
        first = function[0] if function is not None else 1
        for above in range(line - 1, first - 1, -1):
            switch = self._switch.search(lines[above - 1])
            if switch is not None:
                return self._holds_code(switch.group("name"), line)
        return False

    def _holds_code(self, name: str | None, line: int) -> bool:
        """Whether a match is the call (no name) or a name given a code in this function."""
        return name is None or (name, self._function(line)) in self._names


def _lines_holding(text: str, needles: tuple[str, ...]) -> list[int]:
    """The lines (1-based, ascending) of ``text`` that hold one of ``needles``."""
    index = LineIndex(text)
    found: set[int] = set()
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.add(index.line_of(at))
            at = text.find(needle, at + 1)
    return sorted(found)


def _bit_size_places(result: ParseResult) -> dict[str, frozenset[int]]:
    """The functions of a file that take a bit size as strconv's do, by name: the places
    (0-based) of their parameters named ``bitSize`` (echo's ``b.intValue(p, dest, 32, false)``
    passes on the unit its ``strconv.ParseInt`` asks for)."""
    places: dict[str, set[int]] = {}
    for fn in result.functions:
        for index, parameter in enumerate(fn.parameters):
            if parameter.name.replace("_", "").lower() == "bitsize":
                places.setdefault(fn.name, set()).add(index)
    return {name: frozenset(found) for name, found in places.items()}


def _is_bit_size_argument(places: dict[str, frozenset[int]], line_text: str, column: int) -> bool:
    """Whether the text at ``column`` is given to a parameter named ``bitSize`` of the file."""
    if not places:
        return False
    found = _enclosing_call(line_text, column)
    if found is None:
        return False
    callee, argument = found
    return argument in places.get(callee.rsplit(".", 1)[-1].strip(), frozenset())


# A slice bound stripping what the code just tested its receiver for (DRF's ``if
# name.endswith('Serializer'): name = name[:-10]``, ``header[5:]`` after
# ``header.startswith('HTTP_')``) is the tested literal's length, as ``len('Serializer')`` would
# say. By language: the text before the number (``r``: the receiver), the text after it, whether
# the literal is a prefix (else a suffix), and whether the number is written negative.
_R = r"(?P<r>[\w$]+(?:\.[\w$]+)*)"
_PREFIX_SLICE = (re.compile(rf"{_R}\[[ \t]*$"), re.compile(r"[ \t]*:[ \t]*\]"), True, False)
_JS_PREFIX = re.compile(rf"{_R}\.(?:slice|substring|substr)\([ \t]*$")
_AFFIX_SLICES: dict[str, tuple[tuple[re.Pattern[str], re.Pattern[str], bool, bool], ...]] = {
    "python": (
        _PREFIX_SLICE,
        (re.compile(rf"{_R}\[[ \t]*:[ \t]*$"), re.compile(r"[ \t]*\]"), False, True),
    ),
    "go": (
        _PREFIX_SLICE,
        (
            re.compile(rf"{_R}\[[ \t]*:[ \t]*len\([ \t]*(?P=r)[ \t]*\)[ \t]*-[ \t]*$"),
            re.compile(r"[ \t]*\]"),
            False,
            False,
        ),
    ),
    "javascript": (
        (_JS_PREFIX, re.compile(r"[ \t]*\)"), True, False),
        (re.compile(rf"{_R}\.slice\([ \t]*0[ \t]*,[ \t]*$"), re.compile(r"[ \t]*\)"), False, True),
        (
            re.compile(
                rf"{_R}\.(?:slice|substring)\([ \t]*0[ \t]*,[ \t]*(?P=r)\.length[ \t]*-[ \t]*$"
            ),
            re.compile(r"[ \t]*\)"),
            False,
            False,
        ),
    ),
    "java": (
        (re.compile(rf"{_R}\.substring\([ \t]*$"), re.compile(r"[ \t]*\)"), True, False),
        (
            re.compile(rf"{_R}\.substring\([ \t]*0[ \t]*,[ \t]*(?P=r)\.length\(\)[ \t]*-[ \t]*$"),
            re.compile(r"[ \t]*\)"),
            False,
            False,
        ),
    ),
}
_AFFIX_SLICES["typescript"] = _AFFIX_SLICES["javascript"]
# The test of a prefix and of a suffix, ``{r}`` standing for the receiver.
_AFFIX_TESTS: dict[str, tuple[str, str]] = {
    "python": (r"{r}\.startswith\(", r"{r}\.endswith\("),
    "go": (r"\bstrings\.HasPrefix\([ \t]*{r}[ \t]*,", r"\bstrings\.HasSuffix\([ \t]*{r}[ \t]*,"),
    "javascript": (r"{r}\.startsWith\(", r"{r}\.endsWith\("),
    "typescript": (r"{r}\.startsWith\(", r"{r}\.endsWith\("),
    "java": (r"{r}\.startsWith\(", r"{r}\.endsWith\("),
}
_TESTED_LITERAL = r"[ \t]*(?:\"(?P<double>[^\"\\\n]*)\"|'(?P<single>[^'\\\n]*)')[ \t]*\)"
# How far back the test may be: the slice follows it closely (DRF's are on the next line).
_AFFIX_TEST_LINES = 10


def _strips_tested_affix(
    language: str, lines: list[str], number: NumberLiteral, function_start: int
) -> bool:
    """Whether ``number`` is the bound of a slice that strips a prefix or suffix its receiver was
    just tested for, the tested literal as long as the number says (``_AFFIX_SLICES``): within
    ``_AFFIX_TEST_LINES`` before, in the same function (from line ``function_start``)."""
    slices = _AFFIX_SLICES.get(language)
    if slices is None or number.value is None or number.value != int(number.value):
        return False
    line_text = lines[number.line - 1] if number.line <= len(lines) else ""
    encoded = line_text.encode()
    before = encoded[: max(number.column - 1, 0)].decode(errors="ignore")
    after = encoded[max(number.column - 1, 0) :].decode(errors="ignore")[len(number.raw) :]
    for before_pattern, after_pattern, is_prefix, negative in slices:
        found = before_pattern.search(before)
        if found is None or not after_pattern.match(after):
            continue
        length = -int(number.value) if negative else int(number.value)
        prefix_test, suffix_test = _AFFIX_TESTS[language]
        test = (prefix_test if is_prefix else suffix_test).format(r=re.escape(found.group("r")))
        first = max(function_start, number.line - _AFFIX_TEST_LINES, 1)
        window = "\n".join(lines[first - 1 : number.line])
        for tested in re.finditer(test + _TESTED_LITERAL, window):
            literal = tested.group("double") or tested.group("single") or ""
            if literal.isascii() and len(literal) == length > 0:
                return True
    return False


def _function_start(result: ParseResult, line: int) -> int:
    """The first line of the innermost function around ``line`` (1 outside any)."""
    starts = [fn.line for fn in result.functions if fn.line <= line <= fn.end_line]
    return max(starts, default=1)


# A table built one row a line: java.net.http's HPACK Huffman code is 256 lines of
# ``addChar(tmpRoot, 0, 0x1ff8, 13);`` in a method (1,508 of the module's 1,832 magic numbers),
# the stdlib's opcode.py ``def_op('NOP', 9)`` at module level, socket.py ``errorTab[10004] =
# "…"``, a list of ``new MapEntry(SSL_CA, 5),`` one a line. A row is one call whose arguments
# are literals and names, or one literal stored at a literal or a name: no operator, no nested
# call (``stn(info.get("uname", ""), 32, …),`` is code).
_NUMBER_ATOM = (
    r"(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?"
    r"|\.\d[\d_]*(?:[eE][-+]?\d+)?)[lLnfFdDjJ]?"
)
_ROW_LITERAL = (
    rf"(?:[-+]?[ \t]*{_NUMBER_ATOM}"
    r"|[bBrRuU]{0,2}\"(?:[^\"\\\n]|\\.)*\"|[bBrRuU]{0,2}'(?:[^'\\\n]|\\.)*')"
)
_ROW_NAME = r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*"
_ROW_ATOM = rf"(?:{_ROW_LITERAL}|{_ROW_NAME})"
_ROW_END = r"[ \t]*[;,]?[ \t]*(?:(?://|#).*)?"
_TABLE_ROW = re.compile(
    rf"[ \t]*(?:new[ \t]+)?(?P<callee>{_ROW_NAME})[ \t]*\("
    rf"[ \t]*(?P<args>{_ROW_ATOM}(?:[ \t]*,[ \t]*{_ROW_ATOM})*)?[ \t]*,?[ \t]*\){_ROW_END}"
    rf"|[ \t]*(?P<target>{_ROW_NAME})[ \t]*\[[ \t]*(?P<key>{_ROW_ATOM})[ \t]*\]"
    rf"[ \t]*=[ \t]*(?P<value>{_ROW_LITERAL}){_ROW_END}"
)
_ROW_ATOMS = re.compile(_ROW_ATOM)
_NUMBER = re.compile(rf"[-+]?[ \t]*{_NUMBER_ATOM}")
# What a run of rows may hold between them: blank lines and comments.
_BETWEEN_ROWS = re.compile(r"[ \t]*(?:(?://|#|/\*|\*).*)?")
# How many rows make a table. In the stdlib, runs of three or fewer are a few calls in code:
# turtledemo's ``onscreenclick(goto, 1)`` for mouse buttons 1 to 3, crypt's two
# ``_add_method``; the tables (opcode.py's runs, socket's 95 keys, the JDK's 256 rows) are longer.
_TABLE_ROWS = 4


class _TableRows:
    """Which lines are rows of a table built one row a line (``_TABLE_ROW``): at least
    ``_TABLE_ROWS`` lines in a row (blank and comment lines between them) that call the same
    callee or store into the same container, each holding a number, and their items varying
    as a table's do: a number, and beside it another item (a key and its value), unless a row
    holds one item only (``BigInteger.valueOf(1000),`` on 16 lines). cmd.py's
    ``print_topics(…, 15, 80)`` three times passes the same numbers; Long's
    ``putChar(buf, 23, '-')`` (``buf[23] = '-'``) for the dashes of a UUID varies a place
    only: code, both. Only the lines of numbers that get this far are read, and their
    neighbours."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        # per line: (callee or container, its items), None for no row
        self._rows: dict[int, tuple[str, tuple[str, ...]] | None] = {}
        self._table: dict[int, bool] = {}

    def _row(self, line: int) -> tuple[str, tuple[str, ...]] | None:
        """The row on ``line`` (1-based): its callee or container, and its items."""
        if line in self._rows:
            return self._rows[line]
        found = _TABLE_ROW.fullmatch(self._lines[line - 1]) if line <= len(self._lines) else None
        row = None
        if found is not None:
            callee = found.group("callee")
            items = tuple(
                atom.replace(" ", "")
                for atom in (
                    _ROW_ATOMS.findall(found.group("args") or "")
                    if callee is not None
                    else (found.group("key"), found.group("value"))
                )
            )
            if any(_NUMBER.fullmatch(item) for item in items):
                row = (f"{callee}(" if callee is not None else f"{found.group('target')}[", items)
        self._rows[line] = row
        return row

    def holds(self, line: int) -> bool:
        """Whether ``line`` is a row of a table."""
        if line in self._table:
            return self._table[line]
        row = self._row(line)
        if row is None:
            self._table[line] = False
            return False
        run = [line, *self._run(line, row[0], -1), *self._run(line, row[0], 1)]
        is_table = len(run) >= _TABLE_ROWS and _varies_as_a_table(
            [found[1] for found in (self._rows[at] for at in run) if found is not None]
        )
        for at in run:
            self._table[at] = is_table
        return is_table

    def _run(self, line: int, frame: str, step: int) -> Iterator[int]:
        """The rows of the same callee or container going on from ``line`` by ``step``."""
        at = line + step
        while 1 <= at <= len(self._lines):
            row = self._row(at)
            if row is None:
                if not _BETWEEN_ROWS.fullmatch(self._lines[at - 1]):
                    return
            elif row[0] != frame:
                return
            else:
                yield at
            at += step


def _varies_as_a_table(rows: list[tuple[str, ...]]) -> bool:
    """Whether rows of items vary in a number and, when they hold more than one item, in
    another item too."""
    width = max(len(items) for items in rows)
    varying = [
        {items[place] if place < len(items) else "" for items in rows} for place in range(width)
    ]
    varying = [values for values in varying if len(values) > 1]
    numbers_vary = any(any(_NUMBER.fullmatch(value) for value in values) for values in varying)
    return numbers_vary and len(varying) >= min(width, 2)


def magic_numbers(
    path: str, result: ParseResult, text: str, declared_lines: frozenset[int]
) -> tuple[ConstantRow, ...]:
    """Unnamed numeric literals of one file (see the module docstring for the rules)."""
    if is_test_support(path, result) or is_example_code(path) or not result.numbers:
        return ()
    bit_size_places = _bit_size_places(result)
    # An enum's members name their values; its methods' code is code like any other (Java's
    # ``Month.length`` had ``leapYear ? 29 : 28`` pass where ``LocalDate``'s was magic).
    enum_lines: set[int] = set()
    for cls in result.classes:
        if cls.kind == "enum":
            enum_lines.update(range(cls.line, cls.end_line + 1))
    if enum_lines:
        enum_lines -= function_lines(result)
    lines = text.split("\n")
    status_checks = StatusChecks(lines, result.language)
    tables = _TableRows(lines)
    call = _CHAR_CODE_CALLS.get(result.language)
    hints = _CHAR_CODE_HINTS.get(result.language, ())
    codes = (
        _CharacterCodes(result, text, lines, call, hints)
        if call is not None and any(hint in text for hint in hints)
        else None
    )
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
        if _LOCAL_CONSTANT.match(line_text) or (
            result.language == "go" and _GO_LOCAL_CONST.match(line_text)
        ):
            # ``MAX_WRITE = 32 * 1024 // 4`` in a function, Go's ``const minLen = 1 << 16``
            # there: a named value too
            continue
        if number.value in _BIT_SIZES and (
            _in_bit_size_call(line_text, number.column)
            or _is_bit_size_argument(bit_size_places, line_text, number.column)
        ):
            continue  # ``strconv.ParseInt(s, 10, 64)``: a bit size the API asks for
        if _is_radix(result.language, number.value, line_text, number.column):
            continue  # ``parseInt(hex, 16)``: the notation's base
        if codes is not None and codes.compared(lines, number.line, number.column):
            continue  # ``path.charCodeAt(i) === 47``: a character, ``'/'``
        if _is_http_status(number.value, lines, number.line, number.column) or _FILE_MODE.match(
            number.raw
        ):
            continue  # ``reply.code(404)``, ``os.chmod(p, 0o644)``: names of their own
        if _strips_tested_affix(
            result.language, lines, number, _function_start(result, number.line)
        ):
            continue  # ``name[:-10]`` after ``name.endswith('Serializer')``: its length
        if status_checks.is_status(number.value, number.line, number.column):
            continue  # ``rcode == 101``, ``switch (statusCode) { case 301 -> …}``
        if tables.holds(number.line):
            continue  # ``addChar(tmpRoot, 0, 0x1ff8, 13);``, one of 256 such lines: data
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


# What matters to where a value ends: strings (their brackets are text), comments, brackets.
_PY_VALUE_TOKEN = re.compile(r"\"\"\"|'''|[\"'()\[\]{}#]")
_C_VALUE_TOKEN = re.compile(r"\"\"\"|[`\"'()\[\]{}]|//|/\*")
_MULTILINE_QUOTES = frozenset({'"""', "'''", "`"})
# A line ending with an operator, a comma or Python's backslash goes on (Go's ``A = 37 +`` in a
# ``const`` block); ``i++`` ends.
_GOES_ON = re.compile(r"[\\+\-*/%|&^,=.<>]$")
_ENDS_STEP = re.compile(r"(?:\+\+|--)$")


def _string_end(line: str, start: int, quote: str) -> int:
    """The offset after the ``quote`` closing a string whose text starts at ``start`` (one
    preceded by an odd number of backslashes is escaped), or -1 when the line does not close
    it."""
    position = start
    while True:
        found = line.find(quote, position)
        if found < 0:
            return -1
        escapes = 0
        while found - escapes > start and line[found - escapes - 1] == "\\":
            escapes += 1
        if escapes % 2 == 0:
            return found + len(quote)
        position = found + 1


def _value_end(lines: list[str], first: int, stop: int, language: str) -> int:
    """The last line (1-based) of the declaration on line ``first``: where its brackets close
    and no string, backslash or operator carries it on, before line ``stop`` (the next
    declaration's). A value whose brackets do not close by then (a JavaScript regex's ``/\\(/``
    opens one) keeps its first line only."""
    token = _PY_VALUE_TOKEN if language == "python" else _C_VALUE_TOKEN
    comment = "#" if language == "python" else "//"
    depth = 0
    carried = ""  # the quote of a string, or the "*/" of a comment, open at a line's end
    for number in range(first, min(stop, len(lines) + 1)):
        line = lines[number - 1]
        position, code_end = 0, len(line)
        while position < len(line):
            if carried:
                end = line.find("*/", position) + 2 if carried == "*/" else -1
                if carried != "*/":
                    end = _string_end(line, position, carried)
                if end < 2:
                    break
                carried, position = "", end
                continue
            m = token.search(line, position)
            if m is None:
                break
            found, position = m.group(), m.end()
            if found in "([{":
                depth += 1
            elif found in ")]}":
                depth -= 1
            elif found == comment:
                code_end = m.start()
                break
            elif found == "/*":
                carried = "*/"
            elif found in _MULTILINE_QUOTES:
                carried = found
            else:
                end = _string_end(line, position, found)
                position = end if end >= 0 else len(line)
        if depth < 0:
            return first
        code = line[:code_end].rstrip()
        if number == first and language != "python" and code.endswith(";"):
            return first  # the statement ends here, whatever the brackets say (``/\(/;``)
        goes_on = (
            depth > 0
            or carried in _MULTILINE_QUOTES
            or (bool(_GOES_ON.search(code)) and not _ENDS_STEP.search(code))
        )
        if not goes_on:
            return number
    return first


def _declared_spans(text: str, language: str, first_lines: list[int]) -> frozenset[int]:
    """Every line of the named-constant declarations starting on ``first_lines``: a value over
    several lines (httpx's ``FRAG_SAFE = "".join([chr(i) for i in range(0x20, 0x7F) …])``)
    names the numbers of all of them."""
    if not first_lines:
        return frozenset()
    lines = text.split("\n")
    starts = sorted(set(first_lines))
    spans: set[int] = set(starts)
    for first, stop in zip(starts, [*starts[1:], len(lines) + 1], strict=True):
        spans.update(range(first, _value_end(lines, first, stop, language) + 1))
    return frozenset(spans)


def constants(path: str, result: ParseResult, text: str) -> tuple[ConstantRow, ...]:
    """Named constants then magic numbers of one file."""
    named = named_constants(path, result, text)
    declared = _declared_spans(text, result.language, [row.line for row in named])
    if result.language == "go":
        # A package-level ``var`` of a constant expression names its numbers as a ``const``
        # does; it is no named-constant row (Go's constants are its ``const``s).
        declared |= _go_constant_vars(text, function_lines(result))
    return named + magic_numbers(path, result, text, declared)
