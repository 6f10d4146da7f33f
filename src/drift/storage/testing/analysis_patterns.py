"""Contract tests for pattern confidence, outliers and conventions (``IDriftAnalysis``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from msgspec.structs import replace

from drift.storage.testing.analysis_rows import (
    confidence_row,
    convention_row,
    outlier_row,
    untyped,
)
from drift.storage.testing.base import StorageUnderTest


class AnalysisPatternsContract:
    """Pattern confidence (with keyset pagination), outliers and conventions."""

    def test_empty_database_has_no_patterns(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        assert drift.query_confidence_by_tier("established", None, 10) == []
        assert drift.query_all_confidence() == []
        assert drift.query_outliers_by_pattern("p") == []
        assert drift.query_conventions_by_category("naming") == []
        assert drift.query_all_conventions() == []

    def test_upsert_confidence_inserts_then_replaces_every_column(
        self, backend: StorageUnderTest
    ) -> None:
        first = confidence_row("p1", alpha=1)
        backend.drift.upsert_confidence(first)
        backend.drift.upsert_confidence(confidence_row("p2"))
        (stored,) = [row for row in backend.drift.query_all_confidence() if row.pattern_id == "p1"]
        assert stored == first
        assert type(stored.alpha) is float
        replacement = confidence_row(
            "p1",
            alpha=10.0,
            beta=2.5,
            posterior_mean=0.125,
            credible_interval_low=0.0625,
            credible_interval_high=0.25,
            tier="emerging",
            momentum="Rising",
            last_updated=1_800_000_000,
        )
        backend.drift.upsert_confidence(replacement)
        assert backend.drift.query_all_confidence() == [confidence_row("p2"), replacement]

    def test_all_confidence_is_ordered_by_posterior_mean_then_pattern_id(
        self, backend: StorageUnderTest
    ) -> None:
        for pattern_id, mean in [("b", 0.5), ("c", 0.875), ("a", 0.5), ("d", 0.25)]:
            backend.drift.upsert_confidence(confidence_row(pattern_id, posterior_mean=mean))
        ordered = [row.pattern_id for row in backend.drift.query_all_confidence()]
        assert ordered == ["c", "a", "b", "d"]

    def test_query_confidence_by_tier_pages_by_keyset(self, backend: StorageUnderTest) -> None:
        for pattern_id in ["p3", "p1", "p5", "p2", "p4"]:
            backend.drift.upsert_confidence(confidence_row(pattern_id, tier="established"))
        for pattern_id in ["p0", "p25", "p9"]:
            backend.drift.upsert_confidence(confidence_row(pattern_id, tier="emerging"))

        def page(after: str | None, limit: int) -> list[str]:
            rows = backend.drift.query_confidence_by_tier("established", after, limit)
            assert all(row.tier == "established" for row in rows)
            return [row.pattern_id for row in rows]

        assert page(None, 2) == ["p1", "p2"]
        assert page("p2", 2) == ["p3", "p4"]
        assert page("p4", 2) == ["p5"]
        assert page("p5", 2) == []
        # The cursor need not be an id of the tier: it is only a lower bound.
        assert page("p25", 10) == ["p3", "p4", "p5"]
        assert page("", 10) == ["p1", "p2", "p3", "p4", "p5"]
        assert page(None, 0) == []
        assert backend.drift.query_confidence_by_tier("Established", None, 10) == []
        with pytest.raises(ValueError, match="limit"):
            backend.drift.query_confidence_by_tier("established", None, -1)

    def test_insert_outlier_assigns_id_and_time(self, backend: StorageUnderTest) -> None:
        row = outlier_row("p1", 2, id=42, created_at=7)
        backend.drift.insert_outlier(row)
        (stored,) = backend.drift.query_outliers_by_pattern("p1")
        assert stored == replace(row, id=stored.id, created_at=backend.clock.now)
        assert type(stored.deviation_score) is float

    def test_outliers_are_ordered_by_deviation_then_id(self, backend: StorageUnderTest) -> None:
        for line, score in [(1, 1.5), (2, 3.0), (3, 1.5), (4, 0.5)]:
            backend.drift.insert_outlier(outlier_row("p1", score, line=line))
        backend.drift.insert_outlier(outlier_row("p2", 9.0, line=5))
        stored = backend.drift.query_outliers_by_pattern("p1")
        assert [row.line for row in stored] == [2, 1, 3, 4]
        assert stored[1].id < stored[2].id
        assert [row.line for row in backend.drift.query_outliers_by_pattern("p2")] == [5]
        assert backend.drift.query_outliers_by_pattern("P1") == []

    def test_insert_convention_keeps_its_timestamps(self, backend: StorageUnderTest) -> None:
        row = convention_row("p1", 1, id=99, expires_at=1_900_000_000, promotion_status="promoted")
        backend.drift.insert_convention(row)
        (stored,) = backend.drift.query_all_conventions()
        assert stored == replace(row, id=stored.id)
        assert type(stored.dominance_ratio) is float

    def test_conventions_are_ordered_by_dominance_then_id(self, backend: StorageUnderTest) -> None:
        rows = [
            convention_row("a", 0.5, category="naming"),
            convention_row("b", 0.875, category="imports"),
            convention_row("c", 0.5, category="naming"),
            convention_row("d", 0.625, category="naming"),
        ]
        for row in rows:
            backend.drift.insert_convention(row)
        naming = backend.drift.query_conventions_by_category("naming")
        assert [row.pattern_id for row in naming] == ["d", "a", "c"]
        assert naming[1].id < naming[2].id
        everything = backend.drift.query_all_conventions()
        assert [row.pattern_id for row in everything] == ["b", "d", "a", "c"]
        assert backend.drift.query_conventions_by_category("Naming") == []

    def test_wrong_argument_types_raise_type_error(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        calls: list[Callable[[], Any]] = [
            lambda: drift.upsert_confidence(untyped("p1")),
            lambda: drift.upsert_confidence(confidence_row("p1", alpha=untyped("1"))),
            lambda: drift.upsert_confidence(confidence_row("p1", last_updated=untyped(1.5))),
            lambda: drift.query_confidence_by_tier(untyped(None), None, 10),
            lambda: drift.query_confidence_by_tier("t", untyped(5), 10),
            lambda: drift.query_confidence_by_tier("t", None, untyped("10")),
            lambda: drift.insert_outlier(untyped(None)),
            lambda: drift.insert_outlier(outlier_row("p1", untyped("far"))),
            lambda: drift.query_outliers_by_pattern(untyped(1)),
            lambda: drift.insert_convention(convention_row("p1", 0.5, expires_at=untyped("soon"))),
            lambda: drift.insert_convention(untyped(confidence_row("p1"))),
            lambda: drift.query_conventions_by_category(untyped(None)),
        ]
        for call in calls:
            with pytest.raises(TypeError):
                call()
        assert drift.query_all_confidence() == []
        assert drift.query_outliers_by_pattern("p1") == []
        assert drift.query_all_conventions() == []
