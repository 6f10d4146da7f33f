"""How the CLI reports failures: one clear line and a hint, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import NoReturn, ParamSpec, TypeVar

import click

from drift.errors import DriftError

P = ParamSpec("P")
T = TypeVar("T")

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a program SIGPIPE stopped (`| head`)


def report(error: DriftError) -> None:
    click.echo(f"error: {error.message}", err=True)
    if error.hint:
        click.echo(f"hint: {error.hint}", err=True)


def friendly_errors(command: Callable[P, T]) -> Callable[P, T]:
    """Turn Drift's own errors (and OS errors) into exit code 2 with a one-line message."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return command(*args, **kwargs)
        except DriftError as error:
            report(error)
            sys.exit(EXIT_USAGE)
        except BrokenPipeError:
            _stop_quietly()
        except OSError as error:
            click.echo(
                f"error: {error.strerror or error}: {error.filename or ''}".rstrip(), err=True
            )
            sys.exit(EXIT_USAGE)

    return wrapper


def _stop_quietly() -> NoReturn:
    """The reader of our output left (``drift violations | head``): stop at once and say
    nothing, as other command-line tools do. Output still buffered goes to /dev/null, so the
    interpreter's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)
