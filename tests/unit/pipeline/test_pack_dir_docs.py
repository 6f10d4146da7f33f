"""docs/packs.md sends users to the directory Drift really loads packs from."""

from __future__ import annotations

import re
from pathlib import Path

from drift.pipeline.config import DEFAULT_PACK_DIR, load_pipeline_config

PACKS_DOC = Path(__file__).resolve().parents[3] / "docs" / "packs.md"


def test_every_pack_directory_the_guide_names_is_the_one_drift_loads(tmp_path: Path) -> None:
    named = set(re.findall(r"(\.drift/[\w-]+)/", PACKS_DOC.read_text(encoding="utf-8")))
    assert named == {DEFAULT_PACK_DIR.as_posix()}
    (tmp_path / DEFAULT_PACK_DIR).mkdir(parents=True)
    (tmp_path / ".drift" / "frameworks").mkdir()
    config = load_pipeline_config(tmp_path, environ={})
    assert config.pack_dirs == (tmp_path.resolve() / DEFAULT_PACK_DIR,)
