"""`DriftReaderContract`: what every backend's `IDriftReader` must answer.

Data is seeded through the other domains' public protocol methods, as the pipeline writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drift.records.analysis import BoundaryRow, CallEdgeRow
from drift.records.structural import (
    ConstraintRow,
    CouplingMetricsRow,
    DnaGeneRow,
    ErrorGapRow,
    TaintFlowRow,
    TestQualityRow,
)
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import StorageUnderTest
from drift.storage.testing.enforcement import confidence, detection, feedback


def taint_flow(source_file: str, sink_file: str, *, sanitized: bool) -> TaintFlowRow:
    """A flow from ``source_file`` to ``sink_file``."""
    return TaintFlowRow(
        id=None,
        source_file=source_file,
        source_line=3,
        source_type="request.args",
        sink_file=sink_file,
        sink_line=9,
        sink_type="cursor.execute",
        cwe_id=89,
        is_sanitized=sanitized,
        path="a -> b",
        confidence=0.9,
    )


def error_gap(file: str) -> ErrorGapRow:
    """A swallowed exception in ``file``."""
    return ErrorGapRow(
        id=None,
        file=file,
        function_id=f"{file}::handler",
        gap_type="swallowed",
        error_type="Exception",
        propagation_chain=None,
        framework=None,
        cwe_id=None,
        severity="warning",
    )


def edge(caller_id: int, callee_id: int, resolution: str) -> CallEdgeRow:
    """A call edge at line 1."""
    return CallEdgeRow(caller_id, callee_id, resolution, 0.9, 1)


def gene(gene_id: str, confidence: float, consistency: float) -> DnaGeneRow:
    """A DNA gene with the given scores."""
    return DnaGeneRow(
        gene_id=gene_id,
        name=gene_id,
        description=f"{gene_id} gene",
        dominant_allele=None,
        alleles="[]",
        confidence=confidence,
        consistency=consistency,
        exemplars="[]",
    )


def verify(db: DriftStorage, constraint_id: str, *outcomes: bool) -> None:
    """Record one verification per outcome, in order."""
    for passed in outcomes:
        db.insert_constraint_verification(constraint_id, passed, "[]")


def finish_scan(db: DriftStorage, started_at: int, completed_at: int, scan_status: str) -> None:
    """A scan that started and then ended with ``scan_status``."""
    scan_id = db.insert_scan_start(started_at, "/repo")
    db.update_scan_complete(scan_id, completed_at, 10, 1, 2, 0, 7, 1500, scan_status, None)


class DriftReaderContract:
    """Contract tests for ``IDriftReader``; subclass with a backend fixture mixin."""

    def test_empty_database_answers_none_and_zero(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        assert db.pattern_confidence("p") is None
        assert db.pattern_occurrence_rate("p") is None
        assert db.false_positive_rate("p") is None
        assert db.constraint_verified("c") is None
        assert db.coupling_metric("m") is None
        assert db.dna_health() is None
        assert db.test_coverage("f") is None
        assert db.error_handling_gaps("") is None
        assert db.decision_evidence("1") is None
        assert db.boundary_data("1") is None
        assert db.taint_flow_risk("a.py") is None
        assert db.call_graph_coverage() is None
        assert db.call_graph_coverage("f") is None
        assert db.count_matching_patterns([]) == 0
        assert db.count_matching_patterns(["p", "q"]) == 0
        assert db.latest_scan_timestamp() is None

    def test_pattern_confidence(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.upsert_confidence(confidence("auth_check", 0.85))
        assert db.pattern_confidence("auth_check") == 0.85
        assert db.pattern_confidence("other") is None

    def test_pattern_occurrence_rate(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_detections(
            [
                detection("p1", "src/a.py", "style", line=1),
                detection("p1", "src/a.py", "style", line=2),
                detection("p1", "src/b.py", "style"),
                detection("p2", "src/c.py", "style"),
            ]
        )
        assert db.pattern_occurrence_rate("p1") == 2 / 3
        assert db.pattern_occurrence_rate("p2") == 1 / 3
        assert db.pattern_occurrence_rate("p3") is None

    def test_false_positive_rate(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        for action in ("dismiss", "dismiss", "fix"):
            db.insert_feedback(feedback("v", action, pattern_id="p1"))
        db.insert_feedback(feedback("v", "fix", pattern_id="p2"))
        assert db.false_positive_rate("p1") == 2 / 3
        assert db.false_positive_rate("p2") == 0.0
        assert db.false_positive_rate("p3") is None

    def test_constraint_verified_reads_the_latest_verification(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        for constraint_id in ("c1", "c2"):
            db.upsert_constraint(
                ConstraintRow(constraint_id, "no cycles", "no_cycle", "src", None, "user", True)
            )
        verify(db, "c1", True)
        backend.clock.advance(1)
        verify(db, "c1", False)
        assert db.constraint_verified("c1") is False
        backend.clock.advance(1)
        # Two verifications at the same time: the later one counts.
        verify(db, "c1", False, True)
        assert db.constraint_verified("c1") is True
        verify(db, "c2", False)
        assert db.constraint_verified("c2") is False
        assert db.constraint_verified("c3") is None

    def test_coupling_metric_is_instability(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.upsert_coupling_metrics(CouplingMetricsRow("pkg.core", 3, 1, 0.75, 0.2, 0.05, "main"))
        assert db.coupling_metric("pkg.core") == 0.75
        assert db.coupling_metric("pkg.other") is None

    def test_dna_health_is_the_mean_of_confidence_times_consistency(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        db.upsert_dna_gene(gene("naming", 0.8, 0.5))
        db.upsert_dna_gene(gene("errors", 0.6, 1.0))
        db.upsert_dna_gene(gene("imports", 0.1, 0.3))
        health = db.dna_health()
        assert health == pytest.approx((0.4 + 0.6 + 0.03) / 3)

    def test_test_coverage_is_the_overall_score(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.upsert_test_quality(
            TestQualityRow("mod.func", 0.5, None, 0.25, None, None, None, None, 0.625, None)
        )
        assert db.test_coverage("mod.func") == 0.625
        assert db.test_coverage("mod.other") is None

    def test_error_handling_gaps_counts_by_case_sensitive_prefix(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        for file in ("src/a.py", "src/b.py", "src_x/c.py", "srcx/d.py", "lib/e.py", "a%b/f.py"):
            db.insert_error_gap(error_gap(file))
        assert db.error_handling_gaps("src/") == 2
        assert db.error_handling_gaps("src") == 4
        # LIKE wildcards in the prefix are literal characters.
        assert db.error_handling_gaps("src_") == 1
        assert db.error_handling_gaps("a%") == 1
        assert db.error_handling_gaps("%") is None
        assert db.error_handling_gaps("SRC/") is None
        assert db.error_handling_gaps("") == 6
        assert db.error_handling_gaps("lib/e.py") == 1

    def test_decision_evidence_parses_the_id(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        decision_id = db.insert_decision("arch", "layers", None, 0.7, None, None, None)
        assert db.decision_evidence(str(decision_id)) == 0.7
        assert db.decision_evidence(f"+{decision_id}") == 0.7
        for unparsable in ("abc", f"{decision_id}.0", f" {decision_id}", "", "9" * 30):
            assert db.decision_evidence(unparsable) is None
        assert db.decision_evidence(str(decision_id + 1)) is None

    def test_boundary_data_parses_the_id(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_boundaries(
            [
                BoundaryRow(0, "models.py", "django", "User", "users", None, "pii", 0.9, 0),
                BoundaryRow(0, "models.py", "django", "Order", None, None, None, 0.4, 0),
            ]
        )
        boundaries = db.get_boundaries_by_file("models.py")
        by_model = {b.model_name: b.id for b in boundaries}
        assert db.boundary_data(str(by_model["User"])) == 0.9
        assert db.boundary_data(str(by_model["Order"])) == 0.4
        assert db.boundary_data("User") is None
        assert db.boundary_data(str(max(by_model.values()) + 1)) is None

    def test_taint_flow_risk_is_the_unsanitized_ratio(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        db.insert_taint_flow(taint_flow("a.py", "b.py", sanitized=False))
        db.insert_taint_flow(taint_flow("a.py", "a.py", sanitized=True))
        db.insert_taint_flow(taint_flow("c.py", "a.py", sanitized=False))
        db.insert_taint_flow(taint_flow("c.py", "d.py", sanitized=False))
        db.insert_taint_flow(taint_flow("safe.py", "safe.py", sanitized=True))
        assert db.taint_flow_risk("a.py") == 2 / 3
        assert db.taint_flow_risk("b.py") == 1.0
        assert db.taint_flow_risk("c.py") == 1.0
        assert db.taint_flow_risk("safe.py") == 0.0
        assert db.taint_flow_risk("e.py") is None

    def test_call_graph_coverage_is_the_global_resolved_ratio(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        db.insert_call_edges(
            [
                edge(1, 2, "exact"),
                edge(1, 3, "import"),
                edge(2, 3, "fuzzy"),
                edge(3, 4, "unresolved"),
                edge(4, 1, "method"),
            ]
        )
        assert db.call_graph_coverage() == 3 / 5
        # The argument does not narrow the metric.
        assert db.call_graph_coverage("1") == 3 / 5

    def test_count_matching_patterns(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        for pattern_id in ("p1", "p2", "p3"):
            db.upsert_confidence(confidence(pattern_id, 0.5))
        assert db.count_matching_patterns(["p1", "p3", "missing"]) == 2
        # A repeated id is one pattern.
        assert db.count_matching_patterns(["p2", "p2", "p2"]) == 1
        assert db.count_matching_patterns([]) == 0

    def test_count_matching_patterns_takes_any_number_of_ids(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        ids = [f"pattern-{n:05d}" for n in range(2_500)]
        # Scored ids spread over the whole list, at both ends and around every 500.
        scored = [ids[n] for n in (0, 1, 499, 500, 501, 999, 1000, 1001, 1500, 2000, 2499)]
        for pattern_id in scored:
            db.upsert_confidence(confidence(pattern_id, 0.5))
        assert db.count_matching_patterns(ids) == len(scored)
        assert db.count_matching_patterns([*reversed(ids), *ids[:700]]) == len(scored)

    def test_latest_scan_timestamp_is_the_newest_completed_scan(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        finish_scan(db, 900, 1_000, "completed")
        finish_scan(db, 1_100, 2_000, "failed")
        db.insert_scan_start(3_000, "/repo")
        latest = db.latest_scan_timestamp()
        assert latest == 1_000
        assert isinstance(latest, int)
        finish_scan(db, 1_200, 1_500, "completed")
        assert db.latest_scan_timestamp() == 1_500

    def test_wrong_types_raise_type_error(self, backend: StorageUnderTest) -> None:
        db: Any = backend.drift
        bad_calls: list[Callable[[], object]] = [
            lambda: db.pattern_confidence(1),
            lambda: db.pattern_occurrence_rate(None),
            lambda: db.false_positive_rate(b"p"),
            lambda: db.constraint_verified(3),
            lambda: db.coupling_metric(None),
            lambda: db.test_coverage(1.5),
            lambda: db.error_handling_gaps(None),
            lambda: db.decision_evidence(1),
            lambda: db.boundary_data(1),
            lambda: db.taint_flow_risk(["a.py"]),
            lambda: db.call_graph_coverage(5),
            lambda: db.count_matching_patterns("p1"),
            lambda: db.count_matching_patterns(["p1", 2]),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
