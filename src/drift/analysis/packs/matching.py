"""Evaluate pack patterns against the facts extracted from one file.

The extractor produces, per file, a value satisfying ``FileFacts``: its path, language, text
and lists of sites (imports, calls, decorators, functions, classes, base classes, exports,
string literals, error handlers). Lines and columns are 1-based, columns counted in bytes of the
UTF-8 line as the scanner counts them; a column of 0 means the extractor did not record one.
``evaluate_file`` applies every applicable pattern and returns at most ``max_matches`` matches
of each (100 by default), the first ones in file order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property, lru_cache
from typing import Protocol

from drift.analysis.packs.globs import Glob
from drift.analysis.packs.literals import RequiredLiterals, required_literals
from drift.analysis.packs.schema import (
    MAX_MATCHES_PER_PATTERN,
    ContentScope,
    MatchBlock,
    Pack,
    PatternSpec,
    SignalKind,
    canonical_language,
)
from drift.analysis.packs.sites import CallSite, ErrorHandlerSite, Site, SiteColumns
from drift.analysis.packs.text_index import AnchoredScan, TextUnits
from drift.analysis.prose import ProseSpans
from drift.analysis.structure.secrets import redact_secrets
from drift.scan.model import ALIAS_OF, ELEMENT_OF, ITEM_IN, KEY_IN, LITERAL_OF
from drift.scan.time_limit import TimeLimitReached

MAX_MATCHED_TEXT = 200


class FileFacts(Protocol):
    """What the matcher needs to know about one file (mirrors the scanner's ParseResult).

    - ``imports``: module sources (``logging``, ``net/http``, ``org.slf4j.Logger``; a
      ``require("m")`` is an import of ``m``).
    - ``calls``: callee and receiver text (``self.logger.info(...)`` → ``info``, ``self.logger``),
      and the class or call the code says made the receiver's value (``receivers``).
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


# What a predicate found: (predicate, line, column, text). A plain tuple: a file yields
# thousands of them and only the first ``max_matches`` become ``PatternMatch`` objects.
_Hit = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class _Scope:
    """The patterns that apply to files with one outcome of the plan's file globs, and one
    search for the content literals they require (case-sensitive, case-folded)."""

    patterns: tuple[PatternSpec, ...]
    scans: tuple[AnchoredScan, AnchoredScan]


class _Plan:
    """What evaluating some packs on files of one language needs, worked out once: the
    patterns that can apply, and per outcome of the file globs that decide which do (a
    project's paths give few), the patterns that do and their literal searches.

    A pattern applies to a path when its match block's filters pass and no ``not`` block made
    of filters alone (``not = { file_patterns = ["test_*.py"] }``) vetoes it.
    """

    def __init__(self, patterns: tuple[PatternSpec, ...], language: str) -> None:
        self.patterns = patterns
        self.language = language
        globs: dict[Glob, int] = {}
        for pattern in patterns:
            for block in (pattern.match, _filters_only(pattern.match.negated)):
                for glob in block.file_patterns if block is not None else ():
                    globs.setdefault(glob, len(globs))
        self.globs = tuple(globs)
        self._glob_index = globs
        self._scopes: dict[tuple[bool, ...], _Scope] = {}
        # Scopes mostly differ in patterns without content literals: they share searches.
        self._scans: dict[tuple[frozenset[str], bool], AnchoredScan] = {}

    def scope(self, path: str) -> _Scope:
        """The patterns that apply to ``path``, and their searches."""
        outcome = tuple(glob.matches(path) for glob in self.globs)
        found = self._scopes.get(outcome)
        if found is None:
            if len(self._scopes) >= _MAX_SCOPES:
                self._scopes.clear()
                self._scans.clear()
            found = self._scopes[outcome] = self._scope(outcome)
        return found

    def _scope(self, outcome: tuple[bool, ...]) -> _Scope:
        patterns = tuple(
            pattern for pattern in self.patterns if self._applies(pattern.match, outcome)
        )
        literals: dict[bool, set[str]] = {False: set(), True: set()}
        for pattern in patterns:
            block: MatchBlock | None = pattern.match
            while block is not None:
                for content in block.content_patterns:
                    if content.required is not None:
                        literals[content.required.fold_case].update(content.required.literals)
                block = block.negated
        return _Scope(
            patterns, (self._scan(literals[False], False), self._scan(literals[True], True))
        )

    def _applies(self, block: MatchBlock, outcome: tuple[bool, ...]) -> bool:
        if not self._passes(block, outcome):
            return False
        veto = _filters_only(block.negated)
        return veto is None or not self._passes(veto, outcome)

    def _passes(self, block: MatchBlock, outcome: tuple[bool, ...]) -> bool:
        """Whether the block's filters pass (as ``_block_hits`` checks them)."""
        if block.language is not None and block.language != self.language:
            return False
        return not block.file_patterns or any(
            outcome[self._glob_index[glob]] for glob in block.file_patterns
        )

    def _scan(self, literals: set[str], folded: bool) -> AnchoredScan:
        key = (frozenset(literals), folded)
        found = self._scans.get(key)
        if found is None:
            found = self._scans[key] = AnchoredScan(literals, folded=folded)
        return found


def _filters_only(block: MatchBlock | None) -> MatchBlock | None:
    """The block if it is made of path filters alone (language, globs): it matches exactly
    when they pass, whatever the file holds."""
    if block is None or block.emitting or block.negated is not None or block.file_imports:
        return None
    return block


# Glob outcomes are few in a project; a plan keeps at most this many scopes all the same.
_MAX_SCOPES = 256

# Plans by language and pack identities (each entry keeps its packs alive, so ids stay theirs).
_PLANS: dict[tuple[str, tuple[int, ...]], tuple[tuple[Pack, ...], _Plan]] = {}
_MAX_PLANS = 32


def _plan(packs: tuple[Pack, ...], language: str) -> _Plan:
    key = (language, tuple(map(id, packs)))
    cached = _PLANS.get(key)
    if cached is not None:
        return cached[1]
    plan = _Plan(
        tuple(
            pattern
            for pack in packs
            if pack.applies_to_language(language)
            for pattern in pack.patterns
            if pattern.match.language in (None, language)
        ),
        language,
    )
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    _PLANS[key] = (packs, plan)
    return plan


class _FileView:
    """Per-file caches shared by every pattern evaluated against the file."""

    def __init__(
        self,
        facts: FileFacts,
        language: str,
        scans: tuple[AnchoredScan, AnchoredScan] | None = None,
        cap: int | None = None,
    ) -> None:
        self.facts = facts
        self.language = language
        self._scans = scans
        # The most matches a pattern reports in the file (None: all). A content regex with
        # this many hits has found every one of its hits that can be reported: the rest come
        # after them in the file, and the first ones are kept.
        self.cap = cap

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines (``str.splitlines``)."""
        return self.facts.text.splitlines()

    @cached_property
    def text(self) -> TextUnits:
        """The lines joined by ``\\n`` alone, so multi-line ``^``/``$`` sit at the same line
        boundaries as ``str.splitlines`` (CRLF, lone CR and form feeds included)."""
        return TextUnits(self.lines, self._scans)

    @cached_property
    def prose(self) -> ProseSpans:
        """The comments and strings of ``text.joined``, for content patterns that match code."""
        return ProseSpans(self.text.joined, self.language)

    @cached_property
    def calls_by_method(self) -> dict[str, list[tuple[int, CallSite]]]:
        """The calls by called name, each with its index in ``facts.calls``: a ``calls``
        pattern names its method, so it looks its few calls up instead of scanning all."""
        index: dict[str, list[tuple[int, CallSite]]] = {}
        for position, call in enumerate(self.facts.calls):
            index.setdefault(call.callee, []).append((position, call))
        return index


def evaluate_file(
    packs: Iterable[Pack], facts: FileFacts, *, max_matches: int = MAX_MATCHES_PER_PATTERN
) -> list[PatternMatch]:
    """Every match of every applicable pattern in one file, in file order, at most
    ``max_matches`` of each pattern (its first ones in the file).

    A pack applies when the file's language is among its languages (or it lists none). The cap
    is per pattern: with one cap for the whole file, the patterns matching early in a large
    file (imports, decorators) used it up, and the naming patterns of requests's 278 test
    functions kept 28 of them, while the naming detector, which is not capped, saw them all.
    """
    language = _language(facts)
    scope = _plan(tuple(packs), language).scope(facts.path)
    view = _FileView(facts, language, scope.scans, max_matches)
    # (line, column, pattern id, predicate, text, sequence, pattern): ordered as the matches
    # are, the sequence number keeps equal keys in the order found (as a stable sort would)
    # and keeps the comparison from ever reaching the pattern.
    ranked: list[tuple[int, int, str, str, str, int, PatternSpec]] = []
    for pattern in scope.patterns:
        # The scope has checked the pattern's filters already.
        try:
            hits = _emitted_hits(pattern.match, view)
        except TimeLimitReached as reached:
            reached.doing = f"matching pattern {pattern.id}"  # most likely the slow one
            raise
        if not hits:
            continue
        found = _unique(hits) if len(hits) > 1 else hits
        if len(found) > max_matches:
            found = sorted(found, key=_position)[:max_matches]
        for predicate, line, column, text in found:
            ranked.append((line, column, pattern.id, predicate, text, len(ranked), pattern))
    ranked.sort()
    path = facts.path
    return [
        _match(pattern, path, (predicate, line, column, text))
        for line, column, _, predicate, text, _, pattern in ranked
    ]


def _position(hit: _Hit) -> tuple[int, int]:
    return hit[1], hit[2]


def evaluate_pattern(pattern: PatternSpec, facts: FileFacts) -> list[PatternMatch]:
    """The matches of one pattern in one file (no cap, no pack language filter)."""
    matches = [_match(pattern, facts.path, hit) for hit in _pattern_hits(pattern, _view(facts))]
    return sorted(matches, key=lambda m: (m.line, m.column, m.predicate))


def block_matches(block: MatchBlock, facts: FileFacts) -> bool:
    """Whether a match block (for example a pattern's ``not`` block) matches the file."""
    return _block_hits(block, _view(facts)) is not None


def signal_sites(packs: Iterable[Pack], facts: FileFacts) -> list[tuple[str, Site]]:
    """``(pack name, first site)`` of each pack whose ``import`` or ``decorator`` detect
    signal this file shows. Imports and decorators match by case-insensitive substring, as
    the predicates of the same name do."""
    found: list[tuple[str, Site]] = []
    for pack in packs:
        for signal in pack.detect_by:
            if signal.kind not in (SignalKind.IMPORT, SignalKind.DECORATOR):
                continue
            needle = signal.value.lower()
            sites = facts.imports if signal.kind is SignalKind.IMPORT else facts.decorators
            site = next((site for site in sites if needle in site.text.lower()), None)
            if site is not None:
                found.append((pack.name, site))
                break
    return found


def dependency_name(name: str) -> str:
    """A dependency's name as package indexes compare them: case, ``-``, ``_`` and ``.`` aside
    (PEP 503: ``QA_Dep.Pkg`` is ``qa-dep-pkg``)."""
    return _NAME_SEPARATORS.sub("-", name.lower())


_NAME_SEPARATORS = re.compile(r"[-_.]+")


def pack_is_active(
    pack: Pack,
    signalled: Collection[str],
    paths: Iterable[str],
    dependencies: Collection[str] = (),
) -> bool:
    """Whether the project shows any of the pack's detect signals (a pack without any is
    active). ``signalled``: the packs some file's imports or decorators signal
    (``signal_sites``); ``file_pattern`` signals match any of ``paths`` by glob; ``dependency``
    signals a declared dependency's name (``dependency_name``)."""
    if not pack.detect_by or pack.name in signalled:
        return True
    wanted_dependencies = {dependency_name(name) for name in dependencies}
    if any(
        signal.kind is SignalKind.DEPENDENCY
        and dependency_name(signal.value) in wanted_dependencies
        for signal in pack.detect_by
    ):
        return True
    globs = [s.glob for s in pack.detect_by if s.kind is SignalKind.FILE_PATTERN and s.glob]
    return bool(globs) and any(glob.matches(path) for path in paths for glob in globs)


def _language(facts: FileFacts) -> str:
    return canonical_language(facts.language) or facts.language.lower()


def _view(facts: FileFacts) -> _FileView:
    return _FileView(facts, _language(facts))


def _match(pattern: PatternSpec, path: str, hit: _Hit) -> PatternMatch:
    predicate, line, column, text = hit
    # Positional (a file has thousands of matches): pattern_id, pack, category, sub_type, file,
    # line, column, confidence, cwe_ids, owasp, matched_text, predicate.
    return PatternMatch(
        pattern.id,
        pattern.pack,
        pattern.category,
        pattern.sub_type,
        path,
        line,
        column,
        pattern.confidence,
        pattern.cwe_ids,
        pattern.owasp,
        # The text is stored and shown in reports: a secret in it is redacted first, then the
        # text cut, so that no cut leaves part of a secret in clear (a SQL string or a URL a
        # pattern matched held a Stripe key).
        redact_secrets(path, text)[:MAX_MATCHED_TEXT],
        predicate,
    )


def _pattern_hits(pattern: PatternSpec, view: _FileView) -> list[_Hit]:
    """The hits of one pattern, one per line, column and predicate (the first found)."""
    hits = _block_hits(pattern.match, view)
    return _unique(hits) if hits else []


def _unique(hits: list[_Hit]) -> list[_Hit]:
    """The first hit per line, column and predicate."""
    unique: dict[tuple[int, int, str], _Hit] = {}
    for hit in hits:
        unique.setdefault((hit[1], hit[2], hit[0]), hit)
    return list(unique.values())


def _block_hits(block: MatchBlock, view: _FileView) -> list[_Hit] | None:
    """The hits of a block, or None when the block does not match the file.

    Filters run first, then each emitting predicate; the first predicate with no hit ends the
    evaluation (AND). The ``not`` block runs last, only when everything else matched.
    """
    if block.language is not None and view.language != block.language:
        return None
    if block.file_patterns and not any(g.matches(view.facts.path) for g in block.file_patterns):
        return None
    return _emitted_hits(block, view)


def _emitted_hits(block: MatchBlock, view: _FileView) -> list[_Hit] | None:
    """``_block_hits`` once the block's path filters have passed."""
    if block.file_imports and not _substring_hits(
        "file_imports", block.file_imports, view.facts.imports
    ):
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
    if isinstance(sites, SiteColumns):
        # Usually no needle is anywhere in the file's (few) texts: one look at them all.
        everything = sites.lowered_joined
        if not any(needle in everything for needle in lowered):
            return []
        texts, lines, columns = sites.texts, sites.lines, sites.columns
        return [
            (predicate, lines[i], columns[i], texts[i])
            for i, text in enumerate(sites.lowered)
            if any(needle in text for needle in lowered)
        ]
    return [
        (predicate, site.line, site.column, site.text)
        for site in sites
        if any(needle in site.text.lower() for needle in lowered)
    ]


def _imports(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _substring_hits("imports", block.imports, view.facts.imports)


def _decorators(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _substring_hits("decorators", block.decorators, view.facts.decorators)


def _calls(block: MatchBlock, view: _FileView) -> list[_Hit]:
    by_method = view.calls_by_method
    found: dict[int, CallSite] = {}
    receivers = block.receivers
    for pattern in block.calls:
        candidates = (
            enumerate(view.facts.calls)
            if pattern.method == "*"
            else by_method.get(pattern.method, ())
        )
        for position, call in candidates:
            if (
                position not in found
                and pattern.matches(call.callee, call.receiver)
                and (not receivers or receiver_is(receivers, call))
            ):
                found[position] = call
    return [
        ("calls", call.line, call.column, call.text)
        for _, call in sorted(found.items(), key=lambda item: item[0])
    ]


# Prefixes of extraction's ``receiver_type`` that say no call or class made the receiver's value
# itself: a part of a call's result, another name for a value, an object literal's member, a
# Go container's element or key.
_NOT_MADE_BY = (ELEMENT_OF, ALIAS_OF, LITERAL_OF, ITEM_IN, KEY_IN)


def receiver_is(wanted: Collection[str], call: CallSite) -> bool:
    """Whether the receiver of ``call`` is one of ``wanted`` (a ``calls`` block's
    ``receivers``): ``name`` is its last part, any subscript cut (``cur`` is ``self.cur``,
    ``cursors`` is ``cursors[0]``), where a ``*`` stands for any characters (``*cx``);
    ``name()`` is a receiver whose value the code says a call
    or class of that name made, by its last part (``connect()``: ``con = sqlite3.connect(…)``,
    ``self.con = sqlite3.connect(…)`` in the caller's class, ``with connect(…) as con``;
    ``Cursor()``: ``cur: sqlite3.Cursor``)."""
    receiver = call.receiver
    if not receiver:
        return False
    last = receiver.rsplit(".", 1)[-1].split("[", 1)[0]
    if last in wanted or any(
        "*" in name and fnmatchcase(last, name) for name in wanted if not name.endswith("()")
    ):
        return True
    made = call.receiver_type
    if not made or made.startswith(_NOT_MADE_BY):
        return False
    return any(f"{option.rsplit('.', 1)[-1]}()" in wanted for option in made.split("|"))


_NO_LITERALS = RequiredLiterals(frozenset(), fold_case=False)
_SITE_LITERALS: dict[re.Pattern[str], RequiredLiterals] = {}


def _site_literals(regex: re.Pattern[str]) -> RequiredLiterals | None:
    """The required literals of a site regex (worked out once per regex)."""
    found = _SITE_LITERALS.get(regex)
    if found is None:
        found = required_literals(regex.pattern, regex.flags) or _NO_LITERALS
        _SITE_LITERALS[regex] = found
    return found if found.literals else None


def _regex_hits(
    predicate: str, regexes: Sequence[re.Pattern[str]], sites: Sequence[Site]
) -> list[_Hit]:
    if isinstance(sites, SiteColumns):
        return _column_regex_hits(predicate, regexes, sites)
    if len(regexes) == 1:
        search = regexes[0].search
        return [
            (predicate, site.line, site.column, site.text)
            for site in sites
            if search(site.text) is not None
        ]
    return [
        (predicate, site.line, site.column, site.text)
        for site in sites
        if any(regex.search(site.text) is not None for regex in regexes)
    ]


def _column_regex_hits(
    predicate: str, regexes: Sequence[re.Pattern[str]], sites: SiteColumns
) -> list[_Hit]:
    """``_regex_hits`` over columns: a regex with required literals is only tried on the
    texts holding one (found in the joined texts), and only matching sites become hits."""
    texts = sites.texts
    matched: set[int] = set()
    for regex in regexes:
        search = regex.search
        required = _site_literals(regex)
        if required is None:
            if len(regexes) == 1:
                # The common case, without a set: hits are already in order.
                lines, columns = sites.lines, sites.columns
                return [
                    (predicate, lines[i], columns[i], text)
                    for i, text in enumerate(texts)
                    if search(text) is not None
                ]
            matched.update(i for i, text in enumerate(texts) if search(text) is not None)
        else:
            candidates = sites.units.holding(required)
            matched.update(i for i in candidates if search(texts[i]) is not None)
    lines, columns = sites.lines, sites.columns
    return [(predicate, lines[i], columns[i], texts[i]) for i in sorted(matched)]


def _function_names(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _regex_hits("function_names", block.function_names, view.facts.function_names)


def _class_names(block: MatchBlock, view: _FileView) -> list[_Hit]:
    return _regex_hits("class_names", block.class_names, view.facts.class_names)


def _string_literals(block: MatchBlock, view: _FileView) -> list[_Hit]:
    hits = _regex_hits("string_literals", block.string_literals, view.facts.string_literals)
    if not hits or not block.not_values_of:
        return hits
    keyed = _key_before(block.not_values_of)
    # Lines as the scanner counts them (at "\n" only), which the literals' positions are in.
    lines = view.facts.text.split("\n")
    return [hit for hit in hits if not _is_value_of(keyed, lines, hit[1], hit[2])]


@lru_cache(maxsize=64)
def _key_before(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A text that ends in one of ``keys`` (quoted or not) and a colon: what stands before the
    value of such a key in an object literal or a dictionary (``$id: '…'``, ``"$id": "…"``)."""
    names = "|".join(re.escape(key) for key in keys)
    return re.compile(rf"(?<![\w$])([\"'`]?)(?:{names})\1[ \t]*:[ \t]*$")


def _is_value_of(keyed: re.Pattern[str], lines: list[str], line: int, column: int) -> bool:
    """Whether the literal at ``line``/``column`` (1-based, in bytes as the scanner counts)
    follows a key ``keyed`` finds: on its line or, when it starts the line, at the end of the
    line above (``$id:`` then the value on the next line)."""
    if not 0 < line <= len(lines):
        return False
    before = lines[line - 1].encode()[: max(column - 1, 0)].decode(errors="ignore")
    if not before.strip() and line > 1:
        before = lines[line - 2]
    return keyed.search(before) is not None


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
    if isinstance(sites, SiteColumns):
        # A site matches only if a wanted name is in its text: usually none is in any.
        everything = sites.units.joined
        if not any(name in everything for name in wanted):
            return []
        lines, columns = sites.lines, sites.columns
        return [
            (predicate, lines[i], columns[i], text)
            for i, text in enumerate(sites.texts)
            if _names_type(text, wanted)
        ]
    return [
        (predicate, site.line, site.column, site.text)
        for site in sites
        if _names_type(site.text, wanted)
    ]


def _names_type(text: str, wanted: set[str]) -> bool:
    name = _bare_type_name(text)
    return name in wanted or name.rpartition(".")[2] in wanted


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
            hits.append(("error_handling", handler.line, handler.column, ",".join(kinds)))
    return hits


def _content_patterns(block: MatchBlock, view: _FileView) -> list[_Hit]:
    hits: list[_Hit] = []
    lines = view.lines
    in_code = block.content_in is ContentScope.CODE
    for pattern in block.content_patterns:
        candidates: Iterable[int]
        if pattern.required is not None:
            # Only lines holding a required literal can match.
            candidates = view.text.holding(pattern.required)
            if not candidates:
                continue  # no required literal anywhere in the file: nothing can match
        elif pattern.text_regex is not None:
            # The regex itself, over the whole text, finds the candidate lines at C speed.
            candidates = _lines_matching(pattern.text_regex, view.text)
        else:
            candidates = range(len(lines))
        search = pattern.line_regex.search
        left = view.cap
        for index in candidates:
            found = search(lines[index])
            if found is not None and in_code:
                found = _first_in_code(pattern.line_regex, lines[index], found, index, view)
            if found is not None:
                column = _byte_column(lines[index], found.start())
                hits.append(("content_patterns", index + 1, column, found.group(0)))
                if left is not None:
                    left -= 1
                    if left == 0:
                        break
    return hits


def _first_in_code(
    regex: re.Pattern[str], line: str, found: re.Match[str] | None, index: int, view: _FileView
) -> re.Match[str] | None:
    """The first match on line ``index``, from ``found`` on, that starts in code."""
    start = view.text.starts[index]
    prose = view.prose
    while found is not None and prose.covers(start + found.start()):
        # Matches are searched from one past the prose one's start, not its end: a shorter
        # match may start inside the longer one, in the code after a comment's end.
        found = regex.search(line, found.start() + 1)
    return found


def _lines_matching(regex: re.Pattern[str], text: TextUnits) -> list[int]:
    """Indexes of the lines where a search of the joined text finds a match starting.

    Each hit moves the search to the next line, so a line is listed at most once. The per-line
    search that follows is what decides; this only narrows the lines to try, and never drops
    one that a per-line search would match (see ContentPattern).
    """
    joined = text.joined
    found: list[int] = []
    hit = regex.search(joined)
    if hit is None:
        return found
    starts = text.starts
    while hit is not None:
        index = bisect_right(starts, hit.start()) - 1
        found.append(index)
        if index + 1 >= len(starts):
            break
        hit = regex.search(joined, starts[index + 1])
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
