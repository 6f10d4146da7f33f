"""Fixtures: every enforcement test that touches storage runs on the memory and SQLite backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drift.storage.memory.engine import MemoryDriftStorage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.testing.base import FakeClock
from tests.unit.enforcement.seeding import Seeder


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test moves by hand."""
    return FakeClock()


@pytest.fixture(params=["memory", "sqlite"])
def storage(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> Iterator[DriftStorage]:
    """A fresh drift store on each backend."""
    engine: DriftStorage
    if request.param == "memory":
        engine = MemoryDriftStorage(clock=clock)
    else:
        engine = SqliteDriftStorage(tmp_path / "drift.db", clock=clock)
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The scanned tree."""
    path = tmp_path / "repo"
    path.mkdir()
    return path


@pytest.fixture
def seed(storage: DriftStorage, root: Path) -> Seeder:
    """A seeder over the store and the tree."""
    return Seeder(storage, root)
