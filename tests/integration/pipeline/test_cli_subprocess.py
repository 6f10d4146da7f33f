"""One real run of the installed ``drift`` command: scan, then a SARIF check that validates
against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # (no stubs in the dev dependencies)

from tests.integration.pipeline.helpers import SCHEMA, copy_repo


def _drift() -> str:
    script = Path(sys.executable).parent / "drift"
    assert script.is_file(), f"the drift console script is not installed next to {sys.executable}"
    return str(script)


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """``command`` run to its end as CI runs it (no progress bar), its output captured."""
    return subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
        timeout=300,
    )


def test_drift_scan_then_check_sarif_in_a_real_process(tmp_path: Path) -> None:
    repo = copy_repo("naming-typescript", tmp_path)
    scanned = _run([_drift(), "scan", str(repo)])
    assert scanned.returncode == 0, scanned.stderr
    assert "  files       6 files tracked (6 added); typescript 6" in scanned.stdout
    assert "analyse" not in scanned.stderr  # CI is set: no progress bar

    report = tmp_path / "drift.sarif"
    checked = _run([_drift(), "check", str(repo), "--format", "sarif", "--output", str(report)])
    assert checked.returncode == 1, checked.stderr  # the empty catch fails error-handling
    document = json.loads(report.read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    (run,) = document["runs"]
    results = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for r in run["results"]]  # fmt: skip
    assert results == [("errors/error-gap-empty-catch", 40)]  # the catch, not its function
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "src/services/cart.ts"


# What only a scan with files to analyse needs. A scan that finds nothing changed spends most
# of its time importing (a fresh process per run), so none of these may load on its path.
_ANALYSIS_MODULES = (
    "tree_sitter",
    "multiprocessing",
    "drift.scan.pool",
    "drift.scan.extraction",
    "drift.analysis.packs.loader",
    "drift.analysis.packs.matching",
    "drift.analysis.structure.callgraph",
    "drift.enforcement.engine",
    "drift.pipeline.worker",
    "drift.pipeline.project",
    "drift.pipeline.analyze",
)

_RUN_AND_LIST_MODULES = """
import json, sys
from drift.cli.main import main
sys.argv = ["drift", *sys.argv[1:]]
try:
    code = main()
except SystemExit as exit:
    code = exit.code
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def _modules_after(args: list[str]) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST_MODULES, *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
        timeout=300,
    )
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return code, set(modules)


def test_a_scan_that_finds_nothing_changed_imports_no_analysis_code(tmp_path: Path) -> None:
    repo = copy_repo("naming-python", tmp_path)
    code, first = _modules_after(["scan", str(repo)])
    assert code == 0
    assert set(_ANALYSIS_MODULES) <= first  # the list names what a real analysis loads
    code, again = _modules_after(["scan", str(repo)])
    assert code == 0
    assert sorted(again & set(_ANALYSIS_MODULES)) == []


_EARLY_READER = """
import click
from drift.cli.errors import friendly_errors

@click.command()
@friendly_errors
def listing() -> None:
    for number in range(1_000_000):
        click.echo(f"line {number}")

listing()
"""


def test_a_reader_that_leaves_early_stops_drift_quietly() -> None:
    # `drift violations | head -1`: the reader goes away while Drift still writes.
    listing = subprocess.Popen(
        [sys.executable, "-c", _EARLY_READER], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert listing.stdout is not None
    assert listing.stderr is not None
    assert listing.stdout.readline() == b"line 0\n"
    listing.stdout.close()
    errors = listing.stderr.read()
    assert listing.wait(timeout=120) == 141  # as a shell reports a program SIGPIPE stopped
    assert errors == b""  # no "error: Broken pipe", no traceback at exit


def test_a_repository_that_shadows_the_standard_library_scans(tmp_path: Path) -> None:
    # Run from the root of a repository with its own `threading.py` (the CPython sources, say):
    # worker processes start as `python -c`, which would import it instead of the real one.
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "threading.py").write_text("raise RuntimeError('not the standard library')\n")
    for number in range(60):  # enough files for the process pool
        (repo / f"mod{number}.py").write_text(f"def run_{number}():\n    return {number}\n")
    scanned = subprocess.run(
        [_drift(), "scan", "."],
        cwd=repo,
        check=False,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "PYTHONSAFEPATH"}
        | {"CI": "true"},
        timeout=300,
    )
    assert scanned.returncode == 0, scanned.stderr
    assert "  files       61 files tracked (61 added); python 61" in scanned.stdout
    assert "not the standard library" not in scanned.stderr


def test_a_check_waits_for_the_scan_that_holds_the_workspace(tmp_path: Path) -> None:
    # A check run during a scan had stored its violations as the baseline: the scan's new
    # violations then read as old for every later check.
    import fcntl

    repo = copy_repo("naming-typescript", tmp_path)
    env = {**os.environ, "CI": "true"}
    first = subprocess.run(
        [_drift(), "scan", str(repo)], check=False, capture_output=True, env=env, timeout=300
    )
    assert first.returncode == 0, first.stderr
    with open(repo / ".drift" / "scan.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running scan holds it
        waiting = subprocess.Popen(
            [_drift(), "check", str(repo), "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # blocks until the check says it waits
        assert line.strip() == "waiting for another drift scan or check of this workspace…"
        assert waiting.poll() is None
        fcntl.flock(held, fcntl.LOCK_UN)
    out, _ = waiting.communicate(timeout=300)
    assert waiting.returncode == 1
    assert json.loads(out)["passed"] is False


def test_an_import_waits_for_the_scan_that_holds_the_workspace(tmp_path: Path) -> None:
    # An import during a scan had pulled the scan's rows away under it ("no scan with id 3").
    import fcntl

    repo = copy_repo("naming-typescript", tmp_path)
    env = {**os.environ, "CI": "true"}
    backup = tmp_path / "backup.db"
    for args in (["scan", str(repo)], ["backup", str(backup), "--root", str(repo)]):
        done = subprocess.run([_drift(), *args], check=False, capture_output=True, env=env)
        assert done.returncode == 0, done.stderr
    with open(repo / ".drift" / "scan.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = subprocess.Popen(
            [_drift(), "import", str(backup), "--root", str(repo)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line.strip() == "waiting for another drift scan or check of this workspace…"
        assert waiting.poll() is None
        fcntl.flock(held, fcntl.LOCK_UN)
    out, _ = waiting.communicate(timeout=300)
    assert waiting.returncode == 0
    assert out.strip() == f"imported {backup}"


def _processes_marked(mark: str) -> list[int]:
    """The live processes whose environment holds ``mark`` (a zombie's environment is empty:
    an exited process whose parent has not reaped it yet does not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if mark.encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_workers_exit_when_the_scan_is_killed(tmp_path: Path) -> None:
    # `drift scan BIGTREE & sleep 4; kill -9 $!` (a cancelled CI job, the OOM killer) had left
    # the fork server, the resource tracker and the workers running under init until killed
    # by hand: the workers waited on their task queue for ever, and kept the other two alive.
    repo = tmp_path / "big"
    body = "".join(
        f"def step_{n}(value):\n    try:\n        return value + {n}\n"
        "    except ValueError:\n        pass\n\n"
        for n in range(60)
    )
    for package in range(30):
        (repo / f"pkg{package}").mkdir(parents=True)
        for module in range(50):
            (repo / f"pkg{package}" / f"mod{module}.py").write_text(body, encoding="utf-8")
    mark = f"DRIFT_TEST_RUN={os.getpid()}-{time.monotonic_ns()}"
    name, value = mark.split("=")
    env = {**os.environ, "CI": "true", "DRIFT_SCAN_THREADS": "2", name: value}
    scanning = subprocess.Popen(
        [_drift(), "scan", str(repo), "--storage", str(tmp_path / "store")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        # The scan, the fork server, the resource tracker and at least one worker.
        assert _wait_for(lambda: len(_processes_marked(mark)) >= 4, 120), "no worker ran"
        assert scanning.poll() is None, "the scan ended before it was killed: too few files"
        scanning.kill()
        scanning.wait()
        assert _wait_for(lambda: not _processes_marked(mark), 60), _processes_marked(mark)
    finally:
        scanning.kill()
        for pid in _processes_marked(mark):
            os.kill(pid, signal.SIGKILL)


def test_python_dash_m_drift_runs_the_same_command(tmp_path: Path) -> None:
    """``python -m drift`` for an environment whose scripts are not on PATH."""
    repo = copy_repo("naming-typescript", tmp_path)
    scanned = _run([sys.executable, "-m", "drift", "scan", str(repo)])
    assert scanned.returncode == 0, scanned.stderr
    assert "  files       6 files tracked (6 added); typescript 6" in scanned.stdout
    missing = _run([sys.executable, "-m", "drift", "scan", str(tmp_path / "nowhere")])
    assert missing.returncode == 2
