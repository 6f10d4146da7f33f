"""Contract tests for ``IDriftAnalysis``: scan history here, the rest in sibling modules.

``DriftAnalysisContract`` gathers them all; a backend's test module subclasses it once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drift.errors import NotFound
from drift.records.analysis import ScanHistoryRow
from drift.storage.testing.analysis_callgraph import AnalysisCallGraphContract
from drift.storage.testing.analysis_detections import AnalysisDetectionsContract
from drift.storage.testing.analysis_patterns import AnalysisPatternsContract
from drift.storage.testing.analysis_rows import untyped
from drift.storage.testing.base import StorageUnderTest


def _running(scan_id: int, started_at: int, root_path: str) -> ScanHistoryRow:
    return ScanHistoryRow(
        id=scan_id,
        started_at=started_at,
        completed_at=None,
        root_path=root_path,
        total_files=None,
        added_files=None,
        modified_files=None,
        removed_files=None,
        unchanged_files=None,
        duration_ms=None,
        status="running",
        error=None,
    )


class AnalysisScanHistoryContract:
    """Scan history."""

    def test_empty_database_has_no_scans(self, backend: StorageUnderTest) -> None:
        assert backend.drift.query_recent_scans(10) == []
        assert backend.drift.count_scans() == 0

    def test_insert_scan_start_records_a_running_scan(self, backend: StorageUnderTest) -> None:
        first = backend.drift.insert_scan_start(100, "/repo")
        second = backend.drift.insert_scan_start(200, "/other")
        assert 0 < first < second
        assert backend.drift.query_recent_scans(10) == [
            _running(second, 200, "/other"),
            _running(first, 100, "/repo"),
        ]
        assert backend.drift.count_scans() == 2

    def test_update_scan_complete_sets_the_outcome(self, backend: StorageUnderTest) -> None:
        scan_id = backend.drift.insert_scan_start(100, "/repo")
        other = backend.drift.insert_scan_start(50, "/repo")
        backend.drift.update_scan_complete(scan_id, 130, 10, 1, 2, 3, 4, 30_000, "failed", "boom")
        assert backend.drift.query_recent_scans(10) == [
            ScanHistoryRow(scan_id, 100, 130, "/repo", 10, 1, 2, 3, 4, 30_000, "failed", "boom"),
            _running(other, 50, "/repo"),
        ]
        backend.drift.update_scan_complete(scan_id, 131, 10, 1, 2, 3, 4, 31_000, "completed", None)
        (latest, _) = backend.drift.query_recent_scans(10)
        assert (latest.status, latest.error, latest.completed_at) == ("completed", None, 131)

    def test_update_scan_complete_of_an_unknown_id_raises_not_found(
        self, backend: StorageUnderTest
    ) -> None:
        scan_id = backend.drift.insert_scan_start(100, "/repo")
        with pytest.raises(NotFound):
            backend.drift.update_scan_complete(scan_id + 1, 1, 1, 1, 1, 1, 1, 1, "completed", None)
        assert backend.drift.query_recent_scans(10) == [_running(scan_id, 100, "/repo")]
        assert backend.drift.count_scans() == 1

    def test_recent_scans_are_latest_first_with_ties_by_id(self, backend: StorageUnderTest) -> None:
        ids = [backend.drift.insert_scan_start(t, "/repo") for t in (300, 100, 300, 200)]
        recent = backend.drift.query_recent_scans(10)
        assert [row.id for row in recent] == [ids[2], ids[0], ids[3], ids[1]]
        assert [row.id for row in backend.drift.query_recent_scans(2)] == [ids[2], ids[0]]
        assert backend.drift.query_recent_scans(0) == []
        with pytest.raises(ValueError, match="limit"):
            backend.drift.query_recent_scans(-5)

    def test_wrong_argument_types_raise_type_error(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        scan_id = drift.insert_scan_start(100, "/repo")
        calls: list[Callable[[], Any]] = [
            lambda: drift.insert_scan_start(untyped("100"), "/repo"),
            lambda: drift.insert_scan_start(100, untyped(None)),
            lambda: drift.update_scan_complete(
                untyped(str(scan_id)), 1, 1, 1, 1, 1, 1, 1, "completed", None
            ),
            lambda: drift.update_scan_complete(
                scan_id, 1, 1, 1, 1, 1, 1, untyped(1.5), "completed", None
            ),
            lambda: drift.update_scan_complete(scan_id, 1, 1, 1, 1, 1, 1, 1, untyped(1), None),
            lambda: drift.update_scan_complete(scan_id, 1, 1, 1, 1, 1, 1, 1, "x", untyped(1)),
            lambda: drift.query_recent_scans(untyped(None)),
        ]
        for call in calls:
            with pytest.raises(TypeError):
                call()
        assert drift.query_recent_scans(10) == [_running(scan_id, 100, "/repo")]


class DriftAnalysisContract(
    AnalysisCallGraphContract,
    AnalysisDetectionsContract,
    AnalysisPatternsContract,
    AnalysisScanHistoryContract,
):
    """Every ``IDriftAnalysis`` method, on any backend."""
