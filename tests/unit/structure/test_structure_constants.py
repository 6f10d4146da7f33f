"""Named constants (SCREAMING_CASE, Go const, Java static final) and magic numbers."""

from __future__ import annotations

import importlib
import re

from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.structure.constants import constants
from drift.records.structural import ConstantRow
from tests.unit.structure.support import parse, source

# The module itself (the package re-exports its ``constants`` function under the same name).
constants_module = importlib.import_module("drift.analysis.structure.constants")


def named(rows: tuple[ConstantRow, ...]) -> list[tuple[str, str, int, bool]]:
    return [(r.name, r.value, r.line, r.is_used) for r in rows if r.is_named]


def magic(rows: tuple[ConstantRow, ...]) -> list[tuple[str, int]]:
    return [(r.name, r.line) for r in rows if not r.is_named]


PYTHON = """
from typing import TypeVar

MAX_RETRIES = 3
TIMEOUT: float = 2.5  # seconds
KT = TypeVar("KT")
lower_case = 4
_PRIVATE_LIMIT = 10


class Config:
    DEFAULT_PORT = 8080

    def port(self):
        LOCAL_ONLY = 7
        return self.DEFAULT_PORT + MAX_RETRIES * 86400


def wait(seconds=30):
    sleep(seconds, 1.5)
    retry(times=5, backoff=0.5)
    if len(items) > 42:
        return 404
    return [9, 8]
"""


def test_python_constants_and_magic_numbers() -> None:
    rows = constants("pkg/settings.py", parse("pkg/settings.py", PYTHON), source(PYTHON))
    assert named(rows) == [
        ("MAX_RETRIES", "3", 3, True),
        ("TIMEOUT", "2.5", 4, False),
        ("_PRIVATE_LIMIT", "10", 7, False),
        ("DEFAULT_PORT", "8080", 11, True),
    ]
    # 86400, 1.5 (positional argument), 42 (comparison) and 404 (returned) are magic;
    # 30 (a default), 5 (keyword argument), 0.5 and [9, 8] (a list) are not.
    assert magic(rows) == [("86400", 15), ("1.5", 19), ("42", 21), ("404", 22)]
    assert all(r.language == "python" and r.file == "pkg/settings.py" for r in rows)
    assert all(r.id == 0 and r.created_at == 0 for r in rows)
    assert all(r.is_used for r in rows if not r.is_named)


def test_an_example_in_a_docstring_or_a_string_is_no_constant() -> None:
    # peewee's ``FlaskDB`` docstring shows ``DATABASE = PostgresqlDatabase('my_app')``.
    text = (
        '"""Settings.\n\nAPI_URL = "http://x"\n"""\n'  # 1-4
        "\n\nclass FlaskDB:\n"  # 5-7
        '    """Use it so:\n\n    DATABASE = PostgresqlDatabase("my_app")\n    """\n'  # 8-11
        "    EXCLUDED = ('static',)\n"  # 12
        "\nEXAMPLE = '''\nNOT_A_CONST = 5\n'''\n"  # 13-16
        "REAL = 1\n"  # 17
    )
    rows = constants("pkg/flask_utils.py", parse("pkg/flask_utils.py", text), source(text))
    assert [(name, line) for name, _, line, _ in named(rows)] == [
        ("EXCLUDED", 12),
        ("EXAMPLE", 14),
        ("REAL", 17),
    ]


def test_magic_numbers_are_not_reported_in_test_or_example_code() -> None:
    text = "def test_it():\n    assert area(3) == 28.27\n"
    assert constants("tests/test_geo.py", parse("tests/test_geo.py", text), text) == ()
    # fastapi's ``docs_src/``: a tutorial's ``return x * 42`` shows, it decides nothing
    example = "def read_item(x):\n    return x * 42\n"
    path = "docs_src/tutorial001.py"
    assert magic(constants(path, parse(path, example), example)) == []
    # a file named as one, at the top: through2's ``example-ndjson.js``
    for named in ("example-ndjson.py", "examples.py", "demo_app.py"):
        assert magic(constants(named, parse(named, example), example)) == []
    assert magic(constants("demonstrate.py", parse("demonstrate.py", example), example)) != []


def test_javascript_and_typescript_constants() -> None:
    text = """
    export const API_URL = "https://x.test";
    const MAX_ITEMS: number = 50;
    let counter = 0;
    class Box {
      static readonly SIDE = 4;
      area() { return Box.SIDE * Box.SIDE * 1.25; }
    }
    """
    rows = constants("box.ts", parse("box.ts", text), source(text))
    assert named(rows) == [
        ("API_URL", '"https://x.test"', 1, False),
        ("MAX_ITEMS", "50", 2, False),
        ("SIDE", "4", 5, True),
    ]
    assert magic(rows) == [("1.25", 6)]


def test_go_constants_single_and_in_blocks() -> None:
    text = """
    package cfg

    const Version = "1.2"

    const (
        Low Level = iota
        High
        limit = 64 // bytes
    )

    func Size() int { return limit * 3 }
    """
    rows = constants("cfg/cfg.go", parse("cfg/cfg.go", text), source(text))
    assert named(rows) == [
        ("Version", '"1.2"', 3, False),
        ("Low", "iota", 6, False),
        ("High", "iota", 7, False),
        ("limit", "64", 8, True),
    ]
    assert magic(rows) == [("3", 11)]


def test_java_static_final_fields_only() -> None:
    text = """
    class Rates {
        public static final double TAX = 0.2;
        private static final int MAX_LINES = 20;
        private final int instanceOnly = 3;
        double tax(double x) { return x * TAX; }
    }
    """
    rows = constants("Rates.java", parse("Rates.java", text), source(text))
    assert named(rows) == [("TAX", "0.2", 2, True), ("MAX_LINES", "20", 3, False)]


def test_java_annotated_constants_and_interface_fields() -> None:
    # java.awt: ``@Native public static final int …`` (122 of them) and ``int BITMASK = 2;``.
    text = """
    class Box {
        @Deprecated public static final int HEIGHT = 8;
        @Native(x = 1) private static final long LIMIT = 9L;
    }
    interface Shape {
        public static final int OPAQUE = 1;
        int BITMASK = 2;
        default int twice() { int LOCAL_MAX = 5; return LOCAL_MAX; }
    }
    class N { static class In { static final int IN_C = 8; } interface I { int I_C = 9; } }
    @interface Ann {
        int value() default 1;
        int ANN_MAX = 3;
    }
    """
    rows = constants("Box.java", parse("Box.java", text), source(text))
    assert [(name, value, line) for name, value, line, _ in named(rows)] == [
        ("HEIGHT", "8", 2),
        ("LIMIT", "9L", 3),
        ("OPAQUE", "1", 6),
        ("BITMASK", "2", 7),
        ("IN_C", "8", 10),
        ("I_C", "9", 10),
        ("ANN_MAX", "3", 13),
    ]


def test_enum_members_are_not_magic() -> None:
    text = """
    enum Code { A = 7, B = 9 }
    function f(c: number) { return c + 13; }
    """
    rows = constants("c.ts", parse("c.ts", text), source(text))
    assert magic(rows) == [("13", 2)]


def test_a_java_enum_s_methods_hold_magic_numbers_and_a_radix_is_no_magic() -> None:
    # java.time's ``Month.length``: ``leapYear ? 29 : 28`` was exempt in the enum, magic in
    # ``LocalDate``. bsh's ``Integer.parseInt(s, 8)`` and ``Integer.toString(c, 16)``.
    text = """
    enum Month {
        JANUARY(31), FEBRUARY(28);
        Month(int days) { this.days = days; }
        int length(boolean leapYear) { return leapYear ? 29 : 28; }
        String hex(char c) { return Integer.toString(c, 16) + Integer.parseInt("17", 8); }
        String big(BigInteger b) { return b.toString(16) + Integer.toString(37); }
    }
    """
    rows = constants("Month.java", parse("Month.java", text), source(text))
    assert magic(rows) == [("29", 4), ("28", 4), ("37", 6)]


def test_a_go_short_variable_declaration_names_its_number_as_an_assignment_does() -> None:
    # ``timeout := 33 * time.Second`` was magic where ``timeout = 33 * time.Second`` was not.
    text = """
    package a

    func F() time.Duration {
        timeout := 33 * time.Second
        backoff = 45 * time.Second
        n := wait(77)
        return timeout + backoff + n
    }
    """
    assert magic(constants("a.go", parse("a.go", text), source(text))) == [("77", 6)]


def test_a_named_value_in_a_function_and_a_go_array_length_are_not_magic() -> None:
    # rich's ``MAX_WRITE = 32 * 1024 // 4`` in a method; gin's ``[4]byte`` (8 of its 30).
    text = """
    def write(self, x):
        MAX_WRITE = 32 * 1024 // 4
        return x * 37

    SPACE, CONTINUE, FORK, END = range(4)
    """
    # rich's ``tree.py``: constants unpacked at once are named too
    assert magic(constants("w.py", parse("w.py", text), source(text))) == [("37", 3)]
    go = """
    package a

    var b [4]byte

    func F() int { var c [16]int; _ = c; return 42 }

    func G(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n + 64 }
    """
    # a bit size given to strconv is its unit (pflag: 38 of 47); the sum's 64 is magic
    assert magic(constants("a.go", parse("a.go", go), source(go))) == [("42", 5), ("64", 7)]


def test_a_radix_is_the_notations_not_magic() -> None:
    # axios's ``parseInt(hex, 16)``, ``Number.parseInt(group, 16)`` and ``value.toString(16)``,
    # qs's ``i.toString(16)``: a base, as a Go bit size is; other arguments stay magic.
    js = """
    export function f(hex, n, s) {
      const a = parseInt(hex, 16) + Number.parseInt(s.slice(0, 3), 2);
      const b = (n + 37).toString(16) + wrap(n, 16);
      return a + b + parseInt(hex.slice(4), 8) + parseInt(64, 10);
    }
    """
    found = magic(constants("f.js", parse("f.js", js), source(js)))
    assert found == [("3", 2), ("37", 3), ("16", 3), ("4", 4), ("64", 4)]
    py = """
    def g(text, n):
        return int(text, 16) + n.int(text, 16) + int(text[:4], base=36) + int(37)
    """
    assert magic(constants("g.py", parse("g.py", py), source(py))) == [
        ("16", 2),
        ("4", 2),
        ("37", 2),
    ]


def test_a_bit_size_given_to_a_functions_bit_size_parameter_is_not_magic() -> None:
    # gin's ``setIntField(val, 64, value)`` and echo's ``b.intValue(sourceParam, dest, 32,
    # false)`` pass on the unit their ``strconv.ParseInt`` asks for (echo's ``binder.go``: 46
    # such); a 32 in another place, or given to another function, stays magic.
    go = """
    package binding

    func setIntField(val string, bitSize int, field reflect.Value) error { return nil }

    func (b *ValueBinder) intValue(p string, dest any, bitSize int, must bool) {}

    func set(b *ValueBinder, val string, v reflect.Value) {
    \tsetIntField(val, 64, v)
    \tb.intValue(val, v, 32, false)
    \tsetIntField(val, f(32), v)
    \tresize(val, 32, v)
    }
    """
    assert magic(constants("a.go", parse("a.go", go), source(go))) == [("32", 10), ("32", 11)]


def test_credential_constants_keep_only_a_redacted_value() -> None:
    text = 'DB_PASSWORD = "correct-horse-battery"\nAPI_KEY = os.environ["API_KEY"]\n'
    rows = constants("s.py", parse("s.py", text), text)
    assert [(r.name, r.value) for r in rows] == [
        ("DB_PASSWORD", '"cor…(23)'),
        ("API_KEY", 'os.environ["API_KEY"]'),
    ]


def _reference_mentions(name: str, text: str) -> int:
    # The regex the substring search replaced.
    count = 0
    for m in re.finditer(rf"{re.escape(name)}(?![\w$])", text):
        before = text[m.start() - 1] if m.start() else " "
        if not (before.isalnum() or before in "_$"):
            count += 1
            if count > 1:
                break
    return count


@given(
    name=st.sampled_from(["AB", "A", "A$B", "ABA"]),
    text=st.text(alphabet=st.sampled_from(list("AB$_ .é1\n")), max_size=30),
)
def test_whole_identifier_mentions_are_counted_as_by_a_regex(name: str, text: str) -> None:
    assert constants_module._mentions(name, text) == _reference_mentions(name, text)


def test_http_statuses_file_modes_and_defaults_name_themselves() -> None:
    # fastify: 26 of 30 sampled magic numbers were HTTP statuses; aiohttp's defaults
    # ``max_part_size: int = 1024 * 1024`` and ``os.chmod(p, 0o644)``.
    text = """
    def serve(res, resp, path, max_part_size: int = 1024 * 1024):
        res.status(404)
        if resp.status_code == 200:
            os.chmod(path, 0o644)
        raise createError(503, "down")
        return resp.body[:4096] + wait(404)
    """
    rows = magic(constants("srv.py", parse("srv.py", text), source(text)))
    assert rows == [("4096", 6), ("404", 6)]  # no status on that line: magic


def test_a_value_with_names_or_calls_before_the_number_is_no_default() -> None:
    # QA: ``r1 = add(42)``, ``r3 = a * 37`` and ``delay = (4 - retries) * 2000`` had been
    # read as defaults' values.
    text = """
    def f(a, retries):
        r1 = add(42)
        r3 = a * 37
        delay = (4 - retries) * 2000
        size = 4 * 1024 * 1024
        return r1 + r3 + delay + size
    """
    rows = magic(constants("m.py", parse("m.py", text), source(text)))
    assert rows == [("42", 2), ("37", 3), ("4", 4), ("2000", 4)]


def test_a_fallback_and_a_go_function_s_const_name_their_numbers() -> None:
    # through2's ``opts.hwm ?? 16`` and ``opts.size || 64``: defaults, as ``(x = 32)`` is;
    # go-cmp's ``const minLen = 1 << 16`` in a function names its value.
    js = (
        "function f(opts) {\n  const a = opts.hwm ?? 16;\n  const b = opts.size || 64;\n"
        "  return a * 37;\n}\n"
    )
    assert magic(constants("s.js", parse("s.js", js), js)) == [("37", 4)]
    py = "def f(limit):\n    n = limit or 100\n    return n * 37\n"
    assert magic(constants("s.py", parse("s.py", py), py)) == [("37", 3)]
    # rich's ``codepoint < 32 or 0x07F <= codepoint``: a condition goes on after it
    cond = "def f(c, n):\n    if c < 33 or 127 <= c < 160:\n        return n or 77 * c\n"
    assert magic(constants("c.py", parse("c.py", cond), cond)) == [
        ("33", 2),
        ("127", 2),
        ("160", 2),
        ("77", 3),
    ]
    go = "package a\n\nfunc Grow(n int) int {\n\tconst minLen = 1 << 16\n\treturn n * 37\n}\n"
    assert magic(constants("a.go", parse("a.go", go), go)) == [("37", 5)]


def test_a_go_package_var_of_literals_and_names_names_its_numbers_in_any_order() -> None:
    # chi's ``defaultBacklogTimeout = time.Second * 60`` was a magic number where
    # ``45 * time.Second`` was not: a package-level ``var`` whose value is made of numbers,
    # names and operators is a constant in all but keyword. A value with a call is not, nor a
    # ``var`` in a function whose number follows a name (as ``r3 = a * 37`` in Python); a
    # function's ``:=`` names a number it starts with, as ``=`` does.
    go = """
    package a

    var defaultTimeout = time.Second * 60

    var (
        backlogTimeout         = time.Second * 90 // the backlog's
        otherTimeout           = 45 * time.Second
        maxSize        float64 = (1 << 20) * 1.5
        plainLimit             = 77
        buf                    = make([]byte, 4096)
        conv                   = time.Duration(30) * time.Second
    )

    func f() {
        var local = time.Second * 33
        timeout := 37 * time.Second
    }
    """
    assert magic(constants("a.go", parse("a.go", go), source(go))) == [
        ("4096", 10),
        ("30", 11),
        ("33", 15),
    ]


def test_a_status_given_to_go_s_own_status_calls_is_no_magic_number() -> None:
    # chi's ``w.WriteHeader(405)``: net/http's calls that take a status (``WriteHeader``,
    # ``http.Error``; ``http.Redirect`` and ``rec.Code`` were already on a status line).
    go = """
    package a

    func handle(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) {
        w.WriteHeader(405)
        http.Error(w, "nope", 418)
        http.Redirect(w, r, "/", 301)
        if rec.Code != 201 {
            w.Write(make([]byte, 4096))
        }
        w.Write(buf[:418])
    }
    """
    assert magic(constants("a.go", parse("a.go", go), source(go))) == [("4096", 8), ("418", 10)]


def test_a_status_given_to_a_status_call_over_several_lines_or_to_write_head_is_no_magic() -> None:
    # fastify's lib/errors.js: ``createError(\n'FST_ERR_…',\n'msg',\n500\n)``, 54 magic numbers,
    # the status on a line of its own; Node's ``res.writeHead(400, {…})`` (fastify.js). The call
    # the number is an argument of decides, wherever it opens; a number in an object or array
    # inside it, or after the call closed, is no status of its.
    js = """
    const codes = {
      FST_ERR_NOT_FOUND: createError(
        'FST_ERR_NOT_FOUND',
        'Not Found (see docs)',
        404
      ),
      FST_ERR_OPTIONS_NOT_OBJ: createError(
        'FST_ERR_OPTIONS_NOT_OBJ',
        'Options must be an object',
        500,
        TypeError
      )
    }
    function onBadUrl(res, body) {
      res.writeHead(400, { 'Content-Length': body.length })
      reply.send(
        420,
        res.status([
          503 * n
        ])
      )
      createError(
        'X', 'y', { limit: body.slice(0,
          4096) }
      )
      return wait(
        404
      )
    }
    """
    rows = magic(constants("lib/errors.js", parse("lib/errors.js", js), source(js)))
    assert rows == [("420", 17), ("503", 19), ("4096", 24), ("404", 27)]


def test_a_python_constant_s_value_over_several_lines_names_all_its_numbers() -> None:
    # httpx's ``FRAG_SAFE = "".join([chr(i) for i in range(0x20, 0x7F) if …])``: the numbers of
    # the continuation lines were 12 magic numbers of ``_urlparse.py``.
    text = """
    ONE_LINE = [chr(i) for i in range(0x20, 0x7F)]
    MULTI = "".join(
        [chr(i) for i in range(0x21, 0x7E)]
    )
    LIMITS = {
        "a": ")",  # a bracket in a string or a comment (
        "b": max(41, 43),
    }
    ESCAPED = 3 + \\
        47


    def f():
        return max(53, 59)
    """
    rows = constants("m.py", parse("m.py", text), source(text))
    assert [name for name, _, _, _ in named(rows)] == ["ONE_LINE", "MULTI", "LIMITS", "ESCAPED"]
    assert magic(rows) == [("53", 14), ("59", 14)]


def test_a_constant_over_several_lines_in_javascript_go_and_java() -> None:
    js = """
    const ONE = [3, 4];
    export const MULTI = [
      37, 41,
      Math.max(43, 47),
    ];
    const RE = /\\(/g;
    function f() { return Math.max(53, 59); }
    """
    rows = constants("a.js", parse("a.js", js), source(js))
    assert magic(rows) == [("53", 7), ("59", 7)]
    go = """
    package a

    const (
        A = 37 +
            41
        B = 43
    )

    func f() int { return max(53, 59) }
    """
    rows = constants("a.go", parse("a.go", go), source(go))
    assert magic(rows) == [("53", 9), ("59", 9)]
    java = """
    public class A {
        static final java.util.List<Integer> L = java.util.List.of(
            47, 53);
        static final int DEBUG = // a comment first (java.net.http's Utils)
            Integer.getInteger("debug", 67);
        int f() { return Math.max(59, 61); }
    }
    """
    rows = constants("A.java", parse("A.java", java), source(java))
    assert named(rows) == [
        ("L", "java.util.List.of(", 2, False),
        ("DEBUG", 'Integer.getInteger("debug", 67)', 4, False),
    ]
    assert magic(rows) == [("59", 6), ("61", 6)]


def test_a_slice_stripping_a_tested_prefix_or_suffix_is_its_length() -> None:
    # DRF: ``name[:-10]`` after ``name.endswith('Serializer')``, ``[5:]`` after
    # ``startswith('HTTP_')``. A bound of another length, of another receiver, or a test too far
    # back stays magic.
    text = """
    def name_of(name, header, other):
        if name.endswith('Serializer'):
            name = name[:-10]
        elif name.endswith("APIView"):
            name = name[:-7]
        if header.startswith('HTTP_'):
            header = header[5:]
        if other.startswith('HTTP_'):
            return other[6:] + name[5:] + name[:-3]
        return x[5:]
    """
    rows = constants("m.py", parse("m.py", text), source(text))
    assert magic(rows) == [("6", 9), ("5", 9), ("-3", 9), ("5", 10)]
    js = """
    function f(s, t) {
      if (s.startsWith('abc')) { s = s.slice(3); }
      if (t.endsWith("abcd")) { t = t.slice(0, -4) + t.substring(0, t.length - 4); }
      return s.slice(0, -3) + t.slice(4);
    }
    """
    rows = constants("a.js", parse("a.js", js), source(js))
    assert magic(rows) == [("-3", 4), ("4", 4)]
    go = """
    package a

    func f(s string) string {
        if strings.HasPrefix(s, "abc") && strings.HasSuffix(s, "wxyz") {
            return s[3:] + s[:len(s)-4] + s[4:]
        }
        return s
    }
    """
    rows = constants("a.go", parse("a.go", go), source(go))
    assert magic(rows) == [("4", 5)]
    java = """
    class A {
        String f(String s) {
            if (s.startsWith("abc") && s.endsWith("wxyz")) {
                return s.substring(3) + s.substring(0, s.length() - 4) + s.substring(5);
            }
            return s;
        }
    }
    """
    rows = constants("A.java", parse("A.java", java), source(java))
    assert magic(rows) == [("5", 4)]


def test_a_number_checked_against_a_status_s_holder_is_no_magic_number() -> None:
    # java.net.http: ``switch (statusCode) { case 301, 302 -> … }`` (RedirectFilter),
    # ``rcode == 101`` (Exchange), ``responseCode > 199`` (Stream) and ``int c =
    # response.statusCode(); … c != 101`` (OpeningHandshake); a byte, a length or an opcode
    # checked the same way stays magic.
    text = """
    class RedirectFilter {
        static String redirectedMethod(int statusCode, String orig) {
            return switch (statusCode) {
                case 301, 302 -> orig.equals("POST") ? "GET" : orig;
                case 303 -> { yield "GET"; }
                case 307 -> orig;
                default -> orig;
            };
        }
        boolean upgrade(HttpResponse<?> response, int rcode, int responseCode) {
            int c = response.statusCode();
            if (upgrading && (rcode == 101)) { return true; }
            if (responseCode < 100 || responseCode > 199) { return false; }
            if (c != 101 || 404 == getResponseCode()) { return false; }
            switch (opcode)
            {
                case 130: return false;
            }
            if (payloadLen < 126 || b > 255) { return true; }
            return rcode + 300 > 0;
        }
    }
    """
    rows = magic(constants("R.java", parse("R.java", text), source(text)))
    assert rows == [("130", 17), ("126", 19), ("255", 19), ("300", 20)]
    go = """
    package a

    func follow(resp *http.Response, n int) bool {
        switch code := resp.StatusCode; code {
        case 301, 302:
            return true
        }
        switch n {
        case 301:
            return false
        }
        return false
    }
    """
    assert magic(constants("a.go", parse("a.go", go), source(go))) == [("301", 9)]
    python = """
    def follow(resp, n):
        match resp.status:
            case 301 | 302:
                return True
        match n:
            case 303:
                return False
    """
    assert magic(constants("f.py", parse("f.py", python), source(python))) == [("303", 6)]


def test_a_java_array_creation_s_size_is_its_length_not_magic() -> None:
    # java.util.stream's ``new double[4]`` (Collectors, DoublePipeline), as Go's ``[4]byte``;
    # the indexes into it stay magic, and so does a size computed from a number.
    text = """
    class A {
        double[] avg(int n) {
            double[] a = new double[4];
            int[][] b = new int[3][(5)];
            a[3] += 1;
            StringBuilder sb = new StringBuilder(128);
            return new double[n + 7];
        }
    }
    """
    rows = magic(constants("A.java", parse("A.java", text), source(text)))
    assert rows == [("3", 5), ("128", 6), ("7", 7)]


def test_a_character_code_compared_is_no_magic_number() -> None:
    # find-my-way: ``pattern.charCodeAt(i) === 58`` (``:``), ``const charCode =
    # path.charCodeAt(i)`` then ``charCode === 37``: about 60 of its 81 magic numbers. A
    # number compared with a ``charCodeAt``/``codePointAt`` call, or with a name the same
    # function gave one, or a ``case`` of a ``switch`` on one, is a character; arithmetic on
    # one, a name given something else, and another function's same name are not.
    js = """
    function parse(pattern, i) {
      if (pattern.charCodeAt(i) === 58 && pattern.charCodeAt(i + 1) !== 58) return 3
      if (42 == pattern.codePointAt(i)) return 4
      const charCode = pattern.charCodeAt(i)
      const isStatic = charCode === 45 || charCode >= 46
      switch (charCode) {
        case 47:
          return 5
      }
      const digit = pattern.charCodeAt(i) - 48
      return digit > 9 || pattern.charCodeAt(i) + 37
    }
    function other(charCode) {
      return charCode === 37
    }
    """
    rows = magic(constants("index.js", parse("index.js", js), source(js)))
    assert rows == [("3", 2), ("4", 3), ("5", 8), ("48", 10), ("9", 11), ("37", 11), ("37", 14)]
    py = """
    def scan(s):
        c = ord(s[0])
        if c == 58 or 48 <= ord(s[1]) <= 57 or ord(s[2]) > 0xFFFF:
            return 3
        match c:
            case 47:
                return 4
        n = ord(s[3]) - 48
        return n == 9
    """
    rows = magic(constants("scan.py", parse("scan.py", py), source(py)))
    assert rows == [("3", 4), ("4", 7), ("3", 8), ("48", 8), ("9", 9)]


def test_the_rows_of_a_table_built_by_calls_are_no_magic_numbers() -> None:
    # java.net.http's HPACK Huffman code: ``addChar(tmpRoot, 0, 0x1ff8, 13);`` on 256 lines in
    # a static method (QuickHuffman) and a constructor (NaiveHuffman), 1,508 of its 1,832
    # magic numbers. Four lines or more in a row, each one call to the same callee with only
    # literals and names for arguments, a number and another argument varying from line to
    # line, are a table's rows. The call after the table (``addEOS``), numbers in logic, the
    # same numbers passed on every line (a parameter, cmd.py's ``print_topics(…, 15, 80)``)
    # and a run of three stay magic. Stored values: a row stores a literal (SHA's initial
    # ``state[3] = 0x10325476;``), not a name (an unrolled ``r[3] = c3;``), and not the same
    # one in every row (Long's ``buf[23] = '-';`` fills the places of a UUID's dashes; so does
    # its ``putChar(buf, 23, '-');``: only a place varies).
    java = """
    final class Huffman {
        private static Node buildTrie() {
            Node root = new Node();
            // @formatter:off
            addChar(root,   0, 0x1ff8,     13);
            addChar(root,   1, 0x7fffd8,   23);

            addChar(root,   2, 0xfffffe2,  28); // 'a'
            addChar(root,   3, 0xfffffe3,  28);
            addEOS (root, 256, EOS_LSB, EOS_LENGTH);
            if (len > 4096) { sleep(30); }
            return root;
        }
        void render() {
            printTopics(header, docs, 15, 80);
            printTopics(misc, topics, 15, 80);
            printTopics(undoc, rest, 15, 80);
            printTopics(other, more, 15, 80);
            map.put(5, "a");
            map.put(6, "b");
            map.put(7, "c");
            buf[23] = '-';
            buf[18] = '-';
            buf[13] = '-';
            buf[8]  = '-';
            r[3] = c3;
            r[4] = c4;
            r[5] = c5;
            r[6] = c6;
            state[0] = 0x67452301;
            state[1] = 0xefcdab89;
            state[2] = 0x98badcfe;
            state[3] = 0x10325476;
            putChar(buf, 23, '-');
            putChar(buf, 18, '-');
            putChar(buf, 13, '-');
            putChar(buf,  8, '-');
        }
    }
    """
    rows = magic(constants("Huffman.java", parse("Huffman.java", java), source(java)))
    assert rows == [
        ("256", 10),
        ("4096", 11),
        ("30", 11),
        *[(n, line) for line in range(15, 19) for n in ("15", "80")],
        ("5", 19),
        ("6", 20),
        ("7", 21),
        ("23", 22),
        ("18", 23),
        ("13", 24),
        ("8", 25),
        ("3", 26),
        ("4", 27),
        ("5", 28),
        ("6", 29),
        ("23", 34),
        ("18", 35),
        ("13", 36),
        ("8", 37),
    ]


def test_a_table_of_calls_or_keyed_rows_is_data_in_every_language() -> None:
    # The stdlib's opcode.py (``def_op('NOP', 9)``, one call a line at module level) and
    # socket.py (``errorTab[10004] = "…"``: a dict filled one key a line, 95 magic numbers);
    # a list of calls, one a line. A single ``name_op`` and logic stay magic.
    py = """
    def_op('NOP', 9)
    def_op('UNARY_NEGATIVE', 11)
    def_op('UNARY_NOT', 12)     # comment
    def_op('UNARY_INVERT', 15)
    name_op('STORE_NAME', 90)
    errorTab = {}
    errorTab[10004] = "Interrupted."
    errorTab[10009] = "Bad file."
    errorTab[10013] = "Denied."
    errorTab[10014] = "Bad address."
    codes = [
        Code(0x1ff8, 13),
        Code(0x7fffd8, 23),
        Code(0xfffffe2, 28),
        Code(0xfffffe3, 28),
    ]


    def f(buf):
        if len(buf) > 4096:
            sleep(30)
        return buf[:512]
    """
    rows = magic(constants("opcode.py", parse("opcode.py", py), source(py)))
    assert rows == [("90", 5), ("4096", 20), ("30", 21), ("512", 22)]
    js = """
    export function build(table) {
      table.set(0x1ff8, 13);
      table.set(0x7fffd8, 23);
      table.set(0xfffffe2, 28);
      table.set(0xfffffe3, 28);
      const entries = [
        new Code(0x1ff8, 13),
        new Code(0x7fffd8, 23),
        new Code(0xfffffe2, 28),
        new Code(0xfffffe3, 28),
      ];
      setTimeout(done, 3000);
    }
    """
    rows = magic(constants("huffman.ts", parse("huffman.ts", js), source(js)))
    assert rows == [("3000", 12)]
    go = """
    package hpack

    func init() {
    \tregister("a", 0x1ff8, 13)
    \tregister("b", 0x7fffd8, 23)
    \tregister("c", 0xfffffe2, 28)
    \tregister("d", 0xfffffe3, 28)
    \tbuf := make([]byte, 4096)
    \tpowers := []*big.Int{
    \t\tbig.NewInt(1000),
    \t\tbig.NewInt(10000),
    \t\tbig.NewInt(100000),
    \t\tbig.NewInt(1000000),
    \t}
    \t_, _ = buf, powers
    }
    """
    # one item a row (java.math's ``BigInteger.valueOf(1000),`` …): a list of values
    assert magic(constants("huffman.go", parse("huffman.go", go), source(go))) == [("4096", 8)]
