"""Constants and environment variables in plain Python: the ``MemoryStructuralConstants``
mixin of ``MemoryDriftStructural``.

Orders and tie-breaks are those of ``drift.storage.sql.structural_constants``.
"""

from __future__ import annotations

from drift.records.structural import ConstantRow, EnvVariableRow
from drift.records.validation import check_record, check_str, records_checker
from drift.storage.memory.core import MemoryCore

_check_constant_rows = records_checker(ConstantRow, "rows")
_check_env_variable_rows = records_checker(EnvVariableRow, "rows")


class MemoryStructuralConstants(MemoryCore):
    """Constant and environment-variable methods of ``IDriftStructural`` over dicts."""

    _t_constants: dict[int, ConstantRow]
    _t_env_variables: dict[int, EnvVariableRow]

    def _init_structural_constants(self) -> None:
        self._t_constants = {}
        self._t_env_variables = {}

    def _add_constant(self, row: ConstantRow, now: int) -> None:
        new_id = self._next_id("constants")
        self._t_constants[new_id] = ConstantRow(
            id=new_id,
            name=row.name,
            value=row.value,
            file=row.file,
            line=row.line,
            is_used=row.is_used,
            language=row.language,
            is_named=row.is_named,
            created_at=now,
        )

    def _add_env_variable(self, row: EnvVariableRow, now: int) -> None:
        new_id = self._next_id("env_variables")
        self._t_env_variables[new_id] = EnvVariableRow(
            id=new_id,
            name=row.name,
            file=row.file,
            line=row.line,
            access_method=row.access_method,
            has_default=row.has_default,
            defined_in_env=row.defined_in_env,
            framework_prefix=row.framework_prefix,
            created_at=now,
        )

    # constants

    def insert_constant(self, row: ConstantRow) -> None:
        check_record(row, ConstantRow)
        with self._lock:
            self._add_constant(row, self._now())

    def insert_constants_batch(self, rows: list[ConstantRow]) -> None:
        checked = _check_constant_rows(rows)
        with self._lock:
            now = self._now()
            for row in checked:
                self._add_constant(row, now)

    def query_constants_by_file(self, file: str) -> list[ConstantRow]:
        check_str("file", file)
        with self._lock:
            rows = [r for r in self._t_constants.values() if r.file == file]
            return sorted(rows, key=lambda r: (r.line, r.id))

    def query_unused_constants(self) -> list[ConstantRow]:
        with self._lock:
            rows = [r for r in self._t_constants.values() if not r.is_used]
            return sorted(rows, key=lambda r: (r.file, r.line, r.id))

    def query_magic_numbers(self) -> list[ConstantRow]:
        with self._lock:
            rows = [r for r in self._t_constants.values() if not r.is_named]
            return sorted(rows, key=lambda r: (r.file, r.line, r.id))

    def delete_constants_by_file(self, file: str) -> int:
        check_str("file", file)
        with self._lock:
            doomed = [key for key, r in self._t_constants.items() if r.file == file]
            for key in doomed:
                del self._t_constants[key]
            return len(doomed)

    def count_constants(self) -> int:
        with self._lock:
            return len(self._t_constants)

    # env_variables

    def insert_env_variable(self, row: EnvVariableRow) -> None:
        check_record(row, EnvVariableRow)
        with self._lock:
            self._add_env_variable(row, self._now())

    def insert_env_variables_batch(self, rows: list[EnvVariableRow]) -> None:
        checked = _check_env_variable_rows(rows)
        with self._lock:
            now = self._now()
            for row in checked:
                self._add_env_variable(row, now)

    def query_env_variables_by_name(self, name: str) -> list[EnvVariableRow]:
        check_str("name", name)
        with self._lock:
            rows = [r for r in self._t_env_variables.items() if r[1].name == name]
            return [r for _, r in sorted(rows, key=lambda kv: (kv[1].file, kv[1].line, kv[0]))]

    def query_env_variables_by_file(self, file: str) -> list[EnvVariableRow]:
        check_str("file", file)
        with self._lock:
            rows = [r for r in self._t_env_variables.items() if r[1].file == file]
            return [r for _, r in sorted(rows, key=lambda kv: (kv[1].line, kv[0]))]

    def query_missing_env_variables(self) -> list[EnvVariableRow]:
        with self._lock:
            rows = [
                kv
                for kv in self._t_env_variables.items()
                if not kv[1].defined_in_env and not kv[1].has_default
            ]
            return [r for _, r in sorted(rows, key=lambda kv: (kv[1].name, kv[1].file, kv[0]))]

    def delete_env_variables_by_file(self, file: str) -> int:
        check_str("file", file)
        with self._lock:
            doomed = [key for key, r in self._t_env_variables.items() if r.file == file]
            for key in doomed:
                del self._t_env_variables[key]
            return len(doomed)

    def count_env_variables(self) -> int:
        with self._lock:
            return len(self._t_env_variables)
