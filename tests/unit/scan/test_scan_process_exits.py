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


def handlers_of(source: bytes) -> list[tuple[int, bool, bool]]:
    return [
        (h.line, h.rethrows, h.swallows)
        for h in parse_source(source, "go").error_handlers
        if h.kind == "error_check"
    ]


def test_a_go_test_that_reports_the_error_does_not_swallow_it() -> None:
    # gorm's and sqlx's tests: ``t.Errorf`` fails the test (47 of gorm's 50 gaps were these).
    source = (
        b"package x\n\nfunc TestOpen(t *testing.T) {\n"
        b'\tif err := open(); err != nil {\n\t\tt.Errorf("open failed")\n\t}\n'
        b'\tif err := open(); err != nil {\n\t\tb.Error("open failed")\n\t}\n'
        b'\tif err := open(); err != nil {\n\t\tt.Skip("no database")\n\t}\n'
        b'\tif err := open(); err != nil {\n\t\tlogger.Errorf("open failed")\n\t}\n'
        b'\tif err := open(); err != nil {\n\t\tw.t.Errorf("open failed")\n\t}\n'
        b'\tif err := open(); err != nil {\n\t\ts.T().Errorf("open failed")\n\t}\n'
        b"}\n"
    )
    assert handlers_of(source) == [
        (4, True, False),
        (7, True, False),
        (10, True, False),
        (13, False, True),  # a logger's Errorf fails no test
        (16, True, False),  # a helper's test (sqlx's ``t.t.Errorf``)
        (19, True, False),  # testify's suite
    ]


def test_a_go_handler_returning_nil_for_the_error_swallows_it() -> None:
    # golangci-lint's nilerr: the error was checked, then returned as success.
    source = (
        b"package x\n\n"
        b"func ParseOne(s string) (int, error) {\n"
        b"\tn, err := parse(s)\n\tif err != nil {\n\t\treturn 0, nil\n\t}\n\treturn n, nil\n}\n"
        b"func Wrap(s string) (int, error) {\n"
        b'\tn, err := parse(s)\n\tif err != nil {\n\t\treturn 0, fmt.Errorf("x: %w", err)\n\t}\n'
        b"\treturn n, nil\n}\n"
        b"func Exists(p string) bool {\n"
        b"\tif _, err := os.Stat(p); err != nil {\n\t\treturn false\n\t}\n\treturn true\n}\n"
        b"func Close(c io.Closer) error {\n"
        b"\tif err := c.Close(); err != nil {\n\t\treturn nil\n\t}\n\treturn nil\n}\n"
        b"func Named() (n int, err error) {\n"
        b"\tif err = step(); err != nil {\n\t\treturn\n\t}\n\treturn 1, nil\n}\n"
    )
    assert handlers_of(source) == [
        (5, False, True),
        (12, True, False),
        (18, True, False),  # a bool function returning false: its callers learn of it
        (24, False, True),
        (30, True, False),  # a bare return hands back the named err
    ]


def test_a_go_handler_answering_with_an_http_error_reports_it() -> None:
    # chi's custom-handler example: ``ServeHTTP`` has no error result; answering the request
    # with an error status is how it reports the error, as a bare ``return`` there would hand
    # nothing on. A success status, or a status held by a variable, says nothing of the kind.
    source = (
        b"package x\n\n"
        b"func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n"
        b"\tif err := h(w, r); err != nil {\n"
        b'\t\tw.WriteHeader(503)\n\t\tw.Write([]byte("bad"))\n\t}\n'
        b"\tif err := check(r); err != nil {\n"
        b"\t\tw.WriteHeader(http.StatusServiceUnavailable)\n\t}\n"
        b'\tif err := load(r); err != nil {\n\t\thttp.Error(w, "unavailable", 503)\n\t}\n'
        b"\tif err := save(r); err != nil {\n\t\tw.WriteHeader(http.StatusOK)\n\t}\n"
        b"\tif err := send(r); err != nil {\n\t\tw.WriteHeader(200)\n\t}\n"
        b"\tif err := keep(r); err != nil {\n\t\tw.WriteHeader(code)\n\t}\n"
        b"}\n"
    )
    assert handlers_of(source) == [
        (4, True, False),
        (8, True, False),
        (11, True, False),
        (14, False, True),
        (17, False, True),
        (20, False, True),
    ]


def test_handlers_passing_the_active_error_on_through_a_call_use_it() -> None:
    # scrapy's ``d.errback(Failure())`` and sentry-sdk's ``reraise(*_capture_exception())``.
    source = (
        b"def work(d):\n    try:\n        return int(d)\n    except Exception:\n"
        b"        d.errback(Failure())\n"
        b"def run(f):\n    try:\n        return f()\n    except Exception:\n"
        b"        reraise(*_capture_exception())\n"
        b"def run2(f):\n    try:\n        return f()\n    except Exception:\n"
        b"        _capture_and_reraise()\n"
        b"def quiet(f):\n    try:\n        return f()\n    except Exception:\n"
        b"        log.info('x')\n"
    )
    handlers = [
        (h.line, h.swallows)
        for h in parse_source(source, "python").error_handlers
        if h.kind == "except"
    ]
    assert handlers == [(4, False), (9, False), (14, False), (19, True)]
