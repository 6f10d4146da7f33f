"""A pack's ``detect_by``: its patterns count only in projects where a signal is seen, and a
signal seen later (an import, a path, a declared dependency) brings them in."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from drift.cli.main import cli
from drift.pipeline import scan
from drift.pipeline.activity import declared_dependencies
from drift.scan import DiffEntry
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import engines

PACK = """[framework]
name = "house-{name}"
detect_by = [{signal}]

[[patterns]]
id = "HOUSE-{name}"
category = "api"
description = "os imported"
[patterns.match]
imports = ["os"]
"""


def _pack(root: Path, name: str, signal: str) -> None:
    packs = root / ".drift" / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    (packs / f"{name}.toml").write_text(PACK.format(name=name, signal=signal), encoding="utf-8")


def test_a_pack_applies_only_where_one_of_its_signals_is_seen(tmp_path: Path) -> None:
    # QA: a pack for Django matched 81 times in flask, which imports no django.
    root = tmp_path / "app"
    root.mkdir()
    (root / "main.py").write_text("import os\n\nprint(os.getcwd())\n", encoding="utf-8")
    _pack(root, "IMP", '{ import = "flask" }')
    _pack(root, "DEC", '{ decorator = "route" }')
    _pack(root, "GLOB", '{ file_pattern = "**/wsgi.py" }')
    _pack(root, "DEP", '{ dependency = "Django" }')
    _pack(root, "ALWAYS", '{ import = "os" }')
    clock = FakeClock()
    with engines("memory", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)

        def applying() -> list[str]:
            """The house patterns the last analysis scored (every match of each is stored)."""
            scored = {row.pattern_id for row in stores.drift.query_all_confidence()}
            names = ("IMP", "DEC", "GLOB", "DEP", "ALWAYS")
            return [name for name in names if f"HOUSE-{name}" in scored]

        assert applying() == ["ALWAYS"]
        (root / "web.py").write_text(
            "import flask\n\n\n@app.route('/')\ndef index():\n    return 1\n", encoding="utf-8"
        )
        (root / "srv").mkdir()
        (root / "srv" / "wsgi.py").write_text("application = None\n", encoding="utf-8")
        scan(root, stores.drift, clock=clock)
        assert applying() == ["IMP", "DEC", "GLOB", "ALWAYS"]
        (root / "requirements.txt").write_text("# web\ndjango>=4.2\n", encoding="utf-8")
        scan(root, stores.drift, clock=clock)
        assert applying() == ["IMP", "DEC", "GLOB", "DEP", "ALWAYS"]
        (root / "web.py").unlink()
        scan(root, stores.drift, clock=clock)
        assert applying() == ["GLOB", "DEP", "ALWAYS"]


def test_dependencies_come_from_every_kind_of_manifest(tmp_path: Path) -> None:
    files = {
        "package.json": '{"dependencies": {"express": "^4"}, "devDependencies": {"vitest": "1"}}',
        "api/pyproject.toml": (
            '[project]\ndependencies = ["Django>=4", "requests[socks]"]\n'
            '[project.optional-dependencies]\ntest = ["pytest"]\n'
            '[tool.poetry.dependencies]\npython = "^3.11"\nflask = "*"\n'
        ),
        "requirements-dev.txt": "-r requirements.txt\n# lint\nruff==0.5\n",
        "requirements/tests.txt": "QA_Dep.Pkg>=1\n",  # flask's layout
        "examples/tutorial/pyproject.toml": '[project]\ndependencies = ["flask-example-only"]\n',
        "go.mod": "module example.com/m\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n)\n",
        "broken/package.json": "{",
        "notes.txt": "django\n",
    }
    entries = []
    for path, text in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        entries.append(DiffEntry(path, str(target), "added", None, 0, b"", 0, 0))
    assert declared_dependencies(entries) == {
        "express", "vitest", "django", "requests", "pytest", "flask", "ruff", "qa_dep.pkg",
        "github.com/gin-gonic/gin",
    }  # fmt: skip


BAN = """[framework]
name = "ban"
detect_by = [{ import = "requests" }, { file_pattern = "Dockerfile" }]

[[patterns]]
id = "BAN-EVAL"
category = "security"
description = "eval"
cwe_ids = [95]
[patterns.match]
calls = ["eval"]
"""


def _cli(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_leaves_out_a_pack_that_stopped_applying(tmp_path: Path) -> None:
    # QA: with the signal gone, ``drift scan`` listed no BAN-EVAL but ``drift check`` still
    # failed on it; and a ``Dockerfile`` (no file the analysis reads) added or removed changed
    # nothing until the next full scan.
    root = tmp_path / "app"
    (root / ".drift" / "packs").mkdir(parents=True)
    (root / ".drift" / "packs" / "ban.toml").write_text(BAN, encoding="utf-8")
    (root / "app.py").write_text("def run(x):\n    return eval(x)\n", encoding="utf-8")
    (root / "net.py").write_text("import requests\n", encoding="utf-8")
    store = str(tmp_path / "store")
    assert _cli("scan", str(root), "--storage", store, "-q").exit_code == 0
    assert _cli("patterns", "approve", "BAN-EVAL", "--root", str(root), "--storage", store)
    checked = _cli("check", "--root", str(root), "--storage", store, "--format", "json")
    assert checked.exit_code == 1
    assert "BAN-EVAL" in checked.output
    (root / "net.py").unlink()
    assert _cli("scan", str(root), "--storage", store, "-q").exit_code == 0
    checked = _cli("check", "--root", str(root), "--storage", store, "--format", "json")
    assert (checked.exit_code, "BAN-EVAL" in checked.output) == (0, False)
    said = _cli("patterns", "show", "BAN-EVAL", "--root", str(root), "--storage", store)
    assert said.exit_code == 2
    assert "pack 'ban', which does not apply to this project" in said.output
    (root / ".drift" / "packs" / "new.toml").write_text(
        BAN.replace('"ban"', '"new"').replace("BAN-EVAL", "NEW-EVAL"), encoding="utf-8"
    )
    assert _cli("scan", str(root), "--storage", store, "-q").exit_code == 0
    said = _cli("patterns", "approve", "NEW-EVAL", "--root", str(root), "--storage", store)
    assert said.exit_code == 2
    assert "pack 'new', which does not apply to this project" in said.output
    (root / "Dockerfile").write_text("FROM python:3.11\n", encoding="utf-8")
    assert _cli("scan", str(root), "--storage", store, "-q").exit_code == 0
    checked = _cli("check", "--root", str(root), "--storage", store, "--format", "json")
    assert (checked.exit_code, "BAN-EVAL" in checked.output) == (1, True)
    (root / "Dockerfile").unlink()
    assert _cli("scan", str(root), "--storage", store, "-q").exit_code == 0
    checked = _cli("check", "--root", str(root), "--storage", store, "--format", "json")
    assert (checked.exit_code, "BAN-EVAL" in checked.output) == (0, False)
