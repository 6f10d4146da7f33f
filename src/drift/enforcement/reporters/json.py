"""The JSON report: everything the text report shows, as one machine-readable document.

Version 2: a skipped gate (``"status": "skipped"``: it had nothing to judge) has ``"passed":
null`` and ``"score": null``; version 1 gave it ``false`` and ``0.0``, which a CI consumer read
as a failure. An errored gate keeps ``false`` and ``0.0``: it counts as failed.
"""

from __future__ import annotations

import json
from typing import Any

from drift import __version__
from drift.enforcement.gates import GateOutcome
from drift.enforcement.result import EnforcementResult
from drift.enforcement.violations import Violation

JSON_REPORT_VERSION = 2


def violation_json(violation: Violation) -> dict[str, Any]:
    """One violation as a JSON object."""
    row = violation.row
    quick_fix = (
        {"strategy": row.quick_fix_strategy, "description": row.quick_fix_description}
        if row.quick_fix_strategy or row.quick_fix_description
        else None
    )
    return {
        "id": row.id,
        "rule_id": row.rule_id,
        "pattern_id": row.pattern_id,
        "severity": row.severity,
        "file": row.file,
        "line": row.line,
        "column": row.column,
        "message": row.message,
        "source": violation.source.value,
        "cwe_id": row.cwe_id,
        "owasp_category": row.owasp_category,
        "quick_fix": quick_fix,
        "is_new": row.is_new,
        "suppressed": row.suppressed,
    }


def gate_json(gate: GateOutcome) -> dict[str, Any]:
    """One gate as a JSON object; a skipped gate neither passed nor failed and has no score."""
    return {
        "id": gate.gate_id,
        "status": gate.status.value,
        "passed": None if gate.skipped else gate.passed,
        "score": None if gate.skipped else round(gate.score, 4),
        "errors": gate.violation_count,
        "warnings": gate.warning_count,
        "summary": gate.summary,
        "details": dict(gate.details),
        "error": gate.error,
    }


def report_json(result: EnforcementResult) -> dict[str, Any]:
    """The JSON report as a dict (``render_json`` serialises it)."""
    policy = result.policy
    health = result.health
    return {
        "version": JSON_REPORT_VERSION,
        "tool": {"name": "drift", "version": __version__},
        "passed": result.passed,
        "exit_code": result.exit_code,
        "new_only": result.new_only,
        "baseline": result.baseline,
        "policy": {
            "name": policy.policy_name,
            "mode": policy.mode.value,
            "passed": policy.passed,
            "score": round(policy.score, 4),
            "threshold": policy.threshold,
            "gates_passed": policy.gates_passed,
            "gates_failed": policy.gates_failed,
            "gates_skipped": policy.gates_skipped,
            "blocking": list(policy.blocking),
            "reason": policy.reason,
        },
        "health": {
            "score": round(health.score, 4),
            "avg_confidence": health.avg_confidence,
            "approval_ratio": health.approval_ratio,
            "compliance_rate": health.compliance_rate,
            "cross_validation_rate": health.cross_validation_rate,
            "duplicate_free_rate": health.duplicate_free_rate,
            "pattern_count": health.pattern_count,
            "alerts": health.alert_count,
        },
        "gates": [gate_json(gate) for gate in result.gates],
        "summary": result.counts(),
        "violations": [violation_json(v) for v in result.reported()],
    }


def render_json(result: EnforcementResult) -> str:
    """The JSON report, indented, keys in a fixed order."""
    return json.dumps(report_json(result), indent=2, ensure_ascii=False)
