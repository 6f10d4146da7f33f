"""Whether the rules changed since the last analysis: pattern packs, extractor, Drift itself.

Detections of an unchanged file are only valid for the packs and the extractor that produced
them. The fingerprint hashes Drift's version, the parse-result model version and the bytes of
every pack file in use; each analysis records it as a health-trend sample (a 52-bit integer, so
a float holds it exactly), and a scan that finds a different one re-analyses every file.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Final

import xxhash

from drift import __version__
from drift.pipeline.store_types import PipelineStore
from drift.records.batch import InsertHealthTrends
from drift.records.enforcement import HealthTrendRow
from drift.scan import MODEL_VERSION
from drift.storage.protocols.enforcement import IDriftEnforcement

FINGERPRINT_METRIC: Final = "analysis_fingerprint"
_MASK: Final = (1 << 52) - 1


def _pack_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.glob("*.toml") if path.is_file())


def rules_fingerprint(pack_dirs: Sequence[Path], builtin: bool, sniffing: str = "") -> int:
    """A 52-bit hash of everything detection depends on besides the code itself. ``sniffing``
    names the discovery settings that read a file's head (which files are binary, generated or
    minified): a file whose size and time did not change is not read again, so a change to them
    must make the next scan a full one."""
    digest = xxhash.xxh3_64()
    digest.update(f"drift {__version__} model {MODEL_VERSION} builtin {builtin}\n".encode())
    digest.update(f"sniffing {sniffing}\n".encode())
    if builtin:
        root = resources.files("drift.analysis.packs").joinpath("builtin")
        for entry in sorted(root.iterdir(), key=lambda item: item.name):
            if entry.name.endswith(".toml"):
                digest.update(entry.name.encode() + b"\n" + entry.read_bytes())
    for directory in pack_dirs:
        for path in _pack_files(directory):
            try:
                data = path.read_bytes()
            except OSError:
                data = b"<unreadable>"
            digest.update(str(path).encode() + b"\n" + data)
    return digest.intdigest() & _MASK


def stored_fingerprint(storage: IDriftEnforcement) -> int | None:
    """The fingerprint the last analysis recorded, or None."""
    rows = storage.query_health_trends(FINGERPRINT_METRIC, 1)
    return int(rows[0].metric_value) if rows else None


def record_fingerprint(storage: PipelineStore, value: int) -> None:
    """Record the fingerprint of this analysis (through the batch writer: stored with the
    analysis's other rows)."""
    storage.send_batch(InsertHealthTrends([HealthTrendRow(FINGERPRINT_METRIC, float(value), 0)]))
