"""Writing what analysis would have stored, so enforcement can be tested on its own."""

from __future__ import annotations

from pathlib import Path

from drift.records.analysis import (
    ConventionRow,
    DetectionRow,
    FunctionRow,
    OutlierRow,
    PatternConfidenceRow,
)
from drift.records.batch import InsertFunctions, UpsertFileMetadata
from drift.records.enforcement import PatternStatusRow
from drift.records.files import FileMetadataRow
from drift.records.structural import ErrorGapRow, SecretRow, TaintFlowRow
from drift.storage.protocols.drift import DriftStorage


class Seeder:
    """Writes source files under ``root`` and analysis rows into ``storage``."""

    def __init__(self, storage: DriftStorage, root: Path) -> None:
        self.storage = storage
        self.root = root

    def file(self, path: str, text: str) -> None:
        """Write a source file and record it as tracked."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        row = FileMetadataRow(path, "python", len(text), b"\x00" * 8, 0, 0, 0, None, 0, 0, 0, None)
        self.storage.send_batch(UpsertFileMetadata([row]))
        self.storage.flush_sync()

    def detect(
        self,
        pattern_id: str,
        category: str,
        locations: list[tuple[str, int, int]],
        *,
        cwe_ids: str | None = None,
        owasp: str | None = None,
    ) -> None:
        """Detections of ``pattern_id`` at ``(file, line, column)`` locations."""
        self.storage.insert_detections(
            [
                DetectionRow(
                    0, f, line, col, pattern_id, category, 0.9, "pack", cwe_ids, owasp, None, 0
                )
                for f, line, col in locations
            ]
        )

    def confidence(self, pattern_id: str, mean: float) -> None:
        """A confidence row with posterior mean ``mean`` (alpha + beta = 20)."""
        alpha = 20.0 * mean
        self.storage.upsert_confidence(
            PatternConfidenceRow(
                pattern_id,
                alpha,
                20.0 - alpha,
                mean,
                mean - 0.1,
                min(1.0, mean + 0.05),
                "established" if mean >= 0.85 else "emerging",
                "stable",
                0,
            )
        )

    def status(self, pattern_id: str, status: str = "approved", by: str = "auto") -> None:
        """Set a pattern's lifecycle status."""
        self.storage.upsert_pattern_status(
            PatternStatusRow(pattern_id, status, by, 0, None, None, 0)
        )

    def approved(self, pattern_id: str, mean: float = 0.95) -> None:
        """An approved pattern with the given confidence."""
        self.confidence(pattern_id, mean)
        self.status(pattern_id)

    def outlier(
        self, pattern_id: str, file: str, line: int, significance: str = "high", score: float = 0.9
    ) -> None:
        """An outlier of ``pattern_id``."""
        self.storage.insert_outlier(
            OutlierRow(0, pattern_id, file, line, score, significance, "zscore", 0)
        )

    def convention(
        self, pattern_id: str, category: str, dominance: float, scope: str = "project"
    ) -> None:
        """A convention row."""
        self.storage.insert_convention(
            ConventionRow(0, pattern_id, category, scope, dominance, "approved", 0, 0, None)
        )

    def function(self, file: str, name: str, line: int) -> None:
        """A function row."""
        row = FunctionRow(
            0, file, name, name, "python", line, line + 1, 0, None, False, False, None, None
        )
        self.storage.send_batch(InsertFunctions([row]))
        self.storage.flush_sync()

    def error_gap(
        self, file: str, function_id: str, gap_type: str, line: int | None = None
    ) -> None:
        """An error-handling gap (at its handler's ``line``, if given)."""
        self.storage.insert_error_gap(
            ErrorGapRow(
                None, file, function_id, gap_type, "Exception", None, None, 703, "high", line
            )
        )

    def secret(
        self, file: str, line: int, kind: str = "aws_access_key", severity: str = "high"
    ) -> None:
        """A hard-coded secret."""
        self.storage.insert_secret(
            SecretRow(None, kind, "AKIA****", file, line, severity, 4.5, 0.9, "798")
        )

    def taint(self, file: str, line: int, *, sanitized: bool = False, cwe: int = 89) -> None:
        """A taint flow from ``file:1`` to ``file:line``."""
        self.storage.insert_taint_flow(
            TaintFlowRow(
                None, file, 1, "request_param", file, line, "sql_query", cwe, sanitized, "[]", 0.8
            )
        )
