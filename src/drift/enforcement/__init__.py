"""drift.enforcement: violations, quality gates, policies, feedback and reports.

The pipeline calls ``enforce`` after analysis and ``render`` to print the outcome; the CLI calls
``fix``/``dismiss``/``record_feedback`` for ``drift violations fix|dismiss``. Everything reads
and writes storage through the storage protocols only.
"""

from drift.analysis.lifecycle import DismissalReason, FeedbackAction
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
