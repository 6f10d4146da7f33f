"""What one enforcement run produced: violations, gates, policy verdict and health."""

from __future__ import annotations

from dataclasses import dataclass

from drift.enforcement.gates import GateOutcome
from drift.enforcement.health import HealthReport
from drift.enforcement.policy import PolicyOutcome
from drift.enforcement.severity import Severity
from drift.enforcement.violations import Violation

EXIT_PASSED = 0
EXIT_GATES_FAILED = 1

NO_BASELINE = (
    "no baseline: this is the first analysis of this workspace, so every violation counts as "
    "new; keep .drift/ between CI runs (or `drift import` an export) so that --new-only judges "
    "only what a change brings"
)
"""What a report says when ``--new-only`` had no earlier analysis to compare with."""


@dataclass(frozen=True, slots=True)
class EnforcementResult:
    """The outcome of ``enforce``; reporters render it.

    ``violations`` holds every violation of the run, suppressed ones included, ordered by file,
    line, rule id and id. ``root`` is the absolute POSIX path of the scanned tree (SARIF uses it
    for ``%SRCROOT%``), or None when unknown. ``baseline`` is False when no earlier analysis
    (of other code) was enforced in this workspace: ``is_new`` then had nothing to compare with,
    and every violation is new.
    """

    violations: tuple[Violation, ...]
    gates: tuple[GateOutcome, ...]
    policy: PolicyOutcome
    health: HealthReport
    new_only: bool = False
    root: str | None = None
    baseline: bool = True

    @property
    def passed(self) -> bool:
        """True when the policy passed."""
        return self.policy.passed

    @property
    def exit_code(self) -> int:
        """0 when the policy passed, 1 when the gates failed it."""
        return EXIT_PASSED if self.passed else EXIT_GATES_FAILED

    @property
    def unjudged_news(self) -> bool:
        """``new_only`` without a baseline: "new" means every violation (``NO_BASELINE``)."""
        return self.new_only and not self.baseline

    def reported(self) -> tuple[Violation, ...]:
        """The violations to show: not suppressed, and only new ones when ``new_only``."""
        return tuple(v for v in self.violations if v.active and (v.row.is_new or not self.new_only))

    def suppressed(self) -> tuple[Violation, ...]:
        """The violations a ``drift-ignore`` comment silenced."""
        return tuple(v for v in self.violations if not v.active)

    def counts(self) -> dict[str, int]:
        """Counts of reported violations by severity, plus new and suppressed totals."""
        shown = self.reported()
        return {
            "total": len(shown),
            "error": sum(1 for v in shown if v.severity is Severity.ERROR),
            "warning": sum(1 for v in shown if v.severity is Severity.WARNING),
            "info": sum(1 for v in shown if v.severity is Severity.INFO),
            "new": sum(1 for v in shown if v.row.is_new),
            "suppressed": len(self.suppressed()),
        }
