"""Enforcement after analysis: this run's violations replace the last run's.

``is_new`` compares with a baseline. After an analysis (the code or the rules changed) the
baseline is the stored set, i.e. the previous run's violations. When nothing was re-analysed
(``drift check`` right after ``drift scan``, or after approving a pattern) the baseline is the
stored violations that were not new themselves: re-enforcing the same code must not turn what
the last change introduced into old news, or ``--new-only`` would let it through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from drift.enforcement import EnforcementResult, enforce
from drift.pipeline.groups import project_groups
from drift.pipeline.store_types import PipelineStore
from drift.records.analysis import DetectionRow, FunctionRow
from drift.records.batch import ReplaceViolations
from drift.records.enforcement import ViolationRow

if TYPE_CHECKING:
    from drift.enforcement.pattern_findings import GroupOf


def baseline(stored: list[ViolationRow], *, reanalysed: bool) -> list[ViolationRow]:
    """The violations ``is_new`` is judged against (see the module docstring)."""
    return stored if reanalysed else [row for row in stored if not row.is_new]


def enforce_run(
    storage: PipelineStore,
    root: Path,
    policy: str,
    *,
    reanalysed: bool,
    new_only: bool = False,
    detections: Sequence[DetectionRow] | None = None,
    functions: Mapping[str, Sequence[FunctionRow]] | None = None,
    group_of: GroupOf | None = None,
) -> EnforcementResult:
    """Enforce over what analysis stored; the run's violations replace the stored ones.

    ``detections`` and ``functions`` are the stored rows when the run holds them already (see
    ``enforce``). ``group_of`` is the packs' convention groups (default: those of the packs
    ``root``'s drift.toml names, loaded if a deviation needs them)."""
    previous = baseline(storage.query_all_violations(), reanalysed=reanalysed)
    # Queued before enforce's own writes, so the batch writer applies it first.
    storage.send_batch(ReplaceViolations([]))
    return enforce(
        storage,
        root=root,
        policy=policy,
        previous=previous,
        new_only=new_only,
        detections=detections,
        functions=functions,
        reanalysed=reanalysed,
        group_of=group_of if group_of is not None else project_groups(root),
    )
