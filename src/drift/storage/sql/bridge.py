"""Shared SQL for the `bridge` domain, and the `SqlBridgeStorage` mixin built on it.

The mixin implements the 19 data methods of ``IBridgeStorage``; the engine that composes it
provides the four lifecycle methods (``initialize``, ``migrate``, ``health_check``,
``shutdown``).
"""

from __future__ import annotations

from typing import Any

from drift.errors import NotFound
from drift.records.bridge import (
    BridgeEventRow,
    BridgeMemoryRow,
    BridgeMetricRow,
    BridgeStorageStats,
    GroundingResult,
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
    pattern_links_json,
    tag_json,
    tags_json,
)
from drift.records.validation import check_limit, check_opt_str, check_str
from drift.storage.protocols.bridge import GROUNDING_BATCH_LIMIT
from drift.storage.sql.executor import Row, SqlExecutor

_MEMORY_COLUMNS = (
    "id, memory_type, content, summary, confidence, importance, tags, linked_patterns, created_at"
)

# De-duplication and insert in one statement, so no other writer can slip in between.
INSERT_MEMORY = f"""
INSERT INTO bridge_memories ({_MEMORY_COLUMNS})
SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
WHERE NOT EXISTS (SELECT 1 FROM bridge_memories WHERE summary = ? AND memory_type = ?)
"""

INSERT_GROUNDING_RESULT = """
INSERT INTO bridge_grounding_results (
    memory_id, grounding_score, classification, evidence, created_at
) VALUES (?, ?, ?, ?, ?)
"""

INSERT_SNAPSHOT = """
INSERT INTO bridge_grounding_snapshots (
    total_memories, grounded_count, validated_count, partial_count, weak_count,
    invalidated_count, avg_score, error_count, trigger_type, created_at
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

INSERT_EVENT = """
INSERT INTO bridge_event_log (event_type, memory_type, memory_id, confidence, created_at)
VALUES (?, ?, ?, ?, ?)
"""

INSERT_METRIC = """
INSERT INTO bridge_metrics (metric_name, metric_value, recorded_at) VALUES (?, ?, ?)
"""

DELETE_METRICS_BY_NAME = "DELETE FROM bridge_metrics WHERE metric_name = ?"

# CASE rather than MIN/MAX: two-argument MIN/MAX are SQLite-only (PostgreSQL has LEAST/GREATEST).
UPDATE_MEMORY_CONFIDENCE = """
UPDATE bridge_memories
SET confidence = CASE
    WHEN confidence + ? < 0.0 THEN 0.0
    WHEN confidence + ? > 1.0 THEN 1.0
    ELSE confidence + ?
END
WHERE id = ?
"""

GET_MEMORY = f"SELECT {_MEMORY_COLUMNS} FROM bridge_memories WHERE id = ?"

QUERY_MEMORIES_BY_TYPE = f"""
SELECT {_MEMORY_COLUMNS} FROM bridge_memories
WHERE memory_type = ?
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

GET_GROUNDING_HISTORY = """
SELECT grounding_score, classification, created_at FROM bridge_grounding_results
WHERE memory_id = ?
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

GET_SNAPSHOTS = """
SELECT total_memories, grounded_count, validated_count, partial_count, weak_count,
       invalidated_count, avg_score, error_count, trigger_type, created_at
FROM bridge_grounding_snapshots
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

GET_EVENTS = """
SELECT event_type, memory_type, memory_id, confidence, created_at FROM bridge_event_log
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

GET_METRICS = """
SELECT metric_name, metric_value, recorded_at FROM bridge_metrics
WHERE metric_name = ?
ORDER BY recorded_at DESC, id DESC
"""

QUERY_ALL_MEMORIES_FOR_GROUNDING = f"""
SELECT {_MEMORY_COLUMNS} FROM bridge_memories
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

# The tag is matched with its JSON quotes, so "auth" does not match "authentication".
SEARCH_MEMORIES_BY_TAG = f"""
SELECT {_MEMORY_COLUMNS} FROM bridge_memories
WHERE tags LIKE ? ESCAPE '\\'
ORDER BY created_at DESC, id DESC
LIMIT ?
"""

GET_PREVIOUS_GROUNDING_SCORE = """
SELECT grounding_score FROM bridge_grounding_results
WHERE memory_id = ?
ORDER BY created_at DESC, id DESC
LIMIT 1
"""

COUNT_MEMORIES = "SELECT COUNT(*) FROM bridge_memories"

STORAGE_STATS = """
SELECT
    (SELECT COUNT(*) FROM bridge_memories),
    (SELECT COUNT(*) FROM bridge_event_log),
    (SELECT COUNT(*) FROM bridge_grounding_results),
    (SELECT COUNT(*) FROM bridge_grounding_snapshots),
    (SELECT COUNT(*) FROM bridge_metrics)
"""


def like_contains(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with ``\\``, ``%`` and ``_`` escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _memory_row(row: Row) -> BridgeMemoryRow:
    return BridgeMemoryRow(
        id=row[0],
        memory_type=row[1],
        content=row[2],
        summary=row[3],
        confidence=float(row[4]),
        importance=row[5],
        tags=row[6],
        linked_patterns=row[7],
        created_at=int(row[8]),
    )


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


class SqlBridgeStorage:
    """The data methods of ``IBridgeStorage`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    # How the applied schema version is read. SQLite keeps it in PRAGMA user_version; an engine
    # on another database sets its own query here.
    _schema_version_sql: str = "PRAGMA user_version"

    # -- writes ---------------------------------------------------------------------------------

    def insert_memory(self, memory: BaseMemory) -> None:
        stored = check_memory(memory)
        self._db.write(
            INSERT_MEMORY,
            (
                stored.id,
                stored.memory_type,
                stored.content,
                stored.summary,
                stored.confidence,
                stored.importance,
                tags_json(stored.tags),
                pattern_links_json(stored.linked_patterns),
                self._db.now(),
                stored.summary,
                stored.memory_type,
            ),
        )

    def insert_grounding_result(self, result: GroundingResult) -> None:
        checked = check_grounding_result(result)
        self._db.write(
            INSERT_GROUNDING_RESULT,
            (
                checked.memory_id,
                float(checked.grounding_score),
                checked.verdict.value,
                evidence_json(checked.evidence),
                self._db.now(),
            ),
        )

    def insert_snapshot(self, snapshot: GroundingSnapshot) -> None:
        checked = check_snapshot(snapshot)
        self._db.write(
            INSERT_SNAPSHOT,
            (
                checked.total_checked,
                checked.grounded_count,
                checked.validated,
                checked.partial,
                checked.weak,
                checked.invalidated,
                float(checked.avg_grounding_score),
                checked.error_count,
                checked.trigger_type,
                self._db.now(),
            ),
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
        self._db.write(INSERT_EVENT, (event_type, memory_type, memory_id, value, self._db.now()))

    def insert_metric(self, key: str, value: float) -> None:
        check_str("key", key)
        number = check_finite("value", value)
        self._db.write(INSERT_METRIC, (key, number, self._db.now()))

    def update_memory_confidence(self, memory_id: str, delta: float) -> None:
        check_str("memory_id", memory_id)
        change = check_finite("delta", delta)
        if self._db.write(UPDATE_MEMORY_CONFIDENCE, (change, change, change, memory_id)) == 0:
            raise NotFound(f"no bridge memory with id {memory_id!r}")

    def upsert_weight(self, section: str, weight: float) -> None:
        name = weight_metric_name(section)
        value = check_finite("weight", weight)
        with self._db.transaction() as tx:
            tx.write(DELETE_METRICS_BY_NAME, (name,))
            tx.write(INSERT_METRIC, (name, value, self._db.now()))

    # -- reads ----------------------------------------------------------------------------------

    def get_memory(self, id: str) -> BridgeMemoryRow | None:
        check_str("id", id)
        row = self._db.read_one(GET_MEMORY, (id,))
        return None if row is None else _memory_row(row)

    def query_memories_by_type(self, memory_type: str, limit: int) -> list[BridgeMemoryRow]:
        check_memory_type(memory_type)
        count = check_limit(limit)
        return [
            _memory_row(row)
            for row in self._db.read_all(QUERY_MEMORIES_BY_TYPE, (memory_type, count))
        ]

    def get_grounding_history(self, memory_id: str, limit: int) -> list[tuple[float, str, int]]:
        check_str("memory_id", memory_id)
        count = check_limit(limit)
        return [
            (float(row[0]), str(row[1]), int(row[2]))
            for row in self._db.read_all(GET_GROUNDING_HISTORY, (memory_id, count))
        ]

    def get_snapshots(self, limit: int) -> list[GroundingSnapshotRow]:
        count = check_limit(limit)
        return [
            GroundingSnapshotRow(
                total_memories=int(row[0]),
                grounded_count=int(row[1]),
                validated_count=int(row[2]),
                partial_count=int(row[3]),
                weak_count=int(row[4]),
                invalidated_count=int(row[5]),
                avg_score=float(row[6]),
                error_count=int(row[7]),
                trigger_type=row[8],
                created_at=int(row[9]),
            )
            for row in self._db.read_all(GET_SNAPSHOTS, (count,))
        ]

    def get_events(self, limit: int) -> list[BridgeEventRow]:
        count = check_limit(limit)
        return [
            BridgeEventRow(
                event_type=row[0],
                memory_type=row[1],
                memory_id=row[2],
                confidence=_opt_float(row[3]),
                created_at=int(row[4]),
            )
            for row in self._db.read_all(GET_EVENTS, (count,))
        ]

    def get_metrics(self, key: str) -> list[BridgeMetricRow]:
        check_str("key", key)
        return [
            BridgeMetricRow(metric_name=row[0], metric_value=float(row[1]), created_at=int(row[2]))
            for row in self._db.read_all(GET_METRICS, (key,))
        ]

    def get_schema_version(self) -> int:
        return int(self._db.read_value(self._schema_version_sql) or 0)

    # -- ad-hoc queries -------------------------------------------------------------------------

    def query_all_memories_for_grounding(self) -> list[BridgeMemoryRow]:
        return [
            _memory_row(row)
            for row in self._db.read_all(QUERY_ALL_MEMORIES_FOR_GROUNDING, (GROUNDING_BATCH_LIMIT,))
        ]

    def search_memories_by_tag(self, tag: str, limit: int) -> list[BridgeMemoryRow]:
        check_str("tag", tag)
        count = check_limit(limit)
        pattern = like_contains(tag_json(tag))
        return [
            _memory_row(row) for row in self._db.read_all(SEARCH_MEMORIES_BY_TAG, (pattern, count))
        ]

    def get_previous_grounding_score(self, memory_id: str) -> float | None:
        check_str("memory_id", memory_id)
        return _opt_float(self._db.read_value(GET_PREVIOUS_GROUNDING_SCORE, (memory_id,)))

    # -- usage ----------------------------------------------------------------------------------

    def count_memories(self) -> int:
        return int(self._db.read_value(COUNT_MEMORIES))

    def storage_stats(self) -> BridgeStorageStats:
        row = self._db.read_one(STORAGE_STATS)
        if row is None:
            return BridgeStorageStats()
        return BridgeStorageStats(
            memory_count=int(row[0]),
            event_count=int(row[1]),
            grounding_result_count=int(row[2]),
            snapshot_count=int(row[3]),
            metric_count=int(row[4]),
        )
