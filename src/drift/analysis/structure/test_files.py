"""Which files and functions are tests, and what a test does (mocks; its assertions are
``drift.scan.assertions``'s).

File conventions (paths are repository-relative POSIX strings):

- Python: ``test_*.py``, ``*_test.py``, ``*_tests.py`` and Django's ``tests.py``; outside a
  test directory, only one that runs tests (a ``test…`` function or method, a pytest
  fixture, ``load_tests``): one that runs none is a module like any other (a package's
  ``test_utils.py``). ``test.py``, ``testing.py``, ``_testing.py`` are never test files by
  name (werkzeug's ``test.py`` is its test client);
- JavaScript/TypeScript: ``*.test.*``, ``*.spec.*``, any file under ``__tests__/``, and any
  under a ``test``, ``tests``, ``spec`` or ``specs`` directory (mocha's default place, tape's
  and node:test's usual one) but for fixtures and test data;
- Go: ``*_test.go`` (``TestXxx`` functions and ``ExampleXxx`` ones with an ``// Output:``
  comment, which ``go test`` runs, and
  ``TestXxx`` methods of a type embedding testify's ``suite.Suite``);
- Java: ``*Test.java``, ``*Tests.java``, ``*IT.java`` (test methods are found by ``@Test``).

Test-support code (``is_test_support``) is wider: test files plus anything under a ``tests``,
``test``, ``testing``, ``__tests__``, ``testdata``, ``fixtures`` or ``e2e`` directory (and the
others of ``_SUPPORT_DIRS``), ``conftest.py``, and TSTyche's type tests ``*.tst.*``
(type-checked, never run: they cover nothing).
Support code is never a "source" function and is spared the magic-number rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from typing import Final, NamedTuple, TypeVar

from drift.scan.model import CallSite, Decorator, Function, ParseResult

_TEST_FILE = re.compile(
    r"(?:^|/)(?:test_[^/]*\.pyi?|tests\.py|[^/]*_tests?\.py|[^/]*_test\.go"
    r"|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?"
    r"|[^/]*(?:Test|Tests|IT)\.java)$"
)
_TYPE_TEST = re.compile(r"\.tst\.[cm]?[jt]sx?$")
_SUPPORT_DIRS = frozenset(
    {
        "tests",
        "test",
        "testing",
        "__tests__",
        "testdata",
        "fixtures",
        "e2e",
        "spec",
        "specs",
        "__mocks__",
        # Helper packages only tests import, by the names Go and Python projects give them
        # (Go's own ``internal/testenv``, ``internal/testutil``, a ``testhelpers`` package).
        "testutil",
        "testutils",
        "testhelper",
        "testhelpers",
        "testenv",
    }
)
# Perl's name for a test tree, which celery uses (``t/unit``, ``t/integration``): at the top only,
# as a one-letter directory deeper down may hold anything.
_TOP_SUPPORT_DIRS = frozenset({"t"})

_JAVA_TEST_ANNOTATIONS = frozenset(
    {"Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate", "org.junit.Test"}
)
_GO_TEST_NAME = re.compile(r"^Test(?:$|[^a-z])")
# ``go test`` runs a file's examples too (``ExampleValueBinder_BindError``, checking what they
# print), a top-level function named so with an ``// Output:`` comment: one without is only
# compiled (gorilla/websocket's ``ExampleIsUnexpectedCloseError``).
_GO_EXAMPLE_NAME = re.compile(r"^Example(?:$|[^a-z])")
_GO_OUTPUT = re.compile(
    r"^[ \t]*//[ \t]*(?:Unordered output|Output):", re.MULTILINE | re.IGNORECASE
)

# Calls and decorators that replace real collaborators with doubles.
_MOCK_CALLEES = frozenset(
    {
        "mock",
        "Mock",
        "MagicMock",
        "AsyncMock",
        "NonCallableMock",
        "patch",
        "spyOn",
        "fn",
        "stub",
        "spy",
        "createMock",
        "mockImplementation",
        "mockReturnValue",
        "mockResolvedValue",
        "NewController",
        "NewMockController",
    }
)
_MOCK_RECEIVER_ROOTS = frozenset({"mock", "jest", "vi", "sinon", "Mockito", "mocker", "gomock"})
_MOCK_PARAMETERS = frozenset({"mocker", "monkeypatch"})
# ``specify`` is mocha's ``it``; ``tape(…)`` is tape's ``test`` under the package's name;
# ``xit`` and ``xtest`` are jest's and jasmine's skipped ones.
_JS_TEST_CALLEES = frozenset({"it", "test", "specify", "tape", "xit", "xtest", "xspecify"})
_JS_SKIPPED_CALLEES = frozenset({"xit", "xtest", "xspecify"})
_JS_SKIPPING_MODIFIERS = frozenset({"skip", "todo"})
# node-tap's ``tap.test(…)`` (the runner's object), as tape's suites nest ``t.test(…)``.
_JS_TEST_RUNNERS = frozenset({"tap"})
# The calls that group tests (``describe.skip(…)`` is its modifier's call).
_JS_SUITE_NAMES = frozenset({"describe", "xdescribe", "fdescribe", "suite", "context"})
_JS_TEST_MODIFIERS = frozenset({"only", "skip", "concurrent", "each", "todo", "failing"})
# Run over the text with a "\n" put in front: a leading literal lets the regex engine skip from
# line end to line end (a "^" is tried at every character). Indentation is matched possessively:
# "assert" never starts with a blank, so giving blanks back cannot help a match. ``assert (``
# opens a statement too: black wraps a long one so.
_ASSERT_STATEMENT = re.compile(r"\n[ \t]*+assert\b(?![ \t]*[=.])")


_JS_SOURCE = re.compile(r"\.[cm]?[jt]sx?$")
_JS_TEST_DIRS = frozenset({"test", "tests", "spec", "specs", "__tests__"})
# Inside a test directory, these hold what tests read or use, not tests (a test runner's own
# fixtures are full of ``it(…)`` calls; jasmine loads ``spec/helpers/`` before the specs).
_NOT_TESTS_DIRS = frozenset(
    {
        "fixtures", "fixture", "__fixtures__", "testdata", "__mocks__", "mocks", "data",
        "helpers", "helper", "support",
    }
)  # fmt: skip


def is_test_file(path: str, result: ParseResult | None = None) -> bool:
    """Whether ``path`` is a test file by its language's naming convention. Given the file's
    parse ``result``, a Python module so named is one only when it runs tests
    (``_runs_tests``): a package's ``test_utils.py`` of clients and ``TestCase`` bases for its
    users (aiohttp's, Django's ``contrib/admin/tests.py``) is product code. Without it, the
    name alone answers (a superset)."""
    if _TEST_FILE.search(path):
        return (
            result is None
            or result.language != "python"
            or _in_test_directory(path)
            or _runs_tests(result)
        )
    if not _JS_SOURCE.search(path) or path.endswith(".d.ts"):
        return False
    # mocha runs ``test/*.js``, and tape and node:test suites sit there by custom: a file with
    # no ``it``/``test`` call holds no test either way (a helper beside them).
    directories = path.split("/")[:-1]
    return any(part in _JS_TEST_DIRS for part in directories) and not any(
        part in _NOT_TESTS_DIRS for part in directories
    )


# What pytest runs besides tests: its fixtures (``@pytest.fixture``, pytest-asyncio's), and
# unittest's ``load_tests`` protocol, which makes a module's tests itself (doctests).
_FIXTURE_DECORATORS = frozenset({"fixture", "yield_fixture"})
_TEST_PROTOCOL = frozenset({"load_tests"})


def _runs_tests(result: ParseResult) -> bool:
    """Whether a Python module named like a test file runs tests: it defines a function or a
    method named ``test…`` (pytest's and unittest's prefix; a mixin's tests run as its
    subclasses' in another file) that is declared to return nothing or not at all (pytest
    warns of a test returning a value: this repository's ``test_mapping(…) -> tuple[…]`` is
    no test), a pytest fixture or a ``load_tests``. A module holding none gives no test
    either way; outside a test directory it is a package's helpers for its users
    (``TestCase`` bases, clients), which its own tests test, or a script."""
    for fn in result.functions:
        if fn.name.startswith("test") and fn.return_type in (None, "None"):
            return True
        if fn.class_name is None and fn.name in _TEST_PROTOCOL:
            return True
        if fn.decorators and _decorator_names(fn.decorators) & _FIXTURE_DECORATORS:
            return True
    return False


def is_type_test(path: str) -> bool:
    """Whether ``path`` is a TSTyche type test (``*.tst.ts``): type-checked, never run."""
    return bool(_TYPE_TEST.search(path))


def is_test_support(path: str, result: ParseResult | None = None) -> bool:
    """Whether ``path`` is test code or test data rather than product code (``result``: as
    ``is_test_file`` takes it)."""
    name = path.rsplit("/", 1)[-1]
    if name == "conftest.py" or is_type_test(name) or _in_test_directory(path):
        return True
    return is_test_file(path, result)


def _in_test_directory(path: str) -> bool:
    """Whether ``path`` is under a test-support directory (``tests/``, ``testing/``…)."""
    directories = path.split("/")[:-1]
    if directories and directories[0] in _TOP_SUPPORT_DIRS:
        return True
    return any(part in _SUPPORT_DIRS for part in directories)


# ``_examples``: the Go tool skips a directory whose name starts with ``_``, so Go projects
# keep examples there, out of the module's packages (go-playground/validator's).
_EXAMPLE_DIRS = frozenset(
    {"examples", "example", "_examples", "docs_src", "docs", "demo", "demos", "samples", "sample"}
)


_EXAMPLE_FILE = re.compile(r"^(?:example|demo)s?(?:[-_.]|$)", re.IGNORECASE)


def is_example_code(path: str) -> bool:
    """Whether ``path`` is an example or a demo (under ``examples/``, ``_examples/``,
    ``docs_src/``, ``demo/`` …, or named so: through2's ``example-ndjson.js``): code that shows
    how to use the project, with stand-in values, not the project."""
    *directories, name = path.split("/")
    return any(part in _EXAMPLE_DIRS for part in directories) or bool(_EXAMPLE_FILE.match(name))


_BENCHMARK_DIRS = frozenset({"benchmarks", "benchmark", "bench", "benches"})


def is_benchmark_code(path: str) -> bool:
    """Whether ``path`` is under a ``benchmarks/`` (or ``bench/``) directory."""
    return any(part in _BENCHMARK_DIRS for part in path.split("/")[:-1])


def _decorator_names(decorators: Iterable[Decorator]) -> set[str]:
    return {d.name.rsplit(".", 1)[-1] for d in decorators} | {d.name for d in decorators}


def python_test_classes(result: ParseResult) -> frozenset[str]:
    """Names of the classes whose ``test*`` methods pytest or unittest runs: named ``Test…``
    (pytest's default), ``…Test``/``…Tests`` or ``test_…`` (common ``python_classes``
    settings: SQLAlchemy's 12,000 tests, celery's 2,300), or based on a ``…TestCase``
    (unittest's, Django's ``SimpleTestCase`` and ``TransactionTestCase``, DRF's
    ``APITestCase``) or on a test class of the same file, or a class of the file a test class
    derives from (a mixin of tests)."""
    found = {
        cls.name
        for cls in result.classes
        if cls.name.startswith(("Test", "test_"))
        or cls.name.endswith(_TEST_CLASS_ENDINGS)
        or any(_base(b).endswith(_TEST_BASE_ENDINGS) for b in cls.bases)
    }
    classes = {cls.name: cls for cls in result.classes}
    growing = True
    while growing:
        # A subclass of a test class of the file (``class FooTests(BaseFooTests)``), and a
        # base of the file's a test class mixes in (DRF's ``class BasenameTestCase:`` with
        # ``class RouterTests(BasenameTestCase, TestCase)``): its test methods run as the
        # test class's.
        more = {
            cls.name
            for cls in result.classes
            if cls.name not in found and any(_base(b) in found for b in cls.bases)
        } | {
            base
            for name in found
            for written in classes[name].bases
            if (base := _base(written)) in classes and base not in found
        }
        found |= more
        growing = bool(more)
    return frozenset(found)


_TEST_CLASS_ENDINGS = ("Test", "Tests")
_TEST_BASE_ENDINGS = ("TestCase", "Test", "Tests")


def _base(written: str) -> str:
    """A base's class name, without module, type or call arguments."""
    return written.split("[", 1)[0].split("(", 1)[0].rsplit(".", 1)[-1].strip()


def is_test_function(
    path: str,
    result: ParseResult,
    fn: Function,
    *,
    test_classes: Collection[str] | None = None,
    checks: Sequence[int] = (),
) -> bool:
    """Whether ``fn`` (defined in ``path``) is a test by its framework's convention.
    ``test_classes`` (``python_test_classes(result)``) saves recomputing it per function;
    ``checks``, the file's ``assertion_lines``, tell a Go example ``go test`` runs (one with an
    ``// Output:`` comment) from one it only compiles."""
    language = result.language
    if language == "java":
        if _decorator_names(fn.decorators) & _JAVA_TEST_ANNOTATIONS:
            return True
        return (
            fn.class_name is not None
            and fn.class_name.endswith(("Test", "Tests"))
            and fn.name.startswith("test")
        )
    if not is_test_file(path):
        return False
    if language == "python":
        if not fn.name.startswith("test"):
            return False
        if fn.class_name is None:
            return "." not in fn.qualified_name
        classes = python_test_classes(result) if test_classes is None else test_classes
        return fn.class_name in classes
    if language == "go":
        if fn.class_name is None and _GO_EXAMPLE_NAME.match(fn.name):
            return any(fn.line <= line <= fn.end_line for line in checks)
        if not _GO_TEST_NAME.match(fn.name):
            return False
        return fn.class_name is None or _is_go_suite(result, fn.class_name)
    return False


def _is_go_suite(result: ParseResult, type_name: str) -> bool:
    """Whether a Go type of the file embeds testify's ``suite.Suite``: its ``Test…`` methods
    are tests, which ``suite.Run`` runs (testify's own had 18 such methods unseen)."""
    return any(
        cls.name == type_name
        and any(base.lstrip("*").endswith("suite.Suite") for base in cls.bases)
        for cls in result.classes
    )


def is_js_test_call(call: CallSite) -> bool:
    """Whether ``call`` declares a JavaScript/TypeScript test: ``it(…)``, ``test.only(…)``."""
    if call.receiver is None:
        return call.callee in _JS_TEST_CALLEES
    if call.receiver in _JS_TEST_RUNNERS:
        return call.callee == "test"
    return call.receiver in _JS_TEST_CALLEES and call.callee in _JS_TEST_MODIFIERS


# Hooks run for each test of their ``describe`` (or of the file); without spans, each bounds
# the test block before it.
JS_HOOKS: Final = frozenset({"beforeEach", "afterEach", "beforeAll", "afterAll"})

# A test block's, a hook's or a ``describe``'s call: its line, column and end line.
_Span = tuple[int, int, int]
_Item = TypeVar("_Item")


class JsTestBlocks(NamedTuple):
    """The test blocks of a JavaScript/TypeScript test file, read from its module-level calls
    (those outside any named function: their callbacks are anonymous). Where extraction gave
    the calls' spans (``ParseResult.blocks``), a test's or a hook's block is its call's span
    and a ``describe``'s span scopes the hooks and the setup calls in it; else each
    ``it(…)``/``test(…)`` call's block runs up to the line before the next one or the next
    hook, the last one's to the end of the file, and every hook is the whole file's."""

    calls: list[CallSite]  # the module-level calls, in source order
    starts: list[CallSite]  # the test calls among them
    hooks: list[CallSite]  # ``beforeEach(…)`` and the like
    bounds: list[int]  # the lines where a test or a hook starts, ascending
    owners: list[tuple[_Span, CallSite]]  # the spans of the tests and hooks, in source order
    # The spans of the other block calls (``describe``), each twice (``_innermost``'s items).
    scopes: list[tuple[_Span, _Span]]

    def owner_of(self, line: int, column: int) -> CallSite | None:
        """The test or hook call whose block holds the position; None outside every one."""
        if self.owners:
            return _innermost(self.owners, line, column)
        at = bisect_right(self.bounds, line) - 1
        if at < 0:
            return None
        opened = self.bounds[at]
        return next((c for c in (*self.starts, *self.hooks) if c.line == opened), None)

    def scope_of(self, line: int, column: int) -> _Span | None:
        """The span of the innermost ``describe`` holding the position; None for the file."""
        return _innermost(self.scopes, line, column)

    def block_at(self, line: int) -> CallSite | None:
        """The test call whose block holds ``line``; None before the first test or in a
        hook's."""
        owner = self.owner_of(line, 1 << 30 if self.owners else 0)
        return owner if owner is not None and owner.callee not in JS_HOOKS else None


def holds(span: _Span | None, line: int, column: int) -> bool:
    """Whether the position is inside ``span`` (after its call's start); None holds all."""
    return span is None or ((span[0], span[1]) < (line, column) and line <= span[2])


def _innermost(spans: Sequence[tuple[_Span, _Item]], line: int, column: int) -> _Item | None:
    """The item of the last-starting span that holds the position (spans in source order)."""
    for span, item in reversed(spans):
        if holds(span, line, column):
            return item
    return None


def js_test_blocks(result: ParseResult) -> JsTestBlocks | None:
    """The file's test blocks, or None when it declares no test."""
    calls = sorted(
        (call for call in result.calls if call.caller is None), key=lambda c: (c.line, c.column)
    )
    starts = [call for call in calls if is_js_test_call(call)]
    if not starts:
        return None
    hooks = [c for c in calls if c.receiver is None and c.callee in JS_HOOKS]
    bounds = sorted({call.line for call in (*starts, *hooks)})
    owners: list[tuple[_Span, CallSite]] = []
    scopes: list[tuple[_Span, _Span]] = []
    if result.blocks:
        opening = {id(call) for call in (*starts, *hooks)}
        # A test or hook first where calls start together: ``test.each`…`(name, fn)`` is
        # also the call of what the table's call returns.
        by_start: dict[tuple[int, int], CallSite] = {}
        for call in (*starts, *hooks, *calls):
            by_start.setdefault((call.line, call.column), call)
        for span in result.blocks:
            opener = by_start.get((span[0], span[1]))
            if opener is not None and id(opener) in opening:
                owners.append((span, opener))
            elif opener is not None and (opener.receiver or opener.callee) in _JS_SUITE_NAMES:
                scopes.append((span, span))
    return JsTestBlocks(calls, starts, hooks, bounds, owners, scopes)


def js_test_id(path: str, result: ParseResult, start: CallSite) -> str:
    """The id of the test the call ``start`` declares: ``"<file>::<test name>@<line>"``."""
    return f"{path}::{_block_name(result, start)}@{start.line}"


def _block_name(result: ParseResult, call: CallSite) -> str:
    """The name a test block is given: the first string after its call on its line. A table
    (``test.each`` with a template literal, which may run over several lines) is passed over
    for the name after it: the first string on the line where the table ends."""
    line, column = call.line, call.column
    for literal in result.strings:
        if literal.line == line and literal.column > column:
            if "\n" not in literal.value and not (call.callee == "each" and "|" in literal.value):
                return literal.value
            line, column = literal.line + literal.value.count("\n"), -1
    return "anonymous"


def is_skipped_js_test(call: CallSite) -> bool:
    """Whether ``call`` declares a JavaScript test that does not run: ``it.skip(…)``,
    ``test.todo(…)``, ``xit(…)``."""
    if call.receiver is None:
        return call.callee in _JS_SKIPPED_CALLEES
    return call.receiver in _JS_TEST_CALLEES and call.callee in _JS_SKIPPING_MODIFIERS


def is_mock_call(call: CallSite) -> bool:
    """Whether ``call`` creates or installs a test double."""
    if call.callee in _MOCK_CALLEES:
        return True
    receiver = call.receiver
    if receiver is None:
        return False
    root = receiver.split(".", 1)[0].split("(", 1)[0]
    return root in _MOCK_RECEIVER_ROOTS


def uses_mock_decorators_or_fixtures(fn: Function) -> bool:
    """Whether a test function gets doubles from ``@patch``-style decorators or fixtures."""
    if any(d.name.rsplit(".", 1)[-1] in {"patch", "object", "mock"} for d in fn.decorators):
        return True
    return any(p.name in _MOCK_PARAMETERS for p in fn.parameters)


def assertion_lines(result: ParseResult, text: str) -> tuple[int, ...]:
    """Lines of Python ``assert`` statements (tree-sitter extraction records no statement kinds,
    and a bare ``assert`` is no call), and of Go examples' ``// Output:`` comments (``go test``
    compares what the example prints with what follows). Empty for other languages."""
    if result.language == "go":
        if "utput:" not in text:
            return ()
        return tuple(text.count("\n", 0, m.start()) + 1 for m in _GO_OUTPUT.finditer(text))
    if result.language != "python" or "assert" not in text:
        return ()
    padded = f"\n{text}"
    lines: list[int] = []
    # A match starts at the "\n" in front of its line: its line number is the count of "\n"
    # up to and including that one, counted on from the previous match.
    line = 0
    position = 0
    for match in _ASSERT_STATEMENT.finditer(padded):
        line += padded.count("\n", position, match.start() + 1)
        position = match.start() + 1
        lines.append(line)
    return tuple(lines)
