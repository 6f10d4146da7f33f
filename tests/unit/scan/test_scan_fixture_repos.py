"""The fixture repositories hold what their README says: conventions and deliberate outliers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drift.scan import ErrorHandler, ParseResult, discover, grammar_for_path, parse_file

REPOS = Path(__file__).resolve().parents[2] / "fixtures" / "repos"
JAVA_PACKAGE = "src/main/java/com/acme/shop"

SNAKE = re.compile(r"_*[a-z][a-z0-9]*(_[a-z0-9]+)*_*")
CAMEL = re.compile(r"[a-z][a-zA-Z0-9]*")
MIXED = re.compile(r"[A-Za-z][a-zA-Z0-9]*")


def parse_repo(name: str) -> dict[str, ParseResult]:
    repo = REPOS / name
    return {
        f.path: parse_file(f.abs_path)
        for f in discover(repo).files
        if grammar_for_path(f.path) is not None
    }


def function_names(results: dict[str, ParseResult]) -> dict[str, str]:
    """name → file, for every function and method except constructors and dunders."""
    names = {}
    for path, result in results.items():
        for function in result.functions:
            if function.name in ("constructor", "__init__") or function.name == function.class_name:
                continue
            names[function.name] = path
    return names


def handlers(results: dict[str, ParseResult]) -> list[tuple[str, ErrorHandler]]:
    return [
        (path, h)
        for path, result in results.items()
        for h in result.error_handlers
        if h.kind not in ("throw", "finally")
    ]


@pytest.mark.parametrize(
    ("repo", "style", "outlier", "outlier_file"),
    [
        ("naming-python", SNAKE, "fetchCustomerOrders", "billing/customers.py"),
        ("naming-typescript", CAMEL, "format_price", "src/utils/format.ts"),
        ("naming-javascript", CAMEL, "remove_note", "lib/notes.js"),
        ("naming-go", MIXED, "load_defaults", "internal/config/config.go"),
        ("naming-java", CAMEL, "Calculate_Total", f"{JAVA_PACKAGE}/PriceCalculator.java"),
    ],
)
def test_exactly_one_function_breaks_the_naming_style(
    repo: str, style: re.Pattern[str], outlier: str, outlier_file: str
) -> None:
    results = parse_repo(repo)
    assert all(result.error_count == 0 for result in results.values())
    names = function_names(results)
    breaking = {name: path for name, path in names.items() if not style.fullmatch(name)}
    assert breaking == {outlier: outlier_file}
    assert len(names) >= 8  # enough for a convention to be dominant


@pytest.mark.parametrize(
    ("repo", "function", "kind"),
    [
        ("naming-python", "PaymentGateway.void_payment", "except"),
        ("naming-typescript", "CartService.persist", "catch"),
        ("naming-javascript", "runCommand", "promise_catch"),
        ("naming-go", "Store.Prefetch", "error_check"),
        ("naming-java", "OrderService.archiveOrders", "catch"),
    ],
)
def test_exactly_one_handler_is_empty_and_swallows(repo: str, function: str, kind: str) -> None:
    found = handlers(parse_repo(repo))
    empty = [(h.function, h.kind) for _, h in found if h.is_empty]
    assert empty == [(function, kind)]
    assert [h.function for _, h in found if h.swallows] == [function]
    propagating = [h for _, h in found if h.rethrows]
    assert len(propagating) >= 2  # the convention the outlier breaks


def test_python_logging_convention_and_print_outlier() -> None:
    results = parse_repo("naming-python")
    with_logger = [
        path
        for path, result in results.items()
        if any(c.callee == "getLogger" and c.receiver == "logging" for c in result.calls)
    ]
    assert sorted(with_logger) == [
        "billing/customers.py",
        "billing/invoices.py",
        "billing/payments.py",
        "billing/reports.py",
    ]
    prints = [
        (path, call.caller)
        for path, result in results.items()
        for call in result.calls
        if call.callee == "print"
    ]
    assert prints == [("billing/reports.py", "export_report")]


def test_every_outlier_is_marked_in_the_source() -> None:
    marked = {
        path.relative_to(REPOS).as_posix()
        for path in REPOS.rglob("*")
        if path.is_file()
        and grammar_for_path(path.name) is not None
        and "Deliberate outlier:" in path.read_text(encoding="utf-8")
    }
    assert marked == {
        "naming-python/billing/customers.py",
        "naming-python/billing/payments.py",
        "naming-python/billing/reports.py",
        "naming-typescript/src/utils/format.ts",
        "naming-typescript/src/services/cart.ts",
        "naming-javascript/lib/notes.js",
        "naming-javascript/lib/cli.js",
        "naming-go/internal/config/config.go",
        "naming-go/internal/store/cache.go",
        "naming-java/src/main/java/com/acme/shop/PriceCalculator.java",
        "naming-java/src/main/java/com/acme/shop/OrderService.java",
    }
