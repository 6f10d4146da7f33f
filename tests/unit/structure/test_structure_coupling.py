"""Coupling metrics per module, zones, Tarjan cycles and break suggestions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drift.analysis.structure.coupling import coupling, zone
from drift.analysis.structure.cycles import strongly_connected
from tests.unit.structure.support import project, repo


def test_python_packages_metrics_and_a_cycle() -> None:
    results = project(
        {
            "core/__init__.py": "",
            "core/base.py": """
                import abc
                from typing import Protocol

                class Store(abc.ABC):
                    pass

                class Reader(Protocol):
                    pass
                """,
            "core/impl.py": """
                from core.base import Store
                from api.views import render

                class Memory(Store):
                    @classmethod
                    def make(cls):
                        return render()
                """,
            "api/__init__.py": "",
            "api/views.py": """
                from core import impl
                import json

                def render():
                    return impl
                """,
            "cli/main.py": "from api.views import render\nfrom core.base import Store\n",
        }
    )
    metrics, cycles = coupling(results)
    assert [(m.module, m.ce, m.ca, m.zone) for m in metrics] == [
        ("api", 1, 2, "zone_of_pain"),
        ("cli", 2, 0, "main_sequence"),
        ("core", 1, 2, "main_sequence"),
    ]
    assert [(m.instability, m.abstractness, m.distance) for m in metrics] == [
        pytest.approx((1 / 3, 0.0, 2 / 3)),
        pytest.approx((1.0, 0.0, 0.0)),
        pytest.approx((1 / 3, 2 / 3, 0.0)),
    ]
    assert len(cycles) == 1
    assert json.loads(cycles[0].members) == ["api", "core"]
    suggestions = json.loads(cycles[0].break_suggestions)
    assert [(s["from"], s["to"], s["imports"]) for s in suggestions] == [
        ("api", "core", 1),
        ("core", "api", 1),
    ]
    assert cycles[0].id == 0
    assert cycles[0].created_at == 0


def test_abstract_types_from_text_and_interfaces() -> None:
    results = project(
        {
            "a/Shape.java": "package a;\npublic abstract class Shape { abstract int area(); }\n",
            "a/Sized.java": "package a;\npublic interface Sized { int size(); }\n",
            "a/Box.java": "package a;\npublic class Box extends Shape { int area() { return 1; } }",
        }
    )
    without, _ = coupling(results)
    with_text, _ = coupling(results, abstract_types={"a/Shape.java": ("Shape",)})
    assert without[0].abstractness == 1 / 3
    assert with_text[0].abstractness == 2 / 3


def test_custom_module_grouping_and_isolated_modules() -> None:
    results = project(
        {
            "src/pkg/a/x.ts": 'import { y } from "../b/y";\nexport const x = () => y();\n',
            "src/pkg/b/y.ts": "export function y() { return 1; }\n",
            "tools/z.ts": "export const z = 1;\n",
        }
    )
    metrics, cycles = coupling(results, module_of=lambda path: path.split("/")[0])
    assert [(m.module, m.ce, m.ca, m.zone) for m in metrics] == [
        ("src", 0, 0, "isolated"),
        ("tools", 0, 0, "isolated"),
    ]
    assert cycles == []
    by_dir, _ = coupling(results)
    assert [(m.module, m.ce, m.ca) for m in by_dir] == [
        ("src/pkg/a", 1, 0),
        ("src/pkg/b", 0, 1),
        ("tools", 0, 0),
    ]


def test_go_fixture_repo() -> None:
    results, _ = repo("naming-go")
    metrics, cycles = coupling(results)
    assert [(m.module, m.ce, m.ca, m.instability, m.zone) for m in metrics] == [
        ("cmd/server", 2, 0, 1.0, "main_sequence"),
        ("internal/config", 0, 1, 0.0, "zone_of_pain"),
        ("internal/store", 0, 1, 0.0, "zone_of_pain"),
    ]
    assert cycles == []


def test_zone_thresholds() -> None:
    assert zone(0.0, 0.0, isolated=True) == "isolated"
    assert zone(0.5, 0.3) == "main_sequence"  # D = 0.2
    assert zone(0.1, 0.2) == "zone_of_pain"  # D = 0.7, A + I < 1
    assert zone(0.9, 0.8) == "zone_of_uselessness"  # D = 0.7, A + I > 1


def test_tarjan_components() -> None:
    graph = {
        "a": frozenset({"b"}),
        "b": frozenset({"c"}),
        "c": frozenset({"a", "d"}),
        "d": frozenset({"e"}),
        "e": frozenset({"d"}),
        "f": frozenset(),
    }
    assert strongly_connected(graph) == [["a", "b", "c"], ["d", "e"], ["f"]]


_MODULES = st.sampled_from(["a", "b", "c", "d", "e"])


def test_tests_beside_the_code_are_a_module_of_their_own() -> None:
    # Go builds a package's tests apart from it: a test's import of a package that imports the
    # package under test is no cycle, and nothing imports Go or JavaScript test files.
    results = project(
        {
            "net/http/client.go": 'package http\n\nimport "net/url"\n\nfunc Get() {}\n',
            "net/http/client_test.go": 'package http\n\nimport "encoding/gob"\n',
            "net/http/example_test.go": (
                'package http_test\n\nimport (\n\t"net/http"\n\t"net/http/cookiejar"\n)\n'
            ),
            "net/http/cookiejar/jar.go": 'package cookiejar\n\nimport "net/http"\n',
            "net/url/url.go": "package url\n\nfunc Parse() {}\n",
            "net/url/url_test.go": 'package url\n\nimport "net/http"\n',
            "encoding/gob/gob.go": 'package gob\n\nimport "net/url"\n',
            "web/src/api.ts": "export function get() {}\n",
            "web/src/api.test.ts": "import { get } from './api';\n",
            "lib/test_helpers.py": "def helper():\n    return 1\n",
            "lib/core.py": "from lib import test_helpers\n",  # product code may import it
            "tests/test_api.py": "from lib import core\n",
        }
    )
    metrics, cycles = coupling(results)
    assert cycles == []
    assert {m.module: (m.ce, m.ca) for m in metrics} == {
        "encoding/gob": (1, 1),
        "lib": (0, 1),
        "net/http": (1, 3),  # url; cookiejar and both test modules use it
        "net/http/cookiejar": (1, 1),
        "net/http_test": (3, 0),
        "net/url": (0, 2),  # http and gob; its own tests are inside the package
        "net/url_test": (1, 0),
        "tests": (1, 0),
        "web/src": (0, 1),
        "web/src_test": (1, 0),
    }


def test_a_python_packages_main_is_a_program_of_its_own() -> None:
    # ``python -m drift`` runs drift/__main__.py, which imports the command line: no module
    # imports it, so its imports made the package depend on its own CLI, and Drift's scan of
    # itself merged four import cycles into one of 16 packages.
    results = project(
        {
            "app/__init__.py": "",
            "app/errors.py": "class AppError(Exception):\n    pass\n",
            "app/__main__.py": "from app.cli.main import main\n\nmain()\n",
            "app/cli/__init__.py": "",
            "app/cli/main.py": "from app.errors import AppError\n\ndef main():\n    pass\n",
        }
    )
    metrics, cycles = coupling(results)
    assert cycles == []
    assert {m.module: (m.ce, m.ca) for m in metrics} == {
        "app": (0, 1),
        "app (__main__)": (1, 0),
        "app/cli": (1, 1),
    }


def test_a_go_generator_beside_a_package_is_a_program_of_its_own() -> None:
    # crypto/internal/nistec holds generate.go (``//go:build ignore``, ``package main``), which
    # imports crypto/elliptic; elliptic imports nistec. Go builds no such cycle.
    results = project(
        {
            "crypto/elliptic/elliptic.go": (
                'package elliptic\n\nimport "crypto/internal/nistec"\n\nfunc P256() {}\n'
            ),
            "crypto/internal/nistec/p256.go": "package nistec\n\nfunc NewP256Point() {}\n",
            "crypto/internal/nistec/p384.go": "package nistec\n\nfunc NewP384Point() {}\n",
            "crypto/internal/nistec/generate.go": (
                '//go:build ignore\n\npackage main\n\nimport (\n\t"crypto/elliptic"\n'
                '\t"crypto/internal/nistec"\n)\n\nfunc main() {}\n'
            ),
        }
    )
    metrics, cycles = coupling(results)
    assert cycles == []
    assert {m.module: (m.ce, m.ca) for m in metrics} == {
        "crypto/elliptic": (1, 1),
        "crypto/internal/nistec": (0, 2),
        "crypto/internal/nistec (package main)": (2, 0),
    }


@settings(max_examples=60, deadline=None)
@given(
    imports=st.lists(st.tuples(_MODULES, _MODULES), max_size=15),
    abstract=st.lists(st.tuples(_MODULES, st.booleans()), max_size=10),
)
def test_metrics_stay_in_range(
    imports: list[tuple[str, str]], abstract: list[tuple[str, bool]]
) -> None:
    files: dict[str, str] = {f"{m}/__init__.py": "" for m in "abcde"}
    for module in "abcde":
        lines = [f"import {target}.mod" for source, target in imports if source == module]
        classes = [
            f"class T{i}{'(ABC)' if is_abstract else ''}:\n    pass"
            for i, (owner, is_abstract) in enumerate(abstract)
            if owner == module
        ]
        files[f"{module}/mod.py"] = "\n".join(["from abc import ABC", *lines, *classes]) + "\n"
    metrics, cycles = coupling(project(files))
    assert [m.module for m in metrics] == list("abcde")
    for m in metrics:
        assert 0.0 <= m.instability <= 1.0
        assert 0.0 <= m.abstractness <= 1.0
        assert 0.0 <= m.distance <= 1.0
        assert m.distance == pytest.approx(abs(m.abstractness + m.instability - 1.0))
        if m.ce + m.ca:
            assert m.instability == m.ce / (m.ce + m.ca)
        else:
            assert m.instability == 0.0
            assert m.zone == "isolated"
    edges = {(s, t) for s, t in imports if s != t}
    assert sum(m.ce for m in metrics) == sum(m.ca for m in metrics) == len(edges)
    for cycle in cycles:
        members = json.loads(cycle.members)
        assert len(members) >= 2
        for suggestion in json.loads(cycle.break_suggestions):
            assert (suggestion["from"], suggestion["to"]) in edges


def test_a_cut_is_called_the_fewest_only_when_it_is() -> None:
    from drift.analysis.structure.cycles import cycle_rows

    graph = {"a": frozenset({"b"}), "b": frozenset({"a"})}
    weights = {("a", "b"): 1, ("b", "a"): 45}
    (cycle,) = cycle_rows(graph, weights, {"a": 0.5, "b": 0.5})
    reasons = [s["reason"] for s in json.loads(cycle.break_suggestions)]
    assert reasons == ["1 import; the fewest in the cycle", "45 imports; the next cheapest cut"]
