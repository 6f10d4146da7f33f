"""Pattern confidence, outliers and conventions in plain Python (part of `MemoryDriftAnalysis`)."""

from __future__ import annotations

from msgspec.structs import replace

from drift.records.analysis import ConventionRow, OutlierRow, PatternConfidenceRow
from drift.records.validation import check_limit, check_opt_str, check_record, check_str
from drift.storage.memory.core import MemoryCore


class MemoryPatterns(MemoryCore):
    """The confidence, outlier and convention methods of ``IDriftAnalysis``."""

    _t_pattern_confidence: dict[str, PatternConfidenceRow]
    _t_outliers: dict[int, OutlierRow]
    _t_conventions: dict[int, ConventionRow]

    def _init_patterns(self) -> None:
        self._t_pattern_confidence = {}
        self._t_outliers = {}
        self._t_conventions = {}

    # -- writes shared with the batch writer (lock held, arguments checked) -------------------

    def _upsert_confidence(self, row: PatternConfidenceRow) -> int:
        self._t_pattern_confidence[row.pattern_id] = replace(
            row,
            alpha=float(row.alpha),
            beta=float(row.beta),
            posterior_mean=float(row.posterior_mean),
            credible_interval_low=float(row.credible_interval_low),
            credible_interval_high=float(row.credible_interval_high),
        )
        return 1

    def _insert_outlier(self, row: OutlierRow) -> int:
        new_id = self._next_id("outliers")
        self._t_outliers[new_id] = replace(
            row, id=new_id, deviation_score=float(row.deviation_score), created_at=self._now()
        )
        return 1

    def _insert_convention(self, row: ConventionRow) -> int:
        new_id = self._next_id("conventions")
        self._t_conventions[new_id] = replace(
            row, id=new_id, dominance_ratio=float(row.dominance_ratio)
        )
        return 1

    # -- IDriftAnalysis -----------------------------------------------------------------------

    def upsert_confidence(self, row: PatternConfidenceRow) -> None:
        check_record(row, PatternConfidenceRow)
        with self._lock:
            self._upsert_confidence(row)

    def query_confidence_by_tier(
        self, tier: str, after_id: str | None, limit: int
    ) -> list[PatternConfidenceRow]:
        check_str("tier", tier)
        check_opt_str("after_id", after_id)
        count = check_limit(limit)
        with self._lock:
            rows = [
                row
                for row in self._t_pattern_confidence.values()
                if row.tier == tier and (after_id is None or row.pattern_id > after_id)
            ]
        return sorted(rows, key=lambda row: row.pattern_id)[:count]

    def query_all_confidence(self) -> list[PatternConfidenceRow]:
        with self._lock:
            rows = list(self._t_pattern_confidence.values())
        return sorted(rows, key=lambda row: (-row.posterior_mean, row.pattern_id))

    def insert_outlier(self, row: OutlierRow) -> None:
        check_record(row, OutlierRow)
        with self._lock:
            self._insert_outlier(row)

    def query_outliers_by_pattern(self, pattern_id: str) -> list[OutlierRow]:
        check_str("pattern_id", pattern_id)
        with self._lock:
            rows = [row for row in self._t_outliers.values() if row.pattern_id == pattern_id]
        return sorted(rows, key=lambda row: (-row.deviation_score, row.id))

    def insert_convention(self, row: ConventionRow) -> None:
        check_record(row, ConventionRow)
        with self._lock:
            self._insert_convention(row)

    def query_conventions_by_category(self, category: str) -> list[ConventionRow]:
        check_str("category", category)
        with self._lock:
            rows = [row for row in self._t_conventions.values() if row.category == category]
        return sorted(rows, key=lambda row: (-row.dominance_ratio, row.id))

    def query_all_conventions(self) -> list[ConventionRow]:
        with self._lock:
            rows = list(self._t_conventions.values())
        return sorted(rows, key=lambda row: (-row.dominance_ratio, row.id))
