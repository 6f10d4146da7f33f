"""Open storage engines from a URL: the one place that knows which backends exist.

Accepted forms:

- a filesystem path, or ``sqlite:///absolute/path`` / ``sqlite://relative/path``: a directory that
  holds ``drift.db``, ``bridge.db`` and ``cortex.db`` (a path ending in ``.db`` names drift.db
  itself, and the other two sit beside it);
- ``memory://``: the pure-Python backend (nothing is written to disk);
- ``postgresql://…``: reserved for the PostgreSQL backend.

Only the CLI (and tests) import this module; pipeline stages receive engines typed by protocols.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from drift.errors import ConfigError
from drift.storage.protocols.bridge import IBridgeStorage
from drift.storage.protocols.cortex import ICortexStorage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.protocols.workspace import IWorkspaceStorage
from drift.storage.sqlite.bridge import SqliteBridgeStorage, SqliteCortexStorage
from drift.storage.sqlite.engine import SqliteDriftStorage
from drift.storage.sqlite.workspace import SqliteWorkspaceStorage

DEFAULT_DIRECTORY = ".drift"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a URL points: a backend kind and, for SQLite, the three database files."""

    kind: str
    drift_db: Path | None = None
    bridge_db: Path | None = None
    cortex_db: Path | None = None


def parse_url(url: str, *, base: Path | None = None) -> Location:
    """Turn a storage URL (or path) into a ``Location``; relative paths resolve from ``base``."""
    text = url.strip()
    if not text:
        raise ConfigError("storage URL is empty", hint="use a path, sqlite:///path or memory://")
    if text == "memory://" or text.startswith("memory://"):
        return Location("memory")
    if text.startswith(("postgresql://", "postgres://")):
        return Location("postgresql")
    if "://" in text and not text.startswith("sqlite://"):
        scheme = text.split("://", 1)[0]
        raise ConfigError(
            f"unknown storage scheme '{scheme}://' in {url!r}",
            hint="use a path, sqlite:///path, memory:// or postgresql://…",
        )
    raw = text.removeprefix("sqlite://") if text.startswith("sqlite://") else text
    if not raw.strip():
        # An empty path would resolve to the base itself: three databases in the scanned root.
        raise ConfigError(
            f"storage URL {url!r} has no path",
            hint="use sqlite:///absolute/path, sqlite://relative/path or a directory",
        )
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    if path.suffix == ".db":
        directory, drift_db = path.parent, path
    else:
        directory, drift_db = path, path / "drift.db"
    return Location("sqlite", drift_db, directory / "bridge.db", directory / "cortex.db")


def _require_sqlite(location: Location, url: str) -> Location:
    if location.kind == "postgresql":
        raise ConfigError(
            f"{url}: the PostgreSQL storage backend is not part of this build yet",
            hint="use the default SQLite storage (.drift/) or memory://",
        )
    return location


@dataclass
class StorageSet:
    """The four engines of one workspace, closed together."""

    drift: DriftStorage
    bridge: IBridgeStorage
    cortex: ICortexStorage
    workspace: IWorkspaceStorage
    location: Location

    def close(self) -> None:
        errors: list[BaseException] = []
        # IBridgeStorage's own lifecycle method is shutdown(); it releases the engine.
        for release in (self.drift.close, self.bridge.shutdown, self.cortex.close):
            try:
                release()
            except BaseException as error:  # release the others, then report the first failure
                errors.append(error)
        if errors:
            raise errors[0]

    def __enter__(self) -> StorageSet:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_storage(
    url: str, *, base: Path | None = None, clock: Callable[[], int] | None = None
) -> StorageSet:
    """Open drift, bridge, cortex and workspace storage at ``url``."""
    location = _require_sqlite(parse_url(url, base=base), url)
    if location.kind == "memory":
        # The memory backend is imported only when chosen: every `drift` command starts here,
        # and importing it costs a fifth of a no-change rescan.
        from drift.storage.memory.bridge import MemoryBridgeStorage
        from drift.storage.memory.cortex import MemoryCortexStorage
        from drift.storage.memory.engine import MemoryDriftStorage
        from drift.storage.memory.workspace import MemoryWorkspaceStorage

        memory_drift = MemoryDriftStorage(clock=clock)
        return StorageSet(
            memory_drift,
            MemoryBridgeStorage(clock=clock),
            MemoryCortexStorage(clock=clock),
            MemoryWorkspaceStorage(memory_drift, clock=clock),
            location,
        )
    if location.drift_db is None or location.bridge_db is None or location.cortex_db is None:
        raise ConfigError(f"{url}: not a SQLite workspace location")
    drift = SqliteDriftStorage(location.drift_db, clock=clock)
    opened: list[SqliteDriftStorage | SqliteBridgeStorage | SqliteCortexStorage] = [drift]
    try:
        bridge = SqliteBridgeStorage(location.bridge_db, clock=clock)
        opened.append(bridge)
        cortex = SqliteCortexStorage(location.cortex_db, clock=clock)
    except BaseException:
        for engine in opened:
            engine.close()
        raise
    workspace = SqliteWorkspaceStorage(location.drift_db, clock=clock)
    return StorageSet(drift, bridge, cortex, workspace, location)


def open_drift_storage(
    url: str, *, base: Path | None = None, clock: Callable[[], int] | None = None
) -> DriftStorage:
    """Open only drift.db's engine."""
    location = _require_sqlite(parse_url(url, base=base), url)
    if location.kind == "memory":
        from drift.storage.memory.engine import MemoryDriftStorage

        return MemoryDriftStorage(clock=clock)
    assert location.drift_db is not None
    return SqliteDriftStorage(location.drift_db, clock=clock)


def open_bridge_storage(
    url: str, *, base: Path | None = None, clock: Callable[[], int] | None = None
) -> IBridgeStorage:
    """Open only bridge.db's engine."""
    location = _require_sqlite(parse_url(url, base=base), url)
    if location.kind == "memory":
        from drift.storage.memory.bridge import MemoryBridgeStorage

        return MemoryBridgeStorage(clock=clock)
    assert location.bridge_db is not None
    return SqliteBridgeStorage(location.bridge_db, clock=clock)


def open_cortex_storage(
    url: str, *, base: Path | None = None, clock: Callable[[], int] | None = None
) -> ICortexStorage:
    """Open only cortex.db's engine."""
    location = _require_sqlite(parse_url(url, base=base), url)
    if location.kind == "memory":
        from drift.storage.memory.cortex import MemoryCortexStorage

        return MemoryCortexStorage(clock=clock)
    assert location.cortex_db is not None
    return SqliteCortexStorage(location.cortex_db, clock=clock)


def open_workspace_storage(
    url: str, *, base: Path | None = None, clock: Callable[[], int] | None = None
) -> IWorkspaceStorage:
    """Open the workspace view of a SQLite workspace (``memory://`` needs ``open_storage``)."""
    location = _require_sqlite(parse_url(url, base=base), url)
    if location.kind == "memory":
        raise ConfigError(
            "memory:// has no workspace outside one process",
            hint="open_storage('memory://') gives a workspace bound to its drift engine",
        )
    assert location.drift_db is not None
    return SqliteWorkspaceStorage(location.drift_db, clock=clock)
