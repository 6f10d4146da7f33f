"""``MemoryBridgeStorage``: ``IBridgeStorage`` in plain Python, answering exactly as the SQL does.

Tables follow ``drift/storage/memory/core.py``: ``_t_bridge_memories`` is keyed by memory id;
the four AUTOINCREMENT tables are keyed by their integer id, which breaks ties in time order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TypeVar

from drift.errors import Conflict, NotFound
from drift.records.bridge import (
    BridgeEventRow,
    BridgeHealthStatus,
    BridgeMemoryRow,
    BridgeMetricRow,
    BridgeStorageStats,
    GroundingResult,
    GroundingResultRow,
    GroundingSnapshot,
    GroundingSnapshotRow,
    check_grounding_result,
    check_snapshot,
    evidence_json,
    weight_metric_name,
)
from drift.records.cortex import (
    BaseMemory,
    check_finite,
    check_memory,
    check_memory_type,
    clamp_unit,
    pattern_links_json,
    tag_json,
    tags_json,
)
from drift.records.validation import check_limit, check_opt_str, check_str
from drift.storage.memory.core import MemoryCore
from drift.storage.protocols.bridge import GROUNDING_BATCH_LIMIT

BRIDGE_SCHEMA_VERSION = 1
"""The bridge.db schema version this backend's tables correspond to."""

R = TypeVar("R")


def _newest_first(table: dict[int, R], created_at: Callable[[R], int]) -> list[R]:
    """Rows by time descending, ties by id descending (``ORDER BY created_at DESC, id DESC``)."""
    ordered = sorted(table.items(), key=lambda item: (created_at(item[1]), item[0]), reverse=True)
    return [row for _, row in ordered]


def _newest_memories(rows: Iterable[BridgeMemoryRow]) -> list[BridgeMemoryRow]:
    return sorted(rows, key=lambda row: (row.created_at, row.id), reverse=True)


class MemoryBridgeStorage(MemoryCore):
    """bridge storage held in dicts; ``close()`` (or ``shutdown()``) ends it."""

    _t_bridge_memories: dict[str, BridgeMemoryRow]
    _t_bridge_grounding_results: dict[int, GroundingResultRow]
    _t_bridge_grounding_snapshots: dict[int, GroundingSnapshotRow]
    _t_bridge_event_log: dict[int, BridgeEventRow]
    _t_bridge_metrics: dict[int, BridgeMetricRow]
    _bridge_memory_keys: set[tuple[str, str]]
    _bridge_schema_version: int

    def __init__(self, *, clock: Callable[[], int] | None = None) -> None:
        self._init_core(clock)
        self._init_bridge()

    def _init_bridge(self) -> None:
        self._t_bridge_memories = {}
        self._t_bridge_grounding_results = {}
        self._t_bridge_grounding_snapshots = {}
        self._t_bridge_event_log = {}
        self._t_bridge_metrics = {}
        # (summary, memory_type) of every stored memory: the de-duplication key of insert_memory.
        self._bridge_memory_keys = set()
        self._bridge_schema_version = BRIDGE_SCHEMA_VERSION

    # -- writes ---------------------------------------------------------------------------------

    def insert_memory(self, memory: BaseMemory) -> None:
        stored = check_memory(memory)
        with self._lock:
            key = (stored.summary, stored.memory_type)
            if key in self._bridge_memory_keys:
                return
            if stored.id in self._t_bridge_memories:
                raise Conflict(f"a bridge memory with id {stored.id!r} already exists")
            self._t_bridge_memories[stored.id] = BridgeMemoryRow(
                id=stored.id,
                memory_type=stored.memory_type,
                content=stored.content,
                summary=stored.summary,
                confidence=stored.confidence,
                importance=stored.importance,
                tags=tags_json(stored.tags),
                linked_patterns=pattern_links_json(stored.linked_patterns),
                created_at=self._now(),
            )
            self._bridge_memory_keys.add(key)

    def insert_grounding_result(self, result: GroundingResult) -> None:
        checked = check_grounding_result(result)
        with self._lock:
            row_id = self._next_id("bridge_grounding_results")
            self._t_bridge_grounding_results[row_id] = GroundingResultRow(
                memory_id=checked.memory_id,
                grounding_score=float(checked.grounding_score),
                classification=checked.verdict.value,
                evidence=evidence_json(checked.evidence),
                created_at=self._now(),
            )

    def insert_snapshot(self, snapshot: GroundingSnapshot) -> None:
        checked = check_snapshot(snapshot)
        with self._lock:
            row_id = self._next_id("bridge_grounding_snapshots")
            self._t_bridge_grounding_snapshots[row_id] = GroundingSnapshotRow(
                total_memories=checked.total_checked,
                grounded_count=checked.grounded_count,
                validated_count=checked.validated,
                partial_count=checked.partial,
                weak_count=checked.weak,
                invalidated_count=checked.invalidated,
                avg_score=float(checked.avg_grounding_score),
                error_count=checked.error_count,
                trigger_type=checked.trigger_type,
                created_at=self._now(),
            )

    def insert_event(
        self,
        event_type: str,
        memory_type: str | None,
        memory_id: str | None,
        confidence: float | None,
    ) -> None:
        check_str("event_type", event_type)
        if memory_type is not None:
            check_memory_type(memory_type)
        check_opt_str("memory_id", memory_id)
        value = None if confidence is None else check_finite("confidence", confidence)
        with self._lock:
            row_id = self._next_id("bridge_event_log")
            self._t_bridge_event_log[row_id] = BridgeEventRow(
                event_type=event_type,
                memory_type=memory_type,
                memory_id=memory_id,
                confidence=value,
                created_at=self._now(),
            )

    def insert_metric(self, key: str, value: float) -> None:
        check_str("key", key)
        number = check_finite("value", value)
        with self._lock:
            self._append_metric(key, number)

    def _append_metric(self, name: str, value: float) -> None:
        row_id = self._next_id("bridge_metrics")
        self._t_bridge_metrics[row_id] = BridgeMetricRow(
            metric_name=name, metric_value=value, created_at=self._now()
        )

    def update_memory_confidence(self, memory_id: str, delta: float) -> None:
        check_str("memory_id", memory_id)
        change = check_finite("delta", delta)
        with self._lock:
            row = self._t_bridge_memories.get(memory_id)
            if row is None:
                raise NotFound(f"no bridge memory with id {memory_id!r}")
            self._t_bridge_memories[memory_id] = BridgeMemoryRow(
                id=row.id,
                memory_type=row.memory_type,
                content=row.content,
                summary=row.summary,
                confidence=clamp_unit(row.confidence + change),
                importance=row.importance,
                tags=row.tags,
                linked_patterns=row.linked_patterns,
                created_at=row.created_at,
            )

    def upsert_weight(self, section: str, weight: float) -> None:
        name = weight_metric_name(section)
        value = check_finite("weight", weight)
        with self._lock:
            for row_id in [
                k for k, row in self._t_bridge_metrics.items() if row.metric_name == name
            ]:
                del self._t_bridge_metrics[row_id]
            self._append_metric(name, value)

    # -- reads ----------------------------------------------------------------------------------

    def get_memory(self, id: str) -> BridgeMemoryRow | None:
        check_str("id", id)
        with self._lock:
            return self._t_bridge_memories.get(id)

    def query_memories_by_type(self, memory_type: str, limit: int) -> list[BridgeMemoryRow]:
        check_memory_type(memory_type)
        count = check_limit(limit)
        with self._lock:
            rows = (r for r in self._t_bridge_memories.values() if r.memory_type == memory_type)
            return _newest_memories(rows)[:count]

    def get_grounding_history(self, memory_id: str, limit: int) -> list[tuple[float, str, int]]:
        check_str("memory_id", memory_id)
        count = check_limit(limit)
        with self._lock:
            rows = _newest_first(self._t_bridge_grounding_results, lambda row: row.created_at)
            matching = [row for row in rows if row.memory_id == memory_id][:count]
            return [(row.grounding_score, row.classification, row.created_at) for row in matching]

    def get_snapshots(self, limit: int) -> list[GroundingSnapshotRow]:
        count = check_limit(limit)
        with self._lock:
            rows = _newest_first(self._t_bridge_grounding_snapshots, lambda row: row.created_at)
            return rows[:count]

    def get_events(self, limit: int) -> list[BridgeEventRow]:
        count = check_limit(limit)
        with self._lock:
            return _newest_first(self._t_bridge_event_log, lambda row: row.created_at)[:count]

    def get_metrics(self, key: str) -> list[BridgeMetricRow]:
        check_str("key", key)
        with self._lock:
            rows = _newest_first(self._t_bridge_metrics, lambda row: row.created_at)
            return [row for row in rows if row.metric_name == key]

    def get_schema_version(self) -> int:
        with self._lock:
            return self._bridge_schema_version

    # -- ad-hoc queries -------------------------------------------------------------------------

    def query_all_memories_for_grounding(self) -> list[BridgeMemoryRow]:
        with self._lock:
            return _newest_memories(self._t_bridge_memories.values())[:GROUNDING_BATCH_LIMIT]

    def search_memories_by_tag(self, tag: str, limit: int) -> list[BridgeMemoryRow]:
        check_str("tag", tag)
        count = check_limit(limit)
        # The SQL backends match the quoted JSON form of the tag inside the tags text with an
        # escaped LIKE; a substring test on the same text gives the same answers.
        needle = tag_json(tag)
        with self._lock:
            rows = (row for row in self._t_bridge_memories.values() if needle in row.tags)
            return _newest_memories(rows)[:count]

    def get_previous_grounding_score(self, memory_id: str) -> float | None:
        history = self.get_grounding_history(memory_id, 1)
        return history[0][0] if history else None

    # -- lifecycle ------------------------------------------------------------------------------

    def initialize(self) -> None:
        """The tables exist from construction; this records the schema version they match."""
        with self._lock:
            self._bridge_schema_version = BRIDGE_SCHEMA_VERSION

    def migrate(self) -> None:
        self.initialize()

    def health_check(self) -> BridgeHealthStatus:
        # Answers after close too (connected=False), like the SQLite engine's check.
        return BridgeHealthStatus(connected=not self._lock.closed, wal_mode=False)

    def shutdown(self) -> None:
        self.close()

    # -- usage ----------------------------------------------------------------------------------

    def count_memories(self) -> int:
        with self._lock:
            return len(self._t_bridge_memories)

    def storage_stats(self) -> BridgeStorageStats:
        with self._lock:
            return BridgeStorageStats(
                memory_count=len(self._t_bridge_memories),
                event_count=len(self._t_bridge_event_log),
                grounding_result_count=len(self._t_bridge_grounding_results),
                snapshot_count=len(self._t_bridge_grounding_snapshots),
                metric_count=len(self._t_bridge_metrics),
            )

    # -- engine ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Drop every table; later calls raise ``EngineClosed``."""
        if self._lock.closed:
            return
        self._lock.close()
        self._init_bridge()

    def __enter__(self) -> MemoryBridgeStorage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
