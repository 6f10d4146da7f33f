"""Pattern statuses across scans: new patterns are discovered, a well-established one is
approved automatically, and a person's decision is never overridden."""

from __future__ import annotations

from pathlib import Path

from drift.analysis.lifecycle import discovered, ignore
from drift.pipeline import scan
from drift.pipeline.analyze import status_row
from drift.storage.backends import StorageSet, open_storage
from drift.storage.testing.base import FakeClock

DAYS = 86_400
MODULE = (
    "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef work_{n}():\n    return {n}\n"
)


def _project(root: Path, files: int) -> None:
    for n in range(files):
        path = root / "pkg" / f"module_{n}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MODULE.format(n=n), encoding="utf-8")


def _statuses(stores: StorageSet) -> dict[str, tuple[str, str | None]]:
    drift = stores.drift
    return {r.pattern_id: (r.status, r.approved_by) for r in drift.query_all_pattern_statuses()}


def test_an_established_pattern_is_auto_approved_once_it_has_aged(tmp_path: Path) -> None:
    _project(tmp_path, 30)
    clock = FakeClock()
    with open_storage("memory://", clock=clock) as stores:
        first = scan(tmp_path, stores.drift, clock=clock)
        assert first.auto_approved == ()
        assert _statuses(stores)["LOG-PY-STDLIB-LOGGER"] == ("discovered", None)

        clock.advance(31 * DAYS)  # the age factor saturates at 30 days
        (tmp_path / "pkg" / "module_0.py").write_text(
            MODULE.format(n=0) + "\n\ndef more_work():\n    return 0\n", encoding="utf-8"
        )
        second = scan(tmp_path, stores.drift, clock=clock)

        assert "LOG-PY-STDLIB-LOGGER" in second.auto_approved
        assert _statuses(stores)["LOG-PY-STDLIB-LOGGER"] == ("approved", "auto")
        (confidence,) = [
            r for r in stores.drift.query_all_confidence() if r.pattern_id == "LOG-PY-STDLIB-LOGGER"
        ]
        assert confidence.posterior_mean >= 0.90
        assert second.approved >= 1


def test_a_persons_decision_is_never_overridden(tmp_path: Path) -> None:
    _project(tmp_path, 30)
    clock = FakeClock()
    with open_storage("memory://", clock=clock) as stores:
        scan(tmp_path, stores.drift, clock=clock)
        decided = ignore(discovered("LOG-PY-STDLIB-LOGGER", clock.now), by="ada", now=clock.now)
        stores.drift.upsert_pattern_status(status_row(decided))
        clock.advance(31 * DAYS)
        (tmp_path / "pkg" / "extra.py").write_text(MODULE.format(n=99), encoding="utf-8")
        second = scan(tmp_path, stores.drift, clock=clock)

        assert "LOG-PY-STDLIB-LOGGER" not in second.auto_approved
        assert _statuses(stores)["LOG-PY-STDLIB-LOGGER"] == ("ignored", "ada")
