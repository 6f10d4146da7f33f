"""Contract for ``IWorkspaceStorage``: what every backend's workspace view must do."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.errors import NotSupported
from drift.records.batch import DeleteFileMetadata, InsertFunctions, UpsertFileMetadata
from drift.storage.testing.analysis_rows import (
    boundary_row,
    confidence_row,
    detection_row,
    file_row,
    function_row,
)
from drift.storage.testing.base import StorageUnderTest


def _seed(backend: StorageUnderTest) -> None:
    drift = backend.drift
    drift.send_batch(
        UpsertFileMetadata(
            [
                file_row("a.py", content_hash=b"ha"),
                file_row("b.py", content_hash=b"hb"),
                file_row("c.ts", language="typescript", content_hash=b"hc"),
            ]
        )
    )
    drift.send_batch(
        InsertFunctions([function_row("a.py", "alpha", 1), function_row("b.py", "beta", 3)])
    )
    drift.flush_sync()
    drift.insert_detections([detection_row("a.py", 1), detection_row("b.py", 2)])
    drift.insert_boundaries([boundary_row("b.py", framework="django")])
    drift.insert_parse_cache(b"ha", "python", "{}", 1)
    drift.insert_parse_cache(b"gone", "python", "{}", 1)
    drift.upsert_confidence(confidence_row("p1"))


class WorkspaceContract:
    """Every ``IWorkspaceStorage`` method, on a seeded workspace."""

    def test_status_counts_files_and_reports_a_schema(self, backend: StorageUnderTest) -> None:
        _seed(backend)
        status = backend.workspace.status()
        assert status.initialized
        assert status.file_count == 3
        assert status.schema_version == backend.workspace.schema_version()
        assert status.schema_version >= 4

    def test_initialize_records_root_and_name(
        self, backend: StorageUnderTest, tmp_path: Path
    ) -> None:
        project = tmp_path / "my-project"
        project.mkdir()
        backend.workspace.initialize(str(project))
        backend.workspace.initialize(str(project))  # idempotent
        info = backend.workspace.project_info()
        assert info.root_path == str(project.resolve())
        assert info.name == "my-project"
        assert backend.workspace.workspace_context().root_path == str(project.resolve())

    def test_project_info_counts_and_languages(self, backend: StorageUnderTest) -> None:
        _seed(backend)
        backend.drift.insert_scan_start(1_700_000_500, "/repo")
        info = backend.workspace.project_info()
        assert info.total_files == 3
        assert info.total_functions == 2
        assert info.total_patterns == 1
        assert info.language_breakdown == (("python", 2), ("typescript", 1))
        assert info.last_scan_at == 1_700_000_500

    def test_context_counts_everything(self, backend: StorageUnderTest) -> None:
        _seed(backend)
        context = backend.workspace.workspace_context()
        assert context.languages == ("python", "typescript")
        assert context.frameworks == ("django",)
        assert (context.file_count, context.function_count) == (3, 2)
        assert (context.pattern_count, context.boundary_count, context.detection_count) == (
            1,
            1,
            2,
        )

    def test_gc_removes_rows_of_deleted_files_and_stale_cache(
        self, backend: StorageUnderTest
    ) -> None:
        _seed(backend)
        # Detections for a file that was never tracked, and a tracked file's rows left behind
        # by a crash between two writes: both are orphans.
        backend.drift.insert_detections([detection_row("ghost.py", 1)])
        gc = backend.workspace.gc()
        assert gc.orphan_files_removed == 1
        assert gc.stale_cache_entries_removed == 1  # b"gone" matches no file's content
        assert backend.drift.get_detections_by_file("ghost.py") == []
        assert backend.drift.get_parse_cache_by_hash(b"gone") is None
        assert backend.drift.get_parse_cache_by_hash(b"ha") is not None
        again = backend.workspace.gc()
        assert (again.orphan_files_removed, again.stale_cache_entries_removed) == (0, 0)

    def test_gc_prunes_old_trend_samples_but_keeps_live_series_readable(
        self, backend: StorageUnderTest
    ) -> None:
        drift, day = backend.drift, 86_400
        for _ in range(15):  # a live series: 15 old samples, then one recent one
            drift.insert_health_trend("live", 1.0)
            backend.clock.advance(day)
        drift.insert_health_trend("gone", 2.0)  # a series that stops being recorded
        backend.clock.advance(200 * day)
        drift.insert_health_trend("live", 3.0)
        gc = backend.workspace.gc()
        # "live": 16 samples, all but the newest before the cutoff; the newest 10 stay.
        # "gone": one sample, 200 days old, and no recent one: the series goes.
        assert gc.old_trend_rows_removed == 6 + 1
        live = drift.query_health_trends("live", 100)
        assert [row.metric_value for row in live] == [3.0] + [1.0] * 9
        assert drift.query_health_trends("gone", 100) == []
        assert backend.workspace.gc().old_trend_rows_removed == 0

    def test_gc_after_deleting_a_file_keeps_everything_else(
        self, backend: StorageUnderTest
    ) -> None:
        _seed(backend)
        backend.drift.send_batch(DeleteFileMetadata(["b.py"]))
        backend.drift.flush_sync()
        backend.workspace.gc()
        assert backend.drift.count_files() == 2
        assert [f.name for f in backend.drift.get_functions_by_file("a.py")] == ["alpha"]
        assert len(backend.drift.get_detections_by_file("a.py")) == 1

    def test_integrity_check_passes_on_a_healthy_workspace(self, backend: StorageUnderTest) -> None:
        _seed(backend)
        result = backend.workspace.integrity_check()
        assert result.ok
        assert result.issues == ()

    def test_wrong_argument_types_are_refused(self, backend: StorageUnderTest) -> None:
        for call in (
            lambda: backend.workspace.initialize(3),  # type: ignore[arg-type]
            lambda: backend.workspace.backup(None),  # type: ignore[arg-type]
            lambda: backend.workspace.export(b"x"),  # type: ignore[arg-type]
            lambda: backend.workspace.import_(1.5),  # type: ignore[arg-type]
        ):
            with pytest.raises(TypeError):
                call()


class FileWorkspaceContract(WorkspaceContract):
    """Backup, export and import: only for backends that live in a database file."""

    def test_backup_copies_a_sound_database(
        self, backend: StorageUnderTest, tmp_path: Path
    ) -> None:
        from drift.storage.sqlite.workspace import SqliteWorkspaceStorage

        _seed(backend)
        target = tmp_path / "backups" / "copy.db"
        result = backend.workspace.backup(str(target))
        assert result.destination == str(target)
        assert result.size_bytes == target.stat().st_size > 0
        copy = SqliteWorkspaceStorage(target)
        assert copy.integrity_check().ok
        assert copy.status().file_count == 3

    def test_export_then_import_round_trips(
        self, backend: StorageUnderTest, tmp_path: Path
    ) -> None:
        _seed(backend)
        exported = tmp_path / "export.db"
        backend.workspace.export(str(exported))
        backend.drift.send_batch(DeleteFileMetadata(["a.py", "b.py", "c.ts"]))
        backend.drift.flush_sync()
        assert backend.drift.count_files() == 0
        backend.workspace.import_(str(exported))
        assert backend.drift.count_files() == 3
        assert backend.drift.get_file_metadata("c.ts") is not None

    def test_export_refuses_to_overwrite(self, backend: StorageUnderTest, tmp_path: Path) -> None:
        from drift.errors import StorageError

        existing = tmp_path / "existing.db"
        existing.write_bytes(b"keep me")
        with pytest.raises(StorageError, match="already exists"):
            backend.workspace.export(str(existing))
        assert existing.read_bytes() == b"keep me"

    def test_import_refuses_a_foreign_or_corrupt_file(
        self, backend: StorageUnderTest, tmp_path: Path
    ) -> None:
        from drift.errors import DbCorrupt, NotFound

        _seed(backend)
        junk = tmp_path / "junk.db"
        junk.write_bytes(b"this is not a database" * 100)
        with pytest.raises(DbCorrupt, match=r"junk\.db"):
            backend.workspace.import_(str(junk))
        with pytest.raises(NotFound):
            backend.workspace.import_(str(tmp_path / "missing.db"))
        assert backend.drift.count_files() == 3  # nothing was touched


class MemoryWorkspaceContract(WorkspaceContract):
    """``memory://`` cannot copy itself: backup, export and import say so."""

    def test_copies_are_not_supported(self, backend: StorageUnderTest, tmp_path: Path) -> None:
        target = str(tmp_path / "x.db")
        for operation, call in (
            ("backup", lambda: backend.workspace.backup(target)),
            ("export", lambda: backend.workspace.export(target)),
            ("import", lambda: backend.workspace.import_(target)),
        ):
            with pytest.raises(NotSupported) as raised:
                call()
            assert raised.value.operation == operation
