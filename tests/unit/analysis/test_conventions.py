"""Convention discovery, classes, scope, promotion, expiry, and the deviation learner."""

from __future__ import annotations

import pytest

from drift.analysis.confidence import (
    ConfidenceFactors,
    ConfidenceScore,
    Momentum,
    Observation,
    PatternAggregate,
    Tier,
    aggregate,
)
from drift.analysis.conventions import (
    EXPIRY_SECONDS,
    ConventionClass,
    ConventionState,
    DiscoveredConvention,
    PromotionStatus,
    convention_scope,
    dirichlet_means,
    discover_conventions,
    is_contested,
    learn_deviations,
    learn_group_key,
    set_convention_status,
    should_promote,
    update_conventions,
)
from drift.analysis.packs import FileFactsData, PatternMatch, Site, evaluate_file, load_pack_text

FACTORS = ConfidenceFactors(0.5, 1.0, 0.31, 0.5, 0.5, 0.7)


def score(
    pid: str, tier: Tier = Tier.EMERGING, momentum: Momentum = Momentum.STABLE
) -> ConfidenceScore:
    return ConfidenceScore(pid, 10.0, 2.0, 0.8, 0.6, 0.9, tier, momentum, FACTORS)


def located(pid: str, category: str, files: list[str]) -> list[Observation]:
    """One observation per entry of ``files`` (repeat a file for several locations)."""
    return [Observation(pid, category, f, line, 1, 0.8) for line, f in enumerate(files, start=1)]


def aggregates(*groups: list[Observation]) -> list[PatternAggregate]:
    return list(aggregate([o for group in groups for o in group]).patterns)


def test_dirichlet_and_contest() -> None:
    # counts [6, 2, 2], prior 1 each: (7, 3, 3)/13
    assert dirichlet_means([6, 2, 2]) == pytest.approx([7 / 13, 3 / 13, 3 / 13])
    assert not is_contested([6, 2, 2])  # 4/13 = .308 apart
    assert is_contested([5, 4, 1])  # 6/13 - 5/13 = .077 apart
    # [8, 6]: (9 - 7)/16 = .125 <= .15 -> contested; [9, 5]: 4/16 = .25 -> not.
    assert is_contested([8, 6])
    assert not is_contested([9, 5])
    assert not is_contested([7])
    assert not is_contested([])


def test_discovery_thresholds() -> None:
    patterns = aggregates(
        located("A", "api", ["a.py", "a.py", "b.py", "b.py", "c.py", "c.py"]),  # 6 of 10 = .6
        located("B", "api", ["a.py", "d.py"]),  # 2 locations: too few
        located("C", "api", ["e.py", "e.py"]),
    )
    found = discover_conventions(
        patterns, {p.pattern_id: score(p.pattern_id) for p in patterns}, 10
    )
    assert [(c.pattern_id, c.dominance_ratio) for c in found] == [("A", 0.6)]
    assert found[0].location_count == 6
    assert found[0].file_spread == 3
    # Just below the bar: 5 of 9 = .556 is not enough (and [5, 2, 2] is not contested).
    below = aggregates(
        located("A", "api", ["a.py", "a.py", "b.py", "b.py", "c.py"]),
        located("B", "api", ["a.py", "d.py"]),
        located("C", "api", ["e.py", "e.py"]),
    )
    assert discover_conventions(below, {p.pattern_id: score(p.pattern_id) for p in below}, 10) == []


def test_minimum_files() -> None:
    single_file = aggregates(located("A", "api", ["a.py"] * 5))
    assert discover_conventions(single_file, {"A": score("A")}, 10) == []


def test_patterns_without_a_score_or_merged_are_skipped() -> None:
    patterns = aggregates(located("A", "api", ["a.py", "b.py", "c.py"]))
    assert discover_conventions(patterns, {}, 10) == []


def test_contested_category_keeps_every_qualifying_pattern() -> None:
    patterns = aggregates(
        located("X", "logging", ["a.py", "b.py", "c.py", "a.py", "b.py"]),  # 5, dominance .5
        located("Y", "logging", ["d.py", "e.py", "d.py", "e.py"]),  # 4, dominance .4
        located("Z", "logging", ["f.py"]),  # 1 location: below the minimum
    )
    scores = {p.pattern_id: score(p.pattern_id, Tier.ESTABLISHED) for p in patterns}
    found = discover_conventions(patterns, scores, 10)
    assert [(c.pattern_id, c.convention_class) for c in found] == [
        ("X", ConventionClass.CONTESTED),
        ("Y", ConventionClass.CONTESTED),
    ]
    assert [c.dominance_ratio for c in found] == [0.5, 0.4]


def test_dominance_is_a_share_of_the_learning_group_and_weaknesses_are_no_conventions() -> None:
    # attrs: class names had counted against function names (801 of 801 + 422 + 3 = 65%).
    patterns = aggregates(
        located("FN-SNAKE", "structural", ["a.py", "b.py", "c.py", "a.py", "b.py", "c.py"]),
        located("FN-CAMEL", "structural", ["a.py"]),
        located("CLASS-PASCAL", "structural", ["a.py", "b.py", "c.py", "d.py"]),
        # flask: an empty handler was a "contested" errors convention at 9 %.
        located("EMPTY-HANDLER", "errors", ["a.py", "b.py", "c.py"]),
        located("RAISE-FROM", "errors", ["a.py", "b.py"]),
    )
    scores = {p.pattern_id: score(p.pattern_id) for p in patterns}
    groups = {"FN-SNAKE": "functions", "FN-CAMEL": "functions", "CLASS-PASCAL": "classes"}
    found = discover_conventions(
        patterns, scores, 10, groups=groups, weaknesses=frozenset({"EMPTY-HANDLER"})
    )
    assert [(c.pattern_id, round(c.dominance_ratio, 3)) for c in found] == [
        ("CLASS-PASCAL", 1.0),
        ("FN-SNAKE", 0.857),
    ]
    # By category alone, as before: class names dilute the function convention.
    by_category = discover_conventions(patterns, scores, 10)
    assert ("FN-SNAKE", 0.545) in [(c.pattern_id, round(c.dominance_ratio, 3)) for c in by_category]


def test_a_contested_category_keeps_its_contenders_only() -> None:
    # The two leaders are close; a pattern far below them contests nothing (this repository's
    # errors category had made ERR-PY-CUSTOM-EXCEPTION a "3 % dominant" convention).
    patterns = aggregates(
        located("LEAD", "errors", ["a.py", "b.py"] * 5),  # 10
        located("NEXT", "errors", ["c.py", "d.py", "e.py"] * 3),  # 9
        located("FAR", "errors", ["f.py", "g.py", "h.py"]),  # 3: .44 and .40 against .16
    )
    scores = {p.pattern_id: score(p.pattern_id) for p in patterns}
    found = discover_conventions(patterns, scores, 10)
    assert [(c.pattern_id, c.convention_class) for c in found] == [
        ("LEAD", ConventionClass.CONTESTED),
        ("NEXT", ConventionClass.CONTESTED),
    ]


@pytest.mark.parametrize(
    ("files", "total", "tier", "momentum", "expected"),
    [
        # 4 of 5 files (.8) and established: universal
        (["a", "b", "c", "d"], 5, Tier.ESTABLISHED, Momentum.STABLE, ConventionClass.UNIVERSAL),
        # .8 but only emerging tier: not universal
        (["a", "b", "c", "d"], 5, Tier.EMERGING, Momentum.STABLE, ConventionClass.PROJECT_SPECIFIC),
        # 4 of 6 files (.67): not universal even when established
        (
            ["a", "b", "c", "d"],
            6,
            Tier.ESTABLISHED,
            Momentum.STABLE,
            ConventionClass.PROJECT_SPECIFIC,
        ),
        (["a", "b", "c"], 10, Tier.EMERGING, Momentum.RISING, ConventionClass.EMERGING),
        (["a", "b", "c"], 10, Tier.EMERGING, Momentum.FALLING, ConventionClass.LEGACY),
    ],
)
def test_convention_classes(
    files: list[str], total: int, tier: Tier, momentum: Momentum, expected: ConventionClass
) -> None:
    patterns = aggregates(located("P", "api", [f"{f}.py" for f in files]))
    (found,) = discover_conventions(patterns, {"P": score("P", tier, momentum)}, total)
    assert found.convention_class is expected
    assert found.tier is tier


def test_scope() -> None:
    files = ["src/db/a.py", "src/db/a.py", "src/db/b.py", "src/db/b.py", "other/c.py"]
    (pattern,) = aggregates(located("P", "data_access", files))
    # 3 of 20 files (.15 < .3) and 4 of 5 locations (.8) in src/db
    assert convention_scope(pattern, 20) == "directory:src/db"
    # 3 of 10 files is .3: not localised
    assert convention_scope(pattern, 10) == "project"
    (spread_out,) = aggregates(located("Q", "api", ["x/a.py", "y/b.py", "z/c.py"]))
    assert convention_scope(spread_out, 100) == "project"  # no directory holds 80%
    (root,) = aggregates(located("R", "api", ["a.py", "b.py"]))
    assert convention_scope(root, 100) == "directory:."
    # sqlmodel's prints: spread over many tutorial folders, all under docs_src.
    tutorial = [f"docs_src/tutorial/step{i}/main.py" for i in range(9)] + ["sqlmodel/x.py"]
    (prints,) = aggregates(located("S", "logging", tutorial))
    assert convention_scope(prints, 100) == "directory:docs_src/tutorial"


def test_promotion_rule() -> None:
    assert should_promote(Tier.ESTABLISHED, 5)
    assert not should_promote(Tier.ESTABLISHED, 4)
    assert not should_promote(Tier.EMERGING, 50)


def discovered(pid: str, tier: Tier = Tier.EMERGING, spread: int = 3) -> DiscoveredConvention:
    return DiscoveredConvention(
        pid, "api", 0.7, 10, spread, ConventionClass.PROJECT_SPECIFIC, "project", tier
    )


def state(pid: str, status: PromotionStatus, discovered_at: int, last_seen: int) -> ConventionState:
    return ConventionState(
        pid, "api", "project", 0.7, status, discovered_at, last_seen, last_seen + EXPIRY_SECONDS
    )


def test_update_conventions_lifecycle() -> None:
    now = 10_000_000
    previous = [
        state("KEEP", PromotionStatus.APPROVED, 100, 200),
        state("REJECTED", PromotionStatus.REJECTED, 100, 200),
        state("GONE", PromotionStatus.DISCOVERED, 100, now - EXPIRY_SECONDS),
        state("RECENT", PromotionStatus.DISCOVERED, 100, now - EXPIRY_SECONDS + 1),
        state("OLD-REJECTED", PromotionStatus.REJECTED, 100, 0),
        state("BACK", PromotionStatus.EXPIRED, 100, 200),
    ]
    result = {
        s.pattern_id: s
        for s in update_conventions(
            previous,
            [
                discovered("KEEP"),
                discovered("REJECTED", Tier.ESTABLISHED, 9),
                discovered("BACK"),
                discovered("NEW"),
                discovered("PROMOTED", Tier.ESTABLISHED, 5),
            ],
            now,
        )
    }
    assert result["KEEP"].promotion_status is PromotionStatus.APPROVED
    assert (result["KEEP"].discovered_at, result["KEEP"].last_seen) == (100, now)
    assert result["KEEP"].expires_at == now + EXPIRY_SECONDS
    assert result["KEEP"].convention_class is ConventionClass.PROJECT_SPECIFIC
    # A user's rejection stands even when the promotion rule holds.
    assert result["REJECTED"].promotion_status is PromotionStatus.REJECTED
    # Not seen for 90 days: expired. One second less: kept as it was.
    assert result["GONE"].promotion_status is PromotionStatus.EXPIRED
    assert result["RECENT"].promotion_status is PromotionStatus.DISCOVERED
    assert result["OLD-REJECTED"].promotion_status is PromotionStatus.REJECTED
    # An expired convention seen again starts over.
    assert result["BACK"].promotion_status is PromotionStatus.DISCOVERED
    assert result["BACK"].discovered_at == now
    assert result["NEW"].promotion_status is PromotionStatus.DISCOVERED
    assert result["NEW"].discovered_at == now
    assert result["PROMOTED"].promotion_status is PromotionStatus.APPROVED
    assert list(result) == sorted(result)


def test_after_a_change_of_rules_an_unseen_convention_expires_at_once() -> None:
    # A convention an older Drift learned (a weakness once counted as one, say) must not
    # linger for 90 days after the rules that made it are gone.
    now = 10_000_000
    previous = [
        state("STALE", PromotionStatus.APPROVED, 100, now - 10),
        state("SEEN", PromotionStatus.DISCOVERED, 100, now - 10),
        state("REJECTED", PromotionStatus.REJECTED, 100, now - 10),
    ]
    result = {
        s.pattern_id: s.promotion_status
        for s in update_conventions(previous, [discovered("SEEN")], now, expire_unseen=True)
    }
    assert result == {
        "REJECTED": PromotionStatus.REJECTED,
        "SEEN": PromotionStatus.DISCOVERED,
        "STALE": PromotionStatus.EXPIRED,
    }


def test_user_decisions_on_conventions() -> None:
    current = state("P", PromotionStatus.DISCOVERED, 1, 2)
    assert set_convention_status(current, PromotionStatus.REJECTED).promotion_status is (
        PromotionStatus.REJECTED
    )
    with pytest.raises(ValueError, match="expire"):
        set_convention_status(current, PromotionStatus.EXPIRED)


# -- learner -------------------------------------------------------------------------------

LEARN_PACK = """
[framework]
name = "learn"

[[patterns]]
id = "STD"
category = "logging"
sub_type = "python-logger"
[patterns.match]
imports = ["logging"]
[patterns.learn]
group_by = "category:sub_type"

[[patterns]]
id = "LOGURU"
category = "logging"
sub_type = "python-logger"
[patterns.match]
imports = ["loguru"]
[patterns.learn]
group_by = "category:sub_type"

[[patterns]]
id = "LOOSE"
category = "logging"
sub_type = "python-logger"
[patterns.match]
imports = ["structlog"]
[patterns.learn]
group_by = "category:sub_type"
deviation_threshold = 0.3

[[patterns]]
id = "SOLO"
category = "logging"
sub_type = "python-logger"
[patterns.match]
imports = ["solo_lib"]
[patterns.learn]
group_by = "pattern_id"

[[patterns]]
id = "PLAIN"
category = "logging"
sub_type = "python-logger"
[patterns.match]
imports = ["eliot"]
"""


def project(modules: list[str]) -> list[PatternMatch]:
    packs = [load_pack_text(LEARN_PACK, "learn.toml")]
    matches: list[PatternMatch] = []
    for number, module in enumerate(modules):
        facts = FileFactsData(
            path=f"m{number}.py", language="python", imports=(Site(module, 1, 1),)
        )
        matches.extend(evaluate_file(packs, facts))
    return matches


def test_learner_flags_minority_patterns() -> None:
    patterns = {p.id: p for p in load_pack_text(LEARN_PACK, "learn.toml").patterns}
    # 18 stdlib, 2 loguru: share .9 >= 1 - .15 -> both loguru files deviate, confidence .9.
    matches = project(["logging"] * 18 + ["loguru"] * 2 + ["eliot", "solo_lib"])
    deviations = learn_deviations(matches, patterns)
    assert [(d.pattern_id, d.file, d.confidence) for d in deviations] == [
        ("LOGURU/deviation", "m18.py", 0.9),
        ("LOGURU/deviation", "m19.py", 0.9),
    ]
    assert deviations[0].predicate == "learn:convention"
    assert deviations[0].line == 1


def test_learner_thresholds_and_ties() -> None:
    patterns = {p.id: p for p in load_pack_text(LEARN_PACK, "learn.toml").patterns}
    # 17 of 20 = .85: exactly on the bar, flagged.
    assert len(learn_deviations(project(["logging"] * 17 + ["loguru"] * 3), patterns)) == 3
    # 16 of 20 = .8: below .85 -> nothing for loguru (threshold .15) ...
    assert learn_deviations(project(["logging"] * 16 + ["loguru"] * 4), patterns) == []
    # ... but structlog's own threshold is .3, so .8 >= .7 flags it.
    loose = learn_deviations(project(["logging"] * 16 + ["structlog"] * 4), patterns)
    assert {d.pattern_id for d in loose} == {"LOOSE/deviation"}
    assert loose[0].confidence == pytest.approx(0.8)
    # A tie has no dominant pattern.
    assert learn_deviations(project(["logging", "loguru"]), patterns) == []
    # The confidence is capped at .95: 39 of 40 = .975.
    capped = learn_deviations(project(["logging"] * 39 + ["loguru"]), patterns)
    assert capped[0].confidence == 0.95


def test_learn_group_keys() -> None:
    patterns = {p.id: p for p in load_pack_text(LEARN_PACK, "learn.toml").patterns}
    assert learn_group_key(patterns["STD"]) == "logging:python-logger"
    assert learn_group_key(patterns["SOLO"]) == "SOLO"
    with pytest.raises(ValueError, match="no learn block"):
        learn_group_key(patterns["PLAIN"])
