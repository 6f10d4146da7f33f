"""Rows of the cortex domain: the memory model the bridge needs (``reference/bridge.md`` §6).

A memory's ``content`` is held as JSON *text* (the typed content ``{"type": ..., "data": {...}}``),
not as a dict, so that ``BaseMemory`` stays frozen and hashable and every backend stores and
returns exactly the same string. ``typed_content`` builds that text; ``content_data`` parses it.

Vocabularies are stored in one spelling everywhere (DECISIONS #10): snake_case memory type names
and lowercase importance. Unknown names are rejected with ``ValueError`` instead of being mapped
to ``core`` as the original does.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from msgspec.structs import replace

from drift.records.record import Record
from drift.records.validation import check_record, check_str

MEMORY_TYPES: tuple[str, ...] = (
    # domain-agnostic
    "core",
    "tribal",
    "procedural",
    "semantic",
    "episodic",
    "decision",
    "insight",
    "reference",
    "preference",
    # code-specific
    "pattern_rationale",
    "constraint_override",
    "decision_context",
    "code_smell",
    # universal
    "agent_spawn",
    "entity",
    "goal",
    "feedback",
    "workflow",
    "conversation",
    "incident",
    "meeting",
    "skill",
    "environment",
)
_MEMORY_TYPE_SET = frozenset(MEMORY_TYPES)

IMPORTANCE_LEVELS: tuple[str, ...] = ("low", "normal", "high", "critical")
IMPORTANCE_WEIGHTS: Mapping[str, float] = {"low": 0.8, "normal": 1.0, "high": 1.5, "critical": 2.0}

T = TypeVar("T")

DEFAULT_NAMESPACE = "agent://default/"
DEFAULT_SOURCE_AGENT = "default"


def check_memory_type(value: object, name: str = "memory_type") -> str:
    """A known snake_case memory type; ``TypeError`` if not a str, ``ValueError`` if unknown."""
    text = check_str(name, value)
    if text not in _MEMORY_TYPE_SET:
        raise ValueError(
            f"unknown memory type {text!r}; expected one of the snake_case names: "
            + ", ".join(MEMORY_TYPES)
        )
    return text


def check_importance(value: object, name: str = "importance") -> str:
    """One of ``low``, ``normal``, ``high``, ``critical`` (lowercase)."""
    text = check_str(name, value)
    if text not in IMPORTANCE_LEVELS:
        raise ValueError(
            f"unknown importance {text!r}; expected one of {', '.join(IMPORTANCE_LEVELS)}"
        )
    return text


def check_finite(name: str, value: object) -> float:
    """A real number that is neither NaN nor infinite (databases cannot store those alike)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {number!r}")
    return number


def clamp_unit(value: float) -> float:
    """Clamp to [0, 1], as the original's ``Confidence`` type does."""
    return min(max(value, 0.0), 1.0)


class PatternLink(Record, frozen=True):
    """A memory's link to a drift pattern."""

    pattern_id: str
    pattern_name: str


class ConstraintLink(Record, frozen=True):
    """A memory's link to a constraint."""

    constraint_id: str
    constraint_name: str


class FileLink(Record, frozen=True):
    """A memory's link to a file (repo-relative POSIX path), optionally to a 1-based line range."""

    file_path: str
    line_start: int | None = None
    line_end: int | None = None
    content_hash: str | None = None


class FunctionLink(Record, frozen=True):
    """A memory's link to a function of a file."""

    function_name: str
    file_path: str
    signature: str | None = None


MemoryLink = PatternLink | ConstraintLink | FileLink | FunctionLink


def link_key(link: MemoryLink) -> tuple[str, ...]:
    """What identifies a link within one memory; a second link with the same key replaces it."""
    if isinstance(link, PatternLink):
        return ("pattern", link.pattern_id)
    if isinstance(link, ConstraintLink):
        return ("constraint", link.constraint_id)
    if isinstance(link, FileLink):
        return ("file", link.file_path)
    return ("function", link.file_path, link.function_name)


def check_link(value: object, name: str = "link") -> MemoryLink:
    """A link of one of the four kinds, with fields of the declared types and sane line numbers."""
    if not isinstance(value, (PatternLink, ConstraintLink, FileLink, FunctionLink)):
        raise TypeError(
            f"{name} must be a PatternLink, ConstraintLink, FileLink or FunctionLink, "
            f"not {type(value).__name__}"
        )
    link: MemoryLink = value
    check_record(link, type(link), name)
    if isinstance(link, FileLink):
        if link.line_start is not None and link.line_start < 1:
            raise ValueError(f"{name}.line_start must be >= 1 (lines are 1-based)")
        if link.line_end is not None and link.line_end < (link.line_start or 1):
            raise ValueError(f"{name}.line_end must be >= line_start")
    return link


class BaseMemory(Record, frozen=True):
    """One memory: typed content, confidence, importance, tags and links to code.

    ``content`` is JSON text of a JSON object (see ``typed_content``). ``created_at`` and
    ``updated_at`` are set by storage (integer Unix seconds); values given on input are ignored.
    """

    id: str
    memory_type: str
    content: str
    summary: str
    confidence: float = 1.0
    importance: str = "normal"
    tags: tuple[str, ...] = ()
    linked_patterns: tuple[PatternLink, ...] = ()
    linked_constraints: tuple[ConstraintLink, ...] = ()
    linked_files: tuple[FileLink, ...] = ()
    linked_functions: tuple[FunctionLink, ...] = ()
    archived: bool = False
    superseded_by: str | None = None
    supersedes: str | None = None
    namespace: str = DEFAULT_NAMESPACE
    source_agent: str = DEFAULT_SOURCE_AGENT
    created_at: int = 0
    updated_at: int = 0

    @property
    def content_hash(self) -> str:
        """SHA-256 hex of the content text (the original uses blake3, which is not in stdlib)."""
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()

    @property
    def links(self) -> tuple[MemoryLink, ...]:
        """Every link, patterns first, then constraints, files and functions."""
        return (
            *self.linked_patterns,
            *self.linked_constraints,
            *self.linked_files,
            *self.linked_functions,
        )


class MemoryCursor(Record, frozen=True, order=True):
    """Keyset position in a newest-first memory list: the last memory of the previous page."""

    created_at: int
    id: str

    @classmethod
    def of(cls, memory: BaseMemory) -> MemoryCursor:
        """The cursor that continues after ``memory``."""
        return cls(memory.created_at, memory.id)


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def typed_content(memory_type: str, data: Mapping[str, Any]) -> str:
    """The content text of a memory: ``{"data": {...}, "type": "<memory_type>"}``, keys sorted."""
    check_memory_type(memory_type)
    return _json_text({"type": memory_type, "data": dict(data)})


def content_data(memory: BaseMemory) -> dict[str, Any]:
    """The parsed content object of a memory."""
    parsed: dict[str, Any] = json.loads(memory.content)
    return parsed


def tags_json(tags: tuple[str, ...] | list[str]) -> str:
    """Tags as a compact JSON list (the bridge's ``tags`` column)."""
    return json.dumps(list(tags), ensure_ascii=False, separators=(",", ":"))


def tag_json(tag: str) -> str:
    """One tag as it appears inside ``tags_json`` (quoted and escaped), for substring search."""
    return json.dumps(tag, ensure_ascii=False)


def pattern_links_json(links: tuple[PatternLink, ...]) -> str:
    """Pattern links as a JSON list of ``{"pattern_id", "pattern_name"}`` objects."""
    return json.dumps(
        [{"pattern_id": link.pattern_id, "pattern_name": link.pattern_name} for link in links],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _unique(items: tuple[T, ...], key: Any) -> tuple[T, ...]:
    seen: set[object] = set()
    kept: list[T] = []
    for item in items:
        marker = key(item)
        if marker not in seen:
            seen.add(marker)
            kept.append(item)
    return tuple(kept)


def _check_tuple(name: str, values: object, element: type) -> tuple[Any, ...]:
    """A tuple whose elements are all instances of ``element``."""
    if not isinstance(values, tuple):
        raise TypeError(f"{name} must be a tuple, not {type(values).__name__}")
    for index, value in enumerate(values):
        if not isinstance(value, element):
            raise TypeError(
                f"{name}[{index}] must be {element.__name__}, not {type(value).__name__}"
            )
    return values


def check_memory(value: object, name: str = "memory") -> BaseMemory:
    """Validate a memory and return it normalised for storage.

    Raises ``TypeError`` for a wrong type anywhere (including tuple elements) and ``ValueError``
    for an unknown memory type or importance, a non-finite confidence, or content that is not
    JSON text of an object. The result has duplicate tags removed (DECISIONS #11), links with
    the same key collapsed to the first, and confidence clamped to [0, 1].
    """
    memory = check_record(value, BaseMemory, name)
    check_memory_type(memory.memory_type, f"{name}.memory_type")
    check_importance(memory.importance, f"{name}.importance")
    confidence = clamp_unit(check_finite(f"{name}.confidence", memory.confidence))
    _check_tuple(f"{name}.tags", memory.tags, str)
    for field_name, link_type in (
        ("linked_patterns", PatternLink),
        ("linked_constraints", ConstraintLink),
        ("linked_files", FileLink),
        ("linked_functions", FunctionLink),
    ):
        label = f"{name}.{field_name}"
        for index, link in enumerate(_check_tuple(label, getattr(memory, field_name), link_type)):
            check_link(link, f"{label}[{index}]")
    try:
        parsed = json.loads(memory.content)
    except ValueError as error:
        raise ValueError(f"{name}.content must be JSON text: {error}") from error
    if not isinstance(parsed, dict):
        raise ValueError(f"{name}.content must be JSON text of an object")
    return replace(
        memory,
        confidence=confidence,
        tags=_unique(memory.tags, lambda tag: tag),
        linked_patterns=_unique(memory.linked_patterns, link_key),
        linked_constraints=_unique(memory.linked_constraints, link_key),
        linked_files=_unique(memory.linked_files, link_key),
        linked_functions=_unique(memory.linked_functions, link_key),
    )
