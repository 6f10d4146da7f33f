"""The text report: the policy verdict, a table of gates and a table of violations."""

from __future__ import annotations

from collections.abc import Sequence

from drift.enforcement.health import ALERT_PENALTY, ALERT_PENALTY_CAP, judging_gates
from drift.enforcement.result import NO_BASELINE, EnforcementResult
from drift.text import plural

_GAP = "  "


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Lines of a left-aligned table; numeric-looking columns are right-aligned.

    The last column is never padded, so long messages do not leave trailing spaces.
    """
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts: list[str] = []
        for i, cell in enumerate(cells):
            if i == len(cells) - 1 and not numeric[i]:
                parts.append(cell)
            elif numeric[i]:
                parts.append(cell.rjust(widths[i]))
            else:
                parts.append(cell.ljust(widths[i]))
        return (indent + _GAP.join(parts)).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _health_factors(result: EnforcementResult) -> str:
    """What the health score is the mean of (``drift.enforcement.health``), those with data."""
    health = result.health
    factors = [
        ("pattern confidence", health.avg_confidence),
        ("approved", health.approval_ratio),
        ("compliance", health.compliance_rate),
        ("gates passed", health.cross_validation_rate),
        ("distinct", health.duplicate_free_rate),
    ]
    judging = judging_gates(result.gates)
    passed = sum(1 for gate in judging if gate.passed)
    said = ", ".join(
        # The gates as a count: "0%" of one gate read as if every gate had failed, beside a
        # table where the others were skipped.
        f"gates passed {passed} of {len(judging)}"
        if name == "gates passed"
        else f"{name} {value:.0%}"
        for name, value in factors
        if value is not None
    )
    if not said:
        return ""
    penalty = min(ALERT_PENALTY_CAP, ALERT_PENALTY * health.alert_count)
    alerts = (
        f"; {plural(health.alert_count, 'alert')} -{penalty:g}: {'; '.join(health.alerts)}"
        if penalty
        else ""
    )
    return f" (mean of {said}{alerts})"


def render_text(result: EnforcementResult) -> str:
    """A readable report for a terminal or a CI log."""
    verdict = "PASSED" if result.passed else "FAILED"
    policy = result.policy
    rule = policy.mode.value
    if policy.threshold is not None:
        rule += f" >= {policy.threshold:g}"
    lines = [
        f"Policy {policy.policy_name} ({rule}): {verdict}, score {policy.score:.1f}"
        f" - {policy.reason}",
        f"Health {result.health.score:.1f}/100{_health_factors(result)}",
        "",
        "Gates",
    ]
    gate_rows = [
        [
            gate.gate_id,
            gate.status.value,
            "-" if gate.skipped else f"{gate.score:.1f}",
            str(gate.violation_count),
            str(gate.warning_count),
            gate.summary + (f" ({gate.error})" if gate.error else ""),
        ]
        for gate in result.gates
    ]
    lines += table(["GATE", "STATUS", "SCORE", "ERRORS", "WARNINGS", "SUMMARY"], gate_rows)
    counts = result.counts()
    scope = "new violation" if result.new_only else "violation"
    lines += [
        "",
        f"{plural(counts['total'], scope)} ({plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {counts['info']:,} info; "
        f"{counts['new']:,} new; {counts['suppressed']:,} suppressed)",
    ]
    if result.unjudged_news:
        lines.append(NO_BASELINE)
    # Errors first: they decide the verdict (within a severity, the report's own order).
    shown = sorted(result.reported(), key=lambda v: _SEVERITY_ORDER.get(v.row.severity, 3))
    if shown:
        rows = [
            [
                v.row.severity,
                f"{v.row.file}:{v.row.line}" + (f":{v.row.column}" if v.row.column else ""),
                v.row.rule_id,
                "new" if v.row.is_new else "",
                v.row.message,
            ]
            for v in shown
        ]
        lines += table(["SEVERITY", "LOCATION", "RULE", "NEW", "MESSAGE"], rows)
    return "\n".join(lines)
