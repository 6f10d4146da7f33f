"""How the CLI reports failures: one clear line and a hint, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import click

from drift.errors import DriftError

P = ParamSpec("P")
T = TypeVar("T")

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


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
        except OSError as error:
            click.echo(
                f"error: {error.strerror or error}: {error.filename or ''}".rstrip(), err=True
            )
            sys.exit(EXIT_USAGE)

    return wrapper
