"""Rows of the bridge domain (bridge.db), and the grounding results the bridge writes.

Field names and order follow ``reference/storage.md`` §4.8. Reads return the ``*Row`` records;
writes take a ``BaseMemory`` (``drift.records.cortex``), a ``GroundingResult`` or a
``GroundingSnapshot``. JSON columns (``content``, ``tags``, ``linked_patterns``, ``evidence``)
stay raw text in the rows, exactly as stored.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum

from msgspec.structs import force_setattr

from drift.records.cortex import check_finite
from drift.records.record import Record
from drift.records.validation import check_int, check_record, check_str


class GroundingVerdict(StrEnum):
    """The verdict of grounding one memory; stored by value in ``classification``."""

    VALIDATED = "validated"
    PARTIAL = "partial"
    WEAK = "weak"
    INVALIDATED = "invalidated"
    NOT_GROUNDABLE = "not_groundable"
    INSUFFICIENT_DATA = "insufficient_data"
    ERROR = "error"


class AdjustmentMode(StrEnum):
    """How a grounding result changes a memory's confidence."""

    NO_CHANGE = "no_change"
    BOOST = "boost"
    PENALIZE = "penalize"
    FLAG_FOR_REVIEW = "flag_for_review"
    SET = "set"


class ConfidenceAdjustment(Record, frozen=True):
    """A confidence change: its mode, the delta (None for no change) and why."""

    mode: AdjustmentMode
    delta: float | None
    reason: str


class GroundingEvidence(Record, frozen=True):
    """One piece of drift evidence for or against a memory.

    ``support_score`` is clamped to [0, 1] on construction, as in the original; a non-finite
    value is kept so that the scorer can skip it.
    """

    evidence_type: str
    description: str
    drift_value: float
    memory_claim: float | None
    support_score: float
    weight: float

    def __post_init__(self) -> None:
        score = self.support_score
        if isinstance(score, (int, float)) and not isinstance(score, bool) and math.isfinite(score):
            force_setattr(self, "support_score", min(max(float(score), 0.0), 1.0))


class GroundingResult(Record, frozen=True):
    """The outcome of grounding one memory."""

    memory_id: str
    verdict: GroundingVerdict
    grounding_score: float
    previous_score: float | None
    score_delta: float | None
    confidence_adjustment: ConfidenceAdjustment
    evidence: tuple[GroundingEvidence, ...]
    generates_contradiction: bool
    duration_ms: int


class GroundingSnapshot(Record, frozen=True):
    """Counts of one grounding pass over many memories."""

    total_checked: int
    validated: int
    partial: int
    weak: int
    invalidated: int
    not_groundable: int
    insufficient_data: int
    avg_grounding_score: float
    contradictions_generated: int
    duration_ms: int
    error_count: int = 0
    trigger_type: str | None = None

    @property
    def grounded_count(self) -> int:
        """Memories that received a score verdict (validated, partial, weak or invalidated)."""
        return self.validated + self.partial + self.weak + self.invalidated


class BridgeMemoryRow(Record, frozen=True):
    """The bridge's working copy of a memory (table ``bridge_memories``)."""

    id: str
    memory_type: str
    content: str
    summary: str
    confidence: float
    importance: str
    tags: str
    linked_patterns: str
    created_at: int


class GroundingResultRow(Record, frozen=True):
    """One stored grounding result (table ``bridge_grounding_results``)."""

    memory_id: str
    grounding_score: float
    classification: str
    evidence: str
    created_at: int


class GroundingSnapshotRow(Record, frozen=True):
    """One stored grounding pass (table ``bridge_grounding_snapshots``)."""

    total_memories: int
    grounded_count: int
    validated_count: int
    partial_count: int
    weak_count: int
    invalidated_count: int
    avg_score: float
    error_count: int
    trigger_type: str | None
    created_at: int


class BridgeEventRow(Record, frozen=True):
    """One entry of the bridge event log (table ``bridge_event_log``)."""

    event_type: str
    memory_type: str | None
    memory_id: str | None
    confidence: float | None
    created_at: int


class BridgeMetricRow(Record, frozen=True):
    """One recorded metric value; ``created_at`` holds the ``recorded_at`` column."""

    metric_name: str
    metric_value: float
    created_at: int


class BridgeStorageStats(Record, frozen=True):
    """Row counts of the five bridge tables."""

    memory_count: int = 0
    event_count: int = 0
    grounding_result_count: int = 0
    snapshot_count: int = 0
    metric_count: int = 0


class BridgeHealthStatus(Record, frozen=True):
    """Whether the store answers, and whether it runs in WAL mode."""

    connected: bool
    wal_mode: bool


def _finite_or_none(value: float | None) -> float | None:
    # NaN and infinities are not JSON; a reader gets null rather than an unparsable document.
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def evidence_json(evidence: tuple[GroundingEvidence, ...]) -> str:
    """The evidence list as the JSON text stored in ``bridge_grounding_results.evidence``."""
    return json.dumps(
        [
            {
                "evidence_type": str(item.evidence_type),
                "description": item.description,
                "drift_value": _finite_or_none(item.drift_value),
                "memory_claim": _finite_or_none(item.memory_claim),
                "support_score": _finite_or_none(item.support_score),
                "weight": _finite_or_none(item.weight),
            }
            for item in evidence
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def check_grounding_result(value: object, name: str = "result") -> GroundingResult:
    """Type-check a result (evidence items included); its score must be finite."""
    result = check_record(value, GroundingResult, name)
    check_record(
        result.confidence_adjustment, ConfidenceAdjustment, f"{name}.confidence_adjustment"
    )
    if not isinstance(result.evidence, tuple):
        raise TypeError(f"{name}.evidence must be a tuple, not {type(result.evidence).__name__}")
    for index, item in enumerate(result.evidence):
        check_record(item, GroundingEvidence, f"{name}.evidence[{index}]")
    check_finite(f"{name}.grounding_score", result.grounding_score)
    return result


def check_snapshot(value: object, name: str = "snapshot") -> GroundingSnapshot:
    """Type-check a snapshot; counts must be non-negative and the average finite."""
    snapshot = check_record(value, GroundingSnapshot, name)
    for field_name in (
        "total_checked",
        "validated",
        "partial",
        "weak",
        "invalidated",
        "not_groundable",
        "insufficient_data",
        "contradictions_generated",
        "duration_ms",
        "error_count",
    ):
        count = check_int(f"{name}.{field_name}", getattr(snapshot, field_name))
        if count < 0:
            raise ValueError(f"{name}.{field_name} must be >= 0, got {count}")
    check_finite(f"{name}.avg_grounding_score", snapshot.avg_grounding_score)
    return snapshot


def weight_metric_name(section: str) -> str:
    """The ``bridge_metrics`` name under which ``upsert_weight`` keeps a section's weight."""
    return f"weight:{check_str('section', section)}"
