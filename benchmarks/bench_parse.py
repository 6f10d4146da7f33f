"""Parse-only throughput: tree-sitter over a corpus in one process, the floor no scanner beats.

Issue 3's full-scan benchmark compares against the same parse-only workload measured in the same
run: ``load_corpus()`` and ``parse_only(corpus)`` are here for it to reuse. The corpus is the
running interpreter's standard library unless ``DRIFT_BENCH_CORPUS`` names another directory;
``DRIFT_BENCH_MAX_FILES`` (default 2000, enough for the whole standard library) and
``DRIFT_BENCH_ROUNDS`` (default 3) bound the run so ``make bench`` stays within minutes.
Sources are read before timing: the figures are parsing (and, separately, extraction) only.
"""

from __future__ import annotations

import os
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, cast

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from drift.scan import ScanConfig, discover, extract, grammar_for_path, parse_tree


class CorpusFile(NamedTuple):
    path: str
    grammar: str
    source: bytes


class Corpus(NamedTuple):
    root: str
    files: list[CorpusFile]

    @property
    def lines(self) -> int:
        return sum(item.source.count(b"\n") for item in self.files)

    @property
    def size(self) -> int:
        return sum(len(item.source) for item in self.files)


def corpus_root() -> str:
    """``DRIFT_BENCH_CORPUS`` or the standard library of this interpreter."""
    return os.environ.get("DRIFT_BENCH_CORPUS") or sysconfig.get_paths()["stdlib"]


def _setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


def load_corpus(max_files: int | None = None) -> Corpus:
    """The parseable files of the corpus (installed packages left out), in path order."""
    root = corpus_root()
    limit = max_files if max_files is not None else _setting("DRIFT_BENCH_MAX_FILES", 2000)
    found = discover(root, ScanConfig(exclude=("site-packages/", "dist-packages/")))
    files: list[CorpusFile] = []
    for item in found.files:
        grammar = grammar_for_path(item.path)
        if grammar is not None and len(files) < limit:
            files.append(CorpusFile(item.path, grammar, Path(item.abs_path).read_bytes()))
    return Corpus(root, files)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded = load_corpus()
    assert loaded.files, f"no parseable files under {loaded.root}"
    return loaded


def _pedantic(benchmark: BenchmarkFixture, run: Callable[[], int], rounds: int) -> int:
    # pytest-benchmark leaves pedantic() unannotated; this pins its type for mypy.
    pedantic = cast(Callable[..., int], benchmark.pedantic)
    return pedantic(run, rounds=rounds, iterations=1, warmup_rounds=0)


def _report(benchmark: BenchmarkFixture, corpus: Corpus, label: str) -> None:
    assert benchmark.stats is not None
    seconds = float(benchmark.stats.stats.min)
    figures = {
        "files": len(corpus.files),
        "lines": corpus.lines,
        "bytes": corpus.size,
        "seconds": round(seconds, 3),
        "files_per_second": round(len(corpus.files) / seconds, 1),
        "lines_per_second": round(corpus.lines / seconds),
    }
    benchmark.extra_info.update(figures)
    print(
        f"\n{label}: {figures['files']} files, {figures['lines']} lines in {seconds:.2f} s "
        f"→ {figures['files_per_second']} files/s, {figures['lines_per_second']} lines/s"
    )


def parse_only(corpus: Corpus) -> int:
    """Parse every corpus file with tree-sitter in this process (the baseline workload); returns
    the number of trees. Each tree is dropped once parsed, as a scanner drops it once read:
    holding them all would add the cost of growing the heap to the floor (about a fifth)."""
    parsed = 0
    for item in corpus.files:
        parse_tree(item.source, item.grammar)
        parsed += 1
    return parsed


def parse_and_extract(corpus: Corpus) -> int:
    """Parse and extract every corpus file in this process; returns the functions found."""
    total = 0
    for item in corpus.files:
        result = extract(parse_tree(item.source, item.grammar), item.source, item.grammar)
        total += len(result.functions)
    return total


def test_parse_only(benchmark: BenchmarkFixture, corpus: Corpus) -> None:
    """tree-sitter parsing of every corpus file, one process: the baseline."""
    rounds = _setting("DRIFT_BENCH_ROUNDS", 3)
    parsed = _pedantic(benchmark, lambda: parse_only(corpus), rounds)
    assert parsed == len(corpus.files)
    _report(benchmark, corpus, "parse only")


def test_parse_and_extract(benchmark: BenchmarkFixture, corpus: Corpus) -> None:
    """Parsing plus query-based extraction, one process: what each pool worker does per file."""
    rounds = max(1, _setting("DRIFT_BENCH_ROUNDS", 3) - 1)
    functions = _pedantic(benchmark, lambda: parse_and_extract(corpus), rounds)
    assert functions > 0
    _report(benchmark, corpus, "parse + extract")
