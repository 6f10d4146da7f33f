"""``drift status``, ``drift gc``, ``drift backup``, ``drift export``, ``drift import``."""

from __future__ import annotations

from pathlib import Path

import click

from drift.cli.errors import friendly_errors
from drift.cli.options import (
    require_workspace,
    resolve_storage_url,
    root_argument,
    root_option,
    storage_option,
)
from drift.cli.run_lock import one_run_at_a_time, run_in_progress
from drift.errors import ConfigError
from drift.pipeline.changes import StoredFiles
from drift.pipeline.same_project import previous_root
from drift.pipeline.state import state_lines, stored_state
from drift.records.analysis import ScanHistoryRow
from drift.storage.backends import (
    StorageSet,
    open_storage,
    open_workspace_storage,
    parse_url,
)
from drift.storage.sql.analysis import SCAN_STATUS_RUNNING
from drift.text import byte_size, moment, plural


def _existing(root: Path, storage: str | None) -> StorageSet:
    """The storage of an existing workspace (``require_workspace``)."""
    url = resolve_storage_url(root, storage)
    require_workspace(url, root.resolve())
    return open_storage(url, base=root)


@click.command()
@root_argument
@storage_option
@friendly_errors
def status(root: Path, storage: str | None) -> None:
    """Show the workspace: schema, files, functions, the last scan, and what it found (patterns,
    violations and verdict, counted as `drift scan` counts them)."""
    url = resolve_storage_url(root, storage)
    require_workspace(url, root.resolve())
    with open_storage(url, base=root) as stores:
        state = stores.workspace.status()
        if not state.initialized:
            stores.workspace.initialize(str(root))
            state = stores.workspace.status()
        info = stores.workspace.project_info()
        busy = run_in_progress(stores.location.drift_db)
        recent = stores.drift.query_recent_scans(1)
        # The project the workspace's findings are of: a refused run (``OtherProject``) has
        # already recorded its own root in the workspace's settings.
        scanned = previous_root(stores.drift)
        finished = stores.drift.latest_scan_timestamp()
        found = None if busy else stored_state(stores.drift)
        files = None if busy else StoredFiles.load(stores.drift)
    latest = recent[0] if recent else None
    click.echo(f"workspace   {scanned or info.root_path or root}")
    click.echo(f"storage     {url}")
    click.echo(f"schema      v{state.schema_version}")
    if found is None or files is None:
        # A scan writes files, functions and findings as it goes: counted now, they read as a
        # broken workspace ("files 0 tracked" beside "functions 5,638").
        click.echo(f"running     {_running(latest)}")
        click.echo("counts      not shown while it writes them: `drift status` again when it ends")
        done = "none finished yet" if finished is None else f"finished {moment(finished)}"
        click.echo(f"last scan   {done}")
    else:
        skipped = f"; {len(files.skipped):,} skipped" if files.skipped else ""
        click.echo(f"files       {len(files.tracked):,} tracked{skipped}")
        click.echo(f"functions   {info.total_functions:,}")
        if info.language_breakdown:
            languages = ", ".join(f"{name} {count:,}" for name, count in info.language_breakdown)
            click.echo(f"languages   {languages}")
        last = "never" if info.last_scan_at is None else moment(info.last_scan_at)
        if latest is not None and latest.status != "completed":
            last += f"; {_cut_short(latest, running=busy)}"
        click.echo(f"last scan   {last}")
        if info.last_scan_at is not None:
            for line in state_lines(found):
                click.echo(line.strip())
    click.echo(
        f"size        {byte_size(state.db_size_bytes)} (+{byte_size(state.wal_size_bytes)} WAL)"
    )


def _running(latest: ScanHistoryRow | None) -> str:
    """What holds the run lock: the scan (or check) recorded as running, or, when none is,
    an import or a check about to record its scan."""
    if latest is not None and latest.status == SCAN_STATUS_RUNNING:
        return f"a scan or check, started {moment(latest.started_at)}"
    return "a drift scan, check or import of this workspace"


def _cut_short(latest: ScanHistoryRow, *, running: bool | None) -> str:
    """Why the last scan did not complete. Recorded as running with no run holding the lock,
    its process ended without a word (killed, out of memory, the machine stopped)."""
    if latest.status == SCAN_STATUS_RUNNING and running is None:
        return "running now, or stopped before the end without recording it"
    if latest.status == SCAN_STATUS_RUNNING:
        cut = "stopped before the end, its process gone without recording why (killed?)"
    elif "KeyboardInterrupt" in (latest.error or ""):
        cut = "interrupted before the end"
    else:
        cut = "failed before the end"
    return f"{cut}: the next scan analyses again what it had not stored"


@click.command()
@root_argument
@storage_option
@friendly_errors
def gc(root: Path, storage: str | None) -> None:
    """Remove rows of deleted files, unused parse-cache entries and health-trend samples older
    than 90 days (the newest 10 of each live series stay); reclaim disk space."""
    with _existing(root, storage) as stores:
        result = stores.workspace.gc()
    click.echo(
        f"removed rows of {plural(result.orphan_files_removed, 'deleted file')}, "
        f"{plural(result.stale_cache_entries_removed, 'stale cache entry', 'stale cache entries')}"
        f", {plural(result.old_trend_rows_removed, 'old trend sample')}; "
        f"freed {byte_size(result.freed_bytes)}"
    )


@click.command()
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@storage_option
@friendly_errors
def backup(destination: Path, root: Path, storage: str | None) -> None:
    """Copy the workspace database to DESTINATION while it stays in use."""
    with _existing(root, storage) as stores:
        result = stores.workspace.backup(str(destination))
    click.echo(f"backed up {byte_size(result.size_bytes)} to {result.destination}")


@click.command()
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@storage_option
@friendly_errors
def export(destination: Path, root: Path, storage: str | None) -> None:
    """Write a compacted copy of the workspace database to DESTINATION (a new file)."""
    with _existing(root, storage) as stores:
        stores.workspace.export(str(destination))
    click.echo(f"exported to {destination}")


@click.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@storage_option
@friendly_errors
def import_command(source: Path, root: Path, storage: str | None) -> None:
    """Replace the workspace database with SOURCE, after checking its integrity."""
    if not source.is_file():
        raise ConfigError(f"{source}: no such file")
    url = resolve_storage_url(root, storage)
    if parse_url(url, base=root).kind == "memory":
        with open_storage(url, base=root) as stores:
            stores.workspace.import_(str(source))  # says why memory:// cannot
    else:
        # The workspace view alone, never the engines: opening drift.db would fail on the very
        # database a restore is meant to replace. A scan or check of the workspace ends first.
        with one_run_at_a_time(parse_url(url, base=root).drift_db):
            open_workspace_storage(url, base=root).import_(str(source))
    click.echo(f"imported {source}")
