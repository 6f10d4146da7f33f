"""Enforcement after analysis: this run's violations replace the last run's.

``is_new`` compares with a baseline. When the code changed (a file Drift analyses was added,
modified or removed: ``drift.pipeline.changes.code_changed``) the baseline is the stored set,
i.e. the previous run's violations. Otherwise (``drift check`` right after ``drift scan``, a
pattern approved, ``--full``, a new pack, a report written into the project) the same code is
judged again: what the last run found new stays new (or a CI retry of ``--new-only`` would let
it through), and nothing else is, since no change of code introduced it (approving a
convention must not fail ``--new-only`` on the code's whole history). The stored violations
that were not new are then the baseline the gates compare with.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from drift.enforcement import EnforcementResult, enforce
from drift.pipeline.groups import project_groups
from drift.pipeline.store_types import PipelineStore
from drift.records.analysis import DetectionRow, FunctionRow
from drift.records.batch import InsertHealthTrends
from drift.records.enforcement import HealthTrendRow, ViolationRow

if TYPE_CHECKING:
    from drift.enforcement.pattern_findings import GroupOf


UNENFORCED_CHANGE_METRIC: Final = "unenforced_code_change"
"""A health-trend series whose latest value is 1 while a change of code has been analysed but
not yet enforced (``mark_code_change``), 0 once an enforcement has judged it."""


def mark_code_change(storage: PipelineStore) -> None:
    """Record, before a change of code is analysed, that it awaits enforcement: a run cut short
    after storing the analysis leaves the files unchanged for the next run, which must still
    judge the change as one (its violations new), not as the same code judged again."""
    storage.send_batch(InsertHealthTrends([HealthTrendRow(UNENFORCED_CHANGE_METRIC, 1.0, 0)]))


def _change_unenforced(storage: PipelineStore) -> bool:
    rows = storage.query_health_trends(UNENFORCED_CHANGE_METRIC, 1)
    return bool(rows) and rows[0].metric_value > 0


def _has_baseline(storage: PipelineStore, *, code_changed: bool) -> bool:
    """Whether ``is_new`` has an earlier analysis to compare with: an enforcement before this
    one, of other code. A change judges against the last enforcement, if there was one; the same
    code judged again keeps the news of the run before, and so whether it had a baseline (the
    first ``drift scan``, then ``drift check --new-only``, is still the first analysis).

    A first ``--new-only`` (a fresh checkout, a CI cache miss) had reported every violation as
    new without saying why."""
    last = storage.query_recent_policy_results(1)
    if not last:
        return False
    if code_changed:
        return True
    try:
        details = json.loads(last[0].details or "{}")
    except ValueError:
        return True
    # A verdict an older Drift stored says nothing: taken as judged against a baseline.
    return not (isinstance(details, dict) and details.get("baseline") is False)


def baseline(stored: list[ViolationRow], *, code_changed: bool) -> list[ViolationRow]:
    """The violations ``is_new`` is judged against (see the module docstring)."""
    return stored if code_changed else [row for row in stored if not row.is_new]


def enforce_run(
    storage: PipelineStore,
    root: Path,
    policy: str,
    *,
    code_changed: bool = False,
    renamed: Mapping[str, str] | None = None,
    renamed_functions: Mapping[tuple[str, str], str] | None = None,
    new_only: bool = False,
    detections: Sequence[DetectionRow] | None = None,
    functions: Mapping[str, Sequence[FunctionRow]] | None = None,
    group_of: GroupOf | None = None,
) -> EnforcementResult:
    """Enforce over what analysis stored; the run's violations replace the stored ones.

    ``code_changed``: the analysis since the last enforcement ran over changed code, so the last
    run's violations are no longer news (see the module docstring), and the regression gate
    judges the change; otherwise it gives the verdict it gave (a CI retry, a README edit or
    ``--full`` judge the same code the same);
    ``renamed``: files moved without a change, new path to old, whose violations keep their
    news (a ``git mv`` introduces none); ``renamed_functions``: functions renamed in place,
    ``(file, new name)`` to the old name, whose violations keep theirs too.

    ``detections`` and ``functions`` are the stored rows when the run holds them already (see
    ``enforce``). ``group_of`` is the packs' convention groups (default: those of the packs
    ``root``'s drift.toml names, loaded if a deviation needs them)."""
    # A change an earlier run analysed and did not enforce (Ctrl-C) is still this run's news.
    code_changed = code_changed or _change_unenforced(storage)
    baseline_known = _has_baseline(storage, code_changed=code_changed)
    stored = storage.query_all_violations()
    previous = baseline(stored, code_changed=code_changed)
    result = enforce(
        storage,
        root=root,
        policy=policy,
        previous=previous,
        new_only=new_only,
        renamed=renamed,
        renamed_functions=renamed_functions,
        detections=detections,
        functions=functions,
        reanalysed=code_changed,
        still_new=None if code_changed else {row.id for row in stored if row.is_new},
        group_of=group_of if group_of is not None else project_groups(root),
        baseline_known=baseline_known,
    )
    if code_changed:
        storage.send_batch(InsertHealthTrends([HealthTrendRow(UNENFORCED_CHANGE_METRIC, 0.0, 0)]))
        storage.flush_sync()
    return result
