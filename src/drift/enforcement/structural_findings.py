"""Findings from the structural analyses: error-handling gaps, secrets, unsanitized taint flows.

These are what the error-handling and security gates judge. Turning them into violations (rather
than only counting them) gives each one a location, a stable id, ``is_new`` and ``drift-ignore``
suppression, like any pattern violation. Rule ids:

- ``errors/error-gap-<gap type>``: an error gap (pattern id ``error-gap-<gap type>``);
- ``security/secret-<secret kind>``: a hard-coded secret;
- ``security/taint-<sink type>``: an unsanitized flow, reported at its sink.

A rule's false-positive rate (``drift.enforcement.false_positives``) can lower an error gap's
severity; secrets and taint flows are security findings, which feedback never lowers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from drift.analysis.structure.scopes import MODULE_SCOPE
from drift.enforcement.false_positives import pattern_false_positive_rate
from drift.enforcement.findings import Finding, Source, first_cwe, rule_id_for, slug
from drift.enforcement.severity import Severity, demote_for_false_positives
from drift.enforcement.store import EnforcementStore
from drift.records.analysis import FunctionRow
from drift.records.structural import ErrorGapRow, SecretRow, TaintFlowRow

# Gap types that mean an error disappears: they fail the error-handling gate. Other gaps (an
# over-broad or generic handler, a lost cause) only warn. Matched on the gap type's words, so
# ``swallowed``, ``swallowing`` and ``empty_catch`` all count.
_ERROR_GAP_WORDS = ("swallow", "unhandled", "empty")


def error_gap_severity(gap_type: str, gap_severity: str | None = None) -> Severity:
    """Error for gaps that lose errors (swallowed, unhandled, empty), warning for the rest.

    A gap the analysis rated ``low`` (a specific exception answered with a default, e.g.
    ``except ValueError: return None``) is usually deliberate, so it warns instead of failing.
    """
    words = gap_type.lower()
    if not any(w in words for w in _ERROR_GAP_WORDS):
        return Severity.WARNING
    return Severity.WARNING if (gap_severity or "").strip().lower() == "low" else Severity.ERROR


def secret_severity(severity: str) -> Severity:
    """A secret's own severity: critical/high error, medium warning, anything else info."""
    value = severity.strip().lower()
    if value in {"critical", "high"}:
        return Severity.ERROR
    if value == "medium":
        return Severity.WARNING
    return Severity.INFO


def function_line(functions: Sequence[FunctionRow], file: str, function_id: str) -> int:
    """The line of the function an error gap names, or 1 when it cannot be found.

    ``function_id`` may be a function row id, a qualified name, a name, ``file::name``, or a
    JavaScript test block's id ``file::test name@line``, whose line it gives.
    """
    block = _test_block(file, function_id)
    if block is not None:
        return block[1]
    name = function_id.split("::", 1)[1] if function_id.startswith(f"{file}::") else function_id
    for fn in functions:
        if name in {str(fn.id), fn.qualified_name, fn.name}:
            return fn.line
    return 1


def error_gap_pattern_id(gap_type: str) -> str:
    """The pattern id error gaps of this type are reported under."""
    return f"error-gap-{slug(gap_type)}"


def secret_pattern_id(pattern_name: str) -> str:
    """The pattern id secrets of this kind are reported under."""
    return f"secret-{slug(pattern_name)}"


def taint_pattern_id(sink_type: str) -> str:
    """The pattern id unsanitized flows into this kind of sink are reported under."""
    return f"taint-{slug(sink_type)}"


_LONGEST_NAME = 80
"""Characters of a function's name a message shows: tsc's output names methods by whole
expressions (yargs: a 2,000-character computed key)."""


def _where(file: str, function_id: str) -> str:
    # The module scope is also where handlers inside anonymous callbacks land: "outside any
    # named function" is true of both. A JavaScript test block's (`it("…", () => …)` in a test
    # file) is named by its test.
    if function_id == MODULE_SCOPE:
        return "outside any named function"
    block = _test_block(file, function_id)
    if block is not None:
        return f'in test "{_shortened(block[0])}" (line {block[1]})'
    return f"in {_shortened(function_id)}"


def _shortened(name: str) -> str:
    return name if len(name) <= _LONGEST_NAME else name[: _LONGEST_NAME - 1] + "…"


def _test_block(file: str, function_id: str) -> tuple[str, int] | None:
    """The name and line of the JavaScript test block ``function_id`` names
    (``file::test name@line``, as test mapping has it), or None."""
    if not function_id.startswith(f"{file}::"):
        return None
    name, at, line = function_id[len(file) + 2 :].rpartition("@")
    return (name, int(line)) if at and line.isdigit() else None


def _gap_finding(gap: ErrorGapRow, line: int, fp_rate: float | None) -> Finding:
    pattern_id = error_gap_pattern_id(gap.gap_type)
    what = f" of {gap.error_type.replace(',', ', ')}" if gap.error_type else ""
    return Finding(
        source=Source.ERROR_GAP,
        rule_id=rule_id_for("errors", pattern_id),
        pattern_id=pattern_id,
        category="errors",
        file=gap.file,
        line=line,
        column=None,
        severity=demote_for_false_positives(
            error_gap_severity(gap.gap_type, gap.severity), fp_rate
        ),
        message=f"Error-handling gap ({gap.gap_type}){what} {_where(gap.file, gap.function_id)}.",
        quick_fix_strategy="handle_error",
        quick_fix_description="Log, handle or re-raise the error instead of letting it vanish.",
        cwe_id=gap.cwe_id,
    )


def _secret_finding(secret: SecretRow) -> Finding:
    pattern_id = secret_pattern_id(secret.pattern_name)
    return Finding(
        source=Source.SECRET,
        rule_id=rule_id_for("security", pattern_id),
        pattern_id=pattern_id,
        category="security",
        file=secret.file,
        line=secret.line,
        column=None,
        # Never lowered by feedback: dismissing one secret says nothing about the next.
        severity=secret_severity(secret.severity),
        message=f"Possible hard-coded secret ({secret.pattern_name}).",
        quick_fix_strategy="move_to_configuration",
        quick_fix_description="Read the secret from the environment or a secret manager.",
        cwe_id=first_cwe(secret.cwe_ids) or 798,
    )


def _taint_finding(flow: TaintFlowRow) -> Finding:
    pattern_id = taint_pattern_id(flow.sink_type)
    strategy = "use_parameterized_query" if flow.cwe_id == 89 else "sanitize_input"
    return Finding(
        source=Source.TAINT,
        rule_id=rule_id_for("security", pattern_id),
        pattern_id=pattern_id,
        category="security",
        file=flow.sink_file,
        line=flow.sink_line,
        column=None,
        severity=Severity.ERROR,  # a security finding: feedback never lowers it
        message=(
            f"Unsanitized {flow.source_type} from {flow.source_file}:{flow.source_line} "
            f"reaches a {flow.sink_type} sink."
        ),
        quick_fix_strategy=strategy,
        quick_fix_description="Validate or sanitize the value before it reaches the sink.",
        cwe_id=flow.cwe_id,
    )


def structural_findings(
    storage: EnforcementStore,
    files: Sequence[str],
    functions: Mapping[str, Sequence[FunctionRow]] | None = None,
    population: Mapping[str, int] | None = None,
) -> list[Finding]:
    """Findings for the error gaps, secrets and unsanitized taint flows of ``files``.

    ``functions`` holds the stored functions of each file, in storage's order, when the caller
    has them already (a file missing from it has none); otherwise they are read per file.
    ``population``: the violations the last enforcement stored, by pattern (the denominator of
    a rule's false-positive rate).
    """
    fp_rates: dict[str, float | None] = {}
    counts = population or {}

    def fp_rate(pattern_id: str) -> float | None:
        if pattern_id not in fp_rates:
            fp_rates[pattern_id] = pattern_false_positive_rate(
                storage, pattern_id, counts.get(pattern_id, 0)
            )
        return fp_rates[pattern_id]

    findings: list[Finding] = []
    seen_flows: set[int] = set()
    for file in files:
        gaps = storage.get_error_gaps_by_file(file)
        if gaps:
            rows = (
                storage.get_functions_by_file(file)
                if functions is None
                else functions.get(file, ())
            )
            for gap in gaps:
                line = gap.line or function_line(rows, file, gap.function_id)
                fp = fp_rate(error_gap_pattern_id(gap.gap_type))
                findings.append(_gap_finding(gap, line, fp))
        findings.extend(_secret_finding(secret) for secret in storage.get_secrets_by_file(file))
        for flow in storage.get_taint_flows_by_file(file):
            # A flow is listed under its source file and its sink file: report it once.
            if flow.is_sanitized or (flow.id is not None and flow.id in seen_flows):
                continue
            if flow.id is not None:
                seen_flows.add(flow.id)
            findings.append(_taint_finding(flow))
    return findings
