"""The structure worker resolves the call graph on two cores; the edges are those of one.

``resolve_in_two`` hands about half the files to a forked copy of the worker
(``ForkedCall``) and merges its edges with its own. Each caller belongs to one file, so the
merge must give exactly ``resolve_calls``'s rows, in its order, whether the child answered or
failed (its share is then resolved in place).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drift.analysis.structure import CallResolver, Manifests, resolve_calls
from drift.pipeline import graph
from drift.scan import ForkedCall
from drift.scan.pool import FORK_SPLITS
from tests.unit.structure.support import function_rows, repo

REPOS = ("naming-python", "naming-java", "naming-typescript")


def _project() -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name in REPOS:
        parsed, _ = repo(name)
        results.update({f"{name}/{path}": result for path, result in parsed.items()})
    return results


def test_the_edges_resolved_in_two_are_those_resolved_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = _project()
    rows = function_rows(results)
    at_once = resolve_calls(rows, results, Manifests())
    assert len(at_once) > 10, "the fixtures must give the call graph something to resolve"

    answers: list[bytes | None] = []

    class Spy(ForkedCall):
        def result(self) -> bytes | None:
            answer = super().result()
            answers.append(answer)
            return answer

    monkeypatch.setattr(graph, "FORK_MIN_CALLS", 0)
    monkeypatch.setattr(graph, "ForkedCall", Spy)
    resolver = CallResolver(rows, results, Manifests())
    assert graph.resolve_in_two(resolver, results) == at_once
    assert len(answers) == 1
    assert (answers[0] is not None) == FORK_SPLITS  # the child's share was used

    class Failed(ForkedCall):
        def __init__(self, fn: Callable[[], bytes]) -> None:
            super().__init__(lambda: fn()[:-1])  # a truncated answer never arrives as one

        def result(self) -> bytes | None:
            super().result()
            return None

    monkeypatch.setattr(graph, "ForkedCall", Failed)
    resolver = CallResolver(rows, results, Manifests())
    assert graph.resolve_in_two(resolver, results) == at_once


def test_small_projects_are_resolved_without_a_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    results = _project()
    rows = function_rows(results)

    def no_fork(fn: Callable[[], bytes]) -> ForkedCall:
        raise AssertionError("a project this small is not split")

    monkeypatch.setattr(graph, "ForkedCall", no_fork)
    resolver = CallResolver(rows, results, Manifests())
    assert graph.resolve_in_two(resolver, results) == resolve_calls(rows, results, Manifests())


def test_the_halves_share_the_work_and_every_file() -> None:
    results = _project()
    paths = sorted(results)
    mine, theirs = graph._halves(paths, results)
    assert sorted(mine + theirs) == paths
    assert mine == sorted(mine)
    assert theirs == sorted(theirs)
    weight = graph._resolution_weight
    heaviest = max(weight(results[path]) for path in paths)
    difference = sum(weight(results[p]) for p in mine) - sum(weight(results[p]) for p in theirs)
    assert abs(difference) <= heaviest
