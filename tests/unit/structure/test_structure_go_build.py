"""Which Go files a default (``linux``/``amd64``) build takes, by their names."""

from __future__ import annotations

import pytest

from drift.analysis.structure.go_build import built_by_default, constraint_holds, go_file_order


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
        ("p/export_purego.go", True),  # ``purego`` is a name here, not a platform
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


@pytest.mark.parametrize(
    ("expression", "holds"),
    [
        ("linux", True),
        ("windows", False),
        ("!purego", True),
        ("purego", False),
        ("ignore", False),
        ("unix && amd64 && gc && cgo", True),
        ("go1.18", True),
        ("linux && !go1.21", False),
        ("(darwin || linux) && !appengine", True),
        ("darwin || (linux && arm64)", False),
        ("!(windows || plan9)", True),
        ("!!linux", True),
        # Malformed: taken, as a file without a constraint is.
        ("linux &&", True),
        ("(linux", True),
        ("linux @ windows", True),
        ("", True),
    ],
)
def test_a_build_constraint_is_read_for_a_default_linux_amd64_build(
    expression: str, holds: bool
) -> None:
    assert constraint_holds(expression) is holds


def test_a_constraint_that_fails_orders_the_file_after_the_built_ones() -> None:
    assert built_by_default("p/export_panic.go", "purego") is False
    assert built_by_default("p/conn_windows.go", "!purego") is False
    assert built_by_default("p/export_unsafe.go", "!purego") is True
    assert sorted(
        ["p/a.go", "p/b.go"], key=lambda p: go_file_order(p, "ignore" if p == "p/a.go" else None)
    ) == ["p/b.go", "p/a.go"]
