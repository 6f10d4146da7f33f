"""Extraction's linking shortcuts give what the direct readings give: callers read once per
scope interval, decorator holders read from the targets' children, ties and decorator spans
ordered without a full pass, text read through ``SourceText``."""

from __future__ import annotations

import itertools
import random
import textwrap

import pytest
from tree_sitter import Node, Query, QueryCursor

from drift.scan import extraction, parse_tree
from drift.scan.collect import collect
from drift.scan.model import CallSite, StringLiteral
from drift.scan.nodes import SourceText, inner_value, text
from drift.scan.parsing import ts_language

PYTHON = textwrap.dedent(
    """\
    import functools
    setup(1)

    @register(key=make("k"), other=[f(2), "x"])
    @functools.wraps(wrapped)
    def outer(a, b=default()):
        first()
        def inner():
            second(lambda: third())
            class Local:
                @property
                def value(self): return fourth()
            return fifth()
        sixth(inner())
        return a.b.c(x).d(y)

    class Service(Base(arg())):
        @staticmethod
        @cached(size=limit(3))
        def method(): seventh()
        eighth()

    ninth(); tenth()
    """
)
TYPESCRIPT = textwrap.dedent(
    """\
    @Component({ selector: pick("a") })
    export class View {
      @Input() name = compute();
      @First @Second() run(): void { go(); }
      static make = () => new View();
    }
    """
)
JAVA = textwrap.dedent(
    """\
    package a;
    @Entity(name = "x")
    public class Order {
      @Override @Deprecated
      public String toString() { log(); return build(new Part(1), other.make()); }
      @Inject Service service = Service.create(config());
    }
    """
)
SAMPLES = [("python", PYTHON), ("typescript", TYPESCRIPT), ("tsx", TYPESCRIPT), ("java", JAVA)]


def _linker(grammar: str, source: str) -> extraction._Linker:
    data = source.encode()
    tree = parse_tree(data, grammar)
    captures = QueryCursor(extraction.extraction_query(grammar)).captures(tree.root_node)
    file = SourceText(data, clean=not tree.root_node.has_error)
    return extraction._Linker(collect(captures, file, grammar, extraction.rules_for(grammar)))


@pytest.mark.parametrize(("grammar", "source"), SAMPLES)
def test_callers_match_a_scope_lookup_per_call(grammar: str, source: str) -> None:
    linker = _linker(grammar, source)
    nodes = sorted(linker.found.calls + linker.found.constructs, key=lambda n: n.start_byte)
    assert len(nodes) > 3
    expected = set()
    for node in nodes:
        function = linker._scope(node.start_byte)
        caller = None if function is None else function.qualified_name
        expected.add((node.start_point.row + 1, node.start_point.column + 1, caller))
    assert {(site.line, site.column, site.caller) for site in linker._calls()} == expected


@pytest.mark.parametrize(("grammar", "source"), SAMPLES)
def test_decorator_holders_match_the_parents(grammar: str, source: str) -> None:
    linker = _linker(grammar, source)
    decorators = linker.found.decorators
    assert decorators
    by_node: dict[int, object] = {}
    for item in linker.found.definitions:
        holder = item.node.parent
        assert holder is not None
        if holder.id in decorators:
            assert linker.holders[item.node.id] == holder.id
        else:
            assert item.node.id not in linker.holders
        by_node[item.node.id] = item
        by_node.setdefault(holder.id, item)
    assert {target: by_node.get(target) for target in decorators} == {
        target: linker.targets.get(target) for target in decorators
    }


def test_tied_calls_are_ordered_like_a_full_sort() -> None:
    rng = random.Random(7)
    for _ in range(200):
        sites = [
            CallSite(
                rng.choice("fg"),
                rng.choice([None, "a", "bb", "b"]),
                rng.randint(1, 3),
                rng.randint(1, 3),
                0,
                False,
                False,
                None,
            )
            for _ in range(rng.randint(2, 12))
        ]
        expected = sorted(sites, key=extraction._call_order)
        ordered = sorted(sites, key=lambda site: (site.line, site.column))
        ties = [
            index
            for index in range(1, len(ordered))
            if ordered[index][2:4] == ordered[index - 1][2:4]
        ]
        if ties:
            extraction._order_ties(ordered, ties)
        assert ordered == expected


def test_calls_tied_on_position_callee_and_receiver_come_out_in_one_order() -> None:
    # A broken tree can nest two calls at one position whose callee texts, cut at 120
    # characters, are the same (Effect's Schema.ts, read wholly as an error): the argument
    # count and the flags decide, so every extraction of a file gives the same rows.
    tied = [
        CallSite("`…", None, 4, 2, count, awaited, constructor, None)
        for count in (1, 3)
        for awaited in (False, True)
        for constructor in (False, True)
    ]
    outcomes = set()
    for arrangement in itertools.permutations(tied[:4]):
        ordered = [CallSite("g", None, 1, 1, 0, False, False, None), *arrangement]
        extraction._order_ties(ordered, [2, 3, 4])
        outcomes.add(tuple(ordered))
    assert len(outcomes) == 1
    rng = random.Random(11)
    for _ in range(50):
        shuffled = rng.sample(tied, len(tied))
        extraction._order_ties(shuffled, list(range(1, len(tied))))
        assert shuffled == sorted(tied, key=lambda site: (site.arg_count, site[5:7]))


def _literals_one_by_one(
    items: list[StringLiteral], spans: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[StringLiteral]:
    """Each call argument against the span that starts last at or before it."""
    found = []
    for item in items:
        where = (item.line, item.column)
        started = [span for span in spans if span[0] <= where]
        inside = item.context == "function_argument" and started and where < started[-1][1]
        found.append(item._replace(context="decorator") if inside else item)
    return found


def test_literals_in_decorators_match_a_check_per_literal() -> None:
    rng = random.Random(11)
    for _ in range(300):
        positions = sorted({(rng.randint(1, 6), rng.randint(1, 6)) for _ in range(10)})
        items = [
            StringLiteral("v", line, column, rng.choice(["function_argument", "assignment"]))
            for line, column in positions
        ]
        spans = []
        for _ in range(rng.randint(0, 4)):
            start = (rng.randint(1, 6), rng.randint(1, 6))
            spans.append((start, (start[0] + rng.randint(0, 2), rng.randint(1, 6))))
        spans.sort()
        expected = _literals_one_by_one(items, spans)
        assert list(extraction._literals(list(items), spans)) == expected


@pytest.mark.parametrize(
    "source",
    [b"x = 'plain', \"two\", r'\\\\', '''three'''\n", "é = 'ü', 'x'\n".encode(), b"'\xff', 'ok'\n"],
)
def test_source_text_reads_like_the_node_readings(source: bytes) -> None:
    tree = parse_tree(source, "python")
    file = SourceText(source, clean=not tree.root_node.has_error)
    query = Query(ts_language("python"), "(string) @node (identifier) @node")
    nodes: list[Node] = QueryCursor(query).captures(tree.root_node)["node"]
    assert nodes
    for node in nodes:
        assert file.text(node) == text(node, source)
        assert file.inner_value(node) == inner_value(node, source)


@pytest.mark.parametrize(
    ("grammar", "source", "expected"),
    [
        ("javascript", b"h(/* none */);\nf(a, // last\n);\ng(a, /* why */ b);\n", [0, 1, 2]),
        (
            "java",
            b"class A { void f() { h(/* none */); g(a, /* why */ b); k(a / 2, b); } }",
            [0, 2, 2],
        ),
        ("python", b"h(  # nothing\n)\nf(a,  # c\n  b)\nk(a / 2)\n", [0, 2, 1]),
        ("go", b"package a\nfunc f() { h(/* none */); g(a, b) }\n", [0, 2]),
    ],
)
def test_a_comment_alone_in_the_arguments_is_no_argument(
    grammar: str, source: bytes, expected: list[int]
) -> None:
    # A lone comment keeps the 2n + 1 children that n arguments have: the count cannot tell.
    result = extraction.extract(parse_tree(source, grammar), source, grammar)
    assert [call.arg_count for call in result.calls] == expected
