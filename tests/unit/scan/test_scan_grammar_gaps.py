"""TypeScript the grammar cannot parse, blanked in the parser's copy with every offset kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tree_sitter import Parser

from drift.scan import parse_source, parse_tree
from drift.scan.grammar_gaps import parser_input
from drift.scan.parsing import ts_language


def _clean(source: bytes, grammar: str = "typescript") -> bool:
    return not parse_tree(source, grammar).root_node.has_error


def _grammar_fails(source: bytes) -> bool:
    """The installed grammar, handed the file as it is, reports an error (the gap is real)."""
    return Parser(ts_language("typescript")).parse(source).root_node.has_error


def test_variance_annotations_parse_and_keep_every_position() -> None:
    source = (
        b"export interface Sink<out A, in In = unknown, in out L = never> {\n"
        b"  readonly a: A\n"
        b"}\n"
        b"class Box<out T> {\n"
        b"  get(): T { return load('Map<in K, out V>') }\n"
        b"}\n"
    )
    assert _grammar_fails(source)
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [(c.name, c.line) for c in result.classes] == [("Sink", 1), ("Box", 4)]
    assert [(f.qualified_name, f.line) for f in result.functions] == [("Box.get", 5)]
    # The literal is read from the file, not from the parser's copy.
    assert [(s.value, s.line, s.column) for s in result.strings] == [("Map<in K, out V>", 5, 26)]


def test_a_variance_list_over_several_lines_parses() -> None:
    source = b"type Fn<\n  in A,\n  out B extends string\n> = (a: A) => B\n"
    assert _grammar_fails(source)
    assert _clean(source)


def test_generic_call_signatures_after_a_member_without_semicolon_parse() -> None:
    # Effect's ``dual`` overloads, with a doc comment between the members.
    source = (
        b"export const map: {\n"
        b"  <A, B>(f: (a: A) => B): (self: Box<A>) => Box<B>\n"
        b"  /**\n"
        b"   * Data first.\n"
        b"   */\n"
        b"  <A, B>(self: Box<A>, f: (a: A) => B): Box<B>\n"
        b"  <\n"
        b"    const K extends string\n"
        b"  >(key: K): Box<K> // last\n"
        b"} = dual(2, impl)\n"
    )
    assert _grammar_fails(source)
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [c.callee for c in result.calls] == ["dual"]


def test_a_member_named_in_after_a_member_without_semicolon_parses() -> None:
    source = b'export interface Parameter {\n  name: string\n  in: "query" | "header"\n}\n'
    assert _grammar_fails(source)
    assert _clean(source)


def test_type_arguments_of_a_tagged_template_are_blanked() -> None:
    source = (
        b"const rows = yield* sql<{ id: number; name: string }>`SELECT id, name FROM ${t}`\n"
        b"const many = tag<\n  A,\n  B\n>`x`\n"
    )
    assert _grammar_fails(source)
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [(c.callee, c.line) for c in result.calls] == [("sql", 1), ("tag", 2)]
    assert result.strings[0].value.startswith("SELECT id, name FROM ")


def test_type_only_star_reexports_parse_and_stay_type_only() -> None:
    source = b'export type * from "./types"\nexport type * as ns from "./x"\nexport * from "./y"\n'
    assert _grammar_fails(source)
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [(e.name, e.source, e.is_type_only) for e in result.exports] == [
        ("*", "./types", True),
        ("ns", "./x", True),
        ("*", "./y", False),
    ]


def test_javascript_import_attributes_parse() -> None:
    source = (
        b'import config from "./config.json" assert { type: "json" }\n'
        b'export { default as schema } from "./schema.json" with { type: "json" };\n'
        b'const assert = require("assert")\n'
        b"assert(config.ok, `${schema}`)\n"
    )
    assert Parser(ts_language("javascript")).parse(source).root_node.has_error
    result = parse_source(source, "javascript")
    assert result.error_count == 0
    assert [i.source for i in result.imports] == ["./config.json", "assert"]
    assert [(e.name, e.source) for e in result.exports] == [("schema", "./schema.json")]
    assert [c.callee for c in result.calls] == ["require", "assert"]


def test_auto_accessors_parse_as_the_fields_they_declare() -> None:
    source = (
        b"export class Toggle extends LitElement {\n"
        b"  accessor label = 'x'\n"
        b"  static accessor count: number = 0;\n"
        b"  @state() private accessor #open = false\n"
        b"  toggle() { this.#open = !this.#open }\n"
        b"}\n"
    )
    assert _grammar_fails(source)
    for grammar in ("typescript", "tsx"):
        assert _clean(source, grammar)
    result = parse_source(source, "typescript")
    assert [(f.qualified_name, f.line) for f in result.functions] == [("Toggle.toggle", 5)]
    assert [(s.value, s.line, s.column) for s in result.strings] == [("x", 2, 20)]


def test_import_types_on_lines_of_their_own_parse() -> None:
    # date-fns's declarations: 438 of its files were syntax errors.
    source = (
        b'export declare const closestTo: import("./types.ts").FPFn2<\n'
        b"  number | undefined,\n"
        b'  | import("../fp.ts").DateArg<Date>\n'
        b'  | import("../fp.ts").Interval<Date>[]\n'
        b">;\n"
        # NestJS's declarations: the result of a function type.
        b'export declare const Serialize: () => import("./index.js").CustomDecorator<string>;\n'
    )
    assert _grammar_fails(source)
    assert _clean(source)


def test_anonymous_default_function_signatures_are_blanked() -> None:
    # zod's locale declarations; the implementation after the overloads is kept.
    source = (
        b"export default function (): {\n"
        b"  localeError: (issue: Issue<'{'>) => string | undefined;\n"
        b"  items: Array<{ a: 1 }>;\n"
        b"};\n"
        b"export default function <T extends { id: string }>(x: T): T;\n"
        b"export default function (x: any): { id: string } { return x }\n"
        b"export declare const version: string;\n"
    )
    assert _grammar_fails(source)
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [(f.name, f.line) for f in result.functions] == [("default", 6)]
    assert [e.name for e in result.exports] == ["default", "version"]


def test_a_default_function_signature_may_end_without_a_semicolon() -> None:
    # As tsc takes it: at the line's end, or at the brace closing the module around it.
    for source in (
        b"declare module 'm' { export default function (): void }\n",
        b"declare module 'm' {\n  export default function (a: string): A |\n    B\n"
        b"  export const x: number\n}\n",
    ):
        assert _grammar_fails(source)
        assert _clean(source), source


def test_global_augmentation_inside_a_module_parses() -> None:
    source = (
        b'declare module "node:events" {\n'
        b"    class EventEmitter {}\n"
        b"    global {\n"
        b"        namespace NodeJS {\n"
        b"            interface EventEmitter { on(e: string): this }\n"
        b"        }\n"
        b"    }\n"
        b"}\n"
        b"declare global { interface Window { x: 1 } }\n"
    )
    assert _grammar_fails(source)
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [c.name for c in result.classes] == ["EventEmitter", "EventEmitter", "Window"]


def test_reserved_words_as_javascript_export_names_parse() -> None:
    # zod exports ``null``, ``function`` and ``instanceof`` under their own names (ES2022).
    source = (
        b"export { _null as null, fn as function };\n"
        b"export {\n  isA as instanceof,\n} from './checks';\n"
        b"const as = 1;\nuse(as, null)\n"
    )
    assert Parser(ts_language("javascript")).parse(source).root_node.has_error
    result = parse_source(source, "javascript")
    assert result.error_count == 0
    assert sorted(e.name for e in result.exports) == ["function", "instanceof", "null"]
    assert parser_input(source, "javascript").endswith(b"const as = 1;\nuse(as, null)\n")


def test_code_that_only_looks_alike_is_left_alone() -> None:
    unchanged = [
        b"for (const key in out) { use(key) }\n",
        b"if (a < out && b > c) { f(`${a}`) }\n",
        b"const has = key\n  in (table)\n",
        b"const ok = a > `b`\n",
        b"const f = <A,>(x: A) => x\n",
        b"const g =\n  <A>(x: A) => x\n",
        b"const list = [\n  <A>(x: A) => x,\n  <B>(y: B) => y,\n]\n",
        b"x = [a, out in obj]\n",
        b"const accessor = 1;\nif (accessor in obj) {}\nlet y = accessor as number;\n",
        b"accessor\n  .run()\nobj.accessor = 2\nclass A { getaccessor = 1 }\n",
        b"export default function (a) { return { a } }\n",
        b"export default function (): { a: 1 } { return { a: 1 }; }\n",
        b"export default function <T>(x: T): Box<T> {\n  return box(x);\n}\n",
        b"const global = { a: 1 };\nif (global) {}\n",
    ]
    for source in unchanged:
        assert parser_input(source, "typescript") == source, source
        assert _clean(source), source


def test_javascript_and_tsx_members_are_not_rewritten() -> None:
    source = b"const el = (\n  <div>\n    <Item>{x}</Item>\n  </div>\n)\n"
    assert parser_input(source, "tsx") == source
    assert parser_input(b"interface X<out T> {}", "javascript") == b"interface X<out T> {}"
    assert parser_input(b"with (o) { f() }\n", "javascript") == b"with (o) { f() }\n"


def test_runs_of_comments_and_brackets_take_one_pass() -> None:
    # Each of these took exponential time in an earlier pattern (a line comment could end
    # anywhere): the scan never finished. Now they are read like any file.
    for source in (
        b"<" + b"// a " * 40 + b"x",
        b"f(a, " + b"/* c */ " * 2000 + b"out T>",
        b"type T = import('./m')." + b"a." * 2000 + b"B<C>",
        b"class A {\n  m(): X\n" + b"  // note\n" * 2000 + b"  <B>(x: B): B\n}\n",
    ):
        assert len(parser_input(source, "typescript")) == len(source)


_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "`",
        " in ",
        "out ",
        "accessor ",
        ",",
        "\n",
        "  ",
        "A",
        "x:",
        "=>",
        "/*",
        "*/",
        "//",
        ";",
        "{",
        "}",
    ]
)


@given(st.lists(_PIECES, max_size=60))
def test_the_parser_copy_keeps_length_and_line_breaks(pieces: list[str]) -> None:
    source = "".join(pieces).encode()
    for grammar in ("typescript", "tsx"):
        copy = parser_input(source, grammar)
        assert len(copy) == len(source)
        assert [m.start() for m in re.finditer(b"\n", copy)] == [
            m.start() for m in re.finditer(b"\n", source)
        ]


@pytest.mark.parametrize(
    ("grammar", "source"),
    [
        # knex's pg-querycompiler: ``using`` as a variable.
        (
            "javascript",
            b"function f(x) {\n  let using = '';\n  if (x) { using += 'a'; }\n  return using;\n}\n",
        ),
        ("javascript", b"using = 3;\nusing.x = 1;\nusing[0] = 1;\n"),
        ("javascript", b"let using = 1;\nusing++;\nusing--;\nconst z = using;\nf(using, 2);\n"),
        (
            "typescript",
            b"function using(n: number) { return n; }\nexport function main() { using(1); }\n",
        ),
        # An auto-accessor in a JavaScript class.
        ("javascript", b"export class Counter {\n  accessor count = 0;\n}\n"),
    ],
)
def test_using_as_a_name_and_javascript_accessors_parse(grammar: str, source: bytes) -> None:
    result = parse_source(source, grammar)
    assert (result.error_count, result.error) == (0, None)


def test_using_declarations_and_longer_names_are_left_alone() -> None:
    source = (
        b"async function f() {\n"
        b"  await using conn = open();\n"
        b"  return refusing(1) + obj.using(2);\n"
        b"}\n"
    )
    result = parse_source(source, "typescript")
    assert result.error_count == 0
    assert [c.callee for c in result.calls] == ["open", "refusing", "using"]


def test_a_python_comment_at_column_0_between_a_decorator_and_its_def() -> None:
    # pydantic's tests/mypy/outputs: ``@property`` then ``# comment`` at column 0.
    source = (
        b"class C:\n    @property\n# mypy: an output line\n    def x(self):\n        return 1\n"
    )
    result = parse_source(source, "python")
    assert result.error_count == 0
    assert [(f.qualified_name, [d.name for d in f.decorators]) for f in result.functions] == [
        ("C.x", ["property"])
    ]
    assert len(parser_input(source, "python")) == len(source)


def test_java_25_module_imports_and_statements_before_super() -> None:
    source = (
        b"import module java.base;\n"
        b"class N extends B {\n"
        b"  N(int v) { if (v < 0) throw new IllegalArgumentException(); super(v); }\n"
        b"  N() { super(1); }\n"
        b"  N(String s) { int n = s.length(); this(n); }\n"
        b"}\n"
    )
    result = parse_source(source, "java")
    assert (result.error_count, result.error) == (0, None)
    assert [f.qualified_name for f in result.functions] == ["N.N", "N.N", "N.N"]
    assert len(parser_input(source, "java")) == len(source)


def test_a_bare_class_field_before_a_computed_key_member() -> None:
    # undici's unwrap-handler: ``#abort`` then ``[kResume] = null``.
    source = (
        b"const kResume = Symbol('r')\n"
        b"class Controller {\n  #abort\n\n  [kResume] = null\n\n  pause () { return 1 }\n}\n"
        b"function f(a) {\n  const x = a\n  [1, 2].forEach(g)\n  return x\n}\n"
    )
    result = parse_source(source, "javascript")
    assert (result.error_count, result.error) == (0, None)
    assert [f.qualified_name for f in result.functions] == ["Controller.pause", "f"]
    # Not after code that goes on: ``a\\n[1, 2]`` is one expression, in JavaScript too.
    assert [c.callee for c in result.calls] == ["Symbol", "forEach"]
    assert len(parser_input(source, "javascript")) == len(source)


@pytest.mark.parametrize(
    ("grammar", "source"),
    [
        # react-redux's connect.tsx: a generic call signature after one without a semicolon.
        ("tsx", b"interface C {\n  (): number\n  <A = {}>(x: A): A\n  <B>(y: B): B\n}\n"),
        ("tsx", b"interface D {\n  x: number\n  in: string\n}\n"),
        # drizzle-orm's declarations: ``using`` as a parameter, a parenthesised import type,
        # an escaped backtick in a template literal type.
        ("typescript", b"declare class V { using(using: string): this; }\n"),
        ("typescript", b"function f(using?: number) { return using; }\n"),
        (
            "typescript",
            b'export declare const p: () => (import("./index.js").PgPolicy | undefined)[];\n',
        ),
        ("typescript", b"type M<T extends string> = `Please install \\`${T}\\` to use it`;\n"),
    ],
)
def test_more_typescript_the_grammar_misses_parses(grammar: str, source: bytes) -> None:
    assert Parser(ts_language(grammar)).parse(source).root_node.has_error
    result = parse_source(source, grammar)
    assert (result.error_count, result.error) == (0, None)


def test_jsx_children_and_escaped_backslashes_are_left_alone() -> None:
    jsx = b"const el = (\n  <div>\n    <b>(optional)</b>\n    <Item>{x}</Item>\n  </div>\n)\n"
    # ``<b>(`` could be a call signature's start; in JSX it is text, changed only in the copy.
    assert _clean(jsx, "tsx")
    source = b"const s = `C:\\\\`;\nconst t = `a\\`b`;\n"
    copy = parser_input(source, "typescript")
    assert copy == b"const s = `C:\\\\`;\nconst t = `a  b`;\n"
    assert _clean(source)
    # A dynamic import in code keeps its ``import(…).then``.
    code = b'const m = (import("./x").then);\n'
    assert parser_input(code, "typescript") == code
