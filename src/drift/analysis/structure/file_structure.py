"""Per-file structural facts, computed where the file is parsed (in a worker process).

``file_structure`` runs every per-file analysis over one file's parse result and text and returns
plain, picklable rows (ids and ``created_at`` are 0 or None: storage assigns them). Cross-file
analyses (call graph, coupling, test mapping) need all files and run in the parent; two facts
they use can only be read from the text, so they travel here too: ``abstract_types`` (for
coupling's abstractness) and ``assertion_lines`` (Python ``assert`` statements, for test
quality).
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from drift.analysis.structure.boundaries import boundaries
from drift.analysis.structure.constants import constants, holds_credential
from drift.analysis.structure.env_variables import env_variables
from drift.analysis.structure.error_gaps import error_gaps
from drift.analysis.structure.secrets import find_secrets, redact
from drift.analysis.structure.test_files import assertion_lines, is_test_file
from drift.records.structural import (
    ConstantRow,
    FileStructure,
    SecretRow,
)
from drift.scan.model import ParseResult

_ABSTRACT_CLASS = re.compile(r"\babstract[ \t]+(?:\w+[ \t]+)*?class[ \t]+(?P<name>\w+)")
_PY_ABC_META = re.compile(
    r"^[ \t]*class[ \t]+(?P<name>\w+)[ \t]*\([^)]*\bmetaclass[ \t]*=[ \t]*(?:abc\.)?ABCMeta",
    re.MULTILINE,
)


def abstract_types(result: ParseResult, text: str) -> tuple[str, ...]:
    """Type names the text declares abstract where extraction cannot tell: ``abstract class``
    (Java, TypeScript) and Python classes with ``metaclass=ABCMeta``."""
    if result.language == "python":
        pattern = _PY_ABC_META if "ABCMeta" in text else None
    elif result.language in {"java", "typescript"}:
        pattern = _ABSTRACT_CLASS if "abstract" in text else None
    else:
        pattern = None
    if pattern is None:
        return ()
    return tuple(sorted({m.group("name") for m in pattern.finditer(text)}))


def _without_secrets(
    rows: tuple[ConstantRow, ...], secrets: tuple[SecretRow, ...]
) -> tuple[ConstantRow, ...]:
    """Constants declared on a line holding a secret keep only a redacted value: the secret
    must not reach storage through the constants table."""
    lines = {secret.line for secret in secrets}
    if not lines:
        return rows
    return tuple(
        replace(row, value=redact(row.value))
        if row.is_named and row.line in lines and not holds_credential(row.name, row.value)
        else row
        for row in rows
    )


# A documentation comment (JSDoc, Javadoc) opens a line: ``/**`` inside a string
# (``"src/**/*.ts"``) does not.
_DOC_COMMENT = re.compile(r"^[ \t]*/\*\*.*?\*/", re.MULTILINE | re.DOTALL)
_DOC_COMMENT_LANGUAGES = frozenset({"javascript", "typescript", "java"})


def documentation_lines(result: ParseResult | None, text: str) -> frozenset[int]:
    """The lines docstrings and documentation comments take up (where examples live)."""
    if result is None:
        return frozenset()
    lines = {
        line
        for literal in result.strings
        if literal.context == "docstring"
        for line in range(literal.line, literal.line + literal.value.count("\n") + 1)
    }
    if result.language in _DOC_COMMENT_LANGUAGES and "/**" in text:
        for match in _DOC_COMMENT.finditer(text):
            first = text.count("\n", 0, match.start()) + 1
            lines.update(range(first, first + match.group().count("\n") + 1))
    return frozenset(lines)


def file_structure(path: str, result: ParseResult | None, text: str) -> FileStructure:
    """Run the per-file structural analyses over one file (``path`` is the repository-relative
    POSIX path the rows carry). Without a parse result (a file no grammar reads, such as
    ``schema.prisma`` or ``.env``) only the text analyses run: secrets and Prisma models."""
    documentation = documentation_lines(result, text)
    secrets = find_secrets(path, text, documentation=documentation, result=result)
    if result is None:
        return FileStructure(
            path=path,
            error_gaps=(),
            constants=(),
            env_variables=(),
            secrets=secrets,
            boundaries=boundaries(path, None, text),
            abstract_types=(),
            assertion_lines=(),
        )
    return FileStructure(
        path=path,
        error_gaps=error_gaps(path, result),
        constants=_without_secrets(constants(path, result, text), secrets),
        env_variables=env_variables(path, result, text, documentation=documentation),
        secrets=secrets,
        boundaries=boundaries(path, result, text),
        abstract_types=abstract_types(result, text),
        assertion_lines=assertion_lines(result, text) if is_test_file(path, result) else (),
    )
