"""drift.toml [scan]: defaults, overrides and errors that name file, key and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.errors import ConfigError
from drift.scan import DEFAULT_MAX_FILE_SIZE, ScanConfig, discover, load_scan_config


def write(root: Path, text: str) -> Path:
    path = root / "drift.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_scan_config(tmp_path, environ={})
    assert config == ScanConfig()
    assert config.max_file_size == DEFAULT_MAX_FILE_SIZE == 1_048_576


def test_values_are_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
        [scan]
        include = ["src/**"]
        exclude = ["*.gen.py"]
        extra_ignore = ["fixtures/"]
        max_file_size = 2048
        follow_symlinks = true
        threads = 3
        force_full_scan = true
        skip_generated = false
        hash_algorithm = "xxh3"

        [gates]
        min_score = 80
        """,
    )
    config = load_scan_config(tmp_path, environ={})
    assert config == ScanConfig(
        include=("src/**",),
        exclude=("*.gen.py", "fixtures/"),
        max_file_size=2048,
        follow_symlinks=True,
        threads=3,
        incremental=True,
        force_full_scan=True,
        skip_binary=True,
        skip_generated=False,
    )


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    write(tmp_path, "[scan]\nmax_file_size = 100\n")
    env = {"DRIFT_SCAN_MAX_FILE_SIZE": "5000", "DRIFT_SCAN_THREADS": "2"}
    config = load_scan_config(tmp_path, environ=env)
    assert (config.max_file_size, config.threads) == (5000, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[scan]\ninclude = 'src'\n",
            r"drift\.toml: \[scan\] include: expected a list of glob strings, got 'src'",
        ),
        (
            "[scan]\nexclude = [1]\n",
            r"\[scan\] exclude: expected a list of glob strings, got \[1\]",
        ),
        ("[scan]\nmax_file_size = 0\n", r"\[scan\] max_file_size: expected an integer >= 1, got 0"),
        (
            "[scan]\nmax_file_size = true\n",
            r"\[scan\] max_file_size: expected an integer >= 1, got True",
        ),
        ("[scan]\nthreads = -1\n", r"\[scan\] threads: expected an integer >= 0, got -1"),
        (
            "[scan]\nfollow_symlinks = 'yes'\n",
            r"\[scan\] follow_symlinks: expected true or false, got 'yes'",
        ),
        (
            "[scan]\nhash_algorithm = 'md5'\n",
            r"\[scan\] hash_algorithm: expected \"xxh3\", got 'md5'",
        ),
        ("[scan]\nexclude = ['!']\n", r"\[scan\] exclude: invalid glob '!'"),
        (
            "[scan]\ninclude = ['src/**', '[z-a].txt']\n",
            r"\[scan\] include: invalid glob '\[z-a\]\.txt': bad character range z-a",
        ),
        ("[scan]\nmax_size = 3\n", r"\[scan\] max_size: unknown key"),
        ("scan = 3\n", r"drift\.toml: scan: expected a table \(\[scan\]\), got 3"),
        ("[scan\n", r"drift\.toml: invalid TOML: .*line 1"),
    ],
)
def test_errors_name_the_file_the_key_and_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_scan_config(tmp_path, environ={})
    assert str(path) in caught.value.message


def test_unknown_key_hint_lists_the_known_keys(tmp_path: Path) -> None:
    write(tmp_path, "[scan]\nmax_size = 3\n")
    with pytest.raises(ConfigError) as caught:
        load_scan_config(tmp_path, environ={})
    assert caught.value.hint is not None
    assert "max_file_size" in caught.value.hint


@pytest.mark.parametrize("value", ["lots", "0", "-5", ""])
def test_bad_environment_values_name_the_variable(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="environment variable DRIFT_SCAN_MAX_FILE_SIZE"):
        load_scan_config(tmp_path, environ={"DRIFT_SCAN_MAX_FILE_SIZE": value})


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "drift.toml"
    path.write_bytes(b"\xff\xfe[scan]\n")
    with pytest.raises(ConfigError) as caught:
        load_scan_config(tmp_path, environ={})
    assert caught.value.message == f"{path}: not UTF-8 text (byte 0xff at offset 0)"
    assert caught.value.hint == "save the file as UTF-8"


def test_globs_written_from_the_root_with_dot_slash_match(tmp_path: Path) -> None:
    # gitignore syntax has no ``./``: ``include = ["./src"]`` had scanned nothing at all.
    write(tmp_path, '[scan]\ninclude = ["./src", "lib/**"]\nexclude = ["./src/tests/"]\n')
    config = load_scan_config(tmp_path, environ={})
    assert config.include == ("/src", "lib/**")
    assert config.exclude == ("/src/tests/",)
    for name in ("src/app.py", "src/tests/test_app.py", "lib/util.py", "other/src/x.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    found = [f.path for f in discover(tmp_path, config).files]
    assert found == ["lib/util.py", "src/app.py"]
