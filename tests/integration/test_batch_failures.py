"""A failing batch command is rolled back alone and reported by the next flush_sync.

A trigger in the test database refuses one file, standing in for any failure the database can
raise mid-batch (a full disk, a constraint added by a later migration, …).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from drift.errors import StorageError
from drift.records.batch import InsertDetections
from drift.storage.sqlite.engine import SqliteDriftStorage
from tests.integration.rows import detection_row

_POISON = """
CREATE TRIGGER refuse_poison BEFORE INSERT ON detections WHEN NEW.file = 'poison.py'
BEGIN SELECT RAISE(ABORT, 'poisoned row refused'); END
"""


@pytest.fixture
def engine(tmp_path: Path) -> SqliteDriftStorage:
    path = tmp_path / "drift.db"
    SqliteDriftStorage(path).close()
    conn = sqlite3.connect(path)
    conn.execute(_POISON)
    conn.commit()
    conn.close()
    return SqliteDriftStorage(path)


def test_bad_command_is_reported_and_the_rest_commit(engine: SqliteDriftStorage) -> None:
    with engine:
        engine.send_batch(InsertDetections([detection_row("good1.py", 1)]))
        engine.send_batch(InsertDetections([detection_row("poison.py", 1)]))
        engine.send_batch(InsertDetections([detection_row("good2.py", 1)]))
        engine.flush()  # a plain flush must not swallow the failure
        with pytest.raises(StorageError, match="poisoned row refused"):
            engine.flush_sync()
        assert engine.count_detections() == 2
        assert engine.get_detections_by_file("poison.py") == []
        assert engine.stats().detection_rows == 2
        # Reported once: the next flush_sync is clean.
        assert engine.flush_sync().detection_rows == 2
