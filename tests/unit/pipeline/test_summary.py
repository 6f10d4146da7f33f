"""The scan summary's lines on what was skipped and what did not parse."""

from __future__ import annotations

from drift.pipeline.summary import ScanSummary, ViolationCounts, render_summary
from drift.scan import SkippedFile


def summary(
    skipped: tuple[SkippedFile, ...], syntax: tuple[tuple[str, str], ...] = ()
) -> ScanSummary:
    return ScanSummary(
        root="/repo",
        scan_id=1,
        tracked=10,
        analysed=10,
        added=10,
        modified=0,
        removed=0,
        unchanged=0,
        skipped=skipped,
        syntax_errors=syntax,
        failed=(),
        patterns=0,
        approved=0,
        conventions=0,
        new_patterns=(),
        auto_approved=(),
        violations=ViolationCounts(),
        verdict=None,
        reanalysed=True,
        structure=None,
        duration_ms=5,
    )


def test_skip_reasons_that_name_things_are_counted_in_the_plural() -> None:
    skipped = (
        *(SkippedFile(f"link{i}", "symlink", "symbolic link to a file") for i in range(6)),
        SkippedFile("loop", "symlink_loop", "symbolic link loop"),
        SkippedFile("a.png", "binary", "binary file"),
        SkippedFile("b.png", "binary", "binary file"),
    )
    lines = render_summary(summary(skipped)).splitlines()
    assert "  skipped     9 files (2 binary, 6 symlinks, 1 symlink loop)" in lines


def test_files_with_syntax_errors_are_named_five_at_most() -> None:
    syntax = tuple((f"src/m{i}.ts", f"1 syntax error; first at line {i}") for i in range(7))
    lines = render_summary(summary((), syntax)).splitlines()
    at = lines.index("  syntax      7 files with syntax errors (analysed as far as the parser got)")
    assert lines[at + 1 : at + 7] == [
        *(f"              src/m{i}.ts: 1 syntax error; first at line {i}" for i in range(5)),
        "              … and 2 more",
    ]
