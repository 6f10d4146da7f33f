"""Languages and grammars by extension; content hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.scan import GRAMMARS, content_hash, grammar_for_path, hash_file, language_for_path
from drift.scan.languages import language_of_grammar


@pytest.mark.parametrize(
    ("path", "language", "grammar"),
    [
        ("src/app.py", "python", "python"),
        ("stubs/typing.pyi", "python", "python"),
        ("web/index.JS", "javascript", "javascript"),
        ("web/App.jsx", "javascript", "javascript"),
        ("web/mod.mjs", "javascript", "javascript"),
        ("web/api.ts", "typescript", "typescript"),
        ("web/App.tsx", "typescript", "tsx"),
        ("web/config.cts", "typescript", "typescript"),
        ("cmd/main.go", "go", "go"),
        ("src/Main.java", "java", "java"),
        ("src/lib.rs", "rust", None),
        ("include/util.hpp", "cpp", None),
        ("README.md", None, None),
        ("Makefile", None, None),
        (".bashrc", None, None),
        ("archive.tar.gz", None, None),
    ],
)
def test_language_and_grammar_by_extension(
    path: str, language: str | None, grammar: str | None
) -> None:
    assert language_for_path(path) == language
    assert grammar_for_path(path) == grammar


def test_every_grammar_has_a_language() -> None:
    assert {"python", "javascript", "typescript", "tsx", "go", "java"} == GRAMMARS
    assert {language_of_grammar(g) for g in GRAMMARS} == {
        "python",
        "javascript",
        "typescript",
        "go",
        "java",
    }
    with pytest.raises(ValueError, match="unknown grammar"):
        language_of_grammar("cobol")


def test_content_hash_is_xxh3_64_little_endian() -> None:
    # xxh3-64 of b"abc" is 0x78af5f94892f3950; stored as 8 little-endian bytes
    assert content_hash(b"abc") == bytes.fromhex("50392f89945faf78")
    assert len(content_hash(b"")) == 8
    assert content_hash(b"a") != content_hash(b"b")


def test_hash_file_returns_hash_and_size(tmp_path: Path) -> None:
    target = tmp_path / "f.py"
    target.write_bytes(b"print(1)\n")
    assert hash_file(target) == (content_hash(b"print(1)\n"), 9)
    with pytest.raises(FileNotFoundError):
        hash_file(tmp_path / "missing.py")
