"""File extensions, the languages they hold and the tree-sitter grammar that parses each."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# Every language Drift recognises by extension, even those it has no grammar for: such files are
# still discovered and tracked (their rows say what they are), they are just not parsed.
_EXTENSIONS: Final[dict[str, str]] = {
    "ts": "typescript",
    "tsx": "typescript",
    "mts": "typescript",
    "cts": "typescript",
    "js": "javascript",
    "jsx": "javascript",
    "mjs": "javascript",
    "cjs": "javascript",
    "py": "python",
    "pyi": "python",
    "java": "java",
    "cs": "csharp",
    "go": "go",
    "rs": "rust",
    "rb": "ruby",
    "rake": "ruby",
    "gemspec": "ruby",
    "php": "php",
    "kt": "kotlin",
    "kts": "kotlin",
    "cpp": "cpp",
    "cc": "cpp",
    "cxx": "cpp",
    "hpp": "cpp",
    "hxx": "cpp",
    "hh": "cpp",
    "c": "c",
    "h": "c",
    "swift": "swift",
    "scala": "scala",
    "sc": "scala",
}

EXTENSION_LANGUAGES: Final = MappingProxyType(_EXTENSIONS)
"""Lower-case extension (no dot) → language name."""

# The grammar is chosen per extension, not per language: TSX syntax is not valid TypeScript.
_GRAMMAR_BY_EXTENSION: Final[dict[str, str]] = {
    "py": "python",
    "pyi": "python",
    "js": "javascript",
    "jsx": "javascript",
    "mjs": "javascript",
    "cjs": "javascript",
    "ts": "typescript",
    "mts": "typescript",
    "cts": "typescript",
    "tsx": "tsx",
    "go": "go",
    "java": "java",
}

GRAMMARS: Final[frozenset[str]] = frozenset(_GRAMMAR_BY_EXTENSION.values())
"""Every grammar this build can parse: python, javascript, typescript, tsx, go, java."""

_LANGUAGE_OF_GRAMMAR: Final[dict[str, str]] = {
    "python": "python",
    "javascript": "javascript",
    "typescript": "typescript",
    "tsx": "typescript",
    "go": "go",
    "java": "java",
}


def _extension(path: str) -> str:
    # String operations, not pathlib: this runs once per discovered file.
    name = path.replace("\\", "/").rpartition("/")[2]
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem.strip(".") else ""


def language_for_path(path: str) -> str | None:
    """The language of a file judged by its extension, or None when Drift does not know it."""
    return _EXTENSIONS.get(_extension(path))


def grammar_for_path(path: str) -> str | None:
    """The grammar that parses ``path``, or None when no installed grammar handles it."""
    return _GRAMMAR_BY_EXTENSION.get(_extension(path))


def language_of_grammar(grammar: str) -> str:
    """The language a grammar parses (``tsx`` → ``typescript``); ValueError for an unknown one."""
    try:
        return _LANGUAGE_OF_GRAMMAR[grammar]
    except KeyError:
        raise ValueError(f"unknown grammar {grammar!r}; known: {sorted(GRAMMARS)}") from None
