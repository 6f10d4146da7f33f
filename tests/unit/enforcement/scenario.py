"""A small repository with deliberate convention breaks, seeded as analysis would store it.

``src/a.py`` and ``src/b.py`` follow the snake_case convention (NAME-SNAKE, approved); ``src/c.py``
breaks it twice, once under a ``drift-ignore`` comment. The approved logging pattern LOG-CALL has
a moderate outlier in ``src/b.py``. ``src/b.py`` also swallows an exception, and ``src/c.py``
holds a hard-coded key.
"""

from __future__ import annotations

from tests.unit.enforcement.seeding import Seeder

A_PY = """def load_data():
    log.info("load")
    return 1

def save_data():
    return 2
"""

B_PY = """def parse_input():
    try:
        log.info("parse")
        return 1
    except Exception:
        pass
"""

# Spelled in two parts, so that Drift scanning this repository finds no key here.
FAKE_KEY = "AKIA" + "ABCDEFGHIJKLMNOP"

C_PY = f"""def readFile():
    log.info("read")
    return 3

# drift-ignore: structural/NAME-SNAKE
def writeFile():
    return 4

KEY = "{FAKE_KEY}"
"""


def seed_naming_repo(seed: Seeder, shift: int = 0) -> None:
    """Write the files and the rows; ``shift`` blank lines on top of every file move all lines."""
    top = "\n" * shift

    def at(file: str, line: int, column: int) -> tuple[str, int, int]:
        return (file, line + shift, column)

    seed.file("src/a.py", top + A_PY)
    seed.file("src/b.py", top + B_PY)
    seed.file("src/c.py", top + C_PY)
    seed.detect(
        "NAME-SNAKE",
        "structural",
        [at("src/a.py", 1, 5), at("src/a.py", 5, 5), at("src/b.py", 1, 5)],
    )
    seed.detect("NAME-CAMEL", "structural", [at("src/c.py", 1, 5), at("src/c.py", 6, 5)])
    seed.detect("NAME-CAMEL/deviation", "structural", [at("src/c.py", 1, 5), at("src/c.py", 6, 5)])
    seed.detect(
        "LOG-CALL", "logging", [at("src/a.py", 2, 5), at("src/b.py", 3, 9), at("src/c.py", 2, 5)]
    )
    seed.approved("NAME-SNAKE", 0.95)
    seed.confidence("NAME-CAMEL", 0.40)
    seed.status("NAME-CAMEL", "discovered")
    seed.approved("LOG-CALL", 0.80)
    seed.convention("NAME-SNAKE", "structural", 0.6)
    seed.outlier("LOG-CALL", "src/b.py", 3 + shift, significance="moderate", score=0.5)
    # Not enforced: an outlier of a pattern that is only discovered, and one in a removed file.
    seed.outlier("NAME-CAMEL", "src/c.py", 1 + shift)
    seed.outlier("NAME-SNAKE", "src/gone.py", 4)
    seed.function("src/b.py", "parse_input", 1 + shift)
    seed.error_gap("src/b.py", "parse_input", "swallowed")
    seed.secret("src/c.py", 9 + shift, kind="AWS access key", severity="high")
    seed.taint("src/a.py", 2 + shift, sanitized=True)


# (file, line, rule id, severity, source, suppressed) of the scenario's violations, in order.
EXPECTED = [
    ("src/b.py", 1, "errors/error-gap-swallowed", "error", "error_gap", False),
    ("src/b.py", 3, "logging/LOG-CALL", "warning", "outlier", False),
    ("src/c.py", 1, "structural/NAME-SNAKE", "error", "deviation", False),
    ("src/c.py", 6, "structural/NAME-SNAKE", "error", "deviation", True),
    ("src/c.py", 9, "security/secret-aws-access-key", "error", "secret", False),
]
