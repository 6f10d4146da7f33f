"""``scan``: discovery → diff → parse/extract/detect (process pool) → store → analyze → enforce.

Incremental by default: only added and modified files are read and analysed; removed files take
their rows along. When nothing changed since the last complete scan (same files, same rules),
the scan stops after the diff and reports what is stored. Otherwise the project-wide stages
(patterns, conventions, statuses, and the call graph, coupling and test mapping when the edit
can have moved them) run, then enforcement. Only this process writes storage, through the
batch writer; the workers return plain data.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from drift.analysis.lifecycle import is_derived
from drift.errors import StorageError
from drift.pipeline.changes import (
    StoredFiles,
    analysed_count,
    build_tasks,
    cached_definitions,
    cached_functions,
    code_changed,
    entries_to_analyse,
    recorded_skips,
    renamed_files,
    renamed_functions,
    skipped_row,
    unfinished,
)
from drift.pipeline.config import PipelineConfig, load_pipeline_config
from drift.pipeline.environment import EnvFiles, dotenv_changed
from drift.pipeline.fingerprint import record_fingerprint, rules_fingerprint, stored_fingerprint
from drift.pipeline.progress import Progress, SilentProgress, StageTimer
from drift.pipeline.same_project import check_same_project, previous_root
from drift.pipeline.state import stored_state
from drift.pipeline.store_types import PipelineStore
from drift.pipeline.summary import ScanSummary, Verdict, ViolationCounts
from drift.pipeline.tasks import FileOutcome, pack_source
from drift.records.batch import UpsertFileMetadata
from drift.scan import (
    DiffEntry,
    ScanDiff,
    ScanRootError,
    SkippedFile,
    default_workers,
    diff_files,
    discover,
    is_utf8,
    readable_path,
)

# What only a scan with files to analyse needs (the parser, the pool, the packs, the detectors,
# the enforcement engine) is imported where it is first needed: a scan that finds nothing
# changed spends most of its time importing, and need not import any of it.
if TYPE_CHECKING:
    from drift.analysis.packs import Pack, PatternSpec
    from drift.enforcement import EnforcementResult
    from drift.pipeline.graph import StructureBuild
    from drift.pipeline.project import ProjectOutcome

INLINE_LIMIT = 48
"""Below this many files to analyse, work in this process: starting workers costs more."""


def _seconds() -> int:
    return int(time.time())


@dataclass(frozen=True, slots=True)
class _Options:
    full: bool
    policy: str
    enforce: bool
    workers: int
    progress: StageTimer
    clock: Callable[[], int]


class _Scan:
    """One scan run: the stages in order, and what they found for the summary."""

    def __init__(
        self, root: Path, storage: PipelineStore, config: PipelineConfig, options: _Options
    ):
        self.root = root
        self.storage = storage
        self.config = config
        self.options = options
        self.progress = options.progress
        self.now = options.clock()
        scan_config = config.scan
        sniffing = f"binary={scan_config.skip_binary} generated={scan_config.skip_generated}"
        self.fingerprint = rules_fingerprint(config.pack_dirs, config.builtin_packs, sniffing)
        self.outcomes: dict[str, FileOutcome] = {}
        self.skipped: tuple[SkippedFile, ...] = ()
        self.changed_facts: set[str] = set()
        self.rules_changed = False  # the packs or Drift changed since the last analysis
        # Files moved without a change, new path -> old path: their violations stay as they were.
        self.renamed: dict[str, str] = {}
        self.renamed_functions: dict[tuple[str, str], str] = {}
        # The structure stage, when begun during the per-file analysis (``_early_structure``).
        self.structure: StructureBuild | None = None

    @functools.cached_property
    def packs(self) -> list[Pack]:
        """The packs (loaded when first needed: see ``run``)."""
        from drift.analysis.packs import load_packs

        return load_packs(self.config.pack_dirs, include_builtin=self.config.builtin_packs)

    @functools.cached_property
    def specs(self) -> dict[str, PatternSpec]:
        """Every pattern of the packs, by id."""
        return {pattern.id: pattern for pack in self.packs for pattern in pack.patterns}

    def run(self, started: float) -> ScanSummary:
        stored = StoredFiles.load(self.storage)
        rules_changed = self.rules_changed = stored_fingerprint(self.storage) != self.fingerprint
        last_complete = self._last_scan_complete()
        full = self.options.full or rules_changed or not last_complete
        if full:
            # Every file is analysed: a bad pack must stop the scan before anything is written.
            # Otherwise the packs are the ones the last complete scan loaded, and a scan that
            # finds nothing changed need not load them at all.
            _ = self.specs
        previous = previous_root(self.storage)
        try:
            diff = self._discover(stored, sniff_all=full)
        except BaseException as exc:  # failed or interrupted: recorded as a scan cut short
            self._record_failure(None, started, exc)
            raise
        # Refused before the scan is recorded: a refusal changes nothing, and `drift status`
        # goes on describing the last scan (it had said "failed before the end").
        check_same_project(self.root, previous, diff, len(stored.tracked))
        scan_id = self.storage.insert_scan_start(self.now, self.root.as_posix())
        try:
            if code_changed(diff):
                from drift.pipeline.enforce import mark_code_change

                mark_code_change(self.storage)  # before any of the change is stored
            self._analyse_files(diff, stored, full=full)
            self.storage.flush_sync()
            reanalyse = (
                full or bool(diff.changed) or bool(diff.removed) or bool(unfinished(diff, stored))
            )
            definitions = cached_definitions(self.storage)
            self.renamed = renamed_files(diff, stored, cached_functions(definitions))
            self.renamed_functions = renamed_functions(diff, stored, self.renamed, definitions)
            project = self._project(diff, stored, full=full) if reanalyse else None
            # Enforcement reads no structure: a large project's is still being computed.
            enforced = (
                self._enforce(project, code_changed=code_changed(diff))
                if reanalyse and self.options.enforce
                else None
            )
            if project is not None and project.pending is not None:
                self.progress.stage("structure")
                project = project.finish()
                self.storage.flush_sync()
            summary = self._summary(
                scan_id, diff, stored, project=project, enforced=enforced, started=started
            )
            # The cache entries of content no file has now (an edited file's old text, a
            # removed file's) served this scan (``needs_graph``, ``renamed_files``); kept, they
            # held a secret removed from the code until `drift gc`.
            self.storage.prune_parse_cache()
        except BaseException as exc:
            if self.structure is not None:
                self.structure.abandon()
            self._record_failure(scan_id, started, exc)
            raise
        self._finish(scan_id, diff, started, status="completed", error=None)
        return summary

    def _last_scan_complete(self) -> bool:
        recent = self.storage.query_recent_scans(1)
        return bool(recent) and recent[0].status == "completed"

    # -- the per-file stage ---------------------------------------------------------------

    def _discover(self, stored: StoredFiles, *, sniff_all: bool) -> ScanDiff:
        self.progress.stage("discover")
        # A full scan reads every file's head again: what counts as binary, generated or
        # minified may have changed with Drift's version or the settings.
        previous = {} if sniff_all else stored.tracked
        found = discover(self.root, self.config.scan, previous=previous)
        diff = diff_files(found.files, stored.tracked, force_full=self.options.full)
        self.skipped = tuple(sorted([*found.skipped, *diff.unreadable], key=lambda s: s.path))
        return diff

    def _forget(self, diff: ScanDiff, stored: StoredFiles) -> None:
        """Drop removed files, and records of skips that no longer apply; record new skips.

        Removals go first: a tracked file that is now skipped is removed, then recorded.
        """
        kept = recorded_skips(self.skipped)
        present = {entry.path for entry in diff.entries}
        skipped_now = {s.path for s in kept}
        gone = [p for p in stored.skipped if p not in skipped_now and p not in present]
        if diff.removed or gone:
            from drift.pipeline.store import removal_commands

            for command in removal_commands([*diff.removed, *gone]):
                self.storage.send_batch(command)
        if kept:
            self.storage.send_batch(UpsertFileMetadata([skipped_row(s, self.now) for s in kept]))

    def _analyse_files(self, diff: ScanDiff, stored: StoredFiles, *, full: bool) -> None:
        self._forget(diff, stored)
        env = EnvFiles.read(diff.entries)
        entries = entries_to_analyse(diff, stored, full=full)
        if self.options.workers > 1 and analysed_count(e.path for e in entries) >= INLINE_LIMIT:
            # The pool will run: its fork server imports the parser and the detectors on the
            # other core while this process reads the cache and sets up the writers.
            from drift.scan import start_workers_early

            start_workers_early("drift.pipeline.worker")
        if entries:
            self._analyse(entries, diff, stored, env, full=full)
        else:
            self.progress.stage("analyse", 0)
        self._remember_mtimes(diff, stored, analysed={entry.path for entry in entries})
        if dotenv_changed(diff):
            untouched = (e.path for e in diff.entries if e.path not in self.outcomes)
            env.remark_stored(self.storage, untouched)

    def _analyse(
        self,
        entries: list[DiffEntry],
        diff: ScanDiff,
        stored: StoredFiles,
        env: EnvFiles,
        *,
        full: bool,
    ) -> None:
        """Analyse ``entries`` in the process pool and queue what they yield for storage."""
        from drift.pipeline.project import outcome_facts
        from drift.pipeline.store import FileWriter
        from drift.pipeline.worker import analyze_file, crashed
        from drift.scan import map_files

        source = pack_source(self.config.pack_dirs, self.config.builtin_packs)
        tasks, others = build_tasks(self.storage, entries, source, self.config.scan.file_time_limit)
        by_path = {entry.path: entry for entry in entries}
        writer = FileWriter(self.storage, self.now, env, compare=not full)
        structure = self.structure = self._early_structure(diff, full=full)
        self.progress.stage("analyse", len(tasks))
        workers = 1 if len(tasks) < INLINE_LIMIT else self.options.workers
        for outcome in map_files(analyze_file, tasks, workers=workers, on_crash=crashed):
            writer.write(by_path[outcome.path], outcome, existed=outcome.path in stored.tracked)
            if structure is not None:
                structure.add(outcome_facts(outcome.path, outcome))
            # Keep what the later stages read; the rows and the cache text are on their way.
            self.outcomes[outcome.path] = outcome._replace(
                cache_json=None, detections=(), functions=()
            )
            self.progress.advance()
        for entry in others:
            writer.write(entry, None, existed=entry.path in stored.tracked)
        writer.flush()
        self.changed_facts = writer.changed_facts

    def _early_structure(self, diff: ScanDiff, *, full: bool) -> StructureBuild | None:
        """A structure stage to feed during the per-file analysis, when this run is sure to
        need one (``graph_needed``) and a worker process of its own will compute it: it then
        unpacks each file's graph as it comes, and is ready to compute when the last one does.
        """
        from drift.pipeline.graph import StructureBuild, in_background, read_manifests
        from drift.pipeline.project import graph_needed

        files = analysed_count(entry.path for entry in diff.entries)
        if not graph_needed(diff, forced=full) or not in_background(files, self.options.workers):
            return None
        return StructureBuild(background=True, manifests=read_manifests(diff.entries))

    def _remember_mtimes(self, diff: ScanDiff, stored: StoredFiles, analysed: set[str]) -> None:
        """Record the new mtime of files touched but not changed, so the next scan takes the
        mtime shortcut again instead of hashing them every time."""
        moved = []
        for entry in diff.entries:
            row = stored.tracked.get(entry.path)
            if entry.path in analysed or row is None:
                continue
            if (row.mtime_secs, row.mtime_nanos) != (entry.mtime_secs, entry.mtime_nanos):
                moved.append(
                    replace(row, mtime_secs=entry.mtime_secs, mtime_nanos=entry.mtime_nanos)
                )
        if moved:
            self.storage.send_batch(UpsertFileMetadata(moved))

    # -- the project-wide stages ----------------------------------------------------------

    def _project(self, diff: ScanDiff, stored: StoredFiles, *, full: bool) -> ProjectOutcome:
        from drift.pipeline.activity import signals_a_path
        from drift.pipeline.project import needs_graph, needs_patterns, run_project_stages

        graph = needs_graph(self.storage, diff, self.outcomes, stored.tracked, forced=full)
        patterns = needs_patterns(diff, self.changed_facts, forced=full) or (
            bool(diff.added or diff.removed)
            and signals_a_path(self.packs, (*diff.added, *diff.removed))
        )
        project = run_project_stages(
            self.storage,
            specs=self.specs,
            packs=self.packs,
            entries=diff.entries,
            outcomes=self.outcomes,
            patterns=patterns,
            graph=graph,
            total_files=analysed_count(entry.path for entry in diff.entries),
            now=self.now,
            workers=self.options.workers,
            progress=self.progress,
            build=self.structure,
            rules_changed=self.rules_changed,
        )
        if project.pending is not None:
            self.structure = project.pending  # so that a failure from here on stops it
        record_fingerprint(self.storage, self.fingerprint)
        return project

    def _enforce(self, project: ProjectOutcome | None, *, code_changed: bool) -> EnforcementResult:
        from drift.pipeline.enforce import enforce_run
        from drift.pipeline.groups import convention_groups

        self.progress.stage("enforce")
        analysis = project.patterns if project is not None else None
        return enforce_run(
            self.storage,
            self.root,
            self.options.policy,
            code_changed=code_changed,
            renamed=self.renamed,
            renamed_functions=self.renamed_functions,
            group_of=convention_groups(lambda: self.specs),
            # What the project stages read or stored, rather than read back (None: read it).
            detections=analysis.stored if analysis is not None else None,
            functions=project.functions if project is not None and project.functions else None,
        )

    # -- the end --------------------------------------------------------------------------

    def _record_failure(self, scan_id: int | None, started: float, exc: BaseException) -> None:
        """Record the scan (``scan_id``, or a new record) as failed if storage still can; the
        original error is the one the caller raises."""
        with contextlib.suppress(StorageError):
            if scan_id is None:
                scan_id = self.storage.insert_scan_start(self.now, self.root.as_posix())
            self._finish(
                scan_id, None, started, status="failed", error=f"{type(exc).__name__}: {exc}"
            )

    def _finish(
        self, scan_id: int, diff: ScanDiff | None, started: float, *, status: str, error: str | None
    ) -> None:
        counts = diff.counts() if diff is not None else {}
        self.storage.update_scan_complete(
            scan_id,
            self.options.clock(),
            len(diff.entries) if diff is not None else 0,
            counts.get("added", 0),
            counts.get("modified", 0),
            counts.get("removed", 0),
            counts.get("unchanged", 0),
            int((time.perf_counter() - started) * 1000),
            status,
            error,
        )

    def _summary(
        self,
        scan_id: int,
        diff: ScanDiff,
        stored: StoredFiles,
        *,
        project: ProjectOutcome | None,
        enforced: EnforcementResult | None,
        started: float,
    ) -> ScanSummary:
        state = stored_state(self.storage)
        analysis = project.patterns if project is not None else None
        violations = state.violations
        verdict = state.verdict
        if enforced is not None:
            counts = enforced.counts()
            violations = ViolationCounts(
                counts["total"], counts["error"], counts["warning"], counts["info"],
                counts["new"], counts["suppressed"],
            )  # fmt: skip
            verdict = Verdict(enforced.policy.policy_name, enforced.passed, enforced.policy.score)
        counts = diff.counts()
        languages = Counter(entry.language for entry in diff.entries if entry.language)
        present = {entry.path for entry in diff.entries}
        syntax = sorted(
            [
                (path, outcome.error or "syntax errors")
                for path, outcome in self.outcomes.items()
                if outcome.read_error is None and outcome.error_count > 0
            ]
            + [
                (path, row.error or "syntax errors")
                for path, row in stored.tracked.items()
                if path in present and path not in self.outcomes and row.error_count > 0
            ]
        )
        return ScanSummary(
            root=self.root.as_posix(),
            scan_id=scan_id,
            tracked=len(diff.entries),
            analysed=analysed_count(dict.fromkeys(present)),
            added=counts["added"],
            modified=counts["modified"],
            removed=counts["removed"],
            unchanged=counts["unchanged"],
            skipped=self.skipped,
            syntax_errors=tuple(syntax),
            failed=tuple(
                (o.path, o.read_error) for o in self.outcomes.values() if o.read_error is not None
            ),
            patterns=state.patterns,
            approved=state.approved,
            conventions=state.conventions,
            new_patterns=tuple(p for p in analysis.new_patterns if not is_derived(p))
            if analysis
            else (),
            auto_approved=tuple(analysis.auto_approved) if analysis else (),
            violations=violations,
            verdict=verdict,
            reanalysed=project is not None,
            code_changed=code_changed(diff),
            renamed=tuple(sorted(self.renamed.items())),
            renamed_functions=tuple(
                sorted((file, new, old) for (file, new), old in self.renamed_functions.items())
            ),
            structure=project.structure if project else None,
            duration_ms=int((time.perf_counter() - started) * 1000),
            languages=tuple(sorted(languages.items(), key=lambda item: (-item[1], item[0]))),
        )


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the scan, then restore it as it was.

    The parent holds every file's outcome (parse results, rows) until the scan ends: hundreds
    of thousands of long-lived objects that each full collection would walk again, for garbage
    the scan's acyclic data does not make. Collections cost it seconds; reference counting
    still frees everything that is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_root(root: Path) -> None:
    """Raise ``ScanRootError`` unless ``root`` is a readable directory with a UTF-8 path."""
    if not is_utf8(str(root)):
        raise ScanRootError(
            f"{readable_path(str(root))}: the path is not valid UTF-8",
            hint="Drift stores paths as text: rename the directory, or scan it from a UTF-8 path",
        )
    if not root.exists():
        raise ScanRootError(f"{root}: no such directory", hint="check the path to scan")
    if not root.is_dir():
        raise ScanRootError(f"{root}: not a directory", hint="scan a directory, not a file")
    try:
        next(root.iterdir(), None)
    except OSError as exc:
        raise ScanRootError(
            f"{root}: cannot read directory: {exc.strerror or exc}",
            hint="check the directory's permissions",
        ) from None


def scan(
    root: str | Path,
    storage: PipelineStore,
    *,
    config: PipelineConfig | None = None,
    full: bool = False,
    policy: str | None = None,
    enforce: bool = True,
    progress: Progress | None = None,
    clock: Callable[[], int] = _seconds,
    workers: int | None = None,
) -> ScanSummary:
    """Scan ``root`` into ``storage`` and return what happened (see the module docstring).

    ``full`` re-analyses every file (the parse cache still spares unchanged ones the parser).
    ``policy`` overrides the configured policy of the enforcement that follows an analysis;
    with ``enforce`` False the scan stops after analysis (``drift check`` enforces with its
    own options). Raises ``ScanRootError`` for a bad root and ``ConfigError`` for bad
    configuration or packs, before anything is written.
    """
    started = time.perf_counter()
    base = Path(root).resolve()
    check_root(base)
    chosen = config if config is not None else load_pipeline_config(base)
    options = _Options(
        full=full or chosen.scan.force_full_scan or not chosen.scan.incremental,
        policy=policy or chosen.policy,
        enforce=enforce,
        workers=workers if workers is not None else default_workers(chosen.scan.threads),
        progress=StageTimer(progress or SilentProgress()),
        clock=clock,
    )
    try:
        with _collection_paused():
            summary = _Scan(base, storage, chosen, options).run(started)
    finally:
        options.progress.close()
    timings = tuple((name, round(ms, 1)) for name, ms in options.progress.timings.items())
    return dataclasses.replace(summary, timings=timings)
