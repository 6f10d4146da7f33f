"""Content hashes: xxh3-64, stored as 8 little-endian bytes (the original's BLOB layout)."""

from __future__ import annotations

from pathlib import Path

import xxhash

HASH_SIZE = 8
"""Length in bytes of every content hash."""


def content_hash(data: bytes) -> bytes:
    """The xxh3-64 hash of ``data`` as 8 little-endian bytes."""
    return xxhash.xxh3_64_intdigest(data).to_bytes(HASH_SIZE, "little")


def hash_file(path: str | Path) -> tuple[bytes, int]:
    """Read ``path`` and return its content hash and its size in bytes (OSError if unreadable)."""
    with open(path, "rb") as handle:
        data = handle.read()
    return content_hash(data), len(data)
