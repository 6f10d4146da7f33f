"""What a contract test is given: the engines of one backend and a clock it controls."""

from __future__ import annotations

from dataclasses import dataclass, field

from drift.storage.protocols.bridge import IBridgeStorage
from drift.storage.protocols.cortex import ICortexStorage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.protocols.workspace import IWorkspaceStorage

START_TIME = 1_700_000_000


@dataclass
class FakeClock:
    """A clock the tests move by hand, so time ordering and tie-breaks are deterministic."""

    now: int = START_TIME

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int = 1) -> int:
        self.now += seconds
        return self.now


@dataclass
class StorageUnderTest:
    """One backend's engines, all built with the same ``clock``."""

    kind: str
    drift: DriftStorage
    bridge: IBridgeStorage
    cortex: ICortexStorage
    workspace: IWorkspaceStorage
    clock: FakeClock = field(default_factory=FakeClock)
