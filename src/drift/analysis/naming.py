"""Identifier naming styles, the dominant style per kind of symbol, and the names that break it.

Leading and trailing underscores (``_private``, ``__init__``), a leading ``$`` and
JavaScript's private ``#`` are ignored when classifying, and a run of underscores inside a
name joins two words as one underscore does (``test_start__stop`` is snake_case). Names nobody
spelled as identifiers (a computed ``[Symbol.iterator]`` method, a quoted ``"my-key"`` one)
have no style and are left out. A single lower-case word (``render``) fits both camelCase and
snake_case; an all-capitals word (``URL``) fits both SCREAMING_CASE and PascalCase. Such names
count towards every style they fit and are never deviations from any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_MIN_SHARE = 0.60

# Letters of any script: ``héllo_ünïcode`` is snake_case, ``fooBär`` camelCase.
_IDENTIFIER = re.compile(r"^\w+$")
_SPELLED = re.compile(r"^#?[\w$]+$")


class NamingStyle(StrEnum):
    """An identifier style."""

    CAMEL_CASE = "camelCase"
    SNAKE_CASE = "snake_case"
    PASCAL_CASE = "PascalCase"
    SCREAMING_CASE = "SCREAMING_CASE"
    OTHER = "other"


def _core(name: str) -> str:
    return name.removeprefix("#").lstrip("$").strip("_")


def is_spelled_name(name: str) -> bool:
    """Whether ``name`` is an identifier someone chose (not a computed or quoted member name)."""
    return _SPELLED.match(name) is not None


def compatible_styles(name: str) -> frozenset[NamingStyle]:
    """Every style the name fits; ``{OTHER}`` when it fits none."""
    core = _core(name)
    if not core or not _IDENTIFIER.match(core) or not core[0].isalpha():
        return frozenset({NamingStyle.OTHER})
    if "_" in core:
        # A run of underscores joins words as one does (``test_start__stop``).
        parts = [part for part in core.split("_") if part]
        if all(part == part.lower() for part in parts):
            return frozenset({NamingStyle.SNAKE_CASE})
        if all(part == part.upper() for part in parts):
            return frozenset({NamingStyle.SCREAMING_CASE})
        return frozenset({NamingStyle.OTHER})
    if core[0].islower():
        if core == core.lower():
            return frozenset({NamingStyle.CAMEL_CASE, NamingStyle.SNAKE_CASE})
        return frozenset({NamingStyle.CAMEL_CASE})
    if core == core.upper():
        return frozenset({NamingStyle.SCREAMING_CASE, NamingStyle.PASCAL_CASE})
    return frozenset({NamingStyle.PASCAL_CASE})


def classify(name: str) -> NamingStyle:
    """One style for a name: a lone lower-case word is snake_case, a lone capitalised word of
    two or more letters SCREAMING_CASE (one letter: PascalCase)."""
    styles = compatible_styles(name)
    if len(styles) == 1:
        (style,) = styles
        return style
    if NamingStyle.SNAKE_CASE in styles:
        return NamingStyle.SNAKE_CASE
    return NamingStyle.SCREAMING_CASE if len(_core(name)) > 1 else NamingStyle.PASCAL_CASE


@dataclass(frozen=True, slots=True)
class NamedSymbol:
    """A declared name and what kind of symbol it is (function, method, class, constant, ...)."""

    name: str
    kind: str
    file: str
    line: int
    column: int = 0


@dataclass(frozen=True, slots=True)
class NamingDeviation:
    """A symbol whose name does not fit its kind's dominant style."""

    symbol: NamedSymbol
    style: NamingStyle


@dataclass(frozen=True, slots=True)
class KindConvention:
    """The naming convention of one kind of symbol.

    ``counts`` has, per style, how many names fit it; ``share`` is the leading style's count
    over all names of the kind. ``dominant`` is that style, or None (and there are no
    deviations) when its share is below ``min_share`` or two styles tie.
    """

    kind: str
    total: int
    counts: Mapping[NamingStyle, int]
    dominant: NamingStyle | None
    share: float
    deviations: tuple[NamingDeviation, ...]


def naming_conventions(
    symbols: Iterable[NamedSymbol], *, min_share: float = DEFAULT_MIN_SHARE
) -> dict[str, KindConvention]:
    """The dominant style per symbol kind, and the symbols that break it.

    A style's count is the number of names that fit it. The style with the highest count is
    dominant when its share reaches ``min_share``; a tie is broken by the number of names that
    fit only that style, and a tie that remains leaves the kind without a dominant style.
    Deviations keep the symbols' input order.
    """
    by_kind: dict[str, list[NamedSymbol]] = {}
    for symbol in symbols:
        if is_spelled_name(symbol.name):
            by_kind.setdefault(symbol.kind, []).append(symbol)
    return {kind: _kind_convention(kind, members, min_share) for kind, members in by_kind.items()}


def _kind_convention(kind: str, members: list[NamedSymbol], min_share: float) -> KindConvention:
    known: dict[str, frozenset[NamingStyle]] = {}  # names repeat (``__init__``, ``run``)
    styles: list[frozenset[NamingStyle]] = []
    for symbol in members:
        fits = known.get(symbol.name)
        if fits is None:
            fits = known[symbol.name] = compatible_styles(symbol.name)
        styles.append(fits)
    counts: dict[NamingStyle, int] = {}
    exclusive: dict[NamingStyle, int] = {}
    for fits in styles:
        for style in fits:
            counts[style] = counts.get(style, 0) + 1
        if len(fits) == 1:
            (only,) = fits
            exclusive[only] = exclusive.get(only, 0) + 1
    ranked = sorted(
        (style for style in counts if style is not NamingStyle.OTHER),
        key=lambda style: (counts[style], exclusive.get(style, 0)),
        reverse=True,
    )
    dominant: NamingStyle | None = None
    share = 0.0
    if ranked:
        best = ranked[0]
        tied = len(ranked) > 1 and (counts[ranked[1]], exclusive.get(ranked[1], 0)) == (
            counts[best],
            exclusive.get(best, 0),
        )
        share = counts[best] / len(members)
        if not tied and share >= min_share:
            dominant = best
    deviations: tuple[NamingDeviation, ...] = ()
    if dominant is not None:
        deviations = tuple(
            NamingDeviation(symbol, classify(symbol.name))
            for symbol, fits in zip(members, styles, strict=True)
            if dominant not in fits
        )
    ordered_counts = {style: counts[style] for style in NamingStyle if style in counts}
    return KindConvention(
        kind=kind,
        total=len(members),
        counts=ordered_counts,
        dominant=dominant,
        share=share,
        deviations=deviations,
    )
