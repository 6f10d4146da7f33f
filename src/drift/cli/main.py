"""The ``drift`` command."""

from __future__ import annotations

import click

from drift import __version__
from drift.cli.cloud import cloud
from drift.cli.workspace import backup, export, gc, import_command, status


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drift")
def cli() -> None:
    """Drift learns the conventions your code follows and enforces them in CI.

    Exit codes: 0 ok, 1 check failed, 2 usage or environment error.
    """


cli.add_command(status)
cli.add_command(gc)
cli.add_command(backup)
cli.add_command(export)
cli.add_command(import_command)
cli.add_command(cloud)


def main() -> None:
    """Console-script entry point."""
    cli()
