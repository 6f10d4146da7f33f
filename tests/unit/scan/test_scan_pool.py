"""The process pool: same results as in process, every item once, crashes contained."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, cast

import pytest

from drift.scan import (
    BackgroundFeed,
    ForkedCall,
    ParseTask,
    WorkerPoolError,
    default_workers,
    discover,
    grammar_for_path,
    map_files,
    parse_files,
    parse_path,
    parse_task,
)
from drift.scan.pool import FORK_SPLITS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "repos"


def fixture_tasks() -> list[ParseTask]:
    tasks = []
    for repo in sorted(FIXTURES.iterdir()):
        if not repo.is_dir():
            continue
        for file in discover(repo).files:
            grammar = grammar_for_path(file.path)
            if grammar is not None:
                tasks.append(ParseTask(f"{repo.name}/{file.path}", file.abs_path, grammar))
    return tasks


def square(value: int) -> int:
    return value * value


def die_on_thirteen(value: int) -> int:
    if value == 13:
        os._exit(3)  # what a crash in native code looks like from the parent
    return value


def always_die(value: int) -> int:
    os._exit(value)


def mark_slowly(path: str) -> int:
    """Sleep, then leave a mark: a worker stopped on the way never leaves it."""
    import time

    if path.endswith("slow"):
        time.sleep(3)
        Path(path + ".done").write_text("done", encoding="utf-8")
    return 1


def crashed(value: int, message: str) -> int:
    assert "worker process died" in message
    return -value


def test_pool_results_equal_in_process_results() -> None:
    tasks = fixture_tasks()
    assert len(tasks) >= 20
    pooled = {outcome.path: outcome for outcome in parse_files(tasks, workers=2)}
    assert sorted(pooled) == sorted(task.path for task in tasks)
    for task in tasks:
        expected = parse_task(task)
        got = pooled[task.path]
        assert got._replace(duration_us=0) == expected._replace(duration_us=0)
        assert got.result() == parse_path(task).result


def test_outcomes_carry_hash_size_and_cache_json() -> None:
    task = next(t for t in fixture_tasks() if t.path.endswith("invoices.py"))
    outcome = parse_task(task)
    data = Path(task.abs_path).read_bytes()
    assert (outcome.file_size, outcome.error, outcome.grammar) == (len(data), None, "python")
    result = outcome.result()
    assert result is not None
    assert result.to_json() == outcome.result_json
    assert outcome.duration_us >= 0


def test_an_unreadable_file_is_an_outcome_not_an_exception(tmp_path: Path) -> None:
    outcome = parse_task(ParseTask("gone.py", str(tmp_path / "gone.py"), "python"))
    assert outcome.result_json is None
    assert outcome.result() is None
    assert outcome.error is not None
    assert outcome.error.startswith("cannot read:")


def test_map_files_returns_every_item_once() -> None:
    items = list(range(200))
    assert sorted(map_files(square, items, workers=2)) == [i * i for i in items]
    assert list(map_files(square, [3], workers=2)) == [9]  # one item: in process
    assert list(map_files(square, [], workers=2)) == []


def test_a_crashing_item_is_isolated_and_reported() -> None:
    items = list(range(40))
    results = sorted(map_files(die_on_thirteen, items, workers=2, on_crash=crashed))
    assert results == sorted([-13, *[i for i in items if i != 13]])


def test_a_chunk_the_broken_pool_refuses_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    # A worker that dies breaks the pool at once; a chunk submitted just then is refused
    # (``submit`` raises) and must still be run. Here the refusal is made certain.
    from concurrent.futures import ProcessPoolExecutor

    from drift.scan import pool

    submitted = 0

    class RefusesTheFourth(ProcessPoolExecutor):
        def submit(self, *args: Any, **kwargs: Any) -> Any:
            nonlocal submitted
            submitted += 1
            if submitted == 4:
                raise BrokenProcessPool("a worker died")
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", RefusesTheFourth)
    items = list(range(40))
    assert sorted(map_files(square, items, workers=2)) == [i * i for i in items]
    assert submitted > 4


def test_a_pool_that_keeps_dying_gives_up_with_a_clear_error() -> None:
    with pytest.raises(WorkerPoolError, match="worker processes died on 3 items in a row"):
        list(map_files(always_die, list(range(1, 30)), workers=2, on_crash=crashed))


def test_worker_count() -> None:
    assert default_workers(3) == 3
    assert default_workers() >= 1
    assert default_workers(0) == default_workers()


def joined_with_pid(items: Iterator[bytes]) -> Iterator[bytes]:
    yield os.getpid().to_bytes(8, "big") + b"|".join(items)


def in_two_parts(items: Iterator[bytes]) -> Iterator[bytes]:
    yield next(items).upper()
    yield b"+".join(items)


def die_on_third(items: Iterator[bytes]) -> Iterator[bytes]:
    for count, _ in enumerate(items, start=1):
        if count == 3:
            os._exit(3)  # as the OOM killer would
    yield b"never"


def part_then_die(items: Iterator[bytes]) -> Iterator[bytes]:
    yield b"".join(items)
    os._exit(4)


def fail_on_item(items: Iterator[bytes]) -> Iterator[bytes]:
    for item in items:
        if item == b"bad":
            raise ValueError(f"cannot take {item.decode()}")
    yield b"never"


def test_a_background_feed_works_through_its_items_in_another_process() -> None:
    with BackgroundFeed(joined_with_pid) as feed:
        for item in (b"a", b"b", b"c"):
            feed.send(item)
        (answer,) = feed.parts()
    assert answer[8:] == b"a|b|c"
    assert int.from_bytes(answer[:8], "big") != os.getpid()
    assert not feed.running


def test_a_background_feed_yields_each_part_as_its_worker_does() -> None:
    with BackgroundFeed(in_two_parts) as feed:
        feed.send(b"first")
        feed.send(b"second")
        feed.send(b"third")
        parts = feed.parts()
        assert next(parts) == b"FIRST"
        assert next(parts) == b"second+third"
        assert next(parts, None) is None
    assert not feed.running


def test_a_background_feed_takes_nothing_after_its_input_is_closed() -> None:
    with BackgroundFeed(joined_with_pid) as feed:
        feed.send(b"only")
        feed.close()
        with pytest.raises(ValueError, match="closed"):
            feed.send(b"late")
        assert [part[8:] for part in feed.parts()] == [b"only"]


def test_a_background_feed_reports_its_worker_dying_or_its_error() -> None:
    with BackgroundFeed(die_on_third) as dying:
        for item in (b"1", b"2", b"3", b"4"):
            dying.send(item)
        with pytest.raises(BrokenProcessPool):
            list(dying.parts())
    with BackgroundFeed(part_then_die) as late:
        late.send(b"x")
        parts = late.parts()
        assert next(parts) == b"x"
        with pytest.raises(BrokenProcessPool):
            next(parts)
    with BackgroundFeed(fail_on_item) as failing:
        failing.send(b"good")
        failing.send(b"bad")
        with pytest.raises(ValueError, match="cannot take bad"):
            list(failing.parts())


def test_a_background_feed_read_in_part_stops_its_worker() -> None:
    with BackgroundFeed(in_two_parts) as feed:
        feed.send(b"first")
        parts = feed.parts()
        assert next(parts) == b"FIRST"
        parts.close()  # the caller gave up after the first part
        assert not feed.running


def test_an_abandoned_background_feed_stops_its_worker() -> None:
    feed = BackgroundFeed(joined_with_pid)
    feed.send(b"x")
    feed.abandon()
    assert not feed.running
    with pytest.raises(ValueError, match="closed"):
        feed.send(b"y")


def test_a_forked_call_returns_what_the_child_computed() -> None:
    assert (sys.platform == "linux") == FORK_SPLITS  # elsewhere the caller does the work
    parent = os.getpid()
    seen = [1, 2, 3]  # state of this process the child reads, not receives
    # More than a pipe holds (64 KiB): the child's write waits for the parent's read.
    call = ForkedCall(lambda: os.getpid().to_bytes(8, "big") + bytes(seen) * 100_000)
    answer = call.result()
    if not FORK_SPLITS:
        assert answer is None
        return
    assert answer is not None
    assert int.from_bytes(answer[:8], "big") != parent
    assert answer[8:] == bytes(seen) * 100_000
    assert call.result() is None  # taken once


def test_a_forked_call_that_fails_returns_none_and_leaves_this_process_alone() -> None:
    def boom() -> bytes:
        raise RuntimeError("the child fails")

    def killed() -> bytes:
        os._exit(3)

    assert ForkedCall(boom).result() is None
    assert ForkedCall(killed).result() is None
    assert ForkedCall(lambda: b"after").result() == (b"after" if FORK_SPLITS else None)


def test_a_forked_child_ends_when_the_process_that_forked_it_is_killed(tmp_path: Path) -> None:
    # The structure worker forks a child for half the call graph; a killed scan kills the
    # worker, and the child must not run on by itself.
    def code(held: Path) -> str:
        return (
            "from drift.scan import ForkedCall\n"
            "from tests.unit.scan.test_scan_pool import pid_then_hold\n"
            f"call = ForkedCall(lambda: bytes(pid_then_hold({str(held)!r})))\n"
            "call.result()\n"
        )

    if not FORK_SPLITS:  # no fork: the caller does nothing in a child
        assert _python(code(tmp_path), tmp_path).wait(120) == 0
        return
    _kill_the_starter_of_held(tmp_path, code, count=1)


def test_a_forked_call_where_fork_is_not_used_leaves_the_work_to_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("drift.scan.pool.FORK_SPLITS", False)
    ran: list[int] = []

    def work() -> bytes:
        ran.append(os.getpid())
        return b"done"

    call = ForkedCall(work)
    assert call.result() is None
    assert ran == []  # neither here nor in a child: the caller does the work itself


_SERVER_PID = "import multiprocessing.forkserver as f; print(f._forkserver._forkserver_pid)"


def _in_fresh_process(code: str, tmp_path: Path) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_starting_workers_early_starts_the_fork_server_without_waiting(tmp_path: Path) -> None:
    out = _in_fresh_process(
        "from drift.scan import content_hash, map_files, start_workers_early\n"
        "start_workers_early('drift.scan.hashing')\n" + _SERVER_PID + "\n"
        "items = [b'a', b'b', b'c', b'd']\n"
        "pooled = sorted(map_files(content_hash, items, workers=2))\n"
        "print(pooled == sorted(map(content_hash, items)))\n",
        tmp_path,
    )
    server, results = out.splitlines()
    assert server.isdigit()  # running before any pool was asked for
    assert results == "True"  # and the pool that follows uses it


def test_a_function_without_a_return_annotation_is_refused() -> None:
    with pytest.raises(TypeError, match="needs a return annotation"):
        map_files(abs, [-1, -2], workers=2)
    with pytest.raises(TypeError, match="needs a return annotation"):
        map_files(abs, [-1], workers=1)  # in process too: not only on large projects


def test_a_small_scan_starts_no_worker_process(tmp_path: Path) -> None:
    # Below the inline limit the files are analysed in the scanning process: no fork server.
    repo = FIXTURES / "naming-python"
    out = _in_fresh_process(
        "from drift.storage.backends import open_drift_storage\n"
        "from drift.pipeline.run import scan\n"
        "storage = open_drift_storage('memory://')\n"
        f"summary = scan({str(repo)!r}, storage, workers=2)\n"
        "storage.close()\n"
        "print(summary.analysed)\n" + _SERVER_PID + "\n",
        tmp_path,
    )
    analysed, server = out.splitlines()
    assert 0 < int(analysed) < 48
    assert server == "None"


def test_a_consumer_that_stops_early_stops_the_workers(tmp_path: Path) -> None:
    # Ctrl-C in a scan: waiting for the work in flight had hung a scan for minutes.
    items = [str(tmp_path / "x.slow")] + [str(tmp_path / f"{i}.fast") for i in range(40)]
    results = cast(Generator[int, None, None], map_files(mark_slowly, items, workers=2))
    next(results)  # a fast chunk's result, while the slow one is in flight
    results.close()  # what leaving the loop on an error does
    assert not (tmp_path / "x.slow.done").exists()


def pid_then_hold(directory: str) -> int:
    """Record this worker's PID in ``directory``, then hold the item as a long parse would."""
    (Path(directory) / str(os.getpid())).touch()
    time.sleep(600)
    return 0


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, exited and not yet reaped by init, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return not stat.parent.parent.is_dir()  # no /proc to tell: kill(0) said it runs


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _python(code: str, cwd: Path) -> subprocess.Popen[bytes]:
    """``code`` run by a Python process of its own that imports this checkout."""
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), *sys.path])}
    return subprocess.Popen([sys.executable, "-c", code], env=env, cwd=cwd)


def _kill_the_starter_of_held(tmp_path: Path, code: Callable[[Path], str], count: int) -> None:
    """Run ``code(held)`` in a process of its own, wait for ``count`` processes it starts to
    record their PIDs in ``held`` (``pid_then_hold``), kill it with SIGKILL, and check that
    they all end without it."""
    held = tmp_path / "held"
    held.mkdir()
    parent = _python(code(held), tmp_path)
    pids: list[int] = []
    try:
        assert _wait_until(lambda: len(list(held.iterdir())) == count, 120), "none started"
        pids = [int(path.name) for path in held.iterdir()]
        assert parent.pid not in pids
        parent.kill()
        parent.wait()
        assert _wait_until(lambda: not any(map(_running, pids)), 60)
    finally:
        parent.kill()
        for pid in filter(_running, pids):
            os.kill(pid, signal.SIGKILL)


def test_workers_exit_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    # With SIGKILL (the OOM killer, a cancelled CI job) the pool cannot stop its workers: they
    # had waited for work for ever under init, keeping the fork server and the resource
    # tracker alive. Their OS parent is the fork server, so they watch the scan itself.
    def code(held: Path) -> str:
        return (
            "from drift.scan import map_files\n"
            "from tests.unit.scan.test_scan_pool import pid_then_hold\n"
            f"results = map_files(pid_then_hold, [{str(held)!r}] * 4, workers=2)\n"
            "next(iter(results))\n"
        )

    _kill_the_starter_of_held(tmp_path, code, count=2)
