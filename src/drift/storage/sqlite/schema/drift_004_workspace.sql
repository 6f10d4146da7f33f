-- Workspace tables (reference storage.md §5.6). Timestamps are integer Unix seconds, like every
-- other table, rather than the original's datetime('now') text.
CREATE TABLE workspace_config (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE project_registry (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    root_path TEXT NOT NULL UNIQUE,
    drift_path TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_accessed_at INTEGER NOT NULL,
    health_status TEXT NOT NULL DEFAULT 'unknown',
    is_active INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX idx_project_active ON project_registry(is_active) WHERE is_active = 1;

CREATE TABLE backup_registry (
    id TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    drift_db_size INTEGER NOT NULL,
    cortex_db_size INTEGER,
    schema_version INTEGER NOT NULL,
    drift_version TEXT NOT NULL,
    backup_path TEXT NOT NULL,
    integrity_verified INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER,
    tier TEXT NOT NULL DEFAULT 'operational'
) STRICT;
CREATE INDEX idx_backup_created ON backup_registry(created_at);
CREATE INDEX idx_backup_tier ON backup_registry(tier);

CREATE TABLE migration_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    from_version INTEGER NOT NULL,
    to_version INTEGER NOT NULL,
    applied_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    success INTEGER NOT NULL,
    error_message TEXT
) STRICT;

CREATE TABLE workspace_context (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE workspace_packages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    language TEXT,
    framework TEXT,
    dependencies TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX idx_package_path ON workspace_packages(path);

CREATE TABLE workspace_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_type TEXT NOT NULL,
    details TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_events_type ON workspace_events(event_type);
CREATE INDEX idx_events_created ON workspace_events(created_at);
