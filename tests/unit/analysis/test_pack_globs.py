"""Globs used by file_patterns and file_pattern detect signals."""

from __future__ import annotations

import pytest

from drift.analysis.packs import GlobError, compile_glob


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        # No slash: matched against the base name, at any depth.
        ("*.py", "a/b/c.py", True),
        ("*.py", "a/b/c.pyi", False),
        ("test_*.py", "tests/unit/test_x.py", True),
        ("test_*.py", "tests/unit/x_test.py", False),
        ("*_test.go", "pkg/a_test.go", True),
        # With a slash: matched against the whole path; * does not cross directories.
        ("src/*.py", "src/a.py", True),
        ("src/*.py", "src/sub/a.py", False),
        ("src/**/*.py", "src/sub/deep/a.py", True),
        # "**/" may match zero directories.
        ("src/**/*.py", "src/a.py", True),
        ("**/scripts/**", "scripts/run.py", True),
        ("**/scripts/**", "tools/scripts/run.py", True),
        ("**/scripts/**", "tools/script/run.py", False),
        ("**/__tests__/**", "web/__tests__/a.test.js", True),
        # Leading slash anchors at the root, as the path is repo-relative anyway.
        ("/setup.py", "setup.py", True),
        # Alternatives, classes and single characters.
        ("*.{js,ts}", "a/b.ts", True),
        ("*.{js,ts}", "a/b.tsx", False),
        ("*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}", "x/y.mjs", True),
        ("file[0-9].txt", "file7.txt", True),
        ("file[!0-9].txt", "file7.txt", False),
        ("file[!0-9].txt", "filex.txt", True),
        ("?.py", "a.py", True),
        ("?.py", "ab.py", False),
        # Regex metacharacters in a glob are literal.
        ("a+b.py", "a+b.py", True),
        ("a+b.py", "aab.py", False),
    ],
)
def test_glob_matching(glob: str, path: str, expected: bool) -> None:
    assert compile_glob(glob).matches(path) is expected


@pytest.mark.parametrize(
    "glob", ["", "file[0-9.txt", "*.{js,ts", "a]b", "a}b", "[z-a].txt", "src/{a,[!9-0]}.py"]
)
def test_malformed_globs_are_rejected(glob: str) -> None:
    with pytest.raises(GlobError):
        compile_glob(glob)


def test_a_reversed_range_is_named_in_the_glob_not_the_regex() -> None:
    with pytest.raises(GlobError, match=r"^bad character range z-a in '\[z-a\]'$"):
        compile_glob("logs/[z-a].txt")
