"""Ignore rules: gitignore semantics at every level, for .gitignore and .driftignore."""

from __future__ import annotations

from pathlib import Path

from drift.scan.ignore import IgnoreRules, compile_patterns, is_valid_pattern, pattern_problem


def rules_for(root: Path, *levels: str) -> IgnoreRules:
    rules = IgnoreRules.for_root(root)
    for rel in levels:
        directory = root / rel
        rules = rules.descend(directory, rel, {p.name for p in directory.iterdir()})
    return rules


def test_root_gitignore_with_negation_and_directory_patterns(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.log\n!keep.log\nout/\n# comment\n\n")
    rules = IgnoreRules.for_root(tmp_path)
    assert rules.is_ignored("debug.log", is_dir=False)
    assert rules.is_ignored("deep/er/debug.log", is_dir=False)
    assert not rules.is_ignored("keep.log", is_dir=False)
    assert rules.is_ignored("out", is_dir=True)
    assert not rules.is_ignored("out", is_dir=False)  # "out/" only matches directories
    assert not rules.is_ignored("main.py", is_dir=False)


def test_nested_files_apply_below_their_directory_and_can_re_include(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.tmp\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / ".gitignore").write_text("!wanted.tmp\n/local.py\n")
    rules = rules_for(tmp_path, "pkg")
    assert rules.is_ignored("pkg/other.tmp", is_dir=False)
    assert not rules.is_ignored("pkg/wanted.tmp", is_dir=False)
    assert rules.is_ignored("pkg/local.py", is_dir=False)  # anchored to pkg/
    assert not rules.is_ignored("pkg/sub/local.py", is_dir=False)
    assert not rules.is_ignored("local.py", is_dir=False)  # pkg's rules stop at pkg


def test_driftignore_comes_after_gitignore_in_the_same_directory(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("generated/\n")
    (tmp_path / ".driftignore").write_text("!generated/\n*.snap\n")
    rules = IgnoreRules.for_root(tmp_path)
    assert not rules.is_ignored("generated", is_dir=True)
    assert rules.is_ignored("tests/a.snap", is_dir=False)


def test_git_info_exclude_is_read_at_the_root(tmp_path: Path) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("secret.txt\n")
    assert IgnoreRules.for_root(tmp_path).is_ignored("secret.txt", is_dir=False)


def test_a_bad_line_does_not_cost_the_other_rules() -> None:
    assert not is_valid_pattern("!")
    assert is_valid_pattern("*.py")
    spec = compile_patterns(["!", "*.py"])
    assert spec.match_file("a.py")


def test_a_reversed_range_is_skipped_as_git_skips_it(tmp_path: Path) -> None:
    # "[z-a]" is no valid character class; git ignores the line and applies the rest.
    (tmp_path / ".gitignore").write_text("*.log\n[z-a].txt\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / ".driftignore").write_text("[9-0]*\n*.tmp\n")
    rules = rules_for(tmp_path, "pkg")
    assert rules.is_ignored("debug.log", is_dir=False)
    assert rules.is_ignored("pkg/x.tmp", is_dir=False)
    assert not rules.is_ignored("z.txt", is_dir=False)
    assert not rules.is_ignored("pkg/5.py", is_dir=False)
    assert not is_valid_pattern("[z-a].txt")
    assert pattern_problem("[z-a].txt") == "bad character range z-a"
    assert pattern_problem("*.py") is None
