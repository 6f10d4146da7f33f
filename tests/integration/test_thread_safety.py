"""Gate: 20 threads share one drift, one bridge and one cortex engine (CT0-B-14, CT0-G-07/08).

Every thread starts on a barrier, then interleaves writes and reads; each write must be visible
to its own thread at once, and the final counts must be exact. Runs on SQLite and memory://.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from drift.records.batch import InsertDetections, UpsertFileMetadata
from tests.integration.engines import BACKENDS, open_backend
from tests.integration.rows import confidence_row, detection_row, file_row, memory

THREADS = 20
ROUNDS = 25


@pytest.mark.parametrize("kind", BACKENDS)
def test_twenty_threads_mixed_reads_and_writes(kind: str, tmp_path: Path) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)
    with open_backend(kind, tmp_path) as stores:
        drift, bridge, cortex = stores.drift, stores.bridge, stores.cortex

        def work(worker: int) -> None:
            try:
                barrier.wait()
                for step in range(ROUNDS):
                    path = f"src/w{worker}/f{step}.py"
                    pattern = f"p{worker}-{step}"
                    drift.upsert_confidence(confidence_row(pattern))
                    assert drift.pattern_confidence(pattern) == pytest.approx(0.8)
                    drift.insert_detections([detection_row(path, step + 1)])
                    assert len(drift.get_detections_by_file(path)) == 1
                    drift.send_batch(UpsertFileMetadata(rows=[file_row(path)]))
                    drift.send_batch(InsertDetections(rows=[detection_row(path, 1000 + step)]))
                    bridge.insert_event("gate.thread", None, f"m{worker}-{step}", 0.5)
                    bridge.insert_metric(f"metric.{worker}", float(step))
                    cortex.create_memory(memory(f"m{worker}-{step}", f"w{worker} s{step}"))
                    fetched = cortex.get_memory(f"m{worker}-{step}")
                    assert fetched is not None
                    assert fetched.summary == f"w{worker} s{step}"
                    drift.count_detections()
                    bridge.get_events(5)
                drift.flush_sync()
                for step in range(ROUNDS):
                    assert drift.get_file_metadata(f"src/w{worker}/f{step}.py") is not None
                assert len(bridge.get_metrics(f"metric.{worker}")) == ROUNDS
            except BaseException as error:  # collected and re-raised in the main thread
                errors.append(error)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []

        total = THREADS * ROUNDS
        assert drift.count_files() == total
        assert drift.count_detections() == 2 * total  # one direct, one batched, per step
        assert len(drift.query_all_confidence()) == total
        stats = drift.stats()
        assert stats.file_metadata_rows == total
        assert stats.detection_rows == total
        assert len(bridge.get_events(10 * total)) == total
        assert bridge.storage_stats().event_count == total
        assert bridge.storage_stats().metric_count == total
        assert cortex.count_memories() == total
