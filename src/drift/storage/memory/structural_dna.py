"""DNA genes and mutations and decomposition decisions in plain Python: the
``MemoryStructuralDna`` mixin of ``MemoryDriftStructural``.

Orders and tie-breaks are those of ``drift.storage.sql.structural_dna``.
"""

from __future__ import annotations

from drift.records.structural import DecompositionDecisionRow, DnaGeneRow, DnaMutationRow
from drift.records.validation import check_record, check_str
from drift.storage.memory.core import MemoryCore
from drift.storage.memory.structural_values import stored


class MemoryStructuralDna(MemoryCore):
    """DNA and decomposition methods of ``IDriftStructural`` over dicts."""

    _t_dna_genes: dict[str, DnaGeneRow]
    _t_dna_mutations: dict[str, DnaMutationRow]
    _t_decomposition_decisions: dict[int, DecompositionDecisionRow]

    def _init_structural_dna(self) -> None:
        self._t_dna_genes = {}
        self._t_dna_mutations = {}
        self._t_decomposition_decisions = {}

    # dna_genes

    def upsert_dna_gene(self, row: DnaGeneRow) -> None:
        check_record(row, DnaGeneRow)
        with self._lock:
            self._t_dna_genes[row.gene_id] = stored(row)

    def get_dna_gene(self, gene_id: str) -> DnaGeneRow | None:
        check_str("gene_id", gene_id)
        with self._lock:
            return self._t_dna_genes.get(gene_id)

    def get_all_dna_genes(self) -> list[DnaGeneRow]:
        with self._lock:
            return sorted(self._t_dna_genes.values(), key=lambda r: r.gene_id)

    # dna_mutations

    def upsert_dna_mutation(self, row: DnaMutationRow) -> None:
        check_record(row, DnaMutationRow)
        with self._lock:
            self._t_dna_mutations[row.id] = row

    def get_dna_mutations_by_gene(self, gene_id: str) -> list[DnaMutationRow]:
        check_str("gene_id", gene_id)
        with self._lock:
            rows = [r for r in self._t_dna_mutations.values() if r.gene_id == gene_id]
            return sorted(rows, key=lambda r: r.id)

    def get_unresolved_mutations(self) -> list[DnaMutationRow]:
        with self._lock:
            rows = [r for r in self._t_dna_mutations.values() if not r.resolved]
            return sorted(rows, key=lambda r: r.id)

    # decomposition_decisions

    def insert_decomposition_decision(self, row: DecompositionDecisionRow) -> int:
        check_record(row, DecompositionDecisionRow)
        with self._lock:
            new_id = self._next_id("decomposition_decisions")
            self._t_decomposition_decisions[new_id] = stored(row, id=new_id)
            return new_id

    def get_decomposition_decisions(self, dna_profile_hash: str) -> list[DecompositionDecisionRow]:
        check_str("dna_profile_hash", dna_profile_hash)
        with self._lock:
            # Ids only grow, so the dict's insertion order is id order.
            return [
                r
                for r in self._t_decomposition_decisions.values()
                if r.dna_profile_hash == dna_profile_hash
            ]
