"""``drift patterns show ID``: one pattern in full, so a person can decide to approve or ignore it.

It answers the questions a reviewer asks: what the pattern is (its pack's description), how sure
Drift is (confidence, tier, interval, momentum), where it was seen, whether it is a convention,
and what enforcing it reports: the violations it has when approved, or, for a pattern still to
decide, the outliers and deviations approving it would start to report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from drift.analysis.conventions import DEVIATION_SUFFIX
from drift.analysis.lifecycle import PatternStatus, is_derived
from drift.analysis.packs import PatternSpec, load_packs
from drift.analysis.packs.activity import INACTIVE_METHOD, inactive_packs
from drift.cli.scan import Project
from drift.enforcement.engine import violations_if_approved
from drift.errors import ConfigError
from drift.pipeline.groups import convention_groups
from drift.records.analysis import ConventionRow, DetectionRow, PatternConfidenceRow
from drift.records.enforcement import PatternStatusRow, ViolationRow
from drift.text import moment, plural


@dataclass(frozen=True, slots=True, order=True)
class Breach:
    """A place enforcing the pattern reports (or would)."""

    file: str
    line: int
    severity: str
    message: str


@dataclass(frozen=True, slots=True)
class PatternDetail:
    """What ``drift patterns show`` prints about one pattern."""

    pattern_id: str
    description: str | None
    pack: str | None
    category: str
    status: PatternStatusRow | None
    confidence: PatternConfidenceRow | None
    locations: list[DetectionRow]  # one per (file, line, column), in path order
    conventions: list[ConventionRow]
    breaches: list[Breach]
    suppressed: int  # breaches left out: under a drift-ignore comment, or dismissed
    enforced: bool  # breaches are the pattern's reported violations, not a preview

    @property
    def files(self) -> int:
        return len({row.file for row in self.locations})


def known_pattern_id(project: Project, pattern_id: str) -> str:
    """The id of the pattern ``pattern_id`` names, in any case: the packs' ids are upper case
    (``NAMING-PY-FUNCTION-SNAKE``) and a person types them in lower case as often. The id
    itself when it is one (or when no pattern has it in another case); a ConfigError when
    several differ from it only in case."""
    drift = project.stores.drift
    stored = {row.pattern_id for row in drift.query_all_confidence()}
    stored |= {row.pattern_id for row in drift.query_all_pattern_statuses()}
    found = _same_but_case(stored, pattern_id)
    if not found:
        # A pattern of a pack that does not apply is stored nowhere: its pack still knows it.
        found = _same_but_case(_specs(project), pattern_id)
    if len(found) > 1:
        raise ConfigError(
            f"'{pattern_id}' names {len(found)} patterns that differ only in case: "
            + ", ".join(sorted(found)),
            hint="give the id exactly as `drift patterns --all` lists it",
        )
    return found[0] if found else pattern_id


def _same_but_case(ids: Iterable[str], pattern_id: str) -> list[str]:
    """``[pattern_id]`` when ``ids`` has it, else the ids equal to it but for case."""
    ids = set(ids)
    if pattern_id in ids:
        return [pattern_id]
    wanted = pattern_id.casefold()
    return sorted(known for known in ids if known.casefold() == wanted)


def unknown_pattern(project: Project, pattern_id: str) -> ConfigError:
    """The error for an id no pattern has, with the hint that fits the workspace: before any
    scan there is nothing to list (the hint had said "run `drift scan` first" after one)."""
    if project.stores.workspace.project_info().last_scan_at is None:
        hint = "run `drift scan` first: no pattern is learned yet"
    else:
        hint = "`drift patterns --all` lists the pattern ids"
    return ConfigError(f"no pattern '{pattern_id}' in {project.url}", hint=hint)


def refuse_inactive(project: Project, pattern_id: str, pack: str | None) -> None:
    """Raise ConfigError when ``pattern_id``'s pack does not apply to the project (no signal
    of its ``detect_by`` is seen): its matches are neither scored, listed nor enforced."""
    if pack is None:
        return
    rows = project.stores.drift.get_detections_by_method(INACTIVE_METHOD)
    if pack in inactive_packs(rows):
        raise ConfigError(
            f"pattern '{pattern_id}' is of pack '{pack}', which does not apply to this project: "
            "none of its detect_by signals is seen",
            hint="add what the pack's `detect_by` names (an import, a file, a dependency), "
            "or remove `detect_by` from the pack, then `drift scan`",
        )


def pack_of(project: Project, pattern_id: str) -> str | None:
    """The name of the pack defining ``pattern_id`` (a deviation's: its pattern's)."""
    return _description(_specs(project), pattern_id)[1]


def _specs(project: Project) -> dict[str, tuple[PatternSpec, str]]:
    packs = load_packs(project.config.pack_dirs, include_builtin=project.config.builtin_packs)
    return {spec.id: (spec, pack.name) for pack in packs for spec in pack.patterns}


def _description(
    specs: Mapping[str, tuple[PatternSpec, str]], pattern_id: str
) -> tuple[str | None, str | None]:
    """The pack's description and the pack's name; a deviation says what it departs from."""
    base = pattern_id.removesuffix(DEVIATION_SUFFIX)
    found = specs.get(base)
    if found is None:
        return None, None
    spec, pack = found
    if base != pattern_id:
        return (
            f"Where '{base}' is used although another pattern dominates its group "
            "(found by the convention learner).",
            pack,
        )
    return spec.description, pack


def _unique_locations(rows: Sequence[DetectionRow], pattern_id: str) -> list[DetectionRow]:
    seen: dict[tuple[str, int, int], DetectionRow] = {}
    for row in rows:
        if row.pattern_id == pattern_id:
            seen.setdefault((row.file, row.line, row.column_num), row)
    return [seen[key] for key in sorted(seen)]


def _breaches(rows: Sequence[ViolationRow]) -> tuple[list[Breach], int]:
    """The reported rows as breaches in file order, and how many were suppressed."""
    active = [row for row in rows if not row.suppressed]
    breaches = sorted(Breach(row.file, row.line, row.severity, row.message) for row in active)
    return breaches, len(rows) - len(active)


def pattern_detail(project: Project, pattern_id: str) -> PatternDetail:
    """Everything stored about ``pattern_id``, in any case (ConfigError when nothing is)."""
    pattern_id = known_pattern_id(project, pattern_id)
    drift = project.stores.drift
    confidence = next(
        (row for row in drift.query_all_confidence() if row.pattern_id == pattern_id), None
    )
    status = drift.query_pattern_status(pattern_id)
    locations = _unique_locations(drift.get_detections_by_pattern_prefix(pattern_id), pattern_id)
    if confidence is None and status is None and not locations:
        raise unknown_pattern(project, pattern_id)
    specs = _specs(project)
    description, pack = _description(specs, pattern_id)
    refuse_inactive(project, pattern_id, pack)
    enforced = status is not None and status.status == PatternStatus.APPROVED.value
    suppressed = 0
    if is_derived(pattern_id):
        breaches: list[Breach] = []  # a deviation is reported against the convention it breaks
    elif enforced:
        stored = [row for row in drift.query_all_violations() if row.pattern_id == pattern_id]
        breaches, suppressed = _breaches(stored)
    else:
        groups = convention_groups(lambda: {key: spec for key, (spec, _) in specs.items()})
        preview = violations_if_approved(drift, pattern_id, root=project.root, group_of=groups)
        breaches, suppressed = _breaches([violation.row for violation in preview])
    categories = sorted({row.category for row in locations})
    return PatternDetail(
        pattern_id=pattern_id,
        description=description,
        pack=pack,
        category=", ".join(categories) or "unknown",
        status=status,
        confidence=confidence,
        locations=locations,
        conventions=[c for c in drift.query_all_conventions() if c.pattern_id == pattern_id],
        breaches=breaches,
        suppressed=suppressed,
        enforced=enforced,
    )


def _status_line(status: PatternStatusRow | None, derived: bool) -> str:
    if derived and (status is None or status.status != PatternStatus.IGNORED.value):
        return "derived (it has no status of its own; it counts against the convention)"
    if status is None or status.status == PatternStatus.DISCOVERED.value:
        return "discovered (not enforced)"
    decided = f"{status.status} by {status.approved_by or 'the scan'}"
    if status.approved_at is not None:
        decided += f", {moment(status.approved_at)}"
    if status.reason:
        decided += f": {status.reason}"
    return decided


def _confidence_line(row: PatternConfidenceRow | None) -> str:
    if row is None:
        return "not scored yet"
    return (
        f"{row.posterior_mean:.2f} ({row.tier}; 95% interval "
        f"{row.credible_interval_low:.2f}-{row.credible_interval_high:.2f}; "
        f"momentum {row.momentum})"
    )


def _convention_line(rows: Sequence[ConventionRow]) -> str | None:
    if not rows:
        return None
    parts = [
        f"{row.scope} ({row.dominance_ratio:.0%} dominant, {row.promotion_status})" for row in rows
    ]
    return "; ".join(parts)


def render(detail: PatternDetail, limit: int) -> Iterator[str]:
    """The report, one line at a time; at most ``limit`` locations and breaches each."""
    derived = is_derived(detail.pattern_id)
    origin = f" (pack {detail.pack})" if detail.pack else ""
    yield f"{detail.pattern_id}{origin}"
    if detail.description:
        yield f"  {detail.description}"
    yield ""
    yield f"category     {detail.category}"
    yield f"status       {_status_line(detail.status, derived)}"
    yield f"confidence   {_confidence_line(detail.confidence)}"
    yield (
        f"seen         {plural(len(detail.locations), 'location')} in "
        f"{plural(detail.files, 'file')}"
    )
    convention = _convention_line(detail.conventions)
    if convention is not None:
        yield f"convention   {convention}"
    if not derived:
        yield ""
        yield from _breach_lines(detail, limit)
    if detail.locations:
        yield ""
        shown = detail.locations[:limit]
        more = f" (the first {len(shown)})" if len(shown) < len(detail.locations) else ""
        yield f"Locations{more}:"
        for row in shown:
            # Column 0: the detector records none (imports, decorators, handlers).
            column = f":{row.column_num}" if row.column_num else ""
            text = f"  {row.file}:{row.line}{column}"
            yield f"{text}  {row.matched_text}" if row.matched_text else text


def _breach_lines(detail: PatternDetail, limit: int) -> Iterator[str]:
    count = plural(len(detail.breaches), "violation")
    if detail.enforced:
        head = f"Enforced: {count} reported (`drift violations` lists them)"
    elif detail.status is not None and detail.status.status == PatternStatus.IGNORED.value:
        head = f"Ignored: approving it instead would report {count}"
    else:
        head = f"Approving it would report {count}"
    if detail.suppressed:
        head += f", {detail.suppressed:,} more suppressed (drift-ignore or dismissed)"
    yield head + (":" if detail.breaches else ".")
    for breach in detail.breaches[:limit]:
        yield f"  {breach.severity:<8} {breach.file}:{breach.line}  {breach.message}"
    if len(detail.breaches) > limit:
        yield f"  ... and {len(detail.breaches) - limit:,} more"
