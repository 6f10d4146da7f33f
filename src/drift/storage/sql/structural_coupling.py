"""Shared SQL for coupling metrics and cycles, constraints and their verifications, contracts
and contract mismatches: the ``SqlStructuralCoupling`` mixin of ``SqlDriftStructural``.

Every write lives in a ``do_<method>(w, ...)`` function taking a ``SqlWriter`` (and ``now``
where the table has a timestamp), so the batch writer runs the same statements in its own
transaction.
"""

from __future__ import annotations

from drift.records.structural import (
    ConstraintRow,
    ConstraintVerificationRow,
    ContractMismatchRow,
    ContractRow,
    CouplingCycleRow,
    CouplingMetricsRow,
)
from drift.records.validation import check_bool, check_record, check_str
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

# --- coupling_metrics ----------------------------------------------------------------------------

COUPLING_METRICS_COLUMNS = "module, ce, ca, instability, abstractness, distance, zone"

UPSERT_COUPLING_METRICS = f"""
INSERT INTO coupling_metrics ({COUPLING_METRICS_COLUMNS}, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (module) DO UPDATE SET
    ce = excluded.ce,
    ca = excluded.ca,
    instability = excluded.instability,
    abstractness = excluded.abstractness,
    distance = excluded.distance,
    zone = excluded.zone,
    updated_at = excluded.updated_at
"""
SELECT_COUPLING_METRICS = (
    f"SELECT {COUPLING_METRICS_COLUMNS} FROM coupling_metrics WHERE module = ?"
)
SELECT_ALL_COUPLING_METRICS = (
    f"SELECT {COUPLING_METRICS_COLUMNS} FROM coupling_metrics ORDER BY distance DESC, module"
)
SELECT_COUPLING_METRICS_BY_ZONE = (
    f"SELECT {COUPLING_METRICS_COLUMNS} FROM coupling_metrics WHERE zone = ? ORDER BY module"
)

# --- coupling_cycles -----------------------------------------------------------------------------

INSERT_COUPLING_CYCLE = (
    "INSERT INTO coupling_cycles (members, break_suggestions, created_at) VALUES (?, ?, ?)"
)
SELECT_COUPLING_CYCLES = (
    "SELECT id, members, break_suggestions, created_at FROM coupling_cycles "
    "ORDER BY created_at DESC, id DESC"
)

# --- constraints ---------------------------------------------------------------------------------

CONSTRAINT_COLUMNS = "id, description, invariant_type, target, scope, source, enabled"

# The creation time survives an update; only updated_at moves.
UPSERT_CONSTRAINT = f"""
INSERT INTO constraints ({CONSTRAINT_COLUMNS}, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    description = excluded.description,
    invariant_type = excluded.invariant_type,
    target = excluded.target,
    scope = excluded.scope,
    source = excluded.source,
    enabled = excluded.enabled,
    updated_at = excluded.updated_at
"""
SELECT_CONSTRAINT = f"SELECT {CONSTRAINT_COLUMNS} FROM constraints WHERE id = ?"
SELECT_ENABLED_CONSTRAINTS = (
    f"SELECT {CONSTRAINT_COLUMNS} FROM constraints WHERE enabled = ? ORDER BY id"
)

# --- constraint_verifications --------------------------------------------------------------------

INSERT_CONSTRAINT_VERIFICATION = (
    "INSERT INTO constraint_verifications (constraint_id, passed, violations, verified_at) "
    "VALUES (?, ?, ?, ?)"
)
SELECT_CONSTRAINT_VERIFICATIONS = (
    "SELECT id, constraint_id, passed, violations, verified_at FROM constraint_verifications "
    "WHERE constraint_id = ? ORDER BY verified_at DESC, id DESC"
)

# --- contracts -----------------------------------------------------------------------------------

CONTRACT_COLUMNS = "id, paradigm, source_file, framework, confidence, endpoints"

UPSERT_CONTRACT = f"""
INSERT INTO contracts ({CONTRACT_COLUMNS}, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    paradigm = excluded.paradigm,
    source_file = excluded.source_file,
    framework = excluded.framework,
    confidence = excluded.confidence,
    endpoints = excluded.endpoints,
    updated_at = excluded.updated_at
"""
SELECT_CONTRACT = f"SELECT {CONTRACT_COLUMNS} FROM contracts WHERE id = ?"
SELECT_CONTRACTS_BY_PARADIGM = (
    f"SELECT {CONTRACT_COLUMNS} FROM contracts WHERE paradigm = ? ORDER BY id"
)

# --- contract_mismatches -------------------------------------------------------------------------

MISMATCH_COLUMNS = (
    "id, backend_endpoint, frontend_call, mismatch_type, severity, message, created_at"
)

INSERT_CONTRACT_MISMATCH = """
INSERT INTO contract_mismatches
    (backend_endpoint, frontend_call, mismatch_type, severity, message, created_at)
VALUES (?, ?, ?, ?, ?, ?)
"""
SELECT_CONTRACT_MISMATCHES = (
    f"SELECT {MISMATCH_COLUMNS} FROM contract_mismatches ORDER BY created_at DESC, id DESC"
)
SELECT_CONTRACT_MISMATCHES_BY_TYPE = (
    f"SELECT {MISMATCH_COLUMNS} FROM contract_mismatches WHERE mismatch_type = ? "
    "ORDER BY created_at DESC, id DESC"
)


# --- rows to records -----------------------------------------------------------------------------


def coupling_metrics_from_row(row: Row) -> CouplingMetricsRow:
    """Build a record from a row selected with ``COUPLING_METRICS_COLUMNS``."""
    return CouplingMetricsRow(
        module=row[0],
        ce=row[1],
        ca=row[2],
        instability=float(row[3]),
        abstractness=float(row[4]),
        distance=float(row[5]),
        zone=row[6],
    )


def coupling_cycle_from_row(row: Row) -> CouplingCycleRow:
    """Build a record from ``id, members, break_suggestions, created_at``."""
    return CouplingCycleRow(id=row[0], members=row[1], break_suggestions=row[2], created_at=row[3])


def constraint_from_row(row: Row) -> ConstraintRow:
    """Build a record from a row selected with ``CONSTRAINT_COLUMNS``."""
    return ConstraintRow(
        id=row[0],
        description=row[1],
        invariant_type=row[2],
        target=row[3],
        scope=row[4],
        source=row[5],
        enabled=bool(row[6]),
    )


def constraint_verification_from_row(row: Row) -> ConstraintVerificationRow:
    """Build a record from ``id, constraint_id, passed, violations, verified_at``."""
    return ConstraintVerificationRow(
        id=row[0], constraint_id=row[1], passed=bool(row[2]), violations=row[3], verified_at=row[4]
    )


def contract_from_row(row: Row) -> ContractRow:
    """Build a record from a row selected with ``CONTRACT_COLUMNS``."""
    return ContractRow(
        id=row[0],
        paradigm=row[1],
        source_file=row[2],
        framework=row[3],
        confidence=float(row[4]),
        endpoints=row[5],
    )


def contract_mismatch_from_row(row: Row) -> ContractMismatchRow:
    """Build a record from a row selected with ``MISMATCH_COLUMNS``."""
    return ContractMismatchRow(
        id=row[0],
        backend_endpoint=row[1],
        frontend_call=row[2],
        mismatch_type=row[3],
        severity=row[4],
        message=row[5],
        created_at=row[6],
    )


# --- writes --------------------------------------------------------------------------------------


def do_upsert_coupling_metrics(w: SqlWriter, row: CouplingMetricsRow, now: int) -> None:
    """Insert or replace the metrics of ``row.module``, stamping ``updated_at`` with ``now``."""
    w.write(
        UPSERT_COUPLING_METRICS,
        (
            row.module,
            row.ce,
            row.ca,
            row.instability,
            row.abstractness,
            row.distance,
            row.zone,
            now,
        ),
    )


def do_insert_coupling_cycle(w: SqlWriter, members: str, break_suggestions: str, now: int) -> None:
    """Append a cycle created at ``now``."""
    w.write(INSERT_COUPLING_CYCLE, (members, break_suggestions, now))


def do_upsert_constraint(w: SqlWriter, row: ConstraintRow, now: int) -> None:
    """Insert or replace a constraint (a new one is created at ``now``; both get updated_at)."""
    w.write(
        UPSERT_CONSTRAINT,
        (
            row.id,
            row.description,
            row.invariant_type,
            row.target,
            row.scope,
            row.source,
            row.enabled,
            now,
            now,
        ),
    )


def do_insert_constraint_verification(
    w: SqlWriter, constraint_id: str, passed: bool, violations: str, now: int
) -> None:
    """Append a verification at ``now``; the foreign key raises Conflict for an unknown id."""
    w.write(INSERT_CONSTRAINT_VERIFICATION, (constraint_id, passed, violations, now))


def do_upsert_contract(w: SqlWriter, row: ContractRow, now: int) -> None:
    """Insert or replace a contract (a new one is created at ``now``; both get updated_at)."""
    w.write(
        UPSERT_CONTRACT,
        (
            row.id,
            row.paradigm,
            row.source_file,
            row.framework,
            row.confidence,
            row.endpoints,
            now,
            now,
        ),
    )


def do_insert_contract_mismatch(w: SqlWriter, row: ContractMismatchRow, now: int) -> None:
    """Append a mismatch created at ``now`` (the row's id and created_at are ignored)."""
    w.write(
        INSERT_CONTRACT_MISMATCH,
        (
            row.backend_endpoint,
            row.frontend_call,
            row.mismatch_type,
            row.severity,
            row.message,
            now,
        ),
    )


# --- the mixin -----------------------------------------------------------------------------------


class SqlStructuralCoupling:
    """Coupling, constraint and contract methods of ``IDriftStructural`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def upsert_coupling_metrics(self, row: CouplingMetricsRow) -> None:
        check_record(row, CouplingMetricsRow)
        do_upsert_coupling_metrics(self._db, row, self._db.now())

    def get_coupling_metrics(self, module: str) -> CouplingMetricsRow | None:
        check_str("module", module)
        row = self._db.read_one(SELECT_COUPLING_METRICS, (module,))
        return None if row is None else coupling_metrics_from_row(row)

    def get_all_coupling_metrics(self) -> list[CouplingMetricsRow]:
        rows = self._db.read_all(SELECT_ALL_COUPLING_METRICS)
        return [coupling_metrics_from_row(r) for r in rows]

    def get_coupling_metrics_by_zone(self, zone: str) -> list[CouplingMetricsRow]:
        check_str("zone", zone)
        rows = self._db.read_all(SELECT_COUPLING_METRICS_BY_ZONE, (zone,))
        return [coupling_metrics_from_row(r) for r in rows]

    def insert_coupling_cycle(self, members: str, break_suggestions: str) -> None:
        check_str("members", members)
        check_str("break_suggestions", break_suggestions)
        do_insert_coupling_cycle(self._db, members, break_suggestions, self._db.now())

    def query_coupling_cycles(self) -> list[CouplingCycleRow]:
        return [coupling_cycle_from_row(r) for r in self._db.read_all(SELECT_COUPLING_CYCLES)]

    def upsert_constraint(self, row: ConstraintRow) -> None:
        check_record(row, ConstraintRow)
        do_upsert_constraint(self._db, row, self._db.now())

    def get_constraint(self, id: str) -> ConstraintRow | None:
        check_str("id", id)
        row = self._db.read_one(SELECT_CONSTRAINT, (id,))
        return None if row is None else constraint_from_row(row)

    def get_enabled_constraints(self) -> list[ConstraintRow]:
        rows = self._db.read_all(SELECT_ENABLED_CONSTRAINTS, (True,))
        return [constraint_from_row(r) for r in rows]

    def insert_constraint_verification(
        self, constraint_id: str, passed: bool, violations: str
    ) -> None:
        check_str("constraint_id", constraint_id)
        check_bool("passed", passed)
        check_str("violations", violations)
        do_insert_constraint_verification(
            self._db, constraint_id, passed, violations, self._db.now()
        )

    def query_constraint_verifications(self, constraint_id: str) -> list[ConstraintVerificationRow]:
        check_str("constraint_id", constraint_id)
        rows = self._db.read_all(SELECT_CONSTRAINT_VERIFICATIONS, (constraint_id,))
        return [constraint_verification_from_row(r) for r in rows]

    def upsert_contract(self, row: ContractRow) -> None:
        check_record(row, ContractRow)
        do_upsert_contract(self._db, row, self._db.now())

    def get_contract(self, id: str) -> ContractRow | None:
        check_str("id", id)
        row = self._db.read_one(SELECT_CONTRACT, (id,))
        return None if row is None else contract_from_row(row)

    def get_contracts_by_paradigm(self, paradigm: str) -> list[ContractRow]:
        check_str("paradigm", paradigm)
        rows = self._db.read_all(SELECT_CONTRACTS_BY_PARADIGM, (paradigm,))
        return [contract_from_row(r) for r in rows]

    def insert_contract_mismatch(self, row: ContractMismatchRow) -> None:
        check_record(row, ContractMismatchRow)
        do_insert_contract_mismatch(self._db, row, self._db.now())

    def query_contract_mismatches(self) -> list[ContractMismatchRow]:
        rows = self._db.read_all(SELECT_CONTRACT_MISMATCHES)
        return [contract_mismatch_from_row(r) for r in rows]

    def query_contract_mismatches_by_type(self, mismatch_type: str) -> list[ContractMismatchRow]:
        check_str("mismatch_type", mismatch_type)
        rows = self._db.read_all(SELECT_CONTRACT_MISMATCHES_BY_TYPE, (mismatch_type,))
        return [contract_mismatch_from_row(r) for r in rows]
