"""Hard-coded secrets: known credential formats, and high-entropy values assigned to names that
say "secret". Values are never kept: ``redacted_value`` is a short prefix, "…" and the length.

Known formats (``pattern_name``: severity, confidence):

- ``aws_access_key_id`` (``AKIA``/``ASIA``… + 16): critical, 0.95
- ``aws_secret_access_key`` (40 base64 characters next to an ``aws…secret`` name): critical, 0.85
- ``github_token`` (``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_`` + 36, ``github_pat_`` + 82):
  critical, 0.95
- ``slack_token`` (``xoxb-``/``xoxp-``/``xoxa-``/``xoxr-``/``xoxs-``…): critical, 0.9;
  ``slack_webhook`` (``https://hooks.slack.com/services/…``): high, 0.9
- ``stripe_secret_key`` (``sk_live_``/``rk_live_``): critical, 0.95; ``stripe_test_key``
  (``sk_test_``/``rk_test_``): medium, 0.8
- ``google_api_key`` (``AIza`` + 35): high, 0.9
- ``private_key`` (a ``-----BEGIN … PRIVATE KEY-----`` header followed by at least 16 base64
  characters of key): critical, 0.95
- ``jwt`` (three base64url segments starting ``eyJ``): medium, 0.7
- ``url_credentials`` (``scheme://user:password@host``): high, 0.8; medium, 0.6 for a loopback
  host (``localhost``, ``127.0.0.1``: a service on the developer's own machine); not for a host
  reserved for examples (``example.com``, ``*.test``, ``*.invalid``, ``*.example``: RFC 2606)
  or a placeholder host (``dummy.host``, ``<host>``), nor for a password filled in at run time
  (``{token}``, ``%s``, ``${PW}``, ``<password>``); with GitHub's fixed password
  ``x-oauth-basic`` the user is the token, judged in its place

Generic (``generic_secret``, severity high): ``name = "value"`` or ``name: "value"`` (in
configuration files such as ``.env``, ``.ini`` or YAML the quotes may be left out) where the
name contains password/passwd/pwd/secret/token/api_key/apikey/auth_key/access_key/private_key/
client_secret, the value has at least 8 characters and no whitespace, and its Shannon entropy is
at least 3.0 bits per character for passwords and 3.5 for the other names. Placeholders
(``changeme``, ``<your-token>``, ``${VAR}``, ``xxxx``, a value that spells out ``password``…),
password hashes (bcrypt, argon2, scrypt, sha-crypt, ``pbkdf2_sha256$…``), URLs and paths, and
names that describe rather than hold a secret (``token_url``, ``password_field``,
``key_prefix``, ``hashed_password``…) are skipped. So are words rather than secrets: a value
that is its own name in another case or style (``RESUME_TOKEN_CHANGED = "resumeTokenChanged"``),
and, for names other than passwords, a value made of identifier words (camelCase, kebab-case,
snake_case, dotted or colon-joined: an event, key or role name such as ``"tokenRefreshed"``; a
passphrase of words is still a password). In TypeScript a string in a type position is a
literal type, not a value: every ``name: "x"`` of a ``.d.ts`` file, in other TypeScript files
one followed by ``;``, ``|``, ``&``, ``=`` or ``)`` (``static readonly EVENT: "event";``,
``kind: "a" | "b"``, a parameter's type), and a type alias's ``type Role = "x"``. Confidence
grows with the entropy above the threshold, from 0.5 to 0.85.

In test code (``is_test_support``: test files, ``tests/``, ``fixtures/``…) and in examples
(``is_example_code``: ``examples/``, ``docs_src/``, ``demo/``…) a URL credential or generic
secret is ``medium`` (a warning): they are full of stand-ins; there a URL credential for a
bare-word host (``scott:tiger@somehost``) or with a classic stand-in password (``tiger``,
``password``, ``secret``…) is none. The known formats of real keys
keep their severity there. A value naming a path, a URL or a URN is none.

Placeholder values are skipped for every pattern. A span matched by a known format is not
reported again as generic. In docstrings, URL credentials and generic secrets are examples
(``postgres://user:pass@host``) and are not reported; the known formats of real keys are.
``cwe_ids`` is always ``"798"``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final, NamedTuple

from drift.analysis.structure.source_text import LineIndex, shannon_entropy
from drift.analysis.structure.test_files import is_example_code, is_test_support
from drift.records.structural import SecretRow
from drift.scan.model import ParseResult

CWE_HARD_CODED_CREDENTIALS = "798"


_WORD = re.compile(r"\w")
_UPPER_OR_DIGIT = re.compile(r"[A-Z0-9]")


class _Format(NamedTuple):
    """A known credential format. Patterns start with a literal where they can (the regex
    engine then skips ahead to it; a leading look-behind makes a search ~30 times slower), so
    the "not glued to a preceding character" test is ``guard``, checked on the character before
    a match. A format with ``markers`` runs only on text containing one of them (lower-cased
    text when ``folded``)."""

    name: str
    pattern: re.Pattern[str]
    severity: str
    confidence: float
    guard: re.Pattern[str] | None = None
    markers: tuple[str, ...] = ()
    folded: bool = False


_FORMATS = (
    _Format(
        "aws_access_key_id",
        re.compile(r"A(?:KIA|SIA|BIA|CCA|GPA|IDA|ROA)[A-Z0-9]{16}(?![A-Z0-9])"),
        "critical",
        0.95,
        guard=_UPPER_OR_DIGIT,
    ),
    _Format(
        "aws_secret_access_key",
        re.compile(
            r"(?i:aws[\w.\-]{0,20}secret[\w.\-]{0,20})['\"]?\s*[:=]+\s*['\"]"
            r"(?P<value>[A-Za-z0-9/+=]{40})['\"]"
        ),
        "critical",
        0.85,
        markers=("aws",),
        folded=True,
    ),
    _Format(
        "github_token",
        re.compile(r"gh(?:[pousr]_[A-Za-z0-9]{36}|ithub_pat_[A-Za-z0-9_]{82})(?!\w)"),
        "critical",
        0.95,
        guard=_WORD,
    ),
    _Format(
        "slack_token",
        re.compile(r"xox[abeoprs]-[A-Za-z0-9-]{10,}"),
        "critical",
        0.9,
        guard=_WORD,
    ),
    _Format(
        "slack_webhook",
        re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
        "high",
        0.9,
    ),
    _Format(
        "stripe_secret_key",
        re.compile(r"\b[sr]k_live_[A-Za-z0-9]{16,}(?!\w)"),
        "critical",
        0.95,
        markers=("k_live_",),
    ),
    _Format(
        "stripe_test_key",
        re.compile(r"\b[sr]k_test_[A-Za-z0-9]{16,}(?!\w)"),
        "medium",
        0.8,
        markers=("k_test_",),
    ),
    _Format(
        "google_api_key",
        re.compile(r"AIza[0-9A-Za-z_\-]{35}(?![\w-])"),
        "high",
        0.9,
        guard=_WORD,
    ),
    _Format(
        "private_key",
        # The header, then the key itself: a documentation example (``…KEY-----\\nXXXX\\n…``)
        # or code that looks for the header (``startswith("-----BEGIN PRIVATE KEY-----")``)
        # holds no key.
        re.compile(
            r"(?P<value>-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY"
            r"(?: BLOCK)?-----)"
            r"(?:[\s\"'`+]|\\+[nr])*"  # line breaks, written or escaped, and string joins
            r"(?:[A-Za-z-]+:[^\n]*\n\s*)*"  # the headers of an encrypted key
            r"[A-Za-z0-9+/]{16}"  # the start of the key
        ),
        "critical",
        0.95,
    ),
    _Format(
        "jwt",
        re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
        "medium",
        0.7,
        guard=_WORD,
    ),
)

# The user may be empty: ``redis://:password@host`` is Redis's own form.
_URL_CREDENTIALS = re.compile(
    r"://(?P<user>[^\s:/@'\"]{0,64}):(?P<value>[^\s:/@'\"]{3,128})@(?P<host>[\w.\-]+)"
)
_MORE_AT = re.compile(r"(?:@[\w.\-]+)*")
# A part of a URL filled in at run time (``{token}`` in an f-string or ``.format``, ``%s``,
# ``%(pw)s``, ``${PASSWORD}``, ``$PW``, ``<password>``): the secret is elsewhere, not here.
_FILLED_IN = re.compile(r"\{[^{}]*\}|%[sd(]|\$[A-Za-z_{]|<[^<>]*>")
# A value cut short in a comment or a message (``ghp_…``, ``xxx...``): a stand-in.
_ELIDED = re.compile(r"…|\.\.\.|\*\*\*|xxxx", re.IGNORECASE)
# Passwords a service fixes when the token is the user (GitHub's ``x-oauth-basic``).
_FIXED_PASSWORDS = frozenset({"x-oauth-basic"})
# Hosts reserved for documentation and tests (RFC 2606, RFC 6761): credentials for them are
# examples by definition (`https://me:pass@example.com`, `http://u:p@db.test`).
_EXAMPLE_HOST = re.compile(r"(?i)(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)\.?$")
_PLACEHOLDER_HOST = re.compile(r"(?i)dummy|fake|placeholder|your[_\-]")
# Loopback hosts: the credentials open a service on the developer's own machine
# (`postgresql://postgres:postgres@localhost/db` in a tutorial or a local setting).
_LOOPBACK_HOST = re.compile(r"(?i)^(?:localhost|(?:[\w\-]+\.)*localhost|127(?:\.\d{1,3}){3})\.?$")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{1,20}$")
# Words that make a name sound secret. Only a text whose lower-casing moves offsets is searched
# with this (case-insensitive) regex; otherwise ``_KEYWORDS``, the strings it matches, are
# looked for in the lower-cased text.
_KEYWORD_ANY_CASE = re.compile(
    r"pass(?:word|wd)|pwd|secret|token|api_?key|apikey|auth_?key|access_?key|private_?key",
    re.IGNORECASE,
)
_KEYWORDS = (
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "authkey",
    "auth_key",
    "accesskey",
    "access_key",
    "privatekey",
    "private_key",
)
_IDENTIFIER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$-")
# In configuration files (``.env``, ``.ini``, ``.properties``…) values need no quotes.
_ASSIGNED_BARE = re.compile(r"[ \t]*[:=][ \t]*(?P<value>[^\s'\"`]{8,256})(?=[ \t]*(?:$|#))", re.M)
_CONFIG_SUFFIXES = (".env", ".ini", ".cfg", ".conf", ".properties", ".toml", ".yaml", ".yml")
_ASSIGNED_VALUE = re.compile(
    r"['\"]?\s*(?::=|[:=])\s*(?P<q>['\"`])(?P<value>[^'\"`\s]{8,256})(?P=q)"
)
# A literal behind an environment read is the value used wherever the variable is unset: a
# secret all the same (``SECRET = process.env.SECRET || "h7Gk…"``, Django's
# ``os.environ.get("SECRET_KEY", "h7Gk…")``).
_ASSIGNED_FALLBACK = re.compile(
    r"['\"]?\s*(?::=|[:=])\s*"
    r"(?:process\.env(?:\.[\w$]+|\[\s*['\"][^'\"]+['\"]\s*\])\s*(?:\|\||\?\?)"
    r"|os\.(?:environ\.get|getenv)\(\s*['\"][^'\"]+['\"]\s*(?:\)\s*or\b|,))"
    r"\s*(?P<q>['\"`])(?P<value>[^'\"`\s]{8,256})(?P=q)"
)
# Java assigns with ``=`` only: a ``:`` there is a ternary's or a label's (``cond ? "RsaSecret" :
# "TlsSecret"`` named no secret).
_ASSIGNED_BY_EQUALS = re.compile(r"['\"]?\s*=\s*(?P<q>['\"`])(?P<value>[^'\"`\s]{8,256})(?P=q)")
# A string of identifier words, letters only: camelCase or PascalCase segments (humps of two
# letters or more), or upper-case words, joined by ``-``, ``_``, ``.`` or ``:`` (an event name
# ``resumeTokenChanged``, a key ``access-token``, a role ``secretsProvider:owner``). A random
# token almost never reads so: it has digits, symbols, or one-letter humps (``qWeRtY``).
_WORD_SEGMENT = r"(?:[a-z]{2,}|[A-Z][a-z]+)(?:[A-Z][a-z]+)*|[A-Z]{2,}"
_WORD_STRING = re.compile(rf"(?:{_WORD_SEGMENT})(?:[-_.:](?:{_WORD_SEGMENT}))*")
_WORD_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+")
_VOWELS = frozenset("aeiouy")
_MEAN_WORD_LENGTH = 3
# After a colon, what makes the string a TypeScript literal type: a member's or a variable's
# annotation ends (``;``), a union or intersection goes on (``|``, ``&``), an initialiser follows
# (``=``, not ``==``/``=>``), or a parameter list closes (``)``). An object literal's property
# is followed by ``,`` or ``}``, which stay values.
_AFTER_LITERAL_TYPE = re.compile(r"[ \t]*(?:[;|&)]|=(?![=>]))")
_TYPE_ALIAS = re.compile(r"(?<![\w$.])type[ \t]+$")
_TYPESCRIPT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")
_DECLARATION_SUFFIXES = (".d.ts", ".d.mts", ".d.cts")
_PASSWORD_WORDS = ("password", "passwd", "pwd")
_PASSWORD_ENTROPY = 3.0
_SECRET_ENTROPY = 3.5
_DESCRIPTIVE_SUFFIXES = (
    "url",
    "uri",
    "path",
    "file",
    "field",
    "name",
    "type",
    "header",
    "env",
    "var",
    "length",
    "len",
    "count",
    "policy",
    "prompt",
    "label",
    "placeholder",
    "regex",
    "pattern",
    "endpoint",
    "id",
    "key_name",
    "prefix",
    "suffix",
    "param",
)
_PLACEHOLDER = re.compile(
    r"(?i)changeme|change_me|example|placeholder|dummy|fake|redacted|demo|your[_\-]|<[^>]*>"
    r"|\$\{|\{\{"
    r"|%\(|xxxx|\*\*\*|\.\.\.|^(?:pass|password|secret|token|test|none|null|undefined)\w*$"
    # A scrubber's stand-in: sentry-sdk's ``"[Filtered]"``.
    r"|^\[[A-Za-z _-]+\]$"
    # A value that spells out the word is a stand-in (`somepassword`, `new_password2`).
    r"|pass(?:word|wd)"
)
# Password hashes in the formats crypt(3) and the usual libraries write: bcrypt ($2b$…),
# argon2, scrypt, sha-crypt ($5$/$6$), Django's pbkdf2_sha256$…: stored to verify, not to use.
_PASSWORD_HASH = re.compile(
    r"^(?:\$(?:2[abxy]?|5|6|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?)\$"
    r"|(?:pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt)\$)"
)
# A value that names an environment variable (``"DRIFT_API_KEY"``) says where the secret lives,
# not what it is: settings tables map names to such variables all the time.
_ENV_VARIABLE_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
SECRET_NAME = re.compile(
    r"(?i)password|passwd|pwd|secret|token|api_?key|apikey|auth_?key|access_?key|private_?key"
)
"""Words in a name that say it holds a credential."""


# Values that name rather than hide: a path, a URL, a URN (a WebDAV lock token
# ``urn:uuid:…`` in fastify's tests).
_NOT_SECRETS = ("/", "http", "urn:")


def _stand_in_url(matched: str, password: str) -> bool:
    """In test or example code, a URL whose host is a bare word (``scott:tiger@somehost``,
    ``uname:pwd@host``) or whose password is a classic stand-in (Oracle's ``tiger``): no
    server anyone reaches with it (all 34 of SQLAlchemy's were such)."""
    host = matched.rsplit("@", 1)[-1]
    bare = "." not in host and not _LOOPBACK_HOST.match(host)
    return bare or password.lower() in _STAND_IN_PASSWORDS


_STAND_IN_PASSWORDS = frozenset({"tiger", "password", "passwd", "pass", "pwd", "secret"})


def redact(value: str) -> str:
    """A safe stand-in for ``value``: at most 4 leading characters (never more than a quarter
    of the value), "…", and the length, e.g. ``"AKIA…(20)"``."""
    keep = min(4, len(value) // 4)
    return f"{value[:keep]}…({len(value)})"


def _row(
    path: str, name: str, value: str, *, line: int, severity: str, confidence: float
) -> SecretRow:
    return SecretRow(
        id=None,
        pattern_name=name,
        redacted_value=redact(value),
        file=path,
        line=line,
        severity=severity,
        entropy=round(shannon_entropy(value), 4),
        confidence=confidence,
        cwe_ids=CWE_HARD_CODED_CREDENTIALS,
    )


def _generic_confidence(entropy: float, threshold: float) -> float:
    return round(min(0.85, 0.5 + 0.15 * (entropy - threshold)), 4)


def _describes_secret(key: str) -> bool:
    """Whether ``key`` names something about a secret (its URL, field, length, hash…), not
    one: a password's hash (``hashed_password``, ``password_hash``) verifies it and cannot be
    used in its place."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key).lower().replace("-", "_")
    if words.endswith(_DESCRIPTIVE_SUFFIXES) or words.startswith(("is_", "has_", "use_")):
        return True
    return "hash" in words.split("_") or words.startswith("hashed")


def _squashed(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _is_own_name(key: str, value: str) -> bool:
    """Whether ``value`` spells the name it is assigned to in another case or style
    (``RESUME_TOKEN_CHANGED = "resumeTokenChanged"``, ``apiKey: "api-key"``)."""
    return _squashed(key) == _squashed(value)


def _is_word_string(value: str) -> bool:
    """Whether ``value`` is identifier words (``tokenRefreshed``, ``access-token-expired``):
    an event, key or field name. At least two words, three letters long on average, and every
    word of four letters or more has a vowel, as words do and random letters often do not."""
    if _WORD_STRING.fullmatch(value) is None:
        return False
    parts = _WORD_PARTS.findall(value)
    # One word alone (``verysecretvalue``) may be a secret of its own; humps of two letters
    # (``qwErTyUiOp``) are random letters, not words.
    if len(parts) < 2 or sum(map(len, parts)) < _MEAN_WORD_LENGTH * len(parts):
        return False
    return all(len(part) < 4 or not _VOWELS.isdisjoint(part.lower()) for part in parts)


class _Known(NamedTuple):
    """A known-format match: its span, the span of the secret in it, and how it is judged."""

    start: int
    end: int
    name: str
    value_start: int
    value_end: int
    severity: str
    confidence: float


def _known_formats(text: str, folded: str) -> list[_Known]:
    """The known-format matches in ``text``; ``folded`` is ``text.lower()``."""
    found: list[_Known] = []
    for fmt in _FORMATS:
        haystack = folded if fmt.folded else text
        if fmt.markers and not any(marker in haystack for marker in fmt.markers):
            continue
        group = "value" if "value" in fmt.pattern.groupindex else 0
        for m in fmt.pattern.finditer(text):
            start = m.start()
            if fmt.guard is not None and start > 0 and fmt.guard.match(text, start - 1):
                continue
            value_start, value_end = m.span(group)
            found.append(
                _Known(
                    start, m.end(), fmt.name, value_start, value_end, fmt.severity, fmt.confidence
                )
            )
    if "@" in text:
        for m in _URL_CREDENTIALS.finditer(text):
            host = m.group("host")
            # ``http://foo:bar@baz@example.com``: a URL's host follows its last ``@``.
            beyond = _MORE_AT.match(text, m.end())
            if beyond is not None and beyond.group():
                host = beyond.group().rsplit("@", 1)[-1]
            if _EXAMPLE_HOST.search(host) or _PLACEHOLDER_HOST.search(host):
                continue  # `user:secret@example.com`, `user:pw@dummy.host`: a documented example
            if m.group().startswith("://:") and m.group("value").isdigit():
                continue  # `://:8080@…`: a port, no password (Redis's `://:password@` has one)
            part = "value"
            if m.group("value").lower() in _FIXED_PASSWORDS:
                part = "user"  # `https://ghp_…:x-oauth-basic@github.com`: the user
            value = m.group(part)
            if len(value) < 3 or _FILLED_IN.search(value) or _ELIDED.search(value):
                continue  # `https://x-access-token:{token}@github.com`: filled in at run time
            if _URL_SCHEME.search(text, max(0, m.start() - 21), m.start()):
                severity, confidence = (
                    ("medium", 0.6) if _LOOPBACK_HOST.match(host) else ("high", 0.8)
                )
                found.append(
                    _Known(
                        m.start(), m.end(), "url_credentials", *m.span(part), severity, confidence
                    )
                )
    return found


def is_config_file(path: str) -> bool:
    """Whether ``path`` is a configuration file, where values are written without quotes."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith(".env") or name.endswith(_CONFIG_SUFFIXES)


def _keyword_starts(text: str, folded: str) -> list[int]:
    """Ascending offsets where a keyword starts (every name holding one is among them);
    ``folded`` is ``text.lower()``."""
    if len(folded) != len(text):
        # Lower-casing moved offsets (some character folds to several, e.g. "İ").
        return [hit.start() for hit in _KEYWORD_ANY_CASE.finditer(text)]
    # One substring search per keyword: a search for the alternation tries it at every
    # p, s, t and a of the text, several times slower.
    found: set[int] = set()
    for keyword in _KEYWORDS:
        position = folded.find(keyword)
        while position >= 0:
            found.add(position)
            position = folded.find(keyword, position + 1)
    return sorted(found)


def _generic_candidates(
    text: str,
    folded: str,
    *,
    bare: bool = False,
    colon_assigns: bool = True,
    typescript: bool = False,
    python: bool = False,
) -> list[tuple[int, int, str, str]]:
    """``(start, end, name, value)`` of string literals assigned to secret-sounding names;
    ``folded`` is ``text.lower()``. ``colon_assigns``: ``name: "value"`` is an assignment (a
    mapping, a keyword argument), as everywhere but in Java and TypeScript declaration files.
    ``typescript``: a colon followed by a string in a type position is a literal type."""
    assignment = _ASSIGNED_VALUE if colon_assigns else _ASSIGNED_BY_EQUALS
    found: list[tuple[int, int, str, str]] = []
    last_end = -1
    for position in _keyword_starts(text, folded):
        if position < last_end:
            continue  # a second keyword inside a name already read (``secret_token``)
        end = position
        while end < len(text) and text[end] in _IDENTIFIER_CHARS:
            end += 1
        last_end = end
        start = position
        while start > 0 and text[start - 1] in _IDENTIFIER_CHARS:
            start -= 1
        assigned = (
            assignment.match(text, end)
            or _ASSIGNED_FALLBACK.match(text, end)
            or (_ASSIGNED_BARE.match(text, end) if bare else None)
        )
        if assigned is not None:
            if typescript and _is_literal_type(text, start, assigned):
                continue
            if python and _is_annotation(text, end, assigned):
                continue
            value_start, value_end = assigned.span("value")
            found.append((value_start, value_end, text[start:end], assigned.group("value")))
    return found


def _is_annotation(text: str, name_end: int, assigned: re.Match[str]) -> bool:
    """Whether a Python ``name: "…"`` is a quoted annotation (``secret_key: "Optional[str]" =
    None``): a colon after a bare name annotates in Python; only a quoted key maps a value."""
    between = text[name_end : assigned.start("q")]
    return ":" in between and "=" not in between and not between.lstrip().startswith(("'", '"'))


def _is_literal_type(text: str, name_start: int, assigned: re.Match[str]) -> bool:
    """Whether a ``name: "value"`` (or ``type Name = "value"``) match is a TypeScript literal
    type rather than a value."""
    if text.find(":", assigned.start(), assigned.start("value")) < 0:
        # Assigned with ``=``: a value, unless it is a type alias (``type Role = "a" | "b"``).
        return _TYPE_ALIAS.search(text, max(0, name_start - 16), name_start) is not None
    return _AFTER_LITERAL_TYPE.match(text, assigned.end()) is not None


TEST_CODE_SEVERITY = "medium"
"""The severity of a URL credential or generic secret in test code (see ``is_test_support``)."""

_RANK = {"medium": 0, "high": 1}.__getitem__
"""Orders the two severities a URL credential or generic secret can have."""

_BY_EXAMPLE = frozenset({"url_credentials", "generic_secret"})
"""Kinds that documentation shows by example (``postgres://user:pass@host``, ``password='…'``):
not reported on a line of ``documentation``. The formats of real credentials (an AWS key, a
private key) are reported wherever they stand."""


class _Found(NamedTuple):
    """A secret found: where its value stands in the text, and its row."""

    start: int
    end: int
    row: SecretRow
    at: int
    """Where the match that found it starts (the order of the rows)."""


def find_secrets(
    path: str,
    text: str,
    *,
    documentation: Collection[int] = (),
    result: ParseResult | None = None,
) -> tuple[SecretRow, ...]:
    """The hard-coded secrets in one file's text, by position. ``documentation`` holds the lines
    of docstrings, where URL credentials and generic secrets are examples, not secrets;
    ``result``, the file's parse, tells test code as ``is_test_support`` does."""
    tests = is_test_support(path, result)
    return tuple(found.row for found in _find(path, text, documentation, tests=tests))


# What follows a private key's header in a string or a file: the key's base64 lines, written or
# escaped line breaks, and the quotes and ``+`` of string joins.
_KEY_BODY = re.compile(r"""(?:[A-Za-z0-9+/=\s"'`+]|\\+[nr])*""")


_SHORTEST_SECRET: Final = 11
"""No secret ``find_secrets`` reports fits in fewer characters: a known format's token takes 20 or
more; a URL's password needs a scheme of two letters, three characters and a host
(``ab://:Zq9@h``); a guessed credential a key word, an assignment and a value of at least eight
different characters (3 bits of entropy), ``pwd=x9Q!zKa7`` in a ``.env`` file being the least."""


def redact_secrets(path: str, text: str) -> str:
    """``text`` (a snippet of the file at ``path``: a pattern's matched text) with the value of
    every secret ``find_secrets`` reports in it replaced by its ``redact`` form, so that a
    stored or reported snippet never carries a secret in clear. A private key is hidden from
    its header to the end of its key material."""
    if len(text) < _SHORTEST_SECRET:
        return text  # most matched texts are names (``test_``, ``os``): nothing to look for
    found = _find(path, text, ())
    if not found:
        return text
    parts: list[str] = []
    position = 0
    for start, value_end, row, _ in sorted(found, key=lambda item: item.start):
        if start < position:
            continue  # inside a span already hidden
        end = value_end
        if row.pattern_name == "private_key":
            body = _KEY_BODY.match(text, value_end)
            end = body.end() if body is not None else value_end
        parts.append(text[position:start])
        parts.append(redact(text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _find(
    path: str, text: str, documentation: Collection[int], *, tests: bool | None = None
) -> list[_Found]:
    """``find_secrets``'s secrets with the spans of their values, by position (``tests``:
    whether the file is test code, by its path alone when None)."""
    index = LineIndex(text)
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    folded = text.lower()
    # Tests are full of stand-in credentials; a guess there warns rather than fails the gate.
    # So is an example's or a demo's (aiohttp's ``examples/``: ``refresh_token="demo_…"``).
    in_tests = is_test_support(path) if tests is None else tests
    stand_ins = in_tests or is_example_code(path)
    guessed = TEST_CODE_SEVERITY if stand_ins else "high"
    for known in _known_formats(text, folded):
        start, end, name = known.start, known.end, known.name
        value = text[known.value_start : known.value_end]
        if _PLACEHOLDER.search(value):
            continue
        taken.append((start, end))
        line = index.line_of(start)
        if name in _BY_EXAMPLE and line in documentation:
            continue
        if stand_ins and name == "url_credentials" and _stand_in_url(text[start:end], value):
            continue
        # A guess in test code warns; a loopback URL credential already does.
        severity = (
            min(guessed, known.severity, key=_RANK) if name in _BY_EXAMPLE else known.severity
        )
        row = _row(path, name, value, line=line, severity=severity, confidence=known.confidence)
        found.append(_Found(known.value_start, known.value_end, row, start))
    # In Java, and in a TypeScript declaration file (types only), a colon never assigns.
    declarations = path.endswith(_DECLARATION_SUFFIXES)
    candidates = _generic_candidates(
        text,
        folded,
        bare=is_config_file(path),
        colon_assigns=not (path.endswith(".java") or declarations),
        typescript=path.endswith(_TYPESCRIPT_SUFFIXES),
        python=path.endswith((".py", ".pyi")),
    )
    for start, end, key, value in candidates:
        if any(s < end and start < e for s, e in taken):
            continue
        if _describes_secret(key) or _PLACEHOLDER.search(value) or value.startswith(_NOT_SECRETS):
            continue
        if _ENV_VARIABLE_NAME.fullmatch(value) or _PASSWORD_HASH.match(value):
            continue
        if _is_own_name(key, value):
            continue  # a constant spelling its own name: an event or key name, not a secret
        is_password = any(word in key.lower() for word in _PASSWORD_WORDS)
        if not is_password and _is_word_string(value):
            continue  # ``TOKEN_EVENT = "tokenRefreshed"``; a password of words stays one
        threshold = _PASSWORD_ENTROPY if is_password else _SECRET_ENTROPY
        entropy = shannon_entropy(value)
        if entropy < threshold:
            continue
        line = index.line_of(start)
        if line in documentation:
            continue
        row = _row(
            path,
            "generic_secret",
            value,
            line=line,
            severity=guessed,
            confidence=_generic_confidence(entropy, threshold),
        )
        found.append(_Found(start, end, row, start))
    found.sort(key=lambda item: item.at)
    return found
