"""The `IDriftAdvanced` storage protocol: simulations, decisions, context cache, migrations."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.advanced import CorrectionRow, SimulationRow


@runtime_checkable
class IDriftAdvanced(Protocol):
    """Effort simulations, decisions, the context cache and language-migration tracking."""

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
        """Record an effort simulation at the engine's current time; returns its new id."""
        ...

    def get_simulations(self, limit: int) -> list[SimulationRow]:
        """The newest ``limit`` simulations, newest first."""
        ...

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
        """Record an architectural decision; returns its new id (read back by the reader)."""
        ...

    def insert_context_cache(
        self, session_id: str, intent: str, depth: str, token_count: int, content_hash: str
    ) -> int:
        """Record a generated context for a session; returns its new id."""
        ...

    def create_migration_project(
        self,
        name: str,
        source_language: str,
        target_language: str,
        source_framework: str | None,
        target_framework: str | None,
    ) -> int:
        """Start a migration project with status ``active``; returns its new id."""
        ...

    def create_migration_module(self, project_id: int, module_name: str) -> int:
        """Add a ``pending`` module to a project; ``Conflict`` if the project does not exist."""
        ...

    def update_module_status(self, module_id: int, status: str) -> None:
        """Set a module's status and ``updated_at``; ``NotFound`` if there is no such module."""
        ...

    def insert_migration_correction(
        self,
        module_id: int,
        section: str,
        original_text: str,
        corrected_text: str,
        reason: str | None,
    ) -> int:
        """Record a correction to a module; ``Conflict`` if the module does not exist."""
        ...

    def get_migration_correction(self, correction_id: int) -> CorrectionRow | None:
        """One correction by id, or None."""
        ...
