"""Resolve import statements to the repository's own files.

An import resolves only to files present in the parsed set; anything else (the standard library,
third-party packages) is external and resolves to nothing. Per language:

- **Python**: relative imports (``from ..a import b``) against the importer's package; absolute
  ones (``a.b``) against every file whose dotted path ends with ``a.b`` at a source root, that is
  where the directory in front is not itself a package (so ``src/pkg/mod.py`` answers ``pkg.mod``
  but ``pkg/sub/mod.py`` does not answer ``sub.mod``). When several roots match, the shortest
  prefix wins, then a file next to the importer; a remaining tie resolves to nothing. A stub
  (``x.pyi``) beside its module (``x.py``) gives way to it: the module holds the code.
  ``from a import b`` binds the name ``b`` of ``a`` when package ``a``'s ``__init__`` defines or
  imports one (not a submodule it imports), else the module ``a.b`` when it exists, else the
  name ``b`` of ``a``.
- **JavaScript/TypeScript**: relative specifiers (``./x``, ``../y``), ``@/`` and ``~/`` (read
  as ``src/…`` or the root) and root-absolute ``/x``; tried as written, with each extension
  (``.ts``, ``.tsx``, ``.js``, ``.jsx``, ``.mjs``, ``.cjs``, ``.mts``, ``.cts``, ``.d.ts``),
  ``.js`` written for a ``.ts`` file, and for a directory, its ``package.json``'s entry points
  (``JsPackage``) before ``…/index.<ext>``: ``require("..")`` from ``test/`` is the package's
  ``main``. A bare name (``pkg``, ``@scope/pkg/sub``) is a package of the repository when one of
  its ``package.json`` files declares that name (a workspace of a monorepo, or a package's
  tests requiring it by name); any other is external.
- **Go**: with the repository's ``go.mod`` module paths (``go_modules``: each module's root
  directory and path), an import path inside a module names the directory under its root
  (``example.com/m/util`` is ``util/`` of module ``example.com/m``, the module path itself its
  root); any other path is external, however its last part is spelled (``net/http`` is not
  the repository's ``http/``). Module ``std`` (Go's own source) imports its packages by their
  directories. Without a ``go.mod``, the import path names the package directory whose path it
  ends with. Every non-test ``.go`` file there of the directory's package is the target. The
  directory's package is the one most of its files declare; a file of another (a
  ``//go:build ignore`` generator's ``package main``) is a program of its own, which no import
  reaches.
- **Java**: ``import p.C`` is the file declaring type ``C`` in package ``p``; ``import p.*``
  every file of package ``p``; ``import static p.C.m`` the file of ``p.C``.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import NamedTuple

from drift.analysis.structure.go_build import go_file_order
from drift.scan.model import Import, ParseResult

_GO_STANDARD_LIBRARY = "std"


class JsPackage(NamedTuple):
    """What a ``package.json`` says about its package: the name others require it by, and its
    entry points, paths relative to its directory in the order to try them (``exports["."]``,
    ``main``, ``module``, then ``src/index``: a TypeScript package's entry is built into an
    ``outDir`` the scan leaves out, from ``src/index.ts``)."""

    name: str | None
    entries: tuple[str, ...]
    subpaths: Mapping[str, tuple[str, ...]] = {}
    """``exports``' other entries: ``"./mini"`` → its targets, in the order to try them (a
    TypeScript source first, as for ``entries``)."""


class Manifests(NamedTuple):
    """What the repository's manifest files say about where its modules are: each ``go.mod``'s
    directory (``""`` at the root) and the module path it declares, and each ``package.json``'s
    directory and its ``JsPackage``."""

    # Shared empty defaults, never written to (``Mapping``): they must pickle, for the
    # structure worker, which a ``MappingProxyType`` does not.
    go_modules: Mapping[str, str] = {}
    js_packages: Mapping[str, JsPackage] = {}


_PY_EXTS = (".py", ".pyi")
_JS_EXTS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts")
_JS_LANGUAGES = frozenset({"javascript", "typescript"})


# ``module example.com/m``, quoted or not, or the block form ``module (\n\texample.com/m\n)``.
_GO_MODULE_DIRECTIVE = re.compile(r'^\s*module\s+(?:\(\s*)?"?([^"\s/()][^"\s()]*)"?', re.MULTILINE)


def go_module_path(go_mod: str) -> str | None:
    """The module path a ``go.mod`` text declares (``module example.com/m``), or None."""
    found = _GO_MODULE_DIRECTIVE.search(go_mod)
    return None if found is None else found.group(1)


def js_package(package_json: str) -> JsPackage | None:
    """The ``JsPackage`` a ``package.json`` text declares, or None if it is no JSON object."""
    try:
        data = json.loads(package_json)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    name = data.get("name")
    entries: list[str] = []
    exports = data.get("exports")
    subpaths: dict[str, tuple[str, ...]] = {}
    if isinstance(exports, dict) and any(key.startswith("./") for key in exports):
        for key, value in exports.items():
            if key.startswith("./") and "*" not in key:
                subpaths[posixpath.normpath(key)] = _kept_paths(_export_targets(value))
    if isinstance(exports, dict) and "." in exports:
        exports = exports["."]
    entries.extend(_export_targets(exports))
    for key in ("main", "module"):
        value = data.get(key)
        if isinstance(value, str):
            entries.append(value)
    entries.append("src/index")
    return JsPackage(
        name=name if isinstance(name, str) and name else None,
        entries=_kept_paths(entries),
        subpaths=subpaths,
    )


def _kept_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """``paths`` normalised, without those outside the package, each once."""
    normalized = (posixpath.normpath(path) for path in paths if path.strip())
    return tuple(dict.fromkeys(p for p in normalized if not p.startswith(("..", "/"))))


def _export_targets(value: object) -> Iterator[str]:
    """The paths an ``exports`` entry names: a string, or the conditions Node reads for
    ``require`` and ``import``, nested or not (``{"import": {"default": "./x.mjs"}}``), after
    any condition naming a TypeScript source (zod's ``"@zod/source": "./src/index.ts"``)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for target in value.values():
            source = isinstance(target, str) and target.endswith(_TS_SOURCES)
            if source and not str(target).endswith(_TS_DECLARATIONS):
                yield str(target)
        for condition in ("require", "node", "import", "default"):
            yield from _export_targets(value.get(condition))
    elif isinstance(value, list):
        for item in value:
            yield from _export_targets(item)


_TS_SOURCES = (".ts", ".tsx", ".mts", ".cts")
_TS_DECLARATIONS = (".d.ts", ".d.mts", ".d.cts")


def _js_file_names(path: str) -> list[str]:
    """A module path as written, its TypeScript source for a ``.js`` name, and with each
    extension."""
    names = [path]
    stem, dot, ext = path.rpartition(".")
    if dot and ext in {"js", "jsx", "mjs", "cjs"}:
        names.extend(f"{stem}{e}" for e in (".ts", ".tsx", ".mts", ".cts"))
    names.extend(f"{path}{e}" for e in _JS_EXTS)
    return names


def _js_index_names(directory: str) -> list[str]:
    return [posixpath.join(directory, f"index{e}") for e in _JS_EXTS]


def is_stub_twin(path: str, paths: Collection[str]) -> bool:
    """Whether ``path`` is a Python stub (``.pyi``) beside the module it describes."""
    return path.endswith(".pyi") and path[:-1] in paths


def language_family(language: str) -> str:
    """Languages that can call each other directly share a family (JS and TS)."""
    return "ecmascript" if language in _JS_LANGUAGES else language


class ModuleIndex:
    """Lookup tables from module names to the parsed files that implement them."""

    def __init__(
        self, results: Mapping[str, ParseResult], manifests: Manifests | None = None
    ) -> None:
        self.results = results
        given = manifests or Manifests()
        # Longest module path first: a nested module owns its paths before the outer one.
        self._go_modules = sorted(
            given.go_modules.items(), key=lambda item: len(item[1]), reverse=True
        )
        self._js_packages = given.js_packages
        # A name two package.json files declare (a test fixture's copy) is the outermost's.
        self._js_names: dict[str, str] = {}
        for directory in sorted(given.js_packages, key=lambda d: (d.count("/"), d)):
            declared = given.js_packages[directory].name
            if declared is not None:
                self._js_names.setdefault(declared, directory)
        self._paths = frozenset(results)
        self._python: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._go_dirs: dict[str, list[str]] = defaultdict(list)
        self._java_types: dict[tuple[str, str], str] = {}
        self._java_packages: dict[str, list[str]] = defaultdict(list)
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}
        # A Python package's ``__init__`` by path -> the names it binds to no module.
        self._attributes: dict[str, frozenset[str]] = {}
        self._go_cache: dict[str, tuple[str, ...]] = {}
        self._go_packages: dict[str, str] = {}  # directory -> the package most files declare
        self._index()

    def go_order(self, path: str) -> tuple[bool, str]:
        """The sort key of ``path`` among its package's files (``go_file_order``), with its
        build constraint."""
        result = self.results.get(path)
        return go_file_order(path, None if result is None else result.build_constraint)

    def _index(self) -> None:
        packages = {
            posixpath.dirname(p) for p in self._paths if posixpath.basename(p) == "__init__.py"
        }
        for path in sorted(self._paths):
            result = self.results[path]
            if result.language == "python" and path.endswith(_PY_EXTS):
                parts = path.rsplit(".", 1)[0].split("/")
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                for depth in range(len(parts)):
                    if depth > 0 and "/".join(parts[:depth]) in packages:
                        continue
                    self._python[".".join(parts[depth:])].append((depth, path))
            elif result.language == "go" and not path.endswith("_test.go"):
                self._go_dirs[posixpath.dirname(path)].append(path)
            elif result.language == "java" and result.package is not None:
                self._java_packages[result.package].append(path)
                stem = posixpath.basename(path).rsplit(".", 1)[0]
                self._java_types.setdefault((result.package, stem), path)
                for cls in result.classes:
                    if cls.qualified_name == cls.name:
                        self._java_types.setdefault((result.package, cls.name), path)
        for directory, files in self._go_dirs.items():
            declared: Counter[str] = Counter()
            for file in files:
                name = self.results[file].package
                if name:
                    declared[name] += 1
            if declared:
                # Most files; on a tie, a package other than ``main`` (a library's generator).
                package = max(declared, key=lambda name: (declared[name], name != "main", name))
                self._go_packages[directory] = package
                files[:] = [f for f in files if self.results[f].package in (package, None)]

    # Python -----------------------------------------------------------------------------

    def python_module(self, importer: str, source: str) -> tuple[str, ...]:
        """The file of Python module ``source`` (absolute or relative) seen from ``importer``."""
        if source.startswith("."):
            level = len(source) - len(source.lstrip("."))
            base = posixpath.dirname(importer)
            for _ in range(level - 1):
                base = posixpath.dirname(base)
            rest = source[level:].replace(".", "/")
            stem = posixpath.join(base, rest) if rest else base
            for candidate in (
                *(f"{stem}{ext}" for ext in _PY_EXTS if rest),
                posixpath.join(stem, "__init__.py"),
            ):
                if candidate in self._paths:
                    return (candidate,)
            return ()
        matches = self._python.get(source)
        if not matches:
            return ()
        shortest = min(depth for depth, _ in matches)
        best = sorted(path for depth, path in matches if depth == shortest)
        best = [path for path in best if not is_stub_twin(path, best)]
        if len(best) == 1:
            return (best[0],)
        here = posixpath.dirname(importer)
        near = [path for path in best if posixpath.dirname(path) == here]
        return (near[0],) if len(near) == 1 else ()

    def python_from(self, importer: str, source: str, name: str) -> tuple[tuple[str, ...], bool]:
        """For ``from source import name``: the target files, and whether ``name`` is a module.
        Python takes the package's attribute first: a function, class or variable its
        ``__init__`` defines, or a name it imports from a module (tenacity's ``def retry``
        beside ``tenacity/retry.py``), and the submodule only when there is none."""
        package = self.python_module(importer, source)
        if package and name in self._package_attributes(package[0]):
            return package, False
        submodule = f"{source}{name}" if source.endswith(".") else f"{source}.{name}"
        files = self.python_module(importer, submodule)
        if files:
            return files, True
        return package, False

    def _package_attributes(self, path: str) -> frozenset[str]:
        """The names a package's ``__init__`` binds to something other than a module: its
        top-level functions and classes, its module variables (``ParseResult.variables``), and
        the names it imports from a module (``from .wrap import wrap``; not ``from . import
        conv``, the submodule itself). Empty for a file that is no package's."""
        if posixpath.basename(path).partition(".")[0] != "__init__":
            return frozenset()
        known = self._attributes.get(path)
        if known is None:
            result = self.results[path]
            names = {fn.name for fn in result.functions if "." not in fn.qualified_name}
            names.update(cls.name for cls in result.classes if cls.qualified_name == cls.name)
            names.update(variable for variable, _ in result.variables)
            for imp in result.imports:
                if imp.is_wildcard or not imp.names:
                    continue
                for imported in imp.names:
                    inner = imp.source if imp.source.endswith(".") else f"{imp.source}."
                    if not self.python_module(path, f"{inner}{imported.name}"):
                        names.add(imported.alias or imported.name)
            known = self._attributes[path] = frozenset(names)
        return known

    # JavaScript / TypeScript ----------------------------------------------------------

    def js_module(self, importer: str, source: str) -> tuple[str, ...]:
        """The file a JavaScript/TypeScript module specifier names, if it is in the repo."""
        if source.startswith("."):
            bases = [posixpath.normpath(posixpath.join(posixpath.dirname(importer), source))]
        elif source.startswith(("@/", "~/")):
            bases = [f"src/{source[2:]}", source[2:]]
        elif source.startswith("/"):
            bases = [source.lstrip("/")]
        else:
            bases = self._js_package_base(source)
        for base in bases:
            if base.startswith("../") or base == "..":
                continue
            for candidate in self._js_candidates(base):
                if candidate in self._paths and candidate != importer:
                    return (candidate,)
        return ()

    def _js_package_base(self, source: str) -> list[str]:
        """For a bare specifier, the path it names in a package of the repository, if any."""
        parts = source.split("/")
        size = 2 if source.startswith("@") else 1
        directory = self._js_names.get("/".join(parts[:size]))
        if directory is None:
            return []
        if len(parts) <= size:
            return [directory or "."]
        subpath = "/".join(parts[size:])
        package = self._js_packages.get(directory)
        mapped = package.subpaths.get(subpath, ()) if package is not None else ()
        # ``zod/mini``: its ``exports["./mini"]`` targets first, then the directory's path.
        return [*(posixpath.join(directory, t) for t in mapped), posixpath.join(directory, subpath)]

    def _js_candidates(self, base: str) -> list[str]:
        """The files ``base`` may name, in order: a file, then for a directory its package's
        entry points (``JsPackage``), then its index."""
        directory = "" if base == "." else base
        candidates = [] if base == "." else _js_file_names(base)
        package = self._js_packages.get(directory)
        if package is not None:
            for entry in package.entries:
                path = posixpath.join(directory, entry)
                candidates.extend(_js_file_names(path))
                candidates.extend(_js_index_names(path))
        candidates.extend(_js_index_names(directory))
        return candidates

    # Go / Java -------------------------------------------------------------------------

    def go_package(self, import_path: str) -> tuple[str, ...]:
        """The non-test files of the package directory ``import_path`` ends with."""
        cached = self._go_cache.get(import_path)
        if cached is not None:
            return cached
        if self._go_modules:
            directory = self._go_module_directory(import_path)
            found = (
                tuple(sorted(self._go_dirs[directory], key=self.go_order))
                if directory is not None
                else ()
            )
            self._go_cache[import_path] = found
            return found
        best = ""
        for directory in self._go_dirs:
            if (
                directory
                and len(directory) > len(best)
                and (import_path == directory or import_path.endswith(f"/{directory}"))
            ):
                best = directory
        found = tuple(sorted(self._go_dirs[best], key=self.go_order)) if best else ()
        self._go_cache[import_path] = found
        return found

    def _go_module_directory(self, import_path: str) -> str | None:
        """The package directory ``import_path`` names in one of the repository's modules."""
        for root, module in self._go_modules:
            if module == _GO_STANDARD_LIBRARY:
                if "." in import_path.split("/", 1)[0]:
                    continue  # a module path; the standard library's have no dot
                relative: str | None = import_path
            elif import_path == module:
                relative = ""
            elif import_path.startswith(module + "/"):
                relative = import_path[len(module) + 1 :]
            else:
                relative = None
            if relative is not None:
                directory = posixpath.join(root, relative) if relative else root
                if directory in self._go_dirs:
                    return directory
        return None

    def go_directory_package(self, directory: str) -> str | None:
        """The package most non-test Go files of ``directory`` declare."""
        return self._go_packages.get(directory)

    def js_package_names(self) -> frozenset[str]:
        """The names the repository's ``package.json`` files give their packages."""
        return frozenset(p.name for p in self._js_packages.values() if p.name is not None)

    def go_package_files(self, directory: str) -> tuple[str, ...]:
        """The non-test Go files of ``directory``."""
        return tuple(sorted(self._go_dirs.get(directory, ()), key=self.go_order))

    def java_type(self, package: str, name: str) -> str | None:
        """The file declaring top-level type ``name`` in ``package``."""
        return self._java_types.get((package, name))

    def java_package(self, package: str) -> tuple[str, ...]:
        """Every file of Java package ``package``."""
        return tuple(sorted(self._java_packages.get(package, ())))

    # All languages ---------------------------------------------------------------------

    def resolve(self, importer: str, imp: Import) -> tuple[str, ...]:
        """Every repository file one import statement depends on (the importer excluded)."""
        language = self.results[importer].language
        key = (importer, f"{imp.source}|{','.join(n.name for n in imp.names)}|{imp.is_wildcard}")
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        files: set[str] = set()
        if language == "python":
            if imp.names and not imp.is_wildcard:
                for name in imp.names:
                    files.update(self.python_from(importer, imp.source, name.name)[0])
            else:
                files.update(self.python_module(importer, imp.source))
        elif language in _JS_LANGUAGES:
            files.update(self.js_module(importer, imp.source))
        elif language == "go":
            files.update(self.go_package(imp.source))
        elif language == "java":
            files.update(self._java_import(imp))
        files.discard(importer)
        resolved = tuple(sorted(files))
        self._cache[key] = resolved
        return resolved

    def _java_import(self, imp: Import) -> set[str]:
        if imp.is_wildcard:
            found = set(self.java_package(imp.source))
            if not found and "." in imp.source:
                package, _, type_name = imp.source.rpartition(".")
                owner = self.java_type(package, type_name)
                found = {owner} if owner else set()
            return found
        files: set[str] = set()
        for name in imp.names:
            owner = self.java_type(imp.source, name.name)
            if owner is None and "." in imp.source:
                package, _, type_name = imp.source.rpartition(".")
                owner = self.java_type(package, type_name)
            if owner is not None:
                files.add(owner)
        return files
