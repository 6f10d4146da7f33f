"""Bad input on the command line: exit 2 and one clear line (plus a hint), never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drift.cli.main import cli, main
from drift.scan import discovery
from drift.storage.backends import open_storage

BAD_PACK = """[framework]
name = "house"

[[patterns]]
id = "HOUSE-1"
category = "logging"
[patterns.match]
function_names = ["(unclosed"]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.py").write_text("def run():\n    return 1\n", encoding="utf-8")
    return root


def _error_lines(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output.splitlines()


@pytest.mark.parametrize("command", ["scan", "check"])
def test_a_missing_path_is_one_line(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    lines = _error_lines(command, str(missing))
    assert lines[0] == f"error: {missing}: no such directory"
    assert lines[1:] == ["hint: check the path to scan"]


def test_a_file_is_not_a_project(project: Path) -> None:
    lines = _error_lines("check", str(project / "app.py"))
    assert lines[0] == f"error: {project / 'app.py'}: not a directory"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[scan]\nmax_file_size = "big"\n',
            "[scan] max_file_size: expected an integer >= 1, got 'big'",
        ),
        ('[check]\npolicy = "strictest"\n', "[check] policy: unknown policy 'strictest'"),
        ("[storage]\nurl = 3\n", "[storage] url: expected a non-empty string, got 3"),
        ('[packs]\ndirs = ["missing"]\n', "[packs] dirs: 'missing' is not a directory"),
        ("[packs]\ncolour = 1\n", "[packs] colour: unknown key"),
        ("[reporters]\nformat = 1\n", "[reporters]: unknown section"),
        ("[scan\n", "invalid TOML: Expected ']' at the end of a table declaration"),
    ],
)
def test_a_malformed_drift_toml_names_file_key_and_problem(
    project: Path, toml: str, message: str
) -> None:
    (project / "drift.toml").write_text(toml, encoding="utf-8")
    lines = _error_lines("scan", str(project))
    assert lines[0].startswith(f"error: {project / 'drift.toml'}: {message}")
    assert not (project / ".drift" / "drift.db").exists()  # nothing ran


def test_a_pack_with_an_invalid_regex_names_the_pack_and_the_rule(project: Path) -> None:
    packs = project / ".drift" / "packs"
    packs.mkdir(parents=True)
    (packs / "house.toml").write_text(BAD_PACK, encoding="utf-8")
    lines = _error_lines("check", str(project))
    assert lines[0].startswith(
        f"error: {packs / 'house.toml'}: pack 'house' rule 'HOUSE-1': invalid regex in "
        "match.function_names: '(unclosed'"
    )


def test_an_unknown_format_option_or_command_is_a_one_line_usage_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The console script's entry point: Click's usage block reads like Drift's own errors.
    cases = [
        (["check", str(project), "--format", "xml"], "drift check"),
        (["check", str(project), "--policy", "relaxed"], "drift check"),
        (["check", str(project), "--strict"], "drift check"),
        (["scann"], "drift"),
    ]
    for args, command in cases:
        monkeypatch.setattr(sys, "argv", ["drift", *args])
        assert main() == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        error, hint = captured.err.splitlines()
        assert error.startswith("error: ")
        assert hint == f"hint: see `{command} --help`"
    monkeypatch.setattr(sys, "argv", ["drift", "check", str(project), "--format", "xml"])
    main()
    assert capsys.readouterr().err.startswith(
        "error: Invalid value for '-f' / '--format': 'xml' is not one of"
    )


def test_an_option_missing_its_value_points_at_its_command(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Click raises it without its command: the hint had said `drift --help`.
    for args, command in [
        (["check", "-o"], "drift check"),
        (["patterns", "show", "X", "--limit"], "drift patterns show"),
        (["cloud", "login", "--token"], "drift cloud login"),
    ]:
        monkeypatch.setattr(sys, "argv", ["drift", *args])
        assert main() == 2
        error, hint = capsys.readouterr().err.splitlines()
        assert error.startswith("error: Option '-"), error
        assert hint == f"hint: see `{command} --help`"


def test_a_group_alone_prints_its_help_and_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `drift` and `drift cloud` had printed their help after "error: Usage:", exit 2.
    for args in ([], ["cloud"], ["cloud", "admin"]):
        usage = " ".join(["drift", *args])
        monkeypatch.setattr(sys, "argv", ["drift", *args])
        assert main() == 0
        captured = capsys.readouterr()
        assert captured.err == ""
        assert captured.out.startswith(f"Usage: {usage} [OPTIONS] COMMAND")
        assert "Commands:" in captured.out


def test_an_unwritable_report_is_an_environment_error(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "report.sarif"
    lines = _error_lines("check", str(project), "--format", "sarif", "--output", str(target))
    assert lines[0].startswith(f"error: {target}: cannot write the report: ")


def test_an_unknown_storage_scheme_is_a_usage_error(project: Path) -> None:
    lines = _error_lines("scan", str(project), "--storage", "ftp://somewhere")
    assert lines[0] == "error: unknown storage scheme 'ftp://' in 'ftp://somewhere'"


def test_an_unreadable_directory_is_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, whom permission bits do not stop: refuse the listing instead.
    real = Path.iterdir

    def iterdir(self: Path) -> Iterator[Path]:
        if self == project:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    lines = _error_lines("scan", str(project))
    assert lines == [
        f"error: {project}: cannot read directory: Permission denied",
        "hint: check the directory's permissions",
    ]


def test_an_unreadable_file_is_recorded_skipped_and_the_scan_goes_on(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "locked.py").write_text("def locked():\n    return 2\n", encoding="utf-8")
    real = discovery.read_head

    def read_head(path: str, size: int = discovery.BINARY_SNIFF_BYTES) -> bytes:
        if path.endswith("locked.py"):
            raise PermissionError(13, "Permission denied")
        return real(path, size)

    monkeypatch.setattr(discovery, "read_head", read_head)
    result = CliRunner().invoke(cli, ["scan", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "  skipped     1 file (1 unreadable)" in result.output
    assert "              locked.py: cannot read: Permission denied" in result.output
    with open_storage(str(project / ".drift")) as stores:
        locked = stores.drift.get_file_metadata("locked.py")
        analysed = stores.drift.get_file_metadata("app.py")
        functions = {row.name for row in stores.drift.get_functions_by_file("app.py")}
    assert locked is not None
    assert locked.error == "skipped: unreadable: cannot read: Permission denied"
    assert analysed is not None
    assert analysed.error is None
    assert functions == {"run"}


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_pooled_scan_goes_on(
    project: Path,
) -> None:
    # Enough files for the worker pool: its results travel as UTF-8, like what storage keeps.
    for number in range(60):
        (project / f"m{number}.py").write_text(f"def f{number}():\n    return 1\n")
    with open(os.path.join(os.fsencode(project), b"caf\xe9.py"), "wb") as handle:
        handle.write(b"def latin():\n    return 3\n")

    first = CliRunner().invoke(cli, ["scan", str(project)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "61 files tracked (61 added)" in first.output
    assert "  skipped     1 file (1 undecodable name)" in first.output
    assert "caf\ufffd.py: the file name is not valid UTF-8: rename it to scan it" in first.output
    again = CliRunner().invoke(cli, ["scan", str(project)], catch_exceptions=False)
    assert "nothing changed since the last scan" in again.output
    with open_storage(str(project / ".drift")) as stores:
        # Reported by every scan, like a symlink; no row (its real name has no text form).
        assert stores.drift.get_file_metadata("caf\ufffd.py") is None
        assert stores.drift.count_files() == 61


def test_a_root_whose_path_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    root = os.path.join(os.fsencode(tmp_path), b"caf\xe9")
    os.makedirs(root)
    lines = _error_lines("scan", os.fsdecode(root))
    assert lines == [
        f"error: {tmp_path}/caf\ufffd: the path is not valid UTF-8",
        "hint: Drift stores paths as text: rename the directory, or scan it from a UTF-8 path",
    ]


def test_the_summary_counts_every_skipped_file_and_names_the_ones_worth_a_look(
    project: Path,
) -> None:
    # Images and archives are in every repository: counted, not listed. A source file Drift
    # would have analysed is named, whatever kept it out.
    (project / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (project / "vendor.tar").write_bytes(b"\x00" * (1024 * 1024 + 1))
    (project / "huge.py").write_text("X = 1\n" * 200_000, encoding="utf-8")
    (project / "packed.py").write_bytes(b"def f():\n    return 1\n\x00\x00")
    (project / "theme.min.css").write_text("a{color:red}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("  skipped     5 files (2 binary, 1 minified, 2 too large)")
    assert [line.strip().split(":")[0] for line in lines[at + 1 : at + 3]] == [
        "huge.py",
        "packed.py",
    ]
    assert not lines[at + 3].startswith("              ")
    assert "logo.png" not in result.output
    assert "vendor.tar" not in result.output
    assert "theme.min.css" not in result.output


def test_a_bad_line_in_an_ignore_file_is_skipped_as_git_skips_it(project: Path) -> None:
    # A reversed range is no valid glob: git ignores the line and applies the others.
    (project / ".gitignore").write_text("*.log\n[z-a].txt\n", encoding="utf-8")
    (project / "pkg").mkdir()
    (project / "pkg" / ".driftignore").write_text("[9-0]*.py\nskip.py\n", encoding="utf-8")
    for name in ("debug.log", "z.txt", "pkg/skip.py", "pkg/5.py"):
        (project / name).write_text("x = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-q", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open_storage(str(project / ".drift")) as stores:
        tracked = {row.path for row in stores.drift.load_all_file_metadata()}
    assert tracked == {"app.py", "z.txt", "pkg/5.py", ".gitignore", "pkg/.driftignore"}


def test_a_drift_toml_that_is_not_utf8_names_the_file(project: Path) -> None:
    (project / "drift.toml").write_bytes(b"\xff\xfe[scan]\n")
    lines = _error_lines("scan", str(project))
    assert lines == [
        f"error: {project / 'drift.toml'}: not UTF-8 text (byte 0xff at offset 0)",
        "hint: save the file as UTF-8",
    ]


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        (
            "drift.toml",
            '[scan]\nexclude = ["[z-a].txt"]\n',
            "[scan] exclude: invalid glob '[z-a].txt': bad character range z-a",
        ),
        (
            ".drift/packs/house.toml",
            BAD_PACK.replace('function_names = ["(unclosed"]', 'file_patterns = ["[z-a].py"]\n')
            + 'calls = ["x"]\n',
            "pack 'house' rule 'HOUSE-1': invalid glob in match.file_patterns: '[z-a].py': "
            "bad character range z-a in '[z-a]'",
        ),
        (
            ".drift/packs/house.toml",
            BAD_PACK.replace(
                'name = "house"', 'name = "house"\ndetect_by = [{ file_pattern = "[z-a]" }]'
            ).replace('function_names = ["(unclosed"]', 'calls = ["x"]'),
            "invalid glob in framework.detect_by[0].file_pattern: '[z-a]': "
            "bad character range z-a in '[z-a]'",
        ),
    ],
)
def test_a_reversed_range_in_a_configured_glob_names_file_key_and_problem(
    project: Path, file: str, text: str, message: str
) -> None:
    (project / file).parent.mkdir(parents=True, exist_ok=True)
    (project / file).write_text(text, encoding="utf-8")
    lines = _error_lines("check", str(project))
    assert lines[0] == f"error: {project / file}: {message}"


def test_a_sqlite_url_without_a_path_is_refused(project: Path) -> None:
    lines = _error_lines("scan", str(project), "--storage", "sqlite://")
    assert lines[0] == "error: storage URL 'sqlite://' has no path"
    assert sorted(path.name for path in project.iterdir()) == ["app.py"]  # nothing written


def test_a_storage_path_that_is_a_file_says_so(project: Path) -> None:
    lines = _error_lines("scan", str(project), "--storage", str(project / "app.py"))
    assert lines[0] == f"error: {project / 'app.py'}: is a file, not a directory"


def test_import_restores_a_workspace_whose_database_is_corrupt(
    project: Path, tmp_path: Path
) -> None:
    run = CliRunner().invoke
    assert run(cli, ["scan", "-q", str(project)]).exit_code == 0
    backup = tmp_path / "good.db"
    assert run(cli, ["backup", str(backup), "--root", str(project)]).exit_code == 0
    (project / ".drift" / "drift.db").write_bytes(os.urandom(4096))
    broken = _error_lines("status", str(project))
    assert (
        broken[1]
        == "hint: restore a backup with `drift import FILE`, or delete the file to start afresh"
    )

    restored = run(cli, ["import", str(backup), "--root", str(project)], catch_exceptions=False)

    assert restored.exit_code == 0, restored.output
    status = run(cli, ["status", str(project)], catch_exceptions=False)
    assert status.exit_code == 0, status.output
    assert "files       1 tracked" in status.output


def test_import_of_a_file_that_is_no_database_says_so(project: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 512)
    lines = _error_lines("import", str(junk), "--root", str(project))
    assert lines == [
        f"error: {junk}: not a Drift database (file is not a database)",
        "hint: import takes a file written by `drift backup` or `drift export`",
    ]
    assert junk.exists()


def test_ctrl_c_stops_with_130_and_the_scan_is_recorded_as_cut_short(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from drift.pipeline import run as pipeline_run

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline_run._Scan, "_analyse_files", interrupted)
    monkeypatch.setattr(sys, "argv", ["drift", "scan", str(project)])
    assert main() == 130
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines()[-1] == "Interrupted."
    assert "Traceback" not in captured.err
    monkeypatch.undo()
    status = CliRunner().invoke(cli, ["status", str(project)], catch_exceptions=False)
    assert "interrupted before the end" in status.output
    rescanned = CliRunner().invoke(cli, ["scan", str(project)], catch_exceptions=False)
    assert rescanned.exit_code == 0
    assert "1 file tracked (1 added)" in rescanned.output


SLOW_PACK = """[framework]
name = "house"

[[patterns]]
id = "HOUSE-1"
category = "logging"
[patterns.match]
content_patterns = ["(a+)+$"]
"""


def test_a_file_past_the_time_limit_is_recorded_and_the_scan_goes_on(project: Path) -> None:
    # A pack regex that backtracks catastrophically on one line had hung the scan for ever.
    packs = project / ".drift" / "packs"
    packs.mkdir(parents=True)
    (packs / "house.toml").write_text(SLOW_PACK, encoding="utf-8")
    (project / "drift.toml").write_text("[scan]\nfile_time_limit = 1\n", encoding="utf-8")
    (project / "slow.py").write_text('X = "' + "a" * 60 + 'b"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        "  failed      slow.py: analysis stopped at its 1 s limit ([scan] file_time_limit) "
        "while matching pattern HOUSE-1"
    ) in result.output.splitlines()
    with open_storage(str(project / ".drift")) as stores:
        files = {row.path: row for row in stores.drift.load_all_file_metadata()}
        functions = {row.qualified_name for row in stores.drift.query_all_functions()}
    assert files["slow.py"].error_count == 1
    assert files["app.py"].error_count == 0
    assert functions == {"run"}  # the other file is analysed in full


def test_a_negative_time_limit_is_a_config_error(project: Path) -> None:
    (project / "drift.toml").write_text("[scan]\nfile_time_limit = -1\n", encoding="utf-8")
    lines = _error_lines("scan", str(project))
    assert lines[0] == (
        f"error: {project / 'drift.toml'}: [scan] file_time_limit: expected an integer >= 0, got -1"
    )


def test_a_workspace_of_another_project_is_not_scanned_over(tmp_path: Path) -> None:
    # `drift check --storage st` from the wrong directory had replaced the project's files,
    # findings and baseline with that directory's, without a word.
    for name in ("proj_a", "proj_b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "m.py").write_text("def run():\n    return 1\n", encoding="utf-8")
    storage = str(tmp_path / "st")
    scanned = CliRunner().invoke(
        cli, ["scan", "-q", str(tmp_path / "proj_a"), "--storage", storage]
    )
    assert scanned.exit_code == 0, scanned.output
    lines = _error_lines("check", str(tmp_path), "--storage", storage)
    assert lines == [
        f"error: this workspace holds the scans of {tmp_path}/proj_a: scanning {tmp_path} into "
        "it would drop 1 of its 1 files",
        f"hint: scan that project (give its path: {tmp_path}/proj_a), give this one a --storage "
        "of its own, or delete the workspace to start it again",
    ]
    with open_storage(storage) as stores:
        tracked = {row.path for row in stores.drift.load_all_file_metadata()}
    assert tracked == {"m.py"}
    status = CliRunner().invoke(cli, ["status", "--storage", storage])
    assert status.output.splitlines()[0] == f"workspace   {tmp_path}/proj_a"
    # The refusal is no scan: status goes on describing the last one, which completed.
    assert "failed" not in status.output
    with open_storage(storage) as stores:
        assert [scan.status for scan in stores.drift.query_recent_scans(5)] == ["completed"]
    # The same files under another path (a moved checkout, a CI cache restored elsewhere).
    moved = CliRunner().invoke(cli, ["check", str(tmp_path / "proj_b"), "--storage", storage])
    assert moved.exit_code == 0, moved.output
