"""``MemoryDriftStorage``: every drift protocol in plain Python (``memory://``)."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from drift.storage.memory.advanced import MemoryDriftAdvanced
from drift.storage.memory.analysis import MemoryDriftAnalysis
from drift.storage.memory.batch import MemoryDriftBatch
from drift.storage.memory.enforcement import MemoryDriftEnforcement
from drift.storage.memory.files import MemoryDriftFiles
from drift.storage.memory.reader import MemoryDriftReader
from drift.storage.memory.structural import MemoryDriftStructural
from drift.storage.memory.workspace import MemoryWorkspaceSupport


class MemoryDriftStorage(
    MemoryDriftBatch,
    MemoryWorkspaceSupport,
    MemoryDriftFiles,
    MemoryDriftAnalysis,
    MemoryDriftStructural,
    MemoryDriftEnforcement,
    MemoryDriftAdvanced,
    MemoryDriftReader,
):
    """drift.db's tables as dicts behind one re-entrant lock; reads see writes at once."""

    def __init__(self, *, clock: Callable[[], int] | None = None) -> None:
        self._init_core(clock)
        self._init_files()
        self._init_analysis()
        self._init_structural()
        self._init_enforcement()
        self._init_advanced()
        self._init_batch()

    def close(self) -> None:
        """Stop accepting calls; the data goes with the object."""
        if self._lock.closed:
            return
        self.shutdown()
        self._lock.close()

    def __enter__(self) -> MemoryDriftStorage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
