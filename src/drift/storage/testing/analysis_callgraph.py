"""Contract tests for the functions and call-edge methods of ``IDriftAnalysis``.

Functions have no insert method on the protocol; the tests write them with the batch writer
(``InsertFunctions``), as the scan pipeline does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from msgspec.structs import replace

from drift.records.analysis import FunctionRow
from drift.records.batch import InsertFunctions
from drift.storage.testing.analysis_rows import edge, function_row, untyped, write
from drift.storage.testing.base import StorageUnderTest


def _store_functions(backend: StorageUnderTest, *rows: FunctionRow) -> list[FunctionRow]:
    """Write ``rows`` and return them as stored (with their ids), in the order given."""
    write(backend, InsertFunctions(list(rows)))
    stored: list[FunctionRow] = []
    for row in rows:
        match = [
            found
            for found in backend.drift.get_functions_by_file(row.file)
            if (found.name, found.line) == (row.name, row.line)
        ]
        assert len(match) == 1
        stored.append(match[0])
    return stored


class AnalysisCallGraphContract:
    """Functions and call edges."""

    def test_empty_database_has_no_functions_or_edges(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        assert drift.get_functions_by_file("a.py") == []
        assert drift.get_function_by_qualified_name("a.f") is None
        assert drift.count_functions() == 0
        assert drift.count_entry_points() == 0
        assert drift.get_edges_by_caller(1) == []
        assert drift.get_edges_by_callee(1) == []
        assert drift.count_call_edges() == 0
        assert drift.count_resolved_edges() == 0
        assert drift.delete_functions_by_file("a.py") == 0
        assert drift.delete_edges_by_file("a.py") == 0

    def test_function_round_trips_every_field(self, backend: StorageUnderTest) -> None:
        row = function_row(
            "pkg/mod.py",
            "handler",
            12,
            qualified_name=None,
            return_type=None,
            is_exported=False,
            is_async=True,
            body_hash=b"\x00\xff",
            signature_hash=bytearray(b"\x10sig"),
            parameter_count=0,
        )
        (stored,) = _store_functions(backend, row)
        assert stored.id > 0
        assert stored == replace(row, id=stored.id, signature_hash=b"\x10sig")
        assert type(stored.signature_hash) is bytes
        assert stored.is_async is True
        assert stored.is_exported is False

    def test_functions_by_file_are_ordered_by_line_then_id(self, backend: StorageUnderTest) -> None:
        stored = _store_functions(
            backend,
            function_row("a.py", "late", 30),
            function_row("a.py", "first_at_10", 10),
            function_row("b.py", "other", 1),
            function_row("a.py", "middle", 20),
            function_row("a.py", "second_at_10", 10),
        )
        ids = {row.name: row.id for row in stored}
        assert ids["first_at_10"] < ids["second_at_10"]
        names = [row.name for row in backend.drift.get_functions_by_file("a.py")]
        assert names == ["first_at_10", "second_at_10", "middle", "late"]
        assert backend.drift.get_functions_by_file("A.py") == []
        assert backend.drift.count_functions() == 5

    def test_all_functions_are_ordered_by_file_then_line_then_id(
        self, backend: StorageUnderTest
    ) -> None:
        assert backend.drift.query_all_functions() == []
        stored = _store_functions(
            backend,
            function_row("b.py", "b_late", 30),
            function_row("a.py", "a_second_at_10", 10),
            function_row("B.py", "upper", 5),
            function_row("a.py", "a_first", 2),
            function_row("b.py", "b_early", 1),
            function_row("a.py", "a_third_at_10", 10),
        )
        found = backend.drift.query_all_functions()
        assert [row.name for row in found] == [
            "upper",  # "B.py" < "a.py": text order is byte order
            "a_first",
            "a_second_at_10",
            "a_third_at_10",
            "b_early",
            "b_late",
        ]
        assert sorted(found, key=lambda row: row.id) == sorted(stored, key=lambda row: row.id)

    def test_function_ids_are_distinct_and_grow(self, backend: StorageUnderTest) -> None:
        stored = _store_functions(
            backend, function_row("a.py", "f", 1), function_row("a.py", "g", 2)
        )
        more = _store_functions(backend, function_row("b.py", "h", 1))
        assert stored[0].id < stored[1].id < more[0].id

    def test_reinserting_a_function_updates_it_and_keeps_its_id(
        self, backend: StorageUnderTest
    ) -> None:
        (first,) = _store_functions(backend, function_row("a.py", "f", 1))
        changed = function_row("a.py", "f", 1, end_line=99, return_type="str", is_async=True)
        (second,) = _store_functions(backend, changed)
        assert second == replace(changed, id=first.id)
        assert backend.drift.count_functions() == 1

    def test_get_function_by_qualified_name_is_exact_and_takes_the_lowest_id(
        self, backend: StorageUnderTest
    ) -> None:
        stored = _store_functions(
            backend,
            function_row("a.py", "f", 1, qualified_name="pkg.f"),
            function_row("b.py", "f", 1, qualified_name="pkg.f"),
            function_row("c.py", "g", 1, qualified_name="pkg.g"),
            function_row("d.py", "h", 1, qualified_name=None),
        )
        assert backend.drift.get_function_by_qualified_name("pkg.f") == stored[0]
        assert backend.drift.get_function_by_qualified_name("pkg.g") == stored[2]
        assert backend.drift.get_function_by_qualified_name("PKG.f") is None
        assert backend.drift.get_function_by_qualified_name("pkg.%") is None

    def test_delete_functions_by_file_removes_only_that_file(
        self, backend: StorageUnderTest
    ) -> None:
        stored = _store_functions(
            backend,
            function_row("a.py", "f", 1),
            function_row("a.py", "g", 2),
            function_row("b.py", "h", 1),
        )
        assert backend.drift.delete_functions_by_file("a.py") == 2
        assert backend.drift.get_functions_by_file("a.py") == []
        assert backend.drift.get_functions_by_file("b.py") == [stored[2]]
        assert backend.drift.count_functions() == 1
        assert backend.drift.delete_functions_by_file("a.py") == 0

    def test_count_entry_points_counts_functions_never_called(
        self, backend: StorageUnderTest
    ) -> None:
        main, helper, util, orphan = _store_functions(
            backend,
            function_row("a.py", "main", 1),
            function_row("a.py", "helper", 10),
            function_row("b.py", "util", 1),
            function_row("b.py", "orphan", 10),
        )
        assert backend.drift.count_entry_points() == 4
        backend.drift.insert_call_edges(
            [
                edge(main.id, helper.id, 2),
                edge(main.id, util.id, 3),
                edge(helper.id, util.id, 11),
                edge(util.id, 9_999, 2),
            ]
        )
        # main and orphan are never a callee; an edge to an unknown id changes nothing.
        assert backend.drift.count_entry_points() == 2
        assert orphan.id not in {main.id, helper.id, util.id}

    def test_insert_call_edges_returns_the_count_and_round_trips(
        self, backend: StorageUnderTest
    ) -> None:
        edges = [
            edge(1, 2, 10, resolution="import", confidence=0.75),
            edge(1, 3, 11),
            edge(2, 3, 5, confidence=1),
        ]
        assert backend.drift.insert_call_edges(edges) == 3
        assert backend.drift.insert_call_edges([]) == 0
        assert backend.drift.get_edges_by_caller(1) == edges[:2]
        (stored,) = backend.drift.get_edges_by_caller(2)
        assert stored == edges[2]
        assert type(stored.confidence) is float
        assert backend.drift.count_call_edges() == 3

    def test_insert_call_edges_upserts_on_caller_callee_and_line(
        self, backend: StorageUnderTest
    ) -> None:
        backend.drift.insert_call_edges([edge(1, 2, 10), edge(1, 2, 20)])
        replacement = edge(1, 2, 10, resolution="fuzzy", confidence=0.25)
        assert backend.drift.insert_call_edges([replacement]) == 1
        assert backend.drift.get_edges_by_caller(1) == [replacement, edge(1, 2, 20)]
        assert backend.drift.count_call_edges() == 2
        # The same key twice in one call: the later row wins.
        last = edge(5, 6, 1, resolution="method")
        backend.drift.insert_call_edges([edge(5, 6, 1), last])
        assert backend.drift.get_edges_by_caller(5) == [last]

    def test_edges_are_ordered_by_the_other_end_then_line(self, backend: StorageUnderTest) -> None:
        backend.drift.insert_call_edges(
            [edge(1, 9, 5), edge(1, 3, 7), edge(1, 3, 2), edge(4, 3, 1), edge(2, 3, 8)]
        )
        by_caller = backend.drift.get_edges_by_caller(1)
        assert [(e.callee_id, e.call_site_line) for e in by_caller] == [(3, 2), (3, 7), (9, 5)]
        by_callee = backend.drift.get_edges_by_callee(3)
        assert [(e.caller_id, e.call_site_line) for e in by_callee] == [
            (1, 2),
            (1, 7),
            (2, 8),
            (4, 1),
        ]
        assert backend.drift.get_edges_by_callee(1) == []

    def test_delete_edges_by_file_removes_edges_touching_its_functions(
        self, backend: StorageUnderTest
    ) -> None:
        a1, a2, b1, c1 = _store_functions(
            backend,
            function_row("a.py", "a1", 1),
            function_row("a.py", "a2", 2),
            function_row("b.py", "b1", 1),
            function_row("c.py", "c1", 1),
        )
        backend.drift.insert_call_edges(
            [
                edge(a1.id, a2.id, 1),  # inside a.py
                edge(a1.id, b1.id, 2),  # a.py calls out
                edge(c1.id, a2.id, 3),  # a.py is called
                edge(b1.id, c1.id, 4),  # untouched
            ]
        )
        assert backend.drift.delete_edges_by_file("a.py") == 3
        assert backend.drift.count_call_edges() == 1
        assert backend.drift.get_edges_by_caller(b1.id) == [edge(b1.id, c1.id, 4)]
        assert backend.drift.count_functions() == 4  # functions stay
        assert backend.drift.delete_edges_by_file("a.py") == 0
        assert backend.drift.delete_edges_by_file("unknown.py") == 0

    def test_count_resolved_edges_excludes_fuzzy_and_unresolved(
        self, backend: StorageUnderTest
    ) -> None:
        backend.drift.insert_call_edges(
            [
                edge(1, 2, 1, resolution="exact"),
                edge(1, 2, 2, resolution="import"),
                edge(1, 2, 3, resolution="fuzzy"),
                edge(1, 2, 4, resolution="unresolved"),
                edge(1, 2, 5, resolution="Fuzzy"),  # case matters: this one counts
            ]
        )
        assert backend.drift.count_call_edges() == 5
        assert backend.drift.count_resolved_edges() == 3

    def test_insert_call_edges_is_all_or_nothing(self, backend: StorageUnderTest) -> None:
        bad = replace(edge(1, 2, 3), confidence=untyped("high"))
        with pytest.raises(TypeError):
            backend.drift.insert_call_edges([edge(1, 2, 1), edge(1, 2, 2), bad])
        assert backend.drift.count_call_edges() == 0

    def test_wrong_argument_types_raise_type_error(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        calls: list[Callable[[], Any]] = [
            lambda: drift.get_functions_by_file(untyped(None)),
            lambda: drift.get_function_by_qualified_name(untyped(b"pkg.f")),
            lambda: drift.delete_functions_by_file(untyped(3)),
            lambda: drift.insert_call_edges(untyped(edge(1, 2, 3))),
            lambda: drift.insert_call_edges(untyped([(1, 2, "exact", 1.0, 3)])),
            lambda: drift.insert_call_edges([replace(edge(1, 2, 3), caller_id=True)]),
            lambda: drift.get_edges_by_caller(untyped("1")),
            lambda: drift.get_edges_by_callee(untyped(1.0)),
            lambda: drift.delete_edges_by_file(untyped(["a.py"])),
        ]
        for call in calls:
            with pytest.raises(TypeError):
                call()
        assert drift.count_call_edges() == 0
