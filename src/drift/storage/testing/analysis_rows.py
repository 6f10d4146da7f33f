"""Row builders for the files, analysis and batch contracts: valid rows with short call sites.

Each builder fills every field with a plausible value; keyword arguments override any field.
Ids and ``created_at`` are zero where the storage assigns them.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from drift.records.analysis import (
    BoundaryRow,
    CallEdgeRow,
    ConventionRow,
    DetectionRow,
    FunctionRow,
    OutlierRow,
    PatternConfidenceRow,
    ScanHistoryRow,
)
from drift.records.batch import BatchCommand
from drift.records.files import FileMetadataRow, ParseCacheRow
from drift.storage.testing.base import StorageUnderTest


def file_row(path: str, **fields: Any) -> FileMetadataRow:
    """A ``file_metadata`` row for ``path``."""
    row = FileMetadataRow(
        path=path,
        language="python",
        file_size=1_234,
        content_hash=b"\x00\xffhash:" + path.encode(),
        mtime_secs=1_690_000_000,
        mtime_nanos=123_456_789,
        last_scanned_at=1_690_000_100,
        scan_duration_us=420,
        pattern_count=2,
        function_count=3,
        error_count=0,
        error=None,
    )
    return replace(row, **fields)


def parse_cache_row(content_hash: bytes, **fields: Any) -> ParseCacheRow:
    """A ``parse_cache`` row."""
    row = ParseCacheRow(
        content_hash=content_hash,
        language="python",
        parse_result_json='{"functions": []}',
        created_at=1_690_000_000,
    )
    return replace(row, **fields)


def function_row(file: str, name: str, line: int, **fields: Any) -> FunctionRow:
    """A ``functions`` row (id 0: the storage assigns it)."""
    row = FunctionRow(
        id=0,
        file=file,
        name=name,
        qualified_name=f"{file.removesuffix('.py').replace('/', '.')}.{name}",
        language="python",
        line=line,
        end_line=line + 5,
        parameter_count=1,
        return_type="int",
        is_exported=True,
        is_async=False,
        body_hash=b"\x01\x02body",
        signature_hash=None,
    )
    return replace(row, **fields)


def detection_row(file: str, line: int, **fields: Any) -> DetectionRow:
    """A ``detections`` row (id and created_at 0: the storage assigns them)."""
    row = DetectionRow(
        id=0,
        file=file,
        line=line,
        column_num=4,
        pattern_id="naming/snake_case",
        category="naming",
        confidence=0.5,
        detection_method="ast",
        cwe_ids=None,
        owasp=None,
        matched_text="def f():",
        created_at=0,
    )
    return replace(row, **fields)


def boundary_row(file: str, **fields: Any) -> BoundaryRow:
    """A ``boundaries`` row (id and created_at 0: the storage assigns them)."""
    row = BoundaryRow(
        id=0,
        file=file,
        framework="django",
        model_name="User",
        table_name="auth_user",
        field_name=None,
        sensitivity=None,
        confidence=0.5,
        created_at=0,
    )
    return replace(row, **fields)


def confidence_row(pattern_id: str, **fields: Any) -> PatternConfidenceRow:
    """A ``pattern_confidence`` row."""
    row = PatternConfidenceRow(
        pattern_id=pattern_id,
        alpha=3.0,
        beta=1.0,
        posterior_mean=0.75,
        credible_interval_low=0.5,
        credible_interval_high=0.875,
        tier="established",
        momentum="Stable",
        last_updated=1_690_000_000,
    )
    return replace(row, **fields)


def outlier_row(pattern_id: str, deviation_score: float, **fields: Any) -> OutlierRow:
    """An ``outliers`` row (id and created_at 0: the storage assigns them)."""
    row = OutlierRow(
        id=0,
        pattern_id=pattern_id,
        file="src/app.py",
        line=10,
        deviation_score=deviation_score,
        significance="high",
        method="z_score",
        created_at=0,
    )
    return replace(row, **fields)


def convention_row(pattern_id: str, dominance_ratio: float, **fields: Any) -> ConventionRow:
    """A ``conventions`` row (id 0: the storage assigns it)."""
    row = ConventionRow(
        id=0,
        pattern_id=pattern_id,
        category="naming",
        scope="project",
        dominance_ratio=dominance_ratio,
        promotion_status="discovered",
        discovered_at=1_690_000_000,
        last_seen=1_690_000_500,
        expires_at=None,
    )
    return replace(row, **fields)


def edge(caller_id: int, callee_id: int, line: int, **fields: Any) -> CallEdgeRow:
    """A ``call_edges`` row."""
    row = CallEdgeRow(
        caller_id=caller_id,
        callee_id=callee_id,
        resolution="exact",
        confidence=1.0,
        call_site_line=line,
    )
    return replace(row, **fields)


def scan_row(started_at: int, **fields: Any) -> ScanHistoryRow:
    """A finished ``scan_history`` row (id 0: the storage assigns it)."""
    row = ScanHistoryRow(
        id=0,
        started_at=started_at,
        completed_at=started_at + 3,
        root_path="/repo",
        total_files=10,
        added_files=1,
        modified_files=2,
        removed_files=0,
        unchanged_files=7,
        duration_ms=3_000,
        status="completed",
        error=None,
    )
    return replace(row, **fields)


def write(backend: StorageUnderTest, *commands: BatchCommand) -> None:
    """Send ``commands`` through the batch writer and wait until they are committed."""
    for command in commands:
        backend.drift.send_batch(command)
    backend.drift.flush_sync()


def untyped(value: object) -> Any:
    """Pass a deliberately ill-typed argument past the type checker; the runtime must refuse it."""
    return value
