"""``IDriftAnalysis`` contract on every local backend."""

from __future__ import annotations

from drift.storage.testing.analysis import DriftAnalysisContract
from tests.contract.backends import MemoryBackend, SqliteBackend, SqliteInMemoryBackend


class TestSqliteAnalysis(SqliteBackend, DriftAnalysisContract):
    """File-backed SQLite."""


class TestSqliteMemoryAnalysis(SqliteInMemoryBackend, DriftAnalysisContract):
    """SQLite ``:memory:``."""


class TestMemoryAnalysis(MemoryBackend, DriftAnalysisContract):
    """The pure-Python backend."""
