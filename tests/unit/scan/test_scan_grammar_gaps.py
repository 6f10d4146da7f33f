"""TypeScript the grammar cannot parse, blanked in the parser's copy with every offset kept."""

from __future__ import annotations

import re

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
