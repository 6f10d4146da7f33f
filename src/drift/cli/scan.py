"""``drift scan``: learn the conventions of a repository (incremental by default).

Also holds what the pipeline commands share: opening a project (its ``drift.toml`` and its
storage) from a root path, and the group class of ``drift patterns`` / ``drift violations``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from drift.cli.errors import friendly_errors
from drift.cli.options import root_argument, storage_option
from drift.pipeline import (
    PipelineConfig,
    check_root,
    load_pipeline_config,
    make_progress,
    render_summary,
    scan,
)
from drift.storage.backends import DEFAULT_DIRECTORY, StorageSet, open_storage


@dataclass(frozen=True, slots=True)
class Project:
    """A root directory, its configuration, and its open storage."""

    root: Path
    config: PipelineConfig
    url: str
    stores: StorageSet


def storage_url(root: Path, option: str | None, config: PipelineConfig) -> str:
    """``--storage`` (or ``DRIFT_STORAGE``), else ``[storage] url`` from drift.toml, else
    ``<root>/.drift``. A relative location is taken from the root."""
    return option or config.storage_url or str(root / DEFAULT_DIRECTORY)


@contextmanager
def open_project(root: Path, storage: str | None) -> Iterator[Project]:
    """Check the root, read its drift.toml, open its storage (closed on exit)."""
    base = root.expanduser().resolve()
    check_root(base)
    config = load_pipeline_config(base)
    url = storage_url(base, storage, config)
    with open_storage(url, base=base) as stores:
        stores.workspace.initialize(str(base))
        yield Project(base, config, url, stores)


LOCK_FILE = "scan.lock"
"""Beside ``drift.db``: held by a scan or check for its whole run."""


@contextmanager
def one_run_at_a_time(project: Project) -> Iterator[None]:
    """Hold the workspace's run lock for a ``scan`` or ``check``, waiting for another to end.

    Two runs at once would each read the other's half-written analysis: a check during a scan
    stored its violations as the baseline, and the scan's own new violations then read as old
    for every later check. The lock is an advisory ``flock`` on a file beside ``drift.db``,
    released by the system when the process ends, however it ends; ``memory://`` needs none.
    """
    drift_db = project.stores.location.drift_db
    if drift_db is None or sys.platform == "win32":
        yield
        return
    import fcntl

    with open(drift_db.parent / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            click.echo("waiting for another drift scan or check of this workspace…", err=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
    """Scan PATH (default: the current directory) and learn its conventions.

    Finds the files (honouring .gitignore, .driftignore and drift.toml), analyses the ones that
    changed since the last scan, learns patterns and conventions, and enforces the approved
    ones. Prints a short summary; `drift check` gives the full report and the exit code CI
    needs. Exit codes: 0 scanned, 2 usage or environment error.
    """
    with open_project(root, storage) as project, one_run_at_a_time(project):
        progress = make_progress(quiet=quiet, stream=sys.stderr)
        summary = scan(
            project.root, project.stores.drift, config=project.config, full=full, progress=progress
        )
    click.echo(render_summary(summary, timings=timings))
