"""Import statements resolved to repository files."""

from __future__ import annotations

from drift.analysis.structure.imports import JsPackage, Manifests, ModuleIndex, js_package
from tests.unit.structure.support import project


def index_of(files: dict[str, str]) -> ModuleIndex:
    return ModuleIndex(project(files))


def resolved(index: ModuleIndex, importer: str) -> list[tuple[str, tuple[str, ...]]]:
    result = index.results[importer]
    return [(imp.source, index.resolve(importer, imp)) for imp in result.imports]


def test_python_roots_packages_and_relative_imports() -> None:
    index = index_of(
        {
            "src/shop/__init__.py": "",
            "src/shop/cart.py": (
                "from .pricing import total\nfrom . import pricing\nfrom .. import x\n"
            ),
            "src/shop/pricing.py": (
                "import shop.cart\nimport cart\nimport json\nfrom shop import cart as c\n"
            ),
            "scripts/cart.py": "",
        }
    )
    assert resolved(index, "src/shop/cart.py") == [
        (".pricing", ("src/shop/pricing.py",)),
        (".", ("src/shop/pricing.py",)),
        ("..", ()),
    ]
    # "cart" alone is scripts/cart.py (a root), not src/shop/cart.py (inside package "shop")
    assert resolved(index, "src/shop/pricing.py") == [
        ("shop.cart", ("src/shop/cart.py",)),
        ("cart", ("scripts/cart.py",)),
        ("json", ()),
        ("shop", ("src/shop/cart.py",)),
    ]
    assert index.python_from("src/shop/pricing.py", "shop", "cart") == (("src/shop/cart.py",), True)
    assert index.python_from("src/shop/cart.py", ".pricing", "total") == (
        ("src/shop/pricing.py",),
        False,
    )


def test_python_ambiguous_roots_resolve_to_nothing_unless_next_to_the_importer() -> None:
    index = index_of({"a/util.py": "", "b/util.py": "", "a/main.py": "", "c/main.py": ""})
    assert index.python_module("a/main.py", "util") == ("a/util.py",)
    assert index.python_module("c/main.py", "util") == ()


def test_javascript_specifiers() -> None:
    index = index_of(
        {
            "src/app.ts": """
                import a from "./lib/a.js";
                import b from "./lib";
                import c from "../outside";
                import d from "@/lib/a";
                import e from "react";
                const f = require("./util");
                """,
            "src/lib/a.ts": "",
            "src/lib/index.tsx": "",
            "src/util.js": "",
        }
    )
    assert resolved(index, "src/app.ts") == [
        ("./lib/a.js", ("src/lib/a.ts",)),
        ("./lib", ("src/lib/index.tsx",)),
        ("../outside", ()),
        ("@/lib/a", ("src/lib/a.ts",)),
        ("react", ()),
        ("./util", ("src/util.js",)),
    ]


def test_go_packages_by_directory_suffix() -> None:
    index = index_of(
        {
            "cmd/main.go": (
                'package main\n\nimport (\n\t"fmt"\n\t"example.com/app/internal/store"\n)\n'
            ),
            "internal/store/a.go": "package store\n",
            "internal/store/b.go": "package store\n",
            "internal/store/a_test.go": "package store\n",
        }
    )
    assert resolved(index, "cmd/main.go") == [
        ("fmt", ()),
        ("example.com/app/internal/store", ("internal/store/a.go", "internal/store/b.go")),
    ]


def test_java_types_wildcards_and_static_imports() -> None:
    index = index_of(
        {
            "src/a/Main.java": """
                package a;
                import b.Tool;
                import b.*;
                import static b.Tool.run;
                import java.util.List;
                class Main {}
                """,
            "src/b/Tool.java": "package b;\npublic class Tool { static void run() {} }\n",
            "src/b/Other.java": "package b;\npublic class Other {}\n",
        }
    )
    assert resolved(index, "src/a/Main.java") == [
        ("b", ("src/b/Tool.java",)),
        ("b", ("src/b/Other.java", "src/b/Tool.java")),
        ("b.Tool", ("src/b/Tool.java",)),
        ("java.util", ()),
    ]


def test_the_module_path_a_go_mod_declares() -> None:
    from drift.analysis.structure.imports import go_module_path

    assert go_module_path("module example.com/m\n\ngo 1.21\n") == "example.com/m"
    assert go_module_path('// the app\nmodule "example.com/q" // quoted\n') == "example.com/q"
    assert go_module_path("module (\n\texample.com/me/proj\n)\n") == "example.com/me/proj"
    assert go_module_path("go 1.21\nrequire golang.org/x/net v0.1.0\n") is None


def test_package_json_names_a_packages_entry_and_its_name() -> None:
    files = {
        "lib/joi.js": "",
        "test/validate.js": "const Joi = require('..');\nconst again = require('joi');\n",
        "packages/core/src/index.ts": "",
        "packages/core/src/util/strings.ts": "",
        "packages/web/src/app.ts": (
            'import { core } from "@acme/core";\n'
            'import { trim } from "@acme/core/src/util/strings";\n'
            'import React from "react";\n'
        ),
        "packages/esm/lib/main.mjs": "",
        "packages/esm/lib/index.js": "",
        "packages/esm/use.js": "require('esm-pkg');\n",
    }
    manifests = Manifests(
        js_packages={
            "": js_package('{"name": "joi", "main": "lib/joi"}'),
            # Built into dist/, which the scan leaves out: its source entry is src/index.ts.
            "packages/core": js_package('{"name": "@acme/core", "main": "dist/index.js"}'),
            "packages/esm": js_package(
                '{"name": "esm-pkg", "main": "./lib/index.js",'
                ' "exports": {".": {"import": {"default": "./lib/main.mjs"}}}}'
            ),
        }
    )
    index = ModuleIndex(project(files), manifests)
    assert resolved(index, "test/validate.js") == [
        ("..", ("lib/joi.js",)),
        ("joi", ("lib/joi.js",)),
    ]
    assert resolved(index, "packages/web/src/app.ts") == [
        ("@acme/core", ("packages/core/src/index.ts",)),
        ("@acme/core/src/util/strings", ("packages/core/src/util/strings.ts",)),
        ("react", ()),
    ]
    # ``exports`` comes before ``main``.
    assert resolved(index, "packages/esm/use.js") == [("esm-pkg", ("packages/esm/lib/main.mjs",))]
    # Without the manifests, only a directory's index answers.
    plain = ModuleIndex(project(files))
    assert resolved(plain, "test/validate.js") == [("..", ()), ("joi", ())]


def test_a_package_json_is_read_for_its_name_and_entries() -> None:
    assert js_package('{"name": "x", "main": "./lib/x.js", "module": "es/x.js"}') == JsPackage(
        "x", ("lib/x.js", "es/x.js", "src/index")
    )
    assert js_package('{"exports": "./index.mjs"}') == JsPackage(None, ("index.mjs", "src/index"))
    # A path out of the package, and a blank one, are no entries; JSON that is no object, none.
    assert js_package('{"main": "../other.js", "module": " "}') == JsPackage(None, ("src/index",))
    assert js_package("[1, 2]") is None
    assert js_package("{not json") is None


def test_a_packages_subpath_exports_lead_to_their_sources() -> None:
    # zod's tests import ``zod/mini`` and ``zod/v4``: ``exports["./mini"]`` names a source
    # under a condition of its own (``"@zod/source": "./src/mini/index.ts"``).
    package = js_package(
        '{"name": "mypkg", "exports": {".": {"@my/source": "./src/index.ts", "types":'
        ' "./index.d.ts", "import": "./index.js"}, "./sub": {"@my/source":'
        ' "./src/sub/index.ts", "import": "./sub/index.js"}, "./plain": "./src/plain.ts",'
        ' "./*": "./src/*.ts"}}'
    )
    assert package is not None
    assert package.entries[0] == "src/index.ts"
    assert dict(package.subpaths) == {
        "sub": ("src/sub/index.ts", "sub/index.js"),
        "plain": ("src/plain.ts",),
    }
    files = {
        "src/index.ts": "export function hello() { return 1 }\n",
        "src/sub/index.ts": "export function subFn() { return 2 }\n",
        "src/plain.ts": "export function plainFn() { return 3 }\n",
        "test/a.test.ts": (
            'import * as z from "mypkg/sub";\nimport { plainFn } from "mypkg/plain";\n'
            'import { hello } from "mypkg";\n'
        ),
    }
    index = ModuleIndex(project(files), Manifests(js_packages={"": package}))
    assert resolved(index, "test/a.test.ts") == [
        ("mypkg/sub", ("src/sub/index.ts",)),
        ("mypkg/plain", ("src/plain.ts",)),
        ("mypkg", ("src/index.ts",)),
    ]


def test_a_stub_beside_its_module_gives_way_to_it() -> None:
    # attrs ships a .pyi for every module: absolute imports of them had resolved to nothing.
    index = index_of(
        {
            "src/pkg/__init__.py": "from ._f import g\n",
            "src/pkg/__init__.pyi": "def g(x: int) -> int: ...\n",
            "src/pkg/_f.py": "def g(x):\n    return x + 1\n",
            "src/pkg/_f.pyi": "def g(x: int) -> int: ...\n",
            "src/pkg/_native.pyi": "def speedup(x: int) -> int: ...\n",
            "tests/test_x.py": "from pkg import g\nimport pkg._f\nimport pkg._native\n",
        }
    )
    assert resolved(index, "tests/test_x.py") == [
        ("pkg", ("src/pkg/__init__.py",)),
        ("pkg._f", ("src/pkg/_f.py",)),
        ("pkg._native", ("src/pkg/_native.pyi",)),
    ]
