"""drift.analysis.structure: the structural facts grounding reads, from parsed files to rows.

Pure functions over ``ParseResult`` data; nothing here touches storage (the pipeline stores the
rows). Per file, in a worker::

    facts = file_structure(path, result, text)   # error gaps, constants, env reads, secrets,
                                                 # ORM boundaries (+ two text-only facts)
    rows = prisma_boundaries(path, text)         # schema.prisma files (no tree-sitter grammar)

Across files, in the parent or (a large project) in a worker process of its own::

    edges = resolve_calls(function_rows, results)
    metrics, cycles = coupling(results, abstract_types={p: f.abstract_types ...})
    coverage, quality = test_mapping(function_rows, edges, results,
                                     assertion_lines={p: f.assertion_lines ...})

or all three at once: ``structure_of(function_rows, results, abstract, assertions)`` (the last
two given the edges: ``structure_around``), or over packed graph parts:
``project_structure(StructureInput(...))``.

Function ids in the test rows are ``"<file>::<qualified_name>"`` (``function_key``).
"""

from drift.analysis.structure.boundaries import boundaries
from drift.analysis.structure.call_edges import EdgeKey, edge_rows, edges_of_files, resolve_calls
from drift.analysis.structure.callgraph import (
    CONFIDENCE,
    EXPORT,
    FUZZY,
    IMPORT,
    METHOD,
    SAME_FILE,
    CallResolver,
)
from drift.analysis.structure.constants import constants
from drift.analysis.structure.coupling import coupling, directory_module, zone
from drift.analysis.structure.env_variables import (
    dotenv_names,
    env_variables,
    framework_prefix,
    mark_defined_in_env,
)
from drift.analysis.structure.error_gaps import error_gaps
from drift.analysis.structure.file_structure import abstract_types, file_structure
from drift.analysis.structure.imports import JsPackage, Manifests, go_module_path, js_package
from drift.analysis.structure.prisma import is_prisma_schema, prisma_boundaries
from drift.analysis.structure.project import (
    ProjectStructure,
    StructureInput,
    graph_part,
    pack_graph,
    project_structure,
    structure_around,
    structure_of,
    unpack_graph,
)
from drift.analysis.structure.scopes import MODULE_SCOPE, function_key
from drift.analysis.structure.secrets import find_secrets, redact
from drift.analysis.structure.sensitivity import classify_field
from drift.analysis.structure.test_files import (
    assertion_lines,
    is_test_file,
    is_test_function,
    is_test_support,
)
from drift.analysis.structure.test_mapping import TestUnit, find_tests, test_mapping
from drift.records.structural import FileStructure

__all__ = [
    "CONFIDENCE",
    "EXPORT",
    "FUZZY",
    "IMPORT",
    "METHOD",
    "MODULE_SCOPE",
    "SAME_FILE",
    "CallResolver",
    "EdgeKey",
    "FileStructure",
    "JsPackage",
    "Manifests",
    "ProjectStructure",
    "StructureInput",
    "TestUnit",
    "abstract_types",
    "assertion_lines",
    "boundaries",
    "classify_field",
    "constants",
    "coupling",
    "directory_module",
    "dotenv_names",
    "edge_rows",
    "edges_of_files",
    "env_variables",
    "error_gaps",
    "file_structure",
    "find_secrets",
    "find_tests",
    "framework_prefix",
    "function_key",
    "go_module_path",
    "graph_part",
    "is_prisma_schema",
    "is_test_file",
    "is_test_function",
    "is_test_support",
    "js_package",
    "mark_defined_in_env",
    "pack_graph",
    "prisma_boundaries",
    "project_structure",
    "redact",
    "resolve_calls",
    "structure_around",
    "structure_of",
    "test_mapping",
    "unpack_graph",
    "zone",
]
