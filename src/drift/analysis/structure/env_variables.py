"""Environment-variable reads of one file, and the names a ``.env`` file defines.

Recognised reads (``access_method`` in brackets; only literal variable names count):

- Python: ``os.environ["X"]`` [``os.environ[]``], ``os.environ.get("X"[, d])``
  [``os.environ.get``], ``os.getenv("X"[, d])`` [``os.getenv``],
  ``os.environ.setdefault("X", d)`` [``os.environ.setdefault``] (``environ``/``getenv`` imported
  bare count too);
- JavaScript/TypeScript: ``process.env.X`` [``process.env``], ``process.env["X"]``
  [``process.env[]``], ``const { X, Y = d } = process.env`` [``process.env``],
  ``import.meta.env.X`` [``import.meta.env``], ``Deno.env.get("X")`` [``Deno.env.get``];
- Go: ``os.Getenv("X")`` [``os.Getenv``], ``os.LookupEnv("X")`` [``os.LookupEnv``];
- Java: ``System.getenv("X")`` [``System.getenv``],
  ``System.getenv().getOrDefault("X", d)`` [``System.getenv().getOrDefault``].

``has_default``: a default is given in the call, or the read is followed on its line by ``??``,
``||`` or ``or`` (or ``.orElse(`` in Java). ``framework_prefix``: a prefix that makes a front-end
framework expose the variable to the browser (``NEXT_PUBLIC_``, ``VITE_``, ``REACT_APP_``, …).
``defined_in_env`` is False here; ``mark_defined_in_env`` sets it from the names of ``.env`` files.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable

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
_DEFAULT_TAIL = re.compile(r"^\s*(?:\?\?|\|\||or\b|\)?\s*\.orElse\()")

# (access method, pattern); a pattern's ``more`` group is "," when the call passes a default.
_Rule = tuple[str, re.Pattern[str]]
_RULES: dict[str, tuple[_Rule, ...]] = {
    "python": (
        ("os.environ[]", re.compile(rf"(?<![\w.])(?:os\.)?environ\s*\[\s*{_Q}\s*\]")),
        (
            "os.environ.get",
            re.compile(rf"(?<![\w.])(?:os\.)?environ\.get\(\s*{_Q}\s*(?P<more>[,)])"),
        ),
        ("os.getenv", re.compile(rf"(?<![\w.])(?:os\.)?getenv\(\s*{_Q}\s*(?P<more>[,)])")),
        (
            "os.environ.setdefault",
            re.compile(rf"(?<![\w.])(?:os\.)?environ\.setdefault\(\s*{_Q}\s*(?P<more>[,)])"),
        ),
    ),
    "javascript": (
        ("process.env", re.compile(r"\bprocess\.env\.(?P<name>[A-Za-z_$][\w$]*)")),
        ("process.env[]", re.compile(rf"\bprocess\.env\[\s*{_Q}\s*\]")),
        ("import.meta.env", re.compile(r"\bimport\.meta\.env\.(?P<name>[A-Za-z_$][\w$]*)")),
        ("Deno.env.get", re.compile(rf"\bDeno\.env\.get\(\s*{_Q}\s*(?P<more>[,)])")),
    ),
    "go": (
        ("os.Getenv", re.compile(rf"\bos\.Getenv\(\s*{_Q}\s*\)")),
        ("os.LookupEnv", re.compile(rf"\bos\.LookupEnv\(\s*{_Q}\s*\)")),
    ),
    "java": (
        ("System.getenv", re.compile(rf"\bSystem\.getenv\(\s*{_Q}\s*\)")),
        (
            "System.getenv().getOrDefault",
            re.compile(rf"\bSystem\.getenv\(\s*\)\.getOrDefault\(\s*{_Q}\s*(?P<more>[,)])"),
        ),
    ),
}
_RULES["typescript"] = _RULES["javascript"]
_MARKERS = {"python": "environ", "javascript": "env", "typescript": "env", "go": "Env", "java": "getenv"}

_JS_DESTRUCTURE = re.compile(r"\{(?P<fields>[^{}]*)\}\s*=\s*process\.env\b")
_ALWAYS_DEFAULT = frozenset({"os.environ.setdefault", "System.getenv().getOrDefault"})
_DOTENV_LINE = re.compile(r"^\s*(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)\s*=", re.MULTILINE)


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


def env_variables(path: str, result: ParseResult, text: str) -> tuple[EnvVariableRow, ...]:
    """Every literal environment-variable read in one file, by line then column."""
    rules = _RULES.get(result.language)
    marker = _MARKERS.get(result.language)
    if rules is None or marker is None or marker not in text:
        return ()
    lines = text.split("\n")
    index = LineIndex(text)
    found: list[tuple[int, int, EnvVariableRow]] = []
    for method, pattern in rules:
        for m in pattern.finditer(text):
            line = index.line_of(m.start())
            if is_comment_line(lines[line - 1], result.language):
                continue
            more = m.groupdict().get("more")
            end = text.find("\n", m.end())
            tail = text[m.end() : end if end >= 0 else len(text)]
            has_default = (
                method in _ALWAYS_DEFAULT or more == "," or bool(_DEFAULT_TAIL.match(tail))
            )
            found.append((line, m.start(), _row(path, m.group("name"), line, method, has_default)))
    if result.language in {"javascript", "typescript"}:
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
    return [
        dataclasses.replace(row, defined_in_env=True) if row.name in defined else row
        for row in rows
    ]
