"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF consumers.

- ``tool.driver.rules`` lists every rule with a result, by rule id (``<category>/<pattern>``,
  stable across runs); each result names its rule by ``ruleId`` and ``ruleIndex``.
- Levels: error -> ``error``, warning -> ``warning``, info -> ``note``.
- Locations are repo-relative URIs under the ``%SRCROOT%`` base id (declared in
  ``originalUriBaseIds`` when the root is known); lines are 1-based, columns are code points.
- ``partialFingerprints["driftViolation/v2"]`` is the violation's stable id, and
  ``baselineState`` is ``new`` or ``unchanged`` against the previous run.
- Suppressed violations are included with an ``inSource`` suppression, so a viewer can show them
  as dismissed; with ``new_only`` only new results are written.
- ``runs[0].properties.baseline`` is false when no earlier analysis was there to compare with
  (every result is ``new``); with ``new_only`` a warning notification of the invocation says so.
- ``runs[0].properties.gates`` lists each gate's ``status``, ``score`` and summary; a skipped gate
  (nothing to judge) has ``"score": null``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from drift import __version__
from drift.enforcement.findings import PATTERN_SOURCES, Source
from drift.enforcement.result import NO_BASELINE, EnforcementResult
from drift.enforcement.severity import Severity
from drift.enforcement.violations import Violation

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "driftViolation/v2"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def _rule_description(violation: Violation) -> str:
    row = violation.row
    category = row.rule_id.split("/", 1)[0]
    if violation.source in PATTERN_SOURCES:
        return f"Follow the approved {category} pattern '{row.pattern_id}'."
    if violation.source is Source.ERROR_GAP:
        kind = row.pattern_id.removeprefix("error-gap-").replace("-", " ")
        return f"Handle errors instead of leaving a gap ({kind})."
    if violation.source is Source.SECRET:
        kind = row.pattern_id.removeprefix("secret-").replace("-", " ")
        return f"Do not hard-code secrets ({kind})."
    if violation.source is Source.WEAKNESS:
        weakness = f" (CWE-{row.cwe_id})" if row.cwe_id is not None else ""
        return f"Do not use what the {category} pattern '{row.pattern_id}' finds{weakness}."
    sink = row.pattern_id.removeprefix("taint-").replace("-", " ")
    return f"Sanitize untrusted data before it reaches a {sink} sink."


def _rule(rule_id: str, members: list[Violation]) -> dict[str, Any]:
    first = members[0]
    worst = max((v.severity for v in members), key=lambda s: s.rank)
    category = rule_id.split("/", 1)[0]
    cwes = sorted({v.row.cwe_id for v in members if v.row.cwe_id is not None})
    tags = [category, *(f"external/cwe/cwe-{cwe}" for cwe in cwes)]
    if cwes and category != "security":
        # GitHub code scanning treats rules tagged "security" as security alerts.
        tags.append("security")
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": first.row.pattern_id,
        "shortDescription": {"text": _rule_description(first)},
        "defaultConfiguration": {"level": LEVELS[worst]},
        "properties": {"category": category, "source": first.source.value, "tags": tags},
    }
    if first.row.quick_fix_description:
        rule["help"] = {"text": first.row.quick_fix_description}
    return rule


def _location(violation: Violation) -> dict[str, Any]:
    row = violation.row
    region: dict[str, Any] = {"startLine": max(1, row.line)}
    if row.column is not None and row.column >= 1:
        region["startColumn"] = row.column
    if row.end_line is not None and row.end_line >= row.line:
        region["endLine"] = row.end_line
        if row.end_column is not None and row.end_column >= 1:
            region["endColumn"] = row.end_column
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(row.file, safe="/"), "uriBaseId": SRCROOT},
            "region": region,
        }
    }


def _result(violation: Violation, rule_index: int) -> dict[str, Any]:
    row = violation.row
    properties: dict[str, Any] = {
        "severity": row.severity,
        "patternId": row.pattern_id,
        "source": violation.source.value,
    }
    if row.cwe_id is not None:
        properties["cwe"] = f"CWE-{row.cwe_id}"
    if row.owasp_category:
        properties["owasp"] = row.owasp_category
    if row.quick_fix_strategy:
        properties["quickFix"] = row.quick_fix_strategy
    result: dict[str, Any] = {
        "ruleId": row.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[violation.severity],
        "message": {"text": row.message},
        "locations": [_location(violation)],
        "partialFingerprints": {FINGERPRINT_KEY: row.id},
        "baselineState": "new" if row.is_new else "unchanged",
        "properties": properties,
    }
    if row.suppressed:
        # A dismissal is recorded in Drift's store, a drift-ignore comment in the source.
        kind = "external" if violation.dismissed else "inSource"
        justification = violation.suppression_reason or "drift-ignore"
        result["suppressions"] = [{"kind": kind, "justification": justification}]
    return result


def _root_uri(root: PurePosixPath) -> str:
    uri = root.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def sarif_document(result: EnforcementResult) -> dict[str, Any]:
    """The SARIF log as a dict (``render_sarif`` serialises it)."""
    included = [v for v in result.violations if v.row.is_new or not result.new_only]
    by_rule: dict[str, list[Violation]] = {}
    for violation in included:
        by_rule.setdefault(violation.row.rule_id, []).append(violation)
    rule_ids = sorted(by_rule)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "drift",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule_id, by_rule[rule_id]) for rule_id in rule_ids],
            }
        },
        "invocations": [_invocation(result)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(v, index[v.row.rule_id]) for v in included],
        "properties": {
            "policy": {
                "name": result.policy.policy_name,
                "passed": result.policy.passed,
                "score": round(result.policy.score, 4),
                "reason": result.policy.reason,
            },
            "gates": [
                {
                    "id": gate.gate_id,
                    "status": gate.status.value,
                    # A skipped gate judged nothing: no score, rather than a failing-looking 0.
                    "score": None if gate.skipped else round(gate.score, 4),
                    "summary": gate.summary,
                }
                for gate in result.gates
            ],
            "healthScore": round(result.health.score, 4),
            "baseline": result.baseline,
        },
    }
    if result.root and PurePosixPath(result.root).is_absolute():
        # Only an absolute root can be a file URI; without it consumers resolve %SRCROOT%.
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _root_uri(PurePosixPath(result.root))}}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result: EnforcementResult) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(sarif_document(result), indent=2, ensure_ascii=False)


def _invocation(result: EnforcementResult) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True, "exitCode": result.exit_code}
    if result.unjudged_news:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": NO_BASELINE}}
        ]
    return invocation
