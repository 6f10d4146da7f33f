"""Extraction's shortcuts read what the node-by-node readings read, and no result depends on the
order the query engine returns captured nodes in."""

from __future__ import annotations

import textwrap

import pytest
from tree_sitter import Node, Query, QueryCursor, Tree

from drift.scan import extraction, parse_source, parse_tree, parsing
from drift.scan.lang_python import PythonRules, _parameter
from drift.scan.nodes import SourceText
from drift.scan.parsing import ts_language
from drift.scan.rules import async_token, read_call

PYTHON_CALLS = textwrap.dedent(
    """\
    f(1)
    a.b.c(x, y)
    a .b(1)
    (f)(2)
    f (3)
    a.f(x).f(y)
    print(*sys.version.split())
    x[0].y(1)
    "a b".join(parts)
    obj.method(  # comment
        1)
    (obj
        .method)(2)
    f(x for x in y)
    g(1, # note
      2)
    None()
    1.0.hex()
    f()()
    """
) + ("r" * 130 + ".m(1)\n")


def _nodes(tree: Tree, pattern: str) -> list[Node]:
    query = Query(ts_language("python"), f"({pattern}) @node")
    return sorted(QueryCursor(query).captures(tree.root_node)["node"], key=lambda n: n.start_byte)


def test_python_call_parts_read_from_text_match_the_nodes() -> None:
    source = PYTHON_CALLS.encode()
    tree = parse_tree(source, "python")
    file = SourceText(source, clean=not tree.root_node.has_error)
    assert file.clean
    calls = _nodes(tree, "call")
    assert len(calls) > 15
    by_nodes = SourceText(source, clean=False)  # a broken file's calls read their nodes
    for node in calls:
        assert PythonRules().call_parts(node, file) == PythonRules().call_parts(node, by_nodes)
    # ``f()()`` calls what ``f()`` returns; any other call reads as its nodes say.
    assert [PythonRules().call_parts(node, file) for node in calls if node.text == b"f()()"] == [
        ("__call__", "f()", 0)
    ]
    for node in calls:
        if node.text != b"f()()":
            assert PythonRules().call_parts(node, file) == read_call(node, source)


PARAMETER_LISTS = [
    "",
    "self",
    "self, a, b,",
    "a, /, b, *, c",
    "*args, **kwargs",
    "* args",
    "a: int, b: int | None = None, *rest: str, **extra: object",
    "a=1, b = -2, c=x if y else z, d=a==b",
    "a: list[int] = [], b='x', c=(1, 2), d={}",
    "a=lambda x, y: x",
    "a,  # comment\n    b",
    "a,\n    b = 1",
    "a : int = 1",
]


@pytest.mark.parametrize("listing", PARAMETER_LISTS)
def test_python_parameters_read_from_text_match_the_nodes(listing: str) -> None:
    source = f"def f({listing}):\n    pass\n".encode()
    tree = parse_tree(source, "python")
    assert not tree.root_node.has_error
    (function,) = _nodes(tree, "function_definition")
    holder = function.child_by_field_name("parameters")
    assert holder is not None
    by_nodes = tuple(
        found
        for found in (_parameter(child, source) for child in holder.named_children)
        if found is not None
    )
    assert PythonRules().parameters(function, source) == by_nodes


def test_python_async_read_from_text_matches_the_tokens() -> None:
    source = b"async def a():\n    pass\n\ndef b():\n    pass\n\nasync  def c(): pass\n"
    tree = parse_tree(source, "python")
    file = SourceText(source, clean=True)
    functions = _nodes(tree, "function_definition")
    assert [PythonRules().is_async(node, file) for node in functions] == [True, False, True]
    assert [async_token(node) for node in functions] == [True, False, True]


def test_source_text_slices_like_decoding() -> None:
    data = "ä = 'x'\n".encode()
    for raw in (b"plain = 'x'\n", data, b"bad \xff byte\n"):
        file = SourceText(raw, clean=True)
        assert file.slice(0, 5) == raw[0:5].decode("utf-8", errors="replace")
        assert file.slice(2, len(raw)) == raw[2:].decode("utf-8", errors="replace")


class _ReversedCursor:
    """A QueryCursor returning every capture list backwards."""

    def __init__(self, query: Query) -> None:
        self._cursor = QueryCursor(query)

    def captures(self, node: Node) -> dict[str, list[Node]]:
        return {name: nodes[::-1] for name, nodes in self._cursor.captures(node).items()}


SAMPLES = [
    (
        "python",
        textwrap.dedent(
            """\
            __all__ = ["b", "a"]
            __all__ += ["c"]
            import z
            import a
            def f(x):
                a.f(x).f(y).f(z); raise A; raise B
                try: g()
                except A: pass
            class C:
                @d(1)
                @e(2)
                def m(self): return [1, -2, "s"]
            """
        ),
    ),
    (
        "javascript",
        textwrap.dedent(
            """\
            import x from "x";
            export const a = 1, b = 2;
            try { f() } catch (e) {} try { g() } catch (e) { throw e }
            p.then(h).catch(one).catch(two);
            module.exports = { a, b };
            """
        ),
    ),
    ("python", "€ = 2\n"),  # an ERROR node inside another, both at column 1
    ("go", 'package a\nfunc f() { if err != nil { return err }; panic("x") }\n'),
]


@pytest.mark.parametrize(("grammar", "source"), SAMPLES)
def test_results_do_not_depend_on_capture_order(
    grammar: str, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = source.encode()
    expected = parse_source(data, grammar)
    monkeypatch.setattr(extraction, "QueryCursor", _ReversedCursor)
    monkeypatch.setattr(parsing, "QueryCursor", _ReversedCursor)
    assert parse_source(data, grammar).to_json() == expected.to_json()
