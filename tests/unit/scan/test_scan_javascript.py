"""JavaScript extraction on small snippets: CommonJS, classes, decorators, promise handlers."""

from __future__ import annotations

import textwrap

from drift.scan import ParseResult, parse_source
from drift.scan.model import Export, Import, ImportedName, Parameter

SOURCE = textwrap.dedent(
    """\
    const express = require("express");
    const { join, resolve: absolute } = require('path');

    class Api extends Base {
      @route("/items") list(req) { return req.query; }
      handle = async (req, res) => { res.send("ok"); };
      static #hidden() {}
    }

    function helper(count = 1, { verbose }, ...rest) {
      return fetch(`/api/${count}`).catch(handleError);
    }

    module.exports = { helper, Api };
    exports.extra = function () {};
    module.exports.more = () => 2;
    Api.prototype.legacy = function legacy() {};
    (() => 3)();
    try { risky(); } catch ({ message }) { console.error(message); }
    """
)


def parsed() -> ParseResult:
    return parse_source(SOURCE.encode(), "javascript")


def test_functions() -> None:
    rows = [
        (f.name, f.qualified_name, f.line, f.is_async, f.is_method, f.is_exported)
        for f in parsed().functions
    ]
    assert rows == [
        ("list", "Api.list", 5, False, True, True),
        ("handle", "Api.handle", 6, True, True, True),
        ("#hidden", "Api.#hidden", 7, False, True, False),
        ("helper", "helper", 10, False, False, True),
        ("extra", "extra", 15, False, False, True),
        ("more", "more", 16, False, False, True),
        ("legacy", "Api.legacy", 17, False, True, False),  # a method of Api's prototype
    ]


def test_parameters_and_decorators() -> None:
    functions = {f.name: f for f in parsed().functions}
    assert functions["helper"].parameters == (
        Parameter("count", None, "1", False),
        Parameter("{ verbose }", None, None, False),
        Parameter("rest", None, None, True),
    )
    assert [(d.name, d.arguments, d.line) for d in functions["list"].decorators] == [
        ("route", '"/items"', 5)
    ]


def test_require_is_an_import() -> None:
    assert parsed().imports == (
        Import("express", 1, (), "express", False, False),
        Import(
            "path",
            2,
            (ImportedName("join", None), ImportedName("resolve", "absolute")),
            None,
            False,
            False,
        ),
    )


def test_commonjs_exports() -> None:
    assert parsed().exports == (
        Export("Api", 14, False, False, None),
        Export("helper", 14, False, False, None),
        Export("extra", 15, False, False, None),
        Export("more", 16, False, False, None),
    )


def test_a_commonjs_export_says_what_it_stands_for_under_another_name() -> None:
    source = (
        b"const stringify = stringifyImpl;\n"
        b"module.exports = { parse: parseImpl, stringify, same: same, made: make() };\n"
        b"exports.load = loadImpl;\n"
        b"exports.transport = require('./transport');\n"
    )
    assert parse_source(source, "javascript").exports == (
        Export("made", 2, False, False, None),
        Export("parse", 2, False, False, None, "parseImpl"),
        Export("same", 2, False, False, None),
        Export("stringify", 2, False, False, None, "stringifyImpl"),
        Export("load", 3, False, False, None, "loadImpl"),
        Export("transport", 4, False, False, "./transport"),
    )


def test_calls_and_anonymous_callee() -> None:
    rows = [(c.callee, c.receiver, c.line, c.arg_count, c.caller) for c in parsed().calls]
    assert rows == [
        ("require", None, 1, 1, None),
        ("require", None, 2, 1, None),
        ("route", None, 5, 1, None),  # a decorator runs where its class is defined
        ("send", "res", 6, 1, "Api.handle"),
        ("catch", "fetch(`/api/${count}`)", 11, 1, "helper"),
        ("fetch", None, 11, 1, "helper"),
        ("<anonymous>", None, 18, 0, None),
        ("risky", None, 19, 0, None),
        ("error", "console", 19, 1, None),
    ]


def test_literals() -> None:
    result = parsed()
    assert [(s.value, s.line, s.context) for s in result.strings] == [
        ("express", 1, "function_argument"),
        ("path", 2, "function_argument"),
        ("/items", 5, "decorator"),
        ("ok", 6, "function_argument"),
        ("/api/${count}", 11, "function_argument"),
    ]
    assert [(n.raw, n.line, n.context) for n in result.numbers] == [
        ("1", 10, "unknown"),
        ("2", 16, "return"),
        ("3", 18, "return"),
    ]


def test_handlers() -> None:
    rows = [
        (h.kind, h.line, h.variable, h.is_empty, h.rethrows, h.swallows)
        for h in parsed().error_handlers
    ]
    assert rows == [
        # .catch(handleError): what the handler does is out of sight, so it is not judged
        ("promise_catch", 11, None, False, False, False),
        # destructuring takes something out of the error: not swallowed
        ("catch", 19, "{ message }", False, False, False),
    ]


def test_named_function_expressions_in_any_position_are_functions() -> None:
    # axios: ``new Promise(function dispatchXhrRequest(…) {…})`` and
    # ``export default isHttpAdapterSupported && function httpAdapter(config) {…}``.
    source = (
        b"function helper(x) { return x * 3; }\n"
        b"export default ok && function httpAdapter(c) {\n"
        b"  try { return helper(c); } catch (e) {}\n"
        b"};\n"
        b"const p = new Promise(function dispatch(resolve) { helper(1); });\n"
        b"const q = function inner() { return 1; };\n"
        b"run(() => helper(2));\n"
    )
    result = parse_source(source, "javascript")
    assert [(f.name, f.line) for f in result.functions] == [
        ("helper", 1),
        ("httpAdapter", 2),
        ("dispatch", 5),
        ("q", 6),  # named by what holds it, as before
    ]
    assert [(c.callee, c.caller) for c in result.calls if c.callee == "helper"] == [
        ("helper", "httpAdapter"),
        ("helper", "dispatch"),
        ("helper", None),  # an anonymous arrow at module level has no name
    ]
    assert [h.function for h in result.error_handlers if h.kind == "catch"] == ["httpAdapter"]


def test_a_noop_catch_is_empty_and_a_chains_catch_is_at_its_own_line() -> None:
    source = (
        b"function start(c) {\n"
        b"  c.connect().catch(noop);\n"
        b"  c.connect().catch(lodash_1.noop);\n"
        b"  c.connect().catch(handleError);\n"
        b"  c.connect()\n"
        b"   .then(() => { c.ready = true })\n"
        b"   .catch(() => {\n"
        b"   });\n"
        b"}\n"
    )
    handlers = [
        (h.line, h.is_empty, h.swallows)
        for h in parse_source(source, "javascript").error_handlers
        if h.kind == "promise_catch"
    ]
    # ``handleError`` is not seen: no judgement; ioredis's ``.catch(lodash_1.noop)`` is empty.
    assert handlers == [(2, True, True), (3, True, True), (4, False, False), (7, True, True)]


def test_a_jsx_element_calls_its_component() -> None:
    # A React component's graph and a test's ``render(<App />)`` had been empty.
    source = textwrap.dedent(
        """
        export function App() {
          return <div><Header title="x" /><Forms.Input>y</Forms.Input><span /></div>;
        }
        """
    ).encode()
    for grammar in ("javascript", "tsx"):
        calls = parse_source(source, grammar).calls
        assert [(c.callee, c.receiver, c.line, c.arg_count, c.caller) for c in calls] == [
            ("Header", None, 3, 1, "App"),
            ("Input", "Forms", 3, 1, "App"),
        ], grammar
    # Plain TypeScript has no JSX: ``<T>x`` is a type assertion there.
    assert parse_source(b"const n = <number>value;\n", "typescript").calls == ()


def test_a_catch_given_a_value_is_no_handler() -> None:
    # zod's schemas: ``z.string().catch("x")`` gives a fallback value, no error handler.
    source = (
        b'p.catch(() => {});\nz.string().catch("x");\nz.number().catch(3);\n'
        b"q.catch(noop);\nr.catch(console.error);\ns.catch(make(1));\n"
        b"t.catch(function (e) {});\nu.catch();\n"
    )
    handlers = parse_source(source, "javascript").error_handlers
    assert [(h.kind, h.line) for h in handlers] == [
        ("promise_catch", 1),
        ("promise_catch", 4),
        ("promise_catch", 5),
        ("promise_catch", 6),
        ("promise_catch", 7),
    ]


def test_a_method_put_on_a_prototype_by_a_string_key_is_a_method() -> None:
    # tape's ``Test.prototype['throws'] = function …`` (a keyword as its name): a 78-line
    # method had no row, its calls no caller, and its empty catch read "outside any function".
    result = parse_source(
        b"function T() {}\n"
        b"T.prototype['throws'] = function (fn) {\n"
        b"  try { fn(); } catch (e) { return 1; }\n  return helper();\n};\n"
        b"T[key] = function () {};\nfunction helper() { return 2; }\n",
        "javascript",
    )
    assert [(f.qualified_name, f.is_method) for f in result.functions] == [
        ("T", False),
        ("T.throws", True),
        ("helper", False),
    ]
    assert [(c.callee, c.caller) for c in result.calls] == [
        ("fn", "T.throws"),
        ("helper", "T.throws"),
    ]
    assert [h.function for h in result.error_handlers] == ["T.throws"]


def test_an_object_literals_methods_carry_the_name_that_holds_it() -> None:
    # knex: ``const AlterMethods = { renameColumn(…) {…} }`` was stored as ``renameColumn``,
    # and make-knex.js's five property descriptors' ``get() {…}`` as five ``get``.
    source = (
        b"const AlterMethods = {\n"
        b"  renameColumn(a, b) { return this.dropColumn(a); },\n"
        b"  dropColumn: function (a) { return a; },\n"
        b"  nothing: () => null,\n"
        b"};\n"
        b"const DEFS = { client: { get() { return 1; } }, seed: { get() { return 2; } } };\n"
        b"function Client() {}\n"
        b"Client.prototype = { query() { return 1; } };\n"
        b"Object.assign(Client.prototype, { raw() { return 2; } });\n"
        b"function initContext(fn, proto) {\n"
        b"  const context = fn.context || {};\n"
        b"  Object.assign(context, { transaction() { return 3; } });\n"
        b"  Object.assign(proto, { finish() { return 4; } });\n"
        b"}\n"
        b"module.exports = { exported() { return 5; } };\n"
        b"run({ anonymous() { return 6; } });\n"
        b"exports.helpers = { help() { return 7; } };\n"
    )
    result = parse_source(source, "javascript")
    assert [
        (f.qualified_name, f.is_method, f.class_name, f.is_static) for f in result.functions
    ] == [
        ("AlterMethods.renameColumn", True, "AlterMethods", True),
        ("AlterMethods.dropColumn", True, "AlterMethods", True),
        ("AlterMethods.nothing", True, "AlterMethods", True),
        ("DEFS.client.get", True, "DEFS.client", True),
        ("DEFS.seed.get", True, "DEFS.seed", True),
        ("Client", False, None, False),
        # A constructor's prototype: its instances' methods.
        ("Client.query", True, "Client", False),
        ("Client.raw", True, "Client", False),
        ("initContext", False, None, False),
        # In a function, as ``opts.cb = …`` is: named by the function and the object.
        ("initContext.context.transaction", False, None, True),
        # ``proto`` is a parameter: some object passed in, named by nothing.
        ("initContext.finish", False, None, False),
        # The module's own value, and a literal nothing names: as before.
        ("exported", False, None, False),
        ("anonymous", False, None, False),
        ("helpers.help", True, "helpers", True),
    ]
    assert [(c.callee, c.caller) for c in result.calls if c.callee == "dropColumn"] == [
        ("dropColumn", "AlterMethods.renameColumn")
    ]


def test_functions_passed_as_values_are_references_not_calls() -> None:
    source = textwrap.dedent(
        """
        import { handleResult as handle } from "./results";
        const middleware = require("./middleware");

        function parseLine(line) { return line; }
        function tick() {}

        class Reader {
          onData(chunk) {}
          start(emitter, lines, done) {
            const count = lines.length;
            const onEnd = () => done();
            lines.map(parseLine);
            emitter.on("data", this.onData);
            app.use(middleware);
            setTimeout(tick, 10);
            fetchAll().then(handle);
            emitter.once("end", onEnd);
            report(count, done, undefined, console.log);
            listen({ onLine: parseLine, tick, done });
          }
        }
        """
    ).encode()
    for grammar in ("javascript", "typescript", "tsx"):
        result = parse_source(source, grammar)
        rows = [(r.callee, r.receiver, r.line, r.caller) for r in result.references]
        # ``count`` is a variable, ``done`` a parameter, ``undefined`` a global: no functions.
        assert rows == [
            ("parseLine", None, 13, "Reader.start"),
            ("onData", "this", 14, "Reader.start"),
            ("middleware", None, 15, "Reader.start"),
            ("tick", None, 16, "Reader.start"),
            ("handle", None, 17, "Reader.start"),
            ("onEnd", None, 18, "Reader.start"),
            ("log", "console", 19, "Reader.start"),
            ("parseLine", None, 20, "Reader.start"),
            ("tick", None, 20, "Reader.start"),
        ], grammar
        assert {c.callee for c in result.calls}.isdisjoint({"parseLine", "tick", "onData"})


def test_a_function_given_to_a_jsx_attribute_is_a_reference() -> None:
    source = textwrap.dedent(
        """
        export function Form({ label }) {
          const submit = () => save();
          return <Button onClick={submit} onHover={this.hover} label={label} />;
        }
        """
    ).encode()
    for grammar in ("javascript", "tsx"):
        rows = [(r.callee, r.receiver, r.line) for r in parse_source(source, grammar).references]
        assert rows == [("submit", None, 4), ("hover", "this", 4)], grammar


def test_a_function_returning_an_object_literal_records_its_function_members() -> None:
    # fastify's ``function fastify () { const fastify = { get: function _get () {…}, addHook,
    # … }; fastify.ready = ready; return fastify }``; find-my-way's ``storage () { return {
    # get: (type) => …, set: … } }``.
    source = textwrap.dedent(
        """
        const decorator = require("./decorate");
        function fastify(opts) {
          const handler = opts.make();
          const fastify = {
            get: function _get(url) { return url; },
            route(o) { return o; },
            get version() { return 1; },
            addHook,
            inject: inject,
            decorate: decorator.add,
            routing: handler,
            ready: null,
            log: opts.logger,
            printPlugins: null,
          };
          fastify.ready = ready;
          fastify.printPlugins = decorator.print.bind(decorator);
          if (opts.x) { fastify.later = ready; }
          return fastify;
          function addHook(name) { return name; }
          function inject(o) { return o; }
          function ready() {}
        }
        const storage = () => ({ get: (k) => k, set: (k, v) => v });
        function either(a) { if (a) { return { one() {} }; } return { two() {} }; }
        function maybe(a) { if (!a) return null; return { three() {} }; }
        function made() { const x = make(); return x; }
        function reassigned() { let x = { four() {} }; x = other(); return x; }
        function fromCallback(items) { items.forEach(() => { return { five() {} }; }); }
        """
    ).encode()
    for grammar in ("javascript", "typescript"):
        result = parse_source(source, grammar)
        members = {
            fn.qualified_name: [
                (key, site.callee, site.receiver, site.line, site.caller, site.receiver_type)
                for key, site in fn.members
            ]
            for fn in result.functions
            if fn.members
        }
        assert members == {
            "fastify": [
                ("addHook", "addHook", None, 9, "fastify", None),
                ("decorate", "add", "decorator", 11, "fastify", "require"),
                ("get", "get", None, 6, "fastify", "{}6"),
                ("inject", "inject", None, 10, "fastify", None),
                ("ready", "ready", None, 17, "fastify", None),
                ("route", "route", None, 7, "fastify", "{}7"),
            ],
            "storage": [
                ("get", "get", None, 25, "storage", "{}25"),
                ("set", "set", None, 25, "storage", "{}25"),
            ],
            "maybe": [("three", "three", None, 27, "maybe", "{}27")],
        }, grammar


def test_a_property_descriptors_functions_are_the_propertys() -> None:
    # fastify's ``Object.defineProperties(Request.prototype, { validateInput: { value:
    # function … }, ip: { get () {…} } })``: named ``validateInput.value`` and ``ip.get``,
    # no ``req.validateInput(…)`` reached them.
    source = textwrap.dedent(
        """
        function Request(id) { this.id = id; }
        Object.defineProperties(Request.prototype, {
          ip: { get () { return this.raw.ip; } },
          body: {
            get: function () { return 1; },
            set (v) { this._b = v; },
          },
          validateInput: { value: function (input) { return this.compile(input); } },
          compile: { value (schema) { return schema; }, writable: true },
          plain: { enumerable: true, value: 3 },
        });
        Object.defineProperty(Request.prototype, "reply", { value: function () { return 2; } });
        Reflect.defineProperty(Request, "create", { value: () => new Request(1) });
        function build () {
          const app = {};
          Object.defineProperties(app, { prefix: { get () { return ""; } } });
          Object.defineProperty(app, name, { value: () => 3 });
          return app;
        }
        class Store { get size () { return 1; } set size (v) {} load () {} }
        const ctx = { get header () { return 1; }, other: { value () { return 2; } } };
        """
    ).encode()
    for grammar in ("javascript", "typescript"):
        result = parse_source(source, grammar)
        rows = [
            (f.qualified_name, f.line, f.is_method, f.class_name, f.is_static, f.is_accessor)
            for f in result.functions
        ]
        assert rows == [
            ("Request", 2, False, None, False, False),
            ("Request.ip", 4, True, "Request", False, True),
            # Each at its own key: a getter and its setter are two functions.
            ("Request.body", 6, True, "Request", False, True),
            ("Request.body", 7, True, "Request", False, True),
            ("Request.validateInput", 9, True, "Request", False, False),
            ("Request.compile", 10, True, "Request", False, False),
            ("Request.reply", 13, True, "Request", False, False),
            # The constructor's own, as ``Object.assign(Request, {…})``'s methods are.
            ("Request.create", 14, True, "Request", True, False),
            ("build", 15, False, None, False, False),
            # In a function, after it, as the function's object literals' methods are.
            ("build.app.prefix", 17, False, None, True, True),
            # A property no string names: the descriptor's ``value`` as before.
            ("build.value", 18, False, None, False, False),
            ("Store.size", 21, True, "Store", False, True),
            ("Store.size", 21, True, "Store", False, True),
            ("Store.load", 21, True, "Store", False, False),
            ("ctx.header", 22, True, "ctx", True, True),
            # Only a descriptor's ``value`` is the property.
            ("ctx.other.value", 22, True, "ctx.other", True, False),
        ], grammar
