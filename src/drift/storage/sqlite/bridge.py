"""``SqliteBridgeStorage`` (bridge.db) and ``SqliteCortexStorage`` (cortex.db)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from drift.errors import StorageError
from drift.records.bridge import BridgeHealthStatus
from drift.storage.clock import system_clock
from drift.storage.sql.bridge import SqlBridgeStorage
from drift.storage.sql.cortex import SqlCortexStorage
from drift.storage.sqlite.database import SqliteDatabase
from drift.storage.sqlite.migrations import BRIDGE_MIGRATIONS, CORTEX_MIGRATIONS


class _SqliteEngine:
    """Open/close and context-manager plumbing shared by the bridge and cortex engines."""

    _database: SqliteDatabase

    @property
    def path(self) -> str:
        return self._database.path

    def close(self) -> None:
        self._database.close()

    def __enter__(self) -> _SqliteEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SqliteBridgeStorage(SqlBridgeStorage, _SqliteEngine):
    """bridge.db on SQLite; ``path`` is a file path or ``":memory:"``."""

    def __init__(self, path: str | Path, *, clock: Callable[[], int] | None = None) -> None:
        self._database = SqliteDatabase(path, BRIDGE_MIGRATIONS, clock=clock or system_clock)
        self._db = self._database

    def initialize(self) -> None:
        """Migrations already ran when the engine opened; this re-checks the version."""
        self._check_version()

    def migrate(self) -> None:
        self._check_version()

    def _check_version(self) -> None:
        if self._database.pragma_value("user_version") != BRIDGE_MIGRATIONS[-1].version:
            raise StorageError(
                f"{self._database.label}: bridge schema is not at the current version"
            )

    def health_check(self) -> BridgeHealthStatus:
        try:
            connected = self._db.read_value("SELECT 1") == 1
            mode = str(self._database.pragma_value("journal_mode")).lower()
        except StorageError:
            return BridgeHealthStatus(connected=False, wal_mode=False)
        return BridgeHealthStatus(connected=connected, wal_mode=mode == "wal")

    def shutdown(self) -> None:
        """Release every connection; later calls raise ``EngineClosed``."""
        self.close()


class SqliteCortexStorage(SqlCortexStorage, _SqliteEngine):
    """cortex.db on SQLite; ``path`` is a file path or ``":memory:"``."""

    def __init__(self, path: str | Path, *, clock: Callable[[], int] | None = None) -> None:
        self._database = SqliteDatabase(path, CORTEX_MIGRATIONS, clock=clock or system_clock)
        self._db = self._database
