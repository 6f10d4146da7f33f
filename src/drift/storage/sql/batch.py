"""Applying batch commands with the shared SQL: what the batch writer runs in its transaction.

``apply_command`` runs one ``BatchCommand`` on the caller's ``SqlWriter`` (inside the caller's
transaction) by calling the same ``do_*`` functions the protocol methods use, and returns the
``WriteStats`` counters to raise. Commands must already be validated
(``drift.records.batch.check_command``), which ``send_batch`` does when a command is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from drift.records.batch import (
    BatchCommand,
    DeleteFileMetadata,
    InsertBoundaries,
    InsertCallEdges,
    InsertConstants,
    InsertContractMismatches,
    InsertContracts,
    InsertConventions,
    InsertCouplingCycles,
    InsertCouplingMetrics,
    InsertCryptoFindings,
    InsertDataAccess,
    InsertDecompositionDecisions,
    InsertDegradationAlerts,
    InsertDetections,
    InsertDnaGenes,
    InsertDnaMutations,
    InsertEnvVariables,
    InsertErrorGaps,
    InsertFunctions,
    InsertGateResults,
    InsertHealthTrends,
    InsertImpactScores,
    InsertOutliers,
    InsertOwaspFindings,
    InsertParseCache,
    InsertPatternConfidence,
    InsertReachabilityCache,
    InsertScanHistory,
    InsertSecrets,
    InsertTaintFlows,
    InsertTestQuality,
    InsertViolations,
    InsertWrappers,
    ReplaceCallEdges,
    ReplaceConventions,
    ReplaceCouplingCycles,
    ReplaceCouplingMetrics,
    ReplaceDerivedDetections,
    ReplaceFileBoundaries,
    ReplaceFileCallEdges,
    ReplaceFileConstants,
    ReplaceFileDetections,
    ReplaceFileEnvVariables,
    ReplaceFileErrorGaps,
    ReplaceFileFunctions,
    ReplaceFileSecrets,
    ReplaceOutliers,
    ReplacePatternConfidence,
    ReplaceTestCoverage,
    ReplaceTestQuality,
    ReplaceViolations,
    UpsertFileMetadata,
    UpsertPatternStatuses,
)
from drift.storage.sql.analysis import do_insert_scan_history
from drift.storage.sql.callgraph import (
    CALL_EDGE_COLUMNS,
    UPSERT_CALL_EDGE,
    call_edge_params,
    do_delete_edges_by_file,
    do_delete_functions_by_file,
    do_insert_call_edges,
    do_upsert_functions,
)
from drift.storage.sql.detections import (
    do_delete_boundaries_by_file,
    do_delete_detections_by_file,
    do_insert_boundaries,
    do_insert_detections,
)
from drift.storage.sql.enforcement import (
    do_insert_degradation_alert,
    do_insert_gate_result,
    do_insert_health_trend,
    do_insert_violation,
    do_upsert_pattern_status,
)
from drift.storage.sql.executor import Params, SqlWriter
from drift.storage.sql.files import (
    do_delete_file_metadata,
    do_insert_parse_cache,
    do_upsert_file_metadata,
)
from drift.storage.sql.patterns import do_insert_convention, do_insert_outlier, do_upsert_confidence
from drift.storage.sql.structural_constants import (
    do_delete_constants_by_file,
    do_delete_env_variables_by_file,
    do_insert_constants_batch,
    do_insert_env_variables_batch,
)
from drift.storage.sql.structural_coupling import (
    do_insert_contract_mismatch,
    do_insert_coupling_cycle,
    do_upsert_contract,
    do_upsert_coupling_metrics,
)
from drift.storage.sql.structural_dna import (
    do_insert_decomposition_decision,
    do_upsert_dna_gene,
    do_upsert_dna_mutation,
)
from drift.storage.sql.structural_graph import (
    UPSERT_TEST_COVERAGE,
    do_insert_data_access_batch,
    do_insert_error_gap,
    do_insert_taint_flow,
    do_upsert_impact_score,
    do_upsert_reachability,
    do_upsert_test_quality_batch,
    test_coverage_params,
)
from drift.storage.sql.structural_security import (
    do_insert_crypto_finding,
    do_insert_secret,
    do_insert_wrapper,
    do_upsert_owasp_finding,
)

# (writer, command, now) -> rows written; the command's ``stats_field`` names the counter.
_Handler = Callable[[SqlWriter, Any, int], int]

# Statements only the replacement commands need; the rest are the domain modules' own.
SELECT_FUNCTION_KEYS_BY_FILE = "SELECT id, name, line FROM functions WHERE file = ? ORDER BY id"
DELETE_EDGES_OF_FUNCTION = "DELETE FROM call_edges WHERE caller_id = ? OR callee_id = ?"
DELETE_FUNCTION = "DELETE FROM functions WHERE id = ?"
DELETE_EDGES_BY_CALLER_FILE = (
    "DELETE FROM call_edges WHERE caller_id IN (SELECT id FROM functions WHERE file = ?)"
)
DELETE_DETECTIONS_BY_METHOD = "DELETE FROM detections WHERE detection_method = ?"
DELETE_ERROR_GAPS_BY_FILE = "DELETE FROM error_gaps WHERE file = ?"
DELETE_SECRETS_BY_FILE = "DELETE FROM secrets WHERE file = ?"
# Whole-table replacements; the table names are constants, never user input.
DELETE_ALL: dict[type[BatchCommand], str] = {
    ReplacePatternConfidence: "DELETE FROM pattern_confidence",
    ReplaceOutliers: "DELETE FROM outliers",
    ReplaceConventions: "DELETE FROM conventions",
    ReplaceCouplingMetrics: "DELETE FROM coupling_metrics",
    ReplaceCouplingCycles: "DELETE FROM coupling_cycles",
    ReplaceTestQuality: "DELETE FROM test_quality",
    ReplaceViolations: "DELETE FROM violations",
}


class _Difference(NamedTuple):
    """A table that ``_write_difference`` replaces: ``select`` reads every row with the
    columns in ``upsert``'s parameter order, ``key`` picks a row's key from them, and
    ``delete`` deletes by that key."""

    select: str
    key: Callable[[Sequence[object]], tuple[object, ...]]
    delete: str
    upsert: str


_CALL_EDGES = _Difference(
    f"SELECT {CALL_EDGE_COLUMNS} FROM call_edges",
    itemgetter(0, 1, 4),  # caller_id, callee_id, call_site_line
    "DELETE FROM call_edges WHERE caller_id = ? AND callee_id = ? AND call_site_line = ?",
    UPSERT_CALL_EDGE,
)
_TEST_COVERAGE = _Difference(
    "SELECT test_function_id, source_function_id, coverage_type FROM test_coverage",
    itemgetter(0, 1),
    "DELETE FROM test_coverage WHERE test_function_id = ? AND source_function_id = ?",
    UPSERT_TEST_COVERAGE,
)


def delete_file_rows(w: SqlWriter, path: str) -> int:
    """Remove a file and the rows derived from it; returns 1 if its metadata existed.

    Call edges go first: they are found through the file's functions.
    """
    do_delete_edges_by_file(w, path)
    do_delete_functions_by_file(w, path)
    do_delete_detections_by_file(w, path)
    do_delete_boundaries_by_file(w, path)
    return do_delete_file_metadata(w, path)


def _delete_files(w: SqlWriter, command: DeleteFileMetadata, now: int) -> int:
    return sum(delete_file_rows(w, path) for path in command.paths)


def _parse_cache(w: SqlWriter, command: InsertParseCache, now: int) -> int:
    return sum(
        do_insert_parse_cache(w, r.content_hash, r.language, r.parse_result_json, r.created_at)
        for r in command.rows
    )


def _replace_detections(w: SqlWriter, command: ReplaceFileDetections, now: int) -> int:
    do_delete_detections_by_file(w, command.file)
    return do_insert_detections(w, command.rows, now)


def _replace_functions(w: SqlWriter, command: ReplaceFileFunctions, now: int) -> int:
    keep = {(row.name, row.line) for row in command.rows}
    for fid, name, line in w.read_all(SELECT_FUNCTION_KEYS_BY_FILE, (command.file,)):
        if (name, line) not in keep:
            w.write(DELETE_EDGES_OF_FUNCTION, (fid, fid))
            w.write(DELETE_FUNCTION, (fid,))
    return do_upsert_functions(w, command.rows)


def _replace_caller_edges(w: SqlWriter, command: ReplaceFileCallEdges, now: int) -> int:
    w.write(DELETE_EDGES_BY_CALLER_FILE, (command.file,))
    return do_insert_call_edges(w, command.rows)


def _write_difference(
    w: SqlWriter,
    table: _Difference,
    rows: list[tuple[object, ...]],
) -> None:
    """Make ``table`` hold exactly ``rows`` (upsert parameters), writing only the difference:
    delete the stored rows whose key is gone, upsert the rows that are new or changed. Rows
    that share a key behave as upserts do: the last one wins.

    A rescan recomputes project-wide tables (100,000 call edges and 50,000 test links on the
    standard library), and nearly every row is one already stored: deleting them all and
    inserting them again made the batch writer the slowest part of a rescan after an edit.
    Reading the stored rows costs a fraction of that.
    """
    wanted = {table.key(row): row for row in rows}
    stale: list[Params] = []
    for stored in w.read_all(table.select):
        key = table.key(stored)
        new = wanted.get(key)
        if new is None:
            stale.append(key)
        elif new == tuple(stored):
            del wanted[key]  # stored as it is
    if stale:
        w.write_many(table.delete, stale)
    if wanted:
        w.write_many(table.upsert, list(wanted.values()))


def _replace_call_edges(w: SqlWriter, command: ReplaceCallEdges, now: int) -> int:
    _write_difference(w, _CALL_EDGES, call_edge_params(command.rows))
    return len(command.rows)


def _replace_test_coverage(w: SqlWriter, command: ReplaceTestCoverage, now: int) -> int:
    _write_difference(w, _TEST_COVERAGE, test_coverage_params(command.rows))
    return len(command.rows)


def _replace_derived(w: SqlWriter, command: ReplaceDerivedDetections, now: int) -> int:
    w.write(DELETE_DETECTIONS_BY_METHOD, (command.method,))
    return do_insert_detections(w, command.rows, now)


def _replace_in_file(delete: Callable[[SqlWriter, str], object], insert: _Handler) -> _Handler:
    """A handler that deletes a file's rows of one table, then inserts the command's."""

    def handler(w: SqlWriter, command: Any, now: int) -> int:
        delete(w, command.file)
        return insert(w, command, now)

    return handler


def _replace_all(insert: _Handler) -> _Handler:
    """A handler that empties the command's table, then inserts the command's rows."""

    def handler(w: SqlWriter, command: Any, now: int) -> int:
        w.write(DELETE_ALL[type(command)])
        return insert(w, command, now)

    return handler


def _each(write_one: Callable[[SqlWriter, Any, int], object]) -> _Handler:
    """A handler that writes a command's rows one by one, one row each."""

    def handler(w: SqlWriter, command: Any, now: int) -> int:
        for row in command.rows:
            write_one(w, row, now)
        return len(command.rows)

    return handler


_HANDLERS: dict[type[BatchCommand], _Handler] = {
    UpsertFileMetadata: lambda w, c, now: do_upsert_file_metadata(w, c.rows),
    DeleteFileMetadata: _delete_files,
    InsertParseCache: _parse_cache,
    InsertFunctions: lambda w, c, now: do_upsert_functions(w, c.rows),
    InsertCallEdges: lambda w, c, now: do_insert_call_edges(w, c.rows),
    InsertDetections: lambda w, c, now: do_insert_detections(w, c.rows, now),
    ReplaceFileDetections: _replace_detections,
    InsertBoundaries: lambda w, c, now: do_insert_boundaries(w, c.rows, now),
    InsertPatternConfidence: lambda w, c, now: sum(do_upsert_confidence(w, r) for r in c.rows),
    InsertOutliers: lambda w, c, now: sum(do_insert_outlier(w, r, now) for r in c.rows),
    InsertConventions: lambda w, c, now: sum(do_insert_convention(w, r) for r in c.rows),
    InsertScanHistory: lambda w, c, now: do_insert_scan_history(w, c.rows),
    # structural
    InsertDataAccess: lambda w, c, now: do_insert_data_access_batch(w, c.rows),
    InsertReachabilityCache: _each(do_upsert_reachability),
    InsertTaintFlows: _each(do_insert_taint_flow),
    InsertErrorGaps: _each(do_insert_error_gap),
    InsertImpactScores: _each(do_upsert_impact_score),
    InsertTestQuality: lambda w, c, now: do_upsert_test_quality_batch(w, c.rows, now),
    InsertCouplingMetrics: _each(do_upsert_coupling_metrics),
    InsertCouplingCycles: _each(
        lambda w, row, now: do_insert_coupling_cycle(w, row.members, row.break_suggestions, now)
    ),
    InsertWrappers: _each(do_insert_wrapper),
    InsertCryptoFindings: _each(do_insert_crypto_finding),
    InsertDnaGenes: _each(do_upsert_dna_gene),
    InsertDnaMutations: _each(lambda w, row, now: do_upsert_dna_mutation(w, row)),
    InsertSecrets: _each(do_insert_secret),
    InsertConstants: lambda w, c, now: do_insert_constants_batch(w, c.rows, now),
    InsertEnvVariables: lambda w, c, now: do_insert_env_variables_batch(w, c.rows, now),
    InsertOwaspFindings: _each(do_upsert_owasp_finding),
    InsertDecompositionDecisions: _each(do_insert_decomposition_decision),
    InsertContracts: _each(do_upsert_contract),
    InsertContractMismatches: _each(do_insert_contract_mismatch),
    # enforcement
    InsertViolations: _each(do_insert_violation),
    InsertGateResults: _each(do_insert_gate_result),
    UpsertPatternStatuses: _each(lambda w, row, now: do_upsert_pattern_status(w, row)),
    InsertHealthTrends: _each(
        lambda w, row, now: do_insert_health_trend(w, row.metric_name, row.metric_value, now)
    ),
    InsertDegradationAlerts: _each(do_insert_degradation_alert),
    # replacements
    ReplaceFileFunctions: _replace_functions,
    ReplaceFileCallEdges: _replace_caller_edges,
    ReplaceCallEdges: _replace_call_edges,
    ReplaceDerivedDetections: _replace_derived,
    ReplaceFileBoundaries: _replace_in_file(
        do_delete_boundaries_by_file, lambda w, c, now: do_insert_boundaries(w, c.rows, now)
    ),
    ReplaceFileErrorGaps: _replace_in_file(
        lambda w, file: w.write(DELETE_ERROR_GAPS_BY_FILE, (file,)), _each(do_insert_error_gap)
    ),
    ReplaceFileSecrets: _replace_in_file(
        lambda w, file: w.write(DELETE_SECRETS_BY_FILE, (file,)), _each(do_insert_secret)
    ),
    ReplaceFileConstants: _replace_in_file(
        do_delete_constants_by_file, lambda w, c, now: do_insert_constants_batch(w, c.rows, now)
    ),
    ReplaceFileEnvVariables: _replace_in_file(
        do_delete_env_variables_by_file,
        lambda w, c, now: do_insert_env_variables_batch(w, c.rows, now),
    ),
    ReplacePatternConfidence: _replace_all(
        lambda w, c, now: sum(do_upsert_confidence(w, r) for r in c.rows)
    ),
    ReplaceOutliers: _replace_all(
        lambda w, c, now: sum(do_insert_outlier(w, r, now) for r in c.rows)
    ),
    ReplaceConventions: _replace_all(
        lambda w, c, now: sum(do_insert_convention(w, r) for r in c.rows)
    ),
    ReplaceCouplingMetrics: _replace_all(_each(do_upsert_coupling_metrics)),
    ReplaceCouplingCycles: _replace_all(
        _each(
            lambda w, row, now: do_insert_coupling_cycle(w, row.members, row.break_suggestions, now)
        )
    ),
    ReplaceTestCoverage: _replace_test_coverage,
    ReplaceTestQuality: _replace_all(
        lambda w, c, now: do_upsert_test_quality_batch(w, c.rows, now)
    ),
    ReplaceViolations: _replace_all(_each(do_insert_violation)),
}


def apply_command(w: SqlWriter, command: BatchCommand, now: int) -> dict[str, int]:
    """Apply ``command`` in the caller's transaction; returns ``{WriteStats field: increment}``.

    ``now`` (the engine clock's time) stamps rows whose time the storage supplies: detections,
    boundaries, outliers, findings, gate runs and the like.
    """
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise TypeError(f"not a batch command: {type(command).__name__}")
    return {command.stats_field: handler(w, command, now)}
