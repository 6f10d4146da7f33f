"""Code the installed grammars do not parse, blanked out, offsets kept: TypeScript and
JavaScript, one Python case (a comment at column 0 between a decorator and its ``def``) and
two of Java 25 (``_MODULE_IMPORT``, ``_LATE_CONSTRUCTOR_CALL``).

tree-sitter-typescript 0.23.2, the newest on PyPI, errors on six things real code is full of,
and loses the rest of the declaration each time. In Effect's sources 185 of 548 files carried
such errors; 3 do now. The parser is handed a copy of the file with the offending bytes turned
into spaces (or one space of indentation into a ``;``), so lines, columns and byte offsets stay
those of the file, and every text (names, string literals) is still read from the file itself.
A match inside a string or comment only changes the parser's copy.

- **Variance annotations** (TypeScript 4.7): ``interface Sink<out A, in E>``. After ``<`` or
  ``,`` (and any comments), an ``in`` and/or ``out`` keyword, one name, then ``,``, ``>``, ``=``
  or ``extends``: two names side by side are valid nowhere else. The keywords are blanked.
- **Type arguments of a tagged template**: ``sql<Row>`SELECT …```. Only a ``<`` right after a
  name or closing bracket opens them; they are blanked, and ``sql   `…``` is the same call.
- **Type-only star re-exports** (TypeScript 5.0): ``export type * from "./types"``; the
  ``type`` is blanked, which leaves the re-export.
- **Import types with type arguments**: ``import("./columns").PgColumn<Config>`` where a type
  stands; ``import("./columns").`` is blanked, leaving ``PgColumn<Config>``.
- **JavaScript import attributes**: ``import d from "./d.json" assert { type: "json" }`` (and
  ``with`` after an export): tree-sitter-javascript 0.25 knows only ``with`` after an import.
  The clause, which says how to load the module, is blanked.
- **Auto-accessors** (TypeScript 4.9, and JavaScript's decorators proposal): ``accessor x = 1``
  in a class; the keyword is blanked, leaving the field.
- **``using`` as a name** (JavaScript and TypeScript): ``using += …``, ``using(…)``; see
  ``_USING_NAME``.
- **A bare class field before a computed-key member** (JavaScript): ``#abort`` then
  ``[kResume] = null``; see ``_end_bare_fields``.
- **A member after one with no semicolon** that starts with type parameters or is named ``in``:
  see ``_NEXT_MEMBER``, and ``_NEXT_TSX_MEMBER`` for ``.tsx``, where a line starting with ``<``
  may be a JSX element.
- **An escaped backtick in a template literal type**: see ``_ESCAPED_BACKTICK``.
- **Anonymous default function signatures** in declaration files: ``export default function
  (): { … };``. A signature has no name and no body, nothing extraction reads: it is blanked
  up to its semicolon. An implementation (with a body) is left alone.
- **``global { … }`` inside ``declare module "m" { … }``** (global augmentation, all over
  ``@types/node``): ``global`` is blanked, and the block declares what it declared.
- **Reserved words as JavaScript export names** (ES2022): ``export { _null as null }``. The
  word's first byte becomes ``_`` in the parser's copy; the name is read from the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

# Each pattern starts with a literal (a keyword, ``import(``, a newline) that the regex engine
# finds fast; the context before it (a ``<`` or ``,``, a quote) is checked only for the few
# matches. A lookbehind would be tried at every byte: a fifth of the parse time of a file.
_PARAMETER_AFTER: Final = (
    rb"\s+(?!(?:in|out|extends|keyof|typeof|const)\b)[A-Za-z_$][\w$]*\s*(?:[,>=]|extends\b)"
)
# Two patterns, each with a literal start: ``in`` (alone, or before ``out``), then ``out`` (so
# ``in out T`` has its ``in`` blanked first).
_VARIANCE: Final = (
    re.compile(rb"in(?=(?:\s+out)?" + _PARAMETER_AFTER + rb")"),
    re.compile(rb"out(?=" + _PARAMETER_AFTER + rb")"),
)
_GRAMMARS: Final = frozenset({"typescript", "tsx"})
# ``export type * from "./types"`` (TypeScript 5.0): the ``type`` is blanked, leaving the plain
# re-export it narrows.
_TYPE_STAR_EXPORT: Final = re.compile(rb"type(?=[ \t]+\*)")
# ``x: import("./columns").PgColumn<Config>``: an import type with type arguments, all over
# generated declarations. The ``import("…").`` is blanked, leaving ``PgColumn<Config>``. Only
# where a type stands (after ``:``, ``<``, ``,``, ``|``, ``&``, ``=``, ``=>`` or ``(``) and before
# type arguments, ``[]``, or a union or the end of a parenthesised type (drizzle's
# ``(import("…").PgPolicy | undefined)[]``): a dynamic import in code goes on with ``.then(``.
_IMPORT_TYPE: Final = re.compile(
    rb"import\([ \t]*(?:\"[^\"\n]*\"|'[^'\n]*')[ \t]*\)\."
    rb"(?=(?!(?:then|catch|finally)\b)[A-Za-z_$][\w$.]*(?:<|\[\]|[ \t]*[|&)]))"
)
# ``import data from "./d.json" assert { type: "json" }``: tree-sitter-javascript 0.25 knows
# only ``with`` after an import, and neither after an export. The attributes say how to load the
# module, nothing extraction reads: the clause after the module's quote is blanked.
_IMPORT_ATTRIBUTES: Final = tuple(
    re.compile(keyword + rb"[ \t]*\{[^}\n]*\}(?=[ \t]*;?[ \t]*(?:$|//|/\*))", re.M)
    for keyword in (b"assert", b"with")
)
# ``accessor x = 1`` (TypeScript 4.9 auto-accessors, the decorators of Lit and of TC39): the
# grammar takes ``accessor`` for a field's name and errors on the real one. The keyword is
# blanked, which leaves the field it declares; only where a member starts (see
# ``_starts_member``), and never before an operator (``accessor in obj``).
_ACCESSOR: Final = re.compile(
    rb"accessor(?=[ \t]+(?!(?:in|instanceof|as|satisfies)\b)[#\[A-Za-z_$'\"])"
)
_MEMBER_MODIFIERS: Final = (
    b"static", b"public", b"private", b"protected", b"readonly", b"override", b"declare",
    b"abstract",
)  # fmt: skip
_WORD_BYTES: Final = frozenset(
    bytes([b]) for b in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$"
)
_SPACES: Final = bytes(0x0A if byte == 0x0A else 0x20 for byte in range(256))


def _blank(data: bytes) -> bytes:
    """``data`` as spaces, its line breaks kept."""
    return data.translate(_SPACES)


def _after(source: bytes, start: int, openers: bytes) -> bool:
    """Whether the last byte before ``start``, blanks and line breaks aside, is one of
    ``openers`` (date-fns's declarations put each type argument on a line of its own)."""
    before = source[max(0, start - 200) : start].rstrip()
    return before[-1:] != b"" and before[-1] in openers


def _opens_parameter(source: bytes, at: int) -> bool:
    """Whether the word at ``at`` starts a type parameter: after ``<`` or ``,``, read back over
    comments (``<\n  /** … */\n  out Shape``)."""
    if at > 0 and source[at - 1 : at] in _WORD_BYTES:
        return False  # inside a word: ``within``, ``checkout``
    return _last_code(source, at).endswith((b"<", b","))


def _starts_member(source: bytes, at: int) -> bool:
    """Whether the word at ``at`` starts a class member: first on its line, or after ``{``,
    ``;``, ``}`` or a modifier (``static accessor``)."""
    if at > 0 and source[at - 1 : at] in _WORD_BYTES:
        return False  # inside a word: ``getaccessor``
    before = source[source.rfind(b"\n", 0, at) + 1 : at].rstrip()
    return not before or before.endswith((b"{", b";", b"}", *_MEMBER_MODIFIERS))


def _after_export(source: bytes, at: int) -> bool:
    return source[source.rfind(b"\n", 0, at) + 1 : at].strip() == b"export"


def _after_quote(source: bytes, at: int) -> bool:
    return _after(source, at, b"\"'")


def _where_a_type_stands(source: bytes, at: int) -> bool:
    # ``>`` for a function type's result: ``() => import("./x").Decorator<string>``; ``(`` for
    # a parenthesised union (``(import("./x").Policy | undefined)[]``).
    return _after(source, at, b":<,|&=>(")


# ``using`` as a name (knex's ``let using = ""`` then ``using += …``, a function ``using(…)``,
# drizzle's parameter ``using(using: string)``): the grammars know ``using x = …`` declarations
# (TypeScript 5.2) and error on the name followed by an operator, a member, a call or a type.
# Its first byte becomes ``_`` in the parser's copy; the name is read from the file.
_USING_NAME: Final = re.compile(
    rb"using(?=[ \t]*(?:[-+*/%&|^]?=(?!=)|\+\+|--|\.|\[|\(|[;,)\]}]|\n|\??:))"
)
_USING_GRAMMARS: Final = frozenset({"javascript", "typescript", "tsx"})


def _rename_using(source: bytes) -> Callable[[re.Match[bytes]], bytes]:
    def rename(match: re.Match[bytes]) -> bytes:
        at = match.start()
        if at > 0 and (source[at - 1 : at] in _WORD_BYTES or source[at - 1 : at] == b"."):
            return match.group()  # part of a longer name, or a member: ``x.using(…)``
        return b"_" + match.group()[1:]

    return rename


# Python: a comment at column 0 between an indented decorator and its ``def`` (pydantic's
# mypy test outputs) dedents the block for tree-sitter-python, which then errors on the
# decorator. Comments carry nothing extraction reads there: the lines are blanked.
_DECORATED_COMMENTS: Final = re.compile(rb"\n((?:#[^\n]*\n)+)(?=[ \t]+(?:def|async|class|@))")


# Java 25: module imports (``import module java.base;``, JEP 511) and statements before a
# constructor's ``super(…)`` or ``this(…)`` (JEP 513). tree-sitter-java 0.23 knows neither. The
# ``module`` keyword is blanked, leaving an import of the module's name; a ``super(`` or
# ``this(`` after a statement (a ``;`` or ``}`` before it) becomes a plain call in the parser's
# copy (first byte ``_``), as the grammar allows anywhere.
_MODULE_IMPORT: Final = re.compile(rb"(?<=import )module(?=[ \t]+[\w.]+[ \t]*;)")
_LATE_CONSTRUCTOR_CALL: Final = re.compile(rb"(?:super|this)(?=[ \t]*\()")


def _late_constructor_call(source: bytes) -> Callable[[re.Match[bytes]], bytes]:
    def rename(match: re.Match[bytes]) -> bytes:
        at = match.start()
        if at > 0 and (source[at - 1 : at] in _WORD_BYTES or source[at - 1 : at] == b"."):
            return match.group()
        before = source[max(0, at - 200) : at].rstrip()
        if before.endswith((b";", b"}")) and not before.endswith(b"->"):
            return b"_" + match.group()[1:]
        return match.group()

    return rename


def _blank_where(
    patterns: tuple[re.Pattern[bytes], ...], source: bytes, fits: Callable[[bytes, int], bool]
) -> bytes:
    """``source`` with each match of each of ``patterns`` in turn blanked where ``fits(text,
    start)``, ``text`` being the source as that pattern finds it."""
    for pattern in patterns:
        source = _blank_matches(pattern, source, fits)
    return source


def _blank_matches(
    pattern: re.Pattern[bytes], text: bytes, fits: Callable[[bytes, int], bool]
) -> bytes:
    def blank_if_fits(match: re.Match[bytes]) -> bytes:
        return _blank(match.group()) if fits(text, match.start()) else match.group()

    return pattern.sub(blank_if_fits, text)


def parser_input(source: bytes, grammar: str) -> bytes:
    """The bytes to hand ``grammar``'s parser for ``source``: the same length, the same lines."""
    if grammar == "python":
        if b"\n#" in source and b"@" in source:
            source = _DECORATED_COMMENTS.sub(lambda m: b"\n" + _blank(m.group(1)), source)
        return source
    if grammar == "java":
        if b"import module" in source:
            source = _MODULE_IMPORT.sub(lambda m: _blank(m.group()), source)
        if b"super(" in source or b"this(" in source:
            source = _LATE_CONSTRUCTOR_CALL.sub(_late_constructor_call(source), source)
        return source
    if b"using" in source and grammar in _USING_GRAMMARS:
        source = _USING_NAME.sub(_rename_using(source), source)
    if grammar == "javascript":
        if b"assert" in source or b"with" in source:
            source = _blank_where(_IMPORT_ATTRIBUTES, source, _after_quote)
        if b"as " in source:
            source = _RESERVED_EXPORT_NAME.sub(lambda m: b"_" + m.group()[1:], source)
        if b"accessor" in source:
            source = _blank_where((_ACCESSOR,), source, _starts_member)
        if b"\n" in source and b"[" in source:
            source = _end_bare_fields(source)
        return source
    if grammar not in _GRAMMARS:
        return source
    if b"in " in source or b"out " in source:
        source = _blank_where(_VARIANCE, source, _opens_parameter)
    if b">`" in source:
        source = _untyped_tags(source)
    if b"export type" in source:
        source = _blank_where((_TYPE_STAR_EXPORT,), source, _after_export)
    if b"import(" in source:
        source = _blank_where((_IMPORT_TYPE,), source, _where_a_type_stands)
    if b"accessor" in source:
        source = _blank_where((_ACCESSOR,), source, _starts_member)
    if b"global" in source:
        source = _MODULE_GLOBAL.sub(lambda m: _blank(m.group()), source)
    if b"default" in source:
        source = _default_signatures(source)
    if b"\\`" in source:
        source = _ESCAPED_BACKTICK.sub(_blank_escaped_backtick, source)
    return _end_members(source, _NEXT_MEMBER if grammar == "typescript" else _NEXT_TSX_MEMBER)


# An escaped backtick (``\```) in a template literal type (drizzle's `` `Please install
# \`${T}\`` ``): tree-sitter-typescript ends the type at it. In the parser's copy the escape
# becomes two spaces, in any string, template, regex or comment (none is read from the copy);
# a backslash that is itself escaped (``\\`` then the closing backtick) is left alone.
_ESCAPED_BACKTICK: Final = re.compile(rb"\\+`")


def _blank_escaped_backtick(match: re.Match[bytes]) -> bytes:
    run = match.group()
    if (len(run) - 1) % 2 == 0:
        return run  # an even run of backslashes: escaped backslashes, then a real backtick
    return run[:-2] + b"  "


# A member of an object type or class that follows one ended without a semicolon, and starts
# with type parameters (``<A>(x: A): A``, Effect's ``dual`` overloads) or is named ``in`` or
# ``instanceof`` (OpenAPI's ``in: "query"``): the grammar reads on, taking the ``<`` for type
# arguments of the previous member's type or the name for an operator. One space of the
# indentation becomes a ``;``, which ends the previous member as the newline does for TypeScript.
_NEXT_MEMBER: Final = re.compile(
    rb"\n([ \t]+)(?="
    rb"<\s*(?:const\s+)?[A-Za-z_$][\w$]*\s*(?:[,>=]|extends\b)"  # <A>(x: A): A
    rb"|(?:in|instanceof)\??:"  # a member named like an operator: in: "query" | "header"
    rb")"
)
# In TSX a line may start with a JSX element, ``<Item>``: there only type parameters no element
# can start with (``<A,``, ``<A =``, ``<A extends``, or ``<A>(``) are a member's.
_NEXT_TSX_MEMBER: Final = re.compile(
    rb"\n([ \t]+)(?="
    rb"<\s*(?:const\s+)?[A-Za-z_$][\w$]*\s*(?:[,=]|extends\b|>\s*\()"
    rb"|(?:in|instanceof)\??:"
    rb")"
)
# What may end a member's type: a name, a closing bracket, a quote, ``>`` (but not ``=>``).
_TYPE_END: Final = re.compile(rb"(?:[\w$)\]}'\"`]|(?<!=)>)\Z")


def _last_code(source: bytes, end: int) -> bytes:
    """The code on the last line before ``end`` that holds any, comments left out."""
    while end > 0:
        start = source.rfind(b"\n", 0, end - 1) + 1
        text = source[start:end].strip()
        if text.endswith(b"*/"):
            opening = source.rfind(b"/*", 0, start + len(source[start:end].rstrip()) - 2)
            if opening < 0:
                return text
            end = opening
            continue
        comment = text.find(b"//")
        if comment >= 0 and (comment == 0 or text[comment - 1 : comment] in (b" ", b"\t")):
            text = text[:comment].rstrip()
        if text:
            return text
        end = start
    return b""


# A class field without an initializer, then a computed-key member on a line of its own
# (undici's ``#abort`` then ``[kResume] = null``): JavaScript ends the field at the line end, but
# tree-sitter-javascript reads ``#abort[kResume]``. One space of the ``[`` line's indentation
# becomes a ``;``, an empty class element.
_COMPUTED_MEMBER: Final = re.compile(rb"\n([ \t]+)(?=\[)")
_BARE_FIELD: Final = re.compile(
    rb"^(?:(?:static|readonly|declare|public|private|protected)[ \t]+)*#?[A-Za-z_$][\w$]*\Z"
)


def _end_bare_fields(source: bytes) -> bytes:
    changed: bytearray | None = None
    for match in _COMPUTED_MEMBER.finditer(source):
        if not _BARE_FIELD.match(_last_code(source, match.start(1))):
            continue
        if changed is None:
            changed = bytearray(source)
        changed[match.end(1) - 1] = ord(";")
    return source if changed is None else bytes(changed)


def _end_members(source: bytes, members: re.Pattern[bytes]) -> bytes:
    changed: bytearray | None = None
    for match in members.finditer(source):
        line_start, indent_end = match.start(1), match.end(1)
        if not _TYPE_END.search(_last_code(source, line_start)):
            continue
        if changed is None:
            changed = bytearray(source)
        changed[indent_end - 1] = ord(";")
    return source if changed is None else bytes(changed)


# A tagged template with type arguments, ``sql<{ count: number }>`SELECT …```: the grammar has no
# such call. The type arguments are blanked (a newline inside them stays): ``sql   `…``` is the
# same call to extraction. Only a ``<`` right after a name or a closing bracket opens them, so a
# comparison or JSX never matches.
_TAG_OPENER: Final = re.compile(rb"[\w$)\]]\Z")
_TYPE_ARGUMENTS_MAX: Final = 400


def _type_arguments_start(source: bytes, close: int) -> int:
    """The index of the ``<`` matching the ``>`` at ``close``, or -1."""
    depth = 0
    index = close
    floor = max(0, close - _TYPE_ARGUMENTS_MAX)
    while index >= floor:
        char = source[index]
        if char == 0x3E and source[index - 1 : index] != b"=":  # ``>``, not the arrow's
            depth += 1
        elif char == 0x3C:  # ``<``
            depth -= 1
            if depth == 0:
                return index if _TAG_OPENER.search(source[max(0, index - 1) : index]) else -1
        elif char == 0x60:  # a backtick: another template
            return -1
        index -= 1
    return -1


def _untyped_tags(source: bytes) -> bytes:
    changed: bytearray | None = None
    close = source.find(b">`")
    while close >= 0:
        start = _type_arguments_start(source, close)
        if start >= 0:
            if changed is None:
                changed = bytearray(source)
            changed[start : close + 1] = _blank(source[start : close + 1])
        close = source.find(b">`", close + 2)
    return source if changed is None else bytes(changed)


# ``export { _null as null }``: ES2022 takes any name after ``as`` in an export list;
# tree-sitter-javascript 0.25 errors on a reserved word there (zod exports ``null``, ``function``,
# ``instanceof``). ``as`` is no operator in JavaScript, so the match is an export or import list.
_RESERVED_EXPORT_NAME: Final = re.compile(
    rb"(?<=\bas[ \t])[ \t\r\n]*\b(?:null|true|false|function|class|new|delete|in|instanceof|"
    rb"typeof|void|if|else|for|while|do|return|switch|case|break|continue|throw|try|catch|"
    rb"finally|var|const|import|export|extends|super|this|with|debugger)\b(?=\s*[,}])"
)
# ``global {`` opening a line, as it does inside ``declare module "m" { … }``; at the top level
# the grammar knows ``declare global {``, where ``global`` does not open the line.
_MODULE_GLOBAL: Final = re.compile(rb"(?m)^[ \t]*global(?=[ \t]*\{)")
_DEFAULT_FUNCTION: Final = re.compile(rb"export[ \t]+default[ \t]+function(?=[ \t]*[<(])")
_SIGNATURE_MAX: Final = 4000
_OPENERS: Final = b"([{<"
_CLOSERS: Final = b")]}>"
# What may come right before a ``{`` that opens an object type rather than a body.
_TYPE_CONTEXT: Final = b":|&,=(<[?"


def _signature_end(source: bytes, start: int) -> int:
    """The index just past the end of the bodiless signature from ``start`` (after ``export
    default function``), or -1 if a body comes first or the end is not found. The signature
    ends at a ``;``, or, once its parameters are closed, at a line break where the type does not
    go on (after ``:``, ``|``, ``=>``…) or at the ``}`` that closes the block around it
    (``declare module "m" { export default function (): void }``)."""
    depth = 0
    previous = 0  # the last byte outside blanks (``=>`` reads as ``=``: the type goes on)
    parameters_closed = False
    index = start
    end = min(len(source), start + _SIGNATURE_MAX)
    while index < end:
        char = source[index]
        if char in b" \t\r\n":
            if char == 0x0A and parameters_closed and depth == 0 and previous not in _TYPE_CONTEXT:
                return index
            index += 1
            continue
        if char in b"'\"`":
            close = source.find(bytes([char]), index + 1, end)
            if close < 0:
                return -1
            index = close + 1
            previous = char
            continue
        if char == 0x3E and previous == 0x3D:  # the ``>`` of ``=>``
            index += 1
            continue
        if char == 0x7B and depth == 0 and previous not in _TYPE_CONTEXT:
            return -1  # a body: ``function (a) {`` or ``function (): T {``
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth < 0:
                return index if parameters_closed else -1  # the enclosing block's ``}``
            if depth == 0 and char == 0x29:  # ``)``
                parameters_closed = True
        elif char == 0x3B and depth == 0:
            return index + 1
        previous = char
        index += 1
    return -1


def _default_signatures(source: bytes) -> bytes:
    changed: bytearray | None = None
    for match in _DEFAULT_FUNCTION.finditer(source):
        end = _signature_end(source, match.end())
        if end < 0:
            continue
        if changed is None:
            changed = bytearray(source)
        changed[match.start() : end] = _blank(source[match.start() : end])
    return source if changed is None else bytes(changed)
