"""Shared SQL for `IDriftReader`, and the `SqlDriftReader` mixin built on it.

Semantics follow the grounding queries (DECISIONS #3). Ratios and means are computed in Python
from integer counts and raw values (``ratio``, ``mean_of_products``), so every backend, the
in-memory one included, returns bit-identical floats.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from drift.records.validation import check_opt_str, check_str, check_str_list
from drift.storage.sql.executor import SqlExecutor

# SQLite allows 999 host parameters in old builds; 500 ids per query stays well below that.
PATTERN_ID_CHUNK = 500

_I64_MIN = -(2**63)
_I64_MAX = 2**63 - 1
_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")

SELECT_POSTERIOR_MEAN = "SELECT posterior_mean FROM pattern_confidence WHERE pattern_id = ?"

COUNT_PATTERN_FILES = """
SELECT (SELECT COUNT(DISTINCT file) FROM detections WHERE pattern_id = ?),
       (SELECT COUNT(DISTINCT file) FROM detections)
"""

COUNT_PATTERN_FEEDBACK = """
SELECT COUNT(*), SUM(CASE WHEN action = 'dismiss' THEN 1 ELSE 0 END)
FROM feedback
WHERE pattern_id = ?
"""

SELECT_LATEST_VERIFICATION = """
SELECT passed FROM constraint_verifications
WHERE constraint_id = ?
ORDER BY verified_at DESC, id DESC
LIMIT 1
"""

SELECT_INSTABILITY = "SELECT instability FROM coupling_metrics WHERE module = ?"

SELECT_GENE_SCORES = "SELECT confidence, consistency FROM dna_genes ORDER BY gene_id"

SELECT_OVERALL_SCORE = "SELECT overall_score FROM test_quality WHERE function_id = ?"

COUNT_ERROR_GAPS_UNDER = "SELECT COUNT(*) FROM error_gaps WHERE file LIKE ? ESCAPE '\\'"

SELECT_DECISION_CONFIDENCE = "SELECT confidence FROM decisions WHERE id = ?"

SELECT_BOUNDARY_CONFIDENCE = "SELECT confidence FROM boundaries WHERE id = ?"

COUNT_TAINT_FLOWS_TOUCHING = """
SELECT COUNT(*), SUM(CASE WHEN is_sanitized = ? THEN 1 ELSE 0 END)
FROM taint_flows
WHERE source_file = ? OR sink_file = ?
"""

COUNT_RESOLVED_EDGES = """
SELECT COUNT(*), SUM(CASE WHEN resolution NOT IN ('fuzzy', 'unresolved') THEN 1 ELSE 0 END)
FROM call_edges
"""

SELECT_LATEST_COMPLETED_SCAN = "SELECT MAX(completed_at) FROM scan_history WHERE status = ?"


def count_patterns_in(ids: int) -> str:
    """``COUNT(*)`` of ``pattern_confidence`` rows whose id is one of ``ids`` placeholders."""
    marks = ", ".join(["?"] * ids)
    return f"SELECT COUNT(*) FROM pattern_confidence WHERE pattern_id IN ({marks})"


def parse_row_id(text: str) -> int:
    """An evidence key as an integer row id: optional sign and ASCII digits, else 0.

    Matches the original's strict 64-bit parse: whitespace, underscores, decimals and
    out-of-range values give 0, which is never a row id.
    """
    if not _INTEGER_TEXT.fullmatch(text):
        return 0
    value = int(text)
    return value if _I64_MIN <= value <= _I64_MAX else 0


def ratio(part: int, whole: int) -> float | None:
    """``part / whole`` as a float, or None when ``whole`` is 0."""
    return None if whole == 0 else part / whole


def mean_of_products(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean of ``a * b`` over the pairs (exactly rounded sum), or None for no pairs."""
    products = [float(a) * float(b) for a, b in pairs]
    return math.fsum(products) / len(products) if products else None


def distinct_chunks(ids: Sequence[str], size: int = PATTERN_ID_CHUNK) -> list[list[str]]:
    """The distinct ids, sorted, in chunks of at most ``size``."""
    unique = sorted(set(ids))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


def like_prefix(prefix: str) -> str:
    """A LIKE pattern matching values that start with ``prefix`` (``ESCAPE '\\'``)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _int(value: Any) -> int:
    return 0 if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


class SqlDriftReader:
    """`IDriftReader` over a `SqlExecutor`."""

    _db: SqlExecutor

    def pattern_confidence(self, pattern_id: str) -> float | None:
        """The pattern's ``posterior_mean``, or None."""
        if type(pattern_id) is not str:  # a hot read: the common case costs no call
            check_str("pattern_id", pattern_id)
        row = self._db.read_one(SELECT_POSTERIOR_MEAN, (pattern_id,))
        return None if row is None else _float(row[0])

    def pattern_occurrence_rate(self, pattern_id: str) -> float | None:
        """Files with the pattern ÷ files with any detection; None if the pattern has no files."""
        check_str("pattern_id", pattern_id)
        row = self._db.read_one(COUNT_PATTERN_FILES, (pattern_id,))
        if row is None or _int(row[0]) == 0:
            return None
        return ratio(_int(row[0]), _int(row[1]))

    def false_positive_rate(self, pattern_id: str) -> float | None:
        """Dismissals ÷ all feedback for the pattern; None without feedback."""
        check_str("pattern_id", pattern_id)
        row = self._db.read_one(COUNT_PATTERN_FEEDBACK, (pattern_id,))
        if row is None:
            return None
        return ratio(_int(row[1]), _int(row[0]))

    def constraint_verified(self, constraint_id: str) -> bool | None:
        """``passed`` of the latest verification, or None."""
        check_str("constraint_id", constraint_id)
        row = self._db.read_one(SELECT_LATEST_VERIFICATION, (constraint_id,))
        return None if row is None else bool(row[0])

    def coupling_metric(self, module: str) -> float | None:
        """The module's ``instability``, or None."""
        check_str("module", module)
        return _float(self._db.read_value(SELECT_INSTABILITY, (module,)))

    def dna_health(self) -> float | None:
        """Mean of ``confidence * consistency`` over every gene, or None."""
        return mean_of_products((r[0], r[1]) for r in self._db.read_all(SELECT_GENE_SCORES))

    def test_coverage(self, function_id: str) -> float | None:
        """The function's test-quality ``overall_score``, or None."""
        check_str("function_id", function_id)
        return _float(self._db.read_value(SELECT_OVERALL_SCORE, (function_id,)))

    def error_handling_gaps(self, file_prefix: str) -> int | None:
        """Error gaps in files under ``file_prefix``; None for none."""
        check_str("file_prefix", file_prefix)
        count = _int(self._db.read_value(COUNT_ERROR_GAPS_UNDER, (like_prefix(file_prefix),)))
        return count or None

    def decision_evidence(self, decision_id: str) -> float | None:
        """The confidence of the decision with that integer id, or None."""
        check_str("decision_id", decision_id)
        row_id = parse_row_id(decision_id)
        return _float(self._db.read_value(SELECT_DECISION_CONFIDENCE, (row_id,)))

    def boundary_data(self, boundary_id: str) -> float | None:
        """The confidence of the boundary with that integer id, or None."""
        check_str("boundary_id", boundary_id)
        row_id = parse_row_id(boundary_id)
        return _float(self._db.read_value(SELECT_BOUNDARY_CONFIDENCE, (row_id,)))

    def taint_flow_risk(self, file: str) -> float | None:
        """Unsanitized ÷ all flows whose source or sink is ``file``; None if there are none."""
        check_str("file", file)
        row = self._db.read_one(COUNT_TAINT_FLOWS_TOUCHING, (False, file, file))
        if row is None:
            return None
        return ratio(_int(row[1]), _int(row[0]))

    def call_graph_coverage(self, function_id: str | None = None) -> float | None:
        """Resolved call edges ÷ all call edges (global); None when there are no edges."""
        check_opt_str("function_id", function_id)
        row = self._db.read_one(COUNT_RESOLVED_EDGES)
        if row is None:
            return None
        return ratio(_int(row[1]), _int(row[0]))

    def count_matching_patterns(self, pattern_ids: list[str]) -> int:
        """How many distinct ids of ``pattern_ids`` are in ``pattern_confidence``."""
        ids = check_str_list("pattern_ids", pattern_ids)
        return sum(
            _int(self._db.read_value(count_patterns_in(len(chunk)), chunk))
            for chunk in distinct_chunks(ids)
        )

    def latest_scan_timestamp(self) -> int | None:
        """``completed_at`` of the newest completed scan, in Unix seconds, or None."""
        value = self._db.read_value(SELECT_LATEST_COMPLETED_SCAN, ("completed",))
        return None if value is None else int(value)
