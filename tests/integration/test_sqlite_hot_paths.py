"""The SQLite engine's hot paths (one-row insert, point reads on the thread's reader) behave
exactly as the shared methods they short-cut, on files and in memory."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from msgspec.structs import replace

from drift.errors import EngineClosed
from drift.records.analysis import DetectionRow, PatternConfidenceRow
from drift.records.batch import UpsertFileMetadata
from drift.storage.sqlite.engine import SqliteDriftStorage
from tests.integration.rows import detection_row, file_row


class Path_(str):
    """A str subclass: the exact-type test cannot pass it; the precise check accepts it."""


class CountingClock:
    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> int:
        self.reads += 1
        return 1_700_000_000 + self.reads


@pytest.fixture(params=["file", "memory"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqliteDriftStorage]:
    location = tmp_path / "drift.db" if request.param == "file" else ":memory:"
    with SqliteDriftStorage(location, clock=CountingClock()) as storage:
        yield storage


def _clock(engine: SqliteDriftStorage) -> CountingClock:
    clock = engine._database.now
    assert isinstance(clock, CountingClock)
    return clock


@pytest.mark.parametrize(
    "changes",
    [
        {"line": True},  # a bool where an int belongs
        {"confidence": "high"},
        {"file": None},
        {"id": "7"},  # not stored, still checked
        {"created_at": 1.5},
    ],
)
def test_a_bad_single_row_fails_before_any_sql_and_before_the_clock(
    engine: SqliteDriftStorage, changes: dict[str, object]
) -> None:
    bad = replace(detection_row("a.py", 1), **changes)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=rf"detections\[0\]: DetectionRow\.{next(iter(changes))}"):
        engine.insert_detections([bad])
    with pytest.raises(TypeError, match="detections\\[0\\] must be a DetectionRow"):
        engine.insert_detections(["not a row"])  # type: ignore[list-item]
    assert engine.count_detections() == 0
    assert _clock(engine).reads == 0


def test_single_rows_the_exact_test_cannot_pass_are_stored_as_before(
    engine: SqliteDriftStorage,
) -> None:
    rows = [
        replace(detection_row("a.py", 1), file=Path_("a.py")),
        replace(detection_row("a.py", 2), confidence=1),
        detection_row("a.py", 3),
    ]
    for row in rows:
        assert engine.insert_detections([row]) == 1
    stored = engine.get_detections_by_file("a.py")
    assert [(type(r.file), r.line, r.confidence, r.created_at) for r in stored] == [
        (str, 1, 0.9, 1_700_000_001),
        (str, 2, 1.0, 1_700_000_002),
        (str, 3, 0.9, 1_700_000_003),
    ]
    assert _clock(engine).reads == 3  # one read per insert, on either path


def test_point_reads_agree_on_every_thread_and_fail_typed_after_close(
    engine: SqliteDriftStorage,
) -> None:
    engine.send_batch(UpsertFileMetadata(rows=[file_row("a.py")]))
    engine.flush_sync()
    engine.upsert_confidence(
        PatternConfidenceRow("p", 9.0, 2.0, 0.818, 0.6, 0.95, "established", "stable", 1)
    )

    def reads() -> tuple[object, ...]:
        return (
            engine.get_file_metadata("a.py"),
            engine.get_file_metadata("b.py"),
            engine.pattern_confidence("p"),
            engine.pattern_confidence("q"),
        )

    first = reads()  # this thread's first read opens its reader (shared methods)
    assert first == (file_row("a.py"), None, 0.818, None)
    assert reads() == first  # now on the reader cursor directly
    results: list[tuple[object, ...]] = []
    worker = threading.Thread(target=lambda: results.extend([reads(), reads()]))
    worker.start()
    worker.join()
    assert results == [first, first]
    with pytest.raises(TypeError):
        engine.get_file_metadata(b"a.py")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        engine.pattern_confidence(None)  # type: ignore[arg-type]
    engine.close()
    with pytest.raises(EngineClosed):
        engine.get_file_metadata("a.py")
    with pytest.raises(EngineClosed):
        engine.pattern_confidence("p")
    with pytest.raises(EngineClosed):
        engine.insert_detections([detection_row("a.py", 1)])


def test_reads_see_a_single_row_insert_at_once(engine: SqliteDriftStorage) -> None:
    assert engine.count_detections() == 0
    engine.insert_detections([detection_row("a.py", 1)])
    assert engine.count_detections() == 1
    assert isinstance(engine.get_detections_by_file("a.py")[0], DetectionRow)
