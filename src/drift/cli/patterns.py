"""``drift patterns``: the learned patterns, and the decisions that make them enforced or not."""

from __future__ import annotations

import getpass
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

from drift.analysis.lifecycle import (
    PatternState,
    PatternStatus,
    ReviewBucket,
    approve,
    discovered,
    ignore,
    is_derived,
    reset,
    review_bucket,
)
from drift.cli.errors import friendly_errors
from drift.cli.options import root_option, storage_option
from drift.cli.pattern_detail import (
    known_pattern_id,
    pack_of,
    pattern_detail,
    refuse_inactive,
    render,
    unknown_pattern,
)
from drift.cli.scan import DefaultGroup, Project, open_project
from drift.enforcement.reporters.text import table
from drift.enforcement.severity import ERROR_CONFIDENCE, WARNING_CONFIDENCE, Severity
from drift.errors import ConfigError
from drift.pipeline import enforce_run
from drift.pipeline.analyze import pattern_state, status_row
from drift.pipeline.groups import convention_groups
from drift.text import plural

_BY = click.option(
    "--by",
    "author",
    default=None,
    metavar="NAME",
    help="Who decides (default: your login name).",
)
_REASON = click.option("--reason", default=None, metavar="TEXT", help="Why, for the record.")


@dataclass(frozen=True, slots=True)
class PatternRow:
    """One line of the listing."""

    pattern_id: str
    category: str
    status: str
    confidence: float
    tier: str
    locations: int
    files: int


def _author(name: str | None) -> str:
    if name:
        return name
    try:
        return getpass.getuser() or "user"
    except (OSError, KeyError):  # no login name in some containers
        return "user"


def pattern_rows(project: Project, *, derived: bool) -> list[PatternRow]:
    """Every scored pattern with its status and how often it was seen, most confident first."""
    drift = project.stores.drift
    statuses = {row.pattern_id: row.status for row in drift.query_all_pattern_statuses()}
    locations: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    categories: dict[str, str] = {}
    for row in drift.query_all_detections(drift.count_detections()):
        locations[row.pattern_id].add((row.file, row.line, row.column_num))
        categories.setdefault(row.pattern_id, row.category)
    rows = [
        PatternRow(
            pattern_id=c.pattern_id,
            category=categories.get(c.pattern_id, "?"),
            status=statuses.get(c.pattern_id, PatternStatus.DISCOVERED.value),
            confidence=c.posterior_mean,
            tier=c.tier,
            locations=len(locations[c.pattern_id]),
            files=len({loc[0] for loc in locations[c.pattern_id]}),
        )
        for c in drift.query_all_confidence()
        if derived or not is_derived(c.pattern_id)
    ]
    return sorted(rows, key=lambda r: (-r.confidence, r.pattern_id))


def _cells(row: PatternRow) -> list[str]:
    return [
        row.pattern_id,
        row.category,
        _status_label(row),
        f"{row.confidence:.2f}",
        row.tier,
        str(row.locations),
        str(row.files),
    ]


def _status_label(row: PatternRow) -> str:
    if row.status != PatternStatus.DISCOVERED.value:
        return row.status
    bucket = review_bucket(row.confidence)
    return "review" if bucket is ReviewBucket.NEEDS_REVIEW else "discovered"


@click.group(name="patterns", cls=DefaultGroup)
def patterns_group() -> None:
    """List the learned patterns (the default command), or approve, ignore or reset one.

    Only approved patterns are enforced. A pattern is approved by you or, when its confidence
    reaches 0.90 with few outliers, automatically during a scan.
    """


@patterns_group.command(name="list")
@click.option(
    "-s",
    "--status",
    type=click.Choice([s.value for s in PatternStatus]),
    default=None,
    help="Only patterns with this status.",
)
@click.option("-c", "--category", default=None, help="Only patterns of this category.")
@click.option("--all", "show_all", is_flag=True, help="Also list derived deviation patterns.")
@root_option
@storage_option
@friendly_errors
def list_patterns(
    status: str | None, category: str | None, show_all: bool, root: Path, storage: str | None
) -> None:
    """List the learned patterns, most confident first."""
    with open_project(root, storage) as project:
        every = pattern_rows(project, derived=show_all)
    rows = [
        r
        for r in every
        if (status is None or r.status == status) and (category is None or r.category == category)
    ]
    if not rows:
        if every:  # a filter left none out of what the scans learned
            known = sorted({r.category for r in every})
            hint = (
                ""
                if category is None or category in known
                else f" (categories: {', '.join(known)})"
            )
            click.echo(f"No patterns.{hint}")
        else:
            click.echo("No patterns yet: run `drift scan` first.")
        return
    lines = table(
        ["ID", "CATEGORY", "STATUS", "CONFIDENCE", "TIER", "LOCATIONS", "FILES"],
        [_cells(r) for r in rows],
        indent="",
    )
    click.echo("\n".join(lines))
    reviews = sum(1 for r in rows if _status_label(r) == "review")
    if reviews:
        click.echo(
            f"\n{plural(reviews, 'pattern')} to review: `drift patterns approve ID` enforces one."
        )


@patterns_group.command(name="show")
@click.argument("pattern_id")
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many locations and violations to list.",
)
@root_option
@storage_option
@friendly_errors
def show_pattern(pattern_id: str, limit: int, root: Path, storage: str | None) -> None:
    """Show PATTERN_ID: what it is, how confident Drift is, where it was seen, and what
    approving it would report (or, once approved, its violations)."""
    with open_project(root, storage) as project:
        detail = pattern_detail(project, pattern_id)
    click.echo("\n".join(render(detail, limit)))


def _known_state(project: Project, pattern_id: str, now: int) -> tuple[PatternState, float]:
    drift = project.stores.drift
    confidence = {row.pattern_id: row.posterior_mean for row in drift.query_all_confidence()}
    row = drift.query_pattern_status(pattern_id)
    if row is None and pattern_id not in confidence:
        refuse_inactive(project, pattern_id, pack_of(project, pattern_id))
        raise unknown_pattern(project, pattern_id)
    state = pattern_state(row) if row is not None else discovered(pattern_id, now)
    return state, confidence.get(pattern_id, 0.0)


def _decided_already(state: PatternState, status: PatternStatus, participle: str) -> bool:
    """Whether a person already made this decision: then it is kept as it was (who, when and
    why), as a repeated dismissal is, and the command says so."""
    if state.status is not status or not state.decided_by_user:
        return False
    by = f" by {state.approved_by}" if state.approved_by else ""
    why = f" ({state.reason})" if state.reason else ""
    click.echo(
        f"{state.pattern_id} was {participle} already{by}{why}; nothing recorded. "
        f"To record another decision, `drift patterns reset {state.pattern_id}` first."
    )
    return True


def _decide(project: Project, pattern_id: str, decided: PatternState, verb: str) -> None:
    from drift.analysis.packs import load_packs  # the packs' loader only where it is used

    # The packs first: a broken one fails the command before the decision is recorded, not
    # after (the check that follows the decision needs them).
    packs = load_packs(project.config.pack_dirs, include_builtin=project.config.builtin_packs)
    specs = {spec.id: spec for pack in packs for spec in pack.patterns}
    project.stores.drift.upsert_pattern_status(status_row(decided))
    result = enforce_run(
        project.stores.drift,
        project.root,
        project.config.policy,
        group_of=convention_groups(lambda: specs),
    )
    own = [v for v in result.reported() if v.row.pattern_id == pattern_id]
    click.echo(f"{verb} {pattern_id}.")
    if decided.status is PatternStatus.APPROVED and not own:
        click.echo("It is enforced now: no violation of it.")
    elif decided.status is PatternStatus.APPROVED:
        click.echo(
            f"It is enforced now: {plural(len(own), 'violation')} of it; "
            "`drift check` reports them."
        )
        if all(v.severity is Severity.INFO for v in own):
            _explain_info(project, pattern_id)
    elif decided.status is PatternStatus.IGNORED:
        click.echo("It is never enforced now: no violation of it is reported.")
    else:
        click.echo(f"It is undecided now: {plural(len(own), 'violation')} of it.")
    click.echo(
        f"Check {'passed' if result.passed else 'FAILED'}: "
        f"{plural(result.counts()['total'], 'violation')} in all "
        f"({result.policy.policy_name} policy)."
    )


def _explain_info(project: Project, pattern_id: str) -> None:
    """Why the violations of a pattern just approved fail no gate: a deviation's severity is the
    strength of the convention it breaks, and a young one's is low (the QA's 100 % dominant
    naming convention over 863 places read 0.68 on a first scan)."""
    confidence = next(
        (
            row.posterior_mean
            for row in project.stores.drift.query_all_confidence()
            if row.pattern_id == pattern_id
        ),
        None,
    )
    strength = "" if confidence is None else f" (its confidence is {confidence:.2f})"
    click.echo(
        f"They are information only{strength}: a convention's deviations warn from confidence "
        f"{WARNING_CONFIDENCE:.2f} and fail the check from {ERROR_CONFIDENCE:.2f}, which it "
        "gains as later scans keep seeing it followed."
    )


@patterns_group.command(name="approve")
@click.argument("pattern_id")
@_REASON
@_BY
@root_option
@storage_option
@friendly_errors
def approve_pattern(
    pattern_id: str, reason: str | None, author: str | None, root: Path, storage: str | None
) -> None:
    """Approve PATTERN_ID: it becomes a convention Drift enforces."""
    if is_derived(pattern_id):
        # A deviation id lists the places that break a convention; approving it counted them
        # as places that follow one, in the compliance gate's denominator.
        raise ConfigError(
            f"'{pattern_id}' lists places that break a convention: it cannot be approved",
            hint="approve the convention itself; "
            f"`drift patterns ignore {pattern_id}` stops reporting these places",
        )
    now = int(time.time())
    with open_project(root, storage) as project:
        pattern_id = known_pattern_id(project, pattern_id)
        state, confidence = _known_state(project, pattern_id, now)
        if _decided_already(state, PatternStatus.APPROVED, "approved"):
            return
        decided = approve(state, by=_author(author), confidence=confidence, now=now, reason=reason)
        _decide(project, pattern_id, decided, "Approved")


@patterns_group.command(name="ignore")
@click.argument("pattern_id")
@_REASON
@_BY
@root_option
@storage_option
@friendly_errors
def ignore_pattern(
    pattern_id: str, reason: str | None, author: str | None, root: Path, storage: str | None
) -> None:
    """Ignore PATTERN_ID: it is never enforced (and never auto-approved)."""
    now = int(time.time())
    with open_project(root, storage) as project:
        pattern_id = known_pattern_id(project, pattern_id)
        state, _ = _known_state(project, pattern_id, now)
        if _decided_already(state, PatternStatus.IGNORED, "ignored"):
            return
        decided = ignore(state, by=_author(author), now=now, reason=reason)
        _decide(project, pattern_id, decided, "Ignored")


@patterns_group.command(name="reset")
@click.argument("pattern_id")
@root_option
@storage_option
@friendly_errors
def reset_pattern(pattern_id: str, root: Path, storage: str | None) -> None:
    """Forget the decision on PATTERN_ID: back to discovered."""
    now = int(time.time())
    with open_project(root, storage) as project:
        pattern_id = known_pattern_id(project, pattern_id)
        state, _ = _known_state(project, pattern_id, now)
        _decide(project, pattern_id, reset(state, now), "Reset")
