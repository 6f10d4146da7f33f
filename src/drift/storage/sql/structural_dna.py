"""Shared SQL for DNA genes and mutations and decomposition decisions: the ``SqlStructuralDna``
mixin of ``SqlDriftStructural``.

Every write lives in a ``do_<method>(w, ...)`` function taking a ``SqlWriter``, so the batch
writer runs the same statements in its own transaction.
"""

from __future__ import annotations

from drift.records.structural import DecompositionDecisionRow, DnaGeneRow, DnaMutationRow
from drift.records.validation import check_record, check_str
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

# --- dna_genes -----------------------------------------------------------------------------------

GENE_COLUMNS = (
    "gene_id, name, description, dominant_allele, alleles, confidence, consistency, exemplars"
)
UPSERT_DNA_GENE = f"""
INSERT INTO dna_genes ({GENE_COLUMNS}, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (gene_id) DO UPDATE SET
    name = excluded.name,
    description = excluded.description,
    dominant_allele = excluded.dominant_allele,
    alleles = excluded.alleles,
    confidence = excluded.confidence,
    consistency = excluded.consistency,
    exemplars = excluded.exemplars,
    updated_at = excluded.updated_at
"""
SELECT_DNA_GENE = f"SELECT {GENE_COLUMNS} FROM dna_genes WHERE gene_id = ?"
SELECT_ALL_DNA_GENES = f"SELECT {GENE_COLUMNS} FROM dna_genes ORDER BY gene_id"

# --- dna_mutations -------------------------------------------------------------------------------

MUTATION_COLUMNS = (
    "id, file, line, gene_id, expected, actual, impact, code, suggestion, detected_at, "
    "resolved, resolved_at"
)
UPSERT_DNA_MUTATION = f"""
INSERT INTO dna_mutations ({MUTATION_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    file = excluded.file,
    line = excluded.line,
    gene_id = excluded.gene_id,
    expected = excluded.expected,
    actual = excluded.actual,
    impact = excluded.impact,
    code = excluded.code,
    suggestion = excluded.suggestion,
    detected_at = excluded.detected_at,
    resolved = excluded.resolved,
    resolved_at = excluded.resolved_at
"""
SELECT_DNA_MUTATIONS_BY_GENE = (
    f"SELECT {MUTATION_COLUMNS} FROM dna_mutations WHERE gene_id = ? ORDER BY id"
)
SELECT_UNRESOLVED_MUTATIONS = (
    f"SELECT {MUTATION_COLUMNS} FROM dna_mutations WHERE resolved = ? ORDER BY id"
)

# --- decomposition_decisions ---------------------------------------------------------------------

DECISION_COLUMNS = (
    "id, dna_profile_hash, adjustment, confidence, dna_similarity, narrative, source_dna_hash, "
    "applied_weight"
)
INSERT_DECOMPOSITION_DECISION = """
INSERT INTO decomposition_decisions
    (dna_profile_hash, adjustment, confidence, dna_similarity, narrative, source_dna_hash,
     applied_weight, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SELECT_DECOMPOSITION_DECISIONS = (
    f"SELECT {DECISION_COLUMNS} FROM decomposition_decisions WHERE dna_profile_hash = ? ORDER BY id"
)


# --- rows to records -----------------------------------------------------------------------------


def dna_gene_from_row(row: Row) -> DnaGeneRow:
    """Build a record from a row selected with ``GENE_COLUMNS``."""
    return DnaGeneRow(
        gene_id=row[0],
        name=row[1],
        description=row[2],
        dominant_allele=row[3],
        alleles=row[4],
        confidence=float(row[5]),
        consistency=float(row[6]),
        exemplars=row[7],
    )


def dna_mutation_from_row(row: Row) -> DnaMutationRow:
    """Build a record from a row selected with ``MUTATION_COLUMNS``."""
    return DnaMutationRow(
        id=row[0],
        file=row[1],
        line=row[2],
        gene_id=row[3],
        expected=row[4],
        actual=row[5],
        impact=row[6],
        code=row[7],
        suggestion=row[8],
        detected_at=row[9],
        resolved=bool(row[10]),
        resolved_at=row[11],
    )


def decomposition_decision_from_row(row: Row) -> DecompositionDecisionRow:
    """Build a record from a row selected with ``DECISION_COLUMNS``."""
    return DecompositionDecisionRow(
        id=row[0],
        dna_profile_hash=row[1],
        adjustment=row[2],
        confidence=float(row[3]),
        dna_similarity=float(row[4]),
        narrative=row[5],
        source_dna_hash=row[6],
        applied_weight=float(row[7]),
    )


# --- writes --------------------------------------------------------------------------------------


def do_upsert_dna_gene(w: SqlWriter, row: DnaGeneRow, now: int) -> None:
    """Insert or replace the gene ``row.gene_id``, stamping ``updated_at`` with ``now``."""
    w.write(
        UPSERT_DNA_GENE,
        (
            row.gene_id,
            row.name,
            row.description,
            row.dominant_allele,
            row.alleles,
            row.confidence,
            row.consistency,
            row.exemplars,
            now,
        ),
    )


def do_upsert_dna_mutation(w: SqlWriter, row: DnaMutationRow) -> None:
    """Insert or replace all 12 columns of the mutation ``row.id`` (its times come with it)."""
    w.write(
        UPSERT_DNA_MUTATION,
        (
            row.id,
            row.file,
            row.line,
            row.gene_id,
            row.expected,
            row.actual,
            row.impact,
            row.code,
            row.suggestion,
            row.detected_at,
            row.resolved,
            row.resolved_at,
        ),
    )


def do_insert_decomposition_decision(w: SqlWriter, row: DecompositionDecisionRow, now: int) -> int:
    """Append a decision created at ``now`` (the row's id is ignored); returns the new id."""
    return w.write_returning_id(
        INSERT_DECOMPOSITION_DECISION,
        (
            row.dna_profile_hash,
            row.adjustment,
            row.confidence,
            row.dna_similarity,
            row.narrative,
            row.source_dna_hash,
            row.applied_weight,
            now,
        ),
    )


# --- the mixin -----------------------------------------------------------------------------------


class SqlStructuralDna:
    """DNA and decomposition methods of ``IDriftStructural`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def upsert_dna_gene(self, row: DnaGeneRow) -> None:
        check_record(row, DnaGeneRow)
        do_upsert_dna_gene(self._db, row, self._db.now())

    def get_dna_gene(self, gene_id: str) -> DnaGeneRow | None:
        check_str("gene_id", gene_id)
        row = self._db.read_one(SELECT_DNA_GENE, (gene_id,))
        return None if row is None else dna_gene_from_row(row)

    def get_all_dna_genes(self) -> list[DnaGeneRow]:
        return [dna_gene_from_row(r) for r in self._db.read_all(SELECT_ALL_DNA_GENES)]

    def upsert_dna_mutation(self, row: DnaMutationRow) -> None:
        check_record(row, DnaMutationRow)
        do_upsert_dna_mutation(self._db, row)

    def get_dna_mutations_by_gene(self, gene_id: str) -> list[DnaMutationRow]:
        check_str("gene_id", gene_id)
        rows = self._db.read_all(SELECT_DNA_MUTATIONS_BY_GENE, (gene_id,))
        return [dna_mutation_from_row(r) for r in rows]

    def get_unresolved_mutations(self) -> list[DnaMutationRow]:
        rows = self._db.read_all(SELECT_UNRESOLVED_MUTATIONS, (False,))
        return [dna_mutation_from_row(r) for r in rows]

    def insert_decomposition_decision(self, row: DecompositionDecisionRow) -> int:
        check_record(row, DecompositionDecisionRow)
        return do_insert_decomposition_decision(self._db, row, self._db.now())

    def get_decomposition_decisions(self, dna_profile_hash: str) -> list[DecompositionDecisionRow]:
        check_str("dna_profile_hash", dna_profile_hash)
        rows = self._db.read_all(SELECT_DECOMPOSITION_DECISIONS, (dna_profile_hash,))
        return [decomposition_decision_from_row(r) for r in rows]
