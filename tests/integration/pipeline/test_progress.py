"""Progress reporting: a bar on a terminal, silence in CI, in pipes and with --quiet."""

from __future__ import annotations

import io

from drift.pipeline.progress import BarProgress, SilentProgress, StageTimer, in_ci, make_progress


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_unless_quiet_or_in_ci() -> None:
    assert isinstance(make_progress(quiet=False, stream=Terminal(), environ={}), BarProgress)
    assert isinstance(make_progress(quiet=True, stream=Terminal(), environ={}), SilentProgress)
    for value in ("true", "1", "yes"):
        progress = make_progress(quiet=False, stream=Terminal(), environ={"CI": value})
        assert isinstance(progress, SilentProgress)
    piped = make_progress(quiet=False, stream=io.StringIO(), environ={})
    assert isinstance(piped, SilentProgress)


def test_ci_means_set_and_not_false() -> None:
    assert in_ci({"CI": "true"})
    assert not in_ci({})
    assert not in_ci({"CI": "false"})
    assert not in_ci({"CI": "0"})


def test_the_bar_draws_stages_and_leaves_no_trace() -> None:
    stream = Terminal()
    bar = BarProgress(stream)
    bar.stage("analyse", 3)
    bar.advance(3)
    bar.stage("patterns")
    bar.close()
    assert "analyse" in stream.getvalue()


def test_the_stage_timer_times_each_stage_and_passes_everything_on() -> None:
    stream = Terminal()
    timer = StageTimer(BarProgress(stream))
    timer.stage("discover")
    timer.stage("analyse", 2)
    timer.advance(2)
    timer.stage("discover")
    timer.close()
    assert list(timer.timings) == ["discover", "analyse"]
    assert all(ms >= 0.0 for ms in timer.timings.values())
    assert "analyse" in stream.getvalue()
