"""Nothing reaches stored data around a protocol.

- Every public query in ``drift/storage/sql`` is reached from some protocol method (directly or
  through the module-level ``do_*`` helpers and the batch writer's ``apply_command``).
- Outside ``drift/storage``, no module names an engine's private executor or connection, and
  nothing anywhere attaches one database to another (the bridge reads through IDriftReader).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from drift.storage.protocols.advanced import IDriftAdvanced
from drift.storage.protocols.analysis import IDriftAnalysis
from drift.storage.protocols.batch import IDriftBatchWriter
from drift.storage.protocols.bridge import IBridgeStorage
from drift.storage.protocols.cortex import ICortexStorage
from drift.storage.protocols.enforcement import IDriftEnforcement
from drift.storage.protocols.files import IDriftFiles
from drift.storage.protocols.reader import IDriftReader
from drift.storage.protocols.structural import IDriftStructural
from drift.storage.protocols.workspace import IWorkspaceStorage

SRC = Path(__file__).resolve().parents[2] / "src" / "drift"
SQL_DIR = SRC / "storage" / "sql"
# Where protocol methods that run shared SQL are defined: the mixins, and the engine classes
# (workspace, bridge lifecycle) of the relational backends.
METHOD_DIRS = (SQL_DIR, SRC / "storage" / "sqlite", SRC / "storage" / "postgres")
PROTOCOLS = (
    IDriftFiles,
    IDriftAnalysis,
    IDriftStructural,
    IDriftEnforcement,
    IDriftAdvanced,
    IDriftBatchWriter,
    IDriftReader,
    IWorkspaceStorage,
    IBridgeStorage,
    ICortexStorage,
)
SQL_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


def _protocol_method_names() -> set[str]:
    return {
        name
        for protocol in PROTOCOLS
        for name, value in vars(protocol).items()
        if callable(value) and not name.startswith("_")
    }


def _referenced_names(node: ast.AST) -> set[str]:
    names: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            names.add(child.id)
        elif isinstance(child, ast.Attribute):
            names.add(child.attr)
    return names


def _sql_constants(tree: ast.Module) -> dict[str, ast.AST]:
    constants: dict[str, ast.AST] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper() and stmt.value:
                    constants[target.id] = stmt.value
    return constants


def _is_sql(value: ast.AST) -> bool:
    try:
        literal = ast.literal_eval(value)
    except ValueError:
        # A computed constant (f-string, join): count it when it mentions a verb.
        return any(verb in ast.unparse(value) for verb in SQL_VERBS)
    return isinstance(literal, str) and literal.lstrip().upper().startswith(SQL_VERBS)


def test_every_sql_constant_is_reached_from_a_protocol_method() -> None:
    functions: dict[str, set[str]] = {}
    constants: dict[str, set[str]] = {}
    sql_constants: dict[str, str] = {}
    roots: set[str] = set()
    method_names = _protocol_method_names()
    paths = sorted(path for directory in METHOD_DIRS for path in directory.glob("*.py"))
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, value in _sql_constants(tree).items():
            constants[name] = _referenced_names(value)
            if _is_sql(value) and path.parent == SQL_DIR:
                sql_constants[name] = path.name
        for stmt in tree.body:
            if isinstance(stmt, ast.FunctionDef):
                functions[stmt.name] = functions.get(stmt.name, set()) | _referenced_names(stmt)
                if stmt.name == "apply_command":  # the batch writer's entry (send_batch)
                    roots.add(stmt.name)
            elif isinstance(stmt, ast.ClassDef):
                for item in stmt.body:
                    if isinstance(item, ast.FunctionDef):
                        key = f"{stmt.name}.{item.name}"
                        functions[key] = _referenced_names(item)
                        if item.name in method_names or item.name.startswith("_"):
                            # Private helpers count only when reached; see the walk below.
                            if item.name in method_names:
                                roots.add(key)
                            else:
                                functions[item.name] = (
                                    functions.get(item.name, set()) | (functions[key])
                                )
    reached: set[str] = set()
    frontier = list(roots)
    while frontier:
        current = frontier.pop()
        if current in reached:
            continue
        reached.add(current)
        for name in functions.get(current, set()) | constants.get(current, set()):
            if name not in reached and (name in functions or name in constants):
                frontier.append(name)
    unreached = sorted(
        f"{module}:{name}" for name, module in sql_constants.items() if name not in reached
    )
    assert sql_constants, "found no SQL constants at all: the scan is broken"
    assert not unreached, f"queries no protocol method reaches: {unreached}"


def _python_files_outside_storage() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "storage" not in p.relative_to(SRC).parts)


@pytest.mark.parametrize(
    "path", _python_files_outside_storage(), ids=lambda p: str(p.relative_to(SRC))
)
def test_no_module_outside_storage_reaches_an_engine_internals(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    forbidden = {"_db", "writer_connection", "SqliteDatabase", "_writer", "_reader", "SqlExecutor"}
    found = sorted(_referenced_names(tree) & forbidden)
    assert not found, f"{path.relative_to(SRC)} reaches storage internals: {found}"


def test_nothing_attaches_a_database() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".sql"}
        and "ATTACH DATABASE" in path.read_text(encoding="utf-8").upper()
    ]
    assert offenders == []
