"""`IDriftReader` in plain Python: the `MemoryDriftReader` mixin.

It reads the tables the other mixins own, declared below with their owners' types. Ratios and
means go through the same helpers as the SQL reader (``drift.storage.sql.reader``), from the same
integer counts and in the same order, so the floats are identical on every backend.
"""

from __future__ import annotations

from drift.records.analysis import (
    BoundaryRow,
    CallEdgeRow,
    DetectionRow,
    PatternConfidenceRow,
    ScanHistoryRow,
)
from drift.records.enforcement import FeedbackRow
from drift.records.structural import (
    ConstraintVerificationRow,
    CouplingMetricsRow,
    DnaGeneRow,
    ErrorGapRow,
    TaintFlowRow,
    TestQualityRow,
)
from drift.records.validation import check_opt_str, check_str, check_str_list
from drift.storage.memory.advanced import DecisionEntry
from drift.storage.memory.core import MemoryCore
from drift.storage.sql.reader import mean_of_products, parse_row_id, ratio

_UNRESOLVED = frozenset({"fuzzy", "unresolved"})


class MemoryDriftReader(MemoryCore):
    """``IDriftReader`` over the other in-memory mixins' tables."""

    # analysis
    _t_pattern_confidence: dict[str, PatternConfidenceRow]
    _t_detections: dict[int, DetectionRow]
    _t_boundaries: dict[int, BoundaryRow]
    _t_call_edges: dict[tuple[int, int, int], CallEdgeRow]
    _t_scan_history: dict[int, ScanHistoryRow]
    # structural
    _t_constraint_verifications: dict[int, ConstraintVerificationRow]
    _t_coupling_metrics: dict[str, CouplingMetricsRow]
    _t_dna_genes: dict[str, DnaGeneRow]
    _t_test_quality: dict[str, TestQualityRow]
    _t_error_gaps: dict[int, ErrorGapRow]
    _t_taint_flows: dict[int, TaintFlowRow]
    # enforcement, advanced
    _t_feedback: dict[int, FeedbackRow]
    _t_decisions: dict[int, DecisionEntry]

    def pattern_confidence(self, pattern_id: str) -> float | None:
        check_str("pattern_id", pattern_id)
        with self._lock:
            row = self._t_pattern_confidence.get(pattern_id)
        return None if row is None else row.posterior_mean

    def pattern_occurrence_rate(self, pattern_id: str) -> float | None:
        check_str("pattern_id", pattern_id)
        with self._lock:
            files = {d.file for d in self._t_detections.values()}
            with_pattern = {
                d.file for d in self._t_detections.values() if d.pattern_id == pattern_id
            }
        if not with_pattern:
            return None
        return ratio(len(with_pattern), len(files))

    def false_positive_rate(self, pattern_id: str) -> float | None:
        check_str("pattern_id", pattern_id)
        with self._lock:
            actions = [f.action for f in self._t_feedback.values() if f.pattern_id == pattern_id]
        return ratio(actions.count("dismiss"), len(actions))

    def constraint_verified(self, constraint_id: str) -> bool | None:
        check_str("constraint_id", constraint_id)
        with self._lock:
            runs = [
                (v.verified_at, v.id, v.passed)
                for v in self._t_constraint_verifications.values()
                if v.constraint_id == constraint_id
            ]
        return max(runs)[2] if runs else None

    def coupling_metric(self, module: str) -> float | None:
        check_str("module", module)
        with self._lock:
            row = self._t_coupling_metrics.get(module)
        return None if row is None else row.instability

    def dna_health(self) -> float | None:
        with self._lock:
            genes = [self._t_dna_genes[gene_id] for gene_id in sorted(self._t_dna_genes)]
        return mean_of_products((g.confidence, g.consistency) for g in genes)

    def test_coverage(self, function_id: str) -> float | None:
        check_str("function_id", function_id)
        with self._lock:
            row = self._t_test_quality.get(function_id)
        return None if row is None else row.overall_score

    def error_handling_gaps(self, file_prefix: str) -> int | None:
        check_str("file_prefix", file_prefix)
        with self._lock:
            count = sum(1 for g in self._t_error_gaps.values() if g.file.startswith(file_prefix))
        return count or None

    def decision_evidence(self, decision_id: str) -> float | None:
        check_str("decision_id", decision_id)
        with self._lock:
            row = self._t_decisions.get(parse_row_id(decision_id))
        return None if row is None else row.confidence

    def boundary_data(self, boundary_id: str) -> float | None:
        check_str("boundary_id", boundary_id)
        with self._lock:
            row = self._t_boundaries.get(parse_row_id(boundary_id))
        return None if row is None else row.confidence

    def taint_flow_risk(self, file: str) -> float | None:
        check_str("file", file)
        with self._lock:
            touching = [
                t.is_sanitized
                for t in self._t_taint_flows.values()
                if file in (t.source_file, t.sink_file)
            ]
        return ratio(touching.count(False), len(touching))

    def call_graph_coverage(self, function_id: str | None = None) -> float | None:
        check_opt_str("function_id", function_id)
        with self._lock:
            resolutions = [e.resolution for e in self._t_call_edges.values()]
        resolved = sum(1 for r in resolutions if r not in _UNRESOLVED)
        return ratio(resolved, len(resolutions))

    def count_matching_patterns(self, pattern_ids: list[str]) -> int:
        ids = check_str_list("pattern_ids", pattern_ids)
        with self._lock:
            return sum(1 for pattern_id in set(ids) if pattern_id in self._t_pattern_confidence)

    def latest_scan_timestamp(self) -> int | None:
        with self._lock:
            done = [
                s.completed_at
                for s in self._t_scan_history.values()
                if s.status == "completed" and s.completed_at is not None
            ]
        return max(done, default=None)
