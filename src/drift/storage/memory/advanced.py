"""The `advanced` domain in plain Python: the `MemoryDriftAdvanced` mixin.

Four of its six tables have no record type in the protocol (nothing reads them back except the
reader's ``decision_evidence``); their rows are the small frozen dataclasses below, one field per
column. The foreign keys of ``migration_modules`` and ``migration_corrections`` are checked here,
raising ``Conflict`` as the SQL backends do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from drift.errors import Conflict, NotFound
from drift.records.advanced import CorrectionRow, SimulationRow
from drift.records.validation import (
    check_float,
    check_int,
    check_limit,
    check_opt_str,
    check_str,
)
from drift.storage.memory.core import MemoryCore


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """A row of ``decisions``."""

    id: int
    category: str
    description: str
    commit_sha: str | None
    confidence: float
    related_patterns: str | None
    author: str | None
    files_changed: str | None
    created_at: int


@dataclass(frozen=True, slots=True)
class ContextCacheEntry:
    """A row of ``context_cache``."""

    id: int
    session_id: str
    intent: str
    depth: str
    token_count: int
    content_hash: str
    created_at: int


@dataclass(frozen=True, slots=True)
class MigrationProjectEntry:
    """A row of ``migration_projects``."""

    id: int
    name: str
    source_language: str
    target_language: str
    source_framework: str | None
    target_framework: str | None
    status: str
    created_at: int


@dataclass(frozen=True, slots=True)
class MigrationModuleEntry:
    """A row of ``migration_modules``."""

    id: int
    project_id: int
    module_name: str
    status: str
    spec_content: str | None
    created_at: int
    updated_at: int


class MemoryDriftAdvanced(MemoryCore):
    """``IDriftAdvanced`` over dicts keyed by AUTOINCREMENT id."""

    _t_simulations: dict[int, SimulationRow]
    _t_decisions: dict[int, DecisionEntry]
    _t_context_cache: dict[int, ContextCacheEntry]
    _t_migration_projects: dict[int, MigrationProjectEntry]
    _t_migration_modules: dict[int, MigrationModuleEntry]
    _t_migration_corrections: dict[int, CorrectionRow]

    def _init_advanced(self) -> None:
        self._t_simulations = {}
        self._t_decisions = {}
        self._t_context_cache = {}
        self._t_migration_projects = {}
        self._t_migration_modules = {}
        self._t_migration_corrections = {}

    def insert_simulation(  # noqa: PLR0917 (the reference's positional signature)
        self,
        task_category: str,
        task_description: str,
        approach_count: int,
        recommended_approach: str | None,
        p10_effort: float,
        p50_effort: float,
        p90_effort: float,
    ) -> int:
        check_str("task_category", task_category)
        check_str("task_description", task_description)
        check_int("approach_count", approach_count)
        check_opt_str("recommended_approach", recommended_approach)
        p10 = check_float("p10_effort", p10_effort)
        p50 = check_float("p50_effort", p50_effort)
        p90 = check_float("p90_effort", p90_effort)
        with self._lock:
            new_id = self._next_id("simulations")
            self._t_simulations[new_id] = SimulationRow(
                new_id,
                task_category,
                task_description,
                approach_count,
                recommended_approach,
                p10,
                p50,
                p90,
                self._now(),
            )
            return new_id

    def get_simulations(self, limit: int) -> list[SimulationRow]:
        check_limit(limit)
        with self._lock:
            rows = list(self._t_simulations.values())
        rows.sort(key=lambda s: (s.created_at, s.id), reverse=True)
        return rows[:limit]

    def insert_decision(  # noqa: PLR0917 (the reference's positional signature)
        self,
        category: str,
        description: str,
        commit_sha: str | None,
        confidence: float,
        related_patterns: str | None,
        author: str | None,
        files_changed: str | None,
    ) -> int:
        check_str("category", category)
        check_str("description", description)
        check_opt_str("commit_sha", commit_sha)
        value = check_float("confidence", confidence)
        check_opt_str("related_patterns", related_patterns)
        check_opt_str("author", author)
        check_opt_str("files_changed", files_changed)
        with self._lock:
            new_id = self._next_id("decisions")
            self._t_decisions[new_id] = DecisionEntry(
                new_id,
                category,
                description,
                commit_sha,
                value,
                related_patterns,
                author,
                files_changed,
                self._now(),
            )
            return new_id

    def insert_context_cache(
        self, session_id: str, intent: str, depth: str, token_count: int, content_hash: str
    ) -> int:
        check_str("session_id", session_id)
        check_str("intent", intent)
        check_str("depth", depth)
        check_int("token_count", token_count)
        check_str("content_hash", content_hash)
        with self._lock:
            new_id = self._next_id("context_cache")
            self._t_context_cache[new_id] = ContextCacheEntry(
                new_id, session_id, intent, depth, token_count, content_hash, self._now()
            )
            return new_id

    def create_migration_project(
        self,
        name: str,
        source_language: str,
        target_language: str,
        source_framework: str | None,
        target_framework: str | None,
    ) -> int:
        check_str("name", name)
        check_str("source_language", source_language)
        check_str("target_language", target_language)
        check_opt_str("source_framework", source_framework)
        check_opt_str("target_framework", target_framework)
        with self._lock:
            new_id = self._next_id("migration_projects")
            self._t_migration_projects[new_id] = MigrationProjectEntry(
                new_id,
                name,
                source_language,
                target_language,
                source_framework,
                target_framework,
                "active",
                self._now(),
            )
            return new_id

    def create_migration_module(self, project_id: int, module_name: str) -> int:
        check_int("project_id", project_id)
        check_str("module_name", module_name)
        with self._lock:
            if project_id not in self._t_migration_projects:
                raise Conflict(f"migration_modules: no migration project with id {project_id}")
            new_id = self._next_id("migration_modules")
            now = self._now()
            self._t_migration_modules[new_id] = MigrationModuleEntry(
                new_id, project_id, module_name, "pending", None, now, now
            )
            return new_id

    def update_module_status(self, module_id: int, status: str) -> None:
        check_int("module_id", module_id)
        check_str("status", status)
        with self._lock:
            module = self._t_migration_modules.get(module_id)
            if module is None:
                raise NotFound(f"no migration module with id {module_id}")
            self._t_migration_modules[module_id] = dataclasses.replace(
                module, status=status, updated_at=self._now()
            )

    def insert_migration_correction(
        self,
        module_id: int,
        section: str,
        original_text: str,
        corrected_text: str,
        reason: str | None,
    ) -> int:
        check_int("module_id", module_id)
        check_str("section", section)
        check_str("original_text", original_text)
        check_str("corrected_text", corrected_text)
        check_opt_str("reason", reason)
        with self._lock:
            if module_id not in self._t_migration_modules:
                raise Conflict(f"migration_corrections: no migration module with id {module_id}")
            new_id = self._next_id("migration_corrections")
            self._t_migration_corrections[new_id] = CorrectionRow(
                new_id, module_id, section, original_text, corrected_text, reason, self._now()
            )
            return new_id

    def get_migration_correction(self, correction_id: int) -> CorrectionRow | None:
        check_int("correction_id", correction_id)
        with self._lock:
            return self._t_migration_corrections.get(correction_id)
