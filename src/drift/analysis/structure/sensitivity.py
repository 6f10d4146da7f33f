"""Sensitivity of a data field, judged from its name.

A field name is split into lower-case words (``creditCardNumber`` and ``credit_card_number`` both
give ``credit card number``) and its squashed form (``creditcardnumber``) is matched against the
term lists below, in order: credentials, financial, health, pii. Names that describe a
sensitive value rather than hold it are not sensitive: flags (``is_…``, ``has_…``), names
ending in a metadata word (``…_verified``, ``…_at``, ``…_count``, ``…_status``, ``…_match``…),
and references to another record (``token_id``, ``addressID``) unless the term is itself an
identifier (``national_id``, ``tax_id``).
"""

from __future__ import annotations

import re

CREDENTIALS = "credentials"
FINANCIAL = "financial"
HEALTH = "health"
PII = "pii"

_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        CREDENTIALS,
        (
            "password",
            "passwd",
            "passphrase",
            "pwd",
            "secret",
            "token",
            "apikey",
            "accesskey",
            "privatekey",
            "otp",
            "mfa",
            "salt",
            "credential",
        ),
    ),
    (
        FINANCIAL,
        (
            "creditcard",
            "cardnumber",
            "cardno",
            "cvv",
            "cvc",
            "iban",
            "bic",
            "swiftcode",
            "accountnumber",
            "routingnumber",
            "bankaccount",
            "salary",
            "income",
            "taxid",
            "ein",
        ),
    ),
    (
        HEALTH,
        (
            "diagnosis",
            "medical",
            "medication",
            "prescription",
            "bloodtype",
            "allergy",
            "allergies",
            "healthrecord",
            "disability",
        ),
    ),
    (
        PII,
        (
            "email",
            "phone",
            "mobile",
            "ssn",
            "socialsecurity",
            "nationalid",
            "passport",
            "driverslicense",
            "driverlicense",
            "firstname",
            "lastname",
            "fullname",
            "surname",
            "birthdate",
            "dateofbirth",
            "dob",
            "birthday",
            "address",
            "street",
            "zipcode",
            "postcode",
            "postalcode",
            "pincode",  # India's postal code (a card's PIN is no column of a data model)
            "ipaddress",
            "gender",
        ),
    ),
)
# Short terms must be whole words, or "bic" would match "cubic" and "dob" "adobe".
_WHOLE_WORD_TERMS = frozenset(
    {"pwd", "otp", "mfa", "salt", "cvv", "cvc", "bic", "ein", "dob", "ssn"}
)
_METADATA_ENDINGS = frozenset(
    {
        "verified",
        "confirmed",
        "enabled",
        "at",
        "on",
        "date",
        "time",
        "count",
        "type",
        "policy",
        "length",
        "format",
        "hint",
        "expiry",
        "expires",
        "sent",
        "changed",
        "required",
        "flag",
        "status",
        "verify",
        "verification",
        "match",
        "valid",
        "validated",
        "visible",
        "visibility",
        "consent",
        "optin",
        "optout",
        "attempts",
        "provider",
        "template",
    }
)
# A name ending in one of these points at a record (``tokenId``, ``address_id``) rather than
# holding the value: sensitive only when the term itself is an identifier (``national_id``).
_REFERENCE_ENDINGS = frozenset({"id", "ids", "uuid", "fk", "ref"})
# A credential's name, place or label rather than its value (SQLModel's heroes have a
# ``secret_name``; ``password_file`` is a path; ``token_header`` the name of a header).
_NAMING_ENDINGS = frozenset(
    {"name", "label", "title", "description", "prefix", "suffix", "path", "file", "env", "header"}
)
# Words that hold a term and mean something else (Django's ``Company.secretary``).
_HOLDING_TERMS = frozenset({"secretary", "secretaries", "secretariat", "tokenizer", "tokenize"})
_FLAG_PREFIXES = frozenset({"is", "has", "can", "should", "allow", "use", "needs"})
_CAMEL_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")


def _words(name: str) -> list[str]:
    spaced = _CAMEL_BOUNDARY.sub(r"\1_\2", name)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


def classify_field(name: str) -> str | None:
    """``credentials``, ``financial``, ``health`` or ``pii`` for a sensitive field name."""
    words = _words(name)
    if (
        not words
        or words[0] in _FLAG_PREFIXES
        or (len(words) > 1 and words[-1] in _METADATA_ENDINGS)
    ):
        return None
    words = [word for word in words if word not in _HOLDING_TERMS]
    if not words:
        return None
    squashed = "".join(words)
    reference = len(words) > 1 and words[-1] in _REFERENCE_ENDINGS
    names_it = words[-1] in _NAMING_ENDINGS and len(words) > 1
    for category, terms in _TERMS:
        if category == CREDENTIALS and names_it:
            continue  # ``secret_name``, ``password_file``: where a secret is, not the secret
        for term in terms:
            if reference and not squashed.endswith(term):
                continue
            if term in _WHOLE_WORD_TERMS:
                if term in words:
                    return category
            elif term in squashed:
                return category
    return None
