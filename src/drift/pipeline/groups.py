"""Convention groups: which approved pattern a deviation counts against.

The learner finds deviations within a pack's learning group (``structural:js-function-naming``,
``logging:python-logger``, ...), so a deviation is charged only to an approved pattern of the
same group: approving the convention for class names never reports function names, and the
Python logger convention never reports a JavaScript file. The naming detector's ids
(``naming:<language>:<kind>:<style>``) belong to the naming pack's group for that language's
function and method names, the convention a person approves for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from drift.analysis.conventions import learn_group_key
from drift.pipeline.config import load_pipeline_config
from drift.pipeline.detect import NAMING_PREFIX

if TYPE_CHECKING:
    from drift.analysis.packs import PatternSpec
    from drift.enforcement.pattern_findings import GroupOf

NAMING_GROUPS: Final[Mapping[str, str]] = {
    "python": "structural:python-function-naming",
    "javascript": "structural:js-function-naming",
    "typescript": "structural:js-function-naming",
    "go": "structural:go-function-naming",
    "java": "structural:java-method-naming",
}


def naming_group(pattern_id: str) -> str | None:
    """The group of a naming-detector id, or None for any other id."""
    prefix, _, rest = pattern_id.partition(":")
    if f"{prefix}:" != NAMING_PREFIX:
        return None
    language = rest.split(":", 1)[0]
    return NAMING_GROUPS.get(language)


def convention_groups(specs: Callable[[], Mapping[str, PatternSpec]]) -> GroupOf:
    """The ``group_of`` enforcement takes. ``specs`` (every pack pattern by id) is called at the
    first question only: a check with no deviation to charge never loads the packs."""

    @cache
    def keys() -> dict[str, str]:
        return {
            pattern_id: learn_group_key(spec)
            for pattern_id, spec in specs().items()
            if spec.learn is not None
        }

    def group_of(pattern_id: str) -> str | None:
        return keys().get(pattern_id) or naming_group(pattern_id)

    return group_of


def project_groups(root: Path) -> GroupOf:
    """``convention_groups`` of the packs the project at ``root`` uses (its drift.toml)."""

    def specs() -> dict[str, PatternSpec]:
        from drift.analysis.packs import load_packs

        config = load_pipeline_config(root)
        packs = load_packs(config.pack_dirs, include_builtin=config.builtin_packs)
        return {spec.id: spec for pack in packs for spec in pack.patterns}

    return convention_groups(specs)
