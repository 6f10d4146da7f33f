"""Comments addressed to tools rather than to readers: ``# noqa: BLE001``, ``// @ts-ignore``.

A directive tells a linter, type checker, coverage tool or compiler what to do; it says nothing
about why the code is as it is. ``except Exception:  # noqa: BLE001`` silences Ruff's rule
against catching everything, which is the opposite of explaining the choice. So ``explanation``
removes every directive, with its arguments (rule codes, rule names, check lists), and keeps what
a person wrote: ``# noqa: BLE001 - plugin errors must not stop the render`` still explains.

Recognised: ``noqa``, ``type: ignore[…]``, ``pyright: ignore[…]``, ``mypy: …``,
``pragma: no cover``/``no branch``, ``pylint: disable=…``, ``nosec B110``, ``fmt: off``,
``isort: skip``, ``eslint-disable…``/``eslint-enable`` and Oxlint's ``oxlint-disable…`` (the
rule list up to `` -- ``), Biome's ``biome-ignore lint/rule`` (its reason after the colon kept),
``tslint:disable…``, ``prettier-ignore``, ``istanbul ignore …``, ``c8 ignore …``,
``@ts-ignore``/``@ts-expect-error``/``@ts-nocheck``, ``NOLINT``/``NOLINTNEXTLINE(…)``, ``NOSONAR``,
``noinspection …``, ``drift-ignore[: ids]``, ``nolint[:linters]`` and Go's ``//go:…`` and
``//line`` directives.
"""

from __future__ import annotations

import re
from typing import Final

# A rule code such as BLE001, E722 or B110.
_CODE = r"[A-Za-z]+[0-9]+"
_CODES = rf"{_CODE}(?:\s*,\s*{_CODE})*"
# A rule or check name: no-empty, @typescript-eslint/no-explicit-any, broad-except, errcheck.
_NAME = r"[@\w][\w@/.\-]*"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*"
# A drift-ignore rule id or glob: errors/error-gap-swallowed, security/*, ERR-1.
_RULE = r"[\w*?][\w*?/.:\-]*"

_DIRECTIVES: Final = re.compile(
    r"(?<![\w@-])(?:"
    rf"(?i:noqa)(?:\s*:\s*{_CODES})?"
    rf"|(?:type|pyright)\s*:\s*ignore(?:\[[^\]]*\])?"
    rf"|mypy\s*:\s*(?:ignore-errors|disable-error-code\s*=\s*{_NAMES}|{_NAMES})"
    r"|pragma\s*:\s*no\s*(?:cover|branch)"
    rf"|pylint\s*:\s*(?:disable|enable|disable-next|skip-file)(?:\s*=\s*{_NAMES})?"
    rf"|nosec(?:\s*:?\s*{_CODES})?"
    r"|fmt\s*:\s*(?:off|on|skip)"
    r"|isort\s*:\s*(?:skip_file|skip|off|on)"
    # ESLint reads every word after the directive as a rule name, up to `` -- `` and a
    # description; so the list runs to there (or to the comment's end).
    # Oxlint and Biome's JavaScript linters take ESLint's form.
    r"|(?:eslint|oxlint)-(?:disable|enable)(?:-next-line|-line)?(?:[ \t]+(?:(?!--)[^\n*])*)?"
    r"|biome-ignore(?:-all|-start|-end)?(?:[ \t]+[\w/@\-]+(?:\([^)]*\))?)?(?=:|\s|$)"
    rf"|tslint\s*:\s*(?:disable|enable)(?:-next-line|-line)?(?:[ \t]+{_NAMES})?"
    r"|prettier-ignore"
    r"|(?:istanbul|c8)[ \t]+ignore(?:[ \t]+(?:next|if|else|file|start|stop))?"
    r"|@ts-(?:ignore|expect-error|nocheck|check)"
    rf"|NOLINT(?:NEXTLINE|BEGIN|END)?(?:\({_NAMES}\))?"
    r"|NOSONAR"
    rf"|noinspection(?:[ \t]+{_NAMES})?"
    rf"|drift-ignore(?:-next-line)?(?:\s*:\s*{_RULE}(?:\s*,\s*{_RULE})*)?"
    rf"|nolint(?::{_NAMES})?"
    r")"
)
# Go's compiler directives take the whole line: ``//go:generate stringer -type=Kind``.
_GO_DIRECTIVE: Final = re.compile(r"^//(?:go:|line )")
# What opens, continues or closes a comment: ``#``, ``//``, ``/*``, ``*``, ``*/``, ``<!--``,
# ``-->``, also where a second comment starts after a directive's codes (``…BLE001  # reason``).
_MARKER: Final = re.compile(r"#+|/{2,}|/\*+|\*+/?|<!--|-->")
_LEADING_DASHES: Final = re.compile(r"^--(?=\s)")  # SQL's and Lua's line comment
_WORD: Final = re.compile(r"[^\W\d_]{2,}")


def explanation(comment: str) -> str:
    """What ``comment`` (its whole text, markers included) says to a reader once the tool
    directives and their arguments are gone; empty when it is directives only."""
    if _GO_DIRECTIVE.match(comment.lstrip()):
        return ""
    text = _LEADING_DASHES.sub("", comment.strip())
    words = _DIRECTIVES.sub(" ", text).split()
    return " ".join(word for word in words if not _MARKER.fullmatch(word))


def explains(comment: str) -> bool:
    """Whether ``comment`` holds words for a reader: at least one word of two or more letters
    once tool directives are removed (``# noqa: BLE001`` does not; ``# noqa: BLE001 - plugin
    errors must not stop the render`` and ``# ok`` do)."""
    return _WORD.search(explanation(comment)) is not None
