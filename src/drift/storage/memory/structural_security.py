"""Secrets, wrappers, crypto findings and OWASP findings in plain Python: the
``MemoryStructuralSecurity`` mixin of ``MemoryDriftStructural``.

Orders and tie-breaks are those of ``drift.storage.sql.structural_security``.
"""

from __future__ import annotations

from drift.records.structural import CryptoFindingRow, OwaspFindingRow, SecretRow, WrapperRow
from drift.records.validation import check_record, check_str
from drift.storage.memory.core import MemoryCore
from drift.storage.memory.structural_values import stored


class MemoryStructuralSecurity(MemoryCore):
    """Secret, wrapper, crypto and OWASP methods of ``IDriftStructural`` over dicts."""

    _t_secrets: dict[int, SecretRow]
    _t_wrappers: dict[int, WrapperRow]
    _t_crypto_findings: dict[int, CryptoFindingRow]
    _t_owasp_findings: dict[str, OwaspFindingRow]

    def _init_structural_security(self) -> None:
        self._t_secrets = {}
        self._t_wrappers = {}
        self._t_crypto_findings = {}
        self._t_owasp_findings = {}

    # secrets

    def insert_secret(self, row: SecretRow) -> int:
        check_record(row, SecretRow)
        with self._lock:
            new_id = self._next_id("secrets")
            self._t_secrets[new_id] = stored(row, id=new_id)
            return new_id

    def get_secrets_by_file(self, file: str) -> list[SecretRow]:
        check_str("file", file)
        with self._lock:
            # Ids only grow, so the dict's insertion order is id order.
            return [r for r in self._t_secrets.values() if r.file == file]

    def get_secrets_by_severity(self, severity: str) -> list[SecretRow]:
        check_str("severity", severity)
        with self._lock:
            return [r for r in self._t_secrets.values() if r.severity == severity]

    # wrappers

    def insert_wrapper(self, row: WrapperRow) -> int:
        check_record(row, WrapperRow)
        with self._lock:
            new_id = self._next_id("wrappers")
            self._t_wrappers[new_id] = stored(row, id=new_id)
            return new_id

    def get_wrappers_by_file(self, file: str) -> list[WrapperRow]:
        check_str("file", file)
        with self._lock:
            return [r for r in self._t_wrappers.values() if r.file == file]

    def get_wrappers_by_category(self, category: str) -> list[WrapperRow]:
        check_str("category", category)
        with self._lock:
            return [r for r in self._t_wrappers.values() if r.category == category]

    # crypto_findings

    def insert_crypto_finding(self, row: CryptoFindingRow) -> int:
        check_record(row, CryptoFindingRow)
        with self._lock:
            new_id = self._next_id("crypto_findings")
            self._t_crypto_findings[new_id] = stored(row, id=new_id)
            return new_id

    def get_crypto_findings_by_file(self, file: str) -> list[CryptoFindingRow]:
        check_str("file", file)
        with self._lock:
            return [r for r in self._t_crypto_findings.values() if r.file == file]

    def get_crypto_findings_by_category(self, category: str) -> list[CryptoFindingRow]:
        check_str("category", category)
        with self._lock:
            return [r for r in self._t_crypto_findings.values() if r.category == category]

    # owasp_findings

    def upsert_owasp_finding(self, row: OwaspFindingRow) -> None:
        check_record(row, OwaspFindingRow)
        with self._lock:
            self._t_owasp_findings[row.id] = stored(row)

    def get_owasp_findings_by_file(self, file: str) -> list[OwaspFindingRow]:
        check_str("file", file)
        with self._lock:
            rows = [r for r in self._t_owasp_findings.values() if r.file == file]
            return sorted(rows, key=lambda r: r.id)

    def get_owasp_findings_by_detector(self, detector: str) -> list[OwaspFindingRow]:
        check_str("detector", detector)
        with self._lock:
            rows = [r for r in self._t_owasp_findings.values() if r.detector == detector]
            return sorted(rows, key=lambda r: r.id)
