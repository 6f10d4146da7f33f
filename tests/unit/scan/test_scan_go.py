"""Go extraction on small snippets: exact results."""

from __future__ import annotations

import textwrap

from drift.scan import ParseResult, parse_source
from drift.scan.model import Export, Import, Parameter

SOURCE = textwrap.dedent(
    """\
    package server

    import "fmt"
    import (
    \tlog "github.com/acme/log"
    \t. "strings"
    \t_ "embed"
    )

    type Server struct {
    \tBase
    \tName string
    }

    type Handler interface {
    \tio.Reader
    \tServe() error
    }

    func (s *Server) Start(port int, opts ...string) (int, error) {
    \tdefer func() {
    \t\tif r := recover(); r != nil {
    \t\t\tlog.Println(r)
    \t\t}
    \t}()
    \tvalue, err := strconv.Atoi("42")
    \tif err != nil {
    \t\treturn 0, fmt.Errorf("start: %w", err)
    \t}
    \tif err != nil {
    \t}
    \tif readErr != nil {
    \t\tlog.Print("ignored")
    \t}
    \tcfg := Config{Name: "main", Port: 8080}
    \tpanic(-1)
    }

    func helper(a, b int) {}

    func Exported() {}
    """
)


def parsed() -> ParseResult:
    return parse_source(SOURCE.encode(), "go")


def test_package_functions_and_methods() -> None:
    result = parsed()
    assert result.package == "server"
    rows = [
        (f.name, f.qualified_name, f.line, f.end_line, f.is_method, f.class_name, f.is_exported)
        for f in result.functions
    ]
    assert rows == [
        ("Start", "Server.Start", 20, 37, True, "Server", True),
        ("helper", "helper", 39, 39, False, None, False),
        ("Exported", "Exported", 41, 41, False, None, True),
    ]
    start, helper, _ = result.functions
    assert start.parameters == (
        Parameter("port", "int", None, False),
        Parameter("opts", "string", None, True),
    )
    assert start.return_type == "(int, error)"
    assert helper.parameters == (
        Parameter("a", "int", None, False),
        Parameter("b", "int", None, False),
    )


def test_structs_and_interfaces() -> None:
    rows = [(c.name, c.kind, c.line, c.bases, c.methods, c.is_exported) for c in parsed().classes]
    assert rows == [
        ("Server", "struct", 10, ("Base",), ("Start",), True),
        ("Handler", "interface", 15, ("io.Reader",), (), True),
    ]


def test_imports_and_exports() -> None:
    result = parsed()
    assert result.imports == (
        Import("fmt", 3, (), None, False, False),
        Import("github.com/acme/log", 5, (), "log", False, False),
        Import("strings", 6, (), None, True, False),
        Import("embed", 7, (), "_", False, False),
    )
    assert result.exports == (
        Export("Server", 10, False, False, None),
        Export("Handler", 15, False, False, None),
        Export("Exported", 41, False, False, None),
    )


def test_calls() -> None:
    rows = [(c.callee, c.receiver, c.line, c.arg_count, c.caller) for c in parsed().calls]
    assert rows == [
        ("<anonymous>", None, 21, 0, "Server.Start"),
        ("recover", None, 22, 0, "Server.Start"),
        ("Println", "log", 23, 1, "Server.Start"),
        ("Atoi", "strconv", 26, 1, "Server.Start"),
        ("Errorf", "fmt", 28, 2, "Server.Start"),
        ("Print", "log", 33, 1, "Server.Start"),
        ("panic", None, 36, 1, "Server.Start"),
    ]


def test_literals() -> None:
    result = parsed()
    assert [(s.value, s.line, s.context) for s in result.strings] == [
        ("42", 26, "function_argument"),
        ("start: %w", 28, "function_argument"),
        ("ignored", 33, "function_argument"),
        ("main", 35, "object_property"),
    ]  # import paths are not values
    assert [(n.raw, n.value, n.line, n.context) for n in result.numbers] == [
        ("0", 0, 28, "return"),
        ("8080", 8080, 35, "object_property"),
        ("-1", -1, 36, "function_argument"),
    ]


def test_error_checks_recover_and_panic() -> None:
    rows = [
        (h.kind, h.line, h.variable, h.is_empty, h.is_generic, h.rethrows, h.swallows)
        for h in parsed().error_handlers
    ]
    assert rows == [
        ("recover", 22, "r", False, True, False, False),
        ("error_check", 27, "err", False, False, True, False),
        ("error_check", 30, "err", True, False, False, True),
        ("error_check", 32, "readErr", False, False, False, True),
        ("throw", 36, None, False, False, False, False),
    ]


def test_a_recover_that_panics_again_rethrows() -> None:
    # ``encoding/json``: its own errors are handled, any other value panics again.
    source = b"""package json

func (e *encodeState) marshal(v any) (err error) {
\tdefer func() {
\t\tif r := recover(); r != nil {
\t\t\tif je, ok := r.(jsonError); ok {
\t\t\t\terr = je.error
\t\t\t} else {
\t\t\t\tpanic(r)
\t\t\t}
\t\t}
\t}()
\tdefer func() {
\t\tif err := recover(); err != nil {
\t\t\tpanic("unrelated")
\t\t}
\t}()
\treturn nil
}
"""
    rows = [
        (h.kind, h.line, h.variable, h.rethrows)
        for h in parse_source(source, "go").error_handlers
        if h.kind == "recover"
    ]
    assert rows == [("recover", 5, "r", True), ("recover", 14, "err", False)]


def test_a_test_that_asserts_the_recovered_panic_passes_it_on() -> None:
    # chi's, cobra's and logrus's "expect a panic" tests (13 of their 17 violations): the
    # recovered value, or whether there was one, decides a test failure. A recover that only
    # logs, one outside a test function and a test's recover that fails nothing stay catch-alls.
    source = b"""package x

func TestNil(t *testing.T) {
\tdefer func() {
\t\tif recover() == nil {
\t\t\tt.Error("expected panic")
\t\t}
\t}()
\tMustPositive(-1)
}

func TestValue(t *testing.T) {
\tdefer func() {
\t\tif r := recover(); r != "negative" {
\t\t\tt.Fatalf("got %v", r)
\t\t}
\t}()
}

func TestAssert(t *testing.T) {
\tdefer func() {
\t\tp := recover()
\t\tassert.NotNil(t, p)
\t}()
}

func TestTable(t *testing.T) {
\tt.Run("x", func(tt *testing.T) {
\t\tdefer func() {
\t\t\tif r := recover(); want != fmt.Sprintf("%v", r) {
\t\t\t\ttt.Errorf("recovered %v", r)
\t\t\t}
\t\t}()
\t})
}

func TestLater(b *testing.B) {
\tdefer func() {
\t\tr := recover()
\t\tif r == nil {
\t\t\trequire.Fail(b, "no panic")
\t\t}
\t}()
}

func TestLogs(t *testing.T) {
\tdefer func() {
\t\tif r := recover(); r != nil {
\t\t\tt.Log(r)
\t\t}
\t}()
}

func TestOther(t *testing.T) {
\tdefer func() {
\t\tr := recover()
\t\tif done {
\t\t\tt.Error("done")
\t\t}
\t\tassert.True(t, ok)
\t}()
}

func (s *Suite) TestSuite() {
\tdefer func() {
\t\ts.Require().NotNil(recover())
\t}()
}

func run(t *Task) {
\tdefer func() {
\t\tif recover() == nil {
\t\t\tt.Error("x")
\t\t}
\t}()
}

func safe() {
\tdefer func() {
\t\trecover()
\t}()
}
"""
    rows = [
        (h.line, h.rethrows)
        for h in parse_source(source, "go").error_handlers
        if h.kind == "recover"
    ]
    assert rows == [
        (5, True),
        (14, True),
        (22, True),
        (30, True),  # a subtest's own ``*testing.T``
        (39, True),  # read later in the deferred function
        (48, False),  # logs, fails nothing
        (56, False),  # the value decides nothing
        (66, True),  # testify's suite
        (72, False),  # not a test: ``t`` is a task
        (80, False),
    ]


def test_a_goto_to_a_label_that_handles_the_error_hands_it_on() -> None:
    # go-playground/validator's translations: ``if err != nil { goto END }`` jumps to
    # ``END: if err != nil { fmt.Printf(…, err) … }``, where the error is handled. A jump to a
    # label whose statements never read it, or to a label of another function, drops it.
    source = b"""package en

func translate(ut Translator) string {
\tvar err error
\tvar t string
\tt, err = ut.T("len")
\tif err != nil {
\t\tgoto END
\t}
\tt, err = ut.T("max")
END:
\tif err != nil {
\t\tfmt.Printf("warning: %s", err)
\t}
\treturn t
}

func skip(ut Translator) string {
\tt, err := ut.T("min")
\tif err != nil {
\t\tgoto DONE
\t}
\tfunc() {
\tDONE:
\t\tlog.Print(err)
\t}()
\tif t == "" {
\t\tgoto OUT
\t}
OUT:
\treturn t
}

func other(ut Translator) string {
\tt, err := ut.T("min")
\tif err != nil {
\t\tgoto OUT
\t}
OUT:
\treturn t
}
"""
    rows = [
        (h.line, h.rethrows, h.swallows)
        for h in parse_source(source, "go").error_handlers
        if h.kind == "error_check"
    ]
    assert rows == [(7, True, False), (12, False, False), (20, False, True), (36, False, True)]


def test_the_build_constraint_above_the_package_clause_is_kept() -> None:
    def constraint(source: str) -> str | None:
        return parse_source(source.encode(), "go").build_constraint

    assert constraint("//go:build linux && !purego\n\npackage p\n") == "linux && !purego"
    # Below a licence in a block comment and line comments.
    assert constraint("/*\n * Licence\n */\n// Doc.\n//go:build ignore\n\npackage main\n") == (
        "ignore"
    )
    # The older form: options or-ed, comma terms and-ed, lines and-ed.
    assert constraint("// +build linux,amd64 darwin\n// +build !purego\n\npackage p\n") == (
        "((linux && amd64) || (darwin)) && ((!purego))"
    )
    # ``//go:build`` wins over ``// +build`` lines beside it.
    assert constraint("//go:build go1.18\n// +build go1.18\n\npackage p\n") == "go1.18"
    # Below the package clause a comment is no constraint; nor is ``//go:buildx``.
    assert constraint("package p\n\n//go:build ignore\n") is None
    assert constraint("//go:buildx linux\n\npackage p\n") is None
    # Other languages have none.
    assert parse_source(b"# go:build\nx = 1\n", "python").build_constraint is None


def test_functions_passed_as_values_are_references_not_calls() -> None:
    source = textwrap.dedent(
        """\
        package chi

        import "github.com/spf13/cobra"

        func (mx *Mux) updateRouteHandler(next Handler) {
        \tmx.handler = chain(mx.middlewares, http.HandlerFunc(mx.routeHTTP))
        \tr.Use(RealIP, next)
        \th := RealIP(next)
        \tr.Use(h)
        \tcmd := &cobra.Command{Use: "x", Args: cobra.NoArgs, Run: emptyRun}
        \tfor _, m := range mws {
        \t\tr.Use(m)
        \t}
        }
        """
    )
    result = parse_source(source.encode(), "go")
    rows = [(r.callee, r.receiver, r.line, r.caller, r.receiver_type) for r in result.references]
    # A parameter (``next``) and the function's variables (``h``, ``m``) name no function.
    assert rows == [
        ("middlewares", "mx", 6, "Mux.updateRouteHandler", "Mux"),
        ("routeHTTP", "mx", 6, "Mux.updateRouteHandler", "Mux"),
        ("RealIP", None, 7, "Mux.updateRouteHandler", None),
        ("NoArgs", "cobra", 10, "Mux.updateRouteHandler", None),
        ("emptyRun", None, 10, "Mux.updateRouteHandler", None),
    ]
    assert "routeHTTP" not in {c.callee for c in result.calls}


def test_a_fallback_for_the_failed_calls_own_result_swallows_nothing() -> None:
    # mux's ``getRouteTemplate``: ``host, err := route.GetHostTemplate(); if err != nil { host =
    # "none" }`` gives the value the call could not, as Python's ``except KeyError: x = None``
    # does. Assigning anything else (a flag, a field, a new local), doing anything else, or a
    # result of another statement than the failed one, still drops the error.
    source = b"""package mux

func template(route *Route) string {
\thost, err := route.GetHostTemplate()
\tif err != nil {
\t\thost = "none"
\t}
\t// the path
\tpath, n, err := route.GetPathTemplate()
\tif err != nil {
\t\tpath, n = "none", 0
\t}
\tvar port int
\tport, err = route.Port()
\tif err != nil {
\t\tport = 80
\t\tfailed = true
\t}
\tscheme, err := route.Scheme()
\tif err != nil {
\t\troute.scheme = "http"
\t}
\tuser, err := route.User()
\tif err != nil {
\t\tuser := "nobody"
\t\t_ = user
\t}
\tpass, err := route.Pass()
\tif err != nil {
\t\tlog.Print("no pass")
\t}
\tother := route.Other()
\tif err := route.Check(); err != nil {
\t\tother = "x"
\t}
\tif err != nil {
\t\thost = "again"
\t}
\tq, err := route.Query()
\tif err != nil {
\t\tq = ""
\t\tq = "a"
\t\tq = "b"
\t\tq = "c"
\t}
\treturn host + path + scheme + user + pass + other + q
}
"""
    rows = [
        (h.line, h.rethrows, h.swallows)
        for h in parse_source(source, "go").error_handlers
        if h.kind == "error_check"
    ]
    assert rows == [
        (5, False, False),
        (10, False, False),  # both results the call failed to give
        (15, False, True),  # a flag beside the fallback
        (20, False, True),  # a field
        (24, False, True),  # a new local of the block
        (29, False, True),  # no assignment at all
        (33, False, True),  # a variable the failing call did not give
        (36, False, True),  # no statement that set the error just above
        (40, False, True),  # more than three statements
    ]
