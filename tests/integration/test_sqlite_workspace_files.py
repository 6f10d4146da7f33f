"""The SQLite workspace on real files: gc hands space back, import restores a broken workspace,
several processes can create one database at once, and a file where a directory belongs is
named as such."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from drift.errors import DbCorrupt, MigrationFailed, StorageError
from drift.records.batch import UpsertFileMetadata
from drift.storage.sqlite.bridge import SqliteCortexStorage
from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.sqlite.migrations import DRIFT_MIGRATIONS, migrate
from drift.storage.sqlite.workspace import SqliteWorkspaceStorage
from drift.storage.testing.analysis_rows import file_row

PROCESSES = 8
ROUNDS = 4


def _pragma(path: Path, name: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


def _workspace(directory: Path, *paths: str) -> Path:
    db = directory / "drift.db"
    with SqliteDriftStorage(db) as drift:
        drift.send_batch(UpsertFileMetadata([file_row(path) for path in paths]))
        drift.flush_sync()
    return db


def _files(db: Path) -> int:
    with SqliteDriftStorage(db) as drift:
        return drift.count_files()


# -- gc ------------------------------------------------------------------------------------------


def test_gc_reclaims_every_free_page_and_reports_the_bytes(tmp_path: Path) -> None:
    db = tmp_path / "drift.db"
    with SqliteDriftStorage(db) as drift:
        # Parse results of content no tracked file has: gc deletes them all (several overflow
        # pages each), leaving hundreds of free pages to hand back.
        for number in range(300):
            drift.insert_parse_cache(number.to_bytes(8, "big"), "python", "x" * 20_000, 1)
    size_before = db.stat().st_size

    stats = SqliteWorkspaceStorage(db).gc()

    assert stats.stale_cache_entries_removed == 300
    assert _pragma(db, "freelist_count") == 0
    assert stats.freed_bytes == size_before - db.stat().st_size
    assert stats.freed_bytes > 300 * 20_000


# -- import --------------------------------------------------------------------------------------


def test_import_restores_a_workspace_whose_database_is_corrupt(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    backup = _workspace(tmp_path / "old", "a.py", "b.py")
    workspace = tmp_path / ".drift"
    workspace.mkdir()
    db = workspace / "drift.db"
    db.write_bytes(b"\x13\x37" * 2048)
    (workspace / "drift.db-wal").write_bytes(b"left over from the broken database")

    SqliteWorkspaceStorage(db).import_(str(backup))

    assert sorted(path.name for path in workspace.iterdir()) == ["drift.db"]  # no WAL, no copy
    assert _files(db) == 2
    assert SqliteWorkspaceStorage(db).integrity_check().ok


def test_an_import_that_fails_to_migrate_leaves_the_workspace_as_it_was(tmp_path: Path) -> None:
    # A version-3 file holding a table that migration 4 creates: bringing it up to date fails.
    source = tmp_path / "old.db"
    with closing(sqlite3.connect(source, isolation_level=None)) as conn:
        migrate(conn, DRIFT_MIGRATIONS[:3], str(source))
        conn.execute("CREATE TABLE workspace_config (key TEXT)")
    workspace = tmp_path / ".drift"
    workspace.mkdir()
    db = _workspace(workspace, "kept.py")

    with pytest.raises(MigrationFailed, match=rf"version 4 failed: {source}: "):
        SqliteWorkspaceStorage(db).import_(str(source))

    assert sorted(path.name for path in workspace.iterdir()) == ["drift.db"]  # no staged copy
    assert _files(db) == 1
    assert SqliteWorkspaceStorage(db).schema_version() == DRIFT_MIGRATIONS[-1].version


def test_a_garbage_source_is_not_a_drift_database_and_is_not_ours_to_delete(
    tmp_path: Path,
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 512)
    db = _workspace(tmp_path, "kept.py")

    with pytest.raises(DbCorrupt) as raised:
        SqliteWorkspaceStorage(db).import_(str(junk))

    assert raised.value.message.startswith(f"{junk}: not a Drift database (")
    assert raised.value.hint is not None
    assert "delete" not in raised.value.hint
    assert "drift backup" in raised.value.hint
    assert _files(db) == 1


# -- opening -------------------------------------------------------------------------------------


def _open_new_databases(directory: str, start_at: float) -> str:
    time.sleep(max(0.0, start_at - time.time()))
    try:
        SqliteDriftStorage(Path(directory) / "drift.db").close()
        SqliteCortexStorage(Path(directory) / "cortex.db").close()
    except StorageError as error:
        return error.message
    return "ok"


def test_processes_creating_one_database_at_once_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as `drift scan &` has
    with context.Pool(PROCESSES) as pool:
        pool.map(time.sleep, [0.0] * PROCESSES)  # every worker started before the first round
        for round_number in range(ROUNDS):
            directory = tmp_path / f"round{round_number}"
            directory.mkdir()
            start_at = time.time() + 0.3
            outcomes = pool.starmap(
                _open_new_databases, [(str(directory), start_at)] * PROCESSES, chunksize=1
            )
            assert outcomes == ["ok"] * PROCESSES
            assert _pragma(directory / "drift.db", "user_version") == DRIFT_MIGRATIONS[-1].version


@pytest.mark.parametrize("below", ["", "sub/dir"])
def test_a_file_where_the_storage_directory_belongs_is_named(tmp_path: Path, below: str) -> None:
    blocker = tmp_path / "app.py"
    blocker.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(StorageError) as raised:
        SqliteDriftStorage(blocker / below / "drift.db")
    assert raised.value.message == f"{blocker}: is a file, not a directory"
    assert blocker.read_text(encoding="utf-8") == "x = 1\n"
