"""``DriftStorage``: everything a drift.db backend provides, as one protocol."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.storage.protocols.advanced import IDriftAdvanced
from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.batch import IDriftBatchWriter
from drift.storage.protocols.enforcement import IDriftEnforcement
from drift.storage.protocols.files import IDriftFiles
from drift.storage.protocols.reader import IDriftReader
from drift.storage.protocols.structural import IDriftStructural


@runtime_checkable
class DriftStorage(
    IDriftFiles,
    IDriftAnalysis,
    IDriftStructural,
    IDriftEnforcement,
    IDriftAdvanced,
    IDriftBatchWriter,
    IDriftReader,
    Protocol,
):
    """The seven drift protocols together, plus ``close``: what the pipeline is given."""

    def close(self) -> None:
        """Flush pending batches, stop background work and release every resource."""
        ...
