"""Progress of a long scan: a rich progress bar on a terminal, nothing in CI or with ``--quiet``.

The pipeline reports stages (``stage``) and per-file work (``advance``) to a ``Progress``; the
CLI picks the implementation. ``make_progress`` stays silent when output is not a terminal,
when the ``CI`` environment variable is set (GitHub Actions, GitLab, Buildkite and most others
set it), or when the user asked for quiet.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from types import TracebackType
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import TaskID


class Progress(Protocol):
    """Receives the pipeline's progress; every method must be cheap."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage begins (``total`` units of work, or unknown)."""
        ...

    def advance(self, units: int = 1) -> None:
        """``units`` of the current stage are done."""
        ...

    def close(self) -> None:
        """The run is over: remove the bar."""
        ...


class SilentProgress:
    """Reports nothing (CI, ``--quiet``, tests, output piped to a file)."""

    def stage(self, name: str, total: int | None = None) -> None:
        """Ignore the stage."""

    def advance(self, units: int = 1) -> None:
        """Ignore the work done."""

    def close(self) -> None:
        """Nothing to remove."""


class BarProgress:
    """A transient rich progress bar on stderr: one line, the current stage and its count."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        # Imported here: rich costs a tenth of a no-change rescan, which shows no bar.
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichBar

        console = Console(file=stream, stderr=stream is None)
        self._bar = RichBar(
            TextColumn("[bold]{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task: TaskID | None = None
        self._bar.start()

    def stage(self, name: str, total: int | None = None) -> None:
        """Show ``name`` with a bar of ``total`` units."""
        if self._task is not None:
            self._bar.remove_task(self._task)
        self._task = self._bar.add_task(name, total=total)

    def advance(self, units: int = 1) -> None:
        """Move the bar by ``units``."""
        if self._task is not None:
            self._bar.advance(self._task, units)

    def close(self) -> None:
        """Stop the bar and clear its line."""
        self._bar.stop()

    def __enter__(self) -> BarProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class StageTimer:
    """Passes progress on to another ``Progress`` and times each stage (wall clock)."""

    def __init__(self, inner: Progress) -> None:
        self._inner = inner
        self._current: str | None = None
        self._started = time.perf_counter()
        self.timings: dict[str, float] = {}

    def _close_stage(self) -> None:
        now = time.perf_counter()
        if self._current is not None:
            spent = (now - self._started) * 1000.0
            self.timings[self._current] = self.timings.get(self._current, 0.0) + spent
        self._started = now

    def stage(self, name: str, total: int | None = None) -> None:
        """Start timing ``name`` (ending the previous stage) and pass it on."""
        self._close_stage()
        self._current = name
        self._inner.stage(name, total)

    def advance(self, units: int = 1) -> None:
        """Pass the work done on."""
        self._inner.advance(units)

    def close(self) -> None:
        """End the last stage and close the inner progress."""
        self._close_stage()
        self._current = None
        self._inner.close()


def in_ci(environ: Mapping[str, str]) -> bool:
    """True when the ``CI`` variable is set to anything but an explicit false value."""
    value = environ.get("CI")
    return value is not None and value.strip().lower() not in {"", "0", "false", "no"}


def make_progress(
    *, quiet: bool, stream: IO[str], environ: Mapping[str, str] | None = None
) -> Progress:
    """A bar on ``stream`` when it is a terminal and nobody asked for silence; else silence."""
    if quiet or in_ci(os.environ if environ is None else environ) or not stream.isatty():
        return SilentProgress()
    return BarProgress(stream)
