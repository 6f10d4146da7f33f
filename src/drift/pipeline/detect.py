"""Detections: pack matches as rows, and the two detectors that need the whole project.

Per file (in the workers): every pack match becomes a ``detections`` row whose method is
``pack:<pack name>``. Across the project (in the parent, after every file is in):

- the convention-deviation learner (``drift.analysis.conventions.learn_deviations``) turns
  matches of a minority pattern, in a group some other pattern dominates, into
  ``<id>/deviation`` rows (method ``learned:convention``);
- the naming detector (``drift.analysis.naming``) finds, per language and kind of function
  (functions and methods apart; Go's exported and unexported names apart, since case is
  visibility there), the dominant identifier style and turns every name that breaks it into a
  ``naming:<language>:<kind>:<style>/deviation`` row (method ``learned:naming``).

Both derived sets depend on every file, so each analysis replaces them whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from drift.analysis.conventions import DEVIATION_MAX_CONFIDENCE, DEVIATION_SUFFIX, learn_deviations
from drift.analysis.naming import KindConvention, NamedSymbol, naming_conventions
from drift.analysis.packs import PatternMatch, PatternSpec, Site
from drift.analysis.packs.activity import (
    DETECT_SUFFIX,
    PACK_METHOD_PREFIX,
    SIGNAL_CATEGORY,
    SIGNAL_METHOD_PREFIX,
)
from drift.analysis.structure.secrets import redact_secrets
from drift.records.analysis import DetectionRow, FunctionRow

LEARNED_CONVENTION: Final = "learned:convention"
LEARNED_NAMING: Final = "learned:naming"
NAMING_PREFIX: Final = "naming:"
DERIVED_METHODS: Final = (LEARNED_CONVENTION, LEARNED_NAMING)
NAMING_CATEGORY: Final = "structural"
_GO_TEST_PREFIXES: Final = ("Test", "Benchmark", "Example", "Fuzz")
_ECMASCRIPT: Final = frozenset({"javascript", "typescript"})
PYTHON_FRAMEWORK_NAMES: Final = frozenset(
    {
        "setUp",
        "tearDown",
        "setUpClass",
        "tearDownClass",
        "setUpModule",
        "tearDownModule",
        "asyncSetUp",
        "asyncTearDown",
        "setUpTestData",
        "shortDescription",
        "runTest",
        "addCleanup",
        "addClassCleanup",
        "doCleanups",
        # unittest's TestResult (Django's test runner overrides them)
        "startTest",
        "stopTest",
        "startTestRun",
        "stopTestRun",
        "addError",
        "addFailure",
        "addSuccess",
        "addSkip",
        "addSubTest",
        "addDuration",
        "addExpectedFailure",
        "addUnexpectedSuccess",
        "wasSuccessful",
        # logging's Handler and Formatter (celery overrides them)
        "handleError",
        "formatException",
        "formatTime",
        "formatStack",
        "formatMessage",
        "usesTime",
        # logging's Logger (an adapter or a stand-in mirrors them: SQLAlchemy's)
        "isEnabledFor",
        "getEffectiveLevel",
        # Twisted's interfaces (scrapy implements them)
        "dataReceived",
        "connectionMade",
        "connectionLost",
        "makeConnection",
        "buildProtocol",
        "clientConnectionFailed",
        "clientConnectionLost",
        "startedConnecting",
        "lineReceived",
        "rawDataReceived",
        "getChild",
        "putChild",
        "startProducing",
        "stopProducing",
        "pauseProducing",
        "resumeProducing",
        "logPrefix",
        "creatorForNetloc",
        "getHostByName",
        "lookupAllRecords",
        "getContext",
        "timeoutConnection",
        "handshakeCompleted",
        "clientConnectionForTLS",
        "acceptableProtocols",
        "getCertificateOptions",
        "resolutionBegan",
        "resolveHostName",
        "addressResolved",
        "resolutionComplete",
        # xml.sax's ContentHandler
        "startDocument",
        "endDocument",
        "startElement",
        "endElement",
        "startElementNS",
        "endElementNS",
        "startPrefixMapping",
        "endPrefixMapping",
        "ignorableWhitespace",
        "processingInstruction",
        "setDocumentLocator",
        "skippedEntity",
    }
)
"""Python names a framework imposes in camelCase (unittest's hooks, Django's setUpTestData, the
logging and xml.sax methods a subclass overrides): pep8-naming and ruff leave them out of their
naming rules by default, and so does Drift."""
PYTHON_FRAMEWORK_NAME: Final = re.compile(r"^(?:visit|depart|do|render)_[A-Z]\w*$")
"""Names a framework spells with a type's name: ``ast.NodeVisitor``'s ``visit_Expr`` (black),
docutils' ``depart_Text``, ``http.server``'s ``do_GET``, Twisted's ``render_GET``."""


JAVA_LOCALE_VARIANT: Final = re.compile(
    r"^[A-Z][A-Za-z0-9]*_(?P<language>[a-z]{2})(?:_[A-Z]{2}|_[0-9]{3})?(?:_[A-Za-z0-9]+)?$"
)
"""A Java class ``ResourceBundle`` finds by its locale suffix: ``XMLErrorResources_de``,
``SerializerMessages_pt_BR`` (java.xml holds 96 of them). The suffix is the lookup's, not a
naming choice."""
ISO_LANGUAGES: Final = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv ka kg ki kj kk kl km kn ko kr ks "
    "ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn "
    "no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn "
    "so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa "
    "wo xh yi yo za zh zu".split()
)
"""ISO 639-1 language codes, and the old ones Java's ``Locale`` still maps (``iw``, ``in``,
``ji``)."""


def chosen_name(language: str, name: str) -> bool:
    """Whether the author chose ``name``: not a numeric key of an object literal
    (``{ 1(k) {…} }``), not a placeholder (``def _(value: int)`` under ``@fmt.register``), not a
    name a Python framework imposes (unittest's hooks, ``visit_Expr``), not a Java resource
    bundle's locale variant (``Messages_pt_BR``). Naming conventions
    judge chosen names only, in the packs and in the naming detector alike."""
    if not name[:1].isalpha() and name[:1] not in "_$":
        return False
    if not name.strip("_"):
        return False
    if language == "java":
        variant = JAVA_LOCALE_VARIANT.match(name)
        return variant is None or variant.group("language") not in ISO_LANGUAGES
    return language != "python" or not (
        name in PYTHON_FRAMEWORK_NAMES or PYTHON_FRAMEWORK_NAME.match(name)
    )


def signal_row(path: str, pack: str, site: Site) -> DetectionRow:
    """The stored form of a pack's detect signal seen in ``path`` (``drift.pipeline.activity``):
    no pattern's match, only what tells that the pack applies."""
    return DetectionRow(
        id=0,
        file=path,
        line=site.line,
        column_num=site.column,
        pattern_id=pack + DETECT_SUFFIX,
        category=SIGNAL_CATEGORY,
        confidence=1.0,
        detection_method=SIGNAL_METHOD_PREFIX + pack,
        cwe_ids=None,
        owasp=None,
        matched_text=redact_secrets(path, site.text)[:200],  # a decorator's arguments
        created_at=0,
    )


def detection_row(match: PatternMatch, method: str | None = None) -> DetectionRow:
    """The stored form of one match (id and created_at are set by storage)."""
    return DetectionRow(
        id=0,
        file=match.file,
        line=match.line,
        column_num=match.column,
        pattern_id=match.pattern_id,
        category=match.category,
        confidence=match.confidence,
        detection_method=method or PACK_METHOD_PREFIX + match.pack,
        cwe_ids=",".join(str(cwe) for cwe in match.cwe_ids) or None,
        owasp=match.owasp,
        matched_text=match.matched_text,
        created_at=0,
    )


def _as_match(row: DetectionRow, spec: PatternSpec) -> PatternMatch:
    return PatternMatch(
        pattern_id=row.pattern_id,
        pack=spec.pack,
        category=row.category,
        sub_type=spec.sub_type,
        file=row.file,
        line=row.line,
        column=row.column_num,
        confidence=row.confidence,
        cwe_ids=spec.cwe_ids,
        owasp=row.owasp,
        matched_text=row.matched_text or "",
        predicate="stored",
    )


def convention_deviations(
    detections: Iterable[DetectionRow], patterns: Mapping[str, PatternSpec]
) -> list[DetectionRow]:
    """The learner's deviations over every stored pack detection, as rows."""
    learning = {pid for pid, spec in patterns.items() if spec.learn is not None}
    matches = [
        _as_match(row, patterns[row.pattern_id])
        for row in detections
        if row.pattern_id in learning and row.detection_method.startswith(PACK_METHOD_PREFIX)
    ]
    return sorted(
        (detection_row(match, LEARNED_CONVENTION) for match in learn_deviations(matches, patterns)),
        key=_row_order,
    )


def _row_order(row: DetectionRow) -> tuple[str, int, int, str]:
    return (row.file, row.line, row.column_num, row.pattern_id)


# -- naming ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamingFinding:
    """The naming convention of one kind of symbol in one language, and its deviations."""

    language: str
    kind: str
    convention: KindConvention


def _kind(row: FunctionRow, functions_in_file: frozenset[str]) -> str | None:
    """``function``, ``method`` or, in JavaScript/TypeScript, ``component`` (a capitalised
    function); Go's carry ``-exported``/``-unexported``. None to skip."""
    if not chosen_name(row.language, row.name):
        return None
    qualified = row.qualified_name or row.name
    owner, dot, _ = qualified.rpartition(".")
    # A prefix that is itself a function of the file makes a nested function; any other prefix
    # is a class (or Go receiver) and makes a method.
    is_method = bool(dot) and owner not in functions_in_file
    if is_method and owner.rpartition(".")[2] == row.name:
        return None  # a constructor is named after its class, whatever the method style
    kind = "method" if is_method else "function"
    if row.language == "go":
        if row.file.endswith("_test.go") and row.name.startswith(_GO_TEST_PREFIXES):
            return None
        # Case decides visibility in Go: exported and unexported names are separate kinds.
        return f"{kind}-{'exported' if row.name[:1].isupper() else 'unexported'}"
    if row.language in _ECMASCRIPT and kind == "function" and row.name.lstrip("$_")[:1].isupper():
        # A capitalised JavaScript function is a React component or a constructor function by
        # convention (JSX needs components capitalised): a kind of its own, not a camelCase
        # function spelled wrong.
        return "component"
    return kind


def named_symbols(functions: Iterable[FunctionRow]) -> list[NamedSymbol]:
    """Every stored function as a symbol of kind ``<language>:<kind>``, in file and line order.

    The ``functions`` table is the source (not the parse results), so an incremental run sees
    every file's names without re-reading unchanged files.
    """
    by_file: dict[str, list[FunctionRow]] = {}
    for row in functions:
        by_file.setdefault(row.file, []).append(row)
    symbols: list[NamedSymbol] = []
    for file in sorted(by_file):
        rows = sorted(by_file[file], key=lambda r: (r.line, r.id))
        qualified = frozenset(r.qualified_name or r.name for r in rows)
        for row in rows:
            kind = _kind(row, qualified)
            if kind is not None and row.name:
                symbols.append(NamedSymbol(row.name, f"{row.language}:{kind}", file, row.line))
    return symbols


def naming_pattern_id(language: str, kind: str, style: str) -> str:
    """The pattern id naming deviations are recorded under."""
    return f"{NAMING_PREFIX}{language}:{kind}:{style}"


def naming_findings(symbols: Iterable[NamedSymbol]) -> list[NamingFinding]:
    """The dominant style per language and kind of symbol (kinds with one name are left out)."""
    findings: list[NamingFinding] = []
    for key, convention in sorted(naming_conventions(symbols).items()):
        language, _, kind = key.partition(":")
        if convention.total > 1:
            findings.append(NamingFinding(language, kind, convention))
    return findings


def naming_deviations(findings: Sequence[NamingFinding]) -> list[DetectionRow]:
    """A row per symbol whose name breaks its kind's dominant style."""
    rows: list[DetectionRow] = []
    for finding in findings:
        convention = finding.convention
        if convention.dominant is None:
            continue
        confidence = min(convention.share, DEVIATION_MAX_CONFIDENCE)
        for deviation in convention.deviations:
            symbol = deviation.symbol
            base = naming_pattern_id(finding.language, finding.kind, deviation.style.value)
            rows.append(
                DetectionRow(
                    id=0,
                    file=symbol.file,
                    line=symbol.line,
                    column_num=symbol.column,
                    pattern_id=base + DEVIATION_SUFFIX,
                    category=NAMING_CATEGORY,
                    confidence=confidence,
                    detection_method=LEARNED_NAMING,
                    cwe_ids=None,
                    owasp=None,
                    matched_text=f"{symbol.name} ({deviation.style.value})",
                    created_at=0,
                )
            )
    return sorted(rows, key=_row_order)
