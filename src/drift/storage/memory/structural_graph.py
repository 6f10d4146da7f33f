"""Data access and the call-graph-derived tables in plain Python: the ``MemoryStructuralGraph``
mixin of ``MemoryDriftStructural``.

Orders and tie-breaks are those of ``drift.storage.sql.structural_graph``.
"""

from __future__ import annotations

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
from drift.storage.memory.core import MemoryCore
from drift.storage.memory.structural_values import stored

_check_data_access_rows = records_checker(DataAccessRow, "rows")

DataAccessKey = tuple[int, str, str, int]
"""The data_access primary key: (function_id, table_name, operation, line)."""


class MemoryStructuralGraph(MemoryCore):
    """Data-access and graph-derived methods of ``IDriftStructural`` over dicts."""

    _t_data_access: dict[DataAccessKey, DataAccessRow]
    _t_reachability_cache: dict[tuple[str, str], ReachabilityCacheRow]
    _t_taint_flows: dict[int, TaintFlowRow]
    _t_error_gaps: dict[int, ErrorGapRow]
    _t_impact_scores: dict[str, ImpactScoreRow]
    _t_test_coverage: dict[tuple[str, str], TestCoverageRow]
    _t_test_quality: dict[str, TestQualityRow]

    def _init_structural_graph(self) -> None:
        self._t_data_access = {}
        self._t_reachability_cache = {}
        self._t_taint_flows = {}
        self._t_error_gaps = {}
        self._t_impact_scores = {}
        self._t_test_coverage = {}
        self._t_test_quality = {}

    def _add_data_access(self, row: DataAccessRow) -> None:
        key = (row.function_id, row.table_name, row.operation, row.line)
        # INSERT … ON CONFLICT DO NOTHING: the first row with a key wins.
        if key not in self._t_data_access:
            self._t_data_access[key] = stored(row, id=None)

    # data_access

    def insert_data_access(self, row: DataAccessRow) -> None:
        check_record(row, DataAccessRow)
        with self._lock:
            self._add_data_access(row)

    def insert_data_access_batch(self, rows: list[DataAccessRow]) -> None:
        checked = _check_data_access_rows(rows)
        with self._lock:
            for row in checked:
                self._add_data_access(row)

    def query_data_access_by_function(self, function_id: int) -> list[DataAccessRow]:
        check_int("function_id", function_id)
        with self._lock:
            rows = [r for r in self._t_data_access.values() if r.function_id == function_id]
            return sorted(rows, key=lambda r: (r.line, r.table_name, r.operation))

    def query_data_access_by_table(self, table_name: str) -> list[DataAccessRow]:
        check_str("table_name", table_name)
        with self._lock:
            rows = [r for r in self._t_data_access.values() if r.table_name == table_name]
            return sorted(rows, key=lambda r: (r.function_id, r.operation, r.line))

    def delete_data_access_by_function(self, function_id: int) -> int:
        check_int("function_id", function_id)
        with self._lock:
            doomed = [key for key in self._t_data_access if key[0] == function_id]
            for key in doomed:
                del self._t_data_access[key]
            return len(doomed)

    def count_data_access(self) -> int:
        with self._lock:
            return len(self._t_data_access)

    # reachability_cache

    def upsert_reachability(self, row: ReachabilityCacheRow) -> None:
        check_record(row, ReachabilityCacheRow)
        with self._lock:
            self._t_reachability_cache[(row.source_node, row.direction)] = row

    def get_reachability(self, source_node: str, direction: str) -> ReachabilityCacheRow | None:
        check_str("source_node", source_node)
        check_str("direction", direction)
        with self._lock:
            return self._t_reachability_cache.get((source_node, direction))

    def clear_reachability_cache(self) -> None:
        with self._lock:
            self._t_reachability_cache.clear()

    # taint_flows

    def insert_taint_flow(self, row: TaintFlowRow) -> int:
        check_record(row, TaintFlowRow)
        with self._lock:
            new_id = self._next_id("taint_flows")
            self._t_taint_flows[new_id] = stored(row, id=new_id)
            return new_id

    def get_taint_flows_by_file(self, file: str) -> list[TaintFlowRow]:
        check_str("file", file)
        with self._lock:
            # Ids only grow, so the dict's insertion order is id order.
            return [r for r in self._t_taint_flows.values() if file in (r.source_file, r.sink_file)]

    def get_taint_flows_by_cwe(self, cwe_id: int) -> list[TaintFlowRow]:
        check_int("cwe_id", cwe_id)
        with self._lock:
            return [r for r in self._t_taint_flows.values() if r.cwe_id == cwe_id]

    # error_gaps

    def insert_error_gap(self, row: ErrorGapRow) -> int:
        check_record(row, ErrorGapRow)
        with self._lock:
            new_id = self._next_id("error_gaps")
            self._t_error_gaps[new_id] = stored(row, id=new_id)
            return new_id

    def get_error_gaps_by_file(self, file: str) -> list[ErrorGapRow]:
        check_str("file", file)
        with self._lock:
            return [r for r in self._t_error_gaps.values() if r.file == file]

    # impact_scores

    def upsert_impact_score(self, row: ImpactScoreRow) -> None:
        check_record(row, ImpactScoreRow)
        with self._lock:
            self._t_impact_scores[row.function_id] = stored(row)

    def get_impact_score(self, function_id: str) -> ImpactScoreRow | None:
        check_str("function_id", function_id)
        with self._lock:
            return self._t_impact_scores.get(function_id)

    # test_coverage

    def insert_test_coverage(self, row: TestCoverageRow) -> None:
        check_record(row, TestCoverageRow)
        with self._lock:
            self._t_test_coverage[(row.test_function_id, row.source_function_id)] = row

    def get_test_coverage_for_source(self, source_function_id: str) -> list[TestCoverageRow]:
        check_str("source_function_id", source_function_id)
        with self._lock:
            rows = [
                r
                for r in self._t_test_coverage.values()
                if r.source_function_id == source_function_id
            ]
            return sorted(rows, key=lambda r: r.test_function_id)

    # test_quality

    def upsert_test_quality(self, row: TestQualityRow) -> None:
        check_record(row, TestQualityRow)
        with self._lock:
            self._t_test_quality[row.function_id] = stored(row)

    def get_test_quality(self, function_id: str) -> TestQualityRow | None:
        check_str("function_id", function_id)
        with self._lock:
            return self._t_test_quality.get(function_id)
