"""Which Go files a default build takes, by their names' ``_GOOS``/``_GOARCH`` suffixes.

A package often defines one function in several files, one per platform (``conn_linux.go``,
``conn_windows.go``): the build takes one of them. Where the call graph picks a file among a
package's, it orders them by ``go_file_order``: files a ``linux``/``amd64`` build takes first,
then the others, each group by path. ``//go:build`` lines are not read (extraction keeps no
comments): go-cmp's ``purego`` files still tie with the default ones, by path.
"""

from __future__ import annotations

import posixpath
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


def built_by_default(path: str) -> bool:
    """Whether a ``linux``/``amd64`` build takes the Go file ``path`` by its name: no
    platform suffix, or that platform's (``x_linux.go``, ``x_amd64.go``, ``x_linux_amd64.go``;
    a ``_test`` suffix is passed over)."""
    stem = posixpath.basename(path).removesuffix(".go").removesuffix("_test")
    parts = stem.split("_")[1:]  # the first part is a name, never a constraint (``linux.go``)
    if parts and parts[-1] in GOARCH:
        if parts[-1] != DEFAULT_ARCH:
            return False
        parts = parts[:-1]
    return not (parts and parts[-1] in GOOS and parts[-1] != DEFAULT_OS)


def go_file_order(path: str) -> tuple[bool, str]:
    """The sort key of a file among a package's: those a default build takes first."""
    return (path.endswith(".go") and not built_by_default(path), path)
