"""Coupling metrics and cycles, constraints and their verifications, contracts and contract
mismatches in plain Python: the ``MemoryStructuralCoupling`` mixin of ``MemoryDriftStructural``.

Orders and tie-breaks are those of ``drift.storage.sql.structural_coupling``.
"""

from __future__ import annotations

from drift.errors import Conflict
from drift.records.structural import (
    ConstraintRow,
    ConstraintVerificationRow,
    ContractMismatchRow,
    ContractRow,
    CouplingCycleRow,
    CouplingMetricsRow,
)
from drift.records.validation import check_bool, check_record, check_str
from drift.storage.memory.core import MemoryCore
from drift.storage.memory.structural_values import stored


class MemoryStructuralCoupling(MemoryCore):
    """Coupling, constraint and contract methods of ``IDriftStructural`` over dicts."""

    _t_coupling_metrics: dict[str, CouplingMetricsRow]
    _t_coupling_cycles: dict[int, CouplingCycleRow]
    _t_constraints: dict[str, ConstraintRow]
    _t_constraint_verifications: dict[int, ConstraintVerificationRow]
    _t_contracts: dict[str, ContractRow]
    _t_contract_mismatches: dict[int, ContractMismatchRow]

    def _init_structural_coupling(self) -> None:
        self._t_coupling_metrics = {}
        self._t_coupling_cycles = {}
        self._t_constraints = {}
        self._t_constraint_verifications = {}
        self._t_contracts = {}
        self._t_contract_mismatches = {}

    # coupling_metrics

    def upsert_coupling_metrics(self, row: CouplingMetricsRow) -> None:
        check_record(row, CouplingMetricsRow)
        with self._lock:
            self._t_coupling_metrics[row.module] = stored(row)

    def get_coupling_metrics(self, module: str) -> CouplingMetricsRow | None:
        check_str("module", module)
        with self._lock:
            return self._t_coupling_metrics.get(module)

    def get_all_coupling_metrics(self) -> list[CouplingMetricsRow]:
        with self._lock:
            return sorted(self._t_coupling_metrics.values(), key=lambda r: (-r.distance, r.module))

    def get_coupling_metrics_by_zone(self, zone: str) -> list[CouplingMetricsRow]:
        check_str("zone", zone)
        with self._lock:
            rows = [r for r in self._t_coupling_metrics.values() if r.zone == zone]
            return sorted(rows, key=lambda r: r.module)

    # coupling_cycles

    def insert_coupling_cycle(self, members: str, break_suggestions: str) -> None:
        check_str("members", members)
        check_str("break_suggestions", break_suggestions)
        with self._lock:
            new_id = self._next_id("coupling_cycles")
            self._t_coupling_cycles[new_id] = CouplingCycleRow(
                id=new_id,
                members=members,
                break_suggestions=break_suggestions,
                created_at=self._now(),
            )

    def query_coupling_cycles(self) -> list[CouplingCycleRow]:
        with self._lock:
            return sorted(self._t_coupling_cycles.values(), key=lambda r: (-r.created_at, -r.id))

    # constraints

    def upsert_constraint(self, row: ConstraintRow) -> None:
        check_record(row, ConstraintRow)
        with self._lock:
            self._t_constraints[row.id] = row

    def get_constraint(self, id: str) -> ConstraintRow | None:
        check_str("id", id)
        with self._lock:
            return self._t_constraints.get(id)

    def get_enabled_constraints(self) -> list[ConstraintRow]:
        with self._lock:
            rows = [r for r in self._t_constraints.values() if r.enabled]
            return sorted(rows, key=lambda r: r.id)

    # constraint_verifications

    def insert_constraint_verification(
        self, constraint_id: str, passed: bool, violations: str
    ) -> None:
        check_str("constraint_id", constraint_id)
        check_bool("passed", passed)
        check_str("violations", violations)
        with self._lock:
            # The SQL backends refuse this through the foreign key to constraints(id).
            if constraint_id not in self._t_constraints:
                raise Conflict(
                    f"FOREIGN KEY constraint failed: no constraint with id {constraint_id!r}"
                )
            new_id = self._next_id("constraint_verifications")
            self._t_constraint_verifications[new_id] = ConstraintVerificationRow(
                id=new_id,
                constraint_id=constraint_id,
                passed=passed,
                violations=violations,
                verified_at=self._now(),
            )

    def query_constraint_verifications(self, constraint_id: str) -> list[ConstraintVerificationRow]:
        check_str("constraint_id", constraint_id)
        with self._lock:
            rows = [
                r
                for r in self._t_constraint_verifications.values()
                if r.constraint_id == constraint_id
            ]
            return sorted(rows, key=lambda r: (-r.verified_at, -r.id))

    # contracts

    def upsert_contract(self, row: ContractRow) -> None:
        check_record(row, ContractRow)
        with self._lock:
            self._t_contracts[row.id] = stored(row)

    def get_contract(self, id: str) -> ContractRow | None:
        check_str("id", id)
        with self._lock:
            return self._t_contracts.get(id)

    def get_contracts_by_paradigm(self, paradigm: str) -> list[ContractRow]:
        check_str("paradigm", paradigm)
        with self._lock:
            rows = [r for r in self._t_contracts.values() if r.paradigm == paradigm]
            return sorted(rows, key=lambda r: r.id)

    # contract_mismatches

    def insert_contract_mismatch(self, row: ContractMismatchRow) -> None:
        check_record(row, ContractMismatchRow)
        with self._lock:
            new_id = self._next_id("contract_mismatches")
            self._t_contract_mismatches[new_id] = stored(row, id=new_id, created_at=self._now())

    def query_contract_mismatches(self) -> list[ContractMismatchRow]:
        with self._lock:
            return sorted(
                self._t_contract_mismatches.values(), key=lambda r: (-r.created_at, -r.id)
            )

    def query_contract_mismatches_by_type(self, mismatch_type: str) -> list[ContractMismatchRow]:
        check_str("mismatch_type", mismatch_type)
        with self._lock:
            rows = [
                r for r in self._t_contract_mismatches.values() if r.mismatch_type == mismatch_type
            ]
            return sorted(rows, key=lambda r: (-r.created_at, -r.id))
