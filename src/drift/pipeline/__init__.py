"""drift.pipeline: the local pipeline that ``drift scan`` and ``drift check`` run.

It wires the stages (``drift.scan`` → ``drift.analysis`` → ``drift.enforcement``) over a storage
engine it is given; it reaches storage only through ``drift.storage.protocols``::

    summary = scan(root, storage)                 # incremental; full=True re-analyses all
    print(render_summary(summary))
    result = enforce_run(
        storage, root, "standard",
        code_changed=summary.code_changed,
    )
"""

from typing import TYPE_CHECKING

from drift.lazy import LazyExports
from drift.pipeline.config import PipelineConfig, load_pipeline_config
from drift.pipeline.progress import BarProgress, Progress, SilentProgress, make_progress
from drift.pipeline.run import check_root, scan
from drift.pipeline.state import StoredState, stored_state
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.summary import ScanSummary, Verdict, ViolationCounts, render_summary

# Enforcement loads the enforcement engine: only the commands that enforce import it.
if TYPE_CHECKING:
    from drift.pipeline.enforce import baseline, enforce_run

__getattr__ = LazyExports(__name__, {"baseline": "enforce", "enforce_run": "enforce"})

__all__ = [
    "BarProgress",
    "PipelineConfig",
    "PipelineStore",
    "Progress",
    "ScanSummary",
    "SilentProgress",
    "StoredState",
    "Verdict",
    "ViolationCounts",
    "baseline",
    "check_root",
    "enforce_run",
    "load_pipeline_config",
    "make_progress",
    "render_summary",
    "scan",
    "stored_state",
]
