"""Policies: how gate results add up to one pass or fail.

- ``strict``: all-must-pass; every judging gate must pass (every gate is required).
- ``standard`` (the default): threshold; the mean judging-gate score must be at least 70, and the
  required gates ``security-boundaries`` and ``regression`` must not fail.
- ``lenient``: any-must-pass; at least one judging gate must pass; nothing is required.

A fourth mode, ``weighted``, takes the weighted mean of the scores (pattern 0.25, constraint 0.20,
security 0.25, test 0.15, error 0.10, regression 0.05, renormalised over the gates that judged)
against the threshold; it is there for custom policies. The regression gate's score enters no
mean: it judges a change, and its pass or fail is what counts (it is required in ``standard``).
"Judging" means not skipped: skipped gates neither pass nor fail and are left out of every mean
(the original averaged their score of 0 in). An errored gate counts as failed. A required gate
that fails always fails the policy. With no judging gate at all, every mode passes with score
100.

The original's progressive enforcement (softening severities while a project is young) is not
applied: CI often starts from an empty store, where every project would look young. Use
``new_only`` to ramp a codebase up instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from drift.enforcement.gates import (
    CONSTRAINT_VERIFICATION,
    ERROR_HANDLING,
    PATTERN_COMPLIANCE,
    REGRESSION,
    SECURITY_BOUNDARIES,
    GateOutcome,
)
from drift.errors import ConfigError
from drift.records.enforcement import PolicyResultRow

TEST_COVERAGE = "test-coverage"


class AggregationMode(StrEnum):
    """How a policy combines its gates."""

    ALL_MUST_PASS = "all-must-pass"
    ANY_MUST_PASS = "any-must-pass"
    THRESHOLD = "threshold"
    WEIGHTED = "weighted"


STANDARD_WEIGHTS: Mapping[str, float] = {
    PATTERN_COMPLIANCE: 0.25,
    CONSTRAINT_VERIFICATION: 0.20,
    SECURITY_BOUNDARIES: 0.25,
    TEST_COVERAGE: 0.15,
    ERROR_HANDLING: 0.10,
    REGRESSION: 0.05,
}


@dataclass(frozen=True, slots=True)
class Policy:
    """A named way of judging gates; ``required_gates`` None means every gate is required."""

    name: str
    mode: AggregationMode
    threshold: float | None = None
    required_gates: frozenset[str] | None = frozenset()
    weights: Mapping[str, float] = field(default_factory=lambda: dict(STANDARD_WEIGHTS))

    def requires(self, gate_id: str) -> bool:
        """True when a failure of ``gate_id`` fails the policy whatever the mode says."""
        return self.required_gates is None or gate_id in self.required_gates


PRESETS: Mapping[str, Policy] = {
    "strict": Policy("strict", AggregationMode.ALL_MUST_PASS, required_gates=None),
    "standard": Policy(
        "standard",
        AggregationMode.THRESHOLD,
        threshold=70.0,
        # The reference requires only security-boundaries. We also require regression, so the
        # default policy does what CI needs: fail the build on a new error violation, while the
        # score threshold tolerates the violations a codebase already had.
        required_gates=frozenset({SECURITY_BOUNDARIES, REGRESSION}),
    ),
    "lenient": Policy("lenient", AggregationMode.ANY_MUST_PASS),
}
DEFAULT_POLICY = "standard"


def get_policy(policy: str | Policy) -> Policy:
    """The preset named ``policy`` (a ``Policy`` is returned as is); ConfigError if unknown."""
    if isinstance(policy, Policy):
        return policy
    preset = PRESETS.get(policy.strip().lower())
    if preset is None:
        raise ConfigError(
            f"unknown policy '{policy}'",
            hint=f"choose one of: {', '.join(sorted(PRESETS))}",
        )
    return preset


@dataclass(frozen=True, slots=True)
class PolicyOutcome:
    """A policy's verdict over one run's gates."""

    policy_name: str
    mode: AggregationMode
    passed: bool
    score: float
    threshold: float | None
    gate_count: int
    gates_passed: int
    gates_failed: int
    gates_skipped: int
    blocking: tuple[str, ...]  # required gates that failed
    reason: str

    def to_row(self, *, new_only: bool = False, baseline: bool = True) -> PolicyResultRow:
        """The row ``insert_policy_result`` stores (``id`` and ``run_at`` are set by storage).
        ``new_only``: the gates judged only new violations (``drift check --new-only``);
        ``baseline``: False when there was no earlier analysis to judge news against."""
        details = {
            "threshold": self.threshold,
            "gates_skipped": self.gates_skipped,
            "blocking": list(self.blocking),
            "reason": self.reason,
            "new_only": new_only,
            "baseline": baseline,
        }
        return PolicyResultRow(
            id=0,
            policy_name=self.policy_name,
            aggregation_mode=self.mode.value,
            overall_passed=self.passed,
            overall_score=self.score,
            gate_count=self.gate_count,
            gates_passed=self.gates_passed,
            gates_failed=self.gates_failed,
            details=json.dumps(details, sort_keys=True),
            run_at=0,
        )


def _weighted_mean(policy: Policy, judging: Sequence[GateOutcome]) -> float:
    if not judging:
        return 100.0  # only the regression gate judged: its pass or fail decides
    weights = [(policy.weights.get(g.gate_id, 0.0), g.score) for g in judging]
    total = sum(w for w, _ in weights)
    if total <= 0:
        return sum(g.score for g in judging) / len(judging)
    return sum(w * s for w, s in weights) / total


def evaluate_policy(policy: Policy, gates: Sequence[GateOutcome]) -> PolicyOutcome:
    """Combine ``gates`` under ``policy`` (see the module docstring)."""
    judging = [g for g in gates if not g.skipped]
    passed_gates = [g for g in judging if g.passed]
    failed_gates = [g for g in judging if not g.passed]
    blocking = tuple(g.gate_id for g in failed_gates if policy.requires(g.gate_id))
    threshold = policy.threshold if policy.threshold is not None else 0.0
    if not judging:
        passed, score, reason = True, 100.0, "no gate had anything to judge"
    else:
        # The regression gate judges a change, not the code: its pass or fail counts, its score
        # does not. In the mean it added a free 100 from the second run on, and the same code
        # with the same two errors went from FAILED (66.6) to PASSED (77.7) after a README edit.
        scored = [g for g in judging if g.gate_id != REGRESSION]
        mean = sum(g.score for g in scored) / len(scored) if scored else 100.0
        if policy.mode is AggregationMode.ALL_MUST_PASS:
            score = mean
            passed = not failed_gates
            reason = "every gate passed" if passed else "a gate failed"
        elif policy.mode is AggregationMode.ANY_MUST_PASS:
            score = mean
            passed = bool(passed_gates)
            reason = "at least one gate passed" if passed else "every gate failed"
        else:
            score = (
                _weighted_mean(policy, scored) if policy.mode is AggregationMode.WEIGHTED else mean
            )
            passed = score >= threshold
            reason = (
                f"at least the threshold {threshold:.1f}"
                if passed
                else f"below the threshold {threshold:.1f}"
            )
            if passed and failed_gates:
                # A failed gate beside a passing verdict reads as a contradiction unless said.
                failed = ", ".join(g.gate_id for g in failed_gates)
                reason += f"; {failed} failed, but this policy judges the mean gate score"
        if blocking:
            passed = False
            reason = f"required gate(s) failed: {', '.join(blocking)}"
    return PolicyOutcome(
        policy_name=policy.name,
        mode=policy.mode,
        passed=passed,
        score=score,
        threshold=policy.threshold,
        gate_count=len(gates),
        gates_passed=len(passed_gates),
        gates_failed=len(failed_gates),
        gates_skipped=len(gates) - len(judging),
        blocking=blocking,
        reason=reason,
    )
