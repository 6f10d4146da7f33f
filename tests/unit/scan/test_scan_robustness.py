"""Property tests: random bytes, truncated and mis-encoded files never crash parsing or a scan."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drift.scan import (
    GRAMMARS,
    ParseResult,
    ParseTask,
    diff_files,
    discover,
    grammar_for_path,
    parse_path,
    parse_source,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "repos"
SAMPLES = {
    "python": FIXTURES / "naming-python/billing/payments.py",
    "javascript": FIXTURES / "naming-javascript/lib/cli.js",
    "typescript": FIXTURES / "naming-typescript/src/services/cart.ts",
    "tsx": FIXTURES / "naming-typescript/src/components/PriceTag.tsx",
    "go": FIXTURES / "naming-go/internal/store/store.go",
    "java": FIXTURES / "naming-java/src/main/java/com/acme/shop/OrderService.java",
}
grammars = st.sampled_from(sorted(GRAMMARS))


def check(result: ParseResult) -> None:
    """What every result must satisfy, however bad the input."""
    assert result.error_count >= len(result.parse_errors)
    assert (result.error is None) == (result.error_count == 0)
    lines = [item.line for item in result.functions]
    lines += [item.line for item in result.calls]
    lines += [item.line for item in result.strings]
    lines += [item.line for item in result.error_handlers]
    assert all(line >= 1 for line in lines)
    for function in result.functions:
        assert function.end_line >= function.line
    assert ParseResult.from_json(result.to_json()) == result


@settings(max_examples=150, deadline=None)
@given(grammar=grammars, data=st.binary(max_size=2048))
def test_random_bytes(grammar: str, data: bytes) -> None:
    check(parse_source(data, grammar))


@settings(max_examples=150, deadline=None)
@given(grammar=grammars, cut=st.floats(0, 1))
def test_truncated_files(grammar: str, cut: float) -> None:
    source = SAMPLES[grammar].read_bytes()
    check(parse_source(source[: int(len(source) * cut)], grammar))


@settings(max_examples=150, deadline=None)
@given(
    grammar=grammars,
    encoding=st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252", "utf-8-sig"]),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_mis_encoded_and_corrupted_files(
    grammar: str, encoding: str, flips: list[tuple[float, int]]
) -> None:
    text = SAMPLES[grammar].read_text(encoding="utf-8") + "\n# é ü ∑ 🙂\n"
    data = bytearray(text.encode(encoding, errors="replace"))
    for where, value in flips:
        data[min(int(where * len(data)), len(data) - 1)] = value
    check(parse_source(bytes(data), grammar))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=st.dictionaries(
        st.sampled_from(["a.py", "b.ts", "c.tsx", "d.js", "e.go", "f.java", "g.txt", "sub/h.py"]),
        st.binary(max_size=600),
        max_size=6,
    )
)
def test_a_scan_of_random_files_never_crashes(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        found = discover(root)
        assert {f.path for f in found.files} | {s.path for s in found.skipped} == set(files)
        assert all(s.reason == "binary" for s in found.skipped)
        changes = diff_files(found.files, {})
        assert changes.added == sorted(f.path for f in found.files)
        for entry in changes.changed:
            grammar = grammar_for_path(entry.path)
            if grammar is None:
                continue
            parsed = parse_path(ParseTask(entry.path, entry.abs_path, grammar))
            assert parsed.error is None
            assert parsed.result is not None
            assert parsed.content_hash == entry.content_hash
            check(parsed.result)
