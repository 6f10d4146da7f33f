"""Lazy re-exports for package ``__init__`` modules.

A package that re-exports its submodules' names makes importing any one submodule import them
all: ``import drift.scan.diff`` runs ``drift/scan/__init__.py`` first. For the packages whose
submodules are heavy (tree-sitter, process pools, pattern packs, the enforcement engine), that
would put all of it on the path of every command — a ``drift scan`` that finds nothing changed
spends most of its time importing. Such a package lists its re-exports here instead: each name
is imported from its submodule when first used (and then cached in the package), while type
checkers read the same names from an ``if TYPE_CHECKING:`` block.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping


class LazyExports:
    """A module ``__getattr__`` for ``package`` that resolves ``name`` to the attribute of the
    same name in ``package.<exports[name]>``, importing that submodule on first use.

    An exported name must not also be a submodule's name: importing a submodule binds it to
    the package under its own name, and ``__getattr__`` is only asked for missing names.
    """

    def __init__(self, package: str, exports: Mapping[str, str]) -> None:
        self.package = package
        self.exports = dict(exports)

    def __call__(self, name: str) -> object:
        submodule = self.exports.get(name)
        if submodule is None:
            raise AttributeError(f"module {self.package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{self.package}.{submodule}"), name)
        # Later lookups find it in the package itself and never come back here.
        setattr(importlib.import_module(self.package), name, value)
        return value
