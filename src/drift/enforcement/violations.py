"""From findings to violation rows: de-duplication, stable ids, ``is_new``, suppression.

Steps, in order:

1. **De-duplicate**: one violation per ``(file, line, rule id)``, keeping the most severe
   finding (ties: the first by message), since outliers, re-analysis and several sources can
   report the same place twice.
2. **Identify**: the id is a fingerprint of the rule, the file, the enclosing function, the
   normalised text of the line and the occurrence number of that text in the function
   (``drift.enforcement.fingerprints``).
3. **Compare**: ``is_new`` is true when the id was not among the previous run's violations
   (nor its version 1 id, for a baseline stored before version 2).
4. **Suppress**: a ``drift-ignore`` comment covering the rule marks it ``suppressed``
   (``drift.enforcement.suppression``), and so does an earlier ``drift violations dismiss`` of
   the same id (the id survives edits elsewhere in the file); suppressed violations are stored
   and reported as such, but no gate counts them.

Columns become 1-based code-point columns of the line (the scanner's are UTF-8 byte columns),
which is what SARIF and editors expect.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from drift.analysis.prose import ProseSpans
from drift.enforcement.findings import Finding, Source
from drift.enforcement.fingerprints import legacy_violation_id, normalize_line, violation_id
from drift.enforcement.severity import Severity
from drift.enforcement.sources import SourceLines, byte_column_to_char_column
from drift.enforcement.suppression import MARKER, MarkerCheck, find_suppression
from drift.records.analysis import FunctionRow
from drift.records.enforcement import ViolationRow
from drift.scan import grammar_for_path, language_of_grammar

ScopeOf = Callable[[str, int], str]
"""The qualified name of the innermost function holding a file's line (``""``: none)."""


class _Comments:
    """Where each file's comments are, worked out only for a file with a ``drift-ignore`` to
    confirm: a line of a docstring, a template literal or a regex can hold the marker too."""

    def __init__(self) -> None:
        self._spans: dict[str, tuple[ProseSpans, list[int]]] = {}
        self._marked: dict[str, bool] = {}

    def checker(self, file: str, lines: Sequence[str] | None) -> MarkerCheck | None:
        if lines is None:
            return None
        marked = self._marked.get(file)
        if marked is None:
            marked = self._marked[file] = any(MARKER in line for line in lines)
        if not marked:
            return None
        grammar = grammar_for_path(file)
        if grammar is None:
            return None  # no lexer for it: the line's own reading stands

        def in_comment(line: int, column: int) -> bool:
            known = self._spans.get(file)
            if known is None:
                starts = list(accumulate((len(text) + 1 for text in lines), initial=0))
                spans = ProseSpans("\n".join(lines), language_of_grammar(grammar))
                known = self._spans[file] = (spans, starts)
            spans, starts = known
            return spans.comment_at(starts[line - 1] + column) is True

        return in_comment


def function_scopes(rows_of: Callable[[str], Sequence[FunctionRow]]) -> ScopeOf:
    """``ScopeOf`` over the stored functions ``rows_of`` gives per file (read once per file)."""
    by_file: dict[str, tuple[list[int], list[FunctionRow]]] = {}

    def scope_of(file: str, line: int) -> str:
        known = by_file.get(file)
        if known is None:
            rows = sorted(rows_of(file), key=lambda row: (row.line, -row.end_line))
            known = by_file[file] = ([row.line for row in rows], rows)
        starts, rows = known
        # The innermost holder starts last among those that start at or before the line.
        for index in range(bisect_right(starts, line) - 1, -1, -1):
            row = rows[index]
            if row.end_line >= line:
                return row.qualified_name or row.name
        return ""

    return scope_of


@dataclass(frozen=True, slots=True)
class Violation:
    """A violation of this run: the stored row, where it came from, and why it is suppressed."""

    row: ViolationRow
    source: Source
    suppression_reason: str | None = None
    dismissed: bool = False  # suppressed by `drift violations dismiss`, not by a comment

    @property
    def severity(self) -> Severity:
        """The row's severity as a ``Severity``."""
        return Severity(self.row.severity)

    @property
    def active(self) -> bool:
        """True when the violation counts: it is not suppressed."""
        return not self.row.suppressed


@dataclass(frozen=True, slots=True)
class ViolationSet:
    """The violations of one run, ordered by file, line, rule id and id."""

    violations: tuple[Violation, ...]
    finding_count: int  # findings before de-duplication

    @property
    def duplicate_free_rate(self) -> float | None:
        """Distinct violations over findings; None when there were no findings."""
        if self.finding_count == 0:
            return None
        return len(self.violations) / self.finding_count


def deduplicate(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per ``(file, line, rule_id)``: the most severe, ties to the first message."""
    best: dict[tuple[str, int, str], Finding] = {}
    ordered = sorted(
        findings, key=lambda f: (f.file, f.line, f.rule_id, -f.severity.rank, f.message)
    )
    for finding in ordered:
        best.setdefault((finding.file, finding.line, finding.rule_id), finding)
    return list(best.values())


def _line_text(lines: Sequence[str] | None, line: int) -> str:
    if lines is None or line < 1 or line > len(lines):
        return ""
    return lines[line - 1]


def build_violations(
    findings: Sequence[Finding],
    source_lines: SourceLines,
    baseline_ids: Collection[str],
    dismissed: Mapping[str, str] | None = None,
    *,
    scope_of: ScopeOf | None = None,
    renamed_from: Mapping[str, str] | None = None,
    renamed_functions: Mapping[tuple[str, str], str] | None = None,
    still_new: Collection[str] | None = None,
) -> ViolationSet:
    """Turn findings into this run's violations (see the module docstring for the steps).

    ``dismissed`` maps the ids of dismissed violations to the reason shown for them: such a
    violation is stored suppressed, like one under a ``drift-ignore`` comment. ``scope_of``
    names the function holding a line (default: none, every line at module level).
    ``renamed_from`` gives the old path of a file moved without a change: a violation there is
    known when the baseline has it under the old path, and ``renamed_functions`` (``(file, new
    name)`` to the old name) a function renamed in place: one there is known under the old
    function's name (the id holds it).

    ``still_new``, when given, decides ``is_new`` instead of the baseline: the run judges the
    same code again (no code changed since the last), so a violation is new only if the last
    run found it new. One a rule change brings in (a pattern approved, a new pack, an upgrade)
    was introduced by no change of code: the build fails on what a change introduces.
    """
    dismissals = dismissed or {}
    unique = deduplicate(findings)
    occurrences: defaultdict[tuple[str, str, str, str], int] = defaultdict(int)
    legacy_occurrences: defaultdict[tuple[str, str, str], int] = defaultdict(int)
    violations: list[Violation] = []
    comments = _Comments()
    read: list[tuple[Finding, Sequence[str] | None, str, str]] = []
    shared: Counter[tuple[str, str, str]] = Counter()
    for finding in unique:
        lines = source_lines(finding.file)
        text = _line_text(lines, finding.line)
        normalized = normalize_line(text)
        read.append((finding, lines, text, normalized))
        shared[finding.rule_id, finding.file, normalized] += 1
    # ``unique`` is ordered by file then line, so occurrence numbers follow line order.
    for finding, lines, text, normalized in read:
        scope = scope_of(finding.file, finding.line) if scope_of is not None else ""
        key = (finding.rule_id, finding.file, scope, normalized)
        occurrence = occurrences[key]
        occurrences[key] += 1
        vid = violation_id(finding.rule_id, finding.file, scope, normalized, occurrence)
        legacy_key = (finding.rule_id, finding.file, normalized)
        legacy = legacy_violation_id(*legacy_key, legacy_occurrences[legacy_key])
        legacy_occurrences[legacy_key] += 1
        # A dismissal or baseline recorded under the version 1 id still applies to it; a
        # dismissal only where the line is the rule's one such line in the file, since the
        # version 1 occurrence numbers moved when an identical line came in above.
        dismissal = dismissals.get(vid)
        if dismissal is None and shared[legacy_key] == 1:
            dismissal = dismissals.get(legacy)
        old_path = (renamed_from or {}).get(finding.file)
        old_scope = (renamed_functions or {}).get((finding.file, scope)) if scope else None
        moved = (
            violation_id(
                finding.rule_id,
                old_path or finding.file,
                scope if old_scope is None else old_scope,
                normalized,
                occurrence,
            )
            if old_path is not None or old_scope is not None
            else None
        )
        if still_new is not None:
            known = vid not in still_new and (moved is None or moved not in still_new)
        else:
            known = vid in baseline_ids or legacy in baseline_ids
            if moved is not None and not known:
                known = moved in baseline_ids
        directive = find_suppression(
            lines,
            finding.line,
            finding.rule_id,
            finding.pattern_id,
            comments.checker(finding.file, lines),
        )
        column = finding.column
        if column == 0:
            column = None  # the detector recorded none (the naming detector's function rows)
        if column is not None:
            column = byte_column_to_char_column(text, column) if text else max(1, column)
        row = ViolationRow(
            id=vid,
            file=finding.file,
            line=finding.line,
            column=column,
            end_line=None,
            end_column=None,
            severity=finding.severity.value,
            pattern_id=finding.pattern_id,
            rule_id=finding.rule_id,
            message=finding.message,
            quick_fix_strategy=finding.quick_fix_strategy,
            quick_fix_description=finding.quick_fix_description,
            cwe_id=finding.cwe_id,
            owasp_category=finding.owasp_category,
            suppressed=directive is not None or dismissal is not None,
            is_new=not known,
        )
        reason = None if directive is None else (directive.reason or "drift-ignore")
        by_dismissal = directive is None and dismissal is not None
        if dismissal is not None and by_dismissal:
            reason = dismissal
        violations.append(
            Violation(
                row=row, source=finding.source, suppression_reason=reason, dismissed=by_dismissal
            )
        )
    violations.sort(key=lambda v: (v.row.file, v.row.line, v.row.rule_id, v.row.id))
    return ViolationSet(violations=tuple(violations), finding_count=len(findings))


def legacy_ids(rows: Iterable[ViolationRow], source_lines: SourceLines) -> dict[str, ViolationRow]:
    """The version 1 id of each stored violation, as ``build_violations`` counted it: so that
    an id from a report written before version 2 still names its violation on the command
    line. Reads the violations' files, so it is for the rare lookup that found no current id.
    """
    ordered = sorted(rows, key=lambda row: (row.file, row.line, row.rule_id))
    occurrences: defaultdict[tuple[str, str, str], int] = defaultdict(int)
    found: dict[str, ViolationRow] = {}
    for row in ordered:
        key = (row.rule_id, row.file, normalize_line(_line_text(source_lines(row.file), row.line)))
        found[legacy_violation_id(*key, occurrences[key])] = row
        occurrences[key] += 1
    return found
