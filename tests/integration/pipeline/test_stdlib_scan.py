"""A full scan of the running interpreter's standard library: no crash, no unrecorded error.

One scan, in the process pool, into SQLite; then the stored state is checked for completeness:
every discovered file has a row, every problem (syntax error, skip) is written down, and the
project-wide stages produced a pattern set, a call graph and a verdict.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

from drift.pipeline import PipelineConfig, scan
from drift.scan import ScanConfig, discover, grammar_for_path
from drift.storage.backends import open_storage


@pytest.mark.slow
def test_the_standard_library_scans_with_every_problem_recorded(tmp_path: Path) -> None:
    root = Path(sysconfig.get_paths()["stdlib"])
    scan_config = ScanConfig(exclude=("site-packages/", "dist-packages/"))
    config = PipelineConfig(root=root, scan=scan_config)
    with open_storage(str(tmp_path / "store")) as stores:
        drift = stores.drift
        summary = scan(root, drift, config=config, workers=2)

        found = discover(root, scan_config)
        rows = {row.path: row for row in drift.load_all_file_metadata()}
        assert summary.tracked == len(found.files)
        assert summary.failed == ()
        assert {f.path for f in found.files} <= set(rows)
        parsed = [f.path for f in found.files if grammar_for_path(f.path) is not None]
        assert summary.analysed == len(parsed) > 1000
        for path in parsed:
            row = rows[path]
            # a syntax error (the test suite holds deliberately broken files) is written down
            assert (row.error_count > 0) == (row.error is not None), path
        assert [path for path, _ in summary.syntax_errors] == sorted(
            p for p in parsed if rows[p].error_count > 0
        )
        for skipped in summary.skipped:
            if skipped.reason in {"binary", "too_large", "unreadable"}:
                record = rows[skipped.path]
                assert record.error is not None
                assert record.error.startswith("skipped: ")
        (latest,) = drift.query_recent_scans(1)
        assert (latest.status, latest.error, latest.added_files) == (
            "completed",
            None,
            len(found.files),
        )
        assert summary.patterns > 10
        assert drift.count_functions() > 10_000
        assert drift.count_call_edges() > 10_000
        assert summary.verdict is not None
