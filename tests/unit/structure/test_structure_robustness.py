"""Arbitrary and broken input never makes the structural analyses fail."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drift.analysis.structure.call_edges import resolve_calls
from drift.analysis.structure.coupling import coupling
from drift.analysis.structure.file_structure import file_structure
from drift.analysis.structure.test_mapping import test_mapping as map_tests
from drift.scan import parse_source
from tests.unit.structure.support import REPOS, function_rows

_PIECES = st.sampled_from(
    [
        "def ", "class ", "import ", "from . import x\n", "try:\n", "except:\n", " pass\n",
        "os.environ[", '"', "'", "=", "(", ")", "{", "}", "\n", "    ", "A_B = 3\n",
        "@Entity()\n", "model X {\n", "process.env.", "password = ", "ghp_", "-----BEGIN ",
        "func ", "package p\n", "catch (e) {}", "#", "//", "@Column() ", "x", "42", "ÄΩ",
    ]
)  # fmt: skip

_FILES = {
    "python": "pkg/test_mod.py",
    "javascript": "src/mod.test.js",
    "typescript": "src/mod.tsx",
    "go": "pkg/mod_test.go",
    "java": "src/Mod.java",
}


@settings(max_examples=40, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=60), grammar=st.sampled_from(sorted(_FILES)))
def test_random_source_never_fails(pieces: list[str], grammar: str) -> None:
    text = "".join(pieces)
    path = _FILES[grammar]
    result = parse_source(text.encode(), "tsx" if grammar == "typescript" else grammar)
    facts = file_structure(path, result, text)
    assert facts.path == path
    results = {path: result}
    rows = function_rows(results)
    edges = resolve_calls(rows, results)
    assert all(e.caller_id in {r.id for r in rows} for e in edges)
    metrics, _ = coupling(results)
    assert len(metrics) == 1
    map_tests(rows, edges, results)


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_truncated_fixture_files_never_fail(cut: float) -> None:
    for path in sorted(REPOS.rglob("*")):
        if path.suffix not in {".py", ".ts", ".tsx", ".js", ".go", ".java"}:
            continue
        data = path.read_bytes()
        data = data[: int(len(data) * cut)] + b"\xff\xfe"
        grammar = {".py": "python", ".ts": "typescript", ".tsx": "tsx", ".js": "javascript"}.get(
            path.suffix, path.suffix.lstrip(".")
        )
        result = parse_source(data, grammar)
        text = data.decode("utf-8", "replace")
        facts = file_structure(path.name, result, text)
        assert all(gap.file == path.name for gap in facts.error_gaps)
