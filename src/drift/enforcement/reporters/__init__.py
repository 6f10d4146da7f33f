"""Reporters: an ``EnforcementResult`` as text, JSON or SARIF 2.1.0."""

from __future__ import annotations

from collections.abc import Callable

from drift.enforcement.reporters.json import render_json
from drift.enforcement.reporters.sarif import render_sarif
from drift.enforcement.reporters.text import render_text
from drift.enforcement.result import EnforcementResult
from drift.errors import ConfigError

FORMATS: dict[str, Callable[[EnforcementResult], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
}


def render(result: EnforcementResult, format: str = "text") -> str:
    """``result`` in ``format`` (``text``, ``json`` or ``sarif``); ConfigError if unknown."""
    renderer = FORMATS.get(format)
    if renderer is None:
        raise ConfigError(
            f"unknown report format '{format}'", hint=f"choose one of: {', '.join(FORMATS)}"
        )
    return renderer(result)


__all__ = ["FORMATS", "render", "render_json", "render_sarif", "render_text"]
