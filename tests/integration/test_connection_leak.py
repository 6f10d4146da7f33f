"""Gate: after 1,000 mixed operations and close(), nothing of the engines is left behind.

No ``-wal``/``-shm`` files, no file descriptor of this process on any database file, and a
fresh process can take an exclusive lock (CT0-G-09, made stricter as the reference suggests).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from drift.records.batch import InsertDetections, UpsertFileMetadata
from tests.integration.engines import open_backend
from tests.integration.rows import confidence_row, detection_row, file_row, memory

OPERATIONS = 1_000
READER_THREADS = 4


def _open_descriptors_on(paths: list[Path]) -> list[str]:
    targets = {str(p.resolve()) for p in paths}
    targets |= {t + suffix for t in targets for suffix in ("-wal", "-shm", "-journal")}
    held: list[str] = []
    for entry in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(entry)
        except OSError:
            continue  # closed between listing and reading
        if target in targets:
            held.append(target)
    return held


_EXCLUSIVE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
conn.execute("COMMIT")
conn.close()
print("locked")
"""


def test_thousand_operations_then_close_leaves_nothing(tmp_path: Path) -> None:
    directory = tmp_path / ".drift"
    with open_backend("sqlite", tmp_path) as stores:
        drift, bridge, cortex = stores.drift, stores.bridge, stores.cortex

        def reads(worker: int) -> None:
            for n in range(50):
                drift.get_file_metadata(f"f{worker}-{n}.py")
                bridge.count_memories()
                cortex.count_memories()

        readers = [threading.Thread(target=reads, args=(n,)) for n in range(READER_THREADS)]
        for thread in readers:
            thread.start()
        for n in range(OPERATIONS // 4):
            path = f"src/f{n}.py"
            drift.get_file_metadata(path)
            drift.insert_detections([detection_row(path, n + 1)])
            drift.upsert_confidence(confidence_row(f"p{n % 50}"))
            drift.send_batch(UpsertFileMetadata(rows=[file_row(path)]))
            if n % 50 == 0:
                drift.send_batch(InsertDetections(rows=[detection_row(path, 10_000 + n)]))
                bridge.insert_event("leak.check", None, None, None)
                cortex.create_memory(memory(f"m{n}", f"summary {n}"))
        for thread in readers:
            thread.join()
        assert drift.flush_sync().file_metadata_rows == OPERATIONS // 4

    files = [directory / "drift.db", directory / "bridge.db", directory / "cortex.db"]
    leftovers = sorted(p.name for p in directory.iterdir() if p.name.endswith(("-wal", "-shm")))
    assert leftovers == []
    assert _open_descriptors_on(files) == []
    assert not any(t.name.startswith("drift-batch-writer") for t in threading.enumerate())
    for database in files:
        result = subprocess.run(
            [sys.executable, "-c", _EXCLUSIVE_LOCK, str(database)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "locked"

    # The data is all there for the next process.
    with open_backend("sqlite", tmp_path) as reopened:
        assert reopened.drift.count_files() == OPERATIONS // 4
        assert reopened.drift.count_detections() == OPERATIONS // 4 + OPERATIONS // 200
        assert reopened.cortex.count_memories() == OPERATIONS // 200
