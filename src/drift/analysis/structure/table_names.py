"""The table names ORMs make from model names when the code names none: snake_case and the
English plural, by the common rules each library applies (GORM, Mongoose, Sequelize,
TypeORM, Flask-SQLAlchemy)."""

from __future__ import annotations

import re


def snake_case(name: str) -> str:
    """``UserProfile`` → ``user_profile``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def plural(name: str) -> str:
    """``user`` → ``users``, ``category`` → ``categories``, ``box`` → ``boxes``."""
    if re.search(r"[^aeiouAEIOU]y$", name):
        return name[:-1] + "ies"
    if name.endswith(("s", "x", "z", "ch", "sh")):
        return name + "es"
    return name + "s"
