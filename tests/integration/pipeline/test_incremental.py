"""Incremental scans: only what changed is analysed, nothing is duplicated, removed files take
their rows along, and the result equals a fresh full scan of the same tree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drift.analysis import packs as packs_module
from drift.pipeline import project as project_module
from drift.pipeline import scan
from drift.pipeline.summary import render_summary
from drift.scan import MODEL_VERSION, ParseResult
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import copy_repo, engines, snapshot

EXTRA_FUNCTION = "\n\ndef archive_invoice(number: int) -> int:\n    return number\n"


def _fresh(root: Path, tmp_path: Path) -> dict[str, object]:
    clock = FakeClock()
    with engines("memory", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        return snapshot(stores.drift, natural=True)


def _rows_of(drift: DriftStorage, path: str) -> dict[str, int]:
    return {
        "functions": len(drift.get_functions_by_file(path)),
        "detections": len(drift.get_detections_by_file(path)),
        "constants": len(drift.query_constants_by_file(path)),
        "error_gaps": len(drift.get_error_gaps_by_file(path)),
        "violations": len(drift.query_violations_by_file(path)),
    }


def test_touching_files_changes_nothing_and_skips_the_analysis(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        first = scan(root, stores.drift, clock=clock)
        before = snapshot(stores.drift, natural=True)
        for path in (root / "billing").glob("*.py"):
            os.utime(path, ns=(1, 1_700_000_123_000_456_789))
        second = scan(root, stores.drift, clock=clock)

        assert (first.added, first.reanalysed) == (7, True)
        assert (second.added, second.modified, second.removed, second.unchanged) == (0, 0, 0, 7)
        assert not second.reanalysed
        assert second.violations == first.violations
        assert second.patterns == first.patterns
        after = snapshot(stores.drift, natural=True)
        assert {k: v for k, v in after.items() if k != "files"} == {
            k: v for k, v in before.items() if k != "files"
        }
        latest, earlier = stores.drift.query_recent_scans(2)
        assert (latest.status, latest.unchanged_files, latest.modified_files) == ("completed", 7, 0)
        assert (earlier.added_files, earlier.total_files) == (7, 7)
        # the new mtimes were recorded, so the next scan takes the shortcut without hashing
        row = stores.drift.get_file_metadata("billing/invoices.py")
        assert row is not None
        assert (row.mtime_secs, row.mtime_nanos) == (1_700_000_123, 456_789)


def test_an_edit_is_reanalysed_without_duplicates_and_matches_a_fresh_scan(
    tmp_path: Path,
) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        drift = stores.drift
        scan(root, drift, clock=clock)
        before = _rows_of(drift, "billing/invoices.py")
        with open(root / "billing" / "invoices.py", "a", encoding="utf-8") as handle:
            handle.write(EXTRA_FUNCTION)
        summary = scan(root, drift, clock=clock)

        assert (summary.modified, summary.unchanged, summary.reanalysed) == (1, 6, True)
        assert summary.structure is not None  # a new function: the call graph is rebuilt
        after = _rows_of(drift, "billing/invoices.py")
        assert after["functions"] == before["functions"] + 1
        assert after["detections"] == before["detections"] + 1  # one more snake_case name
        assert snapshot(drift, natural=True) == _fresh(root, tmp_path / "fresh")
        assert drift.query_recent_scans(1)[0].modified_files == 1


def test_graph_facts_rebuilt_in_the_pool_while_patterns_run_match_a_fresh_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every unchanged file goes to the pool, whose facts a thread collects during the
    # pattern analysis (a real project needs GRAPH_INLINE_LIMIT files for that).
    monkeypatch.setattr(project_module, "GRAPH_INLINE_LIMIT", 1)
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        drift = stores.drift
        scan(root, drift, clock=clock, workers=2)
        with open(root / "billing" / "invoices.py", "a", encoding="utf-8") as handle:
            handle.write(EXTRA_FUNCTION)
        summary = scan(root, drift, clock=clock, workers=2)

        assert (summary.modified, summary.reanalysed) == (1, True)
        assert summary.structure is not None
        assert snapshot(drift, natural=True) == _fresh(root, tmp_path / "fresh")


def test_a_comment_edit_keeps_the_stored_patterns_and_structure(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        edges = stores.drift.count_call_edges()
        scored = stores.drift.query_all_confidence()
        with open(root / "billing" / "customers.py", "a", encoding="utf-8") as handle:
            handle.write("# reviewed\n")
        clock.advance(3600)
        summary = scan(root, stores.drift, clock=clock)

        assert (summary.modified, summary.reanalysed) == (1, True)
        assert summary.structure is None  # nothing the call graph reads moved
        assert stores.drift.count_call_edges() == edges
        # no detection or name changed: the patterns were not analysed again ...
        assert stores.drift.query_all_confidence() == scored
        # ... and the deviation derived for the edited file was carried over
        derived = stores.drift.get_detections_by_method("learned:convention")
        assert [(d.file, d.line) for d in derived] == [("billing/customers.py", 24)]
        assert summary.violations.total == 1
        assert snapshot(stores.drift, natural=True) == _fresh(root, tmp_path / "fresh")


def test_a_removed_file_takes_its_rows_along(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        drift = stores.drift
        scan(root, drift, clock=clock)
        assert _rows_of(drift, "billing/payments.py")["error_gaps"] == 1
        (root / "billing" / "payments.py").unlink()
        summary = scan(root, drift, clock=clock)

        assert (summary.removed, summary.tracked) == (1, 6)
        assert drift.get_file_metadata("billing/payments.py") is None
        assert _rows_of(drift, "billing/payments.py") == dict.fromkeys(
            ["functions", "detections", "constants", "error_gaps", "violations"], 0
        )
        assert summary.violations.total == 0  # the only violation was the handler in that file
        assert drift.query_recent_scans(1)[0].removed_files == 1
        assert snapshot(drift, natural=True) == _fresh(root, tmp_path / "fresh")


def test_an_added_file_joins_the_project(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("memory", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        (root / "billing" / "refunds.py").write_text(
            "def issue_refund(amount):\n    try:\n        return amount\n    except Exception:\n"
            "        pass\n",
            encoding="utf-8",
        )
        summary = scan(root, stores.drift, clock=clock)

        assert (summary.added, summary.tracked) == (1, 8)
        assert summary.structure is not None  # a new file can be called from anywhere
        gaps = stores.drift.get_error_gaps_by_file("billing/refunds.py")
        assert [g.function_id for g in gaps] == ["issue_refund"]
        assert snapshot(stores.drift, natural=True) == _fresh(root, tmp_path / "fresh")


def test_full_rescans_every_file_from_the_parse_cache(tmp_path: Path) -> None:
    root = copy_repo("naming-go", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        cached = stores.drift.count_parse_cache()
        before = snapshot(stores.drift, natural=True)
        summary = scan(root, stores.drift, clock=clock, full=True)

        assert (summary.unchanged, summary.reanalysed) == (5, True)
        assert stores.drift.count_parse_cache() == cached
        assert snapshot(stores.drift, natural=True) == before


def test_outdated_or_damaged_cache_rows_are_parsed_again_and_replaced(tmp_path: Path) -> None:
    # What a store written by an earlier release holds (another model version, hex hashes),
    # and a row damaged on disk: both read as misses, never as results.
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        before = snapshot(stores.drift, natural=True)
        rows = [
            stores.drift.get_parse_cache_by_hash(f.content_hash)
            for f in stores.drift.load_all_file_metadata()
        ]
        cached = [row for row in rows if row is not None]
        assert len(cached) >= 2
        outdated = f'[{MODEL_VERSION - 1}, ["python", "python", 1, null]]'
        for index, row in enumerate(cached):
            damaged = (
                outdated if index % 2 else row.parse_result_json[: len(row.parse_result_json) // 2]
            )
            stores.drift.insert_parse_cache(row.content_hash, row.language, damaged, 1)

        summary = scan(root, stores.drift, clock=clock, full=True)

        assert summary.reanalysed
        for row in cached:
            stored = stores.drift.get_parse_cache_by_hash(row.content_hash)
            assert stored is not None
            assert ParseResult.from_json(stored.parse_result_json).grammar == "python"
        assert snapshot(stores.drift, natural=True) == before


def test_skipped_files_are_recorded_and_forgotten_when_they_come_back(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        drift = stores.drift
        first = scan(root, drift, clock=clock)
        record = drift.get_file_metadata("logo.png")
        assert record is not None
        assert (record.error_count, record.error) == (
            1,
            "skipped: binary: binary content (NUL byte in the first 8192 bytes)",
        )
        assert [(s.path, s.reason) for s in first.skipped] == [("logo.png", "binary")]
        assert first.tracked == 7

        big = root / "billing" / "reports.py"
        original = big.read_bytes()
        big.write_bytes(original + b"#" * 1_100_000 + b"\n")
        second = scan(root, drift, clock=clock)
        assert second.removed == 1
        assert drift.get_functions_by_file("billing/reports.py") == []
        recorded = drift.get_file_metadata("billing/reports.py")
        assert recorded is not None
        assert recorded.error is not None
        assert recorded.error.startswith("skipped: too large: ")

        big.write_bytes(original)
        (root / "logo.png").unlink()
        third = scan(root, drift, clock=clock)
        assert third.added == 1
        assert drift.get_file_metadata("logo.png") is None
        restored = drift.get_file_metadata("billing/reports.py")
        assert restored is not None
        assert restored.error is None
        assert snapshot(drift, natural=True) == _fresh(root, tmp_path / "fresh")


def test_turning_on_skip_generated_reads_unchanged_files_again(tmp_path: Path) -> None:
    # An unchanged file is not read again; a change of what counts as generated must be.
    root = copy_repo("naming-python", tmp_path)
    (root / "billing" / "user_pb2.py").write_text(
        "# Generated by the protocol buffer compiler.  DO NOT EDIT!\ndef getUser():\n    pass\n",
        encoding="utf-8",
    )
    (root / "drift.toml").write_text("[scan]\nskip_generated = false\n", encoding="utf-8")
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        drift = stores.drift
        first = scan(root, drift, clock=clock)
        assert first.skipped == ()
        assert [f.name for f in drift.get_functions_by_file("billing/user_pb2.py")] == ["getUser"]

        (root / "drift.toml").write_text("[scan]\nskip_generated = true\n", encoding="utf-8")
        second = scan(root, drift, clock=clock)
        assert [(s.path, s.reason) for s in second.skipped] == [
            ("billing/user_pb2.py", "generated")
        ]
        assert second.removed == 1
        assert drift.get_functions_by_file("billing/user_pb2.py") == []
        record = drift.get_file_metadata("billing/user_pb2.py")
        assert record is not None
        assert record.error is not None
        assert record.error.startswith("skipped: generated: generated code (line 1: ")


def test_a_syntax_error_is_recorded_and_the_scan_goes_on(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    (root / "billing" / "broken.py").write_text(
        "def half(:\n    return\n\ndef whole_number():\n    return 1\n", encoding="utf-8"
    )
    clock = FakeClock()
    with engines("memory", tmp_path, clock) as stores:
        summary = scan(root, stores.drift, clock=clock)
        row = stores.drift.get_file_metadata("billing/broken.py")
        assert row is not None
        assert row.error_count > 0
        assert row.error is not None
        assert summary.syntax_errors == (("billing/broken.py", row.error),)
        assert "              billing/broken.py: 1 syntax error; first at line 1" in (
            render_summary(summary)
        )
        assert summary.tracked == 8
        # A later scan that analyses nothing still names it, from what storage holds.
        again = scan(root, stores.drift, clock=clock)
        assert again.syntax_errors == summary.syntax_errors
        names = [fn.name for fn in stores.drift.get_functions_by_file("billing/broken.py")]
        assert "whole_number" in names


def test_a_new_pack_reanalyses_unchanged_files(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        packs = root / ".drift" / "packs"
        packs.mkdir(parents=True)
        (packs / "house.toml").write_text(
            '[framework]\nname = "house"\n\n[[patterns]]\nid = "HOUSE-LOGGER"\n'
            'category = "logging"\n[patterns.match]\ncalls = ["logger.warning"]\n',
            encoding="utf-8",
        )
        summary = scan(root, stores.drift, clock=clock)

        assert (summary.modified, summary.added, summary.reanalysed) == (0, 0, True)
        found = stores.drift.get_detections_by_pattern_prefix("HOUSE-")
        assert [(d.file, d.line) for d in found] == [("billing/customers.py", 16)]


def test_a_dotenv_file_marks_the_variables_it_defines(tmp_path: Path) -> None:
    root = copy_repo("naming-python", tmp_path)
    (root / "billing" / "settings.py").write_text(
        'import os\n\nAPI_URL = os.environ.get("BILLING_API_URL", "http://localhost")\n',
        encoding="utf-8",
    )
    clock = FakeClock()
    with engines("memory", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        (read,) = stores.drift.query_env_variables_by_name("BILLING_API_URL")
        assert not read.defined_in_env
        (root / ".env").write_text("BILLING_API_URL=https://billing\n", encoding="utf-8")
        scan(root, stores.drift, clock=clock)
        (read,) = stores.drift.query_env_variables_by_name("BILLING_API_URL")
        assert read.defined_in_env
        (root / ".env").unlink()
        scan(root, stores.drift, clock=clock)
        (read,) = stores.drift.query_env_variables_by_name("BILLING_API_URL")
        assert not read.defined_in_env


def test_a_failed_scan_is_recorded_and_the_next_one_starts_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(project_module, "analyze_patterns", broken)
        with pytest.raises(RuntimeError, match="disk on fire"):
            scan(root, stores.drift, clock=clock)
        (failed,) = stores.drift.query_recent_scans(1)
        assert (failed.status, failed.error) == ("failed", "RuntimeError: disk on fire")

        monkeypatch.undo()
        summary = scan(root, stores.drift, clock=clock)
        # the files were stored before the failure, so they look unchanged; the failed
        # predecessor makes this scan analyse them all again anyway
        assert (summary.unchanged, summary.reanalysed) == (7, True)
        assert stores.drift.query_recent_scans(1)[0].status == "completed"
        assert snapshot(stores.drift, natural=True) == _fresh(root, tmp_path / "fresh")


def test_a_scan_that_finds_nothing_changed_does_not_load_the_packs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The packs are those the last complete scan loaded (their fingerprint says so); parsing
    # them again would cost a no-change rescan a tenth of its time.
    root = copy_repo("naming-python", tmp_path)
    clock = FakeClock()
    with engines("sqlite", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("the packs were loaded")

        monkeypatch.setattr(packs_module, "load_packs", refuse)
        summary = scan(root, stores.drift, clock=clock)
        assert (summary.unchanged, summary.reanalysed) == (7, False)
        with open(root / "billing" / "invoices.py", "a", encoding="utf-8") as handle:
            handle.write(EXTRA_FUNCTION)
        with pytest.raises(AssertionError, match="the packs were loaded"):
            scan(root, stores.drift, clock=clock)
