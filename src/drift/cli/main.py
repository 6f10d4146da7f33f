"""The ``drift`` command.

Subcommands are imported when they run, not when ``drift`` starts: the cloud service alone pulls
in a web framework and a PostgreSQL driver, which ``drift scan`` in a CI step has no use for.
``drift --help`` still lists every command (it imports them all to show their summaries).
"""

from __future__ import annotations

import importlib
import sys

import click

from drift import __version__

INTERRUPTED = 130
"""The exit code after Ctrl-C (128 + SIGINT)."""

# name -> (module, attribute), in the order ``drift --help`` lists them.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("drift.cli.scan", "scan_command"),
    "check": ("drift.cli.check", "check_command"),
    "patterns": ("drift.cli.patterns", "patterns_group"),
    "violations": ("drift.cli.violations", "violations_group"),
    "status": ("drift.cli.workspace", "status"),
    "gc": ("drift.cli.workspace", "gc"),
    "backup": ("drift.cli.workspace", "backup"),
    "export": ("drift.cli.workspace", "export"),
    "import": ("drift.cli.workspace", "import_command"),
    "cloud": ("drift.cli.cloud", "cloud"),
}


class LazyGroup(click.Group):
    """A group whose subcommands (from ``LAZY_COMMANDS``) are imported on first use;
    commands registered with ``add_command`` work as in any group."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Lazy commands in their listed order, then any added ones."""
        added = [name for name in super().list_commands(ctx) if name not in LAZY_COMMANDS]
        return [*LAZY_COMMANDS, *added]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the command's module the first time it is asked for."""
        found = super().get_command(ctx, cmd_name)
        if found is not None or cmd_name not in LAZY_COMMANDS:
            return found
        module_name, attribute = LAZY_COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}.{attribute} is not a click command")
        self.add_command(command, cmd_name)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drift")
def cli() -> None:
    """Drift learns the conventions your code follows and enforces them in CI.

    Start with `drift scan` in your repository, review what it learned with `drift patterns`,
    approve the conventions you want enforced, and run `drift check` in CI.

    Exit codes: 0 ok, 1 check failed, 2 usage or environment error.
    """


def main() -> int:
    """Console-script entry point: the exit code.

    Click's own usage errors (an unknown option, ``--policy bogus``) read like Drift's: one
    ``error:`` line and a ``hint:``, exit code 2, instead of Click's usage block. A group
    given no command (``drift``, ``drift cloud``) prints its help and exits 0, as ``--help``
    does: it had printed the help after ``error: Usage:`` and exited 2.
    """
    try:
        outcome = cli.main(prog_name="drift", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help())
        return 0
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx is not None else _command_path(sys.argv[1:])
        click.echo(f"error: {error.format_message()}", err=True)
        click.echo(f"hint: see `{command} --help`", err=True)
        return 2
    except click.ClickException as error:
        click.echo(f"error: {error.format_message()}", err=True)
        return error.exit_code
    except click.Abort as abort:
        if isinstance(abort.__cause__, KeyboardInterrupt):
            # Ctrl-C: 128 + SIGINT, as a shell reports it. A scan stopped half-way is recorded
            # as failed, and the next one analyses again whatever it had not finished.
            click.echo("Interrupted.", err=True)
            return INTERRUPTED
        click.echo("Aborted.", err=True)
        return 1
    return outcome if isinstance(outcome, int) else 0


def _command_path(args: list[str]) -> str:
    """The command ``args`` name (``drift check``, ``drift patterns show``), for the hint of a
    usage error Click raised without its context: an option missing its value
    (``drift check -o``) had pointed at `drift --help`."""
    words = ["drift"]
    command: click.Command = cli
    for arg in args:
        if not isinstance(command, click.Group):
            break
        found = command.get_command(click.Context(command), arg)
        if found is None:
            break
        words.append(arg)
        command = found
    return " ".join(words)
