"""The packages that load their re-exports lazily (``drift.lazy``) export what they list."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from types import ModuleType

import pytest

from drift.lazy import LazyExports

LAZY_PACKAGES = ("drift.scan", "drift.enforcement", "drift.analysis.packs", "drift.pipeline")


def _lazy_names(package: ModuleType) -> dict[str, str]:
    getter = package.__dict__["__getattr__"]
    assert isinstance(getter, LazyExports)
    return getter.exports


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_every_listed_name_resolves_to_its_submodules_object(name: str) -> None:
    package = importlib.import_module(name)
    exports = _lazy_names(package)
    assert set(exports) <= set(package.__all__)
    for export, submodule in exports.items():
        source = importlib.import_module(f"{name}.{submodule}")
        assert getattr(package, export) is getattr(source, export), export
    for export in package.__all__:
        assert getattr(package, export) is not None


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_no_lazy_name_is_also_a_submodule_name(name: str) -> None:
    # Importing a submodule binds it to its package under its own name, and a module
    # ``__getattr__`` is only asked for names the package lacks: a lazily exported function
    # named like a submodule would then read as that module.
    package = importlib.import_module(name)
    submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    assert sorted(set(_lazy_names(package)) & submodules) == []


def test_an_unknown_name_is_an_attribute_error() -> None:
    import drift.scan

    missing = "no_such_name"
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        getattr(drift.scan, missing)


def test_importing_a_light_submodule_loads_no_heavy_sibling() -> None:
    code = (
        "import sys, drift.scan.diff, drift.enforcement.policy, drift.pipeline.config;"
        "print(sorted(m for m in ('tree_sitter', 'drift.scan.pool', 'drift.enforcement.engine',"
        " 'drift.analysis.packs.loader') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
