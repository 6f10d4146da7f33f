"""What a re-analysed file had before: the rows the project-wide detectors derived for it, and
whether its own facts (detections and names) changed at all.

Replacing a file's detections also drops the ones the learner and the naming detector derived
for it. Those are re-derived whenever the patterns are analysed again; when an edit changed no
detection and no function name (a comment, a reworded literal, a body edit), that analysis is
skipped, so the old derived rows are carried over instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from drift.pipeline.detect import DERIVED_METHODS
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.tasks import FileOutcome
from drift.records.analysis import DetectionRow, FunctionRow

_DetectionKey = tuple[str, int, int, str, float, str, str | None, str | None, str | None]
_NameKey = tuple[str, str | None, int, str]


def _detection_key(row: DetectionRow) -> _DetectionKey:
    return (
        row.pattern_id, row.line, row.column_num, row.category, row.confidence,
        row.detection_method, row.cwe_ids, row.owasp, row.matched_text,
    )  # fmt: skip


def _name_key(row: FunctionRow) -> _NameKey:
    return (row.name, row.qualified_name, row.line, row.language)


@dataclass(frozen=True, slots=True)
class Previous:
    """A file's derived detections before this run, and whether its facts are the same now."""

    derived: tuple[DetectionRow, ...]
    same_facts: bool


def previous_rows(storage: PipelineStore, outcome: FileOutcome) -> Previous:
    """Compare the stored rows of ``outcome.path`` with what the worker found now."""
    stored = storage.get_detections_by_file(outcome.path)
    derived = tuple(row for row in stored if row.detection_method in DERIVED_METHODS)
    own = sorted(
        _detection_key(row) for row in stored if row.detection_method not in DERIVED_METHODS
    )
    same = outcome.read_error is None and own == sorted(
        _detection_key(row) for row in outcome.detections
    )
    if same:
        names = sorted(_name_key(row) for row in storage.get_functions_by_file(outcome.path))
        same = names == sorted(_name_key(row) for row in outcome.functions)
    return Previous(derived, same)
