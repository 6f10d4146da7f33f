"""File globs for pack predicates (`file_patterns`, `file_pattern` detect signals).

A glob without ``/`` is matched against the file's base name (``*.py``, ``test_*.py``); a glob
with ``/`` is matched against the whole repo-relative POSIX path (``src/**/models/*.py``).
``*`` and ``?`` never cross ``/``; ``**`` crosses directories; ``[abc]``/``[!abc]`` are character
classes; ``{a,b}`` is one level of alternatives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class GlobError(ValueError):
    """The glob text is malformed (unbalanced ``[`` or ``{``, a reversed range ``[z-a]``)."""


@dataclass(frozen=True, slots=True)
class Glob:
    """A compiled glob: the text it came from and the regex it became."""

    text: str
    regex: re.Pattern[str]
    basename_only: bool

    def matches(self, path: str) -> bool:
        """Whether a repo-relative POSIX path matches this glob."""
        target = path.rsplit("/", 1)[-1] if self.basename_only else path.lstrip("/")
        return self.regex.fullmatch(target) is not None


def compile_glob(text: str) -> Glob:
    """Compile a glob, raising GlobError with the reason when it is malformed."""
    if not text:
        raise GlobError("empty glob")
    body = text.lstrip("/")
    return Glob(text=text, regex=re.compile(_translate(body)), basename_only="/" not in body)


def _translate(glob: str) -> str:
    out: list[str] = []
    i = 0
    n = len(glob)
    while i < n:
        ch = glob[i]
        if ch == "*":
            if glob.startswith("**", i):
                # "**/" may match zero directories, so "src/**/x" also matches "src/x".
                if glob.startswith("**/", i):
                    out.append("(?:.*/)?")
                    i += 3
                else:
                    out.append(".*")
                    i += 2
                continue
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = _class_end(glob, i)
            inner = glob[i + 1 : end]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append(_character_class(glob, i, end, inner))
            i = end
        elif ch == "{":
            end = glob.find("}", i)
            if end < 0:
                raise GlobError(f"unbalanced '{{' at position {i}")
            options = glob[i + 1 : end].split(",")
            out.append("(?:" + "|".join(_translate(option) for option in options) + ")")
            i = end
        elif ch in "]}":
            raise GlobError(f"unbalanced '{ch}' at position {i}")
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _character_class(glob: str, start: int, end: int, inner: str) -> str:
    pattern = "[" + inner.replace("\\", "\\\\") + "]"
    try:
        re.compile(pattern)
    except re.error as exc:
        # Reported against the glob, not the regex it became: the user never wrote that regex.
        raise GlobError(f"{exc.msg} in {glob[start : end + 1]!r}") from None
    return pattern


def _class_end(glob: str, start: int) -> int:
    # A ']' right after '[' or '[!' is a literal member of the class, as in fnmatch.
    j = start + 1
    if j < len(glob) and glob[j] == "!":
        j += 1
    if j < len(glob) and glob[j] == "]":
        j += 1
    end = glob.find("]", j)
    if end < 0:
        raise GlobError(f"unbalanced '[' at position {start}")
    return end
