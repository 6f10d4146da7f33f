"""Storage benchmarks (issue "Storage foundation" §8), each against a baseline in the same run.

1. Dispatch overhead — the gate's workload: 10,000 ``get_file_metadata``, 1,000 detection
   inserts and 100 ``pattern_confidence`` through ``SqliteDriftStorage``, versus the very same SQL
   (the constants from ``drift.storage.sql``) on a raw sqlite3 connection with the same pragmas,
   building the same records. Budget: < 1 % mixed, < 5 % point lookups alone.
2. Batch writer — rows/s through ``send_batch`` + ``flush_sync`` versus one raw ``executemany``
   transaction of the same rows. Budget: ≥ 80 % of raw.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.ratios import Step, compare, compare_steps
from drift.records.analysis import DetectionRow, PatternConfidenceRow
from drift.records.batch import InsertDetections, UpsertFileMetadata
from drift.records.files import FileMetadataRow
from drift.storage.sql.detections import INSERT_DETECTION
from drift.storage.sql.files import SELECT_FILE_METADATA, file_metadata_from_row
from drift.storage.sql.reader import SELECT_POSTERIOR_MEAN
from drift.storage.sqlite.connection import open_writer
from drift.storage.sqlite.engine import SqliteDriftStorage

FILES = 1_000
LOOKUPS = 10_000
INSERTS = 1_000
CONFIDENCE_READS = 100
BATCH_ROWS = 50_000


def _file(n: int) -> FileMetadataRow:
    return FileMetadataRow(
        f"src/module_{n}.py", "python", 1000 + n, n.to_bytes(8, "big"), 1_700_000_000, n,
        1_700_000_000, 50, 3, 7, 0, None,
    )  # fmt: skip


def _detection(n: int) -> DetectionRow:
    return DetectionRow(
        0, f"src/module_{n % FILES}.py", n + 1, 4, f"naming/p{n % 20}", "naming", 0.75,
        "pack", None, None, None, 0,
    )  # fmt: skip


def _confidence(n: int) -> PatternConfidenceRow:
    return PatternConfidenceRow(
        f"naming/p{n}", 9.0, 2.0, 0.818, 0.6, 0.95, "established", "stable", 1_700_000_000
    )


def _seed(storage: SqliteDriftStorage) -> None:
    storage.send_batch(UpsertFileMetadata(rows=[_file(n) for n in range(FILES)]))
    storage.flush_sync()
    for n in range(20):
        storage.upsert_confidence(_confidence(n))


def _seeded(path: Path) -> Path:
    """A seeded database, closed (so checkpointed: an empty WAL) before it is measured."""
    with SqliteDriftStorage(path) as storage:
        _seed(storage)
    return path


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[SqliteDriftStorage]:
    # Reopened like the raw side's database: both start from the same on-disk state, with
    # nothing left in the WAL (seed rows still in the WAL make every later write and
    # checkpoint dearer, which would bill the engine for the fixture).
    with SqliteDriftStorage(_seeded(tmp_path / "engine.db")) as storage:
        yield storage


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A raw connection on its own identical database, so WAL checkpoints (which land on
    whichever commit crosses the threshold) never bill one side for the other's writes."""
    conn = open_writer(str(_seeded(tmp_path / "raw.db")))
    yield conn
    conn.close()


LOOKUP_STEP = 1_000  # a step is ~20 ms of work: see benchmarks.ratios
INSERT_STEP = 100


def _engine_lookups(engine: SqliteDriftStorage, start: int = 0, count: int = LOOKUPS) -> None:
    get = engine.get_file_metadata
    for n in range(start, start + count):
        get(f"src/module_{n % FILES}.py")


def _raw_lookups(conn: sqlite3.Connection, start: int = 0, count: int = LOOKUPS) -> None:
    execute = conn.execute
    for n in range(start, start + count):
        row = execute(SELECT_FILE_METADATA, (f"src/module_{n % FILES}.py",)).fetchone()
        file_metadata_from_row(row)


def _engine_inserts(engine: SqliteDriftStorage, start: int = 0, count: int = INSERTS) -> None:
    for n in range(start, start + count):
        engine.insert_detections([_detection(n)])


def _raw_inserts(conn: sqlite3.Connection, start: int = 0, count: int = INSERTS) -> None:
    for n in range(start, start + count):
        d = _detection(n)
        # One row: a single autocommit statement, the most direct way to run it, stamped with
        # the current time as the engine stamps it.
        conn.execute(
            INSERT_DETECTION,
            (d.file, d.line, d.column_num, d.pattern_id, d.category, d.confidence,
             d.detection_method, d.cwe_ids, d.owasp, d.matched_text, int(time.time())),
        )  # fmt: skip


def _engine_confidence(engine: SqliteDriftStorage) -> None:
    for n in range(CONFIDENCE_READS):
        engine.pattern_confidence(f"naming/p{n % 20}")


def _raw_confidence(conn: sqlite3.Connection) -> None:
    for n in range(CONFIDENCE_READS):
        conn.execute(SELECT_POSTERIOR_MEAN, (f"naming/p{n % 20}",)).fetchone()


def _lookup_steps(engine: SqliteDriftStorage, raw: sqlite3.Connection) -> list[Step]:
    """The 10,000 lookups as steps of 1,000, each run by both sides."""
    return [
        (partial(_engine_lookups, engine, start, LOOKUP_STEP),
         partial(_raw_lookups, raw, start, LOOKUP_STEP))
        for start in range(0, LOOKUPS, LOOKUP_STEP)
    ]  # fmt: skip


def _mixed_steps(engine: SqliteDriftStorage, raw: sqlite3.Connection) -> list[Step]:
    """The gate's mixed workload (10,000 lookups, 1,000 inserts, 100 confidence reads) as steps."""
    inserts: list[Step] = [
        (partial(_engine_inserts, engine, start, INSERT_STEP),
         partial(_raw_inserts, raw, start, INSERT_STEP))
        for start in range(0, INSERTS, INSERT_STEP)
    ]  # fmt: skip
    confidence: Step = (partial(_engine_confidence, engine), partial(_raw_confidence, raw))
    return [*_lookup_steps(engine, raw), *inserts, confidence]


def _engine_mixed(engine: SqliteDriftStorage) -> None:
    _engine_lookups(engine)
    _engine_inserts(engine)
    _engine_confidence(engine)


def test_dispatch_overhead_point_lookups(
    benchmark: BenchmarkFixture, engine: SqliteDriftStorage, raw: sqlite3.Connection
) -> None:
    result = compare_steps(_lookup_steps(engine, raw), rounds=15)
    benchmark.extra_info.update(result.as_info("lookups"))
    benchmark.pedantic(_engine_lookups, args=(engine,), rounds=3, iterations=1)
    print(
        f"\npoint lookups: engine/raw = {result.ratio_min:.3f} (median {result.ratio_median:.3f})"
    )


def test_dispatch_overhead_mixed_workload(
    benchmark: BenchmarkFixture, engine: SqliteDriftStorage, raw: sqlite3.Connection
) -> None:
    result = compare_steps(_mixed_steps(engine, raw), rounds=15)
    benchmark.extra_info.update(result.as_info("mixed"))
    benchmark.pedantic(_engine_mixed, args=(engine,), rounds=2, iterations=1)
    print(
        f"\nmixed workload: engine/raw = {result.ratio_min:.3f} (median {result.ratio_median:.3f})"
    )


def test_batch_writer_throughput(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    rows = [_detection(n) for n in range(BATCH_ROWS)]
    engine_db = SqliteDriftStorage(tmp_path / "batch-engine.db")
    SqliteDriftStorage(tmp_path / "batch-raw.db").close()  # same schema, its own file
    raw_conn = open_writer(str(tmp_path / "batch-raw.db"))

    def through_engine() -> None:
        for start in range(0, BATCH_ROWS, 500):
            engine_db.send_batch(InsertDetections(rows=rows[start : start + 500]))
        engine_db.flush_sync()

    def raw_executemany() -> None:
        params = [
            (d.file, d.line, d.column_num, d.pattern_id, d.category, d.confidence,
             d.detection_method, d.cwe_ids, d.owasp, d.matched_text, 1_700_000_000)
            for d in rows
        ]  # fmt: skip
        raw_conn.execute("BEGIN IMMEDIATE")
        raw_conn.executemany(INSERT_DETECTION, params)
        raw_conn.execute("COMMIT")

    try:
        result = compare(through_engine, raw_executemany, rounds=7)
        benchmark.extra_info.update(result.as_info("batch"))
        benchmark.extra_info["batch_rows_per_s"] = BATCH_ROWS / result.subject_seconds
        benchmark.extra_info["raw_rows_per_s"] = BATCH_ROWS / result.baseline_seconds
        benchmark.pedantic(through_engine, rounds=2, iterations=1)
    finally:
        raw_conn.close()
        engine_db.close()
    share = result.baseline_seconds / result.subject_seconds
    print(
        f"\nbatch writer: {BATCH_ROWS / result.subject_seconds:,.0f} rows/s, "
        f"raw executemany {BATCH_ROWS / result.baseline_seconds:,.0f} rows/s "
        f"({share:.0%} of raw)"
    )
