"""Map tests to the functions they exercise, and score how well each function is tested.

Tests (see ``test_files`` for the file conventions):

- named test functions: Python ``test*`` functions (and methods of ``Test*``/``TestCase``
  classes) in test files, Go ``TestXxx`` in ``_test.go`` files, Java methods annotated
  ``@Test`` (or ``test*`` methods of ``*Test`` classes). Id: ``"<file>::<qualified_name>"``.
- JavaScript/TypeScript test blocks: each ``it(…)``/``test(…)`` call in a test file, with the
  module-level calls from its line to the next block's or hook's (an approximation: extraction
  gives the callbacks no line range), and the calls of the file's ``beforeEach``/``afterEach``/
  ``beforeAll``/``afterAll`` hooks, which run for each test. Id: ``"<file>::<test name>@<line>"``.
  A Python test method's calls include those of its class's set-up and tear-down hooks
  (``setUp``, ``setup_method``, …, inherited from a repository base too), likewise.

Coverage: a test covers the source functions it calls or passes as values (``direct``, from the
call edges, or by resolving a block's calls and references, the calls of the test code's
helpers it calls included: a helper is part of the test) and the source functions those callees
call (``transitive``, one hop more), and the ``init`` functions of a Go test's package, which
``go test`` runs before its tests (``transitive``: the test does not call them; what they call
is reached deeper). Source functions are the stored functions outside
test-support code. Function ids are ``"<file>::<qualified_name>"``.

Quality of each source function, over the n tests covering it (only computed when the
repository has at least one test):

- ``coverage_breadth`` = min(1, n / 3)
- ``coverage_depth`` = share of those tests that call it directly
- ``assertion_density`` = mean over the tests of min(1, assertions / 2); assertions are calls such
  as ``assertEqual``/``expect``/``t.Errorf``/``pytest.raises`` and Python ``assert`` statements
  (lines given in ``assertion_lines``)
- ``mock_ratio`` = share of the tests using test doubles (``mock``/``patch``/``jest.fn``/``vi.mock``
  …, ``@patch`` decorators, ``mocker``/``monkeypatch`` fixtures, file-level ``jest.mock``)
- ``isolation`` = mean over the tests of min(1, 3 / source functions the test calls directly)
- ``freshness`` and ``stability`` need run history: None
- ``overall_score`` = (0.35 breadth + 0.15 depth + 0.35 density + 0.15 isolation)
  * (1 - 0.3 mock_ratio), rounded to 4 places; 0 for an untested function
- ``smells`` (JSON list, None when empty): ``untested``, ``indirect_only``, ``single_test``,
  ``assertion_free`` (a covering test checks nothing), ``mock_heavy`` (mock_ratio > 0.5)
"""

from __future__ import annotations

import json
import posixpath
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import Final, NamedTuple

from drift.analysis.structure.callgraph import CallResolver, row_ids_by_file
from drift.analysis.structure.imports import Manifests, ModuleIndex
from drift.analysis.structure.scopes import function_key, function_keys
from drift.analysis.structure.symbols import is_overload, is_property
from drift.analysis.structure.test_files import (
    JS_HOOKS,
    holds,
    is_benchmark_code,
    is_example_code,
    is_js_test_call,
    is_mock_call,
    is_skipped_js_test,
    is_test_file,
    is_test_function,
    is_test_support,
    js_test_blocks,
    js_test_id,
    python_test_classes,
    uses_mock_decorators_or_fixtures,
)
from drift.records.analysis import CallEdgeRow, FunctionRow
from drift.records.structural import TestCoverageRow, TestQualityRow
from drift.scan.assertions import is_assertion
from drift.scan.model import CallSite, Function, ParseResult

DIRECT = "direct"
TRANSITIVE = "transitive"

_UNTESTED = json.dumps(["untested"])
_INDIRECT_ONLY = json.dumps(["indirect_only"])
_JS_HARNESS = frozenset({"describe", "it", "test", "expect", *JS_HOOKS})
# What unittest, Django and pytest run around each test of a class (or once for the class,
# which is before and after each of its tests all the same).
_PY_CLASS_HOOKS = (
    "setUpClass",
    "setUpTestData",
    "setUp",
    "asyncSetUp",
    "setup_class",
    "setup_method",
    "tearDown",
    "asyncTearDown",
    "tearDownClass",
    "teardown_method",
    "teardown_class",
)


@dataclass(frozen=True, slots=True)
class TestUnit:
    """One test: its id, how many checks it makes, whether it uses doubles, and the function
    ids it calls directly."""

    __test__ = False  # not a pytest class, despite the name

    id: str
    assertions: int
    uses_mocks: bool
    calls: frozenset[int]


def _named_tests(
    path: str,
    result: ParseResult,
    row_ids: Mapping[tuple[str, int], int],
    out_edges: Mapping[int, frozenset[int]],
    assert_lines: Sequence[int],
    *,
    resolver: Callable[[], CallResolver],
) -> list[TestUnit]:
    if result.language != "java" and not is_test_file(path, result):
        return []  # outside Java, only a test file's functions can be tests
    classes = python_test_classes(result) if result.language == "python" else frozenset()
    tests = [
        fn
        for fn in result.functions
        if is_test_function(path, result, fn, test_classes=classes, checks=assert_lines)
        and (fn.name, fn.line) in row_ids
    ]
    if not tests:
        return []
    # A decorator's call (``@mock.patch(…)`` on one test) is made outside any function, yet
    # applies to the function under it, which ``uses_mock_decorators_or_fixtures`` sees: it is
    # no module-level double for every test of the file.
    decorated = {d.line for fn in result.functions for d in fn.decorators} | {
        d.line for cls in result.classes for d in cls.decorators
    }
    calls = [c for c in result.calls if c.caller is not None or c.line not in decorated]
    checks, mocking, file_mocks = _call_kinds(calls, {fn.qualified_name for fn in tests})
    lines = sorted(assert_lines)
    nested = _nested_calls(result, tests, row_ids, out_edges)
    setup = (
        _module_setup(path, result, tests, classes, resolver)
        if result.language == "python"
        else _NONE
    )
    hooks = _class_hooks(path, tests, out_edges, resolver) if result.language == "python" else {}
    units: list[TestUnit] = []
    for fn in tests:
        name = fn.qualified_name
        units.append(
            TestUnit(
                id=function_key(path, name),
                assertions=checks[name]
                + bisect_right(lines, fn.end_line)
                - bisect_left(lines, fn.line),
                uses_mocks=file_mocks or name in mocking or uses_mock_decorators_or_fixtures(fn),
                calls=out_edges.get(row_ids[fn.name, fn.line], frozenset())
                | nested.get(name, _NONE)
                | setup
                | hooks.get(fn.class_name or "", _NONE),
            )
        )
    return units


_NONE: frozenset[int] = frozenset()


def _module_setup(
    path: str,
    result: ParseResult,
    tests: Sequence[Function],
    test_classes: Collection[str],
    resolver: Callable[[], CallResolver],
) -> frozenset[int]:
    """What a Python test file's module-level code calls above its last test: it runs when the
    file is imported, for every test of it (fastapi's tests build ``app = FastAPI()`` and
    register routes with ``@app.put(…)`` there: ``FastAPI.put`` had read "untested"; attrs'
    test files make the classes they check with ``@attr.s``). What comes after the last test
    runs when the file is run as a script (``unittest.main()``), and a test's or a test
    class's decorators (``@mock.patch(…)``, ``@unittest.skipIf(…)``) are about that test or
    class."""
    last = max(fn.end_line for fn in tests)
    # A decorator runs from its line to the decorated definition's (pydantic's parametrize
    # lists of ``conint(…)`` over twelve lines had covered for 288 tests).
    decorated = [
        *((fn.decorators, fn.line) for fn in tests),
        *((cls.decorators, cls.line) for cls in result.classes if cls.name in test_classes),
    ]
    own = {
        line
        for decorators, defined in decorated
        if decorators
        for line in range(min(d.line for d in decorators), defined)
    }
    setup = [
        call
        for call in result.calls
        if call.caller is None
        and call.line <= last
        and call.line not in own
        and not is_assertion(call)
        and not is_mock_call(call)
    ]
    # Functions the setup passes as values (``app.add_url_rule("/", view_func=index)``).
    passed = [
        reference
        for reference in result.references
        if reference.caller is None and reference.line <= last and reference.line not in own
    ]
    if not setup and not passed:
        return _NONE
    calls = resolver()
    found: set[int] = set()
    for call in setup:
        target = calls.resolve(path, call, None)
        if target is None or calls.is_test_code(target.file):
            # The project's own code the file sets up, not a test helper's: the stdlib's
            # ``import_helper.import_module(…)`` at the top of hundreds of test files had
            # credited every one of their tests with importlib's internals (66,000 rows).
            continue
        target_id = calls.row_id(target.file, target.function)
        if target_id is not None:
            found.add(target_id)
    for reference in passed:
        reached = calls.resolve_reference(path, reference, None)
        if reached is not None and not calls.is_test_code(reached[0].file):
            found.add(reached[1])
    return frozenset(found)


def _class_hooks(
    path: str,
    tests: Sequence[Function],
    out_edges: Mapping[int, frozenset[int]],
    resolver: Callable[[], CallResolver],
) -> dict[str, frozenset[int]]:
    """What the set-up and tear-down hooks of each Python test class call, by class name: the
    framework runs them around each test of the class, as a JavaScript file's ``beforeEach``
    runs around each test block, so their calls are each test's own (DRF's
    ``ScopedRateThrottleTests.setUp`` builds the ``ScopedRateThrottle`` every test checks;
    its ``__init__`` had read "untested"). A class runs its own hook or, without one, the
    nearest its repository bases define (``XffTestingBase.setUp`` for its subclasses' tests);
    a library base's (Django's ``TestCase.setUpClass``) is not known. The hook itself is
    among the calls, so a hook defined outside test code is covered, and one in test code is
    a helper whose calls are the test's (``super().setUp()`` included)."""
    owners = {fn.class_name for fn in tests if fn.class_name is not None}
    if not owners:
        return {}
    calls = resolver()
    found: dict[str, frozenset[int]] = {}
    for owner in owners:
        reached: set[int] = set()
        for name in _PY_CLASS_HOOKS:
            hook = calls.method_of(path, owner, name)
            hook_id = None if hook is None else calls.row_id(*hook)
            # A hook that calls nothing runs no code worth crediting: in the stdlib, where
            # unittest's ``TestCase`` is the repository's, its empty default ``setUp``,
            # ``tearDown``, ``setUpClass`` and ``tearDownClass`` would be a direct callee of
            # 20,000 tests (70,000 rows), lowering each test's isolation.
            hook_calls = None if hook_id is None else out_edges.get(hook_id)
            if hook_id is not None and hook_calls:
                reached.add(hook_id)
                reached |= hook_calls
        if reached:
            found[owner] = frozenset(reached)
    return found


def _nested_calls(
    result: ParseResult,
    tests: Sequence[Function],
    row_ids: Mapping[tuple[str, int], int],
    out_edges: Mapping[int, frozenset[int]],
) -> dict[str, frozenset[int]]:
    """What the functions defined inside each test call, by the test's qualified name: the
    test runs them (starlette's tests define the ASGI app they drive, click's the command they
    invoke), so their calls are its own (``JSONResponse`` had read "untested")."""
    names = {fn.qualified_name for fn in tests}
    found: dict[str, set[int]] = {}
    for fn in result.functions:
        owner = _owning_test(fn.qualified_name, names)
        if owner is None or owner == fn.qualified_name:
            continue
        row = row_ids.get((fn.name, fn.line))
        if row is not None and row in out_edges:
            found.setdefault(owner, set()).update(out_edges[row])
    return {owner: frozenset(calls) for owner, calls in found.items()}


_CALLER = itemgetter(CallSite._fields.index("caller"))
_CALLEE_AND_RECEIVER = itemgetter(*(CallSite._fields.index(f) for f in ("callee", "receiver")))


def _call_kinds(
    calls: Sequence[CallSite], tests: Collection[str]
) -> tuple[dict[str, int], set[str], bool]:
    """The assertions each test makes, the tests that call a test double, and whether the
    file's module-level code does.

    A call counts for the test whose qualified name is its caller or encloses it. Test files
    hold most calls, and few distinct ones: each distinct ``(callee, receiver)`` is classified
    once, and the calls are counted per caller by passes that run in C.
    """
    callers = list(map(_CALLER, calls))
    names = list(map(_CALLEE_AND_RECEIVER, calls))
    asserting: set[tuple[str, str | None]] = set()
    doubling: set[tuple[str, str | None]] = set()
    for name, call in dict(zip(names, calls, strict=True)).items():  # a call of each name
        if is_assertion(call):
            asserting.add(name)
        if is_mock_call(call):
            doubling.add(name)
    assertions_by_caller = Counter(compress(callers, map(asserting.__contains__, names)))
    # Most test files use no double at all: skip that pass for them.
    doubling_callers = (
        set(compress(callers, map(doubling.__contains__, names))) if doubling else set()
    )
    owners = {
        caller: _owning_test(caller, tests)
        for caller in {*assertions_by_caller, *doubling_callers}
        if caller is not None
    }
    checks: dict[str, int] = defaultdict(int)
    for caller, count in assertions_by_caller.items():
        owner = owners.get(caller)
        if owner is not None:
            checks[owner] += count
    mocking = {owner for caller in doubling_callers if (owner := owners.get(caller)) is not None}
    return checks, mocking, None in doubling_callers


def _owning_test(caller: str, tests: Collection[str]) -> str | None:
    """The outermost test whose qualified name is ``caller`` or encloses it."""
    dot = caller.find(".")
    while dot != -1:  # the enclosing names, outermost first
        if caller[:dot] in tests:
            return caller[:dot]
        dot = caller.find(".", dot + 1)
    return caller if caller in tests else None


def _block_tests(path: str, result: ParseResult, resolver: CallResolver) -> list[TestUnit]:
    blocks = js_test_blocks(result)
    if blocks is None:
        return []
    module_calls, starts, hooks = blocks.calls, blocks.starts, blocks.hooks
    # Mocks set up before the first test (jest.mock is hoisted) apply to every test of the file.
    file_mocks = any(is_mock_call(c) for c in module_calls if c.line < starts[0].line)
    openers = {id(call) for call in (*starts, *hooks)}

    # Each call and each function passed as a value (``arr.map(parseLine)``, ``app.use(
    # handler)``: the blocks exercise it as they do the functions they call) goes to the test
    # or hook whose block holds it; one outside every block (``const minFive =
    # z.string().min(5)`` at the top of zod's test files, a ``describe`` body's setup) runs
    # once, when its ``describe`` (or the file) is read, for each of its tests.
    owned: dict[int, list[CallSite]] = defaultdict(list)  # by ``id`` of the test or hook
    owned_passed: dict[int, list[CallSite]] = defaultdict(list)
    setup: dict[tuple[int, int, int] | None, list[CallSite]] = defaultdict(list)
    setup_passed: dict[tuple[int, int, int] | None, list[CallSite]] = defaultdict(list)
    for call in module_calls:
        if id(call) in openers or is_js_test_call(call):
            continue
        owner = blocks.owner_of(call.line, call.column)
        if owner is None:
            setup[blocks.scope_of(call.line, call.column)].append(call)
        else:
            owned[id(owner)].append(call)
    for reference in result.references:
        if reference.caller is None:
            owner = blocks.owner_of(reference.line, reference.column)
            if owner is None:
                setup_passed[blocks.scope_of(reference.line, reference.column)].append(reference)
            else:
                owned_passed[id(owner)].append(reference)

    def targets_of(body: list[CallSite], passed: list[CallSite]) -> set[int]:
        """What the calls ``body`` reach, and the functions ``passed`` as values."""
        targets: set[int] = set()
        for call in body:
            if is_assertion(call) or (call.receiver is None and call.callee in _JS_HARNESS):
                continue
            target = resolver.resolve(path, call, None)
            target_id = resolver.row_id(target.file, target.function) if target else None
            if target_id is not None:
                targets.add(target_id)
        for reference in passed:
            found = resolver.resolve_reference(path, reference, None)
            if found is not None:
                targets.add(found[1])
        return targets

    # A hook runs for each test of the ``describe`` holding it (of the file at the top).
    shared: dict[tuple[int, int, int] | None, set[int]] = defaultdict(set)
    for scope in setup.keys() | setup_passed.keys():
        shared[scope] |= targets_of(setup.get(scope, []), setup_passed.get(scope, []))
    for hook in hooks:
        shared[blocks.scope_of(hook.line, hook.column)] |= targets_of(
            owned.get(id(hook), []), owned_passed.get(id(hook), [])
        )
    units: list[TestUnit] = []
    for start in starts:
        if is_skipped_js_test(start):
            continue  # it bounds the block before it, but runs nothing
        body = owned.get(id(start), [])
        calls = targets_of(body, owned_passed.get(id(start), []))
        for scope, targets in shared.items():
            if holds(scope, start.line, start.column):
                calls |= targets
        units.append(
            TestUnit(
                id=js_test_id(path, result, start),
                assertions=sum(1 for call in body if is_assertion(call)),
                uses_mocks=file_mocks or any(is_mock_call(call) for call in body),
                calls=frozenset(calls),
            )
        )
    return units


def find_tests(
    functions: Sequence[FunctionRow],
    edges: Sequence[CallEdgeRow],
    results: Mapping[str, ParseResult],
    *,
    assertion_lines: Mapping[str, Sequence[int]] | None = None,
    manifests: Manifests | None = None,
) -> list[TestUnit]:
    """Every test of the parsed files, in file order then source order."""
    return _find_tests(
        functions, _out_edges(edges), results, assertion_lines, manifests=manifests, resolver=None
    )


def _find_tests(
    functions: Sequence[FunctionRow],
    out_edges: Mapping[int, frozenset[int]],
    results: Mapping[str, ParseResult],
    assertion_lines: Mapping[str, Sequence[int]] | None,
    *,
    manifests: Manifests | None,
    resolver: CallResolver | None,
) -> list[TestUnit]:
    row_ids = row_ids_by_file(functions)
    made: list[CallResolver] = [] if resolver is None else [resolver]

    def resolver_now() -> CallResolver:
        # Built on first use: most projects' tests are named functions, resolved already.
        if not made:
            made.append(CallResolver(functions, results, manifests))
        return made[0]

    units: list[TestUnit] = []
    for path in sorted(results):
        result = results[path]
        lines = assertion_lines.get(path, ()) if assertion_lines is not None else ()
        ids = row_ids.get(path, {})
        units.extend(_named_tests(path, result, ids, out_edges, lines, resolver=resolver_now))
        if result.language in {"javascript", "typescript"} and is_test_file(path):
            units.extend(_block_tests(path, result, resolver_now()))
    return units


def _out_edges(edges: Sequence[CallEdgeRow]) -> dict[int, frozenset[int]]:
    grouped: dict[int, set[int]] = defaultdict(set)
    for edge in edges:
        grouped[edge.caller_id].add(edge.callee_id)
    return {caller: frozenset(callees) for caller, callees in grouped.items()}


class _Scored(NamedTuple):
    """What a test adds to the quality of a function it covers."""

    id: str
    density: float  # min(1, assertions / 2)
    uses_mocks: bool
    checks_nothing: bool


@dataclass(slots=True)
class _Covering:
    direct: list[_Scored] = field(default_factory=list)
    transitive: list[_Scored] = field(default_factory=list)


def test_mapping(
    functions: Sequence[FunctionRow],
    edges: Sequence[CallEdgeRow],
    results: Mapping[str, ParseResult],
    *,
    # The name is the pipeline's API; ruff and pytest take any "test_*" function for a test.
    assertion_lines: Mapping[str, Sequence[int]] | None = None,  # noqa: PT028
    manifests: Manifests | None = None,  # noqa: PT028
    resolver: CallResolver | None = None,  # noqa: PT028
) -> tuple[list[TestCoverageRow], list[TestQualityRow]]:
    """Test-to-function coverage rows and per-function test quality rows.

    ``assertion_lines`` maps a test file to the lines of its Python ``assert`` statements
    (``FileStructure.assertion_lines``); without it those statements are not counted.
    ``manifests`` are what the call graph resolved imports with (``resolve_calls``), for the
    calls of JavaScript test blocks and of Python test files' module-level setup, which are
    resolved here; ``resolver``, the one ``resolve_calls`` used, saves building another.
    Both lists are empty when the files hold no test at all.
    """
    out_edges = _out_edges(edges)
    units = _find_tests(
        functions, out_edges, results, assertion_lines, manifests=manifests, resolver=resolver
    )
    if not units:
        return [], []
    keys = _source_keys(functions, results)
    covering: defaultdict[str, _Covering] = defaultdict(_Covering)  # covered functions
    # Test id -> source id -> coverage type. A later test of the same id (a redefinition)
    # overwrites what it covers too.
    coverage: dict[str, dict[str, str]] = {}
    direct_counts: dict[str, int] = {}
    onward_of: dict[int, set[str]] = {}
    helpers = _Helpers(out_edges, keys)
    # By position: a test redefined under one id is two units.
    reached = [helpers.through(unit.calls) if unit.calls else _NONE for unit in units]
    # Only the files of the helpers tests reach are read for their checks.
    helper_ids = {callee for calls in reached for callee in calls if callee not in keys}
    helper_files = {row.file for row in functions if row.id in helper_ids}
    helper_checks = _helper_checks(functions, results, assertion_lines, helper_files)
    inits = _go_inits(functions, results, keys, units, manifests=manifests, resolver=resolver)
    for unit, calls in zip(units, reached, strict=True):
        # Go runs each ``init`` of the package before any of its tests: no call edge reaches
        # one, yet every test of the package's directory runs it (``transitive``: the test
        # does not call it itself).
        run_first = inits.get(_go_test_directory(unit.id), _NONE) if inits else _NONE
        if not unit.calls and not run_first:
            direct_counts[unit.id] = 0
            continue
        # A helper's checks are the test's, as its calls are (Go's ``t.Helper()`` style:
        # spf13/cast's tests assert only in ``runNumberTest``, 20 functions read
        # "assertion_free").
        checks = unit.assertions + sum(
            helper_checks.get(callee, 0) for callee in calls if callee not in keys
        )
        direct = {keys[i] for i in calls if i in keys}
        onward: set[str] = set()
        for callee in calls:
            if callee not in onward_of:
                onward_of[callee] = {keys[j] for j in out_edges.get(callee, ()) if j in keys}
            onward |= onward_of[callee]
        onward.update(keys[i] for i in run_first)
        direct_counts[unit.id] = len(direct)
        if not onward and not direct:
            continue
        scored = _Scored(unit.id, min(1.0, checks / 2), unit.uses_mocks, not checks)
        covered = coverage.setdefault(unit.id, {})
        # Each key once per test, so the order of keys is free (rows are sorted at the end);
        # each function's tests stay in test order.
        for key in direct:
            covered[key] = DIRECT
            covering[key].direct.append(scored)
        for key in onward - direct:
            covered[key] = TRANSITIVE
            covering[key].transitive.append(scored)
    # (Test, source) order, the tests' ids sorted once rather than compared in every pair.
    coverage_rows = [
        TestCoverageRow(test, source, covered[source])
        for test, covered in sorted(coverage.items())
        for source in sorted(covered)
    ]
    # Per test covering something: min(1, 3 / source functions it calls directly).
    isolation = {test: min(1.0, 3 / max(direct_counts[test], 1)) for test in coverage}
    # A function no coverage row names may still be reached deeper than they go: then it is
    # reached only indirectly, not untested (black's formatter, four helpers below its tests).
    # What a Go ``init`` calls is reached deeper too.
    every_init = [i for ids in inits.values() for i in ids]
    deeper = _reached_deeper(units, out_edges, keys, covering, every_init)
    quality_rows = [
        _quality(key, covering.get(key), isolation, reached=key in deeper)
        for key in sorted(set(keys.values()))
    ]
    return coverage_rows, quality_rows


def _helper_checks(
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    assertion_lines: Mapping[str, Sequence[int]] | None,
    files: Collection[str],
) -> dict[int, int]:
    """The checks each function of the test-support ``files`` makes (assertion calls by their
    caller, and the ``assert`` lines in its range), by row id; functions that make none are
    left out."""
    row_ids = row_ids_by_file(functions)
    found: dict[int, int] = {}
    kinds: dict[tuple[str, str | None], bool] = {}  # is_assertion, once per distinct call
    for path in files:
        result = results.get(path)
        ids = row_ids.get(path)
        if result is None or not ids or not is_test_support(path, result):
            continue
        by_caller: Counter[str] = Counter()
        for call in result.calls:
            if call.caller is None:
                continue
            kind = (call.callee, call.receiver)
            asserting = kinds.get(kind)
            if asserting is None:
                asserting = kinds[kind] = is_assertion(call)
            if asserting:
                by_caller[call.caller] += 1
        lines = sorted(assertion_lines.get(path, ())) if assertion_lines else []
        if not by_caller and not lines:
            continue
        for fn in result.functions:
            row = ids.get((fn.name, fn.line))
            if row is None:
                continue
            count = by_caller[fn.qualified_name]
            if lines:
                count += bisect_right(lines, fn.end_line) - bisect_left(lines, fn.line)
            if count:
                found[row] = count
    return found


class _Helpers:
    """What a test calls through the helpers of test code it calls: a helper is part of the
    test, no hop (cobra's tests call ``executeCommand``, which calls ``executeCommandC``,
    which calls ``root.ExecuteC()``: ``Command.ExecuteC`` is the tests' direct callee)."""

    _DEPTH = 2  # a helper calling a helper, at most

    def __init__(self, out_edges: Mapping[int, frozenset[int]], keys: Mapping[int, str]) -> None:
        self._out = out_edges
        self._keys = keys
        self._reached: dict[int, frozenset[int]] = {}  # helper id -> what it reaches

    def through(self, calls: frozenset[int]) -> frozenset[int]:
        """``calls`` and what the helpers among them reach."""
        helpers = [c for c in calls if c not in self._keys and c in self._out]
        if not helpers:
            return calls
        found = set(calls)
        for helper in helpers:
            found |= self._reach(helper)
        return frozenset(found)

    def _reach(self, helper: int) -> frozenset[int]:
        known = self._reached.get(helper)
        if known is None:
            found: set[int] = set()
            frontier = [helper]
            for _ in range(self._DEPTH):
                onward = []
                for node in frontier:
                    for callee in self._out.get(node, ()):
                        if callee not in found and callee != helper:
                            found.add(callee)
                            if callee not in self._keys:
                                onward.append(callee)
                frontier = onward
            known = self._reached[helper] = frozenset(found)
        return known


def _go_test_directory(test_id: str) -> str | None:
    """The directory of a Go test's file (its package's, as ``go test`` builds it), or None
    for a test of another language."""
    file = test_id.partition("::")[0]
    return posixpath.dirname(file) if file.endswith("_test.go") else None


def _go_inits(
    functions: Sequence[FunctionRow],
    results: Mapping[str, ParseResult],
    keys: Mapping[int, str],
    units: Sequence[TestUnit],
    *,
    manifests: Manifests | None,
    resolver: CallResolver | None,
) -> dict[str | None, frozenset[int]]:
    """The row ids of the ``init`` functions of each Go package directory holding a test,
    by directory: those of its non-test files of the directory's package (a ``//go:build
    ignore`` generator's ``package main`` beside it is a program of its own, which ``go test``
    never builds with the package). Only the package's own: the ``init`` of a package it
    imports runs too, but every test of the importer would then cover it, saying nothing of
    how that package is tested."""
    tested = {_go_test_directory(unit.id) for unit in units} - {None}
    found: dict[str, list[FunctionRow]] = defaultdict(list)
    for row in functions:
        if (
            row.language == "go"
            and (row.qualified_name or row.name) == "init"
            and row.id in keys
            and posixpath.dirname(row.file) in tested
        ):
            found[posixpath.dirname(row.file)].append(row)
    if not found:
        return {}
    # The index the call graph was resolved with knows each directory's package; built
    # afresh only when there is a Go ``init`` beside a Go test.
    index = resolver.symbols.index if resolver is not None else ModuleIndex(results, manifests)
    inits: dict[str | None, frozenset[int]] = {}
    for directory, rows in found.items():
        files = frozenset(index.go_package_files(directory))
        kept = frozenset(row.id for row in rows if row.file in files)
        if kept:
            inits[directory] = kept
    return inits


def _source_keys(
    functions: Sequence[FunctionRow], results: Mapping[str, ParseResult]
) -> dict[int, str]:
    """The id of each stored function outside test-support code, by row id. A Python stub's
    (``.pyi``) are declarations, with no code to test: they have no test quality of their own,
    nor has an ``@overload`` signature beside its implementation (whose id stays plain), nor a
    property's getter, setter or deleter, which no call reaches (reading ``obj.name`` is no
    call: each read "untested", 19 in attrs, marshmallow, pluggy and arrow), nor a
    JavaScript getter or setter (fastify's ``Object.defineProperties(Request.prototype, {
    ip: { get () {…} } })``, koa's ``get header() {…}``); nor have
    examples and benchmarks, which show or time the project and are not part of it
    (sqlmodel's ``docs_src/`` had 370 of its 475 rows)."""
    by_file: dict[str, list[FunctionRow]] = {}
    for row in functions:
        by_file.setdefault(row.file, []).append(row)
    keys: dict[int, str] = {}
    for file, rows in by_file.items():
        result = results.get(file)
        if (
            file.endswith(".pyi")
            or is_test_support(file, result)
            or is_example_code(file)
            or is_benchmark_code(file)
        ):
            continue
        signatures = _uncalled_lines(result) if result is not None else frozenset()
        kept = [row for row in rows if row.line not in signatures] if signatures else rows
        named = [(row.qualified_name or row.name, row.line) for row in kept]
        keys.update(zip((row.id for row in kept), function_keys(file, named), strict=True))
    return keys


def _uncalled_lines(result: ParseResult) -> frozenset[int]:
    """The lines of a Python file's ``@overload`` signatures, properties' accessors, and
    declarations: a ``typing.Protocol``'s or an ``@abstractmethod`` that calls nothing (a
    docstring, ``...``, ``raise NotImplementedError``), whose code is the implementations';
    of a JavaScript or TypeScript file, its getters and setters (``Function.is_accessor``)."""
    if result.language != "python":
        return frozenset(fn.line for fn in result.functions if fn.is_accessor)
    protocols = _protocol_classes(result)
    calling = {call.caller for call in result.calls} if result.calls else set()
    return frozenset(
        fn.line
        for fn in result.functions
        if is_overload(fn)
        or is_property(fn)
        or (
            fn.qualified_name not in calling
            and (
                (fn.is_method and fn.qualified_name.rpartition(".")[0] in protocols)
                or any(d.name.rsplit(".", 1)[-1] == "abstractmethod" for d in fn.decorators)
            )
        )
    )


_TYPING_MODULES: Final = frozenset({"typing", "typing_extensions"})


def _protocol_classes(result: ParseResult) -> frozenset[str]:
    """The classes of a Python file that list ``typing.Protocol`` among their bases
    (``Protocol``, ``Protocol[T]``, ``typing.Protocol``, ``t.Protocol``): asyncio's own
    ``protocols.Protocol`` is a class with code, not a declaration."""
    names = {f"{module}.Protocol" for module in _TYPING_MODULES}
    for imported in result.imports:
        if imported.source in _TYPING_MODULES:
            if imported.alias is not None:  # ``import typing as t``
                names.add(f"{imported.alias}.Protocol")
            names.update(n.alias or n.name for n in imported.names if n.name == "Protocol")
    return frozenset(
        cls.qualified_name
        for cls in result.classes
        if any(base.split("[", 1)[0].strip() in names for base in cls.bases)
    )


test_mapping.__test__ = False  # type: ignore[attr-defined]


def _reached_deeper(
    units: Sequence[TestUnit],
    out_edges: Mapping[int, frozenset[int]],
    keys: Mapping[int, str],
    covering: Mapping[str, _Covering],
    run_first: Sequence[int] = (),
) -> frozenset[str]:
    """The source functions some test reaches through the call graph at any depth that no
    coverage row names (one walk from every test's calls, and the Go ``init`` functions
    ``run_first`` that tests run, at once)."""
    seen: set[int] = set()
    frontier = [callee for unit in units for callee in unit.calls]
    frontier.extend(run_first)
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        frontier.extend(out_edges.get(node, ()))
    return frozenset(keys[i] for i in seen if i in keys and keys[i] not in covering)


def _quality(
    key: str, tests: _Covering | None, isolation_of: Mapping[str, float], *, reached: bool
) -> TestQualityRow:
    """``reached``: a function no coverage row names that a test reaches deeper."""
    if tests is None:
        return TestQualityRow(
            function_id=key,
            coverage_breadth=0.0,
            coverage_depth=None,
            assertion_density=None,
            mock_ratio=None,
            isolation=None,
            freshness=None,
            stability=None,
            overall_score=0.0,
            smells=_INDIRECT_ONLY if reached else _UNTESTED,
        )
    units = tests.direct + tests.transitive
    n = len(units)
    breadth = min(1.0, n / 3)
    depth = len(tests.direct) / n
    density = sum([u.density for u in units]) / n
    mock_ratio = sum([u.uses_mocks for u in units]) / n
    isolation = sum([isolation_of[u.id] for u in units]) / n
    overall = (0.35 * breadth + 0.15 * depth + 0.35 * density + 0.15 * isolation) * (
        1 - 0.3 * mock_ratio
    )
    smells: list[str] = []
    if not tests.direct:
        smells.append("indirect_only")
    if n == 1:
        smells.append("single_test")
    if all(u.checks_nothing for u in units):
        # None of its tests checks anything: one smoke test among 130 that assert (pydantic's
        # ``BaseModel.model_validate``, density 0.88) is no smell of the function's.
        smells.append("assertion_free")
    if mock_ratio > 0.5:
        smells.append("mock_heavy")
    return TestQualityRow(
        function_id=key,
        coverage_breadth=round(breadth, 4),
        coverage_depth=round(depth, 4),
        assertion_density=round(density, 4),
        mock_ratio=round(mock_ratio, 4),
        isolation=round(isolation, 4),
        freshness=None,
        stability=None,
        overall_score=round(min(1.0, max(0.0, overall)), 4),
        smells=json.dumps(sorted(smells)) if smells else None,
    )
