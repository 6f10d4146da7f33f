-- drift.db version 2: the 22 structural tables (reference/storage.md §5.3).
-- Timestamps are integer Unix seconds passed from Python; the defaults only serve hand-written
-- inserts. Booleans are INTEGER 0/1.

-- data access and the graph-derived tables

CREATE TABLE data_access (
    function_id INTEGER NOT NULL,
    table_name  TEXT NOT NULL,
    operation   TEXT NOT NULL,
    framework   TEXT,
    line        INTEGER NOT NULL,
    confidence  REAL NOT NULL DEFAULT 0.8,
    PRIMARY KEY (function_id, table_name, operation, line)
) STRICT;

CREATE INDEX idx_data_access_function ON data_access(function_id);
CREATE INDEX idx_data_access_table ON data_access(table_name);

CREATE TABLE reachability_cache (
    source_node   TEXT NOT NULL,
    direction     TEXT NOT NULL,
    reachable_set TEXT NOT NULL,
    sensitivity   TEXT NOT NULL,
    computed_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    PRIMARY KEY (source_node, direction)
) STRICT;

CREATE TABLE taint_flows (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    source_file  TEXT NOT NULL,
    source_line  INTEGER NOT NULL,
    source_type  TEXT NOT NULL,
    sink_file    TEXT NOT NULL,
    sink_line    INTEGER NOT NULL,
    sink_type    TEXT NOT NULL,
    cwe_id       INTEGER,
    is_sanitized INTEGER NOT NULL DEFAULT 0,
    path         TEXT NOT NULL,
    confidence   REAL NOT NULL,
    created_at   INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_taint_flows_source ON taint_flows(source_file);
CREATE INDEX idx_taint_flows_sink ON taint_flows(sink_file);
CREATE INDEX idx_taint_flows_cwe ON taint_flows(cwe_id);

CREATE TABLE error_gaps (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    file              TEXT NOT NULL,
    function_id       TEXT NOT NULL,
    gap_type          TEXT NOT NULL,
    error_type        TEXT,
    propagation_chain TEXT,
    framework         TEXT,
    cwe_id            INTEGER,
    severity          TEXT NOT NULL,
    created_at        INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_error_gaps_file ON error_gaps(file);
CREATE INDEX idx_error_gaps_type ON error_gaps(gap_type);
CREATE INDEX idx_error_gaps_severity ON error_gaps(severity);

CREATE TABLE impact_scores (
    function_id        TEXT PRIMARY KEY,
    blast_radius       INTEGER NOT NULL,
    risk_score         REAL NOT NULL,
    is_dead_code       INTEGER NOT NULL DEFAULT 0,
    dead_code_reason   TEXT,
    exclusion_category TEXT,
    updated_at         INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE test_coverage (
    test_function_id   TEXT NOT NULL,
    source_function_id TEXT NOT NULL,
    coverage_type      TEXT NOT NULL,
    PRIMARY KEY (test_function_id, source_function_id)
) STRICT;

CREATE INDEX idx_test_coverage_source ON test_coverage(source_function_id);

CREATE TABLE test_quality (
    function_id       TEXT PRIMARY KEY,
    coverage_breadth  REAL,
    coverage_depth    REAL,
    assertion_density REAL,
    mock_ratio        REAL,
    isolation         REAL,
    freshness         REAL,
    stability         REAL,
    overall_score     REAL NOT NULL,
    smells            TEXT,
    updated_at        INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- coupling, constraints, contracts

CREATE TABLE coupling_metrics (
    module       TEXT PRIMARY KEY,
    ce           INTEGER NOT NULL,
    ca           INTEGER NOT NULL,
    instability  REAL NOT NULL,
    abstractness REAL NOT NULL,
    distance     REAL NOT NULL,
    zone         TEXT NOT NULL,
    updated_at   INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_coupling_metrics_zone ON coupling_metrics(zone);

CREATE TABLE coupling_cycles (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    members           TEXT NOT NULL,
    break_suggestions TEXT NOT NULL,
    created_at        INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE constraints (
    id             TEXT PRIMARY KEY,
    description    TEXT NOT NULL,
    invariant_type TEXT NOT NULL,
    target         TEXT NOT NULL,
    scope          TEXT,
    source         TEXT NOT NULL,
    enabled        INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at     INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_constraints_type ON constraints(invariant_type);
CREATE INDEX idx_constraints_source ON constraints(source);

CREATE TABLE constraint_verifications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    constraint_id TEXT NOT NULL REFERENCES constraints(id),
    passed        INTEGER NOT NULL,
    violations    TEXT NOT NULL,
    verified_at   INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_constraint_verifications_cid ON constraint_verifications(constraint_id);

CREATE TABLE contracts (
    id          TEXT PRIMARY KEY,
    paradigm    TEXT NOT NULL,
    source_file TEXT NOT NULL,
    framework   TEXT NOT NULL,
    confidence  REAL NOT NULL,
    endpoints   TEXT NOT NULL,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_contracts_paradigm ON contracts(paradigm);
CREATE INDEX idx_contracts_framework ON contracts(framework);
CREATE INDEX idx_contracts_source ON contracts(source_file);

CREATE TABLE contract_mismatches (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    backend_endpoint TEXT NOT NULL,
    frontend_call    TEXT NOT NULL,
    mismatch_type    TEXT NOT NULL,
    severity         TEXT NOT NULL,
    message          TEXT NOT NULL,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_contract_mismatches_type ON contract_mismatches(mismatch_type);

-- constants, secrets, environment variables, wrappers

CREATE TABLE constants (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    file       TEXT NOT NULL,
    line       INTEGER NOT NULL,
    is_used    INTEGER NOT NULL DEFAULT 1,
    language   TEXT NOT NULL,
    is_named   INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_constants_file ON constants(file);
CREATE INDEX idx_constants_used ON constants(is_used);

CREATE TABLE secrets (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern_name   TEXT NOT NULL,
    redacted_value TEXT NOT NULL,
    file           TEXT NOT NULL,
    line           INTEGER NOT NULL,
    severity       TEXT NOT NULL,
    entropy        REAL NOT NULL,
    confidence     REAL NOT NULL,
    cwe_ids        TEXT NOT NULL,
    created_at     INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_secrets_file ON secrets(file);
CREATE INDEX idx_secrets_severity ON secrets(severity);
CREATE INDEX idx_secrets_pattern ON secrets(pattern_name);

CREATE TABLE env_variables (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    file             TEXT NOT NULL,
    line             INTEGER NOT NULL,
    access_method    TEXT NOT NULL,
    has_default      INTEGER NOT NULL DEFAULT 0,
    defined_in_env   INTEGER NOT NULL DEFAULT 0,
    framework_prefix TEXT,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_env_variables_name ON env_variables(name);
CREATE INDEX idx_env_variables_file ON env_variables(file);

CREATE TABLE wrappers (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT NOT NULL,
    file               TEXT NOT NULL,
    line               INTEGER NOT NULL,
    category           TEXT NOT NULL,
    wrapped_primitives TEXT NOT NULL,
    framework          TEXT NOT NULL,
    confidence         REAL NOT NULL,
    is_multi_primitive INTEGER NOT NULL DEFAULT 0,
    is_exported        INTEGER NOT NULL DEFAULT 0,
    usage_count        INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_wrappers_file ON wrappers(file);
CREATE INDEX idx_wrappers_category ON wrappers(category);
CREATE INDEX idx_wrappers_framework ON wrappers(framework);

-- DNA, security findings, decomposition

CREATE TABLE dna_genes (
    gene_id         TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    dominant_allele TEXT,
    alleles         TEXT NOT NULL,
    confidence      REAL NOT NULL,
    consistency     REAL NOT NULL,
    exemplars       TEXT NOT NULL,
    updated_at      INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE dna_mutations (
    id          TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    gene_id     TEXT NOT NULL,
    expected    TEXT NOT NULL,
    actual      TEXT NOT NULL,
    impact      TEXT NOT NULL,
    code        TEXT NOT NULL,
    suggestion  TEXT NOT NULL,
    detected_at INTEGER NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0,
    resolved_at INTEGER
) STRICT;

CREATE INDEX idx_dna_mutations_file ON dna_mutations(file);
CREATE INDEX idx_dna_mutations_gene ON dna_mutations(gene_id);
CREATE INDEX idx_dna_mutations_impact ON dna_mutations(impact);
CREATE INDEX idx_dna_mutations_resolved ON dna_mutations(resolved);

CREATE TABLE crypto_findings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    file        TEXT NOT NULL,
    line        INTEGER NOT NULL,
    category    TEXT NOT NULL,
    description TEXT NOT NULL,
    code        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    cwe_id      INTEGER NOT NULL,
    owasp       TEXT NOT NULL,
    remediation TEXT NOT NULL,
    language    TEXT NOT NULL,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_crypto_findings_file ON crypto_findings(file);
CREATE INDEX idx_crypto_findings_category ON crypto_findings(category);
CREATE INDEX idx_crypto_findings_cwe ON crypto_findings(cwe_id);

CREATE TABLE owasp_findings (
    id               TEXT PRIMARY KEY,
    detector         TEXT NOT NULL,
    file             TEXT NOT NULL,
    line             INTEGER NOT NULL,
    description      TEXT NOT NULL,
    severity         REAL NOT NULL,
    cwes             TEXT NOT NULL,
    owasp_categories TEXT NOT NULL,
    confidence       REAL NOT NULL,
    remediation      TEXT,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_owasp_findings_file ON owasp_findings(file);
CREATE INDEX idx_owasp_findings_detector ON owasp_findings(detector);
CREATE INDEX idx_owasp_findings_severity ON owasp_findings(severity);

CREATE TABLE decomposition_decisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    dna_profile_hash TEXT NOT NULL,
    adjustment       TEXT NOT NULL,
    confidence       REAL NOT NULL,
    dna_similarity   REAL NOT NULL,
    narrative        TEXT NOT NULL,
    source_dna_hash  TEXT NOT NULL,
    applied_weight   REAL NOT NULL,
    created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE INDEX idx_decomp_decisions_hash ON decomposition_decisions(dna_profile_hash);
CREATE INDEX idx_decomp_decisions_source ON decomposition_decisions(source_dna_hash);
