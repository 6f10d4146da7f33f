"""Engines as objects: protocols at run time, closing, bad files, URLs (issue §7 bad input)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from msgspec.structs import replace

from drift.errors import ConfigError, DbCorrupt, EngineClosed, SchemaTooNew, StorageError
from drift.records.batch import UpsertFileMetadata
from drift.storage.backends import open_storage, parse_url
from drift.storage.memory.engine import MemoryDriftStorage
from drift.storage.protocols.advanced import IDriftAdvanced
from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.batch import IDriftBatchWriter
from drift.storage.protocols.bridge import IBridgeStorage
from drift.storage.protocols.cortex import ICortexStorage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.protocols.enforcement import IDriftEnforcement
from drift.storage.protocols.files import IDriftFiles
from drift.storage.protocols.reader import IDriftReader
from drift.storage.protocols.structural import IDriftStructural
from drift.storage.protocols.workspace import IWorkspaceStorage
from drift.storage.sqlite.bridge import SqliteBridgeStorage, SqliteCortexStorage
from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.sqlite.migrations import DRIFT_MIGRATIONS
from tests.integration.engines import BACKENDS, open_backend
from tests.integration.rows import file_row, memory

DRIFT_PROTOCOLS = (
    IDriftFiles,
    IDriftAnalysis,
    IDriftStructural,
    IDriftEnforcement,
    IDriftAdvanced,
    IDriftBatchWriter,
    IDriftReader,
    DriftStorage,
)


@pytest.mark.parametrize("kind", BACKENDS)
def test_engines_satisfy_their_protocols_at_run_time(kind: str, tmp_path: Path) -> None:
    with open_backend(kind, tmp_path) as stores:
        for protocol in DRIFT_PROTOCOLS:
            assert isinstance(stores.drift, protocol), protocol.__name__
        assert isinstance(stores.bridge, IBridgeStorage)
        assert isinstance(stores.cortex, ICortexStorage)
        assert isinstance(stores.workspace, IWorkspaceStorage)


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_closed_engine_refuses_work(kind: str, tmp_path: Path) -> None:
    stores = open_storage(str(tmp_path / ".drift") if kind == "sqlite" else "memory://")
    stores.drift.count_files()  # this thread now holds a reader
    stores.close()
    stores.close()  # idempotent
    with pytest.raises(EngineClosed):
        stores.drift.count_files()
    with pytest.raises(EngineClosed):
        stores.drift.update_file_error("a.py", 1, "x")
    with pytest.raises(EngineClosed):
        stores.cortex.create_memory(memory("m1", "after close"))
    with pytest.raises(EngineClosed):
        stores.bridge.count_memories()


def test_in_memory_sqlite_reads_its_own_writes() -> None:
    with SqliteDriftStorage(":memory:") as engine:
        engine.insert_parse_cache(b"h", "python", "{}", 1)
        assert engine.count_parse_cache() == 1
        assert engine.get_parse_cache_by_hash(b"h") is not None


def test_a_foreign_file_is_refused_with_its_name(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 50)
    for opener in (SqliteDriftStorage, SqliteBridgeStorage, SqliteCortexStorage):
        with pytest.raises(DbCorrupt, match=r"notes\.db"):
            opener(junk)
    assert junk.read_text().startswith("these are my notes")


def test_a_newer_schema_refuses_to_open(tmp_path: Path) -> None:
    path = tmp_path / "drift.db"
    SqliteDriftStorage(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(SchemaTooNew) as raised:
        SqliteDriftStorage(path)
    assert "99" in raised.value.message
    assert "newer" in raised.value.message


def test_a_database_of_the_previous_schema_is_migrated_in_place(tmp_path: Path) -> None:
    # Written by the release before error gaps kept their line (schema v4).
    path = tmp_path / "drift.db"
    conn = sqlite3.connect(path)
    for migration in DRIFT_MIGRATIONS[:4]:
        for statement in migration.statements():
            conn.execute(statement)
    conn.execute(
        "INSERT INTO error_gaps (file, function_id, gap_type, severity, created_at)"
        " VALUES ('a.py', 'f', 'empty_catch', 'high', 1)"
    )
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()

    engine = SqliteDriftStorage(path)
    try:
        (old,) = engine.get_error_gaps_by_file("a.py")
        assert (old.function_id, old.line) == ("f", None)  # kept, without a line
        engine.insert_error_gap(replace(old, id=None, line=7))
        assert [gap.line for gap in engine.get_error_gaps_by_file("a.py")] == [None, 7]
    finally:
        engine.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 5


def test_driver_errors_never_escape(tmp_path: Path) -> None:
    with SqliteDriftStorage(tmp_path / "drift.db") as engine:
        with pytest.raises(StorageError) as raised:
            engine.insert_constraint_verification("no-such-constraint", True, "[]")
        assert not isinstance(raised.value, sqlite3.Error)
        assert raised.value.__class__.__module__ == "drift.errors"


def test_wrong_types_fail_before_anything_is_written(tmp_path: Path) -> None:
    with SqliteDriftStorage(tmp_path / "drift.db") as engine:
        with pytest.raises(TypeError):
            engine.get_file_metadata(42)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            engine.insert_detections([file_row("a.py")])  # type: ignore[list-item]
        with pytest.raises(ValueError, match="limit"):
            engine.query_all_detections(-1)
        assert engine.count_detections() == 0


def test_memory_backend_batch_shutdown_refuses_more() -> None:
    engine = MemoryDriftStorage()
    engine.shutdown()
    with pytest.raises(EngineClosed):
        engine.flush_sync()
    engine.close()


class TestUrls:
    def test_a_directory_path_holds_three_databases(self, tmp_path: Path) -> None:
        location = parse_url(str(tmp_path / "ws"))
        assert location.kind == "sqlite"
        assert location.drift_db == tmp_path / "ws" / "drift.db"
        assert location.bridge_db == tmp_path / "ws" / "bridge.db"
        assert location.cortex_db == tmp_path / "ws" / "cortex.db"

    def test_sqlite_scheme_and_db_suffix(self, tmp_path: Path) -> None:
        location = parse_url(f"sqlite://{tmp_path}/custom.db")
        assert location.drift_db == tmp_path / "custom.db"
        assert location.cortex_db == tmp_path / "cortex.db"

    def test_relative_paths_resolve_from_the_base(self, tmp_path: Path) -> None:
        assert parse_url(".drift", base=tmp_path).drift_db == tmp_path / ".drift" / "drift.db"

    def test_memory_and_unknown_schemes(self) -> None:
        assert parse_url("memory://").kind == "memory"
        with pytest.raises(ConfigError, match="ftp"):
            parse_url("ftp://example/x")
        with pytest.raises(ConfigError, match="empty"):
            parse_url("  ")

    def test_postgresql_is_not_available_yet_and_says_so(self) -> None:
        with pytest.raises(ConfigError, match="PostgreSQL"):
            open_storage("postgresql://localhost/drift")

    def test_open_storage_creates_the_files(self, tmp_path: Path) -> None:
        with open_storage(str(tmp_path / "ws")) as stores:
            stores.drift.count_files()
        assert sorted(p.name for p in (tmp_path / "ws").iterdir()) == [
            "bridge.db",
            "cortex.db",
            "drift.db",
        ]


def test_sqlite_reads_leave_no_snapshot_open(tmp_path: Path) -> None:
    """Each thread reuses one reader cursor; a finished read must end its read transaction,
    or the reader would pin its WAL snapshot (no checkpoint could complete) until its next
    read. A query with more rows than the one ``read_one`` returns is the case to catch."""
    with SqliteDriftStorage(tmp_path / "drift.db") as storage:
        storage.send_batch(UpsertFileMetadata(rows=[file_row(n) for n in ("a.py", "b.py", "c.py")]))
        storage.flush_sync()
        database = storage._database

        def checkpoint_busy() -> int:
            with database.writer_connection() as conn:
                row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return int(row[0])

        def write(name: str) -> None:  # leaves frames in the WAL
            storage.send_batch(UpsertFileMetadata(rows=[file_row(name)]))
            storage.flush_sync()

        assert storage.get_file_metadata("a.py") is not None
        write("d.py")
        assert checkpoint_busy() == 0
        write("e.py")
        first = database.read_one("SELECT path FROM file_metadata ORDER BY path")
        assert first is not None
        assert first[0] == "a.py"
        write("f.py")  # a snapshot still open would keep the checkpoint from the new frames
        assert checkpoint_busy() == 0
        assert database.read_value("SELECT count(*) FROM file_metadata") == 6
