"""Java extraction on small snippets: exact results."""

from __future__ import annotations

import textwrap

from drift.scan import ParseResult, parse_source
from drift.scan.model import (
    LAMBDA,
    NUMBER,
    RESULT_OF,
    Decorator,
    Export,
    Import,
    ImportedName,
    Parameter,
)

SOURCE = textwrap.dedent(
    """\
    package com.acme.app;

    import java.util.List;
    import java.util.*;
    import static org.junit.Assert.assertEquals;

    @Service
    public class UserService extends BaseService implements Runnable, Closeable {
        private static final int LIMIT = -10;

        public UserService(String name) {
            super(name);
        }

        @Override
        @Route(path = "/users", method = "GET")
        public List<String> findAll(int limit, String... names) throws IOException {
            try {
                repo.load("users", 1L, 2.5f);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException(e);
            } catch (Exception e) {
            } finally {
                close();
            }
            return new ArrayList<>();
        }

        void internal() {}

        interface Listener { void changed(); }
    }

    enum Color { RED }

    record Point(int x, int y) {}
    """
)


def parsed() -> ParseResult:
    return parse_source(SOURCE.encode(), "java")


def test_package_and_methods() -> None:
    result = parsed()
    assert result.package == "com.acme.app"
    rows = [
        (f.name, f.qualified_name, f.line, f.end_line, f.class_name, f.is_exported, f.return_type)
        for f in result.functions
    ]
    assert rows == [
        ("UserService", "UserService.UserService", 11, 13, "UserService", True, None),
        ("findAll", "UserService.findAll", 17, 27, "UserService", True, "List<String>"),
        ("internal", "UserService.internal", 29, 29, "UserService", False, "void"),
        # an interface member is public, but this interface is package-private
        ("changed", "UserService.Listener.changed", 31, 31, "Listener", False, "void"),
    ]
    find_all = result.functions[1]
    assert find_all.parameters == (
        Parameter("limit", "int", None, False),
        Parameter("names", "String", None, True),
    )
    assert find_all.decorators == (
        Decorator("Override", None, 15),
        Decorator("Route", 'path = "/users", method = "GET"', 16),
    )


def test_types() -> None:
    rows = [
        (c.name, c.kind, c.line, c.bases, c.decorators, c.is_exported) for c in parsed().classes
    ]
    assert rows == [
        (
            "UserService",
            "class",
            8,
            ("BaseService", "Runnable", "Closeable"),
            (Decorator("Service", None, 7),),
            True,
        ),
        ("Listener", "interface", 31, (), (), False),
        ("Color", "enum", 34, (), (), False),
        ("Point", "record", 36, (), (), False),
    ]


def test_imports_and_exports() -> None:
    result = parsed()
    assert result.imports == (
        Import("java.util", 3, (ImportedName("List", None),), None, False, True),  # types only
        Import("java.util", 4, (), None, True, True),
        Import("org.junit.Assert", 5, (ImportedName("assertEquals", None),), None, False, False),
    )
    assert result.exports == (Export("UserService", 8, False, False, None),)


def test_calls() -> None:
    rows = [
        (c.callee, c.receiver, c.line, c.arg_count, c.is_constructor, c.caller)
        for c in parsed().calls
    ]
    assert rows == [
        # ``super(name)``: the superclass's constructor, which the call graph finds
        ("super", None, 12, 1, True, "UserService.UserService"),
        ("load", "repo", 19, 3, False, "UserService.findAll"),
        ("IllegalStateException", None, 21, 1, True, "UserService.findAll"),
        ("close", None, 24, 0, False, "UserService.findAll"),
        ("ArrayList", None, 26, 0, True, "UserService.findAll"),
    ]


def test_literals() -> None:
    result = parsed()
    assert [(s.value, s.line, s.context) for s in result.strings] == [
        ("/users", 16, "decorator"),
        ("GET", 16, "decorator"),
        ("users", 19, "function_argument"),
    ]
    assert [(n.raw, n.value, n.line, n.context) for n in result.numbers] == [
        ("-10", -10, 9, "assignment"),
        ("1L", 1, 19, "function_argument"),
        ("2.5f", 2.5, 19, "function_argument"),
    ]


def test_handlers() -> None:
    rows = [
        (h.kind, h.line, h.types, h.variable, h.is_empty, h.is_generic, h.rethrows, h.swallows)
        for h in parsed().error_handlers
    ]
    assert rows == [
        ("catch", 20, ("IOException", "UncheckedIOException"), "e", False, False, True, False),
        ("throw", 21, ("IllegalStateException",), None, False, False, False, False),
        ("catch", 22, ("Exception",), "e", True, True, False, True),
        ("finally", 23, (), None, False, False, False, False),
    ]


def test_comments_are_neither_statements_nor_arguments() -> None:
    # Java names its comments line_comment and block_comment, not comment.
    source = textwrap.dedent(
        """\
        class Closer {
            void close() {
                try {
                    channel.close();
                } catch (Exception ex) {
                    // Problems closing the stream.  Punt.
                }
                try {
                    channel.close();
                } catch (Exception ex) { /* ignored */ }
                log(level, /* the message */ text);
            }
        }
        """
    ).encode()
    result = parse_source(source, "java")
    catches = [h for h in result.error_handlers if h.kind == "catch"]
    assert [(h.line, h.is_empty) for h in catches] == [(5, True), (10, True)]
    assert [(c.callee, c.arg_count) for c in result.calls if c.callee == "log"] == [("log", 2)]


def test_an_enum_constants_body_is_a_class_named_by_the_constant() -> None:
    # java.time's ``IsoFields.Field``: each constant's ``isSupportedBy`` had been one more
    # ``Field.isSupportedBy``, and the calls in every body reached the first constant's.
    source = textwrap.dedent(
        """\
        enum Op {
            PLUS {
                int apply(int a) { return helper(a); }
                int helper(int a) { return a; }
            },
            ZERO;
            int apply(int a) { return 0; }
            static final Object EMPTY = new Object() {
                public String toString() { return ""; }
            };
        }
        """
    ).encode()
    result = parse_source(source, "java")
    assert [(f.qualified_name, f.class_name, f.is_method) for f in result.functions] == [
        ("Op.PLUS.apply", "PLUS", True),
        ("Op.PLUS.helper", "PLUS", True),
        ("Op.apply", "Op", True),
        ("Op.EMPTY.toString", None, False),  # a field's anonymous class: of no class
    ]
    assert [(c.name, c.methods) for c in result.classes] == [("Op", ("apply",))]
    assert [(c.callee, c.caller) for c in result.calls] == [
        ("helper", "Op.PLUS.apply"),
        ("Object", None),
    ]


def _argument_types(source: str, callee: str) -> list[tuple[str, ...]]:
    result = parse_source(textwrap.dedent(source).encode(), "java")
    assert result.error_count == 0
    return [c.argument_types for c in result.calls if c.callee == callee]


def test_argument_types_of_expressions() -> None:
    # The JDK's java.time: ``LocalDate.of(y, ((qoy - 1) * 3) + 1, 1)`` reached ``of(int,
    # Month, int)`` and ``plus(millisToAdd / 1000, …)`` ``plus(long, TemporalUnit)``: an
    # argument that was no literal, variable or ``new`` had no type.
    source = """\
        class A {
            private final short month;
            private long[] times;
            void f(int q, long millis, int[] ymd, Object o, boolean b, String s, byte[] bs) {
                m((q - 1) * 3 + 1, millis / 1000, -q, ~millis, !b, ymd[0], times[q], ymd);
                m(new Class[]{o.getClass()}, new int[3][4], (q < 3), b ? 1 : 2, b ? s : null);
                m(q++, "a" + q, q + 1.5, q << 2, millis & 3, b && b, o instanceof A, A.class);
                m(month, (month), bs.length, bs, (byte[]) o, s = null, q + o, b ? q : o);
                m(A::new, x -> x, this::f);
            }
        }
        """
    assert _argument_types(source, "m") == [
        ("int", "long", "int", "long", "boolean", "int", "long", "int[]"),
        ("Class[]", "int[][]", "boolean", "int", "String"),
        ("int", "String", "double", "int", "long", "boolean", "boolean", "Class"),
        ("short", "short", "int", "byte[]", "byte[]", "String", "", ""),
        (LAMBDA, LAMBDA, LAMBDA),
    ]


def test_argument_types_of_arrays_and_of_numbers_of_unknown_width() -> None:
    # bsh's ``BshClassPath``: ``map(urls)`` with ``URL[] urls`` read ``URL`` and reached
    # ``map(URL)``; an array's brackets, on its type or its name, stay.
    source = """\
        class A {
            void f(URL[] urls, int old[], String... names) {
                URL[] more = urls;
                int counts[] = null, n = 0;
                m(urls, names, old, more, counts, n, urls[0], x * 2, -x, x + 1);
            }
        }
        """
    assert _argument_types(source, "m") == [
        ("URL[]", "String[]", "int[]", "URL[]", "int[]", "int", "URL", NUMBER, NUMBER, ""),
    ]


def test_a_call_argument_names_the_call_whose_result_it_is() -> None:
    # java.time's ``now(Clock.system(zone))`` inside ``now(ZoneId)`` had reached itself: the
    # call graph reads the type the called method declares it returns.
    source = """\
        class A {
            static A now(Zone zone) {
                return now(Clock.system(zone));
            }
            void f() {
                m(a.b(1).c(), d(), new A().e());
            }
        }
        """
    assert _argument_types(source, "now") == [(f"{RESULT_OF}3:20:system",)]
    assert _argument_types(source, "m") == [
        (f"{RESULT_OF}6:11:c", f"{RESULT_OF}6:23:d", f"{RESULT_OF}6:28:e")
    ]


def test_method_references_are_references_not_calls() -> None:
    source = textwrap.dedent(
        """\
        package java.time;

        public final class LocalDate {
            private static final Comparator<LocalDate> ORDER = LocalDate::compareTo;

            public static LocalDate parse(CharSequence text, DateTimeFormatter formatter) {
                return formatter.parse(text, LocalDate::from);
            }

            Stream<String> names(List<Item> items) {
                return items.stream().map(this::name).map(Label::new).map(super::wrap);
            }

            int[][] grid(IntFunction<int[][]> make) {
                return make.apply(2, int[][]::new, java.util.Objects::requireNonNull);
            }
        }
        """
    )
    result = parse_source(source.encode(), "java")
    rows = [
        (r.callee, r.receiver, r.line, r.caller, r.is_constructor, r.receiver_type)
        for r in result.references
    ]
    # ``int[][]::new`` makes an array: no constructor of the repository.
    assert rows == [
        ("compareTo", "LocalDate", 4, None, False, None),
        ("from", "LocalDate", 7, "LocalDate.parse", False, None),
        ("name", "this", 11, "LocalDate.names", False, None),
        ("Label", None, 11, "LocalDate.names", True, None),
        ("wrap", "super", 11, "LocalDate.names", False, None),
        ("requireNonNull", "java.util.Objects", 15, "LocalDate.grid", False, None),
    ]
    assert {c.callee for c in result.calls}.isdisjoint({"from", "name", "wrap", "compareTo"})
