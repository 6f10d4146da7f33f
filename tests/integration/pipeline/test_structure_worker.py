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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drift.pipeline import graph, project, scan
from drift.scan import BackgroundFeed
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import copy_repo, engines, snapshot


def die(feed: Iterator[object]) -> Iterator[bytes]:
    next(feed, None)
    os._exit(7)  # a worker killed mid-way, as the OOM killer would
    yield b""


def die_after_the_edges(feed: Iterator[graph.GraphFacts]) -> Iterator[bytes]:
    parts = graph.structure_from_feed(feed)
    yield next(parts)  # the call edges, which the scan stores at once
    os._exit(7)


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

    def spy(fn: Any) -> BackgroundFeed[Any]:
        started.append(fn)
        return BackgroundFeed(fn)

    monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 1)
    monkeypatch.setattr(graph, "BackgroundFeed", spy)
    assert _scan(repo, tmp_path) == in_place
    assert started == [graph.structure_from_feed]

    # The edges from a worker are stored in steps: many small ones store them all the same.
    steps: list[int] = []
    send_edges = graph.send_edges

    def counted(storage: Any, edges: Any) -> None:
        steps.append(-(-len(edges) // graph.EDGES_PER_STEP))
        send_edges(storage, edges)

    monkeypatch.setattr(graph, "EDGES_PER_STEP", 2)
    monkeypatch.setattr(graph, "send_edges", counted)
    assert _scan(repo, tmp_path) == in_place
    assert len(steps) == 1
    assert steps[0] > 2

    for dying in (die, die_after_the_edges):
        monkeypatch.setattr(graph, "structure_from_feed", dying)
        assert _scan(repo, tmp_path) == in_place
        assert started[-1] is dying


EXTRA_FUNCTION = "\n\ndef archive_invoice(number: int) -> int:\n    return number\n"


@pytest.mark.parametrize("pooled", [False, True])
def test_an_edit_that_moves_the_structure_rebuilds_it_in_a_worker_like_a_fresh_scan(
    pooled: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only after the analysis is it known that the edit moved the structure: the worker is
    # started then, and given every file's facts at once (the unchanged files' from the pool
    # when ``pooled``, while the patterns are analysed).
    feeds: list[BackgroundFeed[Any]] = []

    def spy(fn: Any) -> BackgroundFeed[Any]:
        feeds.append(BackgroundFeed(fn))
        return feeds[-1]

    monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 1)
    monkeypatch.setattr(graph, "BackgroundFeed", spy)
    if pooled:
        monkeypatch.setattr(project, "GRAPH_INLINE_LIMIT", 1)
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock, workers=2)
        with open(root / "billing" / "invoices.py", "a", encoding="utf-8") as handle:
            handle.write(EXTRA_FUNCTION)
        started = len(feeds)
        summary = scan(root, stores.drift, clock=clock, workers=2)
        assert summary.structure is not None
        assert len(feeds) == started + 1
        edited = snapshot(stores.drift, natural=True)
    monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 10**6)
    fresh_clock = FakeClock()
    with engines("memory", tmp_path / "fresh", fresh_clock) as stores:
        scan(root, stores.drift, clock=fresh_clock)
        assert edited == snapshot(stores.drift, natural=True)


def test_a_failing_scan_stops_its_structure_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds: list[BackgroundFeed[Any]] = []

    def spy(fn: Any) -> BackgroundFeed[Any]:
        feeds.append(BackgroundFeed(fn))
        return feeds[-1]

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("pattern analysis failed")

    monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 1)
    monkeypatch.setattr(graph, "BackgroundFeed", spy)
    monkeypatch.setattr(project, "analyze_patterns", broken)
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        with pytest.raises(RuntimeError, match="pattern analysis failed"):
            scan(root, stores.drift, clock=clock, workers=2)
        assert stores.drift.query_recent_scans(1)[0].status == "failed"
    assert feeds, "the structure must have been begun in a worker"
    assert not any(feed.running for feed in feeds)


@pytest.mark.parametrize("kind", ["sqlite", "memory"])
def test_a_rescan_stores_its_edges_in_one_replacement_and_ends_like_a_fresh_scan(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Into an empty table the edges go in steps; over a stored graph in one replacement,
    # of which the backend writes only the difference. Either way the stored graph is the
    # one a fresh scan of the edited repository stores.
    monkeypatch.setattr(graph, "EDGES_PER_STEP", 2)
    root = copy_repo("naming-python", tmp_path / "edited")
    clock = FakeClock()
    with engines(kind, tmp_path / "store", clock) as stores:
        sent: list[str] = []
        real = stores.drift.send_batch

        def spy(command: Any) -> None:
            sent.append(type(command).__name__)
            real(command)

        monkeypatch.setattr(stores.drift, "send_batch", spy)
        scan(root, stores.drift, clock=clock)
        first = [name for name in sent if name.endswith("CallEdges")]
        assert first[0] == "ReplaceCallEdges"
        assert first.count("InsertCallEdges") > 1
        with open(root / "billing" / "invoices.py", "a", encoding="utf-8") as handle:
            handle.write(EXTRA_FUNCTION + "\n\ndef total(items):\n    return archive_invoice(1)\n")
        sent.clear()
        scan(root, stores.drift, clock=clock)
        assert [name for name in sent if name.endswith("CallEdges")] == ["ReplaceCallEdges"]
        rescanned = snapshot(stores.drift, natural=True)
    fresh_root = copy_repo("naming-python", tmp_path / "fresh")
    with open(fresh_root / "billing" / "invoices.py", "a", encoding="utf-8") as handle:
        handle.write(EXTRA_FUNCTION + "\n\ndef total(items):\n    return archive_invoice(1)\n")
    with engines(kind, tmp_path / "fresh-store", FakeClock()) as stores:
        scan(fresh_root, stores.drift, clock=FakeClock())
        fresh = snapshot(stores.drift, natural=True)
    assert rescanned["edges"] == fresh["edges"]
    assert any(edge[0][1] == "total" for edge in fresh["edges"])  # the edit added an edge


GO_REPO = {
    "go.mod": "module example.com/m\n\ngo 1.21\n",
    "http/client.go": 'package http\n\nimport "example.com/m/util"\n\n'
    "func Get(url string) string { return util.Clean(url) }\n",
    "util/util.go": 'package util\n\nimport "net/http"\n\n'
    "func Clean(s string) string { return s }\n\n"
    "func Fetch(u string) { resp, _ := http.Get(u); resp.Body.Close() }\n",
}


@pytest.mark.parametrize("background", [False, True])
def test_go_imports_follow_the_go_mod_in_place_and_in_a_worker(
    background: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # testify's ``net/http`` had reached its own ``http/`` package: a false import cycle.
    if background:
        monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 1)
    for name, text in GO_REPO.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    clock = FakeClock()
    with engines("memory", tmp_path / "store", clock) as stores:
        summary = scan(tmp_path, stores.drift, clock=clock, workers=2)
        assert summary.structure is not None
        assert summary.structure.cycles == 0
        edges = snapshot(stores.drift, natural=True)["edges"]
    assert [(caller, callee) for caller, callee, *_ in edges] == [
        (("http/client.go", "Get", 5), ("util/util.go", "Clean", 5))
    ]


JS_REPO = {
    "package.json": '{"name": "shouty", "main": "lib/shout.js"}\n',
    "lib/shout.js": "function shout(s) { return s.toUpperCase(); }\nmodule.exports = shout;\n",
    "test/shout.test.js": (
        "const shout = require('..');\n\nfunction check() { return shout('a'); }\n"
        "module.exports = { check };\n"
    ),
    "test/blocks.test.js": (
        "const shout = require('../');\n\ntest('shouts', () => {\n  shout('a');\n});\n"
    ),
}


@pytest.mark.parametrize("background", [False, True])
def test_a_require_of_the_package_follows_its_package_json_in_place_and_in_a_worker(
    background: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if background:
        monkeypatch.setattr(graph, "BACKGROUND_MIN_FILES", 1)
    root = tmp_path / "repo"
    for name, text in JS_REPO.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    clock = FakeClock()
    with engines("memory", tmp_path / "store", clock) as stores:
        scan(root, stores.drift, clock=clock, workers=2)
        tables = snapshot(stores.drift, natural=True)
        assert [(caller, callee) for caller, callee, *_ in tables["edges"]] == [
            (("test/shout.test.js", "check", 3), ("lib/shout.js", "shout", 1))
        ]
        # A test block's calls, resolved by the test mapping, see package.json too.
        assert ("test/blocks.test.js::shouts@3", "lib/shout.js::shout", "direct") in {
            (row["test_function_id"], row["source_function_id"], row["coverage_type"])
            for row in tables["coverage"]
        }
        # The package's entry moves: only package.json changed, and the graph follows it.
        (root / "lib" / "quiet.js").write_text(
            "function quiet(s) { return s; }\nmodule.exports = quiet;\n", encoding="utf-8"
        )
        clock.advance(60)
        scan(root, stores.drift, clock=clock, workers=2)
        (root / "package.json").write_text('{"main": "lib/quiet.js"}\n', encoding="utf-8")
        clock.advance(60)
        summary = scan(root, stores.drift, clock=clock, workers=2)
        assert summary.structure is not None
        edges = snapshot(stores.drift, natural=True)["edges"]
        assert [(caller, callee) for caller, callee, *_ in edges] == [
            (("test/shout.test.js", "check", 3), ("lib/quiet.js", "quiet", 1))
        ]
