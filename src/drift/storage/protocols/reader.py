"""The `IDriftReader` storage protocol: the read-only evidence the bridge grounds memories on.

Semantics follow the grounding queries (DECISIONS #3, ``reference/bridge.md`` §1.5). On an empty
database every method returns None, and ``count_matching_patterns`` returns 0; none raises.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class IDriftReader(Protocol):
    """Fourteen read-only queries over drift.db, one per grounding evidence source."""

    def pattern_confidence(self, pattern_id: str) -> float | None:
        """The pattern's ``posterior_mean``, or None if it has not been scored."""
        ...

    def pattern_occurrence_rate(self, pattern_id: str) -> float | None:
        """Files with detections of the pattern ÷ files with any detection; None if no files."""
        ...

    def false_positive_rate(self, pattern_id: str) -> float | None:
        """The pattern's ``dismiss`` feedback ÷ all its feedback; None if it has no feedback."""
        ...

    def constraint_verified(self, constraint_id: str) -> bool | None:
        """``passed`` of the constraint's latest verification; None if it was never verified."""
        ...

    def coupling_metric(self, module: str) -> float | None:
        """The module's ``instability``, or None if it has no coupling metrics."""
        ...

    def dna_health(self) -> float | None:
        """Mean of ``confidence * consistency`` over all DNA genes; None if there are none."""
        ...

    def test_coverage(self, function_id: str) -> float | None:
        """The function's test-quality ``overall_score``, or None."""
        ...

    def error_handling_gaps(self, file_prefix: str) -> int | None:
        """Error gaps in files starting with ``file_prefix`` (case-sensitive); None for 0."""
        ...

    def decision_evidence(self, decision_id: str) -> float | None:
        """The confidence of decision ``int(decision_id)`` (unparsable → id 0), or None."""
        ...

    def boundary_data(self, boundary_id: str) -> float | None:
        """The confidence of boundary ``int(boundary_id)`` (unparsable → id 0), or None."""
        ...

    def taint_flow_risk(self, file: str) -> float | None:
        """Unsanitized ÷ all taint flows with ``file`` as source or sink; None if none."""
        ...

    def call_graph_coverage(self, function_id: str | None = None) -> float | None:
        """Global share of call edges resolved (not fuzzy/unresolved); None with no edges.

        ``function_id`` is accepted for the original trait's signature but does not narrow the
        ratio: grounding uses the global metric (DECISIONS #3).
        """
        ...

    def count_matching_patterns(self, pattern_ids: list[str]) -> int:
        """How many distinct ids of ``pattern_ids`` have been scored; any number of ids."""
        ...

    def latest_scan_timestamp(self) -> int | None:
        """``completed_at`` (Unix seconds) of the newest completed scan, or None."""
        ...
