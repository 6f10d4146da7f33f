"""drift.enforcement: violations, quality gates, policies, feedback and reports.

The pipeline calls ``enforce`` after analysis and ``render`` to print the outcome; the CLI calls
``fix``/``dismiss``/``record_feedback`` for ``drift violations fix|dismiss``. Everything reads
and writes storage through the storage protocols only.
"""

from typing import TYPE_CHECKING

from drift.analysis.lifecycle import DismissalReason, FeedbackAction
from drift.lazy import LazyExports

# Each name loads its own submodule on first use: the pipeline's configuration reads the
# policy presets without loading the engine and the reporters.
if TYPE_CHECKING:
    from drift.enforcement.engine import enforce
    from drift.enforcement.feedback import FeedbackOutcome, dismiss, fix, record_feedback
    from drift.enforcement.findings import Source
    from drift.enforcement.gates import GATE_IDS, GateOutcome, GateStatus
    from drift.enforcement.health import HealthReport
    from drift.enforcement.policy import (
        DEFAULT_POLICY,
        PRESETS,
        AggregationMode,
        Policy,
        PolicyOutcome,
        get_policy,
    )
    from drift.enforcement.reporters import FORMATS, render
    from drift.enforcement.result import EXIT_GATES_FAILED, EXIT_PASSED, EnforcementResult
    from drift.enforcement.severity import Severity
    from drift.enforcement.sources import SourceLines, file_line_reader
    from drift.enforcement.store import EnforcementStore
    from drift.enforcement.violations import Violation

__getattr__ = LazyExports(
    __name__,
    {
        "enforce": "engine",
        "FeedbackOutcome": "feedback",
        "dismiss": "feedback",
        "fix": "feedback",
        "record_feedback": "feedback",
        "Source": "findings",
        "GATE_IDS": "gates",
        "GateOutcome": "gates",
        "GateStatus": "gates",
        "HealthReport": "health",
        "DEFAULT_POLICY": "policy",
        "PRESETS": "policy",
        "AggregationMode": "policy",
        "Policy": "policy",
        "PolicyOutcome": "policy",
        "get_policy": "policy",
        "FORMATS": "reporters",
        "render": "reporters",
        "EXIT_GATES_FAILED": "result",
        "EXIT_PASSED": "result",
        "EnforcementResult": "result",
        "Severity": "severity",
        "SourceLines": "sources",
        "file_line_reader": "sources",
        "EnforcementStore": "store",
        "Violation": "violations",
    },
)

__all__ = [
    "DEFAULT_POLICY",
    "EXIT_GATES_FAILED",
    "EXIT_PASSED",
    "FORMATS",
    "GATE_IDS",
    "PRESETS",
    "AggregationMode",
    "DismissalReason",
    "EnforcementResult",
    "EnforcementStore",
    "FeedbackAction",
    "FeedbackOutcome",
    "GateOutcome",
    "GateStatus",
    "HealthReport",
    "Policy",
    "PolicyOutcome",
    "Severity",
    "Source",
    "SourceLines",
    "Violation",
    "dismiss",
    "enforce",
    "file_line_reader",
    "fix",
    "get_policy",
    "record_feedback",
    "render",
]
