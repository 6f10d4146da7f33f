"""Convention groups: the approved pattern a deviation counts against is one of its own group."""

from __future__ import annotations

from drift.analysis.packs import PatternSpec, load_packs
from drift.pipeline.groups import convention_groups, naming_group


def builtin_specs() -> dict[str, PatternSpec]:
    return {spec.id: spec for pack in load_packs() for spec in pack.patterns}


def test_pack_patterns_are_grouped_by_their_learning_group() -> None:
    group_of = convention_groups(builtin_specs)
    assert group_of("NAMING-JS-FUNCTION-SNAKE") == "structural:js-function-naming"
    assert group_of("NAMING-JS-FUNCTION-CAMEL") == "structural:js-function-naming"
    assert group_of("NAMING-JS-CLASS-PASCAL") == "structural:js-class-naming"
    assert group_of("LOG-PY-LOGURU") == "logging:python-logger"
    assert group_of("LOG-JS-PINO") == "logging:js-logger"
    assert group_of("LOG-JS-CONSOLE") is None  # no learn block: no group of its own
    assert group_of("NO-SUCH-PATTERN") is None


def test_naming_detector_ids_join_the_function_naming_group_of_their_language() -> None:
    group_of = convention_groups(builtin_specs)
    assert group_of("naming:typescript:method:other") == "structural:js-function-naming"
    assert group_of("naming:javascript:function:PascalCase") == "structural:js-function-naming"
    assert group_of("naming:python:function:camelCase") == "structural:python-function-naming"
    assert group_of("naming:go:exported:snake_case") == "structural:go-function-naming"
    assert group_of("naming:java:method:snake_case") == "structural:java-method-naming"
    assert naming_group("naming:rust:function:camelCase") is None
    assert naming_group("NAMING-PY-FUNCTION-SNAKE") is None


def test_the_packs_are_loaded_at_the_first_question_only() -> None:
    calls: list[int] = []

    def specs() -> dict[str, PatternSpec]:
        calls.append(1)
        return builtin_specs()

    group_of = convention_groups(specs)
    assert calls == []
    group_of("NAMING-JS-FUNCTION-SNAKE")
    group_of("LOG-JS-PINO")
    assert calls == [1]
