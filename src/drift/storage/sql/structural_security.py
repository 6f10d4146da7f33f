"""Shared SQL for secrets, wrappers, crypto findings and OWASP findings: the
``SqlStructuralSecurity`` mixin of ``SqlDriftStructural``.

Every write lives in a ``do_<method>(w, row, now)`` function taking a ``SqlWriter``, so the batch
writer runs the same statements in its own transaction.
"""

from __future__ import annotations

from drift.records.structural import CryptoFindingRow, OwaspFindingRow, SecretRow, WrapperRow
from drift.records.validation import check_record, check_str
from drift.storage.sql.executor import Row, SqlExecutor, SqlWriter

# --- secrets -------------------------------------------------------------------------------------

SECRET_COLUMNS = (
    "id, pattern_name, redacted_value, file, line, severity, entropy, confidence, cwe_ids"
)
INSERT_SECRET = """
INSERT INTO secrets
    (pattern_name, redacted_value, file, line, severity, entropy, confidence, cwe_ids, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SELECT_SECRETS_BY_FILE = f"SELECT {SECRET_COLUMNS} FROM secrets WHERE file = ? ORDER BY id"
SELECT_SECRETS_BY_SEVERITY = f"SELECT {SECRET_COLUMNS} FROM secrets WHERE severity = ? ORDER BY id"

# --- wrappers ------------------------------------------------------------------------------------

WRAPPER_COLUMNS = (
    "id, name, file, line, category, wrapped_primitives, framework, confidence, "
    "is_multi_primitive, is_exported, usage_count"
)
INSERT_WRAPPER = """
INSERT INTO wrappers
    (name, file, line, category, wrapped_primitives, framework, confidence,
     is_multi_primitive, is_exported, usage_count, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SELECT_WRAPPERS_BY_FILE = f"SELECT {WRAPPER_COLUMNS} FROM wrappers WHERE file = ? ORDER BY id"
SELECT_WRAPPERS_BY_CATEGORY = (
    f"SELECT {WRAPPER_COLUMNS} FROM wrappers WHERE category = ? ORDER BY id"
)

# --- crypto_findings -----------------------------------------------------------------------------

CRYPTO_COLUMNS = (
    "id, file, line, category, description, code, confidence, cwe_id, owasp, remediation, language"
)
INSERT_CRYPTO_FINDING = """
INSERT INTO crypto_findings
    (file, line, category, description, code, confidence, cwe_id, owasp, remediation,
     language, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SELECT_CRYPTO_BY_FILE = f"SELECT {CRYPTO_COLUMNS} FROM crypto_findings WHERE file = ? ORDER BY id"
SELECT_CRYPTO_BY_CATEGORY = (
    f"SELECT {CRYPTO_COLUMNS} FROM crypto_findings WHERE category = ? ORDER BY id"
)

# --- owasp_findings ------------------------------------------------------------------------------

OWASP_COLUMNS = (
    "id, detector, file, line, description, severity, cwes, owasp_categories, confidence, "
    "remediation"
)
# created_at follows the latest write, as the original's INSERT OR REPLACE did: retention then
# ages a finding from the last scan that reported it.
UPSERT_OWASP_FINDING = f"""
INSERT INTO owasp_findings ({OWASP_COLUMNS}, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    detector = excluded.detector,
    file = excluded.file,
    line = excluded.line,
    description = excluded.description,
    severity = excluded.severity,
    cwes = excluded.cwes,
    owasp_categories = excluded.owasp_categories,
    confidence = excluded.confidence,
    remediation = excluded.remediation,
    created_at = excluded.created_at
"""
SELECT_OWASP_BY_FILE = f"SELECT {OWASP_COLUMNS} FROM owasp_findings WHERE file = ? ORDER BY id"
SELECT_OWASP_BY_DETECTOR = (
    f"SELECT {OWASP_COLUMNS} FROM owasp_findings WHERE detector = ? ORDER BY id"
)


# --- rows to records -----------------------------------------------------------------------------


def secret_from_row(row: Row) -> SecretRow:
    """Build a record from a row selected with ``SECRET_COLUMNS``."""
    return SecretRow(
        id=row[0],
        pattern_name=row[1],
        redacted_value=row[2],
        file=row[3],
        line=row[4],
        severity=row[5],
        entropy=float(row[6]),
        confidence=float(row[7]),
        cwe_ids=row[8],
    )


def wrapper_from_row(row: Row) -> WrapperRow:
    """Build a record from a row selected with ``WRAPPER_COLUMNS``."""
    return WrapperRow(
        id=row[0],
        name=row[1],
        file=row[2],
        line=row[3],
        category=row[4],
        wrapped_primitives=row[5],
        framework=row[6],
        confidence=float(row[7]),
        is_multi_primitive=bool(row[8]),
        is_exported=bool(row[9]),
        usage_count=row[10],
    )


def crypto_finding_from_row(row: Row) -> CryptoFindingRow:
    """Build a record from a row selected with ``CRYPTO_COLUMNS``."""
    return CryptoFindingRow(
        id=row[0],
        file=row[1],
        line=row[2],
        category=row[3],
        description=row[4],
        code=row[5],
        confidence=float(row[6]),
        cwe_id=row[7],
        owasp=row[8],
        remediation=row[9],
        language=row[10],
    )


def owasp_finding_from_row(row: Row) -> OwaspFindingRow:
    """Build a record from a row selected with ``OWASP_COLUMNS``."""
    return OwaspFindingRow(
        id=row[0],
        detector=row[1],
        file=row[2],
        line=row[3],
        description=row[4],
        severity=float(row[5]),
        cwes=row[6],
        owasp_categories=row[7],
        confidence=float(row[8]),
        remediation=row[9],
    )


# --- writes --------------------------------------------------------------------------------------


def do_insert_secret(w: SqlWriter, row: SecretRow, now: int) -> int:
    """Append a secret created at ``now`` (the row's id is ignored); returns the new id."""
    return w.write_returning_id(
        INSERT_SECRET,
        (
            row.pattern_name,
            row.redacted_value,
            row.file,
            row.line,
            row.severity,
            row.entropy,
            row.confidence,
            row.cwe_ids,
            now,
        ),
    )


def do_insert_wrapper(w: SqlWriter, row: WrapperRow, now: int) -> int:
    """Append a wrapper created at ``now`` (the row's id is ignored); returns the new id."""
    return w.write_returning_id(
        INSERT_WRAPPER,
        (
            row.name,
            row.file,
            row.line,
            row.category,
            row.wrapped_primitives,
            row.framework,
            row.confidence,
            row.is_multi_primitive,
            row.is_exported,
            row.usage_count,
            now,
        ),
    )


def do_insert_crypto_finding(w: SqlWriter, row: CryptoFindingRow, now: int) -> int:
    """Append a crypto finding created at ``now`` (the row's id is ignored); returns the new id."""
    return w.write_returning_id(
        INSERT_CRYPTO_FINDING,
        (
            row.file,
            row.line,
            row.category,
            row.description,
            row.code,
            row.confidence,
            row.cwe_id,
            row.owasp,
            row.remediation,
            row.language,
            now,
        ),
    )


def do_upsert_owasp_finding(w: SqlWriter, row: OwaspFindingRow, now: int) -> None:
    """Insert or replace the finding with ``row.id``; ``created_at`` becomes ``now``."""
    w.write(
        UPSERT_OWASP_FINDING,
        (
            row.id,
            row.detector,
            row.file,
            row.line,
            row.description,
            row.severity,
            row.cwes,
            row.owasp_categories,
            row.confidence,
            row.remediation,
            now,
        ),
    )


# --- the mixin -----------------------------------------------------------------------------------


class SqlStructuralSecurity:
    """Secret, wrapper, crypto and OWASP methods of ``IDriftStructural`` over a ``SqlExecutor``."""

    _db: SqlExecutor

    def insert_secret(self, row: SecretRow) -> int:
        check_record(row, SecretRow)
        return do_insert_secret(self._db, row, self._db.now())

    def get_secrets_by_file(self, file: str) -> list[SecretRow]:
        check_str("file", file)
        return [secret_from_row(r) for r in self._db.read_all(SELECT_SECRETS_BY_FILE, (file,))]

    def get_secrets_by_severity(self, severity: str) -> list[SecretRow]:
        check_str("severity", severity)
        rows = self._db.read_all(SELECT_SECRETS_BY_SEVERITY, (severity,))
        return [secret_from_row(r) for r in rows]

    def insert_wrapper(self, row: WrapperRow) -> int:
        check_record(row, WrapperRow)
        return do_insert_wrapper(self._db, row, self._db.now())

    def get_wrappers_by_file(self, file: str) -> list[WrapperRow]:
        check_str("file", file)
        return [wrapper_from_row(r) for r in self._db.read_all(SELECT_WRAPPERS_BY_FILE, (file,))]

    def get_wrappers_by_category(self, category: str) -> list[WrapperRow]:
        check_str("category", category)
        rows = self._db.read_all(SELECT_WRAPPERS_BY_CATEGORY, (category,))
        return [wrapper_from_row(r) for r in rows]

    def insert_crypto_finding(self, row: CryptoFindingRow) -> int:
        check_record(row, CryptoFindingRow)
        return do_insert_crypto_finding(self._db, row, self._db.now())

    def get_crypto_findings_by_file(self, file: str) -> list[CryptoFindingRow]:
        check_str("file", file)
        rows = self._db.read_all(SELECT_CRYPTO_BY_FILE, (file,))
        return [crypto_finding_from_row(r) for r in rows]

    def get_crypto_findings_by_category(self, category: str) -> list[CryptoFindingRow]:
        check_str("category", category)
        rows = self._db.read_all(SELECT_CRYPTO_BY_CATEGORY, (category,))
        return [crypto_finding_from_row(r) for r in rows]

    def upsert_owasp_finding(self, row: OwaspFindingRow) -> None:
        check_record(row, OwaspFindingRow)
        do_upsert_owasp_finding(self._db, row, self._db.now())

    def get_owasp_findings_by_file(self, file: str) -> list[OwaspFindingRow]:
        check_str("file", file)
        rows = self._db.read_all(SELECT_OWASP_BY_FILE, (file,))
        return [owasp_finding_from_row(r) for r in rows]

    def get_owasp_findings_by_detector(self, detector: str) -> list[OwaspFindingRow]:
        check_str("detector", detector)
        rows = self._db.read_all(SELECT_OWASP_BY_DETECTOR, (detector,))
        return [owasp_finding_from_row(r) for r in rows]
