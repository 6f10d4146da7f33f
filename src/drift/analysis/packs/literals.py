"""Required literals of a regex: strings at least one of which every match must contain.

A file (or line) containing none of them cannot match, so content patterns look for the
literals first with plain substring search and run the regex only where one occurs. Python's
``re`` has no multi-regex set, and this is what makes a few dozen content regexes affordable
per file. Extraction reads the pattern with the standard library's regex parser; if that parser
is unavailable or changes shape, no literals are reported and the regex simply runs everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MIN_LITERAL_LENGTH = 3
MAX_EXACT_ALTERNATIVES = 64


# With IGNORECASE, Python's re also matches these against ASCII letters (and no other non-ASCII
# character), and casefold() does not map all of them to ASCII: the text searched for
# case-folded literals has them made the letters first (see ``TextUnits.folded``).
CASE_SPECIAL_CHARACTERS = "\u0130\u0131\u017f\u212a"


@dataclass(frozen=True, slots=True)
class RequiredLiterals:
    """Literals of which every match needs one.

    With ``fold_case`` the literals are casefolded ASCII and are looked for in the text with
    its ASCII letters lower-cased (``TextUnits.folded``; plain substring search, much faster
    than a case-insensitive regex).
    """

    literals: frozenset[str]
    fold_case: bool


def required_literals(
    source: str, flags: int = 0, *, scanned: bool = False
) -> RequiredLiterals | None:
    """The required literals of a regex (compiled with ``flags``), or None when it has no
    useful ones.

    Of several sets of literals a match needs, the cheapest to look for is chosen: the one
    needing the fewest ``str.find`` passes, or, when the literals are ``scanned`` (searched
    with many others at once, see ``text_index.AnchoredScan``), the most selective one.
    """
    try:
        from re import _constants as constants  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]

        tree: Any = parser.parse(source, flags)
        fold_case = bool(tree.state.flags & re.IGNORECASE) or _has_local_ignorecase(
            tree.data, constants
        )
        found = _sequence(tree.data, constants, scanned)
    except Exception:
        # Any surprise from a private parser means "no prefilter", never a wrong answer.
        return None
    if not found or min(len(literal) for literal in found) < MIN_LITERAL_LENGTH:
        return None
    if fold_case:
        if not all(literal.isascii() for literal in found):
            return None
        found = frozenset(literal.casefold() for literal in found)
    return RequiredLiterals(literals=_without_redundant(found), fold_case=fold_case)


def _without_redundant(literals: frozenset[str]) -> frozenset[str]:
    """The literals less those containing another one: a text holding ``slog.`` holds
    ``log.``, so looking for ``log.`` alone finds the same texts with one search less."""
    return frozenset(
        literal
        for literal in literals
        if not any(other != literal and other in literal for other in literals)
    )


def _has_local_ignorecase(items: Any, constants: Any) -> bool:
    for op, av in items:
        if op is constants.SUBPATTERN and av[1] & re.IGNORECASE:
            return True
        if any(
            _has_local_ignorecase(child.data, constants) for child in _children(op, av, constants)
        ):
            return True
    return False


def _children(op: Any, av: Any, constants: Any) -> list[Any]:
    if op is constants.SUBPATTERN:
        return [av[3]]
    if op is constants.BRANCH:
        return list(av[1])
    if op in _repeats(constants):
        return [av[2]]
    if op in (constants.ASSERT, constants.ASSERT_NOT):
        return [av[1]]
    if op is getattr(constants, "ATOMIC_GROUP", None):
        return [av]
    if op is constants.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def _repeats(constants: Any) -> tuple[Any, ...]:
    found = [constants.MAX_REPEAT, constants.MIN_REPEAT]
    possessive = getattr(constants, "POSSESSIVE_REPEAT", None)
    if possessive is not None:
        found.append(possessive)
    return tuple(found)


def _exact(items: Any, constants: Any) -> set[str] | None:
    """Every string a sequence of literals and literal alternations can match, or None."""
    strings = {""}
    for op, av in items:
        if op is constants.LITERAL:
            options = {chr(av)}
        elif op is constants.BRANCH:
            options = set()
            for alternative in av[1]:
                inner = _exact(alternative.data, constants)
                if inner is None:
                    return None
                options |= inner
        elif op is constants.SUBPATTERN and not av[1] and not av[2]:
            inner = _exact(av[3].data, constants)
            if inner is None:
                return None
            options = inner
        elif op in _repeats(constants) and av[0] == 0 and av[1] == 1:
            # An optional part (``api_?key``): the text either skips it or holds it whole.
            inner = _exact(av[2].data, constants)
            if inner is None:
                return None
            options = {""} | inner
        else:
            return None
        if len(strings) * len(options) > MAX_EXACT_ALTERNATIVES:
            return None
        strings = {prefix + option for prefix in strings for option in options}
    return strings


def _sequence(items: Any, constants: Any, scanned: bool) -> frozenset[str] | None:
    """Literal sets a match of this concatenation needs; the cheapest to look for is returned
    (see ``required_literals``)."""
    candidates: list[frozenset[str]] = []
    run = {""}

    def flush() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(frozenset(run))
        run = {""}

    for op, av in items:
        exact = _exact([(op, av)], constants)
        if exact is not None and len(run) * len(exact) <= MAX_EXACT_ALTERNATIVES:
            if "" in exact and run != {""}:
                # An optional part follows: what came before is required on its own, with
                # fewer literals (t\.Skip(?:f|Now)? needs ``t.Skip``).
                candidates.append(frozenset(run))
            if scanned and len(exact) > 1 and run != {""}:
                # Scanned, the run is worth keeping as it is before an alternation multiplies
                # it: (?:log|LOG)\.(?:debug|info|...)\( needs ``log.`` or ``LOG.``.
                candidates.append(frozenset(run))
            # Adjacent literals and literal alternations are matched contiguously: extend.
            run = {prefix + option for prefix in run for option in exact}
            if len(exact) > 1:
                # The alternation alone is required too, and may be the cheaper search:
                # (?:log|logger)\.(?:info|error)\( needs one of two names, not of four calls.
                candidates.append(frozenset(exact))
            continue
        flush()
        if op is constants.SUBPATTERN:
            inner = _sequence(av[3].data, constants, scanned)
        elif op is constants.BRANCH:
            alternatives = [_sequence(alt.data, constants, scanned) for alt in av[1]]
            inner = (
                frozenset(literal for alt in alternatives if alt for literal in alt)
                if all(alternatives)
                else None
            )
        elif op in _repeats(constants):
            inner = _sequence(av[2].data, constants, scanned) if av[0] >= 1 else None
        elif op is getattr(constants, "ATOMIC_GROUP", None):
            inner = _sequence(av.data, constants, scanned)
        else:
            # Anchors, classes, look-arounds, back-references: nothing required, and they
            # break a run of literals.
            inner = None
        if inner:
            candidates.append(inner)
    flush()
    usable = [
        _without_redundant(c) for c in candidates if min(len(x) for x in c) >= MIN_LITERAL_LENGTH
    ]
    if not usable:
        return None
    return min(usable, key=_scanned_cost if scanned else _search_cost)


# Each literal costs a pass over the text; a short one also holds on many lines, each of which
# the regex is then tried on. Literals of these lengths count as this many more passes.
_SHORT_LITERAL_COST = {3: 3, 4: 1}


def _search_cost(literals: frozenset[str]) -> tuple[int, int]:
    """How costly prefiltering with these literals is (lower is better): the passes over the
    text, then the shortest literal (longer is more selective)."""
    passes = sum(1 + _SHORT_LITERAL_COST.get(len(literal), 0) for literal in literals)
    return passes, -min(len(literal) for literal in literals)


# A scanned set of more literals than this costs more in the scan than its selectivity saves.
MAX_SCANNED_LITERALS = 8


def _scanned_cost(literals: frozenset[str]) -> tuple[int, ...]:
    """How costly prefiltering with these literals is when they are scanned with all the
    others (lower is better). A scanned literal costs little by itself; what costs is the
    lines holding it, each then searched with the regex, and a longer literal is held by fewer
    (``assert`` is on thousands of lines, ``is_superuser`` on few): the longest shortest
    literal, then the fewest literals. Sets too large for the scan come last."""
    if len(literals) > MAX_SCANNED_LITERALS:
        return (1, *_search_cost(literals))
    return (0, -min(len(literal) for literal in literals), len(literals))
