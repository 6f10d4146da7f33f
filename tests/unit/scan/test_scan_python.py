"""Python extraction on small snippets: exact functions, classes, imports, calls, literals."""

from __future__ import annotations

import textwrap

from drift.scan import ParseResult, parse_source
from drift.scan.model import Decorator, Export, Import, ImportedName, Parameter

SOURCE = textwrap.dedent(
    '''\
    """Module docstring."""
    import os.path as osp, sys
    from . import sibling
    from ..pkg.mod import (first as one, second)
    from helpers import *

    @app.route("/items", methods=["GET"])
    @staticmethod
    async def fetch_items(self, limit: int = 10, *args, key, flag: bool = False, **extra) -> list:
        """Return items."""
        try:
            rows = await db.query(limit, key=key)
        except (ValueError, KeyError) as error:
            raise
        except:
            pass
        finally:
            log.debug(f"done {limit}", "tail")
        return rows

    class Repository(Base, metaclass=Meta):
        def get(self, /, item_id, *, default=None):
            return self.store.get(item_id, default)

        def _load(self):
            try:
                return read()
            except Exception as exc:
                report(exc)
            except OSError:
                return None

    def outer():
        def inner():
            raise ValueError("bad") from None
        inner()
        return -1, 0x1F, 1_000, 2.5e3, 3j

    __all__ = ["fetch_items", "Repository"]
    '''
)


def parsed() -> ParseResult:
    return parse_source(SOURCE.encode(), "python")


def test_functions_have_names_lines_and_flags() -> None:
    rows = [
        (f.name, f.qualified_name, f.line, f.end_line, f.column, f.is_async, f.is_method)
        for f in parsed().functions
    ]
    assert rows == [
        ("fetch_items", "fetch_items", 9, 19, 11, True, False),
        ("get", "Repository.get", 22, 23, 9, False, True),
        ("_load", "Repository._load", 25, 31, 9, False, True),
        ("outer", "outer", 33, 37, 5, False, False),
        ("inner", "outer.inner", 34, 35, 9, False, False),
    ]


def test_parameters_decorators_and_return_type() -> None:
    fetch = parsed().functions[0]
    assert fetch.parameters == (
        Parameter("self", None, None, False),
        Parameter("limit", "int", "10", False),
        Parameter("args", None, None, True),
        Parameter("key", None, None, False),
        Parameter("flag", "bool", "False", False),
        Parameter("extra", None, None, True),
    )
    assert fetch.return_type == "list"
    assert fetch.decorators == (
        Decorator("app.route", '"/items", methods=["GET"]', 7),
        Decorator("staticmethod", None, 8),
    )
    get = parsed().functions[1]
    assert [p.name for p in get.parameters] == ["self", "item_id", "default"]
    assert get.class_name == "Repository"


def test_exports_follow_dunder_all() -> None:
    result = parsed()
    assert result.exports == (
        Export("fetch_items", 39, False, False, None),
        Export("Repository", 39, False, False, None),
    )
    exported = {f.qualified_name: f.is_exported for f in result.functions}
    assert exported == {
        "fetch_items": True,
        "Repository.get": True,
        "Repository._load": False,
        "outer": False,  # public, but not listed in __all__
        "outer.inner": False,
    }


def test_exports_without_dunder_all_are_public_top_level_names() -> None:
    source = b"def visible(): pass\ndef _hidden(): pass\nclass Shown: pass\n"
    result = parse_source(source, "python")
    assert [e.name for e in result.exports] == ["visible", "Shown"]


def test_classes() -> None:
    (repository,) = parsed().classes
    assert repository.name == "Repository"
    assert (repository.line, repository.end_line, repository.kind) == (21, 31, "class")
    assert repository.bases == ("Base",)
    assert repository.methods == ("get", "_load")
    assert repository.is_exported


def test_imports() -> None:
    assert parsed().imports == (
        Import("os.path", 2, (), "osp", False, False),
        Import("sys", 2, (), None, False, False),
        Import(".", 3, (ImportedName("sibling", None),), None, False, False),
        Import(
            "..pkg.mod",
            4,
            (ImportedName("first", "one"), ImportedName("second", None)),
            None,
            False,
            False,
        ),
        Import("helpers", 5, (), None, True, False),
    )


def test_calls_with_receivers_callers_and_await() -> None:
    rows = [
        (c.callee, c.receiver, c.line, c.arg_count, c.is_awaited, c.caller) for c in parsed().calls
    ]
    assert rows == [
        # A decorator's application: ``@app.route(…)`` calls what ``app.route(…)`` returns, and
        # ``@staticmethod`` calls ``staticmethod``, each with the decorated function.
        ("__call__", 'app.route("/items", methods=["GET"])', 7, 1, False, None),
        ("route", "app", 7, 2, False, None),
        ("staticmethod", None, 8, 1, False, None),
        ("query", "db", 12, 2, True, "fetch_items"),
        ("debug", "log", 18, 2, False, "fetch_items"),
        ("get", "self.store", 23, 2, False, "Repository.get"),
        ("read", None, 27, 0, False, "Repository._load"),
        ("report", None, 29, 1, False, "Repository._load"),
        ("ValueError", None, 35, 1, False, "outer.inner"),
        ("inner", None, 36, 0, False, "outer"),
    ]


def test_string_literals_with_context() -> None:
    rows = [(s.value, s.line, s.context) for s in parsed().strings]
    assert rows == [
        ("Module docstring.", 1, "docstring"),
        ("/items", 7, "decorator"),
        ("GET", 7, "array"),
        ("Return items.", 10, "docstring"),
        ("done {limit}", 18, "function_argument"),
        ("tail", 18, "function_argument"),
        ("bad", 35, "function_argument"),
        ("fetch_items", 39, "array"),
        ("Repository", 39, "array"),
    ]


def test_number_literals_with_values() -> None:
    rows = [(n.raw, n.value, n.line, n.context) for n in parsed().numbers]
    assert rows == [
        ("10", 10, 9, "unknown"),
        ("-1", -1, 37, "return"),
        ("0x1F", 31, 37, "return"),
        ("1_000", 1000, 37, "return"),
        ("2.5e3", 2500.0, 37, "return"),
        ("3j", None, 37, "return"),
    ]


def test_error_handlers() -> None:
    rows = [
        (
            h.kind,
            h.line,
            h.function,
            h.types,
            h.variable,
            h.is_empty,
            h.is_generic,
            h.rethrows,
            h.swallows,
        )
        for h in parsed().error_handlers
    ]
    assert rows == [
        (
            "except",
            13,
            "fetch_items",
            ("ValueError", "KeyError"),
            "error",
            False,
            False,
            True,
            False,
        ),
        ("throw", 14, "fetch_items", (), None, False, False, False, False),
        ("except", 15, "fetch_items", (), None, True, True, False, True),
        ("finally", 17, "fetch_items", (), None, False, False, False, False),
        # ``report(exc)`` hands the error it caught to a call: passed on, as a re-raise
        ("except", 28, "Repository._load", ("Exception",), "exc", False, True, True, False),
        ("except", 30, "Repository._load", ("OSError",), None, False, False, False, True),
        ("throw", 35, "outer.inner", ("ValueError",), None, False, False, False, False),
    ]


def test_raise_in_a_nested_function_is_not_a_rethrow() -> None:
    source = textwrap.dedent(
        """\
        def f():
            try:
                work()
            except KeyError:
                def later():
                    raise
                return later
        """
    ).encode()
    (handler, _throw) = parse_source(source, "python").error_handlers
    assert handler.kind == "except"
    assert not handler.rethrows
    assert handler.swallows


def test_clean_file_has_no_errors() -> None:
    result = parsed()
    assert (result.error_count, result.error, result.parse_errors) == (0, None, ())
    assert result.line_count == 39
    assert (result.language, result.grammar, result.package) == ("python", "python", None)


def test_syntax_errors_are_counted_and_extraction_goes_on() -> None:
    source = b"def good():\n    return 1\n\ndef broken(:\n    pass\n\ndef after():\n    return 2\n"
    result = parse_source(source, "python")
    assert result.error_count == len(result.parse_errors) >= 1
    assert result.error is not None
    assert result.error.startswith(f"{result.error_count} syntax error")
    assert result.parse_errors[0].line == 4
    assert {"good", "after"} <= {f.name for f in result.functions}


def test_a_string_right_after_an_assignment_is_its_attribute_docstring() -> None:
    source = textwrap.dedent(
        '''
        TIMEOUT = 30
        """Seconds before a request gives up."""

        class Config:
            retries: int = 3
            """How often to try again."""

        setup()
        "not a docstring: it follows a call"
        '''
    ).lstrip()
    result = parse_source(source.encode(), "python")
    assert [(s.value, s.line, s.context) for s in result.strings] == [
        ("Seconds before a request gives up.", 2, "docstring"),
        ("How often to try again.", 6, "docstring"),
        ("not a docstring: it follows a call", 9, "unknown"),
    ]


def test_functions_passed_as_values_are_references_not_calls() -> None:
    source = textwrap.dedent(
        """
        import atexit, functools, signal, threading
        from .base import Base, Meta
        from .jobs import cleanup as tidy

        def handler(signum, frame): ...

        class Worker(Base, metaclass=Meta):
            def start(self, xs, callback):
                found = sorted(xs, key=self._key)
                converted = map(self._convert, xs)
                threading.Thread(target=self._run).start()
                atexit.register(tidy)
                signal.signal(signal.SIGINT, handler)
                functools.partial(handler, 1)
                total = 3
                use(total, callback, xs, len, self)
                alias = handler
                use(alias)

        atexit.register(handler)

        class Wrapped(wrap(handler), Base):
            pass
        """
    ).lstrip()
    result = parse_source(source.encode(), "python")
    rows = [
        (r.callee, r.receiver, r.line, r.caller, r.receiver_type, r.arg_count)
        for r in result.references
    ]
    # A parameter (``callback``), a variable (``total``), a builtin (``len``) and ``self``
    # name no function; the bases in ``class Worker(Base, …)``, imported names, are no call's
    # arguments.
    assert rows == [
        ("_key", "self", 9, "Worker.start", None, 0),
        ("_convert", "self", 10, "Worker.start", None, 0),
        ("_run", "self", 11, "Worker.start", None, 0),
        ("tidy", None, 12, "Worker.start", None, 0),
        ("SIGINT", "signal", 13, "Worker.start", None, 0),
        ("handler", None, 13, "Worker.start", None, 0),
        ("handler", None, 14, "Worker.start", None, 0),
        ("alias", None, 18, "Worker.start", "=handler", 0),
        ("handler", None, 20, None, None, 0),
        ("handler", None, 22, None, None, 0),  # passed to a call among the bases
    ]
    # None of them is a call: what reads calls never sees them.
    assert {(c.callee, c.line) for c in result.calls}.isdisjoint(
        (r.callee, r.line) for r in result.references
    )


def test_a_class_body_s_own_names_are_its_shadows() -> None:
    source = textwrap.dedent(
        """
        class Codec(codecs.Codec):
            encode = codec.encode
            __hash__ = None
            size: int

            def decode(self, data):
                self.state = 0
                return data

            decode_alias = decode
        """
    ).lstrip()
    (cls,) = parse_source(source.encode(), "python").classes
    # Not ``decode`` (a method of its own) nor ``state`` (an instance's).
    assert cls.shadows == ("__hash__", "decode_alias", "encode", "size")
