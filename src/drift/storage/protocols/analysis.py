"""The `IDriftAnalysis` storage protocol: functions, detections, patterns, boundaries, call
edges and scan history."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.analysis import (
    BoundaryRow,
    CallEdgeRow,
    ConventionRow,
    DetectionRow,
    DetectionSummaryRow,
    FunctionRow,
    OutlierRow,
    PatternConfidenceRow,
    ScanHistoryRow,
)


@runtime_checkable
class IDriftAnalysis(Protocol):
    """What analysis reads and writes; functions themselves are written by batch commands.

    Ties in every order are broken by the primary key ascending (``id DESC`` after a
    time-descending order), so every backend returns the same sequence.
    """

    # functions

    def get_functions_by_file(self, file: str) -> list[FunctionRow]:
        """Functions of ``file``, ordered by line."""
        ...

    def query_all_functions(self) -> list[FunctionRow]:
        """Every function, ordered by file, then line, then id (ours: the scan reads them all
        at once, where one query per file cost a second on a large project)."""
        ...

    def get_function_by_qualified_name(self, qualified_name: str) -> FunctionRow | None:
        """The function with exactly this qualified name (the lowest id if several), or None."""
        ...

    def delete_functions_by_file(self, file: str) -> int:
        """Delete the functions of ``file``; returns how many were deleted."""
        ...

    def count_functions(self) -> int:
        """Number of functions."""
        ...

    def count_entry_points(self) -> int:
        """Number of functions that no call edge names as its callee."""
        ...

    # detections

    def insert_detections(self, detections: list[DetectionRow]) -> int:
        """Insert all rows in one transaction (input id and created_at ignored); returns count."""
        ...

    def get_detections_by_file(self, file: str) -> list[DetectionRow]:
        """Detections in ``file``, ordered by line."""
        ...

    def get_detections_by_category(self, category: str) -> list[DetectionRow]:
        """Detections of ``category``, ordered by confidence descending."""
        ...

    def query_all_detections(self, limit: int) -> list[DetectionRow]:
        """The ``limit`` most confident detections, ordered by confidence descending."""
        ...

    def delete_detections_by_file(self, file: str) -> int:
        """Delete the detections in ``file``; returns how many were deleted."""
        ...

    def count_detections(self) -> int:
        """Number of detections."""
        ...

    def get_detections_by_method(self, method: str) -> list[DetectionRow]:
        """Detections whose ``detection_method`` is ``method``, by confidence descending."""
        ...

    def get_detections_by_pattern_prefix(self, prefix: str) -> list[DetectionRow]:
        """Detections whose pattern id starts with ``prefix`` (case-sensitive), by confidence."""
        ...

    def get_detections_by_cwe(self, cwe_id: int) -> list[DetectionRow]:
        """Detections whose ``cwe_ids`` text contains the number (79 matches 798), by confidence."""
        ...

    def get_framework_detection_summary(self) -> list[DetectionSummaryRow]:
        """Count and mean confidence per detection method, ordered by method."""
        ...

    # pattern confidence, outliers, conventions

    def upsert_confidence(self, row: PatternConfidenceRow) -> None:
        """Insert the row, or replace every column of the row with the same pattern id."""
        ...

    def query_confidence_by_tier(
        self, tier: str, after_id: str | None, limit: int
    ) -> list[PatternConfidenceRow]:
        """Keyset page of ``tier``: pattern ids greater than ``after_id``, ascending, ``limit``."""
        ...

    def query_all_confidence(self) -> list[PatternConfidenceRow]:
        """Every pattern's confidence, ordered by posterior mean descending."""
        ...

    def insert_outlier(self, row: OutlierRow) -> None:
        """Insert an outlier (input id and created_at ignored)."""
        ...

    def query_outliers_by_pattern(self, pattern_id: str) -> list[OutlierRow]:
        """Outliers of ``pattern_id``, ordered by deviation score descending."""
        ...

    def insert_convention(self, row: ConventionRow) -> None:
        """Insert a convention (input id ignored)."""
        ...

    def query_conventions_by_category(self, category: str) -> list[ConventionRow]:
        """Conventions of ``category``, ordered by dominance ratio descending."""
        ...

    def query_all_conventions(self) -> list[ConventionRow]:
        """Every convention, ordered by dominance ratio descending."""
        ...

    # boundaries

    def insert_boundaries(self, boundaries: list[BoundaryRow]) -> int:
        """Insert all rows in one transaction (input id and created_at ignored); returns count."""
        ...

    def get_boundaries_by_file(self, file: str) -> list[BoundaryRow]:
        """Boundaries in ``file``, in insertion (id) order."""
        ...

    def get_boundaries_by_framework(self, framework: str) -> list[BoundaryRow]:
        """Boundaries of ``framework``, in insertion (id) order."""
        ...

    def get_sensitive_boundaries(self) -> list[BoundaryRow]:
        """Boundaries with a sensitivity, ordered by confidence descending."""
        ...

    def delete_boundaries_by_file(self, file: str) -> int:
        """Delete the boundaries in ``file``; returns how many were deleted."""
        ...

    def count_boundaries(self) -> int:
        """Number of boundaries."""
        ...

    # call edges

    def insert_call_edges(self, edges: list[CallEdgeRow]) -> int:
        """Upsert on (caller, callee, call-site line), all in one transaction; returns count."""
        ...

    def get_edges_by_caller(self, caller_id: int) -> list[CallEdgeRow]:
        """Edges leaving ``caller_id``, ordered by callee id then call-site line."""
        ...

    def get_edges_by_callee(self, callee_id: int) -> list[CallEdgeRow]:
        """Edges reaching ``callee_id``, ordered by caller id then call-site line."""
        ...

    def delete_edges_by_file(self, file: str) -> int:
        """Delete edges whose caller or callee is a function of ``file``; returns how many."""
        ...

    def count_call_edges(self) -> int:
        """Number of call edges."""
        ...

    def count_resolved_edges(self) -> int:
        """Number of edges whose resolution is neither ``fuzzy`` nor ``unresolved``."""
        ...

    # scan history

    def insert_scan_start(self, started_at: int, root_path: str) -> int:
        """Record a scan with status ``running``; returns its new id."""
        ...

    def update_scan_complete(  # noqa: PLR0917 (the reference's positional signature)
        self,
        id: int,
        completed_at: int,
        total_files: int,
        added_files: int,
        modified_files: int,
        removed_files: int,
        unchanged_files: int,
        duration_ms: int,
        status: str,
        error: str | None,
    ) -> None:
        """Set the outcome columns of scan ``id``; NotFound if there is no such scan."""
        ...

    def query_recent_scans(self, limit: int) -> list[ScanHistoryRow]:
        """The ``limit`` latest scans, by start time descending (ties: id descending)."""
        ...

    def count_scans(self) -> int:
        """Number of recorded scans."""
        ...
