"""Engine sets for the integration tests: one drift, bridge and cortex engine per backend."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drift.storage.backends import StorageSet, open_storage

BACKENDS = ("sqlite", "memory")


@contextmanager
def open_backend(kind: str, directory: Path) -> Iterator[StorageSet]:
    url = str(directory / ".drift") if kind == "sqlite" else "memory://"
    stores = open_storage(url)
    try:
        yield stores
    finally:
        stores.close()
