"""The storage enforcement works through: four protocols, never a backend."""

from __future__ import annotations

from typing import Protocol

from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.batch import IDriftBatchWriter
from drift.storage.protocols.enforcement import IDriftEnforcement
from drift.storage.protocols.files import IDriftFiles
from drift.storage.protocols.structural import IDriftStructural


class EnforcementStore(
    IDriftFiles, IDriftAnalysis, IDriftStructural, IDriftEnforcement, IDriftBatchWriter, Protocol
):
    """What ``enforce`` reads and writes; every drift storage backend provides it.

    The many rows of a run (violations, gate results, alerts) go through the batch writer, in
    as few transactions as it likes, and are flushed before ``enforce`` returns.
    """
