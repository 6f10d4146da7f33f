"""Finding literals in many strings at once: which lines (or string literals) hold which literal.

Content patterns are prefiltered by their required literals (see ``literals``). ``str.find``
is fast, but it is one pass over the file per literal, and the built-in packs need about eighty
of them per file. ``LiteralScan`` finds many literals in one pass: each literal is anchored at
its rarest character, and one regex that starts with the anchor characters is searched; the
regex engine skips to the next anchor character at C speed and tries the literals anchored
there only at it. Literals made only of common characters would make the engine stop
everywhere, so they are left to ``str.find``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import accumulate
from operator import add

from drift.analysis.packs.literals import CASE_SPECIAL_CHARACTERS, RequiredLiterals

# Characters of source code by falling frequency (measured on the Python standard library); the
# first ones are too common to anchor a literal on. A character not listed is rarer than all.
_BY_FREQUENCY = (
    " estaronil\nfcd._()pu,'mh\"g=b:0ExyTwk1-I#vAN2RLS\\Cq][OPFD3>M"
    "45*UB/z86HGj97+W%V{}<XKY@;Z|?!`QJ&^$"
)
# Anchoring on a character at least this rare (under 0.8% of source text each) keeps the
# engine's stops few; on the standard library this cut-off was fastest.
_RARE_FROM = _BY_FREQUENCY.index("g")


def _rarity(ch: str) -> int:
    rank = _BY_FREQUENCY.find(ch)
    return len(_BY_FREQUENCY) if rank < 0 else rank


class LiteralScan:
    """One search for many literals; those without a rare character are not ``covered``."""

    def __init__(self, literals: Iterable[str]) -> None:
        # Per anchor character: what comes before it in each literal anchored there, and the
        # literal.
        anchored: dict[str, list[tuple[str, str]]] = {}
        for literal in sorted(set(literals)):
            if not literal:
                continue
            anchor = max(range(len(literal)), key=lambda i: (_rarity(literal[i]), -i))
            if _rarity(literal[anchor]) >= _RARE_FROM:
                anchored.setdefault(literal[anchor], []).append((literal[:anchor], literal))
        self.covered = frozenset(literal for found in anchored.values() for _, literal in found)
        self._anchored = anchored
        self._regex = re.compile(_scan_regex(anchored)) if anchored else None

    def scan(self, text: str) -> dict[str, list[int]]:
        """Where each covered literal found in ``text`` starts, ascending (a literal is always
        anchored at the same character of it, and anchors are met in text order)."""
        found: dict[str, list[int]] = {}
        if self._regex is None:
            return found
        search = self._regex.search
        anchored = self._anchored
        hit = search(text)
        while hit is not None:
            position = hit.start()
            # The regex stops where one of the literals is; several may be (``log.`` and
            # ``log.info(``), so each one anchored at this character is checked.
            for prefix, literal in anchored[text[position]]:
                start = position - len(prefix)
                if start >= 0 and text.startswith(literal, start):
                    found.setdefault(literal, []).append(start)
            hit = search(text, position + 1)
        return found


def _scan_regex(anchored: dict[str, list[tuple[str, str]]]) -> str:
    """A regex starting with an anchor character (so the engine skips to the next one at C
    speed) that matches where one of the literals anchored there is: the rest of the literal
    after the anchor, and a look-behind for the part before it."""
    branches: list[str] = []
    for anchor, found in sorted(anchored.items()):
        options = [
            (f"(?<={re.escape(prefix + anchor)})" if prefix else "")
            + re.escape(literal[len(prefix) + 1 :])
            for prefix, literal in found
        ]
        branches.append(re.escape(anchor) + "(?:" + "|".join(options) + ")")
    return "|".join(branches)


# Python's case-insensitive matching also takes these for ASCII letters (see
# CASE_SPECIAL_CHARACTERS), and casefolding does not make all of them those letters.
_SPECIAL_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class TextUnits:
    """Strings (a file's lines, its string literals) joined by ``\\n`` into one text, to tell
    which of them hold a literal with one search of the whole text."""

    def __init__(
        self, units: Sequence[str], scans: tuple[LiteralScan, LiteralScan] | None = None
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
    def folded(self) -> str | None:
        """``joined`` casefolded, or None when folding would not find case-insensitive
        literals at the right offsets (case-folding special characters, or folding that
        changed the text's length)."""
        text = self.joined
        if text.isascii():
            return text.lower()  # the same as casefold() for ASCII, with nothing to check
        if any(ch in text for ch in CASE_SPECIAL_CHARACTERS):
            return None
        folded = text.casefold()
        return folded if len(folded) == len(text) else None

    @cached_property
    def _folded_units(self) -> TextUnits:
        """The units casefolded one by one (which keeps their indexes), special characters
        first made the ASCII letters they match."""
        return TextUnits([unit.translate(_SPECIAL_TO_ASCII).casefold() for unit in self.units])

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
        if required.fold_case:
            folded = self.folded
            if folded is None:
                # Folding the whole text would move offsets: fold unit by unit instead.
                literals = RequiredLiterals(required.literals, fold_case=False)
                return self._folded_units.holding(literals)
            haystack = folded
        else:
            haystack = self.joined
        if len(required.literals) == 1:
            (literal,) = required.literals
            return self._units_holding(haystack, literal, required.fold_case)
        lists = [
            found
            for literal in required.literals
            if (found := self._units_holding(haystack, literal, required.fold_case))
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
                scanned = self._scanned[fold_case] = scan.scan(haystack)
            offsets = scanned.get(literal)
            found = [] if offsets is None else self._units_at(offsets)
        else:
            found = self._find(haystack, literal)
        self._holding[key] = found
        return found

    def _units_at(self, offsets: Iterable[int]) -> list[int]:
        starts = self.starts
        return sorted({bisect_right(starts, offset) - 1 for offset in offsets})

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
