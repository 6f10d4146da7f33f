"""Findings from patterns: outliers of approved patterns and deviations from approved conventions.

Only patterns whose status is ``approved`` (by a person or by the auto-approve rule) produce
violations. Two kinds of finding come from them:

- every stored outlier of an approved pattern, at its own file and line, in a file that is
  still tracked;
- every ``<id>/deviation`` detection (the learner found pattern ``<id>`` where its group is
  dominated by another pattern) when the group has an approved convention other than ``<id>``.
  The violation is charged to that convention, so feedback on it moves the convention's
  confidence. A deviation id whose status is ``ignored`` produces nothing.

Groups are the packs' learning groups (``category:sub_type`` and the like): a deviation among
Python function names is charged to the approved convention for Python function names, never to
one for class names or for another language. The caller that knows the packs passes
``group_of``; a pattern it does not know (or every pattern, without it) is grouped by category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from drift.analysis.conventions import DEVIATION_SUFFIX
from drift.analysis.lifecycle import PatternStatus, is_derived
from drift.analysis.packs.activity import applying
from drift.enforcement.false_positives import pattern_false_positive_rate
from drift.enforcement.findings import Finding, Source, cwe_numbers, rule_id_for
from drift.enforcement.severity import (
    HIGH_RISK_CWES,
    Severity,
    pattern_severity,
    severity_from_confidence,
    severity_from_significance,
)
from drift.enforcement.store import EnforcementStore
from drift.records.analysis import ConventionRow, DetectionRow, OutlierRow

# Quick fixes the reference names, for the categories where the fix is clear.
_QUICK_FIXES: dict[str, tuple[str, str]] = {
    "documentation": ("add_documentation", "Document this as the rest of the codebase does."),
    "types": ("add_type_annotation", "Add the type annotations the codebase uses elsewhere."),
    "testing": ("add_test", "Cover this the way the codebase's tests usually do."),
    "errors": ("wrap_in_try_catch", "Handle errors here as the codebase does elsewhere."),
}
_PARAMETERIZED_QUERY = (
    "use_parameterized_query",
    "Pass values as query parameters instead of building the SQL text.",
)


@dataclass(slots=True)
class PatternFacts:
    """What the detections say about one pattern."""

    pattern_id: str
    categories: Counter[str] = field(default_factory=Counter)
    locations: dict[tuple[str, int], int] = field(default_factory=dict)
    # What the leftmost detection at each location matched (a name, a call), when it says.
    texts: dict[tuple[str, int], str] = field(default_factory=dict)
    cwe_id: int | None = None
    owasp: str | None = None
    location_count: int = 0
    # The position of the detection the CWE/OWASP were taken from: the first one in the file.
    _tagged_at: tuple[str, int, int, int] | None = None

    @property
    def category(self) -> str:
        """The most frequent category (ties to the alphabetically first), or ``unknown``."""
        if not self.categories:
            return "unknown"
        return min(self.categories, key=lambda c: (-self.categories[c], c))

    def add(self, d: DetectionRow) -> None:
        """Count one detection of this pattern."""
        self.categories[d.category] += 1
        self.location_count += 1
        key = (d.file, d.line)
        column = self.locations.get(key)
        if column is None or d.column_num < column:
            self.locations[key] = d.column_num
            if d.matched_text:
                self.texts[key] = d.matched_text
            else:
                self.texts.pop(key, None)
        if d.cwe_ids or d.owasp:
            position = (d.file, d.line, d.column_num, d.id)
            if self._tagged_at is None or position < self._tagged_at:
                self._tagged_at = position
                self.cwe_id = leading_cwe(d.cwe_ids)
                self.owasp = d.owasp or None


def leading_cwe(cwe_ids: str | None) -> int | None:
    """The CWE a pattern's matches are judged by, of those its rule lists: a high-risk one
    first, then any but the error-handling gaps' (390, 396), then the first (a rule listing
    ``[390, 89]`` is an injection rule)."""
    numbers = cwe_numbers(cwe_ids)
    return next(
        (n for n in numbers if n in HIGH_RISK_CWES),
        next((n for n in numbers if n not in _GAP_CWES), numbers[0] if numbers else None),
    )


def index_detections(detections: Iterable[DetectionRow]) -> dict[str, PatternFacts]:
    """Facts per pattern id: categories, locations (with the leftmost column), and the CWE and
    OWASP of its first tagged detection (by file, line, column, id), whatever the input order."""
    facts: dict[str, PatternFacts] = {}
    for d in detections:
        item = facts.get(d.pattern_id)
        if item is None:
            item = facts[d.pattern_id] = PatternFacts(d.pattern_id)
        item.add(d)
    return facts


def load_detections(storage: EnforcementStore) -> list[DetectionRow]:
    """Every stored detection of the packs that apply (``drift.analysis.packs.activity``; the
    protocol reads by limit, so ask for the whole count)."""
    return applying(storage.query_all_detections(storage.count_detections()))


def quick_fix_for(category: str, cwe_id: int | None) -> tuple[str | None, str | None]:
    """The quick-fix strategy and description for a violation, when one is clear."""
    if cwe_id == 89:
        return _PARAMETERIZED_QUERY
    strategy = _QUICK_FIXES.get(category)
    return (None, None) if strategy is None else strategy


GroupOf = Callable[[str], str | None]
"""The convention group of a pattern id (None: not known, its category stands in); a deviation
is charged only to an approved pattern of its own group."""


@dataclass(frozen=True, slots=True)
class PatternContext:
    """Everything pattern findings are built from, loaded once."""

    facts: dict[str, PatternFacts]
    approved: frozenset[str]
    ignored: frozenset[str]
    confidence: dict[str, float]
    conventions: Sequence[ConventionRow]
    tracked_files: frozenset[str]
    group_of: GroupOf | None = None
    # Violations the last enforcement stored, by pattern: a false-positive rate's denominator.
    population: Mapping[str, int] = field(default_factory=dict)

    def group(self, pattern_id: str, fallback: str | None = None) -> str | None:
        """The group of a pattern: from ``group_of``, else its detections' category, else
        ``fallback``."""
        if self.group_of is not None:
            found = self.group_of(pattern_id)
            if found is not None:
                return found
        item = self.facts.get(pattern_id)
        return fallback if item is None else item.category

    def group_totals(self) -> Counter[str]:
        """Distinct locations per group (the dominance denominator): those of its patterns and
        of their deviations. The naming detector's deviations count too: a function in no
        pack's style (``getURL_v2``) is one of the group's functions, and leaving it out had
        every naming message say "100% … follow it" where a tenth did not."""
        places: dict[str, set[tuple[str, int]]] = {}
        for pattern_id, item in self.facts.items():
            base = pattern_id.removesuffix(DEVIATION_SUFFIX)
            if is_derived(base):
                continue
            group = self.group(base)
            if group is not None:
                places.setdefault(group, set()).update(item.locations)
        return Counter({group: len(found) for group, found in places.items()})

    def scope_of(self, pattern_id: str) -> str | None:
        """The directory a convention is scoped to (``directory:tests`` gives ``tests``), or
        None for the whole project (or a pattern the conventions table does not hold)."""
        for row in self.conventions:
            if row.pattern_id == pattern_id and row.scope.startswith(_DIRECTORY_SCOPE):
                return row.scope.removeprefix(_DIRECTORY_SCOPE)
        return None

    def is_weakness(self, pattern_id: str) -> bool:
        """Whether ``pattern_id`` detects a weakness (it names a CWE): approved, its matches are
        no places that follow it, and nothing deviates from it."""
        item = self.facts.get(pattern_id)
        return item is not None and item.cwe_id is not None

    def reports_matches(self, pattern_id: str) -> bool:
        """Whether each match of ``pattern_id``, approved, is a violation: a weakness, but for
        the empty and over-broad handlers (CWE-390, CWE-396), which are reported as
        error-handling gaps whatever is approved: reporting their matches too would say it
        twice."""
        item = self.facts.get(pattern_id)
        return item is not None and item.cwe_id is not None and item.cwe_id not in _GAP_CWES

    @property
    def approved_conventions(self) -> int:
        """Approved patterns the pattern-compliance gate judges: all but the weaknesses, which
        the security gate judges."""
        return sum(1 for p in self.approved if not self.is_weakness(p))

    @property
    def approved_locations(self) -> int:
        """Detected locations of every approved pattern but the weaknesses: the
        pattern-compliance denominator (a SQL string built by hand complies with nothing)."""
        return sum(
            self.facts[p].location_count
            for p in self.approved
            if p in self.facts and not self.is_weakness(p)
        )


def _with_status(storage: EnforcementStore, status: PatternStatus) -> frozenset[str]:
    return frozenset(row.pattern_id for row in storage.query_all_pattern_statuses(status.value))


def load_pattern_context(
    storage: EnforcementStore,
    detections: Sequence[DetectionRow] | None = None,
    group_of: GroupOf | None = None,
    population: Mapping[str, int] | None = None,
) -> PatternContext:
    """Read what pattern findings need from storage; ``detections``, when the caller holds
    every stored detection already, spares reading them again. ``group_of``: see the module
    docstring."""
    return PatternContext(
        facts=index_detections(load_detections(storage) if detections is None else detections),
        approved=frozenset(
            s.pattern_id for s in storage.query_all_pattern_statuses(PatternStatus.APPROVED)
        ),
        ignored=frozenset(
            s.pattern_id for s in storage.query_all_pattern_statuses(PatternStatus.IGNORED)
        ),
        confidence={row.pattern_id: row.posterior_mean for row in storage.query_all_confidence()},
        conventions=storage.query_all_conventions(),
        tracked_files=frozenset(row.path for row in storage.load_all_file_metadata()),
        group_of=group_of,
        population=population if population is not None else {},
    )


def _outlier_finding(
    context: PatternContext, pattern_id: str, outlier: OutlierRow, fp_rate: float | None
) -> Finding:
    item = context.facts.get(pattern_id, PatternFacts(pattern_id))
    category = item.category
    severity = pattern_severity(
        category, item.cwe_id, severity_from_significance(outlier.significance), fp_rate
    )
    strategy, description = quick_fix_for(category, item.cwe_id)
    return Finding(
        source=Source.OUTLIER,
        rule_id=rule_id_for(category, pattern_id),
        pattern_id=pattern_id,
        category=category,
        file=outlier.file,
        line=outlier.line,
        column=item.locations.get((outlier.file, outlier.line)),
        severity=severity,
        message=(
            f"Departs from the approved pattern '{pattern_id}': {outlier.significance} outlier "
            f"by {outlier.method} (deviation score {outlier.deviation_score:.2f})."
        ),
        quick_fix_strategy=strategy,
        quick_fix_description=description,
        cwe_id=item.cwe_id,
        owasp_category=item.owasp,
    )


def outlier_findings(storage: EnforcementStore, context: PatternContext) -> list[Finding]:
    """A finding per stored outlier of each approved pattern, in a still-tracked file."""
    findings: list[Finding] = []
    for pattern_id in sorted(context.approved):
        if context.is_weakness(pattern_id):
            continue  # every match is reported (``weakness_findings``), an outlier nothing more
        outliers = [
            o
            for o in storage.query_outliers_by_pattern(pattern_id)
            if o.file in context.tracked_files
        ]
        if not outliers:
            continue
        fp_rate = pattern_false_positive_rate(
            storage, pattern_id, context.population.get(pattern_id, 0)
        )
        findings.extend(_outlier_finding(context, pattern_id, o, fp_rate) for o in outliers)
    return findings


def convention_for(context: PatternContext, group: str, exclude: str) -> str | None:
    """The approved convention of ``group`` that a deviation breaks, or None.

    The strongest one: highest dominance in the conventions table, then most locations, then id.
    """
    candidates = [
        pattern_id
        for pattern_id in context.approved
        if pattern_id != exclude
        and not is_derived(pattern_id)
        and pattern_id in context.facts
        and not context.is_weakness(pattern_id)
        and context.group(pattern_id) == group
    ]
    if not candidates:
        return None
    dominance: dict[str, float] = {}
    for row in context.conventions:
        if row.pattern_id in candidates and row.category == context.facts[row.pattern_id].category:
            dominance[row.pattern_id] = max(dominance.get(row.pattern_id, 0.0), row.dominance_ratio)
    return min(
        candidates,
        key=lambda p: (-dominance.get(p, 0.0), -context.facts[p].location_count, p),
    )


MESSAGE_TEXT_LIMIT = 60
"""The most characters of a detection's matched text a violation message quotes."""


def _quoted(text: str | None) -> str:
    """``'text': `` to open a message with what was matched (one line, cut at the limit), or
    nothing when the detection kept no text."""
    if not text:
        return ""
    line = " ".join(text.split())
    if len(line) > MESSAGE_TEXT_LIMIT:
        line = line[: MESSAGE_TEXT_LIMIT - 1] + "…"
    return f"'{line}': "


_DIRECTORY_SCOPE = "directory:"
_GAP_CWES = frozenset({390, 396})
"""CWEs of the handlers the error-gap detector reports (empty, swallowing, over-broad)."""


def in_scope(file: str, directory: str | None) -> bool:
    """Whether ``file`` lies in a convention's directory (None: the project; ``.``: the
    root's own files). requests's ``requests.get`` convention holds in ``tests``: the library's
    own ``urllib3`` calls in ``src`` break no convention of its tests."""
    if directory is None:
        return True
    if directory == ".":
        return "/" not in file
    return file.startswith(f"{directory}/")


def deviation_findings(storage: EnforcementStore, context: PatternContext) -> list[Finding]:
    """A finding per deviation location whose group has an approved convention: the places the
    learner and the naming detector marked (``X/deviation``), and every place of another
    pattern of the convention's learning group (its alternatives)."""
    if all(is_derived(pattern_id) for pattern_id in context.approved):
        return []  # no convention to charge: spare the groups (``group_of`` may load the packs)
    charge = _Charges(storage, context)
    for deviation_id in sorted(context.facts):
        if not deviation_id.endswith(DEVIATION_SUFFIX) or deviation_id in context.ignored:
            continue
        base = deviation_id.removesuffix(DEVIATION_SUFFIX)
        item = context.facts[deviation_id]
        group = context.group(base, fallback=item.category)
        convention = None if group is None else convention_for(context, group, exclude=base)
        if group is not None and convention is not None:
            charge.places(base, item, group, convention)
    # The learner marks a group's minority places only while one pattern dominates it: with a
    # minority style approved (snake_case in express's camelCase code) nothing was marked, and
    # approving it reported nothing. Every place of an alternative breaks the convention.
    for group, members in sorted(_alternatives(context).items()):
        convention = convention_for(context, group, exclude="")
        if convention is None:
            continue
        for other in sorted(members - {convention}):
            if f"{other}{DEVIATION_SUFFIX}" not in context.ignored:
                charge.places(other, context.facts[other], group, convention)
    return charge.findings


def _alternatives(context: PatternContext) -> dict[str, set[str]]:
    """The patterns of each learning group (by the packs' ``group_of``; a pattern without one
    has no alternatives), weaknesses left out."""
    groups: dict[str, set[str]] = {}
    for pattern_id in context.facts:
        if is_derived(pattern_id) or context.is_weakness(pattern_id):
            continue
        group = context.group(pattern_id)
        if group is not None and group != context.facts[pattern_id].category:
            groups.setdefault(group, set()).add(pattern_id)
    return {group: members for group, members in groups.items() if len(members) > 1}


class _Charges:
    """Deviation findings charged to approved conventions, built one group of places at a
    time (the false-positive rate of each convention read once)."""

    def __init__(self, storage: EnforcementStore, context: PatternContext) -> None:
        self.storage = storage
        self.context = context
        self.totals = context.group_totals()
        self.fp_rates: dict[str, float | None] = {}
        self.findings: list[Finding] = []

    def places(self, base: str, item: PatternFacts, group: str, convention: str) -> None:
        """Charge the places of ``item`` (pattern ``base`` or its deviations) to ``convention``."""
        context = self.context
        category = item.category
        if convention not in self.fp_rates:
            self.fp_rates[convention] = pattern_false_positive_rate(
                self.storage, convention, context.population.get(convention, 0)
            )
        strength = severity_from_confidence(context.confidence.get(convention, 0.0))
        severity = pattern_severity(category, item.cwe_id, strength, self.fp_rates[convention])
        share = context.facts[convention].location_count / max(1, self.totals[group])
        strategy, description = quick_fix_for(category, item.cwe_id)
        # A place the convention itself matches follows it, whatever else is said of it: with
        # the minority style approved, the naming detector's deviations are that style's own.
        followed = context.facts[convention].locations
        scope = context.scope_of(convention)
        for (file, line), column in sorted(item.locations.items()):
            if (file, line) in followed or not in_scope(file, scope):
                continue
            self.findings.append(
                _place_finding(
                    Source.DEVIATION,
                    item,
                    (file, line, column),
                    charged_to=convention,
                    severity=severity,
                    message=(
                        f"Uses '{base}' where the codebase's convention is "
                        f"'{convention}' ({share:.0%} of {group} locations follow it)."
                    ),
                    fix=(
                        strategy or "follow_convention",
                        description
                        or f"Rewrite this to follow '{convention}' like the rest of the codebase.",
                    ),
                )
            )


def _place_finding(
    source: Source,
    item: PatternFacts,
    place: tuple[str, int, int],
    *,
    charged_to: str,
    severity: Severity,
    message: str,
    fix: tuple[str | None, str | None],
) -> Finding:
    """A finding at one place of ``item``'s pattern, charged to pattern ``charged_to``; the
    message opens with what the place matched (``_quoted``)."""
    file, line, column = place
    return Finding(
        source=source,
        rule_id=rule_id_for(item.category, charged_to),
        pattern_id=charged_to,
        category=item.category,
        file=file,
        line=line,
        column=column,
        severity=severity,
        message=_quoted(item.texts.get((file, line))) + message,
        quick_fix_strategy=fix[0],
        quick_fix_description=fix[1],
        cwe_id=item.cwe_id,
        owasp_category=item.owasp,
    )


def weakness_findings(context: PatternContext) -> list[Finding]:
    """A finding per match of each approved weakness pattern (``reports_matches``): approving
    ``SEC-SQL-STRING-BUILDING`` asks for every SQL string built by hand to be reported, and
    had reported none (outliers of it said nothing, and its matches counted as compliant)."""
    findings: list[Finding] = []
    for pattern_id in sorted(context.approved):
        if not context.reports_matches(pattern_id):
            continue
        item = context.facts[pattern_id]
        category, cwe = item.category, item.cwe_id
        severity = pattern_severity(category, cwe, Severity.ERROR)
        strategy, description = quick_fix_for(category, cwe)
        for (file, line), column in sorted(item.locations.items()):
            if file not in context.tracked_files:
                continue
            findings.append(
                _place_finding(
                    Source.WEAKNESS,
                    item,
                    (file, line, column),
                    charged_to=pattern_id,
                    severity=severity,
                    message=f"Matches '{pattern_id}' (CWE-{cwe}), which this project does not "
                    "allow.",
                    fix=(strategy, description),
                )
            )
    return findings


def pattern_findings(storage: EnforcementStore, context: PatternContext) -> list[Finding]:
    """Outlier and deviation findings of the approved patterns, and every match of the approved
    weakness patterns."""
    return (
        outlier_findings(storage, context)
        + deviation_findings(storage, context)
        + weakness_findings(context)
    )


def findings_if_approved(
    storage: EnforcementStore, pattern_id: str, group_of: GroupOf | None = None
) -> list[Finding]:
    """The findings ``pattern_id`` would have as an approved pattern (outliers, deviations, or
    for a weakness every match: what approving it would start to report, before
    ``drift-ignore`` comments and dismissals)."""
    context = load_pattern_context(storage, group_of=group_of)
    preview = replace(
        context,
        approved=context.approved | {pattern_id},
        ignored=context.ignored - {pattern_id},
    )
    return [f for f in pattern_findings(storage, preview) if f.pattern_id == pattern_id]
