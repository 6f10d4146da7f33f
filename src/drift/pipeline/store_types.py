"""The storage the pipeline is given: the drift protocols it reads and writes, nothing more."""

from __future__ import annotations

from typing import Protocol

from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.batch import IDriftBatchWriter
from drift.storage.protocols.enforcement import IDriftEnforcement
from drift.storage.protocols.files import IDriftFiles
from drift.storage.protocols.structural import IDriftStructural


class PipelineStore(
    IDriftFiles, IDriftAnalysis, IDriftStructural, IDriftEnforcement, IDriftBatchWriter, Protocol
):
    """Every drift storage backend provides this; the CLI opens one and passes it in."""
