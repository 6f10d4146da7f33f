"""Which stored detections count: those of the packs that apply to the project.

A pack naming ``detect_by`` signals applies only where one is seen (``drift.pipeline.activity``
decides, at each pattern analysis). Every file's matches of every pack stay stored, beside
each file's signals (``signal:<pack>`` rows); the analysis records the packs it found no signal
of as ``INACTIVE_METHOD`` rows, one per pack, so that whatever reads the detections later
(``drift check``, ``drift patterns show``) leaves out the same ones without deciding again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final

from drift.records.analysis import DetectionRow

PACK_METHOD_PREFIX: Final = "pack:"
"""The ``detection_method`` of a pack's match: ``pack:<pack name>``."""
SIGNAL_METHOD_PREFIX: Final = "signal:"
"""A pack's detect signal seen in a file: ``signal:<pack>``."""
INACTIVE_METHOD: Final = "packs:inactive"
"""The rows naming the packs the last analysis found no signal of."""
SIGNAL_CATEGORY: Final = "signal"
"""The category of signal and inactive-pack rows: no pattern's."""
DETECT_SUFFIX: Final = "/detect_by"


def signalled_packs(rows: Iterable[DetectionRow]) -> set[str]:
    """The packs some file's imports or decorators signal."""
    return {
        row.detection_method.removeprefix(SIGNAL_METHOD_PREFIX)
        for row in rows
        if row.category == SIGNAL_CATEGORY and row.detection_method.startswith(SIGNAL_METHOD_PREFIX)
    }


def inactive_packs(rows: Iterable[DetectionRow]) -> set[str]:
    """The packs the last analysis recorded as not applying (its ``INACTIVE_METHOD`` rows)."""
    return {
        row.pattern_id.removesuffix(DETECT_SUFFIX)
        for row in rows
        if row.detection_method == INACTIVE_METHOD
    }


def inactive_row(pack: str) -> DetectionRow:
    """The row recording that ``pack`` does not apply."""
    return DetectionRow(
        id=0,
        file="",
        line=0,
        column_num=0,
        pattern_id=pack + DETECT_SUFFIX,
        category=SIGNAL_CATEGORY,
        confidence=1.0,
        detection_method=INACTIVE_METHOD,
        cwe_ids=None,
        owasp=None,
        matched_text=None,
        created_at=0,
    )


def applying(
    rows: Iterable[DetectionRow], inactive: Collection[str] | None = None
) -> list[DetectionRow]:
    """``rows`` without signals and without the matches of the packs that do not apply:
    ``inactive``, or those the rows' own ``INACTIVE_METHOD`` rows name."""
    kept = list(rows)
    if inactive is None:
        inactive = inactive_packs(kept)
    left_out = {PACK_METHOD_PREFIX + name for name in inactive}
    return [
        row
        for row in kept
        if row.category != SIGNAL_CATEGORY and row.detection_method not in left_out
    ]
