"""The per-file entry point: every analysis at once, picklable, text-only files."""

from __future__ import annotations

import pickle

from drift.analysis.structure.file_structure import FileStructure, abstract_types, file_structure
from tests.unit.structure.support import parse, repo, source

MIXED = """
import os
from django.db import models

MAX_USERS = 100
API_TOKEN = "Zx8#Lq2!Vm5@Np9$Tb4%"


class Profile(models.Model):
    email = models.EmailField()


def load():
    try:
        return os.environ["PROFILE_PATH"]
    except KeyError:
        pass
"""


def test_one_file_gives_every_kind_of_row() -> None:
    facts = file_structure("people/models.py", parse("people/models.py", MIXED), source(MIXED))
    assert [(g.function_id, g.gap_type) for g in facts.error_gaps] == [("load", "empty_catch")]
    assert [(c.name, c.value) for c in facts.constants] == [
        ("MAX_USERS", "100"),
        ("API_TOKEN", '"Zx8…(22)'),
    ]
    assert [(e.name, e.line) for e in facts.env_variables] == [("PROFILE_PATH", 14)]
    assert [(s.pattern_name, s.line, s.redacted_value) for s in facts.secrets] == [
        ("generic_secret", 5, "Zx8#…(20)")
    ]
    assert [(b.model_name, b.field_name, b.sensitivity) for b in facts.boundaries] == [
        ("Profile", None, None),
        ("Profile", "email", "pii"),
    ]
    assert facts.abstract_types == ()
    assert facts.assertion_lines == ()


def test_facts_survive_pickling_for_worker_processes() -> None:
    facts = file_structure("people/models.py", parse("people/models.py", MIXED), source(MIXED))
    copy = pickle.loads(pickle.dumps(facts))
    assert isinstance(copy, FileStructure)
    assert copy == facts


def test_text_only_files() -> None:
    schema = "model Tag {\n  id Int @id\n  label String\n}\n"
    facts = file_structure("prisma/schema.prisma", None, schema)
    assert [(b.framework, b.model_name, b.field_name) for b in facts.boundaries] == [
        ("prisma", "Tag", None),
        ("prisma", "Tag", "id"),
        ("prisma", "Tag", "label"),
    ]
    dotenv = "DB_PASSWORD=Zx8#Lq2!Vm5@Np9$Tb4%  # rotated monthly\nDB_USER=app\n"
    env_facts = file_structure(".env", None, dotenv)
    assert [s.pattern_name for s in env_facts.secrets] == ["generic_secret"]
    assert env_facts.constants == ()
    assert env_facts.error_gaps == ()


def test_abstract_types_read_from_text() -> None:
    java = "public abstract class Shape {}\nclass Box extends Shape {}\n"
    assert abstract_types(parse("Shape.java", java), java) == ("Shape",)
    ts = "export abstract class Repo<T> {}\nexport class Users {}\n"
    assert abstract_types(parse("repo.ts", ts), ts) == ("Repo",)
    py = "import abc\nclass Base(metaclass=abc.ABCMeta):\n    pass\nclass Leaf(Base):\n    pass\n"
    assert abstract_types(parse("b.py", py), py) == ("Base",)
    go = "package x\n\ntype abstract struct{}\n"
    assert abstract_types(parse("x.go", go), go) == ()


def test_assertion_lines_only_for_test_files() -> None:
    # ``assert (`` wrapped over lines, as black writes a long one (fastapi's tests), is one.
    text = (
        "def test_x():\n    assert f() == 1\n    assert_that(1)\n"
        "    assert (\n        f() == 1\n    ), 'why'\n    assert[f()] == [1]\n"
    )
    assert file_structure(
        "tests/test_x.py", parse("tests/test_x.py", text), text
    ).assertion_lines == (2, 4, 7)
    assert file_structure("lib/x.py", parse("lib/x.py", text), text).assertion_lines == ()


def test_fixture_repos_hold_no_secrets() -> None:
    for name in (
        "naming-python",
        "naming-typescript",
        "naming-javascript",
        "naming-go",
        "naming-java",
    ):
        results, texts = repo(name)
        for path, result in results.items():
            assert file_structure(path, result, texts[path]).secrets == (), path
