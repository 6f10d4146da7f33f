"""Per-file work in a process pool sized to the CPUs; results come back to the parent as data.

Workers never touch storage: they read, parse and extract, and return plain values; the parent
alone writes. Results stream back as chunks finish (in completion order, not input order), with a
bounded number of chunks in flight so memory stays flat on large trees. A worker that dies (a
crash in native code, the OOM killer) does not end the scan: the files it may have been holding
are retried one at a time, and the one that kills a worker again is reported as failed.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import multiprocessing.queues
import os
import pickle
import signal
import sys
import threading
import time
import typing
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, NamedTuple, TypeVar

from drift.errors import DriftError
from drift.scan import transport
from drift.scan.config import default_workers
from drift.scan.hashing import content_hash
from drift.scan.model import ParseResult
from drift.scan.source_file import parse_source

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNK = 32
"""Most files handed to a worker at once: enough to amortise the hop, few enough to balance."""


class ParseTask(NamedTuple):
    """One file to parse: its repo-relative ``path``, where to read it, and the grammar."""

    path: str
    abs_path: str
    grammar: str


class ParsedFile(NamedTuple):
    """A parsed file, in process. ``result`` is None when the file could not be read (``error``
    says why); ``content_hash``/``file_size`` describe the bytes that were parsed."""

    path: str
    grammar: str
    content_hash: bytes
    file_size: int
    result: ParseResult | None
    error: str | None
    duration_us: int

    def outcome(self) -> ParseOutcome:
        """The same file in transport form (the result as parse-cache JSON)."""
        data = None if self.result is None else self.result.to_json()
        return ParseOutcome(
            self.path,
            self.grammar,
            self.content_hash,
            self.file_size,
            data,
            self.error,
            self.duration_us,
        )


class ParseOutcome(NamedTuple):
    """A parsed file as a worker sends it back: the result is its parse-cache JSON, one string
    that crosses the process boundary cheaply and can be stored as is (``parse_cache``)."""

    path: str
    grammar: str
    content_hash: bytes
    file_size: int
    result_json: str | None
    error: str | None
    duration_us: int

    def result(self) -> ParseResult | None:
        """The decoded ParseResult (None when the file could not be read)."""
        return None if self.result_json is None else ParseResult.from_json(self.result_json)


def parse_path(task: ParseTask) -> ParsedFile:
    """Read, parse and extract one file. Never raises: a read failure is in ``error``."""
    started = time.perf_counter_ns()
    try:
        with open(task.abs_path, "rb") as handle:
            source = handle.read()
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}"
        return ParsedFile(task.path, task.grammar, b"", 0, None, message, _since(started))
    result = parse_source(source, task.grammar)
    digest = content_hash(source)
    return ParsedFile(task.path, task.grammar, digest, len(source), result, None, _since(started))


def parse_task(task: ParseTask) -> ParseOutcome:
    """``parse_path`` in transport form: what ``parse_files`` runs in each worker."""
    return parse_path(task).outcome()


def _since(started_ns: int) -> int:
    return (time.perf_counter_ns() - started_ns) // 1000


def _crashed_task(task: ParseTask, message: str) -> ParseOutcome:
    return ParseOutcome(task.path, task.grammar, b"", 0, None, message, 0)


def parse_files(
    tasks: Sequence[ParseTask], *, workers: int | None = None
) -> Iterator[ParseOutcome]:
    """Parse ``tasks`` in a process pool; outcomes arrive in completion order, one per task."""
    return map_files(parse_task, tasks, workers=workers, on_crash=_crashed_task)


def map_files(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    on_crash: Callable[[T, str], R] | None = None,
) -> Iterator[R]:
    """Run ``fn`` (a module-level function) on every item in worker processes.

    Yields one result per item, in completion order. With one worker, or one item, it runs in
    this process. ``on_crash(item, message)`` gives the result for an item that kills its worker
    even when run alone; without it such a crash raises ``BrokenProcessPool``. Results travel
    back typed (``transport``): ``fn``'s return annotation names their type, and TypeError says
    so when it has none.
    """
    returns = result_type(fn)  # checked here too, so that a missing one fails on any project
    count = default_workers() if workers is None else max(1, workers)
    if count == 1 or len(items) <= 1:
        return (fn(item) for item in items)
    size = max(1, min(MAX_CHUNK, len(items) // (count * 8)))
    chunks = deque(list(items[start : start + size]) for start in range(0, len(items), size))
    return _Pool(fn, returns, count, on_crash).run(chunks)


def result_type(fn: Callable[..., object]) -> Any:
    """The return annotation of ``fn``, resolved (TypeError when it has none)."""
    try:
        hints = typing.get_type_hints(fn)
    except (NameError, TypeError) as exc:
        raise TypeError(f"cannot resolve the annotations of {fn!r}: {exc}") from None
    if "return" not in hints:
        raise TypeError(f"{fn!r} needs a return annotation: it says how its results travel")
    return hints["return"]


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> bytes:
    # Encoded here (``transport``); the pool only moves the bytes.
    return transport.dumps([fn(item) for item in chunk])


_PRELOAD = ["drift.scan.source_file"]
"""What the fork server imports before it forks the first worker (``_context``)."""


def _context(
    module: str,
) -> multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext:
    """How workers start. ``module`` (the worker function's) is imported once, in the fork
    server, so each worker forked from it starts with it loaded instead of importing it again.
    """
    # Workers start as `python -c …`, which puts the working directory first on sys.path: in a
    # repository with its own `threading.py` or `multiprocessing/` (the CPython sources, any
    # project with a `types.py`), they would import those instead of the standard library.
    # Python 3.11's PYTHONSAFEPATH leaves the working directory out.
    os.environ.setdefault("PYTHONSAFEPATH", "1")
    # Never plain fork: the parent may run threads (the storage batch writer), and forking a
    # process with threads can deadlock on a lock some thread held at the time.
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Takes effect when the server starts (the first pool of this process); a module asked
        # for later is imported by each worker that runs its function.
        if module not in _PRELOAD:
            _PRELOAD.append(module)
        context.set_forkserver_preload(list(_PRELOAD))
        _start_server_deaf_to_ctrl_c()
        return context
    return multiprocessing.get_context("spawn")


def _start_server_deaf_to_ctrl_c() -> None:
    """Start the fork server with Ctrl-C ignored, unless it runs already.

    Ctrl-C reaches every process of the terminal's group. The server ignores it once set up,
    but not while it imports the preloaded modules, which it does first: a Ctrl-C then printed
    its KeyboardInterrupt traceback. Started with SIGINT ignored, it (and every worker it
    forks) inherits that; the scanning process alone stops the run."""
    if threading.current_thread() is not threading.main_thread():
        multiprocessing.forkserver.ensure_running()  # signals are the main thread's to set
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def start_workers_early(module: str) -> None:
    """Start the fork server that workers for functions of ``module`` come from, and return
    without waiting for it. It takes a few tenths of a second to import what the workers need,
    on a core this process does not use: a run that knows it will use the pool (or a
    ``BackgroundFeed``) calls this first, then goes on with its own work meanwhile. Nothing to
    do when workers are spawned (no fork server) or the server runs already."""
    if isinstance(_context(module), multiprocessing.context.ForkServerContext):
        multiprocessing.forkserver.ensure_running()


GC_THRESHOLD = 20_000
"""Allocations between young-generation collections in a worker (CPython's default is 700).

A worker allocates millions of short-lived objects per chunk, nearly all freed by reference
counting; frequent collections only walk them again. Cycles are still collected, later."""


def _start_worker() -> None:
    # Ctrl-C reaches every process of the terminal's group: the scanning process stops the run
    # and its workers, which must not each print a KeyboardInterrupt traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    # What the worker imported (the fork server's modules) lives as long as the worker: keep
    # the collector from scanning it again and again.
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


PARENT_GONE = 128 + signal.SIGKILL
"""A worker's exit code when the process that started it died first."""


def _exit_with_parent() -> None:
    """End this worker as soon as the process that started it is gone.

    A scan killed with SIGKILL (a cancelled CI job, the OOM killer) cannot stop its workers:
    they waited on their task queue for ever, parented to init, and kept the fork server and
    the resource tracker alive with them (both exit once the last worker has). The worker's
    OS parent is the fork server, not the scan, so neither its parent PID nor Linux's
    ``PR_SET_PDEATHSIG`` tells; ``parent_process().sentinel`` does, with either start method:
    the end of a pipe whose other end the scanning process alone holds, readable at its exit."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return  # run in the scanning process itself: nothing to watch
    threading.Thread(
        target=_exit_when_gone, args=(parent,), name="drift-parent-watch", daemon=True
    ).start()


def _exit_when_gone(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # waits on its sentinel: returns when the parent's end of the pipe closes
    os._exit(PARENT_GONE)  # at once: no exit handler may wait on the dead parent's pipes


_END_OF_INPUT = None
"""What ``BackgroundFeed`` puts after the last item (so an item is never None)."""


def _serve_feed(
    fn: Callable[[Iterator[T]], Iterable[bytes]],
    inbox: multiprocessing.queues.Queue[T | None],
    outbox: multiprocessing.connection.Connection,
) -> None:
    """The worker side of ``BackgroundFeed``: ``fn`` over the items until the end marker, each
    part it yields sent back through ``outbox`` as it comes (``P``), then the end (``D``) or its
    exception (``E``, pickled)."""
    _start_worker()
    try:
        for part in fn(iter(inbox.get, _END_OF_INPUT)):
            outbox.send_bytes(b"P" + part)
        message = b"D"
    except BaseException as exc:
        try:
            message = b"E" + pickle.dumps(exc)
        except Exception:  # an exception that cannot travel is reported by its text
            message = b"E" + pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
    outbox.send_bytes(message)
    outbox.close()


class BackgroundFeed(Generic[T]):
    """A module-level ``fn(items)`` in a worker process of its own, fed its items one at a time
    while this process goes on with other work; ``fn`` yields its result in parts (bytes).

    ``send`` never blocks (a feeder thread writes each item to the pipe, pickled), so the work
    on each item overlaps whatever this process does next; ``parts`` ends the input and yields
    each part as soon as ``fn`` yields it, so this process can use the first while the worker
    computes the next. The parts cross as bytes the worker packed (``transport``), so this
    process pays for no object it never reads. Use it as a context manager: leaving early
    abandons the worker without waiting for it.
    """

    def __init__(self, fn: Callable[[Iterator[T]], Iterable[bytes]]) -> None:
        context = _context(fn.__module__)
        self._inbox: multiprocessing.queues.Queue[T | None] = context.Queue()
        self._outbox, sending_end = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve_feed, args=(fn, self._inbox, sending_end), daemon=True
        )
        self._process.start()
        sending_end.close()  # the worker holds its own copy; EOF then means it is gone
        self._open = True
        self._stopped = False

    @property
    def running(self) -> bool:
        """Whether the worker process is still alive."""
        return self._process.is_alive()

    def send(self, item: T) -> None:
        """Give the worker one more item (not None)."""
        if not self._open:
            raise ValueError("the feed's input is closed")
        self._inbox.put(item)

    def close(self) -> None:
        """End the input: the worker's ``fn`` sees the last item and finishes."""
        if self._open:
            self._open = False
            self._inbox.put(_END_OF_INPUT)

    def parts(self) -> Iterator[bytes]:
        """End the input and yield each part ``fn`` yields, as it comes. Raises what ``fn``
        raised, or ``BrokenProcessPool`` if its worker died. Stopping early (not reading every
        part) stops the worker."""
        self.close()
        finished = False
        try:
            while True:
                # The worker may die before sending (the OOM killer): its sentinel says so.
                multiprocessing.connection.wait([self._outbox, self._process.sentinel])
                try:
                    message = self._outbox.recv_bytes() if self._outbox.poll() else b""
                except (EOFError, OSError):
                    message = b""
                kind = message[:1]
                if kind == b"P":
                    yield message[1:]
                    continue
                finished = kind in (b"D", b"E")  # the worker is done and gone
                if kind == b"D":
                    return
                if kind == b"E":
                    error: BaseException = pickle.loads(message[1:])
                    raise error
                raise BrokenProcessPool(
                    f"the background worker died (exit code {self._process.exitcode})"
                )
        finally:
            if not finished and self._process.is_alive():
                self._process.kill()
            self._stop()

    def abandon(self) -> None:
        """Stop the worker without waiting for its result."""
        self._open = False
        if self._process.is_alive():
            self._process.kill()
        self._stop()

    def _stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        # Items still in the pipe are dropped rather than waited for: the worker is done.
        self._inbox.cancel_join_thread()
        self._inbox.close()
        self._process.join()
        self._outbox.close()

    def __enter__(self) -> BackgroundFeed[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._stopped:
            self.abandon()


FORK_SPLITS = sys.platform == "linux"
"""Whether ``ForkedCall`` forks. Only on Linux: elsewhere (macOS's system libraries are not
fork-safe) the caller does the work itself."""


class ForkedCall:
    """``fn()`` in a forked copy of this process, which returns its bytes to this one.

    For CPU-bound work over large read-only state built here already (the call resolver's
    indexes): the child shares it copy-on-write instead of receiving it, and uses a core this
    process would leave idle. The caller goes on with its own share of the work meanwhile, then
    takes the child's with ``result``; None means there is none (no fork on this platform, or
    the child failed: it reports nothing, so the caller does that share itself and meets any
    error there).

    A plain fork, which ``_context`` avoids for pools, is safe here: it is only used in a
    worker process, whose one other thread (``_exit_with_parent``'s) sleeps in a system call
    holding no lock, and the child runs pure Python and exits without cleaning up. The child
    is killed when the process that forked it ends (``_die_with``), as a worker ends with the
    scan: a killed scan leaves no process behind.
    """

    def __init__(self, fn: Callable[[], bytes]) -> None:
        self._pid: int | None = None
        self._reading: int | None = None
        if not FORK_SPLITS:
            return
        reading, writing = os.pipe()
        parent = os.getpid()
        with warnings.catch_warnings():
            # Python 3.12+ warns on any fork with threads running; see the class docstring.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(reading)
                _die_with(parent)
                data = fn()
                with os.fdopen(writing, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)  # no exit handlers: they belong to the parent
        os.close(writing)
        self._pid, self._reading = pid, reading

    def result(self) -> bytes | None:
        """Wait for the child and return what ``fn`` returned, or None (see the class)."""
        if self._pid is None or self._reading is None:
            return None
        with os.fdopen(self._reading, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = self._reading = None
        return data if os.waitstatus_to_exitcode(status) == 0 else None


_PR_SET_PDEATHSIG = 1
"""Linux's ``prctl`` option: the signal a process gets when the thread that made it ends."""


def _die_with(parent: int) -> None:
    """Have the kernel kill this forked process (SIGKILL) when ``parent``, the process that
    forked it, ends; end at once if it has ended already. Linux only (``FORK_SPLITS``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # gone before the request took effect
        os._exit(PARENT_GONE)


class WorkerPoolError(DriftError):
    """Worker processes keep dying: the environment, not one file, is at fault."""

    code = "WORKER_POOL"


MAX_CRASHES_IN_A_ROW = 3
"""Items that kill a worker even alone, one after another, before the pool gives up."""


def _stop_now(executor: ProcessPoolExecutor) -> None:
    """Shut ``executor`` down without waiting: pending work is cancelled and its worker
    processes are killed (they ignore SIGINT, so a Ctrl-C alone would not stop them)."""
    # The executor keeps no public list of its processes; without it they would run on.
    workers = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.kill()


class _Pool(Generic[T, R]):
    """Chunks through a process pool, recovering from workers that die."""

    def __init__(
        self,
        fn: Callable[[T], R],
        returns: Any,
        workers: int,
        on_crash: Callable[[T, str], R] | None,
    ) -> None:
        self.fn = fn
        self.chunk_type = list[returns]
        self.workers = workers
        self.on_crash = on_crash
        self.crashes_in_a_row = 0

    def run(self, chunks: deque[list[T]]) -> Iterator[R]:
        suspects: deque[T] = deque()
        while chunks or suspects:
            if suspects:
                yield from self._one_at_a_time(suspects)
                continue
            try:
                yield from self._stream(chunks, suspects)
            except BrokenProcessPool:
                continue  # _stream moved the chunks that were in flight to ``suspects``

    def _stream(self, chunks: deque[list[T]], suspects: deque[T]) -> Iterator[R]:
        window = self.workers * 3
        running: dict[Future[bytes], list[T]] = {}
        executor = ProcessPoolExecutor(
            self.workers, mp_context=_context(self.fn.__module__), initializer=_start_worker
        )
        finished = False
        try:
            while chunks or running:
                while chunks and len(running) < window:
                    # Submitted, then taken off the queue: a pool that broke in between
                    # refuses the chunk, which must stay queued rather than be lost.
                    future = executor.submit(_run_chunk, self.fn, chunks[0])
                    running[future] = chunks.popleft()
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    results: list[R] = transport.loads(future.result(), self.chunk_type)
                    del running[future]
                    yield from results
            finished = True
        except BrokenProcessPool:
            for chunk in running.values():
                suspects.extend(chunk)
            finished = True  # the pool is gone: nothing left to wait for
            raise
        finally:
            if finished:
                executor.shutdown(wait=True)
            else:
                # The consumer stopped early (Ctrl-C, an error, a ``break``): the results in
                # flight are not wanted, so the workers are stopped rather than waited for.
                # Waiting had hung a Ctrl-C'd scan for minutes when a worker being started
                # met semaphores the interrupt had already removed.
                _stop_now(executor)

    def _one_at_a_time(self, suspects: deque[T]) -> Iterator[R]:
        """Run each suspect alone, so a crash names its item."""
        with ProcessPoolExecutor(
            1, mp_context=_context(self.fn.__module__), initializer=_start_worker
        ) as executor:
            while suspects:
                item = suspects[0]
                try:
                    result = executor.submit(self.fn, item).result()
                except BrokenProcessPool as exc:
                    suspects.popleft()
                    self.crashes_in_a_row += 1
                    if self.on_crash is None:
                        raise
                    if self.crashes_in_a_row >= MAX_CRASHES_IN_A_ROW:
                        raise WorkerPoolError(
                            f"worker processes died on {self.crashes_in_a_row} items in a row",
                            hint="run with one worker (threads = 1) to see the underlying error",
                        ) from exc
                    yield self.on_crash(item, f"worker process died: {exc}")
                    return  # this executor is broken; ``run`` opens a new one for the rest
                suspects.popleft()
                self.crashes_in_a_row = 0
                yield result
