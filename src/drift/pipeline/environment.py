"""``.env`` files: which environment variables the project defines for itself.

An environment-variable read is ``defined_in_env`` when a ``.env``-style file of the project
(``.env``, ``.env.local``, ``.env.example``, …) names the variable. Reads are stored per file;
when a ``.env`` file is added, changed or removed, every stored read is re-marked.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from msgspec.structs import replace

from drift.pipeline.store_types import PipelineStore
from drift.records.batch import ReplaceFileEnvVariables
from drift.records.structural import EnvVariableRow
from drift.scan import DiffEntry, ScanDiff


def is_dotenv(path: str) -> bool:
    """Whether ``path`` is a ``.env``-style file."""
    name = posixpath.basename(path)
    return name == ".env" or name.startswith(".env.")


@dataclass(frozen=True, slots=True)
class EnvFiles:
    """The variable names the project's ``.env`` files define."""

    defined: frozenset[str]

    @classmethod
    def read(cls, entries: Iterable[DiffEntry]) -> EnvFiles:
        """Read every ``.env`` file among the present files (unreadable ones define nothing)."""
        names: set[str] = set()
        for entry in entries:
            if not is_dotenv(entry.path):
                continue
            # Here, not at the top: most scans that change nothing read no .env file, and the
            # structure package is a tenth of their start-up (see ``drift.pipeline.run``).
            from drift.analysis.structure import dotenv_names

            try:
                with open(entry.abs_path, "rb") as handle:
                    names |= dotenv_names(handle.read().decode("utf-8", errors="replace"))
            except OSError:
                continue
        return cls(frozenset(names))

    def mark(self, rows: Sequence[EnvVariableRow]) -> list[EnvVariableRow]:
        """``rows`` with ``defined_in_env`` set from these files (and cleared otherwise)."""
        from drift.analysis.structure import mark_defined_in_env

        cleared = [row if not row.defined_in_env else _undefined(row) for row in rows]
        return mark_defined_in_env(cleared, self.defined)

    def remark_stored(self, storage: PipelineStore, files: Iterable[str]) -> int:
        """Re-mark the stored reads of ``files``; returns how many files changed."""
        changed = 0
        for file in files:
            rows = storage.query_env_variables_by_file(file)
            marked = self.mark(rows)
            if marked != rows:
                storage.send_batch(ReplaceFileEnvVariables(file, marked))
                changed += 1
        return changed


def _undefined(row: EnvVariableRow) -> EnvVariableRow:
    return replace(row, defined_in_env=False)


def dotenv_changed(diff: ScanDiff) -> bool:
    """Whether this scan saw a ``.env`` file appear, change or disappear."""
    return any(is_dotenv(entry.path) for entry in diff.changed) or any(
        is_dotenv(path) for path in diff.removed
    )
