"""Evaluate pack patterns against the facts extracted from one file.

The extractor produces, per file, a value satisfying ``FileFacts``: its path, language, text
and lists of sites (imports, calls, decorators, functions, classes, base classes, exports,
string literals, error handlers). Lines and columns are 1-based, columns counted in bytes of the
UTF-8 line as the scanner counts them; a column of 0 means the extractor did not record one.
``evaluate_file`` applies every applicable pattern and returns at most ``max_matches`` matches
(100 by default), the first ones in file order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from drift.analysis.packs.literals import CASE_SPECIAL_CHARACTERS, RequiredLiterals
from drift.analysis.packs.schema import (
    MAX_MATCHES_PER_FILE,
    MatchBlock,
    Pack,
    PatternSpec,
    SignalKind,
    canonical_language,
)

MAX_MATCHED_TEXT = 200


@dataclass(frozen=True, slots=True)
class Site:
    """A named item at a location: an import source, decorator, function name, literal, ..."""

    text: str
    line: int
    column: int = 0


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call: the called name (``getLogger``) and the receiver text (``logging``), if any."""

    callee: str
    receiver: str | None
    line: int
    column: int = 0

    @property
    def text(self) -> str:
        """The call as ``receiver.callee`` (or ``callee``)."""
        return f"{self.receiver}.{self.callee}" if self.receiver else self.callee


@dataclass(frozen=True, slots=True)
class ErrorHandlerSite:
    """An error-handling construct and its kinds (see ``schema.ERROR_HANDLER_KINDS``): for
    example ``{"except", "catch", "handler", "generic", "bare", "swallow"}`` for ``except: x()``."""

    kinds: frozenset[str]
    line: int
    column: int = 0


class FileFacts(Protocol):
    """What the matcher needs to know about one file (mirrors the scanner's ParseResult).

    - ``imports``: module sources (``logging``, ``net/http``, ``org.slf4j.Logger``; a
      ``require("m")`` is an import of ``m``).
    - ``calls``: callee and receiver text (``self.logger.info(...)`` → ``info``, ``self.logger``).
    - ``decorators``: decorator and annotation names without ``@`` or arguments (``app.route``).
    - ``function_names`` / ``class_names``: declared names; ``extends``: base classes and
      implemented interfaces as written (type arguments are ignored when matching).
    - ``exports``: exported names; ``string_literals``: literal values without quotes.
    - ``error_handlers``: each construct with its kinds (see ``schema.ERROR_HANDLER_KINDS``).
    """

    @property
    def path(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def imports(self) -> Sequence[Site]: ...
    @property
    def calls(self) -> Sequence[CallSite]: ...
    @property
    def decorators(self) -> Sequence[Site]: ...
    @property
    def function_names(self) -> Sequence[Site]: ...
    @property
    def class_names(self) -> Sequence[Site]: ...
    @property
    def extends(self) -> Sequence[Site]: ...
    @property
    def exports(self) -> Sequence[Site]: ...
    @property
    def string_literals(self) -> Sequence[Site]: ...
    @property
    def error_handlers(self) -> Sequence[ErrorHandlerSite]: ...


@dataclass(frozen=True, slots=True)
class FileFactsData:
    """A plain ``FileFacts`` implementation, for adapters and tests."""

    path: str
    language: str
    text: str = ""
    imports: Sequence[Site] = ()
    calls: Sequence[CallSite] = ()
    decorators: Sequence[Site] = ()
    function_names: Sequence[Site] = ()
    class_names: Sequence[Site] = ()
    extends: Sequence[Site] = ()
    exports: Sequence[Site] = ()
    string_literals: Sequence[Site] = ()
    error_handlers: Sequence[ErrorHandlerSite] = ()


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """One location where a pattern matched."""

    pattern_id: str
    pack: str
    category: str
    sub_type: str | None
    file: str
    line: int
    column: int
    confidence: float
    cwe_ids: tuple[int, ...]
    owasp: str | None
    matched_text: str
    predicate: str


@dataclass(frozen=True, slots=True)
class _Hit:
    predicate: str
    line: int
    column: int
    text: str


@dataclass(slots=True)
class _FileView:
    """Per-file caches shared by every pattern evaluated against the file."""

    facts: FileFacts
    language: str
    _lines: list[str] | None = field(default=None)
    _joined: str | None = field(default=None)
    _folded: str | None = field(default=None)
    _line_starts: list[int] | None = field(default=None)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.facts.text.splitlines()
        return self._lines

    @property
    def joined(self) -> str:
        """The lines joined by ``\\n`` alone, so multi-line ``^``/``$`` sit at the same line
        boundaries as ``str.splitlines`` (CRLF, lone CR and form feeds included)."""
        if self._joined is None:
            self._joined = "\n".join(self.lines)
        return self._joined

    @property
    def folded(self) -> str:
        """``joined`` casefolded, for case-insensitive literal prefilters."""
        if self._folded is None:
            self._folded = self.joined.casefold()
        return self._folded

    @property
    def line_starts(self) -> list[int]:
        """Offset in ``joined`` where each line starts."""
        if self._line_starts is None:
            starts: list[int] = []
            offset = 0
            for line in self.lines:
                starts.append(offset)
                offset += len(line) + 1
            self._line_starts = starts
        return self._line_starts


def evaluate_file(
    packs: Iterable[Pack], facts: FileFacts, *, max_matches: int = MAX_MATCHES_PER_FILE
) -> list[PatternMatch]:
    """Every match of every applicable pattern in one file, in file order, capped per file.

    A pack applies when the file's language is among its languages (or it lists none). Matches
    are ordered by line, column and pattern id before the cap, so the same file always keeps
    the same matches.
    """
    view = _view(facts)
    matches: list[PatternMatch] = []
    for pack in packs:
        if not pack.applies_to_language(view.language):
            continue
        for pattern in pack.patterns:
            matches.extend(_evaluate(pattern, view))
    matches.sort(key=lambda m: (m.line, m.column, m.pattern_id, m.predicate, m.matched_text))
    return matches[:max_matches]


def evaluate_pattern(pattern: PatternSpec, facts: FileFacts) -> list[PatternMatch]:
    """The matches of one pattern in one file (no cap, no pack language filter)."""
    return sorted(_evaluate(pattern, _view(facts)), key=lambda m: (m.line, m.column, m.predicate))


def block_matches(block: MatchBlock, facts: FileFacts) -> bool:
    """Whether a match block (for example a pattern's ``not`` block) matches the file."""
    return _block_hits(block, _view(facts)) is not None


def pack_is_active(
    pack: Pack, files: Iterable[FileFacts], dependencies: Collection[str] = ()
) -> bool:
    """Whether the project shows any of the pack's detect signals (a pack without any is active).

    Import and decorator signals match by case-insensitive substring, as predicates do;
    file-pattern signals by glob on any path; dependency signals by exact name
    (case-insensitive) among the project's declared dependencies.
    """
    if not pack.detect_by:
        return True
    wanted_dependencies = {name.lower() for name in dependencies}
    for signal in pack.detect_by:
        if signal.kind is SignalKind.DEPENDENCY and signal.value.lower() in wanted_dependencies:
            return True
    other = [s for s in pack.detect_by if s.kind is not SignalKind.DEPENDENCY]
    if not other:
        return False
    for facts in files:
        for signal in other:
            if signal.kind is SignalKind.FILE_PATTERN:
                if signal.glob is not None and signal.glob.matches(facts.path):
                    return True
                continue
            needle = signal.value.lower()
            sites = facts.imports if signal.kind is SignalKind.IMPORT else facts.decorators
            if any(needle in site.text.lower() for site in sites):
                return True
    return False


def _view(facts: FileFacts) -> _FileView:
    language = canonical_language(facts.language) or facts.language.lower()
    return _FileView(facts=facts, language=language)


def _evaluate(pattern: PatternSpec, view: _FileView) -> list[PatternMatch]:
    hits = _block_hits(pattern.match, view)
    if not hits:
        return []
    unique: dict[tuple[int, int, str], _Hit] = {}
    for hit in hits:
        unique.setdefault((hit.line, hit.column, hit.predicate), hit)
    return [
        PatternMatch(
            pattern_id=pattern.id,
            pack=pattern.pack,
            category=pattern.category,
            sub_type=pattern.sub_type,
            file=view.facts.path,
            line=hit.line,
            column=hit.column,
            confidence=pattern.confidence,
            cwe_ids=pattern.cwe_ids,
            owasp=pattern.owasp,
            matched_text=hit.text[:MAX_MATCHED_TEXT],
            predicate=hit.predicate,
        )
        for hit in unique.values()
    ]


def _block_hits(block: MatchBlock, view: _FileView) -> list[_Hit] | None:
    """The hits of a block, or None when the block does not match the file.

    Filters run first, then each emitting predicate; the first predicate with no hit ends the
    evaluation (AND). The ``not`` block runs last, only when everything else matched.
    """
    if block.language is not None and view.language != block.language:
        return None
    if block.file_patterns and not any(g.matches(view.facts.path) for g in block.file_patterns):
        return None
    hits: list[_Hit] = []
    for predicate in block.emitting:
        found = _PREDICATES[predicate](block, view)
        if not found:
            return None
        hits.extend(found)
    if block.negated is not None and _block_hits(block.negated, view) is not None:
        return None
    return hits


def _substring_hits(predicate: str, needles: Sequence[str], sites: Sequence[Site]) -> list[_Hit]:
    lowered = [needle.lower() for needle in needles]
    return [
        _Hit(predicate, site.line, site.column, site.text)
        for site in sites
        if any(needle in site.text.lower() for needle in lowered)
    ]


def _imports(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _substring_hits("imports", block.imports, view.facts.imports)


def _decorators(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _substring_hits("decorators", block.decorators, view.facts.decorators)


def _calls(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return [
        _Hit("calls", call.line, call.column, call.text)
        for call in view.facts.calls
        if any(p.matches(call.callee, call.receiver) for p in block.calls)
    ]


def _regex_hits(
    predicate: str, regexes: Sequence[re.Pattern[str]], sites: Sequence[Site]
) -> list[_Hit]:
    return [
        _Hit(predicate, site.line, site.column, site.text)
        for site in sites
        if any(regex.search(site.text) is not None for regex in regexes)
    ]


def _function_names(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _regex_hits("function_names", block.function_names, view.facts.function_names)


def _class_names(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _regex_hits("class_names", block.class_names, view.facts.class_names)


def _string_literals(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _regex_hits("string_literals", block.string_literals, view.facts.string_literals)


def _bare_type_name(text: str) -> str:
    # `JpaRepository<User, Long>` and `Generic[T]` are matched as `JpaRepository` and `Generic`.
    cut = len(text)
    for bracket in "<[(":
        position = text.find(bracket)
        if position >= 0:
            cut = min(cut, position)
    return text[:cut].strip()


def _name_hits(predicate: str, names: Sequence[str], sites: Sequence[Site]) -> list[_Hit]:
    # Qualified references count too: `models.Model` matches a wanted `Model`, and a wanted
    # `models.Model` matches exactly that spelling.
    wanted = set(names)
    hits: list[_Hit] = []
    for site in sites:
        name = _bare_type_name(site.text)
        if name in wanted or name.rpartition(".")[2] in wanted:
            hits.append(_Hit(predicate, site.line, site.column, site.text))
    return hits


def _extends(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _name_hits("extends", block.extends, view.facts.extends)


def _exports(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _name_hits("exports", block.exports, view.facts.exports)


def _error_handling(block: MatchBlock, view: _FileView) -> list[_Hit]:
    wanted = set(block.error_handling)
    hits: list[_Hit] = []
    for handler in view.facts.error_handlers:
        kinds = sorted(wanted & handler.kinds)
        if kinds:
            hits.append(_Hit("error_handling", handler.line, handler.column, ",".join(kinds)))
    return hits


def _content_patterns(block: MatchBlock, view: _FileView) -> list[_Hit]:
    hits: list[_Hit] = []
    lines = view.lines
    for pattern in block.content_patterns:
        candidates: Iterable[int] | None = None
        if pattern.required is not None:
            literal_lines = _literal_lines(pattern.required, view)
            if literal_lines is not None and not literal_lines:
                continue  # no required literal anywhere in the file: nothing can match
            # Only lines holding a required literal can match.
            candidates = literal_lines
        if candidates is None:
            if pattern.text_regex is not None:
                # The regex itself, over the whole text, finds the candidate lines at C speed.
                candidates = _lines_matching(pattern.text_regex, view)
            else:
                candidates = range(len(lines))
        for index in candidates:
            found = pattern.line_regex.search(lines[index])
            if found is not None:
                column = _byte_column(lines[index], found.start())
                hits.append(_Hit("content_patterns", index + 1, column, found.group(0)))
    return hits


def _literal_lines(required: RequiredLiterals, view: _FileView) -> list[int] | None:
    """Indexes of the lines holding one of the literals, or None when that cannot be told
    cheaply (case-folding special characters, or folding that changed the text's length)."""
    text = view.joined
    if required.fold_case:
        if any(ch in text for ch in CASE_SPECIAL_CHARACTERS):
            return None
        haystack = view.folded
        if len(haystack) != len(text):
            return None
    else:
        haystack = text
    starts = view.line_starts
    found: set[int] = set()
    for literal in required.literals:
        position = haystack.find(literal)
        while position >= 0:
            index = bisect.bisect_right(starts, position) - 1
            found.add(index)
            if index + 1 >= len(starts):
                break
            position = haystack.find(literal, starts[index + 1])
    return sorted(found)


def _lines_matching(regex: re.Pattern[str], view: _FileView) -> list[int]:
    """Indexes of the lines where a search of the joined text finds a match starting.

    Each hit moves the search to the next line, so a line is listed at most once. The per-line
    search that follows is what decides; this only narrows the lines to try, and never drops
    one that a per-line search would match (see ContentPattern).
    """
    text = view.joined
    starts = view.line_starts
    found: list[int] = []
    position = 0
    while position <= len(text):
        hit = regex.search(text, position)
        if hit is None:
            break
        index = bisect.bisect_right(starts, hit.start()) - 1
        found.append(index)
        if index + 1 >= len(starts):
            break
        position = starts[index + 1]
    return found


def _byte_column(line: str, offset: int) -> int:
    """1-based byte column of a character offset, as the scanner reports columns."""
    return len(line[:offset].encode("utf-8", "surrogatepass")) + 1


_PREDICATES = {
    "imports": _imports,
    "calls": _calls,
    "decorators": _decorators,
    "function_names": _function_names,
    "class_names": _class_names,
    "extends": _extends,
    "exports": _exports,
    "string_literals": _string_literals,
    "content_patterns": _content_patterns,
    "error_handling": _error_handling,
}
