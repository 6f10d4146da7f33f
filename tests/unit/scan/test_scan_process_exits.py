"""A handler that ends the process (or Go's test) passes its error on: it does not swallow it."""

from __future__ import annotations

import pytest

from drift.scan import parse_source

CASES = [
    (
        "python",
        b"import os, sys\n"
        b"try:\n    run()\nexcept Exception:\n    sys.exit(1)\n"
        b"try:\n    run()\nexcept OSError:\n    os._exit(2)\n"
        b"try:\n    run()\nexcept Exception:\n    print('x')\n"
        b"try:\n    run()\nexcept Exception:\n    self.exit(1)\n"
        b"try:\n    run()\nexcept ValueError:\n    self.fail('invalid')\n"
        b"try:\n    run()\nexcept KeyError:\n    pytest.fail('missing')\n",
        [(4, True), (8, True), (12, False), (16, False), (20, True), (24, True)],
    ),
    (
        "go",
        b"package main\n\nfunc main() {\n"
        b'\tif err := run(); err != nil {\n\t\tlog.Fatalf("run: %v", code)\n\t}\n'
        b"\tif err := run(); err != nil {\n\t\tos.Exit(1)\n\t}\n"
        b'\tif err := run(); err != nil {\n\t\tt.Fatal("no run")\n\t}\n'
        b'\tif err := run(); err != nil {\n\t\tfmt.Println("x")\n\t}\n'
        b"}\n",
        [(4, True), (7, True), (10, True), (13, False)],
    ),
    (
        "javascript",
        b"try { run() } catch (e) { process.exit(1) }\n"
        b"try { run() } catch (e) { console.log('x') }\n",
        [(1, True), (2, False)],
    ),
    (
        "java",
        b"class A { void m() {\n"
        b"  try { run(); } catch (Exception e) { System.exit(1); }\n"
        b'  try { run(); } catch (Exception e) { log("x"); }\n'
        b"} }\n",
        [(2, True), (3, False)],
    ),
]


@pytest.mark.parametrize(("grammar", "source", "expected"), CASES)
def test_a_handler_that_ends_the_process_does_not_swallow(
    grammar: str, source: bytes, expected: list[tuple[int, bool]]
) -> None:
    handlers = [
        (h.line, h.rethrows, h.swallows)
        for h in parse_source(source, grammar).error_handlers
        if h.kind not in ("throw", "finally")
    ]
    assert handlers == [(line, ends, not ends) for line, ends in expected]
