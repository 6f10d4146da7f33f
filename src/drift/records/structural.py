"""Rows of the structural domain: coupling, constraints, contracts, security findings, DNA,
constants and environment variables, data access, and the graph-derived tables.

Field names and order follow ``reference/storage.md`` §4.3. Text fields documented as JSON hold
the JSON text as given; storage never parses them.
"""

from __future__ import annotations

from drift.records.analysis import BoundaryRow
from drift.records.record import Record

# --- coupling, constraints, contracts ------------------------------------------------------------


class CouplingMetricsRow(Record, frozen=True):
    """Martin's coupling metrics of one module (efferent ``ce``, afferent ``ca``, …)."""

    module: str
    ce: int
    ca: int
    instability: float
    abstractness: float
    distance: float
    zone: str


class CouplingCycleRow(Record, frozen=True):
    """A dependency cycle: its member modules and suggested break points, both JSON text."""

    id: int
    members: str
    break_suggestions: str
    created_at: int


class ConstraintRow(Record, frozen=True):
    """An architectural invariant that verification checks the code against."""

    id: str
    description: str
    invariant_type: str
    target: str
    scope: str | None
    source: str
    enabled: bool


class ConstraintVerificationRow(Record, frozen=True):
    """One check of a constraint: whether it held, and the violations found (text)."""

    id: int
    constraint_id: str
    passed: bool
    violations: str
    verified_at: int


class ContractRow(Record, frozen=True):
    """An API contract found in a source file; ``endpoints`` is JSON text."""

    id: str
    paradigm: str
    source_file: str
    framework: str
    confidence: float
    endpoints: str


class ContractMismatchRow(Record, frozen=True):
    """A disagreement between a backend endpoint and a frontend call of it."""

    id: int
    backend_endpoint: str
    frontend_call: str
    mismatch_type: str
    severity: str
    message: str
    created_at: int


# --- security findings and wrappers --------------------------------------------------------------


class SecretRow(Record, frozen=True):
    """A hard-coded secret; only its redacted value is stored. ``cwe_ids`` is a text list."""

    id: int | None
    pattern_name: str
    redacted_value: str
    file: str
    line: int
    severity: str
    entropy: float
    confidence: float
    cwe_ids: str


class WrapperRow(Record, frozen=True):
    """A function that wraps framework primitives (``wrapped_primitives`` is a text list)."""

    id: int | None
    name: str
    file: str
    line: int
    category: str
    wrapped_primitives: str
    framework: str
    confidence: float
    is_multi_primitive: bool
    is_exported: bool
    usage_count: int


class CryptoFindingRow(Record, frozen=True):
    """A weak or misused cryptographic construct at a location."""

    id: int | None
    file: str
    line: int
    category: str
    description: str
    code: str
    confidence: float
    cwe_id: int
    owasp: str
    remediation: str
    language: str


class OwaspFindingRow(Record, frozen=True):
    """A finding mapped to OWASP categories; ``severity`` is a number, not a label."""

    id: str
    detector: str
    file: str
    line: int
    description: str
    severity: float
    cwes: str
    owasp_categories: str
    confidence: float
    remediation: str | None


# --- DNA and decomposition -----------------------------------------------------------------------


class DnaGeneRow(Record, frozen=True):
    """One trait of the codebase's "DNA": its alleles and exemplars are JSON text."""

    gene_id: str
    name: str
    description: str
    dominant_allele: str | None
    alleles: str
    confidence: float
    consistency: float
    exemplars: str


class DnaMutationRow(Record, frozen=True):
    """A place where the code departs from a gene's dominant allele."""

    id: str
    file: str
    line: int
    gene_id: str
    expected: str
    actual: str
    impact: str
    code: str
    suggestion: str
    detected_at: int
    resolved: bool
    resolved_at: int | None


class DecompositionDecisionRow(Record, frozen=True):
    """A module-decomposition adjustment learned from a codebase with a similar DNA profile."""

    id: int | None
    dna_profile_hash: str
    adjustment: str
    confidence: float
    dna_similarity: float
    narrative: str
    source_dna_hash: str
    applied_weight: float


# --- constants and environment variables ---------------------------------------------------------


class ConstantRow(Record, frozen=True):
    """A named constant or a magic number (``is_named`` false) found in a file."""

    id: int
    name: str
    value: str
    file: str
    line: int
    is_used: bool
    language: str
    is_named: bool
    created_at: int


class EnvVariableRow(Record, frozen=True):
    """A read of an environment variable, and whether a default or a definition exists."""

    id: int | None
    name: str
    file: str
    line: int
    access_method: str
    has_default: bool
    defined_in_env: bool
    framework_prefix: str | None
    created_at: int | None


# --- data access and graph-derived tables --------------------------------------------------------


class DataAccessRow(Record, frozen=True):
    """A function's access to a database table; ``id`` is always None on read (no id column)."""

    id: int | None
    function_id: int
    table_name: str
    operation: str
    framework: str | None
    line: int
    confidence: float


class ReachabilityCacheRow(Record, frozen=True):
    """The cached set of nodes reachable from ``source_node`` in one direction (JSON text)."""

    source_node: str
    direction: str
    reachable_set: str
    sensitivity: str


class TaintFlowRow(Record, frozen=True):
    """A flow of untrusted data from a source to a sink; ``path`` is the hops as text."""

    id: int | None
    source_file: str
    source_line: int
    source_type: str
    sink_file: str
    sink_line: int
    sink_type: str
    cwe_id: int | None
    is_sanitized: bool
    path: str
    confidence: float


class ErrorGapRow(Record, frozen=True):
    """A place where an error is swallowed, unhandled or badly propagated.

    ``line`` (the handler's, 1-based) goes beyond the reference's columns, which place a gap by
    its function only: a violation then points at the handler, and two gaps of one function
    are two violations. None for rows written without it (enforcement then uses the function's
    line).
    """

    id: int | None
    file: str
    function_id: str
    gap_type: str
    error_type: str | None
    propagation_chain: str | None
    framework: str | None
    cwe_id: int | None
    severity: str
    line: int | None = None


class ImpactScoreRow(Record, frozen=True):
    """How far a change to a function reaches, and whether the function is dead code."""

    function_id: str
    blast_radius: int
    risk_score: float
    is_dead_code: bool
    dead_code_reason: str | None
    exclusion_category: str | None


class TestCoverageRow(Record, frozen=True):
    """A test function that covers a source function."""

    __test__ = False  # a record, not a pytest test class

    test_function_id: str
    source_function_id: str
    coverage_type: str


class TestQualityRow(Record, frozen=True):
    """The quality scores of a function's tests; each partial score may be unknown."""

    __test__ = False  # a record, not a pytest test class

    function_id: str
    coverage_breadth: float | None
    coverage_depth: float | None
    assertion_density: float | None
    mock_ratio: float | None
    isolation: float | None
    freshness: float | None
    stability: float | None
    overall_score: float
    smells: str | None


# --- one file's rows, as a worker sends them ---------------------------------------------------


class FileStructure(Record, frozen=True):
    """Everything the per-file structural analyses found in one file (``file_structure``)."""

    path: str
    error_gaps: tuple[ErrorGapRow, ...]
    constants: tuple[ConstantRow, ...]
    env_variables: tuple[EnvVariableRow, ...]
    secrets: tuple[SecretRow, ...]
    boundaries: tuple[BoundaryRow, ...]
    abstract_types: tuple[str, ...]
    assertion_lines: tuple[int, ...]
