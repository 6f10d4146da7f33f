"""Portable queries behind ``IWorkspaceStorage`` (config, counts, garbage collection)."""

from __future__ import annotations

CONFIG_UPSERT = (
    "INSERT INTO workspace_config (key, value, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"
)
CONFIG_GET = "SELECT value FROM workspace_config WHERE key = ?"
EVENT_INSERT = "INSERT INTO workspace_events (event_type, details, created_at) VALUES (?, ?, ?)"

COUNT_FILES = "SELECT COUNT(*) FROM file_metadata"
COUNT_FUNCTIONS = "SELECT COUNT(*) FROM functions"
COUNT_PATTERNS = "SELECT COUNT(*) FROM pattern_confidence"
COUNT_BOUNDARIES = "SELECT COUNT(*) FROM boundaries"
COUNT_DETECTIONS = "SELECT COUNT(*) FROM detections"
LANGUAGE_BREAKDOWN = (
    "SELECT language, COUNT(*) FROM file_metadata WHERE language IS NOT NULL "
    "GROUP BY language ORDER BY COUNT(*) DESC, language ASC"
)
LAST_SCAN_STARTED = "SELECT MAX(started_at) FROM scan_history"

# gc: rows that belong to files no longer in file_metadata ("orphans"). Call edges go first,
# while the orphaned functions they reference still exist.
ORPHAN_FILES = (
    "SELECT file FROM functions WHERE file NOT IN (SELECT path FROM file_metadata) "
    "UNION SELECT file FROM detections WHERE file NOT IN (SELECT path FROM file_metadata) "
    "UNION SELECT file FROM boundaries WHERE file NOT IN (SELECT path FROM file_metadata) "
    "ORDER BY 1"
)
DELETE_ORPHAN_EDGES = (
    "DELETE FROM call_edges WHERE caller_id IN (SELECT id FROM functions WHERE file NOT IN "
    "(SELECT path FROM file_metadata)) OR callee_id IN (SELECT id FROM functions WHERE file "
    "NOT IN (SELECT path FROM file_metadata))"
)
DELETE_ORPHAN_FUNCTIONS = "DELETE FROM functions WHERE file NOT IN (SELECT path FROM file_metadata)"
DELETE_ORPHAN_DETECTIONS = (
    "DELETE FROM detections WHERE file NOT IN (SELECT path FROM file_metadata)"
)
DELETE_ORPHAN_BOUNDARIES = (
    "DELETE FROM boundaries WHERE file NOT IN (SELECT path FROM file_metadata)"
)
# A parse-cache entry is stale when no current file has that content.
DELETE_STALE_PARSE_CACHE = (
    "DELETE FROM parse_cache WHERE content_hash NOT IN (SELECT content_hash FROM file_metadata)"
)
DELETE_OLD_EVENTS = "DELETE FROM workspace_events WHERE created_at < ?"

# Parameters: the cutoff, the rows kept per metric, the cutoff (see drift.storage.retention).
DELETE_OLD_TRENDS = (
    "DELETE FROM health_trends WHERE recorded_at < ? AND id NOT IN ("
    "SELECT id FROM (SELECT id, metric_name, ROW_NUMBER() OVER (PARTITION BY metric_name "
    "ORDER BY recorded_at DESC, id DESC) AS position FROM health_trends) AS ranked "
    "WHERE position <= ? AND metric_name IN "
    "(SELECT metric_name FROM health_trends WHERE recorded_at >= ?))"
)
