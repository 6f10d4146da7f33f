"""Contract tests for secrets, wrappers, crypto and OWASP findings, DNA genes and mutations and
decomposition decisions (``IDriftStructural`` methods 18 to 37)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drift.storage.testing.base import StorageUnderTest
from drift.storage.testing.structural_rows import (
    crypto_row,
    decision_row,
    gene_row,
    mutation_row,
    owasp_row,
    secret_row,
    untyped,
    with_id,
    wrapper_row,
)


class StructuralSecurityContract:
    """Security-finding, DNA and decomposition methods of ``IDriftStructural``."""

    # secrets

    def test_secrets_get_new_ids_and_filter_by_file_and_severity(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        a = secret_row("a.py", 3, id=500)
        b = secret_row("b.py", 1, severity="high", entropy=5)
        c = secret_row("a.py", 1, severity="high")
        ids = [drift.insert_secret(row) for row in (a, b, c)]
        assert ids[0] < ids[1] < ids[2]
        assert 500 not in ids

        by_file = drift.get_secrets_by_file("a.py")
        assert by_file == [with_id(a, ids[0]), with_id(c, ids[2])]
        high = drift.get_secrets_by_severity("high")
        assert high == [with_id(b, ids[1]), with_id(c, ids[2])]
        assert type(high[0].entropy) is float
        assert drift.get_secrets_by_file("A.py") == []
        assert drift.get_secrets_by_severity("High") == []

    # wrappers

    def test_wrappers_round_trip_with_flags_and_filter(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        w1 = wrapper_row("get_json", "http.py", id=9)
        w2 = wrapper_row("query", "db.py", category="database", is_multi_primitive=False)
        w3 = wrapper_row("post_json", "http.py", is_exported=True, usage_count=0, confidence=1)
        ids = [drift.insert_wrapper(row) for row in (w1, w2, w3)]
        assert ids[0] < ids[1] < ids[2]

        in_http = drift.get_wrappers_by_file("http.py")
        assert in_http == [with_id(w1, ids[0]), with_id(w3, ids[2])]
        assert (in_http[1].is_multi_primitive, in_http[1].is_exported) == (True, True)
        assert type(in_http[1].is_exported) is bool
        assert type(in_http[1].confidence) is float
        assert drift.get_wrappers_by_category("database") == [with_id(w2, ids[1])]
        assert [r.name for r in drift.get_wrappers_by_category("http")] == [
            "get_json",
            "post_json",
        ]

    # crypto_findings

    def test_crypto_findings_round_trip_and_filter(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        f1 = crypto_row("auth.py", 20)
        f2 = crypto_row("auth.py", 5, category="hardcoded_key", cwe_id=321)
        f3 = crypto_row("tls.py", 1, category="hardcoded_key")
        ids = [drift.insert_crypto_finding(row) for row in (f1, f2, f3)]
        assert ids[0] < ids[1] < ids[2]
        # Ordered by id, not by line.
        assert drift.get_crypto_findings_by_file("auth.py") == [
            with_id(f1, ids[0]),
            with_id(f2, ids[1]),
        ]
        assert drift.get_crypto_findings_by_category("hardcoded_key") == [
            with_id(f2, ids[1]),
            with_id(f3, ids[2]),
        ]
        assert drift.get_crypto_findings_by_category("weak") == []

    # owasp_findings

    def test_owasp_findings_upsert_by_id_and_order_by_id(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.upsert_owasp_finding(owasp_row("o2"))
        drift.upsert_owasp_finding(owasp_row("o1", remediation=None, severity=10))
        drift.upsert_owasp_finding(owasp_row("o3", detector="xss", file="ui.py"))
        by_file = drift.get_owasp_findings_by_file("app/db.py")
        assert by_file == [owasp_row("o1", remediation=None, severity=10.0), owasp_row("o2")]
        assert type(by_file[0].severity) is float

        moved = owasp_row("o2", detector="xss", file="ui.py", line=1, cwes="79", confidence=0.5)
        drift.upsert_owasp_finding(moved)
        assert [r.id for r in drift.get_owasp_findings_by_file("app/db.py")] == ["o1"]
        assert drift.get_owasp_findings_by_detector("xss") == [
            moved,
            owasp_row("o3", detector="xss", file="ui.py"),
        ]
        assert [r.id for r in drift.get_owasp_findings_by_detector("sql_injection")] == ["o1"]

    # dna_genes

    def test_dna_genes_upsert_get_and_list_by_gene_id(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.upsert_dna_gene(gene_row("naming"))
        drift.upsert_dna_gene(gene_row("errors", dominant_allele=None))
        drift.upsert_dna_gene(gene_row("Logging"))
        assert drift.get_dna_gene("errors") == gene_row("errors", dominant_allele=None)
        assert [g.gene_id for g in drift.get_all_dna_genes()] == ["Logging", "errors", "naming"]

        changed = gene_row("naming", name="names", confidence=1, consistency=0, alleles="[]")
        drift.upsert_dna_gene(changed)
        got = drift.get_dna_gene("naming")
        assert got == changed
        assert got is not None
        assert (type(got.confidence), type(got.consistency)) == (float, float)
        assert len(drift.get_all_dna_genes()) == 3
        assert drift.get_dna_gene("nam") is None

    # dna_mutations

    def test_dna_mutations_upsert_replaces_all_columns(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        drift.upsert_dna_mutation(mutation_row("m1", "errors"))
        resolved = mutation_row(
            "m1",
            "naming",
            file="b.py",
            line=99,
            expected="snake",
            actual="camel",
            impact="low",
            code="fooBar = 1",
            suggestion="foo_bar",
            detected_at=1_650_000_000,
            resolved=True,
            resolved_at=1_660_000_000,
        )
        drift.upsert_dna_mutation(resolved)
        assert drift.get_dna_mutations_by_gene("errors") == []
        assert drift.get_dna_mutations_by_gene("naming") == [resolved]
        assert drift.get_unresolved_mutations() == []

        reopened = mutation_row("m1", "naming")
        drift.upsert_dna_mutation(reopened)
        assert drift.get_unresolved_mutations() == [reopened]

    def test_dna_mutations_by_gene_and_unresolved_are_ordered_by_id(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        drift.upsert_dna_mutation(mutation_row("m3", "errors"))
        drift.upsert_dna_mutation(mutation_row("m1", "errors", resolved=True, resolved_at=5))
        drift.upsert_dna_mutation(mutation_row("m2", "errors"))
        drift.upsert_dna_mutation(mutation_row("m0", "naming"))
        by_gene = drift.get_dna_mutations_by_gene("errors")
        assert [m.id for m in by_gene] == ["m1", "m2", "m3"]
        assert type(by_gene[0].resolved) is bool
        assert [m.id for m in drift.get_unresolved_mutations()] == ["m0", "m2", "m3"]

    # decomposition_decisions

    def test_decomposition_decisions_round_trip_by_profile_hash(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        d1 = decision_row("h1", id=42)
        d2 = decision_row("h2", confidence=1, applied_weight=0)
        d3 = decision_row("h1", narrative="second")
        ids = [drift.insert_decomposition_decision(row) for row in (d1, d2, d3)]
        assert ids[0] < ids[1] < ids[2]
        assert drift.get_decomposition_decisions("h1") == [
            with_id(d1, ids[0]),
            with_id(d3, ids[2]),
        ]
        (only,) = drift.get_decomposition_decisions("h2")
        assert only == with_id(d2, ids[1])
        assert (type(only.confidence), type(only.applied_weight)) == (float, float)
        assert drift.get_decomposition_decisions("H1") == []

    # empty database and argument checks

    def test_empty_database_has_no_findings_or_dna(self, backend: StorageUnderTest) -> None:
        drift = backend.drift
        assert drift.get_secrets_by_file("a.py") == []
        assert drift.get_secrets_by_severity("high") == []
        assert drift.get_wrappers_by_file("a.py") == []
        assert drift.get_wrappers_by_category("http") == []
        assert drift.get_crypto_findings_by_file("a.py") == []
        assert drift.get_crypto_findings_by_category("weak_hash") == []
        assert drift.get_owasp_findings_by_file("a.py") == []
        assert drift.get_owasp_findings_by_detector("xss") == []
        assert drift.get_dna_gene("g") is None
        assert drift.get_all_dna_genes() == []
        assert drift.get_dna_mutations_by_gene("g") == []
        assert drift.get_unresolved_mutations() == []
        assert drift.get_decomposition_decisions("h") == []

    def test_wrong_argument_types_raise_type_error_before_writing(
        self, backend: StorageUnderTest
    ) -> None:
        drift = backend.drift
        bad_calls: list[Callable[[], object]] = [
            lambda: drift.insert_secret(secret_row("a.py", untyped("3"))),
            lambda: drift.insert_secret(untyped(owasp_row("o"))),
            lambda: drift.get_secrets_by_file(untyped(None)),
            lambda: drift.get_secrets_by_severity(untyped(3)),
            lambda: drift.insert_wrapper(wrapper_row("w", "a.py", is_exported=untyped(0))),
            lambda: drift.get_wrappers_by_file(untyped(None)),
            lambda: drift.get_wrappers_by_category(untyped(None)),
            lambda: drift.insert_crypto_finding(crypto_row("a.py", 1, cwe_id=untyped(None))),
            lambda: drift.get_crypto_findings_by_file(untyped(1)),
            lambda: drift.get_crypto_findings_by_category(untyped(1)),
            lambda: drift.upsert_owasp_finding(owasp_row("o", severity=untyped("high"))),
            lambda: drift.get_owasp_findings_by_file(untyped(None)),
            lambda: drift.get_owasp_findings_by_detector(untyped(None)),
            lambda: drift.upsert_dna_gene(gene_row(untyped(1))),
            lambda: drift.get_dna_gene(untyped(None)),
            lambda: drift.upsert_dna_mutation(mutation_row("m", "g", resolved=untyped("no"))),
            lambda: drift.get_dna_mutations_by_gene(untyped(None)),
            lambda: drift.insert_decomposition_decision(
                decision_row("h", confidence=untyped(None))
            ),
            lambda: drift.get_decomposition_decisions(untyped(1)),
        ]
        for call in bad_calls:
            with pytest.raises(TypeError):
                call()
        assert drift.get_secrets_by_file("a.py") == []
        assert drift.get_wrappers_by_file("a.py") == []
        assert drift.get_crypto_findings_by_file("a.py") == []
        assert drift.get_owasp_findings_by_file("app/db.py") == []
        assert drift.get_all_dna_genes() == []
        assert drift.get_dna_mutations_by_gene("g") == []
        assert drift.get_decomposition_decisions("h") == []
