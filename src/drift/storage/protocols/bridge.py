"""The `IBridgeStorage` storage protocol: bridge.db, the bridge's memories and grounding results.

The 23 methods of the original trait (``reference/bridge.md`` §3.2, ``reference/storage.md``
§2.9). Time-descending lists break ties by insertion id descending, so the newest write wins.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.bridge import (
    BridgeEventRow,
    BridgeHealthStatus,
    BridgeMemoryRow,
    BridgeMetricRow,
    BridgeStorageStats,
    GroundingResult,
    GroundingSnapshot,
    GroundingSnapshotRow,
)
from drift.records.cortex import BaseMemory

GROUNDING_BATCH_LIMIT = 500
"""How many memories ``query_all_memories_for_grounding`` returns at most."""


@runtime_checkable
class IBridgeStorage(Protocol):
    """Writes, reads, ad-hoc queries, lifecycle and usage counts of bridge.db."""

    # writes

    def insert_memory(self, memory: BaseMemory) -> None:
        """Store a memory; skipped if one with the same summary and type exists; Conflict on id."""
        ...

    def insert_grounding_result(self, result: GroundingResult) -> None:
        """Store memory_id, score, the verdict value as classification, and the evidence JSON."""
        ...

    def insert_snapshot(self, snapshot: GroundingSnapshot) -> None:
        """Store a pass: total = total_checked, grounded = validated+partial+weak+invalidated."""
        ...

    def insert_event(
        self,
        event_type: str,
        memory_type: str | None,
        memory_id: str | None,
        confidence: float | None,
    ) -> None:
        """Append an entry to the event log."""
        ...

    def insert_metric(self, key: str, value: float) -> None:
        """Append a metric value (metrics keep their history)."""
        ...

    def update_memory_confidence(self, memory_id: str, delta: float) -> None:
        """confidence = clamp(confidence + delta, 0, 1); NotFound for an unknown memory."""
        ...

    def upsert_weight(self, section: str, weight: float) -> None:
        """Set the metric ``weight:<section>``: replaces any earlier value, so one row remains."""
        ...

    # reads

    def get_memory(self, id: str) -> BridgeMemoryRow | None:
        """The memory with this id, or None."""
        ...

    def query_memories_by_type(self, memory_type: str, limit: int) -> list[BridgeMemoryRow]:
        """Memories of a (snake_case) type, newest first; ValueError for an unknown type."""
        ...

    def get_grounding_history(self, memory_id: str, limit: int) -> list[tuple[float, str, int]]:
        """(score, classification, created_at) of a memory's results, newest first."""
        ...

    def get_snapshots(self, limit: int) -> list[GroundingSnapshotRow]:
        """Grounding snapshots, newest first."""
        ...

    def get_events(self, limit: int) -> list[BridgeEventRow]:
        """Event log entries, newest first."""
        ...

    def get_metrics(self, key: str) -> list[BridgeMetricRow]:
        """Every value recorded under ``key``, newest first."""
        ...

    def get_schema_version(self) -> int:
        """The schema version the store is at."""
        ...

    # ad-hoc queries

    def query_all_memories_for_grounding(self) -> list[BridgeMemoryRow]:
        """The newest ``GROUNDING_BATCH_LIMIT`` (500) memories of every type, newest first."""
        ...

    def search_memories_by_tag(self, tag: str, limit: int) -> list[BridgeMemoryRow]:
        """Memories carrying exactly this tag (case-sensitive), newest first."""
        ...

    def get_previous_grounding_score(self, memory_id: str) -> float | None:
        """The score of the memory's newest grounding result, or None."""
        ...

    # lifecycle

    def initialize(self) -> None:
        """Bring the schema to the current version (engines do this when they open)."""
        ...

    def migrate(self) -> None:
        """Same as ``initialize``."""
        ...

    def health_check(self) -> BridgeHealthStatus:
        """Whether the store answers, and whether it runs in WAL mode."""
        ...

    def shutdown(self) -> None:
        """Release every resource; later calls raise ``EngineClosed``."""
        ...

    # usage

    def count_memories(self) -> int:
        """Number of stored memories."""
        ...

    def storage_stats(self) -> BridgeStorageStats:
        """Row counts of the five bridge tables."""
        ...
