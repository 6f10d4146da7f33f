"""Contract tests for the detection and boundary methods of ``IDriftAnalysis``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from msgspec.structs import replace

from drift.records.analysis import BoundaryRow, DetectionRow, DetectionSummaryRow
from drift.storage.testing.analysis_rows import boundary_row, detection_row, untyped
from drift.storage.testing.base import StorageUnderTest


def _stored(backend: StorageUnderTest, rows: list[DetectionRow]) -> list[DetectionRow]:
    """Insert ``rows``; return them as stored, in insertion (id) order."""
    assert backend.drift.insert_detections(rows) == len(rows)
    everything = backend.drift.query_all_detections(10_000)
    return sorted(everything, key=lambda row: row.id)[-len(rows) :] if rows else []


def _ids(rows: list[DetectionRow] | list[BoundaryRow]) -> list[int]:
    return [row.id for row in rows]


class AnalysisDetectionsContract:
    """Detections and boundaries."""

    def test_empty_database_has_no_detections_or_boundaries(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        assert drift.get_detections_by_file("a.py") == []
        assert drift.get_detections_by_category("naming") == []
        assert drift.query_all_detections(10) == []
        assert drift.count_detections() == 0
        assert drift.get_detections_by_method("ast") == []
        assert drift.get_detections_by_pattern_prefix("") == []
        assert drift.get_detections_by_cwe(79) == []
        assert drift.get_framework_detection_summary() == []
        assert drift.delete_detections_by_file("a.py") == 0
        assert drift.get_boundaries_by_file("a.py") == []
        assert drift.get_boundaries_by_framework("django") == []
        assert drift.get_sensitive_boundaries() == []
        assert drift.count_boundaries() == 0
        assert drift.delete_boundaries_by_file("a.py") == 0

    def test_insert_detections_assigns_ids_and_the_current_time(
        self, backend: StorageUnderTest
    ) -> None:
        rows = [
            detection_row("a.py", 3, id=777, created_at=5, cwe_ids="79", owasp="A03:2021"),
            detection_row("a.py", 1, id=777, created_at=5, matched_text=None, confidence=1),
        ]
        stored = _stored(backend, rows)
        assert stored[0].id < stored[1].id
        for original, row in zip(rows, stored, strict=True):
            assert row == replace(original, id=row.id, created_at=backend.clock.now)
        assert type(stored[1].confidence) is float
        assert backend.drift.insert_detections([]) == 0
        assert backend.drift.count_detections() == 2

    def test_detections_by_file_are_ordered_by_line_then_id(
        self, backend: StorageUnderTest
    ) -> None:
        stored = _stored(
            backend,
            [
                detection_row("a.py", 9, pattern_id="p1"),
                detection_row("a.py", 2, pattern_id="p2"),
                detection_row("b.py", 1, pattern_id="p3"),
                detection_row("a.py", 2, pattern_id="p4"),
            ],
        )
        found = backend.drift.get_detections_by_file("a.py")
        assert [row.pattern_id for row in found] == ["p2", "p4", "p1"]
        assert found == [stored[1], stored[3], stored[0]]

    def test_confidence_orders_break_ties_by_id(self, backend: StorageUnderTest) -> None:
        stored = _stored(
            backend,
            [
                detection_row("a.py", 1, confidence=0.5, category="naming"),
                detection_row("a.py", 2, confidence=0.875, category="naming"),
                detection_row("b.py", 3, confidence=0.5, category="naming"),
                detection_row("b.py", 4, confidence=0.25, category="security"),
                detection_row("c.py", 5, confidence=0.875, category="naming"),
            ],
        )
        expected = [stored[1], stored[4], stored[0], stored[2]]
        assert backend.drift.get_detections_by_category("naming") == expected
        assert backend.drift.get_detections_by_category("security") == [stored[3]]
        assert backend.drift.get_detections_by_category("Naming") == []
        assert backend.drift.query_all_detections(100) == [*expected, stored[3]]

    def test_query_all_detections_honours_the_limit(self, backend: StorageUnderTest) -> None:
        stored = _stored(
            backend,
            [detection_row("a.py", n, confidence=n / 8) for n in range(1, 6)],
        )
        assert _ids(backend.drift.query_all_detections(2)) == [stored[4].id, stored[3].id]
        assert backend.drift.query_all_detections(0) == []
        assert len(backend.drift.query_all_detections(50)) == 5
        with pytest.raises(ValueError, match="limit"):
            backend.drift.query_all_detections(-1)

    def test_delete_detections_by_file_removes_only_that_file(
        self, backend: StorageUnderTest
    ) -> None:
        stored = _stored(
            backend,
            [detection_row("a.py", 1), detection_row("b.py", 1), detection_row("a.py", 2)],
        )
        assert backend.drift.delete_detections_by_file("a.py") == 2
        assert backend.drift.query_all_detections(10) == [stored[1]]
        assert backend.drift.count_detections() == 1
        assert backend.drift.delete_detections_by_file("a.py") == 0

    def test_detections_by_method(self, backend: StorageUnderTest) -> None:
        stored = _stored(
            backend,
            [
                detection_row("a.py", 1, detection_method="regex", confidence=0.25),
                detection_row("a.py", 2, detection_method="ast", confidence=0.5),
                detection_row("a.py", 3, detection_method="regex", confidence=0.75),
            ],
        )
        assert backend.drift.get_detections_by_method("regex") == [stored[2], stored[0]]
        assert backend.drift.get_detections_by_method("ast") == [stored[1]]
        assert backend.drift.get_detections_by_method("re") == []

    def test_pattern_prefix_is_case_sensitive_and_literal(self, backend: StorageUnderTest) -> None:
        patterns = ["sec/xss", "sec/sqli", "SEC/upper", "secret", "100%_done", "100x_done"]
        patterns += ["a_b/one", "axb/two", "back\\slash", "backXslash"]
        stored = _stored(
            backend, [detection_row("a.py", n, pattern_id=p) for n, p in enumerate(patterns)]
        )
        by_pattern = {row.pattern_id: row for row in stored}

        def found(prefix: str) -> set[str]:
            rows = backend.drift.get_detections_by_pattern_prefix(prefix)
            return {row.pattern_id for row in rows}

        assert found("sec/") == {"sec/xss", "sec/sqli"}
        assert found("sec") == {"sec/xss", "sec/sqli", "secret"}
        assert found("SEC") == {"SEC/upper"}
        assert found("100%") == {"100%_done"}
        assert found("100%_") == {"100%_done"}
        assert found("a_b") == {"a_b/one"}
        assert found("back\\") == {"back\\slash"}
        assert found("xss") == set()
        assert found("") == set(patterns)
        assert by_pattern["sec/xss"] in backend.drift.get_detections_by_pattern_prefix("sec/")

    def test_pattern_prefix_results_are_ordered_by_confidence(
        self, backend: StorageUnderTest
    ) -> None:
        stored = _stored(
            backend,
            [
                detection_row("a.py", 1, pattern_id="sec/a", confidence=0.25),
                detection_row("a.py", 2, pattern_id="sec/b", confidence=0.75),
                detection_row("a.py", 3, pattern_id="sec/c", confidence=0.25),
            ],
        )
        result = backend.drift.get_detections_by_pattern_prefix("sec/")
        assert result == [stored[1], stored[0], stored[2]]

    def test_cwe_match_is_a_substring_match(self, backend: StorageUnderTest) -> None:
        stored = _stored(
            backend,
            [
                detection_row("a.py", 1, cwe_ids="79", confidence=0.25),
                detection_row("a.py", 2, cwe_ids="798", confidence=0.5),
                detection_row("a.py", 3, cwe_ids="89,79", confidence=0.75),
                detection_row("a.py", 4, cwe_ids=None, confidence=1.0),
                detection_row("a.py", 5, cwe_ids="22", confidence=0.875),
            ],
        )
        assert backend.drift.get_detections_by_cwe(79) == [stored[2], stored[1], stored[0]]
        assert backend.drift.get_detections_by_cwe(798) == [stored[1]]
        assert backend.drift.get_detections_by_cwe(89) == [stored[2]]
        assert backend.drift.get_detections_by_cwe(2) == [stored[4]]
        assert backend.drift.get_detections_by_cwe(352) == []
        with pytest.raises(ValueError, match="cwe_id"):
            backend.drift.get_detections_by_cwe(-79)

    def test_framework_detection_summary_groups_by_method(self, backend: StorageUnderTest) -> None:
        _stored(
            backend,
            [
                detection_row("a.py", 1, detection_method="regex", confidence=0.25),
                detection_row("a.py", 2, detection_method="ast", confidence=0.5),
                detection_row("b.py", 1, detection_method="ast", confidence=0.75),
                detection_row("b.py", 2, detection_method="Ast", confidence=1.0),
            ],
        )
        assert backend.drift.get_framework_detection_summary() == [
            DetectionSummaryRow("Ast", 1, 1.0),
            DetectionSummaryRow("ast", 2, 0.625),
            DetectionSummaryRow("regex", 1, 0.25),
        ]

    def test_insert_detections_is_all_or_nothing(self, backend: StorageUnderTest) -> None:
        bad = detection_row("a.py", 3, confidence=untyped("high"))
        with pytest.raises(TypeError):
            backend.drift.insert_detections([detection_row("a.py", 1), bad])
        with pytest.raises(TypeError):
            backend.drift.insert_detections([detection_row("a.py", 1), untyped("not a row")])
        assert backend.drift.count_detections() == 0

    def test_boundaries_get_ids_and_the_current_time(self, backend: StorageUnderTest) -> None:
        rows = [
            boundary_row("models.py", id=50, created_at=1, sensitivity="pii"),
            boundary_row("models.py", table_name=None, field_name="email", confidence=1),
        ]
        assert backend.drift.insert_boundaries(rows) == 2
        assert backend.drift.insert_boundaries([]) == 0
        stored = backend.drift.get_boundaries_by_file("models.py")
        assert stored[0].id < stored[1].id
        for original, row in zip(rows, stored, strict=True):
            assert row == replace(original, id=row.id, created_at=backend.clock.now)
        assert type(stored[1].confidence) is float
        assert backend.drift.count_boundaries() == 2

    def test_boundaries_by_file_and_framework_are_in_id_order(
        self, backend: StorageUnderTest
    ) -> None:
        backend.drift.insert_boundaries(
            [
                boundary_row("b.py", framework="sqlalchemy", model_name="B1"),
                boundary_row("a.py", framework="django", model_name="A1"),
                boundary_row("b.py", framework="django", model_name="B2"),
                boundary_row("a.py", framework="Django", model_name="A2"),
            ]
        )
        by_file = backend.drift.get_boundaries_by_file("b.py")
        assert [row.model_name for row in by_file] == ["B1", "B2"]
        by_framework = backend.drift.get_boundaries_by_framework("django")
        assert [row.model_name for row in by_framework] == ["A1", "B2"]
        assert backend.drift.get_boundaries_by_framework("flask") == []

    def test_sensitive_boundaries_are_ordered_by_confidence(
        self, backend: StorageUnderTest
    ) -> None:
        backend.drift.insert_boundaries(
            [
                boundary_row("a.py", model_name="low", sensitivity="pii", confidence=0.25),
                boundary_row("a.py", model_name="none", sensitivity=None, confidence=1.0),
                boundary_row("a.py", model_name="tie1", sensitivity="secret", confidence=0.75),
                boundary_row("b.py", model_name="tie2", sensitivity="", confidence=0.75),
            ]
        )
        names = [row.model_name for row in backend.drift.get_sensitive_boundaries()]
        assert names == ["tie1", "tie2", "low"]

    def test_delete_boundaries_by_file(self, backend: StorageUnderTest) -> None:
        backend.drift.insert_boundaries(
            [boundary_row("a.py"), boundary_row("b.py"), boundary_row("a.py")]
        )
        assert backend.drift.delete_boundaries_by_file("a.py") == 2
        assert backend.drift.get_boundaries_by_file("a.py") == []
        assert len(backend.drift.get_boundaries_by_file("b.py")) == 1
        assert backend.drift.count_boundaries() == 1
        assert backend.drift.delete_boundaries_by_file("a.py") == 0

    def test_insert_boundaries_is_all_or_nothing(self, backend: StorageUnderTest) -> None:
        bad = boundary_row("a.py", sensitivity=untyped(3))
        with pytest.raises(TypeError):
            backend.drift.insert_boundaries([boundary_row("a.py"), boundary_row("b.py"), bad])
        assert backend.drift.count_boundaries() == 0

    def test_wrong_argument_types_raise_type_error(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        calls: list[Callable[[], Any]] = [
            lambda: drift.insert_detections(untyped(detection_row("a.py", 1))),
            lambda: drift.get_detections_by_file(untyped(1)),
            lambda: drift.get_detections_by_category(untyped(None)),
            lambda: drift.query_all_detections(untyped("10")),
            lambda: drift.query_all_detections(untyped(True)),
            lambda: drift.delete_detections_by_file(untyped(b"a.py")),
            lambda: drift.get_detections_by_method(untyped(0)),
            lambda: drift.get_detections_by_pattern_prefix(untyped(None)),
            lambda: drift.get_detections_by_cwe(untyped("79")),
            lambda: drift.get_detections_by_cwe(untyped(79.0)),
            lambda: drift.insert_boundaries(untyped(boundary_row("a.py"))),
            lambda: drift.get_boundaries_by_file(untyped(None)),
            lambda: drift.get_boundaries_by_framework(untyped(1)),
            lambda: drift.delete_boundaries_by_file(untyped(1)),
        ]
        for call in calls:
            with pytest.raises(TypeError):
                call()
        assert drift.count_detections() == 0
        assert drift.count_boundaries() == 0
