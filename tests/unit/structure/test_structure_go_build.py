"""Which Go files a default (``linux``/``amd64``) build takes, by their names."""

from __future__ import annotations

import pytest

from drift.analysis.structure.go_build import built_by_default, go_file_order


@pytest.mark.parametrize(
    ("path", "built"),
    [
        ("p/conn.go", True),
        ("p/conn_linux.go", True),
        ("p/conn_windows.go", False),
        ("p/x_amd64.go", True),
        ("p/x_arm64.go", False),
        ("p/x_linux_amd64.go", True),
        ("p/x_linux_arm64.go", False),
        ("p/x_windows_test.go", False),
        ("p/linux.go", True),  # a name alone is no constraint
        ("p/export_purego.go", True),  # a build tag in the file: not read
    ],
)
def test_a_platform_suffix_decides(path: str, built: bool) -> None:
    assert built_by_default(path) is built


def test_the_default_build_s_files_come_first() -> None:
    paths = ["p/a_windows.go", "p/b.go", "p/a_darwin.go", "p/c_linux.go"]
    assert sorted(paths, key=go_file_order) == [
        "p/b.go",
        "p/c_linux.go",
        "p/a_darwin.go",
        "p/a_windows.go",
    ]
