"""Parse and extract one buffer or one file. Bad content never raises: it becomes an error."""

from __future__ import annotations

from pathlib import Path

from drift.scan.extraction import extract
from drift.scan.languages import GRAMMARS, grammar_for_path, language_of_grammar
from drift.scan.model import ParseResult
from drift.scan.parsing import parse_tree


def failed_result(grammar: str, source: bytes, message: str) -> ParseResult:
    """The result of a file nothing could be extracted from: empty, one error, ``message``."""
    newlines = source.count(b"\n")
    return ParseResult(
        language=language_of_grammar(grammar),
        grammar=grammar,
        line_count=newlines + (1 if source and not source.endswith(b"\n") else 0),
        package=None,
        functions=(),
        classes=(),
        imports=(),
        exports=(),
        calls=(),
        strings=(),
        numbers=(),
        error_handlers=(),
        parse_errors=(),
        error_count=1,
        error=message,
    )


def parse_source(source: bytes, grammar: str) -> ParseResult:
    """Parse ``source`` with ``grammar`` and extract it.

    Syntax errors are tolerated (partial results plus ``parse_errors``); any other failure on
    this content gives ``failed_result``. Only an unknown ``grammar`` raises (ValueError).
    """
    if grammar not in GRAMMARS:
        raise ValueError(f"unknown grammar {grammar!r}; known: {sorted(GRAMMARS)}")
    try:
        tree = parse_tree(source, grammar)
        return extract(tree, source, grammar)
    except Exception as exc:  # whatever this file holds, the scan goes on
        return failed_result(grammar, source, f"extraction failed: {type(exc).__name__}: {exc}")


def parse_file(path: str | Path, grammar: str | None = None) -> ParseResult:
    """Read ``path`` and ``parse_source`` it; the grammar defaults to the one for its extension.

    Raises OSError when the file cannot be read, ValueError when no grammar handles it.
    """
    chosen = grammar or grammar_for_path(str(path))
    if chosen is None:
        raise ValueError(f"{path}: no grammar parses this kind of file")
    return parse_source(Path(path).read_bytes(), chosen)
