"""Shared SQL for the `advanced` domain, and the `SqlDriftAdvanced` mixin built on it.

Each insert statement lives with its parameter building in a ``do_<method>(w, ...)`` function
(reusable inside another transaction); the timestamp is an explicit argument there.
"""

from __future__ import annotations

from drift.errors import NotFound
from drift.records.advanced import CorrectionRow, SimulationRow
from drift.records.validation import (
    check_float,
    check_int,
    check_limit,
    check_opt_str,
    check_str,
)
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

INSERT_SIMULATION = """
INSERT INTO simulations (task_category, task_description, approach_count, recommended_approach,
                         p10_effort, p50_effort, p90_effort, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""

SELECT_SIMULATIONS = """
SELECT id, task_category, task_description, approach_count, recommended_approach,
       p10_effort, p50_effort, p90_effort, created_at
FROM simulations
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

INSERT_DECISION = """
INSERT INTO decisions (category, description, commit_sha, confidence, related_patterns, author,
                       files_changed, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""

INSERT_CONTEXT_CACHE = """
INSERT INTO context_cache (session_id, intent, depth, token_count, content_hash, created_at)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING id
"""

INSERT_MIGRATION_PROJECT = """
INSERT INTO migration_projects (name, source_language, target_language, source_framework,
                                target_framework, status, created_at)
VALUES (?, ?, ?, ?, ?, 'active', ?)
RETURNING id
"""

INSERT_MIGRATION_MODULE = """
INSERT INTO migration_modules (project_id, module_name, status, created_at, updated_at)
VALUES (?, ?, 'pending', ?, ?)
RETURNING id
"""

UPDATE_MODULE_STATUS = "UPDATE migration_modules SET status = ?, updated_at = ? WHERE id = ?"

INSERT_MIGRATION_CORRECTION = """
INSERT INTO migration_corrections (module_id, section, original_text, corrected_text, reason,
                                   created_at)
VALUES (?, ?, ?, ?, ?, ?)
RETURNING id
"""

SELECT_MIGRATION_CORRECTION = """
SELECT id, module_id, section, original_text, corrected_text, reason, created_at
FROM migration_corrections
WHERE id = ?
"""


def do_insert_simulation(  # noqa: PLR0917 (mirrors the protocol method)
    w: SqlWriter,
    task_category: str,
    task_description: str,
    approach_count: int,
    recommended_approach: str | None,
    p10_effort: float,
    p50_effort: float,
    p90_effort: float,
    created_at: int,
) -> int:
    """Insert one simulation; returns its id."""
    return w.write_returning_id(
        INSERT_SIMULATION,
        (
            task_category,
            task_description,
            approach_count,
            recommended_approach,
            p10_effort,
            p50_effort,
            p90_effort,
            created_at,
        ),
    )


def do_insert_decision(  # noqa: PLR0917 (mirrors the protocol method)
    w: SqlWriter,
    category: str,
    description: str,
    commit_sha: str | None,
    confidence: float,
    related_patterns: str | None,
    author: str | None,
    files_changed: str | None,
    created_at: int,
) -> int:
    """Insert one decision; returns its id."""
    return w.write_returning_id(
        INSERT_DECISION,
        (
            category,
            description,
            commit_sha,
            confidence,
            related_patterns,
            author,
            files_changed,
            created_at,
        ),
    )


def do_insert_context_cache(  # noqa: PLR0917 (mirrors the protocol method)
    w: SqlWriter,
    session_id: str,
    intent: str,
    depth: str,
    token_count: int,
    content_hash: str,
    created_at: int,
) -> int:
    """Insert one context-cache entry; returns its id."""
    return w.write_returning_id(
        INSERT_CONTEXT_CACHE, (session_id, intent, depth, token_count, content_hash, created_at)
    )


def do_create_migration_project(  # noqa: PLR0917 (mirrors the protocol method)
    w: SqlWriter,
    name: str,
    source_language: str,
    target_language: str,
    source_framework: str | None,
    target_framework: str | None,
    created_at: int,
) -> int:
    """Insert one ``active`` migration project; returns its id."""
    return w.write_returning_id(
        INSERT_MIGRATION_PROJECT,
        (name, source_language, target_language, source_framework, target_framework, created_at),
    )


def do_create_migration_module(
    w: SqlWriter, project_id: int, module_name: str, created_at: int
) -> int:
    """Insert one ``pending`` module; the foreign key makes a missing project a ``Conflict``."""
    return w.write_returning_id(
        INSERT_MIGRATION_MODULE, (project_id, module_name, created_at, created_at)
    )


def do_insert_migration_correction(  # noqa: PLR0917 (mirrors the protocol method)
    w: SqlWriter,
    module_id: int,
    section: str,
    original_text: str,
    corrected_text: str,
    reason: str | None,
    created_at: int,
) -> int:
    """Insert one correction; the foreign key makes a missing module a ``Conflict``."""
    return w.write_returning_id(
        INSERT_MIGRATION_CORRECTION,
        (module_id, section, original_text, corrected_text, reason, created_at),
    )


def _simulation(r: Row) -> SimulationRow:
    return SimulationRow(
        id=r[0],
        task_category=r[1],
        task_description=r[2],
        approach_count=r[3],
        recommended_approach=r[4],
        p10_effort=r[5],
        p50_effort=r[6],
        p90_effort=r[7],
        created_at=r[8],
    )


class SqlDriftAdvanced:
    """`IDriftAdvanced` over a `SqlExecutor`."""

    _db: SqlExecutor

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
        check_str("task_category", task_category)
        check_str("task_description", task_description)
        check_int("approach_count", approach_count)
        check_opt_str("recommended_approach", recommended_approach)
        return do_insert_simulation(
            self._db,
            task_category,
            task_description,
            approach_count,
            recommended_approach,
            check_float("p10_effort", p10_effort),
            check_float("p50_effort", p50_effort),
            check_float("p90_effort", p90_effort),
            self._db.now(),
        )

    def get_simulations(self, limit: int) -> list[SimulationRow]:
        """The newest ``limit`` simulations, newest first."""
        check_limit(limit)
        return [_simulation(r) for r in self._db.read_all(SELECT_SIMULATIONS, (limit,))]

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
        """Record an architectural decision; returns its new id."""
        check_str("category", category)
        check_str("description", description)
        check_opt_str("commit_sha", commit_sha)
        value = check_float("confidence", confidence)
        check_opt_str("related_patterns", related_patterns)
        check_opt_str("author", author)
        check_opt_str("files_changed", files_changed)
        return do_insert_decision(
            self._db,
            category,
            description,
            commit_sha,
            value,
            related_patterns,
            author,
            files_changed,
            self._db.now(),
        )

    def insert_context_cache(
        self, session_id: str, intent: str, depth: str, token_count: int, content_hash: str
    ) -> int:
        """Record a generated context for a session; returns its new id."""
        check_str("session_id", session_id)
        check_str("intent", intent)
        check_str("depth", depth)
        check_int("token_count", token_count)
        check_str("content_hash", content_hash)
        return do_insert_context_cache(
            self._db, session_id, intent, depth, token_count, content_hash, self._db.now()
        )

    def create_migration_project(
        self,
        name: str,
        source_language: str,
        target_language: str,
        source_framework: str | None,
        target_framework: str | None,
    ) -> int:
        """Start a migration project with status ``active``; returns its new id."""
        check_str("name", name)
        check_str("source_language", source_language)
        check_str("target_language", target_language)
        check_opt_str("source_framework", source_framework)
        check_opt_str("target_framework", target_framework)
        return do_create_migration_project(
            self._db,
            name,
            source_language,
            target_language,
            source_framework,
            target_framework,
            self._db.now(),
        )

    def create_migration_module(self, project_id: int, module_name: str) -> int:
        """Add a ``pending`` module to a project; ``Conflict`` if the project does not exist."""
        check_int("project_id", project_id)
        check_str("module_name", module_name)
        return do_create_migration_module(self._db, project_id, module_name, self._db.now())

    def update_module_status(self, module_id: int, status: str) -> None:
        """Set a module's status and ``updated_at``; ``NotFound`` if there is no such module."""
        check_int("module_id", module_id)
        check_str("status", status)
        changed = self._db.write(UPDATE_MODULE_STATUS, (status, self._db.now(), module_id))
        if changed == 0:
            raise NotFound(f"no migration module with id {module_id}")

    def insert_migration_correction(
        self,
        module_id: int,
        section: str,
        original_text: str,
        corrected_text: str,
        reason: str | None,
    ) -> int:
        """Record a correction to a module; ``Conflict`` if the module does not exist."""
        check_int("module_id", module_id)
        check_str("section", section)
        check_str("original_text", original_text)
        check_str("corrected_text", corrected_text)
        check_opt_str("reason", reason)
        return do_insert_migration_correction(
            self._db, module_id, section, original_text, corrected_text, reason, self._db.now()
        )

    def get_migration_correction(self, correction_id: int) -> CorrectionRow | None:
        """One correction by id, or None."""
        check_int("correction_id", correction_id)
        r = self._db.read_one(SELECT_MIGRATION_CORRECTION, (correction_id,))
        if r is None:
            return None
        return CorrectionRow(
            id=r[0],
            module_id=r[1],
            section=r[2],
            original_text=r[3],
            corrected_text=r[4],
            reason=r[5],
            created_at=r[6],
        )
