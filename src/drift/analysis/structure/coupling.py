"""Module coupling (Robert C. Martin's package metrics) and dependency cycles.

A module is, by default, the directory holding the file (``"."`` for the repository root); for
Python that is the package. Go test files (``client_test.go``) and JavaScript/TypeScript
test files kept beside the code (``button.test.tsx``, ``api.spec.ts``) are in a module of
their own, ``<directory>_test``, as Go builds its tests: nothing imports them, and a test may
import what imports the module it tests, so counting it with that module would report cycles
that are none (the Go standard library showed an eleven-package one) and inflate its Ce.
Python's ``test_*.py`` is left alone: product code may import a module of that name. A Go file
declaring another package than its directory's (a ``//go:build ignore`` generator's ``package
main``) is a module of its own, ``<directory> (package main)``: it is a separate program; so
is a Python package's ``__main__.py``, ``<directory> (__main__)``, which ``python -m`` runs and
nothing imports (counted with its package, its import of the package's own command line made
every package that command reaches one cycle). Pass ``module_of`` to group files differently.

- **Ce** (efferent): distinct other modules this module imports from; **Ca** (afferent):
  distinct other modules importing from it. Only imports that resolve to repository files count
  (see ``imports``).
- **Instability** I = Ce / (Ca + Ce), 0 when both are 0.
- **Abstractness** A = abstract types / all types of the module (0 with no types). Abstract:
  interfaces, Python classes deriving from ``ABC``/``Protocol`` or declaring an
  ``@abstractmethod``, and the names in ``abstract_types`` (``abstract class`` in Java and
  TypeScript, ``metaclass=ABCMeta``: facts only the source text shows, see ``FileStructure``).
- **Distance** from the main sequence D = |A + I - 1|.
- **Zone**: ``isolated`` when Ce = Ca = 0; otherwise ``main_sequence`` when D ≤ 0.3,
  ``zone_of_pain`` when A + I < 1 (stable and concrete: hard to change), else
  ``zone_of_uselessness`` (abstract and unstable: nobody uses the abstractions).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping

from drift.analysis.structure.cycles import cycle_rows
from drift.analysis.structure.imports import Manifests, ModuleIndex
from drift.records.structural import CouplingCycleRow, CouplingMetricsRow
from drift.scan.model import Class, Function, ParseResult

MAIN_SEQUENCE = "main_sequence"
ZONE_OF_PAIN = "zone_of_pain"
ZONE_OF_USELESSNESS = "zone_of_uselessness"
ISOLATED = "isolated"
MAIN_SEQUENCE_DISTANCE = 0.3

_ABSTRACT_BASES = frozenset({"ABC", "Protocol"})
# Test files no product code imports: Go's by the language's rule, JavaScript's by convention.
_NEVER_IMPORTED_TEST = re.compile(r"(?:_test\.go|\.(?:test|spec)\.[cm]?[jt]sx?)$")


def directory_module(path: str) -> str:
    """A file's directory, or ``"."`` at the root."""
    return posixpath.dirname(path) or "."


def default_module(path: str) -> str:
    """The default module of a file (see the module docstring)."""
    directory = directory_module(path)
    if _NEVER_IMPORTED_TEST.search(path):
        return f"{directory}_test"
    if posixpath.basename(path) == "__main__.py":
        return f"{directory} (__main__)"
    return directory


def _go_aware_module(path: str, result: ParseResult, index: ModuleIndex) -> str:
    # A Go file declaring another package than its directory's (a ``//go:build ignore``
    # generator's ``package main``) is a program of its own, not part of that package.
    module = default_module(path)
    if result.language != "go" or result.package is None or module != directory_module(path):
        return module
    package = index.go_directory_package(module)
    if package is None or package == result.package:
        return module
    return f"{module} (package {result.package})"


def zone(instability: float, abstractness: float, *, isolated: bool = False) -> str:
    """The zone a module with these metrics falls in (see the module docstring)."""
    if isolated:
        return ISOLATED
    if abs(abstractness + instability - 1.0) <= MAIN_SEQUENCE_DISTANCE:
        return MAIN_SEQUENCE
    return ZONE_OF_PAIN if abstractness + instability < 1.0 else ZONE_OF_USELESSNESS


def is_abstract(cls: Class, functions: Collection[Function], extra: Collection[str] = ()) -> bool:
    """Whether a class is abstract by what extraction sees (plus the names in ``extra``)."""
    return _is_abstract(cls, _with_abstract_methods(functions), extra)


def _with_abstract_methods(functions: Collection[Function]) -> frozenset[str | None]:
    """The classes (by name) that declare an ``@abstractmethod``."""
    return frozenset(
        fn.class_name
        for fn in functions
        if any(d.name.rsplit(".", 1)[-1] == "abstractmethod" for d in fn.decorators)
    )


def _is_abstract(cls: Class, declaring: frozenset[str | None], extra: Collection[str]) -> bool:
    if cls.kind == "interface" or cls.name in extra:
        return True
    for base in cls.bases:
        if base.split("[", 1)[0].rsplit(".", 1)[-1] in _ABSTRACT_BASES:
            return True
    return cls.name in declaring


def coupling(
    results: Mapping[str, ParseResult],
    *,
    module_of: Callable[[str], str] | None = None,
    abstract_types: Mapping[str, Collection[str]] | None = None,
    manifests: Manifests | None = None,
) -> tuple[list[CouplingMetricsRow], list[CouplingCycleRow]]:
    """Coupling metrics per module (sorted by module) and the import cycles between modules.

    ``abstract_types`` maps a file to the type names its text declares abstract
    (``FileStructure.abstract_types``); files missing from it count only what extraction sees.
    """
    index = ModuleIndex(results, manifests)
    if module_of is not None:
        modules: dict[str, str] = {path: module_of(path) for path in results}
    else:
        modules = {path: _go_aware_module(path, results[path], index) for path in results}
    outgoing: dict[str, set[str]] = defaultdict(set)
    incoming: dict[str, set[str]] = defaultdict(set)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    types: dict[str, int] = defaultdict(int)
    abstract: dict[str, int] = defaultdict(int)
    for path in sorted(results):
        result = results[path]
        source = modules[path]
        extra = abstract_types.get(path, ()) if abstract_types is not None else ()
        # Scanned once per file, not once per class: a file's classes share its functions.
        declaring = _with_abstract_methods(result.functions) if result.classes else frozenset()
        for cls in result.classes:
            types[source] += 1
            abstract[source] += _is_abstract(cls, declaring, extra)
        for imp in result.imports:
            targets = {modules[f] for f in index.resolve(path, imp)} - {source}
            for target in targets:
                outgoing[source].add(target)
                incoming[target].add(source)
                weights[source, target] += 1
    metrics: list[CouplingMetricsRow] = []
    instability: dict[str, float] = {}
    for name in sorted(set(modules.values())):
        ce, ca = len(outgoing[name]), len(incoming[name])
        i = ce / (ca + ce) if ca + ce else 0.0
        a = abstract[name] / types[name] if types[name] else 0.0
        instability[name] = i
        metrics.append(
            CouplingMetricsRow(
                module=name,
                ce=ce,
                ca=ca,
                instability=i,
                abstractness=a,
                distance=abs(a + i - 1.0),
                zone=zone(i, a, isolated=ce == 0 and ca == 0),
            )
        )
    graph = {name: frozenset(targets) for name, targets in outgoing.items()}
    return metrics, cycle_rows(graph, weights, instability)
