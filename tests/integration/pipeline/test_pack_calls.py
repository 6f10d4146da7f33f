"""Pack ``calls`` predicates through a whole scan: the calls handed to the packs are narrowed
to those a predicate can match, ``recv.*`` ones included."""

from __future__ import annotations

from pathlib import Path

from drift.pipeline import scan
from drift.storage.testing.base import FakeClock
from tests.integration.pipeline.helpers import engines

GO_TEST = """package web

import (
\t"testing"

\t"github.com/stretchr/testify/assert"
\t"github.com/stretchr/testify/require"
)

func TestServe(t *testing.T) {
\tassert.Equal(t, 1, 1)
\tassert.NoError(t, nil)
\trequire.True(t, true)
\tif false {
\t\tt.Errorf("no")
\t}
}
"""


def test_any_method_of_a_receiver_reaches_the_packs_in_a_scan(tmp_path: Path) -> None:
    # gin: the narrowing had kept only methods some predicate named, so of testify's
    # ``assert.Equal``, ``assert.NoError``… only ``assert.Error`` (``t.Error`` is named) came
    # through, and testify lost its convention to ``t.Errorf``.
    root = tmp_path / "web"
    root.mkdir()
    (root / "serve_test.go").write_text(GO_TEST, encoding="utf-8")
    clock = FakeClock()
    with engines("memory", tmp_path, clock) as stores:
        scan(root, stores.drift, clock=clock)
        rows = stores.drift.get_detections_by_file("serve_test.go")
        lines = {
            pid: sorted(row.line for row in rows if row.pattern_id == pid)
            for pid in ("TEST-GO-TESTIFY", "TEST-GO-STDLIB-ASSERT")
        }
        assert lines == {"TEST-GO-TESTIFY": [11, 12, 13], "TEST-GO-STDLIB-ASSERT": [15]}
