"""Contract tests for the replacement batch commands: what the pipeline recomputes on a
re-analysis replaces what was stored, so nothing is ever appended twice.

Per-file commands replace one file's rows of one table (and refuse rows of other files);
whole-table commands empty their table first. Mixed into ``DriftBatchWriterContract``.
"""

from __future__ import annotations

import pytest
from msgspec.structs import asdict

from drift.records.analysis import FunctionRow
from drift.records.batch import (
    BatchCommand,
    InsertDetections,
    InsertFunctions,
    ReplaceCallEdges,
    ReplaceConventions,
    ReplaceCouplingCycles,
    ReplaceCouplingMetrics,
    ReplaceDerivedDetections,
    ReplaceFileBoundaries,
    ReplaceFileCallEdges,
    ReplaceFileConstants,
    ReplaceFileEnvVariables,
    ReplaceFileErrorGaps,
    ReplaceFileFunctions,
    ReplaceFileSecrets,
    ReplaceOutliers,
    ReplacePatternConfidence,
    ReplaceTestCoverage,
    ReplaceTestQuality,
    ReplaceViolations,
    WriteStats,
    decode_command,
    encode_command,
)
from drift.records.enforcement import ViolationRow
from drift.records.structural import (
    ConstantRow,
    CouplingCycleRow,
    CouplingMetricsRow,
    EnvVariableRow,
    ErrorGapRow,
    SecretRow,
    TestCoverageRow,
    TestQualityRow,
)
from drift.storage.testing.analysis_rows import (
    boundary_row,
    confidence_row,
    convention_row,
    detection_row,
    edge,
    function_row,
    outlier_row,
    write,
)
from drift.storage.testing.base import StorageUnderTest


def _counters(stats: WriteStats) -> dict[str, int]:
    return {k: v for k, v in asdict(stats).items() if v and k != "flushes"}


def _gap(file: str, function_id: str) -> ErrorGapRow:
    return ErrorGapRow(None, file, function_id, "swallowed", None, None, None, 390, "high")


def _secret(file: str, line: int) -> SecretRow:
    return SecretRow(None, "aws_key", "AKIA****", file, line, "critical", 4.5, 0.875, "798")


def _constant(file: str, line: int) -> ConstantRow:
    return ConstantRow(0, "", "42", file, line, False, "python", False, 0)


def _env(file: str, name: str) -> EnvVariableRow:
    return EnvVariableRow(None, name, file, 3, "os.environ", False, False, None, None)


def _violation(violation_id: str, file: str = "a.py") -> ViolationRow:
    return ViolationRow(
        violation_id, file, 3, 1, None, None, "warning", "p1", "naming/p1", "rename it",
        None, None, None, None, False, True,
    )  # fmt: skip


def replacement_commands() -> list[BatchCommand]:
    """One replacement command of each kind (the pipeline's re-analysis writes)."""
    return [
        ReplaceFileFunctions("a.py", [function_row("a.py", "f", 1)]),
        ReplaceFileCallEdges("a.py", [edge(1, 2, 3)]),
        ReplaceCallEdges([edge(1, 2, 3), edge(2, 1, 4)]),
        ReplaceDerivedDetections("learned", [detection_row("a.py", 2, detection_method="learned")]),
        ReplaceFileBoundaries("a.py", [boundary_row("a.py")]),
        ReplaceFileErrorGaps("a.py", [_gap("a.py", "f")]),
        ReplaceFileSecrets("a.py", [_secret("a.py", 5)]),
        ReplaceFileConstants("a.py", [_constant("a.py", 9)]),
        ReplaceFileEnvVariables("a.py", [_env("a.py", "HOME")]),
        ReplacePatternConfidence([confidence_row("p1")]),
        ReplaceOutliers([outlier_row("p1", 2.5)]),
        ReplaceConventions([convention_row("p1", 0.75)]),
        ReplaceCouplingMetrics([CouplingMetricsRow("core", 1, 2, 0.5, 0.0, 0.5, "main")]),
        ReplaceCouplingCycles([CouplingCycleRow(0, '["a", "b"]', "[]", 0)]),
        ReplaceTestCoverage([TestCoverageRow("t1", "f1", "direct")]),
        ReplaceTestQuality(
            [TestQualityRow("f1", None, None, None, None, None, None, None, 0.5, None)]
        ),
        ReplaceViolations([_violation("v1")]),
    ]


FUNCTIONS = (("a.py", "f", 1), ("a.py", "g", 9), ("b.py", "h", 1))


def _two_functions(backend: StorageUnderTest) -> tuple[FunctionRow, FunctionRow]:
    """Functions ``f`` of a.py and ``g`` of b.py, stored: the ends of the edges below."""
    write(backend, InsertFunctions([function_row("a.py", "f", 1), function_row("b.py", "g", 1)]))
    (f,) = backend.drift.get_functions_by_file("a.py")
    (g,) = backend.drift.get_functions_by_file("b.py")
    return f, g


class BatchReplacementContract:
    """The replacement commands: what a re-analysis recomputes replaces what was there."""

    def test_replace_file_functions_keeps_surviving_ids_and_drops_stale_ones_with_edges(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        write(
            backend,
            InsertFunctions([function_row(f, n, line) for f, n, line in FUNCTIONS]),
        )
        f, g = drift.get_functions_by_file("a.py")
        (h,) = drift.get_functions_by_file("b.py")
        drift.insert_call_edges([edge(h.id, f.id, 2), edge(h.id, g.id, 3), edge(g.id, h.id, 10)])

        write(
            backend,
            ReplaceFileFunctions(
                "a.py", [function_row("a.py", "f", 1, end_line=4), function_row("a.py", "k", 7)]
            ),
        )

        kept, added = drift.get_functions_by_file("a.py")
        assert (kept.id, kept.name, kept.end_line) == (f.id, "f", 4)
        assert added.name == "k"
        assert added.id not in {f.id, g.id, h.id}
        assert drift.get_edges_by_caller(h.id) == [edge(h.id, f.id, 2)]
        assert drift.get_edges_by_callee(h.id) == []
        assert drift.get_functions_by_file("b.py") == [h]
        assert drift.stats().function_rows == 5

    def test_replace_file_call_edges_touches_only_that_files_callers(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        f, g = _two_functions(backend)
        drift.insert_call_edges([edge(f.id, g.id, 2), edge(f.id, g.id, 3), edge(g.id, f.id, 4)])

        write(backend, ReplaceFileCallEdges("a.py", [edge(f.id, g.id, 5, resolution="fuzzy")]))

        assert drift.get_edges_by_caller(f.id) == [edge(f.id, g.id, 5, resolution="fuzzy")]
        assert drift.get_edges_by_caller(g.id) == [edge(g.id, f.id, 4)]
        write(backend, ReplaceCallEdges([edge(g.id, f.id, 9)]))
        assert drift.count_call_edges() == 1
        assert drift.get_edges_by_caller(g.id) == [edge(g.id, f.id, 9)]
        assert drift.stats().call_edge_rows == 2

    def test_replace_call_edges_leaves_exactly_the_commands_graph(
        self, backend: StorageUnderTest
    ) -> None:
        # Kept, changed in resolution or confidence, dropped, added, and a key given twice
        # (the last one wins, as upserts do): the stored graph is the command's, however the
        # backend writes the difference.
        drift = backend.drift
        f, g = _two_functions(backend)
        write(
            backend,
            ReplaceCallEdges(
                [
                    edge(f.id, g.id, 2),
                    edge(f.id, g.id, 3),
                    edge(f.id, g.id, 4, confidence=0.4),
                    edge(g.id, f.id, 5),
                    edge(g.id, f.id, 6),
                ]
            ),
        )
        wanted = [
            edge(f.id, g.id, 2),
            edge(f.id, g.id, 3, resolution="fuzzy", confidence=0.4),
            edge(f.id, g.id, 4, confidence=0.9),
            edge(f.id, g.id, 7),
            edge(g.id, f.id, 6, resolution="import"),
        ]
        write(backend, ReplaceCallEdges([edge(g.id, f.id, 6), *wanted]))
        assert drift.count_call_edges() == 5
        assert drift.get_edges_by_caller(f.id) == wanted[:4]
        assert drift.get_edges_by_caller(g.id) == wanted[4:]
        assert drift.stats().call_edge_rows == 11

    def test_replace_test_coverage_leaves_exactly_the_commands_links(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        link = TestCoverageRow
        write(
            backend,
            ReplaceTestCoverage(
                [link("t1", "f1", "direct"), link("t1", "f2", "direct"), link("t2", "f1", "direct")]
            ),
        )
        write(
            backend,
            ReplaceTestCoverage(
                [
                    link("t3", "f2", "direct"),
                    link("t1", "f1", "direct"),
                    link("t2", "f1", "direct"),
                    link("t2", "f1", "transitive"),
                ]
            ),
        )
        assert drift.get_test_coverage_for_source("f1") == [
            link("t1", "f1", "direct"),
            link("t2", "f1", "transitive"),
        ]
        assert drift.get_test_coverage_for_source("f2") == [link("t3", "f2", "direct")]
        assert drift.stats().test_coverage_rows == 7

    def test_replace_derived_detections_replaces_one_method_only(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        write(
            backend,
            InsertDetections(
                [
                    detection_row("a.py", 1, detection_method="pack"),
                    detection_row("a.py", 2, detection_method="learned"),
                    detection_row("b.py", 3, detection_method="learned"),
                ]
            ),
        )
        fresh = [detection_row("c.py", 4, detection_method="learned")]
        write(backend, ReplaceDerivedDetections("learned", fresh))
        write(backend, ReplaceDerivedDetections("learned", fresh))
        assert [(d.file, d.line) for d in drift.get_detections_by_method("learned")] == [
            ("c.py", 4)
        ]
        assert [d.line for d in drift.get_detections_by_method("pack")] == [1]
        with pytest.raises(ValueError, match="pack"):
            drift.send_batch(
                ReplaceDerivedDetections(
                    "learned", [detection_row("a.py", 1, detection_method="pack")]
                )
            )

    def test_per_file_structural_replacements_leave_other_files_alone(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        for file in ("a.py", "b.py"):
            write(
                backend,
                ReplaceFileBoundaries(file, [boundary_row(file), boundary_row(file)]),
                ReplaceFileErrorGaps(file, [_gap(file, "f"), _gap(file, "g")]),
                ReplaceFileSecrets(file, [_secret(file, 1), _secret(file, 2)]),
                ReplaceFileConstants(file, [_constant(file, 1), _constant(file, 2)]),
                ReplaceFileEnvVariables(file, [_env(file, "HOME"), _env(file, "PATH")]),
            )
        write(
            backend,
            ReplaceFileBoundaries("a.py", [boundary_row("a.py", model_name="Order")]),
            ReplaceFileErrorGaps("a.py", [_gap("a.py", "h")]),
            ReplaceFileSecrets("a.py", [_secret("a.py", 7)]),
            ReplaceFileConstants("a.py", []),
            ReplaceFileEnvVariables("a.py", [_env("a.py", "USER")]),
        )
        assert [b.model_name for b in drift.get_boundaries_by_file("a.py")] == ["Order"]
        assert [g.function_id for g in drift.get_error_gaps_by_file("a.py")] == ["h"]
        assert [s.line for s in drift.get_secrets_by_file("a.py")] == [7]
        assert drift.query_constants_by_file("a.py") == []
        assert [e.name for e in drift.query_env_variables_by_file("a.py")] == ["USER"]
        assert len(drift.get_boundaries_by_file("b.py")) == 2
        assert len(drift.get_error_gaps_by_file("b.py")) == 2
        assert len(drift.get_secrets_by_file("b.py")) == 2
        assert len(drift.query_constants_by_file("b.py")) == 2
        assert len(drift.query_env_variables_by_file("b.py")) == 2
        stats = drift.stats()
        assert (stats.boundary_rows, stats.error_gap_rows, stats.secret_rows) == (5, 5, 5)
        assert (stats.constant_rows, stats.env_variable_rows) == (4, 5)

    def test_whole_table_replacements_leave_only_the_new_rows(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        write(
            backend,
            ReplacePatternConfidence([confidence_row("p1"), confidence_row("p2")]),
            ReplaceOutliers([outlier_row("p1", 2.5), outlier_row("p2", 1.5)]),
            ReplaceConventions([convention_row("p1", 0.75), convention_row("p2", 0.5)]),
            ReplaceCouplingMetrics([CouplingMetricsRow("old", 1, 1, 0.5, 0.0, 0.5, "main")]),
            ReplaceCouplingCycles([CouplingCycleRow(0, '["x", "y"]', "[]", 0)]),
            ReplaceTestCoverage([TestCoverageRow("t0", "f1", "direct")]),
            ReplaceTestQuality(
                [TestQualityRow("f0", None, None, None, None, None, None, None, 0.25, None)]
            ),
            ReplaceViolations([_violation("v0"), _violation("v1", "b.py")]),
        )
        for command in replacement_commands()[9:]:
            write(backend, command)
        assert [row.pattern_id for row in drift.query_all_confidence()] == ["p1"]
        assert [row.deviation_score for row in drift.query_outliers_by_pattern("p1")] == [2.5]
        assert drift.query_outliers_by_pattern("p2") == []
        assert [row.pattern_id for row in drift.query_all_conventions()] == ["p1"]
        assert [row.module for row in drift.get_all_coupling_metrics()] == ["core"]
        assert [row.members for row in drift.query_coupling_cycles()] == ['["a", "b"]']
        assert drift.get_test_coverage_for_source("f1") == [TestCoverageRow("t1", "f1", "direct")]
        assert drift.get_test_quality("f0") is None
        quality = drift.get_test_quality("f1")
        assert quality is not None
        assert quality.overall_score == 0.5
        assert drift.query_all_violations() == [_violation("v1")]

    def test_replacement_commands_round_trip_and_count(self, backend: StorageUnderTest) -> None:
        for command in replacement_commands():
            name, payload = encode_command(command)
            assert decode_command(name, payload) == command
            backend.drift.send_raw(name, payload)
        assert _counters(backend.drift.flush_sync()) == {
            "function_rows": 1,
            "call_edge_rows": 3,
            "detection_rows": 1,
            "boundary_rows": 1,
            "error_gap_rows": 1,
            "secret_rows": 1,
            "constant_rows": 1,
            "env_variable_rows": 1,
            "pattern_confidence_rows": 1,
            "outlier_rows": 1,
            "convention_rows": 1,
            "coupling_metric_rows": 1,
            "coupling_cycle_rows": 1,
            "test_coverage_rows": 1,
            "test_quality_rows": 1,
            "violation_rows": 1,
        }

    def test_per_file_replacements_refuse_rows_of_other_files(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        for bad in [
            ReplaceFileFunctions("a.py", [function_row("b.py", "f", 1)]),
            ReplaceFileBoundaries("a.py", [boundary_row("b.py")]),
            ReplaceFileErrorGaps("a.py", [_gap("b.py", "f")]),
            ReplaceFileSecrets("a.py", [_secret("b.py", 1)]),
            ReplaceFileConstants("a.py", [_constant("b.py", 1)]),
            ReplaceFileEnvVariables("a.py", [_env("b.py", "HOME")]),
        ]:
            with pytest.raises(ValueError, match=r"b\.py"):
                drift.send_batch(bad)
        assert drift.flush_sync() == WriteStats()
