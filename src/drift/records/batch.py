"""Rows of the batch domain: the commands the batch writer applies, its counters, and a codec.

A ``BatchCommand`` is one unit of work for ``IDriftBatchWriter.send_batch``. Commands carry lists
of the same records the protocols read back; ids and ``created_at`` values in them are ignored
where the matching protocol method ignores them. ``encode_command``/``decode_command`` turn a
command into ``(name, JSON bytes)`` and back, so a command can travel as ``send_raw`` does.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

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


@dataclass(frozen=True, slots=True)
class WriteStats:
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
        return dataclasses.replace(self, **changes)


_STAT_FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(WriteStats))


@dataclass(frozen=True, slots=True)
class BatchCommand:
    """Base class of every batch command; ``stats_field`` names the counter it raises."""

    stats_field: ClassVar[str] = ""


# --- files and analysis -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpsertFileMetadata(BatchCommand):
    """Insert file metadata rows, or replace every column of the row with the same path."""

    rows: list[FileMetadataRow]
    stats_field: ClassVar[str] = "file_metadata_rows"


@dataclass(frozen=True, slots=True)
class DeleteFileMetadata(BatchCommand):
    """Forget files: their metadata, functions, call edges, detections and boundaries."""

    paths: list[str]
    stats_field: ClassVar[str] = "deleted_files"


@dataclass(frozen=True, slots=True)
class InsertParseCache(BatchCommand):
    """Store parse results, replacing any with the same content hash."""

    rows: list[ParseCacheRow]
    stats_field: ClassVar[str] = "parse_cache_rows"


@dataclass(frozen=True, slots=True)
class InsertFunctions(BatchCommand):
    """Upsert functions on ``(file, name, line)``; an existing function keeps its id."""

    rows: list[FunctionRow]
    stats_field: ClassVar[str] = "function_rows"


@dataclass(frozen=True, slots=True)
class InsertCallEdges(BatchCommand):
    """Upsert call edges on ``(caller_id, callee_id, call_site_line)``."""

    rows: list[CallEdgeRow]
    stats_field: ClassVar[str] = "call_edge_rows"


@dataclass(frozen=True, slots=True)
class InsertDetections(BatchCommand):
    """Append detections (input id and created_at ignored)."""

    rows: list[DetectionRow]
    stats_field: ClassVar[str] = "detection_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileDetections(BatchCommand):
    """Delete every detection of ``file``, then insert ``rows``: re-analysis never duplicates.

    Every row must belong to ``file`` (ValueError otherwise).
    """

    file: str
    rows: list[DetectionRow]
    stats_field: ClassVar[str] = "detection_rows"


@dataclass(frozen=True, slots=True)
class InsertBoundaries(BatchCommand):
    """Append boundaries (input id and created_at ignored)."""

    rows: list[BoundaryRow]
    stats_field: ClassVar[str] = "boundary_rows"


@dataclass(frozen=True, slots=True)
class InsertPatternConfidence(BatchCommand):
    """Upsert pattern confidence rows on ``pattern_id``, every column included."""

    rows: list[PatternConfidenceRow]
    stats_field: ClassVar[str] = "pattern_confidence_rows"


@dataclass(frozen=True, slots=True)
class InsertOutliers(BatchCommand):
    """Append outliers (input id and created_at ignored)."""

    rows: list[OutlierRow]
    stats_field: ClassVar[str] = "outlier_rows"


@dataclass(frozen=True, slots=True)
class InsertConventions(BatchCommand):
    """Append conventions (input id ignored)."""

    rows: list[ConventionRow]
    stats_field: ClassVar[str] = "convention_rows"


@dataclass(frozen=True, slots=True)
class InsertScanHistory(BatchCommand):
    """Append scan history rows as given (input id ignored)."""

    rows: list[ScanHistoryRow]
    stats_field: ClassVar[str] = "scan_history_rows"


# --- structural and enforcement -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InsertDataAccess(BatchCommand):
    """Insert data accesses; a duplicate of an existing key is skipped (and not counted)."""

    rows: list[DataAccessRow]
    stats_field: ClassVar[str] = "data_access_rows"


@dataclass(frozen=True, slots=True)
class InsertReachabilityCache(BatchCommand):
    """Upsert reachable sets on ``(source_node, direction)``, computed now."""

    rows: list[ReachabilityCacheRow]
    stats_field: ClassVar[str] = "reachability_rows"


@dataclass(frozen=True, slots=True)
class InsertTaintFlows(BatchCommand):
    """Append taint flows (input id ignored)."""

    rows: list[TaintFlowRow]
    stats_field: ClassVar[str] = "taint_flow_rows"


@dataclass(frozen=True, slots=True)
class InsertErrorGaps(BatchCommand):
    """Append error-handling gaps (input id ignored)."""

    rows: list[ErrorGapRow]
    stats_field: ClassVar[str] = "error_gap_rows"


@dataclass(frozen=True, slots=True)
class InsertImpactScores(BatchCommand):
    """Upsert impact scores on ``function_id``."""

    rows: list[ImpactScoreRow]
    stats_field: ClassVar[str] = "impact_score_rows"


@dataclass(frozen=True, slots=True)
class InsertTestQuality(BatchCommand):
    """Upsert test quality on ``function_id``."""

    rows: list[TestQualityRow]
    stats_field: ClassVar[str] = "test_quality_rows"


@dataclass(frozen=True, slots=True)
class InsertCouplingMetrics(BatchCommand):
    """Upsert coupling metrics on ``module``."""

    rows: list[CouplingMetricsRow]
    stats_field: ClassVar[str] = "coupling_metric_rows"


@dataclass(frozen=True, slots=True)
class InsertCouplingCycles(BatchCommand):
    """Append coupling cycles (only ``members`` and ``break_suggestions`` are read)."""

    rows: list[CouplingCycleRow]
    stats_field: ClassVar[str] = "coupling_cycle_rows"


@dataclass(frozen=True, slots=True)
class InsertViolations(BatchCommand):
    """Upsert violations on their text ``id``."""

    rows: list[ViolationRow]
    stats_field: ClassVar[str] = "violation_rows"


@dataclass(frozen=True, slots=True)
class InsertGateResults(BatchCommand):
    """Append gate results, run now (input ``run_at`` ignored)."""

    rows: list[GateResultRow]
    stats_field: ClassVar[str] = "gate_result_rows"


@dataclass(frozen=True, slots=True)
class InsertDegradationAlerts(BatchCommand):
    """Append degradation alerts, created now (input id ignored)."""

    rows: list[DegradationAlertRow]
    stats_field: ClassVar[str] = "degradation_alert_rows"


@dataclass(frozen=True, slots=True)
class UpsertPatternStatuses(BatchCommand):
    """Upsert pattern statuses as ``upsert_pattern_status`` does, one by one (an ``auto`` row
    only re-times a human-approved one)."""

    rows: list[PatternStatusRow]
    stats_field: ClassVar[str] = "pattern_status_rows"


@dataclass(frozen=True, slots=True)
class InsertHealthTrends(BatchCommand):
    """Append health-metric samples, recorded now (input ``recorded_at`` ignored)."""

    rows: list[HealthTrendRow]
    stats_field: ClassVar[str] = "health_trend_rows"


@dataclass(frozen=True, slots=True)
class InsertWrappers(BatchCommand):
    """Append wrappers (input id ignored)."""

    rows: list[WrapperRow]
    stats_field: ClassVar[str] = "wrapper_rows"


@dataclass(frozen=True, slots=True)
class InsertCryptoFindings(BatchCommand):
    """Append crypto findings (input id ignored)."""

    rows: list[CryptoFindingRow]
    stats_field: ClassVar[str] = "crypto_finding_rows"


@dataclass(frozen=True, slots=True)
class InsertDnaGenes(BatchCommand):
    """Upsert DNA genes on ``gene_id``."""

    rows: list[DnaGeneRow]
    stats_field: ClassVar[str] = "dna_gene_rows"


@dataclass(frozen=True, slots=True)
class InsertDnaMutations(BatchCommand):
    """Upsert DNA mutations on their text ``id``, every column as given."""

    rows: list[DnaMutationRow]
    stats_field: ClassVar[str] = "dna_mutation_rows"


@dataclass(frozen=True, slots=True)
class InsertSecrets(BatchCommand):
    """Append secrets (input id ignored)."""

    rows: list[SecretRow]
    stats_field: ClassVar[str] = "secret_rows"


@dataclass(frozen=True, slots=True)
class InsertConstants(BatchCommand):
    """Append constants, created now (input id ignored)."""

    rows: list[ConstantRow]
    stats_field: ClassVar[str] = "constant_rows"


@dataclass(frozen=True, slots=True)
class InsertEnvVariables(BatchCommand):
    """Append environment-variable reads, created now (input id ignored)."""

    rows: list[EnvVariableRow]
    stats_field: ClassVar[str] = "env_variable_rows"


@dataclass(frozen=True, slots=True)
class InsertOwaspFindings(BatchCommand):
    """Upsert OWASP findings on their text ``id``."""

    rows: list[OwaspFindingRow]
    stats_field: ClassVar[str] = "owasp_finding_rows"


@dataclass(frozen=True, slots=True)
class InsertDecompositionDecisions(BatchCommand):
    """Append decomposition decisions (input id ignored)."""

    rows: list[DecompositionDecisionRow]
    stats_field: ClassVar[str] = "decomposition_decision_rows"


@dataclass(frozen=True, slots=True)
class InsertContracts(BatchCommand):
    """Upsert API contracts on their text ``id``."""

    rows: list[ContractRow]
    stats_field: ClassVar[str] = "contract_rows"


@dataclass(frozen=True, slots=True)
class InsertContractMismatches(BatchCommand):
    """Append contract mismatches, created now (input id ignored)."""

    rows: list[ContractMismatchRow]
    stats_field: ClassVar[str] = "contract_mismatch_rows"


# --- replacements: what the pipeline recomputes, it replaces (never appends) ------------------
# Per-file commands hold rows of one file only (ValueError otherwise); whole-table commands
# delete every row of their table before inserting theirs.


@dataclass(frozen=True, slots=True)
class ReplaceFileFunctions(BatchCommand):
    """Make ``rows`` the functions of ``file``.

    Functions of the file with no row of the same ``(name, line)`` are deleted together with
    every call edge that touches them; the rows are upserted, so a function that stays keeps its
    id (and the edges other files have into it).
    """

    file: str
    rows: list[FunctionRow]
    stats_field: ClassVar[str] = "function_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileCallEdges(BatchCommand):
    """Delete the call edges whose caller is a function of ``file``, then upsert ``rows``."""

    file: str
    rows: list[CallEdgeRow]
    stats_field: ClassVar[str] = "call_edge_rows"


@dataclass(frozen=True, slots=True)
class ReplaceCallEdges(BatchCommand):
    """Delete every call edge, then upsert ``rows``: the whole call graph, recomputed."""

    rows: list[CallEdgeRow]
    stats_field: ClassVar[str] = "call_edge_rows"


@dataclass(frozen=True, slots=True)
class ReplaceDerivedDetections(BatchCommand):
    """Delete every detection whose ``detection_method`` is ``method``, then insert ``rows``.

    For detections derived from the whole project (convention deviations), which any file's
    change can alter. Every row must have that method (ValueError otherwise).
    """

    method: str
    rows: list[DetectionRow]
    stats_field: ClassVar[str] = "detection_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileBoundaries(BatchCommand):
    """Delete the boundaries of ``file``, then insert ``rows`` (input id, created_at ignored)."""

    file: str
    rows: list[BoundaryRow]
    stats_field: ClassVar[str] = "boundary_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileErrorGaps(BatchCommand):
    """Delete the error-handling gaps of ``file``, then insert ``rows`` (input id ignored)."""

    file: str
    rows: list[ErrorGapRow]
    stats_field: ClassVar[str] = "error_gap_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileSecrets(BatchCommand):
    """Delete the secrets found in ``file``, then insert ``rows`` (input id ignored)."""

    file: str
    rows: list[SecretRow]
    stats_field: ClassVar[str] = "secret_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileConstants(BatchCommand):
    """Delete the constants of ``file``, then insert ``rows``, created now."""

    file: str
    rows: list[ConstantRow]
    stats_field: ClassVar[str] = "constant_rows"


@dataclass(frozen=True, slots=True)
class ReplaceFileEnvVariables(BatchCommand):
    """Delete the environment-variable reads of ``file``, then insert ``rows``, created now."""

    file: str
    rows: list[EnvVariableRow]
    stats_field: ClassVar[str] = "env_variable_rows"


@dataclass(frozen=True, slots=True)
class ReplacePatternConfidence(BatchCommand):
    """Delete every pattern confidence row, then insert ``rows`` (the patterns seen now)."""

    rows: list[PatternConfidenceRow]
    stats_field: ClassVar[str] = "pattern_confidence_rows"


@dataclass(frozen=True, slots=True)
class ReplaceOutliers(BatchCommand):
    """Delete every outlier, then insert ``rows`` (input id and created_at ignored)."""

    rows: list[OutlierRow]
    stats_field: ClassVar[str] = "outlier_rows"


@dataclass(frozen=True, slots=True)
class ReplaceConventions(BatchCommand):
    """Delete every convention, then insert ``rows`` (input id ignored)."""

    rows: list[ConventionRow]
    stats_field: ClassVar[str] = "convention_rows"


@dataclass(frozen=True, slots=True)
class ReplaceCouplingMetrics(BatchCommand):
    """Delete every module's coupling metrics, then insert ``rows``."""

    rows: list[CouplingMetricsRow]
    stats_field: ClassVar[str] = "coupling_metric_rows"


@dataclass(frozen=True, slots=True)
class ReplaceCouplingCycles(BatchCommand):
    """Delete every coupling cycle, then insert ``rows`` (members and suggestions are read)."""

    rows: list[CouplingCycleRow]
    stats_field: ClassVar[str] = "coupling_cycle_rows"


@dataclass(frozen=True, slots=True)
class ReplaceTestCoverage(BatchCommand):
    """Delete every test-to-function mapping, then upsert ``rows`` on (test, source)."""

    rows: list[TestCoverageRow]
    stats_field: ClassVar[str] = "test_coverage_rows"


@dataclass(frozen=True, slots=True)
class ReplaceTestQuality(BatchCommand):
    """Delete every test-quality row, then upsert ``rows`` on ``function_id``."""

    rows: list[TestQualityRow]
    stats_field: ClassVar[str] = "test_quality_rows"


@dataclass(frozen=True, slots=True)
class ReplaceViolations(BatchCommand):
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


def _hints(cls: type) -> dict[str, Any]:
    """Resolved field annotations of a dataclass, in field order (cached per class)."""
    hints = _HINTS.get(cls)
    if hints is None:
        resolved = typing.get_type_hints(cls)
        hints = {field.name: resolved[field.name] for field in dataclasses.fields(cls)}
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


def _plan(cls: type) -> tuple[tuple[str, _FieldCheck], ...]:
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
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _encode_value(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
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
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _decode_object(hint, value, where)
    return value


def _decode_object(cls: type, value: object, where: str) -> Any:
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
