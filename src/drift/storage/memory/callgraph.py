"""Functions and call edges in plain Python (part of `MemoryDriftAnalysis`)."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.records.validation import check_int, check_str, records_checker
from drift.storage.memory.core import MemoryCore

_check_call_edge_rows = records_checker(CallEdgeRow, "edges")

_FunctionKey = tuple[str, str, int]
_EdgeKey = tuple[int, int, int]


def _blob(value: bytes | None) -> bytes | None:
    return None if value is None else bytes(value)


class MemoryCallGraph(MemoryCore):
    """The functions and call-edge methods of ``IDriftAnalysis``.

    ``_ix_functions`` maps ``(file, name, line)`` to an id so that upserts stay O(1); a stale
    entry (its row deleted) is detected by checking the row it points to.
    """

    _t_functions: dict[int, FunctionRow]
    _t_call_edges: dict[_EdgeKey, CallEdgeRow]
    _ix_functions: dict[_FunctionKey, int]

    def _init_callgraph(self) -> None:
        self._t_functions = {}
        self._t_call_edges = {}
        self._ix_functions = {}

    # -- writes shared with the batch writer (lock held, arguments checked) -------------------

    def _upsert_functions(self, rows: Sequence[FunctionRow]) -> int:
        for row in rows:
            key = (row.file, row.name, row.line)
            # Like SQL AUTOINCREMENT, an upsert uses up an id even when it updates a row.
            new_id = self._next_id("functions")
            fid = self._ix_functions.get(key)
            current = None if fid is None else self._t_functions.get(fid)
            if fid is None or current is None or (current.file, current.name, current.line) != key:
                fid = new_id
                self._ix_functions[key] = fid
            self._t_functions[fid] = replace(
                row,
                id=fid,
                body_hash=_blob(row.body_hash),
                signature_hash=_blob(row.signature_hash),
            )
        return len(rows)

    def _delete_functions_by_file(self, file: str) -> int:
        doomed = [fid for fid, row in self._t_functions.items() if row.file == file]
        for fid in doomed:
            row = self._t_functions.pop(fid)
            self._ix_functions.pop((row.file, row.name, row.line), None)
        return len(doomed)

    def _insert_call_edges(self, edges: Sequence[CallEdgeRow]) -> int:
        for edge in edges:
            key = (edge.caller_id, edge.callee_id, edge.call_site_line)
            self._t_call_edges[key] = replace(edge, confidence=float(edge.confidence))
        return len(edges)

    def _delete_edges_by_file(self, file: str) -> int:
        ids = {fid for fid, row in self._t_functions.items() if row.file == file}
        doomed = [key for key in self._t_call_edges if key[0] in ids or key[1] in ids]
        for key in doomed:
            del self._t_call_edges[key]
        return len(doomed)

    # -- IDriftAnalysis: functions ------------------------------------------------------------

    def get_functions_by_file(self, file: str) -> list[FunctionRow]:
        check_str("file", file)
        with self._lock:
            rows = [row for row in self._t_functions.values() if row.file == file]
        return sorted(rows, key=lambda row: (row.line, row.id))

    def query_all_functions(self) -> list[FunctionRow]:
        with self._lock:
            rows = list(self._t_functions.values())
        return sorted(rows, key=lambda row: (row.file, row.line, row.id))

    def get_function_by_qualified_name(self, qualified_name: str) -> FunctionRow | None:
        check_str("qualified_name", qualified_name)
        with self._lock:
            matches = [
                row for row in self._t_functions.values() if row.qualified_name == qualified_name
            ]
        return min(matches, key=lambda row: row.id, default=None)

    def delete_functions_by_file(self, file: str) -> int:
        check_str("file", file)
        with self._lock:
            return self._delete_functions_by_file(file)

    def count_functions(self) -> int:
        with self._lock:
            return len(self._t_functions)

    def count_entry_points(self) -> int:
        with self._lock:
            callees = {key[1] for key in self._t_call_edges}
            return sum(1 for fid in self._t_functions if fid not in callees)

    # -- IDriftAnalysis: call edges -----------------------------------------------------------

    def insert_call_edges(self, edges: list[CallEdgeRow]) -> int:
        rows = _check_call_edge_rows(edges)
        with self._lock:
            return self._insert_call_edges(rows)

    def get_edges_by_caller(self, caller_id: int) -> list[CallEdgeRow]:
        check_int("caller_id", caller_id)
        with self._lock:
            keys = sorted(key for key in self._t_call_edges if key[0] == caller_id)
            return [self._t_call_edges[key] for key in keys]

    def get_edges_by_callee(self, callee_id: int) -> list[CallEdgeRow]:
        check_int("callee_id", callee_id)
        with self._lock:
            keys = sorted(key for key in self._t_call_edges if key[1] == callee_id)
            return [self._t_call_edges[key] for key in keys]

    def delete_edges_by_file(self, file: str) -> int:
        check_str("file", file)
        with self._lock:
            return self._delete_edges_by_file(file)

    def count_call_edges(self) -> int:
        with self._lock:
            return len(self._t_call_edges)

    def count_resolved_edges(self) -> int:
        with self._lock:
            return sum(
                1
                for edge in self._t_call_edges.values()
                if edge.resolution not in ("fuzzy", "unresolved")
            )
