"""Load pattern packs from TOML: the built-in ones shipped with Drift and a user's own.

Every problem is a ``ConfigError`` whose message names the file, and the pack and rule where
there is one: malformed TOML, an unknown key (with its full path), a value of the wrong type,
an invalid regex or glob, a pattern id used twice.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NoReturn

from drift.analysis.packs.globs import Glob, GlobError, compile_glob
from drift.analysis.packs.literals import required_literals
from drift.analysis.packs.schema import (
    CATEGORIES,
    DEFAULT_DEVIATION_THRESHOLD,
    DEFAULT_PATTERN_CONFIDENCE,
    ERROR_HANDLER_KINDS,
    LANGUAGE_ALIASES,
    CallPattern,
    ContentPattern,
    ContentScope,
    DetectSignal,
    GroupBy,
    LearnSignal,
    LearnSpec,
    MatchBlock,
    Pack,
    PatternSpec,
    SignalKind,
    canonical_language,
)
from drift.errors import ConfigError

_FRAMEWORK_KEYS = ("name", "display_name", "version", "description", "languages", "detect_by")
_PATTERN_KEYS = (
    "id",
    "category",
    "description",
    "sub_type",
    "confidence",
    "cwe_ids",
    "owasp",
    "match",
    "learn",
)
_MATCH_KEYS = (
    "imports",
    "calls",
    "receivers",
    "decorators",
    "function_names",
    "class_names",
    "extends",
    "exports",
    "string_literals",
    "not_values_of",
    "content_patterns",
    "content_in",
    "error_handling",
    "file_patterns",
    "file_imports",
    "language",
    "not",
)
# Predicates of the reference schema that this version does not evaluate; named in the error.
_UNSUPPORTED_MATCH_KEYS = (
    "implements",
    "param_types",
    "return_types",
    "doc_comments",
    "type_annotations",
)
_LEARN_KEYS = ("group_by", "signal", "deviation_threshold")
# A ``receivers`` value: a name (``*`` for any characters), or a name and ``()`` (the call or
# class that made the value).
_RECEIVER_RE = re.compile(r"^(?:[\w$*]+|[A-Za-z_$][\w$]*\(\))$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
# Look-arounds and absolute anchors see across line ends in whole-text mode, so content regexes
# using them are searched line by line only (see ContentPattern).
_LINE_ONLY_RE = re.compile(r"\(\?<?[=!]|\\[AZ]")


def load_pack_text(text: str, source: str) -> Pack:
    """Parse and compile one pack from TOML text; ``source`` names it in error messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{source}: invalid TOML: {exc}", hint="check the pack file's syntax"
        ) from exc
    return _PackReader(source).read(document)


def load_pack_file(path: Path) -> Pack:
    """Load one pack file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read pack file: {exc}") from exc
    return load_pack_text(text, str(path))


def load_pack_dir(directory: Path) -> list[Pack]:
    """Load every ``*.toml`` pack in a directory, by file name; a missing directory has none."""
    if not directory.is_dir():
        return []
    return [load_pack_file(path) for path in sorted(directory.glob("*.toml")) if path.is_file()]


@lru_cache(maxsize=1)
def _builtin_packs() -> tuple[Pack, ...]:
    root = resources.files("drift.analysis.packs").joinpath("builtin")
    entries = sorted(
        (entry for entry in root.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
    return tuple(
        load_pack_text(entry.read_text(encoding="utf-8"), f"builtin:{entry.name}")
        for entry in entries
    )


def load_builtin_packs() -> list[Pack]:
    """The packs shipped with Drift (errors, logging, api, security, data, testing, naming)."""
    return list(_builtin_packs())


def load_packs(extra_dirs: Sequence[Path] = (), *, include_builtin: bool = True) -> list[Pack]:
    """Built-in packs plus the packs in ``extra_dirs`` (for example ``.drift/packs``).

    A user pack with the same ``name`` as a built-in one replaces it. Pattern ids must be unique
    across the resulting set.
    """
    by_name: dict[str, Pack] = {}
    if include_builtin:
        for pack in _builtin_packs():
            by_name[pack.name] = pack
    seen_user: dict[str, Pack] = {}
    for directory in extra_dirs:
        for pack in load_pack_dir(directory):
            earlier = seen_user.get(pack.name)
            if earlier is not None:
                raise ConfigError(
                    f"{pack.source}: pack name '{pack.name}' is also used by {earlier.source}",
                    hint="give each pack file its own [framework] name",
                )
            seen_user[pack.name] = pack
            by_name[pack.name] = pack
    packs = list(by_name.values())
    check_unique_pattern_ids(packs)
    return packs


def check_unique_pattern_ids(packs: Iterable[Pack]) -> None:
    """Raise ConfigError when two patterns share an id."""
    owners: dict[str, Pack] = {}
    for pack in packs:
        for pattern in pack.patterns:
            owner = owners.get(pattern.id)
            if owner is not None and owner is not pack:
                raise ConfigError(
                    f"pattern id '{pattern.id}' is defined in pack '{owner.name}' "
                    f"({owner.source}) and in pack '{pack.name}' ({pack.source})",
                    hint="pattern ids must be unique across all packs",
                )
            owners[pattern.id] = pack


class _PackReader:
    """Walks one parsed TOML document, validating as it builds the Pack."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pack_name = "?"
        # Where the pattern being read sits ("patterns[3]") and its id, for messages.
        self.pattern_path = "patterns"
        self.rule: str | None = None

    # -- error helpers -------------------------------------------------------------------

    def fail(self, message: str, hint: str | None = None) -> NoReturn:
        if self.rule is not None:
            self.fail_rule(self.rule, message, hint)
        raise ConfigError(f"{self.source}: {message}", hint=hint)

    def fail_rule(self, rule: str, message: str, hint: str | None = None) -> NoReturn:
        raise ConfigError(
            f"{self.source}: pack '{self.pack_name}' rule '{rule}': {message}", hint=hint
        )

    def fail_without(self, rule: str, where: str, option: str, needed: str, hint: str) -> NoReturn:
        """Fail on ``option`` set in the ``where`` block without the ``needed`` one it refines."""
        self.fail_rule(rule, f"{where}.{option} is set but {where} has no {needed}", hint=hint)

    def check_keys(self, table: Mapping[str, object], allowed: Sequence[str], where: str) -> None:
        for key in table:
            if key in allowed:
                continue
            path = f"{where}.{key}" if where else key
            if key in _UNSUPPORTED_MATCH_KEYS and ".match" in f".{where}":
                self.fail(
                    f"predicate '{path}' is not supported by this version of Drift",
                    hint="supported predicates: " + ", ".join(_MATCH_KEYS),
                )
            self.fail(f"unknown key '{path}'", hint="allowed keys here: " + ", ".join(allowed))

    # -- typed getters -------------------------------------------------------------------

    def table(self, value: object, where: str) -> Mapping[str, object]:
        if not isinstance(value, dict):
            self.fail(f"'{where}' must be a table")
        return value

    def string(self, table: Mapping[str, object], key: str, where: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{where}.{key}' must be a non-empty string")
        return value

    def required_string(self, table: Mapping[str, object], key: str, where: str) -> str:
        value = self.string(table, key, where)
        if value is None:
            self.fail(f"'{where}' is missing the required key '{key}'")
        return value

    def strings(self, table: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            self.fail(f"'{where}.{key}' must be a list of non-empty strings")
        return tuple(value)

    def unit_number(
        self, table: Mapping[str, object], key: str, where: str, default: float
    ) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"'{where}.{key}' must be a number")
        number = float(value)
        if not 0.0 <= number <= 1.0:
            self.fail(f"'{where}.{key}' must be between 0 and 1, not {number}")
        return number

    # -- document structure --------------------------------------------------------------

    def read(self, document: Mapping[str, object]) -> Pack:
        self.check_keys(document, ("framework", "patterns"), "")
        if "framework" not in document:
            self.fail("missing the [framework] table", hint="a pack starts with [framework] name")
        header = self.table(document["framework"], "framework")
        self.check_keys(header, _FRAMEWORK_KEYS, "framework")
        self.pack_name = self.required_string(header, "name", "framework")
        languages = self.languages(self.strings(header, "languages", "framework"), "framework")
        signals = self.detect_signals(header.get("detect_by"))
        raw_patterns = document.get("patterns", [])
        if not isinstance(raw_patterns, list) or not raw_patterns:
            self.fail("a pack needs at least one [[patterns]] entry")
        patterns: list[PatternSpec] = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_patterns):
            pattern = self.pattern(raw, f"patterns[{index}]")
            if pattern.id in seen:
                self.fail_rule(pattern.id, "the same pattern id appears twice in this pack")
            seen.add(pattern.id)
            patterns.append(pattern)
        return Pack(
            name=self.pack_name,
            source=self.source,
            patterns=tuple(patterns),
            display_name=self.string(header, "display_name", "framework"),
            version=self.string(header, "version", "framework"),
            description=self.string(header, "description", "framework"),
            languages=languages,
            detect_by=signals,
        )

    def languages(self, names: Iterable[str], where: str) -> frozenset[str]:
        result: set[str] = set()
        for name in names:
            canonical = canonical_language(name)
            if canonical is None:
                self.fail(
                    f"unknown language '{name}' in '{where}.languages'",
                    hint="known languages: " + ", ".join(sorted(set(LANGUAGE_ALIASES.values()))),
                )
            result.add(canonical)
        return frozenset(result)

    def detect_signals(self, value: object) -> tuple[DetectSignal, ...]:
        if value is None:
            return ()
        where = "framework.detect_by"
        if not isinstance(value, list):
            self.fail(f"'{where}' must be a list of tables such as {{ import = \"flask\" }}")
        signals: list[DetectSignal] = []
        kinds = tuple(kind.value for kind in SignalKind)
        for index, raw in enumerate(value):
            entry = self.table(raw, f"{where}[{index}]")
            self.check_keys(entry, kinds, f"{where}[{index}]")
            if len(entry) != 1:
                self.fail(f"'{where}[{index}]' must have exactly one of: " + ", ".join(kinds))
            (key, text), *_ = entry.items()
            if not isinstance(text, str) or not text:
                self.fail(f"'{where}[{index}].{key}' must be a non-empty string")
            kind = SignalKind(key)
            glob = (
                self.glob(text, f"{where}[{index}].{key}")
                if kind is SignalKind.FILE_PATTERN
                else None
            )
            signals.append(DetectSignal(kind=kind, value=text, glob=glob))
        return tuple(signals)

    def glob(self, text: str, where: str, rule: str | None = None) -> Glob:
        try:
            return compile_glob(text)
        except GlobError as exc:
            message = f"invalid glob in {where}: {text!r}: {exc}"
            if rule is not None:
                self.fail_rule(rule, message)
            self.fail(message)

    def pattern(self, raw: object, where: str) -> PatternSpec:
        entry = self.table(raw, where)
        pattern_id = self.required_string(entry, "id", where)
        if not _ID_RE.match(pattern_id):
            self.fail(
                f"'{where}.id' {pattern_id!r} may hold only letters, digits and _ . : -",
                hint="'/' is reserved for derived ids such as <id>/deviation",
            )
        self.pattern_path, self.rule = where, pattern_id
        self.check_keys(entry, _PATTERN_KEYS, where)
        category = self.required_string(entry, "category", where)
        if category not in CATEGORIES:
            self.fail_rule(
                pattern_id,
                f"unknown category '{category}'",
                hint="categories: " + ", ".join(sorted(CATEGORIES)),
            )
        if "match" not in entry:
            self.fail_rule(pattern_id, "missing the [patterns.match] table")
        match = self.match_block(entry["match"], "match", pattern_id)
        if not match.emitting_predicates():
            self.fail_rule(
                pattern_id,
                "the match block has no predicate that emits a match",
                hint="file_patterns, file_imports and language only filter; add imports, calls, "
                "content_patterns or another predicate",
            )
        return PatternSpec(
            id=pattern_id,
            pack=self.pack_name,
            category=category,
            match=match,
            description=self.string(entry, "description", where),
            sub_type=self.string(entry, "sub_type", where),
            confidence=self.unit_number(entry, "confidence", where, DEFAULT_PATTERN_CONFIDENCE),
            cwe_ids=self.cwe_ids(entry.get("cwe_ids"), pattern_id),
            owasp=self.string(entry, "owasp", where),
            learn=self.learn(entry.get("learn"), pattern_id),
        )

    def cwe_ids(self, value: object, rule: str) -> tuple[int, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) and item > 0 for item in value
        ):
            self.fail_rule(rule, "'cwe_ids' must be a list of positive integers such as [89]")
        return tuple(value)

    def learn(self, value: object, rule: str) -> LearnSpec | None:
        if value is None:
            return None
        where = f"{self.pattern_path}.learn"
        table = self.table(value, where)
        self.check_keys(table, _LEARN_KEYS, where)
        group_by_text = self.string(table, "group_by", where) or GroupBy.CATEGORY_SUB_TYPE.value
        signal_text = self.string(table, "signal", where) or LearnSignal.CONVENTION.value
        try:
            group_by = GroupBy(group_by_text)
        except ValueError:
            self.fail_rule(
                rule,
                f"unknown learn.group_by '{group_by_text}'",
                hint="one of: " + ", ".join(g.value for g in GroupBy),
            )
        try:
            signal = LearnSignal(signal_text)
        except ValueError:
            self.fail_rule(
                rule,
                f"unsupported learn.signal '{signal_text}'",
                hint="supported: " + ", ".join(s.value for s in LearnSignal),
            )
        threshold = self.unit_number(
            table, "deviation_threshold", where, DEFAULT_DEVIATION_THRESHOLD
        )
        return LearnSpec(group_by=group_by, signal=signal, deviation_threshold=threshold)

    def match_block(self, raw: object, where: str, rule: str) -> MatchBlock:
        path = f"{self.pattern_path}.{where}"
        table = self.table(raw, path)
        self.check_keys(table, _MATCH_KEYS, path)
        language: str | None = None
        language_name = self.string(table, "language", path)
        if language_name is not None:
            language = canonical_language(language_name)
            if language is None:
                self.fail_rule(rule, f"unknown language '{language_name}' in {where}.language")
        kinds = self.strings(table, "error_handling", path)
        for kind in kinds:
            if kind not in ERROR_HANDLER_KINDS:
                self.fail_rule(
                    rule,
                    f"unknown error_handling kind '{kind}' in {where}",
                    hint="kinds: " + ", ".join(sorted(ERROR_HANDLER_KINDS)),
                )
        negated: MatchBlock | None = None
        if "not" in table:
            negated = self.match_block(table["not"], f"{where}.not", rule)
            if negated.is_empty():
                self.fail_rule(rule, f"the {where}.not block is empty")
        content_patterns = self.content_patterns(table, where, rule)
        string_literals = self.regexes(table, "string_literals", where, rule)
        not_values_of = self.strings(table, "not_values_of", path)
        if not_values_of and not string_literals:
            self.fail_without(
                rule,
                where,
                "not_values_of",
                "string_literals",
                "not_values_of names keys whose string values string_literals passes over",
            )
        calls = self.strings(table, "calls", path)
        for call in calls:
            if call.endswith(".") or call.startswith("."):
                self.fail_rule(rule, f"call pattern {call!r} in {where}.calls has an empty part")
        receivers = self.strings(table, "receivers", path)
        if receivers and not calls:
            self.fail_without(
                rule,
                where,
                "receivers",
                "calls",
                "receivers says what the receiver of a call that calls matches must be",
            )
        for receiver in receivers:
            if not _RECEIVER_RE.match(receiver):
                self.fail_rule(
                    rule,
                    f"receiver {receiver!r} in {where}.receivers is no name or name()",
                    hint='a receiver is a name ("cur", "*cx") or a call that made it ("connect()")',
                )
        return MatchBlock(
            imports=self.strings(table, "imports", path),
            calls=tuple(CallPattern.parse(call) for call in calls),
            receivers=receivers,
            decorators=tuple(d.lstrip("@") for d in self.strings(table, "decorators", path)),
            function_names=self.regexes(table, "function_names", where, rule),
            class_names=self.regexes(table, "class_names", where, rule),
            extends=self.strings(table, "extends", path),
            exports=self.strings(table, "exports", path),
            string_literals=string_literals,
            not_values_of=not_values_of,
            content_patterns=content_patterns,
            content_in=self.content_scope(table, where, rule, bool(content_patterns)),
            error_handling=kinds,
            file_patterns=tuple(
                self.glob(text, f"{where}.file_patterns", rule)
                for text in self.strings(table, "file_patterns", path)
            ),
            file_imports=self.strings(table, "file_imports", path),
            language=language,
            negated=negated,
        )

    def compile_regex(self, source: str, field: str, rule: str, flags: int = 0) -> re.Pattern[str]:
        try:
            return re.compile(source, flags)
        except re.error as exc:
            self.fail_rule(
                rule,
                f"invalid regex in {field}: {source!r}: {exc}",
                hint="regexes use Python `re` syntax",
            )

    def regexes(
        self, table: Mapping[str, object], key: str, where: str, rule: str
    ) -> tuple[re.Pattern[str], ...]:
        sources = self.strings(table, key, f"{self.pattern_path}.{where}")
        return tuple(self.compile_regex(source, f"{where}.{key}", rule) for source in sources)

    def content_scope(
        self, table: Mapping[str, object], where: str, rule: str, has_patterns: bool
    ) -> ContentScope:
        text = self.string(table, "content_in", f"{self.pattern_path}.{where}")
        if text is None:
            return ContentScope.CODE
        if not has_patterns:
            self.fail_rule(
                rule,
                f"{where}.content_in is set but {where} has no content_patterns",
                hint="content_in says where content_patterns look; remove it or add patterns",
            )
        try:
            return ContentScope(text)
        except ValueError:
            self.fail_rule(
                rule,
                f"unknown {where}.content_in '{text}'",
                hint="one of: code (comments and strings left out, the default), text",
            )

    def content_patterns(
        self, table: Mapping[str, object], where: str, rule: str
    ) -> tuple[ContentPattern, ...]:
        field = f"{where}.content_patterns"
        result: list[ContentPattern] = []
        for source in self.strings(table, "content_patterns", f"{self.pattern_path}.{where}"):
            line_regex = self.compile_regex(source, field, rule)
            if line_regex.fullmatch("") is not None:
                self.fail_rule(
                    rule,
                    f"regex {source!r} in {field} matches an empty line, so it would match "
                    "every line",
                )
            text_regex = (
                None
                if _LINE_ONLY_RE.search(source)
                else self.compile_regex(source, field, rule, re.MULTILINE)
            )
            result.append(
                ContentPattern(
                    source=source,
                    line_regex=line_regex,
                    text_regex=text_regex,
                    required=required_literals(source, scanned=True),
                )
            )
        return tuple(result)
