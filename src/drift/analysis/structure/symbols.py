"""What each name means inside a file: its own functions, classes and methods, and the names its
imports bind. ``SymbolTable`` answers "which function is ``name`` in ``file``" across files,
following re-exports (a package ``__init__.py`` importing from a submodule, by name or with
``*``, a JavaScript barrel ``export { x } from "./x"`` or ``export * from``, a Python module's
``ib = attrib``) up to three files deep.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from drift.analysis.structure.imports import Manifests, ModuleIndex
from drift.scan.model import ALIAS_OF, Function, ParseResult

_MAX_REEXPORT_DEPTH = 3
_CONSTRUCTORS = ("__init__", "constructor")
_GOPKG_VERSION = re.compile(r"\.v\d+$")
_GO_VERSION_SUFFIX = re.compile(r"^v\d+$")


@dataclass(frozen=True, slots=True)
class Binding:
    """A local name an import introduces: the files it comes from, and the exported name it
    stands for (None when the name is the module or package itself)."""

    files: tuple[str, ...]
    symbol: str | None


@dataclass(slots=True)
class FileScope:
    """The names defined and imported in one file."""

    path: str
    result: ParseResult
    top_level: dict[str, Function] = field(default_factory=dict)
    nested: dict[str, list[Function]] = field(default_factory=dict)
    methods: dict[str, dict[str, Function]] = field(default_factory=dict)
    class_bases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_qualified: dict[str, list[Function]] = field(default_factory=dict)
    bindings: dict[str, Binding] = field(default_factory=dict)
    wildcard_files: tuple[str, ...] = ()
    # Java: the files of ``import static p.C.*`` (a type's members), apart from packages'.
    static_wildcard_files: tuple[str, ...] = ()
    reexports: dict[str, tuple[str, ...]] = field(default_factory=dict)
    star_reexports: tuple[str, ...] = ()
    # A re-exported name's name in its module, where they differ (``"default"`` for a
    # CommonJS ``module.exports.x = require("./x")``).
    reexport_names: dict[str, str] = field(default_factory=dict)
    default_export: str | None = None
    # JavaScript: exported names that stand for another of the module's names, or for a
    # class's member (``Export.local``): ``export { _catch as catch }``, zod v3's
    # ``string`` (``ZodString.create``).
    exported_as: dict[str, str] = field(default_factory=dict)
    # Python: module variables that are another name of one value (attrs's ``ib = attrib``,
    # ``ParseResult.variables``), with that name.
    aliases: dict[str, str] = field(default_factory=dict)
    # Python: names imports bind to different modules (os's ``import posixpath as path`` and
    # ``import ntpath as path``, one per platform): the last binding stays, but a submodule
    # looked up through the module (``os.path``) is no one module.
    rebound: set[str] = field(default_factory=set)
    # JavaScript: the names the module exports, whatever their values.
    exported_names: frozenset[str] = frozenset()
    # Each class's lineage (``_lineage``), worked out on first use.
    lineages: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def imported_files(self) -> tuple[str, ...]:
        """Every repository file this one imports from."""
        files = {f for b in self.bindings.values() for f in b.files}
        return tuple(sorted(files.union(self.wildcard_files)))

    def constructor(self, class_name: str) -> Function | None:
        """The constructor of a class defined here (``__init__``, ``constructor``, or Java's
        method named after the class)."""
        methods = self.methods.get(class_name, {})
        for name in (*_CONSTRUCTORS, class_name):
            if name in methods:
                return methods[name]
        return self.top_level.get(class_name)  # a JavaScript constructor function

    def method(self, class_name: str, name: str) -> Function | None:
        """Method ``name`` of a class defined here, looking through same-file base classes."""
        own = self.methods.get(class_name)
        if own is not None and name in own:
            return own[name]
        if not self.class_bases.get(class_name):
            return None
        for current in self._lineage(class_name):
            found = self.methods.get(current, {}).get(name)
            if found is not None:
                return found
        return None

    def _lineage(self, class_name: str) -> tuple[str, ...]:
        """``class_name`` and its bases (named by their last part; same-file ones followed up,
        not one named through another module), breadth first, each once: the order ``method``
        looks a name up in. Worked out once per class, whose methods are looked up by many
        names."""
        lineage = self.lineages.get(class_name)
        if lineage is None:
            seen: dict[str, None] = {}  # insertion-ordered set
            pending = deque([class_name])
            while pending:
                current = pending.popleft()
                if current in seen:
                    continue
                seen[current] = None
                for base in self.class_bases.get(current, ()):
                    written = base_name(base)
                    head, dot, last = written.rpartition(".")
                    # ``Outer.Inner`` is this file's nested class; ``mod.Base`` another
                    # module's, whatever this file defines by its last name (the stdlib's
                    # ``class SourceLoader(_bootstrap_external.SourceLoader)``).
                    if not dot or head.split(".", 1)[0] in self.class_bases:
                        pending.append(last)
            lineage = self.lineages[class_name] = tuple(seen)
        return lineage


def base_name(written: str) -> str:
    """A base class as written, without type arguments or call arguments (``Generic[T]``,
    ``Base<T>``, ``declarative_base()``) or Go's pointer (an embedded ``*Base``)."""
    cut = min((i for i in (written.find("["), written.find("<"), written.find("(")) if i >= 0),
              default=len(written))  # fmt: skip
    return written[:cut].strip().lstrip("*")


_OVERLOADS = frozenset({"overload", "typing.overload", "t.overload", "typing_extensions.overload"})


def is_overload(fn: Function) -> bool:
    """Whether ``fn`` is a Python ``@overload`` signature, with no code of its own."""
    return any(d.name in _OVERLOADS for d in fn.decorators)


_PROPERTIES = frozenset({"property", "cached_property", "functools.cached_property"})
_ACCESSORS = (".setter", ".getter", ".deleter")


def is_property(fn: Function) -> bool:
    """Whether ``fn`` is a Python property's getter (``@property``, ``@cached_property``),
    setter or deleter (``@x.setter``), or a JavaScript getter or setter (``get size() {…}``, a
    property descriptor's ``get``: ``Function.is_accessor``): code that reading or assigning
    an attribute runs, which no call names."""
    return fn.is_accessor or any(
        d.name in _PROPERTIES or d.name.endswith(_ACCESSORS) for d in fn.decorators
    )


def _index_definitions(scope: FileScope) -> None:
    for fn in scope.result.functions:
        scope.by_qualified.setdefault(fn.qualified_name, []).append(fn)
        if fn.is_method and fn.class_name:
            methods = scope.methods.setdefault(fn.class_name, {})
            known = methods.get(fn.name)
            if known is None or (is_overload(known) and not is_overload(fn)):
                # The first definition, but a Python implementation over the ``@overload``
                # signatures before it: a call runs the implementation (pydantic's
                # ``Examples.__init__`` had read "untested" with its stub called).
                methods[fn.name] = fn
        elif "." not in fn.qualified_name:
            if _names_itself(fn):
                # A later definition of the same name replaces the earlier one, as at run
                # time; but an object's key never replaces a function the name binds.
                known = scope.top_level.get(fn.name)
                if known is None or fn.binds_name or not known.binds_name:
                    scope.top_level[fn.name] = fn
        else:
            scope.nested.setdefault(fn.name, []).append(fn)
    for cls in scope.result.classes:
        scope.class_bases.setdefault(cls.name, cls.bases)
        scope.methods.setdefault(cls.name, {})
    if scope.result.language == "java":
        _index_constant_bodies(scope)
    if scope.result.language in ("javascript", "typescript"):
        # A constructor function with prototype methods (``function Model() {}``,
        # ``Model.prototype.init = …``) is a class: ``new Model()``, ``Model.create()``,
        # ``extends Model`` and a like-named receiver reach its methods.
        for name in scope.methods.keys() & scope.top_level.keys():
            scope.class_bases.setdefault(name, ())
    for export in scope.result.exports:
        if export.source is not None:
            continue
        if export.is_default:
            scope.default_export = export.local or export.name
        elif export.local is not None:
            scope.exported_as[export.name] = export.local
    for name, kind in scope.result.variables:
        if kind.startswith(ALIAS_OF):
            scope.aliases[name] = kind[len(ALIAS_OF) :]


def _index_constant_bodies(scope: FileScope) -> None:
    """A Java enum constant's body as a class of the file, named by the constant, whose base
    is the enum: its methods (``Op.PLUS.apply``, class ``PLUS``) call the body's own methods
    first and then the enum's, and a call in the enum may run their overrides. Extraction
    gives the body no ``Class`` (no name of the author's to judge, no type of the module);
    its methods' qualified names say which enum it is in."""
    enums = {cls.qualified_name: cls.name for cls in scope.result.classes if cls.kind == "enum"}
    if not enums:
        return
    for fn in scope.result.functions:
        constant = fn.class_name
        if constant is None or constant in scope.class_bases:
            continue
        holder, _, own = fn.qualified_name.rpartition(".")[0].rpartition(".")
        if own == constant and holder in enums:
            scope.class_bases[constant] = (enums[holder],)


def _names_itself(fn: Function) -> bool:
    """Whether a function outside any class or function is one of its module's names: one
    that binds its name, or a CommonJS export (``exports.parse = function …``, a key of
    ``module.exports = { parse: … }``). A JavaScript object's other keys and functions put on
    a property are reached through their object only: zod's ``z.toJSONSchema(…)`` (284 tests)
    had reached a key of the object ``core.$constructor`` is given, and ``z.parse(…)`` a
    factory's ``inst._zod.parse = …``."""
    return fn.binds_name or fn.is_exported


def aliased(scope: FileScope, name: str) -> str:
    """The name module variable ``name`` is another name of (``ib = attr = attrib``), through
    a few such names; ``name`` itself when it is none."""
    for _ in range(_MAX_REEXPORT_DEPTH):
        target = scope.aliases.get(name)
        if target is None or target == name:
            break
        name = target
    return name


def _go_local_name(index: ModuleIndex, files: tuple[str, ...], import_path: str) -> str:
    for path in files:
        package = index.results[path].package
        if package:
            return package
    parts = import_path.rstrip("/").split("/")
    last = parts[-2] if len(parts) > 1 and _GO_VERSION_SUFFIX.match(parts[-1]) else parts[-1]
    # A package outside the repository is named by its own ``package`` clause, which by
    # convention drops what no identifier holds: ``gopkg.in/yaml.v2`` is ``yaml``,
    # ``github.com/pelletier/go-toml`` is ``toml`` (viper's ``yaml.Unmarshal`` had been taken
    # for a variable's method, and guessed).
    last = _GOPKG_VERSION.sub("", last).removeprefix("go-").removesuffix("-go")
    return last.rsplit("-", 1)[-1].replace(".", "")


def _bind_imports(scope: FileScope, index: ModuleIndex) -> None:
    path, result = scope.path, scope.result
    language = result.language
    wildcard: list[str] = []
    static_wildcard: list[str] = []
    for imp in result.imports:
        if language == "python":
            if imp.is_wildcard:
                wildcard.extend(index.python_module(path, imp.source))
            elif imp.names:
                for name in imp.names:
                    files, is_module = index.python_from(path, imp.source, name.name)
                    local = name.alias or name.name
                    _rebind(scope, local, Binding(files, None if is_module else name.name))
            else:
                files = index.python_module(path, imp.source)
                _rebind(scope, imp.alias or imp.source, Binding(files, None))
                root, dot, _ = imp.source.partition(".")
                if dot and imp.alias is None and root not in scope.bindings:
                    # ``import pkg.utils`` binds ``pkg`` too: ``pkg.get_client()`` is the
                    # package's (sentry-sdk's ``import sentry_sdk.utils``).
                    scope.bindings[root] = Binding(index.python_module(path, root), None)
        elif language in {"javascript", "typescript"}:
            files = index.js_module(path, imp.source)
            for name in imp.names:
                scope.bindings[name.alias or name.name] = Binding(files, name.name)
            if imp.alias:
                scope.bindings[imp.alias] = Binding(files, None)
        elif language == "go":
            files = index.go_package(imp.source)
            if imp.is_wildcard:
                wildcard.extend(files)
            elif imp.alias != "_":
                local = imp.alias or _go_local_name(index, files, imp.source)
                scope.bindings[local] = Binding(files, None)
        elif language == "java":
            if imp.is_wildcard:
                found = index.resolve(path, imp)
                wildcard.extend(found)
                if not index.java_package(imp.source) and not imp.is_type_only:
                    static_wildcard.extend(found)  # ``import static p.C.*``: C's members
            for name in imp.names:
                owner = index.java_type(imp.source, name.name)
                if owner is None and "." in imp.source:
                    package, _, type_name = imp.source.rpartition(".")
                    owner = index.java_type(package, type_name)
                files = (owner,) if owner else ()
                scope.bindings[name.alias or name.name] = Binding(files, name.name)
    scope.wildcard_files = tuple(sorted(set(wildcard) - {path}))
    scope.static_wildcard_files = tuple(sorted(set(static_wildcard) - {path}))
    if language in {"javascript", "typescript"}:
        stars: list[str] = []
        required = {(imp.line, imp.source) for imp in result.imports if not imp.names}
        for export in result.exports:
            if export.source is None:
                continue
            files = index.js_module(path, export.source)
            if export.name == "*":
                stars.extend(files)
            else:
                scope.reexports[export.name] = files
                if export.local is not None:
                    # ``export { default as Button } from "./Button"``: its ``default``.
                    scope.reexport_names[export.name] = export.local
                elif (export.line, export.source) in required:
                    # ``module.exports.x = require("./x")``: x is that module's own value.
                    scope.reexport_names[export.name] = "default"
        scope.star_reexports = tuple(stars)
        scope.exported_names = frozenset(export.name for export in result.exports)


def _rebind(scope: FileScope, name: str, binding: Binding) -> None:
    """Bind ``name`` in a Python file, noting a name bound before to another module."""
    known = scope.bindings.get(name)
    if known is not None and known != binding:
        scope.rebound.add(name)
    scope.bindings[name] = binding


# Languages whose imports others see through: Python's ``from a import b`` makes ``b`` a name of
# the module, and JavaScript re-exports with ``export … from``.
_REEXPORTING = frozenset({"python", "javascript", "typescript"})
_ECMASCRIPT = frozenset({"javascript", "typescript"})


class SymbolTable:
    """The scopes of every parsed file, and name lookups across them."""

    def __init__(
        self, results: Mapping[str, ParseResult], manifests: Manifests | None = None
    ) -> None:
        self.index = ModuleIndex(results, manifests)
        self.scopes: dict[str, FileScope] = {}
        self._go_tests: dict[str, list[str]] = defaultdict(list)  # directory -> its _test.go
        for path in sorted(results):
            scope = FileScope(path, results[path])
            _index_definitions(scope)
            _bind_imports(scope, self.index)
            self.scopes[path] = scope
            if path.endswith("_test.go"):
                self._go_tests[posixpath.dirname(path)].append(path)

    def same_package_files(self, path: str) -> tuple[str, ...]:
        """Other files whose top-level names ``path`` sees without importing (Go and Java
        packages)."""
        result = self.scopes[path].result
        if result.language == "go":
            directory = posixpath.dirname(path)
            files: tuple[str, ...] = self.index.go_package_files(directory)
            if path.endswith("_test.go"):
                files = (*files, *self._go_tests.get(directory, ()))
            elif path not in files:
                return ()  # a program of its own (``package main`` beside a library)
        elif result.language == "java" and result.package is not None:
            files = self.index.java_package(result.package)
        else:
            return ()
        return tuple(f for f in files if f != path)

    def locate_function(
        self, files: Iterable[str], name: str, depth: int = 0
    ) -> tuple[str, Function] | None:
        """``(file, function)`` for top-level function ``name`` (or the constructor of class
        ``name``) in ``files``, following re-exports; ``"default"`` is a file's default export.
        Files are tried in sorted order (Go's a default build takes first); the first answer
        wins."""
        for path in sorted(set(files), key=self.index.go_order):
            scope = self.scopes.get(path)
            if scope is None:
                continue
            wanted = scope.default_export if name == "default" else name
            if wanted is None:
                continue
            if wanted in scope.exported_as:
                # ``export { _catch as catch }``: the module's ``catch`` is its ``_catch``,
                # whatever else is named ``catch`` there (zod's object key).
                located = self._exported_function(scope, scope.exported_as[wanted], depth)
                if located is not None:
                    return located
                continue
            found = self._defined_function(scope, wanted)
            if found is not None:
                return path, found
            if wanted in scope.aliases and depth < _MAX_REEXPORT_DEPTH:
                # ``lib.ib(…)`` with ``ib = attrib`` in lib: attrib, wherever it is defined.
                located = self.locate_function((path,), aliased(scope, wanted), depth + 1)
                if located is not None:
                    return located
                continue
            if depth < _MAX_REEXPORT_DEPTH:
                onward = self._reexport_files(scope, wanted)
                if not onward:
                    continue
                located = self.locate_function(
                    onward, self._reexported_name(scope, wanted), depth + 1
                )
                if located is not None:
                    return located
        return None

    def _exported_function(
        self, scope: FileScope, local: str, depth: int
    ) -> tuple[str, Function] | None:
        """The function an exported name of ``scope`` stands for (``Export.local``): one the
        module defines or imports under the name ``local``, or a member of one of its classes
        (zod v3's ``const stringType = ZodString.create``, the static method) or of a module
        it imports wholesale (``m.helper``). The module's own names are found as deep as a
        function it defines is: zod's ``export { _catch as catch }`` lies three barrels down."""
        owner, dot, member = local.partition(".")
        if dot:
            found = self._local_class(scope, owner, depth)
            if found is not None:
                method = self.scopes[found[0]].method(found[1], member)
                return None if method is None else (found[0], method)
            binding = scope.bindings.get(owner)
            if binding is None or binding.symbol is not None or depth >= _MAX_REEXPORT_DEPTH:
                return None
            return self.locate_function(binding.files, member, depth + 1)
        defined = self._defined_function(scope, local)
        if defined is not None:
            return scope.path, defined
        binding = scope.bindings.get(local)
        if binding is None or depth >= _MAX_REEXPORT_DEPTH:
            return None
        # ``import { a } from "./a"; export { a as b }``; a required module's own value.
        return self.locate_function(binding.files, binding.symbol or "default", depth + 1)

    def _local_class(self, scope: FileScope, local: str, depth: int) -> tuple[str, str] | None:
        """The class the module ``scope`` defines or imports under the name ``local``."""
        if local in scope.class_bases:
            return scope.path, local
        binding = scope.bindings.get(local)
        if binding is None or depth >= _MAX_REEXPORT_DEPTH:
            return None
        return self.locate_class(binding.files, binding.symbol or "default", depth + 1)

    @staticmethod
    def _defined_function(scope: FileScope, name: str) -> Function | None:
        if name in scope.top_level:
            return scope.top_level[name]
        if name in scope.class_bases:
            return scope.constructor(name)
        if scope.result.language == "java":
            # A static import names a method of a class in that file.
            for methods in scope.methods.values():
                if name in methods:
                    return methods[name]
        return None

    def locate_class(
        self, files: Iterable[str], name: str, depth: int = 0
    ) -> tuple[str, str] | None:
        """``(file, class name)`` of class ``name`` defined in (or re-exported by) ``files``."""
        for path in sorted(set(files), key=self.index.go_order):
            scope = self.scopes.get(path)
            if scope is None:
                continue
            wanted = scope.default_export if name == "default" else name
            if wanted is None:
                continue
            if wanted in scope.exported_as:
                # commander's ``export { InvalidArgumentError as InvalidOptionArgumentError }``
                local = scope.exported_as[wanted]
                found = None if "." in local else self._local_class(scope, local, depth)
                if found is not None:
                    return found
                continue
            if wanted in scope.class_bases:
                return path, wanted
            if wanted in scope.aliases and depth < _MAX_REEXPORT_DEPTH:
                found = self.locate_class((path,), aliased(scope, wanted), depth + 1)
                if found is not None:
                    return found
                continue
            if depth < _MAX_REEXPORT_DEPTH:
                onward = self._reexport_files(scope, wanted)
                if not onward:
                    continue
                found = self.locate_class(onward, self._reexported_name(scope, wanted), depth + 1)
                if found is not None:
                    return found
        return None

    def locate_variable(
        self, files: Iterable[str], name: str, depth: int = 0
    ) -> tuple[FileScope, str] | None:
        """The scope defining module variable ``name`` of ``files`` (following re-exports, as
        ``locate_function``; ``"default"`` is a file's default export, ``export default new
        Cache()`` its own) and the class it gives it (``ParseResult.variables``)."""
        for path in sorted(set(files), key=self.index.go_order):
            scope = self.scopes.get(path)
            if scope is None:
                continue
            wanted = name
            if name == "default" and scope.default_export is not None:
                wanted = scope.default_export
            wanted = scope.exported_as.get(wanted, wanted)
            for variable, kind in scope.result.variables:
                if variable == wanted and not kind.startswith(ALIAS_OF):
                    return scope, kind
            if depth < _MAX_REEXPORT_DEPTH and "." not in wanted:
                onward = self._reexport_files(scope, wanted)
                if onward:
                    found = self.locate_variable(
                        onward, self._reexported_name(scope, wanted), depth + 1
                    )
                    if found is not None:
                        return found
        return None

    def locate_module(self, files: Iterable[str], name: str, depth: int = 0) -> tuple[str, ...]:
        """The files of the JavaScript module that name ``name`` of ``files`` stands for,
        following re-exports: a namespace import exported by name (zod's ``import * as z from
        "./external.js"; export { z, z as default }``, which its tests import as ``{ z }``),
        ``export * as iso from "./iso.js"``, a required module exported; () for any other
        name."""
        for path in sorted(set(files)):
            scope = self.scopes.get(path)
            if scope is None or scope.result.language not in _ECMASCRIPT:
                continue
            wanted = scope.default_export if name == "default" else name
            if wanted is None:
                continue
            wanted = scope.exported_as.get(wanted, wanted)
            if scope.reexport_names.get(wanted) == "*":
                return scope.reexports.get(wanted, ())
            binding = scope.bindings.get(wanted)
            if binding is not None and binding.symbol is None:
                return binding.files
            if depth < _MAX_REEXPORT_DEPTH:
                onward = self._reexport_files(scope, wanted)
                found = (
                    self.locate_module(onward, self._reexported_name(scope, wanted), depth + 1)
                    if onward
                    else ()
                )
                if found:
                    return found
        return ()

    def submodule(self, files: Iterable[str], name: str) -> tuple[str, ...]:
        """The files of Python submodule ``name`` of the package or module ``files`` are:
        ``pkg.api`` after ``import pkg`` (a package's submodules are its attributes once
        imported, as its ``__init__.py`` mostly does), or a module the file imports under that
        name (attrs's ``from . import converters``)."""
        for path in sorted(set(files), key=self.index.go_order):
            scope = self.scopes.get(path)
            if scope is None or scope.result.language != "python":
                continue
            binding = scope.bindings.get(name)
            if binding is not None:
                if binding.symbol is None and binding.files and name not in scope.rebound:
                    return binding.files
                continue  # a function or class of that name, or no one module
            if posixpath.basename(path) == "__init__.py" and not (
                name in scope.aliases or name in scope.top_level or name in scope.class_bases
            ):
                found = self.index.python_module(path, f".{name}")
                if found:
                    return found
        return ()

    @staticmethod
    def _reexport_files(scope: FileScope, name: str) -> tuple[str, ...]:
        if scope.result.language not in _REEXPORTING:
            return ()  # a Java or Go import is the file's own: no one sees the name through it
        binding = scope.bindings.get(name)
        files: list[str] = []
        named = False
        if binding is not None and (binding.symbol is not None or name in scope.exported_names):
            # A whole module exported under its local name: qs's ``var parse =
            # require("./parse"); module.exports = { parse: parse }``.
            files.extend(binding.files)
            named = True
        if name in scope.reexports:
            files.extend(scope.reexports[name])
            named = True
        if named or name in scope.exported_names:
            # A name the module imports, re-exports or declares itself is none of an ``export
            # *``'s, as ES modules say: zod's ``export { toJSONSchema } from
            # "../core/json-schema-processors.js"`` beside ``export * from "./schemas.js"``
            # (whose path came first) had sent 284 tests to the wrong one.
            return tuple(files)
        files.extend(scope.star_reexports)
        if scope.result.language == "python":
            # ``from ._models import *`` in a package's ``__init__.py`` (all of httpx's API)
            # makes the submodule's names the package's.
            files.extend(scope.wildcard_files)
        return tuple(files)

    @staticmethod
    def _reexported_name(scope: FileScope, name: str) -> str:
        binding = scope.bindings.get(name)
        if binding is not None:
            if binding.symbol is not None:
                return binding.symbol
            if name in scope.exported_names:
                return "default"  # the required module's own value (its ``module.exports``)
        return scope.reexport_names.get(name, name)
