"""Which Go files a default build takes, by their names' ``_GOOS``/``_GOARCH`` suffixes and
their ``//go:build`` constraints.

A package often defines one function in several files, one per platform (``conn_linux.go``,
``conn_windows.go``) or per build tag (go-cmp's ``export_panic.go`` and ``export_unsafe.go``,
``//go:build purego`` and ``!purego``): the build takes one of them. Where the call graph picks
a file among a package's, it orders them by ``go_file_order``: files a plain ``go build`` on
``linux``/``amd64`` takes first, then the others, each group by path.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from typing import Final

GOOS: Final = frozenset(
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
        "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    }
)  # fmt: skip
GOARCH: Final = frozenset(
    {
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
        "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
        "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
    }
)  # fmt: skip
DEFAULT_OS: Final = "linux"
DEFAULT_ARCH: Final = "amd64"
# The tags a plain ``go build`` on linux/amd64 sets, besides the ``go1.N`` release tags (all
# of which a current toolchain sets): ``unix`` for Unix-like systems, the ``gc`` compiler, and
# ``cgo``, on by default for a native build. Every other tag (``purego``, ``ignore``,
# ``appengine``, ``integration``) is off.
_DEFAULT_TAGS: Final = frozenset({DEFAULT_OS, DEFAULT_ARCH, "unix", "gc", "cgo"})
_RELEASE_TAG: Final = re.compile(r"go1\.\d+")
_TOKEN: Final = re.compile(r"\s*(\|\||&&|!|\(|\)|[\w.]+)")


def built_by_default(path: str, constraint: str | None = None) -> bool:
    """Whether a ``linux``/``amd64`` build takes the Go file ``path``: its name has no
    platform suffix, or that platform's (``x_linux.go``, ``x_amd64.go``, ``x_linux_amd64.go``;
    a ``_test`` suffix is passed over), and its build ``constraint`` (the ``//go:build``
    expression extraction read) holds."""
    stem = posixpath.basename(path).removesuffix(".go").removesuffix("_test")
    parts = stem.split("_")[1:]  # the first part is a name, never a constraint (``linux.go``)
    if parts and parts[-1] in GOARCH:
        if parts[-1] != DEFAULT_ARCH:
            return False
        parts = parts[:-1]
    if parts and parts[-1] in GOOS and parts[-1] != DEFAULT_OS:
        return False
    return constraint is None or constraint_holds(constraint)


def go_file_order(path: str, constraint: str | None = None) -> tuple[bool, str]:
    """The sort key of a file among a package's: those a default build takes first."""
    return (path.endswith(".go") and not built_by_default(path, constraint), path)


@cache
def constraint_holds(expression: str) -> bool:
    """Whether a ``//go:build`` expression holds for a default linux/amd64 build. One that
    does not parse holds: the file is taken, as if it had no constraint (``go vet`` reports
    such a line; the call graph only needs an order)."""
    tokens = _TOKEN.findall(expression)
    if "".join(tokens) != "".join(expression.split()):
        return True  # a character no constraint holds
    parser = _Expression(tokens)
    value = parser.either()
    return value if value is not None and parser.at_end() else True


class _Expression:
    """A recursive-descent reading of ``//go:build`` syntax: ``||`` binds loosest, then
    ``&&``, then ``!``; parentheses group. Each method gives None on a syntax error."""

    def __init__(self, tokens: list[str]) -> None:
        self._tokens = tokens
        self._at = 0

    def at_end(self) -> bool:
        return self._at == len(self._tokens)

    def _take(self, token: str) -> bool:
        if self._at < len(self._tokens) and self._tokens[self._at] == token:
            self._at += 1
            return True
        return False

    def either(self) -> bool | None:
        value = self._both()
        while value is not None and self._take("||"):
            other = self._both()
            value = None if other is None else value or other
        return value

    def _both(self) -> bool | None:
        value = self._single()
        while value is not None and self._take("&&"):
            other = self._single()
            value = None if other is None else value and other
        return value

    def _single(self) -> bool | None:
        if self._take("!"):
            value = self._single()
            return None if value is None else not value
        if self._take("("):
            value = self.either()
            return value if value is not None and self._take(")") else None
        if self._at == len(self._tokens) or self._tokens[self._at] in ("||", "&&", ")"):
            return None
        tag = self._tokens[self._at]
        self._at += 1
        return tag in _DEFAULT_TAGS or _RELEASE_TAG.fullmatch(tag) is not None
