-- drift.db version 1: the files and analysis tables (reference/storage.md §5.1, §5.2).
-- Timestamps are integer Unix seconds passed from Python; the defaults only serve hand-written
-- inserts. Booleans are INTEGER 0/1.

CREATE TABLE file_metadata (
    path             TEXT PRIMARY KEY,
    language         TEXT,
    file_size        INTEGER NOT NULL,
    content_hash     BLOB NOT NULL,
    mtime_secs       INTEGER NOT NULL,
    mtime_nanos      INTEGER NOT NULL,
    last_scanned_at  INTEGER NOT NULL,
    scan_duration_us INTEGER,
    pattern_count    INTEGER DEFAULT 0,
    function_count   INTEGER DEFAULT 0,
    error_count      INTEGER DEFAULT 0,
    error            TEXT
) STRICT;

CREATE INDEX idx_file_metadata_language ON file_metadata(language);
CREATE INDEX idx_file_metadata_errors ON file_metadata(path) WHERE error IS NOT NULL;
CREATE INDEX idx_file_metadata_scanned ON file_metadata(last_scanned_at);

CREATE TABLE parse_cache (
    content_hash      BLOB PRIMARY KEY,
    language          TEXT NOT NULL,
    parse_result_json TEXT NOT NULL,
    created_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE functions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    file            TEXT NOT NULL,
    name            TEXT NOT NULL,
    qualified_name  TEXT,
    language        TEXT NOT NULL,
    line            INTEGER NOT NULL,
    end_line        INTEGER NOT NULL,
    parameter_count INTEGER NOT NULL DEFAULT 0,
    return_type     TEXT,
    is_exported     INTEGER NOT NULL DEFAULT 0,
    is_async        INTEGER NOT NULL DEFAULT 0,
    body_hash       BLOB,
    signature_hash  BLOB,
    UNIQUE (file, name, line)
) STRICT;

CREATE INDEX idx_functions_file ON functions(file);
CREATE INDEX idx_functions_name ON functions(name);
CREATE INDEX idx_functions_qualified ON functions(qualified_name)
    WHERE qualified_name IS NOT NULL;

CREATE TABLE scan_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at      INTEGER NOT NULL,
    completed_at    INTEGER,
    root_path       TEXT NOT NULL,
    total_files     INTEGER,
    added_files     INTEGER,
    modified_files  INTEGER,
    removed_files   INTEGER,
    unchanged_files INTEGER,
    duration_ms     INTEGER,
    status          TEXT NOT NULL DEFAULT 'running',
    error           TEXT
) STRICT;

CREATE INDEX idx_scan_history_time ON scan_history(started_at DESC);

CREATE TABLE call_edges (
    caller_id      INTEGER NOT NULL,
    callee_id      INTEGER NOT NULL,
    resolution     TEXT NOT NULL,
    confidence     REAL NOT NULL,
    call_site_line INTEGER NOT NULL,
    PRIMARY KEY (caller_id, callee_id, call_site_line)
) STRICT;

CREATE INDEX idx_call_edges_caller ON call_edges(caller_id);
CREATE INDEX idx_call_edges_callee ON call_edges(callee_id);
CREATE INDEX idx_call_edges_resolution ON call_edges(resolution);

CREATE TABLE detections (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    file             TEXT NOT NULL,
    line             INTEGER NOT NULL,
    column_num       INTEGER NOT NULL,
    pattern_id       TEXT NOT NULL,
    category         TEXT NOT NULL,
    confidence       REAL NOT NULL,
    detection_method TEXT NOT NULL,
    cwe_ids          TEXT,
    owasp            TEXT,
    matched_text     TEXT,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_detections_file ON detections(file);
CREATE INDEX idx_detections_category ON detections(category);
CREATE INDEX idx_detections_pattern ON detections(pattern_id);
CREATE INDEX idx_detections_confidence ON detections(confidence);

CREATE TABLE boundaries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    file        TEXT NOT NULL,
    framework   TEXT NOT NULL,
    model_name  TEXT NOT NULL,
    table_name  TEXT,
    field_name  TEXT,
    sensitivity TEXT,
    confidence  REAL NOT NULL,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_boundaries_file ON boundaries(file);
CREATE INDEX idx_boundaries_framework ON boundaries(framework);
CREATE INDEX idx_boundaries_sensitivity ON boundaries(sensitivity) WHERE sensitivity IS NOT NULL;

CREATE TABLE pattern_confidence (
    pattern_id             TEXT PRIMARY KEY,
    alpha                  REAL NOT NULL,
    beta                   REAL NOT NULL,
    posterior_mean         REAL NOT NULL,
    credible_interval_low  REAL NOT NULL,
    credible_interval_high REAL NOT NULL,
    tier                   TEXT NOT NULL,
    momentum               TEXT NOT NULL DEFAULT 'Stable',
    last_updated           INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE outliers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern_id      TEXT NOT NULL,
    file            TEXT NOT NULL,
    line            INTEGER NOT NULL,
    deviation_score REAL NOT NULL,
    significance    TEXT NOT NULL,
    method          TEXT NOT NULL,
    created_at      INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_outliers_pattern ON outliers(pattern_id);
CREATE INDEX idx_outliers_file ON outliers(file);

CREATE TABLE conventions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern_id       TEXT NOT NULL,
    category         TEXT NOT NULL,
    scope            TEXT NOT NULL,
    dominance_ratio  REAL NOT NULL,
    promotion_status TEXT NOT NULL DEFAULT 'discovered',
    discovered_at    INTEGER NOT NULL DEFAULT (unixepoch()),
    last_seen        INTEGER NOT NULL DEFAULT (unixepoch()),
    expires_at       INTEGER
) STRICT;

CREATE INDEX idx_conventions_pattern ON conventions(pattern_id);
CREATE INDEX idx_conventions_category ON conventions(category);
CREATE INDEX idx_conventions_status ON conventions(promotion_status);
