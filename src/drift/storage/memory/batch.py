"""The `batch` domain in plain Python: the `MemoryDriftBatch` mixin.

There is no queue: each command is applied at once under the engine's lock, which is what a
flushed batch looks like to readers. The counters behave as the SQLite writer's do: rows written
per table, files deleted, and one flush per flush request that had something to commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from drift.errors import EngineClosed
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
    WriteStats,
    check_command,
    decode_command,
)

if TYPE_CHECKING:
    from drift.storage.memory.analysis import MemoryDriftAnalysis
    from drift.storage.memory.enforcement import MemoryDriftEnforcement
    from drift.storage.memory.files import MemoryDriftFiles
    from drift.storage.memory.structural import MemoryDriftStructural

    class _Domains(
        MemoryDriftFiles, MemoryDriftAnalysis, MemoryDriftStructural, MemoryDriftEnforcement
    ):
        """What the engine mixes in next to this class: the tables the commands write."""

else:
    from drift.storage.memory.core import MemoryCore as _Domains

# (engine, command) -> rows written; the command's ``stats_field`` names the counter.
_Handler = Callable[["MemoryDriftBatch", Any], int]


def _delete_files(engine: MemoryDriftBatch, command: DeleteFileMetadata) -> int:
    deleted = 0
    for path in command.paths:
        # Call edges first: they are found through the file's functions.
        engine._delete_edges_by_file(path)
        engine._delete_functions_by_file(path)
        engine._delete_detections_by_file(path)
        engine._delete_boundaries_by_file(path)
        deleted += engine._delete_file_metadata(path)
    return deleted


def _replace_detections(engine: MemoryDriftBatch, command: ReplaceFileDetections) -> int:
    engine._delete_detections_by_file(command.file)
    return engine._insert_detections(command.rows)


def _replace_functions(engine: MemoryDriftBatch, command: ReplaceFileFunctions) -> int:
    keep = {(row.name, row.line) for row in command.rows}
    doomed = {
        fid
        for fid, row in engine._t_functions.items()
        if row.file == command.file and (row.name, row.line) not in keep
    }
    for key in [k for k in engine._t_call_edges if k[0] in doomed or k[1] in doomed]:
        del engine._t_call_edges[key]
    for fid in doomed:
        row = engine._t_functions.pop(fid)
        engine._ix_functions.pop((row.file, row.name, row.line), None)
    return engine._upsert_functions(command.rows)


def _replace_caller_edges(engine: MemoryDriftBatch, command: ReplaceFileCallEdges) -> int:
    callers = {fid for fid, row in engine._t_functions.items() if row.file == command.file}
    for key in [k for k in engine._t_call_edges if k[0] in callers]:
        del engine._t_call_edges[key]
    return engine._insert_call_edges(command.rows)


def _replace_derived(engine: MemoryDriftBatch, command: ReplaceDerivedDetections) -> int:
    doomed = [
        k for k, row in engine._t_detections.items() if row.detection_method == command.method
    ]
    for key in doomed:
        del engine._t_detections[key]
    return engine._insert_detections(command.rows)


def _drop_file_rows(table: dict[int, Any], file: str) -> None:
    for key in [k for k, row in table.items() if row.file == file]:
        del table[key]


def _replace_error_gaps(engine: MemoryDriftBatch, command: ReplaceFileErrorGaps) -> int:
    _drop_file_rows(engine._t_error_gaps, command.file)
    return _each(lambda e, row: e.insert_error_gap(row))(engine, command)


def _replace_secrets(engine: MemoryDriftBatch, command: ReplaceFileSecrets) -> int:
    _drop_file_rows(engine._t_secrets, command.file)
    return _each(lambda e, row: e.insert_secret(row))(engine, command)


def _replace_boundaries(engine: MemoryDriftBatch, command: ReplaceFileBoundaries) -> int:
    engine._delete_boundaries_by_file(command.file)
    return engine._insert_boundaries(command.rows)


def _replace_constants(engine: MemoryDriftBatch, command: ReplaceFileConstants) -> int:
    engine.delete_constants_by_file(command.file)
    return _constants(engine, InsertConstants(command.rows))


def _replace_env_variables(engine: MemoryDriftBatch, command: ReplaceFileEnvVariables) -> int:
    engine.delete_env_variables_by_file(command.file)
    return _env_variables(engine, InsertEnvVariables(command.rows))


def _tables(engine: MemoryDriftBatch) -> dict[type[BatchCommand], dict[Any, Any]]:
    """The table each whole-table replacement empties."""
    return {
        ReplaceCallEdges: engine._t_call_edges,
        ReplacePatternConfidence: engine._t_pattern_confidence,
        ReplaceOutliers: engine._t_outliers,
        ReplaceConventions: engine._t_conventions,
        ReplaceCouplingMetrics: engine._t_coupling_metrics,
        ReplaceCouplingCycles: engine._t_coupling_cycles,
        ReplaceTestCoverage: engine._t_test_coverage,
        ReplaceTestQuality: engine._t_test_quality,
        ReplaceViolations: engine._t_violations,
    }


def _replace_all(insert: _Handler) -> _Handler:
    """A handler that empties the command's table, then inserts the command's rows."""

    def handler(engine: MemoryDriftBatch, command: Any) -> int:
        _tables(engine)[type(command)].clear()
        return insert(engine, command)

    return handler


def _each(write_one: Callable[[MemoryDriftBatch, Any], object]) -> _Handler:
    """A handler that writes a command's rows one by one through a protocol method."""

    def handler(engine: MemoryDriftBatch, command: Any) -> int:
        for row in command.rows:
            write_one(engine, row)
        return len(command.rows)

    return handler


def _data_access(engine: MemoryDriftBatch, command: InsertDataAccess) -> int:
    # Duplicates of an existing key are skipped, so count what the table gained.
    before = engine.count_data_access()
    engine.insert_data_access_batch(command.rows)
    return engine.count_data_access() - before


def _constants(engine: MemoryDriftBatch, command: InsertConstants) -> int:
    engine.insert_constants_batch(command.rows)
    return len(command.rows)


def _env_variables(engine: MemoryDriftBatch, command: InsertEnvVariables) -> int:
    engine.insert_env_variables_batch(command.rows)
    return len(command.rows)


_HANDLERS: dict[type[BatchCommand], _Handler] = {
    UpsertFileMetadata: lambda e, c: e._upsert_file_metadata(c.rows),
    DeleteFileMetadata: _delete_files,
    InsertParseCache: lambda e, c: sum(
        e._insert_parse_cache(r.content_hash, r.language, r.parse_result_json, r.created_at)
        for r in c.rows
    ),
    InsertFunctions: lambda e, c: e._upsert_functions(c.rows),
    InsertCallEdges: lambda e, c: e._insert_call_edges(c.rows),
    InsertDetections: lambda e, c: e._insert_detections(c.rows),
    ReplaceFileDetections: _replace_detections,
    InsertBoundaries: lambda e, c: e._insert_boundaries(c.rows),
    InsertPatternConfidence: lambda e, c: sum(e._upsert_confidence(r) for r in c.rows),
    InsertOutliers: lambda e, c: sum(e._insert_outlier(r) for r in c.rows),
    InsertConventions: lambda e, c: sum(e._insert_convention(r) for r in c.rows),
    InsertScanHistory: lambda e, c: e._insert_scan_history(c.rows),
    # structural: the public protocol methods, which take the (re-entrant) lock themselves
    InsertDataAccess: _data_access,
    InsertReachabilityCache: _each(lambda e, row: e.upsert_reachability(row)),
    InsertTaintFlows: _each(lambda e, row: e.insert_taint_flow(row)),
    InsertErrorGaps: _each(lambda e, row: e.insert_error_gap(row)),
    InsertImpactScores: _each(lambda e, row: e.upsert_impact_score(row)),
    InsertTestQuality: _each(lambda e, row: e.upsert_test_quality(row)),
    InsertCouplingMetrics: _each(lambda e, row: e.upsert_coupling_metrics(row)),
    InsertCouplingCycles: _each(
        lambda e, row: e.insert_coupling_cycle(row.members, row.break_suggestions)
    ),
    InsertWrappers: _each(lambda e, row: e.insert_wrapper(row)),
    InsertCryptoFindings: _each(lambda e, row: e.insert_crypto_finding(row)),
    InsertDnaGenes: _each(lambda e, row: e.upsert_dna_gene(row)),
    InsertDnaMutations: _each(lambda e, row: e.upsert_dna_mutation(row)),
    InsertSecrets: _each(lambda e, row: e.insert_secret(row)),
    InsertConstants: _constants,
    InsertEnvVariables: _env_variables,
    InsertOwaspFindings: _each(lambda e, row: e.upsert_owasp_finding(row)),
    InsertDecompositionDecisions: _each(lambda e, row: e.insert_decomposition_decision(row)),
    InsertContracts: _each(lambda e, row: e.upsert_contract(row)),
    InsertContractMismatches: _each(lambda e, row: e.insert_contract_mismatch(row)),
    # enforcement
    InsertViolations: _each(lambda e, row: e.insert_violation(row)),
    InsertGateResults: _each(lambda e, row: e.insert_gate_result(row)),
    UpsertPatternStatuses: _each(lambda e, row: e.upsert_pattern_status(row)),
    InsertHealthTrends: _each(
        lambda e, row: e.insert_health_trend(row.metric_name, row.metric_value)
    ),
    InsertDegradationAlerts: _each(lambda e, row: e.insert_degradation_alert(row)),
    # replacements
    ReplaceFileFunctions: _replace_functions,
    ReplaceFileCallEdges: _replace_caller_edges,
    ReplaceCallEdges: _replace_all(lambda e, c: e._insert_call_edges(c.rows)),
    ReplaceDerivedDetections: _replace_derived,
    ReplaceFileBoundaries: _replace_boundaries,
    ReplaceFileErrorGaps: _replace_error_gaps,
    ReplaceFileSecrets: _replace_secrets,
    ReplaceFileConstants: _replace_constants,
    ReplaceFileEnvVariables: _replace_env_variables,
    ReplacePatternConfidence: _replace_all(
        lambda e, c: sum(e._upsert_confidence(r) for r in c.rows)
    ),
    ReplaceOutliers: _replace_all(lambda e, c: sum(e._insert_outlier(r) for r in c.rows)),
    ReplaceConventions: _replace_all(lambda e, c: sum(e._insert_convention(r) for r in c.rows)),
    ReplaceCouplingMetrics: _replace_all(_each(lambda e, row: e.upsert_coupling_metrics(row))),
    ReplaceCouplingCycles: _replace_all(
        _each(lambda e, row: e.insert_coupling_cycle(row.members, row.break_suggestions))
    ),
    ReplaceTestCoverage: _replace_all(_each(lambda e, row: e.insert_test_coverage(row))),
    ReplaceTestQuality: _replace_all(_each(lambda e, row: e.upsert_test_quality(row))),
    ReplaceViolations: _replace_all(_each(lambda e, row: e._insert_violation(row))),
}


class MemoryDriftBatch(_Domains):
    """``IDriftBatchWriter``: commands applied immediately, with real counters.

    A command that fails raises from ``send_batch`` itself, since it runs there.
    """

    _batch_stats: WriteStats
    _batch_pending: bool
    _batch_stopped: bool

    def _init_batch(self) -> None:
        self._batch_stats = WriteStats()
        self._batch_pending = False
        self._batch_stopped = False

    def _check_batch_open(self) -> None:
        if self._batch_stopped:
            raise EngineClosed("the batch writer is shut down")

    def _count_flush(self) -> WriteStats:
        # One flush per request that had something to commit, as the SQLite writer counts.
        if self._batch_pending:
            self._batch_stats = self._batch_stats.plus({"flushes": 1})
            self._batch_pending = False
        return self._batch_stats

    def send_raw(self, command_name: str, payload: bytes) -> None:
        self.send_batch(decode_command(command_name, payload))

    def send_batch(self, command: BatchCommand) -> None:
        check_command(command)
        with self._lock:
            self._check_batch_open()
            written = _HANDLERS[type(command)](self, command)
            self._batch_stats = self._batch_stats.plus({command.stats_field: written})
            self._batch_pending = True

    def flush(self) -> None:
        with self._lock:
            self._check_batch_open()
            self._count_flush()

    def flush_sync(self) -> WriteStats:
        with self._lock:
            self._check_batch_open()
            return self._count_flush()

    def stats(self) -> WriteStats:
        # A frozen record swapped whole: readable without the lock, even after close().
        return self._batch_stats

    def shutdown(self) -> WriteStats:
        with self._lock:
            if not self._batch_stopped:
                self._batch_stopped = True
                self._count_flush()
            return self._batch_stats
