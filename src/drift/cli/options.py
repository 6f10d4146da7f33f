"""Options shared by the commands that work on a workspace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from drift.errors import ConfigError
from drift.storage.backends import DEFAULT_DIRECTORY

F = TypeVar("F", bound=Callable[..., Any])


def root_argument(command: F) -> F:
    """The project root (PATH, default: the current directory); it must exist."""
    return click.argument(
        "root",
        default=".",
        type=click.Path(file_okay=False, path_type=Path),
    )(command)


def storage_option(command: F) -> F:
    """``--storage URL``: where the workspace lives (default: PATH/.drift)."""
    return click.option(
        "--storage",
        envvar="DRIFT_STORAGE",
        default=None,
        metavar="URL",
        help="Storage location: a directory, sqlite:///path, or memory:// (default: PATH/.drift).",
    )(command)


def resolve_storage_url(root: Path, storage: str | None) -> str:
    """Check the root exists and pick the storage URL for it."""
    if not root.exists():
        raise ConfigError(f"{root}: no such directory")
    if not root.is_dir():
        raise ConfigError(f"{root}: not a directory")
    return storage or str(root.resolve() / DEFAULT_DIRECTORY)
