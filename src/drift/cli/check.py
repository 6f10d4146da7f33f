"""``drift check``: scan what changed, enforce the approved conventions, report, exit 0/1/2."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drift.cli.errors import friendly_errors
from drift.cli.options import root_argument, storage_option
from drift.cli.run_lock import one_run_at_a_time
from drift.cli.scan import open_project
from drift.enforcement import FORMATS, PRESETS, render
from drift.enforcement.result import NO_BASELINE
from drift.errors import ConfigError
from drift.pipeline import enforce_run, make_progress, scan
from drift.pipeline.summary import NOTHING_TO_ANALYSE


def _write_report(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":  # ``-o -``: standard output, as tools read it
        click.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"{output}: cannot write the report: {exc.strerror or exc}",
            hint="check that the directory exists and is writable",
        ) from None


@click.command(name="check")
@root_argument
@click.option(
    "-f",
    "--format",
    "report_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Report format: a readable text report, JSON, or SARIF 2.1.0 for code scanning.",
)
@click.option(
    "--new-only",
    is_flag=True,
    help="Judge and report only violations the last change introduced (on a first analysis, "
    "with no baseline to compare with, every violation is new).",
)
@click.option(
    "-p",
    "--policy",
    type=click.Choice(sorted(PRESETS)),
    default=None,
    help="How gates combine into the verdict (default: [check] policy in drift.toml, "
    "else standard).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to FILE instead of standard output (`-` is standard output).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar (also off in CI and in pipes), and with --output no verdict line.",
)
@storage_option
@friendly_errors
def check_command(
    *,
    root: Path,
    report_format: str,
    new_only: bool,
    policy: str | None,
    output: Path | None,
    quiet: bool,
    storage: str | None,
) -> None:
    """Check PATH (default: the project you are in) against its approved conventions.

    Scans what changed since the last scan, turns outliers of approved patterns, convention
    deviations, error-handling gaps and secrets into violations, runs the quality gates and
    applies the policy. Exit codes: 0 the policy passed, 1 the gates failed it, 2 usage or
    environment error.
    """
    with open_project(root, storage, create=True) as project, one_run_at_a_time(project.drift_db):
        progress = make_progress(quiet=quiet, stream=sys.stderr)
        summary = scan(
            project.root,
            project.stores.drift,
            config=project.config,
            enforce=False,
            progress=progress,
        )
        if summary.analysed == 0:
            # A CI check over nothing would pass with every gate skipped: a typo in
            # ``include`` must not look like clean code.
            raise ConfigError(
                f"nothing to check in {project.root}: {NOTHING_TO_ANALYSE}",
                hint="`drift scan` lists what was found and skipped",
            )
        result = enforce_run(
            project.stores.drift,
            project.root,
            policy or project.config.policy,
            code_changed=summary.code_changed,
            renamed=dict(summary.renamed),
            renamed_functions={(f, new): old for f, new, old in summary.renamed_functions},
            new_only=new_only,
        )
    _write_report(render(result, report_format), output)
    to_file = output is not None and str(output) != "-"
    if to_file and not quiet:
        verdict = "passed" if result.passed else "FAILED"
        click.echo(f"{report_format} report written to {output}; check {verdict}", err=True)
    if result.unjudged_news and (to_file or report_format != "text"):
        # The text report on the terminal says it itself; a SARIF file uploaded from CI does
        # not show in its log, where a failing first --new-only needs its reason. The exit
        # code stays the gates': with no baseline, every violation may be the change's.
        click.echo(f"note: {NO_BASELINE}", err=True)
    sys.exit(result.exit_code)
