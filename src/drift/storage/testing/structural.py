"""Contract tests for ``IDriftStructural``: every one of its 71 methods, on any backend.

The tests live in one module per group of tables; ``DriftStructuralContract`` combines them so a
backend's test module subclasses a single class:

- ``structural_coupling``: coupling metrics and cycles, constraints and verifications, contracts
  and mismatches;
- ``structural_security``: secrets, wrappers, crypto and OWASP findings, DNA, decompositions;
- ``structural_constants``: constants and environment variables;
- ``structural_graph``: data access, reachability, taint flows, error gaps, impact scores, test
  coverage and test quality.
"""

from __future__ import annotations

from drift.storage.testing.base import StorageUnderTest
from drift.storage.testing.structural_constants import StructuralConstantsContract
from drift.storage.testing.structural_coupling import StructuralCouplingContract
from drift.storage.testing.structural_graph import StructuralGraphContract
from drift.storage.testing.structural_rows import constant_row, secret_row
from drift.storage.testing.structural_security import StructuralSecurityContract


class DriftStructuralContract(
    StructuralCouplingContract,
    StructuralSecurityContract,
    StructuralConstantsContract,
    StructuralGraphContract,
):
    """Every ``IDriftStructural`` method, on any backend."""

    def test_reads_return_fresh_lists(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.insert_constant(constant_row("A", "a.py", 1))
        drift.insert_secret(secret_row("a.py", 1))
        first = drift.query_constants_by_file("a.py")
        first.clear()
        assert len(drift.query_constants_by_file("a.py")) == 1
        secrets = drift.get_secrets_by_file("a.py")
        secrets.append(secrets[0])
        assert len(drift.get_secrets_by_file("a.py")) == 1

    def test_autoincrement_ids_are_per_table(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        first_secret = drift.insert_secret(secret_row("a.py", 1))
        drift.insert_constant(constant_row("A", "a.py", 1))
        second_secret = drift.insert_secret(secret_row("a.py", 2))
        # Another table's insert does not use up a secrets id.
        assert second_secret == first_secret + 1
