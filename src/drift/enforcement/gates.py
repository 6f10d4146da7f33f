"""Quality gates: each judges one kind of evidence and gives a status, a 0-100 score and counts.

- ``pattern-compliance`` judges outliers of and deviations from approved patterns: score =
  locations / (locations + violations) x 100; any error fails, warnings warn; skipped when no
  pattern is approved.
- ``constraint-verification`` judges the latest verification of each enabled constraint:
  score = passing / total x 100; any violated constraint fails; skipped with none.
- ``security-boundaries`` judges hard-coded secrets and unsanitized taint flows: score =
  (findings - errors) / findings x 100; errors fail, warnings warn; skipped with none.
- ``error-handling`` judges error-handling gaps the same way; swallowed, unhandled and empty
  handlers are errors, other gaps warn; skipped with none.
- ``regression`` compares the health score with the previous run's: a new error violation or a
  drop of 15 points or more fails (a drop fails only over the same learned patterns, else it
  warns), a drop of 5 or more warns; skipped on the first run.

Only violations that count (not suppressed, and new when the run is ``new_only``) are judged.
The security and error-handling gates judge nothing else, so with none that count they are
``skipped``, in both modes: a score of 100 over no evidence would pull the policy's mean up (a
``--new-only`` change with no new gap used to read "passed 100").
The pattern-compliance gate still judges the approved patterns' locations then. Unlike the
original, no gate is skipped because another failed: each reads its own evidence, and hiding a
security failure behind a naming one would help nobody.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from drift.enforcement.findings import PATTERN_SOURCES, SECURITY_SOURCES, Source
from drift.enforcement.severity import Severity
from drift.enforcement.violations import Violation
from drift.errors import StorageError
from drift.records.enforcement import GateResultRow
from drift.storage.protocols.structural import IDriftStructural

PATTERN_COMPLIANCE = "pattern-compliance"
CONSTRAINT_VERIFICATION = "constraint-verification"
SECURITY_BOUNDARIES = "security-boundaries"
ERROR_HANDLING = "error-handling"
REGRESSION = "regression"

GATE_IDS: tuple[str, ...] = (
    PATTERN_COMPLIANCE,
    CONSTRAINT_VERIFICATION,
    SECURITY_BOUNDARIES,
    ERROR_HANDLING,
    REGRESSION,
)

REGRESSION_FAIL_DROP = 15.0
REGRESSION_WARN_DROP = 5.0

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


class GateStatus(StrEnum):
    """How a gate ended."""

    PASSED = "passed"
    WARNED = "warned"
    FAILED = "failed"
    SKIPPED = "skipped"
    ERRORED = "errored"


@dataclass(frozen=True, slots=True)
class GateOutcome:
    """The result of one gate; ``violation_count`` counts errors, ``warning_count`` warnings."""

    gate_id: str
    status: GateStatus
    score: float
    summary: str
    violation_count: int = 0
    warning_count: int = 0
    details: Mapping[str, JsonValue] = field(default_factory=dict)
    error: str | None = None
    execution_time_ms: int = 0

    @property
    def passed(self) -> bool:
        """True for passed and warned gates."""
        return self.status in {GateStatus.PASSED, GateStatus.WARNED}

    @property
    def skipped(self) -> bool:
        """True when the gate had nothing to judge."""
        return self.status is GateStatus.SKIPPED

    def to_row(self) -> GateResultRow:
        """The row ``insert_gate_result`` stores (``run_at`` is set by storage)."""
        return GateResultRow(
            gate_id=self.gate_id,
            status=self.status.value,
            passed=self.passed,
            score=self.score,
            summary=self.summary,
            violation_count=self.violation_count,
            warning_count=self.warning_count,
            execution_time_ms=self.execution_time_ms,
            details=json.dumps(self.details, sort_keys=True) if self.details else None,
            error=self.error,
            run_at=0,
        )


def _skipped(gate_id: str, why: str, details: Mapping[str, JsonValue] | None = None) -> GateOutcome:
    # A skipped gate has no score; 0.0 fills the stored row's column, and reports show none.
    return GateOutcome(
        gate_id=gate_id,
        status=GateStatus.SKIPPED,
        score=0.0,
        summary=why,
        details=details or {},
    )


def _status(errors: int, warnings: int) -> GateStatus:
    if errors:
        return GateStatus.FAILED
    if warnings:
        return GateStatus.WARNED
    return GateStatus.PASSED


def _count(violations: Sequence[Violation], severity: Severity) -> int:
    return sum(1 for v in violations if v.severity is severity)


def counted(violations: Sequence[Violation], *, new_only: bool) -> list[Violation]:
    """The violations gates judge: not suppressed, and new when ``new_only``."""
    return [v for v in violations if v.active and (v.row.is_new or not new_only)]


def pattern_compliance_gate(
    violations: Sequence[Violation],
    *,
    approved_patterns: int,
    approved_locations: int,
    new_only: bool = False,
) -> GateOutcome:
    """Judge outliers of and deviations from approved patterns."""
    if approved_patterns == 0:
        return _skipped(PATTERN_COMPLIANCE, "no approved patterns to enforce")
    mine = [v for v in violations if v.source in PATTERN_SOURCES]
    judged = counted(mine, new_only=new_only)
    errors = _count(judged, Severity.ERROR)
    warnings = _count(judged, Severity.WARNING)
    # An info violation is for the record: it fails no gate, and through the score it must not
    # fail the policy either (two info deviations of a weak convention in a six-function
    # project had made the mean 66.7 and the check fail, its gate table all "passed").
    total = approved_locations + errors + warnings
    score = 100.0 if total == 0 else approved_locations / total * 100.0
    return GateOutcome(
        gate_id=PATTERN_COMPLIANCE,
        status=_status(errors, warnings),
        score=score,
        summary=(
            f"{len(judged)} violation(s) of {approved_patterns} approved pattern(s) over "
            f"{approved_locations} location(s): {errors} error(s), {warnings} warning(s)"
        ),
        violation_count=errors,
        warning_count=warnings,
        details={
            "approved_patterns": approved_patterns,
            "locations": approved_locations,
            "violations": len(judged),
            "info": _count(judged, Severity.INFO),
            "suppressed": sum(1 for v in mine if not v.active),
            "new_only": new_only,
        },
    )


def _findings_gate(
    gate_id: str,
    noun: str,
    violations: Sequence[Violation],
    sources: frozenset[Source],
    new_only: bool,
) -> GateOutcome:
    mine = [v for v in violations if v.source in sources]
    if not mine:
        return _skipped(gate_id, f"no {noun} found")
    judged = counted(mine, new_only=new_only)
    suppressed = sum(1 for v in mine if not v.active)
    if not judged:
        return _nothing_to_judge(gate_id, noun, len(mine), suppressed, new_only)
    errors = _count(judged, Severity.ERROR)
    warnings = _count(judged, Severity.WARNING)
    score = (len(judged) - errors) / len(judged) * 100.0
    return GateOutcome(
        gate_id=gate_id,
        status=_status(errors, warnings),
        score=score,
        summary=f"{len(judged)} {noun}: {errors} error(s), {warnings} warning(s)",
        violation_count=errors,
        warning_count=warnings,
        details={
            "findings": len(judged),
            "info": _count(judged, Severity.INFO),
            "suppressed": suppressed,
            "by_rule": _by_rule(judged),
            "new_only": new_only,
        },
    )


def _nothing_to_judge(
    gate_id: str, noun: str, found: int, suppressed: int, new_only: bool
) -> GateOutcome:
    """The skipped outcome of a findings gate whose findings are all suppressed or, with
    ``new_only``, all old: the summary says which, so nobody reads the skip as "none found"."""
    unsuppressed_old = found - suppressed
    parts = [f"{suppressed:,} suppressed"] if suppressed else []
    if new_only and unsuppressed_old:
        parts.append(f"{unsuppressed_old:,} not new")
    scope = "new " if new_only else ""
    return _skipped(
        gate_id,
        f"no {scope}{noun} to judge ({', '.join(parts)})",
        {
            "findings": 0,
            "suppressed": suppressed,
            "not_new": unsuppressed_old if new_only else 0,
            "new_only": new_only,
        },
    )


def _by_rule(violations: Sequence[Violation]) -> dict[str, JsonValue]:
    counts: dict[str, JsonValue] = {}
    for v in sorted(violations, key=lambda v: v.row.rule_id):
        previous = counts.get(v.row.rule_id, 0)
        counts[v.row.rule_id] = (previous if isinstance(previous, int) else 0) + 1
    return counts


def security_gate(violations: Sequence[Violation], *, new_only: bool = False) -> GateOutcome:
    """Judge hard-coded secrets and unsanitized taint flows."""
    return _findings_gate(
        SECURITY_BOUNDARIES, "security finding(s)", violations, SECURITY_SOURCES, new_only
    )


def error_handling_gate(violations: Sequence[Violation], *, new_only: bool = False) -> GateOutcome:
    """Judge error-handling gaps."""
    return _findings_gate(
        ERROR_HANDLING, "error-handling gap(s)", violations, frozenset({Source.ERROR_GAP}), new_only
    )


def latest_constraint_results(storage: IDriftStructural) -> list[tuple[str, bool]]:
    """``(constraint id, passed)`` of the newest verification of each enabled constraint."""
    results: list[tuple[str, bool]] = []
    for constraint in storage.get_enabled_constraints():
        runs = storage.query_constraint_verifications(constraint.id)
        if runs:
            results.append((constraint.id, runs[0].passed))
    return results


def constraint_gate(results: Sequence[tuple[str, bool]]) -> GateOutcome:
    """Judge the latest verification of each enabled constraint."""
    if not results:
        return _skipped(CONSTRAINT_VERIFICATION, "no verified constraints")
    failing = sorted(cid for cid, passed in results if not passed)
    passing = len(results) - len(failing)
    return GateOutcome(
        gate_id=CONSTRAINT_VERIFICATION,
        status=GateStatus.FAILED if failing else GateStatus.PASSED,
        score=passing / len(results) * 100.0,
        summary=f"{passing} of {len(results)} constraint(s) hold",
        violation_count=len(failing),
        details={"constraints": len(results), "violated": list(failing)},
    )


def regression_gate(
    previous_health: float | None,
    current_health: float,
    new_errors: int,
    *,
    same_patterns: bool = True,
) -> GateOutcome:
    """Compare the health score with the previous run's and look for new error violations.

    A drop fails the gate only while the learned patterns are the ones the earlier health was
    computed over (``same_patterns``): the health averages the patterns' confidence and the
    share approved, so a pattern discovered in new, clean code lowered it by 75 points in a
    small project and failed CI with no violation at all. With the patterns changed a drop
    warns; a new error violation fails either way."""
    if previous_health is None:
        return _skipped(REGRESSION, "first run: no earlier health score to compare with")
    drop = previous_health - current_health
    if new_errors or (same_patterns and drop >= REGRESSION_FAIL_DROP):
        status = GateStatus.FAILED
    elif drop >= REGRESSION_WARN_DROP:
        status = GateStatus.WARNED
    else:
        status = GateStatus.PASSED
    return GateOutcome(
        gate_id=REGRESSION,
        status=status,
        score=max(0.0, min(100.0, 100.0 - max(0.0, drop))),
        summary=(
            f"health {current_health:.1f} (previously {previous_health:.1f}"
            + ("" if same_patterns else ", over other patterns")
            + f"), {new_errors} new error violation(s)"
        ),
        violation_count=new_errors,
        warning_count=1 if status is GateStatus.WARNED else 0,
        details={
            "previous_health": round(previous_health, 4),
            "current_health": round(current_health, 4),
            "drop": round(drop, 4),
            "new_errors": new_errors,
            "same_patterns": same_patterns,
        },
    )


def timed(gate_id: str, run: Callable[[], GateOutcome], timer: Callable[[], float]) -> GateOutcome:
    """Run one gate, recording its time; a storage failure makes it ``errored``, not a crash."""
    start = timer()
    try:
        outcome = run()
    except StorageError as error:
        outcome = GateOutcome(
            gate_id=gate_id,
            status=GateStatus.ERRORED,
            score=0.0,
            summary="the gate could not read its evidence",
            error=str(error),
        )
    elapsed_ms = max(0, round((timer() - start) * 1000))
    return dataclasses.replace(outcome, execution_time_ms=elapsed_ms)
