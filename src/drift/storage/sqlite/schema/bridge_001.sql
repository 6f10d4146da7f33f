-- bridge.db version 1: the five bridge data tables (reference/storage.md §5.7, bridge.md §3.1).
-- The version lives in PRAGMA user_version, not in a bridge_schema_version table.
-- Timestamps are integer Unix seconds passed from Python; the defaults only serve hand-written
-- inserts. memory_type is a snake_case name and importance lowercase (DECISIONS #10).

CREATE TABLE bridge_grounding_results (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    memory_id       TEXT NOT NULL,
    grounding_score REAL NOT NULL,
    classification  TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    created_at      INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- Serves get_grounding_history and get_previous_grounding_score (newest first per memory).
CREATE INDEX idx_grounding_results_memory
    ON bridge_grounding_results(memory_id, created_at, id);

CREATE TABLE bridge_grounding_snapshots (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    total_memories    INTEGER NOT NULL,
    grounded_count    INTEGER NOT NULL,
    validated_count   INTEGER NOT NULL,
    partial_count     INTEGER NOT NULL,
    weak_count        INTEGER NOT NULL,
    invalidated_count INTEGER NOT NULL,
    avg_score         REAL NOT NULL DEFAULT 0.0,
    error_count       INTEGER NOT NULL DEFAULT 0,
    trigger_type      TEXT,
    created_at        INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_grounding_snapshots_created ON bridge_grounding_snapshots(created_at, id);

CREATE TABLE bridge_event_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_type  TEXT NOT NULL,
    memory_type TEXT,
    memory_id   TEXT,
    confidence  REAL,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_event_log_type ON bridge_event_log(event_type);
CREATE INDEX idx_event_log_created ON bridge_event_log(created_at, id);

CREATE TABLE bridge_metrics (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    metric_name  TEXT NOT NULL,
    metric_value REAL NOT NULL,
    recorded_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- Serves get_metrics (one name, newest first) and upsert_weight's replace.
CREATE INDEX idx_metrics_name ON bridge_metrics(metric_name, recorded_at, id);

CREATE TABLE bridge_memories (
    id              TEXT PRIMARY KEY,
    memory_type     TEXT NOT NULL,
    content         TEXT NOT NULL,
    summary         TEXT NOT NULL,
    confidence      REAL NOT NULL,
    importance      TEXT NOT NULL,
    tags            TEXT NOT NULL DEFAULT '[]',
    linked_patterns TEXT NOT NULL DEFAULT '[]',
    created_at      INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- Serves query_memories_by_type (newest first within a type).
CREATE INDEX idx_memories_type ON bridge_memories(memory_type, created_at, id);
-- Serves insert_memory's de-duplication on (summary, memory_type).
CREATE INDEX idx_memories_summary ON bridge_memories(summary, memory_type);
-- Serves query_all_memories_for_grounding and search_memories_by_tag (newest first).
CREATE INDEX idx_memories_created ON bridge_memories(created_at, id);
