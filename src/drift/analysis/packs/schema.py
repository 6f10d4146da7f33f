"""The pattern-pack model: what a loaded and compiled pack TOML file becomes.

A pack has a ``[framework]`` header (name, languages, optional detect signals) and
``[[patterns]]`` entries. Each pattern has a ``match`` block of predicates. Different predicate
kinds in one block are combined with AND; the values inside one predicate with OR. ``not`` is a
nested block: when it matches a file, the pattern does not. ``file_patterns`` and ``language``
only filter; every other predicate emits one match per item it matched. ``receivers`` narrows
``calls`` to calls whose receiver is one of them, as ``not_values_of`` narrows
``string_literals``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from drift.analysis.packs.globs import Glob
from drift.analysis.packs.literals import RequiredLiterals

DEFAULT_PATTERN_CONFIDENCE = 0.80
DEFAULT_DEVIATION_THRESHOLD = 0.15
MAX_MATCHES_PER_PATTERN = 100
"""The most matches one pattern reports in one file (its first ones)."""

# The sixteen detection categories of the reference; a pack's pattern must use one of them.
CATEGORIES: frozenset[str] = frozenset(
    {
        "api",
        "auth",
        "components",
        "config",
        "contracts",
        "data_access",
        "documentation",
        "errors",
        "logging",
        "performance",
        "security",
        "structural",
        "styling",
        "testing",
        "types",
        "accessibility",
    }
)

# Language names a pack may use, and the canonical name each alias stands for.
LANGUAGE_ALIASES: dict[str, str] = {
    "python": "python",
    "py": "python",
    "javascript": "javascript",
    "js": "javascript",
    "jsx": "javascript",
    "typescript": "typescript",
    "ts": "typescript",
    "tsx": "typescript",
    "go": "go",
    "golang": "go",
    "java": "java",
    "csharp": "csharp",
    "c#": "csharp",
    "cs": "csharp",
    "rust": "rust",
    "rs": "rust",
    "ruby": "ruby",
    "rb": "ruby",
    "php": "php",
    "kotlin": "kotlin",
    "kt": "kotlin",
    "cpp": "cpp",
    "c++": "cpp",
    "c": "c",
    "swift": "swift",
    "scala": "scala",
}

# Kinds of error-handling construct that `error_handling` can name. A handler site carries its
# construct kind plus one name per property it has, mirroring the scanner's ErrorHandler record.
ERROR_HANDLER_KINDS: frozenset[str] = frozenset(
    {
        # constructs
        "except",  # a Python except clause
        "catch",  # an except or catch clause (Python, JavaScript/TypeScript, Java)
        "finally",  # a finally clause
        "throw",  # raise / throw / panic(...)
        "promise_catch",  # JavaScript .catch(callback)
        "error_check",  # Go: if err != nil { ... }
        "recover",  # Go: recover() in a deferred function
        "handler",  # any handler: except, catch, promise_catch, error_check or recover
        # properties of a handler
        "empty",  # the body does nothing (pass, ..., {})
        "generic",  # catches everything or a root type (bare except, Exception, Throwable)
        "bare",  # a Python except with no type at all
        "rethrow",  # the body raises or throws again (Go: returns or panics)
        "swallow",  # does not rethrow and never uses the bound error
    }
)


def canonical_language(name: str) -> str | None:
    """The canonical language name for ``name`` (case-insensitive), or None if unknown."""
    return LANGUAGE_ALIASES.get(name.strip().lower())


class GroupBy(StrEnum):
    """What the convention learner groups observations by."""

    CATEGORY_SUB_TYPE = "category:sub_type"
    PATTERN_ID = "pattern_id"
    CATEGORY = "category"


class LearnSignal(StrEnum):
    """Signals the convention learner understands."""

    CONVENTION = "convention"


NO_RECEIVER = "-"
"""The receiver of a ``calls`` value that matches plain calls only (``-.eval``)."""


@dataclass(frozen=True, slots=True)
class CallPattern:
    """A ``calls`` value: ``method`` (any receiver or none), ``recv.method``, ``*.method``,
    ``*.recv.method``, ``-.method`` or ``recv.*``.

    A receiver matches a call whose receiver text equals it or ends with ``.`` plus it, so
    ``logger.info`` matches ``self.logger.info(...)``; ``*`` matches any receiver but none, and
    ``-`` no receiver at all (``-.eval``: the builtin, not ``db.eval(…)``). ``*.recv`` matches
    a receiver that ends with ``.recv`` but is more than it (``*.objects.get``: Django's
    ``User.objects.get(…)``, not a local dict ``objects.get(…)``). A method ``*`` matches any
    method of the receiver (``assert.*``: testify's assertions).
    """

    text: str
    receiver: str | None
    method: str

    @classmethod
    def parse(cls, text: str) -> CallPattern:
        """Split ``recv.method`` at its last dot; a value with no dot names a method only."""
        receiver, dot, method = text.rpartition(".")
        if not dot:
            return cls(text=text, receiver=None, method=text)
        return cls(text=text, receiver=receiver, method=method)

    def matches(self, callee: str, receiver: str | None) -> bool:
        """Whether a call site with this callee and receiver matches the pattern."""
        if self.method not in (callee, "*"):
            return False
        if self.receiver is None:
            return True
        if not receiver:
            return self.receiver == NO_RECEIVER
        if self.receiver == NO_RECEIVER:
            return False
        if self.receiver == "*":
            return True
        if self.receiver.startswith("*."):
            return receiver.endswith(self.receiver[1:])
        return receiver == self.receiver or receiver.endswith("." + self.receiver)


@dataclass(frozen=True, slots=True)
class ContentPattern:
    """A ``content_patterns`` regex, matched against one line at a time.

    ``line_regex`` is the user's regex as written, applied to each line. ``text_regex`` is the
    same regex in multi-line mode, used to find candidate lines quickly in the whole text; it is
    None when the regex has look-arounds or absolute anchors, whose meaning at a line boundary
    differs between the two modes, so every line is then searched on its own.
    """

    source: str
    line_regex: re.Pattern[str]
    text_regex: re.Pattern[str] | None
    required: RequiredLiterals | None = None


class ContentScope(StrEnum):
    """Where ``content_patterns`` look (the ``content_in`` key)."""

    CODE = "code"
    """Code only: a match starting in a comment, or inside a string after its opening quote,
    does not count."""
    TEXT = "text"
    """Every line as it is, comments and strings included."""


@dataclass(frozen=True, slots=True)
class MatchBlock:
    """The predicates of one pattern (or of its ``not`` block)."""

    imports: tuple[str, ...] = ()
    calls: tuple[CallPattern, ...] = ()
    # What a ``calls`` receiver must be (``receiver_is``): a name it ends in (``cur``), or
    # ``name()``, the call or class the code says made its value (``connect()``).
    receivers: tuple[str, ...] = ()
    decorators: tuple[str, ...] = ()
    function_names: tuple[re.Pattern[str], ...] = ()
    class_names: tuple[re.Pattern[str], ...] = ()
    extends: tuple[str, ...] = ()
    exports: tuple[str, ...] = ()
    string_literals: tuple[re.Pattern[str], ...] = ()
    # Keys whose values ``string_literals`` passes over (``$id``: an identifier, never fetched).
    not_values_of: tuple[str, ...] = ()
    content_patterns: tuple[ContentPattern, ...] = ()
    content_in: ContentScope = ContentScope.CODE
    error_handling: tuple[str, ...] = ()
    file_patterns: tuple[Glob, ...] = ()
    file_imports: tuple[str, ...] = ()
    language: str | None = None
    negated: MatchBlock | None = None

    emitting: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Worked out once: the matcher asks for every pattern of every file.
        present = {
            "imports": self.imports,
            "calls": self.calls,
            "decorators": self.decorators,
            "function_names": self.function_names,
            "class_names": self.class_names,
            "extends": self.extends,
            "exports": self.exports,
            "string_literals": self.string_literals,
            "content_patterns": self.content_patterns,
            "error_handling": self.error_handling,
        }
        emitting = tuple(name for name, values in present.items() if values)
        object.__setattr__(self, "emitting", emitting)

    def emitting_predicates(self) -> tuple[str, ...]:
        """Names of the predicates present in this block that emit matches."""
        return self.emitting

    def is_empty(self) -> bool:
        """True when the block has no predicate or filter at all."""
        return (
            not self.emitting_predicates()
            and not self.file_patterns
            and not self.file_imports
            and self.language is None
            and self.negated is None
        )


@dataclass(frozen=True, slots=True)
class LearnSpec:
    """A ``learn`` block: take part in the convention-deviation learner."""

    group_by: GroupBy = GroupBy.CATEGORY_SUB_TYPE
    signal: LearnSignal = LearnSignal.CONVENTION
    deviation_threshold: float = DEFAULT_DEVIATION_THRESHOLD


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One ``[[patterns]]`` entry of a pack, compiled."""

    id: str
    pack: str
    category: str
    match: MatchBlock
    description: str | None = None
    sub_type: str | None = None
    confidence: float = DEFAULT_PATTERN_CONFIDENCE
    cwe_ids: tuple[int, ...] = ()
    owasp: str | None = None
    learn: LearnSpec | None = None


class SignalKind(StrEnum):
    """Kinds of pack detect signal."""

    IMPORT = "import"
    FILE_PATTERN = "file_pattern"
    DECORATOR = "decorator"
    DEPENDENCY = "dependency"


@dataclass(frozen=True, slots=True)
class DetectSignal:
    """One ``detect_by`` entry: evidence that the project uses the pack's framework."""

    kind: SignalKind
    value: str
    glob: Glob | None = None


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded pattern pack."""

    name: str
    source: str
    patterns: tuple[PatternSpec, ...]
    display_name: str | None = None
    version: str | None = None
    description: str | None = None
    languages: frozenset[str] = frozenset()
    detect_by: tuple[DetectSignal, ...] = ()

    def applies_to_language(self, language: str) -> bool:
        """Whether the pack covers files of this language (an empty list covers all)."""
        if not self.languages:
            return True
        return canonical_language(language) in self.languages
