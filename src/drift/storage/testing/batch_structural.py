"""Contract tests for the batch commands that write structural and enforcement tables.

Each command must write what the matching protocol method writes and raise its own
``WriteStats`` counter by the rows written; the rows are then read back through the protocol.
"""

from __future__ import annotations

from msgspec.structs import asdict

from drift.records.batch import (
    BatchCommand,
    InsertConstants,
    InsertContractMismatches,
    InsertContracts,
    InsertCouplingCycles,
    InsertCouplingMetrics,
    InsertCryptoFindings,
    InsertDataAccess,
    InsertDecompositionDecisions,
    InsertDegradationAlerts,
    InsertDnaGenes,
    InsertDnaMutations,
    InsertEnvVariables,
    InsertErrorGaps,
    InsertGateResults,
    InsertImpactScores,
    InsertOwaspFindings,
    InsertReachabilityCache,
    InsertSecrets,
    InsertTaintFlows,
    InsertTestQuality,
    InsertViolations,
    InsertWrappers,
    WriteStats,
    decode_command,
    encode_command,
)
from drift.records.enforcement import DegradationAlertRow, GateResultRow, ViolationRow
from drift.records.structural import (
    ConstantRow,
    ContractMismatchRow,
    ContractRow,
    CouplingCycleRow,
    CouplingMetricsRow,
    CryptoFindingRow,
    DataAccessRow,
    DecompositionDecisionRow,
    DnaGeneRow,
    DnaMutationRow,
    EnvVariableRow,
    ErrorGapRow,
    ImpactScoreRow,
    OwaspFindingRow,
    ReachabilityCacheRow,
    SecretRow,
    TaintFlowRow,
    TestQualityRow,
    WrapperRow,
)
from drift.storage.testing.base import StorageUnderTest

FILE = "src/service.py"


def _data_access(line: int) -> DataAccessRow:
    return DataAccessRow(None, 7, "users", "read", "sqlalchemy", line, 0.75)


def _violation(violation_id: str) -> ViolationRow:
    return ViolationRow(
        violation_id, FILE, 3, 1, 3, 9, "warning", "naming/snake", "N001", "rename it",
        None, None, 79, None, False, True,
    )  # fmt: skip


def structural_commands() -> list[BatchCommand]:
    """One command of each structural/enforcement kind; ``STRUCTURAL_COUNTERS`` gives the rows."""
    return [
        InsertDataAccess([_data_access(1), _data_access(2), _data_access(1)]),
        InsertReachabilityCache(
            [
                ReachabilityCacheRow("f1", "forward", '["f2"]', "low"),
                ReachabilityCacheRow("f1", "forward", '["f2", "f3"]', "high"),
            ]
        ),
        InsertTaintFlows(
            [TaintFlowRow(None, FILE, 1, "request", FILE, 9, "sql", 89, False, "[]", 0.5)]
        ),
        InsertErrorGaps(
            [ErrorGapRow(None, FILE, "f1", "swallowed", None, None, None, None, "medium")] * 2
        ),
        InsertImpactScores([ImpactScoreRow("f1", 4, 0.25, False, None, None)]),
        InsertTestQuality(
            [TestQualityRow("f1", 0.5, None, 1.0, 0.0, None, None, None, 0.75, None)]
        ),
        InsertCouplingMetrics([CouplingMetricsRow("pkg.core", 3, 5, 0.375, 0.5, 0.125, "main")]),
        InsertCouplingCycles([CouplingCycleRow(0, '["a", "b"]', '["cut a->b"]', 0)]),
        InsertViolations([_violation("v1"), _violation("v2"), _violation("v1")]),
        InsertGateResults(
            [GateResultRow("coverage", "passed", True, 0.875, "ok", 0, 1, 12, None, None, 0)]
        ),
        InsertDegradationAlerts(
            [DegradationAlertRow(0, "confidence_drop", "warning", "dropped", 0.5, 0.75, -0.25, 0)]
        ),
        InsertWrappers(
            [
                WrapperRow(
                    None,
                    "fetch",
                    FILE,
                    4,
                    "http",
                    '["requests.get"]',
                    "requests",
                    0.5,
                    False,
                    True,
                    3,
                )
            ]
        ),
        InsertCryptoFindings(
            [
                CryptoFindingRow(
                    None,
                    FILE,
                    8,
                    "weak_hash",
                    "md5",
                    "md5(x)",
                    0.875,
                    327,
                    "A02",
                    "use sha256",
                    "python",
                )
            ]
        ),
        InsertDnaGenes(
            [DnaGeneRow("naming", "Naming", "how names look", "snake", "{}", 0.5, 0.75, "[]")]
        ),
        InsertDnaMutations(
            [
                DnaMutationRow(
                    "m1",
                    FILE,
                    2,
                    "naming",
                    "snake",
                    "camel",
                    "low",
                    "fooBar",
                    "rename",
                    1_690_000_000,
                    False,
                    None,
                )
            ]
        ),
        InsertSecrets(
            [SecretRow(None, "aws_key", "AKIA****", FILE, 5, "critical", 4.5, 0.875, "798")]
        ),
        InsertConstants(
            [
                ConstantRow(0, "TIMEOUT", "30", FILE, 1, True, "python", True, 0),
                ConstantRow(0, "", "42", FILE, 9, False, "python", False, 0),
            ]
        ),
        InsertEnvVariables(
            [EnvVariableRow(None, "HOME", FILE, 3, "os.environ", False, True, None, None)]
        ),
        InsertOwaspFindings(
            [
                OwaspFindingRow(
                    "o1", "sqli", FILE, 9, "string-built SQL", 8.5, "89", "A03", 0.75, None
                )
            ]
        ),
        InsertDecompositionDecisions(
            [DecompositionDecisionRow(None, "dna1", "split", 0.5, 0.875, "too big", "dna0", 0.25)]
        ),
        InsertContracts([ContractRow("c1", "rest", "api.py", "fastapi", 0.875, '["GET /users"]')]),
        InsertContractMismatches(
            [ContractMismatchRow(0, "GET /users", "fetch('/user')", "path", "high", "404", 0)]
        ),
    ]


STRUCTURAL_COUNTERS = {
    "data_access_rows": 2,  # the third row repeats the first's key and is skipped
    "reachability_rows": 2,
    "taint_flow_rows": 1,
    "error_gap_rows": 2,
    "impact_score_rows": 1,
    "test_quality_rows": 1,
    "coupling_metric_rows": 1,
    "coupling_cycle_rows": 1,
    "violation_rows": 3,
    "gate_result_rows": 1,
    "degradation_alert_rows": 1,
    "wrapper_rows": 1,
    "crypto_finding_rows": 1,
    "dna_gene_rows": 1,
    "dna_mutation_rows": 1,
    "secret_rows": 1,
    "constant_rows": 2,
    "env_variable_rows": 1,
    "owasp_finding_rows": 1,
    "decomposition_decision_rows": 1,
    "contract_rows": 1,
    "contract_mismatch_rows": 1,
}


def _nonzero(stats: WriteStats) -> dict[str, int]:
    return {k: v for k, v in asdict(stats).items() if v and k != "flushes"}


class BatchStructuralContract:
    """The structural and enforcement batch commands."""

    def _check_rows_are_visible(self, backend: StorageUnderTest) -> None:
        d = backend.drift
        assert d.count_data_access() == 2
        assert [row.line for row in d.query_data_access_by_function(7)] == [1, 2]
        reach = d.get_reachability("f1", "forward")
        assert reach is not None
        assert (reach.reachable_set, reach.sensitivity) == ('["f2", "f3"]', "high")
        assert [row.sink_type for row in d.get_taint_flows_by_file(FILE)] == ["sql"]
        assert len(d.get_error_gaps_by_file(FILE)) == 2
        assert d.get_impact_score("f1") == ImpactScoreRow("f1", 4, 0.25, False, None, None)
        quality = d.get_test_quality("f1")
        assert quality is not None
        assert quality.overall_score == 0.75
        metrics = CouplingMetricsRow("pkg.core", 3, 5, 0.375, 0.5, 0.125, "main")
        assert d.get_coupling_metrics("pkg.core") == metrics
        assert [row.members for row in d.query_coupling_cycles()] == ['["a", "b"]']
        assert [row.id for row in d.query_violations_by_file(FILE)] == ["v1", "v2"]
        assert [(row.gate_id, row.run_at) for row in d.query_gate_results()] == [
            ("coverage", backend.clock.now)
        ]
        (alert,) = d.query_recent_degradation_alerts(10)
        assert (alert.alert_type, alert.created_at) == ("confidence_drop", backend.clock.now)
        assert [row.name for row in d.get_wrappers_by_file(FILE)] == ["fetch"]
        assert [row.cwe_id for row in d.get_crypto_findings_by_file(FILE)] == [327]
        gene = d.get_dna_gene("naming")
        assert gene is not None
        assert gene.dominant_allele == "snake"
        assert [row.id for row in d.get_dna_mutations_by_gene("naming")] == ["m1"]
        assert [row.pattern_name for row in d.get_secrets_by_file(FILE)] == ["aws_key"]
        assert d.count_constants() == 2
        assert [row.line for row in d.query_magic_numbers()] == [9]
        assert d.count_env_variables() == 1
        assert [row.id for row in d.get_owasp_findings_by_file(FILE)] == ["o1"]
        assert [row.adjustment for row in d.get_decomposition_decisions("dna1")] == ["split"]
        assert d.get_contract("c1") == ContractRow(
            "c1", "rest", "api.py", "fastapi", 0.875, '["GET /users"]'
        )
        assert [row.mismatch_type for row in d.query_contract_mismatches()] == ["path"]

    def test_structural_and_enforcement_commands_write_and_count(
        self, backend: StorageUnderTest
    ) -> None:
        backend.clock.advance(60)
        for command in structural_commands():
            backend.drift.send_batch(command)
        stats = backend.drift.flush_sync()
        assert _nonzero(stats) == STRUCTURAL_COUNTERS
        assert stats.flushes >= 1
        self._check_rows_are_visible(backend)

    def test_structural_commands_travel_through_send_raw(self, backend: StorageUnderTest) -> None:
        backend.clock.advance(60)
        for command in structural_commands():
            name, payload = encode_command(command)
            assert decode_command(name, payload) == command
            backend.drift.send_raw(name, payload)
        assert _nonzero(backend.drift.flush_sync()) == STRUCTURAL_COUNTERS
        self._check_rows_are_visible(backend)
