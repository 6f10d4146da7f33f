"""Shared SQL for pattern confidence, outliers and conventions (part of `IDriftAnalysis`)."""

from __future__ import annotations

from drift.records.analysis import ConventionRow, OutlierRow, PatternConfidenceRow
from drift.records.validation import check_limit, check_opt_str, check_record, check_str
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

CONFIDENCE_COLUMNS = (
    "pattern_id, alpha, beta, posterior_mean, credible_interval_low, credible_interval_high, "
    "tier, momentum, last_updated"
)
UPSERT_CONFIDENCE = f"""
INSERT INTO pattern_confidence ({CONFIDENCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (pattern_id) DO UPDATE SET
    alpha = excluded.alpha,
    beta = excluded.beta,
    posterior_mean = excluded.posterior_mean,
    credible_interval_low = excluded.credible_interval_low,
    credible_interval_high = excluded.credible_interval_high,
    tier = excluded.tier,
    momentum = excluded.momentum,
    last_updated = excluded.last_updated
"""
SELECT_CONFIDENCE_BY_TIER_FIRST = (
    f"SELECT {CONFIDENCE_COLUMNS} FROM pattern_confidence WHERE tier = ? "
    "ORDER BY pattern_id LIMIT ?"
)
SELECT_CONFIDENCE_BY_TIER_AFTER = (
    f"SELECT {CONFIDENCE_COLUMNS} FROM pattern_confidence WHERE tier = ? AND pattern_id > ? "
    "ORDER BY pattern_id LIMIT ?"
)
SELECT_ALL_CONFIDENCE = (
    f"SELECT {CONFIDENCE_COLUMNS} FROM pattern_confidence ORDER BY posterior_mean DESC, pattern_id"
)

OUTLIER_COLUMNS = "id, pattern_id, file, line, deviation_score, significance, method, created_at"
INSERT_OUTLIER = """
INSERT INTO outliers (pattern_id, file, line, deviation_score, significance, method, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
SELECT_OUTLIERS_BY_PATTERN = (
    f"SELECT {OUTLIER_COLUMNS} FROM outliers WHERE pattern_id = ? ORDER BY deviation_score DESC, id"
)

CONVENTION_COLUMNS = (
    "id, pattern_id, category, scope, dominance_ratio, promotion_status, discovered_at, "
    "last_seen, expires_at"
)
INSERT_CONVENTION = """
INSERT INTO conventions (pattern_id, category, scope, dominance_ratio, promotion_status,
                         discovered_at, last_seen, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
SELECT_CONVENTIONS_BY_CATEGORY = (
    f"SELECT {CONVENTION_COLUMNS} FROM conventions WHERE category = ? "
    "ORDER BY dominance_ratio DESC, id"
)
SELECT_ALL_CONVENTIONS = (
    f"SELECT {CONVENTION_COLUMNS} FROM conventions ORDER BY dominance_ratio DESC, id"
)


def confidence_from_row(row: Row) -> PatternConfidenceRow:
    """Build a record from a row selected with ``CONFIDENCE_COLUMNS``."""
    return PatternConfidenceRow(
        pattern_id=row[0],
        alpha=row[1],
        beta=row[2],
        posterior_mean=row[3],
        credible_interval_low=row[4],
        credible_interval_high=row[5],
        tier=row[6],
        momentum=row[7],
        last_updated=row[8],
    )


def _outlier_from_row(row: Row) -> OutlierRow:
    return OutlierRow(
        id=row[0],
        pattern_id=row[1],
        file=row[2],
        line=row[3],
        deviation_score=row[4],
        significance=row[5],
        method=row[6],
        created_at=row[7],
    )


def _convention_from_row(row: Row) -> ConventionRow:
    return ConventionRow(
        id=row[0],
        pattern_id=row[1],
        category=row[2],
        scope=row[3],
        dominance_ratio=row[4],
        promotion_status=row[5],
        discovered_at=row[6],
        last_seen=row[7],
        expires_at=row[8],
    )


def do_upsert_confidence(w: SqlWriter, row: PatternConfidenceRow) -> int:
    """Insert the row or replace every column of the one with its pattern id."""
    return w.write(
        UPSERT_CONFIDENCE,
        (
            row.pattern_id,
            row.alpha,
            row.beta,
            row.posterior_mean,
            row.credible_interval_low,
            row.credible_interval_high,
            row.tier,
            row.momentum,
            row.last_updated,
        ),
    )


def do_insert_outlier(w: SqlWriter, row: OutlierRow, now: int) -> int:
    """Append an outlier stamped ``now``."""
    return w.write(
        INSERT_OUTLIER,
        (
            row.pattern_id,
            row.file,
            row.line,
            row.deviation_score,
            row.significance,
            row.method,
            now,
        ),
    )


def do_insert_convention(w: SqlWriter, row: ConventionRow) -> int:
    """Append a convention with its own timestamps (only ``id`` is ignored)."""
    return w.write(
        INSERT_CONVENTION,
        (
            row.pattern_id,
            row.category,
            row.scope,
            row.dominance_ratio,
            row.promotion_status,
            row.discovered_at,
            row.last_seen,
            row.expires_at,
        ),
    )


class SqlPatterns:
    """The confidence, outlier and convention methods of ``IDriftAnalysis``."""

    _db: SqlExecutor

    def upsert_confidence(self, row: PatternConfidenceRow) -> None:
        do_upsert_confidence(self._db, check_record(row, PatternConfidenceRow))

    def query_confidence_by_tier(
        self, tier: str, after_id: str | None, limit: int
    ) -> list[PatternConfidenceRow]:
        check_str("tier", tier)
        check_opt_str("after_id", after_id)
        check_limit(limit)
        if after_id is None:
            rows = self._db.read_all(SELECT_CONFIDENCE_BY_TIER_FIRST, (tier, limit))
        else:
            rows = self._db.read_all(SELECT_CONFIDENCE_BY_TIER_AFTER, (tier, after_id, limit))
        return [confidence_from_row(row) for row in rows]

    def query_all_confidence(self) -> list[PatternConfidenceRow]:
        return [confidence_from_row(row) for row in self._db.read_all(SELECT_ALL_CONFIDENCE)]

    def insert_outlier(self, row: OutlierRow) -> None:
        do_insert_outlier(self._db, check_record(row, OutlierRow), self._db.now())

    def query_outliers_by_pattern(self, pattern_id: str) -> list[OutlierRow]:
        check_str("pattern_id", pattern_id)
        rows = self._db.read_all(SELECT_OUTLIERS_BY_PATTERN, (pattern_id,))
        return [_outlier_from_row(row) for row in rows]

    def insert_convention(self, row: ConventionRow) -> None:
        do_insert_convention(self._db, check_record(row, ConventionRow))

    def query_conventions_by_category(self, category: str) -> list[ConventionRow]:
        check_str("category", category)
        rows = self._db.read_all(SELECT_CONVENTIONS_BY_CATEGORY, (category,))
        return [_convention_from_row(row) for row in rows]

    def query_all_conventions(self) -> list[ConventionRow]:
        return [_convention_from_row(row) for row in self._db.read_all(SELECT_ALL_CONVENTIONS)]
