"""The reference the fast content searches are checked against: a regex tried line by line."""

from __future__ import annotations

import re


def naive_line_search(regex: str, text: str) -> list[tuple[int, int]]:
    """(line, 1-based UTF-8 byte column) of the first match on each line of ``text``."""
    compiled = re.compile(regex)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        hit = compiled.search(line)
        if hit is not None:
            found.append((number, len(line[: hit.start()].encode("utf-8", "surrogatepass")) + 1))
    return found
