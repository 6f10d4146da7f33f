"""`drift scan` on the standard-library corpus, against tree-sitter parse-only of the same files.

Issue 3 §9, measured in one run:

1. **Full scan vs parse-only.** The corpus of ``bench_parse`` (every parseable file of the running
   interpreter's standard library) is copied to a temporary tree; ``drift scan`` (a real
   subprocess, all cores, fresh storage) is timed against ``parse_only`` of the same files in
   this process, in interleaved rounds. Budget: at most 2.0x. Files/s and lines/s are reported.
2. **Rescans.** With nothing changed (budget: 3% of the full scan), after ``touch`` of 10 files
   (budget: 10%), and, for information, after editing 10 files (a comment appended: the stored
   call graph stands; a function appended: it is rebuilt).
3. **Peak memory.** The scan's whole process tree (the CLI, the fork server, the workers) is
   sampled from ``/proc`` while it runs: peak total RSS (budget: under 1 GiB), plus each
   process's own high-water mark. A page that processes share (a forked child's view of its
   parent's memory) counts once per process in the total RSS, so the peak total PSS, which
   divides each such page among its sharers, is reported beside it: what the tree occupies.

Figures go to stdout and to the benchmark's ``extra_info``. ``DRIFT_BENCH_SCAN_ROUNDS`` (default
2) sets the number of full-scan rounds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.bench_parse import Corpus, load_corpus, parse_only

GIB = 1024**3
TOUCHED = 10


def _rounds() -> int:
    raw = os.environ.get("DRIFT_BENCH_SCAN_ROUNDS", "")
    return int(raw) if raw.strip() else 2


@dataclass
class TreeMemory:
    """Peak memory of a process tree, sampled from /proc."""

    peak_total_rss: int = 0
    peak_total_pss: int = 0
    high_water: dict[int, int] = field(default_factory=dict)  # pid -> VmHWM bytes
    names: dict[int, str] = field(default_factory=dict)

    @property
    def peak_parent(self) -> int:
        return max(self.high_water.values(), default=0)


def _status(pid: int) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    fields = (line.split(":", 1) for line in text.splitlines() if ":" in line)
    return {key: value.strip() for key, value in fields}


def _pss(pid: int) -> int:
    """Bytes of ``pid``'s proportional set size (0 once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return _kib(line.split(":", 1)[1].strip())
    return 0


def _kib(value: str | None) -> int:
    return int(value.split()[0]) * 1024 if value else 0


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            ppid = _status(int(entry)).get("PPid")
            if ppid is not None:
                children.setdefault(int(ppid), []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _sample(pid: int, memory: TreeMemory, done: threading.Event) -> None:
    while not done.is_set():
        total = proportional = 0
        for member in _descendants(pid):
            status = _status(member)
            total += _kib(status.get("VmRSS"))
            proportional += _pss(member)
            memory.high_water[member] = max(
                memory.high_water.get(member, 0), _kib(status.get("VmHWM"))
            )
            memory.names.setdefault(member, status.get("Name", "?"))
        memory.peak_total_rss = max(memory.peak_total_rss, total)
        memory.peak_total_pss = max(memory.peak_total_pss, proportional)
        done.wait(0.05)


def _drift() -> str:
    return str(Path(sys.executable).parent / "drift")


def run_scan(root: Path, store: Path, memory: TreeMemory | None = None) -> float:
    """Seconds one ``drift scan`` subprocess takes (CI set: no progress bar).

    Byte-code caching is on whatever the calling environment says: an installed Drift runs
    from compiled modules (pip compiles them at install), and compiling ~150 modules from
    source on every start would bill a rescan for start-up work users never pay.
    """
    env = {**os.environ, "CI": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        [_drift(), "scan", str(root), "--storage", str(store), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    done = threading.Event()
    sampler = None
    if memory is not None:
        sampler = threading.Thread(target=_sample, args=(process.pid, memory, done), daemon=True)
        sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    if sampler is not None:
        sampler.join()
    assert process.returncode == 0, err
    assert out.startswith("Scanned "), out
    return elapsed


def copy_corpus(corpus: Corpus, destination: Path) -> Path:
    """The corpus files at their relative paths under ``destination``."""
    for item in corpus.files:
        target = destination / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.source)
    return destination


def _best(timings: list[float]) -> float:
    return min(timings)


def _rescans(
    root: Path, store: Path, corpus: Corpus, change: Callable[[list[Path]], None], rounds: int
) -> float:
    times: list[float] = []
    files = [root / item.path for item in corpus.files]
    for round_index in range(rounds):
        chosen = files[round_index * TOUCHED : (round_index + 1) * TOUCHED]
        change(chosen)
        times.append(run_scan(root, store))
    return _best(times)


def _touch(paths: list[Path]) -> None:
    now = time.time_ns() + 1_000_000_000
    for path in paths:
        os.utime(path, ns=(now, now))


def _append_comment(paths: list[Path]) -> None:
    for path in paths:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n# edited by the benchmark\n")


def _append_function(paths: list[Path]) -> None:
    for index, path in enumerate(paths):
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\n\ndef benchmark_added_{index}(value):\n    return value\n")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded = load_corpus()
    assert loaded.files, f"no parseable files under {loaded.root}"
    return loaded


def test_full_scan_and_rescans_against_parse_only(
    benchmark: BenchmarkFixture, corpus: Corpus, tmp_path: Path
) -> None:
    root = copy_corpus(corpus, tmp_path / "corpus")
    rounds = _rounds()
    parse_times: list[float] = []
    scan_times: list[float] = []
    memory = TreeMemory()
    store = tmp_path / "store-0"
    for index in range(rounds):
        started = time.perf_counter()
        parse_only(corpus)
        parse_times.append(time.perf_counter() - started)
        store = tmp_path / f"store-{index}"
        scan_times.append(run_scan(root, store, memory if index == 0 else None))
    parse, full = _best(parse_times), _best(scan_times)

    unchanged = _best([run_scan(root, store) for _ in range(3)])
    touched = _rescans(root, store, corpus, _touch, 2)
    commented = _rescans(root, store, corpus, _append_comment, 1)
    extended = _rescans(root, store, corpus, _append_function, 1)

    def one_more_unchanged() -> float:
        return run_scan(root, store)

    # pytest-benchmark leaves pedantic() unannotated; this pins its type for mypy.
    pedantic = cast(Callable[..., float], benchmark.pedantic)
    pedantic(one_more_unchanged, rounds=1, iterations=1)
    figures = {
        "files": len(corpus.files),
        "lines": corpus.lines,
        "parse_only_s": round(parse, 3),
        "full_scan_s": round(full, 3),
        "full_vs_parse": round(full / parse, 3),
        "files_per_s": round(len(corpus.files) / full, 1),
        "lines_per_s": round(corpus.lines / full),
        "rescan_unchanged_s": round(unchanged, 3),
        "rescan_unchanged_vs_full": round(unchanged / full, 4),
        "rescan_touched_s": round(touched, 3),
        "rescan_touched_vs_full": round(touched / full, 4),
        "rescan_commented_vs_full": round(commented / full, 4),
        "rescan_new_functions_vs_full": round(extended / full, 4),
        "peak_tree_rss_mib": round(memory.peak_total_rss / 2**20, 1),
        "peak_tree_pss_mib": round(memory.peak_total_pss / 2**20, 1),
        "peak_process_hwm_mib": round(memory.peak_parent / 2**20, 1),
        "processes": len(memory.high_water),
    }
    benchmark.extra_info.update(figures)
    verdicts = {
        "full scan <= 2.0x parse-only": figures["full_vs_parse"] <= 2.0,
        "unchanged rescan <= 3%": figures["rescan_unchanged_vs_full"] <= 0.03,
        "touched rescan <= 10%": figures["rescan_touched_vs_full"] <= 0.10,
        "peak RSS < 1 GiB": memory.peak_total_rss < GIB,
    }
    benchmark.extra_info["budgets"] = dict(verdicts)
    print(f"\nscan benchmark over {figures['files']} files, {figures['lines']} lines:")
    for key, value in figures.items():
        print(f"  {key:30} {value}")
    for name, ok in verdicts.items():
        print(f"  {'PASS' if ok else 'OVER'}  {name}")
    assert memory.peak_total_rss > 0  # the sampler saw the scan
