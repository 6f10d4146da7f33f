"""Loading pack TOML: the schema it builds and the errors it gives for bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drift.analysis.packs import (
    DEFAULT_DEVIATION_THRESHOLD,
    DEFAULT_PATTERN_CONFIDENCE,
    GroupBy,
    LearnSignal,
    SignalKind,
    load_builtin_packs,
    load_pack_dir,
    load_pack_file,
    load_pack_text,
    load_packs,
)
from drift.errors import ConfigError

FULL_PACK = """
[framework]
name = "demo"
display_name = "Demo pack"
version = "2"
description = "Exercises every key."
languages = ["py", "TypeScript", "golang"]
detect_by = [{ import = "flask" }, { file_pattern = "**/app.py" }, { dependency = "django" }]

[[patterns]]
id = "DEMO-001"
category = "logging"
sub_type = "logger"
description = "All predicates."
confidence = 0.6
cwe_ids = [532, 117]
owasp = "A09:2021"
[patterns.match]
imports = ["logging"]
calls = ["logging.getLogger", "print", "*.info"]
decorators = ["@app.route"]
function_names = ['^get_']
class_names = ['Logger$']
extends = ["Base"]
exports = ["main"]
string_literals = ['^SELECT']
content_patterns = ['logger\\.\\w+\\(', '(?<!x)foo']
error_handling = ["empty", "generic"]
file_patterns = ["*.py"]
language = "python"
[patterns.match.not]
file_patterns = ["test_*.py"]
[patterns.learn]
group_by = "category"
signal = "convention"
deviation_threshold = 0.2

[[patterns]]
id = "DEMO-002"
category = "security"
[patterns.match]
calls = ["eval"]
"""


def minimal(match: str = 'calls = ["eval"]', extra: str = "", pattern_extra: str = "") -> str:
    return f"""
[framework]
name = "mini"
{extra}

[[patterns]]
id = "MINI-001"
category = "security"
{pattern_extra}
[patterns.match]
{match}
"""


def error_of(text: str, source: str = "packs/mini.toml") -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_pack_text(text, source)
    return caught.value


def test_full_pack_builds_the_schema() -> None:
    pack = load_pack_text(FULL_PACK, "demo.toml")
    assert pack.name == "demo"
    assert pack.display_name == "Demo pack"
    assert pack.version == "2"
    assert pack.source == "demo.toml"
    assert pack.languages == frozenset({"python", "typescript", "go"})
    assert [(s.kind, s.value) for s in pack.detect_by] == [
        (SignalKind.IMPORT, "flask"),
        (SignalKind.FILE_PATTERN, "**/app.py"),
        (SignalKind.DEPENDENCY, "django"),
    ]
    assert pack.detect_by[1].glob is not None
    first, second = pack.patterns
    assert first.id == "DEMO-001"
    assert first.pack == "demo"
    assert first.confidence == 0.6
    assert first.cwe_ids == (532, 117)
    assert first.owasp == "A09:2021"
    assert first.sub_type == "logger"
    match = first.match
    assert match.imports == ("logging",)
    assert [(c.receiver, c.method) for c in match.calls] == [
        ("logging", "getLogger"),
        (None, "print"),
        ("*", "info"),
    ]
    assert match.decorators == ("app.route",)  # a leading @ is dropped
    assert [r.pattern for r in match.function_names] == ["^get_"]
    assert match.extends == ("Base",)
    assert match.exports == ("main",)
    assert match.error_handling == ("empty", "generic")
    assert match.language == "python"
    assert [g.text for g in match.file_patterns] == ["*.py"]
    # The plain regex gets a whole-text fast path; the look-behind one is searched per line.
    assert match.content_patterns[0].text_regex is not None
    assert match.content_patterns[1].text_regex is None
    assert match.negated is not None
    assert [g.text for g in match.negated.file_patterns] == ["test_*.py"]
    assert first.learn is not None
    assert first.learn.group_by is GroupBy.CATEGORY
    assert first.learn.signal is LearnSignal.CONVENTION
    assert first.learn.deviation_threshold == 0.2
    # Defaults.
    assert second.confidence == DEFAULT_PATTERN_CONFIDENCE
    assert second.learn is None
    assert second.cwe_ids == ()


def test_learn_defaults() -> None:
    pack = load_pack_text(minimal(pattern_extra="learn = {}"), "x.toml")
    learn = pack.patterns[0].learn
    assert learn is not None
    assert learn.group_by is GroupBy.CATEGORY_SUB_TYPE
    assert learn.deviation_threshold == DEFAULT_DEVIATION_THRESHOLD


def test_invalid_regex_names_the_pack_and_the_rule() -> None:
    error = error_of(minimal(match="content_patterns = ['(unclosed']"))
    assert "packs/mini.toml" in error.message
    assert "pack 'mini'" in error.message
    assert "rule 'MINI-001'" in error.message
    assert "match.content_patterns" in error.message
    assert "'(unclosed'" in error.message


@pytest.mark.parametrize("field", ["function_names", "class_names", "string_literals"])
def test_invalid_regex_in_any_regex_field(field: str) -> None:
    error = error_of(minimal(match=f"{field} = ['[a-']"))
    assert "rule 'MINI-001'" in error.message
    assert f"match.{field}" in error.message


def test_invalid_regex_in_a_not_block_names_the_block() -> None:
    text = minimal(match='calls = ["eval"]\n[patterns.match.not]\ncontent_patterns = ["*x"]')
    error = error_of(text)
    assert "rule 'MINI-001'" in error.message
    assert "match.not.content_patterns" in error.message


RULE = "pack 'mini' rule 'MINI-001': "


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (minimal(extra="bogus = 1"), "unknown key 'framework.bogus'"),
        (minimal() + "\n[extra]\nx = 1\n", "unknown key 'extra'"),
        (minimal(pattern_extra="severity = 'high'"), RULE + "unknown key 'patterns[0].severity'"),
        (
            minimal(match='calls = ["eval"]\nimport = ["x"]'),
            RULE + "unknown key 'patterns[0].match.import'",
        ),
        (
            minimal(match='calls = ["eval"]\n[patterns.match.not]\nfoo = ["x"]'),
            RULE + "unknown key 'patterns[0].match.not.foo'",
        ),
        (
            minimal(pattern_extra='learn = { group = "category" }'),
            RULE + "unknown key 'patterns[0].learn.group'",
        ),
    ],
)
def test_unknown_key_names_the_file_and_the_key(text: str, message: str) -> None:
    error = error_of(text)
    assert error.message == "packs/mini.toml: " + message
    assert error.hint is not None
    assert error.hint.startswith("allowed keys here:")


def test_reference_predicates_we_do_not_evaluate_are_named() -> None:
    error = error_of(minimal(match='calls = ["eval"]\nreturn_types = ["int"]'))
    assert "return_types" in error.message
    assert "not supported" in error.message


def test_malformed_toml_names_the_file() -> None:
    error = error_of("[framework\nname = 'x'")
    assert error.message.startswith("packs/mini.toml: invalid TOML")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[[patterns]]\nid='A'\ncategory='api'\n[patterns.match]\ncalls=['x']", "[framework]"),
        ("[framework]\nname='x'\n", "at least one [[patterns]]"),
        ("[framework]\n[[patterns]]\nid='A'", "required key 'name'"),
        (minimal().replace('id = "MINI-001"', ""), "required key 'id'"),
        (minimal().replace('category = "security"', ""), "required key 'category'"),
        (minimal().replace('category = "security"', 'category = "misc"'), "unknown category"),
        (minimal(extra='languages = ["cobol"]'), "unknown language 'cobol'"),
        (minimal(match='calls = ["eval"]\nlanguage = "cobol"'), "unknown language 'cobol'"),
        (minimal(match="calls = 'eval'"), "must be a list of non-empty strings"),
        (minimal(match='calls = [""]'), "must be a list of non-empty strings"),
        (minimal(match='calls = ["logging."]'), "has an empty part"),
        (minimal(pattern_extra="confidence = 1.5"), "between 0 and 1"),
        (minimal(pattern_extra="confidence = true"), "must be a number"),
        (minimal(pattern_extra="cwe_ids = ['CWE-89']"), "positive integers"),
        (minimal(pattern_extra="cwe_ids = [0]"), "positive integers"),
        (minimal(match='error_handling = ["oops"]'), "unknown error_handling kind 'oops'"),
        (minimal(match='file_patterns = ["*.py"]'), "no predicate that emits"),
        (minimal(match='calls = ["x"]\n[patterns.match.not]'), "not block is empty"),
        (minimal(match="content_patterns = ['x*']"), "matches an empty line"),
        (
            minimal(match="content_patterns = ['x']\ncontent_in = 'comments'"),
            "unknown match.content_in 'comments'",
        ),
        (minimal(match='calls = ["x"]\ncontent_in = "text"'), "has no content_patterns"),
        (minimal(match='calls = ["x"]\nnot_values_of = ["$id"]'), "has no string_literals"),
        (minimal(match='imports = ["x"]\nreceivers = ["cur"]'), "has no calls"),
        (minimal(match='calls = ["x"]\nreceivers = ["a.b"]'), "is no name or name()"),
        (minimal(match='calls = ["x"]\nreceivers = ["*()"]'), "is no name or name()"),
        (minimal(match='file_patterns = ["[a-"]\ncalls = ["x"]'), "invalid glob"),
        (minimal(extra='detect_by = [{ file_pattern = "a[" }]'), "invalid glob"),
        (minimal(extra='detect_by = [{ import = "a", decorator = "b" }]'), "exactly one of"),
        (minimal(extra='detect_by = [{ package = "a" }]'), "unknown key"),
        (minimal(pattern_extra='learn = { group_by = "file" }'), "unknown learn.group_by"),
        (minimal(pattern_extra='learn = { signal = "frequency" }'), "unsupported learn.signal"),
        (minimal().replace("MINI-001", "MINI/001"), "may hold only"),
    ],
)
def test_bad_input_gives_one_clear_error(text: str, fragment: str) -> None:
    error = error_of(text)
    assert error.message.startswith("packs/mini.toml: ")
    assert fragment in error.message


def test_a_reversed_range_in_a_glob_names_the_file_the_key_and_the_problem() -> None:
    error = error_of(minimal(match='file_patterns = ["[z-a].py"]\ncalls = ["x"]'))
    assert error.message == (
        "packs/mini.toml: " + RULE + "invalid glob in match.file_patterns: '[z-a].py': "
        "bad character range z-a in '[z-a]'"
    )
    error = error_of(minimal(extra='detect_by = [{ file_pattern = "src/[z-a]*" }]'))
    assert error.message == (
        "packs/mini.toml: invalid glob in framework.detect_by[0].file_pattern: 'src/[z-a]*': "
        "bad character range z-a in '[z-a]'"
    )


def test_duplicate_id_within_a_pack() -> None:
    text = minimal() + '\n[[patterns]]\nid = "MINI-001"\ncategory = "api"\n[patterns.match]\n'
    text += 'calls = ["x"]\n'
    error = error_of(text)
    assert "rule 'MINI-001'" in error.message
    assert "appears twice" in error.message


def test_pack_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "b.toml").write_text(minimal().replace("mini", "bee").replace("MINI", "BEE"))
    (tmp_path / "a.toml").write_text(minimal())
    (tmp_path / "notes.txt").write_text("not a pack")
    packs = load_pack_dir(tmp_path)
    assert [p.name for p in packs] == ["mini", "bee"]  # file-name order: a.toml, b.toml
    assert packs[0].source == str(tmp_path / "a.toml")
    assert load_pack_dir(tmp_path / "missing") == []
    with pytest.raises(ConfigError) as caught:
        load_pack_file(tmp_path / "missing.toml")
    assert str(tmp_path / "missing.toml") in caught.value.message


def test_user_pack_replaces_a_builtin_of_the_same_name(tmp_path: Path) -> None:
    custom = minimal().replace('name = "mini"', 'name = "logging"')
    (tmp_path / "logging.toml").write_text(custom)
    packs = {p.name: p for p in load_packs([tmp_path])}
    assert [p.id for p in packs["logging"].patterns] == ["MINI-001"]
    assert "errors" in packs  # the other built-ins stay


def test_pattern_ids_must_be_unique_across_packs(tmp_path: Path) -> None:
    clash = minimal().replace("MINI-001", "ERR-EMPTY-HANDLER")
    (tmp_path / "mine.toml").write_text(clash)
    with pytest.raises(ConfigError) as caught:
        load_packs([tmp_path])
    message = caught.value.message
    assert "ERR-EMPTY-HANDLER" in message
    assert "pack 'errors'" in message
    assert "pack 'mini'" in message


def test_two_user_packs_with_one_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "p.toml").write_text(minimal())
    (tmp_path / "two" / "p.toml").write_text(minimal().replace("MINI-001", "MINI-002"))
    with pytest.raises(ConfigError, match=re.escape("pack name 'mini' is also used by")):
        load_packs([tmp_path / "one", tmp_path / "two"])


def test_load_packs_without_builtins(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(minimal())
    assert [p.name for p in load_packs([tmp_path], include_builtin=False)] == ["mini"]
    assert load_packs(include_builtin=False) == []


def test_builtin_packs_are_cached_but_returned_as_fresh_lists() -> None:
    first = load_builtin_packs()
    second = load_builtin_packs()
    assert first == second
    assert first is not second
    first.clear()
    assert load_builtin_packs() == second
