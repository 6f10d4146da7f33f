"""``MemoryCortexStorage``: ``ICortexStorage`` in plain Python, answering exactly as the SQL does.

``_t_memories`` is keyed by memory id and holds each memory whole, tags and links included, as
reads return it. Link order is the order links were given or added, as the ``position`` columns
keep it in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TypeVar

from msgspec.structs import replace

from drift.errors import Conflict, NotFound
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
    link_key,
)
from drift.records.validation import check_bool, check_limit, check_record, check_str
from drift.storage.memory.core import MemoryCore

Predicate = Callable[[BaseMemory], bool]
L = TypeVar("L")


def _with_link(memory: BaseMemory, link: MemoryLink) -> BaseMemory:
    """The memory with ``link`` added at the end of its kind, or replacing the same key in place."""
    key = link_key(link)
    current: tuple[MemoryLink, ...]
    if isinstance(link, PatternLink):
        current = memory.linked_patterns
    elif isinstance(link, ConstraintLink):
        current = memory.linked_constraints
    elif isinstance(link, FileLink):
        current = memory.linked_files
    else:
        current = memory.linked_functions
    if any(link_key(existing) == key for existing in current):
        updated = tuple(link if link_key(existing) == key else existing for existing in current)
    else:
        updated = (*current, link)
    return _set_links(memory, link, updated)


def _without_link(memory: BaseMemory, link: MemoryLink) -> BaseMemory | None:
    """The memory without the link of ``link``'s key, or None if it has no such link."""
    key = link_key(link)
    kept = tuple(existing for existing in memory.links if link_key(existing) != key)
    if len(kept) == len(memory.links):
        return None
    same_kind = tuple(existing for existing in kept if type(existing) is type(link))
    return _set_links(memory, link, same_kind)


def _set_links(memory: BaseMemory, kind: MemoryLink, links: tuple[MemoryLink, ...]) -> BaseMemory:
    if isinstance(kind, PatternLink):
        return replace(memory, linked_patterns=_only(links, PatternLink))
    if isinstance(kind, ConstraintLink):
        return replace(memory, linked_constraints=_only(links, ConstraintLink))
    if isinstance(kind, FileLink):
        return replace(memory, linked_files=_only(links, FileLink))
    return replace(memory, linked_functions=_only(links, FunctionLink))


def _only(links: Iterable[object], cls: type[L]) -> tuple[L, ...]:
    return tuple(link for link in links if isinstance(link, cls))


def _position(cursor: MemoryCursor) -> tuple[int, str]:
    return (cursor.created_at, cursor.id)


class MemoryCortexStorage(MemoryCore):
    """cortex storage held in a dict; ``close()`` ends it."""

    _t_memories: dict[str, BaseMemory]

    def __init__(self, *, clock: Callable[[], int] | None = None) -> None:
        self._init_core(clock)
        self._init_cortex()

    def _init_cortex(self) -> None:
        self._t_memories = {}

    # -- writes ---------------------------------------------------------------------------------

    def create_memory(self, memory: BaseMemory) -> None:
        stored = check_memory(memory)
        with self._lock:
            if stored.id in self._t_memories:
                raise Conflict(f"a memory with id {stored.id!r} already exists")
            now = self._now()
            self._t_memories[stored.id] = replace(stored, created_at=now, updated_at=now)

    def update_memory(self, memory: BaseMemory) -> None:
        stored = check_memory(memory)
        with self._lock:
            current = self._t_memories.get(stored.id)
            if current is None:
                raise NotFound(f"no memory with id {stored.id!r}")
            self._t_memories[stored.id] = replace(
                stored, created_at=current.created_at, updated_at=self._now()
            )

    def archive_memory(self, memory_id: str) -> None:
        check_str("memory_id", memory_id)
        with self._lock:
            current = self._require(memory_id)
            self._t_memories[memory_id] = replace(current, archived=True, updated_at=self._now())

    def delete_memory(self, memory_id: str) -> None:
        check_str("memory_id", memory_id)
        with self._lock:
            self._require(memory_id)
            del self._t_memories[memory_id]

    def add_link(self, memory_id: str, link: MemoryLink) -> None:
        check_str("memory_id", memory_id)
        checked = check_link(link)
        with self._lock:
            current = self._require(memory_id)
            self._t_memories[memory_id] = replace(
                _with_link(current, checked), updated_at=self._now()
            )

    def remove_link(self, memory_id: str, link: MemoryLink) -> bool:
        check_str("memory_id", memory_id)
        checked = check_link(link)
        with self._lock:
            current = self._t_memories.get(memory_id)
            if current is None:
                return False
            changed = _without_link(current, checked)
            if changed is None:
                return False
            self._t_memories[memory_id] = replace(changed, updated_at=self._now())
            return True

    def _require(self, memory_id: str) -> BaseMemory:
        current = self._t_memories.get(memory_id)
        if current is None:
            raise NotFound(f"no memory with id {memory_id!r}")
        return current

    # -- reads ----------------------------------------------------------------------------------

    def get_memory(self, memory_id: str) -> BaseMemory | None:
        check_str("memory_id", memory_id)
        with self._lock:
            return self._t_memories.get(memory_id)

    def list_memories(
        self, limit: int, *, after: MemoryCursor | None = None, include_archived: bool = False
    ) -> list[BaseMemory]:
        return self._list(lambda memory: True, limit, after, include_archived)

    def query_by_type(
        self,
        memory_type: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_memory_type(memory_type)
        return self._list(lambda m: m.memory_type == memory_type, limit, after, include_archived)

    def query_by_tag(
        self,
        tag: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("tag", tag)
        return self._list(lambda m: tag in m.tags, limit, after, include_archived)

    def query_by_pattern(
        self,
        pattern_id: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("pattern_id", pattern_id)
        return self._list(
            lambda m: any(link.pattern_id == pattern_id for link in m.linked_patterns),
            limit,
            after,
            include_archived,
        )

    def query_by_constraint(
        self,
        constraint_id: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("constraint_id", constraint_id)
        return self._list(
            lambda m: any(link.constraint_id == constraint_id for link in m.linked_constraints),
            limit,
            after,
            include_archived,
        )

    def query_by_file(
        self,
        file_path: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        check_str("file_path", file_path)
        return self._list(
            lambda m: (
                any(link.file_path == file_path for link in m.linked_files)
                or any(link.file_path == file_path for link in m.linked_functions)
            ),
            limit,
            after,
            include_archived,
        )

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
            lambda m: any(
                link.file_path == file_path and link.function_name == function_name
                for link in m.linked_functions
            ),
            limit,
            after,
            include_archived,
        )

    def count_memories(self, *, include_archived: bool = False) -> int:
        archived_too = check_bool("include_archived", include_archived)
        with self._lock:
            return sum(1 for m in self._t_memories.values() if archived_too or not m.archived)

    def _list(
        self, matches: Predicate, limit: object, after: object, include_archived: object
    ) -> list[BaseMemory]:
        count = check_limit(limit)
        cursor = None if after is None else check_record(after, MemoryCursor, "after")
        archived_too = check_bool("include_archived", include_archived)
        with self._lock:
            found = [
                memory
                for memory in self._t_memories.values()
                if (archived_too or not memory.archived)
                and (
                    cursor is None
                    or (memory.created_at, memory.id) < (cursor.created_at, cursor.id)
                )
                and matches(memory)
            ]
            found.sort(key=lambda memory: (memory.created_at, memory.id), reverse=True)
            return found[:count]

    # -- engine ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Drop every memory; later calls raise ``EngineClosed``."""
        if self._lock.closed:
            return
        self._lock.close()
        self._init_cortex()

    def __enter__(self) -> MemoryCortexStorage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
