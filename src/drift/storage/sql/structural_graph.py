"""Shared SQL for data access and the call-graph-derived tables (reachability cache, taint flows,
error gaps, impact scores, test coverage and test quality): the ``SqlStructuralGraph`` mixin of
``SqlDriftStructural``.

Every write lives in a ``do_<method>(w, ...)`` function taking a ``SqlWriter``, so the batch
writer runs the same statements in its own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from drift.records.structural import (
    DataAccessRow,
    ErrorGapRow,
    ImpactScoreRow,
    ReachabilityCacheRow,
    TaintFlowRow,
    TestCoverageRow,
    TestQualityRow,
)
from drift.records.validation import check_int, check_record, check_str, records_checker
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

# --- data_access ---------------------------------------------------------------------------------

DATA_ACCESS_COLUMNS = "function_id, table_name, operation, framework, line, confidence"
INSERT_DATA_ACCESS = f"""
INSERT INTO data_access ({DATA_ACCESS_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (function_id, table_name, operation, line) DO NOTHING
"""
SELECT_DATA_ACCESS_BY_FUNCTION = (
    f"SELECT {DATA_ACCESS_COLUMNS} FROM data_access WHERE function_id = ? "
    "ORDER BY line, table_name, operation"
)
SELECT_DATA_ACCESS_BY_TABLE = (
    f"SELECT {DATA_ACCESS_COLUMNS} FROM data_access WHERE table_name = ? "
    "ORDER BY function_id, operation, line"
)
DELETE_DATA_ACCESS_BY_FUNCTION = "DELETE FROM data_access WHERE function_id = ?"
COUNT_DATA_ACCESS = "SELECT COUNT(*) FROM data_access"

_check_data_access_rows = records_checker(DataAccessRow, "rows")

# --- reachability_cache --------------------------------------------------------------------------

REACHABILITY_COLUMNS = "source_node, direction, reachable_set, sensitivity"
UPSERT_REACHABILITY = f"""
INSERT INTO reachability_cache ({REACHABILITY_COLUMNS}, computed_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (source_node, direction) DO UPDATE SET
    reachable_set = excluded.reachable_set,
    sensitivity = excluded.sensitivity,
    computed_at = excluded.computed_at
"""
SELECT_REACHABILITY = (
    f"SELECT {REACHABILITY_COLUMNS} FROM reachability_cache WHERE source_node = ? AND direction = ?"
)
DELETE_ALL_REACHABILITY = "DELETE FROM reachability_cache"

# --- taint_flows ---------------------------------------------------------------------------------

TAINT_COLUMNS = (
    "id, source_file, source_line, source_type, sink_file, sink_line, sink_type, cwe_id, "
    "is_sanitized, path, confidence"
)
INSERT_TAINT_FLOW = """
INSERT INTO taint_flows
    (source_file, source_line, source_type, sink_file, sink_line, sink_type, cwe_id,
     is_sanitized, path, confidence, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SELECT_TAINT_BY_FILE = (
    f"SELECT {TAINT_COLUMNS} FROM taint_flows WHERE source_file = ? OR sink_file = ? ORDER BY id"
)
SELECT_TAINT_BY_CWE = f"SELECT {TAINT_COLUMNS} FROM taint_flows WHERE cwe_id = ? ORDER BY id"

# --- error_gaps ----------------------------------------------------------------------------------

ERROR_GAP_COLUMNS = (
    "id, file, function_id, gap_type, error_type, propagation_chain, framework, cwe_id, severity,"
    " line"
)
INSERT_ERROR_GAP = """
INSERT INTO error_gaps
    (file, function_id, gap_type, error_type, propagation_chain, framework, cwe_id, severity,
     line, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SELECT_ERROR_GAPS_BY_FILE = f"SELECT {ERROR_GAP_COLUMNS} FROM error_gaps WHERE file = ? ORDER BY id"

# --- impact_scores -------------------------------------------------------------------------------

IMPACT_COLUMNS = (
    "function_id, blast_radius, risk_score, is_dead_code, dead_code_reason, exclusion_category"
)
UPSERT_IMPACT_SCORE = f"""
INSERT INTO impact_scores ({IMPACT_COLUMNS}, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (function_id) DO UPDATE SET
    blast_radius = excluded.blast_radius,
    risk_score = excluded.risk_score,
    is_dead_code = excluded.is_dead_code,
    dead_code_reason = excluded.dead_code_reason,
    exclusion_category = excluded.exclusion_category,
    updated_at = excluded.updated_at
"""
SELECT_IMPACT_SCORE = f"SELECT {IMPACT_COLUMNS} FROM impact_scores WHERE function_id = ?"

# --- test_coverage -------------------------------------------------------------------------------

UPSERT_TEST_COVERAGE = """
INSERT INTO test_coverage (test_function_id, source_function_id, coverage_type)
VALUES (?, ?, ?)
ON CONFLICT (test_function_id, source_function_id) DO UPDATE SET
    coverage_type = excluded.coverage_type
"""
SELECT_TEST_COVERAGE_FOR_SOURCE = (
    "SELECT test_function_id, source_function_id, coverage_type FROM test_coverage "
    "WHERE source_function_id = ? ORDER BY test_function_id"
)

# --- test_quality --------------------------------------------------------------------------------

TEST_QUALITY_COLUMNS = (
    "function_id, coverage_breadth, coverage_depth, assertion_density, mock_ratio, isolation, "
    "freshness, stability, overall_score, smells"
)
UPSERT_TEST_QUALITY = f"""
INSERT INTO test_quality ({TEST_QUALITY_COLUMNS}, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (function_id) DO UPDATE SET
    coverage_breadth = excluded.coverage_breadth,
    coverage_depth = excluded.coverage_depth,
    assertion_density = excluded.assertion_density,
    mock_ratio = excluded.mock_ratio,
    isolation = excluded.isolation,
    freshness = excluded.freshness,
    stability = excluded.stability,
    overall_score = excluded.overall_score,
    smells = excluded.smells,
    updated_at = excluded.updated_at
"""
SELECT_TEST_QUALITY = f"SELECT {TEST_QUALITY_COLUMNS} FROM test_quality WHERE function_id = ?"


# --- rows to records -----------------------------------------------------------------------------


def _opt_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def data_access_from_row(row: Row) -> DataAccessRow:
    """Build a record from a row selected with ``DATA_ACCESS_COLUMNS`` (the table has no id)."""
    return DataAccessRow(
        id=None,
        function_id=row[0],
        table_name=row[1],
        operation=row[2],
        framework=row[3],
        line=row[4],
        confidence=float(row[5]),
    )


def reachability_from_row(row: Row) -> ReachabilityCacheRow:
    """Build a record from a row selected with ``REACHABILITY_COLUMNS``."""
    return ReachabilityCacheRow(
        source_node=row[0], direction=row[1], reachable_set=row[2], sensitivity=row[3]
    )


def taint_flow_from_row(row: Row) -> TaintFlowRow:
    """Build a record from a row selected with ``TAINT_COLUMNS``."""
    return TaintFlowRow(
        id=row[0],
        source_file=row[1],
        source_line=row[2],
        source_type=row[3],
        sink_file=row[4],
        sink_line=row[5],
        sink_type=row[6],
        cwe_id=row[7],
        is_sanitized=bool(row[8]),
        path=row[9],
        confidence=float(row[10]),
    )


def error_gap_from_row(row: Row) -> ErrorGapRow:
    """Build a record from a row selected with ``ERROR_GAP_COLUMNS``."""
    return ErrorGapRow(
        id=row[0],
        file=row[1],
        function_id=row[2],
        gap_type=row[3],
        error_type=row[4],
        propagation_chain=row[5],
        framework=row[6],
        cwe_id=row[7],
        severity=row[8],
        line=row[9],
    )


def impact_score_from_row(row: Row) -> ImpactScoreRow:
    """Build a record from a row selected with ``IMPACT_COLUMNS``."""
    return ImpactScoreRow(
        function_id=row[0],
        blast_radius=row[1],
        risk_score=float(row[2]),
        is_dead_code=bool(row[3]),
        dead_code_reason=row[4],
        exclusion_category=row[5],
    )


def coverage_from_row(row: Row) -> TestCoverageRow:
    """Build a record from ``test_function_id, source_function_id, coverage_type``."""
    return TestCoverageRow(test_function_id=row[0], source_function_id=row[1], coverage_type=row[2])


def quality_from_row(row: Row) -> TestQualityRow:
    """Build a record from a row selected with ``TEST_QUALITY_COLUMNS``."""
    return TestQualityRow(
        function_id=row[0],
        coverage_breadth=_opt_float(row[1]),
        coverage_depth=_opt_float(row[2]),
        assertion_density=_opt_float(row[3]),
        mock_ratio=_opt_float(row[4]),
        isolation=_opt_float(row[5]),
        freshness=_opt_float(row[6]),
        stability=_opt_float(row[7]),
        overall_score=float(row[8]),
        smells=row[9],
    )


def _data_access_params(row: DataAccessRow) -> tuple[object, ...]:
    return (row.function_id, row.table_name, row.operation, row.framework, row.line, row.confidence)


# --- writes --------------------------------------------------------------------------------------


def do_insert_data_access(w: SqlWriter, row: DataAccessRow) -> int:
    """Insert the access unless its key exists; returns 1 if written, 0 if it was a duplicate."""
    return w.write(INSERT_DATA_ACCESS, _data_access_params(row))


def do_insert_data_access_batch(w: SqlWriter, rows: Sequence[DataAccessRow]) -> int:
    """Insert every access whose key is new; returns how many were written."""
    if not rows:
        return 0
    return w.write_many(INSERT_DATA_ACCESS, [_data_access_params(row) for row in rows])


def do_delete_data_access_by_function(w: SqlWriter, function_id: int) -> int:
    """Delete the accesses of ``function_id``; returns how many were deleted."""
    return w.write(DELETE_DATA_ACCESS_BY_FUNCTION, (function_id,))


def do_upsert_reachability(w: SqlWriter, row: ReachabilityCacheRow, now: int) -> None:
    """Insert or replace the cached set for ``(source_node, direction)``, computed at ``now``."""
    w.write(
        UPSERT_REACHABILITY,
        (row.source_node, row.direction, row.reachable_set, row.sensitivity, now),
    )


def do_clear_reachability_cache(w: SqlWriter) -> int:
    """Delete every cached reachable set; returns how many were deleted."""
    return w.write(DELETE_ALL_REACHABILITY)


def do_insert_taint_flow(w: SqlWriter, row: TaintFlowRow, now: int) -> int:
    """Append a flow created at ``now`` (the row's id is ignored); returns the new id."""
    return w.write_returning_id(
        INSERT_TAINT_FLOW,
        (
            row.source_file,
            row.source_line,
            row.source_type,
            row.sink_file,
            row.sink_line,
            row.sink_type,
            row.cwe_id,
            row.is_sanitized,
            row.path,
            row.confidence,
            now,
        ),
    )


def do_insert_error_gap(w: SqlWriter, row: ErrorGapRow, now: int) -> int:
    """Append a gap created at ``now`` (the row's id is ignored); returns the new id."""
    return w.write_returning_id(
        INSERT_ERROR_GAP,
        (
            row.file,
            row.function_id,
            row.gap_type,
            row.error_type,
            row.propagation_chain,
            row.framework,
            row.cwe_id,
            row.severity,
            row.line,
            now,
        ),
    )


def do_upsert_impact_score(w: SqlWriter, row: ImpactScoreRow, now: int) -> None:
    """Insert or replace the score of ``row.function_id``, stamping ``updated_at``."""
    w.write(
        UPSERT_IMPACT_SCORE,
        (
            row.function_id,
            row.blast_radius,
            row.risk_score,
            row.is_dead_code,
            row.dead_code_reason,
            row.exclusion_category,
            now,
        ),
    )


def do_insert_test_coverage(w: SqlWriter, row: TestCoverageRow) -> None:
    """Insert the (test, source) pair, or replace its coverage type."""
    w.write(UPSERT_TEST_COVERAGE, (row.test_function_id, row.source_function_id, row.coverage_type))


def test_coverage_params(rows: Sequence[TestCoverageRow]) -> list[tuple[object, ...]]:
    """``UPSERT_TEST_COVERAGE``'s parameters for ``rows``, in the table's column order."""
    return [(row.test_function_id, row.source_function_id, row.coverage_type) for row in rows]


def do_insert_test_coverage_batch(w: SqlWriter, rows: Sequence[TestCoverageRow]) -> int:
    """``do_insert_test_coverage`` for each row, in one statement run; the number of rows."""
    w.write_many(UPSERT_TEST_COVERAGE, test_coverage_params(rows))
    return len(rows)


def _test_quality_params(row: TestQualityRow, now: int) -> tuple[object, ...]:
    return (
        row.function_id,
        row.coverage_breadth,
        row.coverage_depth,
        row.assertion_density,
        row.mock_ratio,
        row.isolation,
        row.freshness,
        row.stability,
        row.overall_score,
        row.smells,
        now,
    )


def do_upsert_test_quality(w: SqlWriter, row: TestQualityRow, now: int) -> None:
    """Insert or replace the test quality of ``row.function_id``, stamping ``updated_at``."""
    w.write(UPSERT_TEST_QUALITY, _test_quality_params(row, now))


def do_upsert_test_quality_batch(w: SqlWriter, rows: Sequence[TestQualityRow], now: int) -> int:
    """``do_upsert_test_quality`` for each row, in one statement run; the number of rows."""
    w.write_many(UPSERT_TEST_QUALITY, [_test_quality_params(row, now) for row in rows])
    return len(rows)


# --- the mixin -----------------------------------------------------------------------------------


class SqlStructuralGraph:
    """Data-access and graph-derived methods of ``IDriftStructural`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def insert_data_access(self, row: DataAccessRow) -> None:
        check_record(row, DataAccessRow)
        do_insert_data_access(self._db, row)

    def insert_data_access_batch(self, rows: list[DataAccessRow]) -> None:
        checked = _check_data_access_rows(rows)
        with self._db.transaction() as tx:
            do_insert_data_access_batch(tx, checked)

    def query_data_access_by_function(self, function_id: int) -> list[DataAccessRow]:
        check_int("function_id", function_id)
        rows = self._db.read_all(SELECT_DATA_ACCESS_BY_FUNCTION, (function_id,))
        return [data_access_from_row(r) for r in rows]

    def query_data_access_by_table(self, table_name: str) -> list[DataAccessRow]:
        check_str("table_name", table_name)
        rows = self._db.read_all(SELECT_DATA_ACCESS_BY_TABLE, (table_name,))
        return [data_access_from_row(r) for r in rows]

    def delete_data_access_by_function(self, function_id: int) -> int:
        check_int("function_id", function_id)
        return do_delete_data_access_by_function(self._db, function_id)

    def count_data_access(self) -> int:
        return int(self._db.read_value(COUNT_DATA_ACCESS))

    def upsert_reachability(self, row: ReachabilityCacheRow) -> None:
        check_record(row, ReachabilityCacheRow)
        do_upsert_reachability(self._db, row, self._db.now())

    def get_reachability(self, source_node: str, direction: str) -> ReachabilityCacheRow | None:
        check_str("source_node", source_node)
        check_str("direction", direction)
        row = self._db.read_one(SELECT_REACHABILITY, (source_node, direction))
        return None if row is None else reachability_from_row(row)

    def clear_reachability_cache(self) -> None:
        do_clear_reachability_cache(self._db)

    def insert_taint_flow(self, row: TaintFlowRow) -> int:
        check_record(row, TaintFlowRow)
        return do_insert_taint_flow(self._db, row, self._db.now())

    def get_taint_flows_by_file(self, file: str) -> list[TaintFlowRow]:
        check_str("file", file)
        rows = self._db.read_all(SELECT_TAINT_BY_FILE, (file, file))
        return [taint_flow_from_row(r) for r in rows]

    def get_taint_flows_by_cwe(self, cwe_id: int) -> list[TaintFlowRow]:
        check_int("cwe_id", cwe_id)
        return [taint_flow_from_row(r) for r in self._db.read_all(SELECT_TAINT_BY_CWE, (cwe_id,))]

    def insert_error_gap(self, row: ErrorGapRow) -> int:
        check_record(row, ErrorGapRow)
        return do_insert_error_gap(self._db, row, self._db.now())

    def get_error_gaps_by_file(self, file: str) -> list[ErrorGapRow]:
        check_str("file", file)
        rows = self._db.read_all(SELECT_ERROR_GAPS_BY_FILE, (file,))
        return [error_gap_from_row(r) for r in rows]

    def upsert_impact_score(self, row: ImpactScoreRow) -> None:
        check_record(row, ImpactScoreRow)
        do_upsert_impact_score(self._db, row, self._db.now())

    def get_impact_score(self, function_id: str) -> ImpactScoreRow | None:
        check_str("function_id", function_id)
        row = self._db.read_one(SELECT_IMPACT_SCORE, (function_id,))
        return None if row is None else impact_score_from_row(row)

    def insert_test_coverage(self, row: TestCoverageRow) -> None:
        check_record(row, TestCoverageRow)
        do_insert_test_coverage(self._db, row)

    def get_test_coverage_for_source(self, source_function_id: str) -> list[TestCoverageRow]:
        check_str("source_function_id", source_function_id)
        rows = self._db.read_all(SELECT_TEST_COVERAGE_FOR_SOURCE, (source_function_id,))
        return [coverage_from_row(r) for r in rows]

    def upsert_test_quality(self, row: TestQualityRow) -> None:
        check_record(row, TestQualityRow)
        do_upsert_test_quality(self._db, row, self._db.now())

    def get_test_quality(self, function_id: str) -> TestQualityRow | None:
        check_str("function_id", function_id)
        row = self._db.read_one(SELECT_TEST_QUALITY, (function_id,))
        return None if row is None else quality_from_row(row)
