"""Environment-variable reads per language, defaults, framework prefixes and .env files."""

from __future__ import annotations

from drift.analysis.structure.env_variables import (
    dotenv_names,
    env_variables,
    framework_prefix,
    mark_defined_in_env,
)
from drift.analysis.structure.file_structure import documentation_lines
from drift.records.structural import EnvVariableRow
from tests.unit.structure.support import parse, source


def reads(path: str, text: str) -> list[tuple[str, int, str, bool, str | None]]:
    rows = env_variables(path, parse(path, text), source(text))
    assert all(r.file == path and r.id is None and not r.defined_in_env for r in rows)
    return [(r.name, r.line, r.access_method, r.has_default, r.framework_prefix) for r in rows]


def test_python_reads() -> None:
    text = """
    import os
    from os import environ, getenv

    HOME = os.environ["HOME"]
    DEBUG = os.environ.get("DEBUG", "0")
    LEVEL = os.getenv('LOG_LEVEL')
    REGION = getenv("REGION") or "eu"
    os.environ.setdefault("TZ", "UTC")
    USER = environ['USER']
    # os.getenv("COMMENTED_OUT")
    other = self.environ["NOT_THE_PROCESS"]
    name = os.environ[key]
    """
    assert reads("app.py", text) == [
        ("HOME", 4, "os.environ[]", False, None),
        ("DEBUG", 5, "os.environ.get", True, None),
        ("LOG_LEVEL", 6, "os.getenv", False, None),
        ("REGION", 7, "os.getenv", True, None),
        ("TZ", 8, "os.environ.setdefault", True, None),
        ("USER", 9, "os.environ[]", False, None),
    ]


def test_a_dict_named_environ_and_assignments_are_not_reads() -> None:
    # A WSGI handler's own `environ`, without `from os import environ`, is not the process's.
    wsgi = """
    import os

    def build(scope):
        environ = {"REQUEST_METHOD": scope["method"]}
        environ["SERVER_NAME"] = scope["server"][0]
        name = environ["SERVER_NAME"]
        os.environ["TESTING"] = "1"
        os.environ["TESTING"] == "1"
        return environ.get("PATH_INFO"), os.environ.get("HOME")
    """
    assert reads("wsgi.py", wsgi) == [
        ("TESTING", 8, "os.environ[]", False, None),  # compared: read; the line above sets it
        ("HOME", 9, "os.environ.get", False, None),
    ]
    assert reads("setup.js", 'process.env.NODE_ENV = "test";\nrun(process.env.NODE_ENV);\n') == [
        ("NODE_ENV", 2, "process.env", False, None),
    ]


def test_javascript_and_typescript_reads() -> None:
    text = """
    const url = process.env.NEXT_PUBLIC_API_URL ?? "http://localhost";
    const key = process.env["SECRET_KEY"];
    const { DB_HOST, DB_PORT = "5432" } = process.env;
    const mode = import.meta.env.VITE_MODE || "dev";
    """
    assert reads("config.ts", text) == [
        ("NEXT_PUBLIC_API_URL", 1, "process.env", True, "NEXT_PUBLIC_"),
        ("SECRET_KEY", 2, "process.env[]", False, None),
        ("DB_HOST", 3, "process.env", False, None),
        ("DB_PORT", 3, "process.env", True, None),
        ("VITE_MODE", 4, "import.meta.env", True, "VITE_"),
    ]


def test_a_read_written_in_a_string_is_a_message_not_a_read() -> None:
    # drizzle's planetscale driver shows the code to write in an error message.
    text = """
    const hint = "set process.env.IN_STRING first";
    const help = `connect({ host: process.env['DATABASE_HOST'] })`;
    const url = `https://${process.env.API_HOST}/v1`;
    const both = `${a}: process.env.AFTER_CLOSE`;
    """
    assert reads("driver.js", text) == [("API_HOST", 3, "process.env", False, None)]
    python = 'print("use os.environ[\'HOME\'] here")\nhome = os.getenv("HOME")\n'
    assert reads("p.py", "import os\n" + python) == [("HOME", 3, "os.getenv", False, None)]


def test_a_default_through_a_conversion_and_not_in_a_test() -> None:
    # commander's ``NO_COLOR || FORCE_COLOR === "0"`` is a test, not a default.
    text = """
    const workers = Number(process.env.WORKERS) || 4;
    const timeout = parseInt(process.env.TIMEOUT, 10) || 30;
    const level = process.env.LOG_LEVEL?.toLowerCase() || "info";
    const plain = process.env.NO_COLOR || process.env.FORCE_COLOR === "0";
    const bare = Number(process.env.PORT);
    """
    assert [(name, default) for name, _, _, default, _ in reads("env.js", text)] == [
        ("WORKERS", True),
        ("TIMEOUT", True),
        ("LOG_LEVEL", True),
        ("NO_COLOR", False),
        ("FORCE_COLOR", False),
        ("PORT", False),
    ]


def test_go_and_java_reads() -> None:
    go = """
    package main

    import "os"

    func main() {
        port := os.Getenv("PORT")
        token, ok := os.LookupEnv("TOKEN")
        _, _, _ = port, token, ok
    }
    """
    assert reads("main.go", go) == [
        ("PORT", 6, "os.Getenv", False, None),
        ("TOKEN", 7, "os.LookupEnv", False, None),
    ]
    java = """
    class Env {
        String home = System.getenv("HOME");
        String region = System.getenv().getOrDefault("REGION", "eu");
        String mode = Optional.ofNullable(System.getenv("MODE")).orElse("dev");
    }
    """
    assert reads("Env.java", java) == [
        ("HOME", 2, "System.getenv", False, None),
        ("REGION", 3, "System.getenv().getOrDefault", True, None),
        ("MODE", 4, "System.getenv", True, None),
    ]


def test_framework_prefixes() -> None:
    assert framework_prefix("REACT_APP_KEY") == "REACT_APP_"
    assert framework_prefix("PUBLIC_URL") == "PUBLIC_"
    assert framework_prefix("VITE_") is None
    assert framework_prefix("DATABASE_URL") is None


def test_dotenv_names_mark_rows_defined() -> None:
    names = dotenv_names("# comment\nDB_HOST=localhost\nexport TOKEN = abc\n\nBROKEN\n")
    assert names == frozenset({"DB_HOST", "TOKEN"})
    rows = [
        EnvVariableRow(None, "DB_HOST", "a.py", 1, "os.getenv", False, False, None, None),
        EnvVariableRow(None, "PORT", "a.py", 2, "os.getenv", False, False, None, None),
    ]
    marked = mark_defined_in_env(rows, names)
    assert [(r.name, r.defined_in_env) for r in marked] == [("DB_HOST", True), ("PORT", False)]


def test_files_without_reads_give_nothing() -> None:
    text = "def environment():\n    return {'env': 1}\n"
    assert env_variables("x.py", parse("x.py", text), text) == ()


def test_a_fallback_on_the_next_line_counts_and_a_docstring_example_is_no_read() -> None:
    # requests's CA bundle, and flask's ``from_envvar`` docstring.
    text = '''
    import os

    def bundle(verify):
        verify = (
            os.environ.get("REQUESTS_CA_BUNDLE")
            or os.environ.get("CURL_CA_BUNDLE")
        )
        return verify

    def from_envvar(name):
        """Load a file named by a variable::

            app.config.from_pyfile(os.environ['YOURAPPLICATION_SETTINGS'])
        """
        return os.environ[name]
    '''
    path = "config.py"
    parsed = parse(path, text)
    rows = env_variables(
        path, parsed, source(text), documentation=documentation_lines(parsed, source(text))
    )
    assert [(r.name, r.line, r.has_default) for r in rows] == [
        ("REQUESTS_CA_BUNDLE", 5, True),
        ("CURL_CA_BUNDLE", 6, False),
    ]


def test_unsetting_a_variable_is_no_read() -> None:
    # pino's tests: ``delete process.env.NODE_OPTIONS`` had been four reads.
    assert reads("t.js", "delete process.env.NODE_OPTIONS;\nconst a = process.env.A;\n") == [
        ("A", 2, "process.env", False, None)
    ]
    text = 'import os\ndel os.environ["TZ"]\nhome = os.environ["HOME"]\n'
    assert reads("t.py", text) == [("HOME", 3, "os.environ[]", False, None)]


def test_reads_through_another_name_of_os_environ() -> None:
    # rich: ``_environ: Mapping[str, str] = os.environ`` in ``Console``'s body, then
    # ``self._environ.get("TERM")``: ten terminal variables had been missed.
    text = (
        "import os\nfrom typing import Mapping\n\n\nclass Console:\n"
        "    _environ: Mapping[str, str] = os.environ\n\n    def f(self, other):\n"
        '        return self._environ.get("TERM"), self._environ["COLUMNS"], other.get("X")\n'
        "\n    def g(self):\n        environ = self._environ\n"
        '        return environ.get("FORCE_COLOR")\n'
        '\n\nenv = os.environ\nhome = env.get("HOME", "/")\n'
    )
    rows = env_variables("c.py", parse("c.py", text), text)
    assert [(r.name, r.line, r.access_method, r.has_default) for r in rows] == [
        ("TERM", 9, "os.environ.get", False),
        ("COLUMNS", 9, "os.environ[]", False),
        ("FORCE_COLOR", 13, "os.environ.get", False),  # through ``environ = self._environ``
        ("HOME", 17, "os.environ.get", True),
    ]
