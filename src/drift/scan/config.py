"""The ``[scan]`` section of ``drift.toml``: what to walk, what to skip, how large a file may be.

Every problem is reported as a ``ConfigError`` whose message names the file, the key and what is
wrong with it, so a user can fix the file without reading a traceback.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from drift.errors import ConfigError
from drift.scan.ignore import pattern_problem

CONFIG_FILE_NAME: Final = "drift.toml"
DEFAULT_MAX_FILE_SIZE: Final = 1_048_576
"""1 MiB: larger files are recorded as skipped, not parsed."""
DEFAULT_FILE_TIME_LIMIT: Final = 60
"""Seconds one file's analysis may take before it is recorded as failed and skipped: far
beyond any real file (the largest standard-library module takes well under a second)."""


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Settings of file discovery and incremental scanning.

    ``include`` globs are a whitelist (empty: every file); ``exclude`` globs are a blacklist. Both
    use gitignore pattern syntax relative to the scanned root. ``threads`` 0 means one worker per
    CPU. ``skip_generated`` skips generated, minified and bundled files (see
    ``drift.scan.generated``). ``file_time_limit``: seconds one file's analysis may take
    (0: no limit; see ``drift.scan.time_limit``).
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    follow_symlinks: bool = False
    threads: int = 0
    incremental: bool = True
    force_full_scan: bool = False
    skip_binary: bool = True
    skip_generated: bool = True
    file_time_limit: int = DEFAULT_FILE_TIME_LIMIT


_KNOWN_KEYS: Final = frozenset(
    {
        "include",
        "exclude",
        "extra_ignore",
        "max_file_size",
        "follow_symlinks",
        "threads",
        "incremental",
        "force_full_scan",
        "skip_binary",
        "skip_generated",
        "hash_algorithm",
        "file_time_limit",
    }
)

_ENV_KEYS: Final[dict[str, tuple[str, int]]] = {
    # variable → (field, smallest valid value)
    "DRIFT_SCAN_MAX_FILE_SIZE": ("max_file_size", 1),
    "DRIFT_SCAN_THREADS": ("threads", 0),
}


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Table:
    """Typed reads of one ``[scan]`` table that fail with file, key and problem."""

    def __init__(self, table: Mapping[str, object], source: str) -> None:
        self._table = table
        self._source = source

    def _fail(self, key: str, expected: str) -> ConfigError:
        got = _describe(self._table[key])
        return ConfigError(f"{self._source}: [scan] {key}: expected {expected}, got {got}")

    def globs(self, key: str) -> tuple[str, ...]:
        value = self._table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._fail(key, "a list of glob strings")
        for pattern in value:
            problem = pattern_problem(pattern)
            if problem is not None:
                raise ConfigError(
                    f"{self._source}: [scan] {key}: invalid glob {pattern!r}: {problem}"
                )
        # ``./src`` means the root's ``src``, which gitignore spells ``/src``: git's own syntax
        # has no ``./`` and never matches it, so ``include = ["./src"]`` scanned nothing.
        return tuple(
            "/" + pattern[2:] if pattern.startswith("./") else pattern for pattern in value
        )

    def integer(self, key: str, default: int, minimum: int) -> int:
        value = self._table.get(key, default)
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return value
        raise self._fail(key, f"an integer >= {minimum}")

    def boolean(self, key: str, default: bool) -> bool:
        value = self._table.get(key, default)
        if isinstance(value, bool):
            return value
        raise self._fail(key, "true or false")

    def hash_algorithm(self) -> None:
        # Only xxh3 is implemented; accepting another name would mislabel every stored hash.
        if self._table.get("hash_algorithm", "xxh3") != "xxh3":
            raise self._fail("hash_algorithm", '"xxh3"')


def scan_config_from_table(table: Mapping[str, object], source: str) -> ScanConfig:
    """Build a ``ScanConfig`` from a parsed ``[scan]`` table; ``source`` names the file in errors.

    ``extra_ignore`` (the original's key) is accepted as more ``exclude`` globs.
    """
    for key in table:
        if key not in _KNOWN_KEYS:
            known = ", ".join(sorted(_KNOWN_KEYS))
            raise ConfigError(f"{source}: [scan] {key}: unknown key", hint=f"known keys: {known}")
    read = _Table(table, source)
    read.hash_algorithm()
    defaults = ScanConfig()
    return ScanConfig(
        include=read.globs("include"),
        exclude=read.globs("exclude") + read.globs("extra_ignore"),
        max_file_size=read.integer("max_file_size", defaults.max_file_size, 1),
        follow_symlinks=read.boolean("follow_symlinks", defaults.follow_symlinks),
        threads=read.integer("threads", defaults.threads, 0),
        incremental=read.boolean("incremental", defaults.incremental),
        force_full_scan=read.boolean("force_full_scan", defaults.force_full_scan),
        skip_binary=read.boolean("skip_binary", defaults.skip_binary),
        skip_generated=read.boolean("skip_generated", defaults.skip_generated),
        file_time_limit=read.integer("file_time_limit", defaults.file_time_limit, 0),
    )


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        # TOML is UTF-8 by definition; tomllib decodes the whole file before parsing any of it.
        raise ConfigError(
            f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})",
            hint="save the file as UTF-8",
        ) from None


def _apply_environment(config: ScanConfig, environ: Mapping[str, str]) -> ScanConfig:
    for variable, (field_name, minimum) in _ENV_KEYS.items():
        raw = environ.get(variable)
        if raw is None:
            continue
        try:
            number = int(raw.strip())
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise ConfigError(
                f"environment variable {variable}: expected an integer >= {minimum}, "
                f"got {_describe(raw)}"
            )
        if field_name == "max_file_size":
            config = replace(config, max_file_size=number)
        else:
            config = replace(config, threads=number)
    return config


def load_scan_config(root: str | Path, environ: Mapping[str, str] | None = None) -> ScanConfig:
    """Read ``<root>/drift.toml`` ``[scan]`` (defaults if absent), then ``DRIFT_SCAN_*`` overrides.

    Environment variables win over the file, as in the original: ``DRIFT_SCAN_MAX_FILE_SIZE`` and
    ``DRIFT_SCAN_THREADS``. Raises ``ConfigError`` naming the file (or variable), key and problem.
    """
    path = Path(root) / CONFIG_FILE_NAME
    config = ScanConfig()
    if path.is_file():
        document = _read_toml(path)
        table = document.get("scan", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: scan: expected a table ([scan]), got {_describe(table)}")
        config = scan_config_from_table(table, str(path))
    return _apply_environment(config, os.environ if environ is None else environ)


def default_workers(threads: int = 0) -> int:
    """Worker processes to use: ``threads`` when positive, else one per CPU this process may use."""
    if threads > 0:
        return threads
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
