"""Compare two workloads in the same run: interleaved rounds, best-of and median ratios.

Interleaving spreads machine noise over both sides, and the order alternates (A B, B A, A B, …)
so that neither side always runs first (right after the other has warmed or dirtied the caches,
or just before a background WAL checkpoint). The ratio of the minimums is the most stable figure
on a shared 2-core machine, and the median ratio is reported beside it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


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
    subject_times: list[float] = []
    baseline_times: list[float] = []
    subject()  # warm caches and statement caches on both sides first
    baseline()
    sides = ((subject, subject_times), (baseline, baseline_times))
    for round_number in range(rounds):
        for fn, times in sides if round_number % 2 == 0 else sides[::-1]:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
    ratios = [s / b for s, b in zip(subject_times, baseline_times, strict=True)]
    return Comparison(
        subject_seconds=min(subject_times),
        baseline_seconds=min(baseline_times),
        ratio_min=min(subject_times) / min(baseline_times),
        ratio_median=statistics.median(ratios),
    )
