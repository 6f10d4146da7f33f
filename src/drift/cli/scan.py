"""``drift scan``: learn the conventions of a repository (incremental by default).

Also holds what the pipeline commands share: opening a project (its ``drift.toml`` and its
storage) from a root path, and the group class of ``drift patterns`` / ``drift violations``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import click

from drift.cli.errors import friendly_errors
from drift.cli.options import require_workspace, root_argument, storage_option, storage_url
from drift.cli.run_lock import LOCK_FILE, one_run_at_a_time
from drift.pipeline import (
    PipelineConfig,
    check_root,
    load_pipeline_config,
    make_progress,
    render_summary,
    scan,
)
from drift.storage.backends import StorageSet, open_storage, parse_url


@dataclass(frozen=True, slots=True)
class Project:
    """A root directory, its configuration, and its open storage."""

    root: Path
    config: PipelineConfig
    url: str
    stores: StorageSet

    @property
    def drift_db(self) -> Path | None:
        """The workspace's drift.db (None for ``memory://``)."""
        return self.stores.location.drift_db


@contextmanager
def open_project(root: Path, storage: str | None, *, create: bool = False) -> Iterator[Project]:
    """Check the root, read its drift.toml, open its storage (closed on exit). Only ``create``
    (``scan``, ``check``) makes a workspace where there is none; any other command says there
    is none (``require_workspace``)."""
    base = root.expanduser().resolve()
    check_root(base)
    config = load_pipeline_config(base)
    url = storage_url(base, storage, config.storage_url)
    if not create:
        require_workspace(url, base)
    config = _without_workspace(config, url, base)
    with open_storage(url, base=base) as stores:
        stores.workspace.initialize(str(base))
        if create and not url.endswith(".db"):  # a directory of its own, not a named file
            _keep_out_of_git(stores.location.drift_db)
        yield Project(base, config, url, stores)


_GITIGNORE = (
    "# Drift's workspace: local to this machine, not for version control,\n"
    "# but for the team's own packs (packs/*.toml), which CI needs too.\n"
    "*\n!packs/\n!packs/*.toml\n"
)
_OLD_GITIGNORE = "# Drift's workspace: local to this machine, not for version control.\n*\n"
"""What Drift wrote before: it left ``packs/`` out of git too, so no pack reached CI."""


def _keep_out_of_git(drift_db: Path | None) -> None:
    """Give a workspace directory of its own (``.drift/``, ``--storage DIR``) a ``.gitignore``
    that leaves all of it out but the team's packs, as virtual environments and tool caches
    do: ``git add -A`` had committed a database of megabytes. An existing ``.gitignore`` is
    left alone, unless it is the one an earlier Drift wrote."""
    if drift_db is None:
        return
    ignore = drift_db.parent / ".gitignore"
    try:
        current = ignore.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current is None and ignore.exists():
        return  # there, but not ours to read: a person's own
    if current is None or current == _OLD_GITIGNORE:
        ignore.write_text(_GITIGNORE, encoding="utf-8")


def _without_workspace(config: PipelineConfig, url: str, base: Path) -> PipelineConfig:
    """``config`` with the workspace's own files excluded from the scan when they lie inside
    the project elsewhere than ``.drift/`` (which discovery always leaves out): with
    ``[storage] url = "var/drift"`` a scan had tracked its own database as nine binary files."""
    location = parse_url(url, base=base)
    if location.drift_db is None:
        return config
    try:
        inside = location.drift_db.resolve().relative_to(base)
    except ValueError:
        return config  # outside the project
    directory = inside.parent.as_posix()
    if directory == ".":  # a .db file named at the root: its three files and their companions
        names = [f"/{db}*" for db in (inside.name, "bridge.db", "cortex.db")] + [f"/{LOCK_FILE}"]
    else:
        names = [f"/{directory}/"]
    scan = replace(config.scan, exclude=(*config.scan.exclude, *names))
    return replace(config, scan=scan)


class DefaultGroup(click.Group):
    """A group that runs its ``list`` subcommand when given no subcommand, options included:
    ``drift patterns --status approved`` is ``drift patterns list --status approved``."""

    default_command = "list"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert the default subcommand in front of options that belong to it."""
        helping = any(arg in ("-h", "--help") for arg in args[:1])
        if not helping and (not args or args[0].startswith("-")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.command(name="scan")
@root_argument
@click.option("--full", is_flag=True, help="Re-analyse every file, not only the ones that changed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (also off in CI and in pipes).")
@click.option("--timings", is_flag=True, help="Also print how long each stage took.")
@storage_option
@friendly_errors
def scan_command(root: Path, full: bool, quiet: bool, timings: bool, storage: str | None) -> None:
    """Scan PATH (default: the project you are in) and learn its conventions.

    Finds the files (honouring .gitignore, .driftignore and drift.toml), analyses the ones that
    changed since the last scan, learns patterns and conventions, and enforces the approved
    ones. Prints a short summary; `drift check` gives the full report and the exit code CI
    needs. Exit codes: 0 scanned, 2 usage or environment error.
    """
    with open_project(root, storage, create=True) as project, one_run_at_a_time(project.drift_db):
        progress = make_progress(quiet=quiet, stream=sys.stderr)
        summary = scan(
            project.root, project.stores.drift, config=project.config, full=full, progress=progress
        )
    click.echo(render_summary(summary, timings=timings))
