"""``drift scan``, ``check``, ``patterns`` and ``violations`` through click, as a user runs them."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drift.cli.main import cli
from drift.enforcement.fingerprints import legacy_violation_id
from drift.enforcement.result import NO_BASELINE
from drift.scan.ignore import compile_patterns
from drift.storage.backends import open_storage
from tests.integration.pipeline.helpers import copy_repo

CLEAN = {
    "app/users.py": (
        "import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
        "def load_user(user_id):\n    logger.info('load %s', user_id)\n    return user_id\n\n\n"
        "def save_user(user):\n    return user\n"
    ),
    "app/orders.py": (
        "def list_orders():\n    return []\n\n\ndef place_order(order):\n    return order\n"
    ),
}


def add_swallowing_handler(root: Path) -> None:
    """Append a function whose ``except Exception: pass`` is an error gap (line 18 of
    ``app/users.py``)."""
    with open(root / "app" / "users.py", "a", encoding="utf-8") as handle:
        handle.write(
            "\n\ndef load_cache(path):\n    try:\n        return path\n"
            "    except Exception:\n        pass\n"
        )


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo("naming-python", tmp_path)


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    root = tmp_path / "clean"
    for name, text in CLEAN.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_help_names_every_pipeline_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("scan", "check", "patterns", "violations", "status"):
        assert f"  {command}" in result.output
    for args, words in [
        (("scan", "--help"), ["--full", "--quiet", "--timings", "--storage", "Exit codes"]),
        (("check", "--help"), ["--format", "--new-only", "--policy", "--output", "0 the policy"]),
        (("patterns", "--help"), ["approve", "ignore", "reset", "list"]),
        (("patterns", "approve", "--help"), ["PATTERN_ID", "--reason", "--by"]),
        (("violations", "--help"), ["dismiss", "fix", "list", "drift-ignore"]),
        (("violations", "dismiss", "--help"), ["false_positive", "--note"]),
    ]:
        shown = run(*args)
        assert shown.exit_code == 0
        for word in words:
            assert word in shown.output, (args, word)


def test_scan_prints_a_summary_and_a_rescan_says_nothing_changed(repo: Path) -> None:
    first = run("scan", str(repo))
    assert first.exit_code == 0
    assert first.output.startswith(f"Scanned {repo.resolve().as_posix()} in ")
    assert "  files       7 files tracked (7 added); python 7" in first.output
    assert "  patterns    11 learned (0 approved, 3 conventions, 11 new)" in first.output
    assert "  violations  1 (1 error), 1 new" in first.output
    assert (repo / ".drift" / "drift.db").is_file()

    second = run("scan", str(repo), "--quiet")
    assert second.exit_code == 0
    assert "nothing changed since the last scan" in second.output
    assert "(no changes)" in second.output
    assert "timings" not in second.output


def test_scan_timings_name_each_stage_that_ran(repo: Path) -> None:
    shown = run("scan", str(repo), "--quiet", "--timings")
    assert shown.exit_code == 0
    line = next(row for row in shown.output.splitlines() if row.startswith("  timings     "))
    stages = [part.split()[0] for part in line.removeprefix("  timings     ").split(" · ")]
    assert stages[:2] == ["discover", "analyse"]
    assert "patterns" in stages
    assert "enforce" in stages
    again = run("scan", str(repo), "--quiet", "--timings")
    assert "  timings     discover " in again.output  # nothing changed: the diff still ran


def test_check_exits_1_when_the_gates_fail_and_0_when_they_pass(
    repo: Path, clean: Path, tmp_path: Path
) -> None:
    failing = run("check", str(repo))
    assert failing.exit_code == 1
    assert "Policy standard" in failing.output
    assert "errors/error-gap-empty-catch" in failing.output

    passing = run("check", str(clean), "--policy", "strict")
    assert passing.exit_code == 0, passing.output
    assert "PASSED" in passing.output

    report = tmp_path / "report.json"
    written = run("check", str(repo), "--format", "json", "--output", str(report))
    assert written.exit_code == 1
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["passed"] is False
    assert [v["rule_id"] for v in document["violations"]] == ["errors/error-gap-empty-catch"]
    assert f"json report written to {report}" in written.output
    # ``-o -`` is standard output, as for most tools; it had written a file named ``-``.
    piped = run("check", str(repo), "--format", "json", "--output", "-")
    assert piped.exit_code == 1
    assert json.loads(piped.output)["passed"] is False
    assert not (Path.cwd() / "-").exists()


def _verdict(output: str) -> str:
    """The policy line: verdict, score and the gates that blocked it."""
    return output.splitlines()[0]


def test_check_right_after_a_scan_gives_the_scan_verdict(repo: Path) -> None:
    scanned = run("scan", str(repo), "--quiet")
    said = re.search(r"check +FAILED \(standard policy, score ([0-9.]+)\)", scanned.output)
    assert said is not None, scanned.output

    checked = run("check", str(repo), "--format", "json")
    document = json.loads(checked.output)
    # Nothing was analysed in between: the same verdict, and the first run is still the
    # first (its regression gate has nothing to compare with).
    assert round(document["policy"]["score"], 1) == float(said.group(1))
    gates = {gate["id"]: gate["status"] for gate in document["gates"]}
    assert gates["regression"] == "skipped"
    again = run("check", str(repo))
    assert _verdict(again.output) == _verdict(run("check", str(repo)).output)
    assert f"score {said.group(1)}" in _verdict(again.output)


def test_check_new_only_judges_only_what_changed(repo: Path) -> None:
    assert run("scan", str(repo)).exit_code == 0
    # A second scan of edited code makes the first run the baseline.
    with open(repo / "billing" / "reports.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef summary_line():\n    return ''\n")
    result = run("check", str(repo), "--new-only", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["violations"] == []


def test_approving_a_young_convention_says_its_violations_only_inform(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A QA run approved a 100 % dominant naming convention whose confidence read 0.68 on a
    # first scan: its violations were info, and breaking it passed CI without a word of why.
    # Here the warning band is raised over this repository's confidence to get there.
    from drift.enforcement import severity

    monkeypatch.setattr(severity, "WARNING_CONFIDENCE", 0.99)
    monkeypatch.setattr(severity, "ERROR_CONFIDENCE", 0.995)
    assert run("scan", str(repo)).exit_code == 0
    approved = run("patterns", "approve", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo))
    assert approved.exit_code == 0, approved.output
    assert "1 violation of it" in approved.output
    assert re.search(r"They are information only \(its confidence is 0\.\d\d\)", approved.output)


def test_patterns_list_approve_ignore_and_reset(repo: Path) -> None:
    assert run("scan", str(repo)).exit_code == 0
    listing = run("patterns", "--root", str(repo))
    assert listing.exit_code == 0
    header, first, *_ = listing.output.splitlines()
    assert header.split() == [
        "ID",
        "CATEGORY",
        "STATUS",
        "CONFIDENCE",
        "TIER",
        "LOCATIONS",
        "FILES",
    ]
    assert first.split()[:3] == ["NAMING-PY-FUNCTION-SNAKE", "structural", "discovered"]

    approved = run(
        "patterns", "approve", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo), "--by", "ada"
    )
    assert approved.exit_code == 0
    assert "Approved NAMING-PY-FUNCTION-SNAKE." in approved.output
    assert "1 violation of it" in approved.output
    only = run("patterns", "list", "--status", "approved", "--root", str(repo))
    assert [line.split()[0] for line in only.output.splitlines()[1:]] == [
        "NAMING-PY-FUNCTION-SNAKE"
    ]
    violations = run("violations", "--root", str(repo))
    assert "structural/NAMING-PY-FUNCTION-SNAKE" in violations.output
    assert "billing/customers.py:24" in violations.output
    # Approving again keeps who decided and why (it had replaced them silently).
    again = run("patterns", "approve", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo))
    assert again.exit_code == 0
    assert again.output.startswith(
        "NAMING-PY-FUNCTION-SNAKE was approved already by ada; nothing recorded."
    )

    ignored = run("patterns", "ignore", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo))
    assert ignored.exit_code == 0
    assert "It is never enforced now" in ignored.output
    assert (
        "structural/NAMING-PY-FUNCTION-SNAKE" not in run("violations", "--root", str(repo)).output
    )
    reset = run("patterns", "reset", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo))
    assert reset.exit_code == 0
    assert "It is undecided now: 0 violations of it." in reset.output
    assert run("patterns", "list", "-s", "ignored", "--root", str(repo)).output == "No patterns.\n"
    # A category no pattern has: the known ones (it had said "run `drift scan` first").
    bogus = run("patterns", "list", "-c", "bogus", "--root", str(repo)).output
    assert bogus.startswith("No patterns. (categories: ")
    assert "structural" in bogus

    # A deviation id lists places that break a convention: approving it is refused.
    derived = "NAMING-PY-FUNCTION-CAMEL/deviation"
    refused = run("patterns", "approve", derived, "--root", str(repo))
    assert refused.exit_code == 2
    assert f"error: '{derived}' lists places that break a convention" in refused.output
    assert run("patterns", "ignore", derived, "--root", str(repo)).exit_code == 0
    # ``show`` says what ``list`` says: ignored, by whom (it had said "derived").
    shown = run("patterns", "show", derived, "--root", str(repo)).output
    assert "status       ignored by " in shown


def test_patterns_show_previews_what_approving_would_report(repo: Path) -> None:
    assert run("scan", str(repo)).exit_code == 0
    shown = run("patterns", "show", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo), "-n", "3")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[:2] == [
        "NAMING-PY-FUNCTION-SNAKE (pack naming)",
        "  Python functions in snake_case.",
    ]
    assert "status       discovered (not enforced)" in lines
    assert "seen         17 locations in 5 files" in lines
    preview = lines.index("Approving it would report 1 violation:")
    assert lines[preview + 1].split()[:2] == ["info", "billing/customers.py:24"]
    assert "Locations (the first 3):" in lines
    assert lines[-1] == "  billing/customers.py:30:5  rename_customer"
    # A handler records no column: none is shown (it had read ``:0``).
    empty = run("patterns", "show", "ERR-EMPTY-HANDLER", "--root", str(repo), "-n", "1")
    assert empty.output.splitlines()[-1] == "  billing/payments.py:40  empty"

    # The class convention shares the category, not the group: function names are not its own.
    classes = run("patterns", "show", "NAMING-PY-CLASS-PASCAL", "--root", str(repo))
    assert "Approving it would report 0 violations." in classes.output.splitlines()
    approved = run("patterns", "approve", "NAMING-PY-CLASS-PASCAL", "--root", str(repo))
    assert "It is enforced now: no violation of it." in approved.output

    run("patterns", "approve", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo), "--by", "ada")
    enforced = run("patterns", "show", "NAMING-PY-FUNCTION-SNAKE", "--root", str(repo)).output
    assert "status       approved by ada" in enforced
    assert "Enforced: 1 violation reported (`drift violations` lists them):" in enforced

    derived = run("patterns", "show", "NAMING-PY-FUNCTION-CAMEL/deviation", "--root", str(repo))
    assert derived.exit_code == 0
    assert "status       derived" in derived.output
    assert "Approving it" not in derived.output

    unknown = run("patterns", "show", "NO-SUCH", "--root", str(repo))
    assert unknown.exit_code == 2
    assert unknown.output.splitlines()[0] == f"error: no pattern 'NO-SUCH' in {repo}/.drift"


def test_a_dismissal_reason_is_taken_as_people_write_it(repo: Path) -> None:
    # `--reason false-positive` had been a usage error: only `false_positive` was accepted.
    assert run("scan", str(repo)).exit_code == 0
    short_id = run("violations", "--root", str(repo)).output.splitlines()[1].split()[0]
    dismissed = run("violations", "dismiss", short_id, "--reason", "Won't-Fix", "--root", str(repo))
    assert dismissed.exit_code == 0, dismissed.output
    # A won't-fix says nothing of the rule: the output had said it fed the false-positive rate.
    assert dismissed.output.splitlines()[1].startswith("Recorded (wont_fix: it does not count")
    refused = run("violations", "dismiss", short_id, "--reason", "bogus", "--root", str(repo))
    assert refused.exit_code == 2


def test_violations_dismiss_and_fix_by_id_prefix(repo: Path) -> None:
    assert run("scan", str(repo)).exit_code == 0
    listing = run("violations", "--root", str(repo))
    assert listing.exit_code == 0
    short_id = listing.output.splitlines()[1].split()[0]
    assert len(short_id) == 12

    dismissed = run(
        "violations", "dismiss", short_id[:8], "--reason", "false_positive", "--root", str(repo)
    )
    assert dismissed.exit_code == 0, dismissed.output
    assert f"Dismissed {short_id}" in dismissed.output
    assert "drift-ignore" in dismissed.output
    assert short_id not in run("violations", "--root", str(repo)).output
    listed = run("violations", "--all", "--root", str(repo)).output
    assert next(line for line in listed.splitlines() if line.startswith(short_id)).split()[1:3] == [
        listing.output.splitlines()[1].split()[1],
        "(suppressed)",
    ]
    rescan = run("scan", str(repo), "--quiet")  # nothing changed: the stored counts
    assert "  violations  none; 1 suppressed (drift-ignore or dismissed)" in rescan.output
    fixed = run("violations", "fix", short_id, "--reason", "handled now", "--root", str(repo))
    assert fixed.exit_code == 0
    assert f"Fixed {short_id}" in fixed.output
    # The fix took the dismissal back: the list shows the violation again at once.
    assert short_id in run("violations", "--root", str(repo)).output


def test_an_id_from_before_version_2_still_names_its_violation(clean: Path) -> None:
    """A report written by an earlier Drift gives version 1 ids; dismiss takes them too."""
    add_swallowing_handler(clean)
    assert run("scan", str(clean)).exit_code == 0
    line = "except Exception:"
    old_id = legacy_violation_id("errors/error-gap-empty-catch", "app/users.py", line, 0)
    listing = run("violations", "--root", str(clean)).output
    [current] = [row.split()[0] for row in listing.splitlines() if "app/users.py:18" in row]
    assert not old_id.startswith(current)

    dismissed = run("violations", "dismiss", old_id[:10], "--root", str(clean))
    assert dismissed.exit_code == 0, dismissed.output
    assert f"Dismissed {current}" in dismissed.output
    assert current not in run("violations", "--root", str(clean)).output


def test_unknown_ids_are_usage_errors(repo: Path) -> None:
    assert run("scan", str(repo)).exit_code == 0
    for args, message in [
        (("patterns", "approve", "NO-SUCH"), f"error: no pattern 'NO-SUCH' in {repo}/.drift"),
        (("violations", "dismiss", "ffffffffff"), "error: no violation 'ffffffffff'"),
        (("violations", "fix", ""), "error: no violation ''"),
    ]:
        result = run(*args, "--root", str(repo))
        assert result.exit_code == 2
        assert result.output.splitlines()[0] == message


def test_every_command_takes_the_project_as_root_option(repo: Path, tmp_path: Path) -> None:
    assert run("scan", "--root", str(repo)).exit_code == 0
    for args in (["status"], ["gc"], ["check"], ["patterns"], ["violations"]):
        result = run(*args, "--root", str(repo))
        assert result.exit_code in (0, 1), (args, result.output)  # check fails its gates
    assert run("status", str(repo)).output == run("status", "--root", str(repo)).output
    both = run("status", str(repo), "--root", str(tmp_path))
    assert both.exit_code == 2
    assert "two project directories" in both.output


def test_gc_reports_what_it_removed(repo: Path) -> None:
    assert run("scan", str(repo)).exit_code == 0
    victim = next(path for path in sorted(repo.rglob("*.py")) if ".drift" not in path.parts)
    victim.unlink()
    # A scan takes a deleted file's rows with it, and its parse-cache entry: gc finds nothing.
    assert run("scan", str(repo)).exit_code == 0
    assert run("gc", str(repo)).output.startswith(
        "removed rows of 0 deleted files, 0 stale cache entries, 0 old trend samples; freed "
    )
    # An entry no file uses (as a scan that failed before its end leaves) is gc's to remove.
    with open_storage(str(repo / ".drift")) as stores:
        stores.drift.insert_parse_cache(b"gone", "python", "{}", 1)
    result = run("gc", str(repo))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "removed rows of 0 deleted files, 1 stale cache entry, 0 old trend samples; freed "
    )


STRIPE_KEY = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"  # assembled: no key in this file


def test_a_secret_removed_from_the_code_is_nowhere_drift_writes(repo: Path, tmp_path: Path) -> None:
    # A QA report: a Stripe key added, scanned, removed and scanned again was still in the
    # export (the parse cache kept the old content's string literals until `drift gc`), which
    # docs/cli.md tells teams to commit; a SQL string holding it was a detection's matched text
    # and so a violation's message, in the SARIF report too.
    source = repo / "src" / "pkg" / "billing.py"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(
        "def charge(n):\n"
        f"    q = \"SELECT * FROM t WHERE k='{STRIPE_KEY}' AND id=\" + str(n)\n"
        "    return q\n",
        encoding="utf-8",
    )
    assert run("scan", str(repo)).exit_code == 0
    assert run("patterns", "approve", "SEC-SQL-STRING-BUILDING", "--root", str(repo)).exit_code == 0
    sarif = tmp_path / "present.sarif"
    run("check", str(repo), "--quiet", "--format", "sarif", "--output", str(sarif))
    # While the key is in the code, only the workspace's own parse cache holds it (as the
    # source file does): no report, no export, no backup.
    written = [sarif]
    for command, target in (
        ("export", tmp_path / "present-export.db"),
        ("backup", tmp_path / "present-backup.db"),
    ):
        assert run(command, str(target), "--root", str(repo)).exit_code == 0
        written.append(target)
    source.write_text("def charge(n):\n    return n\n", encoding="utf-8")
    assert run("scan", str(repo)).exit_code == 0
    after = tmp_path / "after.sarif"
    run("check", str(repo), "--quiet", "--format", "sarif", "--output", str(after))
    written.append(after)
    for command, target in (("export", tmp_path / "export.db"), ("backup", tmp_path / "backup.db")):
        assert run(command, str(target), "--root", str(repo)).exit_code == 0
        written.append(target)
    written.extend(path for path in (repo / ".drift").iterdir() if path.is_file())
    leaked = [path.name for path in written if STRIPE_KEY[8:20].encode() in path.read_bytes()]
    assert leaked == []


def test_status_reads_like_a_report(repo: Path) -> None:
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    # Before any scan there is no workspace, and asking creates none.
    before = run("status", str(repo))
    assert before.exit_code == 2, before.output
    assert f"error: no Drift workspace at {repo.resolve() / '.drift'}" in before.output
    assert not (repo / ".drift").exists()
    for command in (["patterns"], ["violations"], ["gc"], ["patterns", "show", "X"]):
        assert run(*command, "--root", str(repo)).exit_code == 2
    assert not (repo / ".drift").exists()
    scanned = run("scan", str(repo))
    assert scanned.exit_code == 0
    after = run("status", str(repo))
    assert after.exit_code == 0, after.output
    lines = dict(line.split(None, 1) for line in after.output.splitlines() if line.strip())
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \((just now|\d+ minutes? ago)\)",
        lines["last"].removeprefix("scan").strip(),
    ), lines["last"]
    assert re.fullmatch(
        r"[\d.,]+ (bytes|KiB|MiB) \(\+[\d.,]+ (bytes?|KiB|MiB) WAL\)", lines["size"]
    )
    # What the scan found, counted as the scan's summary counts it (derived patterns aside).
    summary = dict(line.split(None, 1) for line in scanned.output.splitlines()[1:-1])
    assert lines["patterns"] == "11 learned (0 approved, 3 conventions)"
    assert summary["patterns"] == "11 learned (0 approved, 3 conventions, 11 new)"
    assert lines["violations"] == summary["violations"] == "1 (1 error), 1 new"
    # Files as the scan counts them: tracked apart from the ones skipped (the binary logo).
    assert summary["files"].startswith("7 files tracked")
    assert lines["files"] == "7 tracked; 1 skipped"
    assert lines["check"] == summary["check"]


def test_dismissing_one_secret_leaves_the_next_one_failing_the_check(tmp_path: Path) -> None:
    root = tmp_path / "secrets"
    root.mkdir()
    settings = root / "settings.py"
    settings.write_text(
        'DB_PASSWORD = "Xk9#mPq2$vLw8Zr"\nADMIN_PASSWORD = "Tq7!vB2#kLm9Wx"\n', encoding="utf-8"
    )
    assert run("check", str(root), "--quiet").exit_code == 1
    rows = {
        line.split()[2]: line.split()[0]
        for line in run("violations", "--root", str(root)).output.splitlines()[1:]
    }
    db_password = rows["settings.py:1"]
    first = run(
        "violations", "dismiss", db_password, "--reason", "not_applicable", "--root", str(root)
    )
    assert "a security rule: it keeps its severity" in first.output
    again = run("violations", "dismiss", db_password, "--root", str(root))
    assert "was dismissed already (not_applicable); nothing recorded." in again.output

    checked = json.loads(run("check", str(root), "--quiet", "--format", "json").output)
    assert [(v["line"], v["severity"]) for v in checked["violations"]] == [(2, "error")]
    assert checked["exit_code"] == 1

    with settings.open("a", encoding="utf-8") as out:
        out.write('ROOT_PASSWORD = "Wm4$zR8!pK2#qV"\n')
    new_only = run("check", str(root), "--quiet", "--new-only", "--format", "json")
    assert new_only.exit_code == 1
    document = json.loads(new_only.output)
    assert [(v["line"], v["severity"]) for v in document["violations"]] == [(3, "error")]
    gates = {g["id"]: (g["status"], g["passed"], g["score"]) for g in document["gates"]}
    assert gates["security-boundaries"] == ("failed", False, 0.0)
    assert gates["error-handling"] == ("skipped", None, None)


def test_every_command_finds_the_workspace_drift_toml_names(repo: Path) -> None:
    # ``status`` and the maintenance commands had ignored ``[storage] url`` and looked in
    # PATH/.drift, a workspace that does not exist, while scan and check used the named one.
    (repo / "drift.toml").write_text('[storage]\nurl = "var/drift"\n', encoding="utf-8")
    assert run("scan", str(repo)).exit_code == 0
    assert (repo / "var" / "drift" / "drift.db").is_file()
    status = run("status", str(repo))
    assert status.exit_code == 0, status.output
    assert "storage     var/drift\n" in status.output  # as drift.toml says it
    # The workspace's own files are no part of the scan (they had been nine binary files).
    assert "files       8 tracked\n" in status.output  # seven Python files and drift.toml
    assert run("gc", str(repo)).exit_code == 0
    assert run("backup", str(repo / "b.db"), "--root", str(repo)).exit_code == 0
    assert not (repo / ".drift").exists()


def test_a_workspace_directory_keeps_itself_out_of_git(repo: Path) -> None:
    # ``git add -A`` had committed the database: the workspace ignores itself, as a venv does.
    assert run("scan", str(repo)).exit_code == 0
    ignore = repo / ".drift" / ".gitignore"
    rules = compile_patterns(ignore.read_text(encoding="utf-8").splitlines())
    assert [rules.match_file(p) for p in ("drift.db", "cortex.db", "packs/x.db", ".gitignore")] == [
        True
    ] * 4
    # The team's packs are shared: CI loads them from the checkout.
    assert not rules.match_file("packs/house.toml")
    # What an earlier Drift wrote (it left the packs out too) is brought up to date.
    ignore.write_text(
        "# Drift's workspace: local to this machine, not for version control.\n*\n",
        encoding="utf-8",
    )
    assert run("scan", str(repo)).exit_code == 0
    assert "!packs/*.toml" in ignore.read_text(encoding="utf-8")
    ignore.write_text("drift.db\n", encoding="utf-8")  # a person's own rules stay
    assert run("scan", str(repo), "--full").exit_code == 0
    assert ignore.read_text(encoding="utf-8") == "drift.db\n"
    # A database file named in a shared directory gets none.
    shared = repo / "shared"
    assert run("scan", str(repo), "--storage", str(shared / "drift.db")).exit_code == 0
    assert (shared / "drift.db").is_file()
    assert not (shared / ".gitignore").exists()


def test_a_scan_that_found_no_violations_lists_none(clean: Path) -> None:
    # It had said "No violations stored: run `drift check`" although the scan had enforced.
    assert run("scan", str(clean)).exit_code == 0
    assert run("violations", "--root", str(clean)).output == "No violations.\n"


def test_a_new_only_check_leaves_the_regression_baseline_alone(repo: Path) -> None:
    # Its health, from gates that judged only new violations, had become the next full
    # check's baseline: a comment-only change then "dropped" the health and failed regression.
    assert run("scan", str(repo)).exit_code == 0
    assert run("check", str(repo), "--format", "json").exit_code == 1  # the empty catch
    source = repo / "billing" / "invoices.py"
    for option, comment in ((["--new-only"], "# a\n"), ([], "# b\n")):
        source.write_text(source.read_text(encoding="utf-8") + comment, encoding="utf-8")
        result = run("check", str(repo), "--format", "json", *option)
        document = json.loads(result.output)
    gates = {gate["id"]: gate for gate in document["gates"]}
    regression = gates["regression"]
    assert regression["status"] == "passed", regression
    assert regression["details"]["drop"] == 0


def test_a_relative_storage_option_is_taken_from_the_current_directory(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It had been taken from the project: ``drift scan express --storage relstore`` wrote
    # ``express/relstore``, inside the project. drift.toml's relative url stays the root's.
    monkeypatch.chdir(tmp_path)
    assert run("scan", str(repo), "--storage", "relstore").exit_code == 0
    assert (tmp_path / "relstore" / "drift.db").is_file()
    assert not (repo / "relstore").exists()
    status = run("status", str(repo), "--storage", "relstore")
    assert f"storage     {tmp_path / 'relstore'}\n" in status.output


def test_new_only_gives_the_same_code_the_same_verdict_until_the_code_changes(
    clean: Path,
) -> None:
    assert run("check", str(clean)).exit_code == 0
    add_swallowing_handler(clean)
    report = clean / "drift.sarif"

    def new_only() -> int:
        args = ("check", str(clean), "--new-only", "--format", "sarif", "--output", str(report))
        return run(*args).exit_code

    # A CI retry, with the last report written into the project: the same verdict each time.
    assert [new_only(), new_only(), new_only()] == [1, 1, 1]
    # Nor does a full re-analysis, a README edit or a new pack make the error old news.
    assert run("scan", str(clean), "--full").exit_code == 0
    assert new_only() == 1
    (clean / "README.md").write_text("# Shop\n", encoding="utf-8")
    assert new_only() == 1
    packs = clean / ".drift" / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    (packs / "house.toml").write_text(
        '[framework]\nname = "house"\n[[patterns]]\nid = "HOUSE-1"\ncategory = "api"\n'
        '[patterns.match]\ncalls = ["requests.get"]\n',
        encoding="utf-8",
    )
    assert new_only() == 1
    # The next change of code is a change of its own: the error is no longer its news.
    with open(clean / "app" / "orders.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef cancel_order(order):\n    return order\n")
    assert new_only() == 0


def test_violations_file_takes_a_path_inside_the_project(clean: Path) -> None:
    add_swallowing_handler(clean)
    assert run("check", str(clean)).exit_code == 1

    def listed(value: str) -> list[str]:
        result = run("violations", "--root", str(clean), "--file", value)
        assert result.exit_code == 0, result.output
        return [line.split()[2] for line in result.output.splitlines()[1:]]

    expected = ["app/users.py:18"]
    assert listed("app") == listed("./app") == listed("app/") == expected
    assert listed(str(clean / "app")) == listed("app/us") == expected
    assert listed("./lib") == []
    outside = run("violations", "--root", str(clean), "--file", str(clean.parent))
    assert outside.exit_code == 2
    assert "is not inside the project" in outside.output


def test_a_check_over_no_code_is_an_error_not_a_pass(clean: Path) -> None:
    (clean / "drift.toml").write_text('[scan]\ninclude = ["source/**"]\n', encoding="utf-8")
    result = run("check", str(clean))
    assert result.exit_code == 2
    assert "nothing to check" in result.output
    assert "[scan] include" in result.output
    scanned = run("scan", str(clean))
    assert scanned.exit_code == 0
    assert "warning     no file Drift analyses was found" in scanned.output


def test_a_scan_that_leaves_every_file_out_counts_no_convention(repo: Path) -> None:
    assert "conventions" in run("scan", str(repo)).output
    (repo / "drift.toml").write_text('[scan]\ninclude = ["nothere/**"]\n', encoding="utf-8")
    result = run("scan", str(repo))
    assert result.exit_code == 0, result.output
    # the conventions are kept a while, unseen, but none is among 0 patterns learned
    assert "patterns    0 learned (0 approved, 0 conventions)" in result.output


def test_the_stored_verdict_says_when_it_judged_new_violations_only(clean: Path) -> None:
    assert run("check", str(clean), "--new-only").exit_code == 0
    scanned = run("scan", str(clean))
    assert "check       passed (standard policy, new violations only, score" in scanned.output
    status = run("status", str(clean))
    assert "passed (standard policy, new violations only, score" in status.output
    assert run("check", str(clean), "--policy", "lenient").exit_code == 0
    assert "passed (lenient policy, score" in run("status", str(clean)).output


def test_a_backup_replaces_an_earlier_backup_and_nothing_else(clean: Path, tmp_path: Path) -> None:
    assert run("scan", str(clean)).exit_code == 0
    target = tmp_path / "nightly.db"
    assert run("backup", str(target), "--root", str(clean)).exit_code == 0
    again = run("backup", str(target), "--root", str(clean))
    assert again.exit_code == 0, again.output  # the nightly backup, replaced
    readme = clean / "README.rst"
    readme.write_text("# Shop\n", encoding="utf-8")
    refused = run("backup", str(readme), "--root", str(clean))
    assert refused.exit_code == 2
    assert "exists and is not a database" in refused.output
    assert readme.read_text(encoding="utf-8") == "# Shop\n"
    itself = run("backup", str(clean / ".drift" / "drift.db"), "--root", str(clean))
    assert itself.exit_code == 2
    assert "is the workspace database itself" in itself.output


def test_a_backup_never_replaces_a_database_drift_did_not_write_as_one(
    clean: Path, tmp_path: Path
) -> None:
    # `drift backup /tmp/other.db` had replaced another application's tables with Drift's,
    # although its own message said a backup replaces only an earlier backup.
    assert run("scan", str(clean)).exit_code == 0
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
    refused = run("backup", str(other), "--root", str(clean))
    assert refused.exit_code == 2
    assert refused.output.splitlines()[0] == (
        f"error: {other}: is a database but not a Drift backup; a backup replaces only an "
        "earlier backup"
    )
    with closing(sqlite3.connect(other)) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    # Nor another workspace's own database, which has Drift's tables: its scan.lock tells it.
    neighbour = tmp_path / "neighbour"
    shutil.copytree(clean, neighbour, ignore=shutil.ignore_patterns(".drift"))
    assert run("scan", str(neighbour)).exit_code == 0
    workspace = neighbour / ".drift" / "drift.db"
    before = workspace.read_bytes()
    theirs = run("backup", str(workspace), "--root", str(clean))
    assert theirs.exit_code == 2
    assert "is the database of a Drift workspace (scan.lock beside it)" in theirs.output
    assert workspace.read_bytes() == before


def test_import_refuses_the_workspace_database_itself(clean: Path) -> None:
    # It had said "imported" and exit 0, while `backup` refused the same file.
    assert run("scan", str(clean)).exit_code == 0
    itself = clean / ".drift" / "drift.db"
    refused = run("import", str(itself), "--root", str(clean))
    assert refused.exit_code == 2
    assert refused.output.splitlines() == [
        f"error: {itself}: is the workspace database itself",
        "hint: import takes a file written by `drift backup` or `drift export`",
    ]
    assert run("status", str(clean)).exit_code == 0


def nothing_new(root: Path) -> str:
    """Assert that ``check --new-only`` passes with no violation and that none is listed as
    new; the listing of the violations."""
    checked = run("check", str(root), "--new-only", "--format", "json")
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.output)["violations"] == []
    listed = run("violations", "--root", str(root)).output
    assert " new " not in listed
    return listed


def test_a_file_moved_without_a_change_introduces_nothing(clean: Path) -> None:
    add_swallowing_handler(clean)
    assert run("check", str(clean)).exit_code == 1
    # ``git mv app/users.py app/accounts.py``: the same error, at a new path.
    (clean / "app" / "users.py").rename(clean / "app" / "accounts.py")
    assert "app/accounts.py:18" in nothing_new(clean)


def test_a_function_renamed_keeps_its_violations_known(clean: Path) -> None:
    # A QA run renamed ``read_config`` to ``load_config``: its bare ``except`` (the id holds
    # the function's name) came back as new and failed ``--new-only``.
    add_swallowing_handler(clean)
    assert run("check", str(clean)).exit_code == 1
    users = clean / "app" / "users.py"
    users.write_text(
        users.read_text(encoding="utf-8").replace("def load_cache(", "def read_cache("),
        encoding="utf-8",
    )
    assert "read_cache" in nothing_new(clean)


def test_a_file_moved_and_edited_keeps_its_old_violations_known(clean: Path) -> None:
    add_swallowing_handler(clean)
    assert run("check", str(clean)).exit_code == 1
    # ``git mv app/users.py app/accounts.py``, then a docstring added at the top and a new
    # function with a second swallowing handler at the end: only that one is new.
    old = clean / "app" / "users.py"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    moved = clean / "app" / "accounts.py"
    moved.write_text(
        '"""Accounts."""\n' + text + "\n\ndef load_index(path):\n    try:\n"
        "        return path\n    except Exception:\n        pass\n",
        encoding="utf-8",
    )
    scanned = run("scan", str(clean))
    assert "(1 added, 1 removed; 1 file moved)" in scanned.output
    result = run("check", str(clean), "--new-only", "--format", "json")
    assert result.exit_code == 1, result.output
    new = json.loads(result.output)["violations"]
    assert [(v["file"], v["line"]) for v in new] == [("app/accounts.py", 26)]
    listed = run("violations", "--root", str(clean))
    assert "app/accounts.py:19" in listed.output


def test_the_same_code_gets_the_same_verdict_after_a_readme_edit_or_a_full_scan(
    tmp_path: Path,
) -> None:
    # One empty generic handler among answered ValueErrors passes the standard policy; the
    # regression gate had then failed the same code for "1 new error" after a README edit.
    clean = tmp_path / "rk"
    clean.mkdir()
    handler = (
        "def {0}(x):\n    try:\n        return int(x)\n"
        "    except ValueError:\n        return None\n\n\n"
    )
    (clean / "a.py").write_text(
        "def a():\n    try:\n        return 1\n    except Exception:\n        pass\n\n\n"
        + "".join(handler.format(name) for name in "bcd"),
        encoding="utf-8",
    )
    first = run("check", str(clean)).exit_code
    assert first == 0
    assert run("check", str(clean)).exit_code == first
    (clean / "README.md").write_text("notes\n", encoding="utf-8")
    assert run("check", str(clean)).exit_code == first
    assert run("scan", str(clean), "--full").exit_code == 0
    assert run("check", str(clean)).exit_code == first


def _listed_ids(root: Path) -> list[str]:
    listing = run("violations", "--all", "--root", str(root)).output
    return sorted(line.split()[0] for line in listing.splitlines()[1:] if line.strip())


def test_a_decision_a_broken_pack_stops_is_not_recorded(clean: Path) -> None:
    add_swallowing_handler(clean)
    assert run("scan", str(clean)).exit_code == 0
    before = _listed_ids(clean)
    assert before
    packs = clean / ".drift" / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    (packs / "zz.toml").write_text(
        '[pack]\nname = "zz"\nversion = "1"\n\n[[patterns]]\nid = "ZZ-1"\nname = "z"\n'
        'category = "errors"\ncontent_patterns = ["(a"]\n',
        encoding="utf-8",
    )
    ignored = run("patterns", "ignore", "ERR-EMPTY-HANDLER", "--root", str(clean))
    assert ignored.exit_code == 2
    assert "zz" in ignored.output
    (packs / "zz.toml").unlink()
    # Neither the decision nor the loss of the violations: the next run finds them as they were.
    assert "ignored" not in run("patterns", "--all", "--root", str(clean)).output
    assert _listed_ids(clean) == before


def test_an_enforcement_cut_short_keeps_the_last_runs_violations(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drift.enforcement import engine

    add_swallowing_handler(clean)
    assert run("scan", str(clean)).exit_code == 0
    before = _listed_ids(clean)
    assert before

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "evaluate_policy", interrupted)
    cut = run("check", str(clean))  # click's own handling here: ``drift`` itself exits 130
    assert (cut.exit_code, cut.output.strip()) == (1, "Aborted!")
    monkeypatch.undo()
    assert _listed_ids(clean) == before
    # ... so a change made then is judged against them: nothing old turns new.
    with open(clean / "app" / "orders.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef cancel_order(order):\n    return order\n")
    checked = run("check", "--new-only", str(clean))
    assert checked.exit_code == 0, checked.output


def test_approving_a_pattern_adds_no_news_to_new_only(tmp_path: Path) -> None:
    # Approving SEC-DYNAMIC-EVAL had failed ``check --new-only`` on every old ``eval`` until some
    # unrelated edit made them old: the verdict hung on whether a README changed.
    root = tmp_path / "p"
    (root / "app").mkdir(parents=True)
    (root / "app" / "a.py").write_text("def a(s):\n    return eval(s)\n", encoding="utf-8")
    (root / "app" / "b.py").write_text("def b():\n    return 1\n", encoding="utf-8")
    assert run("scan", str(root)).exit_code == 0
    assert run("check", "--new-only", str(root)).exit_code == 0
    assert run("patterns", "approve", "SEC-DYNAMIC-EVAL", "--root", str(root)).exit_code == 0
    for _ in range(2):
        checked = run("check", "--new-only", str(root))
        assert checked.exit_code == 0, checked.output
    full = run("check", str(root))
    assert "app/a.py:2" in full.output  # still reported, as history
    with open(root / "app" / "b.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef c(s):\n    return eval(s)\n")
    assert run("check", "--new-only", str(root)).exit_code == 1  # a change brings one in


@pytest.mark.parametrize("command", ["check", "scan"])
def test_a_change_whose_enforcement_was_cut_short_is_still_news(
    clean: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # Ctrl-C after the analysis was stored left the files unchanged for the next run, which
    # judged "the same code again": the change's new error was never new.
    from drift.enforcement import engine

    assert run("scan", str(clean)).exit_code == 0
    assert run("check", "--new-only", str(clean)).exit_code == 0
    add_swallowing_handler(clean)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "evaluate_policy", interrupted)
    assert run(command, str(clean)).exit_code == 1  # click's Abort here; ``drift`` exits 130
    monkeypatch.undo()
    for _ in range(2):  # and a CI retry gives the same verdict
        checked = run("check", "--new-only", str(clean))
        assert checked.exit_code == 1, checked.output
        assert "app/users.py:18" in checked.output


def _status_lines(root: Path) -> dict[str, str]:
    shown = run("status", str(root))
    assert shown.exit_code == 0, shown.output
    return dict(line.split(None, 1) for line in shown.output.splitlines() if line.strip())


def test_status_tells_a_running_scan_from_one_that_died(clean: Path) -> None:
    # During a scan it had said "failed before the end", with half-written counts beside it
    # ("files 0 tracked", "functions 5,638"). A scan records itself as running, and holds the
    # workspace's scan.lock until it ends, however it ends.
    import fcntl

    assert run("scan", str(clean)).exit_code == 0
    with open_storage(str(clean / ".drift"), base=clean) as stores:
        started = stores.drift.query_recent_scans(1)[0].started_at
        stores.drift.insert_scan_start(started + 1, clean.as_posix())
    with open(clean / ".drift" / "scan.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as the running scan holds it
        running = _status_lines(clean)
        fcntl.flock(held, fcntl.LOCK_UN)
    assert running["running"].startswith("a scan or check, started ")
    assert running["last"].startswith("scan   finished ")
    assert "counts" in running
    for count in ("files", "functions", "languages", "patterns", "violations", "check"):
        assert count not in running
    # Nothing holds the lock now: the scan recorded as running died without a word.
    died = _status_lines(clean)
    assert died["last"].endswith(
        "; stopped before the end, its process gone without recording why (killed?): "
        "the next scan analyses again what it had not stored"
    )
    assert died["files"] == "2 tracked"
    assert "running" not in died


def test_a_first_new_only_check_says_it_had_no_baseline(clean: Path, tmp_path: Path) -> None:
    # A fresh checkout (a CI cache miss) had reported every violation as new and failed with
    # no explanation. It still fails (what the change brought is not known), but says why.
    add_swallowing_handler(clean)
    first = run("check", str(clean), "--new-only")
    assert first.exit_code == 1
    assert NO_BASELINE in first.output.splitlines()
    report = tmp_path / "first.json"
    again = run("check", str(clean), "--new-only", "-f", "json", "-o", str(report))
    assert again.exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["baseline"] is False
    assert f"note: {NO_BASELINE}" in again.output  # CliRunner mixes stderr in
    # The same code judged again is still the first analysis, after a `drift scan` too.
    assert run("scan", str(clean), "--full").exit_code == 0
    assert (
        json.loads(run("check", str(clean), "--new-only", "-f", "json").stdout)["baseline"] is False
    )
    # A change of code has the first analysis to compare with.
    with open(clean / "app" / "orders.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef cancel_order(order):\n    return order\n")
    changed = run("check", str(clean), "--new-only")
    assert changed.exit_code == 0, changed.output
    assert NO_BASELINE not in changed.output
    checked = run("check", str(clean), "--new-only", "-f", "json")
    assert json.loads(checked.stdout)["baseline"] is True


def test_pattern_ids_are_taken_in_any_case(repo: Path) -> None:
    # `drift patterns show naming-py-function-snake` had failed, hinting "(run `drift scan`
    # first)" after a scan.
    never = run("patterns", "show", "naming-py-function-snake", "--root", str(repo))
    assert never.exit_code == 2
    assert never.output.splitlines()[0].startswith("error: no Drift workspace at ")
    assert run("scan", str(repo)).exit_code == 0
    shown = run("patterns", "show", "naming-py-function-snake", "--root", str(repo))
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("NAMING-PY-FUNCTION-SNAKE (pack naming)")
    approved = run("patterns", "approve", "Naming-Py-Function-Snake", "--root", str(repo))
    assert approved.exit_code == 0, approved.output
    assert approved.output.startswith("Approved NAMING-PY-FUNCTION-SNAKE.")
    listed = run("patterns", "--status", "approved", "--root", str(repo))
    assert "NAMING-PY-FUNCTION-SNAKE" in listed.output
    unknown = run("patterns", "show", "naming-py-nothing", "--root", str(repo))
    assert unknown.exit_code == 2
    assert unknown.output.splitlines()[1] == "hint: `drift patterns --all` lists the pattern ids"


def test_an_empty_storage_option_is_a_usage_error(repo: Path) -> None:
    # `--storage ""` (a script's unset variable) had silently meant the default workspace.
    for command in (["scan", str(repo)], ["status", str(repo)], ["patterns", "--root", str(repo)]):
        refused = run(*command, "--storage", "")
        assert refused.exit_code == 2
        assert "Invalid value for '--storage': is empty" in refused.output
    assert not (repo / ".drift").exists()


def _violation_lines(output: str) -> list[str]:
    return sorted(output.splitlines()[1:])


def test_every_command_run_in_a_subdirectory_finds_the_workspace_above(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A QA run of `cd $PROJECT/src && drift check` had made `src/.drift` and reported from
    # there: none of the team's decisions applied, every violation new. git searches upward.
    (tmp_path / ".git").mkdir()  # the search stops at a repository's top, whatever is above
    assert run("check", str(repo)).exit_code == 1  # the empty catch
    listed = run("violations", "--root", str(repo)).output
    monkeypatch.chdir(repo / "billing")
    status = run("status")
    assert status.exit_code == 0, status.output
    assert f"workspace   {repo.resolve()}\n" in status.output
    assert run("violations").output == listed
    violation_id = listed.splitlines()[1].split()[0]
    assert run("violations", "dismiss", violation_id, "--reason", "false_positive").exit_code == 0
    assert run("check").exit_code == 0  # the dismissal applies
    assert run("scan").exit_code == 0
    assert run("patterns", "approve", "NAMING-PY-FUNCTION-SNAKE").exit_code == 0
    assert "approved" in run("patterns", "--status", "approved").output
    assert "approved" in run("patterns", "show", "NAMING-PY-FUNCTION-SNAKE").output
    assert run("patterns", "reset", "NAMING-PY-FUNCTION-SNAKE").exit_code == 0
    assert run("gc").exit_code == 0
    backup = tmp_path / "state.db"
    for args in (["backup", str(backup)], ["export", str(tmp_path / "x.db")]):
        assert run(*args).exit_code == 0, args
    assert run("import", str(backup)).exit_code == 0
    assert run("violations", "--all").output.count(violation_id) == 1
    assert not (repo / "billing" / ".drift").exists()
    assert run("status", "--root", str(repo)).output == run("status").output


def test_a_drift_toml_above_makes_its_directory_the_root(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before the first scan there is no `.drift/` yet: drift.toml marks the project.
    (clean.parent / ".git").mkdir()
    (clean / "drift.toml").write_text('[check]\npolicy = "lenient"\n', encoding="utf-8")
    monkeypatch.chdir(clean / "app")
    scanned = run("scan")
    assert scanned.exit_code == 0, scanned.output
    assert f"Scanned {clean.resolve()} in " in scanned.output
    assert (clean / ".drift" / "drift.db").is_file()
    assert not (clean / "app" / ".drift").exists()


def test_the_nearest_workspace_wins_and_explicit_paths_keep_their_meaning(
    clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    assert run("scan", str(clean)).exit_code == 0
    # A sub-project with a workspace of its own (a monorepo's service) is its own root.
    assert run("scan", str(clean / "app")).exit_code == 0
    monkeypatch.chdir(clean / "app")
    assert f"workspace   {(clean / 'app').resolve()}\n" in run("status").output
    assert f"workspace   {clean.resolve()}\n" in run("status", "..").output
    assert f"workspace   {clean.resolve()}\n" in run("status", "--root", "..").output
    # `--storage` (or DRIFT_STORAGE) names the workspace: the project is the current directory.
    monkeypatch.chdir(clean)
    (clean / "app" / ".drift").rename(tmp_path / "elsewhere")
    (clean / "lib").mkdir()
    (clean / "lib" / "tax.py").write_text("def rate():\n    return 0.2\n", encoding="utf-8")
    monkeypatch.chdir(clean / "lib")
    scanned = run("scan", "--storage", str(tmp_path / "lib-store"))
    assert f"Scanned {(clean / 'lib').resolve()} in " in scanned.output


def test_the_search_stops_at_the_top_of_a_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A workspace in a directory above the repository (a scan of the home directory, say) is
    # not the repository's: a command there had scanned the whole home directory.
    outer = tmp_path / "home"
    (outer / ".drift").mkdir(parents=True)
    (outer / "drift.toml").write_text("", encoding="utf-8")
    source = outer / "shop" / "src"
    source.mkdir(parents=True)
    (outer / "shop" / ".git").mkdir()
    (source / "cart.py").write_text("def total():\n    return 0\n", encoding="utf-8")
    monkeypatch.chdir(source)
    missing = run("patterns")
    assert missing.exit_code == 2
    assert f"error: no Drift workspace at {source.resolve() / '.drift'}" in missing.output
    # With no workspace before the repository's top, a scan works where it runs, as before.
    assert f"Scanned {source.resolve()} in " in run("scan").output
    shutil.rmtree(source / ".drift")
    # A workspace at the repository's top is found: the top is searched too, and a `.git`
    # file (a worktree's, a submodule's) marks a top as a directory does.
    (outer / "shop" / ".git").rmdir()
    (outer / "shop" / ".git").write_text("gitdir: ../.git/worktrees/shop\n", encoding="utf-8")
    assert run("scan", str(outer / "shop")).exit_code == 0
    assert f"workspace   {(outer / 'shop').resolve()}\n" in run("status").output
