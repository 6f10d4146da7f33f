"""Evaluating pack predicates against the facts of one file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.packs import (
    MAX_MATCHES_PER_PATTERN,
    CallSite,
    ErrorHandlerSite,
    FileFactsData,
    Pack,
    PatternMatch,
    PatternSpec,
    Site,
    block_matches,
    evaluate_file,
    evaluate_pattern,
    load_pack_text,
    pack_is_active,
    signal_sites,
)
from drift.analysis.packs.matching import MAX_MATCHED_TEXT
from drift.errors import ConfigError
from drift.pipeline.facts import file_facts
from drift.scan import parse_source
from tests.unit.analysis.naive_search import naive_line_search


def pack_of(body: str, header: str = "") -> Pack:
    return load_pack_text(f'[framework]\nname = "t"\n{header}\n{body}', "t.toml")


def pattern(match: str, *, pid: str = "P-1", extra: str = "") -> PatternSpec:
    body = f'[[patterns]]\nid = "{pid}"\ncategory = "errors"\n{extra}\n[patterns.match]\n{match}'
    return pack_of(body).patterns[0]


PY = FileFactsData(
    path="app/service.py",
    language="python",
    text="import logging\nlog = logging.getLogger(__name__)\n\ndef get_user():\n    print('hi')\n",
    imports=(Site("logging", 1, 1), Site("os.path", 1, 1)),
    calls=(
        CallSite("getLogger", "logging", 2, 7),
        CallSite("print", None, 5, 5),
        CallSite("info", "self.logger", 6, 9),
        CallSite("info", None, 7, 1),
    ),
    decorators=(Site("app.route", 3, 1), Site("staticmethod", 8, 1)),
    function_names=(Site("get_user", 4, 5), Site("helper", 9, 5)),
    class_names=(Site("UserService", 10, 7),),
    extends=(Site("models.Model", 10, 19), Site("Generic[T]", 10, 33)),
    exports=(Site("get_user", 4, 1),),
    string_literals=(Site("SELECT * FROM t", 11, 9), Site("hello", 12, 3)),
    error_handlers=(
        ErrorHandlerSite(frozenset({"except", "catch", "handler", "empty", "generic"}), 13, 5),
        ErrorHandlerSite(frozenset({"finally"}), 15, 5),
    ),
)


def located(matches: list[PatternMatch]) -> list[tuple[str, int, int]]:
    return [(m.predicate, m.line, m.column) for m in matches]


def test_imports_match_by_case_insensitive_substring() -> None:
    found = evaluate_pattern(pattern('imports = ["LOGGING", "sys"]'), PY)
    assert located(found) == [("imports", 1, 1)]
    assert found[0].matched_text == "logging"


def test_call_receivers() -> None:
    # `recv.method` matches the receiver exactly or as a dotted suffix; `method` any receiver.
    assert [m.line for m in evaluate_pattern(pattern('calls = ["logger.info"]'), PY)] == [6]
    assert [m.line for m in evaluate_pattern(pattern('calls = ["info"]'), PY)] == [6, 7]
    assert [m.line for m in evaluate_pattern(pattern('calls = ["*.info"]'), PY)] == [6]
    assert [m.line for m in evaluate_pattern(pattern('calls = ["-.info"]'), PY)] == [7]
    assert [m.line for m in evaluate_pattern(pattern('calls = ["elf.logger.info"]'), PY)] == []
    # `*.recv.method`: a receiver ending in `.recv` but more than it (a model's manager
    # `User.objects.get`, not a dict named `objects`).
    assert [m.line for m in evaluate_pattern(pattern('calls = ["*.logger.info"]'), PY)] == [6]
    assert [m.line for m in evaluate_pattern(pattern('calls = ["*.self.logger.info"]'), PY)] == []
    assert [m.line for m in evaluate_pattern(pattern('calls = ["*.logging.getLogger"]'), PY)] == []
    found = evaluate_pattern(pattern('calls = ["logging.getLogger"]'), PY)
    assert found[0].matched_text == "logging.getLogger"


def test_receivers_say_what_a_calls_receiver_must_be() -> None:
    # A name is the receiver's last part (a subscript cut, ``*`` any characters); ``name()``
    # is a receiver the code says a call or class of that name made.
    facts = FileFactsData(
        path="db.py",
        language="python",
        calls=(
            CallSite("execute", "self", 1, 1),
            CallSite("execute", "executor", 2, 1),
            CallSite("execute", "self.cur", 3, 1),
            CallSite("execute", "cursors[0]", 4, 1),
            CallSite("execute", "bckcx", 5, 1),
            CallSite("execute", "handle", 6, 1, "sqlite3.connect"),
            CallSite("execute", "self.h", 7, 1, "self.handle.cursor"),
            CallSite("execute", "h", 8, 1, "*sqlite3.connect"),
            CallSite("execute", "h", 9, 1, "=connect"),
            CallSite("execute", None, 10, 1, "connect"),
        ),
    )
    spec = pattern(
        'calls = ["*.execute", "-.execute"]\n'
        'receivers = ["cur", "cursors", "*cx", "connect()", "cursor()"]'
    )
    assert [m.line for m in evaluate_pattern(spec, facts)] == [3, 4, 5, 6, 7]
    assert len(evaluate_pattern(pattern('calls = ["execute"]'), facts)) == 10


def test_decorators_function_and_class_names() -> None:
    assert [m.line for m in evaluate_pattern(pattern('decorators = ["Route"]'), PY)] == [3]
    names = evaluate_pattern(pattern("function_names = ['^get_', '^nothing']"), PY)
    assert [m.matched_text for m in names] == ["get_user"]
    classes = evaluate_pattern(pattern("class_names = ['Service$']"), PY)
    assert [m.matched_text for m in classes] == ["UserService"]


def test_extends_and_exports_match_names() -> None:
    # `Model` matches the qualified `models.Model`; type arguments are ignored.
    assert len(evaluate_pattern(pattern('extends = ["Model"]'), PY)) == 1
    assert len(evaluate_pattern(pattern('extends = ["models.Model"]'), PY)) == 1
    assert len(evaluate_pattern(pattern('extends = ["Generic"]'), PY)) == 1
    assert evaluate_pattern(pattern('extends = ["Mode"]'), PY) == []
    assert [m.line for m in evaluate_pattern(pattern('exports = ["get_user"]'), PY)] == [4]


def test_string_literals_and_error_handling() -> None:
    assert [m.line for m in evaluate_pattern(pattern("string_literals = ['^SELECT']"), PY)] == [11]
    found = evaluate_pattern(pattern('error_handling = ["empty", "finally"]'), PY)
    assert [(m.line, m.matched_text) for m in found] == [(13, "empty"), (15, "finally")]


def test_content_patterns_report_one_match_per_line_with_byte_columns() -> None:
    facts = FileFactsData(
        path="a.py", language="python", text="x = 1\nprint(1); print(2)\né print(3)\n"
    )
    found = evaluate_pattern(pattern("content_patterns = ['print\\(']"), facts)
    # Line 3: "é" is two bytes in UTF-8, so "print" starts at byte column 4.
    assert located(found) == [("content_patterns", 2, 1), ("content_patterns", 3, 4)]


CODE_AND_PROSE = 'x = eval(a)  # eval(b)\n"""eval(c) in a docstring"""\ny = \'eval(d)\'; eval(e)\n'


def test_content_patterns_match_code_and_leave_comments_and_strings_out() -> None:
    facts = FileFactsData(path="a.py", language="python", text=CODE_AND_PROSE)
    found = evaluate_pattern(pattern("content_patterns = ['eval\\(\\w\\)']"), facts)
    # Line 3: the first match is in a string; the one after it, in code, is the line's match.
    assert [(m.line, m.column, m.matched_text) for m in found] == [
        (1, 5, "eval(a)"),
        (3, 16, "eval(e)"),
    ]


def test_content_in_text_matches_comments_and_strings_too() -> None:
    facts = FileFactsData(path="a.py", language="python", text=CODE_AND_PROSE)
    spec = pattern("content_patterns = ['eval\\(\\w\\)']\ncontent_in = 'text'")
    found = evaluate_pattern(spec, facts)
    assert [(m.line, m.matched_text) for m in found] == [
        (1, "eval(a)"),
        (2, "eval(c)"),
        (3, "eval(d)"),
    ]


def test_a_string_literal_that_is_the_value_of_a_key_named_not_is_none() -> None:
    # ``not_values_of``: the values of ``$id`` and ``$schema`` are identifiers, even spelled as
    # URLs; the key is read right before the literal, quoted or not, on its line or, when the
    # literal starts its line, at the end of the line above.
    text = (
        "a = { $id: 'x1', '$schema' : \"x2\" }\n"
        "b = f('x3', { id: 'x4', my$id: 'x5' })\n"
        "c = { $id:\n  'x6' }\n"
    )
    facts = FileFactsData(
        path="a.js",
        language="javascript",
        text=text,
        string_literals=(
            Site("x1", 1, 12),
            Site("x2", 1, 30),
            Site("x3", 2, 7),
            Site("x4", 2, 19),
            Site("x5", 2, 32),
            Site("x6", 4, 3),
        ),
    )
    spec = pattern("string_literals = ['^x']\nnot_values_of = ['$id', '$schema']")
    assert [m.matched_text for m in evaluate_pattern(spec, facts)] == ["x3", "x4", "x5"]


def test_a_content_match_at_a_strings_opening_quote_is_code() -> None:
    facts = FileFactsData(
        path="a.js", language="javascript", text='q = "SELECT * FROM t WHERE id=" + id;\n'
    )
    found = evaluate_pattern(pattern("""content_patterns = ['"SELECT']"""), facts)
    assert [(m.line, m.column) for m in found] == [(1, 5)]


def test_content_patterns_see_lines_as_splitlines_does() -> None:
    # CRLF and a lone CR both end lines; `$` must anchor before them.
    facts = FileFactsData(path="a.py", language="python", text="foo\r\nbar foo\rfoo bar\n")
    assert [m.line for m in evaluate_pattern(pattern("content_patterns = ['foo$']"), facts)] == [
        1,
        2,
    ]
    assert [m.line for m in evaluate_pattern(pattern("content_patterns = ['^foo']"), facts)] == [
        1,
        3,
    ]


def test_predicates_combine_with_and_values_with_or() -> None:
    both = pattern('imports = ["logging"]\ncalls = ["print"]')
    assert sorted(located(evaluate_pattern(both, PY))) == [("calls", 5, 5), ("imports", 1, 1)]
    one_missing = pattern('imports = ["logging"]\ncalls = ["nowhere"]')
    assert evaluate_pattern(one_missing, PY) == []
    either = pattern('calls = ["nowhere", "print"]')
    assert [m.line for m in evaluate_pattern(either, PY)] == [5]


def test_filters_emit_nothing_but_decide() -> None:
    assert evaluate_pattern(pattern('calls = ["print"]\nfile_patterns = ["*.js"]'), PY) == []
    kept = evaluate_pattern(pattern('calls = ["print"]\nfile_patterns = ["*.js", "app/*"]'), PY)
    assert located(kept) == [("calls", 5, 5)]
    assert evaluate_pattern(pattern('calls = ["print"]\nlanguage = "go"'), PY) == []
    assert len(evaluate_pattern(pattern('calls = ["print"]\nlanguage = "py"'), PY)) == 1


def test_not_block_vetoes_the_file() -> None:
    vetoed = pattern('calls = ["print"]\n[patterns.match.not]\nimports = ["logging"]')
    assert evaluate_pattern(vetoed, PY) == []
    kept = pattern('calls = ["print"]\n[patterns.match.not]\nimports = ["logging"]\ncalls = ["x"]')
    # The not block needs all of its predicates: `x` is never called, so it does not veto.
    assert len(evaluate_pattern(kept, PY)) == 1
    by_path = pattern('calls = ["print"]\n[patterns.match.not]\nfile_patterns = ["service.py"]')
    assert evaluate_pattern(by_path, PY) == []
    nested = pattern(
        'calls = ["print"]\n[patterns.match.not]\nimports = ["logging"]\n'
        '[patterns.match.not.not]\nfile_patterns = ["app/**"]'
    )
    # not(imports logging AND not(in app/)) does not veto a file inside app/.
    assert len(evaluate_pattern(nested, PY)) == 1
    assert vetoed.match.negated is not None
    assert block_matches(vetoed.match.negated, PY)
    assert not block_matches(pattern('calls = ["nowhere"]').match, PY)


def test_match_carries_the_pattern_metadata() -> None:
    spec = pattern('calls = ["print"]', extra='sub_type = "s"\ncwe_ids = [79]\nowasp = "A03:2021"')
    (match,) = evaluate_pattern(spec, PY)
    assert (match.pattern_id, match.pack, match.category, match.sub_type) == (
        "P-1",
        "t",
        "errors",
        "s",
    )
    assert (match.file, match.cwe_ids, match.owasp, match.confidence) == (
        "app/service.py",
        (79,),
        "A03:2021",
        0.8,
    )


def test_evaluate_file_applies_pack_languages() -> None:
    body = '[[patterns]]\nid = "A"\ncategory = "api"\n[patterns.match]\ncalls = ["print"]\n'
    go_only = pack_of(body, header='languages = ["go"]')
    any_language = pack_of(body)
    assert evaluate_file([go_only], PY) == []
    assert len(evaluate_file([any_language], PY)) == 1


def test_evaluate_file_caps_each_patterns_matches_in_file_order() -> None:
    text = "\n".join(f"print({i})" for i in range(150))
    facts = FileFactsData(path="big.py", language="python", text=text)
    body = ""
    for pid in ("Z-LAST", "A-FIRST"):
        body += f'[[patterns]]\nid = "{pid}"\ncategory = "logging"\n[patterns.match]\n'
        body += "content_patterns = ['^print']\n"
    matches = evaluate_file([pack_of(body)], facts)
    # Each pattern keeps its first 100 lines; A-FIRST before Z-LAST on each line.
    assert len(matches) == 2 * MAX_MATCHES_PER_PATTERN
    assert [(m.line, m.pattern_id) for m in matches[:2]] == [(1, "A-FIRST"), (1, "Z-LAST")]
    assert matches[-1].line == 100
    assert len(evaluate_file([pack_of(body)], facts, max_matches=3)) == 6


def test_a_pattern_matching_early_leaves_the_others_their_matches() -> None:
    # requests's test module: imports and decorators at the top had used a cap shared by the
    # whole file, and the naming pattern of its 278 functions kept 28.
    text = "\n".join(["import os"] * 120 + [f"def f{i}(): pass" for i in range(30)])
    facts = FileFactsData(
        path="tests/test_big.py",
        language="python",
        text=text,
        imports=tuple(Site("os", i + 1) for i in range(120)),
        function_names=tuple(Site(f"f{i}", 121 + i, 5) for i in range(30)),
    )
    body = (
        '[[patterns]]\nid = "IMPORTS"\ncategory = "api"\n[patterns.match]\nimports = ["os"]\n'
        '[[patterns]]\nid = "NAMES"\ncategory = "structural"\n[patterns.match]\n'
        "function_names = ['^f']\n"
    )
    matches = evaluate_file([pack_of(body)], facts)
    counts = {pid: sum(m.pattern_id == pid for m in matches) for pid in ("IMPORTS", "NAMES")}
    assert counts == {"IMPORTS": MAX_MATCHES_PER_PATTERN, "NAMES": 30}


def test_pack_detect_signals() -> None:
    header = 'detect_by = [{ import = "Flask" }, { file_pattern = "**/wsgi.py" }]'
    body = '[[patterns]]\nid = "A"\ncategory = "api"\n[patterns.match]\ncalls = ["x"]\n'
    flask = pack_of(body, header=header)
    uses_flask = FileFactsData(path="a.py", language="python", imports=(Site("flask", 3),))
    assert signal_sites([flask], PY) == []
    assert signal_sites([flask], uses_flask) == [(flask.name, Site("flask", 3))]
    assert not pack_is_active(flask, set(), ["a.py"])
    assert pack_is_active(flask, {flask.name}, ["a.py"])
    assert pack_is_active(flask, set(), ["a.py", "srv/wsgi.py"])
    by_dependency = pack_of(body, header='detect_by = [{ dependency = "Django" }]')
    assert pack_is_active(by_dependency, set(), [], dependencies=["django"])
    assert not pack_is_active(by_dependency, set(), ["a.py"], dependencies=["flask"])
    decorated = pack_of(body, header='detect_by = [{ decorator = "route" }]')
    assert [name for name, _ in signal_sites([decorated], PY)] == [decorated.name]
    assert pack_is_active(pack_of(body), set(), [])  # no signals: always active


CONTENT_REGEXES = [
    r"ab",
    r"^a",
    r"b$",
    r"a\s+b",
    r"\bab\b",
    r"a.b",
    r"(?s)a.b",
    r"[ab]{2}$",
    r"^\s*b",
]


@given(
    text=st.text(alphabet=st.sampled_from(list("ab \t\n\r\x0cé")), max_size=60),
    regex=st.sampled_from(CONTENT_REGEXES),
)
def test_fast_content_search_equals_a_line_by_line_search(text: str, regex: str) -> None:
    spec = pattern(f"content_patterns = ['{regex}']")
    facts = FileFactsData(path="f.py", language="python", text=text)
    found = [(m.line, m.column) for m in evaluate_pattern(spec, facts)]
    assert found == naive_line_search(regex, text)


@given(count=st.integers(min_value=0, max_value=300), cap=st.integers(min_value=0, max_value=120))
def test_cap_is_never_exceeded(count: int, cap: int) -> None:
    facts = FileFactsData(
        path="f.py",
        language="python",
        calls=tuple(CallSite("print", None, i + 1) for i in range(count)),
    )
    spec_pack = pack_of(
        '[[patterns]]\nid = "A"\ncategory = "api"\n[patterns.match]\ncalls = ["print"]\n'
    )
    matches = evaluate_file([spec_pack], facts, max_matches=cap)
    assert len(matches) == min(count, cap)
    assert [m.line for m in matches] == list(range(1, min(count, cap) + 1))


def test_file_imports_only_filter() -> None:
    # flask: 83 of 272 "routes" were ``import flask`` lines; the import is context, not a route.
    facts = FileFactsData(
        path="app/views.py",
        language="python",
        imports=(Site("flask", 1, 1),),
        decorators=(Site("app.route", 3, 1), Site("bp.route", 7, 1)),
    )
    elsewhere = FileFactsData(path="a.py", language="python", decorators=facts.decorators)
    routes = 'file_imports = ["flask"]\ndecorators = [".route"]'
    assert [(m.line, m.predicate) for m in evaluate_pattern(pattern(routes), facts)] == [
        (3, "decorators"),
        (7, "decorators"),
    ]
    assert [m.line for m in evaluate_file([one_pattern_pack(routes)], facts)] == [3, 7]
    assert evaluate_pattern(pattern(routes), elsewhere) == []
    assert evaluate_file([one_pattern_pack(routes)], elsewhere) == []
    # In a ``not`` block it vetoes the files that import it (what they hold, not their path).
    not_flask = 'decorators = [".route"]\n[patterns.match.not]\nfile_imports = ["flask"]'
    assert evaluate_pattern(pattern(not_flask), facts) == []
    assert evaluate_file([one_pattern_pack(not_flask)], facts) == []
    assert [m.line for m in evaluate_file([one_pattern_pack(not_flask)], elsewhere)] == [3, 7]


def one_pattern_pack(match: str) -> Pack:
    return pack_of(f'[[patterns]]\nid = "P-1"\ncategory = "api"\n[patterns.match]\n{match}')


def test_a_block_of_filters_alone_is_refused_file_imports_included() -> None:
    with pytest.raises(ConfigError, match="no predicate that emits a match"):
        pattern('file_imports = ["flask"]')


def test_a_dependency_signal_compares_names_as_package_indexes_do() -> None:
    body = '[[patterns]]\nid = "A"\ncategory = "api"\n[patterns.match]\ncalls = ["x"]\n'
    pack = pack_of(body, header='detect_by = [{ dependency = "qa-dep-pkg" }]')
    assert pack_is_active(pack, set(), [], dependencies=["QA_Dep.Pkg"])
    assert not pack_is_active(pack, set(), [], dependencies=["qa-dep"])


def test_a_matched_text_never_carries_a_secret_even_when_cut() -> None:
    # A SQL string holding a Stripe key was stored, and reported, as the match's text; cut at
    # MAX_MATCHED_TEXT first, a key across the cut would have been left half in clear.
    key = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
    filler = "x" * (MAX_MATCHED_TEXT - 60)  # the key runs across the cut
    text = f"q = \"SELECT * FROM t WHERE a='{filler}' AND k='{key}' AND id=\" + str(n)\n"
    facts = FileFactsData(path="app/db.py", language="python", text=text)
    found = evaluate_pattern(pattern("content_patterns = ['^q = .*']"), facts)
    assert len(found) == 1
    assert key[:12] not in found[0].matched_text
    assert len(found[0].matched_text) <= MAX_MATCHED_TEXT
    everywhere = evaluate_file(
        [
            pack_of(
                '[[patterns]]\nid = "S"\ncategory = "security"\n'
                "[patterns.match]\ncontent_patterns = ['^q = .*']\n"
            )
        ],
        facts,
    )
    assert [key[:12] in m.matched_text for m in everywhere] == [False]


def test_a_function_passed_as_a_value_is_no_call_for_a_calls_predicate() -> None:
    # ``atexit.register(cleanup)`` calls ``register``; ``cleanup`` is a reference
    # (``ParseResult.references``): the call graph follows it, a ``calls`` pattern does not.
    text = "def cleanup():\n    pass\n\ndef main():\n    atexit.register(cleanup)\n"
    result = parse_source(text.encode(), "python")
    assert [(r.callee, r.line) for r in result.references] == [("cleanup", 5)]
    facts = file_facts("app/main.py", result, text)
    assert evaluate_pattern(pattern('calls = ["cleanup"]'), facts) == []
    assert [m.line for m in evaluate_pattern(pattern('calls = ["register"]'), facts)] == [5]
