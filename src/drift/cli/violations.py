"""``drift violations``: the violations of the last check, and feedback on them."""

from __future__ import annotations

import getpass
import posixpath
from pathlib import Path

import click

from drift.cli.errors import friendly_errors
from drift.cli.options import root_option, storage_option
from drift.cli.scan import DefaultGroup, Project, open_project
from drift.enforcement import DismissalReason, FeedbackAction, FeedbackOutcome, dismiss, fix
from drift.enforcement.false_positives import says_finding_was_wrong
from drift.enforcement.reporters.text import table
from drift.enforcement.severity import is_security
from drift.enforcement.sources import file_line_reader
from drift.enforcement.violations import legacy_ids
from drift.errors import ConfigError
from drift.pipeline import enforce_run
from drift.records.enforcement import ViolationRow

SHORT_ID = 12
_SEVERITY_ORDER = {"critical": 0, "error": 1, "warning": 2, "info": 3}

_BY = click.option("--by", "author", default=None, metavar="NAME", help="Who (default: you).")


def _author(name: str | None) -> str | None:
    if name:
        return name
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):
        return None


def resolve_violation(project: Project, wanted: str) -> ViolationRow:
    """The stored violation whose id is ``wanted`` or starts with it (unambiguously)."""
    rows = project.stores.drift.query_all_violations()
    exact = [row for row in rows if row.id == wanted]
    matches = exact or [row for row in rows if wanted and row.id.startswith(wanted)]
    if not matches and wanted:
        # An id from a report written before ids named their function (version 1).
        legacy = legacy_ids(rows, file_line_reader(project.root))
        matches = [row for vid, row in legacy.items() if vid.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ConfigError(f"no violation '{wanted}'", hint="list the ids with `drift violations`")
    shown = ", ".join(row.id[:SHORT_ID] for row in matches[:5])
    raise ConfigError(
        f"'{wanted}' matches {len(matches)} violations ({shown})",
        hint="give more characters of the id",
    )


@click.group(name="violations", cls=DefaultGroup)
def violations_group() -> None:
    """List the violations of the last scan or check (the default), or give feedback on one.

    Feedback moves the confidence of the violation's pattern: a fix confirms it, a dismissal
    counts against it (by the reason). To silence one line for good, put a `drift-ignore`
    comment on it.
    """


@violations_group.command(name="list")
@click.option(
    "-s",
    "--severity",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Only violations of this severity.",
)
@click.option(
    "--file",
    "file_prefix",
    default=None,
    metavar="PREFIX",
    help="Only files whose path starts with PREFIX: relative to the project root (`./src` is "
    "`src`), or an absolute path inside it.",
)
@click.option("--new", "only_new", is_flag=True, help="Only violations the last change introduced.")
@click.option("--all", "show_all", is_flag=True, help="Also list suppressed violations.")
@root_option
@storage_option
@friendly_errors
def list_violations(
    *,
    severity: str | None,
    file_prefix: str | None,
    only_new: bool,
    show_all: bool,
    root: Path,
    storage: str | None,
) -> None:
    """List the stored violations by severity, then location."""
    with open_project(root, storage) as project:
        rows = project.stores.drift.query_all_violations()
        enforced = bool(project.stores.drift.query_recent_policy_results(1))
        if file_prefix is not None:
            file_prefix = _project_prefix(file_prefix, project.root)
    shown = [
        row
        for row in rows
        if (show_all or not row.suppressed)
        and (severity is None or row.severity == severity)
        and (file_prefix is None or row.file.startswith(file_prefix))
        and (not only_new or row.is_new)
    ]
    if not shown:
        # A scan enforces too: "run drift check" only where nothing was ever enforced.
        click.echo(
            "No violations." if rows or enforced else "Nothing enforced yet: run `drift check`."
        )
        return
    shown.sort(key=lambda r: (_SEVERITY_ORDER.get(r.severity, 9), r.file, r.line, r.rule_id))
    lines = table(
        ["ID", "SEVERITY", "LOCATION", "RULE", "NEW", "MESSAGE"],
        [
            [
                row.id[:SHORT_ID],
                row.severity + (" (suppressed)" if row.suppressed else ""),
                f"{row.file}:{row.line}",
                row.rule_id,
                "new" if row.is_new else "",
                row.message,
            ]
            for row in shown
        ],
        indent="",
    )
    click.echo("\n".join(lines))


def _project_prefix(value: str, root: Path) -> str:
    """``--file``'s value as a prefix of the stored paths (relative to the root, with ``/``)."""
    given = Path(value)
    if given.is_absolute():
        try:
            given = given.resolve().relative_to(root.resolve())
        except ValueError:
            raise click.BadParameter(
                f"{value} is not inside the project {root}", param_hint="'--file'"
            ) from None
    prefix = posixpath.normpath(given.as_posix())
    if prefix.startswith("../"):
        raise click.BadParameter(f"{value} is outside the project", param_hint="'--file'")
    return "" if prefix == "." else prefix + ("/" if value.endswith("/") else "")


def _report(outcome: FeedbackOutcome, verb: str) -> None:
    v = outcome.violation
    if not outcome.recorded:
        why = outcome.feedback.dismissal_reason
        done = "fixed" if outcome.feedback.action == FeedbackAction.FIX.value else "dismissed"
        click.echo(
            f"{v.id[:SHORT_ID]} ({v.rule_id} at {v.file}:{v.line}) was {done} already"
            + (f" ({why})" if why else "")
            + "; nothing recorded."
        )
        return
    click.echo(f"{verb} {v.id[:SHORT_ID]} ({v.rule_id} at {v.file}:{v.line}).")
    if outcome.previous is not None and outcome.updated is not None:
        click.echo(
            f"Confidence of {v.pattern_id}: {outcome.previous.posterior_mean:.3f} → "
            f"{outcome.updated.posterior_mean:.3f} ({outcome.updated.tier})."
        )
    elif is_security(v.rule_id.split("/", 1)[0], v.cwe_id):
        # Feedback never lowers a security rule: saying it feeds the rate would mislead.
        click.echo(f"Recorded against rule {v.rule_id} (a security rule: it keeps its severity).")
    elif outcome.feedback.action == FeedbackAction.DISMISS.value and not says_finding_was_wrong(
        outcome.feedback
    ):
        why = outcome.feedback.dismissal_reason
        click.echo(f"Recorded ({why}: it does not count against rule {v.rule_id}).")
    else:
        click.echo(f"Recorded against rule {v.rule_id} (it feeds the rule's false-positive rate).")


class _ReasonChoice(click.Choice[str]):
    """A dismissal reason, also as people write it: ``false-positive``, ``Wont_Fix``."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        if isinstance(value, str):
            value = value.strip().lower().replace("-", "_").replace("'", "")
        return str(super().convert(value, param, ctx))


@violations_group.command(name="dismiss")
@click.argument("violation_id")
@click.option(
    "--reason",
    type=_ReasonChoice([r.value for r in DismissalReason]),
    default=None,
    help="Why: a false positive counts most against the pattern; won't-fix and duplicate not "
    "at all.",
)
@click.option("--note", default=None, metavar="TEXT", help="A free-text note for the record.")
@_BY
@root_option
@storage_option
@friendly_errors
def dismiss_violation(
    *,
    violation_id: str,
    reason: str | None,
    note: str | None,
    author: str | None,
    root: Path,
    storage: str | None,
) -> None:
    """Dismiss VIOLATION_ID (an id from `drift violations`, or its first characters)."""
    with open_project(root, storage) as project:
        row = resolve_violation(project, violation_id)
        outcome = dismiss(
            project.stores.drift,
            row.id,
            dismissal_reason=reason,
            reason=note,
            author=_author(author),
        )
    _report(outcome, "Dismissed")
    click.echo("To silence this line itself, add a `drift-ignore` comment on it.")


@violations_group.command(name="fix")
@click.argument("violation_id")
@click.option("--reason", default=None, metavar="TEXT", help="A note on the fix, for the record.")
@_BY
@root_option
@storage_option
@friendly_errors
def fix_violation(
    violation_id: str, reason: str | None, author: str | None, root: Path, storage: str | None
) -> None:
    """Record that VIOLATION_ID was fixed: its pattern gains confidence."""
    with open_project(root, storage) as project:
        row = resolve_violation(project, violation_id)
        outcome = fix(project.stores.drift, row.id, reason=reason, author=_author(author))
        if row.suppressed:
            # A fix takes a dismissal back: enforce again, so that the stored list shows it
            # unless a `drift-ignore` comment still covers it (the list had stayed stale until
            # the next check).
            enforce_run(project.stores.drift, project.root, project.config.policy)
    _report(outcome, "Fixed")
