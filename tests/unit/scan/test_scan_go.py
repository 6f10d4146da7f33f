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
