"""The packs shipped with Drift: they load, cover the required areas, and fire where they should."""

from __future__ import annotations

import pytest

from drift.analysis.packs import (
    CallSite,
    ErrorHandlerSite,
    FileFacts,
    FileFactsData,
    Pack,
    PatternMatch,
    PatternSpec,
    Site,
    check_unique_pattern_ids,
    evaluate_file,
    load_builtin_packs,
)
from drift.pipeline.facts import file_facts
from drift.scan import grammar_for_path, parse_source

REQUIRED = {"errors", "logging", "api", "security", "data_access", "testing", "naming"}
LANGUAGES = ("python", "javascript", "typescript", "go", "java")
LANGUAGE_EXTENSIONS = {
    "python": "a.py",
    "javascript": "a.js",
    "typescript": "a.ts",
    "go": "a.go",
    "java": "A.java",
}


def parsed_facts(path: str, text: str) -> FileFacts:
    """The facts the scan gives the packs for ``text`` at ``path``: extraction's calls, imports
    and literals, not only the text."""
    grammar = grammar_for_path(path)
    assert grammar is not None
    return file_facts(path, parse_source(text.encode(), grammar), text)


def builtin() -> dict[str, Pack]:
    return {pack.name: pack for pack in load_builtin_packs()}


def languages_of(pattern: PatternSpec, pack: Pack) -> set[str]:
    """The languages a pattern can fire on, judged from its language and file filters."""
    result = set()
    for language in LANGUAGES:
        if pack.languages and language not in pack.languages:
            continue
        if pattern.match.language not in (None, language):
            continue
        path = LANGUAGE_EXTENSIONS[language]
        globs = pattern.match.file_patterns
        # File filters name extensions or test-file shapes; judge extensions only.
        by_extension = [g for g in globs if "." in g.text and "*" in g.text.split(".")[0]]
        if by_extension and not any(g.matches(path) for g in by_extension):
            continue
        result.add(language)
    return result


def test_required_packs_are_shipped() -> None:
    packs = builtin()
    assert set(packs) >= REQUIRED
    check_unique_pattern_ids(packs.values())  # raises on a clash
    for name in REQUIRED:
        assert packs[name].source == f"builtin:{name}.toml"


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_each_pack_has_several_rules_per_main_language(name: str) -> None:
    pack = builtin()[name]
    per_language = dict.fromkeys(LANGUAGES, 0)
    for pattern in pack.patterns:
        assert pattern.description, f"{pattern.id} needs a description"
        for language in languages_of(pattern, pack):
            per_language[language] += 1
    for language in ("python", "go", "java"):
        assert per_language[language] >= 2, (name, language, per_language)
    assert per_language["javascript"] + per_language["typescript"] >= 2, (name, per_language)


def run(facts: FileFactsData) -> set[str]:
    return {match.pattern_id for match in evaluate_file(load_builtin_packs(), facts)}


def test_python_file() -> None:
    facts = FileFactsData(
        path="app/users.py",
        language="python",
        text=(
            "import logging\n"
            "logger = logging.getLogger(__name__)\n"
            'API_KEY = "sk_live_abcdefgh1234"\n'
            "def load(blob):\n"
            "    return pickle.loads(blob)\n"
            "def query(name):\n"
            '    cursor.execute("SELECT * FROM users WHERE name = \'" + name + "\'")\n'
            "    print('debug')\n"
        ),
        imports=(Site("logging", 1),),
        calls=(
            CallSite("getLogger", "logging", 2, 10),
            CallSite("loads", "pickle", 5, 12),
            CallSite("execute", "cursor", 7, 5),
            CallSite("print", None, 8, 5),
        ),
        function_names=(Site("load", 4, 5), Site("query", 6, 5), Site("loadUser", 9, 5)),
        error_handlers=(
            ErrorHandlerSite(frozenset({"except", "catch", "handler", "empty", "bare"}), 10, 5),
        ),
    )
    found = run(facts)
    assert {
        "LOG-PY-STDLIB-LOGGER",
        "SEC-PY-UNSAFE-DESERIALIZATION",
        "SEC-SQL-STRING-BUILDING",
        "LOG-PY-PRINT",
        "ERR-EMPTY-HANDLER",
        "ERR-PY-BARE-EXCEPT",
        "NAMING-PY-FUNCTION-SNAKE",
        "NAMING-PY-FUNCTION-CAMEL",
    } <= found
    assert not any(i.startswith(("NAMING-JS", "NAMING-GO", "LOG-JS", "LOG-GO")) for i in found)


def test_sql_built_by_an_f_string_with_quoted_values() -> None:
    text = (
        "cursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n"
        "cursor.execute(f'SELECT * FROM users WHERE id = {uid}')\n"
        "cursor.execute(rf\"DELETE FROM logs WHERE tag = '{tag}'\")\n"
        'cursor.execute("SELECT * FROM users WHERE name = %s", (name,))\n'
    )
    facts = FileFactsData(path="app/users.py", language="python", text=text)
    found = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in found if m.pattern_id == "SEC-SQL-STRING-BUILDING"] == [1, 2, 3]


def test_sql_in_a_tagged_template_is_parameterised_but_a_plain_template_is_built() -> None:
    facts = FileFactsData(
        path="src/users.ts",
        language="typescript",
        text=(
            "const a = await sql`SELECT * FROM users WHERE id = ${id}`\n"
            "const b = await sql<User>`SELECT * FROM users WHERE id = ${id}`\n"
            "const c = await db.query(`SELECT * FROM users WHERE id = ${id}`)\n"
        ),
    )
    found = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in found if m.pattern_id == "SEC-SQL-STRING-BUILDING"] == [3]


@pytest.mark.parametrize(
    ("path", "language", "text", "lines"),
    [
        ("app/run.py", "python", "x = eval(expr)\nexec(code)\n", [1, 2]),
        ("web/run.js", "javascript", "const f = new Function(body)\neval(s)\n", [2]),
        # Java and Go have no eval builtins: exec( is a method of their own.
        (
            "src/Runner.java",
            "java",
            "public Process exec(String c) { return exec(c, null); }\n",
            [],
        ),
        ("run/run.go", "go", "func exec(c string) error { return nil }\n", []),
    ],
)
def test_dynamic_eval_is_a_python_and_javascript_builtin(
    path: str, language: str, text: str, lines: list[int]
) -> None:
    facts = parsed_facts(path, text)
    assert facts.language == language
    found = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in found if m.pattern_id == "SEC-DYNAMIC-EVAL"] == lines


def test_parameterised_sql_and_safe_yaml_are_not_flagged() -> None:
    facts = FileFactsData(
        path="app/db.py",
        language="python",
        text=(
            'cursor.execute("SELECT * FROM users WHERE id = %s", (uid,))\n'
            "data = yaml.load(text, Loader=yaml.SafeLoader)\n"
            "other = yaml.load(text)\n"
            'URL = "http://localhost:8000/api"\n'
        ),
        string_literals=(Site("http://localhost:8000/api", 4, 8), Site("http://shop.com", 5, 8)),
    )
    found = evaluate_file(load_builtin_packs(), facts)
    assert "SEC-SQL-STRING-BUILDING" not in {m.pattern_id for m in found}
    assert [m.line for m in found if m.pattern_id == "SEC-PY-YAML-LOAD"] == [3]
    assert [m.line for m in found if m.pattern_id == "SEC-PLAIN-HTTP-URL"] == [5]


def test_python_test_files_are_not_flagged_for_prints() -> None:
    facts = FileFactsData(
        path="tests/test_users.py",
        language="python",
        text='PASSWORD = "hunter2hunter2"\nprint("x")\ndef test_login():\n    pass\n',
        function_names=(Site("test_login", 3, 5),),
    )
    found = run(facts)
    assert "LOG-PY-PRINT" not in found
    assert "TEST-PY-PYTEST-FUNCTION" in found


def test_typescript_file() -> None:
    facts = FileFactsData(
        path="web/src/api.ts",
        language="typescript",
        text=(
            "import axios from 'axios';\n"
            "export async function loadUser(id: string) {\n"
            "  console.log('loading', id);\n"
            "  el.innerHTML = html;\n"
            "  return fetch(`/users/${id}`);\n"
            "}\n"
        ),
        imports=(Site("axios", 1),),
        calls=(CallSite("log", "console", 3, 3), CallSite("get", "axios", 7, 3)),
        function_names=(Site("loadUser", 2, 23), Site("load_all", 8, 10)),
        class_names=(Site("ApiError", 9, 7),),
        extends=(Site("Error", 9, 24),),
    )
    found = run(facts)
    assert {
        "LOG-JS-CONSOLE",
        "SEC-JS-INNER-HTML",
        "API-JS-FETCH",
        "API-JS-AXIOS",
        "NAMING-JS-FUNCTION-CAMEL",
        "NAMING-JS-FUNCTION-SNAKE",
        "ERR-JS-CUSTOM-ERROR",
    } <= found
    assert "NAMING-PY-FUNCTION-SNAKE" not in found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Widget", "NAMING-JS-CLASS-PASCAL"),
        ("$ZodType", "NAMING-JS-CLASS-PASCAL"),  # a `$` prefix is a namespace, not a style
        ("_Base", "NAMING-JS-CLASS-PASCAL"),
        ("widget", "NAMING-JS-CLASS-OTHER"),
        ("$zodType", "NAMING-JS-CLASS-OTHER"),
        ("Snake_Case", "NAMING-JS-CLASS-OTHER"),
    ],
)
def test_javascript_class_naming_ignores_a_prefix(name: str, expected: str) -> None:
    facts = FileFactsData(
        path="src/types.ts",
        language="typescript",
        text=f"export class {name} {{}}\n",
        class_names=(Site(name, 1, 14),),
    )
    found = {pattern for pattern in run(facts) if pattern.startswith("NAMING-JS-CLASS")}
    assert found == {expected}


@pytest.mark.parametrize(
    ("name", "camel"),
    [("getUser", True), ("setUpHelper", True), ("setUp", False), ("tearDownClass", False)],
)
def test_unittest_hooks_are_no_camel_case_choice(name: str, camel: bool) -> None:
    facts = FileFactsData(
        path="tests/test_shop.py",
        language="python",
        text=f"class ShopTests:\n    def {name}(self):\n        pass\n",
        function_names=(Site(name, 2, 9),),
    )
    assert ("NAMING-PY-FUNCTION-CAMEL" in run(facts)) is camel


def test_hard_coded_secrets_are_the_secret_detectors_alone() -> None:
    # A pack pattern matching ``password = "…"`` duplicated the secret detector, without its
    # reading of documentation, placeholders, hashes and entropy; approved, it reported every
    # Javadoc example as an error.
    assert not any(
        spec.sub_type == "hardcoded-secret" for pack in builtin().values() for spec in pack.patterns
    )


def test_go_file() -> None:
    facts = FileFactsData(
        path="internal/store/store.go",
        language="go",
        text=(
            'import "database/sql"\n'
            "func (s *Store) Get(id int) error {\n"
            "    if err != nil {\n"
            '        return fmt.Errorf("get %d: %w", id, err)\n'
            "    }\n"
            '    fmt.Println("debug")\n'
            "}\n"
        ),
        imports=(Site("database/sql", 1),),
        calls=(
            CallSite("Errorf", "fmt", 4, 16),
            CallSite("Println", "fmt", 6, 5),
            CallSite("QueryRow", "s.db", 8, 5),
        ),
        function_names=(Site("Get", 2, 17), Site("load_all", 9, 6)),
        error_handlers=(ErrorHandlerSite(frozenset({"error_check", "handler"}), 3, 5),),
    )
    found = run(facts)
    assert {
        "ERR-GO-ERR-CHECK",
        "ERR-GO-WRAP",
        "LOG-GO-FMT-PRINT",
        "DATA-GO-DATABASE-SQL",
        "NAMING-GO-FUNCTION-MIXEDCAPS",
        "NAMING-GO-FUNCTION-UNDERSCORE",
    } <= found


def test_java_file() -> None:
    facts = FileFactsData(
        path="src/main/java/app/UserController.java",
        language="java",
        text=(
            "import org.slf4j.LoggerFactory;\n"
            "public class UserController {\n"
            '  @GetMapping("/users")\n'
            "  public List<User> list() throws SQLException {\n"
            '    System.out.println("x");\n'
            '    MessageDigest md = MessageDigest.getInstance("MD5");\n'
            "  }\n"
            "}\n"
        ),
        imports=(Site("org.slf4j.LoggerFactory", 1),),
        calls=(
            CallSite("getLogger", "LoggerFactory", 3, 20),
            CallSite("println", "System.out", 5, 5),
            CallSite("printStackTrace", "e", 9, 7),
        ),
        decorators=(Site("GetMapping", 3, 3),),
        function_names=(Site("list", 4, 21), Site("load_all", 10, 15)),
        class_names=(Site("UserController", 2, 14),),
    )
    found = run(facts)
    assert {
        "LOG-JAVA-SLF4J",
        "LOG-JAVA-SYSOUT",
        "API-JAVA-SPRING-MAPPING",
        "ERR-JAVA-THROWS-CLAUSE",
        "ERR-JAVA-PRINT-STACK-TRACE",
        "SEC-WEAK-HASH",
        "NAMING-JAVA-METHOD-CAMEL",
        "NAMING-JAVA-METHOD-SNAKE",
        "NAMING-JAVA-CLASS-PASCAL",
    } <= found


def test_focused_and_skipped_tests() -> None:
    facts = FileFactsData(
        path="web/user.test.js",
        language="javascript",
        text="describe('u', () => {\n  it.only('a', () => {});\n  it.skip('b', () => {});\n});\n",
        calls=(CallSite("describe", None, 1, 1), CallSite("only", "it", 2, 3)),
    )
    assert {"TEST-FOCUSED", "TEST-SKIPPED", "TEST-JS-DESCRIBE-IT"} <= run(facts)


def test_js_test_runner_and_promise_patterns_are_not_any_method_of_that_name() -> None:
    # zod: 39 of TEST-JS-DESCRIBE-IT's 124 places were `schema.describe("…")`, a RegExp's
    # `pattern.test(s)` counted as a flat test, and 155 of ERR-JS-PROMISE-CATCH's 157 were the
    # schema's `.catch(fallback)`.
    text = (
        "describe('s', () => {\n"  # 1
        "  it.each([1])('a %s', (n) => {});\n"  # 2
        "  it('b', () => {\n"  # 3
        "    const s = z.string().describe('name').catch('x');\n"  # 4
        "    /a/.test('a');\n"  # 5
        "    load().catch((err) => log(err));\n"  # 6
        "  });\n"
        "});\n"
        "test.skip('c', () => {});\n"  # 9
    )
    facts = parsed_facts("src/schema.test.ts", text)
    lines = {
        pattern_id: sorted(m.line for m in matches)
        for pattern_id, matches in _by_pattern(evaluate_file(load_builtin_packs(), facts))
        if pattern_id in ("TEST-JS-DESCRIBE-IT", "TEST-JS-TEST-CALLS", "ERR-JS-PROMISE-CATCH")
    }
    assert lines == {
        "TEST-JS-DESCRIBE-IT": [1, 2, 3],
        "TEST-JS-TEST-CALLS": [9],
        "ERR-JS-PROMISE-CATCH": [6],
    }


def _by_pattern(matches: list[PatternMatch]) -> list[tuple[str, list[PatternMatch]]]:
    grouped: dict[str, list[PatternMatch]] = {}
    for match in matches:
        grouped.setdefault(match.pattern_id, []).append(match)
    return sorted(grouped.items())


def _python_test_file(text: str, names: list[tuple[str, int, int]]) -> FileFactsData:
    return FileFactsData(
        path="tests/admin_docs/test_utils.py",
        language="python",
        text=text,
        function_names=tuple(Site(name, line, column) for name, line, column in names),
    )


def test_test_methods_of_a_projects_own_test_case_are_unittest_not_pytest() -> None:
    # Django's own tests derive their cases from local bases (`AdminDocsSimpleTestCase`), and
    # its test methods had made "pytest functions" Django's testing convention.
    text = (
        "from .tests import AdminDocsSimpleTestCase\n"
        "\n"
        "class TestUtils(TestDataMixin, AdminDocsSimpleTestCase):\n"
        "    def test_parse_docstring(self):\n"
        "        pass\n"
    )
    found = run(_python_test_file(text, [("test_parse_docstring", 4, 9)]))
    assert "TEST-PY-PYTEST-FUNCTION" not in found
    assert "TEST-PY-UNITTEST-CASE" in found


def test_pytest_functions_and_classes_are_pytest_whatever_a_comment_says() -> None:
    text = (
        "class TestLogin:  # not a TestCase: pytest collects it\n"
        "    def test_ok(self):\n"
        "        pass\n"
        "\n"
        "def test_logout():\n"
        "    pass\n"
    )
    found = run(_python_test_file(text, [("test_ok", 2, 9), ("test_logout", 5, 5)]))
    assert "TEST-PY-PYTEST-FUNCTION" in found
    assert "TEST-PY-UNITTEST-CASE" not in found


def test_test_methods_asserting_like_unittest_are_not_pytest_functions() -> None:
    # A case derived from a base in another file: unittest's assertion methods tell.
    text = (
        "class TestParser(TestParserMixin, TestEmailBase):\n"
        "    def test_get_token(self):\n"
        "        self.assertEqual(get_token('a'), 'a')\n"
    )
    found = run(_python_test_file(text, [("test_get_token", 2, 9)]))
    assert "TEST-PY-PYTEST-FUNCTION" not in found


def test_focused_tests_are_javascripts_and_a_password_prompt_is_no_log() -> None:
    # rich: ``def fit(`` in ``panel.py``, and ``console.input(prompt, password=password)``.
    facts = FileFactsData(
        path="rich/prompt.py",
        language="python",
        text=(
            "def fit(self, width):\n"
            "    return console.input(prompt, password=password)\n"
            "def report(user, password):\n"
            "    logger.info('login %s %s', user, password)\n"
        ),
    )
    matches = evaluate_file(load_builtin_packs(), facts)
    assert "TEST-FOCUSED" not in {m.pattern_id for m in matches}
    assert [m.line for m in matches if m.pattern_id == "LOG-SENSITIVE-DATA"] == [4]


def test_a_java_method_mixing_styles_is_no_snake_case() -> None:
    # The naming detector calls ``incoming_windowUpdate`` "other"; the pack had said snake_case.
    facts = FileFactsData(
        path="src/Stream.java",
        language="java",
        function_names=(Site("incoming_windowUpdate", 3, 10), Site("read_all", 9, 10)),
    )
    snake = [
        m.line
        for m in evaluate_file(load_builtin_packs(), facts)
        if m.pattern_id == "NAMING-JAVA-METHOD-SNAKE"
    ]
    assert snake == [9]


def test_a_run_of_underscores_joins_snake_case_words() -> None:
    # celery: ``test_start__stop``, ``_get__ident_func__``; the naming detector agrees.
    names = ("test_start__stop", "_get__ident_func__", "getUser")
    facts = FileFactsData(
        path="t/unit/test_bootsteps.py",
        language="python",
        function_names=tuple(Site(name, i + 1, 5) for i, name in enumerate(names)),
    )
    snake = [
        m.line
        for m in evaluate_file(load_builtin_packs(), facts)
        if m.pattern_id == "NAMING-PY-FUNCTION-SNAKE"
    ]
    assert snake == [1, 2]


def test_subclasses_of_a_pytest_class_named_test_case_are_no_unittest_cases() -> None:
    text = (
        "class ConsumerTestCase:\n"
        "    def setup_method(self): ...\n"
        "class test_Consumer(ConsumerTestCase):\n"
        "    def test_taskbuckets(self): ...\n"
    )
    facts = FileFactsData(
        path="t/unit/worker/test_consumer.py",
        language="python",
        text=text,
        function_names=(Site("setup_method", 2, 9), Site("test_taskbuckets", 4, 9)),
    )
    found = run(facts)
    assert "TEST-PY-UNITTEST-CASE" not in found
    assert "TEST-PY-PYTEST-FUNCTION" in found
    unittest_style = text.replace("class ConsumerTestCase:", "class ConsumerTestCase(TestCase):")
    facts = FileFactsData(
        path="tests/test_consumer.py",
        language="python",
        text=unittest_style,
        function_names=(Site("test_taskbuckets", 4, 9),),
    )
    found = run(facts)
    assert "TEST-PY-UNITTEST-CASE" in found
    assert "TEST-PY-PYTEST-FUNCTION" not in found


def test_testify_counts_each_assertion_as_t_errorf_does() -> None:
    # gin: testify had been counted once per import, t.Errorf once per call, and lost.
    facts = FileFactsData(
        path="context_test.go",
        language="go",
        imports=(Site("github.com/stretchr/testify/assert", 3, 2),),
        calls=(
            CallSite("Equal", "assert", 10, 2),
            CallSite("NoError", "require", 11, 2),
            CallSite("Errorf", "t", 12, 3),
            CallSite("Equal", "other", 13, 2),
        ),
    )
    matches = evaluate_file(load_builtin_packs(), facts)
    lines = {
        pid: [m.line for m in matches if m.pattern_id == pid]
        for pid in ("TEST-GO-TESTIFY", "TEST-GO-STDLIB-ASSERT")
    }
    assert lines == {"TEST-GO-TESTIFY": [10, 11], "TEST-GO-STDLIB-ASSERT": [12]}


@pytest.mark.parametrize(
    ("url", "reported"),
    [
        ("http://evil.com/x", True),
        ("http://testserver.evil.com/", True),
        ("http://testserver/api/users/", False),  # Django's and DRF's test client
        ("http://api.example.com/v1", False),
        ("http://java.sun.com/xml/jaxp/properties/schemaLanguage", False),
        ("http://xml.org/sax/features/namespaces", False),
        ("http://localhost:8000/", False),
        # gorilla/mux's tests: a query or fragment right after the host.
        ("http://localhost?foo=bar", False),
        ("http://127.0.0.1?x=1", False),
        ("http://localhost#top", False),
        ("http://example.com?q=1", False),
        ("http://api.internal.corp?x=1", True),
    ],
)
def test_plain_http_urls_that_are_never_fetched_are_left_alone(url: str, reported: bool) -> None:
    facts = FileFactsData(
        path="app/client.py", language="python", string_literals=(Site(url, 3, 9),)
    )
    assert ("SEC-PLAIN-HTTP-URL" in run(facts)) is reported


def test_a_method_named_exec_and_prose_about_eval_are_no_dynamic_code() -> None:
    # SQLModel's ``def exec(self, statement)`` and its docstrings' ``exec()``.
    text = (
        "class Session:\n"
        "    def exec(self, statement):\n"
        '        """Like `exec()`, typed."""\n'
        "    async def exec(self, statement): ...\n"
        "code = eval(source)\n"
    )
    facts = parsed_facts("sqlmodel/orm/session.py", text)
    matches = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in matches if m.pattern_id == "SEC-DYNAMIC-EVAL"] == [5]


def test_dangerous_calls_shown_in_docstrings_and_comments_are_not_reported() -> None:
    # hashlib.py's docstring example, a commented-out call, a skip reason naming os.popen().
    text = (
        '"""Usage:\n'
        "    >>> m = hashlib.md5()\n"
        '"""\n'
        "# os.system('ls')\n"
        "reason = 'needs os.popen()'\n"
        "digest = hashlib.md5(data)\n"
    )
    facts = FileFactsData(path="lib/hashing.py", language="python", text=text)
    matches = evaluate_file(load_builtin_packs(), facts)
    security = [(m.pattern_id, m.line) for m in matches if m.category == "security"]
    assert security == [("SEC-WEAK-HASH", 6)]


def test_tls_verification_turned_off_through_env_in_either_spelling() -> None:
    text = (
        'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";\n'
        "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n"
        "// NODE_TLS_REJECT_UNAUTHORIZED = 0 would turn checks off\n"
    )
    facts = FileFactsData(path="src/client.js", language="javascript", text=text)
    matches = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in matches if m.pattern_id == "SEC-TLS-VERIFY-DISABLED"] == [1, 2]


def test_the_function_constructor_is_javascripts_alone() -> None:
    packs = load_builtin_packs()
    js = parsed_facts("web/run.js", "const f = new Function(body);\nconst g = Function(x);\n")
    assert [m.line for m in evaluate_file(packs, js) if "FUNCTION-CONSTRUCTOR" in m.pattern_id] == [
        1,
        2,
    ]
    # SQLAlchemy's ``sqlalchemy.sql.functions.Function``.
    py = parsed_facts(
        "orm/q.py", 'from sqlalchemy.sql.functions import Function\nFunction("f", x)\n'
    )
    assert not [m for m in evaluate_file(packs, py) if m.category == "security"]


def test_methods_and_signatures_named_eval_or_exec_are_no_dynamic_code() -> None:
    # mongoose's ``exec(): Promise<ResultType>;`` and a query builder's own ``exec``.
    text = (
        "export interface Runnable { exec(): Promise<number>; }\n"
        "export class Query implements Runnable {\n"
        "  async exec(): Promise<number> { return db.exec(this.sql); }\n"
        "  eval(e: string): string { return e.trim(); }\n"
        "}\n"
        "const value = flag ? eval(source) : null;\n"
    )
    matches = evaluate_file(load_builtin_packs(), parsed_facts("src/query.ts", text))
    assert [m.line for m in matches if m.pattern_id == "SEC-DYNAMIC-EVAL"] == [6]


def test_a_regex_exec_beside_child_process_is_no_command() -> None:
    # commander's ``regex.exec(val)`` in a file that spawns through child_process.
    text = (
        "const childProcess = require('node:child_process');\n"
        "const { exec } = require('child_process');\n"
        "function firstWord(t) { const m = /\\w+/.exec(t); return pattern.exec(t) || m; }\n"
        "function start(c) { childProcess.exec(c); exec(c); return childProcess.execSync(c); }\n"
    )
    matches = evaluate_file(load_builtin_packs(), parsed_facts("lib/command.js", text))
    found = [
        (m.line, m.matched_text) for m in matches if m.pattern_id == "SEC-JS-CHILD-PROCESS-EXEC"
    ]
    assert found == [(4, "childProcess.exec"), (4, "exec"), (4, "childProcess.execSync")]


def test_throws_clauses_of_interface_methods_count() -> None:
    # java.sql's Connection declares 49 ``throws SQLException;`` methods; 2 had been counted.
    text = (
        "public interface Connection {\n"
        "    Statement createStatement() throws SQLException;\n"
        "    void close()\n"
        "        throws SQLException;\n"
        "    void run() throws java.io.IOException {\n"
        "    }\n"
        "}\n"
    )
    facts = FileFactsData(path="java/sql/Connection.java", language="java", text=text)
    matches = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in matches if m.pattern_id == "ERR-JAVA-THROWS-CLAUSE"] == [2, 4, 5]


def test_class_naming_leaves_declaration_files_out() -> None:
    declared = FileFactsData(
        path="types/index.d.ts",
        language="typescript",
        class_names=(Site("Knex", 1, 18), Site("QueryBuilder", 2, 18)),
    )
    own = FileFactsData(
        path="lib/dialects/pg.js", language="javascript", class_names=(Site("Client_PG", 1, 7),)
    )
    packs = load_builtin_packs()
    assert not [m for m in evaluate_file(packs, declared) if "JS-CLASS" in m.pattern_id]
    assert [m.pattern_id for m in evaluate_file(packs, own) if "JS-CLASS" in m.pattern_id] == [
        "NAMING-JS-CLASS-OTHER"
    ]


def test_table_driven_go_tests_in_every_spelling() -> None:
    text = (
        "func TestA(t *testing.T) {\n"
        '\ttests := []struct{ in string }{{"a"}}\n'
        '\tfor _, tc := range []struct{ in string }{{"b"}} {\n'
        "\t}\n"
        "}\n"
        "var cases = []struct{ in string }{}\n"
        "var named = map[string]struct{ in string }{}\n"
        "type row struct{ in string }\n"
    )
    facts = FileFactsData(path="x_test.go", language="go", text=text)
    found = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in found if m.pattern_id == "TEST-GO-TABLE-DRIVEN"] == [2, 3, 6, 7]


def test_database_sql_calls_in_a_gorm_file_are_gorms() -> None:
    calls = (CallSite("Exec", "db", 5, 2), CallSite("Where", "db", 4, 2))
    gorm = FileFactsData(
        path="repo.go",
        language="go",
        imports=(Site("database/sql", 2, 9), Site("gorm.io/gorm", 2, 24)),
        calls=calls,
    )
    plain = FileFactsData(
        path="store.go", language="go", imports=(Site("database/sql", 2, 9),), calls=calls
    )
    packs = load_builtin_packs()
    assert "DATA-GO-DATABASE-SQL" not in {m.pattern_id for m in evaluate_file(packs, gorm)}
    assert "DATA-GO-DATABASE-SQL" in {m.pattern_id for m in evaluate_file(packs, plain)}


def test_raw_sql_is_a_cursors_or_a_connections_call() -> None:
    # A class's own ``self.execute(…)`` and an executor's ``execute(task)`` run no SQL; what
    # ``connect()`` and ``cursor()`` made, or a cursor's usual name, does.
    text = (
        "import sqlite3\n"
        "class Store:\n"
        "    def __init__(self, path):\n"
        "        self.handle = sqlite3.connect(path)\n"
        "    def execute(self, query):\n"
        "        return self.handle.execute(query)\n"
        "    def run(self, executor, task, cur):\n"
        "        self.execute('select 1')\n"
        "        executor.execute(task)\n"
        "        cur.execute('select 2')\n"
        "        rows = self.handle.cursor()\n"
        "        rows.executemany('insert', [])\n"
        "        with sqlite3.connect(':memory:') as other:\n"
        "            other.execute('select 3')\n"
    )
    found = evaluate_file(load_builtin_packs(), parsed_facts("store.py", text))
    raw = [(m.line, m.matched_text) for m in found if m.pattern_id == "DATA-PY-RAW-SQL"]
    assert raw == [
        (6, "self.handle.execute"),
        (10, "cur.execute"),
        (12, "rows.executemany"),
        (14, "other.execute"),
    ]


def test_naming_patterns_judge_only_names_the_author_chose() -> None:
    # Django's ``runTest``/``addFailure`` and a ``logging.Logger`` subclass's ``isEnabledFor``.
    text = (
        "class T(unittest.TestCase):\n"
        "    def runTest(self):\n        pass\n"
        "    def addFailure(self, test, err):\n        pass\n"
        "class L(logging.Logger):\n"
        "    def isEnabledFor(self, level):\n        return True\n"
        "def _(value):\n    return value\n"
        "def loadUser():\n    return 1\n"
    )
    found = evaluate_file(load_builtin_packs(), parsed_facts("tests/test_x.py", text))
    assert [m.matched_text for m in found if m.pattern_id.startswith("NAMING-PY-FUNCTION")] == [
        "loadUser"
    ]


@pytest.mark.parametrize(
    ("url", "reported"),
    [
        ("http://exslt.org/regular-expressions", False),  # scrapy's XPath namespaces
        ("http://www.sitemaps.org/schemas/sitemap/0.9", False),
        ("http://user:pass@example.com/x", False),  # marshmallow's URL validator tests
        ("http://user:pass@localhost:8080", False),
        ("http://user:pass@api.internal.corp", True),
    ],
)
def test_namespace_urls_and_credentials_for_example_hosts_are_not_fetched(
    url: str, reported: bool
) -> None:
    facts = FileFactsData(
        path="app/client.py", language="python", string_literals=(Site(url, 3, 9),)
    )
    found = evaluate_file(load_builtin_packs(), facts)
    assert ("SEC-PLAIN-HTTP-URL" in {m.pattern_id for m in found}) is reported


def test_a_java_resource_bundles_locale_variants_are_no_naming_choice() -> None:
    # java.xml: 96 of 127 class-naming warnings were ``XMLErrorResources_de`` and the like.
    text = "\n".join(
        f"class {name} extends ListResourceBundle {{}}"
        for name in ("XMLErrorResources_de", "SerializerMessages_pt_BR", "Msgs_zh_TW", "Lr_parser")
    )
    found = evaluate_file(load_builtin_packs(), parsed_facts("x/Resources.java", text + "\n"))
    judged = {m.matched_text for m in found if m.pattern_id.startswith("NAMING-JAVA-CLASS")}
    assert "Lr_parser" in judged
    assert not judged & {"XMLErrorResources_de", "SerializerMessages_pt_BR", "Msgs_zh_TW"}


def test_a_log_message_that_only_says_password_logs_none() -> None:
    # java.management's ``logger.debug("login", "Invalid username or password")``.
    text = (
        'logger.debug("login", "Invalid username or password")\n'
        'logger.info("Acquiring password")\n'
        'logger.info("user %s", self.password)\n'
        'log.info(f"pw={password}")\n'
        "console.log(`token ${secret}`)\n"
    )
    facts = FileFactsData(path="auth/login.py", language="python", text=text)
    matches = evaluate_file(load_builtin_packs(), facts)
    assert [m.line for m in matches if m.pattern_id == "LOG-SENSITIVE-DATA"] == [3, 4, 5]


def test_django_querysets_and_default_managers_are_orm_queries() -> None:
    # DRF's ``queryset.filter(…)``, ``self.queryset.all()`` and
    # ``Model._default_manager.create(…)`` are queries as ``User.objects.filter`` is; a dict
    # named ``qs`` (``parse_qs``'s) and a plain ``filter`` are not.
    text = (
        "def get_object(self, queryset, Model, qs):\n"
        "    obj = queryset.filter(pk=1).order_by('id')\n"
        "    if not self.queryset.all().exists():\n"
        "        return Model._default_manager.create(name='x')\n"
        "    found = User.objects.get(pk=1)\n"
        "    return qs.get('page'), filter(None, obj), Model._base_manager.count()\n"
    )
    facts = parsed_facts("app/views.py", text)
    found = [
        (m.line, m.matched_text)
        for m in evaluate_file(load_builtin_packs(), facts)
        if m.pattern_id == "DATA-PY-ORM-QUERY"
    ]
    assert found == [
        (2, "queryset.filter"),
        (3, "self.queryset.all"),
        (4, "Model._default_manager.create"),
        (5, "User.objects.get"),
        (6, "Model._base_manager.count"),
    ]


def test_a_json_schema_identifier_spelled_as_a_url_is_never_fetched() -> None:
    # fastify's schema tests: ``$id: 'http://foo/item'`` and ``{ $ref: 'http://foo/item#' }``,
    # 16 plain-URL matches in 4 files; a ``$schema`` too. The same URL anywhere else counts.
    text = (
        "fastify.addSchema({\n"
        "  $id: 'http://foo/item',\n"
        "  type: 'object'\n"
        "})\n"
        "const refItem = { $ref: 'http://foo/item#' }\n"
        "const schema = { '$schema': 'http://foo/draft', \"$id\":\"http://foo/x\" }\n"
        "fetch('http://foo/item', { id: 'http://foo/other' })\n"
    )
    found = evaluate_file(load_builtin_packs(), parsed_facts("test/schema.test.js", text))
    assert [(m.line, m.matched_text) for m in found if m.pattern_id == "SEC-PLAIN-HTTP-URL"] == [
        (7, "http://foo/item"),
        (7, "http://foo/other"),
    ]
    python = 'SCHEMA = {"$id": "http://foo/item", "url": "http://foo/item"}\n'
    found = evaluate_file(load_builtin_packs(), parsed_facts("app/schemas.py", python))
    assert [m.column for m in found if m.pattern_id == "SEC-PLAIN-HTTP-URL"] == [44]
