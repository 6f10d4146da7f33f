"""The fixture repositories end to end: exactly the patterns, deviations, conventions, error gaps,
violations and gate results their deliberate outliers call for (tests/fixtures/repos/README.md).

Each repo follows a naming convention with one outlier and has one empty handler. A first scan
learns the patterns (none is confident enough yet to be approved automatically), reports the
empty handler as an error-handling violation, and leaves pattern compliance unjudged. Approving
the dominant naming pattern makes the naming outlier a violation at its own line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest

from drift.analysis.lifecycle import approve, discovered
from drift.pipeline import enforce_run, scan
from drift.pipeline.analyze import status_row
from drift.storage.backends import open_storage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import REPOS

GAP_RULE = "errors/error-gap-empty-catch"


@dataclass(frozen=True)
class Expected:
    """What one fixture repository must yield."""

    repo: str
    tracked: int
    patterns: dict[str, tuple[int, int]]  # pattern id -> (locations, files)
    deviations: list[tuple[str, str, int]]  # derived pattern id, file, line
    conventions: set[str]
    gap: tuple[str, str, str, int]  # file, function, gap type, line of the handler
    dominant: str  # the naming pattern to approve
    naming: tuple[str, int, str]  # file, line and severity of the naming violation
    compliance: str  # the pattern-compliance gate once the naming pattern is approved


CASES = [
    Expected(
        repo="naming-python",
        tracked=7,
        patterns={
            "ERR-EMPTY-HANDLER": (1, 1),
            "ERR-GENERIC-HANDLER": (1, 1),
            "ERR-PY-CUSTOM-EXCEPTION": (2, 1),
            "ERR-PY-RAISE-FROM": (1, 1),
            "ERR-RETHROW": (4, 2),
            "LOG-PY-PRINT": (1, 1),
            "LOG-PY-STDLIB-LOGGER": (4, 4),
            "NAMING-PY-CLASS-PASCAL": (5, 3),
            "NAMING-PY-FUNCTION-CAMEL": (1, 1),
            "NAMING-PY-FUNCTION-SNAKE": (17, 5),
            "TEST-PY-PYTEST-FUNCTION": (3, 1),
        },
        deviations=[
            ("NAMING-PY-FUNCTION-CAMEL/deviation", "billing/customers.py", 24),
            ("naming:python:function:camelCase/deviation", "billing/customers.py", 24),
        ],
        # Class names are a group of their own: every class is PascalCase.
        conventions={"LOG-PY-STDLIB-LOGGER", "NAMING-PY-CLASS-PASCAL", "NAMING-PY-FUNCTION-SNAKE"},
        gap=("billing/payments.py", "PaymentGateway.void_payment", "empty_catch", 40),
        dominant="NAMING-PY-FUNCTION-SNAKE",
        naming=("billing/customers.py", 24, "info"),
        compliance="passed",
    ),
    Expected(
        repo="naming-typescript",
        tracked=6,
        patterns={
            "API-JS-FETCH": (2, 1),
            "ERR-EMPTY-HANDLER": (1, 1),
            "ERR-JS-CUSTOM-ERROR": (1, 1),
            "ERR-RETHROW": (3, 2),
            "LOG-JS-CONSOLE": (3, 1),
            "NAMING-JS-CLASS-PASCAL": (4, 4),
            "NAMING-JS-FUNCTION-CAMEL": (13, 5),  # humped names; single words are neither style
            "NAMING-JS-FUNCTION-SNAKE": (1, 1),
        },
        deviations=[
            ("NAMING-JS-FUNCTION-SNAKE/deviation", "src/utils/format.ts", 12),
            ("naming:typescript:function:snake_case/deviation", "src/utils/format.ts", 12),
        ],
        conventions={"ERR-RETHROW", "NAMING-JS-CLASS-PASCAL", "NAMING-JS-FUNCTION-CAMEL"},
        gap=("src/services/cart.ts", "CartService.persist", "empty_catch", 40),
        dominant="NAMING-JS-FUNCTION-CAMEL",
        naming=("src/utils/format.ts", 12, "warning"),
        compliance="warned",
    ),
    Expected(
        repo="naming-javascript",
        tracked=3,
        patterns={
            "ERR-EMPTY-HANDLER": (1, 1),
            "ERR-JS-PROMISE-CATCH": (2, 1),
            "ERR-RETHROW": (2, 1),
            "LOG-JS-CONSOLE": (3, 1),
            "NAMING-JS-FUNCTION-CAMEL": (7, 2),
            "NAMING-JS-FUNCTION-SNAKE": (1, 1),
        },
        deviations=[
            ("NAMING-JS-FUNCTION-SNAKE/deviation", "lib/notes.js", 38),
            ("naming:javascript:function:snake_case/deviation", "lib/notes.js", 38),
        ],
        conventions={"NAMING-JS-FUNCTION-CAMEL"},
        gap=("lib/cli.js", "runCommand", "empty_catch", 22),
        dominant="NAMING-JS-FUNCTION-CAMEL",
        naming=("lib/notes.js", 38, "warning"),
        compliance="warned",
    ),
    Expected(
        repo="naming-go",
        tracked=5,
        patterns={
            "API-GO-NET-HTTP-HANDLER": (1, 1),
            "ERR-EMPTY-HANDLER": (1, 1),
            "ERR-GO-ERR-CHECK": (7, 4),
            "ERR-GO-WRAP": (4, 2),
            "ERR-RETHROW": (6, 4),  # with main.go's log.Fatalf(…, err): it ends the process
            "LOG-GO-STDLIB-LOG": (3, 2),
            "NAMING-GO-FUNCTION-MIXEDCAPS": (9, 4),
            "NAMING-GO-FUNCTION-UNDERSCORE": (1, 1),
        },
        deviations=[
            ("NAMING-GO-FUNCTION-UNDERSCORE/deviation", "internal/config/config.go", 36),
        ],
        conventions={
            "ERR-GO-ERR-CHECK",
            "ERR-GO-WRAP",
            "ERR-RETHROW",
            "LOG-GO-STDLIB-LOG",
            "NAMING-GO-FUNCTION-MIXEDCAPS",
        },
        gap=("internal/store/cache.go", "Store.Prefetch", "empty_catch", 21),
        dominant="NAMING-GO-FUNCTION-MIXEDCAPS",
        naming=("internal/config/config.go", 36, "warning"),
        compliance="warned",
    ),
    Expected(
        repo="naming-java",
        tracked=5,
        patterns={
            "ERR-EMPTY-HANDLER": (1, 1),
            "ERR-GENERIC-HANDLER": (1, 1),
            "ERR-JAVA-THROWS-CLAUSE": (4, 1),  # the repository interface's four methods
            "ERR-RETHROW": (3, 1),
            "LOG-JAVA-JUL": (1, 1),
            "NAMING-JAVA-CLASS-PASCAL": (5, 5),
            "NAMING-JAVA-METHOD-CAMEL": (12, 3),
        },
        deviations=[
            (
                "naming:java:method:other/deviation",
                "src/main/java/com/acme/shop/PriceCalculator.java",
                28,
            ),
        ],
        conventions={"NAMING-JAVA-CLASS-PASCAL", "NAMING-JAVA-METHOD-CAMEL"},
        gap=(
            "src/main/java/com/acme/shop/OrderService.java",
            "OrderService.archiveOrders",
            "empty_catch",
            52,
        ),
        dominant="NAMING-JAVA-METHOD-CAMEL",
        naming=("src/main/java/com/acme/shop/PriceCalculator.java", 28, "info"),
        compliance="passed",
    ),
]


def _patterns(drift: DriftStorage) -> tuple[dict[str, tuple[int, int]], list[tuple[str, str, int]]]:
    locations: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for row in drift.query_all_detections(drift.count_detections()):
        locations[row.pattern_id].add((row.file, row.line))
    own = {
        pid: (len(found), len({file for file, _ in found}))
        for pid, found in locations.items()
        if "/" not in pid
    }
    derived = sorted(
        (pid, file, line) for pid, found in locations.items() if "/" in pid for file, line in found
    )
    return own, derived


def _gates(drift: DriftStorage) -> dict[str, str]:
    return {gate.gate_id: gate.status for gate in drift.query_gate_results()}


@pytest.mark.parametrize("case", CASES, ids=[case.repo for case in CASES])
def test_a_first_scan_learns_exactly_the_fixture_conventions(case: Expected) -> None:
    clock = FakeClock()
    with open_storage("memory://", clock=clock) as stores:
        drift = stores.drift
        summary = scan(REPOS / case.repo, drift, clock=clock)

        assert (summary.tracked, summary.added, summary.reanalysed) == (case.tracked,) * 2 + (True,)
        assert summary.failed == ()
        patterns, deviations = _patterns(drift)
        assert patterns == case.patterns
        assert deviations == case.deviations
        assert summary.patterns == len(case.patterns)
        scored = {row.pattern_id for row in drift.query_all_confidence()}
        assert scored == set(case.patterns) | {d[0] for d in case.deviations}
        assert [o for pid in sorted(scored) for o in drift.query_outliers_by_pattern(pid)] == []
        conventions = drift.query_all_conventions()
        assert {c.pattern_id for c in conventions} == case.conventions
        assert {c.promotion_status for c in conventions} == {"discovered"}
        statuses = {row.pattern_id: row.status for row in drift.query_all_pattern_statuses()}
        assert statuses == dict.fromkeys(scored, "discovered")

        file, function, gap_type, line = case.gap
        gaps = [
            (g.file, g.function_id, g.gap_type, g.line) for g in drift.get_error_gaps_by_file(file)
        ]
        assert gaps == [(file, function, gap_type, line)]
        violations = [(v.rule_id, v.file, v.line, v.severity) for v in drift.query_all_violations()]
        assert violations == [(GAP_RULE, file, line, "error")]
        assert _gates(drift) == {
            "pattern-compliance": "skipped",
            "constraint-verification": "skipped",
            "security-boundaries": "skipped",
            "error-handling": "failed",
            "regression": "skipped",
        }
        assert summary.verdict is not None
        assert not summary.verdict.passed


@pytest.mark.parametrize("case", CASES, ids=[case.repo for case in CASES])
def test_approving_the_naming_convention_turns_its_outlier_into_a_violation(
    case: Expected,
) -> None:
    clock = FakeClock()
    with open_storage("memory://", clock=clock) as stores:
        drift = stores.drift
        scan(REPOS / case.repo, drift, clock=clock)
        confidence = {r.pattern_id: r.posterior_mean for r in drift.query_all_confidence()}
        state = approve(
            discovered(case.dominant, clock.now),
            by="reviewer",
            confidence=confidence[case.dominant],
            now=clock.advance(),
        )
        drift.upsert_pattern_status(status_row(state))

        result = enforce_run(drift, REPOS / case.repo, "standard")

        file, line, severity = case.naming
        gap_file, _, _, gap_line = case.gap
        assert sorted(
            (v.row.rule_id, v.row.file, v.row.line, v.row.severity, v.row.is_new)
            for v in result.violations
        ) == sorted(
            [
                (GAP_RULE, gap_file, gap_line, "error", True),
                # History, not news: no change of code introduced it, so ``--new-only`` in CI
                # does not fail on it the day the convention is approved.
                (f"structural/{case.dominant}", file, line, severity, False),
            ]
        )
        gates = {gate.gate_id: gate.status.value for gate in result.gates}
        assert gates["pattern-compliance"] == case.compliance
        assert gates["error-handling"] == "failed"
        stored = sorted((v.rule_id, v.line) for v in drift.query_all_violations())
        assert stored == sorted([(GAP_RULE, gap_line), (f"structural/{case.dominant}", line)])


def test_the_print_outlier_is_detected_where_it_is() -> None:
    clock = FakeClock()
    with open_storage("memory://", clock=clock) as stores:
        scan(REPOS / "naming-python", stores.drift, clock=clock)
        prints = [
            (d.file, d.line) for d in stores.drift.get_detections_by_pattern_prefix("LOG-PY-PRINT")
        ]
        assert prints == [("billing/reports.py", 26)]
