"""Small row factories for the integration tests."""

from __future__ import annotations

from drift.records.analysis import DetectionRow, PatternConfidenceRow
from drift.records.cortex import BaseMemory
from drift.records.files import FileMetadataRow


def file_row(path: str, *, size: int = 100, language: str = "python") -> FileMetadataRow:
    return FileMetadataRow(
        path=path,
        language=language,
        file_size=size,
        content_hash=path.encode().ljust(8, b"\0")[:8],
        mtime_secs=1_700_000_000,
        mtime_nanos=0,
        last_scanned_at=1_700_000_000,
        scan_duration_us=10,
        pattern_count=0,
        function_count=0,
        error_count=0,
        error=None,
    )


def detection_row(file: str, line: int, pattern_id: str = "naming/snake") -> DetectionRow:
    return DetectionRow(
        id=0,
        file=file,
        line=line,
        column_num=1,
        pattern_id=pattern_id,
        category="naming",
        confidence=0.9,
        detection_method="pack",
        cwe_ids=None,
        owasp=None,
        matched_text=None,
        created_at=0,
    )


def confidence_row(pattern_id: str, mean: float = 0.8) -> PatternConfidenceRow:
    return PatternConfidenceRow(
        pattern_id=pattern_id,
        alpha=8.0,
        beta=2.0,
        posterior_mean=mean,
        credible_interval_low=mean - 0.1,
        credible_interval_high=min(1.0, mean + 0.1),
        tier="established",
        momentum="stable",
        last_updated=1_700_000_000,
    )


def memory(memory_id: str, summary: str) -> BaseMemory:
    return BaseMemory(
        id=memory_id,
        memory_type="pattern_rationale",
        content='{"rationale": "why"}',
        summary=summary,
        tags=("gate",),
    )
