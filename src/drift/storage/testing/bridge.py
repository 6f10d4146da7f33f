"""The contract every ``IBridgeStorage`` backend meets: ``BridgeStorageContract``."""

from __future__ import annotations

from typing import Any, cast

import pytest

from drift.errors import Conflict, EngineClosed, NotFound
from drift.records.bridge import (
    AdjustmentMode,
    BridgeEventRow,
    BridgeHealthStatus,
    BridgeMemoryRow,
    BridgeMetricRow,
    BridgeStorageStats,
    ConfidenceAdjustment,
    GroundingEvidence,
    GroundingResult,
    GroundingSnapshot,
    GroundingSnapshotRow,
    GroundingVerdict,
)
from drift.records.cortex import ConstraintLink, FileLink, PatternLink, typed_content
from drift.storage.protocols.bridge import GROUNDING_BATCH_LIMIT, IBridgeStorage
from drift.storage.testing.base import StorageUnderTest
from drift.storage.testing.cortex import make_memory


def make_result(
    memory_id: str, score: float, verdict: GroundingVerdict = GroundingVerdict.PARTIAL
) -> GroundingResult:
    """A grounding result with one piece of evidence."""
    return GroundingResult(
        memory_id=memory_id,
        verdict=verdict,
        grounding_score=score,
        previous_score=None,
        score_delta=None,
        confidence_adjustment=ConfidenceAdjustment(AdjustmentMode.PENALIZE, -0.05, "partial"),
        evidence=(
            GroundingEvidence(
                evidence_type="pattern_confidence",
                description="Pattern confidence: 0.50",
                drift_value=0.5,
                memory_claim=0.7,
                support_score=0.5,
                weight=0.18,
            ),
        ),
        generates_contradiction=False,
        duration_ms=3,
    )


def make_snapshot(**fields: Any) -> GroundingSnapshot:
    """A grounding snapshot; keyword arguments override any field."""
    values: dict[str, Any] = {
        "total_checked": 10,
        "validated": 3,
        "partial": 2,
        "weak": 1,
        "invalidated": 1,
        "not_groundable": 2,
        "insufficient_data": 1,
        "avg_grounding_score": 0.55,
        "contradictions_generated": 1,
        "duration_ms": 12,
        "error_count": 1,
        "trigger_type": "on_demand",
    }
    values.update(fields)
    return GroundingSnapshot(**values)


def _ids(rows: list[BridgeMemoryRow]) -> list[str]:
    return [row.id for row in rows]


class BridgeStorageContract:
    """Every ``IBridgeStorage`` method, the same answers on every backend."""

    def test_engine_satisfies_the_protocol(self, backend: StorageUnderTest) -> None:
        assert isinstance(backend.bridge, IBridgeStorage)

    # -- memories -------------------------------------------------------------------------------

    def test_insert_and_get_memory_round_trip(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        content = typed_content("pattern_rationale", {"pattern_name": "p1", "examples": []})
        store.insert_memory(
            make_memory(
                "m-1",
                memory_type="pattern_rationale",
                content=content,
                summary="Pattern approved: p1",
                confidence=0.8,
                importance="high",
                tags=("drift_bridge", "drift_bridge", "pattern_approved", 'q"uote'),
                linked_patterns=(PatternLink("p1", "p1"), PatternLink("p2", "Two")),
                # Only pattern links are kept by the bridge.
                linked_constraints=(ConstraintLink("c", "c"),),
                linked_files=(FileLink("a.py", 1, 2),),
                created_at=42,
            )
        )
        assert store.get_memory("m-1") == BridgeMemoryRow(
            id="m-1",
            memory_type="pattern_rationale",
            content=content,
            summary="Pattern approved: p1",
            confidence=0.8,
            importance="high",
            tags='["drift_bridge","pattern_approved","q\\"uote"]',
            linked_patterns=(
                '[{"pattern_id":"p1","pattern_name":"p1"},{"pattern_id":"p2","pattern_name":"Two"}]'
            ),
            created_at=backend.clock.now,
        )
        assert store.get_memory("absent") is None
        assert store.count_memories() == 1

    def test_insert_memory_skips_same_summary_and_type(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("first", summary="Pattern discovered: p"))
        backend.clock.advance()
        store.insert_memory(make_memory("second", summary="Pattern discovered: p", confidence=0.1))
        assert store.get_memory("second") is None
        first = store.get_memory("first")
        assert first is not None
        assert first.confidence == 0.75
        # Same summary, other type: a different memory.
        store.insert_memory(
            make_memory("third", summary="Pattern discovered: p", memory_type="tribal")
        )
        # A repeat that also repeats the id is skipped too, not a conflict.
        store.insert_memory(make_memory("first", summary="Pattern discovered: p"))
        assert store.count_memories() == 2

    def test_insert_memory_with_taken_id_conflicts(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("m-1", summary="one"))
        with pytest.raises(Conflict):
            store.insert_memory(make_memory("m-1", summary="two"))
        stored = store.get_memory("m-1")
        assert stored is not None
        assert stored.summary == "one"
        assert store.count_memories() == 1

    def test_insert_memory_clamps_confidence(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("hi", confidence=1.7))
        store.insert_memory(make_memory("lo", confidence=-0.2))
        high, low = store.get_memory("hi"), store.get_memory("lo")
        assert high is not None
        assert high.confidence == 1.0
        assert low is not None
        assert low.confidence == 0.0

    def test_unknown_type_and_importance_are_rejected(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        with pytest.raises(ValueError, match="memory type"):
            store.insert_memory(make_memory("m-1", memory_type="PatternRationale"))
        with pytest.raises(ValueError, match="importance"):
            store.insert_memory(make_memory("m-2", importance="Normal"))
        with pytest.raises(ValueError, match="memory type"):
            store.query_memories_by_type("DecisionContext", 10)
        with pytest.raises(ValueError, match="memory type"):
            store.insert_event("on_pattern_discovered", "Insight", "m-1", 0.5)
        assert store.storage_stats() == BridgeStorageStats()

    def test_wrong_types_raise_before_anything_is_written(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        memories: list[Any] = [
            "not a memory",
            make_memory("a", tags=cast(Any, ["drift_bridge"])),
            make_memory("b", tags=cast(Any, ("ok", None))),
            make_memory("c", confidence=cast(Any, "0.5")),
            make_memory("d", summary=cast(Any, None)),
            make_memory("e", linked_patterns=cast(Any, ("p1",))),
        ]
        for memory in memories:
            with pytest.raises(TypeError):
                store.insert_memory(memory)
        result = make_result("m", 0.5)
        calls: list[Any] = [
            lambda: store.insert_grounding_result(cast(Any, {"memory_id": "m"})),
            lambda: store.insert_grounding_result(
                GroundingResult(**{**_fields(result), "verdict": cast(Any, "partial")})
            ),
            lambda: store.insert_grounding_result(
                GroundingResult(**{**_fields(result), "evidence": cast(Any, list(result.evidence))})
            ),
            lambda: store.insert_snapshot(make_snapshot(validated=cast(Any, 1.0))),
            lambda: store.insert_snapshot(make_snapshot(trigger_type=cast(Any, 3))),
            lambda: store.insert_event(cast(Any, None), None, None, None),
            lambda: store.insert_event("e", None, cast(Any, 5), None),
            lambda: store.insert_event("e", None, None, cast(Any, "0.5")),
            lambda: store.insert_metric("k", cast(Any, "1")),
            lambda: store.insert_metric(cast(Any, b"k"), 1.0),
            lambda: store.upsert_weight(cast(Any, 1), 0.5),
            lambda: store.update_memory_confidence("m", cast(Any, True)),
            lambda: store.get_memory(cast(Any, 1)),
            lambda: store.get_events(cast(Any, "10")),
            lambda: store.search_memories_by_tag(cast(Any, 1), 10),
        ]
        for call in calls:
            with pytest.raises(TypeError):
                call()
        assert store.storage_stats() == BridgeStorageStats()

    def test_non_finite_numbers_and_negative_limits_are_rejected(
        self, backend: StorageUnderTest
    ) -> None:
        store = backend.bridge
        nan, inf = float("nan"), float("inf")
        with pytest.raises(ValueError, match="finite"):
            store.insert_metric("k", nan)
        with pytest.raises(ValueError, match="finite"):
            store.upsert_weight("s", inf)
        with pytest.raises(ValueError, match="finite"):
            store.insert_event("e", None, None, nan)
        with pytest.raises(ValueError, match="finite"):
            store.insert_grounding_result(make_result("m", nan))
        with pytest.raises(ValueError, match="finite"):
            store.insert_snapshot(make_snapshot(avg_grounding_score=nan))
        with pytest.raises(ValueError, match=">= 0"):
            store.insert_snapshot(make_snapshot(weak=-1))
        with pytest.raises(ValueError, match="limit"):
            store.get_snapshots(-1)
        with pytest.raises(ValueError, match="limit"):
            store.query_memories_by_type("insight", -5)
        assert store.storage_stats() == BridgeStorageStats()

    def test_query_memories_by_type_newest_first(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("b"))
        store.insert_memory(make_memory("a"))
        store.insert_memory(make_memory("z", memory_type="decision_context"))
        backend.clock.advance()
        store.insert_memory(make_memory("c"))
        assert _ids(store.query_memories_by_type("insight", 10)) == ["c", "b", "a"]
        assert _ids(store.query_memories_by_type("insight", 2)) == ["c", "b"]
        assert store.query_memories_by_type("insight", 0) == []
        assert _ids(store.query_memories_by_type("decision_context", 500)) == ["z"]
        assert store.query_memories_by_type("skill", 10) == []

    def test_query_all_memories_for_grounding(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        assert store.query_all_memories_for_grounding() == []
        store.insert_memory(make_memory("oldest", memory_type="tribal"))
        backend.clock.advance()
        for index in range(GROUNDING_BATCH_LIMIT):
            store.insert_memory(make_memory(f"m-{index:04d}", memory_type="code_smell"))
        rows = store.query_all_memories_for_grounding()
        assert len(rows) == GROUNDING_BATCH_LIMIT
        assert rows[0].id == f"m-{GROUNDING_BATCH_LIMIT - 1:04d}"
        assert "oldest" not in _ids(rows)
        backend.clock.advance()
        store.insert_memory(make_memory("newest", memory_type="episodic"))
        assert store.query_all_memories_for_grounding()[0].id == "newest"

    def test_search_memories_by_tag_exact_and_escaped(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("auth", tags=("drift_bridge", "auth")))
        store.insert_memory(make_memory("long", tags=("authentication",)))
        store.insert_memory(make_memory("upper", tags=("Auth",)))
        store.insert_memory(make_memory("pct", tags=("50%_off",)))
        store.insert_memory(make_memory("near", tags=("50%Xoff", "50xyoff")))
        store.insert_memory(make_memory("slash", tags=("a\\b", 'say "hi"')))
        backend.clock.advance()
        store.insert_memory(make_memory("auth2", tags=("auth",)))
        assert _ids(store.search_memories_by_tag("auth", 10)) == ["auth2", "auth"]
        assert _ids(store.search_memories_by_tag("auth", 1)) == ["auth2"]
        assert _ids(store.search_memories_by_tag("Auth", 10)) == ["upper"]
        assert _ids(store.search_memories_by_tag("50%_off", 10)) == ["pct"]
        assert store.search_memories_by_tag("%", 10) == []
        assert store.search_memories_by_tag("50_Xoff", 10) == []
        assert _ids(store.search_memories_by_tag("a\\b", 10)) == ["slash"]
        assert _ids(store.search_memories_by_tag('say "hi"', 10)) == ["slash"]
        assert store.search_memories_by_tag("a", 10) == []
        assert _ids(store.search_memories_by_tag("drift_bridge", 10)) == ["auth"]

    def test_update_memory_confidence_clamps(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("m-1", confidence=0.5))
        store.insert_memory(make_memory("m-2", confidence=0.5))

        def confidence(memory_id: str) -> float:
            row = store.get_memory(memory_id)
            assert row is not None
            return row.confidence

        store.update_memory_confidence("m-1", 0.25)
        assert confidence("m-1") == 0.75
        store.update_memory_confidence("m-1", 0.5)
        assert confidence("m-1") == 1.0
        store.update_memory_confidence("m-1", -3.0)
        assert confidence("m-1") == 0.0
        store.update_memory_confidence("m-1", 0.05)
        assert confidence("m-1") == 0.05
        assert confidence("m-2") == 0.5
        with pytest.raises(NotFound):
            store.update_memory_confidence("ghost", 0.1)
        with pytest.raises(ValueError, match="finite"):
            store.update_memory_confidence("m-2", float("nan"))
        assert confidence("m-2") == 0.5

    # -- grounding results and snapshots ---------------------------------------------------------

    def test_grounding_history_and_previous_score(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        t0 = backend.clock.now
        assert store.get_previous_grounding_score("m-1") is None
        assert store.get_grounding_history("m-1", 10) == []
        store.insert_grounding_result(make_result("m-1", 0.8, GroundingVerdict.VALIDATED))
        # Same second: the later insert is the newer one.
        store.insert_grounding_result(make_result("m-1", 0.3, GroundingVerdict.WEAK))
        store.insert_grounding_result(make_result("m-2", 0.1, GroundingVerdict.INVALIDATED))
        assert store.get_grounding_history("m-1", 10) == [(0.3, "weak", t0), (0.8, "validated", t0)]
        assert store.get_previous_grounding_score("m-1") == 0.3
        t1 = backend.clock.advance()
        store.insert_grounding_result(make_result("m-1", 0.6, GroundingVerdict.NOT_GROUNDABLE))
        assert store.get_previous_grounding_score("m-1") == 0.6
        assert store.get_grounding_history("m-1", 1) == [(0.6, "not_groundable", t1)]
        assert store.get_grounding_history("m-2", 10) == [(0.1, "invalidated", t0)]
        assert store.get_grounding_history("m-1", 0) == []
        assert store.storage_stats().grounding_result_count == 4

    def test_snapshots_store_counts_as_the_reference_says(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        t0 = backend.clock.now
        store.insert_snapshot(make_snapshot())
        store.insert_snapshot(make_snapshot(total_checked=1, validated=0, partial=0, weak=0))
        t1 = backend.clock.advance(5)
        store.insert_snapshot(
            make_snapshot(
                total_checked=4,
                validated=4,
                partial=0,
                weak=0,
                invalidated=0,
                avg_grounding_score=0.9,
                error_count=0,
                trigger_type=None,
            )
        )
        assert store.get_snapshots(10) == [
            GroundingSnapshotRow(4, 4, 4, 0, 0, 0, 0.9, 0, None, t1),
            GroundingSnapshotRow(1, 1, 0, 0, 0, 1, 0.55, 1, "on_demand", t0),
            GroundingSnapshotRow(10, 7, 3, 2, 1, 1, 0.55, 1, "on_demand", t0),
        ]
        assert len(store.get_snapshots(2)) == 2
        assert store.get_snapshots(0) == []

    # -- events and metrics ---------------------------------------------------------------------

    def test_events_newest_first(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        t0 = backend.clock.now
        store.insert_event("on_pattern_discovered", "insight", "m-1", 0.5)
        store.insert_event("on_scan_complete", None, None, None)
        t1 = backend.clock.advance()
        store.insert_event("on_violation_fixed", "feedback", "m-2", 0.8)
        assert store.get_events(10) == [
            BridgeEventRow("on_violation_fixed", "feedback", "m-2", 0.8, t1),
            BridgeEventRow("on_scan_complete", None, None, None, t0),
            BridgeEventRow("on_pattern_discovered", "insight", "m-1", 0.5, t0),
        ]
        assert store.get_events(1) == [
            BridgeEventRow("on_violation_fixed", "feedback", "m-2", 0.8, t1)
        ]

    def test_metrics_append_newest_first(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        t0 = backend.clock.now
        store.insert_metric("grounding_ms", 1.0)
        store.insert_metric("grounding_ms", 2.0)
        store.insert_metric("other", 9.0)
        t1 = backend.clock.advance()
        store.insert_metric("grounding_ms", 3)
        assert store.get_metrics("grounding_ms") == [
            BridgeMetricRow("grounding_ms", 3.0, t1),
            BridgeMetricRow("grounding_ms", 2.0, t0),
            BridgeMetricRow("grounding_ms", 1.0, t0),
        ]
        assert store.get_metrics("missing") == []
        assert store.get_metrics("Grounding_ms") == []

    def test_upsert_weight_keeps_one_row_per_section(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.upsert_weight("patterns", 0.4)
        store.upsert_weight("tests", 0.2)
        t1 = backend.clock.advance()
        store.upsert_weight("patterns", 0.6)
        assert store.get_metrics("weight:patterns") == [BridgeMetricRow("weight:patterns", 0.6, t1)]
        assert len(store.get_metrics("weight:tests")) == 1
        assert store.storage_stats().metric_count == 2

    # -- lifecycle and usage --------------------------------------------------------------------

    def test_schema_version_and_migrations(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        version = store.get_schema_version()
        assert version >= 1
        store.insert_memory(make_memory("m-1"))
        store.initialize()
        store.migrate()
        assert store.get_schema_version() == version
        assert store.count_memories() == 1

    def test_health_check(self, backend: StorageUnderTest) -> None:
        health = backend.bridge.health_check()
        assert isinstance(health, BridgeHealthStatus)
        assert health.connected is True
        # Only a file-backed SQLite database runs in WAL mode.
        assert health.wal_mode is (backend.kind == "sqlite")

    def test_storage_stats_and_count(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        assert store.storage_stats() == BridgeStorageStats(0, 0, 0, 0, 0)
        assert store.count_memories() == 0
        for name in ("a", "b", "c"):
            store.insert_memory(make_memory(name))
        store.insert_memory(make_memory("dup", summary="summary of a"))
        store.insert_event("e", None, None, None)
        store.insert_event("e", None, None, None)
        store.insert_grounding_result(make_result("a", 0.5))
        for _ in range(4):
            store.insert_snapshot(make_snapshot())
        store.insert_metric("k", 1.0)
        store.upsert_weight("s", 0.5)
        store.upsert_weight("s", 0.7)
        assert store.storage_stats() == BridgeStorageStats(
            memory_count=3,
            event_count=2,
            grounding_result_count=1,
            snapshot_count=4,
            metric_count=2,
        )
        assert store.count_memories() == 3

    def test_shutdown_releases_the_engine(self, backend: StorageUnderTest) -> None:
        store = backend.bridge
        store.insert_memory(make_memory("m-1"))
        store.shutdown()
        assert store.health_check().connected is False
        with pytest.raises(EngineClosed):
            store.get_memory("m-1")
        with pytest.raises(EngineClosed):
            store.insert_metric("k", 1.0)


def _fields(result: GroundingResult) -> dict[str, Any]:
    return {name: getattr(result, name) for name in result.__struct_fields__}
