"""Conventions: patterns dominant enough to be the way this codebase does things.

Discovery: a pattern with at least 3 locations in at least 2 files whose share of its
category's locations (dominance; of its learning group's, for a pattern that has one) is at
least 0.60 is a convention; a pattern naming a weakness (a CWE) never is. A category whose two
most likely patterns, by Dirichlet posterior means (prior 1 per pattern), are within 0.15 of
each other is contested: every contender in it (a mean within 0.15 of the top one) that meets
the location and file minimums is kept, classed contested, whatever its dominance. Otherwise
a convention is universal (in >= 80% of files and tier established), emerging or legacy
(rising or falling momentum), or project-specific. Its scope is a directory when it covers
< 30% of files and >= 80% of its locations sit in one directory, else the project.

Promotion: discovered -> approved when its tier is established and it spans >= 5 files.
A convention not seen for 90 days expires. The module also holds the convention-deviation
learner that runs over detections (``learn_deviations``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from drift.analysis.confidence import ConfidenceScore, Momentum, PatternAggregate, Tier
from drift.analysis.packs.matching import PatternMatch
from drift.analysis.packs.schema import GroupBy, LearnSpec, PatternSpec

MIN_LOCATIONS = 3
MIN_FILES = 2
MIN_DOMINANCE = 0.60
CONTESTED_MARGIN = 0.15
UNIVERSAL_SPREAD = 0.80
DIRECTORY_SCOPE_MAX_SPREAD = 0.30
DIRECTORY_SCOPE_MIN_SHARE = 0.80
PROMOTION_MIN_FILES = 5
EXPIRY_SECONDS = 90 * 86_400
DEVIATION_SUFFIX = "/deviation"
DEVIATION_MAX_CONFIDENCE = 0.95
PROJECT_SCOPE = "project"


class ConventionClass(StrEnum):
    """What kind of convention a pattern is."""

    UNIVERSAL = "universal"
    PROJECT_SPECIFIC = "project_specific"
    EMERGING = "emerging"
    LEGACY = "legacy"
    CONTESTED = "contested"


class PromotionStatus(StrEnum):
    """Where a convention is in its promotion lifecycle."""

    DISCOVERED = "discovered"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class DiscoveredConvention:
    """A convention found in this analysis run."""

    pattern_id: str
    category: str
    dominance_ratio: float
    location_count: int
    file_spread: int
    convention_class: ConventionClass
    scope: str
    tier: Tier


@dataclass(frozen=True, slots=True)
class ConventionState:
    """A convention as stored across runs (the ``conventions`` table, plus its class)."""

    pattern_id: str
    category: str
    scope: str
    dominance_ratio: float
    promotion_status: PromotionStatus
    discovered_at: int
    last_seen: int
    expires_at: int | None
    convention_class: ConventionClass | None = None


def dirichlet_means(counts: Sequence[int]) -> list[float]:
    """Posterior means of a Dirichlet with prior 1 per category and these counts."""
    total = sum(counts) + len(counts)
    return [(1 + count) / total for count in counts]


def is_contested(counts: Sequence[int]) -> bool:
    """Whether the two most likely patterns of a category are within 0.15 of each other."""
    if len(counts) < 2:
        return False
    first, second = sorted(dirichlet_means(counts), reverse=True)[:2]
    return first - second <= CONTESTED_MARGIN


def _measure(members: Sequence[PatternAggregate]) -> tuple[int, frozenset[str]]:
    """The members' locations in all, and the contenders of a contested set: the patterns
    whose posterior mean is within ``CONTESTED_MARGIN`` of the top one (none when the set is
    not contested). A contest is between the patterns near the top: a pattern at 3 % of an
    errors category whose two leaders are close contests nothing, and had been kept as a
    "contested convention" all the same."""
    counts = [p.location_count for p in members]
    if not is_contested(counts):
        return sum(counts), frozenset()
    means = dirichlet_means(counts)
    top = max(means)
    return sum(counts), frozenset(
        p.pattern_id
        for p, mean in zip(members, means, strict=True)
        if top - mean <= CONTESTED_MARGIN
    )


def _directory(path: str) -> str:
    head, slash, _ = path.rpartition("/")
    return head if slash else "."


def _ancestors(directory: str) -> list[str]:
    """``a/b/c`` gives ``a``, ``a/b`` and ``a/b/c``; the root's files (``.``) give ``.``."""
    if directory == ".":
        return ["."]
    parts = directory.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def convention_scope(pattern: PatternAggregate, total_files: int) -> str:
    """``directory:<dir>`` for a localised pattern, otherwise ``project``."""
    spread = pattern.file_spread / total_files if total_files > 0 else 1.0
    if spread >= DIRECTORY_SCOPE_MAX_SPREAD or not pattern.locations:
        return PROJECT_SCOPE
    # Every directory holding a location counts it, with each of its ancestors: the scope is
    # the deepest one holding enough (sqlmodel's 311 prints spread over fifty folders of
    # ``docs_src/tutorial`` are ``docs_src``'s, though no one folder holds 80 % of them).
    directories: Counter[str] = Counter()
    for location in pattern.locations:
        directories.update(_ancestors(_directory(location.file)))
    needed = DIRECTORY_SCOPE_MIN_SHARE * pattern.location_count
    held = [d for d, count in directories.items() if count >= needed]
    if not held:
        return PROJECT_SCOPE
    deepest = max(held, key=lambda d: (d.count("/"), -directories[d], d))
    return f"directory:{deepest}"


def classify_convention(
    pattern: PatternAggregate, score: ConfidenceScore, total_files: int, contested: bool
) -> ConventionClass:
    """The class of a convention (contested, universal, emerging, legacy, project-specific)."""
    if contested:
        return ConventionClass.CONTESTED
    spread = pattern.file_spread / total_files if total_files > 0 else 0.0
    if spread >= UNIVERSAL_SPREAD and score.tier is Tier.ESTABLISHED:
        return ConventionClass.UNIVERSAL
    if score.momentum is Momentum.RISING:
        return ConventionClass.EMERGING
    if score.momentum is Momentum.FALLING:
        return ConventionClass.LEGACY
    return ConventionClass.PROJECT_SPECIFIC


def discover_conventions(
    patterns: Sequence[PatternAggregate],
    scores: Mapping[str, ConfidenceScore],
    total_files: int,
    *,
    groups: Mapping[str, str] | None = None,
    weaknesses: frozenset[str] = frozenset(),
) -> list[DiscoveredConvention]:
    """Conventions among the top-level patterns that have a score, ordered by pattern id.

    Dominance is a share of the pattern's learning group where ``groups`` gives one (pattern
    id -> group: the patterns the packs make alternatives to each other), else of its whole
    category, as the reference has it. Across the category, class names counted against
    function names (attrs's snake_case functions were "65 % dominant"). A pattern in
    ``weaknesses`` (one that names a CWE: an empty handler, ``pickle.loads``) counts in its
    category's locations but is a finding, never a convention: in the contested errors
    category any of them with three locations had been one.
    """
    eligible = [p for p in patterns if p.parent_id is None and p.pattern_id in scores]
    grouped = groups or {}
    members: dict[str, list[PatternAggregate]] = {}
    for pattern in eligible:
        members.setdefault(pattern.category, []).append(pattern)
        group = grouped.get(pattern.pattern_id)
        if group is not None:
            members.setdefault(f"group:{group}", []).append(pattern)
    measured = {key: _measure(items) for key, items in members.items()}
    found: list[DiscoveredConvention] = []
    for pattern in eligible:
        if pattern.pattern_id in weaknesses:
            continue
        if pattern.location_count < MIN_LOCATIONS or pattern.file_spread < MIN_FILES:
            continue
        group = grouped.get(pattern.pattern_id)
        total, contenders = measured[pattern.category if group is None else f"group:{group}"]
        contested = pattern.pattern_id in contenders
        dominance = pattern.location_count / total if total else 0.0
        if dominance < MIN_DOMINANCE and not contested:
            continue
        score = scores[pattern.pattern_id]
        found.append(
            DiscoveredConvention(
                pattern_id=pattern.pattern_id,
                category=pattern.category,
                dominance_ratio=dominance,
                location_count=pattern.location_count,
                file_spread=pattern.file_spread,
                convention_class=classify_convention(pattern, score, total_files, contested),
                scope=convention_scope(pattern, total_files),
                tier=score.tier,
            )
        )
    return sorted(found, key=lambda c: c.pattern_id)


def should_promote(tier: Tier, file_spread: int) -> bool:
    """Promotion rule: tier established and at least 5 files."""
    return tier is Tier.ESTABLISHED and file_spread >= PROMOTION_MIN_FILES


def update_conventions(
    previous: Iterable[ConventionState],
    discovered: Iterable[DiscoveredConvention],
    now: int,
    *,
    expire_unseen: bool = False,
) -> list[ConventionState]:
    """Carry conventions from the last run forward through this run's discoveries.

    Seen again: ``last_seen`` and ``expires_at`` move on, ``discovered_at`` and a user's
    approval or rejection stay; a discovered convention meeting the promotion rule becomes
    approved; an expired one seen again starts over as discovered. Not seen: unchanged until
    ``expires_at`` has passed, then expired (a rejection stays a rejection); with
    ``expire_unseen`` (the rules changed: this run re-judged everything under the new ones),
    expired at once. Ordered by id.
    """
    states = {state.pattern_id: state for state in previous}
    seen: set[str] = set()
    for item in discovered:
        seen.add(item.pattern_id)
        earlier = states.get(item.pattern_id)
        if earlier is None or earlier.promotion_status is PromotionStatus.EXPIRED:
            status, discovered_at = PromotionStatus.DISCOVERED, now
        else:
            status, discovered_at = earlier.promotion_status, earlier.discovered_at
        if status is PromotionStatus.DISCOVERED and should_promote(item.tier, item.file_spread):
            status = PromotionStatus.APPROVED
        states[item.pattern_id] = ConventionState(
            pattern_id=item.pattern_id,
            category=item.category,
            scope=item.scope,
            dominance_ratio=item.dominance_ratio,
            promotion_status=status,
            discovered_at=discovered_at,
            last_seen=now,
            expires_at=now + EXPIRY_SECONDS,
            convention_class=item.convention_class,
        )
    for pattern_id, state in list(states.items()):
        if pattern_id in seen or state.promotion_status in (
            PromotionStatus.REJECTED,
            PromotionStatus.EXPIRED,
        ):
            continue
        expires_at = (
            state.expires_at if state.expires_at is not None else state.last_seen + EXPIRY_SECONDS
        )
        if expire_unseen or now >= expires_at:
            states[pattern_id] = replace(state, promotion_status=PromotionStatus.EXPIRED)
    return [states[pattern_id] for pattern_id in sorted(states)]


def set_convention_status(state: ConventionState, status: PromotionStatus) -> ConventionState:
    """A user's decision on a convention (approve or reject; discovered to reset)."""
    if status is PromotionStatus.EXPIRED:
        raise ValueError("conventions expire by age, not by a user's decision")
    return replace(state, promotion_status=status)


# -- the convention-deviation learner ---------------------------------------------------------


def learn_group_key(pattern: PatternSpec) -> str:
    """The group a learning pattern's observations are counted in."""
    if pattern.learn is None:
        raise ValueError(f"pattern {pattern.id} has no learn block")
    if pattern.learn.group_by is GroupBy.PATTERN_ID:
        return pattern.id
    if pattern.learn.group_by is GroupBy.CATEGORY:
        return pattern.category
    return f"{pattern.category}:{pattern.sub_type or ''}"


def learn_deviations(
    matches: Iterable[PatternMatch], patterns: Mapping[str, PatternSpec]
) -> list[PatternMatch]:
    """The learner's two passes over every match of the project.

    Pass 1 counts matches per group and pattern. Pass 2, for each match of a learning pattern
    that is not its group's dominant one while the dominant pattern's share is at least
    1 - deviation_threshold, emits ``<id>/deviation`` at that location with confidence
    min(share, 0.95). A tie for the top leaves the group without a dominant pattern.
    """
    learning: list[tuple[PatternMatch, str, LearnSpec]] = []
    keys: dict[str, str] = {}  # group key per pattern id: thousands of matches, few patterns
    for match in matches:
        spec = patterns.get(match.pattern_id)
        # Only the convention signal is defined; the loader rejects any other.
        if spec is not None and spec.learn is not None:
            key = keys.get(match.pattern_id)
            if key is None:
                key = keys[match.pattern_id] = learn_group_key(spec)
            learning.append((match, key, spec.learn))
    counts: dict[str, Counter[str]] = {}
    for match, key, _ in learning:
        counts.setdefault(key, Counter())[match.pattern_id] += 1
    dominant: dict[str, tuple[str, float]] = {}
    for key, counter in counts.items():
        ranked = counter.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            continue
        top, top_count = ranked[0]
        dominant[key] = (top, top_count / sum(counter.values()))
    deviations: list[PatternMatch] = []
    for match, key, learn in learning:
        entry = dominant.get(key)
        if entry is None:
            continue
        top, share = entry
        if top == match.pattern_id or share < 1.0 - learn.deviation_threshold:
            continue
        deviations.append(
            replace(
                match,
                pattern_id=match.pattern_id + DEVIATION_SUFFIX,
                confidence=min(share, DEVIATION_MAX_CONFIDENCE),
                predicate="learn:convention",
            )
        )
    return deviations
