"""Options shared by the commands that work on a workspace."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from drift.errors import ConfigError
from drift.scan.config import CONFIG_FILE_NAME
from drift.storage.backends import DEFAULT_DIRECTORY, parse_url

F = TypeVar("F", bound=Callable[..., Any])


_ROOT_HELP = (
    "The project directory (default: the nearest directory from here upward with a .drift/ "
    "workspace or a drift.toml, else the current directory)."
)


def find_project_root(start: Path) -> Path | None:
    """The nearest directory from ``start`` upward that holds a workspace (``.drift/``) or a
    ``drift.toml``, as git finds its repository from a subdirectory; None when there is none.

    The search ends at the top of a git repository (a directory with ``.git``, a submodule's
    or worktree's file included) and at the file system's root: a stray ``~/.drift`` from a
    scan of the home directory must not turn every new repository below it into a scan of
    the whole home directory."""
    here = start.resolve()
    for directory in (here, *here.parents):
        if (directory / DEFAULT_DIRECTORY).is_dir() or (directory / CONFIG_FILE_NAME).is_file():
            return directory
        if (directory / ".git").exists():
            return None
    return None


def default_root(storage: str | None) -> Path:
    """The project directory of a command given none: the current directory when ``--storage``
    (or ``DRIFT_STORAGE``) names the workspace, else ``find_project_root`` from it, else the
    current directory. From ``src/`` a check had made a workspace of its own in ``src/.drift``
    and reported every violation as new, none of the team's decisions or drift.toml applied."""
    here = Path(".")
    if storage:
        return here
    try:
        found = find_project_root(here)
    except OSError:  # a current directory removed meanwhile: the root check says so
        return here
    return here if found is None else found


def _given_or_found(root: Path | None, kwargs: dict[str, Any]) -> Path:
    return root if root is not None else default_root(kwargs.get("storage"))


def root_option(command: F) -> F:
    """``--root PATH``: the project directory, for commands whose arguments are something else
    (a pattern or violation id, a backup file); ``default_root`` without it (which
    reads the command's ``--storage``)."""

    @functools.wraps(command)
    def with_root(*args: Any, root: Path | None, **kwargs: Any) -> Any:
        return command(*args, root=_given_or_found(root, kwargs), **kwargs)

    option = click.option(
        "--root", type=click.Path(path_type=Path), metavar="PATH", help=_ROOT_HELP
    )
    return cast(F, option(with_root))


def root_argument(command: F) -> F:
    """The project directory as ``PATH`` or, as the other commands take it, ``--root PATH``
    (``default_root`` without either). The command receives it as ``root``."""

    @functools.wraps(command)
    def with_root(*args: Any, root: Path | None, root_flag: Path | None, **kwargs: Any) -> Any:
        if root is not None and root_flag is not None and root != root_flag:
            raise click.UsageError(f"two project directories: {root} and --root {root_flag}")
        return command(*args, root=_given_or_found(root or root_flag, kwargs), **kwargs)

    decorated = click.argument(
        "root", required=False, type=click.Path(path_type=Path), metavar="[PATH]"
    )(with_root)
    option = click.option(
        "--root", "root_flag", type=click.Path(path_type=Path), metavar="PATH", help=_ROOT_HELP
    )
    return cast(F, option(decorated))


def storage_option(command: F) -> F:
    """``--storage URL``: where the workspace lives (default: PATH/.drift)."""
    return click.option(
        "--storage",
        envvar="DRIFT_STORAGE",
        default=None,
        metavar="URL",
        callback=_not_blank,
        help="Storage location: a directory, sqlite:///path, or memory:// (default: PATH/.drift).",
    )(command)


def _not_blank(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A usage error for ``--storage ""``: it had meant the default workspace, so a script
    whose variable was unset (``--storage "$STORE"``) used another workspace than it named.
    (An empty ``DRIFT_STORAGE`` is Click's unset variable: the default, as for any variable.)"""
    if value is not None and not value.strip():
        raise click.BadParameter(
            "is empty; name a directory, sqlite:///path or memory://, or leave the option out "
            "for PATH/.drift"
        )
    return value


def storage_url(root: Path, option: str | None, configured: str | None) -> str:
    """``--storage`` (or ``DRIFT_STORAGE``), else ``[storage] url`` from drift.toml
    (``configured``), else ``<root>/.drift``. A relative location is taken from where the
    command runs when given on the command line or in the environment, as any command's path
    argument is, and from the root when drift.toml gives it."""
    if option:
        return _from_here(option)
    return configured or str(root / DEFAULT_DIRECTORY)


def _from_here(url: str) -> str:
    """``url`` with a relative SQLite location made absolute from the current directory."""
    if "://" in url and not url.startswith("sqlite://"):
        return url  # memory://, postgresql://…: no path to resolve
    scheme = "sqlite://" if url.startswith("sqlite://") else ""
    raw = url.removeprefix(scheme)
    if not raw:
        return url  # ``sqlite://`` alone: parse_url says what is wrong with it
    path = Path(raw).expanduser()
    return scheme + str(path if path.is_absolute() else Path.cwd() / path)


def resolve_storage_url(root: Path, storage: str | None) -> str:
    """Check the root exists and pick the storage URL for it, as ``drift scan`` picks it
    (``storage_url``: drift.toml's ``[storage] url`` included)."""
    if not root.exists():
        raise ConfigError(f"{root}: no such directory")
    if not root.is_dir():
        raise ConfigError(f"{root}: not a directory")
    from drift.pipeline.config import load_pipeline_config

    base = root.resolve()
    return storage_url(base, storage, load_pipeline_config(base).storage_url)


def require_workspace(url: str, base: Path) -> None:
    """ConfigError unless the SQLite workspace at ``url`` exists: a command that only reads or
    maintains a workspace (``status``, ``patterns``, ``violations``, ``gc``…) never creates
    one, so one run in the wrong directory leaves no ``.drift/`` behind."""
    drift_db = parse_url(url, base=base).drift_db
    if drift_db is not None and not drift_db.exists():
        raise ConfigError(
            f"no Drift workspace at {drift_db.parent}",
            hint="run `drift scan` in the project first, or name its workspace with --storage",
        )
