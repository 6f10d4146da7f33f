"""Environment-variable reads of one file, and the names a ``.env`` file defines.

Recognised reads (``access_method`` in brackets; only literal variable names count):

- Python: ``os.environ["X"]`` [``os.environ[]``], ``os.environ.get("X"[, d])``
  [``os.environ.get``], ``os.getenv("X"[, d])`` [``os.getenv``],
  ``os.environ.setdefault("X", d)`` [``os.environ.setdefault``] (``environ``/``getenv`` count
  bare only where ``from os import`` brought them in); an assignment ``os.environ["X"] = v``
  sets a variable and ``del os.environ["X"]`` (``delete process.env.X``) unsets one: no read;
- JavaScript/TypeScript: ``process.env.X`` [``process.env``], ``process.env["X"]``
  [``process.env[]``], ``const { X, Y = d } = process.env`` [``process.env``],
  ``import.meta.env.X`` [``import.meta.env``], ``Deno.env.get("X")`` [``Deno.env.get``];
- Go: ``os.Getenv("X")`` [``os.Getenv``], ``os.LookupEnv("X")`` [``os.LookupEnv``];
- Java: ``System.getenv("X")`` [``System.getenv``],
  ``System.getenv().getOrDefault("X", d)`` [``System.getenv().getOrDefault``].

``has_default``: a default is given in the call, or the read is followed on its line (or, when
it ends the line, at the start of the next) by ``??``, ``||`` or ``or`` (or ``.orElse(`` in
Java), also through a conversion or a method of the value (``Number(process.env.X) || 4``,
``process.env.X?.toLowerCase() || "info"``), unless the alternative is compared
(``A || B === "0"`` is a test). A read in a docstring or documentation comment is an example,
not a read, and so is one in a comment or inside a string (an error message showing the code
to write), but for a template literal's ``${…}``.
``framework_prefix``: a prefix that makes a front-end framework expose the variable to the
browser (``NEXT_PUBLIC_``, ``VITE_``, ``REACT_APP_``, …).
``defined_in_env`` is False here; ``mark_defined_in_env`` sets it from the names of ``.env`` files.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import NamedTuple

from msgspec.structs import replace

from drift.analysis.prose import ProseSpans
from drift.analysis.structure.source_text import LineIndex, is_comment_line
from drift.records.structural import EnvVariableRow
from drift.scan.model import ParseResult

FRAMEWORK_PREFIXES = (
    "NEXT_PUBLIC_",
    "NUXT_PUBLIC_",
    "REACT_APP_",
    "VITE_",
    "VUE_APP_",
    "GATSBY_",
    "EXPO_PUBLIC_",
    "PUBLIC_",
)

_Q = r"""(?P<q>['"`])(?P<name>[A-Za-z_][\w.\-]*)(?P=q)"""
# What may stand between a read and its fallback: a method of the value (``?.toLowerCase()``),
# the rest of a conversion's arguments and its closing parenthesis (``Number(…)``,
# ``parseInt(…, 10)``).
_WRAPPED = r"(?:\s*(?:\??\.[\w$]+\([^()\n]*\)|,[^()\n]*\)|\)))*"
_DEFAULT_TAIL = re.compile(rf"^{_WRAPPED}\s*(?:\?\?|\|\||or\b|\.orElse\()")
# An alternative that is compared is a boolean test (``A || B === "0"``), not a default.
_COMPARED = re.compile(r"[^;\n]*?(?:===?|!==?)")
_ASSIGNED = re.compile(r"\s*=(?!=)")
_DELETED = re.compile(r"\b(?:delete|del)\s+(?:\w+\.)?$")


class _Rule(NamedTuple):
    """One way to read a variable. ``marker`` is a literal every match contains (files
    without it skip the pattern); a pattern's ``more`` group is "," when a default is passed.
    Patterns start with a literal (the regex engine skips ahead to it); what may stand in front
    of a match is checked by ``_qualifier_ok``: ``qualifier`` ("os." for Python) or nothing
    that continues a name."""

    method: str
    marker: str
    pattern: re.Pattern[str]
    qualifier: str = ""


_RULES: dict[str, tuple[_Rule, ...]] = {
    "python": (
        _Rule(
            "os.environ[]",
            "environ",
            re.compile(rf"environ\s*\[\s*{_Q}\s*\]"),
            qualifier="os.",
        ),
        _Rule(
            "os.environ.get",
            "environ.get",
            re.compile(rf"environ\.get\(\s*{_Q}\s*(?P<more>[,)])"),
            qualifier="os.",
        ),
        _Rule(
            "os.getenv",
            "getenv",
            re.compile(rf"getenv\(\s*{_Q}\s*(?P<more>[,)])"),
            qualifier="os.",
        ),
        _Rule(
            "os.environ.setdefault",
            "environ.setdefault",
            re.compile(rf"environ\.setdefault\(\s*{_Q}\s*(?P<more>[,)])"),
            qualifier="os.",
        ),
    ),
    "javascript": (
        _Rule(
            "process.env",
            "process.env.",
            re.compile(r"process\.env\.(?P<name>[A-Za-z_$][\w$]*)"),
        ),
        _Rule("process.env[]", "process.env[", re.compile(rf"process\.env\[\s*{_Q}\s*\]")),
        _Rule(
            "import.meta.env",
            "import.meta.env.",
            re.compile(r"import\.meta\.env\.(?P<name>[A-Za-z_$][\w$]*)"),
        ),
        _Rule(
            "Deno.env.get",
            "Deno.env.get",
            re.compile(rf"Deno\.env\.get\(\s*{_Q}\s*(?P<more>[,)])"),
        ),
    ),
    "go": (
        _Rule("os.Getenv", "os.Getenv", re.compile(rf"os\.Getenv\(\s*{_Q}\s*\)")),
        _Rule("os.LookupEnv", "os.LookupEnv", re.compile(rf"os\.LookupEnv\(\s*{_Q}\s*\)")),
    ),
    "java": (
        _Rule(
            "System.getenv",
            "System.getenv(",
            re.compile(rf"System\.getenv\(\s*{_Q}\s*\)"),
        ),
        _Rule(
            "System.getenv().getOrDefault",
            "getOrDefault",
            re.compile(rf"System\.getenv\(\s*\)\.getOrDefault\(\s*{_Q}\s*(?P<more>[,)])"),
        ),
    ),
}
_RULES["typescript"] = _RULES["javascript"]

_JS_DESTRUCTURE = re.compile(r"\{(?P<fields>[^{}]*)\}\s*=\s*process\.env\b")
_ALWAYS_DEFAULT = frozenset({"os.environ.setdefault", "System.getenv().getOrDefault"})
_DOTENV_LINE = re.compile(r"^\s*(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)\s*=", re.MULTILINE)


def _qualifier_ok(text: str, start: int, qualifier: str, bare_names: Collection[str]) -> bool:
    """Whether the match at ``start`` stands on its own (or behind ``qualifier``), rather than
    being the tail of a longer name such as ``my_getenv``. With a qualifier, no other object
    may come in front either (``self.environ`` is not the process environment), and a match
    without it counts only when the file imported its first name bare (``from os import
    environ``): a WSGI handler's own ``environ`` dict is not the process environment. Without
    a qualifier, a dotted prefix is allowed (``globalThis.process.env``)."""
    qualified = bool(qualifier) and text.startswith(qualifier, start - len(qualifier))
    if qualified:
        start -= len(qualifier)
    elif qualifier and not any(text.startswith(name, start) for name in bare_names):
        return False
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before in "_$" or (qualifier and before == "."))


def _bare_imports(result: ParseResult) -> frozenset[str]:
    """Names a Python file imported unqualified from ``os`` (``from os import environ``)."""
    return frozenset(
        item.name
        for imported in result.imports
        if imported.source == "os"
        for item in imported.names
        if item.alias is None
    )


def framework_prefix(name: str) -> str | None:
    """The browser-exposing framework prefix ``name`` starts with, or None."""
    for prefix in FRAMEWORK_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return prefix
    return None


def _row(path: str, name: str, line: int, method: str, has_default: bool) -> EnvVariableRow:
    return EnvVariableRow(
        id=None,
        name=name,
        file=path,
        line=line,
        access_method=method,
        has_default=has_default,
        defined_in_env=False,
        framework_prefix=framework_prefix(name),
        created_at=None,
    )


def _present_rules(language: str, text: str) -> list[_Rule]:
    """The rules of ``language`` whose marker is in ``text``. A marker holding one found
    absent (``environ.get`` holds ``environ``) is absent too, without another search."""
    present: list[_Rule] = []
    absent: list[str] = []
    for rule in _RULES.get(language, ()):
        if any(marker in rule.marker for marker in absent):
            continue
        if rule.marker in text:
            present.append(rule)
        else:
            absent.append(rule.marker)
    return present


# ``env = os.environ``, rich's ``_environ: Mapping[str, str] = os.environ`` in a class body or
# ``self._environ = os.environ``: another name of the process environment.
_ENVIRON_ALIAS = re.compile(
    r"^[ \t]*(?:self\.|cls\.)?(?P<alias>[A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?="
    r"[ \t]*os\.environ[ \t]*(?:#.*)?$",
    re.MULTILINE,
)


def _environ_aliases(text: str) -> frozenset[str]:
    """The names a Python file gives ``os.environ``, directly or through another of them
    (rich's ``environ = self._environ``)."""
    if "os.environ" not in text:
        return frozenset()
    found = {m.group("alias") for m in _ENVIRON_ALIAS.finditer(text)}
    for _ in range(3):
        known = "|".join(re.escape(name) for name in sorted(found))
        onward = re.compile(
            rf"^[ \t]*(?:self\.|cls\.)?(?P<alias>[A-Za-z_]\w*)[ \t]*="
            rf"[ \t]*(?:self\.|cls\.)?(?:{known})[ \t]*$",
            re.MULTILINE,
        )
        more = {m.group("alias") for m in onward.finditer(text)} - found
        if not more:
            break
        found |= more
    return frozenset(found)


def _alias_rules(text: str, aliases: Collection[str]) -> list[_Rule]:
    """Reads through a name the file gives ``os.environ`` (``self._environ.get("TERM")``),
    reported as the reads they are (rich's ten terminal variables had been missed)."""
    rules: list[_Rule] = []
    for alias in sorted(aliases):
        name = re.escape(alias)
        rules.append(
            _Rule(
                "os.environ.get",
                f"{alias}.get",
                re.compile(rf"{name}\.get\(\s*{_Q}\s*(?P<more>[,)])"),
            )
        )
        rules.append(_Rule("os.environ[]", f"{alias}[", re.compile(rf"{name}\[\s*{_Q}\s*\]")))
    return [rule for rule in rules if rule.marker in text]


def _what_follows(lines: list[str], line: int, text: str, end: int) -> str:
    """The rest of the read's line, or when nothing follows it there, the next line: a
    fallback often opens the line after (``os.environ.get("A")\n    or os.environ.get("B")``,
    requests's CA bundle)."""
    stop = text.find("\n", end)
    tail = text[end : stop if stop >= 0 else len(text)]
    if tail.strip() or line >= len(lines):
        return tail
    return lines[line]


def env_variables(
    path: str, result: ParseResult, text: str, *, documentation: Collection[int] = ()
) -> tuple[EnvVariableRow, ...]:
    """Every literal environment-variable read in one file, by line then column. A read on
    a line of ``documentation`` (a docstring, a doc comment) is an example, not a read."""
    rules = _present_rules(result.language, text)
    aliases = _environ_aliases(text) if result.language == "python" else frozenset()
    if aliases:
        rules.extend(_alias_rules(text, aliases - {"environ"}))
    destructures = result.language in {"javascript", "typescript"} and "process.env" in text
    if not rules and not destructures:
        return ()
    lines = text.split("\n")
    index = LineIndex(text)
    bare = _bare_imports(result) if result.language == "python" else frozenset()
    if "environ" in aliases:
        bare |= {"environ"}  # ``environ = self._environ`` (rich): the process environment
    found: list[tuple[int, int, EnvVariableRow]] = []
    prose: ProseSpans | None = None
    for method, _, pattern, qualifier in rules:
        for m in pattern.finditer(text):
            if not _qualifier_ok(text, m.start(), qualifier, bare):
                continue
            if _ASSIGNED.match(text, m.end()):
                continue  # `os.environ["X"] = …` sets a variable, it does not read one
            if _DELETED.search(text, max(0, m.start() - 16), m.start()):
                continue  # `delete process.env.X`, `del os.environ["X"]`: it unsets one
            line = index.line_of(m.start())
            if line in documentation or is_comment_line(lines[line - 1], result.language):
                continue
            if prose is None:
                prose = ProseSpans(text, result.language)
            if prose.in_prose(text, m.start()):
                continue  # ``"set process.env.X first"``: a message, not a read
            more = m.groupdict().get("more")
            has_default = method in _ALWAYS_DEFAULT or more == ","
            if not has_default:
                follows = _what_follows(lines, line, text, m.end())
                fallback = _DEFAULT_TAIL.match(follows)
                has_default = fallback is not None and not _COMPARED.match(follows, fallback.end())
            found.append((line, m.start(), _row(path, m.group("name"), line, method, has_default)))
    if destructures:
        for m in _JS_DESTRUCTURE.finditer(text):
            line = index.line_of(m.start())
            for field in m.group("fields").split(","):
                key = field.split(":", 1)[0].split("=", 1)[0].strip()
                if re.fullmatch(r"[A-Za-z_$][\w$]*", key):
                    row = _row(path, key, line, "process.env", "=" in field)
                    found.append((line, m.start(), row))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(row for _, _, row in found)


def dotenv_names(text: str) -> frozenset[str]:
    """The variable names a ``.env``-style file (``NAME=value`` lines) defines."""
    return frozenset(m.group("name") for m in _DOTENV_LINE.finditer(text))


def mark_defined_in_env(
    rows: Iterable[EnvVariableRow], defined: Collection[str]
) -> list[EnvVariableRow]:
    """``rows`` with ``defined_in_env`` set for the names in ``defined``."""
    return [replace(row, defined_in_env=True) if row.name in defined else row for row in rows]
