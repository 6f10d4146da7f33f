"""Contract tests for data access and the graph-derived tables: reachability cache, taint
flows, error gaps, impact scores, test coverage and test quality (``IDriftStructural`` methods
52 to 71)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drift.storage.testing.base import StorageUnderTest
from drift.storage.testing.structural_rows import (
    access_row,
    coverage_row,
    gap_row,
    impact_row,
    quality_row,
    reach_row,
    taint_row,
    untyped,
    with_id,
)


class StructuralGraphContract:
    """Data-access and graph-derived methods of ``IDriftStructural``."""

    # data_access

    def test_data_access_round_trip_has_no_id(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_data_access(access_row(1, "users", "read", 10, id=5, framework=None))
        assert drift.query_data_access_by_function(1) == [
            access_row(1, "users", "read", 10, id=None, framework=None)
        ]
        assert drift.count_data_access() == 1

    def test_duplicate_data_access_key_is_ignored(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        first = access_row(1, "users", "read", 10, confidence=0.9)
        drift.insert_data_access(first)
        drift.insert_data_access(access_row(1, "users", "read", 10, confidence=0.1))
        drift.insert_data_access_batch(
            [
                access_row(1, "users", "read", 10, framework="django"),
                access_row(1, "users", "write", 10),
                access_row(1, "users", "write", 10, confidence=0.2),
            ]
        )
        assert drift.count_data_access() == 2
        assert drift.query_data_access_by_function(1) == [
            first,
            access_row(1, "users", "write", 10),
        ]

    def test_data_access_orders_by_function_and_by_table(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_data_access_batch(
            [
                access_row(2, "users", "write", 5),
                access_row(1, "users", "read", 30),
                access_row(1, "orders", "read", 30),
                access_row(1, "users", "delete", 30),
                access_row(1, "users", "read", 7, confidence=1),
                access_row(3, "Users", "read", 1),
                access_row(1, "users", "delete", 2),
            ]
        )
        by_function = drift.query_data_access_by_function(1)
        assert [(r.line, r.table_name, r.operation) for r in by_function] == [
            (2, "users", "delete"),
            (7, "users", "read"),
            (30, "orders", "read"),
            (30, "users", "delete"),
            (30, "users", "read"),
        ]
        assert type(by_function[1].confidence) is float
        by_table = drift.query_data_access_by_table("users")
        assert [(r.function_id, r.operation, r.line) for r in by_table] == [
            (1, "delete", 2),
            (1, "delete", 30),
            (1, "read", 7),
            (1, "read", 30),
            (2, "write", 5),
        ]
        assert [r.function_id for r in drift.query_data_access_by_table("Users")] == [3]

    def test_delete_data_access_by_function_returns_count(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_data_access_batch([])
        drift.insert_data_access_batch(
            [
                access_row(1, "a", "read", 1),
                access_row(1, "b", "read", 2),
                access_row(2, "a", "read", 1),
            ]
        )
        assert drift.delete_data_access_by_function(1) == 2
        assert drift.delete_data_access_by_function(1) == 0
        assert drift.count_data_access() == 1
        assert drift.query_data_access_by_function(1) == []
        # The key is free again once deleted.
        drift.insert_data_access(access_row(1, "a", "read", 1, confidence=0.3))
        assert drift.query_data_access_by_table("a")[0].confidence == 0.3

    # reachability_cache

    def test_reachability_upsert_get_and_clear(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        forward = reach_row("f1", "forward")
        drift.upsert_reachability(forward)
        drift.upsert_reachability(reach_row("f1", "backward", reachable_set="[]"))
        assert drift.get_reachability("f1", "forward") == forward
        assert drift.get_reachability("f1", "sideways") is None
        assert drift.get_reachability("F1", "forward") is None

        changed = reach_row("f1", "forward", reachable_set='["z"]', sensitivity="low")
        drift.upsert_reachability(changed)
        assert drift.get_reachability("f1", "forward") == changed
        assert drift.get_reachability("f1", "backward") == reach_row(
            "f1", "backward", reachable_set="[]"
        )

        drift.clear_reachability_cache()
        assert drift.get_reachability("f1", "forward") is None
        assert drift.get_reachability("f1", "backward") is None
        drift.clear_reachability_cache()
        drift.upsert_reachability(forward)
        assert drift.get_reachability("f1", "forward") == forward

    # taint_flows

    def test_taint_flows_by_file_match_source_or_sink(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        t1 = taint_row("a.py", "b.py")
        t2 = taint_row("c.py", "a.py", id=3, is_sanitized=True, confidence=1)
        t3 = taint_row("a.py", "a.py", cwe_id=None)
        t4 = taint_row("c.py", "d.py", cwe_id=79)
        ids = [drift.insert_taint_flow(row) for row in (t1, t2, t3, t4)]
        assert ids == sorted(ids)
        assert len(set(ids)) == 4

        in_a = drift.get_taint_flows_by_file("a.py")
        assert in_a == [with_id(t1, ids[0]), with_id(t2, ids[1]), with_id(t3, ids[2])]
        assert (type(in_a[1].is_sanitized), in_a[1].is_sanitized) == (bool, True)
        assert type(in_a[1].confidence) is float
        assert drift.get_taint_flows_by_file("b.py") == [with_id(t1, ids[0])]
        assert drift.get_taint_flows_by_file("a") == []

    def test_taint_flows_by_cwe(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        ids = [
            drift.insert_taint_flow(taint_row("a.py", "b.py", cwe_id=cwe))
            for cwe in (89, 79, None, 89)
        ]
        assert [r.id for r in drift.get_taint_flows_by_cwe(89)] == [ids[0], ids[3]]
        assert [r.id for r in drift.get_taint_flows_by_cwe(79)] == [ids[1]]
        assert drift.get_taint_flows_by_cwe(22) == []

    # error_gaps

    def test_error_gaps_round_trip_by_file(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        g1 = gap_row("a.py", id=8, line=12)
        g2 = gap_row("b.py", error_type=None, propagation_chain=None, cwe_id=None)  # no line
        g3 = gap_row("a.py", gap_type="unhandled", framework="flask", severity="error", line=40)
        ids = [drift.insert_error_gap(row) for row in (g1, g2, g3)]
        assert ids[0] < ids[1] < ids[2]
        assert drift.get_error_gaps_by_file("a.py") == [with_id(g1, ids[0]), with_id(g3, ids[2])]
        assert drift.get_error_gaps_by_file("b.py") == [with_id(g2, ids[1])]
        assert drift.get_error_gaps_by_file("c.py") == []

    # impact_scores

    def test_impact_score_upsert_replaces(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.upsert_impact_score(impact_row("f1", risk_score=1))
        got = drift.get_impact_score("f1")
        assert got == impact_row("f1", risk_score=1.0)
        assert got is not None
        assert type(got.risk_score) is float
        dead = impact_row(
            "f1",
            blast_radius=0,
            risk_score=0.0,
            is_dead_code=True,
            dead_code_reason="no callers",
            exclusion_category="none",
        )
        drift.upsert_impact_score(dead)
        assert drift.get_impact_score("f1") == dead
        assert drift.get_impact_score("f2") is None

    # test_coverage

    def test_test_coverage_replaces_the_same_pair_and_orders_by_test(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.insert_test_coverage(coverage_row("test_b", "src_f"))
        drift.insert_test_coverage(coverage_row("test_a", "src_f", coverage_type="indirect"))
        drift.insert_test_coverage(coverage_row("test_a", "src_g"))
        drift.insert_test_coverage(coverage_row("Test_z", "src_f"))
        assert drift.get_test_coverage_for_source("src_f") == [
            coverage_row("Test_z", "src_f"),
            coverage_row("test_a", "src_f", coverage_type="indirect"),
            coverage_row("test_b", "src_f"),
        ]
        drift.insert_test_coverage(coverage_row("test_a", "src_f", coverage_type="direct"))
        assert [r.coverage_type for r in drift.get_test_coverage_for_source("src_f")] == [
            "direct",
            "direct",
            "direct",
        ]
        assert drift.get_test_coverage_for_source("src_g") == [coverage_row("test_a", "src_g")]
        assert drift.get_test_coverage_for_source("src_h") == []

    # test_quality

    def test_test_quality_upsert_replaces_with_unknown_scores(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        full = quality_row("f1", isolation=1, overall_score=0)
        drift.upsert_test_quality(full)
        got = drift.get_test_quality("f1")
        assert got == full
        assert got is not None
        assert (type(got.isolation), type(got.overall_score)) == (float, float)

        sparse = quality_row(
            "f1",
            coverage_breadth=None,
            coverage_depth=None,
            assertion_density=None,
            mock_ratio=None,
            isolation=None,
            freshness=None,
            stability=None,
            overall_score=0.1,
            smells=None,
        )
        drift.upsert_test_quality(sparse)
        assert drift.get_test_quality("f1") == sparse
        assert drift.get_test_quality("f2") is None

    # empty database and argument checks

    def test_empty_database_has_no_graph_rows(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        assert drift.query_data_access_by_function(1) == []
        assert drift.query_data_access_by_table("users") == []
        assert drift.delete_data_access_by_function(1) == 0
        assert drift.count_data_access() == 0
        assert drift.get_reachability("f", "forward") is None
        drift.clear_reachability_cache()
        assert drift.get_taint_flows_by_file("a.py") == []
        assert drift.get_taint_flows_by_cwe(89) == []
        assert drift.get_error_gaps_by_file("a.py") == []
        assert drift.get_impact_score("f") is None
        assert drift.get_test_coverage_for_source("f") == []
        assert drift.get_test_quality("f") is None

    def test_wrong_argument_types_raise_type_error_before_writing(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        good = access_row(1, "t", "read", 1)
        bad_calls: list[Callable[[], object]] = [
            lambda: drift.insert_data_access(access_row(untyped("1"), "t", "read", 1)),
            lambda: drift.insert_data_access(untyped(taint_row("a", "b"))),
            lambda: drift.insert_data_access_batch(
                [good, access_row(1, "t", "read", untyped(None))]
            ),
            lambda: drift.insert_data_access_batch(untyped(good)),
            lambda: drift.query_data_access_by_function(untyped("1")),
            lambda: drift.query_data_access_by_function(untyped(True)),
            lambda: drift.query_data_access_by_table(untyped(None)),
            lambda: drift.delete_data_access_by_function(untyped(1.0)),
            lambda: drift.upsert_reachability(reach_row("f", untyped(None))),
            lambda: drift.get_reachability("f", untyped(1)),
            lambda: drift.get_reachability(untyped(None), "forward"),
            lambda: drift.insert_taint_flow(taint_row("a", "b", is_sanitized=untyped(0))),
            lambda: drift.get_taint_flows_by_file(untyped(None)),
            lambda: drift.get_taint_flows_by_cwe(untyped("89")),
            lambda: drift.insert_error_gap(gap_row(untyped(None))),
            lambda: drift.get_error_gaps_by_file(untyped(1)),
            lambda: drift.upsert_impact_score(impact_row("f", blast_radius=untyped(1.5))),
            lambda: drift.get_impact_score(untyped(None)),
            lambda: drift.insert_test_coverage(coverage_row("t", untyped(None))),
            lambda: drift.get_test_coverage_for_source(untyped(None)),
            lambda: drift.upsert_test_quality(quality_row("f", overall_score=untyped(None))),
            lambda: drift.get_test_quality(untyped(1)),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        assert drift.count_data_access() == 0
        assert drift.get_reachability("f", "forward") is None
        assert drift.get_taint_flows_by_file("a") == []
        assert drift.get_impact_score("f") is None
        assert drift.get_test_coverage_for_source("t") == []
        assert drift.get_test_quality("f") is None
