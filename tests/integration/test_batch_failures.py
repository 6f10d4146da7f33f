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
from drift.storage.sqlite.database import MEMORY
from drift.storage.sqlite.engine import SqliteDriftStorage
from tests.integration.rows import detection_row

_POISON = """
CREATE TRIGGER refuse_poison BEFORE INSERT ON detections WHEN NEW.file = 'poison.py'
BEGIN SELECT RAISE(ABORT, 'poisoned row refused'); END
"""


@pytest.fixture(params=["file", "memory"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> SqliteDriftStorage:
    """A file database (commands applied in the writer thread's open transaction) or an
    in-memory SQLite one (commands applied in one go at commit): both recover the same way."""
    if request.param == "memory":
        storage = SqliteDriftStorage(MEMORY)
        with storage._database.writer_connection() as conn:
            conn.execute(_POISON)
        return storage
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


def test_a_failing_command_leaves_none_of_its_rows(engine: SqliteDriftStorage) -> None:
    # Its first row is written before the second is refused: the command goes as a whole.
    with engine:
        engine.send_batch(InsertDetections([detection_row("good1.py", 1)]))
        engine.send_batch(
            InsertDetections([detection_row("partial.py", 1), detection_row("poison.py", 1)])
        )
        engine.send_batch(InsertDetections([detection_row("good2.py", 1)]))
        with pytest.raises(StorageError, match="1 batch command"):
            engine.flush_sync()
        assert sorted(d.file for d in engine.get_detections_by_category("naming")) == [
            "good1.py",
            "good2.py",
        ]
        assert engine.stats().detection_rows == 2


def test_every_failure_of_a_transaction_is_reported_once(engine: SqliteDriftStorage) -> None:
    with engine:
        for n in range(6):
            name = "poison.py" if n in (1, 4) else f"good{n}.py"
            engine.send_batch(InsertDetections([detection_row(name, 1)]))
        with pytest.raises(StorageError, match="2 batch command"):
            engine.flush_sync()
        assert engine.count_detections() == 4
        assert engine.stats().detection_rows == 4
        # The batch after a recovery is an ordinary one.
        engine.send_batch(InsertDetections([detection_row("good6.py", 1)]))
        assert engine.flush_sync().detection_rows == 5
        assert engine.count_detections() == 5
