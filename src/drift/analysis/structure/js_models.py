"""Data boundaries that JavaScript and TypeScript declare in object literals: Mongoose schemas
and Sequelize models (``drift.analysis.structure.boundaries`` calls these).

- **Mongoose** (imports ``mongoose``): ``const userSchema = new Schema({ name: String, … })``
  (``new mongoose.Schema<IUser>({…})`` too). The model is the name ``model("User",
  userSchema)`` gives the schema in the same file, its collection the third argument, else
  Mongoose's default, the name in lower case and the plural (``users``); a schema no
  ``model(…)`` call of the file takes is its variable's name less ``Schema``, with no table.
  Fields are the literal's top-level keys, but those holding a reference to another model
  (``ref: "Post"``): relations, as elsewhere. Confidence 0.9.
- **Sequelize** (imports ``sequelize``): ``sequelize.define("User", {…}[, {tableName}])`` and
  ``User.init({…}, {…, tableName})`` for ``class User extends Model``. Fields are the first
  literal's top-level keys; the table is ``tableName``, else Sequelize's default, the model name
  in the plural (``Users``). Confidence 0.9.

The literals are read with a small scanner (``object_keys``) that skips strings, comments and
nested brackets: the grammar's tree is gone by the time the structure stage runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from drift.analysis.prose import ProseSpans
from drift.analysis.structure.table_names import plural

_NEW_SCHEMA: Final = re.compile(
    r"(?:const|let|var)\s+(?P<name>[\w$]+)\s*(?::[^=]+)?=\s*new\s+(?:mongoose\.)?Schema\b"
    r"(?:\s*<[^>()]*>)?\s*\(\s*\{"
)
_MONGOOSE_MODEL: Final = re.compile(
    r"\bmodel\s*(?:<[^>()]*>)?\s*\(\s*[\"'](?P<model>[\w$]+)[\"']\s*,\s*(?P<schema>[\w$]+)"
    r"(?:\s*,\s*[\"'](?P<collection>[^\"']+)[\"'])?"
)
_SEQUELIZE_DEFINE: Final = re.compile(r"\.define\s*\(\s*[\"'](?P<model>[\w$]+)[\"']\s*,\s*\{")
_SEQUELIZE_INIT: Final = re.compile(r"\b(?P<model>[A-Z][\w$]*)\.init\s*\(\s*\{")
_TABLE_NAME: Final = re.compile(r"\btableName\s*:\s*[\"'](?P<table>[^\"']+)[\"']")
_KEY: Final = re.compile(r"\s*(?:(?P<plain>[A-Za-z_$][\w$]*)|[\"'](?P<quoted>[^\"']+)[\"'])\s*:")
_LEADING_COMMENT: Final = re.compile(r"\s*(?://[^\n]*|/\*.*?\*/)", re.DOTALL)
_OPENERS: Final = {"{": "}", "[": "]", "(": ")"}
_CLOSERS: Final = frozenset("}])")


class ObjectLiteral:
    """An object literal's top-level keys (each with its value's text) and where it ends."""

    def __init__(self, text: str, opening: int) -> None:
        """Read the literal whose ``{`` is at ``opening``."""
        self.keys: list[tuple[str, str]] = []
        self.end = len(text)
        depth = 0
        index = opening
        entry_start = opening + 1
        while index < len(text):
            char = text[index]
            if char in "\"'`":
                index = _after_string(text, index)
                continue
            if text.startswith("//", index):
                newline = text.find("\n", index)
                index = len(text) if newline < 0 else newline
                continue
            if text.startswith("/*", index):
                closing = text.find("*/", index + 2)
                index = len(text) if closing < 0 else closing + 2
                continue
            if char in _OPENERS:
                depth += 1
            elif char in _CLOSERS:
                depth -= 1
                if depth == 0:
                    self._entry(text, entry_start, index)
                    self.end = index + 1
                    return
            elif char == "," and depth == 1:
                self._entry(text, entry_start, index)
                entry_start = index + 1
            index += 1

    def _entry(self, text: str, start: int, end: int) -> None:
        while True:  # comments before the key (``// the user's address``)
            gap = _LEADING_COMMENT.match(text, start, end)
            if gap is None:
                break
            start = gap.end()
        found = _KEY.match(text, start, end)
        if found is not None:
            key = found.group("plain") or found.group("quoted")
            self.keys.append((key, text[found.end() : end].strip()))


def _after_string(text: str, start: int) -> int:
    quote = text[start]
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == quote:
            return index + 1
        if char == "\n" and quote != "`":
            return index
        index += 1
    return index


Model = tuple[str, str | None, list[str]]
"""A model's name, its table (None: not named in the file) and its fields."""


def _in_code(matches: Iterator[re.Match[str]], text: str) -> Iterator[re.Match[str]]:
    """The matches that start in code: a schema in a doc comment (mongoose's own ``.d.ts``)
    or a string is an example."""
    spans: ProseSpans | None = None
    for match in matches:
        if spans is None:
            spans = ProseSpans(text, "javascript")
        if not spans.covers(match.start()):
            yield match


def mongoose_models(text: str) -> Iterator[Model]:
    """The Mongoose schemas of a file, as models (see the module docstring)."""
    schemas: list[tuple[str, list[str]]] = []
    for found in _in_code(_NEW_SCHEMA.finditer(text), text):
        literal = ObjectLiteral(text, found.end() - 1)
        fields = [key for key, value in literal.keys if not re.search(r"\bref\s*:", value)]
        schemas.append((found.group("name"), fields))
    if not schemas:
        return
    named = {m.group("schema"): m for m in _in_code(_MONGOOSE_MODEL.finditer(text), text)}
    for variable, fields in schemas:
        model = named.get(variable)
        if model is not None:
            collection = model.group("collection") or plural(model.group("model").lower())
            yield model.group("model"), collection, fields
        else:
            name = re.sub(r"[Ss]chema$", "", variable) or variable
            yield name[:1].upper() + name[1:], None, fields


def sequelize_models(text: str) -> Iterator[Model]:
    """The Sequelize models of a file (see the module docstring)."""
    found = sorted(
        _in_code(iter([*_SEQUELIZE_DEFINE.finditer(text), *_SEQUELIZE_INIT.finditer(text)]), text),
        key=lambda match: match.start(),
    )
    for match in found:
        literal = ObjectLiteral(text, match.end() - 1)
        # The options literal after the attributes names the table.
        rest = text[literal.end : literal.end + 400]
        options = re.match(r"\s*,\s*\{", rest)
        table = None
        if options is not None:
            settings = ObjectLiteral(text, literal.end + options.end() - 1)
            named = _TABLE_NAME.search(text, literal.end, settings.end)
            table = named.group("table") if named else None
        model = match.group("model")
        yield model, table or plural(model), [key for key, _ in literal.keys]
