"""Rows of the analysis domain: functions, detections, patterns, boundaries, call graph, scans."""

from __future__ import annotations

from drift.records.record import Record


class FunctionRow(Record, frozen=True):
    """A function or method found by extraction; unique on ``(file, name, line)``."""

    id: int
    file: str
    name: str
    qualified_name: str | None
    language: str
    line: int
    end_line: int
    parameter_count: int
    return_type: str | None
    is_exported: bool
    is_async: bool
    body_hash: bytes | None
    signature_hash: bytes | None


class DetectionRow(Record, frozen=True):
    """One pattern match at a location; ``cwe_ids`` is a text list such as ``"79,89"``."""

    id: int
    file: str
    line: int
    column_num: int
    pattern_id: str
    category: str
    confidence: float
    detection_method: str
    cwe_ids: str | None
    owasp: str | None
    matched_text: str | None
    created_at: int


class DetectionSummaryRow(Record, frozen=True):
    """Detections per ``detection_method``: how many, and their mean confidence."""

    detection_method: str
    count: int
    avg_confidence: float


class PatternConfidenceRow(Record, frozen=True):
    """The Beta posterior of one pattern's confidence, and the tier it falls in."""

    pattern_id: str
    alpha: float
    beta: float
    posterior_mean: float
    credible_interval_low: float
    credible_interval_high: float
    tier: str
    momentum: str
    last_updated: int


class OutlierRow(Record, frozen=True):
    """A location that deviates from a pattern, with how far and by which method."""

    id: int
    pattern_id: str
    file: str
    line: int
    deviation_score: float
    significance: str
    method: str
    created_at: int


class ConventionRow(Record, frozen=True):
    """A pattern promoted (or on its way) to a convention of the codebase."""

    id: int
    pattern_id: str
    category: str
    scope: str
    dominance_ratio: float
    promotion_status: str
    discovered_at: int
    last_seen: int
    expires_at: int | None


class BoundaryRow(Record, frozen=True):
    """A data boundary: a model (and optionally table and field) a framework exposes."""

    id: int
    file: str
    framework: str
    model_name: str
    table_name: str | None
    field_name: str | None
    sensitivity: str | None
    confidence: float
    created_at: int


class CallEdgeRow(Record, frozen=True):
    """A call from one function to another; keyed by ``(caller_id, callee_id, call_site_line)``."""

    caller_id: int
    callee_id: int
    resolution: str
    confidence: float
    call_site_line: int


class ScanHistoryRow(Record, frozen=True):
    """One scan run: when it started and ended, what it found changed, and how it ended."""

    id: int
    started_at: int
    completed_at: int | None
    root_path: str
    total_files: int | None
    added_files: int | None
    modified_files: int | None
    removed_files: int | None
    unchanged_files: int | None
    duration_ms: int | None
    status: str
    error: str | None
