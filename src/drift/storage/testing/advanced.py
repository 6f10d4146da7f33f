"""`DriftAdvancedContract`: what every backend's `IDriftAdvanced` must do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drift.errors import Conflict, NotFound
from drift.records.advanced import CorrectionRow, SimulationRow
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import StorageUnderTest


def add_simulation(db: DriftStorage, category: str, p50: float = 5.0) -> int:
    """A simulation with three approaches; returns its id."""
    return db.insert_simulation(category, f"{category} task", 3, "incremental", 2.0, p50, 13.5)


def add_module(db: DriftStorage, module_name: str = "billing") -> int:
    """A module in a fresh Python → Go migration project; returns the module id."""
    project_id = db.create_migration_project("to-go", "python", "go", "django", None)
    return db.create_migration_module(project_id, module_name)


class DriftAdvancedContract:
    """Contract tests for ``IDriftAdvanced``; subclass with a backend fixture mixin."""

    def test_simulation_round_trip(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        new_id = db.insert_simulation("refactor", "split the module", 2, None, 1, 4.5, 9.25)
        rows = db.get_simulations(5)
        assert rows == [
            SimulationRow(
                new_id, "refactor", "split the module", 2, None, 1.0, 4.5, 9.25, backend.clock.now
            )
        ]
        assert isinstance(rows[0].p10_effort, float)

    def test_simulations_newest_first_ties_by_id_and_limit(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        first = add_simulation(db, "a")
        second = add_simulation(db, "b")
        backend.clock.advance(60)
        third = add_simulation(db, "c")
        assert first < second < third
        assert [s.id for s in db.get_simulations(10)] == [third, second, first]
        assert [s.task_category for s in db.get_simulations(2)] == ["c", "b"]
        assert db.get_simulations(0) == []

    def test_insert_decision_returns_new_ids(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        first = db.insert_decision(
            "architecture", "use the repository pattern", None, 0.8, None, None, None
        )
        second = db.insert_decision(
            "security", "parameterize all SQL", "abc123", 0.95, '["sql"]', "alice", '["db.py"]'
        )
        assert second > first > 0
        # Decisions are read back only through the reader.
        assert db.decision_evidence(str(first)) == 0.8
        assert db.decision_evidence(str(second)) == 0.95

    def test_insert_context_cache_returns_new_ids(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        first = db.insert_context_cache("session-1", "fix_bug", "deep", 1200, "hash-a")
        second = db.insert_context_cache("session-1", "fix_bug", "shallow", 300, "hash-b")
        assert second > first > 0

    def test_migration_project_module_and_correction(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        project_id = db.create_migration_project("to-rust", "python", "rust", None, "axum")
        other_project = db.create_migration_project("to-go", "python", "go", "flask", "gin")
        assert other_project > project_id > 0
        module_id = db.create_migration_module(project_id, "auth")
        second_module = db.create_migration_module(project_id, "billing")
        assert second_module > module_id > 0
        db.update_module_status(module_id, "in_progress")
        backend.clock.advance(7)
        correction_id = db.insert_migration_correction(
            module_id, "imports", "use std::old", "use std::new", "renamed crate"
        )
        bare_id = db.insert_migration_correction(second_module, "body", "x", "y", None)
        assert db.get_migration_correction(correction_id) == CorrectionRow(
            correction_id,
            module_id,
            "imports",
            "use std::old",
            "use std::new",
            "renamed crate",
            backend.clock.now,
        )
        bare = db.get_migration_correction(bare_id)
        assert bare is not None
        assert bare.reason is None
        assert bare.module_id == second_module

    def test_module_of_an_unknown_project_is_a_conflict(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        with pytest.raises(Conflict):
            db.create_migration_module(4242, "orphan")
        project_id = db.create_migration_project("p", "python", "go", None, None)
        assert db.create_migration_module(project_id, "ok") > 0

    def test_correction_of_an_unknown_module_is_a_conflict(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        with pytest.raises(Conflict):
            db.insert_migration_correction(4242, "s", "a", "b", None)
        module_id = add_module(db)
        assert db.insert_migration_correction(module_id, "s", "a", "b", None) > 0

    def test_update_module_status_of_an_unknown_module_is_not_found(
        self, backend: StorageUnderTest
    ) -> None:
        db = backend.drift
        with pytest.raises(NotFound):
            db.update_module_status(4242, "done")
        module_id = add_module(db)
        db.update_module_status(module_id, "done")
        with pytest.raises(NotFound):
            db.update_module_status(module_id + 1000, "done")

    def test_unknown_correction_is_none(self, backend: StorageUnderTest) -> None:
        db = backend.drift
        assert db.get_migration_correction(1) is None
        module_id = add_module(db)
        correction_id = db.insert_migration_correction(module_id, "s", "a", "b", None)
        assert db.get_migration_correction(correction_id + 1) is None

    def test_wrong_types_fail_before_anything_is_written(self, backend: StorageUnderTest) -> None:
        db: Any = backend.drift
        bad_calls: list[Callable[[], object]] = [
            lambda: db.insert_simulation("c", "d", "3", None, 1.0, 2.0, 3.0),
            lambda: db.insert_simulation("c", "d", 3, None, 1.0, "2", 3.0),
            lambda: db.insert_simulation(None, "d", 3, None, 1.0, 2.0, 3.0),
            lambda: db.insert_decision("c", "d", None, "high", None, None, None),
            lambda: db.insert_decision("c", "d", 5, 0.5, None, None, None),
            lambda: db.insert_context_cache("s", "i", "d", 1.5, "h"),
            lambda: db.create_migration_project("n", "python", None, None, None),
            lambda: db.create_migration_module("1", "m"),
            lambda: db.create_migration_module(True, "m"),
            lambda: db.update_module_status(1, None),
            lambda: db.insert_migration_correction(1, "s", "a", b"b", None),
            lambda: db.get_migration_correction("1"),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        with pytest.raises(ValueError, match="limit"):
            db.get_simulations(-1)
        assert db.get_simulations(10) == []
        assert db.decision_evidence("1") is None
        # No project was created, so project 1 does not exist.
        with pytest.raises(Conflict):
            db.create_migration_module(1, "m")
