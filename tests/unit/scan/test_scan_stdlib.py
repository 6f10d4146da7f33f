"""The standard library of the running interpreter parses without a crash or an unrecorded error."""

from __future__ import annotations

import sysconfig
from typing import NamedTuple

import pytest

from drift.scan import ParseTask, ScanConfig, discover, grammar_for_path, map_files, parse_path


class Summary(NamedTuple):
    path: str
    read_error: str | None
    error_count: int
    issues: int
    message: str | None
    functions: int


def summarize(task: ParseTask) -> Summary:
    # Checked in the worker and sent back small: the test measures parsing, not transport.
    parsed = parse_path(task)
    result = parsed.result
    if result is None:
        return Summary(task.path, parsed.error, 0, 0, None, 0)
    return Summary(
        task.path,
        None,
        result.error_count,
        len(result.parse_errors),
        result.error,
        len(result.functions),
    )


@pytest.mark.slow
def test_the_whole_standard_library_parses_through_the_pool() -> None:
    root = sysconfig.get_paths()["stdlib"]
    found = discover(root, ScanConfig(exclude=("site-packages/",)))
    tasks = [
        ParseTask(f.path, f.abs_path, grammar)
        for f in found.files
        if (grammar := grammar_for_path(f.path)) is not None
    ]
    assert len(tasks) > 1000
    summaries = list(map_files(summarize, tasks))
    assert sorted(s.path for s in summaries) == sorted(task.path for task in tasks)
    unread = [s for s in summaries if s.read_error is not None]
    assert unread == []
    # no failure outside syntax errors (an extraction crash would say "extraction failed")
    failed = [s for s in summaries if s.message is not None and "syntax error" not in s.message]
    assert failed == []
    # every error is recorded: a count, the issues and a one-line message
    with_errors = [s for s in summaries if s.error_count]
    assert all(s.issues == s.error_count and s.message for s in with_errors)
    assert all(s.message is None for s in summaries if not s.error_count)
    # a handful of files are deliberately invalid test data (badsyntax_*.py and friends)
    assert len(with_errors) <= len(tasks) // 100
    assert sum(s.functions for s in summaries) > 20_000
