"""Shared SQL for the `cortex` domain, and the `SqlCortexStorage` mixin built on it.

A memory is one ``memories`` row plus its rows in ``memory_tags`` and the four link tables.
Writes of a memory and its links run in one transaction. Reads fetch a page of memory rows,
then the tags and links of that page with one query per table (ids in chunks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from msgspec.structs import replace

from drift.errors import NotFound
from drift.records.cortex import (
    BaseMemory,
    ConstraintLink,
    FileLink,
    FunctionLink,
    MemoryCursor,
    MemoryLink,
    PatternLink,
    check_link,
    check_memory,
    check_memory_type,
)
from drift.records.validation import check_bool, check_limit, check_record, check_str
from drift.storage.sql.executor import Params, Row, SqlExecutor, SqlWriter

_COLUMNS = (
    "m.id, m.memory_type, m.content, m.summary, m.confidence, m.importance, m.archived, "
    "m.superseded_by, m.supersedes, m.namespace, m.source_agent, m.created_at, m.updated_at"
)

INSERT_MEMORY = """
INSERT INTO memories (
    id, memory_type, content, summary, confidence, importance, archived, superseded_by,
    supersedes, namespace, source_agent, created_at, updated_at
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

UPDATE_MEMORY = """
UPDATE memories SET
    memory_type = ?, content = ?, summary = ?, confidence = ?, importance = ?, archived = ?,
    superseded_by = ?, supersedes = ?, namespace = ?, source_agent = ?, updated_at = ?
WHERE id = ?
"""

ARCHIVE_MEMORY = "UPDATE memories SET archived = ?, updated_at = ? WHERE id = ?"
TOUCH_MEMORY = "UPDATE memories SET updated_at = ? WHERE id = ?"
DELETE_MEMORY = "DELETE FROM memories WHERE id = ?"
COUNT_MEMORIES = "SELECT COUNT(*) FROM memories"
COUNT_LIVE_MEMORIES = "SELECT COUNT(*) FROM memories WHERE archived = ?"

INSERT_TAG = "INSERT INTO memory_tags (memory_id, tag, position) VALUES (?, ?, ?)"
INSERT_PATTERN = """
INSERT INTO memory_patterns (memory_id, pattern_id, pattern_name, position) VALUES (?, ?, ?, ?)
"""
INSERT_CONSTRAINT = """
INSERT INTO memory_constraints (memory_id, constraint_id, constraint_name, position)
VALUES (?, ?, ?, ?)
"""
INSERT_FILE = """
INSERT INTO memory_files (memory_id, file_path, line_start, line_end, content_hash, position)
VALUES (?, ?, ?, ?, ?, ?)
"""
INSERT_FUNCTION = """
INSERT INTO memory_functions (memory_id, file_path, function_name, signature, position)
VALUES (?, ?, ?, ?, ?)
"""

# add_link: a new key goes after the memory's existing links of that kind; an existing key
# keeps its place and takes the new details.
ADD_PATTERN = """
INSERT INTO memory_patterns (memory_id, pattern_id, pattern_name, position)
VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM memory_patterns WHERE memory_id = ?))
ON CONFLICT (memory_id, pattern_id) DO UPDATE SET pattern_name = excluded.pattern_name
"""
ADD_CONSTRAINT = """
INSERT INTO memory_constraints (memory_id, constraint_id, constraint_name, position)
VALUES (?, ?, ?,
        (SELECT COALESCE(MAX(position), -1) + 1 FROM memory_constraints WHERE memory_id = ?))
ON CONFLICT (memory_id, constraint_id) DO UPDATE SET constraint_name = excluded.constraint_name
"""
ADD_FILE = """
INSERT INTO memory_files (memory_id, file_path, line_start, line_end, content_hash, position)
VALUES (?, ?, ?, ?, ?,
        (SELECT COALESCE(MAX(position), -1) + 1 FROM memory_files WHERE memory_id = ?))
ON CONFLICT (memory_id, file_path) DO UPDATE SET
    line_start = excluded.line_start,
    line_end = excluded.line_end,
    content_hash = excluded.content_hash
"""
ADD_FUNCTION = """
INSERT INTO memory_functions (memory_id, file_path, function_name, signature, position)
VALUES (?, ?, ?, ?,
        (SELECT COALESCE(MAX(position), -1) + 1 FROM memory_functions WHERE memory_id = ?))
ON CONFLICT (memory_id, file_path, function_name) DO UPDATE SET signature = excluded.signature
"""

REMOVE_PATTERN = "DELETE FROM memory_patterns WHERE memory_id = ? AND pattern_id = ?"
REMOVE_CONSTRAINT = "DELETE FROM memory_constraints WHERE memory_id = ? AND constraint_id = ?"
REMOVE_FILE = "DELETE FROM memory_files WHERE memory_id = ? AND file_path = ?"
REMOVE_FUNCTION = """
DELETE FROM memory_functions WHERE memory_id = ? AND file_path = ? AND function_name = ?
"""

DELETE_LINKS = tuple(
    f"DELETE FROM {table} WHERE memory_id = ?"
    for table in (
        "memory_tags",
        "memory_patterns",
        "memory_constraints",
        "memory_files",
        "memory_functions",
    )
)

GET_MEMORY = f"SELECT {_COLUMNS} FROM memories m WHERE m.id = ?"

# Tags and links of a page of memories; "{ids}" becomes one placeholder per id.
SELECT_TAGS = (
    "SELECT memory_id, tag FROM memory_tags WHERE memory_id IN ({ids}) ORDER BY memory_id, position"
)
SELECT_PATTERNS = (
    "SELECT memory_id, pattern_id, pattern_name FROM memory_patterns "
    "WHERE memory_id IN ({ids}) ORDER BY memory_id, position"
)
SELECT_CONSTRAINTS = (
    "SELECT memory_id, constraint_id, constraint_name FROM memory_constraints "
    "WHERE memory_id IN ({ids}) ORDER BY memory_id, position"
)
SELECT_FILES = (
    "SELECT memory_id, file_path, line_start, line_end, content_hash FROM memory_files "
    "WHERE memory_id IN ({ids}) ORDER BY memory_id, position"
)
SELECT_FUNCTIONS = (
    "SELECT memory_id, function_name, file_path, signature FROM memory_functions "
    "WHERE memory_id IN ({ids}) ORDER BY memory_id, position"
)

# The filters of the list queries. Each list query is SELECT … WHERE <filter> [AND archived = ?]
# [AND (created_at, id) < (?, ?)] ORDER BY created_at DESC, id DESC LIMIT ?.
FILTER_ALL = "1 = 1"
FILTER_TYPE = "m.memory_type = ?"
FILTER_TAG = "EXISTS (SELECT 1 FROM memory_tags t WHERE t.memory_id = m.id AND t.tag = ?)"
FILTER_PATTERN = (
    "EXISTS (SELECT 1 FROM memory_patterns p WHERE p.memory_id = m.id AND p.pattern_id = ?)"
)
FILTER_CONSTRAINT = (
    "EXISTS (SELECT 1 FROM memory_constraints c WHERE c.memory_id = m.id AND c.constraint_id = ?)"
)
FILTER_FILE = (
    "(EXISTS (SELECT 1 FROM memory_files f WHERE f.memory_id = m.id AND f.file_path = ?)"
    " OR EXISTS (SELECT 1 FROM memory_functions g WHERE g.memory_id = m.id AND g.file_path = ?))"
)
FILTER_FUNCTION = (
    "EXISTS (SELECT 1 FROM memory_functions g WHERE g.memory_id = m.id"
    " AND g.file_path = ? AND g.function_name = ?)"
)

T = TypeVar("T")

_ID_CHUNK = 400  # well under every SQLite build's host-parameter limit


def list_query(where: str, *, live_only: bool, paged: bool) -> str:
    """The newest-first list query for one filter, with the optional archived and keyset terms."""
    clauses = [where]
    if live_only:
        clauses.append("m.archived = ?")
    if paged:
        clauses.append("(m.created_at, m.id) < (?, ?)")
    return (
        f"SELECT {_COLUMNS} FROM memories m WHERE {' AND '.join(clauses)} "
        "ORDER BY m.created_at DESC, m.id DESC LIMIT ?"
    )


LIST_QUERIES: dict[tuple[str, bool, bool], str] = {
    (where, live_only, paged): list_query(where, live_only=live_only, paged=paged)
    for where in (
        FILTER_ALL,
        FILTER_TYPE,
        FILTER_TAG,
        FILTER_PATTERN,
        FILTER_CONSTRAINT,
        FILTER_FILE,
        FILTER_FUNCTION,
    )
    for live_only in (False, True)
    for paged in (False, True)
}


def _memory(row: Row) -> BaseMemory:
    return BaseMemory(
        id=row[0],
        memory_type=row[1],
        content=row[2],
        summary=row[3],
        confidence=float(row[4]),
        importance=row[5],
        archived=bool(row[6]),
        superseded_by=row[7],
        supersedes=row[8],
        namespace=row[9],
        source_agent=row[10],
        created_at=int(row[11]),
        updated_at=int(row[12]),
    )


def check_page(
    limit: object, after: object, include_archived: object
) -> tuple[int, MemoryCursor | None, bool]:
    """Validate the paging arguments every list method takes."""
    count = check_limit(limit)
    if after is not None:
        cursor: MemoryCursor | None = check_record(after, MemoryCursor, "after")
    else:
        cursor = None
    return count, cursor, check_bool("include_archived", include_archived)


def _insert_links(tx: SqlWriter, memory: BaseMemory) -> None:
    mid = memory.id
    tx.write_many(INSERT_TAG, [(mid, tag, pos) for pos, tag in enumerate(memory.tags)])
    tx.write_many(
        INSERT_PATTERN,
        [
            (mid, ln.pattern_id, ln.pattern_name, pos)
            for pos, ln in enumerate(memory.linked_patterns)
        ],
    )
    tx.write_many(
        INSERT_CONSTRAINT,
        [
            (mid, ln.constraint_id, ln.constraint_name, pos)
            for pos, ln in enumerate(memory.linked_constraints)
        ],
    )
    tx.write_many(
        INSERT_FILE,
        [
            (mid, ln.file_path, ln.line_start, ln.line_end, ln.content_hash, pos)
            for pos, ln in enumerate(memory.linked_files)
        ],
    )
    tx.write_many(
        INSERT_FUNCTION,
        [
            (mid, ln.file_path, ln.function_name, ln.signature, pos)
            for pos, ln in enumerate(memory.linked_functions)
        ],
    )


def _memory_values(memory: BaseMemory) -> tuple[object, ...]:
    return (
        memory.memory_type,
        memory.content,
        memory.summary,
        memory.confidence,
        memory.importance,
        memory.archived,
    )


class SqlCortexStorage:
    """Every ``ICortexStorage`` method over a ``SqlExecutor``."""

    _db: SqlExecutor

    # -- writes ---------------------------------------------------------------------------------

    def create_memory(self, memory: BaseMemory) -> None:
        stored = check_memory(memory)
        now = self._db.now()
        with self._db.transaction() as tx:
            tx.write(
                INSERT_MEMORY,
                (
                    stored.id,
                    *_memory_values(stored),
                    stored.superseded_by,
                    stored.supersedes,
                    stored.namespace,
                    stored.source_agent,
                    now,
                    now,
                ),
            )
            _insert_links(tx, stored)

    def update_memory(self, memory: BaseMemory) -> None:
        stored = check_memory(memory)
        now = self._db.now()
        with self._db.transaction() as tx:
            changed = tx.write(
                UPDATE_MEMORY,
                (
                    *_memory_values(stored),
                    stored.superseded_by,
                    stored.supersedes,
                    stored.namespace,
                    stored.source_agent,
                    now,
                    stored.id,
                ),
            )
            if changed == 0:
                raise NotFound(f"no memory with id {stored.id!r}")
            for statement in DELETE_LINKS:
                tx.write(statement, (stored.id,))
            _insert_links(tx, stored)

    def archive_memory(self, memory_id: str) -> None:
        check_str("memory_id", memory_id)
        if self._db.write(ARCHIVE_MEMORY, (True, self._db.now(), memory_id)) == 0:
            raise NotFound(f"no memory with id {memory_id!r}")

    def delete_memory(self, memory_id: str) -> None:
        check_str("memory_id", memory_id)
        # Tags and links go with the row (ON DELETE CASCADE).
        if self._db.write(DELETE_MEMORY, (memory_id,)) == 0:
            raise NotFound(f"no memory with id {memory_id!r}")

    def add_link(self, memory_id: str, link: MemoryLink) -> None:
        check_str("memory_id", memory_id)
        checked = check_link(link)
        statement, params = _add_link_statement(memory_id, checked)
        with self._db.transaction() as tx:
            if tx.write(TOUCH_MEMORY, (self._db.now(), memory_id)) == 0:
                raise NotFound(f"no memory with id {memory_id!r}")
            tx.write(statement, params)

    def remove_link(self, memory_id: str, link: MemoryLink) -> bool:
        check_str("memory_id", memory_id)
        checked = check_link(link)
        statement, params = _remove_link_statement(memory_id, checked)
        with self._db.transaction() as tx:
            if tx.write(statement, params) == 0:
                return False
            tx.write(TOUCH_MEMORY, (self._db.now(), memory_id))
            return True

    # -- reads ----------------------------------------------------------------------------------

    def get_memory(self, memory_id: str) -> BaseMemory | None:
        check_str("memory_id", memory_id)
        row = self._db.read_one(GET_MEMORY, (memory_id,))
        if row is None:
            return None
        return self._with_links([_memory(row)])[0]

    def list_memories(
        self, limit: int, *, after: MemoryCursor | None = None, include_archived: bool = False
    ) -> list[BaseMemory]:
        return self._list(FILTER_ALL, (), limit, after, include_archived)

    def query_by_type(
        self,
        memory_type: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_memory_type(memory_type)
        return self._list(FILTER_TYPE, (memory_type,), limit, after, include_archived)

    def query_by_tag(
        self,
        tag: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("tag", tag)
        return self._list(FILTER_TAG, (tag,), limit, after, include_archived)

    def query_by_pattern(
        self,
        pattern_id: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("pattern_id", pattern_id)
        return self._list(FILTER_PATTERN, (pattern_id,), limit, after, include_archived)

    def query_by_constraint(
        self,
        constraint_id: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("constraint_id", constraint_id)
        return self._list(FILTER_CONSTRAINT, (constraint_id,), limit, after, include_archived)

    def query_by_file(
        self,
        file_path: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("file_path", file_path)
        return self._list(FILTER_FILE, (file_path, file_path), limit, after, include_archived)

    def query_by_function(
        self,
        file_path: str,
        function_name: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("file_path", file_path)
        check_str("function_name", function_name)
        return self._list(
            FILTER_FUNCTION, (file_path, function_name), limit, after, include_archived
        )

    def count_memories(self, *, include_archived: bool = False) -> int:
        if check_bool("include_archived", include_archived):
            return int(self._db.read_value(COUNT_MEMORIES))
        return int(self._db.read_value(COUNT_LIVE_MEMORIES, (False,)))

    # -- helpers --------------------------------------------------------------------------------

    def _list(
        self,
        where: str,
        params: tuple[object, ...],
        limit: object,
        after: object,
        include_archived: object,
    ) -> list[BaseMemory]:
        count, cursor, archived_too = check_page(limit, after, include_archived)
        values: list[object] = list(params)
        if not archived_too:
            values.append(False)
        if cursor is not None:
            values.extend((cursor.created_at, cursor.id))
        values.append(count)
        sql = LIST_QUERIES[(where, not archived_too, cursor is not None)]
        return self._with_links([_memory(row) for row in self._db.read_all(sql, values)])

    def _with_links(self, memories: list[BaseMemory]) -> list[BaseMemory]:
        if not memories:
            return []
        ids = [memory.id for memory in memories]
        tags = self._grouped(SELECT_TAGS, ids, lambda row: str(row[1]))
        patterns = self._grouped(SELECT_PATTERNS, ids, lambda row: PatternLink(row[1], row[2]))
        constraints = self._grouped(
            SELECT_CONSTRAINTS, ids, lambda row: ConstraintLink(row[1], row[2])
        )
        files = self._grouped(
            SELECT_FILES,
            ids,
            lambda row: FileLink(
                row[1],
                None if row[2] is None else int(row[2]),
                None if row[3] is None else int(row[3]),
                row[4],
            ),
        )
        functions = self._grouped(
            SELECT_FUNCTIONS, ids, lambda row: FunctionLink(row[1], row[2], row[3])
        )
        return [
            replace(
                memory,
                tags=tuple(tags.get(memory.id, ())),
                linked_patterns=tuple(patterns.get(memory.id, ())),
                linked_constraints=tuple(constraints.get(memory.id, ())),
                linked_files=tuple(files.get(memory.id, ())),
                linked_functions=tuple(functions.get(memory.id, ())),
            )
            for memory in memories
        ]

    def _grouped(
        self, template: str, ids: Sequence[str], build: Callable[[Row], T]
    ) -> dict[str, list[T]]:
        grouped: dict[str, list[T]] = {}
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            sql = template.format(ids=", ".join(["?"] * len(chunk)))
            for row in self._db.read_all(sql, chunk):
                grouped.setdefault(row[0], []).append(build(row))
        return grouped


def _add_link_statement(memory_id: str, link: MemoryLink) -> tuple[str, Params]:
    if isinstance(link, PatternLink):
        return ADD_PATTERN, (memory_id, link.pattern_id, link.pattern_name, memory_id)
    if isinstance(link, ConstraintLink):
        return ADD_CONSTRAINT, (memory_id, link.constraint_id, link.constraint_name, memory_id)
    if isinstance(link, FileLink):
        return ADD_FILE, (
            memory_id,
            link.file_path,
            link.line_start,
            link.line_end,
            link.content_hash,
            memory_id,
        )
    return ADD_FUNCTION, (memory_id, link.file_path, link.function_name, link.signature, memory_id)


def _remove_link_statement(memory_id: str, link: MemoryLink) -> tuple[str, Params]:
    if isinstance(link, PatternLink):
        return REMOVE_PATTERN, (memory_id, link.pattern_id)
    if isinstance(link, ConstraintLink):
        return REMOVE_CONSTRAINT, (memory_id, link.constraint_id)
    if isinstance(link, FileLink):
        return REMOVE_FILE, (memory_id, link.file_path)
    return REMOVE_FUNCTION, (memory_id, link.file_path, link.function_name)
