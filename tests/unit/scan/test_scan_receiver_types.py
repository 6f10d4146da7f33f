"""``CallSite.receiver_type``: the class a calling function gives a plain-name receiver."""

from __future__ import annotations

import pytest

from drift.scan import ELEMENT_OF, ITEM_IN, UNTYPED_LOCAL, parse_source
from drift.scan.rules import class_of_type


def typed(source: str, grammar: str) -> list[tuple[str | None, str, str | None]]:
    result = parse_source(source.encode(), grammar)
    assert result.error_count == 0
    return [(c.receiver, c.callee, c.receiver_type) for c in result.calls if c.receiver]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Store", "Store"),
        ("models.Store", "models.Store"),
        ("List<Item>", "List"),
        ("list[Item]", "list"),
        ("Optional[Store]", "Store"),
        ("Store | None", "Store"),
        ("null | Store | undefined", "Store"),
        ("*Store", "Store"),
        ("Store | Cache", None),
        ("Batch<A, B | C>", "Batch"),  # msw: a union among the type arguments
        ("Batch<A, B | C> | null", "Batch"),
        ("() => void", None),
        ("[]Store", None),
        ('"Store"', "Store"),
        ("'a' | 'b'", None),
        ("", None),
        (None, None),
    ],
)
def test_the_class_a_declared_type_names(written: str | None, expected: str | None) -> None:
    assert class_of_type(written) == expected


def test_python_constructors_annotations_and_parameters() -> None:
    source = (
        "def f(db: Store, n, o: Optional[Item] = None):\n"
        "    s = Store()\n"
        "    s.get()\n"
        "    t: models.Item = load()\n"
        "    t.save()\n"
        "    db.close()\n"
        "    db = 3\n"
        "    db.close()\n"
        "    o.x()\n"
        "    n.y()\n"
        "    obj.attr.z()\n"
        "\n"
        "s = Store()\n"
        "s.top()\n"
    )
    assert typed(source, "python") == [
        ("s", "get", "Store"),
        ("t", "save", "models.Item"),
        ("db", "close", "Store"),
        ("db", "close", UNTYPED_LOCAL),  # reassigned with no class: the parameter's no longer holds
        ("o", "x", "Item"),
        ("n", "y", None),
        ("obj.attr", "z", None),
        ("s", "top", "Store"),  # module level: the module's last assignment before it
    ]


def test_a_nested_function_has_its_own_locals() -> None:
    source = "\n".join(
        [
            "def outer():",
            "    s = Store()",
            "    def inner(s: Cache):",
            "        s.put()",
            "    s.get()",
            "",
        ]
    )
    assert typed(source, "python") == [("s", "put", "Cache"), ("s", "get", "Store")]


def test_typescript_new_annotations_and_parameters() -> None:
    source = (
        "export async function f(db: Store, n) {\n"
        "  const a: Repo<X> = load();\n"
        "  a.m();\n"
        "  let b = await new models.Store(1);\n"
        "  b.n();\n"
        "  db.q();\n"
        "  n.z();\n"
        "}\n"
    )
    assert typed(source, "typescript") == [
        ("a", "m", "Repo"),
        ("models", "Store", None),
        ("b", "n", "models.Store"),
        ("db", "q", "Store"),
        ("n", "z", None),
    ]


def test_java_declared_types_var_and_parameters() -> None:
    source = (
        "class A {\n"
        "  void f(Repo repo) {\n"
        "    Store s = factory();\n"
        "    s.a();\n"
        "    var t = new HashMap<String, Integer>();\n"
        "    t.b();\n"
        "    List<Item> xs = get(), ys = null;\n"
        "    ys.d();\n"
        "    repo.e();\n"
        "  }\n"
        "}\n"
    )
    assert typed(source, "java") == [
        ("s", "a", "Store"),
        ("t", "b", "HashMap"),
        ("ys", "d", "List"),
        ("repo", "e", "Repo"),
    ]


def test_go_composite_literals_var_declarations_and_parameters() -> None:
    source = (
        "package p\n"
        "\n"
        "func f(db *Store) {\n"
        "\ta := Store{}\n"
        "\ta.M()\n"
        "\tb := &pkg.Store{X: 1}\n"
        "\tb.N()\n"
        "\tvar c Cache\n"
        "\tc.O()\n"
        "\td, e := NewStore(), 2\n"
        "\td.P()\n"
        "\tdb.Q()\n"
        "\tcl, err := store.NewClient(cfg)\n"
        "\tcl.R()\n"
        "\terr.Error()\n"
        "\tn := Newline()\n"
        "\tn.S()\n"
        "}\n"
    )
    assert typed(source, "go") == [
        ("a", "M", "Store"),
        ("b", "N", "pkg.Store"),
        ("c", "O", "Cache"),
        ("d", "P", "NewStore"),  # its declared results say what it makes (echo's New)
        ("db", "Q", "Store"),
        ("store", "NewClient", None),
        ("cl", "R", "store.NewClient"),
        ("err", "Error", UNTYPED_LOCAL),  # a variable of its own, of no class it says
        ("n", "S", "Newline"),  # no constructor by name: a function whose results may say
    ]


def test_python_attributes_of_the_callers_class() -> None:
    source = (
        "class Service:\n"
        "    cache: Cache\n"
        "    def __init__(self, db):\n"
        "        self.repo = Repo()\n"
        "        self.other = None\n"
        "        self.twice = Repo()\n"
        "    def reset(self):\n"
        "        self.twice = Cache()\n"
        "    def run(self, peer):\n"
        "        self.repo.save()\n"
        "        self.cache.get()\n"
        "        self.other.x()\n"
        "        self.twice.y()\n"
        "        peer.repo.z()\n"
        "        def later():\n"
        "            self.repo.load()\n"
    )
    assert typed(source, "python") == [
        ("self.repo", "save", "Repo"),
        ("self.cache", "get", "Cache"),
        ("self.other", "x", None),
        ("self.twice", "y", None),  # given two classes: neither
        ("peer.repo", "z", None),
        ("self.repo", "load", "Repo"),  # a closure's ``self`` is the method's
    ]


def test_typescript_properties_and_parameter_properties() -> None:
    source = (
        "export class Service {\n"
        "  private repo: Repo;\n"
        "  cache = new Cache();\n"
        "  constructor(private readonly users: UserService, public n: number) {}\n"
        "  run() {\n"
        "    this.repo.save();\n"
        "    this.cache.get();\n"
        "    this.users.find();\n"
        "    const later = () => this.repo.load();\n"
        "  }\n"
        "}\n"
    )
    assert typed(source, "typescript") == [
        ("this.repo", "save", "Repo"),
        ("this.cache", "get", "Cache"),
        ("this.users", "find", "UserService"),
        ("this.repo", "load", "Repo"),
    ]


def test_private_names_are_properties_too() -> None:
    # TanStack Query: ``#retryer?: Retryer<TData>`` and ``this.#retryer?.cancel(options)``.
    source = (
        "export class Query {\n"
        "  #retryer?: Retryer<TData>\n"
        "  #cache = new QueryCache()\n"
        "  cancel(options) {\n"
        "    this.#retryer?.cancel(options);\n"
        "    this.#cache.remove(this);\n"
        "  }\n"
        "}\n"
    )
    assert typed(source, "typescript") == [
        ("this.#retryer", "cancel", "Retryer"),
        ("this.#cache", "remove", "QueryCache"),
    ]
    script = "class Q {\n  #cache = new QueryCache()\n  f() { this.#cache.remove(1) }\n}\n"
    assert typed(script, "javascript") == [("this.#cache", "remove", "QueryCache")]


def test_java_fields_through_this_and_the_implicit_this() -> None:
    source = (
        "class Service {\n"
        "  private final Repo repo = null;\n"
        "  private Cache cache;\n"
        "  Service(Archive repo) { repo.init(); }\n"
        "  void run() {\n"
        "    repo.save();\n"
        "    this.cache.get();\n"
        "    Store cache = null;\n"
        "    cache.put();\n"
        "  }\n"
        "}\n"
    )
    assert typed(source, "java") == [
        ("repo", "init", "Archive"),  # the parameter hides the field
        ("repo", "save", "Repo"),
        ("this.cache", "get", "Cache"),
        ("cache", "put", "Store"),  # and so does a local
    ]


def test_go_new_and_make_give_the_type_they_make() -> None:
    # echo: ``q := make(url.Values)`` then ``q.Set(…)`` had been guessed to a repository Set.
    source = (
        'package a\n\nimport "net/url"\n\nfunc F() {\n'
        '\tq := make(url.Values)\n\tq.Set("a", "b")\n'
        "\te := new(Element)\n\te.Walk()\n"
        "\tm := make(map[string]int)\n\tm.Len()\n}\n"
    )
    assert typed(source, "go") == [
        ("q", "Set", "url.Values"),
        ("e", "Walk", "Element"),
        ("m", "Len", UNTYPED_LOCAL),
    ]


def test_loop_and_with_variables_are_locals_of_no_class_unless_reused() -> None:
    # A loop's variable hides an import of its name (``for cache in caches``), yet a name
    # reused for the same kind of value keeps the class the assignment before gives it. A
    # ``with``'s takes what its call makes.
    source = (
        "def f(caches, threads, path):\n"
        "    for cache in caches:\n        cache.refill()\n"
        "    for key, value in caches:\n        value.refill()\n"
        "    t = Thread()\n    for t in threads:\n        t.join()\n"
        "    with open(path) as fh:\n        fh.read()\n"
        "    gzip = None\n    gzip.open(path)\n"
        "    a = b = Store()\n    a.save()\n"
        "    reader, writer = asyncio.open_connection(h)\n    reader.readuntil(b'x')\n"
        "    x, y = pair()\n    x.go()\n"
    )
    assert typed(source, "python") == [
        ("cache", "refill", UNTYPED_LOCAL),
        ("value", "refill", UNTYPED_LOCAL),
        ("t", "join", "Thread"),
        # The block's calls of its manager's ``__enter__`` and ``__exit__``: a library's.
        ("open(path)", "__enter__", None),
        ("open(path)", "__exit__", None),
        ("fh", "read", "open"),  # what the call makes: ``__enter__`` mostly gives itself
        ("gzip", "open", None),  # ``try: import gzip`` / ``except: gzip = None``: the import's
        ("a", "save", "Store"),
        ("asyncio", "open_connection", None),
        ("reader", "readuntil", ELEMENT_OF + "asyncio.open_connection"),  # aiohttp's tests
        ("x", "go", ELEMENT_OF + "pair"),
    ]
    # Over a container the file does not declare (another file's package variable): a Go
    # loop's variable of no class (over ``[]int``, an ``int``).
    go = "package p\n\nfunc F() {\n\tfor _, st := range items {\n\t\tst.Fill()\n\t}\n}\n"
    assert typed(go, "go") == [("st", "Fill", UNTYPED_LOCAL)]
    js = (
        "function f() {\n  let signer;\n  signer.update(1);\n"
        "  let s = null;\n  s.update(2);\n  const o = other;\n  o.update(3);\n}\n"
    )
    assert typed(js, "javascript") == [
        ("signer", "update", None),
        ("s", "update", None),
        # the name it holds: a library's value if that is one (express's ``send.mime``)
        ("o", "update", ELEMENT_OF + "other"),
    ]


def test_a_generic_class_called_with_type_arguments_is_its_constructor() -> None:
    # pydantic's tests: ``TypeAdapter[str](x)``, ``RootModel[int](1)``; an element of a list
    # called (``handlers[0](x)``) is no class.
    source = (
        "def f(handlers):\n    ta = TypeAdapter[str](str)\n    ta.validate(1)\n"
        "    m = models.Root[int](1)\n    m.dump()\n    handlers[0](1)\n"
    )
    result = parse_source(source.encode(), "python")
    assert [(c.receiver, c.callee, c.receiver_type) for c in result.calls] == [
        (None, "TypeAdapter", None),
        ("ta", "validate", "TypeAdapter"),
        ("models", "Root", None),
        ("m", "dump", "models.Root"),
        (None, "handlers[0]", None),
    ]


def test_a_chain_past_the_first_attribute_is_written_from_its_class() -> None:
    # logrus's ``entry.Logger.mu.Lock()`` (``Logger *Logger`` a field of this file's
    # ``Entry``) had no receiver type, nor ``this.repo.find().go()``: the call graph follows
    # ``Logger.mu`` and ``Repo.find()`` through the classes of any file.
    go = (
        "package r\n\ntype Entry struct {\n\tLogger *Logger\n}\n\n"
        "func (e *Entry) write() {\n\te.Logger.mu.Lock()\n\te.Logger.Out().Write()\n}\n"
    )
    assert typed(go, "go") == [
        ("e.Logger.mu", "Lock", "Logger.mu"),
        ("e.Logger", "Out", "Logger"),
        ("e.Logger.Out()", "Write", "Logger.Out()"),
    ]
    ts = (
        "export class Service {\n  private repo: Repo;\n"
        "  run() {\n    this.repo.find().go();\n    this.repo.box.go();\n  }\n}\n"
    )
    assert typed(ts, "typescript") == [
        ("this.repo", "find", "Repo"),
        ("this.repo.find()", "go", "Repo.find()"),
        ("this.repo.box", "go", "Repo.box"),
    ]


def test_a_variable_declared_in_a_block_or_a_callback_is_no_variable_after_it() -> None:
    # chi's tests: ``r := NewRouter()``, then a handler literal's ``r *http.Request``, then
    # ``r.Match(…)``: the literal's ``r`` had typed the outer one. A Go variable is its
    # block's (a function literal's parameters its body's) from the end of its declaration
    # on; a JavaScript ``let``/``const`` is its block's, a test callback's body included, and
    # a ``var`` its function's.
    go = (
        "package p\n\nfunc T() {\n\tr := NewRouter()\n"
        '\tr.Get("/", func(w http.ResponseWriter, r *http.Request) { r.Context() })\n'
        "\tr.Match()\n\tif r := r.Find(); r != nil {\n\t\tr.Done()\n\t}\n"
        "\tfor _, r := range reqs {\n\t\tr.Next()\n\t}\n\tr.Match()\n}\n"
    )
    assert typed(go, "go") == [
        ("r", "Get", "NewRouter"),
        ("r", "Context", "http.Request"),
        ("r", "Match", "NewRouter"),
        ("r", "Find", "NewRouter"),  # its own declaration's value: the ``r`` around it
        ("r", "Done", "NewRouter.Find"),  # what the maker of ``r`` around it finds
        ("r", "Next", "NewRouter"),  # a loop's variable, passed over as before
        ("r", "Match", "NewRouter"),
    ]
    js = (
        "function f() {\n  const r = new Router();\n"
        "  r.get('/', (req, res) => { const r = new Request(); r.x(); });\n  r.match();\n"
        "  if (a) { let r = new Request(); r.y(); }\n  r.match();\n"
        "  r.get('/', function () { var r = new Request(); r.z(); });\n  r.match();\n}\n"
        "const m = new Router();\nit('x', () => { const m = new Request(); m.x(); });\n"
        "m.match();\n"
    )
    assert typed(js, "javascript") == [
        ("r", "get", "Router"),
        ("r", "x", "Request"),
        ("r", "match", "Router"),
        ("r", "y", "Request"),
        ("r", "match", "Router"),
        ("r", "get", "Router"),
        ("r", "z", "Request"),
        ("r", "match", "Router"),
        ("m", "x", "Request"),
        ("m", "match", "Router"),
    ]
    # Python has no such leak: a nested ``def`` is a function of its own, and a lambda or a
    # comprehension assigns no variable the extraction reads.
    python = (
        "def f(reqs):\n    r = Router()\n    g = lambda r: 1\n    s = [r for r in reqs]\n"
        "    def inner(r: Request):\n        r.y()\n    r.match()\n"
    )
    assert typed(python, "python") == [("r", "y", "Request"), ("r", "match", "Router")]


def test_go_range_and_index_variables_take_the_containers_element_type() -> None:
    # cobra's ``for _, cmd := range c.commands`` with ``commands []*Command``; chi's ``pool, ok
    # := c.pooledEncoders[name]`` with ``map[string]*sync.Pool`` (a library's value). What the
    # file does not declare is left to the call graph as what holds the container.
    source = (
        'package p\n\nimport "sync"\n\n'
        "type Command struct {\n\tcommands []*Command\n\tbyName map[string]*Command\n"
        "\tflags map[*Flag]bool\n\tpools map[string]*sync.Pool\n\tgroups [][]*Command\n}\n\n"
        "func (c *Command) Walk(extra []*Command, more ...*Command) {\n"
        "\tfor _, s := range c.commands[1:] {\n\t\ts.A()\n\t}\n"
        "\tfor k, s := range c.byName {\n\t\ts.B()\n\t\tk.C()\n\t}\n"
        "\tfor f := range c.flags {\n\t\tf.D()\n\t}\n"
        "\tfor i, s := range extra {\n\t\ts.E()\n\t\ti.F()\n\t}\n"
        "\tfor _, s := range more {\n\t\ts.G()\n\t}\n"
        '\tif pool, ok := c.pools["x"]; ok {\n\t\tpool.Put(1)\n\t}\n'
        "\tfor _, s := range []*Command{c} {\n\t\ts.H()\n\t}\n"
        "\tfor _, s := range c.groups[0] {\n\t\ts.I()\n\t}\n"
        '\tm := make(map[string]*Command)\n\tm.J()\n\tm["a"].K()\n'
        "\tfor _, s := range c.Children() {\n\t\ts.L()\n\t}\n"
        "\tkids := c.Children()\n\tfor _, s := range kids {\n\t\ts.M()\n\t}\n"
        "\tfor _, s := range other.items {\n\t\ts.N()\n\t}\n"
        "}\n\nfunc Visit(o *Other) {\n\tfor _, s := range o.items {\n\t\ts.O()\n\t}\n}\n"
    )
    assert typed(source, "go") == [
        ("s", "A", "Command"),  # a slice of the slice: the same elements
        ("s", "B", "Command"),  # a map's value
        ("k", "C", "string"),  # its key
        ("f", "D", "Flag"),
        ("s", "E", "Command"),
        ("i", "F", UNTYPED_LOCAL),  # a slice's index
        ("s", "G", "Command"),  # a variadic parameter is a slice
        ("pool", "Put", "sync.Pool"),
        ("s", "H", "Command"),
        ("s", "I", "Command"),
        ("m", "J", UNTYPED_LOCAL),  # a map has no methods
        ('m["a"]', "K", None),
        ("c", "Children", "Command"),
        ("s", "L", ITEM_IN + "Command.Children"),  # what the method returns: the call graph's
        ("c", "Children", "Command"),
        ("s", "M", ITEM_IN + "c.Children"),
        ("s", "N", UNTYPED_LOCAL),  # nothing known of ``other``
        ("s", "O", ITEM_IN + "Other.items"),  # another file's class's field
    ]


def test_java_caught_exceptions_and_for_each_variables_have_their_declared_types() -> None:
    # java.util.concurrent's ``new ExecutionException(rex)`` with ``catch (RuntimeException
    # rex)`` had reached ``ExecutionException(String)``: a caught exception had no type.
    source = (
        "class A {\n"
        "  void f(java.util.List<Task> tasks) {\n"
        "    try { run(); } catch (final TaskError e) { e.report(); }\n"
        "    catch (IOError | LinkError x) { x.report(); }\n"
        "    for (Task t : tasks) { t.start(); }\n"
        "    for (var v : tasks) { v.start(); }\n"
        "  }\n"
        "}\n"
    )
    assert typed(source, "java") == [
        ("e", "report", "TaskError"),
        ("x", "report", ""),
        ("t", "start", "Task"),
        ("v", "start", ""),
    ]


def test_python_class_attributes_naming_a_class_and_instances_of_type_of_self() -> None:
    # peewee: ``context_class = Context`` is the class, not an instance (``Class.fields``
    # holds it as another name); ``other = type(self)()`` is an instance of the caller's class.
    source = (
        "class Db:\n"
        "    context_class = Context\n"
        "    cache = Cache()\n"
        "    def run(self):\n"
        "        self.context_class.make()\n"
        "        self.cache.get()\n"
        "        other = type(self)()\n"
        "        other.save()\n"
        "        a, b = type(self)()\n"
        "        a.x()\n"
    )
    assert typed(source, "python") == [
        ("self.context_class", "make", None),
        ("self.cache", "get", "Cache"),
        ("type(self)", "__call__", None),
        ("other", "save", "type(self)"),
        ("type(self)", "__call__", None),
        ("a", "x", UNTYPED_LOCAL),
    ]
    (db,) = parse_source(source.encode(), "python").classes
    assert db.fields == (("cache", "Cache"), ("context_class", "=Context"))


def test_a_reassignment_takes_effect_after_its_value() -> None:
    # httpx's tests: ``url = url.copy_with(…)``; Django's ``queryset = queryset.filter(…)``.
    # The call in the value is made on the variable's earlier value: the assignment it belongs
    # to had typed it with itself (``q.set``), and the call had reached nothing. A Python
    # variable made so is the chain from the class the variable held (three links deep).
    python = (
        "def f(p: Q):\n    q = Q()\n    q = q.set(1)\n    q.get()\n"
        "    p = p.add(1)\n    p.get()\n    p = p.x.y()\n    p = p.a()\n    p = p.b()\n"
        "    p.c()\n    s = type(self)()\n    s = s.d()\n    s.e()\n    s = s.e()\n    s.f()\n"
    )
    assert typed(python, "python") == [
        ("q", "set", "Q"),
        ("q", "get", "Q().set"),
        ("p", "add", "Q"),
        ("p", "get", "Q().add"),
        ("p.x", "y", "Q().add.x"),
        ("p", "a", "Q().add().x.y"),
        ("p", "b", "Q().add().x.y().a"),
        ("p", "c", "Q().add().x.y().a().b"),
        ("type(self)", "__call__", None),
        ("s", "d", "type(self)"),
        ("s", "e", "s.d"),  # not from a class or call as written: as before
        ("s", "e", "s.d"),
        ("s", "f", "s.e"),  # nor from a variable made so
    ]
    deep = "def g(p: Q):\n" + "".join(f"    p = p.m{i}()\n" for i in range(10)) + "    p.z()\n"
    calls = typed(deep, "python")
    assert calls[8:] == [
        ("p", "m8", "Q().m0().m1().m2().m3().m4().m5().m6().m7"),
        ("p", "m9", "p.m8"),  # eight reassignments deep at most: as before
        ("p", "z", "p.m9"),
    ]
    js = "function f() {\n  let q = new Q();\n  q = q.set(1);\n  q.get();\n}\n"
    assert typed(js, "javascript") == [("q", "set", "Q"), ("q", "get", "q.set")]


def test_a_with_block_calls_its_managers_enter_and_exit() -> None:
    # Each manager a ``with`` enters, as written and typed as a call's receiver is, gets the
    # block's ``__enter__`` and ``__exit__`` (``async with``: awaited ``__aenter__``/``__aexit__``).
    source = (
        "class Pool:\n"
        "    async def run(self, lock: Lock):\n"
        "        held = Client()\n"
        "        with held, self.pool as p:\n            pass\n"
        "        async with AsyncClient(\n            timeout=1,\n        ) as client:\n"
        "            pass\n"
        "        with lock:\n            pass\n"
    )
    result = parse_source(source.encode(), "python")
    assert [tuple(c) for c in result.calls] == [
        ("Client", None, 3, 16, 0, False, False, "Pool.run", None, ()),
        ("__enter__", "held", 4, 14, 0, False, False, "Pool.run", "Client", ()),
        ("__exit__", "held", 4, 14, 3, False, False, "Pool.run", "Client", ()),
        ("__enter__", "self.pool", 4, 20, 0, False, False, "Pool.run", None, ()),
        ("__exit__", "self.pool", 4, 20, 3, False, False, "Pool.run", None, ()),
        ("AsyncClient", None, 6, 20, 1, True, False, "Pool.run", None, ()),
        ("__aenter__", "AsyncClient( timeout=1, )", 6, 20, 0, True, False, "Pool.run", None, ()),
        ("__aexit__", "AsyncClient( timeout=1, )", 6, 20, 3, True, False, "Pool.run", None, ()),
        ("__enter__", "lock", 10, 14, 0, False, False, "Pool.run", "Lock", ()),
        ("__exit__", "lock", 10, 14, 3, False, False, "Pool.run", "Lock", ()),
    ]
