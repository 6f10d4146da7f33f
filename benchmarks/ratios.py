"""Compare two workloads in the same run: interleaved rounds, best-of and median ratios.

Interleaving spreads machine noise over both sides, and the order alternates (A B, B A, A B, …)
so that neither side always runs first (right after the other has warmed or dirtied the caches,
or just before a background WAL checkpoint).

A workload can be given as a list of steps, each a (subject, baseline) pair doing the same
small share of the work (say 1,000 lookups, ~20 ms). Every step is interleaved on its own, and
a side's best time is the sum of its steps' best times: on a shared machine a burst of noise
spoils one ~20 ms step of one round rather than a whole 400 ms round, which is what lets a
1 % budget be told apart from noise. The median ratio of whole rounds is reported beside it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Step = tuple[Callable[[], object], Callable[[], object]]


@dataclass(frozen=True)
class Comparison:
    subject_seconds: float
    baseline_seconds: float
    ratio_min: float
    ratio_median: float

    def as_info(self, prefix: str) -> dict[str, float]:
        return {
            f"{prefix}_subject_s": self.subject_seconds,
            f"{prefix}_baseline_s": self.baseline_seconds,
            f"{prefix}_ratio_min": self.ratio_min,
            f"{prefix}_ratio_median": self.ratio_median,
            f"{prefix}_overhead_pct": (self.ratio_min - 1.0) * 100.0,
        }


def compare(
    subject: Callable[[], object], baseline: Callable[[], object], rounds: int = 7
) -> Comparison:
    """Compare two whole workloads (one step each)."""
    return compare_steps([(subject, baseline)], rounds)


def compare_steps(steps: Sequence[Step], rounds: int = 7) -> Comparison:
    """Compare a workload given as steps; see the module docstring."""
    if not steps or rounds < 1:
        raise ValueError("compare_steps needs at least one step and one round")
    subject_times = [[0.0] * rounds for _ in steps]
    baseline_times = [[0.0] * rounds for _ in steps]
    for subject, baseline in steps:  # warm caches and statement caches on both sides first
        subject()
        baseline()
    for round_number in range(rounds):
        for index, (subject, baseline) in enumerate(steps):
            sides = ((subject, subject_times[index]), (baseline, baseline_times[index]))
            for fn, times in sides if (round_number + index) % 2 == 0 else sides[::-1]:
                started = time.perf_counter()
                fn()
                times[round_number] = time.perf_counter() - started
    subject_best = sum(min(times) for times in subject_times)
    baseline_best = sum(min(times) for times in baseline_times)
    round_ratios = [
        sum(times[r] for times in subject_times) / sum(times[r] for times in baseline_times)
        for r in range(rounds)
    ]
    return Comparison(
        subject_seconds=subject_best,
        baseline_seconds=baseline_best,
        ratio_min=subject_best / baseline_best,
        ratio_median=statistics.median(round_ratios),
    )
