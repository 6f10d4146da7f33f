"""Settings of the cloud service: environment variables over an optional TOML file.

| setting | variable | TOML key (table ``[cloud]``) | default |
|---|---|---|---|
| database URL | ``DRIFT_DATABASE_URL`` | ``database_url`` | required |
| service role | ``DRIFT_CLOUD_SERVICE_ROLE`` | ``service_role`` | ``<database>_service`` |
| trusted proxies | ``DRIFT_CLOUD_TRUSTED_PROXIES`` (CIDRs, commas) | ``trusted_proxies`` | none |
| token lifetime | ``DRIFT_CLOUD_TOKEN_LIFETIME_DAYS`` | ``token_lifetime_days`` | 90 |
| encryption key | ``DRIFT_CLOUD_ENCRYPTION_KEY`` (base64, 32 bytes) | ``encryption_key`` | none |
| request size limit | ``DRIFT_CLOUD_MAX_BODY_BYTES`` | ``max_body_bytes`` | 1 MiB |
| pool size | ``DRIFT_CLOUD_POOL_SIZE`` | ``pool_size`` | 10 |

The TOML file is named by ``DRIFT_CLOUD_CONFIG`` or passed explicitly.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drift.errors import ConfigError

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
DEFAULT_TOKEN_LIFETIME_DAYS = 90
INVITATION_LIFETIME_DAYS = 7

_ENV = {
    "database_url": "DRIFT_DATABASE_URL",
    "service_role": "DRIFT_CLOUD_SERVICE_ROLE",
    "trusted_proxies": "DRIFT_CLOUD_TRUSTED_PROXIES",
    "token_lifetime_days": "DRIFT_CLOUD_TOKEN_LIFETIME_DAYS",
    "encryption_key": "DRIFT_CLOUD_ENCRYPTION_KEY",
    "max_body_bytes": "DRIFT_CLOUD_MAX_BODY_BYTES",
    "pool_size": "DRIFT_CLOUD_POOL_SIZE",
}
CONFIG_ENV = "DRIFT_CLOUD_CONFIG"


@dataclass(frozen=True, slots=True)
class CloudSettings:
    """Everything the service needs to start."""

    database_url: str
    service_role: str | None = None
    trusted_proxies: tuple[IPNetwork, ...] = ()
    token_lifetime_days: int = DEFAULT_TOKEN_LIFETIME_DAYS
    encryption_key: bytes | None = field(default=None, repr=False)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    pool_size: int = 10

    def __post_init__(self) -> None:
        if not self.database_url:
            raise ConfigError(
                "no database URL", hint="set DRIFT_DATABASE_URL to a postgresql:// URL"
            )
        if not 1 <= self.token_lifetime_days <= 3650:
            raise ConfigError("token_lifetime_days must be between 1 and 3650")
        if self.max_body_bytes < 1024:
            raise ConfigError("max_body_bytes must be at least 1024")
        if self.pool_size < 1:
            raise ConfigError("pool_size must be at least 1")
        if self.encryption_key is not None and len(self.encryption_key) != 32:
            raise ConfigError("encryption_key must decode to exactly 32 bytes (AES-256)")


def parse_networks(values: list[str] | tuple[str, ...], what: str) -> tuple[IPNetwork, ...]:
    """Parse CIDRs (or bare addresses) into networks; a bad one is a ConfigError naming it."""
    networks: list[IPNetwork] = []
    for raw in values:
        text = raw.strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError as error:
            raise ConfigError(f"{what}: {text!r} is not an IP network ({error})") from error
    return tuple(networks)


def _int(value: object, key: str) -> int:
    if isinstance(value, bool):
        raise ConfigError(f"{key} must be an integer")
    try:
        return int(str(value))
    except ValueError as error:
        raise ConfigError(f"{key} must be an integer, got {value!r}") from error


def _key(value: object) -> bytes:
    try:
        return base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ConfigError("encryption_key is not valid base64") from error


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: no such settings file") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from error
    section = data.get("cloud", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [cloud] must be a table")
    unknown = set(section) - set(_ENV)
    if unknown:
        raise ConfigError(f"{path}: unknown settings {sorted(unknown)}")
    return section


def load_settings(
    config_file: Path | None = None, env: Mapping[str, str] | None = None
) -> CloudSettings:
    """Read the TOML file (if any), then let environment variables override it."""
    environ = os.environ if env is None else env
    path = config_file or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV) else None)
    raw: dict[str, Any] = _read_toml(path) if path else {}
    for key, var in _ENV.items():
        if environ.get(var):
            raw[key] = environ[var]
    proxies = raw.get("trusted_proxies", [])
    if isinstance(proxies, str):
        proxies = proxies.split(",")
    if not isinstance(proxies, list):
        raise ConfigError("trusted_proxies must be a list of CIDRs")
    return CloudSettings(
        database_url=str(raw.get("database_url", "")),
        service_role=str(raw["service_role"]) if raw.get("service_role") else None,
        trusted_proxies=parse_networks([str(p) for p in proxies], "trusted_proxies"),
        token_lifetime_days=_int(
            raw.get("token_lifetime_days", DEFAULT_TOKEN_LIFETIME_DAYS), "token_lifetime_days"
        ),
        encryption_key=_key(raw["encryption_key"]) if raw.get("encryption_key") else None,
        max_body_bytes=_int(raw.get("max_body_bytes", DEFAULT_MAX_BODY_BYTES), "max_body_bytes"),
        pool_size=_int(raw.get("pool_size", 10), "pool_size"),
    )
