"""``drift.toml``: every section the pipeline reads, checked before any work starts.

::

    [scan]                 # discovery and incremental scanning (drift.scan.config)
    include = ["src/**"]
    exclude = ["**/generated/**"]

    [storage]
    url = ".drift"         # a directory, sqlite:///path or memory:// (relative to the root)

    [check]
    policy = "standard"    # strict | standard | lenient: the default of `drift check --policy`

    [packs]
    dirs = ["tools/drift-packs"]   # more pattern packs (*.toml), relative to the root
    builtin = true                 # false: only your own packs

``.drift/packs/*.toml`` under the root is always loaded when it exists. Every problem is a
``ConfigError`` naming the file, the key and what is wrong, so nothing runs on a half-read file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from drift.enforcement.policy import DEFAULT_POLICY, PRESETS
from drift.errors import ConfigError
from drift.scan import CONFIG_FILE_NAME, ScanConfig, load_scan_config

DEFAULT_PACK_DIR: Final = Path(".drift") / "packs"
"""Pattern packs of the project itself, loaded without any configuration."""

_SECTIONS: Final[dict[str, frozenset[str]]] = {
    "scan": frozenset(),  # checked key by key by drift.scan.config
    "storage": frozenset({"url"}),
    "check": frozenset({"policy"}),
    "packs": frozenset({"dirs", "builtin"}),
}


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """What ``drift scan`` and ``drift check`` are configured to do for one root.

    ``storage_url`` is None when the file names none (the CLI then uses ``<root>/.drift``);
    ``pack_dirs`` are absolute and include ``.drift/packs`` when it exists.
    """

    root: Path
    scan: ScanConfig = field(default_factory=ScanConfig)
    storage_url: str | None = None
    policy: str = DEFAULT_POLICY
    pack_dirs: tuple[Path, ...] = ()
    builtin_packs: bool = True
    source: str | None = None


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Section:
    """Typed reads of one table that fail with file, section, key and problem."""

    def __init__(self, table: Mapping[str, object], source: str, name: str) -> None:
        self.table = table
        self.source = source
        self.name = name
        for key in table:
            if key not in _SECTIONS[name]:
                known = ", ".join(sorted(_SECTIONS[name]))
                raise ConfigError(
                    f"{source}: [{name}] {key}: unknown key", hint=f"known keys: {known}"
                )

    def fail(self, key: str, expected: str) -> ConfigError:
        return ConfigError(
            f"{self.source}: [{self.name}] {key}: expected {expected}, "
            f"got {_describe(self.table[key])}"
        )

    def text(self, key: str, default: str | None) -> str | None:
        value = self.table.get(key, default)
        if value is None or (isinstance(value, str) and value.strip()):
            return value
        raise self.fail(key, "a non-empty string")

    def boolean(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if isinstance(value, bool):
            return value
        raise self.fail(key, "true or false")

    def paths(self, key: str) -> list[str]:
        value = self.table.get(key, [])
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return list(value)
        raise self.fail(key, "a list of directory paths")


def _read_document(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", hint="check the file's syntax") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        # TOML is UTF-8 by definition; tomllib decodes the whole file before parsing any of it.
        raise ConfigError(
            f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})",
            hint="save the file as UTF-8",
        ) from None


def _tables(document: Mapping[str, object], source: str) -> dict[str, Mapping[str, object]]:
    tables: dict[str, Mapping[str, object]] = {}
    for name, value in document.items():
        if name not in _SECTIONS:
            known = ", ".join(f"[{section}]" for section in _SECTIONS)
            raise ConfigError(f"{source}: [{name}]: unknown section", hint=f"known: {known}")
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: {name}: expected a table ([{name}]), got {value!r:.60}")
        tables[name] = value
    return tables


def _policy(section: _Section) -> str:
    name = section.text("policy", DEFAULT_POLICY) or DEFAULT_POLICY
    if name.strip().lower() not in PRESETS:
        raise ConfigError(
            f"{section.source}: [check] policy: unknown policy {name!r}",
            hint=f"choose one of: {', '.join(sorted(PRESETS))}",
        )
    return name.strip().lower()


def _pack_dirs(root: Path, section: _Section) -> tuple[Path, ...]:
    found: list[Path] = []
    default = root / DEFAULT_PACK_DIR
    if default.is_dir():
        found.append(default)
    for raw in section.paths("dirs"):
        directory = Path(raw).expanduser()
        directory = directory if directory.is_absolute() else root / directory
        if not directory.is_dir():
            raise ConfigError(
                f"{section.source}: [packs] dirs: {raw!r} is not a directory",
                hint="create it or remove it from the list",
            )
        if directory not in found:
            found.append(directory)
    return tuple(found)


def load_pipeline_config(
    root: str | Path, environ: Mapping[str, str] | None = None
) -> PipelineConfig:
    """Read ``<root>/drift.toml`` (defaults when there is none) and the ``DRIFT_SCAN_*``
    environment overrides. Raises ``ConfigError`` naming the file, key and problem."""
    base = Path(root).resolve()
    path = base / CONFIG_FILE_NAME
    scan = load_scan_config(base, os.environ if environ is None else environ)
    if not path.is_file():
        return PipelineConfig(root=base, scan=scan, pack_dirs=_pack_dirs(base, _empty()))
    source = str(path)
    tables = _tables(_read_document(path), source)
    storage = _Section(tables.get("storage", {}), source, "storage")
    check = _Section(tables.get("check", {}), source, "check")
    packs = _Section(tables.get("packs", {}), source, "packs")
    return PipelineConfig(
        root=base,
        scan=scan,
        storage_url=storage.text("url", None),
        policy=_policy(check),
        pack_dirs=_pack_dirs(base, packs),
        builtin_packs=packs.boolean("builtin", True),
        source=source,
    )


def _empty() -> _Section:
    return _Section({}, CONFIG_FILE_NAME, "packs")
