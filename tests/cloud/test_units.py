"""Pure functions of the cloud service: client address, CIDR rules, cursors, settings, names."""

from __future__ import annotations

import base64
import ipaddress
from datetime import UTC, datetime
from pathlib import Path

import pytest

from drift.cloud.client_address import client_address
from drift.cloud.cursor import decode_cursor, encode_cursor
from drift.cloud.db import default_service_role, validate_role_name
from drift.cloud.errors import ApiError
from drift.cloud.ip_allowlist import normalize_cidr
from drift.cloud.settings import load_settings, parse_networks
from drift.cloud.token_format import PAT_PREFIX, hash_secret, looks_like, new_secret
from drift.errors import ConfigError

PROXIES = parse_networks(["127.0.0.1/32", "10.255.0.0/16"], "trusted_proxies")


@pytest.mark.parametrize(
    ("peer", "xff", "expected"),
    [
        ("203.0.113.5", [], "203.0.113.5"),
        ("203.0.113.5", ["10.1.2.3"], "203.0.113.5"),  # untrusted peer: header ignored
        ("127.0.0.1", [], "127.0.0.1"),
        ("127.0.0.1", ["10.1.2.3"], "10.1.2.3"),
        ("127.0.0.1", ["10.1.2.3, 192.168.1.1"], "192.168.1.1"),  # spoofed left part ignored
        ("127.0.0.1", ["192.168.1.1, 10.255.3.4"], "192.168.1.1"),  # second proxy skipped
        ("127.0.0.1", ["1.1.1.1", "192.168.1.1"], "192.168.1.1"),  # repeated headers
        ("127.0.0.1", ["::ffff:10.1.2.3"], "10.1.2.3"),
        ("::ffff:127.0.0.1", ["10.1.2.3"], "10.1.2.3"),
        ("127.0.0.1", ["[2001:db8::1]"], "2001:db8::1"),
        ("127.0.0.1", ["not-an-ip"], None),
        (None, ["10.1.2.3"], None),
    ],
)
def test_client_address(peer: str | None, xff: list[str], expected: str | None) -> None:
    found = client_address(peer, xff, PROXIES)
    assert (str(found) if found else None) == expected


def test_normalize_cidr() -> None:
    assert str(normalize_cidr(" 10.1.2.3/8 ")) == "10.0.0.0/8"
    assert str(normalize_cidr("::ffff:192.168.0.0/112")) == "192.168.0.0/16"
    assert normalize_cidr("2001:db8::/48") == ipaddress.ip_network("2001:db8::/48")
    for bad in ("0.0.0.0/0", "::/0", "1.2.3.4/40", "x", ""):
        with pytest.raises(ApiError) as error:
            normalize_cidr(bad)
        assert error.value.status == 400


def test_cursor_round_trip_and_rejection() -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert decode_cursor(encode_cursor(moment, "abc")) == (moment, "abc")
    naive = base64.urlsafe_b64encode(b'["2026-01-01T00:00:00", "x"]').decode()
    for bad in ("", "%%%", "bm90IGpzb24", naive):
        with pytest.raises(ApiError):
            decode_cursor(bad)


def test_token_format() -> None:
    token = new_secret(PAT_PREFIX)
    assert looks_like(token, PAT_PREFIX)
    assert not looks_like(token, "drift_scim_")
    assert not looks_like(PAT_PREFIX + "short", PAT_PREFIX)
    assert len(hash_secret(token)) == 64
    assert new_secret(PAT_PREFIX) != token


def test_role_names() -> None:
    assert default_service_role("drift") == "drift_service"
    assert default_service_role("Drift-Prod") == "drift_prod_service"
    assert default_service_role("1db") == "d_1db_service"
    assert len(default_service_role("x" * 80)) == 63
    with pytest.raises(ConfigError):
        validate_role_name('bad"name')


def test_settings_from_toml_and_environment(tmp_path: Path) -> None:
    key = base64.b64encode(bytes(32)).decode()
    config = tmp_path / "cloud.toml"
    config.write_text(
        "[cloud]\n"
        'database_url = "postgresql://file/db"\n'
        'trusted_proxies = ["10.0.0.0/8", "192.0.2.1"]\n'
        "token_lifetime_days = 30\n"
        f'encryption_key = "{key}"\n'
    )
    settings = load_settings(config, env={"DRIFT_CLOUD_MAX_BODY_BYTES": "2048"})
    assert settings.database_url == "postgresql://file/db"
    assert [str(n) for n in settings.trusted_proxies] == ["10.0.0.0/8", "192.0.2.1/32"]
    assert settings.token_lifetime_days == 30
    assert settings.max_body_bytes == 2048
    assert settings.encryption_key == bytes(32)
    overridden = load_settings(
        config,
        env={
            "DRIFT_DATABASE_URL": "postgresql://env/db",
            "DRIFT_CLOUD_TRUSTED_PROXIES": "127.0.0.1/32",
        },
    )
    assert overridden.database_url == "postgresql://env/db"
    assert [str(n) for n in overridden.trusted_proxies] == ["127.0.0.1/32"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "no database URL"),
        ({"DRIFT_DATABASE_URL": "x", "DRIFT_CLOUD_TRUSTED_PROXIES": "10.0.0.0/33"}, "not an IP"),
        ({"DRIFT_DATABASE_URL": "x", "DRIFT_CLOUD_TOKEN_LIFETIME_DAYS": "soon"}, "integer"),
        ({"DRIFT_DATABASE_URL": "x", "DRIFT_CLOUD_ENCRYPTION_KEY": "!!"}, "base64"),
        ({"DRIFT_DATABASE_URL": "x", "DRIFT_CLOUD_ENCRYPTION_KEY": "AAAA"}, "32 bytes"),
        ({"DRIFT_DATABASE_URL": "x", "DRIFT_CLOUD_MAX_BODY_BYTES": "10"}, "at least"),
    ],
)
def test_bad_settings_are_config_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)


def test_unknown_toml_keys_are_refused(tmp_path: Path) -> None:
    config = tmp_path / "cloud.toml"
    config.write_text('[cloud]\ndatabase_url = "x"\ndatabse_port = 1\n')
    with pytest.raises(ConfigError, match="unknown settings"):
        load_settings(config, env={})
