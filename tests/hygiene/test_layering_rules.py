"""The layering rules of DESIGN §3 are enforced by tools; prove the tools catch a violation.

Each test copies the package and pyproject.toml to a temporary directory, adds one throwaway
module that breaks a rule, and runs the real checker on the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "drift",
        tmp_path / "src" / "drift",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def _ruff(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "--select", "TID251", "src"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_ruff_bans_a_driver_import_outside_the_driver_packages(project_copy: Path) -> None:
    bad = project_copy / "src" / "drift" / "analysis" / "throwaway_bad.py"
    bad.write_text("import sqlite3\n\nCONNECT = sqlite3.connect\n")
    result = _ruff(project_copy)
    assert result.returncode != 0
    assert "throwaway_bad.py" in result.stdout
    assert "TID251" in result.stdout


@pytest.mark.parametrize(
    "package", ["storage/sqlite", "storage/postgres", "cloud/db"], ids=lambda p: p
)
def test_ruff_allows_drivers_inside_the_driver_packages(project_copy: Path, package: str) -> None:
    target = project_copy / "src" / "drift" / package
    target.mkdir(parents=True, exist_ok=True)
    (target / "throwaway_ok.py").write_text("import sqlite3\n\nCONNECT = sqlite3.connect\n")
    result = _ruff(project_copy)
    assert "throwaway_ok.py" not in result.stdout


def test_import_linter_passes_on_the_real_tree(project_copy: Path) -> None:
    result = _lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_reports_scan_reaching_into_a_backend(project_copy: Path) -> None:
    bad = project_copy / "src" / "drift" / "scan" / "throwaway_bad.py"
    bad.write_text("from drift.storage.sqlite import engine\n\nENGINE = engine\n")
    result = _lint_imports(project_copy)
    assert result.returncode != 0
    assert "drift.scan.throwaway_bad" in result.stdout
    assert "BROKEN" in result.stdout


def test_import_linter_reports_a_driver_import_in_the_bridge(project_copy: Path) -> None:
    bad = project_copy / "src" / "drift" / "bridge" / "throwaway_bad.py"
    bad.write_text("import sqlite3\n\nCONNECT = sqlite3.connect\n")
    result = _lint_imports(project_copy)
    assert result.returncode != 0
    assert "drift.bridge.throwaway_bad" in result.stdout
