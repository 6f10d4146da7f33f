"""The `structural` domain in plain Python: the `MemoryDriftStructural` mixin.

It is composed of one mixin per group of tables, each mirroring the SQL module of the same name
in ``drift.storage.sql`` (same filters, orders and tie-breaks):

- ``structural_coupling``: coupling metrics and cycles, constraints, verifications (with the
  foreign-key check the SQL backends get from the schema), contracts, contract mismatches;
- ``structural_security``: secrets, wrappers, crypto findings, OWASP findings;
- ``structural_dna``: DNA genes and mutations, decomposition decisions;
- ``structural_constants``: constants and environment variables;
- ``structural_graph``: data access, reachability cache, taint flows, error gaps, impact
  scores, test coverage and test quality.
"""

from __future__ import annotations

from drift.storage.memory.structural_constants import MemoryStructuralConstants
from drift.storage.memory.structural_coupling import MemoryStructuralCoupling
from drift.storage.memory.structural_dna import MemoryStructuralDna
from drift.storage.memory.structural_graph import MemoryStructuralGraph
from drift.storage.memory.structural_security import MemoryStructuralSecurity


class MemoryDriftStructural(
    MemoryStructuralCoupling,
    MemoryStructuralSecurity,
    MemoryStructuralDna,
    MemoryStructuralConstants,
    MemoryStructuralGraph,
):
    """``IDriftStructural`` over dicts: the 22 structural tables as ``_t_<table>``."""

    def _init_structural(self) -> None:
        self._init_structural_coupling()
        self._init_structural_security()
        self._init_structural_dna()
        self._init_structural_constants()
        self._init_structural_graph()
