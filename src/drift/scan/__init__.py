"""drift.scan: find the files, tell what changed, parse them with tree-sitter and extract facts.

The stages, each a plain function over plain data (none of them touches storage)::

    config = load_scan_config(root)                   # drift.toml [scan] + DRIFT_SCAN_* overrides
    found = discover(root, config)                    # tracked files + skipped ones with reasons
    changes = diff_files(found.files, previous_rows)  # added / modified / unchanged / removed
    tasks = [ParseTask(e.path, e.abs_path, g) for e in changes.changed
             if (g := grammar_for_path(e.path))]
    for outcome in parse_files(tasks):                # process pool, one worker per CPU
        result = outcome.result()                     # ParseResult; outcome.result_json is the
                                                      # parse-cache form

``parse_file``/``parse_source`` do the same for one file in this process.
"""

from typing import TYPE_CHECKING

from drift.lazy import LazyExports
from drift.scan.config import (
    CONFIG_FILE_NAME,
    DEFAULT_MAX_FILE_SIZE,
    ScanConfig,
    default_workers,
    load_scan_config,
    scan_config_from_table,
)
from drift.scan.diff import DiffEntry, FileStatus, ScanDiff, diff_files
from drift.scan.discovery import (
    DEFAULT_EXCLUDED_DIRS,
    SKIP_BINARY,
    SKIP_TOO_LARGE,
    DiscoveredFile,
    Discovery,
    ScanRootError,
    SkippedFile,
    discover,
    is_utf8,
    readable_path,
)
from drift.scan.generated import SKIP_BUNDLED, SKIP_GENERATED, SKIP_MINIFIED
from drift.scan.hashing import content_hash, hash_file
from drift.scan.languages import GRAMMARS, grammar_for_path, language_for_path, language_of_grammar
from drift.scan.model import (
    ALIAS_OF,
    CACHE_STAMP,
    ELEMENT_OF,
    ITEM_IN,
    KEY_IN,
    LAMBDA,
    MODEL_VERSION,
    NUMBER,
    RESULT_OF,
    STATIC_MEMBER,
    UNTYPED_LOCAL,
    CallSite,
    Class,
    Decorator,
    ErrorHandler,
    Export,
    Function,
    Import,
    ImportedName,
    NumberLiteral,
    Parameter,
    ParseIssue,
    ParseResult,
    StringLiteral,
)

# The parser, the extraction and the process pool (tree-sitter, multiprocessing) load on first
# use: discovery and the diff, all a scan that finds nothing changed needs, stay light.
if TYPE_CHECKING:
    from drift.scan.extraction import extract
    from drift.scan.parsing import parse_tree
    from drift.scan.pool import (
        BackgroundFeed,
        ForkedCall,
        ParsedFile,
        ParseOutcome,
        ParseTask,
        WorkerPoolError,
        map_files,
        parse_files,
        parse_path,
        parse_task,
        start_workers_early,
    )
    from drift.scan.source_file import parse_file, parse_source

__getattr__ = LazyExports(
    __name__,
    {
        "extract": "extraction",
        "parse_tree": "parsing",
        "BackgroundFeed": "pool",
        "ForkedCall": "pool",
        "ParsedFile": "pool",
        "ParseOutcome": "pool",
        "ParseTask": "pool",
        "WorkerPoolError": "pool",
        "map_files": "pool",
        "parse_files": "pool",
        "parse_path": "pool",
        "parse_task": "pool",
        "start_workers_early": "pool",
        "parse_file": "source_file",
        "parse_source": "source_file",
    },
)

__all__ = [
    "ALIAS_OF",
    "CACHE_STAMP",
    "CONFIG_FILE_NAME",
    "DEFAULT_EXCLUDED_DIRS",
    "DEFAULT_MAX_FILE_SIZE",
    "ELEMENT_OF",
    "GRAMMARS",
    "ITEM_IN",
    "KEY_IN",
    "LAMBDA",
    "MODEL_VERSION",
    "NUMBER",
    "RESULT_OF",
    "SKIP_BINARY",
    "SKIP_BUNDLED",
    "SKIP_GENERATED",
    "SKIP_MINIFIED",
    "SKIP_TOO_LARGE",
    "STATIC_MEMBER",
    "UNTYPED_LOCAL",
    "BackgroundFeed",
    "CallSite",
    "Class",
    "Decorator",
    "DiffEntry",
    "DiscoveredFile",
    "Discovery",
    "ErrorHandler",
    "Export",
    "FileStatus",
    "ForkedCall",
    "Function",
    "Import",
    "ImportedName",
    "NumberLiteral",
    "Parameter",
    "ParseIssue",
    "ParseOutcome",
    "ParseResult",
    "ParseTask",
    "ParsedFile",
    "ScanConfig",
    "ScanDiff",
    "ScanRootError",
    "SkippedFile",
    "StringLiteral",
    "WorkerPoolError",
    "content_hash",
    "default_workers",
    "diff_files",
    "discover",
    "extract",
    "grammar_for_path",
    "hash_file",
    "is_utf8",
    "language_for_path",
    "language_of_grammar",
    "load_scan_config",
    "map_files",
    "parse_file",
    "parse_files",
    "parse_path",
    "parse_source",
    "parse_task",
    "parse_tree",
    "readable_path",
    "scan_config_from_table",
    "start_workers_early",
]
