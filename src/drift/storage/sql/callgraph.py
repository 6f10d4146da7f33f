"""Shared SQL for functions and call edges (part of `IDriftAnalysis`).

Functions are written only by the batch writer (``do_upsert_functions``); the protocol reads,
counts and deletes them. Call edges reference functions by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from sys import intern

from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.records.validation import check_int, check_str, records_checker
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter, shared

FUNCTION_COLUMNS = (
    "id, file, name, qualified_name, language, line, end_line, parameter_count, return_type, "
    "is_exported, is_async, body_hash, signature_hash"
)

SELECT_FUNCTIONS_BY_FILE = (
    f"SELECT {FUNCTION_COLUMNS} FROM functions WHERE file = ? ORDER BY line, id"
)
SELECT_ALL_FUNCTIONS = f"SELECT {FUNCTION_COLUMNS} FROM functions ORDER BY file, line, id"
SELECT_FUNCTION_BY_QUALIFIED_NAME = (
    f"SELECT {FUNCTION_COLUMNS} FROM functions WHERE qualified_name = ? ORDER BY id LIMIT 1"
)
DELETE_FUNCTIONS_BY_FILE = "DELETE FROM functions WHERE file = ?"
COUNT_FUNCTIONS = "SELECT COUNT(*) FROM functions"
COUNT_ENTRY_POINTS = """
SELECT COUNT(*) FROM functions AS f
WHERE NOT EXISTS (SELECT 1 FROM call_edges AS e WHERE e.callee_id = f.id)
"""
UPSERT_FUNCTION = """
INSERT INTO functions (file, name, qualified_name, language, line, end_line, parameter_count,
                       return_type, is_exported, is_async, body_hash, signature_hash)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (file, name, line) DO UPDATE SET
    qualified_name = excluded.qualified_name,
    language = excluded.language,
    end_line = excluded.end_line,
    parameter_count = excluded.parameter_count,
    return_type = excluded.return_type,
    is_exported = excluded.is_exported,
    is_async = excluded.is_async,
    body_hash = excluded.body_hash,
    signature_hash = excluded.signature_hash
"""

_check_call_edge_rows = records_checker(CallEdgeRow, "edges")

CALL_EDGE_COLUMNS = "caller_id, callee_id, resolution, confidence, call_site_line"

UPSERT_CALL_EDGE = f"""
INSERT INTO call_edges ({CALL_EDGE_COLUMNS}) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (caller_id, callee_id, call_site_line) DO UPDATE SET
    resolution = excluded.resolution,
    confidence = excluded.confidence
"""
SELECT_EDGES_BY_CALLER = (
    f"SELECT {CALL_EDGE_COLUMNS} FROM call_edges WHERE caller_id = ? "
    "ORDER BY callee_id, call_site_line"
)
SELECT_EDGES_BY_CALLEE = (
    f"SELECT {CALL_EDGE_COLUMNS} FROM call_edges WHERE callee_id = ? "
    "ORDER BY caller_id, call_site_line"
)
DELETE_EDGES_BY_FILE = """
DELETE FROM call_edges
WHERE caller_id IN (SELECT id FROM functions WHERE file = ?)
   OR callee_id IN (SELECT id FROM functions WHERE file = ?)
"""
COUNT_CALL_EDGES = "SELECT COUNT(*) FROM call_edges"
COUNT_RESOLVED_EDGES = (
    "SELECT COUNT(*) FROM call_edges WHERE resolution NOT IN ('fuzzy', 'unresolved')"
)


def _blob(value: bytes | bytearray | memoryview | None) -> bytes | None:
    return None if value is None else bytes(value)


def function_from_row(row: Row) -> FunctionRow:
    """Build a record from a row selected with ``FUNCTION_COLUMNS`` (the file, language and
    return type, which many functions repeat, shared as for detections)."""
    return FunctionRow(
        id=row[0],
        file=intern(row[1]),
        name=row[2],
        qualified_name=row[3],
        language=intern(row[4]),
        line=row[5],
        end_line=row[6],
        parameter_count=row[7],
        return_type=shared(row[8]),
        is_exported=bool(row[9]),
        is_async=bool(row[10]),
        body_hash=_blob(row[11]),
        signature_hash=_blob(row[12]),
    )


def _call_edge_from_row(row: Row) -> CallEdgeRow:
    return CallEdgeRow(
        caller_id=row[0],
        callee_id=row[1],
        resolution=row[2],
        confidence=row[3],
        call_site_line=row[4],
    )


def do_upsert_functions(w: SqlWriter, rows: Sequence[FunctionRow]) -> int:
    """Insert functions, or update the one with the same (file, name, line), keeping its id."""
    params = [
        (
            r.file,
            r.name,
            r.qualified_name,
            r.language,
            r.line,
            r.end_line,
            r.parameter_count,
            r.return_type,
            r.is_exported,
            r.is_async,
            _blob(r.body_hash),
            _blob(r.signature_hash),
        )
        for r in rows
    ]
    return w.write_many(UPSERT_FUNCTION, params) if params else 0


def do_delete_functions_by_file(w: SqlWriter, file: str) -> int:
    """Delete the functions of ``file``; returns rows deleted."""
    return w.write(DELETE_FUNCTIONS_BY_FILE, (file,))


def call_edge_params(edges: Sequence[CallEdgeRow]) -> list[tuple[object, ...]]:
    """``UPSERT_CALL_EDGE``'s parameters for ``edges``, in ``CALL_EDGE_COLUMNS`` order."""
    return [(e.caller_id, e.callee_id, e.resolution, e.confidence, e.call_site_line) for e in edges]


def do_insert_call_edges(w: SqlWriter, edges: Sequence[CallEdgeRow]) -> int:
    """Upsert call edges on their key; returns rows written."""
    params = call_edge_params(edges)
    return w.write_many(UPSERT_CALL_EDGE, params) if params else 0


def do_delete_edges_by_file(w: SqlWriter, file: str) -> int:
    """Delete edges touching a function of ``file``; returns rows deleted."""
    return w.write(DELETE_EDGES_BY_FILE, (file, file))


class SqlCallGraph:
    """The functions and call-edge methods of ``IDriftAnalysis`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def get_functions_by_file(self, file: str) -> list[FunctionRow]:
        check_str("file", file)
        return [function_from_row(r) for r in self._db.read_all(SELECT_FUNCTIONS_BY_FILE, (file,))]

    def query_all_functions(self) -> list[FunctionRow]:
        return [function_from_row(r) for r in self._db.read_all(SELECT_ALL_FUNCTIONS)]

    def get_function_by_qualified_name(self, qualified_name: str) -> FunctionRow | None:
        check_str("qualified_name", qualified_name)
        row = self._db.read_one(SELECT_FUNCTION_BY_QUALIFIED_NAME, (qualified_name,))
        return None if row is None else function_from_row(row)

    def delete_functions_by_file(self, file: str) -> int:
        check_str("file", file)
        return do_delete_functions_by_file(self._db, file)

    def count_functions(self) -> int:
        return int(self._db.read_value(COUNT_FUNCTIONS))

    def count_entry_points(self) -> int:
        return int(self._db.read_value(COUNT_ENTRY_POINTS))

    def insert_call_edges(self, edges: list[CallEdgeRow]) -> int:
        rows = _check_call_edge_rows(edges)
        # One write_many: the executor makes it a single atomic transaction.
        return do_insert_call_edges(self._db, rows)

    def get_edges_by_caller(self, caller_id: int) -> list[CallEdgeRow]:
        check_int("caller_id", caller_id)
        return [
            _call_edge_from_row(r) for r in self._db.read_all(SELECT_EDGES_BY_CALLER, (caller_id,))
        ]

    def get_edges_by_callee(self, callee_id: int) -> list[CallEdgeRow]:
        check_int("callee_id", callee_id)
        return [
            _call_edge_from_row(r) for r in self._db.read_all(SELECT_EDGES_BY_CALLEE, (callee_id,))
        ]

    def delete_edges_by_file(self, file: str) -> int:
        check_str("file", file)
        return do_delete_edges_by_file(self._db, file)

    def count_call_edges(self) -> int:
        return int(self._db.read_value(COUNT_CALL_EDGES))

    def count_resolved_edges(self) -> int:
        return int(self._db.read_value(COUNT_RESOLVED_EDGES))
