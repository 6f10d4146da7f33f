"""The contract every ``ICortexStorage`` backend meets: ``CortexStorageContract``."""

from __future__ import annotations

from typing import Any, cast

import pytest
from msgspec.structs import replace

from drift.errors import Conflict, EngineClosed, NotFound
from drift.records.cortex import (
    BaseMemory,
    ConstraintLink,
    FileLink,
    FunctionLink,
    MemoryCursor,
    PatternLink,
    content_data,
    typed_content,
)
from drift.storage.protocols.cortex import ICortexStorage
from drift.storage.testing.base import StorageUnderTest


def make_memory(memory_id: str, **fields: Any) -> BaseMemory:
    """A valid insight memory; keyword arguments override any field."""
    memory_type = fields.pop("memory_type", "insight")
    memory = BaseMemory(
        id=memory_id,
        memory_type=memory_type,
        content=typed_content(
            memory_type, {"observation": f"observation {memory_id}", "evidence": ["e"]}
        ),
        summary=f"summary of {memory_id}",
        confidence=0.75,
        importance="normal",
    )
    return replace(memory, **fields)


def _ids(memories: list[BaseMemory]) -> list[str]:
    return [memory.id for memory in memories]


class CortexStorageContract:
    """Every ``ICortexStorage`` method, the same answers on every backend."""

    def test_engine_satisfies_the_protocol(self, backend: StorageUnderTest) -> None:
        assert isinstance(backend.cortex, ICortexStorage)

    # -- create / get ---------------------------------------------------------------------------

    def test_create_and_get_round_trip(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        memory = make_memory(
            "m-1",
            memory_type="pattern_rationale",
            content=typed_content("pattern_rationale", {"pattern_name": "p", "examples": []}),
            summary="Pattern approved: p",
            confidence=0.8,
            importance="high",
            tags=("drift_bridge", "pattern_approved", "pattern:p"),
            linked_patterns=(PatternLink("p", "p"), PatternLink("a", "alpha")),
            linked_constraints=(ConstraintLink("c1", "no eval"),),
            linked_files=(FileLink("src/app.py", 3, 9, "abc"), FileLink("src/b.py")),
            linked_functions=(FunctionLink("run", "src/app.py", "def run() -> None"),),
            superseded_by="m-9",
            supersedes="m-0",
            namespace="agent://team/",
            source_agent="bot",
            created_at=5,
            updated_at=6,
        )
        store.create_memory(memory)
        now = backend.clock.now
        assert store.get_memory("m-1") == replace(memory, created_at=now, updated_at=now)

    def test_get_unknown_memory_is_none(self, backend: StorageUnderTest) -> None:
        assert backend.cortex.get_memory("absent") is None

    def test_create_stores_duplicate_tags_and_links_once(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(
            make_memory(
                "m-1",
                tags=("drift_bridge", "drift_bridge", "x", "drift_bridge"),
                linked_patterns=(PatternLink("p", "first"), PatternLink("p", "second")),
            )
        )
        stored = store.get_memory("m-1")
        assert stored is not None
        assert stored.tags == ("drift_bridge", "x")
        assert stored.linked_patterns == (PatternLink("p", "first"),)

    def test_create_clamps_confidence(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(make_memory("hi", confidence=1.5))
        store.create_memory(make_memory("lo", confidence=-0.25))
        high, low = store.get_memory("hi"), store.get_memory("lo")
        assert high is not None
        assert high.confidence == 1.0
        assert low is not None
        assert low.confidence == 0.0

    def test_create_with_a_taken_id_conflicts(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(make_memory("m-1", tags=("keep",)))
        with pytest.raises(Conflict):
            store.create_memory(make_memory("m-1", summary="other", tags=("new",)))
        stored = store.get_memory("m-1")
        assert stored is not None
        assert stored.summary == "summary of m-1"
        assert stored.tags == ("keep",)
        assert store.count_memories() == 1

    def test_unknown_vocabulary_is_rejected(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        with pytest.raises(ValueError, match="memory type"):
            store.create_memory(make_memory("m-1", memory_type="PatternRationale"))
        with pytest.raises(ValueError, match="importance"):
            store.create_memory(make_memory("m-2", importance="High"))
        with pytest.raises(ValueError, match="memory type"):
            store.query_by_type("Insight", 10)
        with pytest.raises(ValueError, match="content"):
            store.create_memory(make_memory("m-3", content="not json"))
        with pytest.raises(ValueError, match="content"):
            store.create_memory(make_memory("m-4", content="[1, 2]"))
        with pytest.raises(ValueError, match="finite"):
            store.create_memory(make_memory("m-5", confidence=float("nan")))
        with pytest.raises(ValueError, match="line"):
            store.create_memory(make_memory("m-6", linked_files=(FileLink("a.py", 0, 2),)))
        with pytest.raises(ValueError, match="line"):
            store.create_memory(make_memory("m-7", linked_files=(FileLink("a.py", 5, 2),)))
        assert store.count_memories(include_archived=True) == 0

    def test_wrong_types_raise_before_anything_is_written(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        bad: list[Any] = [
            "not a memory",
            make_memory("a", tags=cast(Any, ["list", "not tuple"])),
            make_memory("b", tags=cast(Any, ("ok", 3))),
            make_memory("c", confidence=cast(Any, "0.5")),
            make_memory("d", archived=cast(Any, 1)),
            make_memory("e", linked_patterns=cast(Any, (ConstraintLink("c", "c"),))),
            make_memory("f", linked_files=cast(Any, (FileLink(cast(Any, 7)),))),
            make_memory("g", created_at=cast(Any, "now")),
        ]
        for value in bad:
            with pytest.raises(TypeError):
                store.create_memory(value)
        with pytest.raises(TypeError):
            store.get_memory(cast(Any, 1))
        with pytest.raises(TypeError):
            store.add_link("a", cast(Any, "pattern:p"))
        with pytest.raises(TypeError):
            store.query_by_tag("t", cast(Any, "10"))
        with pytest.raises(TypeError):
            store.query_by_tag("t", 10, after=cast(Any, ("1", "a")))
        with pytest.raises(TypeError):
            store.count_memories(include_archived=cast(Any, 1))
        with pytest.raises(ValueError, match="limit"):
            store.list_memories(-1)
        assert store.count_memories(include_archived=True) == 0
        assert store.list_memories(10, include_archived=True) == []

    # -- update / archive / delete --------------------------------------------------------------

    def test_update_replaces_fields_and_links(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        created = backend.clock.now
        store.create_memory(
            make_memory(
                "m-1",
                tags=("a", "b"),
                linked_patterns=(PatternLink("p1", "one"),),
                linked_files=(FileLink("x.py", 1, 2),),
            )
        )
        backend.clock.advance(10)
        changed = make_memory(
            "m-1",
            memory_type="feedback",
            content=typed_content("feedback", {"feedback": "f", "category": "c", "source": "s"}),
            summary="changed",
            confidence=0.3,
            importance="critical",
            tags=("c", "a", "c"),
            linked_patterns=(PatternLink("p2", "two"),),
            linked_functions=(FunctionLink("f", "y.py"),),
            archived=True,
            created_at=1,
        )
        store.update_memory(changed)
        stored = store.get_memory("m-1")
        assert stored == replace(
            changed, tags=("c", "a"), created_at=created, updated_at=backend.clock.now
        )
        assert store.query_by_pattern("p1", 10, include_archived=True) == []
        assert store.query_by_file("x.py", 10, include_archived=True) == []
        assert _ids(store.query_by_pattern("p2", 10, include_archived=True)) == ["m-1"]

    def test_update_unknown_memory_is_not_found(self, backend: StorageUnderTest) -> None:
        with pytest.raises(NotFound):
            backend.cortex.update_memory(make_memory("ghost"))
        assert backend.cortex.get_memory("ghost") is None

    def test_archive_hides_from_lists_but_not_from_get(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(make_memory("old", tags=("t",)))
        backend.clock.advance()
        store.create_memory(make_memory("new", tags=("t",)))
        backend.clock.advance()
        store.archive_memory("old")
        archived = store.get_memory("old")
        assert archived is not None
        assert archived.archived is True
        assert archived.updated_at == backend.clock.now
        assert _ids(store.query_by_tag("t", 10)) == ["new"]
        assert _ids(store.query_by_tag("t", 10, include_archived=True)) == ["new", "old"]
        assert _ids(store.list_memories(10)) == ["new"]
        assert store.count_memories() == 1
        assert store.count_memories(include_archived=True) == 2
        with pytest.raises(NotFound):
            store.archive_memory("ghost")

    def test_delete_removes_memory_tags_and_links(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(
            make_memory(
                "m-1",
                tags=("t",),
                linked_patterns=(PatternLink("p", "p"),),
                linked_constraints=(ConstraintLink("c", "c"),),
                linked_files=(FileLink("a.py"),),
                linked_functions=(FunctionLink("f", "a.py"),),
            )
        )
        store.delete_memory("m-1")
        assert store.get_memory("m-1") is None
        assert store.count_memories(include_archived=True) == 0
        assert store.query_by_tag("t", 10, include_archived=True) == []
        assert store.query_by_pattern("p", 10, include_archived=True) == []
        assert store.query_by_constraint("c", 10, include_archived=True) == []
        assert store.query_by_file("a.py", 10, include_archived=True) == []
        assert store.query_by_function("a.py", "f", 10, include_archived=True) == []
        # The id is free again, and nothing of the old memory comes back with it.
        store.create_memory(make_memory("m-1"))
        again = store.get_memory("m-1")
        assert again is not None
        assert again.tags == ()
        assert again.links == ()
        with pytest.raises(NotFound):
            store.delete_memory("ghost")

    # -- links ----------------------------------------------------------------------------------

    def test_add_link_appends_or_replaces_in_place(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(
            make_memory(
                "m-1",
                linked_patterns=(PatternLink("p1", "one"), PatternLink("p2", "two")),
                linked_files=(FileLink("a.py", 1, 2),),
            )
        )
        backend.clock.advance(3)
        store.add_link("m-1", PatternLink("p3", "three"))
        store.add_link("m-1", PatternLink("p1", "uno"))
        store.add_link("m-1", ConstraintLink("c1", "rule"))
        store.add_link("m-1", FileLink("a.py", 4, 8, "h"))
        store.add_link("m-1", FileLink("b.py"))
        store.add_link("m-1", FunctionLink("f", "a.py", "def f()"))
        store.add_link("m-1", FunctionLink("f", "a.py", "def f(x)"))
        stored = store.get_memory("m-1")
        assert stored is not None
        assert stored.linked_patterns == (
            PatternLink("p1", "uno"),
            PatternLink("p2", "two"),
            PatternLink("p3", "three"),
        )
        assert stored.linked_constraints == (ConstraintLink("c1", "rule"),)
        assert stored.linked_files == (FileLink("a.py", 4, 8, "h"), FileLink("b.py"))
        assert stored.linked_functions == (FunctionLink("f", "a.py", "def f(x)"),)
        assert stored.updated_at == backend.clock.now
        assert stored.created_at == backend.clock.now - 3

    def test_add_link_to_unknown_memory_is_not_found(self, backend: StorageUnderTest) -> None:
        with pytest.raises(NotFound):
            backend.cortex.add_link("ghost", PatternLink("p", "p"))
        assert backend.cortex.query_by_pattern("p", 10, include_archived=True) == []

    def test_remove_link_by_key(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(
            make_memory(
                "m-1",
                linked_patterns=(PatternLink("p1", "one"), PatternLink("p2", "two")),
                linked_constraints=(ConstraintLink("c1", "rule"),),
                linked_files=(FileLink("a.py", 1, 2),),
                linked_functions=(FunctionLink("f", "a.py"), FunctionLink("g", "a.py")),
            )
        )
        backend.clock.advance()
        # Only the key counts: the name, lines and signature given here are not compared.
        assert store.remove_link("m-1", PatternLink("p1", "ignored")) is True
        assert store.remove_link("m-1", ConstraintLink("c1", "")) is True
        assert store.remove_link("m-1", FileLink("a.py", 7, 9)) is True
        assert store.remove_link("m-1", FunctionLink("g", "a.py", "sig")) is True
        assert store.remove_link("m-1", PatternLink("p1", "one")) is False
        assert store.remove_link("m-1", FunctionLink("f", "b.py")) is False
        assert store.remove_link("ghost", PatternLink("p2", "two")) is False
        stored = store.get_memory("m-1")
        assert stored is not None
        assert stored.links == (PatternLink("p2", "two"), FunctionLink("f", "a.py"))
        assert stored.updated_at == backend.clock.now
        # Re-adding a removed link puts it after the remaining ones.
        store.add_link("m-1", PatternLink("p1", "one"))
        again = store.get_memory("m-1")
        assert again is not None
        assert again.linked_patterns == (PatternLink("p2", "two"), PatternLink("p1", "one"))

    # -- queries --------------------------------------------------------------------------------

    def test_query_by_type_newest_first_ties_by_id(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(make_memory("b"))
        store.create_memory(make_memory("a"))
        store.create_memory(make_memory("z", memory_type="tribal"))
        backend.clock.advance()
        store.create_memory(make_memory("c"))
        assert _ids(store.query_by_type("insight", 10)) == ["c", "b", "a"]
        assert _ids(store.query_by_type("insight", 2)) == ["c", "b"]
        assert store.query_by_type("insight", 0) == []
        assert _ids(store.query_by_type("tribal", 10)) == ["z"]
        assert store.query_by_type("skill", 10) == []

    def test_pages_follow_the_keyset_cursor(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        for name in ("m-a", "m-b", "m-c"):
            store.create_memory(make_memory(name, tags=("t",)))
        backend.clock.advance()
        for name in ("m-d", "m-e"):
            store.create_memory(make_memory(name, tags=("t",)))
        first = store.list_memories(2)
        assert _ids(first) == ["m-e", "m-d"]
        second = store.list_memories(2, after=MemoryCursor.of(first[-1]))
        assert _ids(second) == ["m-c", "m-b"]
        # Deleting the memory a cursor points at does not break the next page.
        store.delete_memory("m-b")
        third = store.list_memories(2, after=MemoryCursor.of(second[-1]))
        assert _ids(third) == ["m-a"]
        assert store.list_memories(2, after=MemoryCursor.of(third[-1])) == []
        tagged = store.query_by_tag("t", 10, after=MemoryCursor(backend.clock.now, "m-e"))
        assert _ids(tagged) == ["m-d", "m-c", "m-a"]
        by_type = store.query_by_type("insight", 1, after=MemoryCursor.of(first[0]))
        assert _ids(by_type) == ["m-d"]

    def test_query_by_tag_is_exact_and_case_sensitive(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(make_memory("auth", tags=("auth",)))
        store.create_memory(make_memory("long", tags=("authentication",)))
        store.create_memory(make_memory("upper", tags=("Auth",)))
        store.create_memory(make_memory("pct", tags=("50%_off",)))
        store.create_memory(make_memory("near", tags=("50%Xoff", "50xyoff")))
        store.create_memory(make_memory("slash", tags=("a\\b", 'say "hi"')))
        assert _ids(store.query_by_tag("auth", 10)) == ["auth"]
        assert _ids(store.query_by_tag("Auth", 10)) == ["upper"]
        assert _ids(store.query_by_tag("50%_off", 10)) == ["pct"]
        assert store.query_by_tag("%", 10) == []
        assert store.query_by_tag("50%", 10) == []
        assert _ids(store.query_by_tag("a\\b", 10)) == ["slash"]
        assert _ids(store.query_by_tag('say "hi"', 10)) == ["slash"]

    def test_query_by_pattern_constraint_file_function(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(
            make_memory(
                "one",
                linked_patterns=(PatternLink("p", "p"),),
                linked_files=(FileLink("src/a.py"),),
            )
        )
        store.create_memory(
            make_memory(
                "two",
                linked_constraints=(ConstraintLink("c", "c"),),
                linked_functions=(FunctionLink("run", "src/a.py"),),
            )
        )
        backend.clock.advance()
        store.create_memory(
            make_memory(
                "three",
                linked_patterns=(PatternLink("p", "p"), PatternLink("q", "q")),
                linked_functions=(FunctionLink("run", "src/b.py"),),
            )
        )
        assert _ids(store.query_by_pattern("p", 10)) == ["three", "one"]
        assert _ids(store.query_by_pattern("q", 10)) == ["three"]
        assert _ids(store.query_by_constraint("c", 10)) == ["two"]
        # A file matches its file links and the functions linked in it.
        assert _ids(store.query_by_file("src/a.py", 10)) == ["two", "one"]
        assert _ids(store.query_by_file("src/b.py", 10)) == ["three"]
        assert _ids(store.query_by_file("src", 10)) == []
        assert _ids(store.query_by_function("src/a.py", "run", 10)) == ["two"]
        assert store.query_by_function("src/a.py", "walk", 10) == []
        listed = store.query_by_pattern("p", 1)
        assert len(listed) == 1
        assert listed[0].linked_patterns == (PatternLink("p", "p"), PatternLink("q", "q"))

    def test_count_memories(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        assert store.count_memories() == 0
        for name in ("a", "b", "c"):
            store.create_memory(make_memory(name))
        store.archive_memory("b")
        assert store.count_memories() == 2
        assert store.count_memories(include_archived=True) == 3
        store.delete_memory("a")
        assert store.count_memories() == 1
        assert store.count_memories(include_archived=True) == 2

    def test_content_round_trips_as_text(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        data = {"observation": 'naïve ✓ "quoted"', "evidence": ["x", "y"]}
        store.create_memory(make_memory("m-1", content=typed_content("insight", data)))
        stored = store.get_memory("m-1")
        assert stored is not None
        assert content_data(stored) == {"type": "insight", "data": data}

    def test_closed_engine_refuses_work(self, backend: StorageUnderTest) -> None:
        store = backend.cortex
        store.create_memory(make_memory("m-1"))
        cast(Any, store).close()  # every engine has close(); the protocol does not
        with pytest.raises(EngineClosed):
            store.get_memory("m-1")
        with pytest.raises(EngineClosed):
            store.create_memory(make_memory("m-2"))
