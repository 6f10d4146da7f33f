"""Tests mapped to the functions they call, and per-function test quality."""

from __future__ import annotations

import json

import pytest

from drift.analysis.structure.call_edges import resolve_calls
from drift.analysis.structure.file_structure import file_structure
from drift.analysis.structure.project import pack_graph, unpack_graph
from drift.analysis.structure.test_files import assertion_lines, is_test_file, is_test_support
from drift.analysis.structure.test_mapping import find_tests, test_mapping
from drift.records.structural import TestCoverageRow, TestQualityRow
from drift.scan import ParseResult
from tests.unit.structure.support import function_rows, project, repo


def run(
    results: dict[str, ParseResult], asserts: dict[str, tuple[int, ...]] | None = None
) -> tuple[list[TestCoverageRow], list[TestQualityRow]]:
    rows = function_rows(results)
    return test_mapping(rows, resolve_calls(rows, results), results, assertion_lines=asserts)


def test_python_fixture_repo_exactly() -> None:
    results, texts = repo("naming-python")
    asserts = {p: file_structure(p, r, texts[p]).assertion_lines for p, r in results.items()}
    assert asserts["tests/test_invoices.py"] == (7, 12)
    coverage, quality = run(results, asserts)
    test = "tests/test_invoices.py::"
    assert coverage == [
        TestCoverageRow(
            f"{test}test_apply_discount_rejects_negative",
            "billing/invoices.py::apply_discount",
            "direct",
        ),
        TestCoverageRow(
            f"{test}test_create_invoice_keeps_lines",
            "billing/invoices.py::create_invoice",
            "direct",
        ),
        TestCoverageRow(
            f"{test}test_total_amount_adds_tax", "billing/invoices.py::apply_discount", "transitive"
        ),
        TestCoverageRow(
            f"{test}test_total_amount_adds_tax", "billing/invoices.py::create_invoice", "direct"
        ),
        TestCoverageRow(
            f"{test}test_total_amount_adds_tax", "billing/invoices.py::total_amount", "direct"
        ),
    ]
    scored = {q.function_id: q for q in quality}
    # every function outside tests/ has a row; the untested ones score 0
    assert len(quality) == 15
    assert scored["billing/payments.py::PaymentGateway.charge_card"] == TestQualityRow(
        function_id="billing/payments.py::PaymentGateway.charge_card",
        coverage_breadth=0.0,
        coverage_depth=None,
        assertion_density=None,
        mock_ratio=None,
        isolation=None,
        freshness=None,
        stability=None,
        overall_score=0.0,
        smells='["untested"]',
    )
    # total_amount: one direct test with one assertion
    # (0.35/3 + 0.15 + 0.35 * 0.5 + 0.15) = 0.5917
    assert scored["billing/invoices.py::total_amount"] == TestQualityRow(
        function_id="billing/invoices.py::total_amount",
        coverage_breadth=0.3333,
        coverage_depth=1.0,
        assertion_density=0.5,
        mock_ratio=0.0,
        isolation=1.0,
        freshness=None,
        stability=None,
        overall_score=0.5917,
        smells='["single_test"]',
    )
    apply = scored["billing/invoices.py::apply_discount"]
    assert (apply.coverage_breadth, apply.coverage_depth, apply.overall_score) == (
        0.6667,
        0.5,
        0.6333,
    )
    assert apply.smells is None


def test_python_asserts_need_their_lines() -> None:
    results, _ = repo("naming-python")
    _, quality = run(results)
    create = next(q for q in quality if q.function_id == "billing/invoices.py::create_invoice")
    # without the assert lines both tests of create_invoice look assertion-free
    assert create.assertion_density == 0.0
    assert create.smells == '["assertion_free"]'


def test_one_smoke_test_among_asserting_ones_is_no_smell() -> None:
    # pydantic: ``BaseModel.model_validate`` had read "assertion_free" for one test of 130
    results = project(
        {
            "pkg/core.py": "def parse(x):\n    return x\n",
            "tests/test_core.py": """
                from pkg.core import parse

                def test_smoke():
                    parse(1)

                def test_value():
                    assert parse(2) == 2

                def test_other():
                    assert parse(3) == 3
                """,
        }
    )
    _, quality = run(results, {"tests/test_core.py": (7, 10)})
    assert [(q.function_id, q.assertion_density, q.smells) for q in quality] == [
        ("pkg/core.py::parse", 0.3333, None)
    ]


def test_mocks_and_unittest_classes() -> None:
    results = project(
        {
            "svc/mailer.py": (
                "def send(to):\n    return to\n\ndef queue(to):\n    return send(to)\n"
            ),
            "tests/test_mailer.py": """
                import unittest
                from unittest import mock
                from svc.mailer import send, queue

                class MailerTest(unittest.TestCase):
                    @mock.patch("svc.mailer.smtp")
                    def test_send(self, smtp):
                        self.assertEqual(send("a"), "a")
                        smtp.assert_called_once()

                    def helper(self):
                        return queue("b")

                def test_queue(mocker):
                    mocker.patch("svc.mailer.send")
                    assert queue("c")
                """,
        }
    )
    units = find_tests(function_rows(results), [], results)
    assert [(u.id, u.assertions, u.uses_mocks) for u in units] == [
        ("tests/test_mailer.py::MailerTest.test_send", 2, True),
        ("tests/test_mailer.py::test_queue", 0, True),
    ]
    coverage, quality = run(results, {"tests/test_mailer.py": (16,)})
    assert [
        (c.test_function_id.split("::")[1], c.source_function_id, c.coverage_type) for c in coverage
    ] == [
        ("MailerTest.test_send", "svc/mailer.py::send", "direct"),
        ("test_queue", "svc/mailer.py::queue", "direct"),
        ("test_queue", "svc/mailer.py::send", "transitive"),
    ]
    send = next(q for q in quality if q.function_id == "svc/mailer.py::send")
    assert send.mock_ratio == 1.0
    assert json.loads(send.smells or "[]") == ["mock_heavy"]


def test_javascript_test_blocks() -> None:
    results = project(
        {
            "src/cart.ts": """
                export function total(items: number[]) { return items.length; }
                export function label(n: number) { return `${n}`; }
                """,
            "src/cart.test.ts": """
                import { total, label } from "./cart";
                jest.mock("./db");

                describe("cart", () => {
                  it("counts items", () => {
                    expect(total([1, 2])).toBe(2);
                  });
                  test("labels", () => {
                    const text = label(total([]));
                    expect(text).toEqual("0");
                    expect(text.length).toBe(1);
                  });
                });
                """,
        }
    )
    units = find_tests(function_rows(results), [], results)
    assert [(u.id, u.assertions, u.uses_mocks, len(u.calls)) for u in units] == [
        ("src/cart.test.ts::counts items@5", 1, True, 1),
        ("src/cart.test.ts::labels@8", 2, True, 2),
    ]
    coverage, _ = run(results)
    assert [(c.test_function_id, c.source_function_id) for c in coverage] == [
        ("src/cart.test.ts::counts items@5", "src/cart.ts::total"),
        ("src/cart.test.ts::labels@8", "src/cart.ts::label"),
        ("src/cart.test.ts::labels@8", "src/cart.ts::total"),
    ]


def test_a_javascript_test_file_s_setup_above_its_tests_counts_for_each() -> None:
    # zod's tests build schemas at the top (``const minFive = z.string().min(5)``) and in a
    # ``describe`` body before its first test: that runs once, for every test of the file.
    results = project(
        {
            "src/schema.ts": """
                export function string() { return 1; }
                export function shape() { return 2; }
                export function parse(x: number) { return x; }
                """,
            "src/schema.test.ts": """
                import { string, shape, parse } from "./schema";
                const minFive = string();

                describe("schemas", () => {
                  const built = shape();
                  it("parses", () => { expect(parse(minFive)).toBe(1); });
                  it("builds", () => { expect(built).toBe(2); });
                });
                """,
        }
    )
    coverage, _ = run(results)
    assert [(c.test_function_id, c.source_function_id) for c in coverage] == [
        ("src/schema.test.ts::builds@7", "src/schema.ts::shape"),
        ("src/schema.test.ts::builds@7", "src/schema.ts::string"),
        ("src/schema.test.ts::parses@6", "src/schema.ts::parse"),
        ("src/schema.test.ts::parses@6", "src/schema.ts::shape"),
        ("src/schema.test.ts::parses@6", "src/schema.ts::string"),
    ]


def test_tape_suites_in_a_test_directory_through_a_commonjs_object_export() -> None:
    # qs: ``test/parse.js`` is a tape suite (no ``.test.`` in its name); ``t.deepEqual`` is
    # an assertion; ``qs.parse`` reaches ``lib/parse.js`` through ``lib/index.js``'s
    # ``module.exports = { parse: parse }`` of a required module.
    results = project(
        {
            "lib/parse.js": "module.exports = function (str) { return str.split('&'); };\n",
            "lib/index.js": (
                "var parse = require('./parse');\nmodule.exports = { parse: parse };\n"
            ),
            "test/parse.js": """
                var test = require('tape');
                var qs = require('../lib');
                test('parses', function (t) {
                  t.deepEqual(qs.parse('a&b'), ['a', 'b']);
                  t.test('nested', function (st) { st.equal(qs.parse('a').length, 1); st.end(); });
                  t.end();
                });
                """,
            "test/fixtures/suite.js": "it('is a fixture', function () {});\n",
        }
    )
    units = find_tests(function_rows(results), [], results)
    assert [(u.id, u.assertions, len(u.calls)) for u in units] == [
        ("test/parse.js::parses@3", 2, 1)
    ]
    coverage, quality = run(results)
    assert [(c.test_function_id, c.source_function_id) for c in coverage] == [
        ("test/parse.js::parses@3", "lib/parse.js::exports")
    ]
    assert [(q.function_id, q.assertion_density) for q in quality] == [
        ("lib/parse.js::exports", 1.0)
    ]


def test_a_python_test_file_s_module_level_setup_counts_for_each_of_its_tests() -> None:
    # fastapi: ``app = FastAPI()`` and ``@app.put(…)`` above the tests run at import, for
    # every test; ``unittest.main()`` after them runs only as a script, and a test's own
    # ``@patch(…)`` is about that test.
    results = project(
        {
            "pkg/app.py": """
                class App:
                    def put(self, path):
                        return lambda f: f

                def main():
                    return 0

                def patch(target):
                    return lambda f: f
                """,
            "tests/test_put.py": """
                from pkg.app import App, main, patch

                app = App()

                @app.put("/items")
                def update():
                    return 1

                def test_update():
                    assert update() == 1

                @patch("x")
                def test_other():
                    assert True

                @pytest.mark.parametrize(
                    "value",
                    [main()],
                )
                def test_values(value):
                    assert value

                if __name__ == "__main__":
                    main()
                """,
        }
    )
    coverage, _ = run(results, {"tests/test_put.py": (11, 15, 22)})
    # ``main()`` in the parametrize list over four lines is the decorated test's alone
    assert [(c.test_function_id, c.source_function_id) for c in coverage] == [
        ("tests/test_put.py::test_other", "pkg/app.py::App.put"),
        ("tests/test_put.py::test_update", "pkg/app.py::App.put"),
        ("tests/test_put.py::test_values", "pkg/app.py::App.put"),
    ]


def test_node_tap_tape_and_mocha_aliases_declare_tests_and_t_is_the_runner_s() -> None:
    # tape's own suites run under node-tap (``tap.test(…)``, 107 blocks unseen), call the
    # package by its name (``tape(…)``), and mocha's ``specify`` is its ``it``; a test's
    # ``t.plan(1)`` is the runner's, not the one repository ``plan``.
    results = project(
        {
            "lib/index.js": (
                "exports.add = function (a, b) { return a + b; };\n"
                "exports.sub = function (a, b) { return a - b; };\n"
                "exports.mul = function (a, b) { return a * b; };\n"
                "class Planner { plan(n) { return n; } }\nexports.Planner = Planner;\n"
            ),
            "test/tap.js": """
                const tap = require('tap');
                const lib = require('../lib');
                tap.test('adds', (t) => { t.plan(1); t.equal(lib.add(1, 2), 3); t.end(); });
                """,
            "test/tape.js": """
                const tape = require('tape');
                const lib = require('../lib');
                tape('subs', (t) => { t.equal(lib.sub(3, 2), 1); t.end(); });
                """,
            "test/mocha.js": """
                const lib = require('../lib');
                describe('mul', () => { specify('muls', () => { lib.mul(2, 2); }); });
                """,
        }
    )
    coverage, _ = run(results)
    assert sorted((c.test_function_id, c.source_function_id) for c in coverage) == [
        ("test/mocha.js::muls@2", "lib/index.js::mul"),
        ("test/tap.js::adds@3", "lib/index.js::add"),
        ("test/tape.js::subs@3", "lib/index.js::sub"),
    ]


def test_a_helper_s_checks_are_the_test_s() -> None:
    # spf13/cast's tests assert only in ``runNumberTest`` (Go's ``t.Helper()`` style): 20
    # functions read "assertion_free"; a JavaScript test's ``check(got, want)`` alike.
    results = project(
        {
            "x.go": "package x\n\nfunc Add(a, b int) int { return a + b }\n",
            "x_test.go": (
                'package x\n\nimport "testing"\n\n'
                "func check(t *testing.T, got, want int) {\n\tt.Helper()\n"
                '\tif got != want {\n\t\tt.Errorf("got %d", got)\n\t}\n}\n\n'
                "func TestAdd(t *testing.T) { check(t, Add(1, 2), 3) }\n"
            ),
            "lib/index.js": "exports.add = function (a, b) { return a + b; };\n",
            "test/add.test.js": """
                const assert = require('assert');
                const lib = require('../lib');
                function check(got, want) { assert.strictEqual(got, want); assert.ok(got); }
                test('adds', () => { check(lib.add(1, 2), 3); });
                """,
        }
    )
    _, quality = run(results)
    assert [(q.function_id, q.assertion_density, q.smells) for q in quality] == [
        ("lib/index.js::add", 1.0, '["single_test"]'),
        ("x.go::Add", 0.5, '["single_test"]'),
    ]


def test_go_and_java_tests() -> None:
    results = project(
        {
            "calc/calc.go": "package calc\n\nfunc Add(a, b int) int { return a + b }\n",
            "calc/calc_test.go": """
                package calc

                import "testing"

                func TestAdd(t *testing.T) {
                    if Add(1, 2) != 3 {
                        t.Errorf("bad")
                    }
                }

                func helper() int { return Add(0, 0) }
                """,
            "src/main/java/a/Calc.java": (
                "package a;\npublic class Calc { int twice(int x) { return x * 2; } }\n"
            ),
            "src/test/java/a/CalcTest.java": """
                package a;

                import org.junit.jupiter.api.Test;
                import static org.junit.jupiter.api.Assertions.assertEquals;

                class CalcTest {
                    @Test
                    void twiceDoubles() {
                        assertEquals(4, new Calc().twice(2));
                    }
                }
                """,
        }
    )
    units = find_tests(function_rows(results), [], results)
    assert [(u.id, u.assertions) for u in units] == [
        ("calc/calc_test.go::TestAdd", 1),
        ("src/test/java/a/CalcTest.java::CalcTest.twiceDoubles", 1),
    ]
    coverage, _ = run(results)
    assert [(c.test_function_id, c.source_function_id, c.coverage_type) for c in coverage] == [
        ("calc/calc_test.go::TestAdd", "calc/calc.go::Add", "direct"),
        (
            "src/test/java/a/CalcTest.java::CalcTest.twiceDoubles",
            "src/main/java/a/Calc.java::Calc.twice",
            "direct",
        ),
    ]


def test_nested_calls_count_for_the_test_and_a_redefined_test_keeps_both() -> None:
    files = {
        "calc.py": (
            "def add(a, b):\n    return a + b\n\n"
            "def sub(a, b):\n    return a - b\n\n"
            "def twice(a):\n    return add(a, a)\n"
        ),
        "tests/test_calc.py": """
            from calc import add, sub, twice

            class TestCalc:
                def test_add(self):
                    def check(x):
                        self.assertEqual(x, 2)
                        self.assertTrue(x)
                    check(add(1, 1))

                def helper(self):
                    self.assertEqual(1, 1)
                    return sub(2, 1)

            def test_twice():
                assert twice(1) == 2

            def test_twice():
                return sub(1, 1)
            """,
    }
    results = project(files)
    asserts = {"tests/test_calc.py": (15,)}
    rows = function_rows(results)
    units = find_tests(rows, resolve_calls(rows, results), results, assertion_lines=asserts)
    test = "tests/test_calc.py::"
    # The nested helper's checks count for its test; a method not named test* is no test.
    assert [(u.id, u.assertions) for u in units] == [
        (f"{test}TestCalc.test_add", 2),
        (f"{test}test_twice", 1),
        (f"{test}test_twice", 0),
    ]
    coverage, quality = run(results, asserts)
    assert [(c.test_function_id, c.source_function_id, c.coverage_type) for c in coverage] == [
        (f"{test}TestCalc.test_add", "calc.py::add", "direct"),
        (f"{test}test_twice", "calc.py::add", "transitive"),
        (f"{test}test_twice", "calc.py::sub", "direct"),
        (f"{test}test_twice", "calc.py::twice", "direct"),
    ]
    assert quality == [
        TestQualityRow(
            function_id="calc.py::add",
            coverage_breadth=0.6667,
            coverage_depth=0.5,
            assertion_density=0.75,
            mock_ratio=0.0,
            isolation=1.0,
            freshness=None,
            stability=None,
            overall_score=0.7208,
            smells=None,
        ),
        TestQualityRow(
            function_id="calc.py::sub",
            coverage_breadth=0.3333,
            coverage_depth=1.0,
            assertion_density=0.0,
            mock_ratio=0.0,
            isolation=1.0,
            freshness=None,
            stability=None,
            overall_score=0.4167,
            smells=json.dumps(["assertion_free", "single_test"]),
        ),
        TestQualityRow(
            function_id="calc.py::twice",
            coverage_breadth=0.3333,
            coverage_depth=1.0,
            assertion_density=0.5,
            mock_ratio=0.0,
            isolation=1.0,
            freshness=None,
            stability=None,
            overall_score=0.5917,
            smells=json.dumps(["single_test"]),
        ),
    ]


def test_a_module_level_double_applies_to_every_test_of_the_file() -> None:
    files = {
        "svc.py": "def fetch_data():\n    return 1\n",
        "tests/test_svc.py": """
            from unittest import mock
            from svc import fetch_data

            patcher = mock.patch("svc.fetch_data")

            def test_fetch():
                return fetch_data()

            def test_nothing():
                return None
            """,
    }
    results = project(files)
    rows = function_rows(results)
    units = find_tests(rows, resolve_calls(rows, results), results)
    assert [(u.id, u.uses_mocks) for u in units] == [
        ("tests/test_svc.py::test_fetch", True),
        ("tests/test_svc.py::test_nothing", True),
    ]


def test_no_tests_no_rows() -> None:
    results = project({"m.py": "def f():\n    return 1\n"})
    assert run(results) == ([], [])


@pytest.mark.parametrize(
    ("path", "test_file", "support"),
    [
        ("tests/test_a.py", True, True),
        ("pkg/a_test.py", True, True),
        ("polls/tests.py", True, True),  # Django's test module
        ("pkg/views_tests.py", True, True),
        ("pkg/contests.py", False, False),
        ("pkg/a.py", False, False),
        ("tests/helpers.py", False, True),
        ("conftest.py", False, True),
        ("src/x.spec.tsx", True, True),
        ("src/__tests__/x.js", True, True),
        ("types/index.tst.ts", False, True),  # TSTyche's type tests: checked, never run
        ("cmd/x_test.go", True, True),
        ("src/test/java/a/CalcTest.java", True, True),
        ("src/main/java/a/Testing.java", False, False),
        ("testdata/input.go", False, True),
        # Helper packages only tests import: Go's ``internal/testenv``, a ``testutil``.
        ("internal/testenv/exec.go", False, True),
        ("internal/testutil/server.go", False, True),
        ("pkg/testhelpers/fixtures.py", False, True),
        ("pkg/utils/testable.go", False, False),
        # celery's test tree is ``t/``; deeper down a one-letter directory is anything.
        ("t/integration/worker_config.py", False, True),
        ("src/t/config.py", False, False),
        ("spec/helpers/auth.js", False, True),
        # mocha's ``test/*.js``, tape's and node:test's suites (qs, resolve): test files, but
        # not the fixtures, data or helpers beside them, nor type declarations.
        ("test/parse.js", True, True),
        ("packages/core/tests/unit/router.ts", True, True),
        ("test/fixtures/suite.js", False, True),
        ("test/support/server.js", False, True),
        ("test/index.d.ts", False, True),
        ("tests/parse.py", False, True),  # pytest collects test_*.py alone
    ],
)
def test_file_conventions(path: str, test_file: bool, support: bool) -> None:
    assert is_test_file(path) is test_file
    assert is_test_support(path) is support


_HELPERS = "def make_client(app):\n    return app.client(app.port + 37)\n"
_USER_TESTCASE = (
    "import unittest\n\n"
    "class AioHTTPTestCase(unittest.IsolatedAsyncioTestCase):\n"
    "    async def asyncSetUp(self):\n"
    "        self.port = 8080\n"
)


@pytest.mark.parametrize(
    ("path", "text", "test_file", "support"),
    [
        # A package's helpers for its users, named like tests but running none: product code.
        ("mypkg/test_utils.py", _HELPERS, False, False),
        ("aiohttp/test_utils.py", _USER_TESTCASE, False, False),
        ("django/contrib/admin/tests.py", _USER_TESTCASE, False, False),
        # Never test files by name: werkzeug's test client, numpy-style and httpx-style helpers.
        ("werkzeug/test.py", _HELPERS, False, False),
        ("mypkg/testing.py", _HELPERS, False, False),
        ("mypkg/_testing.py", _HELPERS, False, False),
        # What runs tests stays a test file: a test, a test method, a fixture, ``load_tests``.
        ("tests/test_utils.py", "def test_make():\n    assert make()\n", True, True),
        ("pkg/test_make.py", "def test_make() -> None:\n    assert make()\n", True, True),
        # A function declared to return a value is no test (this repository's ``test_mapping``).
        (
            "pkg/test_mapping.py",
            "def test_mapping(rows) -> list[int]:\n    return rows\n",
            False,
            False,
        ),
        (
            "pkg/test_models.py",
            _USER_TESTCASE + "    def test_a(self):\n        pass\n",
            True,
            True,
        ),
        (
            "test_fixtures.py",
            "import pytest\n\n@pytest.fixture\ndef db():\n    return 1\n",
            True,
            True,
        ),
        (
            "pkg/test_doc.py",
            "def load_tests(loader, tests, ignore):\n    return tests\n",
            True,
            True,
        ),
        # In a test directory the name decides, as test code is all there is: a test mixin's
        # tests run as its subclasses' in other files.
        ("tests/test_helpers.py", _HELPERS, True, True),
        (
            "pkg/test_mixins.py",
            "class CommonMixin:\n    def test_empty(self):\n        pass\n",
            True,
            True,
        ),
        ("tests/utils.py", _HELPERS, False, True),
        ("django/test/utils.py", _USER_TESTCASE, False, True),
        # Other languages' test files are told by name alone.
        ("src/x.spec.ts", "export const x = 1;\n", True, True),
    ],
)
def test_a_python_module_named_like_a_test_is_one_when_it_runs_tests(
    path: str, text: str, test_file: bool, support: bool
) -> None:
    result = project({path: text})[path]
    assert is_test_file(path, result) is test_file
    assert is_test_support(path, result) is support


def test_a_packages_test_utils_are_product_code_its_tests_test() -> None:
    # aiohttp's ``test_utils.py`` is tested by ``tests/test_test_utils.py``; its functions are
    # sources, and its numbers can be magic.
    results = project(
        {
            "mypkg/test_utils.py": _HELPERS + "\n\ndef unused():\n    return 1\n",
            "tests/test_test_utils.py": (
                "from mypkg.test_utils import make_client\n\n\n"
                "def test_make_client():\n    assert make_client(None)\n"
            ),
        }
    )
    coverage, quality = run(results)
    assert [(row.test_function_id, row.source_function_id) for row in coverage] == [
        ("tests/test_test_utils.py::test_make_client", "mypkg/test_utils.py::make_client")
    ]
    assert sorted(row.function_id for row in quality) == [
        "mypkg/test_utils.py::make_client",
        "mypkg/test_utils.py::unused",
    ]
    structure = file_structure("mypkg/test_utils.py", results["mypkg/test_utils.py"], _HELPERS)
    assert [(row.value, row.is_named) for row in structure.constants] == [("37", False)]


def test_test_classes_as_django_and_sqlalchemy_write_them() -> None:
    results = project(
        {
            "pkg/conv.py": "def to_b36(n):\n    return n\n\ndef from_b36(s):\n    return s\n",
            "tests/test_conv.py": """
                from django.test import SimpleTestCase, TransactionTestCase
                from pkg.conv import to_b36, from_b36

                class ConvTests(SimpleTestCase):
                    def test_to(self):
                        self.assertEqual(to_b36(1), 1)

                class DbTests(TransactionTestCase):
                    def test_from(self):
                        self.assertEqual(from_b36("a"), "a")

                class RoundTripTest:
                    def test_round(self):
                        assert from_b36(to_b36(2)) == 2

                class MoreConvTests(ConvTests):
                    def test_more(self):
                        self.assertEqual(to_b36(3), 3)

                class test_AsyncResult:  # celery's python_classes = "test_*"
                    def test_ready(self):
                        assert to_b36(5) == 5

                class Helpers:
                    def test_like_helper(self):
                        return to_b36(4)

                class BasenameTestCase:  # DRF's: a mixin of tests
                    def test_basename(self):
                        assert to_b36(6) == 6

                class RouterTests(BasenameTestCase, SimpleTestCase):
                    pass
                """,
        }
    )
    units = find_tests(function_rows(results), [], results)
    assert [u.id.split("::")[1] for u in units] == [
        "ConvTests.test_to",
        "DbTests.test_from",
        "RoundTripTest.test_round",
        "MoreConvTests.test_more",
        "test_AsyncResult.test_ready",
        "BasenameTestCase.test_basename",
    ]


def test_a_patch_decorator_applies_to_its_own_test_only() -> None:
    # Django: one ``@mock.patch`` test had made every test of its file "mock heavy".
    results = project(
        {
            "pkg/conv.py": "def to_b36(n):\n    return n\n\ndef from_b36(s):\n    return s\n",
            "tests/test_conv.py": """
                import unittest
                from unittest import mock
                from pkg.conv import to_b36, from_b36

                class PatchedTests(unittest.TestCase):
                    @mock.patch("pkg.conv.datetime")
                    def test_patched(self, clock):
                        self.assertEqual(to_b36(1), 1)

                class FromTests(unittest.TestCase):
                    def test_from(self):
                        self.assertEqual(from_b36("a"), "a")
                """,
        }
    )
    units = find_tests(function_rows(results), [], results)
    assert [(u.id.split("::")[1], u.uses_mocks) for u in units] == [
        ("PatchedTests.test_patched", True),
        ("FromTests.test_from", False),
    ]


def test_javascript_test_names_survive_the_trip_to_the_structure_worker() -> None:
    from drift.analysis.structure.project import pack_graph, unpack_graph

    results = project(
        {
            "src/util.ts": "export function mul(a: number, b: number) { return a * b; }\n",
            "test/flat.test.ts": """
                import { mul } from '../src/util';
                test('flat arrow', () => { expect(mul(1, 1)).toBe(1); });
                it("multiplies", () => { expect(mul(2, 3)).toBe(6); });
                """,
        }
    )
    packed = {path: unpack_graph(pack_graph(result)) for path, result in results.items()}
    units = find_tests(function_rows(packed), [], packed)
    assert [u.id for u in units] == [
        "test/flat.test.ts::flat arrow@2",
        "test/flat.test.ts::multiplies@3",
    ]


def test_a_table_is_no_test_s_name_and_a_skipped_test_covers_nothing() -> None:
    # jest's ``test.each`` with a table in a template literal had the table's text for the
    # test's id; ``it.skip`` and ``xit`` blocks, which never run, were credited with ``neg``.
    from drift.analysis.structure.project import pack_graph, unpack_graph

    results = project(
        {
            "src/math.js": "export function neg(a) { return -a; }\n",
            "test/math.test.js": """
                import { neg } from '../src/math';
                test.each`
                  a    | expected
                  ${1} | ${-1}
                `('template each neg', ({ a, expected }) => { expect(neg(a)).toBe(expected); });
                test.each`a | b`('one line', () => {});
                it.skip('skipped neg', () => { expect(neg(1)).toBe(-1); });
                xit('x neg', () => { neg(2); });
                test.todo('later');
                it('other', () => {});
                """,
        }
    )
    packed = {path: unpack_graph(pack_graph(result)) for path, result in results.items()}
    rows = function_rows(packed)
    units = find_tests(rows, resolve_calls(rows, packed), packed)
    assert [(u.id.split("::")[1], len(u.calls)) for u in units] == [
        ("template each neg@2", 1),
        ("one line@6", 0),
        ("other@10", 0),
    ]


def test_stubs_neither_hide_their_modules_nor_need_tests() -> None:
    results = project(
        {
            "src/pkg/__init__.py": "from ._f import g\n",
            "src/pkg/__init__.pyi": "def g(x: int) -> int: ...\n",
            "src/pkg/_f.py": "def g(x):\n    return x + 1\n\n\ndef h(o):\n    return o.twice()\n",
            "src/pkg/_f.pyi": "def g(x: int) -> int: ...\ndef h(o: object) -> int: ...\n",
            "src/pkg/shape.py": "class Shape:\n    def twice(self):\n        return 2\n",
            "src/pkg/shape.pyi": "class Shape:\n    def twice(self) -> int: ...\n",
            "tests/test_x.py": "from pkg import g\nfrom pkg._f import h\n\n\n"
            "def test_a():\n    assert g(1) == 2\n    assert h(None) == 2\n",
        }
    )
    coverage, quality = run(results)
    assert [(row.source_function_id, row.coverage_type) for row in coverage] == [
        ("src/pkg/_f.py::g", "direct"),
        ("src/pkg/_f.py::h", "direct"),
        # the one ``twice`` outside stubs: a guess the stub's copy no longer ties with
        ("src/pkg/shape.py::Shape.twice", "transitive"),
    ]
    assert sorted(row.function_id for row in quality) == [
        "src/pkg/_f.py::g",
        "src/pkg/_f.py::h",
        "src/pkg/shape.py::Shape.twice",
    ]


def test_examples_and_benchmarks_need_no_tests() -> None:
    # sqlmodel: 370 of its 475 quality rows were ``docs_src/``; starlette's ``benchmarks/``.
    results = project(
        {
            "app/core.py": "def run():\n    return 1\n\n\ndef idle():\n    return 2\n",
            "docs_src/tutorial/first.py": "def main():\n    return 3\n",
            "examples/demo.py": "def serve():\n    return 4\n",
            "benchmarks/bench_core.py": "def time_run():\n    return 5\n",
            "tests/test_core.py": (
                "from app.core import run\n\n\ndef test_run():\n    assert run()\n"
            ),
        }
    )
    _, quality = run(results)
    assert sorted(row.function_id for row in quality) == ["app/core.py::idle", "app/core.py::run"]


def test_a_rendered_component_is_called_by_the_test_that_renders_it() -> None:
    results = project(
        {
            "src/Header.tsx": "export function Header() { return <h1>hi</h1>; }\n",
            "src/App.tsx": (
                'import { Header } from "./Header";\n'
                "export function App() { return <main><Header /></main>; }\n"
            ),
            "src/App.test.tsx": (
                'import { App } from "./App";\n'
                'test("renders", () => {\n  render(<App />);\n  expect(1).toBe(1);\n});\n'
            ),
        }
    )
    coverage, _ = run(results)
    assert [(row.source_function_id, row.coverage_type) for row in coverage] == [
        ("src/App.tsx::App", "direct"),
        ("src/Header.tsx::Header", "transitive"),
    ]


def test_a_test_blocks_variables_have_their_classes() -> None:
    # zod's v4 tests: ``const s = z.object({})`` in a test block had been guessed into v3, and
    # ``const s = new Store(); s.get("a")`` reached only the constructor.
    results = project(
        {
            "src/local.ts": (
                "export class ZodType { safeParse(x: unknown) { return x; } }\n"
                "export class Store { get(k: string) { return k; } }\n"
            ),
            "tests/a.test.ts": (
                'import * as z from "zod";\nimport { Store } from "../src/local";\n'
                'test("plain", () => { const s = z.object({}); expect(s.safeParse(1)); });\n'
                'test("store", () => { const s = new Store(); s.get("a"); });\n'
            ),
        }
    )
    coverage, _ = run(results)
    assert [(row.test_function_id, row.source_function_id) for row in coverage] == [
        ("tests/a.test.ts::store@4", "src/local.ts::Store.get")
    ]


def test_a_hooks_calls_run_for_every_test_of_the_file() -> None:
    # TanStack's tests mount and clear the client in ``beforeEach``/``afterEach``.
    results = project(
        {
            "src/client.ts": (
                "export class QueryClient {\n  mount() { return 1; }\n  clear() { return 2; }\n"
                "  fetch() { return 3; }\n}\n"
            ),
            "src/client.test.ts": (
                'import { QueryClient } from "./client";\nlet client: QueryClient;\n'
                "beforeEach(() => {\n  client = new QueryClient();\n  client.mount();\n});\n"
                "afterEach(() => {\n  client.clear();\n});\n"
                'test("fetches", () => {\n  client.fetch();\n});\n'
                'test("fetches twice", () => {\n  client.fetch();\n  client.fetch();\n});\n'
            ),
        }
    )
    coverage, _ = run(results)
    assert sorted((row.test_function_id, row.source_function_id) for row in coverage) == [
        ("src/client.test.ts::fetches twice@13", "src/client.ts::QueryClient.clear"),
        ("src/client.test.ts::fetches twice@13", "src/client.ts::QueryClient.fetch"),
        ("src/client.test.ts::fetches twice@13", "src/client.ts::QueryClient.mount"),
        ("src/client.test.ts::fetches@10", "src/client.ts::QueryClient.clear"),
        ("src/client.test.ts::fetches@10", "src/client.ts::QueryClient.fetch"),
        ("src/client.test.ts::fetches@10", "src/client.ts::QueryClient.mount"),
    ]


def test_a_describes_hook_runs_for_its_tests_and_a_trailing_call_for_the_files() -> None:
    # fastify's and find-my-way's tests: a block had run up to the next test or hook, so a
    # ``beforeEach`` inside a ``describe`` ran for every test of the file, and the module-level
    # call after the last test was that test's. Extraction now gives each test's, hook's and
    # describe's span: a hook runs for the tests of its describe, a call outside every block
    # (the setup of a describe, or of the file) for each test it holds.
    results = project(
        {
            "src/lib.ts": (
                "export function mountA() { return 1; }\nexport function mountB() { return 2; }\n"
                "export function run() { return 3; }\nexport function seed() { return 4; }\n"
                "export function prepare() { return 5; }\n"
            ),
            "src/lib.test.ts": (
                'import { mountA, mountB, run, seed, prepare } from "./lib";\n'
                'describe("a", () => {\n'
                "  beforeEach(() => {\n    mountA();\n  });\n"
                '  it("runs", () => {\n    run();\n  });\n'
                "  prepare();\n"
                "});\n"
                'describe("b", () => {\n'
                "  beforeEach(() => {\n    mountB();\n  });\n"
                '  it("waits", () => {\n    expect(1);\n  });\n'
                "});\n"
                "seed();\n"
            ),
        }
    )
    assert results["src/lib.test.ts"].blocks == (
        (2, 1, 10),
        (3, 3, 5),
        (6, 3, 8),
        (11, 1, 18),
        (12, 3, 14),
        (15, 3, 17),
    )
    for result in results.values():  # kept through the parse cache and the structure's trip
        assert ParseResult.from_json(result.to_json()) == result
        assert unpack_graph(pack_graph(result)).blocks == result.blocks
    coverage, _ = run(results)
    assert sorted((row.test_function_id, row.source_function_id) for row in coverage) == [
        ("src/lib.test.ts::runs@6", "src/lib.ts::mountA"),
        ("src/lib.test.ts::runs@6", "src/lib.ts::prepare"),
        ("src/lib.test.ts::runs@6", "src/lib.ts::run"),
        ("src/lib.test.ts::runs@6", "src/lib.ts::seed"),
        ("src/lib.test.ts::waits@15", "src/lib.ts::mountB"),
        ("src/lib.test.ts::waits@15", "src/lib.ts::seed"),
    ]
    # Without spans (a result read otherwise), a block runs up to the next test or hook and
    # every hook is the file's, as before.
    coverage, _ = run({p: r._replace(blocks=()) for p, r in results.items()})
    assert sorted((row.test_function_id, row.source_function_id) for row in coverage) == [
        ("src/lib.test.ts::runs@6", "src/lib.ts::mountA"),
        ("src/lib.test.ts::runs@6", "src/lib.ts::mountB"),
        ("src/lib.test.ts::runs@6", "src/lib.ts::prepare"),
        ("src/lib.test.ts::runs@6", "src/lib.ts::run"),
        ("src/lib.test.ts::waits@15", "src/lib.ts::mountA"),
        ("src/lib.test.ts::waits@15", "src/lib.ts::mountB"),
        ("src/lib.test.ts::waits@15", "src/lib.ts::seed"),
    ]


def test_what_a_function_inside_a_test_calls_the_test_calls() -> None:
    # starlette: ``test_request_json`` defines the ASGI ``app`` it drives; its
    # ``JSONResponse(…)`` call had counted for no test, and the class read "untested".
    results = project(
        {
            "app/responses.py": (
                "class JSONResponse:\n    def __init__(self, content):\n        self.c = content\n"
            ),
            "tests/test_requests.py": (
                "from app.responses import JSONResponse\n\n\n"
                "def test_request_json(client_for):\n"
                "    async def app(scope, receive, send):\n"
                "        response = JSONResponse({'a': 1})\n"
                "        await response(scope, receive, send)\n\n"
                "    assert client_for(app).get('/').json() == {'a': 1}\n"
            ),
        }
    )
    coverage, quality = run(results)
    assert [(r.test_function_id, r.source_function_id, r.coverage_type) for r in coverage] == [
        (
            "tests/test_requests.py::test_request_json",
            "app/responses.py::JSONResponse.__init__",
            "direct",
        )
    ]
    assert [row.overall_score > 0 for row in quality] == [True]


def test_a_testify_suites_test_methods_are_tests() -> None:
    # testify: ``func (s *SuiteTester) TestOne()`` on a type embedding ``suite.Suite``.
    results = project(
        {
            "calc/calc.go": "package calc\n\nfunc Add(a, b int) int { return a + b }\n",
            "calc/calc_test.go": (
                'package calc\n\nimport (\n\t"testing"\n\n'
                '\t"github.com/stretchr/testify/suite"\n)\n\n'
                "type CalcSuite struct {\n\tsuite.Suite\n}\n\n"
                "func (s *CalcSuite) TestAdd() {\n\ts.Equal(2, Add(1, 1))\n}\n\n"
                "func (s *CalcSuite) helper() {}\n\n"
                "func TestCalc(t *testing.T) {\n\tsuite.Run(t, new(CalcSuite))\n}\n"
            ),
        }
    )
    coverage, _ = run(results)
    assert [(r.test_function_id, r.source_function_id, r.coverage_type) for r in coverage] == [
        ("calc/calc_test.go::CalcSuite.TestAdd", "calc/calc.go::Add", "direct")
    ]


def test_go_examples_are_tests_and_underscore_examples_need_none() -> None:
    # echo's ``ExampleValueBinder_BindError`` in ``binder_external_test.go`` runs under
    # ``go test``; go-playground/validator keeps its examples in ``_examples/``. A method named
    # ``Example…`` is no example, and one without an ``// Output:`` comment is only compiled
    # (gorilla/websocket's ``ExampleIsUnexpectedCloseError``).
    example = (
        'package calc\n\nimport "fmt"\n\n'
        "func ExampleAdd() {\n\tfmt.Println(Add(1, 1))\n\t// Output: 2\n}\n\n"
        "type T struct{}\n\nfunc (T) ExampleSub() { Sub(2, 1) }\n\n"
        "func Examples() { Sub(3, 1) }\n\nfunc ExampleSub() {\n\tSub(4, 1)\n}\n"
    )
    results = project(
        {
            "calc/calc.go": (
                "package calc\n\nfunc Add(a, b int) int { return a + b }\n\n"
                "func Sub(a, b int) int { return a - b }\n"
            ),
            "calc/example_test.go": example,
            "_examples/simple/main.go": "package main\n\nfunc main() {}\n",
        }
    )
    checks = assertion_lines(results["calc/example_test.go"], example)
    assert checks == (7,)
    coverage, quality = run(results, {"calc/example_test.go": checks})
    assert [(r.test_function_id, r.source_function_id) for r in coverage] == [
        ("calc/example_test.go::ExampleAdd", "calc/calc.go::Add")
    ]
    assert sorted(row.function_id for row in quality) == ["calc/calc.go::Add", "calc/calc.go::Sub"]


def test_a_helper_of_test_code_is_part_of_the_test_no_hop() -> None:
    # cobra: almost every test calls ``executeCommand``, which calls ``executeCommandC``,
    # which calls ``root.ExecuteC()``, which calls ``execute``: both read "untested".
    results = project(
        {
            "command.go": (
                "package cobra\n\ntype Command struct{}\n\n"
                "func (c *Command) ExecuteC() error { return c.execute() }\n\n"
                "func (c *Command) execute() error { return nil }\n"
            ),
            "command_test.go": (
                'package cobra\n\nimport "testing"\n\n'
                "func executeCommand(root *Command) error { return executeCommandC(root) }\n\n"
                "func executeCommandC(root *Command) error { return root.ExecuteC() }\n\n"
                "func TestRun(t *testing.T) {\n\tif executeCommand(&Command{}) != nil {\n"
                '\t\tt.Error("failed")\n\t}\n}\n'
            ),
        }
    )
    coverage, _ = run(results)
    assert [(r.source_function_id, r.coverage_type) for r in coverage] == [
        ("command.go::Command.ExecuteC", "direct"),
        ("command.go::Command.execute", "transitive"),
    ]


def test_a_function_reached_deeper_than_coverage_goes_is_indirect_not_untested() -> None:
    # black: ``test_simple_format`` → three helpers → ``format_str`` → the formatter: 530 of
    # its 624 functions had read "untested".
    results = project(
        {
            "pkg/core.py": (
                "def a():\n    return b()\n\n\ndef b():\n    return c()\n\n\n"
                "def c():\n    return d()\n\n\ndef d():\n    return 1\n\n\ndef e():\n    return 2\n"
            ),
            "tests/test_core.py": (
                "from pkg.core import a\n\n\ndef test_a():\n    assert a() == 1\n"
            ),
        }
    )
    _, quality = run(results)
    # (``assert`` statements are counted from the text, which ``run`` is not given here)
    assert {row.function_id.split("::")[1]: row.smells for row in quality} == {
        "a": '["assertion_free", "single_test"]',
        "b": '["assertion_free", "indirect_only", "single_test"]',
        "c": '["indirect_only"]',
        "d": '["indirect_only"]',
        "e": '["untested"]',
    }


def test_functions_sharing_a_qualified_name_in_a_file_have_their_own_ids() -> None:
    # zod's schemas.ts's eight ``inst.min = …`` shared one id and one quality row, as koa's
    # ``get header()`` and ``set header(val)`` did (which, read and never called, now have
    # none). A shared name gets the function's line; a unique one keeps its plain id. The
    # test's call reaches the ``home`` it resolves to (Python's later binding), not both.
    results = project(
        {
            "lib/schemas.js": """
                const ZodString = make((inst) => {
                  inst.min = (n) => n;
                });
                const ZodNumber = make((inst) => {
                  inst.min = (n) => n + 1;
                  inst.url = () => 1;
                });
                """,
            "src/home.py": """
                import sys

                if sys.platform == "win32":
                    def home():
                        return "C:"
                else:
                    def home():
                        return "/"
                """,
            "tests/test_home.py": """
                from src.home import home

                def test_home():
                    assert home()
                """,
        }
    )
    coverage, quality = run(results)
    assert [(c.test_function_id, c.source_function_id) for c in coverage] == [
        ("tests/test_home.py::test_home", "src/home.py::home@7")
    ]
    assert [(q.function_id, q.coverage_breadth) for q in quality] == [
        ("lib/schemas.js::min@2", 0.0),
        ("lib/schemas.js::min@5", 0.0),
        ("lib/schemas.js::url", 0.0),
        ("src/home.py::home@4", 0.0),
        ("src/home.py::home@7", 0.3333),
    ]


def test_an_overload_signature_has_no_quality_row_of_its_own() -> None:
    # typing's ``@overload``: declarations beside the implementation, which keeps its plain id
    results = project(
        {
            "pkg/conv.py": """
                from typing import overload

                @overload
                def conv(x: int) -> int: ...
                @overload
                def conv(x: str) -> str: ...
                def conv(x):
                    return x
                """,
            "tests/test_conv.py": """
                from pkg.conv import conv

                def test_conv():
                    assert conv(1) == 1
                """,
        }
    )
    _, quality = run(results, {"tests/test_conv.py": (4,)})
    assert [(q.function_id, q.smells) for q in quality] == [
        ("pkg/conv.py::conv", '["single_test"]')
    ]


def test_a_property_has_no_quality_row_of_its_own() -> None:
    # arrow's ``Arrow.tzinfo``, pluggy's ``HookimplOpts`` readers: reading ``obj.prop`` is no
    # call, so no edge ever reaches a property's getter, setter or deleter, and each read
    # "untested" (19 rows in attrs, marshmallow, pluggy and arrow; 521 of the 522 in the
    # standard library).
    results = project(
        {
            "pkg/stamp.py": """
                from functools import cached_property

                class Stamp:
                    def __init__(self, y):
                        self._y = y

                    @property
                    def year(self):
                        return self._y

                    @year.setter
                    def year(self, value):
                        self._y = value

                    @cached_property
                    def decade(self):
                        return self._y // 10
                """,
            "tests/test_stamp.py": """
                from pkg.stamp import Stamp

                def test_year():
                    assert Stamp(2020).year == 2020
                """,
        }
    )
    _, quality = run(results, {"tests/test_stamp.py": (4,)})
    assert [(q.function_id, q.smells) for q in quality] == [
        ("pkg/stamp.py::Stamp.__init__", '["single_test"]')
    ]


def test_a_javascript_getter_or_setter_has_no_quality_row_of_its_own() -> None:
    # fastify's ``Object.defineProperties(Request.prototype, { ip: { get () {…} } })`` and
    # koa's ``get header() {…}``: read or assigned, never called, as a Python property.
    results = project(
        {
            "lib/request.js": """
                function Request (raw) { this.raw = raw }
                Object.defineProperties(Request.prototype, {
                  ip: { get () { return this.raw.ip } },
                  validate: { value (x) { return x } },
                })
                class Store {
                  get size () { return 1 }
                  set size (v) {}
                  load () { return 2 }
                }
                module.exports = { Request, Store }
                """,
            "test/request.test.js": """
                const { Request, Store } = require('../lib/request')
                test('ip', () => {
                  const req = new Request({ ip: 1 })
                  expect(req.ip).toBe(1)
                  expect(req.validate(1)).toBe(1)
                  expect(new Store().size).toBe(1)
                })
                """,
        }
    )
    _, quality = run(results)
    assert [(q.function_id, q.smells) for q in quality] == [
        ("lib/request.js::Request", '["single_test"]'),
        ("lib/request.js::Request.validate", '["single_test"]'),
        ("lib/request.js::Store.load", '["untested"]'),
    ]


def test_a_protocol_s_and_an_abstract_method_s_declarations_have_no_quality_row() -> None:
    # structlog's typing.py: 32 of its 155 "untested" rows were Protocol stubs, which no call
    # can reach (calls dispatch to the implementations). One that calls something has code of
    # its own (a default), and asyncio's ``protocols.Protocol`` is a class, not typing's.
    results = project(
        {
            "pkg/typing.py": """
                import abc
                import typing as t
                from typing import Protocol as P

                class Logger(P):
                    def info(self, event):
                        \"\"\"Log at info.\"\"\"

                class Bindable(t.Protocol[int]):
                    def bind(self): ...

                    def bound(self):
                        return helper(self)

                class Base(abc.ABC):
                    @abc.abstractmethod
                    def run(self):
                        raise NotImplementedError

                    @abc.abstractmethod
                    def stop(self):
                        return helper(self)

                class Protocol:
                    def data_received(self, data): ...

                class Stream(Protocol):
                    def data_received(self, data): ...

                def helper(x):
                    return x
                """,
            "tests/test_typing.py": """
                from pkg.typing import helper

                def test_helper():
                    assert helper(1) == 1
                """,
        }
    )
    _, quality = run(results, {"tests/test_typing.py": (4,)})
    assert sorted(q.function_id for q in quality) == [
        "pkg/typing.py::Base.stop",
        "pkg/typing.py::Bindable.bound",
        "pkg/typing.py::Protocol.data_received",
        "pkg/typing.py::Stream.data_received",
        "pkg/typing.py::helper",
    ]


def test_a_module_level_class_s_decorator_is_setup_a_test_class_s_is_its_own() -> None:
    # attrs' test files make the classes they check at module level with ``@attr.s``: it runs
    # at import, for every test; ``@skip_if(…)`` on a test class is about that class.
    results = project(
        {
            "lib/make.py": """
                def attrs(maybe_cls=None):
                    return maybe_cls

                def skip_if(condition):
                    return lambda cls: cls
                """,
            "tests/test_make.py": """
                import lib.make as attr

                @attr.attrs
                class C:
                    pass

                @attr.skip_if(False)
                class TestC:
                    def test_c(self):
                        assert C
                """,
        }
    )
    coverage, _ = run(results, {"tests/test_make.py": (10,)})
    assert [(c.test_function_id, c.source_function_id) for c in coverage] == [
        ("tests/test_make.py::TestC.test_c", "lib/make.py::attrs")
    ]


def test_a_test_blocks_calls_on_an_imported_instance_reach_its_class() -> None:
    # commander's documented ``import { program } from "commander"`` then ``program.parse()``:
    # a test block's call on an instance a module exports had reached nothing, though a
    # function's did; nor did one on a module's default instance (``export default new
    # Cache()``), from anywhere.
    results = project(
        {
            "lib/store.js": """
                export class Store { get(k) { return k; } put(k, v) { return v; } }
                export const store = new Store();
                """,
            "lib/index.js": 'export * from "./store.js";\n',
            "lib/cache.js": """
                class Cache { fetch(k) { return k; } }
                export default new Cache();
                """,
            "lib/use.js": """
                import cache from "./cache.js";
                export function read(k) { return cache.fetch(k); }
                """,
            "tests/store.test.js": """
                import { store } from "../lib/index.js";
                import cache from "../lib/cache.js";
                store.put("setup", 1);
                test("reads", () => {
                  expect(store.get("a")).toBe("a");
                });
                it("fetches", () => { expect(cache.fetch("a")).toBe("a"); });
                """,
        }
    )
    coverage, _ = run(results)
    assert [(c.test_function_id, c.source_function_id, c.coverage_type) for c in coverage] == [
        ("tests/store.test.js::fetches@7", "lib/cache.js::Cache.fetch", "direct"),
        ("tests/store.test.js::fetches@7", "lib/store.js::Store.put", "direct"),
        ("tests/store.test.js::reads@4", "lib/store.js::Store.get", "direct"),
        ("tests/store.test.js::reads@4", "lib/store.js::Store.put", "direct"),
    ]
    rows = function_rows(results)
    assert [(e.caller_id, e.callee_id, e.resolution) for e in resolve_calls(rows, results)] == [
        (4, 1, "method")
    ]  # lib/use.js::read → lib/cache.js::Cache.fetch
    assert results["lib/cache.js"].variables == (("default", "Cache"),)


def test_a_test_covers_the_functions_it_passes_as_values() -> None:
    # chi's tests pass their middlewares to ``r.Use`` (``RealIP`` had read "untested"), a
    # JavaScript test hands ``parseLine`` to ``map``, a Python test runs a thread's target and
    # its file's setup installs a signal handler.
    results = project(
        {
            "middleware/realip.go": """
                package middleware

                func RealIP(h Handler) Handler { return h }
                """,
            "middleware/realip_test.go": """
                package middleware

                import "testing"

                func TestRealIP(t *testing.T) {
                    r := NewRouter()
                    r.Use(RealIP)
                    if r == nil {
                        t.Fatal("no router")
                    }
                }
                """,
            "src/lines.js": "export function parseLine(line) { return line.trim(); }\n",
            "src/lines.test.js": """
                import { parseLine } from "./lines";

                const trimmed = ["a "].map(parseLine);
                it("parses lines", () => {
                  expect([" b"].map(parseLine)).toEqual(["b"]);
                });
                it("keeps the top's", () => {
                  expect(trimmed).toEqual(["a"]);
                });
                """,
            "app/jobs.py": """
                def work():
                    return 1

                def on_term(signum, frame):
                    return 2

                def unused():
                    return 3
                """,
            "tests/test_jobs.py": """
                import signal, threading
                from app.jobs import on_term, work

                signal.signal(signal.SIGTERM, on_term)

                def test_work_in_a_thread():
                    thread = threading.Thread(target=work)
                    thread.start()
                    thread.join()
                """,
        }
    )
    coverage, quality = run(results)
    assert [(c.test_function_id, c.source_function_id, c.coverage_type) for c in coverage] == [
        ("middleware/realip_test.go::TestRealIP", "middleware/realip.go::RealIP", "direct"),
        ("src/lines.test.js::keeps the top's@7", "src/lines.js::parseLine", "direct"),
        ("src/lines.test.js::parses lines@4", "src/lines.js::parseLine", "direct"),
        # The file's setup, above its tests, runs for each of them.
        ("tests/test_jobs.py::test_work_in_a_thread", "app/jobs.py::on_term", "direct"),
        ("tests/test_jobs.py::test_work_in_a_thread", "app/jobs.py::work", "direct"),
    ]
    assert [q.function_id for q in quality if q.smells == '["untested"]'] == ["app/jobs.py::unused"]


def test_functions_passed_as_values_survive_the_trip_to_the_structure_worker() -> None:
    from drift.analysis.structure.project import pack_graph, structure_of, unpack_graph

    results = project(
        {
            "src/lines.go": "package src\n\nfunc Parse(s string) string { return s }\n",
            "src/lines_test.go": """
                package src

                func TestParse(t *testing.T) { apply(Parse) }
                """,
        }
    )
    packed = {path: unpack_graph(pack_graph(result)) for path, result in results.items()}
    assert packed["src/lines_test.go"].references == results["src/lines_test.go"].references
    assert [(r.callee, r.line) for r in packed["src/lines_test.go"].references] == [("Parse", 3)]
    # and through the parse cache
    for result in results.values():
        assert ParseResult.from_json(result.to_json()) == result
    rows = function_rows(packed)
    structure = structure_of(rows, packed, {}, {})
    assert [(c.test_function_id, c.source_function_id) for c in structure.coverage] == [
        ("src/lines_test.go::TestParse", "src/lines.go::Parse")
    ]


def test_a_test_class_s_set_up_and_tear_down_hooks_run_for_each_of_its_tests() -> None:
    # DRF's ``ScopedRateThrottleTests.setUp`` builds ``ScopedRateThrottle()`` for each test,
    # ``XffTestingBase.setUp`` for each test of its subclasses, pytest-style ``setup_method``
    # builds ``CreateOnlyDefault``: those constructors had read "untested" or "single_test".
    # The hook a class runs is its own or the nearest repository base's (one overriding it
    # without ``super()`` hides the base's), and its calls are the test's, as a JavaScript
    # ``beforeEach``'s are. A hook that calls nothing (the stdlib's own ``TestCase.setUp``)
    # is not credited.
    results = project(
        {
            "pkg/throttle.py": """
                class Throttle:
                    def __init__(self):
                        self.rate = parse()

                def parse():
                    return 1

                class Client:
                    def __init__(self):
                        self.open = True

                def close_all():
                    return 0

                def load():
                    return 0

                def seed():
                    return 0

                class BaseCase:
                    def setUp(self):
                        pass

                    def tearDown(self):
                        close_all()
                """,
            "tests/base.py": """
                import unittest
                from pkg.throttle import Client

                class XffBase(unittest.TestCase):
                    def setUp(self):
                        self.client = Client()
                """,
            "tests/test_throttle.py": """
                import unittest
                from pkg.throttle import BaseCase, Client, Throttle, close_all, load, seed
                from tests.base import XffBase

                class ThrottleTests(unittest.TestCase):
                    @classmethod
                    def setUpClass(cls):
                        load()

                    def setUp(self):
                        self.throttle = Throttle()

                    def tearDown(self):
                        close_all()

                    def test_a(self):
                        assert self.throttle

                class XffTests(XffBase):
                    def test_b(self):
                        assert self.client

                class OwnSetUpTests(XffBase):
                    def setUp(self):
                        seed()

                    def test_c(self):
                        assert True

                class TestPytestStyle:
                    def setup_method(self):
                        self.client = Client()

                    def test_d(self):
                        assert self.client

                class TestWithBase(BaseCase):
                    def test_e(self):
                        assert True
                """,
        }
    )
    coverage, _ = run(results, {"tests/test_throttle.py": (17, 21, 28, 35, 39)})
    assert [(c.test_function_id, c.source_function_id, c.coverage_type) for c in coverage] == [
        ("tests/test_throttle.py::OwnSetUpTests.test_c", "pkg/throttle.py::seed", "direct"),
        (
            "tests/test_throttle.py::TestPytestStyle.test_d",
            "pkg/throttle.py::Client.__init__",
            "direct",
        ),
        (
            "tests/test_throttle.py::TestWithBase.test_e",
            "pkg/throttle.py::BaseCase.tearDown",
            "direct",
        ),
        ("tests/test_throttle.py::TestWithBase.test_e", "pkg/throttle.py::close_all", "direct"),
        (
            "tests/test_throttle.py::ThrottleTests.test_a",
            "pkg/throttle.py::Throttle.__init__",
            "direct",
        ),
        ("tests/test_throttle.py::ThrottleTests.test_a", "pkg/throttle.py::close_all", "direct"),
        ("tests/test_throttle.py::ThrottleTests.test_a", "pkg/throttle.py::load", "direct"),
        ("tests/test_throttle.py::ThrottleTests.test_a", "pkg/throttle.py::parse", "transitive"),
        ("tests/test_throttle.py::XffTests.test_b", "pkg/throttle.py::Client.__init__", "direct"),
    ]


def test_a_go_packages_init_is_covered_by_every_test_of_its_directory() -> None:
    # ``go test`` runs each ``init`` of the package before any of its tests (viper's
    # ``func init() { v = New() }`` had read "untested"); a test of another package does not
    # run it, nor does a ``//go:build ignore`` generator's ``package main`` run with the package.
    results = project(
        {
            "reg/reg.go": """
                package reg

                var names []string

                func init() { register() }

                func register() { names = append(names, "x"); deeper() }

                func deeper() {}

                func Names() []string { return names }
                """,
            "reg/gen.go": """
                //go:build ignore

                package main

                func init() { generate() }

                func generate() {}
                """,
            "reg/reg_test.go": """
                package reg

                import "testing"

                func TestNames(t *testing.T) {
                    if len(Names()) != 1 {
                        t.Errorf("bad")
                    }
                }

                func TestNothingCalled(t *testing.T) {
                    t.Log("runs after init all the same")
                }
                """,
            "other/other.go": """
                package other

                func init() { setup() }

                func setup() {}
                """,
            "cmd/cmd_test.go": """
                package cmd

                import "testing"

                func TestCmd(t *testing.T) {
                    t.Log("another package")
                }
                """,
        }
    )
    coverage, quality = run(results)
    assert [(c.test_function_id, c.source_function_id, c.coverage_type) for c in coverage] == [
        ("reg/reg_test.go::TestNames", "reg/reg.go::Names", "direct"),
        ("reg/reg_test.go::TestNames", "reg/reg.go::init", "transitive"),
        ("reg/reg_test.go::TestNothingCalled", "reg/reg.go::init", "transitive"),
    ]
    # What ``init`` calls is reached deeper than the coverage rows go, as a direct callee's
    # callee's callee is.
    assert [(q.function_id, q.coverage_breadth, q.smells) for q in quality] == [
        ("other/other.go::init", 0.0, '["untested"]'),
        ("other/other.go::setup", 0.0, '["untested"]'),
        ("reg/gen.go::generate", 0.0, '["untested"]'),
        ("reg/gen.go::init", 0.0, '["untested"]'),
        ("reg/reg.go::Names", 0.3333, '["single_test"]'),
        ("reg/reg.go::deeper", 0.0, '["indirect_only"]'),
        ("reg/reg.go::init", 0.6667, '["indirect_only"]'),
        ("reg/reg.go::register", 0.0, '["indirect_only"]'),
    ]
