"""Contract tests for ``IDriftBatchWriter``: typed and raw sends, flushes, counters, shutdown.

Rows sent are visible once ``flush_sync`` returns; counters count rows written, deleted files
and flushes that committed something. Between a send and a flush a backend may commit on its
own (an idle timeout), so only ``flushes >= 1`` is asserted after several sends.
"""

from __future__ import annotations

import json
import re

import pytest
from msgspec.structs import asdict, replace

from drift.errors import EngineClosed
from drift.records.batch import (
    COMMAND_TYPES,
    BatchCommand,
    DeleteFileMetadata,
    InsertBoundaries,
    InsertCallEdges,
    InsertConventions,
    InsertDetections,
    InsertFunctions,
    InsertHealthTrends,
    InsertOutliers,
    InsertParseCache,
    InsertPatternConfidence,
    InsertScanHistory,
    ReplaceFileDetections,
    UpsertFileMetadata,
    UpsertPatternStatuses,
    WriteStats,
    decode_command,
    encode_command,
)
from drift.records.enforcement import HealthTrendRow
from drift.records.files import ParseCacheRow
from drift.storage.testing.analysis_rows import (
    boundary_row,
    confidence_row,
    convention_row,
    detection_row,
    edge,
    file_row,
    function_row,
    outlier_row,
    parse_cache_row,
    scan_row,
    untyped,
    write,
)
from drift.storage.testing.base import StorageUnderTest
from drift.storage.testing.batch_replacements import (
    BatchReplacementContract,
    replacement_commands,
)
from drift.storage.testing.batch_structural import BatchStructuralContract, structural_commands
from drift.storage.testing.enforcement import status


def _counters(stats: WriteStats) -> dict[str, int]:
    """The non-zero row and file counters (``flushes`` left out: it depends on timing)."""
    return {name: value for name, value in asdict(stats).items() if value and name != "flushes"}


def sample_commands() -> list[BatchCommand]:
    """One command of each files/analysis kind, with known row counts."""
    return [
        UpsertFileMetadata([file_row("a.py"), file_row("b.py")]),
        InsertParseCache([parse_cache_row(b"\x00\x01"), parse_cache_row(b"\xff")]),
        InsertFunctions([function_row("a.py", "f", 1), function_row("a.py", "g", 9)]),
        InsertCallEdges([edge(1, 2, 3), edge(2, 1, 4), edge(1, 2, 3)]),
        InsertDetections([detection_row("a.py", 1), detection_row("b.py", 2)]),
        ReplaceFileDetections("b.py", [detection_row("b.py", 5, cwe_ids="79")]),
        InsertBoundaries([boundary_row("a.py", sensitivity="pii")]),
        InsertPatternConfidence([confidence_row("p1"), confidence_row("p2", tier="emerging")]),
        InsertOutliers([outlier_row("p1", 2.5)]),
        InsertConventions([convention_row("p1", 0.75)]),
        InsertScanHistory([scan_row(1_690_000_000)]),
    ]


SAMPLE_COUNTERS = {
    "file_metadata_rows": 2,
    "parse_cache_rows": 2,
    "function_rows": 2,
    "call_edge_rows": 3,
    "detection_rows": 3,
    "boundary_rows": 1,
    "pattern_confidence_rows": 2,
    "outlier_rows": 1,
    "convention_rows": 1,
    "scan_history_rows": 1,
}


class DriftBatchWriterContract(BatchStructuralContract, BatchReplacementContract):
    """Every ``IDriftBatchWriter`` method and every batch command, on any backend."""

    def test_a_fresh_writer_has_counted_nothing(self, backend: StorageUnderTest) -> None:
        assert backend.drift.stats() == WriteStats()
        assert backend.drift.flush_sync() == WriteStats()
        assert backend.drift.stats() == WriteStats()

    def test_write_stats_has_the_35_row_counters_plus_two(self) -> None:
        names = list(WriteStats.__struct_fields__)
        assert len([name for name in names if name.endswith("_rows")]) == 35
        assert names[-2:] == ["deleted_files", "flushes"]
        assert WriteStats().plus({"secret_rows": 2}).secret_rows == 2
        with pytest.raises(ValueError, match="unknown"):
            WriteStats().plus({"secrets": 1})

    def test_send_batch_then_flush_sync_makes_rows_visible_and_counts_them(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        for command in sample_commands():
            drift.send_batch(command)
        stats = drift.flush_sync()

        assert _counters(stats) == SAMPLE_COUNTERS
        assert stats.flushes >= 1
        assert drift.stats() == stats
        assert [row.path for row in drift.load_all_file_metadata()] == ["a.py", "b.py"]
        assert drift.count_parse_cache() == 2
        assert [row.name for row in drift.get_functions_by_file("a.py")] == ["f", "g"]
        assert drift.count_call_edges() == 2
        assert [row.line for row in drift.get_detections_by_file("b.py")] == [5]
        assert [row.line for row in drift.get_detections_by_file("a.py")] == [1]
        assert len(drift.get_sensitive_boundaries()) == 1
        assert [row.pattern_id for row in drift.query_all_confidence()] == ["p1", "p2"]
        assert len(drift.query_outliers_by_pattern("p1")) == 1
        assert len(drift.query_all_conventions()) == 1
        assert drift.count_scans() == 1

    def test_counters_accumulate_across_flushes(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.send_batch(InsertDetections([detection_row("a.py", 1)]))
        first = drift.flush_sync()
        assert first.detection_rows == 1
        assert first.flushes == 1
        drift.send_batch(InsertDetections([detection_row("a.py", 2), detection_row("a.py", 3)]))
        second = drift.flush_sync()
        assert second.detection_rows == 3
        assert second.flushes == 2
        # Nothing pending: a flush commits nothing and counts nothing.
        assert drift.flush_sync() == second
        assert drift.count_detections() == 3

    def test_flush_then_flush_sync(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.send_batch(UpsertFileMetadata([file_row("a.py")]))
        drift.flush()
        stats = drift.flush_sync()
        assert stats.file_metadata_rows == 1
        assert stats.flushes == 1
        assert drift.get_file_metadata("a.py") == file_row("a.py")
        drift.flush()
        assert drift.flush_sync() == stats

    def test_batch_rows_are_stamped_with_the_engine_clock(self, backend: StorageUnderTest) -> None:
        backend.clock.advance(500)
        write(
            backend,
            InsertDetections([detection_row("a.py", 1, created_at=3)]),
            InsertBoundaries([boundary_row("a.py", created_at=3)]),
            InsertOutliers([outlier_row("p1", 1.0, created_at=3)]),
        )
        now = backend.clock.now
        assert [row.created_at for row in backend.drift.get_detections_by_file("a.py")] == [now]
        assert [row.created_at for row in backend.drift.get_boundaries_by_file("a.py")] == [now]
        assert [row.created_at for row in backend.drift.query_outliers_by_pattern("p1")] == [now]

    def test_upsert_file_metadata_replaces_a_known_path(self, backend: StorageUnderTest) -> None:
        write(backend, UpsertFileMetadata([file_row("a.py")]))
        write(backend, UpsertFileMetadata([file_row("a.py", file_size=1, error="x")]))
        assert backend.drift.load_all_file_metadata() == [file_row("a.py", file_size=1, error="x")]
        assert backend.drift.stats().file_metadata_rows == 2

    def test_delete_file_metadata_takes_the_files_rows_with_it(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        write(
            backend,
            UpsertFileMetadata([file_row("a.py"), file_row("b.py")]),
            InsertFunctions(
                [
                    function_row("a.py", "a1", 1),
                    function_row("b.py", "b1", 1),
                    function_row("b.py", "b2", 5),
                ]
            ),
            InsertDetections([detection_row("a.py", 1), detection_row("b.py", 1)]),
            InsertBoundaries([boundary_row("a.py"), boundary_row("b.py")]),
        )
        (a1,) = drift.get_functions_by_file("a.py")
        b1, b2 = drift.get_functions_by_file("b.py")
        drift.insert_call_edges(
            [edge(a1.id, b1.id, 2), edge(b1.id, a1.id, 3), edge(b1.id, b2.id, 4)]
        )

        write(backend, DeleteFileMetadata(["a.py", "never-scanned.py"]))

        assert [row.path for row in drift.load_all_file_metadata()] == ["b.py"]
        assert drift.get_functions_by_file("a.py") == []
        assert drift.get_functions_by_file("b.py") == [b1, b2]
        assert drift.get_detections_by_file("a.py") == []
        assert len(drift.get_detections_by_file("b.py")) == 1
        assert drift.get_boundaries_by_file("a.py") == []
        assert len(drift.get_boundaries_by_file("b.py")) == 1
        assert drift.get_edges_by_caller(b1.id) == [edge(b1.id, b2.id, 4)]
        assert drift.count_call_edges() == 1
        assert drift.stats().deleted_files == 1

    def test_insert_functions_upserts_and_keeps_ids(self, backend: StorageUnderTest) -> None:
        write(backend, InsertFunctions([function_row("a.py", "f", 1)]))
        (before,) = backend.drift.get_functions_by_file("a.py")
        write(backend, InsertFunctions([function_row("a.py", "f", 1, end_line=50)]))
        (after,) = backend.drift.get_functions_by_file("a.py")
        assert after == replace(before, end_line=50)
        assert backend.drift.stats().function_rows == 2

    def test_replace_file_detections_never_appends_duplicates(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        write(
            backend,
            InsertDetections([detection_row("a.py", n) for n in (1, 2, 3)]),
            InsertDetections([detection_row("b.py", 1)]),
        )
        fresh = [detection_row("a.py", 7, pattern_id="new")]
        write(backend, ReplaceFileDetections("a.py", fresh))
        write(backend, ReplaceFileDetections("a.py", fresh))
        assert [(row.line, row.pattern_id) for row in drift.get_detections_by_file("a.py")] == [
            (7, "new")
        ]
        assert len(drift.get_detections_by_file("b.py")) == 1
        write(backend, ReplaceFileDetections("b.py", []))
        assert drift.get_detections_by_file("b.py") == []
        assert drift.count_detections() == 1
        assert drift.stats().detection_rows == 6

    def test_pattern_confidence_outliers_conventions_and_scans_by_batch(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        replacement = confidence_row("p1", posterior_mean=0.125, tier="emerging")
        scan = scan_row(1_690_000_000, status="failed", error="disk full")
        write(
            backend,
            InsertPatternConfidence([confidence_row("p1")]),
            InsertPatternConfidence([replacement]),
            InsertOutliers([outlier_row("p1", 1.0), outlier_row("p1", 3.0)]),
            InsertConventions([convention_row("p1", 0.5, expires_at=1_800_000_000)]),
            InsertScanHistory([scan]),
        )
        assert drift.query_all_confidence() == [replacement]
        assert [row.deviation_score for row in drift.query_outliers_by_pattern("p1")] == [3, 1]
        (convention,) = drift.query_all_conventions()
        assert convention == convention_row("p1", 0.5, id=convention.id, expires_at=1_800_000_000)
        (stored_scan,) = drift.query_recent_scans(5)
        assert stored_scan == replace(scan, id=stored_scan.id)
        stats = drift.stats()
        assert (stats.pattern_confidence_rows, stats.outlier_rows) == (2, 2)
        assert (stats.convention_rows, stats.scan_history_rows) == (1, 1)

    def test_statuses_and_health_samples_by_batch_write_as_the_direct_methods(
        self, backend: StorageUnderTest
    ) -> None:
        drift, clock = backend.drift, backend.clock
        person = status("p1", "approved", "alice", 100)
        auto = status("p1", "ignored", "auto", 200, reason="low confidence")
        fresh = status("p2", "discovered", None, 300)
        write(backend, UpsertPatternStatuses([person, auto, fresh]))
        # The auto-approver only re-times what a person decided, as upsert_pattern_status does.
        assert drift.query_pattern_status("p1") == replace(person, updated_at=200)
        assert drift.query_pattern_status("p2") == fresh

        clock.now += 60
        write(
            backend,
            InsertHealthTrends(
                [HealthTrendRow("score", 71.5, 0), HealthTrendRow("score", 80.0, 1)]
            ),
        )
        samples = drift.query_health_trends("score", 5)
        assert sorted(row.metric_value for row in samples) == [71.5, 80.0]
        assert {row.recorded_at for row in samples} == {clock.now}  # storage's time, not ours
        stats = drift.stats()
        assert (stats.pattern_status_rows, stats.health_trend_rows) == (3, 2)

    def test_parse_cache_by_batch_upserts_on_hash(self, backend: StorageUnderTest) -> None:
        write(
            backend,
            InsertParseCache([parse_cache_row(b"h", parse_result_json="old")]),
            InsertParseCache([parse_cache_row(b"h", parse_result_json="new", created_at=9)]),
        )
        assert backend.drift.get_parse_cache_by_hash(b"h") == ParseCacheRow(
            b"h", "python", "new", 9
        )
        assert backend.drift.count_parse_cache() == 1

    def test_codec_round_trips_every_command(self) -> None:
        for command in [*sample_commands(), DeleteFileMetadata(["a.py", "dir/b.py"])]:
            name, payload = encode_command(command)
            assert name == type(command).__name__
            assert isinstance(payload, bytes)
            assert decode_command(name, payload) == command
        name, payload = encode_command(InsertParseCache([parse_cache_row(b"\x00\xab")]))
        assert json.loads(payload)["rows"][0]["content_hash"] == "00ab"
        enforcement = [
            UpsertPatternStatuses([status("p1", "approved", "alice", 100)]),
            InsertHealthTrends([HealthTrendRow("score", 71.5, 0)]),
        ]
        for command in enforcement:
            assert decode_command(*encode_command(command)) == command
        every_kind = {
            type(command)
            for command in [
                *sample_commands(),
                *structural_commands(),
                *replacement_commands(),
                *enforcement,
            ]
        }
        assert every_kind | {DeleteFileMetadata} == set(COMMAND_TYPES)

    def test_send_raw_round_trip(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        for command in sample_commands():
            drift.send_raw(*encode_command(command))
        stats = drift.flush_sync()
        assert _counters(stats) == SAMPLE_COUNTERS
        assert drift.get_parse_cache_by_hash(b"\x00\x01") == parse_cache_row(b"\x00\x01")
        assert drift.get_file_metadata("a.py") == file_row("a.py")
        (function,) = [row for row in drift.get_functions_by_file("a.py") if row.name == "f"]
        assert function == function_row("a.py", "f", 1, id=function.id)

    def test_send_raw_rejects_bad_input_and_writes_nothing(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        name, payload = encode_command(UpsertFileMetadata([file_row("a.py")]))
        body = json.loads(payload)
        missing_field = dict(body["rows"][0])
        del missing_field["error"]
        wrong_type = dict(body["rows"][0], file_size="big")
        bad_hex = dict(body["rows"][0], content_hash="zz")
        for bad_name, bad_payload in [
            ("NoSuchCommand", payload),
            ("BatchCommand", b"{}"),
            (name, b"not json"),
            (name, b"\xff\xfe"),
            (name, b"[]"),
            (name, json.dumps({"rows": [missing_field]}).encode()),
            (name, json.dumps({"rows": [wrong_type]}).encode()),
            (name, json.dumps({"rows": [bad_hex]}).encode()),
            (name, json.dumps({"rows": body["rows"], "extra": 1}).encode()),
        ]:
            with pytest.raises(ValueError, match=re.escape(bad_name)):
                drift.send_raw(bad_name, bad_payload)
        with pytest.raises(TypeError):
            drift.send_raw(untyped(None), payload)
        with pytest.raises(TypeError):
            drift.send_raw(name, untyped(payload.decode()))
        assert drift.flush_sync() == WriteStats()
        assert drift.count_files() == 0

    def test_send_batch_rejects_bad_commands_and_writes_nothing(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        for bad in [
            untyped(file_row("a.py")),
            untyped("UpsertFileMetadata"),
            untyped(None),
            UpsertFileMetadata(untyped(file_row("a.py"))),
            UpsertFileMetadata([untyped(detection_row("a.py", 1))]),
            InsertDetections([detection_row("a.py", 1, confidence=untyped("high"))]),
            DeleteFileMetadata(untyped("a.py")),
            DeleteFileMetadata([untyped(1)]),
            ReplaceFileDetections(untyped(None), []),
        ]:
            with pytest.raises(TypeError):
                drift.send_batch(bad)
        with pytest.raises(ValueError, match=r"b\.py"):
            drift.send_batch(ReplaceFileDetections("a.py", [detection_row("b.py", 1)]))
        assert drift.flush_sync() == WriteStats()
        assert drift.count_files() == 0
        assert drift.count_detections() == 0

    def test_shutdown_commits_and_returns_the_final_counters(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.send_batch(UpsertFileMetadata([file_row("a.py"), file_row("b.py")]))
        drift.send_batch(InsertDetections([detection_row("a.py", 1)]))
        final = drift.shutdown()
        assert _counters(final) == {"file_metadata_rows": 2, "detection_rows": 1}
        assert final.flushes >= 1
        assert drift.stats() == final
        # Reads still work; the batch writer refuses new work.
        assert drift.count_files() == 2
        assert drift.count_detections() == 1
        with pytest.raises(EngineClosed):
            drift.send_batch(InsertDetections([detection_row("a.py", 2)]))
        with pytest.raises(EngineClosed):
            drift.send_raw(*encode_command(InsertDetections([detection_row("a.py", 2)])))
        with pytest.raises(EngineClosed):
            drift.flush()
        with pytest.raises(EngineClosed):
            drift.flush_sync()
        assert drift.shutdown() == final
        assert drift.count_detections() == 1
