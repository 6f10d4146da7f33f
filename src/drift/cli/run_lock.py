"""The run lock of a workspace: one ``scan``, ``check`` or ``import`` at a time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from drift.storage.sqlite.workspace import RUN_LOCK_FILE

LOCK_FILE = RUN_LOCK_FILE
"""Beside ``drift.db``: held by a scan, check or import for its whole run."""


@contextmanager
def one_run_at_a_time(drift_db: Path | None) -> Iterator[None]:
    """Hold the run lock of the workspace whose database is ``drift_db`` for a ``scan``,
    ``check`` or ``import``, waiting for another to end (None, for ``memory://``: no lock).

    Two runs at once would each read the other's half-written analysis: a check during a scan
    stored its violations as the baseline, and the scan's own new violations then read as old
    for every later check; an import during a scan pulled the scan's rows away under it. The
    lock is an advisory ``flock`` on a file beside ``drift.db``, released by the system when
    the process ends, however it ends.
    """
    if drift_db is None or sys.platform == "win32":
        yield
        return
    import fcntl

    drift_db.parent.mkdir(parents=True, exist_ok=True)
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


def run_in_progress(drift_db: Path | None) -> bool | None:
    """Whether a ``scan``, ``check`` or ``import`` holds the run lock of the workspace whose
    database is ``drift_db`` now (None when there is no telling: ``memory://``, Windows).

    ``drift status`` asks, to tell a scan still running from one whose process died: both
    leave a scan recorded as running. It takes the lock shared and lets it go at once; a run
    that starts in that instant waits for it no longer than that.
    """
    if drift_db is None or sys.platform == "win32":
        return None
    import fcntl

    try:
        handle = open(drift_db.parent / LOCK_FILE, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return False  # no run ever held it
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
