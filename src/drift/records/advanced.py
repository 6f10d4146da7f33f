"""Rows of the advanced domain: effort simulations and migration corrections (§4.5)."""

from __future__ import annotations

from drift.records.record import Record


class SimulationRow(Record, frozen=True):
    """An effort simulation for a task: how many approaches, which is best, P10/P50/P90 effort."""

    id: int
    task_category: str
    task_description: str
    approach_count: int
    recommended_approach: str | None
    p10_effort: float
    p50_effort: float
    p90_effort: float
    created_at: int


class CorrectionRow(Record, frozen=True):
    """A human correction to one section of a migrated module's generated text."""

    id: int
    module_id: int
    section: str
    original_text: str
    corrected_text: str
    reason: str | None
    created_at: int
