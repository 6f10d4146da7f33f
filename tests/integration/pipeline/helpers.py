"""Shared helpers of the pipeline tests: fixture repos, engines, and a snapshot of every table.

``snapshot`` reads every drift table through the storage protocols into plain, comparable data.
Wall-clock timings (file scan durations, scan and gate execution times) are blanked, since no
two runs take the same time. With ``natural=True`` row ids are replaced by natural keys and
timestamps blanked, so two stores built by different histories (an incremental scan and a fresh
full one) compare equal when they describe the same code.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from msgspec.structs import asdict

from drift.enforcement.health import HEALTH_METRIC
from drift.pipeline.analyze import MOMENTUM_METRIC_PREFIX
from drift.pipeline.fingerprint import FINGERPRINT_METRIC
from drift.records.analysis import FunctionRow
from drift.storage.backends import StorageSet, open_storage
from drift.storage.protocols.drift import DriftStorage
from drift.storage.testing.base import FakeClock

REPOS = Path(__file__).resolve().parents[2] / "fixtures" / "repos"
REPO_NAMES = ("naming-python", "naming-typescript", "naming-javascript", "naming-go", "naming-java")
SCHEMA = Path(__file__).resolve().parents[2] / "data" / "sarif-schema-2.1.0.json"


def copy_repo(name: str, destination: Path) -> Path:
    """A private copy of fixture repository ``name`` (tests may edit it)."""
    target = destination / name
    shutil.copytree(REPOS / name, target)
    return target


@contextmanager
def engines(kind: str, directory: Path, clock: FakeClock) -> Iterator[StorageSet]:
    """The engines of one backend (``sqlite`` in ``directory``, or ``memory``)."""
    url = str(directory / "store") if kind == "sqlite" else "memory://"
    with open_storage(url, clock=clock) as stores:
        yield stores


def _plain(row: Any, **blank: Any) -> dict[str, Any]:
    values = asdict(row)
    values.update(blank)
    return values


def _function_key(row: FunctionRow) -> tuple[str, str, int]:
    return (row.file, row.name, row.line)


def _functions(drift: DriftStorage, paths: list[str]) -> list[FunctionRow]:
    return [fn for path in paths for fn in drift.get_functions_by_file(path)]


def _edges(drift: DriftStorage, functions: list[FunctionRow], natural: bool) -> list[Any]:
    keys = {fn.id: _function_key(fn) for fn in functions}
    edges: list[Any] = []
    for fn in functions:
        for edge in drift.get_edges_by_caller(fn.id):
            if natural:
                edges.append((keys[edge.caller_id], keys.get(edge.callee_id), edge.resolution,
                              edge.confidence, edge.call_site_line))  # fmt: skip
            else:
                edges.append(_plain(edge))
    return sorted(edges, key=repr)


def _per_file(drift: DriftStorage, paths: list[str], natural: bool) -> dict[str, Any]:
    ids = {"id": None} if natural else {}
    stamped = {"id": None, "created_at": None} if natural else {}
    return {
        "boundaries": [
            _plain(r, **stamped) for p in paths for r in drift.get_boundaries_by_file(p)
        ],
        "error_gaps": [_plain(r, **ids) for p in paths for r in drift.get_error_gaps_by_file(p)],
        "secrets": [_plain(r, **ids) for p in paths for r in drift.get_secrets_by_file(p)],
        "constants": [
            _plain(r, **stamped) for p in paths for r in drift.query_constants_by_file(p)
        ],
        "env": [_plain(r, **stamped) for p in paths for r in drift.query_env_variables_by_file(p)],
        "wrappers": [_plain(r) for p in paths for r in drift.get_wrappers_by_file(p)],
        "crypto": [_plain(r) for p in paths for r in drift.get_crypto_findings_by_file(p)],
        "owasp": [_plain(r) for p in paths for r in drift.get_owasp_findings_by_file(p)],
        "taint": [_plain(r) for p in paths for r in drift.get_taint_flows_by_file(p)],
        "violations_by_file": [
            _plain(r, is_new=None) if natural else _plain(r)
            for p in paths
            for r in drift.query_violations_by_file(p)
        ],
    }


def _tests(drift: DriftStorage, functions: list[FunctionRow]) -> dict[str, Any]:
    keys = sorted({f"{fn.file}::{fn.qualified_name or fn.name}" for fn in functions})
    quality = [drift.get_test_quality(key) for key in keys]
    return {
        "coverage": [_plain(r) for key in keys for r in drift.get_test_coverage_for_source(key)],
        "quality": [_plain(r) for r in quality if r is not None],
    }


def _metrics(drift: DriftStorage, pattern_ids: list[str], natural: bool) -> dict[str, Any]:
    names = [HEALTH_METRIC, FINGERPRINT_METRIC] + [MOMENTUM_METRIC_PREFIX + p for p in pattern_ids]
    blank = {"recorded_at": None} if natural else {}
    return {
        name: [_plain(r, **blank) for r in drift.query_health_trends(name, 1000)] for name in names
    }


def snapshot(drift: DriftStorage, *, natural: bool = False) -> dict[str, Any]:
    """Every drift table, read through the protocols (see the module docstring)."""
    drift.flush_sync()
    files = drift.load_all_file_metadata()
    paths = [row.path for row in files]
    functions = _functions(drift, paths)
    confidence = drift.query_all_confidence()
    pattern_ids = sorted(row.pattern_id for row in confidence)
    stamp = {"last_scanned_at": None} if natural else {}
    detections = drift.query_all_detections(drift.count_detections())
    detection_blank = {"id": None, "created_at": None} if natural else {}
    scans = drift.query_recent_scans(1000)
    return {
        "files": [_plain(r, scan_duration_us=None, **stamp) for r in files],
        "parse_cache": [
            (c.content_hash, c.language, c.parse_result_json, None if natural else c.created_at)
            for c in (drift.get_parse_cache_by_hash(r.content_hash) for r in files)
            if c is not None
        ],
        "functions": [
            _plain(fn, id=None) if natural else _plain(fn)
            for fn in sorted(functions, key=_function_key)
        ],
        "edges": _edges(drift, functions, natural),
        "detections": sorted((_plain(d, **detection_blank) for d in detections), key=repr),
        "confidence": [_plain(r, last_updated=None) if natural else _plain(r) for r in confidence],
        "outliers": [
            _plain(o, id=None, created_at=None) if natural else _plain(o)
            for p in pattern_ids
            for o in drift.query_outliers_by_pattern(p)
        ],
        "conventions": sorted(
            (_plain(c, id=None) if natural else _plain(c) for c in drift.query_all_conventions()),
            key=repr,
        ),
        "scans": [] if natural else [_plain(s, duration_ms=None) for s in scans],
        "coupling": [_plain(r) for r in drift.get_all_coupling_metrics()],
        "cycles": [
            (c.members, c.break_suggestions) if natural else _plain(c)
            for c in drift.query_coupling_cycles()
        ],
        **_per_file(drift, paths, natural),
        **_tests(drift, functions),
        "violations": sorted(
            (
                _plain(v, is_new=None) if natural else _plain(v)
                for v in drift.query_all_violations()
            ),
            key=lambda v: str(v["id"]),
        ),
        "gates": []
        if natural
        else [_plain(g, execution_time_ms=None) for g in drift.query_gate_results()],
        "audits": [] if natural else [_plain(a) for a in drift.query_audit_snapshots(1000)],
        "policies": [] if natural else [_plain(p) for p in drift.query_recent_policy_results(1000)],
        "alerts": []
        if natural
        else [_plain(a) for a in drift.query_recent_degradation_alerts(1000)],
        "statuses": sorted(
            (
                _plain(row, updated_at=None, approved_at=None) if natural else _plain(row)
                for row in drift.query_all_pattern_statuses()
                # a pattern no longer seen keeps its status (decisions persist); natural
                # snapshots describe the code, so they list the statuses of scored patterns
                if not natural or row.pattern_id in pattern_ids
            ),
            key=lambda row: str(row["pattern_id"]) if natural else "",
        ),
        "feedback": [_plain(f) for p in pattern_ids for f in drift.query_feedback_by_pattern(p)],
        "metrics": {} if natural else _metrics(drift, pattern_ids, natural),
        "counts": {
            "files": drift.count_files(),
            "functions": drift.count_functions(),
            "edges": drift.count_call_edges(),
            "detections": drift.count_detections(),
            "boundaries": drift.count_boundaries(),
            "constants": drift.count_constants(),
            "env": drift.count_env_variables(),
            "scans": None if natural else drift.count_scans(),
            "parse_cache": None if natural else drift.count_parse_cache(),
        },
    }
