"""The guard against scanning one project into another's workspace.

``drift check --storage st`` run from the wrong directory scanned that directory into ``st``:
the project's files, findings and baseline were replaced by another tree's, without a word. A
workspace whose last completed scan was of another root is used for this one only when most
of its files are here too: a checkout moved to another path, or a CI cache restored under
another runner's path, keeps its files (by repo-relative path) and goes on.
"""

from __future__ import annotations

from pathlib import Path

from drift.errors import DriftError
from drift.pipeline.store_types import PipelineStore
from drift.scan.diff import ScanDiff

_RECENT = 50
"""Scans looked through for the last completed one (failed ones are skipped)."""


class OtherProject(DriftError):
    """The workspace holds another project's scans."""

    code = "OTHER_PROJECT"


def previous_root(storage: PipelineStore) -> str | None:
    """The root of the last completed scan (None before the first)."""
    for scan in storage.query_recent_scans(_RECENT):
        if scan.status == "completed":
            return scan.root_path
    return None


def check_same_project(root: Path, previous: str | None, diff: ScanDiff, tracked: int) -> None:
    """Raise OtherProject when the last completed scan was of another root and this one would
    drop most of the files it tracked."""
    if previous is None or previous == root.as_posix() or tracked == 0:
        return
    dropped = len(diff.removed)
    if dropped * 2 <= tracked:
        return
    raise OtherProject(
        f"this workspace holds the scans of {previous}: scanning {root.as_posix()} into it "
        f"would drop {dropped:,} of its {tracked:,} files",
        hint=f"scan that project (give its path: {previous}), give this one a --storage of its "
        "own, or delete the workspace to start it again",
    )
