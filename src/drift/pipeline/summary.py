"""What a scan did, as data (``ScanSummary``) and as the few lines ``drift scan`` prints."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from drift.records.enforcement import PolicyResultRow, ViolationRow
from drift.scan import (
    SKIP_BINARY,
    SKIP_BUNDLED,
    SKIP_GENERATED,
    SKIP_MINIFIED,
    SKIP_TOO_LARGE,
    SkippedFile,
    grammar_for_path,
)
from drift.text import duration, plural

_SHOWN_SKIPS = 5


@dataclass(frozen=True, slots=True)
class StructureCounts:
    """How much the structure stage stored."""

    call_edges: int
    modules: int
    cycles: int
    covered_functions: int


@dataclass(frozen=True, slots=True)
class ViolationCounts:
    """Violations that count (not suppressed) by severity, plus new and suppressed totals."""

    total: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0
    new: int = 0
    suppressed: int = 0

    @classmethod
    def of(cls, rows: Sequence[ViolationRow]) -> ViolationCounts:
        """Count stored violation rows."""
        active = [row for row in rows if not row.suppressed]
        severities = Counter("error" if r.severity == "critical" else r.severity for r in active)
        return cls(
            total=len(active),
            error=severities["error"],
            warning=severities["warning"],
            info=severities["info"],
            new=sum(1 for row in active if row.is_new),
            suppressed=len(rows) - len(active),
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """The policy's verdict on the latest enforcement; ``new_only`` when that was a
    ``drift check --new-only``, whose gates judged only the new violations."""

    policy: str
    passed: bool
    score: float
    new_only: bool = False

    @classmethod
    def of(cls, row: PolicyResultRow) -> Verdict:
        """The verdict a stored policy result records."""
        try:
            details = json.loads(row.details or "{}")
        except ValueError:
            details = {}
        new_only = isinstance(details, dict) and details.get("new_only") is True
        return cls(row.policy_name, row.overall_passed, row.overall_score, new_only)


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """The outcome of one ``scan``.

    ``reanalysed`` is False when nothing had changed since the last complete scan: the
    patterns, violations and verdict are then the stored ones. ``code_changed`` says a file
    Drift analyses changed, which moves the baseline of ``is_new``; ``renamed`` lists the files
    moved (``drift.pipeline.changes.renamed_files``), ``(new path, old path)``, whose violations
    stay what they were where their code did; ``renamed_functions`` the functions renamed in
    place (``drift.pipeline.changes.renamed_functions``), ``(file, new name, old name)``.
    ``timings`` gives the wall-clock milliseconds of each stage. ``syntax_errors`` lists the
    tracked files the parser found errors in, with where the first one is, by path. ``failed``
    lists files that could not be analysed this run (unreadable after discovery, or a crash),
    with the reason.
    """

    root: str
    scan_id: int
    tracked: int
    analysed: int
    added: int
    modified: int
    removed: int
    unchanged: int
    skipped: tuple[SkippedFile, ...]
    syntax_errors: tuple[tuple[str, str], ...]
    failed: tuple[tuple[str, str], ...]
    patterns: int
    approved: int
    conventions: int
    new_patterns: tuple[str, ...]
    auto_approved: tuple[str, ...]
    violations: ViolationCounts
    verdict: Verdict | None
    reanalysed: bool
    structure: StructureCounts | None
    duration_ms: int
    languages: tuple[tuple[str, int], ...] = field(default=())
    timings: tuple[tuple[str, float], ...] = field(default=())
    code_changed: bool = False
    renamed: tuple[tuple[str, str], ...] = field(default=())
    renamed_functions: tuple[tuple[str, str, str], ...] = field(default=())

    @property
    def changed(self) -> int:
        """Files added, modified or removed since the last scan."""
        return self.added + self.modified + self.removed


def _files_line(summary: ScanSummary) -> str:
    changes = [
        f"{summary.added:,} added" if summary.added else "",
        f"{summary.modified:,} modified" if summary.modified else "",
        f"{summary.removed:,} removed" if summary.removed else "",
    ]
    said = ", ".join(part for part in changes if part) or "no changes"
    if summary.renamed:
        # A move is one added and one removed file; saying so tells why nothing in it is new.
        said += f"; {plural(len(summary.renamed), 'file')} moved"
    languages = ", ".join(f"{name} {count:,}" for name, count in summary.languages[:5])
    line = f"  files       {plural(summary.tracked, 'file')} tracked ({said})"
    line += f"; {languages}" if languages else ""
    if summary.analysed == 0:
        line += f"\n  warning     {NOTHING_TO_ANALYSE}"
    return line


NOTHING_TO_ANALYSE: Final = (
    "no file Drift analyses was found: check [scan] include and exclude in drift.toml, "
    "and the ignore files (build and dependency directories such as build/, dist/ and "
    "node_modules/ are never walked)"
)


_UNREMARKABLE = frozenset(
    {SKIP_BINARY, SKIP_TOO_LARGE, SKIP_GENERATED, SKIP_MINIFIED, SKIP_BUNDLED}
)
"""Why files such as images, archives, compiled modules and minified CSS, found in every
repository, are skipped."""


def _worth_naming(item: SkippedFile) -> bool:
    """Whether the summary names a skipped file. A file skipped for an unremarkable reason is
    only counted, unless it is one Drift would have analysed (a ``.py`` over the size limit, a
    generated ``.go``); a file skipped for any other reason (unreadable, a name that is not
    UTF-8) is named."""
    return item.reason not in _UNREMARKABLE or grammar_for_path(item.path) is not None


# Reasons that name what was skipped (``6 symlinks``), not a quality of it (``2 binary``).
_NOUN_REASONS = {
    "symlink": "symlinks",
    "symlink_loop": "symlink loops",
    "broken_symlink": "broken symlinks",
    "not_regular_file": "not regular files",
    "unreadable_directory": "unreadable directories",
    "undecodable_name": "undecodable names",
}


def _reason_count(reason: str, count: int) -> str:
    """``2 binary``, ``1 symlink``, ``6 symlinks``."""
    singular = reason.replace("_", " ")
    many = _NOUN_REASONS.get(reason)
    return plural(count, singular, many) if many else f"{count:,} {singular}"


def _skipped_lines(summary: ScanSummary) -> list[str]:
    lines: list[str] = []
    if summary.skipped:
        reasons = Counter(item.reason for item in summary.skipped)
        said = ", ".join(_reason_count(reason, count) for reason, count in sorted(reasons.items()))
        lines.append(f"  skipped     {plural(len(summary.skipped), 'file')} ({said})")
        named = [item for item in summary.skipped if _worth_naming(item)]
        lines += [f"              {s.path}: {s.detail}" for s in named[:_SHOWN_SKIPS]]
        if len(named) > _SHOWN_SKIPS:
            lines.append(f"              … and {len(named) - _SHOWN_SKIPS:,} more")
    if summary.syntax_errors:
        lines.append(
            f"  syntax      {plural(len(summary.syntax_errors), 'file')} with syntax errors "
            "(analysed as far as the parser got)"
        )
        shown = summary.syntax_errors[:_SHOWN_SKIPS]
        lines += [f"              {path}: {detail}" for path, detail in shown]
        if len(summary.syntax_errors) > _SHOWN_SKIPS:
            lines.append(f"              … and {len(summary.syntax_errors) - _SHOWN_SKIPS:,} more")
    for path, reason in summary.failed[:_SHOWN_SKIPS]:
        lines.append(f"  failed      {path}: {reason}")
    return lines


def violations_line(counts: ViolationCounts) -> str:
    """The ``violations`` line of a summary."""
    if counts.total == 0:
        line = "  violations  none"
    else:
        parts = [
            plural(counts.error, "error") if counts.error else "",
            plural(counts.warning, "warning") if counts.warning else "",
            f"{counts.info:,} info" if counts.info else "",
        ]
        said = ", ".join(part for part in parts if part)
        line = f"  violations  {counts.total:,} ({said}), {counts.new:,} new"
    if counts.suppressed:
        line += f"; {counts.suppressed:,} suppressed (drift-ignore or dismissed)"
    return line


def patterns_line(patterns: int, approved: int, conventions: int, new: int = 0) -> str:
    """The ``patterns`` line of a summary (``drift scan``, ``drift status``)."""
    fresh = f", {new:,} new" if new else ""
    return (
        f"  patterns    {patterns:,} learned ({approved:,} approved, "
        f"{plural(conventions, 'convention')}{fresh})"
    )


def verdict_line(verdict: Verdict) -> str:
    """The ``check`` line of a summary: the last enforcement's verdict."""
    state = "passed" if verdict.passed else "FAILED"
    judged = ", new violations only" if verdict.new_only else ""
    return f"  check       {state} ({verdict.policy} policy{judged}, score {verdict.score:.1f})"


def timings_line(summary: ScanSummary) -> str:
    """Where the time went, stage by stage (``drift scan --timings``)."""
    stages = " · ".join(f"{name} {duration(round(ms))}" for name, ms in summary.timings)
    return f"  timings     {stages or 'none recorded'}"


def render_summary(summary: ScanSummary, *, timings: bool = False) -> str:
    """The summary ``drift scan`` prints: a headline and one line per aspect (and the time of
    each stage, with ``timings``)."""
    head = f"Scanned {summary.root} in {duration(summary.duration_ms)}"
    if not summary.reanalysed:
        head += " — nothing changed since the last scan"
    lines = [head, _files_line(summary), *_skipped_lines(summary)]
    lines.append(
        patterns_line(
            summary.patterns, summary.approved, summary.conventions, len(summary.new_patterns)
        )
    )
    if summary.auto_approved:
        shown = ", ".join(summary.auto_approved[:3])
        more = "…" if len(summary.auto_approved) > 3 else ""
        lines.append(f"              auto-approved: {shown}{more}")
    if summary.structure is not None:
        s = summary.structure
        lines.append(
            f"  structure   {plural(s.call_edges, 'call edge')}, {plural(s.modules, 'module')}"
            f", {plural(s.cycles, 'import cycle')}, "
            f"{plural(s.covered_functions, 'function')} reached by tests"
        )
    lines.append(violations_line(summary.violations))
    if summary.verdict is not None:
        lines.append(verdict_line(summary.verdict))
    if timings:
        lines.append(timings_line(summary))
    if summary.patterns and not summary.approved:
        lines.append(
            "Next: review patterns with `drift patterns`, approve with `drift patterns approve ID`."
        )
    elif summary.violations.total:
        lines.append("Next: see the violations with `drift check` (or `drift violations`).")
    return "\n".join(lines)
