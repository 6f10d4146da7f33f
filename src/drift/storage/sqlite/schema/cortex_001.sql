-- cortex.db version 1: memories, their tags and their links (ICortexStorage, ours; the shape
-- follows reference/bridge.md §6). Link and tag rows belong to their memory: deleting the
-- memory deletes them (ON DELETE CASCADE; SQLite runs with foreign_keys=ON).
-- Timestamps are integer Unix seconds passed from Python. Booleans are INTEGER 0/1.
-- "position" keeps the order in which tags and links were given.

CREATE TABLE memories (
    id            TEXT PRIMARY KEY,
    memory_type   TEXT NOT NULL,
    content       TEXT NOT NULL,
    summary       TEXT NOT NULL,
    confidence    REAL NOT NULL,
    importance    TEXT NOT NULL,
    archived      INTEGER NOT NULL DEFAULT 0,
    superseded_by TEXT,
    supersedes    TEXT,
    namespace     TEXT NOT NULL DEFAULT 'agent://default/',
    source_agent  TEXT NOT NULL DEFAULT 'default',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

-- Newest-first lists, all memories or one type, with the keyset (created_at, id).
CREATE INDEX idx_memories_created ON memories(created_at, id);
CREATE INDEX idx_memories_type ON memories(memory_type, created_at, id);

CREATE TABLE memory_tags (
    memory_id TEXT NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (memory_id, tag)
) STRICT;

CREATE INDEX idx_memory_tags_tag ON memory_tags(tag, memory_id);

CREATE TABLE memory_patterns (
    memory_id    TEXT NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    pattern_id   TEXT NOT NULL,
    pattern_name TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (memory_id, pattern_id)
) STRICT;

CREATE INDEX idx_memory_patterns_pattern ON memory_patterns(pattern_id, memory_id);

CREATE TABLE memory_constraints (
    memory_id       TEXT NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    constraint_id   TEXT NOT NULL,
    constraint_name TEXT NOT NULL,
    position        INTEGER NOT NULL,
    PRIMARY KEY (memory_id, constraint_id)
) STRICT;

CREATE INDEX idx_memory_constraints_constraint ON memory_constraints(constraint_id, memory_id);

CREATE TABLE memory_files (
    memory_id    TEXT NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    file_path    TEXT NOT NULL,
    line_start   INTEGER,
    line_end     INTEGER,
    content_hash TEXT,
    position     INTEGER NOT NULL,
    PRIMARY KEY (memory_id, file_path)
) STRICT;

CREATE INDEX idx_memory_files_path ON memory_files(file_path, memory_id);

CREATE TABLE memory_functions (
    memory_id     TEXT NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    file_path     TEXT NOT NULL,
    function_name TEXT NOT NULL,
    signature     TEXT,
    position      INTEGER NOT NULL,
    PRIMARY KEY (memory_id, file_path, function_name)
) STRICT;

CREATE INDEX idx_memory_functions_function
    ON memory_functions(file_path, function_name, memory_id);
