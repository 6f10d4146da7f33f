"""Record builders for the structural contract tests.

Each builder fills every field with a plausible value; keyword arguments override any field.
Ids are zero (or None) where the storage assigns them.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from drift.records.structural import (
    ConstantRow,
    ConstraintRow,
    ContractMismatchRow,
    ContractRow,
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


def untyped(value: object) -> Any:
    """Pass a deliberately ill-typed argument past the type checker; the runtime must refuse it."""
    return value


def with_id(row: Any, new_id: int | None) -> Any:
    """``row`` as storage returns it, carrying the id it was given."""
    return replace(row, id=new_id)


def coupling_row(module: str, **fields: Any) -> CouplingMetricsRow:
    """A ``coupling_metrics`` row for ``module``."""
    values: dict[str, Any] = {
        "module": module,
        "ce": 3,
        "ca": 5,
        "instability": 0.375,
        "abstractness": 0.25,
        "distance": 0.375,
        "zone": "main_sequence",
    }
    return CouplingMetricsRow(**(values | fields))


def constraint_row(id: str, **fields: Any) -> ConstraintRow:
    """An enabled ``constraints`` row with id ``id``."""
    values: dict[str, Any] = {
        "id": id,
        "description": "handlers must not import the database layer",
        "invariant_type": "must_not_depend",
        "target": "src/handlers",
        "scope": "src/",
        "source": "drift.toml",
        "enabled": True,
    }
    return ConstraintRow(**(values | fields))


def contract_row(id: str, **fields: Any) -> ContractRow:
    """A REST ``contracts`` row with id ``id``."""
    values: dict[str, Any] = {
        "id": id,
        "paradigm": "rest",
        "source_file": "api/routes.py",
        "framework": "fastapi",
        "confidence": 0.9,
        "endpoints": '[{"method": "GET", "path": "/users"}]',
    }
    return ContractRow(**(values | fields))


def mismatch_row(mismatch_type: str, **fields: Any) -> ContractMismatchRow:
    """A ``contract_mismatches`` row of ``mismatch_type`` (id and time assigned by storage)."""
    values: dict[str, Any] = {
        "id": 0,
        "backend_endpoint": "GET /users",
        "frontend_call": "fetch('/user')",
        "mismatch_type": mismatch_type,
        "severity": "high",
        "message": "path differs",
        "created_at": 0,
    }
    return ContractMismatchRow(**(values | fields))


def secret_row(file: str, line: int, **fields: Any) -> SecretRow:
    """A ``secrets`` row at ``file:line``."""
    values: dict[str, Any] = {
        "id": None,
        "pattern_name": "aws_access_key",
        "redacted_value": "AKIA****WXYZ",
        "file": file,
        "line": line,
        "severity": "critical",
        "entropy": 4.5,
        "confidence": 0.95,
        "cwe_ids": "798",
    }
    return SecretRow(**(values | fields))


def wrapper_row(name: str, file: str, **fields: Any) -> WrapperRow:
    """A ``wrappers`` row for ``name`` in ``file``."""
    values: dict[str, Any] = {
        "id": None,
        "name": name,
        "file": file,
        "line": 10,
        "category": "http",
        "wrapped_primitives": "requests.get,requests.post",
        "framework": "requests",
        "confidence": 0.8,
        "is_multi_primitive": True,
        "is_exported": False,
        "usage_count": 7,
    }
    return WrapperRow(**(values | fields))


def crypto_row(file: str, line: int, **fields: Any) -> CryptoFindingRow:
    """A ``crypto_findings`` row at ``file:line``."""
    values: dict[str, Any] = {
        "id": None,
        "file": file,
        "line": line,
        "category": "weak_hash",
        "description": "MD5 used for passwords",
        "code": "hashlib.md5(password)",
        "confidence": 0.9,
        "cwe_id": 328,
        "owasp": "A02:2021",
        "remediation": "use argon2",
        "language": "python",
    }
    return CryptoFindingRow(**(values | fields))


def owasp_row(id: str, **fields: Any) -> OwaspFindingRow:
    """An ``owasp_findings`` row with id ``id``."""
    values: dict[str, Any] = {
        "id": id,
        "detector": "sql_injection",
        "file": "app/db.py",
        "line": 42,
        "description": "string-built SQL",
        "severity": 8.5,
        "cwes": "89",
        "owasp_categories": "A03:2021",
        "confidence": 0.85,
        "remediation": "use parameters",
    }
    return OwaspFindingRow(**(values | fields))


def gene_row(gene_id: str, **fields: Any) -> DnaGeneRow:
    """A ``dna_genes`` row for ``gene_id``."""
    values: dict[str, Any] = {
        "gene_id": gene_id,
        "name": "error handling",
        "description": "how errors are raised",
        "dominant_allele": "exceptions",
        "alleles": '["exceptions", "result"]',
        "confidence": 0.7,
        "consistency": 0.6,
        "exemplars": '["a.py:1"]',
    }
    return DnaGeneRow(**(values | fields))


def mutation_row(id: str, gene_id: str, **fields: Any) -> DnaMutationRow:
    """An unresolved ``dna_mutations`` row ``id`` of ``gene_id``."""
    values: dict[str, Any] = {
        "id": id,
        "file": "src/a.py",
        "line": 12,
        "gene_id": gene_id,
        "expected": "exceptions",
        "actual": "result",
        "impact": "medium",
        "code": "return Err(x)",
        "suggestion": "raise instead",
        "detected_at": 1_600_000_000,
        "resolved": False,
        "resolved_at": None,
    }
    return DnaMutationRow(**(values | fields))


def decision_row(dna_profile_hash: str, **fields: Any) -> DecompositionDecisionRow:
    """A ``decomposition_decisions`` row for ``dna_profile_hash``."""
    values: dict[str, Any] = {
        "id": None,
        "dna_profile_hash": dna_profile_hash,
        "adjustment": '{"merge": ["a", "b"]}',
        "confidence": 0.6,
        "dna_similarity": 0.8,
        "narrative": "similar services merged their clients",
        "source_dna_hash": "src-hash",
        "applied_weight": 0.5,
    }
    return DecompositionDecisionRow(**(values | fields))


def constant_row(name: str, file: str, line: int, **fields: Any) -> ConstantRow:
    """A used, named ``constants`` row at ``file:line``."""
    values: dict[str, Any] = {
        "id": 0,
        "name": name,
        "value": "42",
        "file": file,
        "line": line,
        "is_used": True,
        "language": "python",
        "is_named": True,
        "created_at": 0,
    }
    return ConstantRow(**(values | fields))


def env_row(name: str, file: str, line: int, **fields: Any) -> EnvVariableRow:
    """An ``env_variables`` row: ``name`` read at ``file:line``, defined, no default."""
    values: dict[str, Any] = {
        "id": None,
        "name": name,
        "file": file,
        "line": line,
        "access_method": "os.environ.get",
        "has_default": False,
        "defined_in_env": True,
        "framework_prefix": None,
        "created_at": None,
    }
    return EnvVariableRow(**(values | fields))


def access_row(
    function_id: int, table_name: str, operation: str, line: int, **fields: Any
) -> DataAccessRow:
    """A ``data_access`` row keyed by its four key columns."""
    values: dict[str, Any] = {
        "id": None,
        "function_id": function_id,
        "table_name": table_name,
        "operation": operation,
        "framework": "sqlalchemy",
        "line": line,
        "confidence": 0.8,
    }
    return DataAccessRow(**(values | fields))


def reach_row(source_node: str, direction: str, **fields: Any) -> ReachabilityCacheRow:
    """A ``reachability_cache`` row for ``(source_node, direction)``."""
    values: dict[str, Any] = {
        "source_node": source_node,
        "direction": direction,
        "reachable_set": '["b", "c"]',
        "sensitivity": "high",
    }
    return ReachabilityCacheRow(**(values | fields))


def taint_row(source_file: str, sink_file: str, **fields: Any) -> TaintFlowRow:
    """A ``taint_flows`` row from ``source_file`` to ``sink_file`` (CWE 89)."""
    values: dict[str, Any] = {
        "id": None,
        "source_file": source_file,
        "source_line": 3,
        "source_type": "http_param",
        "sink_file": sink_file,
        "sink_line": 30,
        "sink_type": "sql_query",
        "cwe_id": 89,
        "is_sanitized": False,
        "path": "a->b->c",
        "confidence": 0.75,
    }
    return TaintFlowRow(**(values | fields))


def gap_row(file: str, **fields: Any) -> ErrorGapRow:
    """An ``error_gaps`` row in ``file``."""
    values: dict[str, Any] = {
        "id": None,
        "file": file,
        "function_id": "f1",
        "gap_type": "swallowed",
        "error_type": "ValueError",
        "propagation_chain": "f1->f2",
        "framework": None,
        "cwe_id": 390,
        "severity": "warning",
    }
    return ErrorGapRow(**(values | fields))


def impact_row(function_id: str, **fields: Any) -> ImpactScoreRow:
    """An ``impact_scores`` row for ``function_id`` (live code)."""
    values: dict[str, Any] = {
        "function_id": function_id,
        "blast_radius": 12,
        "risk_score": 0.4,
        "is_dead_code": False,
        "dead_code_reason": None,
        "exclusion_category": None,
    }
    return ImpactScoreRow(**(values | fields))


def coverage_row(test_function_id: str, source_function_id: str, **fields: Any) -> TestCoverageRow:
    """A ``test_coverage`` row for the pair."""
    values: dict[str, Any] = {
        "test_function_id": test_function_id,
        "source_function_id": source_function_id,
        "coverage_type": "direct",
    }
    return TestCoverageRow(**(values | fields))


def quality_row(function_id: str, **fields: Any) -> TestQualityRow:
    """A ``test_quality`` row for ``function_id`` with every score known."""
    values: dict[str, Any] = {
        "function_id": function_id,
        "coverage_breadth": 0.5,
        "coverage_depth": 0.25,
        "assertion_density": 1.5,
        "mock_ratio": 0.125,
        "isolation": 1.0,
        "freshness": 0.75,
        "stability": 0.875,
        "overall_score": 0.625,
        "smells": '["assertion_roulette"]',
    }
    return TestQualityRow(**(values | fields))
