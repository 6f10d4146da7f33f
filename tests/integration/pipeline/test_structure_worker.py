"""The project-wide structure computed in a worker process equals the one computed in place.

A large project's call graph, coupling and test mapping are computed in a worker process of
their own while the patterns are analysed (``drift.pipeline.graph.StructureBuild``). Here the
size threshold is lowered so a fixture repository takes that path, and every table must come
out as it does when the structure is computed in the scanning process; a worker that dies
costs time, not results.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from drift.pipeline import graph, scan
from drift.scan import BackgroundCall
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import copy_repo, engines, snapshot


def die(data: bytes) -> bytes:
    os._exit(len(data) % 7 + 1)  # a worker killed mid-way, as the OOM killer would


def _scan(repo: str, directory: Path) -> dict[str, Any]:
    # The same root every time: the scan history records it.
    shutil.rmtree(directory, ignore_errors=True)
    root = copy_repo(repo, directory)
    clock = FakeClock()
    with engines("memory", directory, clock) as stores:
        scan(root, stores.drift, clock=clock, workers=2)
        return snapshot(stores.drift)


@pytest.mark.parametrize("repo", ["naming-python", "naming-java"])
def test_structure_from_a_worker_process_equals_structure_computed_in_place(
    repo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_place = _scan(repo, tmp_path)
    assert in_place["edges"], "the fixture must give the call graph something to resolve"

    started: list[object] = []

    def spy(fn: Any, data: bytes) -> BackgroundCall:
        started.append(fn)
        return BackgroundCall(fn, data)

    monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 1)
    monkeypatch.setattr(graph, "BackgroundCall", spy)
    assert _scan(repo, tmp_path) == in_place
    assert started == [graph.packed_project_structure]

    monkeypatch.setattr(graph, "packed_project_structure", die)
    assert _scan(repo, tmp_path) == in_place
    assert started[-1] is die
