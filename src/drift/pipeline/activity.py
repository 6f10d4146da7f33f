"""Which packs apply to the project: a pack's ``detect_by`` signals, read across every file.

A pack that names signals (``[framework] detect_by``) applies only where one is seen: an import
or a decorator in some file, a path matching a glob, or a declared dependency. The per-file
work cannot tell, so every file's matches of every pack are stored, and each file's import and
decorator signals are stored beside them as ``signal:<pack>`` detections (their file's own,
so they follow it through incremental scans). The pattern analysis then reads the signals,
the tracked paths and the manifests, and leaves out the matches of the packs none of them
signals. Dependencies are the names the manifests declare: ``package.json`` (all four kinds),
``pyproject.toml`` (PEP 621 and Poetry, optional groups included), ``requirements*.txt`` and
``requirements/*.txt``, and ``go.mod`` (module paths); examples' manifests are none.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from drift.analysis.packs import Pack, SignalKind, pack_is_active
from drift.analysis.structure.test_files import is_example_code
from drift.scan import DiffEntry

DEPENDENCY_MANIFESTS = ("package.json", "pyproject.toml", "go.mod")
"""Files declaring dependencies, besides ``requirements*.txt``."""

# A PEP 508 requirement's name: ``Django>=4`` → ``Django``, ``flask[async]`` → ``flask``.
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
# ``require example.com/m v1.2.3`` or one line of a ``require ( … )`` block.
_GO_REQUIREMENT = re.compile(r"^\s*(?:require\s+)?([A-Za-z0-9][^\s()]*\.[^\s()]*/\S+)\s+v\S+")
_JS_DEPENDENCY_KEYS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


@dataclass(frozen=True)
class PackActivity:
    """What decides which packs apply: the packs with signals, the tracked paths, the
    declared dependencies (lower-cased)."""

    packs: tuple[Pack, ...]
    paths: tuple[str, ...]
    dependencies: frozenset[str]

    def inactive(self, signalled: Collection[str]) -> frozenset[str]:
        """The names of the packs no signal shows; ``signalled``: the packs some file's
        imports or decorators signal."""
        return frozenset(
            pack.name
            for pack in self.packs
            if not pack_is_active(pack, signalled, self.paths, self.dependencies)
        )


def pack_activity(packs: Iterable[Pack], entries: Sequence[DiffEntry]) -> PackActivity:
    """The ``PackActivity`` of ``entries`` (the tracked files) for ``packs``; the manifests are
    read only when some pack asks for a dependency."""
    signalled = tuple(pack for pack in packs if pack.detect_by)
    wants_dependencies = any(
        signal.kind is SignalKind.DEPENDENCY for pack in signalled for signal in pack.detect_by
    )
    dependencies = declared_dependencies(entries) if wants_dependencies else frozenset()
    paths = tuple(entry.path for entry in entries) if signalled else ()
    return PackActivity(signalled, paths, dependencies)


def signals_a_path(packs: Iterable[Pack], paths: Iterable[str]) -> bool:
    """Whether any of ``paths`` matches a pack's ``file_pattern`` signal: adding or removing
    one may make the pack apply or not (a ``Dockerfile``, which no analysis reads)."""
    globs = [
        signal.glob
        for pack in packs
        for signal in pack.detect_by
        if signal.kind is SignalKind.FILE_PATTERN and signal.glob is not None
    ]
    return bool(globs) and any(glob.matches(path) for path in paths for glob in globs)


def is_dependency_manifest(path: str) -> bool:
    """Whether a change to ``path`` may change the declared dependencies: a manifest, not an
    example's (``examples/*/pyproject.toml`` declares what the example needs)."""
    if is_example_code(path):
        return False
    name = posixpath.basename(path)
    directory = posixpath.basename(posixpath.dirname(path))
    return name in DEPENDENCY_MANIFESTS or (
        name.endswith(".txt") and (name.startswith("requirements") or directory == "requirements")
    )


def declared_dependencies(entries: Iterable[DiffEntry]) -> frozenset[str]:
    """The lower-cased names every tracked manifest declares. One that cannot be read or
    parsed declares nothing."""
    found: set[str] = set()
    for entry in entries:
        if not is_dependency_manifest(entry.path):
            continue
        text = manifest_text(entry)
        if text is not None:
            name = posixpath.basename(entry.path)
            found.update(dependency.lower() for dependency in _manifest_names(name, text))
    return frozenset(found)


def manifest_text(entry: DiffEntry) -> str | None:
    """A tracked manifest's text (undecodable bytes replaced), or None if it cannot be read."""
    try:
        with open(entry.abs_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _manifest_names(name: str, text: str) -> list[str]:
    if name == "package.json":
        return _package_json_names(text)
    if name == "pyproject.toml":
        return _pyproject_names(text)
    if name == "go.mod":
        return [m.group(1) for line in text.splitlines() if (m := _GO_REQUIREMENT.match(line))]
    return _requirement_names(text.splitlines())


def _package_json_names(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    return [
        name for key in _JS_DEPENDENCY_KEYS if isinstance(data.get(key), dict) for name in data[key]
    ]


def _pyproject_names(text: str) -> list[str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    requirements: list[object] = []
    project = data.get("project")
    if isinstance(project, dict):
        requirements.extend(_list(project.get("dependencies")))
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for group in optional.values():
                requirements.extend(_list(group))
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group in groups.values():
            requirements.extend(_list(group))
    names = _requirement_names(r for r in requirements if isinstance(r, str))
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict):
        tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        groups = poetry.get("group")
        if isinstance(groups, dict):
            tables.extend(g.get("dependencies") for g in groups.values() if isinstance(g, dict))
        for table in tables:
            if isinstance(table, dict):
                names.extend(name for name in table if name != "python")
    return names


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _requirement_names(lines: Iterable[str]) -> list[str]:
    """The names of PEP 508 requirements, one per line; comments and options (``-r``,
    ``--index-url``) are none."""
    names = []
    for line in lines:
        if line.lstrip().startswith(("#", "-")):
            continue
        found = _REQUIREMENT_NAME.match(line)
        if found is not None:
            names.append(found.group(1))
    return names
