"""TypeScript and TSX extraction on small snippets: exact results."""

from __future__ import annotations

import textwrap

from drift.scan import ParseResult, parse_source
from drift.scan.model import Decorator, Export, Import, ImportedName, Parameter

SOURCE = textwrap.dedent(
    """\
    import Default, { one, two as second } from "lib";
    import * as space from "./space";
    import type { Shape } from "./types";
    import "./side-effect";

    export function compute(a: number, b = 2, ...rest: string[]): number {
      return a + b;
    }

    export default class Service extends Base implements Runner, Closer {
      @Inject() private async load(id?: string) {
        try {
          await this.repo.fetch(id);
        } catch (error) {
        } finally {
          done();
        }
      }
      static create = () => new Service();
      #secret() {}
      @First @Second run(): void {
        throw new ServiceError("not now");
      }
    }

    export const handler = async (event) => event, other = function named() {};
    export { compute as calc, handler };
    export * from "./all";
    export * as grouped from "./grouped";
    export type Alias = string;
    export interface Runner extends Base { run(): void }
    enum Color { Red = 1 }
    task.then((value) => value).catch(() => {});
    request.catch((reason) => { log(reason); throw reason; });
    """
)


def parsed() -> ParseResult:
    return parse_source(SOURCE.encode(), "typescript")


def test_functions() -> None:
    rows = [
        (f.name, f.qualified_name, f.line, f.end_line, f.is_async, f.is_method, f.is_exported)
        for f in parsed().functions
    ]
    assert rows == [
        ("compute", "compute", 6, 8, False, False, True),
        ("load", "Service.load", 11, 18, True, True, False),  # private
        ("create", "Service.create", 19, 19, False, True, True),
        ("#secret", "Service.#secret", 20, 20, False, True, False),
        ("run", "Service.run", 21, 23, False, True, True),
        ("handler", "handler", 26, 26, True, False, True),
        ("other", "other", 26, 26, False, False, True),
    ]


def test_parameters_types_and_decorators() -> None:
    compute, load, _create, _secret, run, handler, _other = parsed().functions
    assert compute.parameters == (
        Parameter("a", "number", None, False),
        Parameter("b", None, "2", False),
        Parameter("rest", "string[]", None, True),
    )
    assert compute.return_type == "number"
    assert load.parameters == (Parameter("id", "string", None, False),)
    assert load.decorators == (Decorator("Inject", "", 11),)
    assert run.decorators == (Decorator("First", None, 21), Decorator("Second", None, 21))
    assert run.return_type == "void"
    assert handler.parameters == (Parameter("event", None, None, False),)


def test_classes() -> None:
    rows = [(c.name, c.kind, c.line, c.bases, c.is_exported, c.methods) for c in parsed().classes]
    assert rows == [
        (
            "Service",
            "class",
            10,
            ("Base", "Runner", "Closer"),
            True,
            ("load", "create", "#secret", "run"),
        ),
        ("Runner", "interface", 31, ("Base",), True, ()),
        ("Color", "enum", 32, (), False, ()),
    ]


def test_imports() -> None:
    assert parsed().imports == (
        Import(
            "lib",
            1,
            (
                ImportedName("default", "Default"),
                ImportedName("one", None),
                ImportedName("two", "second"),
            ),
            None,
            False,
            False,
        ),
        Import("./space", 2, (), "space", False, False),
        Import("./types", 3, (ImportedName("Shape", None),), None, False, True),
        Import("./side-effect", 4, (), None, False, False),
    )


def test_exports() -> None:
    assert parsed().exports == (
        Export("compute", 6, False, False, None),
        Export("Service", 10, True, False, None),
        Export("handler", 26, False, False, None),
        Export("other", 26, False, False, None),
        Export("calc", 27, False, False, None, "compute"),
        Export("handler", 27, False, False, None),
        Export("*", 28, False, False, "./all"),
        Export("grouped", 29, False, False, "./grouped", "*"),
        Export("Alias", 30, False, True, None),
        Export("Runner", 31, False, True, None),
    )


def test_an_export_says_what_it_stands_for_under_another_name() -> None:
    # ``Export.local``: zod's ``export { _catch as catch }``, its v3 API (``const stringType =
    # ZodString.create`` exported as ``string``), a barrel's ``default as Button``.
    source = (
        b"const stringType = ZodString.create;\n"
        b"const twice = stringType, again = (twice as any);\n"
        b"let later = plain;\n"
        b"export const alias = plain, made = make(), member = this.x, own = exports.x;\n"
        b"export { stringType as string, _catch as catch, again, later, plain };\n"
        b"export { default as Button, same } from './Button';\n"
        b"export { impl as default };\n"
    )
    assert parse_source(source, "typescript").exports == (
        Export("alias", 4, False, False, None, "plain"),
        Export("made", 4, False, False, None),
        Export("member", 4, False, False, None),
        Export("own", 4, False, False, None),
        Export("again", 5, False, False, None, "ZodString.create"),
        Export("catch", 5, False, False, None, "_catch"),
        Export("later", 5, False, False, None),
        Export("plain", 5, False, False, None),
        Export("string", 5, False, False, None, "ZodString.create"),
        Export("Button", 6, False, False, "./Button", "default"),
        Export("same", 6, False, False, "./Button"),
        Export("default", 7, True, False, None, "impl"),
    )


def test_typescripts_commonjs_import_and_export_assignment() -> None:
    # ``import fs = require("fs")`` binds the module as ``const fs = require("fs")`` does;
    # ``export = Engine`` is ``module.exports = Engine``.
    source = b'import fs = require("fs");\nimport Eng = require("./klass");\nexport = Eng;\n'
    result = parse_source(source, "typescript")
    assert result.imports == (
        Import("fs", 1, (), "fs", False, False),
        Import("./klass", 2, (), "Eng", False, False),
    )
    assert result.exports == (Export("Eng", 3, True, False, None),)


def test_declaration_file_exports_name_what_they_declare() -> None:
    source = (
        b"export declare const version: string, major: number;\n"
        b"export declare function parse(text: string): Ast;\n"
        b"export declare class Parser { run(): void }\n"
        b"export declare namespace Nodes {}\n"
        b"declare const hidden: number;\n"
    )
    result = parse_source(source, "typescript")
    assert [(e.name, e.line, e.is_default) for e in result.exports] == [
        ("major", 1, False),
        ("version", 1, False),
        ("parse", 2, False),
        ("Parser", 3, False),
        ("Nodes", 4, False),
    ]
    assert [(c.name, c.is_exported) for c in result.classes] == [("Parser", True)]


def test_calls() -> None:
    rows = [
        (c.callee, c.receiver, c.line, c.is_awaited, c.is_constructor, c.caller)
        for c in parsed().calls
    ]
    assert rows == [
        ("Inject", None, 11, False, False, None),
        ("fetch", "this.repo", 13, True, False, "Service.load"),
        ("done", None, 16, False, False, "Service.load"),
        ("Service", None, 19, False, True, "Service.create"),
        ("ServiceError", None, 22, False, True, "Service.run"),
        ("catch", "task.then((value) => value)", 33, False, False, None),
        ("then", "task", 33, False, False, None),
        ("catch", "request", 34, False, False, None),
        ("log", None, 34, False, False, None),
    ]


def test_literals() -> None:
    result = parsed()
    assert [(s.value, s.line, s.context) for s in result.strings] == [
        ("not now", 22, "function_argument"),
    ]  # import and export sources are not values
    assert [(n.raw, n.value, n.line) for n in result.numbers] == [("2", 2, 6), ("1", 1, 32)]


def test_a_literal_type_holds_no_value() -> None:
    # fastify's ``type Digit = 0 | 1 | … | 9``: ten magic numbers of a type.
    source = (
        b'type Digit = 0 | 1 | 9\nfunction f(x: 5 | 6, k: "a"): 7 {\n  return 42\n}\n'
        b"const y = 3600\n"
    )
    result = parse_source(source, "typescript")
    assert [(n.raw, n.line) for n in result.numbers] == [("42", 3), ("3600", 5)]
    assert result.strings == ()


def test_error_handlers() -> None:
    rows = [
        (h.kind, h.line, h.function, h.types, h.variable, h.is_empty, h.rethrows, h.swallows)
        for h in parsed().error_handlers
    ]
    assert rows == [
        ("catch", 14, "Service.load", (), "error", True, False, True),
        ("finally", 15, "Service.load", (), None, False, False, False),
        ("throw", 22, "Service.run", ("ServiceError",), None, False, False, False),
        ("promise_catch", 33, None, (), None, True, False, True),
        ("promise_catch", 34, None, (), "reason", False, True, False),
        ("throw", 34, None, ("reason",), None, False, False, False),
    ]
    assert not any(h.is_generic for h in parsed().error_handlers)


def test_a_catch_annotation_names_no_caught_type() -> None:
    # `unknown` and `any` type the variable; the clause still catches everything.
    source = b"try { go() } catch (e: unknown) { report(e) }\ntry { go() } catch (e: any) {}"
    result = parse_source(source, "typescript")
    assert [(h.types, h.variable, h.is_empty) for h in result.error_handlers] == [
        ((), "e", False),
        ((), "e", True),
    ]


def test_tsx_parses_jsx_components() -> None:
    source = textwrap.dedent(
        """\
        export function Badge({ label }: { label: string }) {
          return <span className="badge">{format(label)}</span>;
        }
        """
    ).encode()
    result = parse_source(source, "tsx")
    assert (result.language, result.grammar, result.error_count) == ("typescript", "tsx", 0)
    assert [(f.name, f.is_exported) for f in result.functions] == [("Badge", True)]
    assert [(c.callee, c.caller) for c in result.calls] == [("format", "Badge")]
    assert [(s.value, s.context) for s in result.strings] == [("badge", "object_property")]


def test_a_computed_key_is_no_value() -> None:
    # tRPC's ``[-32700]: "PARSE_ERROR"``: 17 of its 22 magic numbers.
    source = b'export const CODES = {\n  [-32700]: "PARSE_ERROR",\n}\nconst y = f(3600)\n'
    assert [n.raw for n in parse_source(source, "typescript").numbers] == ["3600"]


def test_a_member_passed_as_a_value_carries_its_receiver_s_class() -> None:
    source = textwrap.dedent(
        """
        import { Store } from "./store";

        export function wire(emitter: Emitter, cache: Cache): void {
          const store = new Store();
          emitter.on("save", store.save);
          emitter.on("evict", cache.evict);
          emitter.on("flush", this.flush);
        }
        """
    ).encode()
    result = parse_source(source, "typescript")
    assert [(r.callee, r.receiver, r.line, r.receiver_type) for r in result.references] == [
        ("save", "store", 6, "Store"),
        ("evict", "cache", 7, "Cache"),
        ("flush", "this", 8, None),
    ]
