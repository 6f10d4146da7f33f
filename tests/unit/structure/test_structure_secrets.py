"""Hard-coded secrets: known formats, entropy-gated generic assignments, redaction.

Token-shaped test values are assembled from pieces so that no complete credential-looking
literal sits in this file (secret scanners would flag it)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drift.analysis.structure import secrets
from drift.analysis.structure.file_structure import file_structure
from drift.analysis.structure.secrets import find_secrets, redact, redact_secrets
from drift.records.structural import SecretRow
from tests.unit.structure.support import parse

AWS_KEY = "AK" + "IA" + "Q3EGRL5KZ7XWVN2M"
GITHUB = "gh" + "p_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"
SLACK = "xo" + "xb-" + "2048593721-Zk3PqL9vXw"
STRIPE_LIVE = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
STRIPE_TEST = "sk" + "_test_" + "4eC39HqLyjWDarjtT1zdp7dc"
GOOGLE = "AI" + "za" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"


def found(text: str) -> list[tuple[str, int, str, str, float]]:
    return [
        (r.pattern_name, r.line, r.redacted_value, r.severity, r.confidence)
        for r in find_secrets("conf/settings.py", text)
    ]


def test_known_formats() -> None:
    text = "\n".join(
        [
            f'AWS_ID = "{AWS_KEY}"',
            f'token = "{GITHUB}"',
            f"slack = '{SLACK}'",
            f'stripe = "{STRIPE_LIVE}"',
            f'stripe_dev = "{STRIPE_TEST}"',
            f'maps = "{GOOGLE}"',
            "KEY = '''-----BEGIN RSA PRIVATE KEY-----",
            "MIIEpAIBAAKCAQEA'''",
            'DSN = "postgres://admin:s3cr3tpw@db.internal:5432/app"',
        ]
    )
    assert found(text) == [
        ("aws_access_key_id", 1, "AKIA…(20)", "critical", 0.95),
        ("github_token", 2, "ghp_…(40)", "critical", 0.95),
        ("slack_token", 3, "xoxb…(26)", "critical", 0.9),
        ("stripe_secret_key", 4, "sk_l…(32)", "critical", 0.95),
        ("stripe_test_key", 5, "sk_t…(32)", "medium", 0.8),
        ("google_api_key", 6, "AIza…(39)", "high", 0.9),
        ("private_key", 7, "----…(31)", "critical", 0.95),
        ("url_credentials", 9, "s3…(8)", "high", 0.8),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://me:s3cr3tpw@example.com/foo",
        "postgres://app:s3cr3tpw@db.example.org:5432/app",
        "http://jane:s3cr3tpw@api.test/",
        "http://jane:s3cr3tpw@host.invalid",
        "http://user:s3cr3tpw@dummy.faketld/",
        "redis://:s3cr3tpw@<host>:6379",
        "http://foo:bar1@baz@example.com",  # Django's validators: the host follows the last @
    ],
)
def test_credentials_for_an_example_host_are_an_example(url: str) -> None:
    assert found(f'DSN = "{url}"\n') == []


@pytest.mark.parametrize(
    "url",
    ["postgres://admin:s3cr3tpw@db.internal:5432/app", "https://bot:s3cr3tpw@examples.io/"],
)
def test_credentials_for_a_real_host_are_reported(url: str) -> None:
    assert [row[0] for row in found(f'DSN = "{url}"\n')] == ["url_credentials"]


@pytest.mark.parametrize(
    "line",
    [
        # pytest's release script: the token is a variable, GitHub's password a fixed word.
        'url = f"https://x-access-token:{token}@github.com/o/r.git"\n',
        'url = f"https://{token}:x-oauth-basic@github.com/o/r.git"\n',
        'url = "https://%s:x-oauth-basic@github.com/o/r.git" % token\n',
        'url = "postgres://app:%(password)s@db.internal/app"\n',
        "const url = `postgres://app:${process.env.PW}@db.internal/app`;\n",
        'DSN = "postgres://app:<password>@db.internal/app"\n',
        "# `https://ghp_…:x-oauth-basic@github.com`: the user is the token\n",
        'DSN = "postgres://app:***@db.internal/app"\n',
    ],
)
def test_credentials_filled_in_at_run_time_are_no_secret(line: str) -> None:
    assert [row for row in found(line) if row[0] == "url_credentials"] == []


def test_a_token_before_githubs_fixed_password_is_the_secret() -> None:
    rows = found(f'URL = "https://{GITHUB}:x-oauth-basic@github.com/o/r.git"\n')
    assert [(row[0], row[2]) for row in rows if row[0] == "url_credentials"] == [
        ("url_credentials", "ghp_…(40)")
    ]


@pytest.mark.parametrize(
    ("url", "severity"),
    [
        ("postgresql+psycopg://postgres:postgres@localhost/db", "medium"),
        ("redis://default:s3cr3tpw@127.0.0.1:6379/0", "medium"),
        ("http://admin:s3cr3tpw@api.localhost:8080/", "medium"),
        ("postgres://admin:s3cr3tpw@localhost.evil.io/app", "high"),
        ("postgres://admin:s3cr3tpw@127.0.0.1.nip.io/app", "high"),
    ],
)
def test_credentials_for_a_loopback_host_warn(url: str, severity: str) -> None:
    # A loopback service is the developer's own (a tutorial's local database): still reported,
    # but it warns instead of failing the security gate. A name that only starts like one is
    # a real host.
    rows = found(f'DSN = "{url}"\n')
    assert [(row[0], row[3]) for row in rows] == [("url_credentials", severity)]


def test_guessed_secrets_in_tests_warn_but_real_key_formats_do_not() -> None:
    text = "\n".join(
        [
            'DSN = "postgres://admin:s3cr3tpw@db.internal:5432/app"',
            'db_password = "S3cr3t!Passw0rd#2024"',
            f'AWS_ID = "{AWS_KEY}"',
        ]
    )
    expected = [("url_credentials", 1), ("generic_secret", 2), ("aws_access_key_id", 3)]
    for path, severities in [
        ("app/settings.py", ["high", "high", "critical"]),
        ("tests/test_settings.py", ["medium", "medium", "critical"]),
        ("src/db.test.ts", ["medium", "medium", "critical"]),
        ("examples/fake_server.py", ["medium", "medium", "critical"]),  # aiohttp's
        ("docs_src/tutorial/app.py", ["medium", "medium", "critical"]),
    ]:
        rows = find_secrets(path, text)
        assert [(r.pattern_name, r.line) for r in rows] == expected
        assert [r.severity for r in rows] == severities, path


def test_stand_in_urls_in_tests_and_examples_are_none() -> None:
    # SQLAlchemy: all 34 were ``scott:tiger@somehost``, ``uname:pwd@host`` and the like.
    text = (
        'a = "mssql+pyodbc://scott:tiger@somehost/db"\n'
        'b = "postgresql://uname:pwd@host/"\n'
        'c = "postgresql://scott:tiger@localhost/test"\n'
        'd = "postgresql://admin:s3cr3tpw@db.internal:5432/app"\n'
    )
    rows = find_secrets("test/dialect/test_engine.py", text)
    assert [(r.line, r.severity) for r in rows] == [(4, "medium")]
    assert [r.line for r in find_secrets("app/settings.py", text)] == [1, 2, 3, 4]


def test_every_row_has_the_hard_coded_credentials_cwe_and_entropy() -> None:
    rows = find_secrets("a.py", f'key = "{AWS_KEY}"\n')
    assert rows == (
        SecretRow(
            id=None,
            pattern_name="aws_access_key_id",
            redacted_value="AKIA…(20)",
            file="a.py",
            line=1,
            severity="critical",
            entropy=rows[0].entropy,
            confidence=0.95,
            cwe_ids="798",
        ),
    )
    assert 3.5 < rows[0].entropy < 4.4


def test_generic_assignments_are_gated_by_entropy() -> None:
    text = "\n".join(
        [
            'db_password = "S3cr3t!Passw0rd#2024"',  # high entropy: found
            'password = "aaaaaaaaaaaa"',  # one repeated character: no
            'api_key = "changeme-please"',  # placeholder: no
            'token_url = "https://auth.test/oauth/token"',  # names a URL: no
            'secret = "${SECRET_FROM_ENV}"',  # template: no
            '"client_secret": "Zx8#Lq2!Vm5@Np9$"',  # a mapping's quoted key: found
            "if token == 'Zx8#Lq2!Vm5@Np9$Qq': pass",  # a comparison, not an assignment
        ]
    )
    rows = find_secrets("s.py", text)
    assert [(r.pattern_name, r.line, r.redacted_value, r.severity) for r in rows] == [
        ("generic_secret", 1, "S3cr…(20)", "high"),
        ("generic_secret", 6, "Zx8#…(16)", "high"),
    ]
    assert all(0.5 <= r.confidence <= 0.85 for r in rows)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Written on lines of their own, in a string with escaped line breaks, joined in code.
        # drift-ignore: security/*  (test data for the detector)
        ('KEY = """\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n"""', 2),
        # drift-ignore: security/*  (test data for the detector)
        ('key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEAx4"', 1),
        # drift-ignore: security/*  (test data for the detector)
        ('key = "-----BEGIN EC PRIVATE KEY-----" +\n    "MHcCAQEEIBkg4LVWM9nuwNSk"', 1),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            "DEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nxW0bUGlGc6fHLe5KzjE9",
            1,
        ),
    ],
)
def test_a_private_key_is_a_header_and_a_key(text: str, line: int) -> None:
    assert [(name, at) for name, at, *_ in found(text)] == [("private_key", line)]


@pytest.mark.parametrize(
    "text",
    [
        # Documentation: the header around a placeholder.
        'key="-----BEGIN PRIVATE KEY-----\\nXXXX\\nXXXX\\n-----END PRIVATE KEY-----"',
        "body = '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'",
        # Code that looks for a key.
        'if pem.startswith("-----BEGIN PRIVATE KEY-----"):\n    return load(pem)',
        'HEAD = "-----BEGIN OPENSSH PRIVATE KEY-----"\nTAIL = "-----END OPENSSH PRIVATE KEY-----"',
    ],
)
def test_a_private_key_header_without_a_key_is_not_a_secret(text: str) -> None:
    assert found(text) == []


def test_examples_in_docstrings_are_not_secrets_but_real_formats_are() -> None:
    text = (
        "def connect(url):\n"
        '    """Connect to ``url``, for example\n'
        "    ``postgres://admin:s3cr3tpw@db.internal:5432/app``; then\n"
        '    ``client = Client(api_token="Zq8vR2xLm4Tn7Yp1Kd")``.\n'
        f"    Never commit a key such as {AWS_KEY}.\n"
        '    """\n'
        "    return url\n"
        "\n"
        'DSN = "postgres://admin:s3cr3tpw@db.internal:5432/app"\n'
        'api_token = "Zq8vR2xLm4Tn7Yp1Kd"\n'
    )
    rows = file_structure("db.py", parse("db.py", text), text).secrets
    assert [(row.pattern_name, row.line) for row in rows] == [
        ("aws_access_key_id", 5),  # the format of a real key: reported even there
        ("url_credentials", 9),
        ("generic_secret", 10),
    ]


@pytest.mark.parametrize(("path", "opening"), [("config.ts", "export "), ("Config.java", "")])
def test_examples_in_documentation_comments_are_not_secrets_but_real_formats_are(
    path: str, opening: str
) -> None:
    text = (
        "/**\n"
        " * Reads the key from the environment:\n"
        ' *   env: { API_KEY: "sk-9fQ2xLm4Tn7Yp1KdZq8vR2" }\n'
        f" * Never commit a key such as {AWS_KEY}.\n"
        " */\n"
        f"{opening}class Config {{}}\n"
        'const glob = "src/**/*.ts" // not a comment opening: a string\n'
        'const apiKey = "Zq8vR2xLm4Tn7Yp1Kd"\n'
    )
    rows = file_structure(path, parse(path, text), text).secrets
    assert [(row.pattern_name, row.line) for row in rows] == [
        ("aws_access_key_id", 4),  # the format of a real key: reported even there
        ("generic_secret", 8),
    ]


def test_a_java_colon_assigns_nothing() -> None:
    # A ternary: ``"…Secret" : "…Secret"`` reads like a mapping but names no secret.
    text = (
        "class A {\n"
        '  String alg = tls12 ? "SunTls12RsaPremasterSecret" : "SunTlsRsaPremasterSecret";\n'
        '  String apiKey = "Zq8vR2xLm4Tn7Yp1Kd";\n'
        "}\n"
    )
    assert [(r.pattern_name, r.line) for r in find_secrets("A.java", text)] == [
        ("generic_secret", 3)
    ]
    mapping = 'const config = { "clientSecret": "Zq8vR2xLm4Tn7Yp1Kd" }\n'
    assert [r.line for r in find_secrets("config.ts", mapping)] == [1]


def test_placeholder_and_example_values_are_skipped() -> None:
    text = 'AWS = "AKIAIOSFODNN7EXAMPLE"\npassword = "<your-password>"\n'
    assert find_secrets("x.py", text) == ()


@pytest.mark.parametrize(
    "text",
    [
        '"new_password2": "anewpassword",',  # a test's stand-in spells the word out
        'settings = {"PASSWORD": "somePassword42"}',
        'MYSQL_PWD = "deprecatedoptionpasswd"',
        'SECRET_KEY_INSECURE_PREFIX = "django-insecure-"',  # describes the secret's form
        # A password's hash verifies it and cannot stand in for it: by name, or by format.
        'hashed_password = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"',
        'password_hash = "kP9xQ2vL8mN4rT7wY1zB3cD5fG6hJ8kq"',
        'user = {"password": "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub"}',
        'user = {"password": "pbkdf2_sha256$600000$abcXYZ123$kP9xQ2vL8mN4rT7wY1zB3cD5fG6h="}',
        'user = {"password": "fakehashedsecret"}',
        'refresh_token = "demo_refresh_token_12345"',  # aiohttp's examples
        "lock = {'Lock-Token': 'urn:uuid:a515cfa4-5da4-22e1-f5bf-00a0451e6bf7'}",  # fastify's
    ],
)
def test_stand_ins_and_descriptions_are_not_secrets(text: str) -> None:
    assert find_secrets("tests/test_views.py", text + "\n") == ()


def test_a_known_format_is_not_reported_twice_as_generic() -> None:
    rows = find_secrets("x.py", f'github_token = "{GITHUB}"\n')
    assert [r.pattern_name for r in rows] == ["github_token"]


def test_redact_keeps_at_most_a_quarter_and_four_characters() -> None:
    assert redact("abcdefghijklmnop") == "abcd…(16)"
    assert redact("abcdefgh") == "ab…(8)"
    assert redact("abc") == "…(3)"


_SECRET_ALPHABET = string.ascii_letters + string.digits + "!#%&*+-/=?@^_~"


@settings(max_examples=150, deadline=None)
@given(value=st.text(alphabet=_SECRET_ALPHABET, min_size=8, max_size=80))
def test_generic_secrets_are_never_stored_in_clear(value: str) -> None:
    text = f'API_SECRET = "{value}"\nclient_token: "{value}"\n'
    facts = file_structure("cfg.py", parse("cfg.py", text), text)
    for row in facts.secrets:
        assert value not in repr(row)
    for constant in facts.constants:
        assert value not in constant.value


_STAND_IN_WORDS = (
    "EXAMPLE", "DEMO", "FAKE", "DUMMY", "XXXX", "CHANGEME", "PLACEHOLDER", "REDACTED",
    "PASSWORD", "PASSWD",
)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(body=st.text(alphabet=string.ascii_uppercase + string.digits, min_size=16, max_size=16))
def test_known_format_secrets_are_never_stored_in_clear(body: str) -> None:
    key = f"AKIA{body}"
    text = f'AWS_ACCESS_KEY_ID = "{key}"\n'
    facts = file_structure("aws.py", parse("aws.py", text), text)
    # A key spelling a stand-in's word (``AKIA…EXAMPLE``, ``…DEMO``, ``XXXX``) is a placeholder.
    if not any(word in body for word in _STAND_IN_WORDS):
        assert [row.pattern_name for row in facts.secrets] == ["aws_access_key_id"]
    for row in facts.secrets:
        assert key not in repr(row)
    for constant in facts.constants:
        assert key not in constant.value


def test_a_value_naming_an_environment_variable_is_not_a_secret() -> None:
    settings = Path(__file__).parents[3] / "src" / "drift" / "cloud" / "settings.py"
    assert '"encryption_key": "DRIFT_CLOUD_ENCRYPTION_KEY"' in settings.read_text()
    assert find_secrets("settings.py", settings.read_text()) == ()
    text = (
        '_ENV = {\n    "encryption_key": "DRIFT_CLOUD_ENCRYPTION_KEY",\n}\n'
        'api_key = "q8Z!v2Lr9#xT4mWp"\n'
    )
    rows = find_secrets("settings.py", text)
    assert [row.line for row in rows] == [4]


# The keyword search before it was made plain substring searches: the alternation, leftmost
# first, each hit widened to the whole name it sits in.
_REFERENCE_KEYWORD = re.compile(
    r"pass(?:word|wd)|pwd|secret|token|api_?key|apikey|auth_?key|access_?key|private_?key"
)
_NAME_CHARS = frozenset(string.ascii_letters + string.digits + "_$-")


def _reference_names(text: str) -> list[tuple[int, int]]:
    folded = text.lower()
    hits = (
        _REFERENCE_KEYWORD.finditer(folded)
        if len(folded) == len(text)
        else re.finditer(_REFERENCE_KEYWORD.pattern, text, re.IGNORECASE)
    )
    names: list[tuple[int, int]] = []
    last_end = -1
    for hit in hits:
        end = hit.end()
        while end < len(text) and text[end] in _NAME_CHARS:
            end += 1
        if end <= last_end:
            continue
        last_end = end
        start = hit.start()
        while start > 0 and text[start - 1] in _NAME_CHARS:
            start -= 1
        names.append((start, end))
    return names


_PIECES = [
    *("pass", "word", "wd", "pwd", "secret", "token", "api", "_", "key", "auth", "access"),
    *("private", "Pass", "TOKEN", " ", "=", "-", "x", "\u0130"),
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_generic_keywords_are_found_in_the_same_names_as_by_the_alternation(
    pieces: list[str],
) -> None:
    text = "".join(pieces) + ' = "' + "Zq8#" * 3 + '"'
    found = [(name, value) for _, _, name, value in secrets._generic_candidates(text, text.lower())]
    expected = [
        (text[start:end], assigned.group("value"))
        for start, end in _reference_names(text)
        if (assigned := secrets._ASSIGNED_VALUE.match(text, end)) is not None
    ]
    assert found == expected


REAL = "Zq8vR2xLm4Tn7Yp1Kd"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # typeorm's driver/mongodb/typings.d.ts: a literal type, and the name's own spelling.
        (
            "driver/mongodb/typings.d.ts",
            "export declare class ChangeStream {\n"
            '    static readonly RESUME_TOKEN_CHANGED: "resumeTokenChanged";\n}\n',
        ),
        # A declaration file holds types only: no colon there assigns a value.
        ("types.d.ts", f'export interface Config {{\n    apiKey: "{REAL}";\n}}\n'),
        ("a.ts", f'class A {{\n    static readonly apiKey: "{REAL}";\n}}\n'),
        ("a.ts", f'type Auth = {{ token: "{REAL}" | "none" }}\n'),
        ("a.ts", f'function f(secret: "{REAL}") {{}}\n'),
        ("a.ts", f'let token: "{REAL}" = load()\n'),
        # n8n's project-secrets-provider-access.d.ts: a type alias of role names.
        (
            "entities/access.d.ts",
            "export type SecretsProviderAccessRole = 'secretsProviderConnection:owner' | "
            "'secretsProviderConnection:user';\n",
        ),
        ("a.ts", f'type SecretKind = "{REAL}"\n'),
        # The value is the name in another style: an event or key name.
        ("a.js", 'const RESUME_TOKEN_CHANGED = "resumeTokenChanged";\n'),
        ("a.py", 'ACCESS_TOKEN_EXPIRED = "access-token-expired"\n'),
        # Identifier words: names of events, keys and fields.
        ("a.js", 'const TOKEN_EVENT = "authTokenRefreshFailed";\n'),
        ("a.ts", 'const keys = { accessToken: "oauth.access.token.value" }\n'),
        ("a.py", 'SECRET_SETTING = "authorization_header_value"\n'),
    ],
)
def test_names_and_literal_types_are_not_secrets(path: str, text: str) -> None:
    assert find_secrets(path, text) == ()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("a.ts", f'const config = {{ apiKey: "{REAL}", other: 1 }}\n'),
        ("a.ts", f'const config = {{\n    clientSecret: "{REAL}"\n}}\n'),
        ("a.ts", f'export const API_KEY = "{REAL}";\n'),
        ("a.ts", f'class A {{\n    private readonly token = "{REAL}";\n}}\n'),
        ("types.d.ts", f'export declare const API_TOKEN = "{REAL}";\n'),
        # A password of words is a password (the name is no event): only its own name is not.
        ("a.py", 'DB_PASSWORD = "correct-horse-battery-staple"\n'),
        ("a.py", 'ADMIN_PASSWORD = "SuperSecretPass"\n'),
        ("a.py", 'DB_PASSWORD = "Xk9#mPq2$vLw8Zr"\n'),
        ("a.py", 'SECRET = "a8f5f167f44f4964e6c998dee827110c"\n'),  # hex: no words
        ("a.py", 'api_key = "qWeRtYuIoPaSdF"\n'),  # one-letter humps: random letters
        ("a.py", 'api_token = "xkcdQwrtPlmnZvbx"\n'),  # "words" without vowels
        ("a.py", 'api_token = "qwErTyUiOpAsDf"\n'),  # humps of random letters
        ("a.ts", f'const typeToken = "{REAL}"\n'),  # a name with "type" in it, no alias
    ],
)
def test_values_and_real_secrets_are_still_found(path: str, text: str) -> None:
    assert [r.pattern_name for r in find_secrets(path, text)] == ["generic_secret"]


def test_a_secret_behind_an_environment_read_is_still_a_secret() -> None:
    # The fallback is the value used wherever the variable is unset: committed all the same.
    js = (
        "const sessionSecret = process.env.SESSION_SECRET || 'h7Gk29XmQpL4vN8sRt3W';\n"
        "const apiToken = process.env.API_TOKEN ?? 'Q2w8Lk5Zp0Xr7Vn3Mb6T';\n"
        "const level = process.env.LOG_LEVEL || 'information';\n"
        "const token = process.env.TOKEN || '';\n"
    )
    assert [(r.line, r.redacted_value) for r in find_secrets("config.js", js)] == [
        (1, "h7Gk…(20)"),
        (2, "Q2w8…(20)"),
    ]
    py = (
        'SECRET_KEY = os.environ.get("SECRET_KEY", "h7Gk29XmQpL4vN8sRt3W")\n'
        'API_TOKEN = os.getenv("API_TOKEN") or "Q2w8Lk5Zp0Xr7Vn3Mb6T"\n'
        'DEBUG_TOKEN = os.getenv("DEBUG_TOKEN", "changeme-please")\n'
        'SECRET_NAME = os.environ.get("SECRET_NAME", "productionSecret")\n'
    )
    assert [r.line for r in find_secrets("settings.py", py)] == [1, 2]


def test_a_quoted_python_annotation_is_a_type_not_a_secret() -> None:
    # sentry-sdk: ``secret_key: "Optional[str]" = None`` failed its security gate.
    text = (
        'def connect(host: str, secret_key: "Optional[str]" = None) -> None:\n'
        "    return None\n"
        "class Settings:\n"
        "    auth_token: 'Optional[bytes]' = None\n"
        'conf = {"secret_key": "h7Gk29XmQpL4vN8sRt3W"}\n'
    )
    assert [r.line for r in find_secrets("conf.py", text)] == [5]


def test_url_credentials_without_a_user_name() -> None:
    # Redis's own form, ``redis://:password@host`` (ioredis's documentation).
    text = (
        "const a = 'redis://:s3cretPassw0rdZ@cache.internal:6379/0';\n"
        "const b = 'redis://default:s3cretPassw0rdZ@cache.internal:6379/0';\n"
        "const c = 'http://:8080@proxy.internal';\n"
    )
    found = find_secrets("config.js", text)
    assert [(r.line, r.pattern_name) for r in found] == [
        (1, "url_credentials"),
        (2, "url_credentials"),
    ]


def test_redact_secrets_hides_each_reported_value_and_keeps_the_rest() -> None:
    # A pattern's matched text (a SQL string, a URL, a log call) had carried a Stripe key into
    # the detections, the violation messages and the SARIF report.
    sql = f"\"SELECT * FROM t WHERE k='{STRIPE_LIVE}' AND id=\" + str(n)"
    assert redact_secrets("app.py", sql) == (
        f"\"SELECT * FROM t WHERE k='{redact(STRIPE_LIVE)}' AND id=\" + str(n)"
    )
    # GitHub's fixed password: the user is the token.
    url = f"http://{GITHUB}:x-oauth-basic@github.com/org/repo"
    assert (
        redact_secrets("app.py", url)
        == f"http://{redact(GITHUB)}:x-oauth-basic@github.com/org/repo"
    )
    generic = 'password = "h7Gk#L9xQ2mZ" + salt'
    assert redact_secrets("app.py", generic) == f'password = "{redact("h7Gk#L9xQ2mZ")}" + salt'
    assert redact_secrets("app.py", "logger.info('no secret here')") == (
        "logger.info('no secret here')"
    )
    assert redact_secrets("app.py", "") == ""
    # the shortest secrets the detector reports, which the length floor must let through
    assert redact_secrets(".env", "pwd=x9Q!zKa7") == f"pwd={redact('x9Q!zKa7')}"
    assert redact_secrets("app.py", "ab://:Zq9@h") == f"ab://:{redact('Zq9')}@h"


def test_redact_secrets_hides_a_private_key_with_its_key_material() -> None:
    header = "-----BEGIN RSA " + "PRIVATE KEY-----"
    body = "MIIEowIBAAKCAQEAq7BFUPLxxyz0123456789abcdefgh"
    shown = redact_secrets("app.py", f'KEY = "{header}\\n{body}\\n"; use(KEY)')
    assert body[:16] not in shown
    assert header not in shown
