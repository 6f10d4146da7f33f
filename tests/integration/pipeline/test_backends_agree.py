"""The pipeline stores the same thing on SQLite and on ``memory://``: every table, every step.

One scenario runs on both backends side by side (same files, same clock): a first scan, a
pattern approved, a file edited and rescanned, a check with ``--new-only``, feedback, a file
deleted and one added. After each step the two stores are compared table by table through the
storage protocols (only wall-clock durations are left out).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest

from drift.analysis.lifecycle import approve, discovered
from drift.enforcement import dismiss
from drift.pipeline import enforce_run, scan
from drift.pipeline.analyze import status_row
from drift.storage.backends import StorageSet
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import REPO_NAMES, copy_repo, engines, snapshot

EDITS = {
    "naming-python": (
        "billing/invoices.py",
        "\n\ndef reprint_invoice(number):\n    return number\n",
    ),
    "naming-typescript": (
        "src/utils/format.ts",
        "\nexport function trim_label(x: string) { return x; }\n",
    ),
    "naming-javascript": ("lib/notes.js", "\nfunction countWords(text) { return text.length; }\n"),
    "naming-go": ("internal/config/config.go", '\nfunc Describe() string { return "cfg" }\n'),
    "naming-java": (
        "src/main/java/com/acme/shop/Order.java",
        '\nclass OrderNote { String text() { return ""; } }\n',
    ),
}
DOMINANT = {
    "naming-python": "NAMING-PY-FUNCTION-SNAKE",
    "naming-typescript": "NAMING-JS-FUNCTION-CAMEL",
    "naming-javascript": "NAMING-JS-FUNCTION-CAMEL",
    "naming-go": "NAMING-GO-FUNCTION-MIXEDCAPS",
    "naming-java": "NAMING-JAVA-METHOD-CAMEL",
}


def _both(stores: dict[str, StorageSet], step: Callable[[StorageSet], object]) -> None:
    for kind in ("sqlite", "memory"):
        step(stores[kind])
    assert snapshot(stores["sqlite"].drift) == snapshot(stores["memory"].drift)


@pytest.mark.parametrize("repo", REPO_NAMES)
def test_sqlite_and_memory_store_identical_results(repo: str, tmp_path: Path) -> None:
    root = copy_repo(repo, tmp_path)
    clocks = {"sqlite": FakeClock(), "memory": FakeClock()}
    with ExitStack() as stack:
        stores = {
            kind: stack.enter_context(engines(kind, tmp_path, clocks[kind])) for kind in clocks
        }

        def scan_step(kind: str) -> Callable[[StorageSet], object]:
            return lambda s: scan(root, s.drift, clock=clocks[kind])

        def run(step: Callable[[str], Callable[[StorageSet], object]]) -> None:
            for kind in ("sqlite", "memory"):
                clocks[kind].advance(60)
                step(kind)(stores[kind])
            assert snapshot(stores["sqlite"].drift) == snapshot(stores["memory"].drift)

        run(scan_step)

        def approve_step(kind: str) -> Callable[[StorageSet], object]:
            def do(s: StorageSet) -> object:
                now = clocks[kind].now
                state = approve(discovered(DOMINANT[repo], now), by="me", confidence=0.5, now=now)
                s.drift.upsert_pattern_status(status_row(state))
                return enforce_run(s.drift, root, "standard")

            return do

        run(approve_step)
        path, text = EDITS[repo]
        with open(root / path, "a", encoding="utf-8") as handle:
            handle.write(text)
        run(scan_step)
        run(lambda kind: lambda s: enforce_run(s.drift, root, "strict", new_only=True))

        def feedback_step(kind: str) -> Callable[[StorageSet], object]:
            def do(s: StorageSet) -> object:
                first = sorted(v.id for v in s.drift.query_all_violations())[0]
                return dismiss(
                    s.drift, first, dismissal_reason="false_positive", clock=clocks[kind]
                )

            return do

        run(feedback_step)
        (root / path).unlink()
        (root / "added.py").write_text("def brand_new():\n    return 1\n", encoding="utf-8")
        run(scan_step)
        run(lambda kind: lambda s: scan(root, s.drift, clock=clocks[kind], full=True))
        final = snapshot(stores["memory"].drift)
        assert final["counts"]["scans"] == 4
        assert path not in {row["path"] for row in final["files"]}
