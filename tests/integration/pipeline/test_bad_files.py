"""Property: random bytes, truncated and mis-encoded source files never crash a scan; each file
ends up analysed (with any syntax error recorded) or recorded as skipped."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drift.analysis.structure import FileStructure
from drift.pipeline import scan
from drift.scan import ParseResult
from drift.storage.backends import open_storage
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import REPOS

EXTENSIONS = (".py", ".ts", ".tsx", ".js", ".go", ".java")
SOURCES = sorted(p for p in REPOS.rglob("*") if p.suffix in EXTENSIONS)


def _mangled(source: bytes, cut: int, encoding_noise: bytes) -> bytes:
    """A real source file cut short, with bytes that are not UTF-8 spliced in."""
    head = source[: cut % (len(source) + 1)]
    middle = len(head) // 2
    return head[:middle] + encoding_noise + head[middle:]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    noise=st.lists(st.binary(max_size=300), min_size=1, max_size=4),
    picks=st.lists(st.integers(min_value=0, max_value=10_000), min_size=2, max_size=4),
    latin=st.text(alphabet="éàüß€\u2028\ufeff", max_size=20),
)
def test_damaged_files_never_crash_a_scan(noise: list[bytes], picks: list[int], latin: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        written: list[str] = []
        for index, blob in enumerate(noise):
            name = f"random_{index}{EXTENSIONS[index % len(EXTENSIONS)]}"
            (root / name).write_bytes(blob)
            written.append(name)
        for index, pick in enumerate(picks):
            source = SOURCES[pick % len(SOURCES)]
            name = f"cut_{index}{source.suffix}"
            (root / name).write_bytes(
                _mangled(source.read_bytes(), pick, latin.encode("latin-1", "replace"))
            )
            written.append(name)
        clock = FakeClock()
        with open_storage("memory://", clock=clock) as stores:
            summary = scan(root, stores.drift, clock=clock)
            rows = {row.path: row for row in stores.drift.load_all_file_metadata()}
            (latest,) = stores.drift.query_recent_scans(1)

        assert summary.failed == ()
        assert set(written) == set(rows)
        skipped = {item.path for item in summary.skipped}
        for name in written:
            row = rows[name]
            if name in skipped:
                assert row.error is not None
                assert row.error.startswith("skipped: binary")
            else:
                assert (row.error_count > 0) == (row.error is not None)
        assert (latest.status, latest.total_files) == ("completed", len(written) - len(skipped))


def test_a_file_whose_analysis_failed_is_analysed_again_by_the_next_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drift.pipeline import worker

    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.py").write_text("def load():\n    return 1\n", encoding="utf-8")
    (root / "b.py").write_text("def save():\n    return 2\n", encoding="utf-8")
    real = worker.file_structure

    def broken(path: str, result: ParseResult, text: str) -> FileStructure:
        if path == "b.py":
            raise NameError("a bug of Drift's own")
        return real(path, result, text)

    clock = FakeClock()
    with open_storage("memory://", clock=clock) as stores:
        monkeypatch.setattr(worker, "file_structure", broken)
        first = scan(root, stores.drift, clock=clock, workers=1)
        assert [path for path, _ in first.failed] == ["b.py"]
        monkeypatch.undo()
        second = scan(root, stores.drift, clock=clock, workers=1)
        assert second.reanalysed
        assert second.failed == ()
        assert {row.name for row in stores.drift.get_functions_by_file("b.py")} == {"save"}
