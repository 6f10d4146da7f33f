"""Contract tests for coupling metrics and cycles, constraints and their verifications,
contracts and contract mismatches (``IDriftStructural`` methods 1 to 17)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drift.errors import Conflict
from drift.records.structural import ConstraintVerificationRow, CouplingCycleRow
from drift.storage.testing.base import START_TIME, StorageUnderTest
from drift.storage.testing.structural_rows import (
    constraint_row,
    contract_row,
    coupling_row,
    mismatch_row,
    untyped,
)


class StructuralCouplingContract:
    """Coupling, constraint and contract methods of ``IDriftStructural``, on any backend."""

    # coupling_metrics

    def test_coupling_metrics_round_trip_and_upsert_replaces(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        first = coupling_row("pkg.core")
        drift.upsert_coupling_metrics(first)
        assert drift.get_coupling_metrics("pkg.core") == first

        changed = coupling_row(
            "pkg.core", ce=0, ca=9, instability=0.0, abstractness=1.0, distance=0.0, zone="pain"
        )
        drift.upsert_coupling_metrics(changed)
        assert drift.get_coupling_metrics("pkg.core") == changed
        assert drift.get_all_coupling_metrics() == [changed]
        assert drift.get_coupling_metrics("pkg.Core") is None

    def test_coupling_metrics_floats_come_back_as_floats(self, backend: StorageUnderTest) -> None:
        backend.drift.upsert_coupling_metrics(
            coupling_row("m", instability=1, abstractness=0, distance=1)
        )
        row = backend.drift.get_coupling_metrics("m")
        assert row is not None
        assert (row.instability, row.abstractness, row.distance) == (1.0, 0.0, 1.0)
        assert all(type(v) is float for v in (row.instability, row.abstractness, row.distance))

    def test_all_coupling_metrics_by_distance_descending_then_module(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        for module, distance in [("b", 0.5), ("c", 0.9), ("a", 0.5), ("Z", 0.1), ("é", 0.5)]:
            drift.upsert_coupling_metrics(coupling_row(module, distance=distance))
        assert [r.module for r in drift.get_all_coupling_metrics()] == ["c", "a", "b", "é", "Z"]

    def test_coupling_metrics_by_zone_is_exact_and_ordered_by_module(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.upsert_coupling_metrics(coupling_row("m2", zone="pain", distance=0.9))
        drift.upsert_coupling_metrics(coupling_row("m1", zone="pain", distance=0.1))
        drift.upsert_coupling_metrics(coupling_row("m0", zone="Pain"))
        drift.upsert_coupling_metrics(coupling_row("m3", zone="uselessness"))
        assert [r.module for r in drift.get_coupling_metrics_by_zone("pain")] == ["m1", "m2"]
        assert drift.get_coupling_metrics_by_zone("pai") == []
        # A zone change moves the module out of its old zone.
        drift.upsert_coupling_metrics(coupling_row("m1", zone="uselessness"))
        assert [r.module for r in drift.get_coupling_metrics_by_zone("pain")] == ["m2"]
        assert [r.module for r in drift.get_coupling_metrics_by_zone("uselessness")] == [
            "m1",
            "m3",
        ]

    # coupling_cycles

    def test_coupling_cycles_newest_first_with_id_tie_break(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.insert_coupling_cycle('["a", "b"]', '["cut a->b"]')
        later = backend.clock.advance(10)
        drift.insert_coupling_cycle('["c", "d"]', "[]")
        drift.insert_coupling_cycle('["e", "f", "g"]', '["cut f->g"]')

        cycles = drift.query_coupling_cycles()
        assert [c.members for c in cycles] == ['["e", "f", "g"]', '["c", "d"]', '["a", "b"]']
        assert [c.created_at for c in cycles] == [later, later, START_TIME]
        ids = [c.id for c in cycles]
        assert ids[0] > ids[1] > ids[2]
        assert cycles[2] == CouplingCycleRow(
            id=ids[2], members='["a", "b"]', break_suggestions='["cut a->b"]', created_at=START_TIME
        )

    # constraints

    def test_constraint_round_trip_and_upsert_replaces(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        row = constraint_row("c1", scope=None)
        drift.upsert_constraint(row)
        assert drift.get_constraint("c1") == row
        changed = constraint_row(
            "c1",
            description="new",
            invariant_type="layering",
            target="src/x",
            scope="src/x/",
            source="cli",
            enabled=False,
        )
        drift.upsert_constraint(changed)
        assert drift.get_constraint("c1") == changed
        assert drift.get_constraint("C1") is None

    def test_enabled_constraints_are_filtered_and_ordered_by_id(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        for cid, enabled in [("c3", True), ("c1", True), ("c2", False), ("c0", True)]:
            drift.upsert_constraint(constraint_row(cid, enabled=enabled))
        enabled_rows = drift.get_enabled_constraints()
        assert [r.id for r in enabled_rows] == ["c0", "c1", "c3"]
        assert all(r.enabled is True for r in enabled_rows)
        drift.upsert_constraint(constraint_row("c1", enabled=False))
        assert [r.id for r in drift.get_enabled_constraints()] == ["c0", "c3"]

    # constraint_verifications

    def test_verification_of_unknown_constraint_is_a_conflict(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        with pytest.raises(Conflict):
            drift.insert_constraint_verification("missing", True, "[]")
        assert drift.query_constraint_verifications("missing") == []
        # The refusal left the backend usable, and a verification of a real constraint works.
        drift.upsert_constraint(constraint_row("c1"))
        drift.insert_constraint_verification("c1", True, "[]")
        assert [v.constraint_id for v in drift.query_constraint_verifications("c1")] == ["c1"]
        with pytest.raises(Conflict):
            drift.insert_constraint_verification("c2", False, "[]")
        assert len(drift.query_constraint_verifications("c1")) == 1

    def test_verifications_newest_first_per_constraint(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.upsert_constraint(constraint_row("c1"))
        drift.upsert_constraint(constraint_row("c2"))
        drift.insert_constraint_verification("c1", True, "[]")
        drift.insert_constraint_verification("c2", False, '["x"]')
        later = backend.clock.advance(5)
        drift.insert_constraint_verification("c1", False, '["a.py:3"]')
        drift.insert_constraint_verification("c1", True, "[]")

        rows = drift.query_constraint_verifications("c1")
        assert [(r.passed, r.violations, r.verified_at) for r in rows] == [
            (True, "[]", later),
            (False, '["a.py:3"]', later),
            (True, "[]", START_TIME),
        ]
        assert rows[0].id > rows[1].id > rows[2].id
        assert all(type(r.passed) is bool for r in rows)
        (other,) = drift.query_constraint_verifications("c2")
        assert other == ConstraintVerificationRow(
            id=other.id,
            constraint_id="c2",
            passed=False,
            violations='["x"]',
            verified_at=START_TIME,
        )
        assert drift.query_constraint_verifications("c3") == []

    def test_replacing_a_verified_constraint_keeps_its_verifications(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.upsert_constraint(constraint_row("c1"))
        drift.insert_constraint_verification("c1", True, "[]")
        drift.upsert_constraint(constraint_row("c1", description="reworded"))
        assert drift.get_constraint("c1") == constraint_row("c1", description="reworded")
        assert len(drift.query_constraint_verifications("c1")) == 1

    # contracts

    def test_contract_round_trip_upsert_and_paradigm_filter(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.upsert_contract(contract_row("k2"))
        drift.upsert_contract(contract_row("k1", confidence=1))
        drift.upsert_contract(contract_row("k3", paradigm="graphql"))
        drift.upsert_contract(contract_row("k0", paradigm="REST"))
        k1 = drift.get_contract("k1")
        assert k1 == contract_row("k1", confidence=1.0)
        assert k1 is not None
        assert type(k1.confidence) is float
        assert [r.id for r in drift.get_contracts_by_paradigm("rest")] == ["k1", "k2"]

        changed = contract_row("k2", paradigm="graphql", source_file="b.py", endpoints="[]")
        drift.upsert_contract(changed)
        assert drift.get_contract("k2") == changed
        assert [r.id for r in drift.get_contracts_by_paradigm("rest")] == ["k1"]
        assert [r.id for r in drift.get_contracts_by_paradigm("graphql")] == ["k2", "k3"]
        assert drift.get_contract("k9") is None

    # contract_mismatches

    def test_mismatches_ignore_input_id_and_time_and_come_newest_first(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.insert_contract_mismatch(mismatch_row("path", id=77, created_at=5))
        later = backend.clock.advance(3)
        drift.insert_contract_mismatch(mismatch_row("method", message="GET vs POST"))
        drift.insert_contract_mismatch(mismatch_row("path", message="second"))

        rows = drift.query_contract_mismatches()
        assert [(r.mismatch_type, r.created_at) for r in rows] == [
            ("path", later),
            ("method", later),
            ("path", START_TIME),
        ]
        assert rows[0].id > rows[1].id > rows[2].id
        assert 77 not in [r.id for r in rows]
        assert rows[2] == mismatch_row("path", id=rows[2].id, created_at=START_TIME)

        by_type = drift.query_contract_mismatches_by_type("path")
        assert [r.message for r in by_type] == ["second", "path differs"]
        assert by_type == [rows[0], rows[2]]
        assert drift.query_contract_mismatches_by_type("Path") == []

    # empty database and argument checks

    def test_empty_database_has_no_coupling_or_contract_rows(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        assert drift.get_coupling_metrics("m") is None
        assert drift.get_all_coupling_metrics() == []
        assert drift.get_coupling_metrics_by_zone("pain") == []
        assert drift.query_coupling_cycles() == []
        assert drift.get_constraint("c") is None
        assert drift.get_enabled_constraints() == []
        assert drift.query_constraint_verifications("c") == []
        assert drift.get_contract("k") is None
        assert drift.get_contracts_by_paradigm("rest") == []
        assert drift.query_contract_mismatches() == []
        assert drift.query_contract_mismatches_by_type("path") == []

    def test_wrong_argument_types_raise_type_error_before_writing(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.upsert_constraint(constraint_row("c1"))
        bad_calls: list[Callable[[], object]] = [
            lambda: drift.upsert_coupling_metrics(untyped(constraint_row("c"))),
            lambda: drift.upsert_coupling_metrics(coupling_row("m", ce=untyped("3"))),
            lambda: drift.upsert_coupling_metrics(coupling_row("m", distance=untyped(True))),
            lambda: drift.get_coupling_metrics(untyped(1)),
            lambda: drift.get_coupling_metrics_by_zone(untyped(None)),
            lambda: drift.insert_coupling_cycle(untyped(["a"]), "[]"),
            lambda: drift.insert_coupling_cycle("[]", untyped(None)),
            lambda: drift.upsert_constraint(constraint_row("c2", enabled=untyped(1))),
            lambda: drift.upsert_constraint(untyped(None)),
            lambda: drift.get_constraint(untyped(b"c1")),
            lambda: drift.insert_constraint_verification("c1", untyped(1), "[]"),
            lambda: drift.insert_constraint_verification(untyped(1), True, "[]"),
            lambda: drift.insert_constraint_verification("c1", True, untyped(None)),
            lambda: drift.query_constraint_verifications(untyped(None)),
            lambda: drift.upsert_contract(contract_row("k", confidence=untyped("high"))),
            lambda: drift.get_contract(untyped(3)),
            lambda: drift.get_contracts_by_paradigm(untyped(None)),
            lambda: drift.insert_contract_mismatch(mismatch_row(untyped(None))),
            lambda: drift.insert_contract_mismatch(untyped(contract_row("k"))),
            lambda: drift.query_contract_mismatches_by_type(untyped(1)),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        assert drift.get_all_coupling_metrics() == []
        assert drift.query_coupling_cycles() == []
        assert drift.get_constraint("c2") is None
        assert drift.query_constraint_verifications("c1") == []
        assert drift.get_contract("k") is None
        assert drift.query_contract_mismatches() == []
