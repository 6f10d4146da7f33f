"""Detections and boundaries in plain Python (part of `MemoryDriftAnalysis`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from msgspec.structs import replace

from drift.records.analysis import BoundaryRow, DetectionRow, DetectionSummaryRow
from drift.records.validation import check_limit, check_str, records_checker
from drift.storage.memory.core import MemoryCore

_check_detection_rows = records_checker(DetectionRow, "detections")
_check_boundary_rows = records_checker(BoundaryRow, "boundaries")


def _by_confidence(row: DetectionRow | BoundaryRow) -> tuple[float, int]:
    return (-row.confidence, row.id)


class MemoryDetections(MemoryCore):
    """The detection and boundary methods of ``IDriftAnalysis``."""

    _t_detections: dict[int, DetectionRow]
    _t_boundaries: dict[int, BoundaryRow]

    def _init_detections(self) -> None:
        self._t_detections = {}
        self._t_boundaries = {}

    # -- writes shared with the batch writer (lock held, arguments checked) -------------------

    def _insert_detections(self, detections: Sequence[DetectionRow]) -> int:
        now = self._now()
        for row in detections:
            new_id = self._next_id("detections")
            self._t_detections[new_id] = replace(
                row, id=new_id, confidence=float(row.confidence), created_at=now
            )
        return len(detections)

    def _delete_detections_by_file(self, file: str) -> int:
        doomed = [key for key, row in self._t_detections.items() if row.file == file]
        for key in doomed:
            del self._t_detections[key]
        return len(doomed)

    def _insert_boundaries(self, boundaries: Sequence[BoundaryRow]) -> int:
        now = self._now()
        for row in boundaries:
            new_id = self._next_id("boundaries")
            self._t_boundaries[new_id] = replace(
                row, id=new_id, confidence=float(row.confidence), created_at=now
            )
        return len(boundaries)

    def _delete_boundaries_by_file(self, file: str) -> int:
        doomed = [key for key, row in self._t_boundaries.items() if row.file == file]
        for key in doomed:
            del self._t_boundaries[key]
        return len(doomed)

    def _detections_where(self, keep: Callable[[DetectionRow], bool]) -> list[DetectionRow]:
        with self._lock:
            rows = [row for row in self._t_detections.values() if keep(row)]
        return sorted(rows, key=_by_confidence)

    # -- IDriftAnalysis: detections -----------------------------------------------------------

    def insert_detections(self, detections: list[DetectionRow]) -> int:
        rows = _check_detection_rows(detections)
        with self._lock:
            return self._insert_detections(rows)

    def get_detections_by_file(self, file: str) -> list[DetectionRow]:
        check_str("file", file)
        with self._lock:
            rows = [row for row in self._t_detections.values() if row.file == file]
        return sorted(rows, key=lambda row: (row.line, row.id))

    def get_detections_by_category(self, category: str) -> list[DetectionRow]:
        check_str("category", category)
        return self._detections_where(lambda row: row.category == category)

    def query_all_detections(self, limit: int) -> list[DetectionRow]:
        count = check_limit(limit)
        return self._detections_where(lambda row: True)[:count]

    def delete_detections_by_file(self, file: str) -> int:
        check_str("file", file)
        with self._lock:
            return self._delete_detections_by_file(file)

    def count_detections(self) -> int:
        with self._lock:
            return len(self._t_detections)

    def get_detections_by_method(self, method: str) -> list[DetectionRow]:
        check_str("method", method)
        return self._detections_where(lambda row: row.detection_method == method)

    def get_detections_by_pattern_prefix(self, prefix: str) -> list[DetectionRow]:
        check_str("prefix", prefix)
        return self._detections_where(lambda row: row.pattern_id.startswith(prefix))

    def get_detections_by_cwe(self, cwe_id: int) -> list[DetectionRow]:
        # A CWE number is non-negative (u32 in the reference): check_limit's rule.
        needle = str(check_limit(cwe_id, "cwe_id"))
        return self._detections_where(lambda row: row.cwe_ids is not None and needle in row.cwe_ids)

    def get_framework_detection_summary(self) -> list[DetectionSummaryRow]:
        groups: dict[str, list[float]] = {}
        with self._lock:
            for row in self._t_detections.values():
                groups.setdefault(row.detection_method, []).append(row.confidence)
        return [
            DetectionSummaryRow(
                detection_method=method,
                count=len(groups[method]),
                avg_confidence=sum(groups[method]) / len(groups[method]),
            )
            for method in sorted(groups)
        ]

    # -- IDriftAnalysis: boundaries -----------------------------------------------------------

    def insert_boundaries(self, boundaries: list[BoundaryRow]) -> int:
        rows = _check_boundary_rows(boundaries)
        with self._lock:
            return self._insert_boundaries(rows)

    def get_boundaries_by_file(self, file: str) -> list[BoundaryRow]:
        check_str("file", file)
        with self._lock:
            rows = [row for row in self._t_boundaries.values() if row.file == file]
        return sorted(rows, key=lambda row: row.id)

    def get_boundaries_by_framework(self, framework: str) -> list[BoundaryRow]:
        check_str("framework", framework)
        with self._lock:
            rows = [row for row in self._t_boundaries.values() if row.framework == framework]
        return sorted(rows, key=lambda row: row.id)

    def get_sensitive_boundaries(self) -> list[BoundaryRow]:
        with self._lock:
            rows = [row for row in self._t_boundaries.values() if row.sensitivity is not None]
        return sorted(rows, key=_by_confidence)

    def delete_boundaries_by_file(self, file: str) -> int:
        check_str("file", file)
        with self._lock:
            return self._delete_boundaries_by_file(file)

    def count_boundaries(self) -> int:
        with self._lock:
            return len(self._t_boundaries)
