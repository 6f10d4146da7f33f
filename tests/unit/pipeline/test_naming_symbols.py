"""What the naming detector judges: the stored functions, by language and kind."""

from __future__ import annotations

from drift.pipeline.detect import named_symbols, naming_deviations, naming_findings
from drift.records.analysis import FunctionRow


def function(
    file: str, name: str, qualified: str, line: int, language: str = "python"
) -> FunctionRow:
    return FunctionRow(
        0, file, name, qualified, language, line, line + 1, 0, None, False, False, None, None
    )


def test_names_a_framework_imposes_are_not_judged() -> None:
    rows = [
        function("tests/test_shop.py", "setUp", "ShopTests.setUp", 3),
        function("tests/test_shop.py", "setUpTestData", "ShopTests.setUpTestData", 6),
        function("tests/test_shop.py", "tearDownClass", "ShopTests.tearDownClass", 9),
        function("tests/test_shop.py", "test_checkout", "ShopTests.test_checkout", 12),
        function("tests/test_shop.py", "test_refund", "ShopTests.test_refund", 15),
        function("tests/test_shop.py", "assertPaid", "ShopTests.assertPaid", 18),
    ]
    symbols = named_symbols(rows)
    assert [s.name for s in symbols] == ["test_checkout", "test_refund", "assertPaid"]
    deviations = naming_deviations(naming_findings(symbols))
    # The author's own camelCase helper still breaks the style; unittest's hooks do not.
    assert [(row.line, row.matched_text) for row in deviations] == [(18, "assertPaid (camelCase)")]


def test_names_stdlib_bases_impose_are_not_judged() -> None:
    # black's ast.NodeVisitor methods, celery's logging overrides, an http.server handler.
    names = [
        *("visit_Expr", "visit_Assign", "handleError", "formatException", "do_GET"),
        *("runTest", "addFailure", "startTest", "isEnabledFor", "_", "__"),
        *("dataReceived", "render_GET", "getChild"),  # Twisted's (scrapy)
        "run_it",
    ]
    rows = [
        function("src/m.py", name, f"Visitor.{name}", 3 * i + 1) for i, name in enumerate(names)
    ]
    assert [s.name for s in named_symbols(rows)] == ["run_it"]


def test_a_constructor_and_go_test_functions_are_not_judged() -> None:
    rows = [
        function("a.ts", "Widget", "Widget.Widget", 1, "typescript"),
        function("a.ts", "render", "Widget.render", 2, "typescript"),
        function("x_test.go", "TestParse", "TestParse", 3, "go"),
        function("x.go", "parse", "parse", 4, "go"),
    ]
    assert [(s.name, s.kind) for s in named_symbols(rows)] == [
        ("render", "typescript:method"),
        ("parse", "go:function-unexported"),
    ]


def test_numeric_keys_of_object_literals_are_not_judged() -> None:
    # mobx's ``niceErrors = { 1(annotationType, key) {…}, 19(other) {…} }``.
    rows = [
        function("src/errors.ts", "1", "1", 2, "typescript"),
        function("src/errors.ts", "19", "19", 3, "typescript"),
        function("src/errors.ts", "$__save", "$__save", 4, "typescript"),
        function("src/errors.ts", "loadUser", "loadUser", 5, "typescript"),
    ]
    assert [s.name for s in named_symbols(rows)] == ["$__save", "loadUser"]


def test_capitalised_javascript_functions_are_components_judged_apart() -> None:
    # React components (and constructor functions) are capitalised by convention.
    rows = [
        function("src/App.tsx", "App", "App", 3, "typescript"),
        function("src/App.tsx", "QueryProvider", "QueryProvider", 9, "typescript"),
        function("src/App.tsx", "useQuery", "useQuery", 20, "typescript"),
        function("src/App.tsx", "load_all", "load_all", 25, "typescript"),
        function("src/App.tsx", "fetchUser", "fetchUser", 30, "typescript"),
        function("src/App.tsx", "render", "Widget.render", 35, "typescript"),
    ]
    symbols = named_symbols(rows)
    assert [(s.name, s.kind) for s in symbols] == [
        ("App", "typescript:component"),
        ("QueryProvider", "typescript:component"),
        ("useQuery", "typescript:function"),
        ("load_all", "typescript:function"),
        ("fetchUser", "typescript:function"),
        ("render", "typescript:method"),
    ]
    deviations = naming_deviations(naming_findings(symbols))
    assert [row.matched_text for row in deviations] == ["load_all (snake_case)"]
