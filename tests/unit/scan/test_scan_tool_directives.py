"""Comments addressed to tools explain nothing; words for a reader around them still do."""

from __future__ import annotations

import pytest

from drift.scan.tool_directives import explains, explanation


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa",
        "# NOQA:E722,BLE001",
        "# noqa: BLE001 -",
        "# type: ignore[attr-defined]",
        "# pyright: ignore[reportGeneralTypeIssues]",
        "# pragma: no cover",
        "# pylint: disable=broad-except,bare-except",
        "# nosec",
        "# nosec: B110, B112",
        "# fmt: skip",
        "# drift-ignore",
        "# drift-ignore: errors/error-gap-swallowed, ERR-1",
        "# noqa: BLE001  # pylint: disable=broad-except",
        "// eslint-disable-next-line no-empty, @typescript-eslint/no-unused-vars",
        "/* eslint-disable-line no-empty */",
        "// oxlint-disable-next-line no-empty",  # TanStack Query's
        "// biome-ignore lint/suspicious/noEmptyBlockStatements:",
        "// @ts-ignore",
        "// @ts-expect-error",
        "// istanbul ignore next",
        "// prettier-ignore",
        "// NOLINT(bugprone-empty-catch)",
        "// NOSONAR",
        "// noinspection EmptyCatchBlock",
        "//nolint:errcheck,gosec",
        "//go:generate stringer -type=Kind",
        "#",
        "//",
    ],
)
def test_directives_alone_explain_nothing(comment: str) -> None:
    assert not explains(comment)


@pytest.mark.parametrize(
    ("comment", "said"),
    [
        (
            "# noqa: BLE001 - plugin errors must not stop the render",
            "- plugin errors must not stop the render",
        ),
        ("# drift-ignore: security/*, ERR-1 trusted input", "trusted input"),
        ("# drift-ignore: ERR-1 -- reviewed 2024-05", "-- reviewed 2024-05"),
        ("# drift-ignore legacy module", "legacy module"),
        ("// eslint-disable-line no-empty -- closed already", "-- closed already"),
        ("// oxlint-disable-line no-empty -- closed already", "-- closed already"),
        (
            "// biome-ignore lint/suspicious/noEmptyBlockStatements: already closed",
            ": already closed",
        ),
        ("// @ts-expect-error: the old API throws here", ": the old API throws here"),
        ("//nolint:errcheck // closing twice is harmless", "closing twice is harmless"),
        ("# the cache is optional  # noqa: BLE001", "the cache is optional"),
        ("/* already closed */", "already closed"),
        ("# ok", "ok"),
    ],
)
def test_words_for_a_reader_explain(comment: str, said: str) -> None:
    assert explains(comment)
    assert explanation(comment) == said
