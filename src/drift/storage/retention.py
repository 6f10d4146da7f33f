"""How long ``gc`` keeps time series, shared by every backend so they prune alike."""

from __future__ import annotations

from typing import Final

EVENT_RETENTION_SECONDS: Final = 90 * 86_400
"""Workspace events older than this are removed."""

TREND_RETENTION_SECONDS: Final = 90 * 86_400
"""Health-trend samples older than this are removed, except the newest ``TREND_ROWS_KEPT`` of
each metric still recorded inside the window (momentum reads the last nine samples of a
series, however old they are). A metric with no sample inside the window, such as the series
of a pattern that vanished, is removed entirely."""

TREND_ROWS_KEPT: Final = 10
