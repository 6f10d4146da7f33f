"""Call resolution: same file, method on a known receiver, import, export, fuzzy."""

from __future__ import annotations

import pytest

from drift.analysis.structure.call_edges import resolve_calls
from drift.analysis.structure.callgraph import CONFIDENCE
from drift.analysis.structure.coupling import coupling
from drift.analysis.structure.imports import JsPackage, Manifests
from tests.unit.structure.support import function_rows, named_edges, project, repo


def edges_of(files: dict[str, str]) -> list[tuple[str, str, str, int]]:
    """The edges by function id, sorted (the output order itself is checked on its own)."""
    results = project(files)
    rows = function_rows(results)
    edges = resolve_calls(rows, results)
    assert all(e.confidence == CONFIDENCE[e.resolution] for e in edges)
    return sorted(named_edges(edges, rows))


def test_python_resolution_labels() -> None:
    files = {
        "app/__init__.py": "from .util import slugify\n",
        "app/util.py": """
            def slugify(text):
                return text.lower()

            def helper_only_here():
                return 1
            """,
        "app/models.py": """
            from app.util import slugify as make_slug
            import app.util
            from . import util
            import os

            class Repo:
                def save(self, item):
                    self.validate(item)
                    return make_slug(item)

                def validate(self, item):
                    return app.util.slugify(item) and util.slugify(item)

            def build():
                repo = Repo()
                repo.save("x")
                os.path.join("a", "b")
                print("done")
                return local()

            def local():
                def inner():
                    return 1
                return inner() + helper_only_here()
            """,
        "app/views.py": """
            from app import slugify
            from app.models import *

            def page():
                return slugify("t") + build()
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("app/models.py::Repo.save", "app/models.py::Repo.validate", "method", 8),
            ("app/models.py::Repo.save", "app/util.py::slugify", "import", 9),
            ("app/models.py::Repo.validate", "app/util.py::slugify", "import", 12),
            ("app/models.py::build", "app/models.py::Repo.save", "method", 16),
            ("app/models.py::build", "app/models.py::local", "same_file", 19),
            ("app/models.py::local", "app/models.py::local.inner", "same_file", 24),
            # ``helper_only_here`` is neither defined in models.py nor imported: a NameError,
            # not a call of util's function (Python's names are never guessed).
            ("app/views.py::page", "app/util.py::slugify", "import", 5),
            ("app/views.py::page", "app/models.py::build", "export", 5),
        ]
    )


def test_typescript_imports_default_namespace_and_barrels() -> None:
    files = {
        "src/lib/math.ts": """
            export function add(a: number, b: number) { return a + b; }
            export default function twice(x: number) { return add(x, x); }
            """,
        "src/lib/index.ts": 'export { add } from "./math";\n',
        "src/shapes.ts": """
            export class Square {
              constructor(public side: number) {}
              area() { return this.side * this.side; }
              grow() { return new Square(this.area()); }
            }
            """,
        "src/app.ts": """
            import twice from "./lib/math";
            import * as m from "./lib/math";
            import { add } from "./lib";
            import { Square } from "./shapes";
            import { readFile } from "fs";

            export function run() {
              const s = new Square(2);
              readFile("x");
              return twice(1) + m.add(1, 2) + add(3, 4) + s.area();
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("src/app.ts::run", "src/shapes.ts::Square.constructor", "import", 8),
            ("src/app.ts::run", "src/lib/math.ts::twice", "import", 10),
            ("src/app.ts::run", "src/lib/math.ts::add", "import", 10),
            # ``const s = new Square(2)``: the call on ``s`` is a method call of Square.
            ("src/app.ts::run", "src/shapes.ts::Square.area", "method", 10),
            ("src/lib/math.ts::twice", "src/lib/math.ts::add", "same_file", 2),
            ("src/shapes.ts::Square.grow", "src/shapes.ts::Square.constructor", "same_file", 4),
            ("src/shapes.ts::Square.grow", "src/shapes.ts::Square.area", "method", 4),
        ]
    )


def test_go_package_calls_and_methods_across_files() -> None:
    files = {
        "store/store.go": """
            package store

            type Store struct{}

            func New() *Store { return &Store{} }

            func (s *Store) Get(k string) string { return s.lookup(k) }
            """,
        "store/lookup.go": """
            package store

            func (s *Store) lookup(k string) string { return normalize(k) }

            func normalize(k string) string { return k }
            """,
        "cmd/main.go": """
            package main

            import (
                "fmt"
                "example.com/app/store"
            )

            func main() {
                s := store.New()
                fmt.Println(s.Get("a"))
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("cmd/main.go::main", "store/store.go::New", "import", 9),
            # ``store.New`` says it returns ``*Store``
            ("cmd/main.go::main", "store/store.go::Store.Get", "method", 10),
            ("store/lookup.go::Store.lookup", "store/lookup.go::normalize", "same_file", 3),
            ("store/store.go::Store.Get", "store/lookup.go::Store.lookup", "method", 7),
        ]
    )


def test_go_tests_see_their_package_and_a_generator_beside_it_does_not() -> None:
    files = {
        "codec/codec.go": """
            package codec

            type Table struct{}

            func (t *Table) Lookup() int { return build() }

            func build() int { return 1 }
            """,
        "codec/codec_test.go": """
            package codec

            func TestBuild(t *testing.T) { build(); helper() }
            """,
        "codec/helper_test.go": """
            package codec

            func helper() { var t Table; t.Lookup() }
            """,
        "codec/gen.go": """
            //go:build ignore

            package main

            func main() { build() }

            func build() {}
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("codec/codec.go::Table.Lookup", "codec/codec.go::build", "same_file", 5),
            # The package's own build, not the generator's: gen.go is a program of its own.
            ("codec/codec_test.go::TestBuild", "codec/codec.go::build", "import", 3),
            ("codec/codec_test.go::TestBuild", "codec/helper_test.go::helper", "import", 3),
            ("codec/gen.go::main", "codec/gen.go::build", "same_file", 5),
            # ``var t Table``: the package's Table, seen from its test file.
            ("codec/helper_test.go::helper", "codec/codec.go::Table.Lookup", "method", 3),
        ]
    )


def test_a_java_import_is_the_importing_files_own() -> None:
    # B shares A's package but not A's import of b.Helper: B cannot name Helper.
    files = {
        "src/b/Helper.java": "package b;\n\npublic class Helper {\n    public void run() {}\n}\n",
        "src/a/A.java": "package a;\n\nimport b.Helper;\n\nclass A {\n    void go() {}\n}\n",
        "src/a/B.java": "package a;\n\nclass B {\n    void go() { Helper.run(); }\n}\n",
    }
    assert edges_of(files) == []


def test_java_imports_static_calls_and_same_package() -> None:
    files = {
        "src/com/acme/util/Text.java": """
            package com.acme.util;

            public class Text {
                public static String trim(String s) { return s.strip(); }
            }
            """,
        "src/com/acme/shop/Cart.java": """
            package com.acme.shop;

            public class Cart {
                public Cart() {}
                int size() { return 0; }
            }
            """,
        "src/com/acme/shop/Shop.java": """
            package com.acme.shop;

            import com.acme.util.Text;

            public class Shop {
                String label(String s) {
                    Cart cart = new Cart();
                    return Text.trim(s) + count(cart);
                }
                int count(Cart cart) { return cart.size(); }
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            (
                "src/com/acme/shop/Shop.java::Shop.label",
                "src/com/acme/shop/Cart.java::Cart.Cart",
                "import",
                7,
            ),
            (
                "src/com/acme/shop/Shop.java::Shop.label",
                "src/com/acme/util/Text.java::Text.trim",
                "method",
                8,
            ),
            (
                "src/com/acme/shop/Shop.java::Shop.label",
                "src/com/acme/shop/Shop.java::Shop.count",
                "same_file",
                8,
            ),
            (
                "src/com/acme/shop/Shop.java::Shop.count",
                "src/com/acme/shop/Cart.java::Cart.size",
                "method",
                10,
            ),
        ]
    )


def test_common_names_and_ambiguous_names_are_not_guessed() -> None:
    files = {
        "a.py": "def update(x):\n    return x\n\ndef render_page():\n    return 1\n",
        "b.py": "def render_page():\n    return 2\n",
        "c.py": "def go(o):\n    o.update(1)\n    update(2)\n    return render_page()\n",
    }
    assert edges_of(files) == []


def test_output_is_sorted_by_caller_line_and_callee() -> None:
    results = project(
        {
            "a.py": (
                "def f():\n    return g() + h()\n\n"
                "def g():\n    return h()\n\n"
                "def h():\n    return 1\n"
            ),
        }
    )
    edges = resolve_calls(function_rows(results), results)
    keys = [(e.caller_id, e.call_site_line, e.callee_id) for e in edges]
    assert keys == sorted(keys) == [(1, 2, 2), (1, 2, 3), (2, 5, 3)]
    assert resolve_calls(function_rows(results), results) == edges


def test_edges_are_unique_per_caller_callee_and_line() -> None:
    files = {"m.py": "def f():\n    return 1\n\ndef g():\n    return f() + f()\n"}
    assert edges_of(files) == [("m.py::g", "m.py::f", "same_file", 5)]


def test_calls_of_functions_without_a_stored_row_give_no_edge() -> None:
    results = project({"m.py": "def f():\n    return 1\n\ndef g():\n    return f()\n"})
    rows = [row for row in function_rows(results) if row.name == "g"]
    assert resolve_calls(rows, results) == []


def test_self_calls_resolve_per_caller_class_and_nested_calls_per_caller() -> None:
    files = {
        "app/models.py": """
            class Base:
                def save(self):
                    return 1

                def check(self):
                    return 2

            class Mixin:
                def check(self):
                    return 3

            class Store(Base, Mixin):
                def save(self):
                    return self.check()

                def run(self):
                    return self.save()

            class Cache(Mixin, Base):
                def run(self):
                    return self.save() + self.check()

            def first():
                def inner():
                    return 1
                return inner()

            def second():
                def inner():
                    return 2
                return inner()

            def third():
                return inner()
            """,
    }
    m = "app/models.py::"
    assert edges_of(files) == sorted(
        [
            # Bases are searched breadth first, in order: Store finds Base.check first...
            (f"{m}Store.save", f"{m}Base.check", "method", 14),
            (f"{m}Store.run", f"{m}Store.save", "method", 17),
            # ... and Cache, with the same calls, Mixin.check and Base.save.
            (f"{m}Cache.run", f"{m}Base.save", "method", 21),
            (f"{m}Cache.run", f"{m}Mixin.check", "method", 21),
            # Each function sees its own nested function; another sees neither.
            (f"{m}first", f"{m}first.inner", "same_file", 26),
            (f"{m}second", f"{m}second.inner", "same_file", 31),
        ]
    )


def test_the_first_call_of_an_edge_names_its_resolution() -> None:
    files = {
        "app/__init__.py": "",
        "app/util.py": "class Tool:\n    def helper_unique(self):\n        return 1\n",
        "app/one.py": (
            "from app.util import Tool\n\n"
            "def f(x):\n    return Tool.helper_unique(x), x.helper_unique()\n"
        ),
        "app/two.py": (
            "from app.util import Tool\n\n"
            "def g(x):\n    return x.helper_unique(), Tool.helper_unique(x)\n"
        ),
    }
    assert edges_of(files) == [
        ("app/one.py::f", "app/util.py::Tool.helper_unique", "method", 4),
        ("app/two.py::g", "app/util.py::Tool.helper_unique", "fuzzy", 4),
    ]


def test_calls_of_a_redefined_function_belong_to_the_definition_holding_them() -> None:
    results = project(
        {
            "m.py": """
                import sys

                def target_a():
                    return 1

                def target_b():
                    return 2

                if sys.platform == "win32":
                    def pick():
                        return target_a()
                else:
                    def pick():
                        return target_b()

                def use():
                    return pick()
                """,
        }
    )
    rows = function_rows(results)
    ids = {(row.name, row.line): row.id for row in rows}
    edges = [
        (e.caller_id, e.callee_id, e.resolution, e.call_site_line)
        for e in resolve_calls(rows, results)
    ]
    assert edges == [
        (ids["pick", 10], ids["target_a", 3], "same_file", 11),
        (ids["pick", 13], ids["target_b", 6], "same_file", 14),
        # An unqualified call sees the last definition, as at run time.
        (ids["use", 16], ids["pick", 13], "same_file", 17),
    ]


def test_an_ambiguous_module_resolves_next_to_each_importer() -> None:
    files = {
        "x/common.py": "def shared_name():\n    return 1\n",
        "y/common.py": "def shared_name():\n    return 2\n",
        "x/use.py": "import common\n\ndef f():\n    return common.shared_name()\n",
        "y/use.py": "import common\n\ndef g():\n    return common.shared_name()\n",
    }
    assert edges_of(files) == [
        ("x/use.py::f", "x/common.py::shared_name", "import", 4),
        ("y/use.py::g", "y/common.py::shared_name", "import", 4),
    ]


def test_receivers_named_like_a_class_in_scope() -> None:
    files = {
        "shop/__init__.py": "",
        "shop/store.py": "class Store:\n    def fetch_all(self):\n        return []\n",
        "shop/view.py": """
            from shop.store import Store

            class View:
                def __init__(self):
                    self._store = Store()

                def show(self):
                    return self._store.fetch_all() + self._store.fetch_all()

            def other(store):
                return store.fetch_all()
            """,
    }
    assert edges_of(files) == [
        ("shop/view.py::View.show", "shop/store.py::Store.fetch_all", "method", 8),
        ("shop/view.py::other", "shop/store.py::Store.fetch_all", "method", 11),
    ]


def test_fixture_repo_call_graph_typescript() -> None:
    results, _ = repo("naming-typescript")
    rows = function_rows(results)
    edges = named_edges(resolve_calls(rows, results), rows)
    assert ("src/api/users.ts::fetchUser", "src/api/client.ts::getJson", "import", 9) in edges
    assert (
        "src/services/cart.ts::CartService.legacyLabel",
        "src/utils/format.ts::format_price",
        "import",
        24,
    ) in edges
    assert {resolution for _, _, resolution, _ in edges} <= {"same_file", "import", "method"}


def test_a_receiver_the_caller_types_reaches_its_classs_method() -> None:
    # Two classes define ``save``: neither a fuzzy guess nor the variable's name tells them
    # apart; what the caller constructs, declares or takes as a typed parameter does.
    files = {
        "shop/stores.py": """
            class Repo:
                def save(self, item):
                    return item

            class Cache:
                def save(self, item):
                    return item
            """,
        "shop/service.py": """
            from shop import stores
            from shop.stores import Cache, Repo

            def store(item, backup: Cache):
                target = Repo()
                target.save(item)
                backup.save(item)
                other: stores.Repo = make()
                other.save(item)
                target = make()
                target.save(item)
            """,
        "web/Main.java": """
            package web;

            class Repo { void save() {} }
            class Cache { void save() {} }

            class Main {
                void run(Cache cache) {
                    Repo repo = new Repo();
                    repo.save();
                    cache.save();
                    var fresh = new Cache();
                    fresh.save();
                }
            }
            """,
        "web/app.ts": """
            class Repo { save() { return 1; } }
            class Cache { save() { return 2; } }

            export function run(cache: Cache) {
              const repo = new Repo();
              repo.save();
              cache.save();
            }
            """,
        "store/store.go": """
            package store

            type Repo struct{}

            func (r *Repo) Save() {}

            type Cache struct{}

            func (c *Cache) Save() {}

            func Run(cache *Cache) {
                repo := &Repo{}
                repo.Save()
                cache.Save()
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("shop/service.py::store", "shop/stores.py::Repo.save", "method", 6),
            ("shop/service.py::store", "shop/stores.py::Cache.save", "method", 7),
            ("shop/service.py::store", "shop/stores.py::Repo.save", "method", 9),
            # ``target = make()`` gives it no class: that call stays unresolved.
            ("web/Main.java::Main.run", "web/Main.java::Repo.save", "method", 9),
            ("web/Main.java::Main.run", "web/Main.java::Cache.save", "method", 10),
            ("web/Main.java::Main.run", "web/Main.java::Cache.save", "method", 12),
            ("web/app.ts::run", "web/app.ts::Repo.save", "method", 6),
            ("web/app.ts::run", "web/app.ts::Cache.save", "method", 7),
            ("store/store.go::Run", "store/store.go::Repo.Save", "method", 13),
            ("store/store.go::Run", "store/store.go::Cache.Save", "method", 14),
        ]
    )


def test_a_method_inherited_from_a_base_in_another_file_is_found() -> None:
    files = {
        "views/base.py": """
            class BaseView:
                def render(self):
                    return 1

            class Cached(BaseView):
                def fetch(self):
                    return 2
            """,
        "views/orders.py": """
            from views.base import Cached

            class Orders(Cached):
                def get(self):
                    self.fetch()
                    return self.render()

            def page(view: Orders):
                view.render()
                self_less()
            """,
        "web/Base.java": """
            package web;

            public class Base { protected void log() {} }
            """,
        "web/Orders.java": """
            package web;

            class Orders extends Base {
                void run() { log(); this.log(); }
            }
            """,
        "src/base.ts": """
            export class Base<T> { load(): T { return null as T; } }
            """,
        "src/orders.ts": """
            import { Base } from "./base";

            export class Orders extends Base<number> {
              run() { return this.load(); }
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("views/orders.py::Orders.get", "views/base.py::Cached.fetch", "method", 5),
            ("views/orders.py::Orders.get", "views/base.py::BaseView.render", "method", 6),
            ("views/orders.py::page", "views/base.py::BaseView.render", "method", 9),
            # ``log()`` (Java's implicit ``this``) and ``this.log()``: one edge per line.
            ("web/Orders.java::Orders.run", "web/Base.java::Base.log", "method", 4),
            ("src/orders.ts::Orders.run", "src/base.ts::Base.load", "method", 4),
        ]
    )


def test_a_hierarchy_that_loops_ends() -> None:
    files = {
        "a.py": "from b import B\n\nclass A(B):\n    def f(self):\n        self.g()\n",
        "b.py": "from a import A\n\nclass B(A):\n    pass\n",
    }
    assert edges_of(files) == []


def test_super_reaches_the_base_and_never_the_caller_itself() -> None:
    # ``super().save()`` in ``Child.save`` had been an edge from the method to itself.
    files = {
        "m.py": """
            class Base:
                def save(self):
                    return 1

            class Child(Base):
                def save(self):
                    return super().save() + super(Child, self).save()

            class Orphan:
                def save(self):
                    return super().save()
            """,
        "A.java": """
            class Base { void save() {} }
            class Child extends Base { void save() { super.save(); } }
            """,
        "a.ts": """
            class Base<T> { save() { return 1; } }
            class Child extends Base<number> {
              save() { return super.save(); }
              run() { return this.save(); }
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("m.py::Child.save", "m.py::Base.save", "method", 7),
            ("A.java::Child.save", "A.java::Base.save", "method", 2),
            ("a.ts::Child.save", "a.ts::Base.save", "method", 3),
            ("a.ts::Child.run", "a.ts::Child.save", "method", 4),
        ]
    )


def test_a_fuzzy_guess_never_names_a_method_of_the_languages_own_types() -> None:
    # ``text.strip()`` is a str's strip, not the one class here that defines ``strip``.
    files = {
        "texts.py": """
            class UserString:
                def strip(self):
                    return self

                def shout(self):
                    return self
            """,
        "use.py": """
            def clean(text, other):
                other.shout()
                return text.strip()
            """,
        "list.ts": """
            export class Bag { includes(x: number) { return true; } weigh() { return 1; } }
            """,
        "use.ts": """
            export function pick(items, bag) { bag.weigh(); return items.includes(3); }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("use.py::clean", "texts.py::UserString.shout", "fuzzy", 2),
            ("use.ts::pick", "list.ts::Bag.weigh", "fuzzy", 1),
        ]
    )


def test_a_variable_assigned_from_an_annotated_factory_takes_its_return_class() -> None:
    files = {
        "shop/stores.py": """
            class Repo:
                def save(self):
                    return 1

            class Cache:
                def save(self):
                    return 2

            def make_repo() -> "Repo":
                return Repo()

            def make_any():
                return Cache()
            """,
        "shop/use.py": """
            from shop.stores import make_any, make_repo

            def run():
                target = make_repo()
                target.save()
                other = make_any()
                other.save()
            """,
        "web/stores.ts": """
            export class Repo { save() { return 1; } }
            export class Cache { save() { return 2; } }
            export function makeRepo(): Repo { return new Repo(); }
            """,
        "web/use.ts": """
            import { makeRepo } from "./stores";

            export function run() {
              const target = makeRepo();
              target.save();
            }
            """,
        "store/store.go": """
            package store

            type Repo struct{}

            func (r *Repo) Save() {}

            type Cache struct{}

            func (c *Cache) Save() {}

            func open() (*Repo, error) { return nil, nil }

            func Run() {
                target, err := open()
                target.Save()
                _ = err
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("shop/use.py::run", "shop/stores.py::make_repo", "import", 4),
            ("shop/use.py::run", "shop/stores.py::Repo.save", "method", 5),
            # ``make_any`` declares nothing, but what it returns is made by ``Cache()``.
            ("shop/use.py::run", "shop/stores.py::make_any", "import", 6),
            ("shop/use.py::run", "shop/stores.py::Cache.save", "method", 7),
            ("web/use.ts::run", "web/stores.ts::makeRepo", "import", 4),
            ("web/use.ts::run", "web/stores.ts::Repo.save", "method", 5),
            ("store/store.go::Run", "store/store.go::open", "same_file", 14),
            ("store/store.go::Run", "store/store.go::Repo.Save", "method", 15),
        ]
    )


def test_a_go_variable_of_unknown_type_is_not_taken_for_the_methods_own_type() -> None:
    files = {
        "ip/ip.go": """
            package ip

            type IP []byte

            func (ip IP) To4() IP { return ip }

            func (ip IP) IsLoopback() bool {
                v4 := ip.To4()
                other := lookup()
                other.To4()
                var e = new(Element)
                e.Square()
                return v4 != nil
            }

            type Element struct{}

            func (e *Element) Square() {}
            """,
    }
    assert edges_of(files) == sorted(
        [
            # ``ip`` is the receiver: a method of ``IP``, a named slice type.
            ("ip/ip.go::IP.IsLoopback", "ip/ip.go::IP.To4", "method", 8),
            # ``other`` comes from a function the repository does not define: only the
            # fuzzy step's guess (its one ``To4``), no longer a ``method`` call of ``IP``.
            ("ip/ip.go::IP.IsLoopback", "ip/ip.go::IP.To4", "fuzzy", 10),
            ("ip/ip.go::IP.IsLoopback", "ip/ip.go::Element.Square", "method", 12),
        ]
    )


def test_go_new_of_a_type_written_inline_starts_a_chain() -> None:
    # gorilla/mux's tests call ``new(Route).Host(…)`` about 120 times: 118 gave no edge
    # (two ``Route`` namesakes elsewhere), while ``(&Route{}).Host(…)`` and ``r :=
    # new(Route)`` resolved. ``new(T)`` makes the ``&T{}`` it is, through a package too, and
    # a library's type (``new(bytes.Buffer)``) is the library's: no guess of a namesake.
    files = {
        "r/route.go": """
            package r

            import "bytes"

            type Route struct{}

            func (r *Route) Host(h string) *Route { return r }
            func (r *Route) Subrouter() *Router  { return nil }

            type Router struct{}

            func (r *Router) Handle()                   {}
            func (r *Router) WriteString(s string) int { return 0 }

            func Use() {
                new(Route).Host("x")
                new(Route).Host("x").Subrouter().Handle()
                new(bytes.Buffer).WriteString("x")
            }
            """,
        "app/app.go": """
            package app

            import "example.com/e/r"

            func Use() { new(r.Route).Host("y") }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    manifests = Manifests(go_modules={"": "example.com/e"})
    assert sorted(named_edges(resolve_calls(rows, results, manifests), rows)) == [
        ("app/app.go::Use", "r/route.go::Route.Host", "method", 5),
        ("r/route.go::Use", "r/route.go::Route.Host", "method", 16),
        ("r/route.go::Use", "r/route.go::Route.Host", "method", 17),
        ("r/route.go::Use", "r/route.go::Route.Subrouter", "method", 17),
        ("r/route.go::Use", "r/route.go::Router.Handle", "method", 17),
    ]


def test_a_go_field_promoted_from_an_embedded_struct_is_followed() -> None:
    # gorilla/mux: ``Route`` embeds ``routeConf``, which holds ``regexp routeRegexpGroup`` and
    # ``matchers []matcher``: ``r.regexp.setMatch(…)`` and ``r.regexp.host.url(…)`` were
    # guesses, and ``for _, m := range r.matchers { m.Match(…) }`` gave no edge. A field a
    # struct takes from one it embeds (here declared in another file of the package) is
    # followed as its own, and so is the embedded type, a field named by it (chi's
    # ``f.basicWriter.maybeWriteHeader()``).
    files = {
        "mux/conf.go": """
            package mux

            type routeConf struct {
                regexp   group
                matchers []matcher
            }

            type matcher interface{ Match(p string) bool }

            type group struct{ host *rx }

            type rx struct{}

            func (r *rx) url() string         { return "" }
            func (r *rx) Match(p string) bool { return true }
            func (g group) setMatch()         {}
            """,
        "mux/route.go": """
            package mux

            type Route struct {
                routeConf
                name string
            }

            type other struct{ regexp rx }

            func (o *other) setMatch() {}

            func (r *Route) Match(p string) bool {
                r.regexp.setMatch()
                r.regexp.host.url()
                r.routeConf.regexp.setMatch()
                for _, m := range r.matchers {
                    m.Match(p)
                }
                return true
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("mux/route.go::Route.Match", "mux/conf.go::group.setMatch", "method", 13),
            ("mux/route.go::Route.Match", "mux/conf.go::rx.url", "method", 14),
            ("mux/route.go::Route.Match", "mux/conf.go::group.setMatch", "method", 15),
            # ``Route`` has a ``Match`` of the interface's signature: it is a matcher too.
            ("mux/route.go::Route.Match", "mux/conf.go::rx.Match", "method", 17),
            ("mux/route.go::Route.Match", "mux/route.go::Route.Match", "method", 17),
        ]
    )


def test_a_receiver_of_a_library_type_is_never_guessed() -> None:
    # ``stateLock.lock()`` on a ``ReentrantLock``, ``wg.Add(1)`` on a ``sync.WaitGroup``,
    # ``lock.acquire()`` on a ``threading.Lock()``, ``m.has(k)`` on a ``new Map()``: a
    # library's methods, however unique the name is among the repository's.
    files = {
        "Pool.java": """
            import java.util.concurrent.locks.ReentrantLock;
            class Selector { void lock() {} void wakeup() {} }
            class Pool {
              private final ReentrantLock stateLock = new ReentrantLock();
              void drain(StringBuilder out, Selector s) {
                stateLock.lock();
                out.reverse();
                s.wakeup();
              }
            }
            """,
        "go/header.go": """
            package web
            import "sync"
            type Header map[string][]string
            func (h Header) Add(k string) {}
            func serve(h Header) {
              var wg sync.WaitGroup
              wg.Add(1)
              h.Add("x")
            }
            """,
        "locks.py": """
            import threading

            class Gate:
                def acquire(self):
                    return 1

            def run(helper):
                lock = threading.Lock()
                lock.acquire()
                d = dict()
                d.setdefault_all()
                made = helper()
                made.acquire()
            """,
        "other.py": """
            class Table:
                def setdefault_all(self):
                    return 1
            """,
        "m.ts": """
            export class Registry { has(k: string) { return true } lookup() { return 1 } }
            export function find(k: string) {
              const m = new Map<string, number>();
              m.lookup();
              return m.has(k);
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("Pool.java::Pool.drain", "Pool.java::Selector.wakeup", "method", 8),
            ("go/header.go::serve", "go/header.go::Header.Add", "method", 8),
            # ``helper()`` is a parameter: it says nothing of the class, and the guess stands.
            ("locks.py::run", "locks.py::Gate.acquire", "fuzzy", 13),
        ]
    )


def test_a_go_local_given_a_field_has_the_fields_type() -> None:
    # viper's ``p := v.properties; p.Set(key, …)`` with ``properties
    # *properties.Properties``, a library's type: the local was of no class, and the call
    # was guessed to viper's one ``Set``, ``Viper.Set``. A local given a field holds what the
    # field's type says: a library's value ends the chain, no guess; a repository class's
    # method is reached.
    files = {
        "viper.go": """
            package viper

            import "github.com/magiconair/properties"

            type store struct{}

            func (s *store) Save() {}

            type Viper struct {
                properties *properties.Properties
                cache      *store
            }

            func (v *Viper) Set(key string, value any) {}

            func (v *Viper) write() {
                p := v.properties
                p.Set("k", "v")
                var c = v.cache
                c.Save()
            }
            """,
    }
    assert edges_of(files) == [("viper.go::Viper.write", "viper.go::store.Save", "method", 20)]


def test_product_code_never_guesses_a_function_of_test_code() -> None:
    # requests' ``hook(...)`` (a loop variable) had reached ``tests/test_hooks.py::hook``.
    files = {
        "lib/hooks.py": """
            def dispatch(hooks, data):
                for hook in hooks:
                    data = hook(data)
                return data.normalise_all()
            """,
        "lib/model.py": """
            class Response:
                def normalise_all(self):
                    return self
            """,
        "tests/test_hooks.py": """
            def hook(value):
                return value

            class FakeResponse:
                def normalise_all(self):
                    return self

            def test_dispatch():
                assert dispatch_all()

            def dispatch_all():
                return hook(1)
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("lib/hooks.py::dispatch", "lib/model.py::Response.normalise_all", "fuzzy", 4),
            ("tests/test_hooks.py::dispatch_all", "tests/test_hooks.py::hook", "same_file", 12),
            (
                "tests/test_hooks.py::test_dispatch",
                "tests/test_hooks.py::dispatch_all",
                "same_file",
                9,
            ),
        ]
    )


def test_super_of_a_library_base_gives_no_edge() -> None:
    # ``super().__contains__(name)`` in requests' ``RequestsCookieJar`` (a ``CookieJar``) had
    # been guessed as the method itself; ``super.getYear()`` in ``java.sql.Date`` as
    # ``Time.getYear``.
    files = {
        "jar.py": """
            from http.cookiejar import CookieJar

            class Jar(CookieJar):
                def contains_all(self, name):
                    return super().contains_all(name)
            """,
        "Date.java": """
            class Date extends java.util.Date {
              int getYear() { return super.getYear(); }
              int day() { return this.getDate(); }
            }
            class Time { int getDate() { return 1; } }
            """,
    }
    assert edges_of(files) == []


def test_java_overloads_are_told_apart_by_argument_count() -> None:
    files = {
        "Subscribers.java": """
            class Subscribers {
              static int body(int a, int b) {
                return body(a, b, 0);
              }
              static int body(int a, int b, int c) {
                return body(a, b, c, 1);
              }
              static int body(int a, int b, int c, int d) { return a; }
              int use() { return body(1, 2) + Subscribers.body(1, 2, 3, 4); }
            }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    line_of = {row.id: row.line for row in rows}
    edges = [
        (line_of[e.caller_id], line_of[e.callee_id], e.resolution, e.call_site_line)
        for e in resolve_calls(rows, results)
    ]
    # Each overload calls the next one, not itself; ``use`` reaches the two it calls.
    assert edges == [
        (2, 5, "same_file", 3),
        (5, 8, "same_file", 6),
        (9, 2, "same_file", 9),
        (9, 8, "method", 9),
    ]


def test_java_never_guesses_a_method_on_a_receiver_it_cannot_type() -> None:
    # The JDK's HTTP client: ``System.getProperty`` had reached ``Utils.getProperty``, and a
    # ``CompletableFuture`` from a call the one repository class with ``completeExceptionally``.
    files = {
        "Utils.java": """
            package a;
            class Utils {
              static String getProperty(String name) { return name; }
              void completeExceptionally(Throwable t) {}
              int twice(int x) { return x * 2; }
            }
            """,
        "Client.java": """
            package a;
            class Client {
              void run() {
                String home = System.getProperty("user.home");
                future().completeExceptionally(null);
                int four = new Utils().twice(2);
              }
            }
            """,
    }
    assert edges_of(files) == [("Client.java::Client.run", "Utils.java::Utils.twice", "method", 6)]


def test_fixtures_match_objects_and_locks_are_libraries() -> None:
    # celery: ``monkeypatch.setattr`` had reached a conftest helper, ``match.groups()`` a
    # ``Request.groups``; Go's ``mu.Lock()`` the one repository type with a ``Lock``.
    files = {
        "tests/conftest.py": """
            class _Patching:
                def setattr(self, target, value):
                    return 1
            """,
        "tests/test_a.py": """
            def test_it(monkeypatch, match):
                monkeypatch.setattr("a.b", 1)
                return match.groups()
            """,
        "app/request.py": """
            class Request:
                def groups(self):
                    return []
            """,
        "go/locker.go": """
            package web
            type fakeLocker struct{}
            func (fakeLocker) Lock() {}
            func serve(mu interface{ Lock() }) {
              mu.Lock()
            }
            """,
    }
    assert edges_of(files) == []


def test_a_call_of_a_parameter_is_the_function_passed_in() -> None:
    # ``def dispatch(hook): hook(data)`` had reached the module's own ``hook``.
    files = {
        "hooks.py": """
            def hook(data):
                return data

            def dispatch(hook, data):
                return hook(data)

            def direct(data):
                return hook(data)

            def outer(hook):
                def inner():
                    return hook(1)
                return inner
            """,
        "sub.ts": """
            export function unsubscribe() { return 1 }
            export function track(unsubscribe: () => void) { unsubscribe() }
            """,
    }
    assert edges_of(files) == [("hooks.py::direct", "hooks.py::hook", "same_file", 8)]


def test_java_overloads_sharing_a_count_take_the_first_of_that_count() -> None:
    # java.sql.rowset: ``getObject(idx, map)`` had reached ``getObject(int)``, one parameter.
    files = {
        "Rows.java": """
            package a;
            class Rows {
              Object getObject(int i) { return null; }
              Object getObject(int i, Map m) { return null; }
              Object getObject(String s, Map m) { return null; }
              Object use(Map map) { return getObject(1, map); }
            }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    line_of = {row.id: row.line for row in rows}
    edges = [(line_of[e.caller_id], line_of[e.callee_id]) for e in resolve_calls(rows, results)]
    assert edges == [(6, 4)]


def test_a_java_call_reaches_no_method_of_another_argument_count() -> None:
    # Swing: 118 ``repaint()`` calls had reached ``JComponent.repaint(long, int, int, int,
    # int)``; the one they reach is a library base's (``java.awt.Component.repaint()``).
    files = {
        "Button.java": """
            package a;
            class Button extends java.awt.Component {
              void repaint(long t, int x, int y, int w, int h) {}
              void log(String f, Object... args) {}
              void click() { repaint(); repaint(1, 2, 3, 4, 5); log("x"); log("%s %s", 1, 2); }
            }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    line_of = {row.id: row.line for row in rows}
    edges = sorted(
        (line_of[e.caller_id], line_of[e.callee_id]) for e in resolve_calls(rows, results)
    )
    assert edges == [(5, 3), (5, 4)]  # repaint(1, 2, 3, 4, 5) and log(…), not repaint()


def test_only_a_static_java_import_brings_a_types_methods() -> None:
    # javac: ``import com.sun.tools.javac.tree.JCTree.*`` (its nested types) had made
    # ``pos()`` in ``Check`` reach ``JCTree.pos``.
    files = {
        "t/Tree.java": (
            "package t;\npublic class Tree {\n  public static int pos() { return 1; }\n"
            "  public static int end() { return 2; }\n}\n"
        ),
        "m/Check.java": (
            "package m;\nimport t.Tree.*;\nimport static t.Tree.end;\n"
            "class Check extends Base {\n  int use() { return pos() + end(); }\n}\n"
        ),
    }
    assert edges_of(files) == [("m/Check.java::Check.use", "t/Tree.java::Tree.end", "import", 5)]


def test_a_go_import_is_named_as_its_package_calls_itself() -> None:
    # viper: ``yaml.Unmarshal`` (``gopkg.in/yaml.v2``) and ``toml.Unmarshal``
    # (``github.com/pelletier/go-toml``) had been guessed to ``Viper.Unmarshal``.
    files = {
        "viper.go": "package viper\n\ntype Viper struct{}\n\nfunc (v *Viper) Unmarshal(x int) {}\n",
        "codec.go": (
            'package viper\n\nimport (\n\t"gopkg.in/yaml.v2"\n'
            '\t"github.com/pelletier/go-toml"\n)\n\n'
            "func Decode(b []byte) {\n\tyaml.Unmarshal(b, nil)\n\ttoml.Unmarshal(b, nil)\n}\n"
        ),
    }
    assert edges_of(files) == []


def test_the_languages_own_objects_as_receivers_are_never_guessed() -> None:
    # sequelize: ``Promise.all`` had reached ``ModelManager.all``, ``JSON.stringify``
    # ``ABSTRACT.stringify`` and ``Math.max`` ``Model.max``.
    files = {
        "mgr.js": """
            class Manager { allOf() { return []; } stringify(v) { return String(v); } }
            class Model { static maxOf() { return 1; } }
            async function run(items) {
              const r = await Promise.allOf(items);
              Math.maxOf(1, 2);
              return JSON.stringify(r);
            }
            module.exports = { Manager, Model, run };
            """,
        "own.js": """
            class JSON { static stringify(v) { return v; } }
            function use(v) { return JSON.stringify(v); }
            module.exports = { use };
            """,
        "util.py": """
            class Codec:
                def maketrans_all(self):
                    return 1

            def run():
                return str.maketrans_all()
            """,
    }
    assert edges_of(files) == [
        # A file that defines ``JSON`` itself calls its own.
        ("own.js::use", "own.js::JSON.stringify", "method", 2),
    ]


def test_a_package_star_reexport_is_followed() -> None:
    # httpx's ``__init__.py`` is ``from ._models import *`` and the like.
    files = {
        "pkg/__init__.py": "from .models import *\n",
        "pkg/models.py": """
            class Response:
                def __init__(self, code):
                    self.code = code

            def helper():
                return 3
            """,
        "tests/test_models.py": """
            import pkg
            from pkg import Response, helper

            def test_one():
                pkg.Response(200)
                pkg.helper()

            def test_two():
                Response(200)
                helper()
            """,
    }
    assert edges_of(files) == [
        ("tests/test_models.py::test_one", "pkg/models.py::Response.__init__", "import", 5),
        ("tests/test_models.py::test_one", "pkg/models.py::helper", "import", 6),
        ("tests/test_models.py::test_two", "pkg/models.py::Response.__init__", "import", 9),
        ("tests/test_models.py::test_two", "pkg/models.py::helper", "import", 10),
    ]


def test_self_calls_in_a_class_with_a_library_base_are_never_guessed() -> None:
    # fastapi's ``self.add_route()`` in ``class FastAPI(Starlette)`` had reached
    # ``APIRouter.add_route``; SQLAlchemy's namedtuple ``self._replace`` a constraint's.
    files = {
        "app/routing.py": """
            class Router:
                def add_route(self, path):
                    return path

                def replace_all(self):
                    return 1
            """,
        "app/main.py": """
            from typing import NamedTuple
            from starlette.applications import Starlette

            class App(Starlette):
                def setup(self):
                    self.add_route("/")

            class SubApp(App):
                def more(self):
                    self.add_route("/more")

            class URL(NamedTuple):
                def without_query(self):
                    return self.replace_all()

            class Mixin:
                def build(self):
                    return self.replace_all()
            """,
    }
    assert edges_of(files) == [
        # A class with no library base may be a mixin: the guess stands.
        ("app/main.py::Mixin.build", "app/routing.py::Router.replace_all", "fuzzy", 18),
    ]


GO_MODULE_FILES = {
    "http/client.go": """
        package http
        import "example.com/m/util"
        func Get(url string) string { return util.Clean(url) }
        """,
    "util/util.go": """
        package util
        import "net/http"
        func Clean(s string) string { return s }
        func Fetch(u string) { resp, _ := http.Get(u); resp.Body.Close() }
        """,
    "config/config.go": 'package config\nfunc Load() string { return "" }\n',
    "errors/errors.go": "package errors\nfunc New(s string) error { return nil }\n",
    "lib.go": 'package lib\nfunc Open() string { return "" }\n',
    "app/app.go": """
        package app
        import (
            "errors"
            "example.com/m"
            "example.com/m/config"
        )
        func Start() error { config.Load(); lib.Open(); return errors.New("x") }
        """,
    "app/other.go": """
        package app
        import "github.com/other/lib/config"
        func Other() string { return config.Load() }
        """,
}


def test_go_imports_resolve_against_the_modules_go_mod_declares() -> None:
    # testify's ``net/http`` had reached its own ``http/`` and closed an import cycle.
    results = project(GO_MODULE_FILES)
    rows = function_rows(results)
    edges = sorted(
        named_edges(resolve_calls(rows, results, Manifests(go_modules={"": "example.com/m"})), rows)
    )
    assert edges == [
        ("app/app.go::Start", "config/config.go::Load", "import", 7),
        ("app/app.go::Start", "lib.go::Open", "import", 7),  # the module's root package
        ("http/client.go::Get", "util/util.go::Clean", "import", 3),
    ]
    _, cycles = coupling(results, manifests=Manifests(go_modules={"": "example.com/m"}))
    assert cycles == []
    # Without a go.mod, the last part of the path decides, as before.
    guessed = sorted(named_edges(resolve_calls(rows, results), rows))
    assert ("util/util.go::Fetch", "http/client.go::Get", "import", 4) in guessed


def test_the_go_standard_library_imports_its_packages_by_directory() -> None:
    files = {
        "net/http/client.go": "package http\nfunc Get(u string) {}\n",
        "vendor/golang.org/x/net/idna/idna.go": "package idna\nfunc ToASCII(s string) {}\n",
        "net/url/url.go": """
            package url
            import (
                "net/http"
                "golang.org/x/net/idna"
            )
            func Fetch(u string) { http.Get(u); idna.ToASCII(u) }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    edges = sorted(
        named_edges(resolve_calls(rows, results, Manifests(go_modules={"": "std"})), rows)
    )
    assert edges == [("net/url/url.go::Fetch", "net/http/client.go::Get", "import", 6)]


def test_commonjs_module_exports_of_one_value_is_followed() -> None:
    # mongoose's ``module.exports = applyHooks`` (170 call sites without an edge), sequelize's
    # ``module.exports = QueryGenerator`` base class.
    files = {
        "helper.js": "function helper(x) { return x + 1; }\nmodule.exports = helper;\n",
        "store.js": """
            class Store {
              static create() { return new Store(); }
              get(k) { return k; }
              quote(x) { return x; }
            }
            module.exports = Store;
            """,
        "main.js": """
            const helper = require("./helper");
            const Store = require("./store");
            function main() {
              Store.create();
              const t = new Store();
              t.get(1);
              return helper(2);
            }
            class Child extends Store {
              render(x) { return this.quote(x); }
            }
            module.exports = { main, Child };
            """,
    }
    assert edges_of(files) == [
        ("main.js::Child.render", "store.js::Store.quote", "method", 10),
        ("main.js::main", "helper.js::helper", "import", 7),
        ("main.js::main", "store.js::Store.create", "method", 4),
        ("main.js::main", "store.js::Store.get", "method", 6),
    ]


def test_a_javascript_local_given_another_name_has_that_names_class() -> None:
    # ``const s = store; s.get()`` had no edge: the local was only "another name's value".
    files = {
        "store.js": "class Store { get(k) { return k; } }\nmodule.exports = { Store };\n",
        "utils.js": "function merge(a) { return a; }\nmodule.exports = { merge };\n",
        "main.js": """
            const { Store } = require("./store");
            const utils = require("./utils");
            const store = new Store();
            function viaModule() { const s = store; return s.get(1); }
            function viaLocal() { const st = new Store(); const s = st; return s.get(2); }
            function viaChain() { const a = store; const b = a; return b.get(3); }
            function parameter(store) { const s = store; return s.get(4); }
            function made() { const store = makeMap(); const s = store; return s.get(5); }
            function viaImport() { const u = utils; return u.merge(6); }
            function library() { const p = path; return p.join(7); }
            module.exports = { viaModule, viaLocal, viaChain, parameter, made, viaImport };
            """,
    }
    assert edges_of(files) == [
        ("main.js::viaChain", "store.js::Store.get", "method", 6),
        ("main.js::viaImport", "utils.js::merge", "import", 9),
        ("main.js::viaLocal", "store.js::Store.get", "method", 5),
        ("main.js::viaModule", "store.js::Store.get", "method", 4),
    ]


def test_prototype_methods_belong_to_their_constructor() -> None:
    # mongoose's ``Document.prototype.init = function init(o) {…}``: 509 of 551 calls of
    # such methods on ``this`` had no edge.
    files = {
        "doc.js": """
            function Document(o) { this.init(o); }
            Document.prototype.init = function init(o) { return this.validateSync(); };
            Document.prototype.validateSync = function () { return true; };
            Document.hydrate = function (o) { return new Document(o); };
            module.exports = Document;
            """,
        "server.js": """
            function listen(opts) {
              opts.cb = () => 1;
              return cb();
            }
            function cb() { return 2; }
            module.exports = { listen };
            """,
    }
    assert edges_of(files) == [
        ("doc.js::Document", "doc.js::Document.init", "method", 1),
        ("doc.js::Document.hydrate", "doc.js::Document", "same_file", 4),
        ("doc.js::Document.init", "doc.js::Document.validateSync", "method", 2),
        # ``opts.cb = () => 1`` is a property of ``opts``: the plain ``cb()`` is the file's.
        ("server.js::listen", "server.js::cb", "same_file", 3),
    ]
    functions = {row.qualified_name for row in function_rows(project(files))}
    # ``opts`` is a parameter: its ``cb`` is a function of ``listen``'s, of no class ``opts``.
    assert {"Document.init", "Document.validateSync", "Document.hydrate", "listen.cb"} <= (
        functions
    )


def test_java_inner_and_anonymous_classes_call_the_enclosing_classs_methods() -> None:
    # EventQueue.dispatchEvent's anonymous Runnable calling dispatchEventImpl; about 400
    # such calls in jdk.compiler had no edge.
    files = {
        "Outer.java": """
            public class Outer {
              void refreshState() {}
              void recordEvent(String s) {}
              class Inner { void go() { refreshState(); } }
              Runnable make() { return new Runnable() { public void run() { recordEvent("x"); } }; }
              Runnable lambda() { return () -> recordEvent("y"); }
            }
            """,
    }
    assert edges_of(files) == [
        ("Outer.java::Outer.Inner.go", "Outer.java::Outer.refreshState", "same_file", 4),
        ("Outer.java::Outer.lambda", "Outer.java::Outer.recordEvent", "same_file", 6),
        ("Outer.java::Outer.make.run", "Outer.java::Outer.recordEvent", "same_file", 5),
    ]


def test_go_values_a_library_gives_are_never_guessed() -> None:
    # gorm: ``rows.Close()`` on ``*sql.Rows`` and ``d.Close()`` after ``v.(*sql.DB)`` had
    # reached the repository's one ``DB.Close``.
    files = {
        "store.go": """
            package store
            import "database/sql"
            type DB struct{ conn *sql.DB }
            func (d *DB) Close() error { return nil }
            func (d *DB) Reopen() *DB { return d }
            func Count(q *sql.DB) { rows, _ := q.Query("select 1"); defer rows.Close() }
            func Assert(v interface{}) { if d, ok := v.(*sql.DB); ok { d.Close() } }
            func Own(s *DB) { t := s.Reopen(); t.Close() }
            """,
    }
    assert edges_of(files) == [
        ("store.go::Own", "store.go::DB.Close", "method", 8),
        ("store.go::Own", "store.go::DB.Reopen", "method", 8),
    ]


def test_a_javascript_call_of_a_local_is_never_guessed() -> None:
    # rxjs's ``const { delay } = config; delay(soFar)`` had reached its ``delay`` operator.
    files = {
        "backoff.ts": "export function backoff(n: number) { return n * 2; }\n",
        "retry.ts": """
            export function retry2(config: { backoff: (n: number) => number }) {
              const { backoff } = config;
              return backoff(2);
            }
            """,
    }
    assert edges_of(files) == []


def test_a_guess_never_lands_on_the_caller_itself() -> None:
    # mongoose's ``ChangeStream.hasNext`` delegating to ``this.driverChangeStream.hasNext(cb)``.
    files = {
        "stream.js": """
            class ChangeStream {
              hasNextItem(cb) { return this.driverChangeStream.hasNextItem(cb); }
            }
            module.exports = { ChangeStream };
            """,
    }
    assert edges_of(files) == []


def test_constructor_functions_are_classes_across_files() -> None:
    # mongoose: ``function Model() {}`` with prototype methods, ``module.exports = exports =
    # Model``, and helpers exported as ``module.exports = function cast() {…}``.
    files = {
        "lib/model.js": """
            function Model(d) { this.d = d; }
            Model.prototype.init = function init(d) { return this.validate(); };
            Model.prototype.validate = function () { return true; };
            Model.create = function (d) { return new Model(d); };
            module.exports = exports = Model;
            """,
        "lib/user.js": """
            const Model = require('./model');
            function load(d) { Model.create(d); const m = new Model(d); return m.validate(); }
            class Sub extends Model { go() { this.init(1); } }
            module.exports = { load, Sub };
            """,
        "lib/cast.js": "module.exports = function cast(obj) { return obj; };\n",
        "lib/use.js": (
            "const cast = require('./cast');\n"
            "function run(s) { return cast(s); }\n"
            "module.exports = { run };\n"
        ),
    }
    assert edges_of(files) == [
        ("lib/model.js::Model.create", "lib/model.js::Model", "same_file", 4),
        ("lib/model.js::Model.init", "lib/model.js::Model.validate", "method", 2),
        ("lib/use.js::run", "lib/cast.js::cast", "import", 2),
        ("lib/user.js::Sub.go", "lib/model.js::Model.init", "method", 3),
        ("lib/user.js::load", "lib/model.js::Model", "import", 2),
        ("lib/user.js::load", "lib/model.js::Model.create", "method", 2),
        ("lib/user.js::load", "lib/model.js::Model.validate", "method", 2),
    ]


def test_a_java_inner_class_with_a_library_base_does_not_reach_outward() -> None:
    files = {
        "Outer.java": """
            import java.util.ArrayList;
            public class Outer {
              int size() { return 0; }
              void helper() {}
              class MyList extends ArrayList<String> { void fill() { add("x"); size(); } }
              static abstract class Task implements Runnable { void go() { helper(); } }
              class Plain { void go() { helper(); } }
            }
            """,
    }
    assert edges_of(files) == [
        ("Outer.java::Outer.Plain.go", "Outer.java::Outer.helper", "same_file", 7),
    ]


def test_a_caught_librarys_error_is_the_librarys() -> None:
    # pydantic's ``except ValidationError as exc: exc.errors()`` had reached fastapi's
    # ``ValidationException.errors`` by a guess.
    files = {
        "app/errors.py": """
            class ValidationException(Exception):
                def errors(self):
                    return []
            """,
        "app/handlers.py": """
            from pydantic import ValidationError
            from app.errors import ValidationException

            def parse(raw):
                try:
                    return raw
                except ValidationError as exc:
                    return exc.errors()

            def check(raw):
                try:
                    return raw
                except ValidationException as exc:
                    return exc.errors()

            def either(raw):
                try:
                    return raw
                except (ValidationError, ValueError) as exc:
                    return exc.errors()
            """,
    }
    assert edges_of(files) == [
        ("app/handlers.py::check", "app/errors.py::ValidationException.errors", "method", 14),
    ]


def test_a_method_taken_from_an_embedded_library_type_is_the_librarys() -> None:
    # sqlx's ``type DB struct{ *sql.DB }``: ``db.Close()`` had been guessed to ``Stmt.Close``.
    files = {
        "db.go": """
            package store
            import "database/sql"
            type DB struct{ *sql.DB }
            type Stmt struct{}
            func (s *Stmt) Close() error { return nil }
            func Open() *DB { return &DB{} }
            func Use(d *DB) { d.Close() }
            """,
    }
    assert edges_of(files) == []


def test_a_go_struct_embedding_a_repository_type_by_pointer_gets_its_methods() -> None:
    files = {
        "db.go": """
            package store
            type Base struct{}
            func (b *Base) Ping() error { return nil }
            type DB struct{ *Base }
            func Use(d *DB) { d.Ping() }
            """,
    }
    assert edges_of(files) == [("db.go::Use", "db.go::Base.Ping", "method", 5)]


def test_import_of_a_submodule_binds_its_package_too() -> None:
    files = {
        "pkg/__init__.py": "from pkg.api import get_client\n",
        "pkg/api.py": """
            from pkg.scope import Scope

            def get_client():
                return Scope.get_client()
            """,
        "pkg/scope.py": """
            class Scope:
                @classmethod
                def get_client(cls):
                    return "client"
            """,
        "pkg/utils.py": "def helper():\n    return 1\n",
        "pkg/mon.py": """
            import pkg.utils

            def track():
                return pkg.get_client() + pkg.utils.helper()
            """,
    }
    assert ("pkg/mon.py::track", "pkg/api.py::get_client", "import", 4) in edges_of(files)
    assert ("pkg/mon.py::track", "pkg/utils.py::helper", "import", 4) in edges_of(files)
    assert not [e for e in edges_of(files) if e[0] == "pkg/mon.py::track" and "scope" in e[1]]


def test_methods_of_nodes_own_objects_are_never_guessed() -> None:
    # undici's ``signal.removeListener`` had reached ``BodyReadable.removeListener``,
    # superagent's ``req.socket.destroy()`` ``Response.destroy``.
    files = {
        "body.js": """
            class Body { removeListener(e, f) { return e; } destroy() { return 1; } }
            module.exports = { Body };
            """,
        "use.js": """
            function stop(socket, signal, f) {
              socket.destroy();
              signal.removeListener('abort', f);
            }
            module.exports = { stop };
            """,
    }
    assert edges_of(files) == []


def test_an_object_the_file_gives_methods_owns_them() -> None:
    # joi: every file has its own ``internals`` object; 170 calls were guessed or lost.
    files = {
        "a.js": """
            const internals = {};
            exports.run = function (x) { return internals.validate(x) + exports.helper(); };
            exports.helper = function () { return 1; };
            internals.validate = function (x) { return x; };
            """,
        "b.js": """
            const internals = {};
            exports.check = function (x) { return internals.validate(x); };
            internals.validate = function (x) { return x; };
            """,
    }
    assert edges_of(files) == [
        ("a.js::run", "a.js::helper", "import", 2),
        ("a.js::run", "a.js::internals.validate", "method", 2),
        ("b.js::check", "b.js::internals.validate", "method", 2),
    ]


def test_a_variable_a_factory_made_has_the_members_of_the_literal_it_returns() -> None:
    # fastify's tests: ``const fastify = Fastify(); fastify.get(…); fastify.inject(…)``, with
    # ``function fastify () { const fastify = { get: function _get () {…}, addHook, … };
    # return fastify }``: each reached the factory alone, and 51 of fastify.js's 60 functions
    # read "untested". find-my-way's ``storage () { return { get, set } }`` likewise.
    files = {
        "app.js": """
            const decorator = require('./decorate');
            function fastify (opts) {
              const fastify = {
                get: function _get (url) { return url },
                route (o) { return o },
                addHook,
                inject: inject,
                decorate: decorator.add,
                ready: null,
              };
              fastify.ready = ready;
              return fastify;
              function addHook (name) { return name }
              function inject (o) { return o }
              function ready () {}
            }
            module.exports = fastify;
            """,
        "decorate.js": "function add (name, fn) { return fn }\nmodule.exports = { add };\n",
        "strategy.js": """
            module.exports = {
              storage: function () {
                const handlers = new Map();
                return {
                  get: (type) => handlers.get(type),
                  set: (type, store) => { handlers.set(type, store) }
                };
              }
            };
            """,
        "server.js": "class Server { listen () {} }\nmodule.exports = { Server };\n",
        "test/app.test.js": """
            const Fastify = require('../app');
            const strategy = require('../strategy');
            function run () {
              const app = Fastify();
              app.get('/'); app.route({}); app.addHook('x');
              app.inject({}); app.decorate('a'); app.ready();
              app.listen();
              const storage = strategy.storage();
              storage.set('a', 1); storage.get('a');
            }
            module.exports = { run };
            """,
    }
    assert edges_of(files) == [
        # ``fastify.ready = ready``: a function the factory hands on.
        ("app.js::fastify", "app.js::fastify.ready", "same_file", 11),
        ("test/app.test.js::run", "app.js::fastify", "import", 4),
        ("test/app.test.js::run", "app.js::fastify.addHook", "method", 5),
        ("test/app.test.js::run", "app.js::fastify.fastify.get", "method", 5),
        ("test/app.test.js::run", "app.js::fastify.fastify.route", "method", 5),
        ("test/app.test.js::run", "app.js::fastify.inject", "method", 6),
        ("test/app.test.js::run", "app.js::fastify.ready", "method", 6),
        # The member's own resolution, weaker than ``method``.
        ("test/app.test.js::run", "decorate.js::add", "import", 6),
        # The object is known and holds no ``listen``: no guess of ``Server.listen``.
        ("test/app.test.js::run", "strategy.js::storage", "import", 8),
        ("test/app.test.js::run", "strategy.js::storage.get", "method", 9),
        ("test/app.test.js::run", "strategy.js::storage.set", "method", 9),
    ]


def test_a_property_descriptors_value_is_a_method_of_the_object_it_is_defined_on() -> None:
    # fastify's lib/request.js: ``Object.defineProperties(Request.prototype, { validateInput:
    # { value: function … { … this.compileValidationSchema(…) } } })`` was named
    # ``validateInput.value``, and no call reached it; its getters are read, never called.
    files = {
        "request.js": """
            function Request (raw) { this.raw = raw }
            Object.defineProperties(Request.prototype, {
              ip: { get () { return this.raw.ip } },
              validateInput: { value: function (input) { return this.compile(input) } },
              compile: { value (schema) { return schema } },
            })
            Object.defineProperty(Request.prototype, 'reply', { value () { return 1 } })
            module.exports = Request
            """,
        "handler.js": """
            const Request = require('./request')
            function handle (raw) {
              const req = new Request(raw)
              req.reply()
              return req.validateInput(req.ip)
            }
            module.exports = { handle }
            """,
    }
    assert edges_of(files) == [
        ("handler.js::handle", "request.js::Request", "import", 3),
        ("handler.js::handle", "request.js::Request.reply", "method", 4),
        ("handler.js::handle", "request.js::Request.validateInput", "method", 5),
        ("request.js::Request.validateInput", "request.js::Request.compile", "method", 4),
    ]


def test_a_function_assigned_to_a_property_is_passed_on() -> None:
    # find-my-way's ``this.buildPrettyMeta = defaultBuildPrettyMeta`` and ``this.find =
    # Router.prototype._findCompiled``, the standard library's trace.py ``self.globaltrace =
    # self.globaltrace_countfuncs``, echo's ``e.HTTPErrorHandler = e.DefaultHTTPErrorHandler``:
    # the object holds the function, to call it later, as a function given as an argument.
    files = {
        "index.js": """
            function Router (opts) {
              this.buildPrettyMeta = opts.meta ? opts.meta : null
              if (!opts.meta) { this.buildPrettyMeta = defaultBuildPrettyMeta }
              this.limit = opts.limit
              this.label = undefined
            }
            Router.prototype.find = function find (path) { return path }
            Router.prototype._findCompiled = function _findCompiled (path) { return path }
            Router.prototype.compile = function compile () {
              this.find = Router.prototype._findCompiled
              return this
            }
            function defaultBuildPrettyMeta (route) { return route }
            module.exports = Router
            """,
        "pkg/trace.py": """
            class Trace:
                def __init__(self, count, hook):
                    if count:
                        self.dispatch = self.dispatch_count
                    self.limit = count
                    self.hook = hook
                def dispatch_count(self, frame):
                    return frame
            """,
        "store/store.go": """
            package store

            type Echo struct{ Handler func(error) }

            func (e *Echo) Default(err error) {}

            func handle(err error) {}

            func New() *Echo {
                e := &Echo{}
                e.Handler = e.Default
                e.Handler = handle
                return e
            }
            """,
    }
    assert edges_of(files) == [
        ("index.js::Router", "index.js::defaultBuildPrettyMeta", "same_file", 3),
        ("index.js::Router.compile", "index.js::Router._findCompiled", "method", 10),
        ("pkg/trace.py::Trace.__init__", "pkg/trace.py::Trace.dispatch_count", "method", 4),
        ("store/store.go::New", "store/store.go::Echo.Default", "method", 11),
        ("store/store.go::New", "store/store.go::handle", "same_file", 12),
    ]


def test_this_in_an_arrow_function_inside_a_method_is_the_methods() -> None:
    files = {
        "conn.js": """
            class Conn {
              constructor(e) {
                this.onEnd = () => { this.cleanup(); };
                e.on('x', { onData: (d) => { this.cleanup(); } });
              }
              cleanup() {}
            }
            class Other { cleanup() {} }
            module.exports = { Conn, Other };
            """,
    }
    assert edges_of(files) == [
        ("conn.js::Conn.constructor.onData", "conn.js::Conn.cleanup", "method", 4),
        ("conn.js::Conn.constructor.onEnd", "conn.js::Conn.cleanup", "method", 3),
    ]


def test_object_keys_and_property_functions_are_not_plain_names() -> None:
    # undici's ``{ setTimeout (cb, d) { return setTimeout(cb, d) } }`` (Node's global), joi's
    # ``{ assert: (v) => … }`` beside hoek's ``assert``, ``exports.parse = function`` calling a
    # required ``parse``: none is a call of the key or property itself.
    files = {
        "timers.js": "module.exports = { setTimeout (cb, d) { return setTimeout(cb, d) } };\n",
        "rules.js": """
            const { assert } = require('@hapi/hoek');
            const rules = { min: { assert: (v) => typeof v === 'number' } };
            function check(v) { assert(v > 0, 'x'); return rules; }
            module.exports = { check };
            """,
        "parse.js": (
            "const parse = require('fast-parse');\n"
            "exports.parse = function (s) { return parse(s) };\n"
        ),
    }
    assert edges_of(files) == []


def test_a_require_of_the_parent_directory_reaches_its_index() -> None:
    files = {
        "index.js": "function top() { return 1; }\nmodule.exports = top;\n",
        "test/x.test.js": (
            "const top = require('..');\nconst topB = require('../');\n"
            "function a() { return top() + topB(); }\nmodule.exports = { a };\n"
        ),
    }
    assert edges_of(files) == [
        ("test/x.test.js::a", "index.js::top", "import", 3),
    ]


def test_typescripts_commonjs_output_is_followed() -> None:
    # ioredis's compiled sources: ``(0, util_1.helper)(…)`` and ``new util_1.default(…)``.
    files = {
        "util.js": (
            "exports.helper = void 0;\nfunction helper() { return 1; }\nexports.helper = helper;\n"
            "class Store { constructor(x) { this.x = x; } get() { return 1; } }\n"
            "exports.default = Store;\n"
        ),
        "main.js": (
            'const util_1 = require("./util");\n'
            "function main() {\n"
            "  const s = new util_1.default(1); s.get(); return (0, util_1.helper)();\n"
            "}\n"
            "exports.main = main;\n"
        ),
    }
    assert edges_of(files) == [
        ("main.js::main", "util.js::Store.constructor", "import", 3),
        ("main.js::main", "util.js::Store.get", "method", 3),
        ("main.js::main", "util.js::helper", "import", 3),
    ]


def test_a_java_static_import_resolves_in_a_class_with_a_library_base() -> None:
    files = {
        "p/Util.java": (
            "package p;\npublic class Util { public static int twice(int x) { return x; } }\n"
        ),
        "q/Job.java": """
            package q;
            import static p.Util.twice;
            public class Job implements Runnable { public void run() { twice(2); size(); } }
            """,
    }
    assert edges_of(files) == [("q/Job.java::Job.run", "p/Util.java::Util.twice", "import", 3)]


def test_a_class_held_by_a_property_owns_its_methods() -> None:
    # joi: ``internals.Base = class { clone() {…} rule(o) { return clone(o) } }`` with hoek's
    # ``clone``; and undici's ``this.#abort(…)``, private to its class.
    files = {
        "a.js": """
            const { clone } = require('@hapi/hoek'); const internals = {};
            internals.Base = class { clone() { return 1; } rule(o) { return clone(o) + 1; } };
            module.exports = class { m() { return new internals.Base(); } };
            """,
        "b.js": "class Dump { #abort(r) {} run() { return this.#abort(1); } }\n",
        "c.js": "class Controller { #abort; abort(r) { this.#abort(r); } }\n",
        "d.js": "const Ctl = require('./a');\nfunction go() { return new Ctl().m(); }\n",
    }
    assert edges_of(files) == [
        ("b.js::Dump.run", "b.js::Dump.#abort", "method", 1),
        ("d.js::go", "a.js::exports.m", "method", 2),
    ]


def test_typescripts_default_only_module_constructs_its_class() -> None:
    # ioredis: ``exports.default = Command`` as the module's only export.
    files = {
        "util.js": (
            '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n'
            "class Store { constructor(x) { this.x = x; } }\nexports.default = Store;\n"
        ),
        "main.js": (
            'const util_1 = require("./util");\n'
            "function main() { return new util_1.default(1); }\nexports.main = main;\n"
        ),
    }
    assert edges_of(files) == [("main.js::main", "util.js::Store.constructor", "import", 2)]


def test_a_module_level_variable_has_the_class_its_assignment_gives() -> None:
    # rich: ``RE_TAG = re.compile(…)`` and ``RE_TAG.match(text)`` had been guessed to
    # ``Palette.match``.
    files = {
        "p.py": "class Palette:\n    def match(self, c):\n        return c\n",
        "a.py": (
            "import re\nfrom p import Palette\n\nRE_TAG = re.compile('x')\nSTORE = Palette()\n\n"
            "def f(t):\n    return RE_TAG.match(t)\n\n"
            "def g(t):\n    return STORE.match(t)\n\n"
            "def h(STORE):\n    return STORE.match(1)\n"
        ),
    }
    assert edges_of(files) == [
        ("a.py::g", "p.py::Palette.match", "method", 11),
        # a parameter of that name is another variable: a guess, as before
        ("a.py::h", "p.py::Palette.match", "fuzzy", 14),
    ]


def test_a_factory_reached_through_a_module_or_a_class_gives_its_result_class() -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/routing.py": (
            "class Adapter:\n    def build(self, x):\n        return x\n\n\n"
            "class Map:\n    @classmethod\n    def make(cls) -> 'Map':\n        return cls()\n\n"
            "    def bind(self) -> Adapter:\n        return Adapter()\n\n\n"
            "def make_map() -> Map:\n    return Map()\n"
        ),
        "other.py": "class Unrelated:\n    def bind(self):\n        return 1\n",
        "tests/test_routing.py": (
            "from pkg import routing as r\nfrom pkg.routing import Map\n\n\n"
            "def test_a():\n    mp = Map.make()\n    return mp.bind()\n\n\n"
            "def test_b():\n    mp = r.make_map()\n    return mp.bind()\n"
        ),
    }
    print(edges_of(files))
    assert [edge for edge in edges_of(files) if edge[0].startswith("tests/")] == [
        ("tests/test_routing.py::test_a", "pkg/routing.py::Map.bind", "method", 7),
        ("tests/test_routing.py::test_a", "pkg/routing.py::Map.make", "method", 6),
        ("tests/test_routing.py::test_b", "pkg/routing.py::Map.bind", "method", 12),
        ("tests/test_routing.py::test_b", "pkg/routing.py::make_map", "import", 11),
    ]


def test_what_a_librarys_call_makes_in_javascript_is_the_librarys() -> None:
    # zod's v4 code: ``const s = z.object({}); s.safeParse(1)`` had been guessed into v3.
    files = {
        "src/types.ts": "export class ZodType { safeParse(x: unknown) { return x; } }\n",
        "src/use.ts": (
            'import * as z from "zod/v4";\nimport zz from "zod";\nimport axios from "axios";\n'
            "const client = axios.create();\n"
            "export function f() { const s = z.object({}); return s.safeParse(1); }\n"
            "export function g() { const s = z.string().min(3); return s.safeParse(1); }\n"
            "export function h() { const s = zz.object({}); return s.safeParse(1); }\n"
            "export async function k() { const t = await z.object({}); return t.safeParse(1); }\n"
            "export function m() { return client.safeParse(2); }\n"
        ),
    }
    assert edges_of(files) == []


def test_go_variables_in_a_var_block_and_of_the_package_have_their_types() -> None:
    # zap: ``var ( buf bytes.Buffer )`` then ``buf.Reset()`` had been guessed to its own
    # ``buffer.Buffer.Reset``.
    files = {
        "buffer/buffer.go": (
            "package buffer\n\ntype Buffer struct{}\n\nfunc (b *Buffer) Reset() {}\n"
        ),
        "a/a.go": (
            'package a\n\nimport (\n\t"bytes"\n\t"example.com/m/buffer"\n)\n\n'
            "var shared = bytes.NewBuffer(nil)\n\nvar own buffer.Buffer\n\n"
            "func F() {\n\tvar (\n\t\tbuf bytes.Buffer\n\t\tn   = 2\n\t)\n"
            "\tbuf.Reset()\n\tshared.Reset()\n\town.Reset()\n\t_ = n\n}\n"
        ),
    }
    assert edges_of(files) == [("a/a.go::F", "buffer/buffer.go::Buffer.Reset", "method", 19)]


def test_an_attribute_holding_a_callable_is_no_other_classs_method() -> None:
    # rich's ``Progress``: ``self.get_time = get_time or monotonic``, then ``self.get_time()``
    # had been guessed to ``Task.get_time``.
    files = {
        "p.py": (
            "from time import monotonic\n\n\nclass Progress:\n"
            "    def __init__(self, get_time=None):\n"
            "        self.get_time = get_time or monotonic\n\n"
            "    def start(self):\n        return self.get_time()\n\n\n"
            "def spin(p: Progress):\n    return p.get_time()\n\n\n"
            "class Sub(Progress):\n    def go(self):\n        return self.get_time()\n\n"
            "    def tick(self):\n        return self.advance()\n"
        ),
        "q.py": (
            "class Task:\n    def get_time(self):\n        return 1\n\n"
            "    def advance(self):\n        return 2\n"
        ),
    }
    # ``advance`` is no attribute of theirs: still a guess (a mixin may define it).
    assert edges_of(files) == [("p.py::Sub.tick", "q.py::Task.advance", "fuzzy", 21)]
    progress = project(files)["p.py"].classes[0]
    assert progress.attributes == ("get_time",)


def test_go_values_a_library_gives_through_fields_literals_and_calls_are_the_librarys() -> None:
    # gin and client_golang: 96 guesses to ``Context.Set`` and friends were ``Header.Set``.
    files = {
        "gin/context.go": (
            'package gin\n\nimport (\n\t"bytes"\n\t"net/http"\n\t"net/url"\n)\n\n'
            "type Context struct {\n\tRequest *http.Request\n\tbuff    bytes.Buffer\n}\n\n"
            "func (c *Context) Set(k string, v any) {}\n\n"
            "type Buffer struct{}\n\nfunc (b *Buffer) Reset() {}\n\n"
            "func (c *Context) Header(k, v string) {\n"
            "\tc.Request.Header.Set(k, v)\n\tc.buff.Reset()\n}\n\n"
            "func Handle(f func(w http.ResponseWriter, r *http.Request)) {}\n\n"
            "func Use() {\n"
            "\tHandle(func(rsp http.ResponseWriter, req *http.Request) {\n"
            '\t\th := rsp.Header()\n\t\th.Set("a", "b")\n\t\treq.Header.Set("x", "y")\n\t})\n'
            '\tu, _ := url.Parse("http://x")\n\tq := u.Query()\n\tq.Set("a", "b")\n}\n'
        ),
    }
    assert edges_of(files) == [("gin/context.go::Use", "gin/context.go::Handle", "same_file", 28)]


def test_a_go_function_literals_parameter_has_its_type() -> None:
    # zap's zapgrpc tests: ``func(logger *Logger) { logger.Error(…) }`` inside package
    # ``zapgrpc`` had reached the root package's ``Logger.Error``.
    files = {
        "root/logger.go": "package root\n\ntype Logger struct{}\n\nfunc (l *Logger) Info() {}\n",
        "sub/logger.go": "package sub\n\ntype Logger struct{}\n\nfunc (l *Logger) Info() {}\n",
        "sub/other.go": (
            'package sub\n\nimport "example.com/m/root"\n\n'
            "func Run(f func(*Logger)) {}\n\n"
            "func Use() {\n\t_ = root.Logger{}\n\tRun(func(logger *Logger) { logger.Info() })\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("sub/other.go::Use", "sub/logger.go::Logger.Info", "method", 9),
        ("sub/other.go::Use", "sub/other.go::Run", "same_file", 9),
    ]


def test_a_go_function_literals_parameter_types_its_name_only_inside_the_literal() -> None:
    # chi's tests: ``r := NewRouter()``, then ``r.Get("/", func(w …, r *http.Request) {…})``;
    # the literal's ``r`` had typed every later ``r.Match(…)`` of the test as an
    # ``http.Request`` (a library's call: no edge, and ``Mux.Match`` read "untested"), and so
    # had a sibling literal's ``func(r Router)``. A variable declared in a block (an ``if``'s
    # or a ``for``'s header included) is another variable past the block's end, and the
    # ``r`` its own declaration's value calls is the one around it (line 15).
    files = {
        "chi/mux.go": (
            'package chi\n\nimport "net/http"\n\n'
            "type Router interface{ Get(string, http.HandlerFunc) }\n\n"
            "type Mux struct{}\n\nfunc NewRouter() *Mux { return &Mux{} }\n\n"
            "func (m *Mux) Get(p string, h http.HandlerFunc) {}\n\n"
            "func (m *Mux) Route(p string, f func(r Router)) {}\n\n"
            "func (m *Mux) Match(p string) bool { return true }\n"
        ),
        "chi/mux_test.go": (
            'package chi\n\nimport (\n\t"net/http"\n\t"testing"\n)\n\n'
            "func TestMatch(t *testing.T) {\n"
            "\tr := NewRouter()\n"
            '\tr.Get("/", func(w http.ResponseWriter, r *http.Request) { r.Context() })\n'
            '\tr.Match("/")\n'
            '\tr.Route("/a", func(r Router) {\n'
            '\t\tr.Get("/b", func(w http.ResponseWriter, r *http.Request) {})\n\t})\n'
            '\tif r := r.Match("/c"); r {\n\t}\n'
            '\tr.Match("/d")\n'
            "}\n"
        ),
    }
    assert edges_of(files) == [
        ("chi/mux_test.go::TestMatch", "chi/mux.go::Mux.Get", "method", 10),
        # ``r Router`` is an interface: the method of its one implementation.
        ("chi/mux_test.go::TestMatch", "chi/mux.go::Mux.Get", "method", 13),
        ("chi/mux_test.go::TestMatch", "chi/mux.go::Mux.Match", "method", 11),
        ("chi/mux_test.go::TestMatch", "chi/mux.go::Mux.Match", "method", 15),
        ("chi/mux_test.go::TestMatch", "chi/mux.go::Mux.Match", "method", 17),
        ("chi/mux_test.go::TestMatch", "chi/mux.go::Mux.Route", "method", 12),
        ("chi/mux_test.go::TestMatch", "chi/mux.go::NewRouter", "import", 9),
    ]


def test_a_go_functions_named_results_are_typed_like_its_parameters() -> None:
    # cobra's ``func (c *Command) ExecuteC() (cmd *Command, err error)`` then
    # ``cmd.execute(flags)``: the named result had no class, and ``Command.execute``, cobra's
    # central method, read "untested". A function literal's named results are its own.
    files = {
        "p/cmd.go": (
            "package p\n\ntype Command struct{}\n\ntype Other struct{}\n\n"
            "func (o *Other) execute() {}\n\n"
            "func (c *Command) find() *Command { return c }\n\n"
            "func (c *Command) execute() error { return nil }\n\n"
            'func (c *Command) Name() string { return "" }\n\n'
            "func (c *Command) ExecuteC() (cmd *Command, err error) {\n"
            '\tif cmd.Name() == "" {\n\t\tcmd = c.find()\n\t}\n'
            "\terr = cmd.execute()\n\treturn cmd, err\n}\n\n"
            "func run() (cmd *Command) {\n"
            "\tf := func() (cmd *Other) {\n\t\tcmd.execute()\n\t\treturn\n\t}\n"
            "\tf()\n\tcmd.execute()\n\treturn\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/cmd.go::Command.ExecuteC", "p/cmd.go::Command.Name", "method", 16),
        ("p/cmd.go::Command.ExecuteC", "p/cmd.go::Command.execute", "method", 19),
        ("p/cmd.go::Command.ExecuteC", "p/cmd.go::Command.find", "method", 17),
        ("p/cmd.go::run", "p/cmd.go::Command.execute", "method", 29),
        ("p/cmd.go::run", "p/cmd.go::Other.execute", "method", 25),
    ]


def test_a_go_range_or_index_variable_holds_the_containers_element_type() -> None:
    # cobra's ``for _, cmd := range c.commands { cmd.Name() }`` with ``commands []*Command``,
    # chi's ``for _, m := range r.MatchAny { m.Match(v) }``: the range variables had no class
    # (``Pattern.Match`` read "untested"). A slice's or array's elements, a map's values and
    # its keys type them, as declared in the file or, through the call graph, in a field or a
    # method's result of another file; ``pool, ok := c.pools[name]`` with ``map[string]
    # *sync.Pool`` is a library's value (chi's ``pool.Put(encoder)`` had been guessed to
    # ``Mux.Put``).
    files = {
        "p/cmd.go": (
            'package p\n\nimport "sync"\n\n'
            "type Flag struct{}\n\nfunc (f *Flag) Apply() {}\n\n"
            "type Command struct {\n\tcommands []*Command\n\tbyName map[string]*Command\n"
            "\tflags map[*Flag]bool\n\tpools map[string]*sync.Pool\n}\n\n"
            'func (c *Command) Name() string { return "" }\n\n'
            "func (c *Command) Put(v any) {}\n\n"
            "func (c *Command) Commands() []*Command { return c.commands }\n\n"
            "func (c *Command) Walk(extra []*Command, more ...*Command) {\n"
            "\tfor _, sub := range c.commands {\n\t\tsub.Name()\n\t}\n"
            "\tfor _, sub := range c.byName {\n\t\tsub.Name()\n\t}\n"
            "\tfor f := range c.flags {\n\t\tf.Apply()\n\t}\n"
            "\tfor _, sub := range extra {\n\t\tsub.Name()\n\t}\n"
            "\tfor _, sub := range more {\n\t\tsub.Name()\n\t}\n"
            '\tif pool, ok := c.pools["x"]; ok {\n\t\tpool.Put(1)\n\t}\n'
            "}\n"
        ),
        "p/walk.go": (
            "package p\n\nfunc Walk(c *Command) {\n"
            "\tfor _, sub := range c.commands {\n\t\tsub.Name()\n\t}\n"
            "\tfor _, sub := range c.Commands() {\n\t\tsub.Name()\n\t}\n"
            "\tchildren := c.Commands()\n\tfor _, ch := range children {\n\t\tch.Name()\n\t}\n"
            "}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/cmd.go::Command.Walk", "p/cmd.go::Command.Name", "method", 24),
        ("p/cmd.go::Command.Walk", "p/cmd.go::Command.Name", "method", 27),
        ("p/cmd.go::Command.Walk", "p/cmd.go::Command.Name", "method", 33),
        ("p/cmd.go::Command.Walk", "p/cmd.go::Command.Name", "method", 36),
        ("p/cmd.go::Command.Walk", "p/cmd.go::Flag.Apply", "method", 30),
        ("p/walk.go::Walk", "p/cmd.go::Command.Commands", "method", 7),
        ("p/walk.go::Walk", "p/cmd.go::Command.Commands", "method", 10),
        ("p/walk.go::Walk", "p/cmd.go::Command.Name", "method", 5),
        ("p/walk.go::Walk", "p/cmd.go::Command.Name", "method", 8),
        ("p/walk.go::Walk", "p/cmd.go::Command.Name", "method", 12),
    ]


def test_a_go_variable_made_by_a_method_of_a_parenthesized_composite_literal() -> None:
    # Go's net tests: ``ls := (&packetListener{PacketConn: c1}).newLocalServer()``, then
    # ``ls.buildup(handler)``: a handler literal's ``ls *localPacketServer`` declared after it
    # had typed ``ls`` by luck; what the chain makes does now.
    files = {
        "net/mock_test.go": (
            "package net\n\ntype packetListener struct{ c int }\n\n"
            "type localPacketServer struct{}\n\n"
            "func (pl *packetListener) newLocalServer() *localPacketServer { return nil }\n\n"
            "func (ls *localPacketServer) buildup(h func(*localPacketServer)) error {\n"
            "\treturn nil\n}\n\n"
            "type other struct{}\n\nfunc (o *other) buildup(h int) error { return nil }\n"
        ),
        "net/server_test.go": (
            'package net\n\nimport "testing"\n\nfunc TestUDPServer(t *testing.T) {\n'
            "\tls := (&packetListener{c: 1}).newLocalServer()\n"
            "\thandler := func(ls *localPacketServer) {}\n\tls.buildup(handler)\n}\n"
        ),
    }
    assert edges_of(files) == [
        (
            "net/server_test.go::TestUDPServer",
            "net/mock_test.go::localPacketServer.buildup",
            "method",
            8,
        ),
        (
            "net/server_test.go::TestUDPServer",
            "net/mock_test.go::packetListener.newLocalServer",
            "method",
            6,
        ),
    ]


def test_python_values_made_from_a_librarys_values_are_the_librarys() -> None:
    files = {
        "store.py": "class Store:\n    def parse_body(self):\n        return {}\n\n"
        "    def summarize(self):\n        return []\n\n    def refresh(self):\n        return 1\n",
        "client.py": (
            "import requests\n\n\nclass Client:\n    def __init__(self):\n"
            "        self.session = requests.Session()\n\n"
            "    def fetch(self, url):\n        self.session.adapters.refresh()\n"
            "        resp = requests.get(url)\n        data = resp.parse_body()\n"
            "        return data.summarize()\n"
        ),
    }
    assert edges_of(files) == []


def test_a_java_call_with_more_arguments_than_any_fixed_overload_reaches_the_varargs_one() -> None:
    # java.net.http's Logger: ``debug.log("%s connecting flows %s", tube, publisher)`` had
    # reached ``log(String)``.
    files = {
        "Log.java": (
            "class Log {\n void log(String m) {}\n void log(String m, Throwable t) {}\n"
            " void log(String f, Object... p) {}\n void use(int n, Throwable t) {\n"
            '  log("%d %d", n, n);\n  log("x");\n  log("%d", n);\n  log("x", t);\n }\n}\n'
        ),
    }
    results = project(files)
    rows = function_rows(results)
    lines = {row.id: row.line for row in rows}
    # Two arguments: the fixed-arity one when it takes them, as Java's first phase; an
    # ``int`` it cannot take (a ``Throwable``), the variable-arity one.
    assert sorted(
        (edge.call_site_line, lines[edge.callee_id]) for edge in resolve_calls(rows, results)
    ) == [(6, 4), (7, 2), (8, 4), (9, 3)]


def test_java_wildcard_imports_bring_types_and_marker_interfaces_no_methods() -> None:
    # java.xml's DTM iterators: ``getDocument()`` in an inner class had reached the interface
    # ``DTM.getDocument`` through ``import …dtm.*``, past the enclosing class's inherited one.
    files = {
        "a/Api.java": "package a;\npublic interface Api { int getDocument(); }\n",
        "a/Iter.java": "package a;\npublic interface Iter extends Cloneable { int next(); }\n",
        "a/Util.java": (
            "package a;\npublic class Util {\n  public static int helper() { return 1; }\n}\n"
        ),
        "b/Base.java": (
            "package b;\nimport a.*;\n"
            "public abstract class Base implements Api {\n"
            "  public int getDocument() { return 1; }\n}\n"
        ),
        "b/IterBase.java": (
            "package b;\nimport a.*;\npublic abstract class IterBase implements Iter {}\n"
        ),
        "b/Outer.java": (
            "package b;\nimport a.*;\nimport static a.Util.*;\n"
            "public abstract class Outer extends Base {\n"
            "  class InnerBase extends IterBase { public int next() { return 0; } }\n"
            "  class ChildIt extends InnerBase {\n"
            "    int f() { return getDocument() + helper(); }\n  }\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("b/Outer.java::Outer.ChildIt.f", "a/Util.java::Util.helper", "export", 7),
        ("b/Outer.java::Outer.ChildIt.f", "b/Base.java::Base.getDocument", "method", 7),
    ]


def test_a_java_package_wildcard_still_brings_its_classes_constructors() -> None:
    files = {
        "a/Widget.java": (
            "package a;\npublic class Widget {\n  public Widget(int n) {}\n"
            "  public static Widget make(int n) { return new Widget(n); }\n}\n"
        ),
        "b/User.java": (
            "package b;\nimport a.*;\npublic class User {\n"
            "  void go() { Widget w = new Widget(3); Widget.make(1); }\n}\n"
        ),
    }
    assert [edge for edge in edges_of(files) if edge[0].startswith("b/")] == [
        ("b/User.java::User.go", "a/Widget.java::Widget.Widget", "export", 4),
        ("b/User.java::User.go", "a/Widget.java::Widget.make", "method", 4),
    ]


def test_a_go_factorys_declared_results_type_what_it_makes() -> None:
    # echo: ``e := New()`` with ``func New() (e *Echo)``; gin's ``CreateTestContext``.
    files = {
        "e/e.go": (
            "package e\n\ntype Echo struct{}\n\nfunc (e *Echo) Run() {}\n\n"
            "type Other struct{}\n\nfunc (o *Other) Run() {}\n\n"
            "func New() (e *Echo) { return &Echo{} }\n\n"
            "func NewFoo() *Echo { return &Echo{} }\n\n"
            "func Make() (c *Echo, err error) { return &Echo{}, nil }\n\n"
            "func Use() {\n\tb := New()\n\tb.Run()\n\tf := NewFoo()\n\tf.Run()\n"
            "\tm, _ := Make()\n\tm.Run()\n}\n"
        ),
    }
    assert [edge[1:] for edge in edges_of(files) if edge[1].endswith("Run")] == [
        ("e/e.go::Echo.Run", "method", 19),
        ("e/e.go::Echo.Run", "method", 21),
        ("e/e.go::Echo.Run", "method", 23),
    ]


def test_closures_assignments_and_chains_keep_a_librarys_values_the_librarys() -> None:
    # zod and nodemailer: a library's value in a closure, in a later assignment, or with a
    # call chained on it, had been guessed into repository code.
    files = {
        "src/local.ts": (
            "export class ZodType { safeParse(x: unknown) { return x; } }\n"
            "export class DKIM { sign(k: string) { return k; } }\n"
        ),
        "src/use.ts": (
            'import * as z from "zod";\nimport crypto from "node:crypto";\n'
            "export function outer() {\n  const s = z.object({});\n"
            "  const f = (v: unknown) => s.safeParse(v);\n"
            "  return s.pick({}).safeParse(1) && f(1);\n}\n"
            "export function signIt() {\n  let signer;\n"
            '  signer = crypto.createSign("x");\n  return signer.sign("k");\n}\n'
        ),
    }
    assert edges_of(files) == [("src/use.ts::outer", "src/use.ts::outer.f", "same_file", 6)]


def test_python_values_a_repository_function_hands_out_of_a_library_are_the_librarys() -> None:
    # pytest: ``a = pytester.mkdir("a")`` is a pathlib ``Path``; ``a.write_text()`` had been
    # guessed to ``LocalPath.write_text``.
    files = {
        "lp.py": "class LocalPath:\n    def write_text(self, t):\n        return t\n\n"
        "    def parse_body(self):\n        return 1\n",
        "pt.py": (
            "from pathlib import Path\n\n\nclass Pytester:\n"
            "    def mkdir(self, name) -> Path:\n        return Path(name)\n\n\n"
            "def make() -> Path:\n    return Path('x')\n"
        ),
        "t.py": (
            "import requests\nfrom pt import Pytester, make\n\n\n"
            "def test_a(t: Pytester):\n    a = t.mkdir('a')\n    a.write_text('x')\n"
            "    b = make()\n    b.write_text('y')\n\n\n"
            "class C:\n    def __init__(self):\n        self.session = requests.Session()\n\n"
            "    def go(self):\n        r = self.session.get('x')\n        return r.parse_body()\n"
        ),
    }
    assert edges_of(files) == [
        ("t.py::test_a", "pt.py::Pytester.mkdir", "method", 6),
        ("t.py::test_a", "pt.py::make", "import", 8),
    ]


def test_a_commonjs_property_holding_a_required_module_is_that_modules_value() -> None:
    # pino: ``module.exports.transport = require('./lib/transport')``; 29 test calls of
    # ``pino.transport(…)`` had reached nothing.
    files = {
        "pino.js": (
            "function pino() { return 1 }\nfunction dest() { return 2 }\n"
            "module.exports = pino\nmodule.exports.transport = require('./lib/transport')\n"
            "module.exports.dest = dest\n"
        ),
        "lib/transport.js": "function make(o) { return o }\nmodule.exports = make\n",
        "test/t.test.js": (
            "const pino = require('../pino')\n"
            "function go() { pino(); pino.transport({}); pino.dest() }\nmodule.exports = { go }\n"
        ),
    }
    assert edges_of(files) == [
        ("test/t.test.js::go", "lib/transport.js::make", "import", 2),
        ("test/t.test.js::go", "pino.js::dest", "import", 2),
        ("test/t.test.js::go", "pino.js::pino", "import", 2),
    ]


def test_go_functions_and_chains_declared_to_return_a_librarys_value() -> None:
    # echo: ``pool := gzipCompressPool(config)`` (a ``sync.Pool``) and
    # ``c.Response().Header().Set(…)`` had been guessed to its ``context.Get``/``Set``.
    files = {
        "b/a.go": (
            'package b\n\nimport (\n\t"net/http"\n\t"sync"\n)\n\n'
            "type Ctx struct{}\n\nfunc (c *Ctx) Get(k string) interface{} { return nil }\n"
            "func (c *Ctx) Set(k string, v string)   {}\n\n"
            "func mkPool() sync.Pool  { return sync.Pool{} }\n"
            "func mkHdr() http.Header { return nil }\n\n"
            "type Resp struct{}\n\nfunc (r *Resp) Header() http.Header { return nil }\n\n"
            "type Wrap struct{}\n\nfunc (w *Wrap) Response() *Resp { return nil }\n\n"
            "func f1(r *Resp, w *Wrap) {\n\tp := mkPool()\n\tp.Get()\n\th := mkHdr()\n"
            '\th.Set("a", "b")\n\tr.Header().Set("a", "b")\n'
            '\tx := w.Response().Header()\n\tx.Set("a", "b")\n}\n'
        ),
    }
    assert edges_of(files) == [
        ("b/a.go::f1", "b/a.go::Resp.Header", "method", 29),
        ("b/a.go::f1", "b/a.go::Resp.Header", "method", 30),  # through Response()'s result
        ("b/a.go::f1", "b/a.go::Wrap.Response", "method", 30),
        ("b/a.go::f1", "b/a.go::mkHdr", "same_file", 27),
        ("b/a.go::f1", "b/a.go::mkPool", "same_file", 25),
    ]


def test_go_chains_through_a_call_or_an_embedded_library_type_reach_a_librarys_value() -> None:
    # echo: ``c.Request().Header.Get(…)`` (``c echo.Context``, whose ``Request()`` is declared
    # ``*http.Request``) and ``c.response.Header().Set(…)`` had been guessed to its
    # ``context.Get``/``Set``; gin: ``c.Writer.Header().Set(…)`` in ``Context.Header``, whose
    # ``ResponseWriter`` embeds ``http.ResponseWriter``, to its ``Context.Set``. ``c.Request()``
    # on the interface reaches its one implementation.
    files = {
        "ctx.go": (
            'package e\n\nimport "net/http"\n\n'
            "type Context interface{ Request() *http.Request }\n\n"
            "type Resp struct{}\n\nfunc (r *Resp) Header() http.Header { return nil }\n\n"
            "type ResponseWriter interface {\n\thttp.ResponseWriter\n\tStatus() int\n}\n\n"
            "type context struct {\n\treq *http.Request\n\tresponse *Resp\n"
            "\tWriter ResponseWriter\n}\n\n"
            "func (c *context) Request() *http.Request { return c.req }\n"
            "func (c *context) Get(k string) any          { return nil }\n"
            "func (c *context) Set(k string, v any)      {}\n"
            'func (c *context) Redirect(u string) { c.response.Header().Set("Location", u) }\n'
            "func (c *context) Header(k, v string) { c.Writer.Header().Set(k, v) }\n"
        ),
        "mw/auth.go": (
            'package mw\n\nimport "example.com/e"\n\n'
            "func fromHeader(h string) func(e.Context) string {\n"
            "\treturn func(c e.Context) string { return c.Request().Header.Get(h) }\n}\n"
        ),
    }
    results = project(files)
    rows = function_rows(results)
    manifests = Manifests(go_modules={"": "example.com/e"})
    assert sorted(named_edges(resolve_calls(rows, results, manifests), rows)) == [
        ("ctx.go::context.Redirect", "ctx.go::Resp.Header", "method", 25),
        ("mw/auth.go::fromHeader", "ctx.go::context.Request", "method", 6),
    ]


def test_a_union_result_is_no_librarys_value_and_a_chain_on_a_path_is() -> None:
    # pytest: ``excinfo = pytest.raises(…)`` is ``-> Union[RaisesContext, ExceptionInfo]``
    # (its guesses stay), ``sub1.joinpath("x").write_text()`` on a pathlib ``Path`` (none).
    files = {
        "lp.py": "class LocalPath:\n    def write_text(self, t):\n        return t\n",
        "ex.py": (
            "from typing import Union\n\n\nclass ExceptionInfo:\n    def getrepr(self):\n"
            "        return 1\n\n\nclass RaisesContext:\n    pass\n\n\n"
            "def raises(e) -> Union[RaisesContext, ExceptionInfo]:\n    return ExceptionInfo()\n"
        ),
        "pt.py": (
            "from pathlib import Path\n\n\nclass Pytester:\n"
            "    def mkdir(self, name) -> Path:\n        return Path(name)\n"
        ),
        "t.py": (
            "from pt import Pytester\nfrom ex import raises\n\n\n"
            "def test_a(pytester: Pytester):\n    sub1 = pytester.mkdir('sub1')\n"
            "    sub1.joinpath('x').write_text('y')\n    e = raises(ValueError)\n"
            "    e.getrepr()\n"
        ),
    }
    assert [edge for edge in edges_of(files) if edge[0].startswith("t.py")] == [
        ("t.py::test_a", "ex.py::ExceptionInfo.getrepr", "fuzzy", 9),
        ("t.py::test_a", "ex.py::raises", "import", 8),
        ("t.py::test_a", "pt.py::Pytester.mkdir", "method", 6),
    ]


def test_fields_a_class_declares_carry_their_type_across_files() -> None:
    # gin: ``c, _ := CreateTestContext(w); c.Request.Header.Set(…)`` (30 guesses to
    # ``Context.Set``); pytest: ``self.path.read_text()`` in a subclass of ``Node``, which
    # declares ``self.path: Path``.
    files = {
        "gin/context.go": (
            'package gin\n\nimport "net/http"\n\ntype Context struct {\n'
            "\tRequest *http.Request\n}\n\nfunc (c *Context) Set(k string, v any) {}\n"
        ),
        "gin/helpers.go": (
            'package gin\n\nimport "net/http"\n\n'
            "func CreateTestContext(w http.ResponseWriter) (c *Context, r *Engine) {\n"
            "\treturn nil, nil\n}\n\ntype Engine struct{}\n"
        ),
        "gin/context_test.go": (
            'package gin\n\nimport "testing"\n\nfunc TestX(t *testing.T) {\n'
            '\tc, _ := CreateTestContext(nil)\n\tc.Request.Header.Set("a", "b")\n}\n'
        ),
        "node.py": (
            "import pathlib\n\n\nclass Node:\n    def __init__(self):\n"
            "        self.path: pathlib.Path = pathlib.Path('.')\n\n\n"
            "class LocalPath:\n    def read_text(self):\n        return 1\n"
        ),
        "doc.py": (
            "from node import Node\n\n\nclass DoctestTextfile(Node):\n"
            "    def collect(self):\n        return self.path.read_text()\n"
        ),
    }
    assert edges_of(files) == [
        ("gin/context_test.go::TestX", "gin/helpers.go::CreateTestContext", "import", 6)
    ]
    assert project(files)["gin/context.go"].classes[0].fields == (("Request", "http.Request"),)


def test_a_module_variable_seen_from_another_file_has_its_class() -> None:
    # pflag: ``var CommandLine = NewFlagSet(…)`` in flag.go, ``CommandLine.VarP`` in 143 calls
    # of other files (guesses); echo's package-level ``sync.Pool``; a Python ``STORE`` imported.
    files = {
        "pflag/flag.go": (
            'package pflag\n\nimport "sync"\n\ntype FlagSet struct{}\n\n'
            "func (f *FlagSet) VarP(n string) {}\n\n"
            "func NewFlagSet(n string) *FlagSet { return &FlagSet{} }\n\n"
            'var CommandLine = NewFlagSet("x")\n\nvar pool sync.Pool\n'
        ),
        "pflag/uint32.go": (
            "package pflag\n\nfunc Uint32P(n string) { CommandLine.VarP(n) }\n\n"
            "func Take() { pool.Get() }\n"
        ),
        "pflag/other.go": "package pflag\n\ntype Ctx struct{}\n\nfunc (c *Ctx) Get() {}\n",
        "app/store.py": (
            "class Store:\n    def save(self):\n        return 1\n\n\nSTORE = Store()\n"
        ),
        "app/use.py": "from app.store import STORE\n\n\ndef go():\n    return STORE.save()\n",
    }
    assert edges_of(files) == [
        ("app/use.py::go", "app/store.py::Store.save", "method", 5),
        ("pflag/uint32.go::Uint32P", "pflag/flag.go::FlagSet.VarP", "method", 3),
    ]
    assert project(files)["pflag/flag.go"].variables == (
        ("CommandLine", "NewFlagSet"),
        ("pool", "sync.Pool"),
    )


def test_module_variables_are_only_the_files_top_level_ones_and_yield_to_parameters() -> None:
    # echo: ``NotFoundHandler = func(c Context) error {…}`` had made ``c`` a package variable,
    # and every ``c.X()`` of the package lost its edge; a parameter named like a module
    # variable is another variable; a variable of an interface type reaches its
    # implementations.
    files = {
        "p/a.go": (
            "package p\n\ntype Store struct{}\n\nfunc (s *Store) Load() {}\n\n"
            "type Ctx struct{}\n\nfunc (c *Ctx) Param() {}\n\n"
            "var H = func(c *Store) {}\n\n"
            "type Saver interface{ Save() }\n\ntype store struct{}\n\n"
            "func (s *store) Save() {}\n\nvar V Saver = &store{}\n"
        ),
        "p/b.go": ("package p\n\nfunc Bind(c *Ctx) { c.Param() }\n\nfunc Keep() { V.Save() }\n"),
        "app/store.py": (
            "class Store:\n    def refill(self):\n        return 1\n\n\nstore = Store()\n"
        ),
        "app/use.py": (
            "from app.store import store\n\n\ndef use(store):\n    return store.refill()\n"
        ),
    }
    assert project(files)["p/a.go"].variables == (("V", "Saver"),)
    assert edges_of(files) == [
        ("p/b.go::Bind", "p/a.go::Ctx.Param", "method", 3),
        ("p/b.go::Keep", "p/a.go::store.Save", "method", 5),
    ]


def test_a_python_cast_gives_its_variable_the_class_it_names() -> None:
    files = {
        "r.py": "class Response:\n    def release(self):\n        return 1\n",
        "c.py": (
            "import typing as t\nfrom r import Response\n\n\nclass Client:\n"
            "    def go(self, w):\n        x = t.cast(Response, w)\n        return x.release()\n"
        ),
    }
    assert edges_of(files) == [("c.py::Client.go", "r.py::Response.release", "method", 8)]


@pytest.mark.parametrize("parameter_first", [True, False])
def test_a_parameter_hides_a_package_variable_whatever_the_order_of_functions(
    parameter_first: bool,
) -> None:
    # The per-file cache of targets had let whichever caller came first decide for both.
    use = "func Use(x interface{ Load() }) { x.Load() }\n"
    use2 = "func Use2() { x.Load() }\n"
    files = {
        "m/a.go": (
            "package m\n\ntype Store struct{}\n\nfunc (s *Store) Load() {}\n\n"
            "type Cache struct{}\n\nfunc (c *Cache) Load() {}\n\nvar x = &Cache{}\n"
        ),
        "m/b.go": "package m\n\n" + (use + use2 if parameter_first else use2 + use),
    }
    assert [edge[:3] for edge in edges_of(files)] == [
        ("m/b.go::Use2", "m/a.go::Cache.Load", "method")
    ]


def test_a_class_attribute_made_by_a_library_is_the_librarys() -> None:
    # DRF: ``header_regex = re.compile(…)`` in the class body, ``self.header_regex.match``.
    files = {
        "i.py": (
            "import re\n\n\nclass Inspector:\n    header_regex = re.compile('x')\n\n"
            "    def f(self, s):\n        return self.header_regex.match(s)\n"
        ),
        "m.py": "class MediaType:\n    def match(self, o):\n        return o\n",
    }
    assert edges_of(files) == []


def test_a_call_on_a_go_interface_reaches_the_method_of_each_implementation() -> None:
    # gorilla/mux's ``m.Match(…)`` over ``matchers []matcher``, viper's ``decoder.Decode(b,
    # v)`` on its ``Decoder``: no edge, and the six matchers' and eight codecs' methods read
    # "untested". Go implements an interface by the method set alone: a pointer or a value
    # receiver, a method promoted from an embedded struct, of the same signature (a namesake
    # taking three is no ``Decode(b, v)``, chi's ``Flush()`` no ``Flush() error``); an
    # interface's embedded interfaces add theirs (``error`` its ``Error() string``); a type
    # of test code answers a test's call only, and an example's (chi's ``_examples/``) an
    # example's.
    files = {
        "io/io.go": """
            package io

            type Closer interface{ Close() error }

            type ReadCloser interface {
                Closer
                Read(p []byte) int
            }

            type Fault interface {
                error
                Code() int
            }

            type File struct{}

            func (f *File) Close() error       { return nil }
            func (f *File) Read(p []byte) int  { return 0 }

            type Pipe struct{}

            func (p Pipe) Close() error { return nil }

            type base struct{}

            func (b *base) Close() error { return nil }

            type Conn struct{ base }

            type Registry struct{}

            func (r *Registry) Close(force bool) error { return nil }

            type Failure struct{}

            func (f Failure) Error() string { return "" }
            func (f Failure) Code() int     { return 1 }

            func CloseAll(cs []Closer, rc ReadCloser, f Fault) {
                for _, c := range cs {
                    c.Close()
                }
                rc.Close()
                f.Code()
            }

            type Syncer struct{}

            func (s Syncer) Close() {}
            """,
        "io/io_test.go": """
            package io

            import "testing"

            type fake struct{}

            func (f fake) Close() error { return nil }

            func TestClose(t *testing.T) {
                var c Closer = fake{}
                c.Close()
            }
            """,
        "_examples/demo/main.go": """
            package main

            type demo struct{}

            func (d demo) Close() error { return nil }
            """,
    }
    assert edges_of(files) == sorted(
        [
            # ``Conn`` runs the ``Close`` it embeds; ``Registry.Close(force)`` and
            # ``Syncer.Close()`` without a result are others.
            ("io/io.go::CloseAll", "io/io.go::File.Close", "method", 41),
            ("io/io.go::CloseAll", "io/io.go::Pipe.Close", "method", 41),
            ("io/io.go::CloseAll", "io/io.go::base.Close", "method", 41),
            ("io/io.go::CloseAll", "io/io.go::File.Close", "method", 43),  # it alone reads
            ("io/io.go::CloseAll", "io/io.go::Failure.Code", "method", 44),
            ("io/io_test.go::TestClose", "io/io.go::File.Close", "method", 11),
            ("io/io_test.go::TestClose", "io/io.go::Pipe.Close", "method", 11),
            ("io/io_test.go::TestClose", "io/io.go::base.Close", "method", 11),
            ("io/io_test.go::TestClose", "io/io_test.go::fake.Close", "method", 11),
        ]
    )
    declared = {cls.name: cls.declared for cls in project(files)["io/io.go"].classes}
    assert declared["ReadCloser"] == (("Read", "([]byte)(int)"),)
    assert declared["File"] == ()


def test_a_go_interface_of_unknown_methods_or_unexported_ones_or_too_many_types() -> None:
    # An interface embedding a library's (``io.Reader``, whose methods the repository does
    # not declare) is resolved as before: the library's part may answer, no guess. An unexported
    # method is implemented in the interface's package only. Past 64 implementations the
    # method is a hook every plugin fills in: no edge, and no guess.
    plugins = "".join(f"type p{i} struct{{}}\n\nfunc (p p{i}) Hook() {{}}\n\n" for i in range(65))
    files = {
        "s/s.go": """
            package s

            import "io"

            type Source interface {
                io.Reader
                Name() string
            }

            type sealed interface{ seal() }

            type Plugin interface{ Hook() }

            type own struct{}

            func (o own) seal() {}

            func Use(src Source, x sealed, p Plugin) {
                src.Name()
                x.seal()
                p.Hook()
            }
            """,
        "s/plugins.go": "package s\n\n" + plugins,
        "f/file.go": """
            package f

            type File struct{}

            func (f *File) Name() string { return "" }
            func (f *File) seal()        {}
            """,
    }
    assert edges_of(files) == [("s/s.go::Use", "s/s.go::own.seal", "method", 20)]


def test_a_go_interface_methods_result_is_what_a_call_of_it_gives() -> None:
    # echo: ``req := c.Request(); req.Header.Get(…)`` with ``Request() *http.Request`` declared
    # on the ``Context`` interface: about 60 guesses to echo's own ``context.Get``/``Set``.
    files = {
        "echo/context.go": (
            'package echo\n\nimport "net/http"\n\ntype Context interface {\n'
            "\tRequest() *http.Request\n\tGet(key string) interface{}\n}\n\n"
            "type context struct{ request *http.Request }\n\n"
            "func (c *context) Request() *http.Request { return c.request }\n"
            "func (c *context) Get(key string) interface{} { return nil }\n"
            "func (c *context) Set(key string, v interface{}) {}\n"
        ),
        "echo/bind.go": (
            "package echo\n\nfunc Bind(c Context) {\n\treq := c.Request()\n"
            '\treq.Header.Get("a")\n\tc.Request().Header.Set("a", "b")\n\tc.Get("k")\n}\n'
        ),
    }
    assert edges_of(files) == [
        ("echo/bind.go::Bind", "echo/context.go::context.Get", "method", 7),
        ("echo/bind.go::Bind", "echo/context.go::context.Request", "method", 4),
        ("echo/bind.go::Bind", "echo/context.go::context.Request", "method", 6),
    ]
    assert project(files)["echo/context.go"].classes[0].fields == (("Request", "http.Request"),)


def test_a_variable_made_by_its_own_method_ends_the_chain() -> None:
    # ``cursor = cursor.advance()``: the variable's maker is its own method; following it had
    # recursed for ever (the stdlib scan found it).
    files = {
        "m.py": (
            "class Node:\n    def advance(self):\n        return self\n\n"
            "    def payload(self):\n        return 1\n\n\n"
            "def walk(cursor):\n    cursor = cursor.advance()\n    cursor.child.reset()\n"
            "    return cursor.payload()\n"
        ),
    }
    assert [edge[1] for edge in edges_of(files)] == ["m.py::Node.advance", "m.py::Node.payload"]


def test_a_local_variable_hides_a_module_variable_of_its_name() -> None:
    # celery: ``for store in caches: store.refill()`` after ``from app.store import cache``
    # had reached the imported ``store``'s class; so had ``store = other`` and ``with … as``.
    # What the local holds is unknown: its call is left to the guess, as any local's is (but
    # ``with open(path) as cache`` holds a file: the builtin's, never guessed).
    files = {
        "app/store.py": (
            "class Store:\n    def refill(self):\n        return 1\n\n\ncache = Store()\n"
        ),
        "app/use.py": (
            "from app.store import cache\n\n\n"
            "def loop(caches):\n    for cache in caches:\n        cache.refill()\n\n\n"
            "def pairs(caches):\n    for name, cache in caches:\n        cache.refill()\n\n\n"
            "def assigned(other):\n    cache = other\n    return cache.refill()\n\n\n"
            "def opened(path):\n    with open(path) as cache:\n        return cache.refill()\n\n\n"
            "def shared():\n    return cache.refill()\n"
        ),
        "p/a.go": (
            "package p\n\ntype Store struct{}\n\nfunc (s *Store) Fill() {}\n\nvar st = &Store{}\n"
        ),
        "p/b.go": (
            "package p\n\nfunc Each(items []int) {\n\tfor _, st := range items {\n"
            "\t\tst.Fill()\n\t}\n}\n\nfunc Package() { st.Fill() }\n"
        ),
    }
    assert edges_of(files) == [
        ("app/use.py::assigned", "app/store.py::Store.refill", "fuzzy", 16),
        ("app/use.py::loop", "app/store.py::Store.refill", "fuzzy", 6),
        ("app/use.py::pairs", "app/store.py::Store.refill", "fuzzy", 11),
        ("app/use.py::shared", "app/store.py::Store.refill", "method", 25),
        ("p/b.go::Each", "p/a.go::Store.Fill", "fuzzy", 5),
        ("p/b.go::Package", "p/a.go::Store.Fill", "method", 9),
    ]


def test_guesses_skip_other_test_files_and_coroutines_not_awaited() -> None:
    # fastify: pino's ``logger.child()`` in a test had reached a type test's class (a test
    # file's classes are mostly doubles: its own calls guess none either); starlette:
    # ``assert response.json() == …`` on a test client's response, its ``async def json``.
    files = {
        "app/req.py": (
            "class Request:\n    async def json(self):\n        return 1\n\n"
            "    def body_text(self):\n        return 2\n"
        ),
        "tests/test_a.py": (
            "class CustomLogger:\n    def child(self):\n        return 1\n\n\n"
            "def test_own(log):\n    log.child()\n"
        ),
        "test/types/logger.tst.ts": (  # a TSTyche type test's class: no target either
            "class CustomLoggerImpl {\n  child(b: object) {\n    return this\n  }\n}\n"
        ),
        "test/route.test.js": (
            "const make = (logger, b) => logger.child(b)\nmodule.exports = { make }\n"
        ),
        "tests/test_b.py": (
            "def test_other(logger, response):\n    logger.child()\n"
            "    assert response.json() == {}\n    response.body_text()\n\n\n"
            "async def test_awaited(req):\n    await req.json()\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_b.py::test_awaited", "app/req.py::Request.json", "fuzzy", 8),
        ("tests/test_b.py::test_other", "app/req.py::Request.body_text", "fuzzy", 4),
    ]


def test_a_call_on_an_instance_never_reaches_a_static_method() -> None:
    # msw: ``class HttpResponse extends Response { static text() }`` and ``r.text()`` on
    # a fetch response, or on ``new HttpResponse(…)``: an instance's ``text``, the library's.
    files = {
        "src/response.ts": (
            "export class HttpResponse extends Response {\n  static text(b: string) {\n"
            "    return new HttpResponse(b)\n  }\n}\n\n"
            "export class Store {\n  static make() {\n    return new Store()\n  }\n"
            "  save() {\n    return 1\n  }\n}\n"
        ),
        "src/use.ts": (
            'import { HttpResponse, Store } from "./response"\n\n'
            "export async function read(u: string) {\n  const r = await fetch(u)\n"
            '  r.text()\n  new HttpResponse("x").text()\n  HttpResponse.text("y")\n'
            "  const s = Store.make()\n  s.save()\n  s.make()\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("src/use.ts::read", "src/response.ts::HttpResponse.text", "method", 7),
        ("src/use.ts::read", "src/response.ts::Store.make", "method", 8),
        ("src/use.ts::read", "src/response.ts::Store.save", "fuzzy", 9),  # make() says no type
    ]


def test_a_pytest_fixture_gives_the_parameter_named_after_it_its_value() -> None:
    # click: ``def runner(request): return CliRunner()`` in conftest.py; 265 tests calling
    # ``runner.invoke(…)`` had no edge. A library's value (``httpx.Client``) is no guess.
    files = {
        "src/cli/testing.py": (
            "class CliRunner:\n    def invoke(self, cmd):\n        return cmd\n\n\n"
            "class Client:\n    def fetch(self, url):\n        return url\n"
        ),
        "tests/conftest.py": (
            "import httpx\nimport pytest\n\nfrom cli.testing import CliRunner\n\n\n"
            "@pytest.fixture\ndef runner(request):\n    return CliRunner()\n\n\n"
            "@pytest.fixture\ndef http():\n    client = httpx.Client()\n    yield client\n"
        ),
        "tests/unit/test_cli.py": (
            "def test_invoke(runner, http):\n    runner.invoke('x')\n    http.fetch('/')\n"
        ),
        "tests/unit/test_other.py": "def test_plain(runner2):\n    runner2.fetch('/')\n",
    }
    assert edges_of(files) == [
        (
            "tests/unit/test_cli.py::test_invoke",
            "src/cli/testing.py::CliRunner.invoke",
            "method",
            2,
        ),
        # a parameter no fixture names is left to the guess, as before
        ("tests/unit/test_other.py::test_plain", "src/cli/testing.py::Client.fetch", "fuzzy", 2),
    ]


def test_a_pytest_fixture_is_asked_for_by_its_given_name() -> None:
    # structlog names 17 fixtures with ``name=`` (``@pytest.fixture(name="cr")`` on ``_cr``):
    # keyed by the function's name, their tests' calls reached nothing.
    files = {
        "src/dev.py": "class Renderer:\n    def render(self, x):\n        return x\n",
        "tests/test_dev.py": (
            "import pytest\n\nfrom dev import Renderer\n\n\n"
            '@pytest.fixture(name="cr")\ndef _cr():\n    return Renderer()\n\n\n'
            "@pytest.fixture(scope='module', name='other')\ndef _other() -> Renderer:\n"
            "    return Renderer()\n\n\n"
            "def test_named(cr, other, _cr):\n    cr.render(1)\n    other.render(2)\n"
            "    _cr.render(3)\n"
        ),
    }
    assert [e for e in edges_of(files) if e[0] == "tests/test_dev.py::test_named"] == [
        ("tests/test_dev.py::test_named", "src/dev.py::Renderer.render", "method", 17),
        ("tests/test_dev.py::test_named", "src/dev.py::Renderer.render", "method", 18),
        # ``_cr`` is no fixture's name but the file's function: no guess (line 19)
    ]


def test_a_test_mixins_self_call_guesses_a_sibling_of_its_own_file() -> None:
    # stdlib test_ipaddress: ``CommonTestMixin`` calls ``self.factory(…)``, which
    # ``BaseTestCase`` of the same file defines; another test file's ``factory`` is a double.
    files = {
        "tests/test_ip.py": (
            "class CommonTestMixin:\n    def test_empty(self):\n        self.factory('')\n\n\n"
            "class BaseTestCase:\n    def factory(self, text):\n        return text\n"
        ),
        "tests/test_other.py": (
            "class Fake:\n    def factory(self, text):\n        return text\n\n\n"
            "def test_it(thing):\n    thing.factory('x')\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_ip.py::CommonTestMixin.test_empty", "tests/test_ip.py::BaseTestCase.factory",
         "fuzzy", 3),
    ]  # fmt: skip


def test_a_class_defined_in_a_function_is_no_guess_from_outside_it() -> None:
    # click: ``runner.invoke(…)`` across tests/test_commands.py had reached the ``invoke`` of
    # ``OptParseCommand``, a class local to one test.
    files = {
        "pkg/runner.py": "class CliRunner:\n    def submit(self, cmd):\n        return cmd\n",
        "tests/test_things.py": (
            "def test_custom():\n    class LocalCommand:\n        def invoke(self, args):\n"
            "            return args\n\n    LocalCommand().invoke([])\n\n\n"
            "def test_runner(runner):\n    runner.invoke(None)\n    runner.submit(None)\n"
        ),
    }
    assert edges_of(files) == [
        # the test's own class, made and called in it, is no guess
        ("tests/test_things.py::test_custom",
         "tests/test_things.py::test_custom.LocalCommand.invoke", "method", 6),
        ("tests/test_things.py::test_runner", "pkg/runner.py::CliRunner.submit", "fuzzy", 11),
    ]  # fmt: skip


def test_a_nested_class_named_through_its_outer_class_reaches_its_static_method() -> None:
    # Swing: ``JComponent.KeyboardState.shouldProcess(e)`` had lost its edge.
    files = {
        "r/Outer.java": (
            "package r;\npublic class Outer {\n  static class State {\n"
            "    static boolean should(int e) { return true; }\n  }\n}\n"
        ),
        "r/User.java": (
            "package r;\nclass User {\n  boolean use(int e) { return Outer.State.should(e); }\n}\n"
        ),
    }
    assert edges_of(files) == [("r/User.java::User.use", "r/Outer.java::Outer.State.should",
                                "method", 3)]  # fmt: skip


def test_a_java_call_no_overload_takes_looks_on_in_the_base_class() -> None:
    # javac: ``translate(tree.body)`` in ``TransTypes``, whose ``translate`` takes two, reaches
    # ``TreeTranslator.translate(T)``; ``concat.makeConcat(tree)`` an instance overload, not
    # the static ``makeConcat(Context)`` declared first.
    files = {
        "t/Base.java": "package t;\nclass Base {\n  int translate(int t) { return t; }\n}\n",
        "t/Sub.java": (
            "package t;\nclass Sub extends Base {\n"
            "  int translate(int t, String s) { return t; }\n"
            "  int run(int t, Concat c) { c.makeConcat(t); return translate(t); }\n}\n"
        ),
        "t/Concat.java": (
            "package t;\nabstract class Concat {\n"
            "  static Concat makeConcat(Object context) { return null; }\n"
            "  abstract void makeConcat(int tree);\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("t/Sub.java::Sub.run", "t/Base.java::Base.translate", "method", 4),
        ("t/Sub.java::Sub.run", "t/Concat.java::Concat.makeConcat", "method", 4),
    ]


def test_a_function_put_on_a_parameters_object_is_no_method_of_a_class() -> None:
    # fastify: ``reply.send = () => { throw … }`` in one test's route had become the method
    # ``reply.send`` every other handler's ``reply.send(payload)`` reached.
    files = {
        "test/hooks.test.js": (
            "test('one', async (t) => {\n"
            "  fastify.get('/', (req, reply) => {\n"
            "    reply.send = () => { throw new Error('kaboom') }\n  })\n})\n\n"
            "async function handler(req, reply) {\n  reply.send({ a: 1 })\n}\n"
            "module.exports = { handler }\n"
        ),
    }
    assert edges_of(files) == []
    sent = [f for f in project(files)["test/hooks.test.js"].functions if f.name == "send"]
    assert [(f.qualified_name, f.class_name) for f in sent] == [("send", None)]


def test_a_variable_unpacked_from_a_call_holds_one_of_its_parts() -> None:
    # click: ``cmd_name, cmd, args = self.resolve_command(ctx, args)`` (``-> tuple[…]``) had
    # made ``cmd`` a tuple, a library's value, and ``cmd.make_context(…)`` lost its edge;
    # aiohttp: ``reader, writer = await asyncio.open_connection(…)``, a library's values.
    files = {
        "app/core.py": (
            "import asyncio\n\n\nclass Command:\n    def make_context(self, name):\n"
            "        return name\n\n    def readuntil(self, sep):\n        return sep\n\n\n"
            "class Group:\n    def resolve_command(self, args) -> tuple[str, Command]:\n"
            "        return args\n\n    def invoke(self, args):\n"
            "        name, cmd = self.resolve_command(args)\n        cmd.make_context(name)\n\n"
            "    async def talk(self):\n"
            "        reader, writer = await asyncio.open_connection('h', 1)\n"
            "        await reader.readuntil(b'x')\n"
        ),
    }
    assert edges_of(files) == [
        ("app/core.py::Group.invoke", "app/core.py::Command.make_context", "fuzzy", 18),
        ("app/core.py::Group.invoke", "app/core.py::Group.resolve_command", "method", 17),
    ]


def test_a_fixture_factory_makes_what_its_call_returns() -> None:
    # starlette: ``client = test_client_factory(app)`` with ``TestClientFactory.__call__(…)
    # -> TestClient``; aiohttp's yield fixture ``-> Iterator[AiohttpClient]``.
    files = {
        "app/testclient.py": (
            "from typing import Protocol\n\n\nclass TestClient:\n"
            "    def websocket_connect(self, url):\n        return url\n\n\n"
            "class TestClientFactory(Protocol):\n"
            "    def __call__(self, app) -> TestClient: ...\n"
        ),
        "tests/conftest.py": (
            "from typing import Iterator\n\nimport pytest\n\n"
            "from app.testclient import TestClient, TestClientFactory\n\n\n"
            "@pytest.fixture\ndef test_client_factory() -> TestClientFactory:\n"
            "    return TestClient\n\n\n"
            "@pytest.fixture\ndef aiohttp_client() -> Iterator[TestClientFactory]:\n"
            "    yield TestClient\n"
        ),
        "tests/test_ws.py": (
            "def test_ws(test_client_factory, aiohttp_client):\n"
            "    client = test_client_factory(object())\n"
            "    client.websocket_connect('/')\n"
            "    other = aiohttp_client(object())\n"
            "    other.websocket_connect('/x')\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_ws.py::test_ws", "app/testclient.py::TestClient.websocket_connect",
         "method", 3),
        ("tests/test_ws.py::test_ws", "app/testclient.py::TestClient.websocket_connect",
         "method", 5),
    ]  # fmt: skip


def test_names_destructured_from_a_librarys_value_are_the_librarys() -> None:
    # zod's tests: ``const { regexes } = z.core`` (zod v4 from the package) had its
    # ``regexes.email.test(…)`` guessed into the repository; ``this.props``' parts say nothing.
    files = {
        "src/checks.ts": "export class Checker {\n  verify(x: string) {\n    return x\n  }\n}\n",
        "test/email.test.ts": (
            'import { z } from "zod/v4"\n\n'
            "export function check(s: string) {\n  const { regexes } = z.core\n"
            "  regexes.verify(s)\n  const { data } = load()\n  data.verify(s)\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("test/email.test.ts::check", "src/checks.ts::Checker.verify", "fuzzy", 7),
    ]


def test_the_doms_methods_and_browser_classes_are_never_guessed() -> None:
    # svelte: ``node.addEventListener(…)`` had reached ``SvelteElement.addEventListener``, and
    # ``new MutationObserver(…)``'s ``observe`` ``ResizeObserverSingleton.observe``.
    files = {
        "src/element.js": (
            "export class SvelteElement {\n  addEventListener(t, f) {\n    return f\n  }\n}\n"
            "export class ResizeObserverSingleton {\n  observe(el) {\n    return el\n  }\n}\n"
        ),
        "src/events.js": (
            "export function listen(node, f) {\n  node.addEventListener('click', f)\n"
            "  var observer = new MutationObserver(f)\n  observer.observe(node)\n}\n"
        ),
    }
    assert edges_of(files) == []


def test_a_java_nested_class_of_another_file_is_seen_through_its_outer_class() -> None:
    # java.util: ``Map.Entry<K,V> e`` had resolved to ``EnumMap``'s private ``Entry``, and
    # ``e.getKey()`` to its method (27 wrong edges).
    files = {
        "java/util/Map.java": (
            "package java.util;\npublic interface Map<K,V> {\n"
            "  interface Entry<K,V> {\n    K getKey();\n  }\n}\n"
        ),
        "java/util/EnumMap.java": (
            "package java.util;\npublic class EnumMap<K,V> {\n  private class EntryIterator {\n"
            "    private class Entry {\n      public K getKey() { return null; }\n    }\n"
            "  }\n}\n"
        ),
        "java/util/Other.java": (
            "package java.util;\nclass Other {\n"
            "  Object a(Map.Entry<String, String> e) { return e.getKey(); }\n"
            "  Object b(Entry<String, String> f) { return f.getKey(); }\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("java/util/Other.java::Other.a", "java/util/Map.java::Map.Entry.getKey", "method", 3),
    ]


def test_a_java_class_nested_in_a_base_is_seen_by_its_short_name_and_through_new() -> None:
    # Swing's ``AccessibleJSlider extends AccessibleJComponent`` (nested in ``JComponent``,
    # ``JSlider``'s base); ``new ForkJoinTask.InvokeAnyRoot<T>().invokeAny(…)``.
    files = {
        "p/A.java": (
            "package p;\npublic class A {\n  public static class Inner { public void m() {} }\n"
            "  public static class Gen<T> { public void g() {} }\n}\n"
        ),
        "p/B.java": (
            "package p;\npublic class B extends A {\n  void f(Inner i) { i.m(); }\n"
            "  void h() { new A.Gen<String>().g(); }\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/B.java::B.f", "p/A.java::A.Inner.m", "method", 3),
        ("p/B.java::B.h", "p/A.java::A.Gen.g", "method", 4),
    ]


def test_java_overloads_of_one_arity_are_told_apart_by_the_arguments_types() -> None:
    # Swing's 244 ``firePropertyChange`` calls had all reached the ``boolean`` overload;
    # javac's ``getTargetNames(TypeSymbol)`` the ``JCAnnotation`` one, declared first.
    files = {
        "Calc.java": """
            package a;
            class Calc {
              void print(Object o) {}
              void print(char c) {}
              void fire(String n, boolean o, boolean v) {}
              void fire(String n, int o, int v) {}
              void fire(String n, Object o, Object v) {}
              void names(JCAnnotation a) {}
              void names(TypeSymbol s) {}
              void use(TypeSymbol sym, int w, Object x) {
                print('x');
                fire("width", w, 2);
                fire("value", x, null);
                names(sym);
                print(x);
              }
            }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    line_of = {row.id: row.line for row in rows}
    edges = sorted(
        (line_of[e.caller_id], line_of[e.callee_id]) for e in resolve_calls(rows, results)
    )
    # print('x') -> print(char); fire(…, w, 2) -> fire(int); fire(…, x, null) -> fire(Object);
    # names(sym) -> names(TypeSymbol); print(x) -> print(Object)
    assert edges == [(10, 3), (10, 4), (10, 6), (10, 7), (10, 9)]


def test_a_java_anonymous_class_in_a_fields_value_is_no_part_of_its_class() -> None:
    # javac's ``List.EMPTY_LIST = new List<Object>() { isEmpty() … }``: 160 calls of
    # ``isEmpty()`` had reached the anonymous class's.
    files = {
        "util/List.java": (
            "package util;\npublic class List<A> {\n"
            "  static final List<?> EMPTY_LIST = new List<Object>() {\n"
            "    public boolean isEmpty() { return true; }\n  };\n"
            "  public boolean isEmpty() { return false; }\n}\n"
        ),
        "util/Use.java": (
            "package util;\nclass Use {\n  boolean f(List<String> xs) { return xs.isEmpty(); }\n}\n"
        ),
    }
    results = project(files)
    rows = function_rows(results)
    line_of = {row.id: (row.file, row.line) for row in rows}
    edges = [(line_of[e.caller_id], line_of[e.callee_id]) for e in resolve_calls(rows, results)]
    assert edges == [(("util/Use.java", 3), ("util/List.java", 6))]
    names = {row.qualified_name for row in rows if row.file == "util/List.java"}
    assert names == {"List.EMPTY_LIST.isEmpty", "List.isEmpty"}


def test_a_javascript_class_nothing_defines_or_imports_is_the_platforms() -> None:
    # svelte: ``new MutationObserver(…)``; any global class of the platform alike.
    files = {
        "src/sizes.js": "export class Sizer {\n  measure(el) {\n    return el\n  }\n}\n",
        "src/use.js": (
            'import { Sizer } from "./sizes.js"\n'
            "export function track(el) {\n  const io = new IntersectionObserverV3(el)\n"
            "  io.measure(el)\n  const s = new Sizer()\n  s.measure(el)\n}\n"
        ),
    }
    assert edges_of(files) == [("src/use.js::track", "src/sizes.js::Sizer.measure", "method", 6)]


def test_a_class_defined_in_a_function_is_seen_from_that_function_alone() -> None:
    # pydantic's tests/test_edge_cases.py: each test defines its own ``Model``; 136 calls had
    # reached one test's ``Model.__init__``, and ``Model(1)`` where no ``Model`` is in reach
    # had reached another test's.
    files = {
        "tests/test_models.py": (
            "def test_a():\n    class Model:\n        def __init__(self):\n            self.v = 1\n"
            "\n\ndef test_b():\n    class Model:\n        pass\n\n    Model()\n"
            "\n\ndef test_c():\n    Model(1)\n"
            "\n\ndef test_d():\n    class Model:\n        def __init__(self, x):\n"
            "            self.x = x\n\n    def inner():\n        return Model(2)\n\n    Model(3)\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_models.py::test_d", "tests/test_models.py::test_d.Model.__init__",
         "same_file", 26),
        ("tests/test_models.py::test_d.inner", "tests/test_models.py::test_d.Model.__init__",
         "same_file", 24),
    ]  # fmt: skip


def test_a_class_without_a_constructor_runs_its_repository_base_s() -> None:
    # pydantic's tests build ``class M(BaseModel)`` and call ``M(…)``: ``BaseModel.__init__``
    # runs (it had read "untested" but for ``super().__init__`` calls). A library base's
    # constructor is none of the repository's; ``Root(1).dump()`` calls the instance's method.
    files = {
        "pkg/core.py": (
            "class Root:\n    def __init__(self, v):\n        self.v = v\n\n"
            "    def dump(self):\n        return self.v\n\n\n"
            "class Other:\n    def dump(self):\n        return 0\n"
        ),
        "pkg/shapes.ts": (
            "export class Shape {\n  constructor(public n: number) {}\n}\n"
            "export class Square extends Shape {}\n"
        ),
        "tests/test_core.py": (
            "from json import JSONDecoder\nfrom pkg.core import Root\n\n\n"
            "class Sub(Root):\n    pass\n\n\nclass Mine(JSONDecoder):\n    pass\n\n\n"
            "def test_sub():\n    Sub(2)\n    Mine()\n    Root(1).dump()\n\n\n"
            "def test_local():\n    class Plain(Root):\n        pass\n\n    Plain(1).dump()\n"
            "\n\ndef test_other():\n    class Plain(Root):\n        pass\n\n    Plain(2)\n"
        ),
        "tests/shapes.test.ts": (
            "import { Square } from '../pkg/shapes';\n"
            "export function make() { return new Square(2); }\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/shapes.test.ts::make", "pkg/shapes.ts::Shape.constructor", "import", 2),
        ("tests/test_core.py::test_local", "pkg/core.py::Root.__init__", "method", 23),
        ("tests/test_core.py::test_local", "pkg/core.py::Root.dump", "method", 23),
        # a class of the same name and bases in another test: its base's constructor all
        # the same
        ("tests/test_core.py::test_other", "pkg/core.py::Root.__init__", "method", 30),
        ("tests/test_core.py::test_sub", "pkg/core.py::Root.__init__", "import", 16),
        ("tests/test_core.py::test_sub", "pkg/core.py::Root.__init__", "method", 14),
        ("tests/test_core.py::test_sub", "pkg/core.py::Root.dump", "method", 16),
    ]  # fmt: skip


def _java_edge_lines(files: dict[str, str]) -> list[tuple[str, int, int]]:
    """(caller's file, call line, callee line) of each edge."""
    results = project(files)
    rows = function_rows(results)
    by_id = {row.id: row for row in rows}
    return sorted(
        (by_id[e.caller_id].file, e.call_site_line, by_id[e.callee_id].line)
        for e in resolve_calls(rows, results)
    )


def test_java_arguments_no_fixed_arity_overload_takes_reach_the_variable_arity_one() -> None:
    # The JDK's java.net.http ``Logger``: 127 of the 153 two-argument ``debug.log(…)`` calls
    # had reached ``log(String, Throwable)``: ``log("Opened stream %d", streamid)``, an
    # ``(Object) e`` cast, ``log("Decoder created: %s", hpackIn)``. An argument of a class
    # that may be a Throwable's subclass keeps it.
    files = {
        "Log.java": """
            package a;
            class Log {
              void log(String m) {}
              void log(String m, Throwable t) {}
              void log(String f, Object... a) {}
              void use(Log debug, int streamid, String name, Exception e, Throwable t,
                       Conn c, Decoder d, Sock s) {
                debug.log("Opened stream %d", streamid);
                debug.log("name %s", name);
                debug.log("closure", (Object) e);
                debug.log("err", t);
                debug.log("err", e);
                debug.log("conn %s", c);
                debug.log("%s %s", name, name);
                debug.log("done");
                debug.log("decoder %s", d);
                debug.log("socket", s);
              }
            }
            """,
        "Decoder.java": "package a;\nclass Decoder implements Sink {}\n",
        "Sink.java": "package a;\ninterface Sink extends java.io.Serializable {}\n",
        "Sock.java": "package a;\nclass Sock extends java.io.IOException {}\n",
    }
    assert _java_edge_lines(files) == [
        ("Log.java", 8, 5),  # int: log(String, Object...)
        ("Log.java", 9, 5),  # String
        ("Log.java", 10, 5),  # (Object) e
        ("Log.java", 11, 4),  # Throwable: log(String, Throwable)
        ("Log.java", 12, 4),  # Exception
        ("Log.java", 13, 4),  # ``Conn`` is not the repository's: it may be a Throwable
        ("Log.java", 14, 5),
        ("Log.java", 15, 3),
        ("Log.java", 16, 5),  # ``Decoder``'s whole ancestry is the repository's: no Throwable
        ("Log.java", 17, 4),  # ``Sock`` extends a library's class
    ]


def test_java_enum_constants_have_their_enums_type() -> None:
    # The JDK's HPACK ``Logger``: all 33 ``logger.isLoggable(NORMAL)`` calls, ``NORMAL`` a
    # statically imported ``HPACK.Logger.Level`` constant, had reached the overload taking a
    # ``System.Logger.Level``, declared first.
    files = {
        "p/HPACK.java": """
            package p;
            public final class HPACK {
              public static class Logger implements System.Logger {
                public enum Level {
                  NONE, NORMAL, EXTRA;
                  boolean quiet() { return at(NONE); }
                  boolean at(Level other) { return true; }
                  boolean at(System.Logger.Level other) { return false; }
                }
                public boolean isLoggable(System.Logger.Level level) { return true; }
                public boolean isLoggable(Level level) { return true; }
              }
            }
            """,
        "p/Decoder.java": """
            package p;
            import static p.HPACK.Logger.Level.EXTRA;
            import static p.HPACK.Logger.Level.NORMAL;
            class Decoder {
              HPACK.Logger logger;
              void decode() {
                logger.isLoggable(NORMAL);
                logger.isLoggable(HPACK.Logger.Level.EXTRA);
                logger.isLoggable(System.Logger.Level.DEBUG);
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        # NORMAL and HPACK.Logger.Level.EXTRA: isLoggable(Level); a library enum's constant
        # says nothing: the first declared
        ("p/Decoder.java", 7, 11),
        ("p/Decoder.java", 8, 11),
        ("p/Decoder.java", 9, 10),
        ("p/HPACK.java", 6, 7),  # at(NONE) in the enum itself: at(Level)
    ]


def test_java_array_arguments_pick_the_overload_of_their_element_type() -> None:
    # The JDK's java.util: ``Arrays.fill(vals, null)`` with ``Object[] vals`` had reached
    # ``fill(long[], long)``, ``hashCode((int[]) a)`` ``hashCode(long[])``, declared first.
    files = {
        "Arrays.java": """
            package a;
            class Arrays {
              static void fill(long[] a, long v) {}
              static void fill(int[] a, int v) {}
              static void fill(Object[] a, Object v) {}
              void use(Object[] vals, int[] entries) {
                fill(vals, null);
                fill(entries, -1);
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [("Arrays.java", 7, 5), ("Arrays.java", 8, 4)]


def _java_labelled_edges(files: dict[str, str]) -> list[tuple[str, int, int, str]]:
    """(caller's file, call line, callee line, resolution) of each edge."""
    results = project(files)
    rows = function_rows(results)
    by_id = {row.id: row for row in rows}
    return sorted(
        (by_id[e.caller_id].file, e.call_site_line, by_id[e.callee_id].line, e.resolution)
        for e in resolve_calls(rows, results)
    )


def test_a_java_call_argument_has_the_type_its_method_declares_it_returns() -> None:
    # The JDK's java.time: ``now(Clock.system(zone))`` inside ``now(ZoneId)`` reached itself,
    # in all 19 ``now(ZoneId)``; ``with(isoDate.plusDays(days))`` the public
    # ``with(TemporalAdjuster)``, not the private ``with(LocalDate)``; YearMonth's
    # ``of(year, month.getValue())`` itself; java.util.concurrent's ``new
    # ConcurrentSkipListSet<E>(m.headMap(…))`` the ``Comparator`` constructor.
    files = {
        "p/Clock.java": """
            package p;
            public final class Clock {
              public static Clock system(Zone zone) { return new Clock(); }
              public static Clock utc() { return null; }
            }
            """,
        "p/Month.java": (
            "package p;\npublic enum Month {\n  JAN;\n  public int getValue() { return 1; }\n}\n"
        ),
        "p/Day.java": """
            package p;
            public final class Day implements Adjuster {
              Day plusDays(long days) { return this; }
            }
            """,
        "p/Adjuster.java": "package p;\npublic interface Adjuster {}\n",
        "p/Navigable.java": """
            package p;
            public interface Navigable<K, V> extends java.util.NavigableMap<K, V> {
              Navigable<K, V> headMap(K to);
            }
            """,
        "p/T.java": """
            package p;
            public final class T {
              private final Day iso;
              private final Navigable<String, Object> m;
              public static T now() { return now(Clock.utc()); }
              public static T now(Zone zone) { return now(Clock.system(zone)); }
              public static T now(Clock clock) { return null; }
              public T with(Adjuster a) { return this; }
              private T with(Day d) { return this; }
              T plusDays(long days) { return with(iso.plusDays(days)); }
              static T of(int year, Month month) { return of(year, month.getValue()); }
              static T of(int year, int month) { return null; }
              T(java.util.Comparator<String> c) {}
              T(java.util.Collection<String> c) {}
              private T(Navigable<String, Object> m) {}
              T head(String to) { return new T(m.headMap(to)); }
            }
            """,
    }
    assert _java_labelled_edges(files) == [
        ("p/T.java", 5, 4, "method"),  # Clock.utc()
        ("p/T.java", 5, 7, "same_file"),  # now(Clock)
        ("p/T.java", 6, 3, "method"),  # Clock.system(zone)
        ("p/T.java", 6, 7, "same_file"),  # now(Clock), not itself
        ("p/T.java", 10, 3, "method"),  # iso.plusDays(days)
        ("p/T.java", 10, 9, "same_file"),  # with(Day)
        ("p/T.java", 11, 4, "method"),  # month.getValue()
        ("p/T.java", 11, 12, "same_file"),  # of(int, int)
        ("p/T.java", 16, 3, "method"),  # m.headMap(to)
        ("p/T.java", 16, 15, "same_file"),  # T(Navigable)
    ]


def test_an_untyped_tie_between_java_overloads_is_a_guess_and_never_the_caller() -> None:
    # java.time's ``now(ZoneId)`` calling ``now(<something unknown>)`` had reached itself,
    # labelled ``same_file`` (0.95), above a choice the types made (``method``, 0.9).
    files = {
        "p/T.java": """
            package p;
            public final class T {
              public static T now(Zone zone) { return now(zone.clock()); }
              public static T now(Clock clock) { return null; }
              static T use(Object o) { return now(o.hashCode()); }
              static T other(Holder h) { return now(h.thing); }
              static T typed(Clock c) { return now(c); }
            }
            """,
    }
    assert _java_labelled_edges(files) == [
        ("p/T.java", 3, 4, "fuzzy"),  # not itself, a guess
        ("p/T.java", 5, 3, "fuzzy"),  # an int: the types known rule out both
        ("p/T.java", 6, 3, "fuzzy"),  # nothing known: the first declared, a guess
        ("p/T.java", 7, 4, "same_file"),
    ]


def test_java_arguments_of_expressions_pick_their_overloads() -> None:
    # java.time: ``LocalDate.of(y, ((qoy - 1) * 3) + 1, 1)`` had reached ``of(int, Month,
    # int)``, ``plus(millisToAdd / 1000, …)`` ``plus(long, TemporalUnit)``, ``new
    # ZoneOffsetTransition(savingsInstantTransitions[i], …)`` of a ``long[]`` the
    # ``LocalDateTime`` constructor, ``LocalDate.of(ymd[0], ymd[1], ymd[2])`` of an ``int[]``
    # ``of(int, Month, int)``; bsh's ``invokeMethod(name, new Class[]{clas})`` itself.
    files = {
        "p/D.java": """
            package p;
            public final class D {
              private long[] times;
              static D of(int y, Month m, int d) { return null; }
              static D of(int y, int m, int d) { return null; }
              D plus(long s, Unit u) { return this; }
              D plus(long s, long n) { return this; }
              D(Stamp s, Zone z) {}
              D(long s, Zone z) {}
              void find(String n, Class c) { find(n, new Class[]{c}); }
              void find(String n, Class[] cs) {}
              void use(int q, long millis, int[] ymd, boolean b, Zone z, int i) {
                of(q, ((q - 1) * 3) + 1, 1);
                of(ymd[0], ymd[1], -ymd[2]);
                plus(millis / 1000, (millis % 1000) * 1000);
                plus(-millis, b ? 1 : 2L);
                new D(times[i], z);
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        ("p/D.java", 10, 11),  # find(n, new Class[]{…}): not itself
        ("p/D.java", 13, 5),  # of(int, int, int)
        ("p/D.java", 14, 5),
        ("p/D.java", 15, 7),  # plus(long, long)
        ("p/D.java", 16, 7),
        ("p/D.java", 17, 9),  # D(long, Zone)
    ]


def test_java_short_and_byte_arguments_widen_and_box_as_java_does() -> None:
    # java.time's ``LocalDate.withDayOfMonth``: ``of(year, month, dayOfMonth)`` with the field
    # ``short month`` had reached ``of(int, Month, int)``: a ``short`` fitted no ``int``.
    files = {
        "p/D.java": """
            package p;
            public final class D {
              private final short month;
              private final byte day;
              static D of(int y, Month m, int d) { return null; }
              static D of(int y, int m, int d) { return null; }
              static void box(Month m) {}
              static void box(Number n) {}
              static void wide(String s) {}
              static void wide(long n) {}
              D with(int y, Integer boxed) {
                box(boxed);
                wide(boxed);
                wide(day);
                return of(y, month, day);
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        ("p/D.java", 12, 8),  # an Integer is a Number
        ("p/D.java", 13, 10),  # unboxed, then widened
        ("p/D.java", 14, 10),
        ("p/D.java", 15, 6),
    ]


def test_a_java_array_argument_is_no_instance_of_its_element_type() -> None:
    # bsh's ``BshClassPath``: ``map((URL[]) path.toArray(…))`` had reached ``map(URL)``, and
    # ``map(urls[i])`` inside ``map(URL[])`` itself.
    files = {
        "p/U.java": """
            package p;
            import java.net.URL;
            import java.util.List;
            class U {
              void map(URL[] urls) { map(urls[0]); }
              void map(URL url) { }
              void viaVariable(URL[] arr) { map(arr); }
              void viaLocal() { URL[] arr = new URL[0]; map(arr); }
              void viaCast(List<URL> path) { map((URL[]) path.toArray(new URL[0])); }
              void viaNewArray() { map(new URL[0]); }
              void viaElement(URL[] arr) { map(arr[0]); }
              void viaOldStyle(URL arr[]) { map(arr); }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        ("p/U.java", 5, 6),
        ("p/U.java", 7, 5),
        ("p/U.java", 8, 5),
        ("p/U.java", 9, 5),
        ("p/U.java", 10, 5),
        ("p/U.java", 11, 6),
        ("p/U.java", 12, 5),
    ]


def test_a_java_enum_constant_fits_the_interfaces_its_enum_implements() -> None:
    # java.time's ``DateTimeFormatterBuilder``: ``context.getValue(INSTANT_SECONDS)``, a
    # ``ChronoField`` that implements ``TemporalField``, had reached ``getValue(TemporalQuery)``.
    files = {
        "p/Field.java": "package p;\npublic interface Field {}\n",
        "p/Query.java": "package p;\npublic interface Query<R> {}\n",
        "p/CF.java": "package p;\npublic enum CF implements Field { A, B }\n",
        "p/Ctx.java": """
            package p;
            final class Ctx {
              <R> R getValue(Query<R> query) { return null; }
              Long getValue(Field field) { return null; }
            }
            """,
        "p/U.java": """
            package p;
            import static p.CF.A;
            final class U {
              void m(Ctx c) {
                c.getValue(A);
                c.getValue(CF.B);
                CF g = CF.B;
                c.getValue(g);
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        ("p/U.java", 5, 4),
        ("p/U.java", 6, 4),
        ("p/U.java", 8, 4),
    ]


def test_a_java_lambda_fits_an_interface_and_a_class_of_a_library_leaf_interface_its_own() -> None:
    # java.time's ``formatter.parse(text, LocalDate::from)`` had reached ``parse(CharSequence,
    # ParsePosition)``; ``context.setParsed(ZoneOffset.UTC)`` ``setParsed(Chronology)``:
    # ``ZoneOffset extends ZoneId implements Comparable<ZoneOffset>``, a library interface
    # that extends none, so its ancestry is known all the same.
    files = {
        "p/Query.java": "package p;\npublic interface Query<R> { R from(Object o); }\n",
        "p/Chrono.java": "package p;\npublic interface Chrono {}\n",
        "p/Zone.java": (
            "package p;\npublic abstract class Zone implements java.io.Serializable {}\n"
        ),
        "p/Offset.java": """
            package p;
            public final class Offset extends Zone implements Comparable<Offset> {
              public static final Offset UTC = null;
            }
            """,
        "p/F.java": """
            package p;
            final class F {
              Object parse(CharSequence text, java.text.ParsePosition position) { return null; }
              <T> T parse(CharSequence text, Query<T> query) { return null; }
              void setParsed(Chrono c) {}
              void setParsed(Zone z) {}
              void use(String text) {
                parse(text, Offset::valueOf);
                parse(text, o -> o);
                setParsed(Offset.UTC);
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        ("p/F.java", 8, 4),
        ("p/F.java", 9, 4),
        ("p/F.java", 10, 6),
    ]


def test_java_dispatch_reaches_the_overrides_of_the_overload_called() -> None:
    # java.time's ``TemporalAccessor.range``: ``isSupported(field)`` had reached
    # ``ChronoLocalDate.isSupported(TemporalUnit)``, an override of the other overload.
    files = {
        "p/Acc.java": """
            package p;
            public interface Acc {
              boolean isSupported(Field f);
              default boolean check(Field f) { return isSupported(f); }
            }
            """,
        "p/Date.java": """
            package p;
            public interface Date extends Acc {
              default boolean isSupported(Field f) { return true; }
              default boolean isSupported(Unit u) { return false; }
            }
            """,
    }
    assert _java_labelled_edges(files) == [
        ("p/Acc.java", 4, 3, "method"),  # Date's
        ("p/Acc.java", 4, 3, "same_file"),
    ]


def test_java_library_results_and_caught_exceptions_type_arguments() -> None:
    # java.util.concurrent: ``invokeAll(tasks.toArray(new ForkJoinTask<?>[0]))`` inside
    # ``invokeAll(Collection)`` had reached itself, not ``invokeAll(ForkJoinTask<?>...)``;
    # ``new ExecutionException(rex)`` in ``catch (RuntimeException rex)`` the ``String``
    # constructor; java.time's ``appendLiteral(str.replace("''", "'"))`` ``appendLiteral(char)``.
    files = {
        "p/Failure.java": """
            package p;
            class Failure extends Exception {
              Failure(String message) {}
              Failure(Throwable cause) {}
            }
            """,
        "p/Task.java": """
            package p;
            abstract class Task {
              static void invokeAll(Task... tasks) {}
              static <T extends Task> void invokeAll(java.util.Collection<T> tasks) {
                invokeAll(tasks.toArray(new Task[0]));
              }
              static void append(char c) {}
              static void append(String s) {}
              void run(String str) {
                append(str.replace("''", "'"));
                append(String.valueOf(1));
                append(str.charAt(0));
                try { run(str); } catch (RuntimeException rex) { new Failure(rex); }
              }
            }
            """,
    }
    assert _java_edge_lines(files) == [
        ("p/Task.java", 5, 3),
        ("p/Task.java", 10, 8),  # a String's replace
        ("p/Task.java", 11, 8),
        ("p/Task.java", 12, 7),  # charAt: append(char)
        ("p/Task.java", 13, 4),  # Failure(Throwable)
        ("p/Task.java", 13, 9),
    ]


def test_a_javascript_method_name_an_object_also_holds_is_no_guess() -> None:
    # koa: ``ctx.onerror(err)`` is the context object's ``onerror`` (``module.exports = {
    # onerror(err) {…} }``), not ``Application.onerror``; zod: ``ctx.addIssue(…)`` is the
    # refinement context's (``{ addIssue: (arg) => … }``), not ``ZodError.addIssue``.
    files = {
        "lib/application.js": (
            "class Application {\n  onerror(err) { return err }\n"
            "  addIssue(i) { return i }\n  handle(ctx) { ctx.onerror(1); ctx.addIssue(2);"
            " ctx.unrelated(3) }\n  unrelated(x) { return x }\n}\n"
            "module.exports = Application\n"
        ),
        "lib/context.js": "module.exports = {\n  onerror(err) { return err }\n}\n",
        "lib/refine.js": (
            "function parse(v) {\n  const ctx = { addIssue: (arg) => arg }\n  return ctx\n}\n"
            "module.exports = { parse }\n"
        ),
    }
    assert edges_of(files) == [
        ("lib/application.js::Application.handle", "lib/application.js::Application.unrelated",
         "fuzzy", 4),
    ]  # fmt: skip


def test_a_javascript_library_value_behind_a_property_or_a_ternary_is_no_guess() -> None:
    # express: ``var mime = require("send").mime`` (and ``send.mime``), then ``mime.lookup()``
    # had reached ``View.lookup``; axios: ``typeof TextEncoder === "function" ? new
    # TextEncoder() : new util.TextEncoder()`` then ``textEncoder.encode()`` had reached
    # ``FormDataPart.encode``, and ``transport = isHttps ? https : http`` (or a name
    # destructured from ``follow-redirects``) then ``transport.request()`` ``Axios.request``.
    files = {
        "lib/view.js": (
            "class View {\n  lookup(n) { return n }\n  encode(s) { return s }\n"
            "  request(o) { return o }\n  refill(o) { return o }\n}\nmodule.exports = View\n"
        ),
        "lib/use.js": (
            "const util = require('util')\nconst http = require('http')\n"
            "const https = require('https')\nconst send = require('send')\n"
            "const { http: httpFollow } = require('follow-redirects')\n"
            "var mime = require('send').mime\nvar types = send.mime\n"
            "const enc = typeof TextEncoder === 'function' ? new TextEncoder() :"
            " new util.TextEncoder()\n"
            "function a(t) { return mime.lookup(t) + types.lookup(t) + enc.encode(t) }\n"
            "function b(o, isHttps, store) {\n  let transport = isHttps ? https : http\n"
            "  transport.request(o)\n  transport = httpFollow\n  transport.request(o)\n"
            "  const other = isHttps ? store : http\n  other.refill(o)\n}\n"
            "module.exports = { a, b }\n"
        ),
    }
    # Only ``other`` may be the repository's (``store``): it is still guessed.
    assert edges_of(files) == [("lib/use.js::b", "lib/view.js::View.refill", "fuzzy", 16)]


def test_a_library_class_a_package_passes_on_is_no_guess() -> None:
    # pydantic: ``from pydantic import ValidationError``, which pydantic's ``__init__`` takes
    # from pydantic_core; ``exc.errors()`` had been guessed to the v1 ``ValidationError``'s.
    files = {
        "pkg/__init__.py": "from pydantic_core import ValidationError\nfrom .main import run\n",
        "pkg/main.py": "def run():\n    return 1\n",
        "pkg/v1/errors.py": (
            "class ValidationError(Exception):\n    def errors(self):\n        return []\n"
        ),
        "tests/test_errors.py": (
            "from pkg import ValidationError, run\n\n\ndef test_errors():\n    try:\n"
            "        run()\n    except ValidationError as exc:\n        exc.errors()\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_errors.py::test_errors", "pkg/main.py::run", "import", 6),
    ]


def test_a_property_is_no_guess() -> None:
    # fastapi: ``route.endpoint({})`` calls what an attribute holds; it had been guessed to
    # the property ``RouteContext.endpoint``, whose getter is read, never called so.
    files = {
        "pkg/routing.py": (
            "class RouteContext:\n    @property\n    def endpoint(self):\n"
            "        return self._e\n\n    def render_page(self):\n        return 1\n"
        ),
        "tests/test_routes.py": (
            "def test_route(route):\n    route.endpoint({})\n    route.render_page()\n"
        ),
    }
    assert edges_of(files) == [
        (
            "tests/test_routes.py::test_route",
            "pkg/routing.py::RouteContext.render_page",
            "fuzzy",
            3,
        ),
    ]


def test_a_method_of_what_a_chain_of_calls_makes() -> None:
    # gin's tests: ``(JSON{data}).Render(w)`` and ``xmlBinding{}.BindBody(…)`` with several
    # types defining the method; echo's ``g := New().Group("/group")`` then ``g.PUT(…)``,
    # where ``Echo`` and ``Group`` both define ``PUT``. Python's ``Root(1).dump()`` too.
    files = {
        "render.go": (
            "package g\n\ntype JSON struct{ Data any }\n\n"
            "func (r JSON) Render(w int) error { return nil }\n\n"
            "type XML struct{ Data any }\n\nfunc (r XML) Render(w int) error { return nil }\n\n"
            "type Echo struct{}\n\nfunc New() *Echo { return &Echo{} }\n\n"
            "func (e *Echo) Group(p string) *Group { return &Group{} }\n\n"
            "func (e *Echo) PUT(p string) int { return 1 }\n\ntype Group struct{}\n\n"
            "func (g *Group) PUT(p string) int { return 2 }\n"
        ),
        "render_test.go": (
            'package g\n\nimport "testing"\n\nfunc TestRender(t *testing.T) {\n'
            "\t_ = (JSON{1}).Render(0)\n\t_ = XML{2}.Render(0)\n\t_ = (&XML{3}).Render(0)\n}\n\n"
            'func TestGroup(t *testing.T) {\n\tg := New().Group("/group")\n\tg.PUT("/x")\n'
            '\tNew().Group("/y").PUT("/z")\n}\n'
        ),
        "pkg/core.py": (
            "class Root:\n    def dump(self):\n        return 1\n\n\n"
            "class Other:\n    def dump(self):\n        return 0\n"
        ),
        "tests/test_core.py": (
            "from pkg.core import Root\n\n\ndef test_dump():\n    Root().dump()\n"
            "    Root().missing()\n"
        ),
    }
    assert edges_of(files) == [
        ("render_test.go::TestGroup", "render.go::Echo.Group", "method", 12),
        ("render_test.go::TestGroup", "render.go::Echo.Group", "method", 14),
        ("render_test.go::TestGroup", "render.go::Group.PUT", "method", 13),
        ("render_test.go::TestGroup", "render.go::Group.PUT", "method", 14),
        ("render_test.go::TestGroup", "render.go::New", "import", 12),
        ("render_test.go::TestGroup", "render.go::New", "import", 14),
        ("render_test.go::TestRender", "render.go::JSON.Render", "method", 6),
        ("render_test.go::TestRender", "render.go::XML.Render", "method", 7),
        ("render_test.go::TestRender", "render.go::XML.Render", "method", 8),
        ("tests/test_core.py::test_dump", "pkg/core.py::Root.dump", "method", 5),
    ]


def test_classes_defined_in_functions_take_their_own_bases_and_methods() -> None:
    # pydantic's tests: one test's ``class MyModel(TypedDict)`` had blocked another's
    # ``class MyModel(Base)`` from reaching ``Base.__init__``; ``class Child(Model)`` had
    # reached a third test's ``Model``; ``x = X(); x.foo()`` another test's ``X.foo``; a method
    # called through its ``@overload`` signatures reached the first signature.
    files = {
        "pkg/__init__.py": (
            "from typing import overload\n\n\nclass Base:\n    def __init__(self, **kw):\n"
            "        self.kw = kw\n\n    def dump(self):\n        return self.kw\n\n\n"
            "class Examples:\n    @overload\n    def __init__(self, e: int) -> None: ...\n"
            "    @overload\n    def __init__(self, e: str) -> None: ...\n"
            "    def __init__(self, e):\n        self.e = e\n"
        ),
        "tests/test_local.py": (
            "from typing import TypedDict\nfrom pkg import Base, Examples\n\n\n"
            "def test_one():\n    class MyModel(Base):\n        pass\n\n    MyModel(x=1).dump()\n"
            "\n\ndef test_two():\n    class MyModel(TypedDict):\n        x: int\n\n"
            "    MyModel(x=1)\n\n\ndef test_three():\n    class X:\n        def foo(self):\n"
            "            return 1\n\n    x = X()\n    x.foo()\n\n\ndef test_four():\n"
            "    class X:\n        def foo(self):\n            return 2\n\n    x = X()\n"
            "    x.foo()\n    Examples(1)\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_local.py::test_four", "pkg/__init__.py::Examples.__init__", "import", 35),
        ("tests/test_local.py::test_four", "tests/test_local.py::test_four.X.foo", "method", 34),
        ("tests/test_local.py::test_one", "pkg/__init__.py::Base.__init__", "method", 9),
        ("tests/test_local.py::test_one", "pkg/__init__.py::Base.dump", "method", 9),
        ("tests/test_local.py::test_three", "tests/test_local.py::test_three.X.foo", "method", 25),
    ]
    results = project(files)
    rows = function_rows(results)
    lines = {row.id: row.line for row in rows}
    examples = [lines[e.callee_id] for e in resolve_calls(rows, results) if e.call_site_line == 35]
    assert examples == [17]  # the implementation, not a signature


def test_java_nested_constructors_and_a_field_argument_of_another_file_s_class() -> None:
    # The JDK: ``new EngineResult(r)`` of a nested class from the outer class's method and a
    # sibling had lost its edge; ``new MutableBigInteger(b.mag)`` (``int[] mag`` of another
    # file's ``BigInteger``) had read the field as a ``B`` and picked ``M(B)``.
    files = {
        "p/Outer.java": (
            "package p;\n\nclass Outer {\n    void run() { Inner a = new Inner(1); }\n\n"
            "    static class Inner {\n        Inner(int x) {}\n        Inner(int x, int y) {}\n"
            "    }\n\n    class Sibling {\n        void go() { new Inner(2, 3); }\n    }\n}\n"
        ),
        "p/B.java": "package p;\n\nclass B {\n    final int[] mag = null;\n}\n",
        "p/M.java": (
            "package p;\n\nclass M {\n    M(int[] val) {}\n    M(B b) {}\n\n"
            "    static M of(B b) { return new M(b.mag); }\n}\n"
        ),
    }
    results = project(files)
    rows = function_rows(results)
    lines = {row.id: (row.qualified_name, row.line) for row in rows}
    assert sorted(
        (lines[e.caller_id][0], e.call_site_line, lines[e.callee_id], e.resolution)
        for e in resolve_calls(rows, results)
    ) == [
        ("M.of", 7, ("M.M", 4), "same_file"),  # unknown: the first, not ``M(B)``
        ("Outer.Sibling.go", 12, ("Outer.Inner.Inner", 8), "same_file"),
        ("Outer.run", 4, ("Outer.Inner.Inner", 7), "same_file"),
    ]


def test_a_declared_parameter_is_no_class_named_like_it_and_self_is_the_class_called() -> None:
    # gorilla/websocket: ``conn interface{ Close() error }`` had reached ``Conn.Close`` at
    # 0.9, by its name alone; pydantic: ``m = Model.model_validate(…)`` (``-> Self``) is a
    # ``Model``, whose ``model_dump`` its base defines.
    files = {
        "p/conn.go": (
            "package p\n\ntype Conn struct{}\n\nfunc (c *Conn) Close() error { return nil }\n\n"
            "func G(conn interface{ Close() error }) {\n\tconn.Close()\n}\n"
        ),
        "pkg/main.py": (
            "from typing import Self\n\n\nclass BaseModel:\n    @classmethod\n"
            "    def model_validate(cls, obj) -> Self:\n        return cls()\n\n"
            "    def model_dump(self):\n        return {}\n"
        ),
        "tests/test_models.py": (
            "from pkg.main import BaseModel\n\n\ndef test_validate():\n"
            "    class Model(BaseModel):\n        x: int\n\n"
            "    m = Model.model_validate({})\n    m.model_dump()\n"
        ),
    }
    assert edges_of(files) == [
        ("p/conn.go::G", "p/conn.go::Conn.Close", "fuzzy", 8),  # a guess, no more
        ("tests/test_models.py::test_validate", "pkg/main.py::BaseModel.model_dump", "method", 9),
        ("tests/test_models.py::test_validate", "pkg/main.py::BaseModel.model_validate",
         "method", 8),
    ]  # fmt: skip


def test_a_self_call_reaches_the_overrides_of_the_callers_subclasses() -> None:
    # marshmallow: ``Field.serialize`` calls ``self._serialize``, which ``String`` (and forty
    # other fields) override; 47 overrides read "untested". ``super()._serialize`` names the
    # base's own, and a Java ``render()`` is ``this.render()``.
    files = {
        "pkg/fields.py": (
            "class Field:\n    def serialize(self, v):\n        return self._serialize(v)\n\n"
            "    def _serialize(self, v):\n        return v\n\n\n"
            "class String(Field):\n    def _serialize(self, v):\n"
            "        return str(super()._serialize(v))\n\n\n"
            "class Email(String):\n    def _serialize(self, v):\n        return v\n\n\n"
            "class Other:\n    def _serialize(self, v):\n        return v\n"
        ),
        "p/View.java": (
            "package p;\n\nabstract class View {\n    void draw() { render(); }\n"
            "    abstract void render();\n}\n\nclass Box extends View {\n"
            "    void render() {}\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/View.java::View.draw", "p/View.java::Box.render", "method", 4),
        ("p/View.java::View.draw", "p/View.java::View.render", "same_file", 4),
        ("pkg/fields.py::Field.serialize", "pkg/fields.py::Email._serialize", "method", 3),
        ("pkg/fields.py::Field.serialize", "pkg/fields.py::Field._serialize", "method", 3),
        ("pkg/fields.py::Field.serialize", "pkg/fields.py::String._serialize", "method", 3),
        ("pkg/fields.py::String._serialize", "pkg/fields.py::Field._serialize", "method", 11),
    ]


def test_dotted_calls_through_a_module_reach_submodules_and_classes() -> None:
    # arrow's tests: ``arrow.Arrow.range(…)`` with ``from arrow import arrow`` (the submodule),
    # ``arrow.api.get()``, ``arrow.locales.get_locale()``; attrs's ``attr.converters.pipe(…)``
    # (``from . import converters`` in its ``__init__``): 118 calls of arrow's had no edge.
    files = {
        "pkg/__init__.py": "from . import conv\nfrom .api import get\nfrom .core import Thing\n",
        "pkg/api.py": "def get():\n    return 1\n",
        "pkg/conv.py": "def pipe(*fs):\n    return fs\n",
        "pkg/core.py": (
            "class Thing:\n    @classmethod\n    def make(cls):\n        return cls()\n\n"
            "    def shift(self):\n        return 1\n"
        ),
        # The stdlib's ``os``: ``import posixpath as path`` or ``import ntpath as path``, by
        # platform; ``os.path.join`` is no one module's (1,184 calls had reached ``ntpath``).
        "pkg/plat.py": (
            "import sys\nif sys.platform == 'win32':\n    from . import nt as path\n"
            "else:\n    from . import posix as path\n"
        ),
        "pkg/nt.py": "def join(*a):\n    return a\n",
        "pkg/posix.py": "def join(*a):\n    return a\n",
        "tests/test_b.py": "from pkg import plat\n\n\ndef test_join():\n    plat.path.join()\n",
        "tests/test_a.py": (
            "import pkg\nfrom pkg import core\n\n\ndef test_calls():\n"
            "    pkg.api.get()\n    core.Thing.make()\n    pkg.Thing.make()\n"
            "    pkg.core.Thing.make()\n    pkg.conv.pipe()\n    pkg.api.missing()\n"
            "    x: pkg.core.Thing = make_one()\n    x.shift()\n"
        ),
    }
    assert edges_of(files) == sorted(
        [
            ("tests/test_a.py::test_calls", "pkg/api.py::get", "import", 6),
            ("tests/test_a.py::test_calls", "pkg/core.py::Thing.make", "method", 7),
            ("tests/test_a.py::test_calls", "pkg/core.py::Thing.make", "method", 8),
            ("tests/test_a.py::test_calls", "pkg/core.py::Thing.make", "method", 9),
            ("tests/test_a.py::test_calls", "pkg/conv.py::pipe", "import", 10),
            ("tests/test_a.py::test_calls", "pkg/core.py::Thing.shift", "method", 13),
        ]
    )


def test_a_module_variable_given_a_name_is_another_name_of_its_value() -> None:
    # attrs's ``__init__``: ``s = attributes = attrs`` and ``ib = attr = attrib``; its tests'
    # 562 ``attr.ib(…)`` calls had given 4 edges.
    files = {
        "src/lib/__init__.py": (
            "from ._make import attrs, attrib, Maker\n\ns = attributes = attrs\n"
            "ib = attr = attrib\nM = Maker\n\n\ndef local():\n    return ib()\n"
        ),
        "src/lib/_make.py": (
            "def attrs(maybe_cls=None):\n    return maybe_cls\n\n\n"
            "def attrib(default=None):\n    return default\n\n\n"
            "class Maker:\n    @classmethod\n    def make(cls):\n        return cls()\n"
        ),
        "tests/test_e.py": (
            "import lib\nfrom lib import ib\n\n\ndef test_alias_call():\n"
            "    lib.ib(default=1)\n    lib.attributes()\n    lib.attr()\n    ib()\n"
            "    lib.M.make()\n"
        ),
    }
    assert edges_of(files) == sorted(
        [
            ("src/lib/__init__.py::local", "src/lib/_make.py::attrib", "import", 9),
            ("tests/test_e.py::test_alias_call", "src/lib/_make.py::attrib", "import", 6),
            ("tests/test_e.py::test_alias_call", "src/lib/_make.py::attrs", "import", 7),
            ("tests/test_e.py::test_alias_call", "src/lib/_make.py::attrib", "import", 8),
            ("tests/test_e.py::test_alias_call", "src/lib/_make.py::attrib", "import", 9),
            ("tests/test_e.py::test_alias_call", "src/lib/_make.py::Maker.make", "method", 10),
        ]
    )


def test_a_local_given_a_function_calls_that_function() -> None:
    # pluggy's ``testing/test_multicall.py``: ``caller = _multicall`` then ``caller(…)``;
    # ``_multicall``, pluggy's core, had read "untested". A local given a parameter or a
    # call's result calls neither a namesake function nor what the name is.
    files = {
        "pkg/_callers.py": "def multicall(x):\n    return x\n\n\ndef caller(x):\n    return x\n",
        "tests/test_d.py": (
            "from pkg._callers import multicall, caller\n\n\ndef test_alias(hook):\n"
            "    caller = multicall\n    caller(1)\n    again = caller\n    again(2)\n"
            "    other = hook\n    other(3)\n    caller = hook\n    caller(4)\n"
        ),
    }
    assert edges_of(files) == sorted(
        [
            ("tests/test_d.py::test_alias", "pkg/_callers.py::multicall", "import", 6),
            ("tests/test_d.py::test_alias", "pkg/_callers.py::multicall", "import", 8),
        ]
    )


def test_a_bare_decorator_on_code_defined_in_a_function_is_that_function_s_call() -> None:
    # attrs' tests make their classes with ``@attr.s`` inside each test (213 of them), pluggy's
    # mark hook implementations with a bare ``@hookimpl``: the decorator runs, called with the
    # class or function, when the test does. ``@x.setter`` is a property's own method.
    edges = edges_of(
        {
            "lib/__init__.py": "from ._make import attrs\n",
            "lib/_make.py": """
                def attrs(maybe_cls=None):
                    return maybe_cls

                def deco(f):
                    return f
                """,
            "tests/test_f.py": """
                import lib
                from lib._make import deco

                def test_class():
                    @lib.attrs
                    class C:
                        @property
                        def x(self):
                            return 1

                        @x.setter
                        def x(self, value):
                            pass
                    assert C

                def test_function():
                    def local(f):
                        return f

                    @deco
                    @local
                    def f():
                        pass
                    assert f

                @deco
                def helper():
                    pass
                """,
        }
    )
    assert edges == [
        ("tests/test_f.py::test_class", "lib/_make.py::attrs", "import", 5),
        ("tests/test_f.py::test_function", "lib/_make.py::deco", "import", 20),
        ("tests/test_f.py::test_function", "tests/test_f.py::test_function.local", "same_file", 21),
    ]


def test_calling_an_instance_reaches_its_class_s_call_method() -> None:
    # marshmallow's ``validate.Regexp(r"a")("A")``, attrs' ``v = instance_of(int); v(None, a,
    # 42)`` (a factory whose returned value is made by the class), pluggy's module-level
    # ``hookimpl = HookimplMarker("x")`` applied as ``@hookimpl`` and ``@hookimpl(tryfirst=True)``
    # in a test, and a class-based decorator with arguments (made, then called with the function).
    edges = edges_of(
        {
            "pkg/validate.py": """
                class Regexp:
                    def __init__(self, pattern):
                        self.pattern = pattern

                    def __call__(self, value):
                        return value

                class Plain:
                    pass

                def regexp(pattern):
                    return Regexp(pattern)

                class Marker:
                    def __init__(self, project):
                        self.project = project

                    def __call__(self, function=None, tryfirst=False):
                        return function
                """,
            "tests/test_v.py": """
                from pkg import validate
                from pkg.validate import Marker, Plain, regexp

                hookimpl = Marker("x")

                def test_chain():
                    assert validate.Regexp(r"a")("A")

                def test_variable(checker: validate.Regexp):
                    v = regexp("a")
                    v("A")
                    checker("B")

                def test_markers():
                    class Plugin:
                        @hookimpl
                        def one(self):
                            pass

                        @hookimpl(tryfirst=True)
                        def two(self):
                            pass

                    @Marker("y")
                    def three():
                        pass

                def test_no_call_method():
                    p = Plain()
                    p()
                """,
        }
    )
    called = [(caller, callee, line) for caller, callee, _, line in edges]
    test = "tests/test_v.py::"
    assert called == [
        ("pkg/validate.py::regexp", "pkg/validate.py::Regexp.__init__", 12),
        (f"{test}test_chain", "pkg/validate.py::Regexp.__call__", 7),
        (f"{test}test_chain", "pkg/validate.py::Regexp.__init__", 7),
        (f"{test}test_markers", "pkg/validate.py::Marker.__call__", 16),
        (f"{test}test_markers", "pkg/validate.py::Marker.__call__", 20),
        (f"{test}test_markers", "pkg/validate.py::Marker.__call__", 24),
        (f"{test}test_markers", "pkg/validate.py::Marker.__init__", 24),
        (f"{test}test_variable", "pkg/validate.py::Regexp.__call__", 11),
        (f"{test}test_variable", "pkg/validate.py::Regexp.__call__", 12),
        (f"{test}test_variable", "pkg/validate.py::regexp", 10),
    ]


def test_cls_in_a_classmethod_and_type_of_self_make_the_caller_s_class() -> None:
    # pluggy's ``Result.from_call``: ``return cls(result, exception)``; ``self.__class__(…)`` in
    # ``TagTracerSub.get``; ``type(self)()`` in contextlib's ``pop_all``. Each class's own
    # constructor (two classes of one file), its base's when it has none; a helper's ``cls``
    # parameter holds any class.
    edges = edges_of(
        {
            "pkg/result.py": """
                class Result:
                    def __init__(self, result, exception):
                        self.result = result

                    @classmethod
                    def from_call(cls, func):
                        return cls(func(), None)

                    def copy(self):
                        return self.__class__(self.result, None)

                class Stack(Result):
                    @classmethod
                    def empty(cls):
                        return cls(None, None)

                    def pop_all(self):
                        return type(self)(None, None)

                class Other:
                    def __init__(self):
                        pass

                    @classmethod
                    def make(cls):
                        return cls()

                def build(cls):
                    return cls()
                """,
        }
    )
    assert [(caller, callee, line) for caller, callee, _, line in edges] == [
        ("pkg/result.py::Other.make", "pkg/result.py::Other.__init__", 26),
        ("pkg/result.py::Result.copy", "pkg/result.py::Result.__init__", 10),
        ("pkg/result.py::Result.from_call", "pkg/result.py::Result.__init__", 7),
        ("pkg/result.py::Stack.empty", "pkg/result.py::Result.__init__", 15),
        ("pkg/result.py::Stack.pop_all", "pkg/result.py::Result.__init__", 18),
    ]


def test_no_override_below_a_subclass_that_replaces_the_calling_method() -> None:
    # marshmallow: ``OneOf.__call__`` calls ``self._format_error``; ``ContainsOnly`` replaces
    # ``__call__`` without ``super()``, so its ``_format_error`` is never reached from there.
    # ``self.__helper()`` is the class's own, whatever a subclass names so.
    files = {
        "pkg/b.py": (
            "class Base:\n    def run(self):\n        return self.step() + self.__helper()\n\n"
            "    def step(self):\n        return 0\n\n"
            "    def __helper(self):\n        return 0\n\n\n"
            "class Mid(Base):\n    def run(self):\n        return 42\n\n"
            "    def step(self):\n        return 1\n\n\nclass Leaf(Mid):\n    def step(self):\n"
            "        return 2\n\n\nclass Other(Base):\n    def run(self):\n"
            "        return super().run()\n\n    def step(self):\n        return 3\n\n"
            "    def __helper(self):\n        return 3\n"
        ),
    }
    assert [e for e in edges_of(files) if e[0] == "pkg/b.py::Base.run"] == [
        ("pkg/b.py::Base.run", "pkg/b.py::Base.__helper", "method", 3),
        ("pkg/b.py::Base.run", "pkg/b.py::Base.step", "method", 3),
        ("pkg/b.py::Base.run", "pkg/b.py::Other.step", "method", 3),
    ]


def test_a_property_reading_its_bases_property_does_not_replace_it() -> None:
    # DRF: ``BaseSerializer.data`` calls ``self.to_representation(…)``; ``Serializer.data``
    # and ``ListSerializer.data`` do ``ret = super().data``, which runs the base's getter, so
    # the subclasses' ``to_representation`` run from there (``Serializer.to_representation``
    # had no caller). The read is an edge of its own; another attribute's is no call of it.
    files = {
        "pkg/ser.py": (
            "class Base:\n    @property\n    def data(self):\n        return self.render(1)\n\n"
            "    @property\n    def errors(self):\n        return self.render(2)\n\n"
            "    def render(self, x):\n        raise NotImplementedError\n\n\n"
            "class Sub(Base):\n    @property\n    def data(self):\n        ret = super().data\n"
            "        return [ret]\n\n    @property\n    def errors(self):\n"
            "        return super().data\n\n    def render(self, x):\n        return x\n"
        ),
    }
    assert edges_of(files) == [
        ("pkg/ser.py::Base.data", "pkg/ser.py::Base.render", "method", 4),
        ("pkg/ser.py::Base.data", "pkg/ser.py::Sub.render", "method", 4),
        ("pkg/ser.py::Base.errors", "pkg/ser.py::Base.render", "method", 8),
        ("pkg/ser.py::Sub.data", "pkg/ser.py::Base.data", "method", 17),
        ("pkg/ser.py::Sub.errors", "pkg/ser.py::Base.data", "method", 22),
    ]


def test_dispatch_takes_the_overload_of_the_call_and_skips_private_methods() -> None:
    # The JDK: ``toArray(generator.apply(0))`` had reached 61 zero-argument ``toArray()``
    # overrides and missed the right one; a ``private`` method is the class's own, as are
    # TypeScript's ``#name`` and ``private``. A TypeScript ``abstract`` method, a signature
    # with no function, is its subclasses' (zod's ``this._parse(…)``), and so is a mixin's
    # hook that only its subclasses define.
    files = {
        "p/Base.java": (
            "package p;\n\npublic class Base {\n"
            "    public void run() { helper(); go(1); }\n    private void helper() {}\n"
            "    public void go(int x) {}\n    public void go() {}\n}\n"
        ),
        "p/Sub.java": (
            "package p;\n\npublic class Sub extends Base {\n    private void helper() {}\n"
            "    public void go() {}\n    public void go(int x) {}\n}\n"
        ),
        "src/base.ts": (
            "export abstract class Base {\n  abstract parse(x: number): number;\n"
            "  run(): number {\n    this.#priv();\n    return this.parse(1);\n  }\n"
            "  #priv(): void {}\n}\n\nexport class Sub extends Base {\n"
            "  parse(x: number): number { return x; }\n  #priv(): void {}\n}\n"
        ),
        "pkg/views.py": (
            "class ListMixin:\n    def list(self):\n        return self.get_queryset()\n\n\n"
            "class UserList(ListMixin):\n    def get_queryset(self):\n        return []\n\n\n"
            "class GroupList(ListMixin):\n    def get_queryset(self):\n        return ()\n"
        ),
    }
    edges = edges_of(files)
    assert [e for e in edges if e[0] == "p/Base.java::Base.run"] == [
        ("p/Base.java::Base.run", "p/Base.java::Base.go", "same_file", 4),
        ("p/Base.java::Base.run", "p/Base.java::Base.helper", "same_file", 4),
        ("p/Base.java::Base.run", "p/Sub.java::Sub.go", "method", 4),
    ]
    results = project(files)
    rows = function_rows(results)
    where = {row.id: (row.file, row.line) for row in rows}
    assert sorted(
        where[e.callee_id]
        for e in resolve_calls(rows, results)
        if where[e.caller_id][0].endswith(".java")
    ) == [("p/Base.java", 5), ("p/Base.java", 6), ("p/Sub.java", 6)]  # go(int) both
    assert [
        e for e in edges if e[0] in ("src/base.ts::Base.run", "pkg/views.py::ListMixin.list")
    ] == [
        ("pkg/views.py::ListMixin.list", "pkg/views.py::GroupList.get_queryset", "method", 3),
        ("pkg/views.py::ListMixin.list", "pkg/views.py::UserList.get_queryset", "method", 3),
        ("src/base.ts::Base.run", "src/base.ts::Base.#priv", "method", 4),
        ("src/base.ts::Base.run", "src/base.ts::Sub.parse", "method", 5),
    ]


def test_of_a_go_package_s_platform_files_the_default_build_s_answers() -> None:
    # A package defines one function per platform (``conn_darwin.go``, ``conn_linux.go``):
    # ``darwin`` had won by its name. A ``linux``/``amd64`` build's file answers.
    files = {
        "p/conn_darwin.go": "package p\n\nfunc dial() int { return 1 }\n",
        "p/conn_linux.go": "package p\n\nfunc dial() int { return 2 }\n",
        "p/conn_windows_amd64.go": "package p\n\nfunc dial() int { return 3 }\n",
        "p/client.go": "package p\n\nfunc Open() int { return dial() }\n",
        "q/use.go": 'package q\n\nimport "example.com/m/p"\n\nfunc Use() int { return p.Open() }\n',
    }
    assert [e for e in edges_of(files) if e[0] == "p/client.go::Open"] == [
        ("p/client.go::Open", "p/conn_linux.go::dial", "import", 3),
    ]


def test_of_a_go_package_s_tagged_files_the_default_build_s_answers() -> None:
    # go-cmp's export_panic.go (``//go:build purego``) and export_unsafe.go (``!purego``)
    # define one function each: the panic file had won by its path. An old-style ``// +build``
    # line and a licence block comment above the constraint count too.
    files = {
        "p/export_panic.go": "//go:build purego\n\npackage p\n\nfunc export() int { return 1 }\n",
        "p/export_unsafe.go": (
            "/* Licence\n   text */\n// Copyright\n\n//go:build !purego && (linux || darwin)\n\n"
            "package p\n\nfunc export() int { return 2 }\n"
        ),
        "p/a_legacy.go": "// +build appengine\n\npackage p\n\nfunc lookup() int { return 1 }\n",
        "p/b_legacy.go": "// +build !appengine\n\npackage p\n\nfunc lookup() int { return 2 }\n",
        "p/client.go": "package p\n\nfunc Open() int { return export() + lookup() }\n",
    }
    assert [e for e in edges_of(files) if e[0] == "p/client.go::Open"] == [
        ("p/client.go::Open", "p/b_legacy.go::lookup", "import", 3),
        ("p/client.go::Open", "p/export_unsafe.go::export", "import", 3),
    ]


def test_a_test_s_t_is_the_runner_s_unless_the_repository_is_the_runner() -> None:
    # ``t.plan(1)`` in a project's tape suite is tape's; in tape's own repository ``t`` is its
    # ``Test`` (9 of its methods had read "untested").
    files = {
        "lib/test.js": (
            "function Test() {}\nTest.prototype.capture = function (o) { return o; };\n"
            "module.exports = Test;\n"
        ),
        "test/capture.js": (
            "var test = require('tape');\n"
            "function check() { test('captures', function (t) { t.capture({}); }); }\n"
        ),
    }
    results = project(files)
    rows = function_rows(results)
    assert named_edges(resolve_calls(rows, results), rows) == []
    runner = Manifests(js_packages={"": JsPackage("tape", ("index.js",))})
    assert named_edges(resolve_calls(rows, results, runner), rows) == [
        ("test/capture.js::check", "lib/test.js::Test.capture", "fuzzy", 2),
    ]


def test_go_chains_of_fields_and_methods_follow_types_of_other_files_and_packages() -> None:
    # logrus: ``entry.Level.String()`` (``Level`` a field of ``Entry``, declared in another
    # file, of a named ``uint32``), ``entry.Logger.mu.Lock()`` (two fields), ``log.WithField(…)
    # .Info(…)`` (a method's result), ``logger.Hooks.Add(…)`` in ``hooks/test`` (a field of
    # ``logrus.Logger``); chi's ``rctx := NewRouteContext(); rctx.URLParams.Add(…)``; cobra's
    # ``c.Root().Name()``: none had an edge. A library's type anywhere in the chain ends it.
    files = {
        "types.go": (
            'package r\n\nimport "sync"\n\ntype Inner struct{}\n\nfunc (i *Inner) Do() {}\n\n'
            "type Other struct{}\n\nfunc (o *Other) Do() {}\n\n"
            'type Level uint32\n\nfunc (l Level) String() string { return "" }\n\n'
            "type Mutex struct{}\n\nfunc (m *Mutex) Lock() {}\n\n"
            "type Outer struct {\n\tIn  Inner\n\tSub *Outer\n\tLv  Level\n\tmu  Mutex\n"
            "\tlk  sync.Mutex\n}\n\n"
            "func NewOuter() *Outer { return &Outer{} }\n\n"
            "func (o *Outer) Self() *Outer { return o }\n\n"
            "func (o *Outer) Here() {\n\to.Sub.In.Do()\n\to.Sub.mu.Lock()\n}\n"
        ),
        "use.go": (
            "package r\n\nfunc Use(o *Outer) {\n\to.In.Do()\n\to.Sub.Sub.In.Do()\n"
            "\t_ = o.Lv.String()\n\to.Self().In.Do()\n\to.lk.Lock()\n\to.Sub.lk.Lock()\n"
            "\tx := NewOuter()\n\tx.Sub.In.Do()\n\tNewOuter().Sub.In.Do()\n"
            "\to.Self().Self().mu.Lock()\n}\n"
        ),
        "sub/use.go": (
            'package sub\n\nimport "example.com/r"\n\n'
            "func Make(l *r.Outer) {\n\tl.In.Do()\n\tl.Self().Sub.In.Do()\n\tl.Sub.lk.Lock()\n}\n"
        ),
    }
    results = project(files)
    rows = function_rows(results)
    manifests = Manifests(go_modules={"": "example.com/r"})
    edges = sorted(named_edges(resolve_calls(rows, results, manifests), rows))
    assert [e for e in edges if e[1] not in ("types.go::NewOuter", "types.go::Outer.Self")] == [
        ("sub/use.go::Make", "types.go::Inner.Do", "method", 6),
        ("sub/use.go::Make", "types.go::Inner.Do", "method", 7),
        ("types.go::Outer.Here", "types.go::Inner.Do", "method", 34),
        ("types.go::Outer.Here", "types.go::Mutex.Lock", "method", 35),
        ("use.go::Use", "types.go::Inner.Do", "method", 4),
        ("use.go::Use", "types.go::Inner.Do", "method", 5),
        ("use.go::Use", "types.go::Inner.Do", "method", 7),
        ("use.go::Use", "types.go::Inner.Do", "method", 11),
        ("use.go::Use", "types.go::Inner.Do", "method", 12),
        ("use.go::Use", "types.go::Level.String", "method", 6),
        ("use.go::Use", "types.go::Mutex.Lock", "method", 13),
    ]


def test_go_method_chains_on_a_variable_follow_a_type_of_another_file() -> None:
    # logrus's ``log.WithField("a", 1).Info(…)`` on a ``*Logger`` in a test file, and a
    # method of ``Entry`` in another file chaining ``e.WithField(…).Fire(…)``; a variable
    # made by a factory (``e := NewEntry()``) in the type's own file too.
    files = {
        "a.go": (
            "package r\n\ntype Entry struct{}\n\nfunc NewEntry() *Entry { return &Entry{} }\n\n"
            "func (e *Entry) WithField(k string) *Entry { return e }\n\n"
            "func (e *Entry) Fire(msg string) {}\n\ntype Other struct{}\n\n"
            "func (o *Other) Fire(msg string) {}\n\n"
            'func viaFactory() {\n\te := NewEntry()\n\te.WithField("a").Fire("x")\n}\n'
        ),
        "b.go": (
            'package r\n\nfunc (e *Entry) FromOtherFile() {\n\te.WithField("a").Fire("x")\n}\n\n'
            'func paramOtherFile(e *Entry) {\n\te.WithField("a").WithField("b").Fire("x")\n}\n'
        ),
    }
    fired = [e for e in edges_of(files) if e[1] == "a.go::Entry.Fire"]
    assert fired == [
        ("a.go::viaFactory", "a.go::Entry.Fire", "method", 17),
        ("b.go::Entry.FromOtherFile", "a.go::Entry.Fire", "method", 4),
        ("b.go::paramOtherFile", "a.go::Entry.Fire", "method", 8),
    ]


def test_java_and_typescript_chains_follow_fields_and_methods_of_other_files() -> None:
    # ``this.repo.inner.go()`` (two fields), ``r.getInner().go()`` and
    # ``this.repo.find().inner.go()`` with ``Repo`` declared in another file: a class named
    # unlike the field (``Other``) shows the edge is no guess by name.
    files = {
        "src/p/Repo.java": (
            "package p;\n\npublic class Repo {\n  Box box;\n  public Repo find() { return this; }\n"
            "  public Box getBox() { return box; }\n}\n"
        ),
        "src/p/Box.java": "package p;\n\npublic class Box {\n  public void go() {}\n}\n",
        "src/p/Other.java": "package p;\n\npublic class Other {\n  public void go() {}\n}\n",
        "src/p/Service.java": (
            "package p;\n\npublic class Service {\n  private Repo repo;\n\n"
            "  public void run(Repo r) {\n    this.repo.box.go();\n    r.getBox().go();\n"
            "    this.repo.find().box.go();\n    repo.find().getBox().go();\n  }\n}\n"
        ),
        "src/repo.ts": (
            "import { Box } from './box';\n\nexport class Repo {\n  box: Box = new Box();\n"
            "  find(): Repo {\n    return this;\n  }\n  getBox(): Box {\n    return this.box;\n"
            "  }\n}\n"
        ),
        "src/box.ts": "export class Box {\n  go(): void {}\n}\n",
        "src/other.ts": "export class Other {\n  go(): void {}\n}\n",
        "src/service.ts": (
            "import { Repo } from './repo';\n\nexport class Service {\n  private repo: Repo;\n\n"
            "  constructor(repo: Repo) {\n    this.repo = repo;\n  }\n\n  run(r: Repo): void {\n"
            "    this.repo.box.go();\n    r.getBox().go();\n    this.repo.find().box.go();\n"
            "    this.repo.find().getBox().go();\n  }\n}\n"
        ),
    }
    assert [e for e in edges_of(files) if e[1].endswith("Box.go")] == [
        ("src/p/Service.java::Service.run", "src/p/Box.java::Box.go", "method", 7),
        ("src/p/Service.java::Service.run", "src/p/Box.java::Box.go", "method", 8),
        ("src/p/Service.java::Service.run", "src/p/Box.java::Box.go", "method", 9),
        ("src/p/Service.java::Service.run", "src/p/Box.java::Box.go", "method", 10),
        ("src/service.ts::Service.run", "src/box.ts::Box.go", "method", 11),
        ("src/service.ts::Service.run", "src/box.ts::Box.go", "method", 12),
        ("src/service.ts::Service.run", "src/box.ts::Box.go", "method", 13),
        ("src/service.ts::Service.run", "src/box.ts::Box.go", "method", 14),
    ]


def test_python_chains_follow_attributes_given_by_a_factory_of_another_module() -> None:
    # ``self.app.repo.save()`` with ``self.app = App()`` and, in another module,
    # ``self.repo = make_repo()`` declared ``-> Repo``: each attribute's class is followed.
    files = {
        "pkg/repo.py": (
            "class Repo:\n    def save(self):\n        return 1\n\n\n"
            "class Other:\n    def save(self):\n        return 2\n\n\n"
            "def make_repo() -> Repo:\n    return Repo()\n"
        ),
        "pkg/app.py": (
            "from pkg.repo import make_repo\n\n\nclass App:\n    def __init__(self):\n"
            "        self.repo = make_repo()\n"
        ),
        "pkg/service.py": (
            "from pkg.app import App\n\n\nclass Service:\n    def __init__(self):\n"
            "        self.app = App()\n\n    def run(self):\n        self.app.repo.save()\n"
        ),
    }
    assert [e for e in edges_of(files) if e[0] == "pkg/service.py::Service.run"] == [
        ("pkg/service.py::Service.run", "pkg/repo.py::Repo.save", "method", 9),
    ]


def test_a_javascript_object_literals_methods_are_members_of_the_name_holding_it() -> None:
    # knex: ``const AlterMethods = { renameColumn(…) {…} }`` was stored as a function
    # ``renameColumn`` of the module: ``AlterMethods.renameColumn()`` had no edge, and
    # ``z.renameColumn()`` through ``import * as z`` reached it as if the module defined it.
    files = {
        "lib/tablebuilder.js": (
            "const AlterMethods = {\n  renameColumn(a) { return a },\n"
            "  dropColumn: function (a) { return AlterMethods.renameColumn(a) },\n}\n"
            "const utils = { helper() { return 1 } }\n"
            "module.exports = { AlterMethods, utils }\n"
        ),
        "lib/utils.js": "const utils = { pad(s) { return s } }\nmodule.exports = utils\n",
        "lib/use.js": (
            "const { AlterMethods } = require('./tablebuilder')\n"
            "const utils = require('./utils')\nconst tb = require('./tablebuilder')\n"
            "function use(x) {\n  AlterMethods.renameColumn(1)\n  utils.pad('a')\n"
            "  tb.renameColumn(2)\n  x.renameColumn(3)\n  x.helper(4)\n}\n"
            "module.exports = { use }\n"
        ),
        "lib/app.js": (
            "class App {\n  helper() { return 1 }\n  run(ctx) { return ctx.helper() }\n}\n"
            "module.exports = App\n"
        ),
    }
    assert edges_of(files) == [
        ("lib/tablebuilder.js::AlterMethods.dropColumn",
         "lib/tablebuilder.js::AlterMethods.renameColumn", "method", 3),
        ("lib/use.js::use", "lib/tablebuilder.js::AlterMethods.renameColumn", "method", 5),
        ("lib/use.js::use", "lib/utils.js::utils.pad", "method", 6),
        # ``tb.renameColumn`` is no function of the module, only a member of its object; and
        # an object's method is reached through its object, never guessed: ``x.helper()`` and
        # ``ctx.helper()`` may be ``utils.helper`` as well as ``App.helper``.
    ]  # fmt: skip


def test_this_in_an_object_literals_method_calls_its_siblings() -> None:
    # knex's make-knex.js: ``Object.assign(knexContext, { transaction() { … return
    # this._transaction(…) }, _transaction() {…}, transactionProvider() { return () => …
    # this.transaction(…) } })`` in ``initContext`` gave no edge; nor did a mixin's or a Vue
    # options object's ``this.m()``.
    files = {
        "make-knex.js": """
            function initContext(knexFn) {
              const knexContext = knexFn.context || {};
              Object.assign(knexContext, {
                transaction(c) { return this._transaction(c); },
                _transaction(c) { return c; },
                transactionProvider(c) { return () => this.transaction(c); },
                each(list) { return list.map(function () { return this.transaction(1); }); },
              });
            }
            const helpers = { first() { return this.second(); }, second: () => 2 };
            register({ a() { return this.b(); }, b() { return 1; } });
            class Conn {
              cleanup() { return 1; }
              open() {
                const handlers = { onEnd: () => this.cleanup(), cleanup() { return 2; } };
                return handlers;
              }
            }
            function Client() {}
            Client.prototype.query = function () { return 1; };
            Object.assign(Client.prototype, { raw() { return this.query(); } });
            module.exports = { initContext, helpers, Conn, Client };
            """,
        "component.js": """
            export default {
              computed: { total() { return this.sum(); } },
              methods: { sum() { return this.add(1); }, add(x) { return x; } },
              mounted() { this.sum(); },
            };
            """,
    }
    assert edges_of(files) == [
        ("component.js::computed.total", "component.js::methods.sum", "method", 2),
        ("component.js::methods.sum", "component.js::methods.add", "method", 3),
        ("component.js::mounted", "component.js::methods.sum", "method", 4),
        ("make-knex.js::Client.raw", "make-knex.js::Client.query", "method", 21),
        # An arrow function's ``this`` is the method's around it: ``Conn``'s, not the object's.
        ("make-knex.js::Conn.open.handlers.onEnd", "make-knex.js::Conn.cleanup", "method", 15),
        ("make-knex.js::a", "make-knex.js::b", "method", 11),
        ("make-knex.js::helpers.first", "make-knex.js::helpers.second", "method", 10),
        ("make-knex.js::initContext.knexContext.transaction",
         "make-knex.js::initContext.knexContext._transaction", "method", 4),
        ("make-knex.js::initContext.knexContext.transactionProvider",
         "make-knex.js::initContext.knexContext.transaction", "method", 6),
        # ``list.map(function () { this… })``: that function's own ``this``, no object's.
    ]  # fmt: skip


def test_a_javascript_functions_call_and_apply_call_it() -> None:
    # ES5 inheritance: ``function ChildA(name) { Parent.call(this, name) }`` gave no edge to
    # ``Parent``, nor ``Base.prototype.init.call(this)`` to ``Base.init``.
    files = {
        "base.js": """
            function Base(o) { this.o = o; }
            Base.prototype.init = function (x) { return x; };
            module.exports = Base;
            """,
        "a.js": """
            const EventEmitter = require('events');
            const Base = require('./base');
            function Parent(name) { this.name = name; }
            function ChildA(name) { Parent.call(this, name); }
            function ChildB() { Parent.apply(this, arguments); Base.call(this, 1); }
            ChildB.prototype.init = function (x) { return Base.prototype.init.call(this, x); };
            function Emitter() { EventEmitter.call(this); }
            function run(fn, args) { const g = pick(); g.apply(null, args); return fn.call(this); }
            function fn() { return 1; }
            function pick() { return fn; }
            class Api {
              static call(x) { return x; }
              handler() { return 2; }
              go() { Api.call(1); return this.handler.call(this); }
            }
            module.exports = { ChildA, ChildB, Emitter, run, Api };
            """,
    }
    assert edges_of(files) == [
        ("a.js::Api.go", "a.js::Api.call", "method", 14),
        ("a.js::Api.go", "a.js::Api.handler", "method", 14),
        ("a.js::ChildA", "a.js::Parent", "same_file", 4),
        ("a.js::ChildB", "a.js::Parent", "same_file", 5),
        ("a.js::ChildB", "base.js::Base", "import", 5),
        ("a.js::ChildB.init", "base.js::Base.init", "method", 6),
        # ``EventEmitter`` is a library's; ``g`` and ``fn`` are values the caller holds.
        ("a.js::run", "a.js::pick", "same_file", 8),
    ]


def test_this_and_super_in_a_constructor_call_the_constructors_they_name() -> None:
    # The JDK: ``ThreadPoolExecutor``'s 7-argument constructor, which the four others reach
    # by ``this(…)``, had no caller, nor had any constructor called by ``super(…)`` (119 in
    # java.util.concurrent). JavaScript's ``super(…)`` runs the base's ``constructor``, or
    # the one a base without any inherits.
    files = {
        "p/Base.java": (
            "package p;\npublic class Base {\n  public Base(int a, int b) { }\n"
            "  public Base(String s) { }\n}\n"
        ),
        "p/Sub.java": (
            "package p;\npublic class Sub extends Base implements Runnable {\n"
            '  public Sub(int a) { this(a, 0, "x"); }\n'
            "  public Sub(int a, int b, String c) { super(a, b); }\n"
            "  public void run() { }\n}\n"
        ),
        "p/Err.java": (
            "package p;\nclass Err extends RuntimeException implements Face {\n"
            "  Err(String m) { super(m); }\n}\n"
        ),
        "p/Face.java": "package p;\ninterface Face { }\n",
        "web/base.ts": "export class Base {\n  constructor(a: number) { }\n}\n",
        "web/sub.ts": (
            'import { Base } from "./base";\n'
            "export class Mid extends Base { }\n"
            "export class Sub extends Mid {\n  constructor() { super(1); }\n}\n"
            "class Own {\n  constructor() { super(); }\n}\n"
        ),
    }
    assert _java_edge_lines({k: v for k, v in files.items() if k.endswith(".java")}) == [
        ("p/Sub.java", 3, 4),  # this(a, 0, "x"): Sub(int, int, String)
        ("p/Sub.java", 4, 3),  # super(a, b): Base(int, int)
    ]
    assert edges_of({k: v for k, v in files.items() if k.startswith("web/")}) == [
        ("web/sub.ts::Sub.constructor", "web/base.ts::Base.constructor", "method", 4),
    ]


def test_a_java_class_named_in_a_class_is_its_own_or_its_ancestors_member_first() -> None:
    # java.util.concurrent.locks: ``new ConditionObject()`` in ``ReentrantLock.Sync``
    # (``extends AbstractQueuedSynchronizer``) had reached the namesake nested in
    # ``AbstractQueuedLongSynchronizer``, the first file of the package to declare one.
    files = {
        "p/BaseA.java": (
            "package p;\npublic abstract class BaseA {\n"
            "  public class Cond { public Cond() { } public void await() { } }\n}\n"
        ),
        "p/BaseB.java": (
            "package p;\npublic abstract class BaseB {\n"
            "  public class Cond { public Cond() { } public void await() { } }\n}\n"
        ),
        "p/Lock.java": (
            "package p;\npublic class Lock {\n"
            "  static final class Sync extends BaseB {\n"
            "    Cond newCondition() { return new Cond(); }\n"
            "    void use() { Cond c = new Cond(); c.await(); }\n  }\n"
            "  static final class Plain {\n    Object make() { return new Cond(); }\n  }\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/Lock.java::Lock.Sync.newCondition", "p/BaseB.java::BaseB.Cond.Cond", "method", 4),
        ("p/Lock.java::Lock.Sync.use", "p/BaseB.java::BaseB.Cond.Cond", "method", 5),
        ("p/Lock.java::Lock.Sync.use", "p/BaseB.java::BaseB.Cond.await", "method", 5),
        # ``Plain`` sees no ``Cond``: another file's nested class is no name of the package
    ]


def test_a_java_class_is_found_from_the_innermost_class_around_the_caller() -> None:
    # java.util.stream: ``new Taking(s, this)`` in ``WhileOps…OfInt.Taking`` had reached
    # ``OfRef.Taking``'s constructor, the file's first ``Taking``; ``accept(other.state)`` in
    # the ``ReducingSink`` local to ``makeInt`` the one local to ``makeRef`` (fuzzy: the two
    # ``makeRef`` overloads' sinks were taken for overloads of each other); ``super(…)`` in
    # ``CollectorTask.OfInt`` the constructor of ``EmptyNode.OfInt``.
    files = {
        "p/Ops.java": (
            "package p;\n"
            "final class Ops {\n"
            "  static class Split {\n"
            "    Split(Object s) { }\n"
            "    static final class OfRef extends Split {\n"
            "      OfRef(Object s) { super(s); }\n"
            "      static final class Taking extends OfRef {\n"
            "        Taking(Object s, Taking p) { super(s); }\n"
            "        Object make(Object s) { return new Taking(s, this); }\n"
            "      }\n    }\n"
            "    static final class OfInt extends Split {\n"
            "      OfInt(Object s) { super(s); }\n"
            "      static final class Taking extends OfInt {\n"
            "        Taking(Object s, Taking p) { super(s); }\n"
            "        Object make(Object s) { return new Taking(s, this); }\n"
            "      }\n"
            "      Object take(Object s) { return new Taking(s, null); }\n"
            "    }\n"
            "    Object ints(Object s) { return new OfInt.Taking(s, null); }\n"
            "    Object refs(java.util.function.Function<Object, Object> f) {\n"
            "      return f.apply(OfRef::new); }\n"
            "  }\n"
            "  static Object makeRef(Object seed) {\n"
            "    class Sink {\n"
            "      void accept(Object t) { }\n"
            "      void combine(Sink other) { accept(other); }\n"
            "    }\n    return new Sink();\n  }\n"
            "  static Object makeRef(int seed, int x) {\n"
            "    class Sink {\n"
            "      void accept(Object t) { }\n"
            "      void combine(Sink other) { accept(other); }\n"
            "    }\n    return new Sink();\n  }\n"
            "  static Object makeInt(int seed) {\n"
            "    class Sink {\n"
            "      void accept(int t) { }\n"
            "      void combine(Sink other) { accept(other.hashCode()); }\n"
            "    }\n    return new Sink();\n  }\n"
            "  Object take(Object s) { return Split.OfInt.Taking::new; }\n"
            "}\n"
        ),
    }
    assert _java_edge_lines(files) == [
        ("p/Ops.java", 6, 4),  # OfRef's super(s): Split's
        ("p/Ops.java", 8, 6),  # OfRef.Taking's super(s): OfRef's
        ("p/Ops.java", 9, 8),  # new Taking(…) in OfRef.Taking: its own
        ("p/Ops.java", 13, 4),
        ("p/Ops.java", 15, 13),  # OfInt.Taking's super(s): OfInt's
        ("p/Ops.java", 16, 15),  # new Taking(…) in OfInt.Taking: its own
        ("p/Ops.java", 18, 15),  # in OfInt: its member
        ("p/Ops.java", 20, 15),  # new OfInt.Taking(…) in Split
        ("p/Ops.java", 22, 6),  # OfRef::new
        ("p/Ops.java", 27, 26),  # each Sink's accept is its own
        ("p/Ops.java", 34, 33),
        ("p/Ops.java", 41, 40),
        ("p/Ops.java", 45, 15),  # Split.OfInt.Taking::new
    ]


def test_java_outer_this_names_the_enclosing_classs_method() -> None:
    # java.util.concurrent: ``CopyOnWriteArrayList.this.set(…)`` in its sublist (13 such
    # calls) had no edge. As ``this.m()``, it may run a subclass's override.
    files = {
        "p/Outer.java": (
            "package p;\nclass Outer {\n  int get(int i) { return i; }\n"
            "  class Sub {\n    int get(int i) { return Outer.this.get(i + 1); }\n"
            "    int size() { return Outer.this.size(); }\n  }\n}\n"
        ),
        "p/Deeper.java": (
            "package p;\nclass Deeper extends Outer {\n  int get(int i) { return 0; }\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/Outer.java::Outer.Sub.get", "p/Deeper.java::Deeper.get", "method", 5),
        ("p/Outer.java::Outer.Sub.get", "p/Outer.java::Outer.get", "method", 5),
    ]


def test_a_java_call_on_a_static_field_or_an_enum_constant_reaches_its_classs_method() -> None:
    # java.time: ``DateTimeFormatter.ISO_INSTANT.format(this)``, ``IsoChronology.INSTANCE
    # .isLeapYear(year)`` and a statically imported ``NANO_OF_SECOND.checkValidIntValue(…)``
    # (a ``ChronoField`` constant) had no edge (about 140 such calls); nor had java.io's
    # ``out.write(b)`` in a ``FilterOutputStream`` subclass, on the field it inherits.
    files = {
        "p/Fmt.java": (
            "package p;\npublic final class Fmt {\n  public static final Fmt ISO = new Fmt();\n"
            '  public String format(Object o) { return ""; }\n}\n'
        ),
        "p/Unit.java": (
            "package p;\npublic enum Unit {\n  SECONDS, MINUTES;\n"
            "  public long toNanos(long d) { return d; }\n}\n"
        ),
        "p/Sink.java": (
            "package p;\nclass Sink {\n  protected Fmt out;\n"
            "  static class Loud extends Sink {\n    String say() { return out.format(1); }\n"
            "    java.util.Iterator<Fmt> each(java.util.List<Fmt> xs) {\n"
            "      final java.util.Iterator<Fmt> out = xs.iterator();\n"
            "      return new java.util.Iterator<Fmt>() {\n"
            "        public boolean hasNext() { return out.hasNext(); }\n"
            "        public Fmt next() { return out.next().format(2) == null ? null : null; }\n"
            "      };\n    }\n  }\n}\n"
        ),
        "p/User.java": (
            "package p;\nimport static p.Unit.SECONDS;\nfinal class User {\n"
            "  static final java.util.List<String> NAMES = null;\n"
            "  String a() { return Fmt.ISO.format(this); }\n"
            "  long b() { return Unit.MINUTES.toNanos(1); }\n"
            "  long c() { return SECONDS.toNanos(2); }\n"
            "  int d() { return NAMES.size(); }\n}\n"
        ),
        "q/Other.java": (
            "package q;\nimport static p.Unit.*;\nclass Other {\n"
            "  long e() { return MINUTES.toNanos(3); }\n}\n"
        ),
    }
    assert edges_of(files) == [
        ("p/Sink.java::Sink.Loud.say", "p/Fmt.java::Fmt.format", "method", 5),
        # ``out`` in the anonymous class is ``each``'s local: a library's iterator
        ("p/User.java::User.a", "p/Fmt.java::Fmt.format", "method", 5),
        ("p/User.java::User.b", "p/Unit.java::Unit.toNanos", "method", 6),
        ("p/User.java::User.c", "p/Unit.java::Unit.toNanos", "method", 7),
        ("q/Other.java::Other.e", "p/Unit.java::Unit.toNanos", "method", 4),
    ]


def test_a_call_in_a_java_enum_constants_body_reaches_that_bodys_method() -> None:
    # java.time's ``IsoFields.Field``: all 9 ``isSupportedBy(temporal)`` calls in its four
    # constants' bodies had reached the first body's; the three others had no caller.
    files = {
        "p/Op.java": """
            package p;
            enum Op {
                PLUS {
                    int apply(int a) { return helper(a) + twice(a); }
                    int helper(int a) { return a; }
                },
                MINUS {
                    int apply(int a) { return helper(a) - this.twice(a) + super.apply(a); }
                    int helper(int a) { return -a; }
                },
                ZERO;
                int apply(int a) { return 0; }
                int twice(int a) { return 2 * a; }
                int run(int a) { return apply(a) + PLUS.helper(a); }
            }
            """,
        "p/Use.java": """
            package p;
            class Use {
                int f() { return Op.MINUS.apply(1) + Op.ZERO.apply(2); }
            }
            """,
    }
    assert edges_of(files) == [
        ("p/Op.java::Op.MINUS.apply", "p/Op.java::Op.MINUS.helper", "same_file", 8),
        ("p/Op.java::Op.MINUS.apply", "p/Op.java::Op.apply", "method", 8),
        ("p/Op.java::Op.MINUS.apply", "p/Op.java::Op.twice", "method", 8),
        ("p/Op.java::Op.PLUS.apply", "p/Op.java::Op.PLUS.helper", "same_file", 4),
        ("p/Op.java::Op.PLUS.apply", "p/Op.java::Op.twice", "same_file", 4),
        # the enum's own ``apply``, and the constants' that may run instead
        ("p/Op.java::Op.run", "p/Op.java::Op.MINUS.apply", "method", 14),
        ("p/Op.java::Op.run", "p/Op.java::Op.PLUS.apply", "method", 14),
        ("p/Op.java::Op.run", "p/Op.java::Op.PLUS.helper", "method", 14),
        ("p/Op.java::Op.run", "p/Op.java::Op.apply", "same_file", 14),
        ("p/Use.java::Use.f", "p/Op.java::Op.MINUS.apply", "method", 3),
        ("p/Use.java::Use.f", "p/Op.java::Op.apply", "method", 3),
    ]


def test_a_modules_name_is_a_function_that_binds_it_not_an_objects_key() -> None:
    # zod: ``z.toJSONSchema(…)`` (284 tests) had reached a key of the object ``ZodType``'s
    # constructor is given, and ``z.parse(…)`` an ``inst._zod.parse = …`` in a factory: a
    # module's names are what binds a name (or what CommonJS assigns to ``exports``).
    files = {
        "src/lib.ts": """
            export function toJSONSchema(schema: unknown) { return schema; }
            export const proto = {
              encode(data: unknown) { return data; },
              toJSONSchema(params: unknown) { return params; },
            };
            export function factory(inst: any) {
              inst.parse = (payload: unknown) => payload;
            }
            """,
        "src/commonjs.js": """
            module.exports = { shout: function (s) { return s; } };
            module.exports.third = function third() { return 3; };
            exports.fourth = () => 4;
            """,
        "src/use.ts": """
            import * as z from "./lib";
            import * as c from "./commonjs";
            export function use() {
              z.encode(1);
              z.parse(2);
              z.toJSONSchema(3);
              return c.shout("x") + c.third() + c.fourth();
            }
            """,
    }
    results = project(files)
    rows = function_rows(results)
    lines = {row.id: row.line for row in rows}
    edges = resolve_calls(rows, results)
    named = named_edges(edges, rows)
    assert sorted(
        (*edge, lines[found.callee_id]) for edge, found in zip(named, edges, strict=True)
    ) == [
        ("src/use.ts::use", "src/commonjs.js::fourth", "import", 7, 3),
        ("src/use.ts::use", "src/commonjs.js::shout", "import", 7, 1),
        ("src/use.ts::use", "src/commonjs.js::third", "import", 7, 2),
        ("src/use.ts::use", "src/lib.ts::toJSONSchema", "import", 6, 1),
    ]


def test_an_explicit_export_shadows_export_star() -> None:
    # zod's classic/external.ts: ``export * from "./schemas.js"`` and ``export { toJSONSchema }
    # from "../core/json-schema-processors.js"``: the explicit one is the module's, as ES
    # modules say, whatever the files' order; a name the module exports itself (a variable)
    # or re-exports from a library is none of the star's either.
    files = {
        "src/classic/schemas.ts": """
            export function string() { return 1; }
            export function toJSONSchema(params: unknown) { return params; }
            export function version() { return 1; }
            export function fromLib() { return 1; }
            export class Widget { constructor() {} }
            """,
        "src/core/processors.ts": """
            export function toJSONSchema(schema: unknown) { return { schema }; }
            export class Widget { constructor() {} }
            """,
        "src/classic/external.ts": """
            export * from "./schemas.js";
            export { toJSONSchema, Widget } from "../core/processors.js";
            export { fromLib } from "some-lib";
            export const version = "4";
            """,
        "src/use.ts": """
            import * as z from "./classic/external";
            import { toJSONSchema, Widget } from "./classic/external";
            export function use() {
              z.toJSONSchema(z.string());
              new z.Widget();
              new Widget();
              z.fromLib();
              z.version();
              return toJSONSchema(1);
            }
            """,
    }
    assert edges_of(files) == [
        ("src/use.ts::use", "src/classic/schemas.ts::string", "import", 4),
        ("src/use.ts::use", "src/core/processors.ts::Widget.constructor", "import", 5),
        ("src/use.ts::use", "src/core/processors.ts::Widget.constructor", "import", 6),
        ("src/use.ts::use", "src/core/processors.ts::toJSONSchema", "import", 4),
        ("src/use.ts::use", "src/core/processors.ts::toJSONSchema", "import", 9),
    ]


def test_an_export_under_another_name_is_followed_to_its_value() -> None:
    # zod v4's ``export { _catch as catch }``, v3's whole API (``const stringType =
    # ZodString.create`` … ``export { stringType as string }``: 233 of its 341 functions read
    # "untested"), commander's ``export { InvalidArgumentError as InvalidOptionArgumentError
    # }``, a barrel's ``export { default as Button } from "./Button"``.
    files = {
        "src/types.ts": """
            export class ZodString {
              static create = (params?: unknown): ZodString => new ZodString();
              min(n: number) { return this; }
            }
            export class ZodError { constructor(public issues: unknown[]) {} }
            function plain() { return 1; }
            function _catch(value: unknown) { return value; }
            const stringType = ZodString.create;
            const plainAlias = plain;
            let reassigned = plain;
            export const alias = plainAlias;
            export {
              stringType as string,
              _catch as catch,
              plainAlias,
              reassigned,
              ZodError as ValidationError,
              plain as default,
            };
            """,
        "src/Button.ts": "export default function Button() { return 1; }\n",
        "src/index.ts": """
            export * from "./types";
            export { default as Button, default as Knob } from "./Button";
            """,
        "src/lib.js": """
            function parseImpl(s) { return s; }
            const stringify = parseImpl;
            exports.load = parseImpl;
            module.exports.stringify = stringify;
            """,
        "src/use.ts": """
            import * as z from "./index";
            import top, { string, ValidationError } from "./types";
            import { load, stringify } from "./lib";
            export function use() {
              z.string().min(1);
              z.catch(2);
              z.plainAlias();
              z.reassigned();
              z.alias();
              z.Knob();
              new z.ValidationError([]);
              new ValidationError([]);
              top();
              load("a");
              stringify("b");
              return string();
            }
            """,
    }
    assert edges_of(files) == [
        ("src/use.ts::use", "src/Button.ts::Button", "import", 10),
        ("src/use.ts::use", "src/lib.js::parseImpl", "import", 14),
        ("src/use.ts::use", "src/lib.js::parseImpl", "import", 15),
        ("src/use.ts::use", "src/types.ts::ZodError.constructor", "import", 11),
        ("src/use.ts::use", "src/types.ts::ZodError.constructor", "import", 12),
        ("src/use.ts::use", "src/types.ts::ZodString.create", "import", 5),
        ("src/use.ts::use", "src/types.ts::ZodString.create", "import", 16),
        ("src/use.ts::use", "src/types.ts::ZodString.min", "method", 5),
        ("src/use.ts::use", "src/types.ts::_catch", "import", 6),
        ("src/use.ts::use", "src/types.ts::plain", "import", 7),
        ("src/use.ts::use", "src/types.ts::plain", "import", 9),
        ("src/use.ts::use", "src/types.ts::plain", "import", 13),
    ]


def test_a_renamed_export_as_deep_as_a_defined_one_is_found() -> None:
    # zod's tests reach classic/schemas.ts's ``export { _catch as catch }`` through
    # ``zod/v4``'s index.ts, classic/index.ts and external.ts: as deep as its ``string``, which
    # was found, while ``z.catch`` (13 tests) was one step past the limit.
    files = {
        "v4/index.ts": 'export * from "./classic/index";\n',
        "v4/classic/index.ts": 'export * from "./external";\n',
        "v4/classic/external.ts": 'export * from "./schemas";\n',
        "v4/classic/schemas.ts": """
            export function string() { return 1; }
            function _catch(value: unknown) { return value; }
            class LocalError { constructor() {} }
            export { _catch as catch, LocalError as ZodError };
            """,
        "use.ts": """
            import * as z from "./v4/index";
            export function use() {
              new z.ZodError();
              return z.catch(z.string());
            }
            """,
    }
    assert edges_of(files) == [
        ("use.ts::use", "v4/classic/schemas.ts::LocalError.constructor", "import", 3),
        ("use.ts::use", "v4/classic/schemas.ts::_catch", "import", 4),
        ("use.ts::use", "v4/classic/schemas.ts::string", "import", 4),
    ]


def test_typescripts_import_require_is_followed() -> None:
    files = {
        "klass.js": """
            class Engine {
              start() { return this.ignite(); }
              ignite() { return true; }
            }
            module.exports = Engine;
            """,
        "wheel.ts": "class Wheel { turn() { return 1; } }\nexport = Wheel;\n",
        "main.ts": """
            import fs = require("fs");
            import Eng = require("./klass");
            import Wheel = require("./wheel");
            export function ts() {
              const e = new Eng();
              new Wheel().turn();
              return e.start() && fs.existsSync("x");
            }
            """,
    }
    assert [e for e in edges_of(files) if e[0] == "main.ts::ts"] == [
        ("main.ts::ts", "klass.js::Engine.start", "method", 7),
        ("main.ts::ts", "wheel.ts::Wheel.turn", "method", 6),
    ]


def test_a_module_namespace_exported_by_name_is_that_module() -> None:
    # zod's tests import ``{ z } from "zod/v4"`` (its classic/index.ts says ``import * as z
    # from "./external.js"; export { z, z as default }``) and ``z.string()`` is external.ts's;
    # ``export * as iso from "./iso.js"`` names a module too.
    files = {
        "src/schemas.ts": "export function string() { return 1; }\n",
        "src/iso.ts": "export function datetime() { return 1; }\n",
        "src/external.ts": """
            export * from "./schemas";
            export * as iso from "./iso";
            """,
        "src/index.ts": """
            import * as z from "./external";
            export * from "./external";
            export { z, z as default };
            """,
        "src/v4.ts": 'export * from "./index";\n',
        "src/use.ts": """
            import { z } from "./v4";
            import zed from "./index";
            import { iso } from "./external";
            export function use() {
              z.string();
              zed.string();
              z.iso();
              return iso.datetime();
            }
            """,
    }
    assert edges_of(files) == [
        ("src/use.ts::use", "src/iso.ts::datetime", "import", 8),
        ("src/use.ts::use", "src/schemas.ts::string", "import", 5),
        ("src/use.ts::use", "src/schemas.ts::string", "import", 6),
    ]


def test_from_a_package_import_takes_its_attribute_before_its_submodule() -> None:
    # tenacity: ``def retry(…)`` in its ``__init__`` beside ``tenacity/retry.py``; its tests'
    # ``from tenacity import retry`` had bound the module, and ~75 ``retry(…)`` and
    # ``@retry(…)`` had no edge. Python takes the package's attribute first (what its
    # ``__init__`` defines or imports), the submodule only when there is none.
    files = {
        "pkg/__init__.py": (
            "from .wrap import wrap as wrapper\nfrom . import conv\n\n\n"
            "def retry(*a):\n    return a\n"
        ),
        "pkg/retry.py": "class X:\n    pass\n",
        "pkg/wrap.py": "def wrap(f):\n    return f\n",
        "pkg/wrapper.py": "def wrap(f):\n    return f\n",
        "pkg/conv.py": "def pipe(*fs):\n    return fs\n",
        "pkg/api.py": "def get():\n    return 1\n",
        "tests/test_x.py": (
            "from pkg import retry, wrapper, conv, api\n\n\ndef test_plain():\n"
            "    assert retry(1)\n    assert wrapper(len)\n    assert conv.pipe()\n"
            "    assert api.get()\n\n\ndef test_decorated():\n    @retry(2)\n"
            "    def inner():\n        return 1\n    assert inner\n"
        ),
    }
    assert edges_of(files) == [
        ("tests/test_x.py::test_decorated", "pkg/__init__.py::retry", "import", 12),
        ("tests/test_x.py::test_plain", "pkg/__init__.py::retry", "import", 5),
        ("tests/test_x.py::test_plain", "pkg/api.py::get", "import", 8),
        ("tests/test_x.py::test_plain", "pkg/conv.py::pipe", "import", 7),
        ("tests/test_x.py::test_plain", "pkg/wrap.py::wrap", "import", 6),
    ]


def test_a_closure_s_self_is_the_enclosing_method_s() -> None:
    # tenacity's ``BaseRetrying.wraps.wrapped_f`` calls ``self.copy()`` and then the copy;
    # peewee's decorator factories (``def decorator(fn): self.register_function(fn)``). A
    # function nested in a method, a lambda in it too, sees the method's ``self`` (or a
    # classmethod's ``cls``), with the overrides a subclass may run; not where the nested
    # function takes a ``self`` of its own or rebinds it.
    files = {
        "pkg/r.py": """
            from typing import Self

            class R:
                def helper(self):
                    return 1

                def copy(self) -> Self:
                    return self

                def __call__(self, f):
                    return f()

                def wraps(self, f):
                    def wrapped(*a):
                        copy = self.copy()
                        return self.helper(), copy(f)

                    def outer():
                        def inner():
                            return (lambda: self.helper())()
                        return inner

                    def own(self):
                        return self.helper()

                    def rebound():
                        self = S()
                        return self.helper()

                    return wrapped, outer, own, rebound

                @classmethod
                def make(cls):
                    def build():
                        return cls.helper(None)
                    return build

            class Sub(R):
                def helper(self):
                    return 2

            class S:
                def helper(self):
                    return 3
            """,
    }
    assert [e for e in edges_of(files) if e[0].startswith("pkg/r.py::R.")] == [
        ("pkg/r.py::R.make.build", "pkg/r.py::R.helper", "method", 35),
        ("pkg/r.py::R.make.build", "pkg/r.py::Sub.helper", "method", 35),
        ("pkg/r.py::R.wraps.outer.inner", "pkg/r.py::R.helper", "method", 20),
        ("pkg/r.py::R.wraps.outer.inner", "pkg/r.py::Sub.helper", "method", 20),
        ("pkg/r.py::R.wraps.wrapped", "pkg/r.py::R.__call__", "method", 16),
        ("pkg/r.py::R.wraps.wrapped", "pkg/r.py::R.copy", "method", 15),
        ("pkg/r.py::R.wraps.wrapped", "pkg/r.py::R.helper", "method", 16),
        ("pkg/r.py::R.wraps.wrapped", "pkg/r.py::Sub.helper", "method", 16),
    ]


def test_a_chain_through_a_method_returning_self_keeps_its_class() -> None:
    # structlog's tests: ``build_bl().bind(x=42, y=23).unbind("x", "y")`` with ``bind`` and
    # ``unbind`` annotated ``-> Self``: ``unbind`` was only guessed. tenacity's ``copy`` is
    # ``-> "Self"``. A step declared to return ``Self`` gives the class it is called on.
    files = {
        "pkg/b.py": """
            import typing
            from typing import Self

            class B:
                def bind(self) -> Self:
                    return self

                def unbind(self) -> "Self":
                    return self

                def again(self) -> typing.Self:
                    return self

                def done(self):
                    return 1

            def build():
                return B()

            def t1():
                build().bind().unbind().again().done()

            def t2():
                b = B()
                b.bind().unbind()

            def t3():
                c = B().unbind()
                c.done()
            """,
    }
    assert [e for e in edges_of(files) if e[0].startswith("pkg/b.py::t")] == [
        ("pkg/b.py::t1", "pkg/b.py::B.again", "method", 21),
        ("pkg/b.py::t1", "pkg/b.py::B.bind", "method", 21),
        ("pkg/b.py::t1", "pkg/b.py::B.done", "method", 21),
        ("pkg/b.py::t1", "pkg/b.py::B.unbind", "method", 21),
        ("pkg/b.py::t1", "pkg/b.py::build", "same_file", 21),
        ("pkg/b.py::t2", "pkg/b.py::B.bind", "method", 25),
        ("pkg/b.py::t2", "pkg/b.py::B.unbind", "method", 25),
        ("pkg/b.py::t3", "pkg/b.py::B.done", "method", 29),
        ("pkg/b.py::t3", "pkg/b.py::B.unbind", "method", 28),
    ]


def test_an_instance_made_by_cls_or_type_of_self_is_of_the_caller_s_class() -> None:
    # peewee's ``Model.create``: ``inst = cls(**query); inst.save(…)`` had no edge;
    # ``other = type(self)(); other.save()`` had reached an unrelated ``Other.save`` by the
    # variable's name. Such an instance is the caller's class's, or a subclass's, as ``self``
    # is: its overrides are reached too, also from a closure.
    files = {
        "pkg/m.py": """
            class Model:
                def __init__(self, **kw):
                    self.kw = kw

                @classmethod
                def create(cls, **query):
                    inst = cls(**query)
                    inst.save(force_insert=True)
                    return inst

                def save(self, force_insert=False):
                    return force_insert

                def clone(self):
                    other = type(self)()
                    other.save()
                    dup = self.__class__()
                    dup.save()
                    return other, dup

                @classmethod
                def later(cls):
                    def make():
                        made = cls()
                        made.save()
                    return make

            class User(Model):
                def save(self, force_insert=False):
                    return True

            class Other:
                def save(self):
                    pass
            """,
    }
    assert [e for e in edges_of(files) if "save" in e[1]] == [
        ("pkg/m.py::Model.clone", "pkg/m.py::Model.save", "method", 16),
        ("pkg/m.py::Model.clone", "pkg/m.py::Model.save", "method", 18),
        ("pkg/m.py::Model.clone", "pkg/m.py::User.save", "method", 16),
        ("pkg/m.py::Model.clone", "pkg/m.py::User.save", "method", 18),
        ("pkg/m.py::Model.create", "pkg/m.py::Model.save", "method", 8),
        ("pkg/m.py::Model.create", "pkg/m.py::User.save", "method", 8),
        ("pkg/m.py::Model.later.make", "pkg/m.py::Model.save", "method", 25),
        ("pkg/m.py::Model.later.make", "pkg/m.py::User.save", "method", 25),
    ]


def test_a_mixin_s_self_call_reaches_what_its_subclasses_take_from_a_sibling_base() -> None:
    # peewee's ``PooledDatabase.manual_close`` calls ``self.close()``; the mixin defines none,
    # ``PooledSqliteDatabase(_PooledSqliteDatabase, SqliteDatabase)`` takes ``Database``'s.
    # When every subclass that does not define the method takes the same one from outside
    # the mixin's subclasses, that one runs; subclasses that disagree say nothing.
    files = {
        "pkg/db.py": """
            class Database:
                def close(self):
                    return True

                def is_closed(self):
                    return False

            class SqliteDatabase(Database):
                pass

            class MySQLDatabase(Database):
                def is_closed(self):
                    return True
            """,
        "pkg/pool.py": """
            from pkg.db import Database, MySQLDatabase, SqliteDatabase

            class PooledMixin:
                def close_all(self):
                    if not self.is_closed():
                        return self.close()

            class _PooledSqlite(PooledMixin):
                pass

            class PooledSqlite(_PooledSqlite, SqliteDatabase):
                pass

            class PooledMySQL(PooledMixin, MySQLDatabase):
                pass

            class Closing(PooledSqlite):
                def close(self):
                    return None
            """,
        # The stdlib's ipaddress tests: ``self.factory(…)`` in a mixin, ``factory`` a property
        # of a sibling base (each test case assigns a class over it): no method runs. A
        # subclass with a library base first may run the library's.
        "pkg/props.py": """
            import lib

            class Base:
                @property
                def factory(self):
                    raise NotImplementedError

                def make(self):
                    return 1

            class Mixin:
                def test_x(self):
                    return self.factory(""), self.make()

            class Case(Base, Mixin):
                factory = str

            class Other(lib.Thing, Mixin, Base):
                pass
            """,
    }
    edges = edges_of(files)
    assert [e for e in edges if e[0] == "pkg/pool.py::PooledMixin.close_all"] == [
        ("pkg/pool.py::PooledMixin.close_all", "pkg/db.py::Database.close", "method", 6),
        ("pkg/pool.py::PooledMixin.close_all", "pkg/pool.py::Closing.close", "method", 6),
    ]
    assert [e for e in edges if e[0].startswith("pkg/props.py::Mixin")] == []


def test_a_class_attribute_naming_a_class_or_function_is_called_as_it() -> None:
    # peewee: ``context_class = Context`` in ``Database``, then ``self.context_class(**ctx)``;
    # ``Field.accessor_class = FieldAccessor``, which ``BigBitField`` replaces, called in
    # ``Field.bind``. A class body's ``x = Name`` makes ``self.x(…)`` a call of what the name
    # is there: a class's constructor, a function, a method of the class body
    # (``__iadd__ = __add__``); a subclass assigning another is an override.
    files = {
        "pkg/db.py": """
            from pkg.cursors import Cursor

            class Accessor:
                def __init__(self, field):
                    self.field = field

                def fetch(self):
                    return 2

            class BitAccessor(Accessor):
                def __init__(self, field):
                    super().__init__(field)

            def helper(self):
                return 1

            class Db:
                cursor_class = Cursor
                accessor_class = Accessor
                run = helper

                def add(self, other):
                    return self

                iadd = add

                def c(self):
                    return self.cursor_class(self), self.run(), self.iadd(1)

                def d(self):
                    acc = self.accessor_class(self)
                    return acc.fetch()

            class BitDb(Db):
                accessor_class = BitAccessor
            """,
        "pkg/cursors.py": "class Cursor:\n    def __init__(self, db):\n        self.db = db\n",
    }
    assert [e for e in edges_of(files) if e[0].startswith("pkg/db.py::Db.")] == [
        ("pkg/db.py::Db.c", "pkg/cursors.py::Cursor.__init__", "method", 28),
        ("pkg/db.py::Db.c", "pkg/db.py::Db.add", "method", 28),
        ("pkg/db.py::Db.c", "pkg/db.py::helper", "method", 28),
        ("pkg/db.py::Db.d", "pkg/db.py::Accessor.__init__", "method", 31),
        ("pkg/db.py::Db.d", "pkg/db.py::Accessor.fetch", "method", 32),
        ("pkg/db.py::Db.d", "pkg/db.py::BitAccessor.__init__", "method", 31),
    ]


# Functions passed as values (``ParseResult.references``) -----------------------------------


def test_go_functions_passed_as_values_reach_them() -> None:
    # chi's tests pass middlewares to ``r.Use`` and its mux wraps ``mx.routeHTTP`` in an
    # ``http.HandlerFunc``; cobra's set ``Args: NoArgs`` in a command's literal.
    files = {
        "mux.go": """
            package chi

            type Mux struct{ handler Handler }

            func (mx *Mux) Use(middlewares ...func(Handler) Handler) {}

            func (mx *Mux) routeHTTP(w ResponseWriter, r *Request) {}

            func (mx *Mux) updateRouteHandler() {
                mx.handler = chain(mx.middlewares, http.HandlerFunc(mx.routeHTTP))
            }
            """,
        "middleware/realip.go": """
            package middleware

            func RealIP(h Handler) Handler { return h }

            func GetHead(h Handler) Handler { return h }
            """,
        "middleware/realip_test.go": """
            package middleware

            import "example.com/chi"

            func TestRealIP(t *testing.T) {
                r := chi.NewRouter()
                r.Use(RealIP)
                GetHead := func(h Handler) Handler { return h }
                r.Use(GetHead)
            }
            """,
        "args.go": """
            package cobra

            func NoArgs(cmd *Command, args []string) error { return nil }
            """,
        "args_test.go": """
            package cobra

            func TestNoArgs(t *testing.T) {
                c := &Command{Use: "c", Args: NoArgs, Run: emptyRun}
            }

            func emptyRun(*Command, []string) {}
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("args_test.go::TestNoArgs", "args.go::NoArgs", "import", 4),
            ("args_test.go::TestNoArgs", "args_test.go::emptyRun", "same_file", 4),
            ("middleware/realip_test.go::TestRealIP", "middleware/realip.go::RealIP", "import", 7),
            # ``GetHead`` there is the test's own variable, not the package's function.
            ("mux.go::Mux.updateRouteHandler", "mux.go::Mux.routeHTTP", "method", 10),
        ]
    )


def test_java_method_references_reach_their_methods() -> None:
    # java.time's ``formatter.parse(text, LocalDate::from)`` had given no edge; the same call
    # in a lambda did.
    files = {
        "java/time/LocalDate.java": """
            package java.time;

            public final class LocalDate {
                public static LocalDate from(TemporalAccessor temporal) { return null; }

                public static LocalDate parse(CharSequence text, DateTimeFormatter formatter) {
                    return formatter.parse(text, LocalDate::from);
                }

                String name() { return ""; }

                List<String> names(Stream<LocalDate> dates) {
                    return dates.map(this::name).map(Label::new).map(ZoneId::of).toList();
                }
            }
            """,
        "java/time/Label.java": """
            package java.time;

            class Label {
                Label(String text) {}
            }
            """,
        "java/time/ZoneId.java": """
            package java.time;

            class ZoneId {
                static ZoneId of(String id) { return null; }
                static ZoneId of(String id, Map<String, String> aliases) { return null; }
            }
            """,
    }
    # ``ZoneId::of`` names two overloads: which one the functional interface takes is not read.
    assert edges_of(files) == sorted(
        [
            (
                "java/time/LocalDate.java::LocalDate.names",
                "java/time/Label.java::Label.Label",
                "import",
                13,
            ),
            (
                "java/time/LocalDate.java::LocalDate.names",
                "java/time/LocalDate.java::LocalDate.name",
                "method",
                13,
            ),
            (
                "java/time/LocalDate.java::LocalDate.parse",
                "java/time/LocalDate.java::LocalDate.from",
                "method",
                7,
            ),
        ]
    )


def test_python_functions_passed_as_values_reach_them() -> None:
    files = {
        "app/jobs.py": """
            def cleanup():
                pass

            def _helper(x):
                return x
            """,
        "app/worker.py": """
            import atexit, functools, signal, threading
            from app.jobs import cleanup
            from app import jobs

            def handler(signum, frame):
                pass

            class Worker:
                def _convert(self, x):
                    return x

                def _key(self, x):
                    return x

                def _run(self):
                    pass

                def start(self, xs):
                    found = sorted(xs, key=self._key)
                    converted = list(map(self._convert, xs))
                    threading.Thread(target=self._run).start()
                    atexit.register(cleanup)
                    signal.signal(signal.SIGINT, handler)
                    functools.partial(jobs._helper, 1)

            class Fast(Worker):
                def _convert(self, x):
                    return x
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("app/worker.py::Worker.start", "app/worker.py::Worker._key", "method", 19),
            ("app/worker.py::Worker.start", "app/worker.py::Worker._convert", "method", 20),
            # ``self._convert`` may be the subclass's, as a call of it may.
            ("app/worker.py::Worker.start", "app/worker.py::Fast._convert", "method", 20),
            ("app/worker.py::Worker.start", "app/worker.py::Worker._run", "method", 21),
            ("app/worker.py::Worker.start", "app/jobs.py::cleanup", "import", 22),
            ("app/worker.py::Worker.start", "app/worker.py::handler", "same_file", 23),
            ("app/worker.py::Worker.start", "app/jobs.py::_helper", "import", 24),
        ]
    )


def test_javascript_functions_passed_as_values_reach_them() -> None:
    files = {
        "lib/results.js": "export function handleResult(r) { return r; }\n",
        "lib/middleware.js": "module.exports = function middleware(req, res, next) { next(); };\n",
        "lib/reader.js": """
            import { handleResult } from "./results";
            const middleware = require("./middleware");

            function parseLine(line) { return line; }
            function tick() {}

            export class Reader {
              onData(chunk) {}
              start(emitter, lines) {
                lines.map(parseLine);
                emitter.on("data", this.onData);
                app.use(middleware);
                setTimeout(tick, 10);
                fetchAll().then(handleResult);
              }
            }
            """,
    }
    assert edges_of(files) == sorted(
        [
            ("lib/reader.js::Reader.start", "lib/reader.js::parseLine", "same_file", 10),
            ("lib/reader.js::Reader.start", "lib/reader.js::Reader.onData", "method", 11),
            ("lib/reader.js::Reader.start", "lib/middleware.js::middleware", "import", 12),
            ("lib/reader.js::Reader.start", "lib/reader.js::tick", "same_file", 13),
            ("lib/reader.js::Reader.start", "lib/results.js::handleResult", "import", 14),
        ]
    )


def test_a_value_passed_on_is_never_a_guess_a_class_or_a_property() -> None:
    # ``view.paint_all`` and Go's ``LogRequests`` match one method and one function elsewhere:
    # a call of either is guessed (``fuzzy``), a name passed on is not. A class passed on
    # (``isinstance``, ``defaultdict``) is no call of its constructor, nor is reading a property
    # a function passed.
    files = {
        "app/other.py": """
            class Page:
                def paint_all(self):
                    return 1

            class Store:
                def __init__(self):
                    self.items = []
            """,
        "app/models.py": """
            from collections import defaultdict
            from app.other import Store

            class Item:
                def __init__(self):
                    self.n = 0

                @property
                def size(self):
                    return self.n

                def check(self, x, view):
                    view.paint_all()
                    use(view.paint_all, isinstance(x, Item), defaultdict(Store))
                    use(self.size, cls=Store)
            """,
        "util/log.go": """
            package util

            func LogRequests(h Handler) Handler { return h }
            """,
        "srv/srv.go": """
            package srv

            func Start() {
                LogRequests(nil)
                r.Use(LogRequests)
            }
            """,
    }
    assert edges_of(files) == [
        ("app/models.py::Item.check", "app/other.py::Page.paint_all", "fuzzy", 13),
        ("srv/srv.go::Start", "util/log.go::LogRequests", "fuzzy", 4),
    ]


def test_a_python_class_attribute_hides_the_method_a_base_defines() -> None:
    # The standard library's encodings: ``class Codec(codecs.Codec): encode = codec.encode``
    # holds a C codec's function, and ``Codec().encode`` had reached ``codecs.Codec.encode``
    # (66 edges of 33 encodings, once references were followed).
    files = {
        "codecs.py": """
            class Codec:
                def encode(self, text):
                    raise NotImplementedError

                def decode(self, data):
                    raise NotImplementedError
            """,
        "encodings/euc_kr.py": """
            import codecs
            import _codecs_kr

            codec = _codecs_kr.getcodec("euc_kr")

            class Codec(codecs.Codec):
                encode = codec.encode

                def strict(self, text):
                    return super().encode(text)

            class StreamWriter(Codec):
                def write(self, text):
                    return self.encode(text), self.decode(text)

            def getregentry():
                return codecs.CodecInfo(encode=Codec().encode, decode=Codec().decode)
            """,
        # email's headers hold their parser in the body: no guess reaches another class's.
        "email/headers.py": """
            class UnstructuredHeader:
                value_parser = staticmethod(get_unstructured)

                @classmethod
                def parse(cls, value):
                    return cls.value_parser(value)

            class AddressHeader:
                def value_parser(self, value):
                    return value
            """,
        # An instance attribute a test sets for a while hides nothing in the other tests.
        "unittest/case.py": """
            class TestCase:
                def _truncateMessage(self, message):
                    return message
            """,
        "unittest/test_case.py": """
            from unittest.case import TestCase

            class Test_TestCase(TestCase):
                def testTruncateMessage(self):
                    return self._truncateMessage("foo")

                def testExploding(self):
                    self._truncateMessage = explodingTruncation
            """,
    }
    assert edges_of(files) == sorted(
        [
            # ``super()`` looks past the class's own attribute.
            ("encodings/euc_kr.py::Codec.strict", "codecs.py::Codec.encode", "method", 10),
            ("encodings/euc_kr.py::StreamWriter.write", "codecs.py::Codec.decode", "method", 14),
            ("encodings/euc_kr.py::getregentry", "codecs.py::Codec.decode", "method", 17),
            (
                "unittest/test_case.py::Test_TestCase.testTruncateMessage",
                "unittest/case.py::TestCase._truncateMessage",
                "method",
                5,
            ),
        ]
    )


def test_a_class_defined_in_a_function_has_its_own_methods_not_a_namesake_s() -> None:
    # The standard library's tests define a ``MyServer``, an ``A``, a ``C`` in each test:
    # ``self.handle_client`` in one test's ``MyServer`` had reached another test's, and
    # ``A.method_example`` (``C.__init__`` of a dataclass with none) another test's ``A``'s.
    files = {
        "tests/test_streams.py": """
            class StreamTests:
                def test_start_server(self):
                    class MyServer:
                        def handle_client(self, reader):
                            return reader

                        def start(self):
                            return serve(self.handle_client)

                def test_start_tls(self):
                    class MyServer:
                        def handle_client(self, reader):
                            return reader

                        def start(self):
                            serve(self.handle_client)
                            return self.handle_client(1)

                def test_func_name(self):
                    class A:
                        def method_example(self):
                            pass

                    return name_of(A.method_example)

                def test_func_desc(self):
                    class A:
                        def method_example(self):
                            pass

                    A.method_example(A())
                    return desc_of(A.method_example)

                def test_no_init(self):
                    class C:
                        def __init__(self):
                            pass

                def test_field_named_self(self):
                    class C:
                        name = "c"

                    return signature(C.__init__)
            """,
        # Namesakes on a base the lookup by qualified name cannot place: their base's method.
        "tests/test_case.py": """
            import unittest

            class Test:
                class LoggingTestCase(unittest.TestCase):
                    def fail(self, msg):
                        pass

            class Test_TestCase:
                def test_one(self):
                    class Foo(Test.LoggingTestCase):
                        def test(self):
                            self.fail("one")

                def test_two(self):
                    class Foo(Test.LoggingTestCase):
                        def test(self):
                            self.fail("two")
            """,
    }
    rows = sorted((caller.rpartition("::")[2], callee.rpartition("::")[2], res, line)
                  for caller, callee, res, line in edges_of(files))  # fmt: skip
    assert rows == sorted(
        [
            ("StreamTests.test_func_desc", "StreamTests.test_func_desc.A.method_example",
             "method", 31),
            ("StreamTests.test_func_desc", "StreamTests.test_func_desc.A.method_example",
             "method", 32),
            ("StreamTests.test_func_name", "StreamTests.test_func_name.A.method_example",
             "method", 24),
            ("StreamTests.test_start_server.MyServer.start",
             "StreamTests.test_start_server.MyServer.handle_client", "method", 8),
            ("StreamTests.test_start_tls.MyServer.start",
             "StreamTests.test_start_tls.MyServer.handle_client", "method", 16),
            ("StreamTests.test_start_tls.MyServer.start",
             "StreamTests.test_start_tls.MyServer.handle_client", "method", 17),
            ("Test_TestCase.test_one.Foo.test", "Test.LoggingTestCase.fail", "method", 12),
            ("Test_TestCase.test_two.Foo.test", "Test.LoggingTestCase.fail", "method", 17),
        ]
    )  # fmt: skip


def test_a_base_named_through_another_module_is_not_the_file_s_namesake() -> None:
    # The stdlib's test_abc.py: ``class MetaPathSpecFinder(cls.abc.MetaPathFinder)`` had its
    # methods looked up in the file's own helper ``MetaPathFinder``. ``Outer.Inner`` is the
    # file's nested class.
    files = {
        "pkg/m.py": """
            import other

            class Finder:
                def find(self):
                    return 1

            class Outer:
                class Inner:
                    def run(self):
                        return 2

            class Spec(other.Finder):
                pass

            class Runner(Outer.Inner):
                pass

            def use():
                Spec().find()
                Runner().run()
            """,
    }
    assert [e for e in edges_of(files) if e[0] == "pkg/m.py::use"] == [
        ("pkg/m.py::use", "pkg/m.py::Outer.Inner.run", "method", 20),
    ]


def test_python_a_variable_reassigned_with_a_call_on_itself_keeps_its_class() -> None:
    # httpx's tests: ``url = httpx.URL(…)`` then ``url = url.copy_with(…)`` three times, and
    # ``q = q.set(…)``: the call in each value is made on the earlier value (the assignment
    # had typed the variable with itself, and no call reached ``copy_with``).
    files = {
        "pkg/__init__.py": "from .core import *\n",
        "pkg/core.py": """
            __all__ = ["URL"]

            class URL:
                def copy_with(self, **kwargs) -> "URL":
                    return URL()

                def set(self, k):
                    return URL()
            """,
        "tests/test_url.py": """
            import pkg

            def test_copy_with():
                url = pkg.URL()
                url = url.copy_with()
                url = url.copy_with(a=1)
                url = url.copy_with(b=2)

            def test_set(url: pkg.URL):
                url = url.set(1)
                url = url.set(2)
            """,
    }
    assert edges_of(files) == [
        ("tests/test_url.py::test_copy_with", "pkg/core.py::URL.copy_with", "method", 5),
        ("tests/test_url.py::test_copy_with", "pkg/core.py::URL.copy_with", "method", 6),
        ("tests/test_url.py::test_copy_with", "pkg/core.py::URL.copy_with", "method", 7),
        ("tests/test_url.py::test_set", "pkg/core.py::URL.set", "method", 10),
        ("tests/test_url.py::test_set", "pkg/core.py::URL.set", "method", 11),
    ]


def test_a_decorator_factory_s_returned_decorator_and_a_decorator_s_wrapper_are_reached() -> None:
    # DRF's ``@api_view(["GET"])`` applies the ``decorator`` that ``api_view`` defines and
    # returns (``api_view.decorator`` read "untested" under 80 tests of ``api_view``); a
    # decorator returning the ``wrapped_f`` it defines (tenacity's) has the decorated name hold
    # that wrapper, so a call of the name runs it. A factory returning its argument or a
    # library's function gives nothing more, nor a decorator used bare that returns its
    # nested function only when given arguments (``lru_cache``'s ``decorating_function``).
    edges = edges_of(
        {
            "pkg/deco.py": """
                import functools

                def mark(names=None):
                    def decorator(func):
                        func.names = names
                        return func
                    return decorator

                def retry(f):
                    @functools.wraps(f)
                    def wrapped_f(*args):
                        return f(*args)
                    return wrapped_f

                def retry_with(stop):
                    def decorator(f):
                        def wrapped_f(*args):
                            return f(*args)
                        return wrapped_f
                    return decorator

                def plain(f):
                    return f

                def cached(size=1):
                    if callable(size):
                        return functools.update_wrapper(size, size)
                    def decorating(g):
                        return g
                    return decorating
                """,
            "tests/test_d.py": """
                from pkg import deco
                from pkg.deco import cached, mark, plain, retry, retry_with

                def test_view():
                    @mark(["GET"])
                    def view(request):
                        return 1
                    assert view(None) == 1

                @retry
                def fetch():
                    return 1

                @deco.retry_with(3)
                @plain
                def fetch_more():
                    return 2

                @cached
                def compute():
                    return 3

                def test_fetch():
                    assert fetch() == 1
                    assert fetch_more() == 2
                    assert compute() == 3

                def test_cached():
                    @cached(2)
                    def local():
                        return 4
                    assert local() == 4
                """,
        }
    )
    test = "tests/test_d.py::"
    assert edges == [
        (f"{test}test_cached", "pkg/deco.py::cached", "import", 29),
        (f"{test}test_cached", "pkg/deco.py::cached.decorating", "import", 29),
        (f"{test}test_cached", f"{test}test_cached.local", "same_file", 32),
        (f"{test}test_fetch", "pkg/deco.py::retry.wrapped_f", "import", 24),
        (f"{test}test_fetch", "pkg/deco.py::retry_with.decorator.wrapped_f", "import", 25),
        (f"{test}test_fetch", f"{test}compute", "same_file", 26),
        (f"{test}test_fetch", f"{test}fetch", "same_file", 24),
        (f"{test}test_fetch", f"{test}fetch_more", "same_file", 25),
        (f"{test}test_view", "pkg/deco.py::mark", "import", 5),
        (f"{test}test_view", "pkg/deco.py::mark.decorator", "import", 5),
        (f"{test}test_view", f"{test}test_view.view", "same_file", 8),
    ]


def test_python_a_chain_through_a_property_takes_its_declared_result() -> None:
    # httpx: ``self.params.add(…)`` in ``URL`` with ``@property def params(self) ->
    # QueryParams``, and its tests' ``server.url.copy_with(…)`` with a fixture ``server``
    # giving a ``TestServer`` whose ``url`` property is ``-> httpx.URL``: no edge had been
    # found (a method of a unique name had been a ``fuzzy`` guess).
    files = {
        "pkg/__init__.py": "from .m import *\n",
        "pkg/m.py": """
            __all__ = ["Q", "U"]

            class Q:
                def merge(self, x) -> "Q":
                    return self

                def add(self, x) -> "Q":
                    return self

            class U:
                @property
                def params(self) -> Q:
                    return Q()

                def one(self):
                    return self.params.add(1)

                def two(self):
                    return self.params.merge(1)

            def free():
                u = U()
                return u.params.add(1)
            """,
        "pkg/sub.py": """
            from pkg.m import U

            class V(U):
                def three(self, other: U):
                    return self.params.add(1) and other.params.merge(2)
            """,
        "tests/conftest.py": """
            import pytest
            import pkg

            class Server:
                @property
                def url(self) -> pkg.U:
                    return pkg.U()

            @pytest.fixture
            def server() -> Server:
                return Server()
            """,
        "tests/test_u.py": """
            def test_url(server):
                assert server.url.params.add(1)
                assert server.url.one()
            """,
    }
    assert edges_of(files) == [
        ("pkg/m.py::U.one", "pkg/m.py::Q.add", "method", 16),
        ("pkg/m.py::U.two", "pkg/m.py::Q.merge", "method", 19),
        ("pkg/m.py::free", "pkg/m.py::Q.add", "method", 23),
        ("pkg/sub.py::V.three", "pkg/m.py::Q.add", "method", 5),
        ("pkg/sub.py::V.three", "pkg/m.py::Q.merge", "method", 5),
        ("tests/test_u.py::test_url", "pkg/m.py::Q.add", "method", 2),
        ("tests/test_u.py::test_url", "pkg/m.py::U.one", "method", 3),
    ]


def test_python_a_call_on_a_declared_base_reaches_the_subclasses_overrides() -> None:
    # httpx: ``transport = self._transport_for_url(url)`` with ``-> BaseTransport``, then
    # ``transport.handle_request(request)``, had reached only ``BaseTransport.handle_request``
    # (which raises ``NotImplementedError``), never ``MockTransport``'s or ``HTTPTransport``'s;
    # ``decoder.decode(…)`` on a ``-> ContentDecoder`` neither. A parameter annotated with the
    # base is the same; a variable the caller constructs is of that class exactly.
    files = {
        "pkg/transports.py": """
            class BaseTransport:
                def handle_request(self, request):
                    raise NotImplementedError()

            class MockTransport(BaseTransport):
                def handle_request(self, request):
                    return request

            class HTTPTransport(BaseTransport):
                def handle_request(self, request):
                    return request
            """,
        "pkg/client.py": """
            from pkg.transports import BaseTransport, HTTPTransport

            class Client:
                def _transport_for_url(self, url) -> BaseTransport:
                    return HTTPTransport()

                def send(self, request):
                    transport = self._transport_for_url(request)
                    return transport.handle_request(request)

            def run(transport: BaseTransport, request):
                return transport.handle_request(request)

            def made(request):
                transport = BaseTransport()
                return transport.handle_request(request)
            """,
    }
    assert [e for e in edges_of(files) if "handle_request" in e[1]] == [
        (
            "pkg/client.py::Client.send",
            "pkg/transports.py::BaseTransport.handle_request",
            "method",
            9,
        ),
        (
            "pkg/client.py::Client.send",
            "pkg/transports.py::HTTPTransport.handle_request",
            "method",
            9,
        ),
        (
            "pkg/client.py::Client.send",
            "pkg/transports.py::MockTransport.handle_request",
            "method",
            9,
        ),
        ("pkg/client.py::made", "pkg/transports.py::BaseTransport.handle_request", "method", 16),
        ("pkg/client.py::run", "pkg/transports.py::BaseTransport.handle_request", "method", 12),
        ("pkg/client.py::run", "pkg/transports.py::HTTPTransport.handle_request", "method", 12),
        ("pkg/client.py::run", "pkg/transports.py::MockTransport.handle_request", "method", 12),
    ]


def test_python_builtins_call_their_arguments_dunder_methods() -> None:
    # ``len(b)``, ``repr(b)``, ``iter(b)`` run ``Bag.__len__`` and the rest: no call site named
    # them, so tests exercising them left 1,859 of the standard library's dunders "untested".
    files = {
        "pkg/bag.py": """
            class Bag:
                def __len__(self):
                    return 0

                def __repr__(self):
                    return "Bag()"

                def __iter__(self):
                    return iter([])

            class Holder:
                def __init__(self, bag: Bag):
                    self.bag = Bag()

                def size(self):
                    return len(self.bag)
            """,
        "tests/test_bag.py": """
            from pkg.bag import Bag

            def test_bag(other):
                b = Bag()
                assert len(b) == 0 and repr(b) == "Bag()" and list(iter(b)) == []
                assert len(other) == len([1]) == len("x")
            """,
    }
    assert [e for e in edges_of(files) if "__" in e[1].rsplit(".", 1)[-1]] == [
        ("pkg/bag.py::Holder.size", "pkg/bag.py::Bag.__len__", "method", 16),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__iter__", "method", 5),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__len__", "method", 5),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__repr__", "method", 5),
    ]


def test_python_operators_call_their_operands_dunder_methods() -> None:
    # ``b[k]``, ``k in b``, ``for x in b``, ``b < x``, ``b + x``, ``b += x`` and ``-b`` run
    # ``Bag``'s methods as ``len(b)`` runs ``__len__``: on a name or ``self.x`` of a class only
    # (``self.bag[0] + …`` adds to an item, ``other`` has none), ``b += x`` ``__add__`` where
    # ``Bag`` has no ``__iadd__``, ``other < b < b`` compares ``b`` once, and an annotation's
    # ``|`` makes a type (wsgiref's ``exc_info: _OptExcInfo | None``).
    files = {
        "pkg/bag.py": """
            class Bag:
                def __getitem__(self, k):
                    return 0

                def __setitem__(self, k, v):
                    pass

                def __delitem__(self, k):
                    pass

                def __contains__(self, k):
                    return False

                def __iter__(self):
                    return iter([])

                def __eq__(self, other):
                    return True

                def __lt__(self, other):
                    return True

                def __add__(self, other):
                    return self

                def __neg__(self):
                    return self

                def __or__(self, other):
                    return self

            class Holder:
                def __init__(self):
                    self.bag = Bag()

                def first(self, other):
                    return self.bag[0] + other[0]
            """,
        "tests/test_bag.py": """
            from pkg.bag import Bag

            EMPTY = Bag()

            def test_bag(other, empty: EMPTY | None = None):
                b = Bag()
                b[1] = b[0]
                del b[1]
                assert 1 not in b and [x for x in b] == []
                for x in b:
                    pass
                assert other < b < b and b is not other
                b += -b
                b[0] += 1
                assert other[0] == other + 1
            """,
    }
    assert [e for e in edges_of(files) if "__" in e[1].rsplit(".", 1)[-1]] == [
        ("pkg/bag.py::Holder.first", "pkg/bag.py::Bag.__getitem__", "method", 37),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__add__", "method", 13),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__contains__", "method", 9),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__delitem__", "method", 8),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__getitem__", "method", 7),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__getitem__", "method", 14),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__iter__", "method", 9),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__iter__", "method", 10),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__lt__", "method", 12),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__neg__", "method", 13),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__setitem__", "method", 7),
        ("tests/test_bag.py::test_bag", "pkg/bag.py::Bag.__setitem__", "method", 14),
    ]


def test_java_and_typescript_calls_on_a_declared_type_reach_the_implementations() -> None:
    # java.util.stream's ``copyInto(Sink<P_IN> wrappedSink, …)`` calls
    # ``wrappedSink.begin(…)``: it had reached only the interface's declaration, never one of
    # the sinks that implement it. A parameter's declared class may hold any subclass, and a
    # variable or field of an interface's type only an implementation; a local or field of a
    # class is not told apart from one the code constructs (``h``), which is that class.
    files = {
        "src/app/Transport.java": (
            "package app;\npublic interface Transport { String send(String b); }\n"
        ),
        "src/app/Base.java": (
            "package app;\npublic class Base { public int size() { return 0; } }\n"
        ),
        "src/app/Http.java": """
            package app;
            public class Http extends Base implements Transport {
                public String send(String b) { return b; }
                public String send(String b, int times) { return b; }
                public int size() { return 1; }
            }
            """,
        "src/app/Client.java": """
            package app;
            public class Client {
                private final Transport transport;
                private final Base base = new Base();
                public Client(Transport transport) { this.transport = transport; }
                public String post(Transport t) { return t.send("a"); }
                public String field() { return transport.send("b"); }
                public String own() { return this.transport.send("c"); }
                public int measure(Base b) { return b.size(); }
                public int exact() { return base.size(); }
                public String made() { Http h = new Http(); return h.send("d"); }
            }
            """,
        "web/transport.ts": """
            export interface Transport { send(b: string): string; }
            export class Http implements Transport { send(b: string): string { return b; } }
            export class Mock implements Transport { send(b: string): string { return ""; } }
            export function post(t: Transport): string { return t.send("e"); }
            """,
    }
    assert [e for e in edges_of(files) if e[1].endswith((".send", ".size"))] == [
        ("src/app/Client.java::Client.exact", "src/app/Base.java::Base.size", "method", 10),
        ("src/app/Client.java::Client.field", "src/app/Http.java::Http.send", "method", 7),
        (
            "src/app/Client.java::Client.field",
            "src/app/Transport.java::Transport.send",
            "method",
            7,
        ),
        ("src/app/Client.java::Client.made", "src/app/Http.java::Http.send", "method", 11),
        ("src/app/Client.java::Client.measure", "src/app/Base.java::Base.size", "method", 9),
        ("src/app/Client.java::Client.measure", "src/app/Http.java::Http.size", "method", 9),
        ("src/app/Client.java::Client.own", "src/app/Http.java::Http.send", "method", 8),
        ("src/app/Client.java::Client.own", "src/app/Transport.java::Transport.send", "method", 8),
        ("src/app/Client.java::Client.post", "src/app/Http.java::Http.send", "method", 6),
        ("src/app/Client.java::Client.post", "src/app/Transport.java::Transport.send", "method", 6),
        ("web/transport.ts::post", "web/transport.ts::Http.send", "method", 4),
        ("web/transport.ts::post", "web/transport.ts::Mock.send", "method", 4),
    ]  # a TypeScript interface's signature is no function: its implementations are reached


def test_no_guess_on_a_library_base_s_attribute_nor_on_a_library_value_s_attribute() -> None:
    # DRF: ``self.client.head('/')`` in a Django ``TestCase`` (no repository class assigns
    # ``client``) had been guessed to ``MethodMapper.head``, and ``md.preprocessors.register(…)``
    # on an untyped parameter to ``BaseRouter.register``. An attribute the class (or a
    # repository relative) assigns keeps the guess, and so does a parameter's attribute some
    # repository class has (the stdlib's ``dist.metadata.write_pkg_file``, ``Distribution``
    # assigning ``metadata``). ``cls.x = …`` in a classmethod gives the class's attribute its
    # class, as ``self.x = …`` does.
    edges = edges_of(
        {
            "pkg/routers.py": """
                class BaseRouter:
                    def register(self, prefix):
                        return prefix

                class MethodMapper:
                    def head(self, func):
                        return func

                class Metadata:
                    def write_pkg_file(self, out):
                        return out

                class Distribution:
                    def __init__(self, loaded):
                        self.info = loaded

                def add_highlight(md):
                    md.preprocessors.register("highlight")

                def write(given, out):
                    given.info.write_pkg_file(out)
                """,
            "tests/test_r.py": """
                from django.test import TestCase
                from pkg.routers import BaseRouter

                class HeadTests(TestCase):
                    def test_head(self):
                        self.client.head("/")

                class MapperTests(TestCase):
                    def setUp(self):
                        self.mapper = make_mapper()

                    def test_mapper(self):
                        self.mapper.head(None)

                class RouterTests(TestCase):
                    @classmethod
                    def setup_class(cls):
                        cls.router = BaseRouter()

                    def test_register(self):
                        self.router.register("x")
                """,
        }
    )
    assert edges == [
        ("pkg/routers.py::write", "pkg/routers.py::Metadata.write_pkg_file", "fuzzy", 21),
        (
            "tests/test_r.py::MapperTests.test_mapper",
            "pkg/routers.py::MethodMapper.head",
            "fuzzy",
            13,
        ),
        (
            "tests/test_r.py::RouterTests.test_register",
            "pkg/routers.py::BaseRouter.register",
            "method",
            21,
        ),
    ]


def test_a_with_block_runs_its_context_managers_enter_and_exit() -> None:
    files = {
        "pkg/client.py": """
            import contextlib


            class Base:
                def __enter__(self):
                    return self

                def __exit__(self, *args):
                    return None


            class Client(Base):
                def __init__(self, pool=None):
                    self.pool = pool

                def stream(self):
                    return self

                @contextlib.contextmanager
                def session(self):
                    yield self


            class AsyncClient:
                async def __aenter__(self):
                    return self

                async def __aexit__(self, *args):
                    return None


            class Plain(contextlib.ExitStack):
                pass


            @contextlib.contextmanager
            def opened():
                yield Client()
            """,
        "tests/test_client.py": """
            import threading

            import contextlib

            from pkg.client import AsyncClient, Client, Plain, opened


            def test_sync(lock: threading.Lock):
                with Client() as client, Plain():
                    client.stream()
                held = Client()
                with held:
                    pass
                with lock, open("x") as handle:
                    handle.read()
                with opened() as made:
                    made.stream()
                manager = opened()
                with manager:
                    pass
                with held.session():
                    pass


            async def test_async():
                async with AsyncClient() as client:
                    pass


            def test_local_managers():
                @contextlib.contextmanager
                def cm():
                    yield

                class Own:
                    def __enter__(self):
                        return self

                    def __exit__(self, *args):
                        return None

                with cm(), Own():
                    pass


            def test_other_local_manager():
                class cm:
                    def __enter__(self):
                        return self

                    def __exit__(self, *args):
                        return None

                with cm():
                    pass


            def test_third_local_manager():
                class cm:
                    def __enter__(self):
                        return 3

                    def __exit__(self, *args):
                        return None

                with cm():
                    pass
            """,
    }
    test = "tests/test_client.py::"
    assert edges_of(files) == sorted(
        [
            ("pkg/client.py::opened", "pkg/client.py::Client.__init__", "same_file", 38),
            # ``Client()`` and the base's ``__enter__``/``__exit__`` the block runs on it;
            # ``Plain`` (a library's base), a lock and a file reach no repository code.
            (test + "test_sync", "pkg/client.py::Client.__init__", "import", 9),
            (test + "test_sync", "pkg/client.py::Base.__enter__", "method", 9),
            (test + "test_sync", "pkg/client.py::Base.__exit__", "method", 9),
            (test + "test_sync", "pkg/client.py::Client.stream", "method", 10),
            (test + "test_sync", "pkg/client.py::Client.__init__", "import", 11),
            (test + "test_sync", "pkg/client.py::Base.__enter__", "method", 12),
            (test + "test_sync", "pkg/client.py::Base.__exit__", "method", 12),
            # A ``contextmanager``'s call is the call of the function (or method): what it
            # yields is the variable's, not the manager the block enters, contextlib's.
            (test + "test_sync", "pkg/client.py::opened", "import", 16),
            (test + "test_sync", "pkg/client.py::Client.stream", "method", 17),
            # A variable a ``contextmanager`` gave: contextlib's manager, entered (none).
            (test + "test_sync", "pkg/client.py::opened", "import", 18),
            (test + "test_sync", "pkg/client.py::Client.session", "method", 21),
            (test + "test_async", "pkg/client.py::AsyncClient.__aenter__", "method", 26),
            (test + "test_async", "pkg/client.py::AsyncClient.__aexit__", "method", 26),
            # A test's own ``cm`` function, not another test's ``class cm``.
            (test + "test_local_managers", test + "test_local_managers.cm", "same_file", 42),
            (
                test + "test_local_managers",
                test + "test_local_managers.Own.__enter__",
                "method",
                42,
            ),
            (test + "test_local_managers", test + "test_local_managers.Own.__exit__", "method", 42),
            (
                test + "test_other_local_manager",
                test + "test_other_local_manager.cm.__enter__",
                "method",
                54,
            ),
            (
                test + "test_other_local_manager",
                test + "test_other_local_manager.cm.__exit__",
                "method",
                54,
            ),
            # A second ``class cm`` of the file: the caller's own, not the first's.
            (
                test + "test_third_local_manager",
                test + "test_third_local_manager.cm.__enter__",
                "method",
                66,
            ),
            (
                test + "test_third_local_manager",
                test + "test_third_local_manager.cm.__exit__",
                "method",
                66,
            ),
        ]
    )
