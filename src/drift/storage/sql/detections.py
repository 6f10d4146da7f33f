"""Shared SQL for detections and boundaries (part of `IDriftAnalysis`).

Both are appended with the time the backend supplies (``now``); ids and ``created_at`` values
in the input rows are ignored, as in the reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from sys import intern

from drift.records.analysis import BoundaryRow, DetectionRow, DetectionSummaryRow
from drift.records.validation import (
    check_limit,
    check_str,
    exact_values_getter,
    records_checker,
)
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter, shared

DETECTION_COLUMNS = (
    "id, file, line, column_num, pattern_id, category, confidence, detection_method, cwe_ids, "
    "owasp, matched_text, created_at"
)
_BY_CONFIDENCE = "ORDER BY confidence DESC, id"

INSERT_DETECTION = """
INSERT INTO detections (file, line, column_num, pattern_id, category, confidence,
                        detection_method, cwe_ids, owasp, matched_text, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
SELECT_DETECTIONS_BY_FILE = (
    f"SELECT {DETECTION_COLUMNS} FROM detections WHERE file = ? ORDER BY line, id"
)
SELECT_DETECTIONS_BY_CATEGORY = (
    f"SELECT {DETECTION_COLUMNS} FROM detections WHERE category = ? {_BY_CONFIDENCE}"
)
SELECT_ALL_DETECTIONS = f"SELECT {DETECTION_COLUMNS} FROM detections {_BY_CONFIDENCE} LIMIT ?"
SELECT_DETECTIONS_BY_METHOD = (
    f"SELECT {DETECTION_COLUMNS} FROM detections WHERE detection_method = ? {_BY_CONFIDENCE}"
)
SELECT_DETECTIONS_BY_PATTERN_PREFIX = (
    f"SELECT {DETECTION_COLUMNS} FROM detections WHERE pattern_id LIKE ? ESCAPE '\\' "
    f"{_BY_CONFIDENCE}"
)
# A substring match on the text list, as the reference does: 79 also matches "798".
SELECT_DETECTIONS_BY_CWE = (
    f"SELECT {DETECTION_COLUMNS} FROM detections WHERE cwe_ids LIKE ? {_BY_CONFIDENCE}"
)
SELECT_DETECTION_SUMMARY = """
SELECT detection_method, COUNT(*), AVG(confidence) FROM detections
GROUP BY detection_method ORDER BY detection_method
"""
DELETE_DETECTIONS_BY_FILE = "DELETE FROM detections WHERE file = ?"
COUNT_DETECTIONS = "SELECT COUNT(*) FROM detections"

_check_detection_rows = records_checker(DetectionRow, "detections")
# One exactly typed record -> INSERT_DETECTION's parameters, `created_at` (the clock) last; or
# None when the record needs the precise check. The one-row insert is the scan's hottest write.
_one_detection_params = exact_values_getter(
    DetectionRow,
    (
        "file",
        "line",
        "column_num",
        "pattern_id",
        "category",
        "confidence",
        "detection_method",
        "cwe_ids",
        "owasp",
        "matched_text",
    ),
)
_check_boundary_rows = records_checker(BoundaryRow, "boundaries")

BOUNDARY_COLUMNS = (
    "id, file, framework, model_name, table_name, field_name, sensitivity, confidence, created_at"
)
INSERT_BOUNDARY = """
INSERT INTO boundaries (file, framework, model_name, table_name, field_name, sensitivity,
                        confidence, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
SELECT_BOUNDARIES_BY_FILE = f"SELECT {BOUNDARY_COLUMNS} FROM boundaries WHERE file = ? ORDER BY id"
SELECT_BOUNDARIES_BY_FRAMEWORK = (
    f"SELECT {BOUNDARY_COLUMNS} FROM boundaries WHERE framework = ? ORDER BY id"
)
SELECT_SENSITIVE_BOUNDARIES = (
    f"SELECT {BOUNDARY_COLUMNS} FROM boundaries WHERE sensitivity IS NOT NULL "
    "ORDER BY confidence DESC, id"
)
DELETE_BOUNDARIES_BY_FILE = "DELETE FROM boundaries WHERE file = ?"
COUNT_BOUNDARIES = "SELECT COUNT(*) FROM boundaries"


def like_prefix(text: str) -> str:
    """A LIKE pattern matching values that start with ``text`` (use with ``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def detection_from_row(row: Row) -> DetectionRow:
    """Build a record from a row selected with ``DETECTION_COLUMNS``.

    A project's detections repeat a few files, patterns and labels: one string of each is
    shared (``shared``) by every record that holds it, since a scan reads them all at once.
    """
    return DetectionRow(
        id=row[0],
        file=intern(row[1]),
        line=row[2],
        column_num=row[3],
        pattern_id=intern(row[4]),
        category=intern(row[5]),
        confidence=row[6],
        detection_method=intern(row[7]),
        cwe_ids=shared(row[8]),
        owasp=shared(row[9]),
        matched_text=row[10],
        created_at=row[11],
    )


def _boundary_from_row(row: Row) -> BoundaryRow:
    return BoundaryRow(
        id=row[0],
        file=row[1],
        framework=row[2],
        model_name=row[3],
        table_name=row[4],
        field_name=row[5],
        sensitivity=row[6],
        confidence=row[7],
        created_at=row[8],
    )


def do_insert_detections(w: SqlWriter, detections: Sequence[DetectionRow], now: int) -> int:
    """Append detections stamped ``now``; returns rows inserted."""
    params = [
        (
            d.file,
            d.line,
            d.column_num,
            d.pattern_id,
            d.category,
            d.confidence,
            d.detection_method,
            d.cwe_ids,
            d.owasp,
            d.matched_text,
            now,
        )
        for d in detections
    ]
    return w.write_many(INSERT_DETECTION, params) if params else 0


def do_delete_detections_by_file(w: SqlWriter, file: str) -> int:
    """Delete the detections of ``file``; returns rows deleted."""
    return w.write(DELETE_DETECTIONS_BY_FILE, (file,))


def do_insert_boundaries(w: SqlWriter, boundaries: Sequence[BoundaryRow], now: int) -> int:
    """Append boundaries stamped ``now``; returns rows inserted."""
    params = [
        (
            b.file,
            b.framework,
            b.model_name,
            b.table_name,
            b.field_name,
            b.sensitivity,
            b.confidence,
            now,
        )
        for b in boundaries
    ]
    return w.write_many(INSERT_BOUNDARY, params) if params else 0


def do_delete_boundaries_by_file(w: SqlWriter, file: str) -> int:
    """Delete the boundaries of ``file``; returns rows deleted."""
    return w.write(DELETE_BOUNDARIES_BY_FILE, (file,))


class SqlDetections:
    """The detection and boundary methods of ``IDriftAnalysis`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def _detections(self, sql: str, params: tuple[object, ...] = ()) -> list[DetectionRow]:
        return [detection_from_row(row) for row in self._db.read_all(sql, params)]

    def _boundaries(self, sql: str, params: tuple[object, ...] = ()) -> list[BoundaryRow]:
        return [_boundary_from_row(row) for row in self._db.read_all(sql, params)]

    def insert_detections(self, detections: list[DetectionRow]) -> int:
        if type(detections) is list and len(detections) == 1:
            # The common one-row call: checked and turned into parameters in one step (the clock
            # is read once the row has passed), then a single write: outside a transaction, one
            # statement is its own atomic transaction, as write_many's would be.
            params = _one_detection_params(detections[0], self._db.now)
            if params is not None:
                return self._db.write(INSERT_DETECTION, params)
        rows = _check_detection_rows(detections)
        # One write_many: the executor makes it a single atomic transaction.
        return do_insert_detections(self._db, rows, self._db.now())

    def get_detections_by_file(self, file: str) -> list[DetectionRow]:
        return self._detections(SELECT_DETECTIONS_BY_FILE, (check_str("file", file),))

    def get_detections_by_category(self, category: str) -> list[DetectionRow]:
        return self._detections(SELECT_DETECTIONS_BY_CATEGORY, (check_str("category", category),))

    def query_all_detections(self, limit: int) -> list[DetectionRow]:
        return self._detections(SELECT_ALL_DETECTIONS, (check_limit(limit),))

    def delete_detections_by_file(self, file: str) -> int:
        return do_delete_detections_by_file(self._db, check_str("file", file))

    def count_detections(self) -> int:
        return int(self._db.read_value(COUNT_DETECTIONS))

    def get_detections_by_method(self, method: str) -> list[DetectionRow]:
        return self._detections(SELECT_DETECTIONS_BY_METHOD, (check_str("method", method),))

    def get_detections_by_pattern_prefix(self, prefix: str) -> list[DetectionRow]:
        pattern = like_prefix(check_str("prefix", prefix))
        return self._detections(SELECT_DETECTIONS_BY_PATTERN_PREFIX, (pattern,))

    def get_detections_by_cwe(self, cwe_id: int) -> list[DetectionRow]:
        # A CWE number is non-negative (u32 in the reference): check_limit's rule.
        number = check_limit(cwe_id, "cwe_id")
        return self._detections(SELECT_DETECTIONS_BY_CWE, (f"%{number}%",))

    def get_framework_detection_summary(self) -> list[DetectionSummaryRow]:
        return [
            DetectionSummaryRow(detection_method=row[0], count=row[1], avg_confidence=row[2])
            for row in self._db.read_all(SELECT_DETECTION_SUMMARY)
        ]

    def insert_boundaries(self, boundaries: list[BoundaryRow]) -> int:
        rows = _check_boundary_rows(boundaries)
        return do_insert_boundaries(self._db, rows, self._db.now())

    def get_boundaries_by_file(self, file: str) -> list[BoundaryRow]:
        return self._boundaries(SELECT_BOUNDARIES_BY_FILE, (check_str("file", file),))

    def get_boundaries_by_framework(self, framework: str) -> list[BoundaryRow]:
        return self._boundaries(
            SELECT_BOUNDARIES_BY_FRAMEWORK, (check_str("framework", framework),)
        )

    def get_sensitive_boundaries(self) -> list[BoundaryRow]:
        return self._boundaries(SELECT_SENSITIVE_BOUNDARIES)

    def delete_boundaries_by_file(self, file: str) -> int:
        return do_delete_boundaries_by_file(self._db, check_str("file", file))

    def count_boundaries(self) -> int:
        return int(self._db.read_value(COUNT_BOUNDARIES))
