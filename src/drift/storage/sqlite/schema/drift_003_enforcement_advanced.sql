-- drift.db version 3: the enforcement tables (reference/storage.md §5.4, pattern_status included)
-- and the advanced tables (§5.5). Timestamps are integer Unix seconds passed from Python; the
-- defaults only serve hand-written inserts. Booleans are INTEGER 0/1.

CREATE TABLE violations (
    id                    TEXT PRIMARY KEY,
    file                  TEXT NOT NULL,
    line                  INTEGER NOT NULL,
    column_num            INTEGER,
    end_line              INTEGER,
    end_column            INTEGER,
    severity              TEXT NOT NULL,
    pattern_id            TEXT NOT NULL,
    rule_id               TEXT NOT NULL,
    message               TEXT NOT NULL,
    quick_fix_strategy    TEXT,
    quick_fix_description TEXT,
    cwe_id                INTEGER,
    owasp_category        TEXT,
    suppressed            INTEGER NOT NULL DEFAULT 0,
    is_new                INTEGER NOT NULL DEFAULT 0,
    created_at            INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_violations_file ON violations(file);
CREATE INDEX idx_violations_severity ON violations(severity);
CREATE INDEX idx_violations_pattern ON violations(pattern_id);
CREATE INDEX idx_violations_rule ON violations(rule_id);
CREATE INDEX idx_violations_cwe ON violations(cwe_id);

CREATE TABLE gate_results (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    gate_id           TEXT NOT NULL,
    status            TEXT NOT NULL,
    passed            INTEGER NOT NULL,
    score             REAL NOT NULL,
    summary           TEXT NOT NULL,
    violation_count   INTEGER NOT NULL DEFAULT 0,
    warning_count     INTEGER NOT NULL DEFAULT 0,
    execution_time_ms INTEGER NOT NULL DEFAULT 0,
    details           TEXT,
    error             TEXT,
    run_at            INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_gate_results_gate ON gate_results(gate_id);
CREATE INDEX idx_gate_results_run ON gate_results(run_at);

CREATE TABLE audit_snapshots (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    health_score          REAL NOT NULL,
    avg_confidence        REAL NOT NULL,
    approval_ratio        REAL NOT NULL,
    compliance_rate       REAL NOT NULL,
    cross_validation_rate REAL NOT NULL,
    duplicate_free_rate   REAL NOT NULL,
    pattern_count         INTEGER NOT NULL DEFAULT 0,
    category_scores       TEXT,
    created_at            INTEGER NOT NULL DEFAULT (unixepoch()),
    scan_root             TEXT DEFAULT ''
) STRICT;

CREATE INDEX idx_audit_snapshots_created ON audit_snapshots(created_at);

CREATE TABLE health_trends (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    metric_name  TEXT NOT NULL,
    metric_value REAL NOT NULL,
    recorded_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_health_trends_metric ON health_trends(metric_name);
CREATE INDEX idx_health_trends_recorded ON health_trends(recorded_at);

CREATE TABLE feedback (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    violation_id     TEXT NOT NULL,
    pattern_id       TEXT NOT NULL,
    detector_id      TEXT NOT NULL,
    action           TEXT NOT NULL,
    dismissal_reason TEXT,
    reason           TEXT,
    author           TEXT,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_feedback_violation ON feedback(violation_id);
CREATE INDEX idx_feedback_detector ON feedback(detector_id);
CREATE INDEX idx_feedback_pattern ON feedback(pattern_id);
CREATE INDEX idx_feedback_action ON feedback(action);

CREATE TABLE policy_results (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_name      TEXT NOT NULL,
    aggregation_mode TEXT NOT NULL,
    overall_passed   INTEGER NOT NULL,
    overall_score    REAL NOT NULL,
    gate_count       INTEGER NOT NULL,
    gates_passed     INTEGER NOT NULL,
    gates_failed     INTEGER NOT NULL,
    details          TEXT,
    run_at           INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE degradation_alerts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_type     TEXT NOT NULL,
    severity       TEXT NOT NULL,
    message        TEXT NOT NULL,
    current_value  REAL NOT NULL,
    previous_value REAL NOT NULL,
    delta          REAL NOT NULL,
    created_at     INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE pattern_status (
    pattern_id             TEXT PRIMARY KEY,
    status                 TEXT NOT NULL DEFAULT 'discovered',
    approved_by            TEXT,
    approved_at            INTEGER,
    confidence_at_approval REAL,
    reason                 TEXT,
    updated_at             INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_pattern_status_status ON pattern_status(status);
CREATE INDEX idx_pattern_status_updated ON pattern_status(updated_at);

CREATE TABLE simulations (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    task_category        TEXT NOT NULL,
    task_description     TEXT NOT NULL,
    approach_count       INTEGER NOT NULL,
    recommended_approach TEXT,
    p10_effort           REAL NOT NULL,
    p50_effort           REAL NOT NULL,
    p90_effort           REAL NOT NULL,
    created_at           INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_simulations_category ON simulations(task_category);
CREATE INDEX idx_simulations_created ON simulations(created_at);

CREATE TABLE decisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    category         TEXT NOT NULL,
    description      TEXT NOT NULL,
    commit_sha       TEXT,
    confidence       REAL NOT NULL,
    related_patterns TEXT,
    author           TEXT,
    files_changed    TEXT,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_decisions_category ON decisions(category);
CREATE INDEX idx_decisions_commit ON decisions(commit_sha);
CREATE INDEX idx_decisions_created ON decisions(created_at);

CREATE TABLE context_cache (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id   TEXT NOT NULL,
    intent       TEXT NOT NULL,
    depth        TEXT NOT NULL,
    token_count  INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    created_at   INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_context_cache_session ON context_cache(session_id);
CREATE INDEX idx_context_cache_intent ON context_cache(intent);

CREATE TABLE migration_projects (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    source_language  TEXT NOT NULL,
    target_language  TEXT NOT NULL,
    source_framework TEXT,
    target_framework TEXT,
    status           TEXT NOT NULL DEFAULT 'active',
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_migration_projects_status ON migration_projects(status);

CREATE TABLE migration_modules (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   INTEGER NOT NULL REFERENCES migration_projects(id),
    module_name  TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    spec_content TEXT,
    created_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at   INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_migration_modules_project ON migration_modules(project_id);
CREATE INDEX idx_migration_modules_status ON migration_modules(status);

CREATE TABLE migration_corrections (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    module_id      INTEGER NOT NULL REFERENCES migration_modules(id),
    section        TEXT NOT NULL,
    original_text  TEXT NOT NULL,
    corrected_text TEXT NOT NULL,
    reason         TEXT,
    created_at     INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_migration_corrections_module ON migration_corrections(module_id);
