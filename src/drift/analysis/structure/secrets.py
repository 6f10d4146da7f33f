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
- ``private_key`` (a ``-----BEGIN … PRIVATE KEY-----`` block): critical, 0.95
- ``jwt`` (three base64url segments starting ``eyJ``): medium, 0.7
- ``url_credentials`` (``scheme://user:password@host``): high, 0.8

Generic (``generic_secret``, severity high): ``name = "value"`` or ``name: "value"`` where the
name contains password/passwd/pwd/secret/token/api_key/apikey/auth_key/access_key/private_key/
client_secret, the value has at least 8 characters and no whitespace, and its Shannon entropy is
at least 3.0 bits per character for passwords and 3.5 for the other names. Placeholders
(``changeme``, ``<your-token>``, ``${VAR}``, ``xxxx``…), URLs and paths, and names that describe
rather than hold a secret (``token_url``, ``password_field``…) are skipped. Confidence grows with
the entropy above the threshold, from 0.5 to 0.85.

Placeholder values are skipped for every pattern. A span matched by a known format is not
reported again as generic. ``cwe_ids`` is always ``"798"``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drift.analysis.structure.source_text import LineIndex, shannon_entropy
from drift.records.structural import SecretRow

CWE_HARD_CODED_CREDENTIALS = "798"


class _Format(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    severity: str
    confidence: float


_FORMATS = (
    _Format(
        "aws_access_key_id",
        re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA)[A-Z0-9]{16}(?![A-Z0-9])"),
        "critical",
        0.95,
    ),
    _Format(
        "aws_secret_access_key",
        re.compile(
            r"(?i:aws[\w.\-]{0,20}secret[\w.\-]{0,20})['\"]?\s*[:=]+\s*['\"]"
            r"(?P<value>[A-Za-z0-9/+=]{40})['\"]"
        ),
        "critical",
        0.85,
    ),
    _Format(
        "github_token",
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b"),
        "critical",
        0.95,
    ),
    _Format("slack_token", re.compile(r"\bxox[abeoprs]-[A-Za-z0-9-]{10,}"), "critical", 0.9),
    _Format(
        "slack_webhook",
        re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
        "high",
        0.9,
    ),
    _Format("stripe_secret_key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{16,}\b"), "critical", 0.95),
    _Format("stripe_test_key", re.compile(r"\b[sr]k_test_[A-Za-z0-9]{16,}\b"), "medium", 0.8),
    _Format("google_api_key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}(?![\w-])"), "high", 0.9),
    _Format(
        "private_key",
        re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"),
        "critical",
        0.95,
    ),
    _Format(
        "jwt",
        re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
        "medium",
        0.7,
    ),
    _Format(
        "url_credentials",
        re.compile(
            r"\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@'\"]{1,64}:(?P<value>[^\s:/@'\"]{3,128})@[\w.\-]+"
        ),
        "high",
        0.8,
    ),
)

_GENERIC = re.compile(
    r"(?P<key>[A-Za-z_$][\w$\-]*?(?i:password|passwd|pwd|secret|token|api_?key|apikey|auth_?key"
    r"|access_?key|private_?key|client_?secret)[\w$\-]*)['\"]?\s*(?::=|[:=])\s*"
    r"(?P<q>['\"`])(?P<value>[^'\"`\s]{8,256})(?P=q)"
)
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
    "param",
)
_PLACEHOLDER = re.compile(
    r"(?i)changeme|change_me|example|placeholder|dummy|redacted|your[_\-]|<[^>]*>|\$\{|\{\{"
    r"|%\(|xxxx|\*\*\*|\.\.\.|^(?:password|secret|token|test|none|null|undefined)\w*$"
)
_KEYWORDS = re.compile(
    r"(?i)password|passwd|pwd|secret|token|api_?key|auth_?key|access_?key|private|"
    r"AKIA|ASIA|gh[pousr]_|github_pat_|xox|hooks\.slack|_live_|_test_|AIza|eyJ|://"
)


def redact(value: str) -> str:
    """A safe stand-in for ``value``: at most 4 leading characters (never more than a quarter
    of the value), "…", and the length, e.g. ``"AKIA…(20)"``."""
    keep = min(4, len(value) // 4)
    return f"{value[:keep]}…({len(value)})"


def _row(
    path: str, name: str, value: str, line: int, severity: str, confidence: float
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
    """Whether ``key`` names something about a secret (its URL, field, length…), not one."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key).lower().replace("-", "_")
    return words.endswith(_DESCRIPTIVE_SUFFIXES) or words.startswith(("is_", "has_", "use_"))


def find_secrets(path: str, text: str) -> tuple[SecretRow, ...]:
    """The hard-coded secrets in one file's text, by line then position."""
    if not _KEYWORDS.search(text):
        return ()
    index = LineIndex(text)
    found: list[tuple[int, SecretRow]] = []
    taken: list[tuple[int, int]] = []
    for fmt in _FORMATS:
        for m in fmt.pattern.finditer(text):
            group = "value" if "value" in fmt.pattern.groupindex else 0
            value = m.group(group)
            if _PLACEHOLDER.search(value):
                continue
            taken.append((m.start(), m.end()))
            line = index.line_of(m.start())
            found.append((m.start(), _row(path, fmt.name, value, line, fmt.severity, fmt.confidence)))
    for m in _GENERIC.finditer(text):
        start, end = m.start("value"), m.end("value")
        if any(s < end and start < e for s, e in taken):
            continue
        key, value = m.group("key"), m.group("value")
        if _describes_secret(key) or _PLACEHOLDER.search(value) or value.startswith(("/", "http")):
            continue
        is_password = any(word in key.lower() for word in _PASSWORD_WORDS)
        threshold = _PASSWORD_ENTROPY if is_password else _SECRET_ENTROPY
        entropy = shannon_entropy(value)
        if entropy < threshold:
            continue
        line = index.line_of(start)
        confidence = _generic_confidence(entropy, threshold)
        found.append((start, _row(path, "generic_secret", value, line, "high", confidence)))
    found.sort(key=lambda item: item[0])
    return tuple(row for _, row in found)
