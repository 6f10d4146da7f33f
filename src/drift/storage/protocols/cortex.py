"""The `ICortexStorage` storage protocol: memories with their tags and links (cortex.db).

Ours, not the original's: enough of the Cortex memory store for the bridge's dual-write and for
``drift memory`` to create, read, change, archive, delete, link and search memories.

Lists are newest first (``created_at DESC, id DESC``) and exclude archived memories unless
``include_archived`` is set. They are paged by ``limit`` and a keyset cursor ``after``
(``MemoryCursor.of(last memory of the previous page)``), which stays valid when memories are
added or deleted between pages.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.cortex import BaseMemory, MemoryCursor, MemoryLink


@runtime_checkable
class ICortexStorage(Protocol):
    """Create, read, update, archive, delete, link and query memories."""

    def create_memory(self, memory: BaseMemory) -> None:
        """Store a memory with its tags and links; sets created/updated_at; Conflict on its id."""
        ...

    def get_memory(self, memory_id: str) -> BaseMemory | None:
        """The memory (archived or not) with its tags and links, or None."""
        ...

    def update_memory(self, memory: BaseMemory) -> None:
        """Replace every field but id and created_at, links included; NotFound if unknown."""
        ...

    def archive_memory(self, memory_id: str) -> None:
        """Mark a memory archived (hidden from lists by default); NotFound if unknown."""
        ...

    def delete_memory(self, memory_id: str) -> None:
        """Delete a memory with its tags and links; NotFound if unknown."""
        ...

    def add_link(self, memory_id: str, link: MemoryLink) -> None:
        """Add a link, or replace the details of the link with the same key; NotFound if unknown."""
        ...

    def remove_link(self, memory_id: str, link: MemoryLink) -> bool:
        """Remove the link with the same key (pattern id, constraint id, file, file+function)."""
        ...

    def list_memories(
        self, limit: int, *, after: MemoryCursor | None = None, include_archived: bool = False
    ) -> list[BaseMemory]:
        """Every memory, newest first."""
        ...

    def query_by_type(
        self,
        memory_type: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        """Memories of a (snake_case) type; ValueError for an unknown type."""
        ...

    def query_by_tag(
        self,
        tag: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        """Memories carrying exactly this tag (case-sensitive)."""
        ...

    def query_by_pattern(
        self,
        pattern_id: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        """Memories linked to this pattern."""
        ...

    def query_by_constraint(
        self,
        constraint_id: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        """Memories linked to this constraint."""
        ...

    def query_by_file(
        self,
        file_path: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        """Memories linked to this file, or to a function in it."""
        ...

    def query_by_function(
        self,
        file_path: str,
        function_name: str,
        limit: int,
        *,
        after: MemoryCursor | None = None,
        include_archived: bool = False,
    ) -> list[BaseMemory]:
        """Memories linked to this function of this file."""
        ...

    def count_memories(self, *, include_archived: bool = False) -> int:
        """Number of memories (archived ones only when asked)."""
        ...

    def close(self) -> None:
        """Release every resource; later calls raise ``EngineClosed``."""
        ...
