"""Finding literals in many strings at once: which lines (or string literals) hold which literal.

Content patterns are prefiltered by their required literals (see ``literals``). ``str.find``
is fast, but it is one pass over the file per literal, and the built-in packs need about eighty
of them per file. ``AnchoredScan`` finds every literal with one search per anchor character: a
regex that starts with one literal character is searched with the regex engine's fastest loop
(about three times a ``str.find`` pass less than a regex starting with a set of characters),
tries the literals anchored there only at it, and anchors are chosen so that few such searches
cover all the literals.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import accumulate
from operator import add

from drift.analysis.packs.literals import CASE_SPECIAL_CHARACTERS, RequiredLiterals

# Percent of source text each character makes up (measured on the Python standard library);
# a character not listed is rarer than all.
_PERCENT = {
    " ": 28.2, "e": 6.74, "s": 4.57, "t": 4.48, "a": 3.53, "r": 3.47, "o": 2.89, "n": 2.88,
    "i": 2.86, "l": 2.82, "\n": 2.72, "f": 1.96, "c": 1.83, "d": 1.78, ".": 1.59, "_": 1.58,
    "(": 1.54, ")": 1.54, "p": 1.43, "u": 1.42, ",": 1.31, "'": 1.3, "m": 1.19, "h": 0.968,
    '"': 0.779, "g": 0.778, "=": 0.716, "b": 0.699, ":": 0.692, "0": 0.63, "E": 0.611,
    "x": 0.611, "y": 0.578, "T": 0.541, "w": 0.44, "k": 0.392, "1": 0.386, "-": 0.364,
    "I": 0.353, "#": 0.351, "v": 0.328, "A": 0.321, "N": 0.318, "2": 0.289, "R": 0.287,
    "L": 0.28, "S": 0.268, "\\": 0.253, "C": 0.251, "q": 0.221, "]": 0.196, "[": 0.196,
    "O": 0.195, "P": 0.171, "F": 0.169, "D": 0.163, "3": 0.158, ">": 0.151, "M": 0.139,
    "4": 0.134, "5": 0.121, "*": 0.118, "U": 0.111, "B": 0.104, "/": 0.0994, "z": 0.0986,
    "8": 0.0975, "6": 0.094, "H": 0.0901, "G": 0.0876, "j": 0.084, "9": 0.0839, "7": 0.0716,
    "+": 0.0716, "W": 0.0702, "%": 0.0581, "V": 0.0547, "{": 0.0531, "}": 0.0529, "<": 0.0498,
    "X": 0.0441, "K": 0.0388, "Y": 0.0335, "@": 0.0302, ";": 0.0255, "Z": 0.0222, "|": 0.021,
    "?": 0.0189, "!": 0.0187, "`": 0.0164, "Q": 0.0139, "J": 0.00976, "&": 0.00682,
    "^": 0.00652, "$": 0.00514, "~": 0.00429,
}  # fmt: skip
_RAREST_PERCENT = 0.004

# The cost of one anchor's search, in nanoseconds per character of text (measured with CPython
# 3.11): the engine's loop to the next anchor character; at each anchor character, a call into
# the matcher, a look at the next character per distinct next character of the literals
# anchored there, going on where it is one of them (characters follow each other far from
# independently: a few times as often as their shares say), and a look-behind per literal that
# ends at the anchor (there is no next character to rule it out on).
_SEARCH_NS = 0.3
_STOP_NS = 5.0
_NEXT_CHARACTER_NS = 2.5
_GOING_ON_NS = 18.0
_LOOK_BEHIND_NS = 18.0
_PAIR_LIKELIHOOD = 3.0


def _share(ch: str, folded: bool) -> float:
    """The fraction of text that is ``ch`` (casefolded text has no upper-case letters)."""
    percent = _PERCENT.get(ch, _RAREST_PERCENT)
    if folded and ch != ch.upper():
        percent += _PERCENT.get(ch.upper(), 0.0)
    return percent / 100


def _anchor_index(literal: str, anchor: str) -> int:
    """Where a literal is anchored on a character: the first place with more of the literal
    after it (checked at C speed before any look-behind), else its last place."""
    places = [i for i, ch in enumerate(literal) if ch == anchor]
    return next((i for i in places if i + 1 < len(literal)), places[-1])


def _search_cost(anchor: str, literals: Sequence[str], folded: bool) -> float:
    going_on: dict[str, int] = {}
    behind = 0
    for literal in literals:
        index = _anchor_index(literal, anchor)
        if index + 1 < len(literal):
            going_on[literal[index + 1]] = going_on.get(literal[index + 1], 0) + 1
        else:
            behind += 1
    per_stop = _STOP_NS + _LOOK_BEHIND_NS * behind
    for ch, count in going_on.items():
        likelihood = min(1.0, _PAIR_LIKELIHOOD * _share(ch, folded))
        per_stop += _NEXT_CHARACTER_NS + likelihood * _GOING_ON_NS * count
    return _SEARCH_NS + _share(anchor, folded) * per_stop


def _choose_anchors(literals: Iterable[str], folded: bool) -> dict[str, list[str]]:
    """The literals by anchor character, chosen to make the searches cheap (by
    ``_search_cost``): greedily, the character whose search costs least per literal it covers,
    until every literal is covered (a weighted set cover); then a search is dropped while
    moving its literals to the others makes them cheaper in all."""
    left = sorted(set(literals))
    chosen: dict[str, list[str]] = {}
    while left:
        best: tuple[float, str, list[str]] | None = None
        for anchor in sorted({ch for literal in left for ch in literal}):
            holding = [literal for literal in left if anchor in literal]
            cost = _search_cost(anchor, holding, folded) / len(holding)
            if best is None or cost < best[0]:
                best = (cost, anchor, holding)
        assert best is not None
        _, anchor, holding = best
        chosen[anchor] = holding
        left = [literal for literal in left if anchor not in literal]
    while (fewer := _without_one_search(chosen, folded)) is not None:
        chosen = fewer
    return chosen


def _without_one_search(chosen: dict[str, list[str]], folded: bool) -> dict[str, list[str]] | None:
    """The searches less the first one whose literals, each moved to the other search it adds
    least to, make them cheaper in all; None if there is none."""
    before = sum(_search_cost(anchor, holding, folded) for anchor, holding in chosen.items())
    for dropped in sorted(chosen):
        others = {anchor: list(holding) for anchor, holding in chosen.items() if anchor != dropped}
        for literal in chosen[dropped]:
            options = [
                (
                    _search_cost(anchor, [*others[anchor], literal], folded)
                    - _search_cost(anchor, others[anchor], folded),
                    anchor,
                )
                for anchor in sorted(others)
                if anchor in literal
            ]
            if not options:
                break  # no other search can take this literal
            others[min(options)[1]].append(literal)
        else:
            if (
                sum(_search_cost(anchor, holding, folded) for anchor, holding in others.items())
                < before
            ):
                return others
    return None


def _consistent(first: tuple[int, str], second: tuple[int, str]) -> bool:
    """Whether two literals anchored at one place can both be there (agree where they overlap)."""
    (index, literal), (other_index, other) = first, second
    shift = other_index - index
    return all(
        literal[i] == other[i + shift] for i in range(len(literal)) if 0 <= i + shift < len(other)
    )


def _anchored_regex(
    anchor: str, literals: Sequence[str]
) -> tuple[re.Pattern[str], list[tuple[int, str]]]:
    """The search for the literals anchored on one character, and the literals with their
    anchor indexes in the order of its capture groups (the order they are tried in).

    The literals going on past the anchor are sorted by the next character, which is matched
    once outside their groups, so the engine rules them out on it without entering any group;
    each group holds the rest of its literal, then a look-behind for the part before the
    anchor. The literals ending at the anchor are look-behinds alone.
    """
    by_next: dict[str, list[tuple[int, str]]] = {}
    ending: list[tuple[int, str]] = []
    for literal in literals:
        index = _anchor_index(literal, anchor)
        if index + 1 < len(literal):
            by_next.setdefault(literal[index + 1], []).append((index, literal))
        else:
            ending.append((index, literal))
    options: list[str] = []
    members: list[tuple[int, str]] = []

    def group(index: int, literal: str, after: int) -> str:
        members.append((index, literal))
        behind = f"(?<={re.escape(literal)})" if index else ""
        return "(" + re.escape(literal[after:]) + behind + ")"

    for ch, following in by_next.items():
        inner = [group(index, literal, index + 2) for index, literal in following]
        options.append(
            re.escape(ch) + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")")
        )
    options.extend(group(index, literal, index + 1) for index, literal in ending)
    return re.compile(re.escape(anchor) + "(?:" + "|".join(options) + ")"), members


class AnchoredScan:
    """Every literal found with one search per anchor character.

    Each anchor's regex starts with the anchor character, then one capture group per literal
    anchored there: the rest of the literal, then a look-behind for all of it (its part before
    the anchor). The group that matched names the literal; the literals after it that agree with
    it (``kw`` and ``kwk``) may be there too and are checked directly.
    """

    def __init__(self, literals: Iterable[str], *, folded: bool = False) -> None:
        wanted = [literal for literal in set(literals) if literal]
        self.covered = frozenset(wanted)
        self._searches: list[tuple[re.Pattern[str], list[tuple[int, str, list[tuple[int, str]]]]]]
        self._searches = []
        for anchor, holding in sorted(_choose_anchors(wanted, folded).items()):
            regex, members = _anchored_regex(anchor, holding)
            found = [
                (
                    index,
                    literal,
                    [other for other in members[n + 1 :] if _consistent((index, literal), other)],
                )
                for n, (index, literal) in enumerate(members)
            ]
            self._searches.append((regex, found))

    def scan(self, text: str) -> dict[str, list[int]]:
        """Where each literal found in ``text`` starts, ascending (a literal is always
        anchored at the same character of it, and each anchor's search goes in text order)."""
        found: dict[str, list[int]] = {}
        startswith = text.startswith
        for regex, members in self._searches:
            search = regex.search
            hit = search(text)
            while hit is not None:
                position = hit.start()
                number = hit.lastindex
                assert number is not None  # each literal is a group, and one of them matched
                index, literal, also = members[number - 1]
                found.setdefault(literal, []).append(position - index)
                for other_index, other in also:
                    start = position - other_index
                    if start >= 0 and startswith(other, start):
                        found.setdefault(other, []).append(start)
                hit = search(text, position + 1)
        return found


# Python's case-insensitive matching also takes these for ASCII letters (see
# CASE_SPECIAL_CHARACTERS).
_SPECIAL_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class TextUnits:
    """Strings (a file's lines, its string literals) joined by ``\\n`` into one text, to tell
    which of them hold a literal with one search of the whole text."""

    def __init__(
        self, units: Sequence[str], scans: tuple[AnchoredScan, AnchoredScan] | None = None
    ) -> None:
        self.units = units
        # Searches for many literals at once, case-sensitive and case-folded, run on first need.
        self._scans = scans
        self._scanned: dict[bool, dict[str, list[int]]] = {}
        # Per literal and case mode: the indexes of the units holding it. Patterns share
        # literals, and each search is a pass over the whole text.
        self._holding: dict[tuple[str, bool], list[int]] = {}
        # The same per set of literals (patterns share those too).
        self._sets: dict[RequiredLiterals, list[int]] = {}

    @cached_property
    def joined(self) -> str:
        """The units joined by ``\\n``."""
        return "\n".join(self.units)

    @cached_property
    def folded(self) -> str:
        """``joined`` with its ASCII letters lower-cased and the characters that Python's
        case-insensitive matching also takes for ASCII letters made those letters (see
        CASE_SPECIAL_CHARACTERS): wherever a case-insensitive regex matches an ASCII literal,
        this text holds the literal lower-cased, at the same offset (no other character
        matches an ASCII one, and every character keeps its place)."""
        text = self.joined
        if text.isascii():
            return text.lower()
        if any(ch in text for ch in CASE_SPECIAL_CHARACTERS):
            text = text.translate(_SPECIAL_TO_ASCII)
        # bytes.lower() lower-cases ASCII letters only, and UTF-8 keeps ASCII as it is.
        return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")

    @cached_property
    def _separated(self) -> bool:
        """Whether no unit holds a ``\\n`` (lines never do), so that the separators in
        ``joined`` are all its line feeds."""
        return self.joined.count("\n") == len(self.units) - 1

    @cached_property
    def starts(self) -> list[int]:
        """Offset in ``joined`` where each unit starts: the lengths before it plus one
        separator each (summed at C speed)."""
        units = self.units
        return list(map(add, accumulate(map(len, units), initial=0), range(len(units))))

    def holding(self, required: RequiredLiterals) -> list[int]:
        """Indexes, ascending, of the units holding one of the literals (case-insensitively
        for casefolded ones)."""
        found = self._sets.get(required)
        if found is None:
            found = self._sets[required] = self._holding_any(required)
        return found

    def _holding_any(self, required: RequiredLiterals) -> list[int]:
        fold_case = required.fold_case
        haystack = self.folded if fold_case else self.joined
        scan = None if self._scans is None else self._scans[fold_case]
        if scan is not None and required.literals <= scan.covered:
            # All of them found by the one scan of the text (usually none of them).
            scanned = self._scanned.get(fold_case)
            if scanned is None:
                scanned = self._scanned[fold_case] = self._scan(scan, haystack)
            lists = [found for literal in required.literals if (found := scanned.get(literal))]
        else:
            lists = [
                found
                for literal in required.literals
                if (found := self._units_holding(haystack, literal, fold_case))
            ]
        if len(lists) <= 1:
            return lists[0] if lists else []
        return sorted(set().union(*lists))

    def _units_holding(self, haystack: str, literal: str, fold_case: bool) -> list[int]:
        key = (literal, fold_case)
        cached = self._holding.get(key)
        if cached is not None:
            return cached
        scan = None if self._scans is None else self._scans[fold_case]
        if scan is not None and literal in scan.covered:
            scanned = self._scanned.get(fold_case)
            if scanned is None:
                scanned = self._scanned[fold_case] = self._scan(scan, haystack)
            found = scanned.get(literal, [])
        else:
            found = self._find(haystack, literal)
        self._holding[key] = found
        return found

    def _scan(self, scan: AnchoredScan, haystack: str) -> dict[str, list[int]]:
        """The indexes, ascending, of the units holding each literal the scan finds."""
        scanned = scan.scan(haystack)
        if not scanned:
            return {}
        unit_at = self._units_at(sorted({o for offsets in scanned.values() for o in offsets}))
        return {
            literal: sorted({unit_at[offset] for offset in offsets})
            for literal, offsets in scanned.items()
        }

    def _units_at(self, offsets: list[int]) -> dict[int, int]:
        """The index of the unit at each offset (ascending) of ``joined`` or a text with its
        separators at the same places."""
        if not self._separated:
            starts = self.starts
            return {offset: bisect_right(starts, offset) - 1 for offset in offsets}
        # Counting the line feeds between hits is one pass up to the last one: cheaper than
        # working out every unit's start when hits are few (as they mostly are).
        count = self.joined.count
        unit_at: dict[int, int] = {}
        index = previous = 0
        for offset in offsets:
            index += count("\n", previous, offset)
            unit_at[offset] = index
            previous = offset
        return unit_at

    def _find(self, haystack: str, literal: str) -> list[int]:
        found: list[int] = []
        position = haystack.find(literal)
        if position < 0:
            return found
        starts = self.starts
        last = len(starts) - 1
        while position >= 0:
            index = bisect_right(starts, position) - 1
            found.append(index)
            if index >= last:
                break
            # One entry per unit: go on from the next unit's start.
            position = haystack.find(literal, starts[index + 1])
        return found
