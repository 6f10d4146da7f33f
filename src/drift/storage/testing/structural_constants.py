"""Contract tests for constants and environment variables (``IDriftStructural`` methods 38
to 51)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drift.storage.testing.base import START_TIME, StorageUnderTest
from drift.storage.testing.structural_rows import constant_row, env_row, untyped


class StructuralConstantsContract:
    """Constant and environment-variable methods of ``IDriftStructural``."""

    # constants

    def test_constant_ignores_input_id_and_time(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_constant(constant_row("MAX", "a.py", 3, id=99, created_at=5))
        (row,) = drift.query_constants_by_file("a.py")
        assert row.id != 99
        assert row == constant_row("MAX", "a.py", 3, id=row.id, created_at=START_TIME)
        assert (type(row.is_used), type(row.is_named)) == (bool, bool)
        assert drift.count_constants() == 1

    def test_constants_by_file_ordered_by_line_then_id(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_constant(constant_row("C", "a.py", 30))
        drift.insert_constant(constant_row("A", "a.py", 10))
        drift.insert_constant(constant_row("B", "b.py", 1))
        drift.insert_constant(constant_row("D", "a.py", 10))
        rows = drift.query_constants_by_file("a.py")
        assert [r.name for r in rows] == ["A", "D", "C"]
        assert rows[0].id < rows[1].id
        assert drift.query_constants_by_file("a") == []

    def test_unused_constants_and_magic_numbers(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_constants_batch(
            [
                constant_row("U2", "b.py", 1, is_used=False),
                constant_row("N", "a.py", 9, is_named=False, value="3.14"),
                constant_row("U1", "a.py", 5, is_used=False),
                constant_row("both", "a.py", 5, is_used=False, is_named=False),
                constant_row("ok", "a.py", 1),
                constant_row("N2", "B.py", 7, is_named=False),
            ]
        )
        assert [r.name for r in drift.query_unused_constants()] == ["U1", "both", "U2"]
        assert [r.name for r in drift.query_magic_numbers()] == ["N2", "both", "N"]
        assert all(r.is_used is False for r in drift.query_unused_constants())

    def test_constants_batch_writes_all_with_one_time_and_growing_ids(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.insert_constants_batch([])
        assert drift.count_constants() == 0
        rows = [constant_row(f"K{i}", "a.py", i, id=7) for i in range(5)]
        drift.insert_constants_batch(rows)
        stored = drift.query_constants_by_file("a.py")
        assert [r.name for r in stored] == ["K0", "K1", "K2", "K3", "K4"]
        assert len({r.id for r in stored}) == 5
        assert [r.id for r in stored] == sorted(r.id for r in stored)
        assert {r.created_at for r in stored} == {START_TIME}
        assert drift.count_constants() == 5

    def test_delete_constants_by_file_returns_count(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_constants_batch(
            [
                constant_row("A", "a.py", 1),
                constant_row("B", "a.py", 2),
                constant_row("C", "b.py", 1),
            ]
        )
        assert drift.delete_constants_by_file("A.py") == 0
        assert drift.delete_constants_by_file("a.py") == 2
        assert drift.delete_constants_by_file("a.py") == 0
        assert drift.count_constants() == 1
        assert [r.name for r in drift.query_constants_by_file("b.py")] == ["C"]

    # env_variables

    def test_env_variable_ignores_input_id_and_time(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        later = backend.clock.advance(60)
        given = env_row("DB_URL", "cfg.py", 4, id=12, created_at=1, framework_prefix="DJANGO_")
        drift.insert_env_variable(given)
        (row,) = drift.query_env_variables_by_name("DB_URL")
        assert row.id is not None
        assert row.id != 12
        assert row == env_row(
            "DB_URL", "cfg.py", 4, id=row.id, created_at=later, framework_prefix="DJANGO_"
        )
        assert drift.count_env_variables() == 1

    def test_env_variables_by_name_and_by_file_orders(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_env_variables_batch(
            [
                env_row("HOME", "b.py", 2),
                env_row("HOME", "a.py", 9),
                env_row("PATH", "a.py", 1),
                env_row("HOME", "a.py", 3),
                env_row("HOME", "a.py", 3, access_method="os.getenv"),
                env_row("home", "a.py", 5),
            ]
        )
        by_name = drift.query_env_variables_by_name("HOME")
        assert [(r.file, r.line) for r in by_name] == [
            ("a.py", 3),
            ("a.py", 3),
            ("a.py", 9),
            ("b.py", 2),
        ]
        assert [r.access_method for r in by_name[:2]] == ["os.environ.get", "os.getenv"]
        assert by_name[0].id is not None
        assert by_name[1].id is not None
        assert by_name[0].id < by_name[1].id
        by_file = drift.query_env_variables_by_file("a.py")
        assert [(r.name, r.line) for r in by_file] == [
            ("PATH", 1),
            ("HOME", 3),
            ("HOME", 3),
            ("home", 5),
            ("HOME", 9),
        ]

    def test_missing_env_variables_need_no_default_and_no_definition(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.insert_env_variables_batch(
            [
                env_row("B", "x.py", 1, defined_in_env=False),
                env_row("A", "y.py", 1, defined_in_env=False),
                env_row("A", "x.py", 7, defined_in_env=False),
                env_row("A", "x.py", 2, defined_in_env=False),
                env_row("C", "x.py", 1, defined_in_env=False, has_default=True),
                env_row("D", "x.py", 1, defined_in_env=True, has_default=False),
                env_row("E", "x.py", 1, defined_in_env=True, has_default=True),
            ]
        )
        missing = drift.query_missing_env_variables()
        # Ordered by name, then file, then id (insertion order), not by line.
        assert [(r.name, r.file, r.line) for r in missing] == [
            ("A", "x.py", 7),
            ("A", "x.py", 2),
            ("A", "y.py", 1),
            ("B", "x.py", 1),
        ]
        assert all(r.has_default is False and r.defined_in_env is False for r in missing)

    def test_env_batch_delete_and_count(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_env_variables_batch([])
        assert drift.count_env_variables() == 0
        drift.insert_env_variables_batch(
            [env_row("A", "a.py", 1), env_row("B", "a.py", 2), env_row("C", "c.py", 1)]
        )
        assert drift.count_env_variables() == 3
        assert {r.created_at for r in drift.query_env_variables_by_file("a.py")} == {START_TIME}
        assert drift.delete_env_variables_by_file("a.py") == 2
        assert drift.delete_env_variables_by_file("a.py") == 0
        assert drift.count_env_variables() == 1
        assert drift.query_env_variables_by_name("A") == []

    # empty database and argument checks

    def test_empty_database_has_no_constants_or_env_variables(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        assert drift.query_constants_by_file("a.py") == []
        assert drift.query_unused_constants() == []
        assert drift.query_magic_numbers() == []
        assert drift.delete_constants_by_file("a.py") == 0
        assert drift.count_constants() == 0
        assert drift.query_env_variables_by_name("HOME") == []
        assert drift.query_env_variables_by_file("a.py") == []
        assert drift.query_missing_env_variables() == []
        assert drift.delete_env_variables_by_file("a.py") == 0
        assert drift.count_env_variables() == 0

    def test_wrong_argument_types_raise_type_error_before_writing(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        good = constant_row("A", "a.py", 1)
        bad_calls: list[Callable[[], object]] = [
            lambda: drift.insert_constant(constant_row("A", "a.py", 1, is_used=untyped(1))),
            lambda: drift.insert_constant(untyped(env_row("A", "a.py", 1))),
            # One bad row refuses the whole batch.
            lambda: drift.insert_constants_batch([good, constant_row("B", "a.py", untyped("2"))]),
            lambda: drift.insert_constants_batch(untyped(good)),
            lambda: drift.query_constants_by_file(untyped(None)),
            lambda: drift.delete_constants_by_file(untyped(None)),
            lambda: drift.insert_env_variable(env_row("A", "a.py", 1, has_default=untyped(None))),
            lambda: drift.insert_env_variables_batch(
                [env_row("A", "a.py", 1), untyped(constant_row("B", "a.py", 1))]
            ),
            lambda: drift.insert_env_variables_batch(untyped(None)),
            lambda: drift.query_env_variables_by_name(untyped(1)),
            lambda: drift.query_env_variables_by_file(untyped(1)),
            lambda: drift.delete_env_variables_by_file(untyped(1)),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        assert drift.count_constants() == 0
        assert drift.count_env_variables() == 0
