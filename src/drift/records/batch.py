"""Rows of the batch domain: the commands the batch writer applies, its counters, and a codec.

A ``BatchCommand`` is one unit of work for ``IDriftBatchWriter.send_batch``. Commands carry lists
of the same records the protocols read back; ids and ``created_at`` values in them are ignored
where the matching protocol method ignores them. ``encode_command``/``decode_command`` turn a
command into ``(name, JSON bytes)`` and back, so a command can travel as ``send_raw`` does.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeAlias

from msgspec.structs import replace

from drift.records.analysis import (
    BoundaryRow,
    CallEdgeRow,
    ConventionRow,
    DetectionRow,
    FunctionRow,
    OutlierRow,
    PatternConfidenceRow,
    ScanHistoryRow,
)
from drift.records.enforcement import (
    DegradationAlertRow,
    GateResultRow,
    HealthTrendRow,
    PatternStatusRow,
    ViolationRow,
)
from drift.records.files import FileMetadataRow, ParseCacheRow
from drift.records.record import Record
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
    TestCoverageRow,
    TestQualityRow,
    WrapperRow,
)
from drift.records.validation import check_str, check_str_list, records_checker


class WriteStats(Record, frozen=True):
    """Rows the batch writer has written, per table, plus deleted files and flushes."""

    file_metadata_rows: int = 0
    parse_cache_rows: int = 0
    function_rows: int = 0
    call_edge_rows: int = 0
    detection_rows: int = 0
    boundary_rows: int = 0
    pattern_confidence_rows: int = 0
    outlier_rows: int = 0
    convention_rows: int = 0
    scan_history_rows: int = 0
    data_access_rows: int = 0
    reachability_rows: int = 0
    taint_flow_rows: int = 0
    error_gap_rows: int = 0
    impact_score_rows: int = 0
    test_quality_rows: int = 0
    coupling_metric_rows: int = 0
    coupling_cycle_rows: int = 0
    violation_rows: int = 0
    gate_result_rows: int = 0
    degradation_alert_rows: int = 0
    wrapper_rows: int = 0
    crypto_finding_rows: int = 0
    dna_gene_rows: int = 0
    dna_mutation_rows: int = 0
    secret_rows: int = 0
    constant_rows: int = 0
    env_variable_rows: int = 0
    owasp_finding_rows: int = 0
    decomposition_decision_rows: int = 0
    contract_rows: int = 0
    contract_mismatch_rows: int = 0
    test_coverage_rows: int = 0
    pattern_status_rows: int = 0
    health_trend_rows: int = 0
    deleted_files: int = 0
    flushes: int = 0

    def plus(self, increments: Mapping[str, int]) -> WriteStats:
        """A copy with each named counter raised by its increment (unknown names: ValueError)."""
        unknown = set(increments) - set(_STAT_FIELDS)
        if unknown:
            raise ValueError(f"unknown WriteStats fields: {', '.join(sorted(unknown))}")
        changes = {name: getattr(self, name) + value for name, value in increments.items()}
        return replace(self, **changes)


_STAT_FIELDS: tuple[str, ...] = WriteStats.__struct_fields__


class BatchCommand(Record, frozen=True):
    """Base class of every batch command; ``stats_field`` names the counter it raises."""

    stats_field: ClassVar[str] = ""


# --- files and analysis -------------------------------------------------------------------------


class UpsertFileMetadata(BatchCommand, frozen=True):
    """Insert file metadata rows, or replace every column of the row with the same path."""

    rows: list[FileMetadataRow]
    stats_field: ClassVar[str] = "file_metadata_rows"


class DeleteFileMetadata(BatchCommand, frozen=True):
    """Forget files: their metadata, functions, call edges, detections and boundaries."""

    paths: list[str]
    stats_field: ClassVar[str] = "deleted_files"


class InsertParseCache(BatchCommand, frozen=True):
    """Store parse results, replacing any with the same content hash."""

    rows: list[ParseCacheRow]
    stats_field: ClassVar[str] = "parse_cache_rows"


class InsertFunctions(BatchCommand, frozen=True):
    """Upsert functions on ``(file, name, line)``; an existing function keeps its id."""

    rows: list[FunctionRow]
    stats_field: ClassVar[str] = "function_rows"


class InsertCallEdges(BatchCommand, frozen=True):
    """Upsert call edges on ``(caller_id, callee_id, call_site_line)``."""

    rows: list[CallEdgeRow]
    stats_field: ClassVar[str] = "call_edge_rows"


class InsertDetections(BatchCommand, frozen=True):
    """Append detections (input id and created_at ignored)."""

    rows: list[DetectionRow]
    stats_field: ClassVar[str] = "detection_rows"


class ReplaceFileDetections(BatchCommand, frozen=True):
    """Delete every detection of ``file``, then insert ``rows``: re-analysis never duplicates.

    Every row must belong to ``file`` (ValueError otherwise).
    """

    file: str
    rows: list[DetectionRow]
    stats_field: ClassVar[str] = "detection_rows"


class InsertBoundaries(BatchCommand, frozen=True):
    """Append boundaries (input id and created_at ignored)."""

    rows: list[BoundaryRow]
    stats_field: ClassVar[str] = "boundary_rows"


class InsertPatternConfidence(BatchCommand, frozen=True):
    """Upsert pattern confidence rows on ``pattern_id``, every column included."""

    rows: list[PatternConfidenceRow]
    stats_field: ClassVar[str] = "pattern_confidence_rows"


class InsertOutliers(BatchCommand, frozen=True):
    """Append outliers (input id and created_at ignored)."""

    rows: list[OutlierRow]
    stats_field: ClassVar[str] = "outlier_rows"


class InsertConventions(BatchCommand, frozen=True):
    """Append conventions (input id ignored)."""

    rows: list[ConventionRow]
    stats_field: ClassVar[str] = "convention_rows"


class InsertScanHistory(BatchCommand, frozen=True):
    """Append scan history rows as given (input id ignored)."""

    rows: list[ScanHistoryRow]
    stats_field: ClassVar[str] = "scan_history_rows"


# --- structural and enforcement -----------------------------------------------------------------


class InsertDataAccess(BatchCommand, frozen=True):
    """Insert data accesses; a duplicate of an existing key is skipped (and not counted)."""

    rows: list[DataAccessRow]
    stats_field: ClassVar[str] = "data_access_rows"


class InsertReachabilityCache(BatchCommand, frozen=True):
    """Upsert reachable sets on ``(source_node, direction)``, computed now."""

    rows: list[ReachabilityCacheRow]
    stats_field: ClassVar[str] = "reachability_rows"


class InsertTaintFlows(BatchCommand, frozen=True):
    """Append taint flows (input id ignored)."""

    rows: list[TaintFlowRow]
    stats_field: ClassVar[str] = "taint_flow_rows"


class InsertErrorGaps(BatchCommand, frozen=True):
    """Append error-handling gaps (input id ignored)."""

    rows: list[ErrorGapRow]
    stats_field: ClassVar[str] = "error_gap_rows"


class InsertImpactScores(BatchCommand, frozen=True):
    """Upsert impact scores on ``function_id``."""

    rows: list[ImpactScoreRow]
    stats_field: ClassVar[str] = "impact_score_rows"


class InsertTestQuality(BatchCommand, frozen=True):
    """Upsert test quality on ``function_id``."""

    rows: list[TestQualityRow]
    stats_field: ClassVar[str] = "test_quality_rows"


class InsertCouplingMetrics(BatchCommand, frozen=True):
    """Upsert coupling metrics on ``module``."""

    rows: list[CouplingMetricsRow]
    stats_field: ClassVar[str] = "coupling_metric_rows"


class InsertCouplingCycles(BatchCommand, frozen=True):
    """Append coupling cycles (only ``members`` and ``break_suggestions`` are read)."""

    rows: list[CouplingCycleRow]
    stats_field: ClassVar[str] = "coupling_cycle_rows"


class InsertViolations(BatchCommand, frozen=True):
    """Upsert violations on their text ``id``."""

    rows: list[ViolationRow]
    stats_field: ClassVar[str] = "violation_rows"


class InsertGateResults(BatchCommand, frozen=True):
    """Append gate results, run now (input ``run_at`` ignored)."""

    rows: list[GateResultRow]
    stats_field: ClassVar[str] = "gate_result_rows"


class InsertDegradationAlerts(BatchCommand, frozen=True):
    """Append degradation alerts, created now (input id ignored)."""

    rows: list[DegradationAlertRow]
    stats_field: ClassVar[str] = "degradation_alert_rows"


class UpsertPatternStatuses(BatchCommand, frozen=True):
    """Upsert pattern statuses as ``upsert_pattern_status`` does, one by one (an ``auto`` row
    only re-times a human-approved one)."""

    rows: list[PatternStatusRow]
    stats_field: ClassVar[str] = "pattern_status_rows"


class InsertHealthTrends(BatchCommand, frozen=True):
    """Append health-metric samples, recorded now (input ``recorded_at`` ignored)."""

    rows: list[HealthTrendRow]
    stats_field: ClassVar[str] = "health_trend_rows"


class InsertWrappers(BatchCommand, frozen=True):
    """Append wrappers (input id ignored)."""

    rows: list[WrapperRow]
    stats_field: ClassVar[str] = "wrapper_rows"


class InsertCryptoFindings(BatchCommand, frozen=True):
    """Append crypto findings (input id ignored)."""

    rows: list[CryptoFindingRow]
    stats_field: ClassVar[str] = "crypto_finding_rows"


class InsertDnaGenes(BatchCommand, frozen=True):
    """Upsert DNA genes on ``gene_id``."""

    rows: list[DnaGeneRow]
    stats_field: ClassVar[str] = "dna_gene_rows"


class InsertDnaMutations(BatchCommand, frozen=True):
    """Upsert DNA mutations on their text ``id``, every column as given."""

    rows: list[DnaMutationRow]
    stats_field: ClassVar[str] = "dna_mutation_rows"


class InsertSecrets(BatchCommand, frozen=True):
    """Append secrets (input id ignored)."""

    rows: list[SecretRow]
    stats_field: ClassVar[str] = "secret_rows"


class InsertConstants(BatchCommand, frozen=True):
    """Append constants, created now (input id ignored)."""

    rows: list[ConstantRow]
    stats_field: ClassVar[str] = "constant_rows"


class InsertEnvVariables(BatchCommand, frozen=True):
    """Append environment-variable reads, created now (input id ignored)."""

    rows: list[EnvVariableRow]
    stats_field: ClassVar[str] = "env_variable_rows"


class InsertOwaspFindings(BatchCommand, frozen=True):
    """Upsert OWASP findings on their text ``id``."""

    rows: list[OwaspFindingRow]
    stats_field: ClassVar[str] = "owasp_finding_rows"


class InsertDecompositionDecisions(BatchCommand, frozen=True):
    """Append decomposition decisions (input id ignored)."""

    rows: list[DecompositionDecisionRow]
    stats_field: ClassVar[str] = "decomposition_decision_rows"


class InsertContracts(BatchCommand, frozen=True):
    """Upsert API contracts on their text ``id``."""

    rows: list[ContractRow]
    stats_field: ClassVar[str] = "contract_rows"


class InsertContractMismatches(BatchCommand, frozen=True):
    """Append contract mismatches, created now (input id ignored)."""

    rows: list[ContractMismatchRow]
    stats_field: ClassVar[str] = "contract_mismatch_rows"


# --- replacements: what the pipeline recomputes, it replaces (never appends) ------------------
# Per-file commands hold rows of one file only (ValueError otherwise); whole-table commands
# delete every row of their table before inserting theirs.


class ReplaceFileFunctions(BatchCommand, frozen=True):
    """Make ``rows`` the functions of ``file``.

    Functions of the file with no row of the same ``(name, line)`` are deleted together with
    every call edge that touches them; the rows are upserted, so a function that stays keeps its
    id (and the edges other files have into it).
    """

    file: str
    rows: list[FunctionRow]
    stats_field: ClassVar[str] = "function_rows"


class ReplaceFileCallEdges(BatchCommand, frozen=True):
    """Delete the call edges whose caller is a function of ``file``, then upsert ``rows``."""

    file: str
    rows: list[CallEdgeRow]
    stats_field: ClassVar[str] = "call_edge_rows"


class ReplaceCallEdges(BatchCommand, frozen=True):
    """Delete every call edge, then upsert ``rows``: the whole call graph, recomputed."""

    rows: list[CallEdgeRow]
    stats_field: ClassVar[str] = "call_edge_rows"


class ReplaceDerivedDetections(BatchCommand, frozen=True):
    """Delete every detection whose ``detection_method`` is ``method``, then insert ``rows``.

    For detections derived from the whole project (convention deviations), which any file's
    change can alter. Every row must have that method (ValueError otherwise).
    """

    method: str
    rows: list[DetectionRow]
    stats_field: ClassVar[str] = "detection_rows"


class ReplaceFileBoundaries(BatchCommand, frozen=True):
    """Delete the boundaries of ``file``, then insert ``rows`` (input id, created_at ignored)."""

    file: str
    rows: list[BoundaryRow]
    stats_field: ClassVar[str] = "boundary_rows"


class ReplaceFileErrorGaps(BatchCommand, frozen=True):
    """Delete the error-handling gaps of ``file``, then insert ``rows`` (input id ignored)."""

    file: str
    rows: list[ErrorGapRow]
    stats_field: ClassVar[str] = "error_gap_rows"


class ReplaceFileSecrets(BatchCommand, frozen=True):
    """Delete the secrets found in ``file``, then insert ``rows`` (input id ignored)."""

    file: str
    rows: list[SecretRow]
    stats_field: ClassVar[str] = "secret_rows"


class ReplaceFileConstants(BatchCommand, frozen=True):
    """Delete the constants of ``file``, then insert ``rows``, created now."""

    file: str
    rows: list[ConstantRow]
    stats_field: ClassVar[str] = "constant_rows"


class ReplaceFileEnvVariables(BatchCommand, frozen=True):
    """Delete the environment-variable reads of ``file``, then insert ``rows``, created now."""

    file: str
    rows: list[EnvVariableRow]
    stats_field: ClassVar[str] = "env_variable_rows"


class ReplacePatternConfidence(BatchCommand, frozen=True):
    """Delete every pattern confidence row, then insert ``rows`` (the patterns seen now)."""

    rows: list[PatternConfidenceRow]
    stats_field: ClassVar[str] = "pattern_confidence_rows"


class ReplaceOutliers(BatchCommand, frozen=True):
    """Delete every outlier, then insert ``rows`` (input id and created_at ignored)."""

    rows: list[OutlierRow]
    stats_field: ClassVar[str] = "outlier_rows"


class ReplaceConventions(BatchCommand, frozen=True):
    """Delete every convention, then insert ``rows`` (input id ignored)."""

    rows: list[ConventionRow]
    stats_field: ClassVar[str] = "convention_rows"


class ReplaceCouplingMetrics(BatchCommand, frozen=True):
    """Delete every module's coupling metrics, then insert ``rows``."""

    rows: list[CouplingMetricsRow]
    stats_field: ClassVar[str] = "coupling_metric_rows"


class ReplaceCouplingCycles(BatchCommand, frozen=True):
    """Delete every coupling cycle, then insert ``rows`` (members and suggestions are read)."""

    rows: list[CouplingCycleRow]
    stats_field: ClassVar[str] = "coupling_cycle_rows"


class ReplaceTestCoverage(BatchCommand, frozen=True):
    """Delete every test-to-function mapping, then upsert ``rows`` on (test, source)."""

    rows: list[TestCoverageRow]
    stats_field: ClassVar[str] = "test_coverage_rows"


class ReplaceTestQuality(BatchCommand, frozen=True):
    """Delete every test-quality row, then upsert ``rows`` on ``function_id``."""

    rows: list[TestQualityRow]
    stats_field: ClassVar[str] = "test_quality_rows"


class ReplaceViolations(BatchCommand, frozen=True):
    """Delete every violation, then upsert ``rows`` on their id: the violations of one run."""

    rows: list[ViolationRow]
    stats_field: ClassVar[str] = "violation_rows"


COMMAND_TYPES: tuple[type[BatchCommand], ...] = (
    UpsertFileMetadata,
    DeleteFileMetadata,
    InsertParseCache,
    InsertFunctions,
    InsertCallEdges,
    InsertDetections,
    ReplaceFileDetections,
    InsertBoundaries,
    InsertPatternConfidence,
    InsertOutliers,
    InsertConventions,
    InsertScanHistory,
    InsertDataAccess,
    InsertReachabilityCache,
    InsertTaintFlows,
    InsertErrorGaps,
    InsertImpactScores,
    InsertTestQuality,
    InsertCouplingMetrics,
    InsertCouplingCycles,
    InsertViolations,
    InsertGateResults,
    InsertDegradationAlerts,
    UpsertPatternStatuses,
    InsertHealthTrends,
    InsertWrappers,
    InsertCryptoFindings,
    InsertDnaGenes,
    InsertDnaMutations,
    InsertSecrets,
    InsertConstants,
    InsertEnvVariables,
    InsertOwaspFindings,
    InsertDecompositionDecisions,
    InsertContracts,
    InsertContractMismatches,
    ReplaceFileFunctions,
    ReplaceFileCallEdges,
    ReplaceCallEdges,
    ReplaceDerivedDetections,
    ReplaceFileBoundaries,
    ReplaceFileErrorGaps,
    ReplaceFileSecrets,
    ReplaceFileConstants,
    ReplaceFileEnvVariables,
    ReplacePatternConfidence,
    ReplaceOutliers,
    ReplaceConventions,
    ReplaceCouplingMetrics,
    ReplaceCouplingCycles,
    ReplaceTestCoverage,
    ReplaceTestQuality,
    ReplaceViolations,
)
"""Every command class, in the order the pipeline usually sends them."""

_COMMANDS_BY_NAME: dict[str, type[BatchCommand]] = {cls.__name__: cls for cls in COMMAND_TYPES}
_COMMAND_SET: frozenset[type[BatchCommand]] = frozenset(COMMAND_TYPES)


# Commands whose rows must all belong to the command's ``file``.
_PER_FILE_COMMANDS = (
    ReplaceFileDetections,
    ReplaceFileFunctions,
    ReplaceFileBoundaries,
    ReplaceFileErrorGaps,
    ReplaceFileSecrets,
    ReplaceFileConstants,
    ReplaceFileEnvVariables,
)


# --- validation -----------------------------------------------------------------------------------


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type[Record]) -> dict[str, Any]:
    """Resolved field annotations of a record, in field order (cached per class)."""
    hints = _HINTS.get(cls)
    if hints is None:
        resolved = typing.get_type_hints(cls)
        hints = {name: resolved[name] for name in cls.__struct_fields__}
        _HINTS[cls] = hints
    return hints


_FieldCheck: TypeAlias = Callable[[object], object]
_PLANS: dict[type, tuple[tuple[str, _FieldCheck], ...]] = {}


def _field_check(label: str, hint: Any) -> _FieldCheck:
    if hint is str:
        return lambda value: check_str(label, value)
    if typing.get_args(hint) == (str,):
        return lambda value: check_str_list(label, value)
    (row_type,) = typing.get_args(hint)
    return records_checker(row_type, label)


def _plan(cls: type[Record]) -> tuple[tuple[str, _FieldCheck], ...]:
    """Each field of a command class with its check, worked out once per class: the parent of
    a scan sends thousands of commands, and reading annotations per command showed up."""
    plan = _PLANS.get(cls)
    if plan is None:
        name = cls.__name__
        plan = tuple(
            (field_name, _field_check(f"{name}.{field_name}", hint))
            for field_name, hint in _hints(cls).items()
        )
        _PLANS[cls] = plan
    return plan


def check_command(command: object) -> BatchCommand:
    """Raise TypeError/ValueError unless ``command`` is a well-formed ``BatchCommand``."""
    if not isinstance(command, BatchCommand) or type(command) not in _COMMAND_SET:
        raise TypeError(f"command must be a BatchCommand, not {type(command).__name__}")
    name = type(command).__name__
    for field_name, check in _plan(type(command)):
        check(getattr(command, field_name))
    if isinstance(command, _PER_FILE_COMMANDS):
        strays = sorted({row.file for row in command.rows if row.file != command.file})
        if strays:
            raise ValueError(f"{name} for {command.file!r} holds rows of other files: {strays}")
    if isinstance(command, ReplaceDerivedDetections):
        others = sorted(
            {r.detection_method for r in command.rows if r.detection_method != command.method}
        )
        if others:
            raise ValueError(
                f"ReplaceDerivedDetections for method {command.method!r} holds rows of "
                f"other methods: {others}"
            )
    return command


# --- codec ----------------------------------------------------------------------------------------


def _encode_value(value: object) -> object:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, list):
        return [_encode_value(item) for item in value]
    if isinstance(value, Record):
        return {name: _encode_value(getattr(value, name)) for name in value.__struct_fields__}
    return value


def encode_command(command: BatchCommand) -> tuple[str, bytes]:
    """``(command name, JSON payload)``; bytes fields travel as lowercase hex."""
    check_command(command)
    body = _encode_value(command)
    return type(command).__name__, json.dumps(body, separators=(",", ":")).encode("utf-8")


def _decode_value(hint: Any, value: object, where: str) -> object:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _decode_value(inner, value, where)
    if hint is bytes:
        if not isinstance(value, str):
            raise ValueError(f"{where}: expected a hex string, got {type(value).__name__}")
        try:
            return bytes.fromhex(value)
        except ValueError as exc:
            raise ValueError(f"{where}: not a hex string: {value!r:.40}") from exc
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if origin is list:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
        (item_hint,) = typing.get_args(hint)
        return [_decode_value(item_hint, item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(hint, type) and issubclass(hint, Record):
        return _decode_object(hint, value, where)
    return value


def _decode_object(cls: type[Record], value: object, where: str) -> Any:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected an object, got {type(value).__name__}")
    hints = _hints(cls)
    if set(value) != set(hints):
        missing = sorted(set(hints) - set(value))
        extra = sorted(set(value) - set(hints))
        raise ValueError(
            f"{where}: fields do not match {cls.__name__} (missing {missing}, unexpected {extra})"
        )
    return cls(
        **{
            name: _decode_value(hint, value[name], f"{where}.{name}")
            for name, hint in hints.items()
        }
    )


def decode_command(name: str, payload: bytes) -> BatchCommand:
    """Rebuild the command ``encode_command`` encoded; ValueError for an unknown or bad one."""
    check_str("command_name", name)
    if not isinstance(payload, (bytes, bytearray, memoryview)):
        raise TypeError(f"payload must be bytes, not {type(payload).__name__}")
    cls = _COMMANDS_BY_NAME.get(name)
    if cls is None:
        raise ValueError(f"unknown batch command {name!r}")
    try:
        body = json.loads(bytes(payload).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"payload of {name} is not JSON: {exc}") from exc
    command = _decode_object(cls, body, name)
    try:
        return check_command(command)
    except TypeError as exc:
        raise ValueError(f"payload of {name} has a value of the wrong type: {exc}") from exc
