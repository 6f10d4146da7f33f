"""The base of every record: an immutable row, built in C.

Records are created by the hundred thousand in a scan (functions, call edges, detections) and
their classes by the hundred at every start of the command line. ``msgspec.Struct`` gives both
for a fraction of what a frozen, slotted dataclass costs: a class in microseconds rather than a
millisecond of generated Python, an instance without a Python-level ``__init__``. Records are
frozen, slotted, compared and hashed by value; ``msgspec.structs.replace`` and ``fields`` play
the parts of their ``dataclasses`` namesakes.
"""

from __future__ import annotations

import msgspec


class Record(msgspec.Struct, frozen=True):
    """An immutable row of one of Drift's stores (subclasses declare the fields)."""
