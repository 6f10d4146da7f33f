"""``SqlDriftStructural``: the 71 ``IDriftStructural`` methods over a ``SqlExecutor``.

The queries live in one module per group of tables, each with its own mixin and its
``do_<method>(w, ...)`` write functions (which the batch writer reuses):

- ``structural_coupling``: coupling metrics and cycles, constraints, verifications, contracts,
  contract mismatches;
- ``structural_security``: secrets, wrappers, crypto findings, OWASP findings;
- ``structural_dna``: DNA genes and mutations, decomposition decisions;
- ``structural_constants``: constants and environment variables;
- ``structural_graph``: data access, reachability cache, taint flows, error gaps, impact scores,
  test coverage and test quality.
"""

from __future__ import annotations

from drift.storage.sql.executor import SqlExecutor
from drift.storage.sql.structural_constants import SqlStructuralConstants
from drift.storage.sql.structural_coupling import SqlStructuralCoupling
from drift.storage.sql.structural_dna import SqlStructuralDna
from drift.storage.sql.structural_graph import SqlStructuralGraph
from drift.storage.sql.structural_security import SqlStructuralSecurity


class SqlDriftStructural(
    SqlStructuralCoupling,
    SqlStructuralSecurity,
    SqlStructuralDna,
    SqlStructuralConstants,
    SqlStructuralGraph,
):
    """``IDriftStructural`` over a ``SqlExecutor`` (shared by SQLite and PostgreSQL)."""

    _db: SqlExecutor
