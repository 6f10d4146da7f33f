"""Gate: a writer killed with SIGKILL mid-batch leaves a sound database with every acknowledged
batch in it.

The child sends batches of detections and prints the batch number after each ``flush_sync``
returns; the parent kills it while it keeps writing, then checks integrity and that every
acknowledged batch is complete.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.sqlite.workspace import SqliteWorkspaceStorage

ROWS_PER_BATCH = 200
ACKS_BEFORE_KILL = 15

_CHILD = """
import sys
from drift.records.analysis import DetectionRow
from drift.records.batch import InsertDetections
from drift.storage.sqlite.engine import SqliteDriftStorage

engine = SqliteDriftStorage(sys.argv[1])
batch = 0
while True:
    batch += 1
    rows = [
        DetectionRow(0, f"batch{batch}.py", line, 1, f"batch/{batch}", "crash", 0.5, "test",
                     None, None, None, 0)
        for line in range(1, ROWS + 1)
    ]
    for start in range(0, ROWS, 50):
        engine.send_batch(InsertDetections(rows=rows[start:start + 50]))
    engine.flush_sync()
    print(batch, flush=True)
""".replace("ROWS", str(ROWS_PER_BATCH))


def test_sigkill_during_batch_writes_keeps_acknowledged_batches(tmp_path: Path) -> None:
    database = tmp_path / "drift.db"
    SqliteDriftStorage(database).close()  # created and migrated before the child starts
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(database)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acknowledged = 0
    try:
        for line in child.stdout:
            acknowledged = int(line)
            if acknowledged >= ACKS_BEFORE_KILL:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert acknowledged >= ACKS_BEFORE_KILL, child.stderr.read() if child.stderr else ""

    integrity = SqliteWorkspaceStorage(database).integrity_check()
    assert integrity.ok, integrity.issues
    with SqliteDriftStorage(database) as engine:
        for batch in range(1, acknowledged + 1):
            rows = engine.get_detections_by_pattern_prefix(f"batch/{batch}")
            # A prefix also matches batch/1 → batch/10..; count only this batch's file.
            mine = [row for row in rows if row.file == f"batch{batch}.py"]
            assert len(mine) == ROWS_PER_BATCH, f"batch {batch} lost rows"
