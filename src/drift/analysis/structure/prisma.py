"""Data boundaries declared in a Prisma schema (``schema.prisma``; not a tree-sitter language,
so its small block syntax is read here).

Each ``model Name { … }`` block gives one model row and one row per scalar field: relation
fields (whose type is another model, or that carry ``@relation``) are links, not columns, and are
left out. The table is ``@@map("…")`` when given, else the model name. Confidence is 0.95: a
schema declares its models explicitly.
"""

from __future__ import annotations

import re

from drift.analysis.structure.sensitivity import classify_field
from drift.records.analysis import BoundaryRow

PRISMA = "prisma"
_CONFIDENCE = 0.95

_BLOCK = re.compile(r"^[ \t]*(?P<kind>model|type|view)[ \t]+(?P<name>\w+)[ \t]*\{", re.MULTILINE)
_FIELD = re.compile(r"^[ \t]*(?P<name>\w+)[ \t]+(?P<type>\w+)(?:\[\]|\?)?(?P<rest>.*)$")
_MAP = re.compile(r"^[ \t]*@@map\(\s*(?:name:\s*)?\"(?P<table>[^\"]+)\"")


def is_prisma_schema(path: str) -> bool:
    """Whether ``path`` is a Prisma schema file."""
    return path.endswith(".prisma")


def _strip_comment(line: str) -> str:
    return line.split("//", 1)[0]


def prisma_boundaries(path: str, text: str) -> tuple[BoundaryRow, ...]:
    """The models and scalar fields of a Prisma schema, in source order."""
    blocks = [m for m in _BLOCK.finditer(text) if m.group("kind") in {"model", "view"}]
    type_names = {m.group("name") for m in _BLOCK.finditer(text)}
    rows: list[BoundaryRow] = []
    for block in blocks:
        close = text.find("\n}", block.end())
        body = text[block.end() : close if close >= 0 else len(text)]
        table = block.group("name")
        fields: list[str] = []
        for raw in body.split("\n"):
            line = _strip_comment(raw)
            mapped = _MAP.match(line)
            if mapped is not None:
                table = mapped.group("table")
                continue
            field = _FIELD.match(line)
            if field is None or field.group("name").startswith("@"):
                continue
            if field.group("type") in type_names or "@relation" in field.group("rest"):
                continue
            fields.append(field.group("name"))
        model = block.group("name")
        rows.append(_boundary(path, model, table, None))
        rows.extend(_boundary(path, model, table, name) for name in fields)
    return tuple(rows)


def _boundary(path: str, model: str, table: str, field: str | None) -> BoundaryRow:
    return BoundaryRow(
        id=0,
        file=path,
        framework=PRISMA,
        model_name=model,
        table_name=table,
        field_name=field,
        sensitivity=classify_field(field) if field is not None else None,
        confidence=_CONFIDENCE,
        created_at=0,
    )
