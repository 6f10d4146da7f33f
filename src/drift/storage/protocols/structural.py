"""The `IDriftStructural` storage protocol: the 22 tables of structural analysis."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.structural import (
    ConstantRow,
    ConstraintRow,
    ConstraintVerificationRow,
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
    TestCoverageRow,
    TestQualityRow,
    WrapperRow,
)


@runtime_checkable
class IDriftStructural(Protocol):
    """Coupling, constraints, contracts, security findings, DNA, constants, env variables,
    data access and the graph-derived tables (71 methods).

    Upserts replace every column of the row with the same key. Inserts ignore the ``id`` and
    timestamp fields of the row they are given; the backend assigns them. Lists without a stated
    order come in primary-key order; every order ends in a unique key (time-descending orders
    break ties by ``id DESC``), so every backend returns the same sequence.
    """

    # coupling_metrics

    def upsert_coupling_metrics(self, row: CouplingMetricsRow) -> None:
        """Insert the metrics of ``row.module``, or replace the ones stored for it."""
        ...

    def get_coupling_metrics(self, module: str) -> CouplingMetricsRow | None:
        """The metrics of ``module``, or None."""
        ...

    def get_all_coupling_metrics(self) -> list[CouplingMetricsRow]:
        """Every module's metrics, by ``distance`` descending, then module."""
        ...

    def get_coupling_metrics_by_zone(self, zone: str) -> list[CouplingMetricsRow]:
        """The metrics of the modules in ``zone``, by module."""
        ...

    # coupling_cycles

    def insert_coupling_cycle(self, members: str, break_suggestions: str) -> None:
        """Record a dependency cycle (both arguments are JSON text), stamped with the time now."""
        ...

    def query_coupling_cycles(self) -> list[CouplingCycleRow]:
        """Every recorded cycle, newest first (ties: id descending)."""
        ...

    # constraints

    def upsert_constraint(self, row: ConstraintRow) -> None:
        """Insert the constraint, or replace the one with the same id."""
        ...

    def get_constraint(self, id: str) -> ConstraintRow | None:
        """The constraint ``id``, or None."""
        ...

    def get_enabled_constraints(self) -> list[ConstraintRow]:
        """The enabled constraints, by id."""
        ...

    # constraint_verifications

    def insert_constraint_verification(
        self, constraint_id: str, passed: bool, violations: str
    ) -> None:
        """Record a verification now; Conflict if no constraint has ``constraint_id``."""
        ...

    def query_constraint_verifications(self, constraint_id: str) -> list[ConstraintVerificationRow]:
        """The verifications of ``constraint_id``, newest first (ties: id descending)."""
        ...

    # contracts

    def upsert_contract(self, row: ContractRow) -> None:
        """Insert the contract, or replace the one with the same id."""
        ...

    def get_contract(self, id: str) -> ContractRow | None:
        """The contract ``id``, or None."""
        ...

    def get_contracts_by_paradigm(self, paradigm: str) -> list[ContractRow]:
        """The contracts of ``paradigm``, by id."""
        ...

    # contract_mismatches

    def insert_contract_mismatch(self, row: ContractMismatchRow) -> None:
        """Record a mismatch (input id and created_at ignored)."""
        ...

    def query_contract_mismatches(self) -> list[ContractMismatchRow]:
        """Every mismatch, newest first (ties: id descending)."""
        ...

    def query_contract_mismatches_by_type(self, mismatch_type: str) -> list[ContractMismatchRow]:
        """The mismatches of ``mismatch_type``, newest first (ties: id descending)."""
        ...

    # secrets

    def insert_secret(self, row: SecretRow) -> int:
        """Record a secret (input id ignored); returns its new id."""
        ...

    def get_secrets_by_file(self, file: str) -> list[SecretRow]:
        """The secrets found in ``file``, by id."""
        ...

    def get_secrets_by_severity(self, severity: str) -> list[SecretRow]:
        """The secrets of ``severity``, by id."""
        ...

    # wrappers

    def insert_wrapper(self, row: WrapperRow) -> int:
        """Record a wrapper (input id ignored); returns its new id."""
        ...

    def get_wrappers_by_file(self, file: str) -> list[WrapperRow]:
        """The wrappers defined in ``file``, by id."""
        ...

    def get_wrappers_by_category(self, category: str) -> list[WrapperRow]:
        """The wrappers of ``category``, by id."""
        ...

    # dna_genes

    def upsert_dna_gene(self, row: DnaGeneRow) -> None:
        """Insert the gene, or replace the one with the same gene_id."""
        ...

    def get_dna_gene(self, gene_id: str) -> DnaGeneRow | None:
        """The gene ``gene_id``, or None."""
        ...

    def get_all_dna_genes(self) -> list[DnaGeneRow]:
        """Every gene, by gene_id."""
        ...

    # dna_mutations

    def upsert_dna_mutation(self, row: DnaMutationRow) -> None:
        """Insert the mutation, or replace all 12 columns of the one with the same id."""
        ...

    def get_dna_mutations_by_gene(self, gene_id: str) -> list[DnaMutationRow]:
        """The mutations of ``gene_id``, by id."""
        ...

    def get_unresolved_mutations(self) -> list[DnaMutationRow]:
        """The mutations not yet resolved, by id."""
        ...

    # crypto_findings

    def insert_crypto_finding(self, row: CryptoFindingRow) -> int:
        """Record a crypto finding (input id ignored); returns its new id."""
        ...

    def get_crypto_findings_by_file(self, file: str) -> list[CryptoFindingRow]:
        """The crypto findings in ``file``, by id."""
        ...

    def get_crypto_findings_by_category(self, category: str) -> list[CryptoFindingRow]:
        """The crypto findings of ``category``, by id."""
        ...

    # owasp_findings

    def upsert_owasp_finding(self, row: OwaspFindingRow) -> None:
        """Insert the finding, or replace the one with the same id."""
        ...

    def get_owasp_findings_by_file(self, file: str) -> list[OwaspFindingRow]:
        """The OWASP findings in ``file``, by id."""
        ...

    def get_owasp_findings_by_detector(self, detector: str) -> list[OwaspFindingRow]:
        """The OWASP findings of ``detector``, by id."""
        ...

    # decomposition_decisions

    def insert_decomposition_decision(self, row: DecompositionDecisionRow) -> int:
        """Record a decomposition decision (input id ignored); returns its new id."""
        ...

    def get_decomposition_decisions(self, dna_profile_hash: str) -> list[DecompositionDecisionRow]:
        """The decisions for ``dna_profile_hash``, by id."""
        ...

    # constants

    def insert_constant(self, row: ConstantRow) -> None:
        """Record a constant (input id and created_at ignored)."""
        ...

    def insert_constants_batch(self, rows: list[ConstantRow]) -> None:
        """Record every constant in one transaction (input ids and created_at ignored)."""
        ...

    def query_constants_by_file(self, file: str) -> list[ConstantRow]:
        """The constants in ``file``, by line, then id."""
        ...

    def query_unused_constants(self) -> list[ConstantRow]:
        """The constants never used, by file, line, then id."""
        ...

    def query_magic_numbers(self) -> list[ConstantRow]:
        """The unnamed constants (magic numbers), by file, line, then id."""
        ...

    def delete_constants_by_file(self, file: str) -> int:
        """Delete the constants in ``file``; returns how many were deleted."""
        ...

    def count_constants(self) -> int:
        """Number of constants."""
        ...

    # env_variables

    def insert_env_variable(self, row: EnvVariableRow) -> None:
        """Record an environment-variable read (input id and created_at ignored)."""
        ...

    def insert_env_variables_batch(self, rows: list[EnvVariableRow]) -> None:
        """Record every row in one transaction (input ids and created_at ignored)."""
        ...

    def query_env_variables_by_name(self, name: str) -> list[EnvVariableRow]:
        """The reads of variable ``name``, by file, line, then id."""
        ...

    def query_env_variables_by_file(self, file: str) -> list[EnvVariableRow]:
        """The variable reads in ``file``, by line, then id."""
        ...

    def query_missing_env_variables(self) -> list[EnvVariableRow]:
        """Reads with neither a default nor a definition, by name, file, then id."""
        ...

    def delete_env_variables_by_file(self, file: str) -> int:
        """Delete the variable reads in ``file``; returns how many were deleted."""
        ...

    def count_env_variables(self) -> int:
        """Number of environment-variable rows."""
        ...

    # data_access

    def insert_data_access(self, row: DataAccessRow) -> None:
        """Record a table access; a duplicate (function, table, operation, line) is dropped."""
        ...

    def insert_data_access_batch(self, rows: list[DataAccessRow]) -> None:
        """Record every access in one transaction, dropping duplicates of existing keys."""
        ...

    def query_data_access_by_function(self, function_id: int) -> list[DataAccessRow]:
        """The accesses of ``function_id``, by line, then table and operation."""
        ...

    def query_data_access_by_table(self, table_name: str) -> list[DataAccessRow]:
        """The accesses of ``table_name``, by function_id, then operation and line."""
        ...

    def delete_data_access_by_function(self, function_id: int) -> int:
        """Delete the accesses of ``function_id``; returns how many were deleted."""
        ...

    def count_data_access(self) -> int:
        """Number of data-access rows."""
        ...

    # reachability_cache

    def upsert_reachability(self, row: ReachabilityCacheRow) -> None:
        """Cache a reachable set, replacing the one for the same (source_node, direction)."""
        ...

    def get_reachability(self, source_node: str, direction: str) -> ReachabilityCacheRow | None:
        """The cached set for ``source_node`` in ``direction``, or None."""
        ...

    def clear_reachability_cache(self) -> None:
        """Delete every cached reachable set."""
        ...

    # taint_flows

    def insert_taint_flow(self, row: TaintFlowRow) -> int:
        """Record a taint flow (input id ignored); returns its new id."""
        ...

    def get_taint_flows_by_file(self, file: str) -> list[TaintFlowRow]:
        """The flows whose source or sink is in ``file``, by id."""
        ...

    def get_taint_flows_by_cwe(self, cwe_id: int) -> list[TaintFlowRow]:
        """The flows classified as ``cwe_id``, by id."""
        ...

    # error_gaps

    def insert_error_gap(self, row: ErrorGapRow) -> int:
        """Record an error-handling gap (input id ignored); returns its new id."""
        ...

    def get_error_gaps_by_file(self, file: str) -> list[ErrorGapRow]:
        """The gaps in ``file``, by id."""
        ...

    # impact_scores

    def upsert_impact_score(self, row: ImpactScoreRow) -> None:
        """Insert the score of ``row.function_id``, or replace the one stored for it."""
        ...

    def get_impact_score(self, function_id: str) -> ImpactScoreRow | None:
        """The impact score of ``function_id``, or None."""
        ...

    # test_coverage

    def insert_test_coverage(self, row: TestCoverageRow) -> None:
        """Record that a test covers a source function, replacing the same pair's row."""
        ...

    def get_test_coverage_for_source(self, source_function_id: str) -> list[TestCoverageRow]:
        """The tests covering ``source_function_id``, by test_function_id."""
        ...

    # test_quality

    def upsert_test_quality(self, row: TestQualityRow) -> None:
        """Insert the test quality of ``row.function_id``, or replace the one stored for it."""
        ...

    def get_test_quality(self, function_id: str) -> TestQualityRow | None:
        """The test quality of ``function_id``, or None."""
        ...
