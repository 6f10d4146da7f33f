"""Shared SQL for constants and environment variables: the ``SqlStructuralConstants`` mixin of
``SqlDriftStructural``.

Every write lives in a ``do_<method>(w, ...)`` function taking a ``SqlWriter``, so the batch
writer runs the same statements in its own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from drift.records.structural import ConstantRow, EnvVariableRow
from drift.records.validation import check_record, check_str, records_checker
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

# --- constants -----------------------------------------------------------------------------------

CONSTANT_COLUMNS = "id, name, value, file, line, is_used, language, is_named, created_at"
INSERT_CONSTANT = """
INSERT INTO constants (name, value, file, line, is_used, language, is_named, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
SELECT_CONSTANTS_BY_FILE = (
    f"SELECT {CONSTANT_COLUMNS} FROM constants WHERE file = ? ORDER BY line, id"
)
SELECT_UNUSED_CONSTANTS = (
    f"SELECT {CONSTANT_COLUMNS} FROM constants WHERE is_used = ? ORDER BY file, line, id"
)
SELECT_MAGIC_NUMBERS = (
    f"SELECT {CONSTANT_COLUMNS} FROM constants WHERE is_named = ? ORDER BY file, line, id"
)
DELETE_CONSTANTS_BY_FILE = "DELETE FROM constants WHERE file = ?"
COUNT_CONSTANTS = "SELECT COUNT(*) FROM constants"

# --- env_variables -------------------------------------------------------------------------------

ENV_COLUMNS = (
    "id, name, file, line, access_method, has_default, defined_in_env, framework_prefix, created_at"
)
INSERT_ENV_VARIABLE = """
INSERT INTO env_variables
    (name, file, line, access_method, has_default, defined_in_env, framework_prefix, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
SELECT_ENV_BY_NAME = (
    f"SELECT {ENV_COLUMNS} FROM env_variables WHERE name = ? ORDER BY file, line, id"
)
SELECT_ENV_BY_FILE = f"SELECT {ENV_COLUMNS} FROM env_variables WHERE file = ? ORDER BY line, id"
SELECT_MISSING_ENV = (
    f"SELECT {ENV_COLUMNS} FROM env_variables WHERE defined_in_env = ? AND has_default = ? "
    "ORDER BY name, file, id"
)
DELETE_ENV_BY_FILE = "DELETE FROM env_variables WHERE file = ?"
COUNT_ENV_VARIABLES = "SELECT COUNT(*) FROM env_variables"

_check_constant_rows = records_checker(ConstantRow, "rows")
_check_env_variable_rows = records_checker(EnvVariableRow, "rows")


# --- rows to records -----------------------------------------------------------------------------


def constant_from_row(row: Row) -> ConstantRow:
    """Build a record from a row selected with ``CONSTANT_COLUMNS``."""
    return ConstantRow(
        id=row[0],
        name=row[1],
        value=row[2],
        file=row[3],
        line=row[4],
        is_used=bool(row[5]),
        language=row[6],
        is_named=bool(row[7]),
        created_at=row[8],
    )


def env_variable_from_row(row: Row) -> EnvVariableRow:
    """Build a record from a row selected with ``ENV_COLUMNS``."""
    return EnvVariableRow(
        id=row[0],
        name=row[1],
        file=row[2],
        line=row[3],
        access_method=row[4],
        has_default=bool(row[5]),
        defined_in_env=bool(row[6]),
        framework_prefix=row[7],
        created_at=row[8],
    )


def _constant_params(row: ConstantRow, now: int) -> tuple[object, ...]:
    return (row.name, row.value, row.file, row.line, row.is_used, row.language, row.is_named, now)


def _env_params(row: EnvVariableRow, now: int) -> tuple[object, ...]:
    return (
        row.name,
        row.file,
        row.line,
        row.access_method,
        row.has_default,
        row.defined_in_env,
        row.framework_prefix,
        now,
    )


# --- writes --------------------------------------------------------------------------------------


def do_insert_constant(w: SqlWriter, row: ConstantRow, now: int) -> None:
    """Append a constant created at ``now`` (the row's id and created_at are ignored)."""
    w.write(INSERT_CONSTANT, _constant_params(row, now))


def do_insert_constants_batch(w: SqlWriter, rows: Sequence[ConstantRow], now: int) -> int:
    """Append every constant, created at ``now``; returns how many were written."""
    if not rows:
        return 0
    return w.write_many(INSERT_CONSTANT, [_constant_params(row, now) for row in rows])


def do_delete_constants_by_file(w: SqlWriter, file: str) -> int:
    """Delete the constants of ``file``; returns how many were deleted."""
    return w.write(DELETE_CONSTANTS_BY_FILE, (file,))


def do_insert_env_variable(w: SqlWriter, row: EnvVariableRow, now: int) -> None:
    """Append a variable read created at ``now`` (the row's id and created_at are ignored)."""
    w.write(INSERT_ENV_VARIABLE, _env_params(row, now))


def do_insert_env_variables_batch(w: SqlWriter, rows: Sequence[EnvVariableRow], now: int) -> int:
    """Append every variable read, created at ``now``; returns how many were written."""
    if not rows:
        return 0
    return w.write_many(INSERT_ENV_VARIABLE, [_env_params(row, now) for row in rows])


def do_delete_env_variables_by_file(w: SqlWriter, file: str) -> int:
    """Delete the variable reads of ``file``; returns how many were deleted."""
    return w.write(DELETE_ENV_BY_FILE, (file,))


# --- the mixin -----------------------------------------------------------------------------------


class SqlStructuralConstants:
    """Constant and environment-variable methods of ``IDriftStructural`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def insert_constant(self, row: ConstantRow) -> None:
        check_record(row, ConstantRow)
        do_insert_constant(self._db, row, self._db.now())

    def insert_constants_batch(self, rows: list[ConstantRow]) -> None:
        checked = _check_constant_rows(rows)
        now = self._db.now()
        with self._db.transaction() as tx:
            do_insert_constants_batch(tx, checked, now)

    def query_constants_by_file(self, file: str) -> list[ConstantRow]:
        check_str("file", file)
        return [constant_from_row(r) for r in self._db.read_all(SELECT_CONSTANTS_BY_FILE, (file,))]

    def query_unused_constants(self) -> list[ConstantRow]:
        return [constant_from_row(r) for r in self._db.read_all(SELECT_UNUSED_CONSTANTS, (False,))]

    def query_magic_numbers(self) -> list[ConstantRow]:
        return [constant_from_row(r) for r in self._db.read_all(SELECT_MAGIC_NUMBERS, (False,))]

    def delete_constants_by_file(self, file: str) -> int:
        check_str("file", file)
        return do_delete_constants_by_file(self._db, file)

    def count_constants(self) -> int:
        return int(self._db.read_value(COUNT_CONSTANTS))

    def insert_env_variable(self, row: EnvVariableRow) -> None:
        check_record(row, EnvVariableRow)
        do_insert_env_variable(self._db, row, self._db.now())

    def insert_env_variables_batch(self, rows: list[EnvVariableRow]) -> None:
        checked = _check_env_variable_rows(rows)
        now = self._db.now()
        with self._db.transaction() as tx:
            do_insert_env_variables_batch(tx, checked, now)

    def query_env_variables_by_name(self, name: str) -> list[EnvVariableRow]:
        check_str("name", name)
        return [env_variable_from_row(r) for r in self._db.read_all(SELECT_ENV_BY_NAME, (name,))]

    def query_env_variables_by_file(self, file: str) -> list[EnvVariableRow]:
        check_str("file", file)
        return [env_variable_from_row(r) for r in self._db.read_all(SELECT_ENV_BY_FILE, (file,))]

    def query_missing_env_variables(self) -> list[EnvVariableRow]:
        rows = self._db.read_all(SELECT_MISSING_ENV, (False, False))
        return [env_variable_from_row(r) for r in rows]

    def delete_env_variables_by_file(self, file: str) -> int:
        check_str("file", file)
        return do_delete_env_variables_by_file(self._db, file)

    def count_env_variables(self) -> int:
        return int(self._db.read_value(COUNT_ENV_VARIABLES))
