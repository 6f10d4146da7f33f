"""Opaque secrets handed to clients: 256 random bits behind a readable prefix, stored as SHA-256.

``drift_pat_`` user API tokens, ``drift_scim_`` SCIM tokens, ``drift_inv_`` invitation tokens.
The prefix lets a leaked secret be recognised (secret scanners, logs) and lets the service
reject the wrong kind early; only the hash ever reaches the database.
"""

from __future__ import annotations

import hashlib
import secrets

PAT_PREFIX = "drift_pat_"
SCIM_PREFIX = "drift_scim_"
INVITATION_PREFIX = "drift_inv_"


def new_secret(prefix: str) -> str:
    """A fresh secret: the prefix and 32 random bytes, base64url without padding."""
    return prefix + secrets.token_urlsafe(32)


def hash_secret(raw: str) -> str:
    """Lower-case hex SHA-256 of the secret's UTF-8 bytes, as stored."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def looks_like(raw: str, prefix: str) -> bool:
    """Whether ``raw`` has the prefix and a plausible length for that kind of secret."""
    return raw.startswith(prefix) and 40 <= len(raw) - len(prefix) <= 64
