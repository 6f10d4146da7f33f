"""Protocol surface: the published method lists, and every backend implements all of them.

The name lists below are copied by hand from the reference (storage.md §2, with DECISIONS #1
and #2 applied), so a method renamed or dropped in code fails here rather than passing silently.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from drift.storage.memory.bridge import MemoryBridgeStorage
from drift.storage.memory.cortex import MemoryCortexStorage
from drift.storage.memory.engine import MemoryDriftStorage
from drift.storage.memory.workspace import MemoryWorkspaceStorage
from drift.storage.protocols.advanced import IDriftAdvanced
from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.batch import IDriftBatchWriter
from drift.storage.protocols.bridge import IBridgeStorage
from drift.storage.protocols.cortex import ICortexStorage
from drift.storage.protocols.enforcement import IDriftEnforcement
from drift.storage.protocols.files import IDriftFiles
from drift.storage.protocols.reader import IDriftReader
from drift.storage.protocols.structural import IDriftStructural
from drift.storage.protocols.workspace import IWorkspaceStorage
from drift.storage.sqlite.bridge import SqliteBridgeStorage, SqliteCortexStorage
from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.sqlite.workspace import SqliteWorkspaceStorage

PUBLISHED: dict[type, tuple[str, ...]] = {
    IDriftFiles: (
        "load_all_file_metadata get_file_metadata update_function_count update_file_error "
        "count_files get_parse_cache_by_hash insert_parse_cache invalidate_parse_cache "
        "count_parse_cache prune_parse_cache"
    ).split(),
    IDriftAnalysis: (
        "get_functions_by_file query_all_functions get_function_by_qualified_name "
        "delete_functions_by_file "
        "count_functions count_entry_points insert_detections get_detections_by_file "
        "get_detections_by_category query_all_detections delete_detections_by_file "
        "count_detections get_detections_by_method get_detections_by_pattern_prefix "
        "get_detections_by_cwe get_framework_detection_summary upsert_confidence "
        "query_confidence_by_tier query_all_confidence insert_outlier query_outliers_by_pattern "
        "insert_convention query_conventions_by_category query_all_conventions insert_boundaries "
        "get_boundaries_by_file get_boundaries_by_framework get_sensitive_boundaries "
        "delete_boundaries_by_file count_boundaries insert_call_edges get_edges_by_caller "
        "get_edges_by_callee delete_edges_by_file count_call_edges count_resolved_edges "
        "insert_scan_start update_scan_complete query_recent_scans count_scans"
    ).split(),
    IDriftStructural: (
        "upsert_coupling_metrics get_coupling_metrics get_all_coupling_metrics "
        "get_coupling_metrics_by_zone insert_coupling_cycle query_coupling_cycles "
        "upsert_constraint get_constraint get_enabled_constraints insert_constraint_verification "
        "query_constraint_verifications upsert_contract get_contract get_contracts_by_paradigm "
        "insert_contract_mismatch query_contract_mismatches query_contract_mismatches_by_type "
        "insert_secret get_secrets_by_file get_secrets_by_severity insert_wrapper "
        "get_wrappers_by_file get_wrappers_by_category upsert_dna_gene get_dna_gene "
        "get_all_dna_genes upsert_dna_mutation get_dna_mutations_by_gene "
        "get_unresolved_mutations insert_crypto_finding get_crypto_findings_by_file "
        "get_crypto_findings_by_category upsert_owasp_finding get_owasp_findings_by_file "
        "get_owasp_findings_by_detector insert_decomposition_decision "
        "get_decomposition_decisions insert_constant insert_constants_batch "
        "query_constants_by_file query_unused_constants query_magic_numbers "
        "delete_constants_by_file count_constants insert_env_variable "
        "insert_env_variables_batch query_env_variables_by_name query_env_variables_by_file "
        "query_missing_env_variables delete_env_variables_by_file count_env_variables "
        "insert_data_access insert_data_access_batch query_data_access_by_function "
        "query_data_access_by_table delete_data_access_by_function count_data_access "
        "upsert_reachability get_reachability clear_reachability_cache insert_taint_flow "
        "get_taint_flows_by_file get_taint_flows_by_cwe insert_error_gap get_error_gaps_by_file "
        "upsert_impact_score get_impact_score insert_test_coverage get_test_coverage_for_source "
        "upsert_test_quality get_test_quality"
    ).split(),
    IDriftEnforcement: (
        "insert_violation query_violations_by_file query_all_violations insert_gate_result "
        "query_gate_results insert_audit_snapshot query_audit_snapshots insert_health_trend "
        "query_health_trends insert_feedback query_feedback_by_detector "
        "query_feedback_by_pattern query_feedback_adjustments get_violation_pattern_id "
        "query_feedback_stats count_needs_review insert_policy_result "
        "query_recent_policy_results insert_degradation_alert query_recent_degradation_alerts "
        "query_degradation_alerts_by_type "
        # DECISIONS #2: the seven queries the original left off every trait.
        "query_gate_history clear_recovered_alerts upsert_pattern_status query_pattern_status "
        "query_all_pattern_statuses count_patterns_by_status query_patterns_for_audit"
    ).split(),
    IDriftAdvanced: (
        "insert_simulation get_simulations insert_decision insert_context_cache "
        "create_migration_project create_migration_module update_module_status "
        "insert_migration_correction get_migration_correction"
    ).split(),
    # DECISIONS #1: the typed send_batch sits next to send_raw.
    IDriftBatchWriter: "send_raw flush flush_sync stats shutdown send_batch".split(),
    IDriftReader: (
        "pattern_confidence pattern_occurrence_rate false_positive_rate constraint_verified "
        "coupling_metric dna_health test_coverage error_handling_gaps decision_evidence "
        "boundary_data taint_flow_risk call_graph_coverage count_matching_patterns "
        "latest_scan_timestamp"
    ).split(),
    # `import` is a Python keyword; the protocol spells it `import_`.
    IWorkspaceStorage: (
        "initialize status project_info workspace_context gc backup export import_ "
        "integrity_check schema_version"
    ).split(),
    IBridgeStorage: (
        "insert_memory insert_grounding_result insert_snapshot insert_event insert_metric "
        "update_memory_confidence upsert_weight get_memory query_memories_by_type "
        "get_grounding_history get_snapshots get_events get_metrics get_schema_version "
        "query_all_memories_for_grounding search_memories_by_tag get_previous_grounding_score "
        "initialize migrate health_check shutdown count_memories storage_stats"
    ).split(),
}

MINIMUM_COUNTS: dict[type, int] = {
    IDriftFiles: 9,
    IDriftAnalysis: 39,
    IDriftStructural: 71,
    IDriftEnforcement: 21,
    IDriftAdvanced: 9,
    IDriftBatchWriter: 5,
    IDriftReader: 14,
    IWorkspaceStorage: 10,
    IBridgeStorage: 23,
    ICortexStorage: 12,
}

DRIFT_PROTOCOLS = (
    IDriftFiles,
    IDriftAnalysis,
    IDriftStructural,
    IDriftEnforcement,
    IDriftAdvanced,
    IDriftBatchWriter,
    IDriftReader,
)

IMPLEMENTATIONS: dict[type, tuple[type, ...]] = {
    **dict.fromkeys(DRIFT_PROTOCOLS, (SqliteDriftStorage, MemoryDriftStorage)),
    IWorkspaceStorage: (SqliteWorkspaceStorage, MemoryWorkspaceStorage),
    IBridgeStorage: (SqliteBridgeStorage, MemoryBridgeStorage),
    ICortexStorage: (SqliteCortexStorage, MemoryCortexStorage),
}


def protocol_methods(protocol: type) -> list[str]:
    """Methods the protocol itself declares (not inherited from Protocol/object)."""
    return [
        name
        for name, value in vars(protocol).items()
        if callable(value) and not name.startswith("_")
    ]


@pytest.mark.parametrize("protocol", list(PUBLISHED), ids=lambda p: p.__name__)
def test_method_names_match_the_published_list(protocol: type) -> None:
    assert sorted(protocol_methods(protocol)) == sorted(PUBLISHED[protocol])


@pytest.mark.parametrize("protocol", list(MINIMUM_COUNTS), ids=lambda p: p.__name__)
def test_method_counts_meet_the_minimums(protocol: type) -> None:
    assert len(protocol_methods(protocol)) >= MINIMUM_COUNTS[protocol]


def test_total_method_count_is_at_least_201() -> None:
    reference_traits = [p for p in MINIMUM_COUNTS if p is not ICortexStorage]
    assert sum(len(protocol_methods(p)) for p in reference_traits) >= 201


def _body_is_stub(function: Callable[..., Any]) -> bool:
    """True when a method body only raises NotImplementedError, passes, or is `...`."""
    source = textwrap.dedent(inspect.getsource(function))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    body = [
        stmt
        for stmt in node.body
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
        or stmt.value.value is Ellipsis
    ]
    if not body:
        return True
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # `...`
        if isinstance(stmt, ast.Raise) and "NotImplementedError" in ast.unparse(stmt):
            continue
        return False
    return True


CASES = [
    (protocol, implementation, name)
    for protocol, implementations in IMPLEMENTATIONS.items()
    for implementation in implementations
    for name in protocol_methods(protocol)
]


@pytest.mark.parametrize(
    ("protocol", "implementation", "name"),
    CASES,
    ids=[f"{impl.__name__}.{name}" for _, impl, name in CASES],
)
def test_every_backend_implements_every_method(
    protocol: type, implementation: type, name: str
) -> None:
    method = getattr(implementation, name, None)
    assert method is not None, f"{implementation.__name__} lacks {protocol.__name__}.{name}"
    assert callable(method)
    assert not getattr(method, "__isabstractmethod__", False)
    defining = next(klass for klass in implementation.__mro__ if name in vars(klass))
    assert defining is not protocol, f"{name} is only the protocol's declaration"
    assert not _body_is_stub(method), f"{implementation.__name__}.{name} is a stub"
    expected = inspect.signature(getattr(protocol, name))
    actual = inspect.signature(method)
    assert list(actual.parameters) == list(expected.parameters), (
        f"{implementation.__name__}.{name}{actual} differs from {protocol.__name__}{expected}"
    )


@pytest.mark.parametrize(
    "implementation", sorted({i for impls in IMPLEMENTATIONS.values() for i in impls}, key=str)
)
def test_backends_are_not_abstract(implementation: type) -> None:
    assert not inspect.isabstract(implementation)
