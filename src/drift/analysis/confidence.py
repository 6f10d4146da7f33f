"""Pattern confidence: a Beta posterior blended with six evidence factors.

For a pattern seen in ``k`` of the project's ``N`` files (DECISIONS #7: ``N`` is the real file
count, not a fixed 100) the prior is Beta(1 + k, 1 + max(0, N - k)). Six factors in [0, 1] are
weighted into a score ``s``; with ``n`` locations and blend weight ``w = n / (n + 10)``,
``s·w·n`` is added to alpha and ``(1 - s)·w·n`` to beta. Feedback deltas are added last, both
parameters floored at 0.01. The posterior mean decides the tier; the 95% equal-tailed credible
interval comes from Beta quantiles computed here (no SciPy).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

# Factor weights (sum to 1).
WEIGHT_FREQUENCY = 0.25
WEIGHT_CONSISTENCY = 0.20
WEIGHT_AGE = 0.10
WEIGHT_SPREAD = 0.15
WEIGHT_MOMENTUM = 0.15
WEIGHT_DATA_QUALITY = 0.15

DEFAULT_DATA_QUALITY = 0.7
AGE_FLOOR = 0.1
AGE_FULL_DAYS = 30.0
BLEND_PSEUDO_COUNT = 10.0
PARAMETER_FLOOR = 0.01
CREDIBLE_MASS = 0.95

TIER_ESTABLISHED = 0.85
TIER_EMERGING = 0.70
TIER_TENTATIVE = 0.50

MOMENTUM_WINDOW = 10
MOMENTUM_MIN_POINTS = 3
MOMENTUM_RELATIVE_SLOPE = 0.1


class Tier(StrEnum):
    """How settled a pattern is, by posterior mean."""

    ESTABLISHED = "established"
    EMERGING = "emerging"
    TENTATIVE = "tentative"
    UNCERTAIN = "uncertain"


class Momentum(StrEnum):
    """Whether a pattern is spreading, holding or receding across scans."""

    RISING = "rising"
    STABLE = "stable"
    FALLING = "falling"


MOMENTUM_FACTOR: dict[Momentum, float] = {
    Momentum.RISING: 0.8,
    Momentum.STABLE: 0.5,
    Momentum.FALLING: 0.2,
}


@dataclass(frozen=True, slots=True)
class ConfidenceFactors:
    """The six factors, each in [0, 1]."""

    frequency: float
    consistency: float
    age: float
    spread: float
    momentum: float
    data_quality: float

    @property
    def weighted_sum(self) -> float:
        """The blend score ``s``."""
        return (
            WEIGHT_FREQUENCY * self.frequency
            + WEIGHT_CONSISTENCY * self.consistency
            + WEIGHT_AGE * self.age
            + WEIGHT_SPREAD * self.spread
            + WEIGHT_MOMENTUM * self.momentum
            + WEIGHT_DATA_QUALITY * self.data_quality
        )


@dataclass(frozen=True, slots=True)
class ConfidenceScore:
    """The scored confidence of one pattern."""

    pattern_id: str
    alpha: float
    beta: float
    posterior_mean: float
    credible_interval_low: float
    credible_interval_high: float
    tier: Tier
    momentum: Momentum
    factors: ConfidenceFactors


@dataclass(frozen=True, slots=True)
class ConfidenceInput:
    """What scoring one pattern needs.

    ``category_location_total`` counts the locations of every pattern of the same category,
    this one included; ``total_files`` is the number of files analysed; ``age_days`` is how
    long ago the pattern was first seen; ``feedback`` is the summed (alpha, beta) deltas of its
    feedback rows (see ``drift.analysis.lifecycle.feedback_adjustment``).
    """

    pattern_id: str
    location_count: int
    file_spread: int
    category_location_total: int
    total_files: int
    location_confidences: Sequence[float]
    age_days: float
    momentum: Momentum = Momentum.STABLE
    data_quality: float = DEFAULT_DATA_QUALITY
    feedback: tuple[float, float] = (0.0, 0.0)


def _clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


def sample_variance(values: Sequence[float]) -> float:
    """Sample variance (n - 1 in the denominator); 0 for fewer than two values."""
    count = len(values)
    if count < 2:
        return 0.0
    mean = math.fsum(values) / count
    return math.fsum((v - mean) ** 2 for v in values) / (count - 1)


def age_factor(age_days: float) -> float:
    """0.1 on the first day, rising linearly to 1.0 at 30 days and staying there."""
    days = min(max(age_days, 0.0), AGE_FULL_DAYS)
    return AGE_FLOOR + (1.0 - AGE_FLOOR) * days / AGE_FULL_DAYS


def confidence_factors(item: ConfidenceInput) -> ConfidenceFactors:
    """The six factors of one pattern."""
    frequency = (
        item.location_count / item.category_location_total
        if item.category_location_total > 0
        else 0.0
    )
    spread = item.file_spread / item.total_files if item.total_files > 0 else 0.0
    return ConfidenceFactors(
        frequency=_clamp01(frequency),
        consistency=_clamp01(1.0 - sample_variance(item.location_confidences)),
        age=age_factor(item.age_days),
        spread=_clamp01(spread),
        momentum=MOMENTUM_FACTOR[item.momentum],
        data_quality=_clamp01(item.data_quality),
    )


def posterior_parameters(
    file_spread: int,
    total_files: int,
    location_count: int,
    blend_score: float,
    feedback: tuple[float, float] = (0.0, 0.0),
) -> tuple[float, float]:
    """Alpha and beta: the file-spread prior, the blended evidence, then the feedback deltas."""
    alpha = 1.0 + file_spread
    beta = 1.0 + max(0, total_files - file_spread)
    n = float(location_count)
    if n > 0:
        weight = n / (n + BLEND_PSEUDO_COUNT)
        alpha += blend_score * weight * n
        beta += (1.0 - blend_score) * weight * n
    alpha = max(PARAMETER_FLOOR, alpha + feedback[0])
    beta = max(PARAMETER_FLOOR, beta + feedback[1])
    return alpha, beta


def tier_for(posterior_mean: float) -> Tier:
    """The tier a posterior mean falls in."""
    if posterior_mean >= TIER_ESTABLISHED:
        return Tier.ESTABLISHED
    if posterior_mean >= TIER_EMERGING:
        return Tier.EMERGING
    if posterior_mean >= TIER_TENTATIVE:
        return Tier.TENTATIVE
    return Tier.UNCERTAIN


def credible_interval(
    alpha: float, beta: float, mass: float = CREDIBLE_MASS
) -> tuple[float, float]:
    """The equal-tailed credible interval of Beta(alpha, beta) holding ``mass``."""
    tail = (1.0 - mass) / 2.0
    return beta_quantile(tail, alpha, beta), beta_quantile(1.0 - tail, alpha, beta)


def score_pattern(item: ConfidenceInput) -> ConfidenceScore:
    """Score one pattern."""
    factors = confidence_factors(item)
    alpha, beta = posterior_parameters(
        item.file_spread,
        item.total_files,
        item.location_count,
        factors.weighted_sum,
        item.feedback,
    )
    mean = alpha / (alpha + beta)
    low, high = credible_interval(alpha, beta)
    return ConfidenceScore(
        pattern_id=item.pattern_id,
        alpha=alpha,
        beta=beta,
        posterior_mean=mean,
        credible_interval_low=low,
        credible_interval_high=high,
        tier=tier_for(mean),
        momentum=item.momentum,
        factors=factors,
    )


def momentum_from_history(values: Sequence[float], window: int = MOMENTUM_WINDOW) -> Momentum:
    """Momentum from a per-scan series (oldest first), e.g. a pattern's location counts.

    The least-squares slope over the last ``window`` scans, divided by the series mean, above
    +0.1 is rising and below -0.1 falling. Fewer than three scans, or a mean of zero, is stable.
    """
    recent = list(values)[-window:]
    count = len(recent)
    if count < MOMENTUM_MIN_POINTS:
        return Momentum.STABLE
    mean_y = math.fsum(recent) / count
    if mean_y <= 0.0:
        return Momentum.STABLE
    mean_x = (count - 1) / 2.0
    sxx = math.fsum((x - mean_x) ** 2 for x in range(count))
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in enumerate(recent))
    relative = (sxy / sxx) / mean_y
    if relative > MOMENTUM_RELATIVE_SLOPE:
        return Momentum.RISING
    if relative < -MOMENTUM_RELATIVE_SLOPE:
        return Momentum.FALLING
    return Momentum.STABLE


# -- Beta distribution ------------------------------------------------------------------------

_CF_EPSILON = 1e-15
_CF_TINY = 1e-300
_CF_MAX_ITERATIONS = 20_000
_QUANTILE_TOLERANCE = 1e-13
_QUANTILE_MAX_ITERATIONS = 400
_LOG_MAX_FLOAT = 700.0


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _continued_fraction(a: float, b: float, x: float) -> float:
    # Modified Lentz evaluation of the continued fraction for the incomplete beta function.
    qab = a + b
    qap = a + 1.0
    qam = a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    if abs(d) < _CF_TINY:
        d = _CF_TINY
    d = 1.0 / d
    h = d
    for m in range(1, _CF_MAX_ITERATIONS + 1):
        m2 = 2 * m
        numerator = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + numerator * d
        d = _CF_TINY if abs(d) < _CF_TINY else d
        c = 1.0 + numerator / c
        c = _CF_TINY if abs(c) < _CF_TINY else c
        d = 1.0 / d
        h *= d * c
        numerator = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + numerator * d
        d = _CF_TINY if abs(d) < _CF_TINY else d
        c = 1.0 + numerator / c
        c = _CF_TINY if abs(c) < _CF_TINY else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < _CF_EPSILON:
            break
    return h


def regularized_incomplete_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), the CDF of Beta(a, b) at x."""
    if a <= 0.0 or b <= 0.0:
        raise ValueError("Beta parameters must be positive")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = a * math.log(x) + b * math.log1p(-x) - _log_beta(a, b)
    front = math.exp(log_front)
    # The continued fraction converges fast only on this side of the mean; use symmetry beyond.
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def beta_pdf(x: float, a: float, b: float) -> float:
    """Density of Beta(a, b) at x in (0, 1)."""
    if x <= 0.0 or x >= 1.0:
        return 0.0
    log_density = _log_beta_pdf(x, a, b)
    return math.inf if log_density > _LOG_MAX_FLOAT else math.exp(log_density)


def _log_beta_pdf(x: float, a: float, b: float) -> float:
    return (a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x) - _log_beta(a, b)


def _initial_quantile(p: float, a: float, b: float) -> float:
    if a >= 1.0 and b >= 1.0:
        # Normal approximation (Abramowitz & Stegun 26.5.22), good when both shapes are >= 1.
        pp = p if p < 0.5 else 1.0 - p
        t = math.sqrt(-2.0 * math.log(pp))
        z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t
        if p < 0.5:
            z = -z
        lam = (z * z - 3.0) / 6.0
        h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0))
        w = z * math.sqrt(h + lam) / h - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (
            lam + 5.0 / 6.0 - 2.0 / (3.0 * h)
        )
        return a / (a + b * math.exp(2.0 * w))
    # Small shapes: invert the leading terms of the CDF near each end.
    log_a = math.log(a / (a + b))
    log_b = math.log(b / (a + b))
    t = math.exp(a * log_a) / a
    u = math.exp(b * log_b) / b
    w = t + u
    if p < t / w:
        return float((a * w * p) ** (1.0 / a))
    return 1.0 - float((b * w * (1.0 - p)) ** (1.0 / b))


def beta_quantile(p: float, a: float, b: float) -> float:
    """The p-quantile of Beta(a, b): Newton steps kept inside a shrinking bisection bracket."""
    if a <= 0.0 or b <= 0.0:
        raise ValueError("Beta parameters must be positive")
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    low, high = 0.0, 1.0
    x = min(max(_initial_quantile(p, a, b), 1e-300), 1.0 - 1e-16)
    best, best_error = x, math.inf
    for _ in range(_QUANTILE_MAX_ITERATIONS):
        error = regularized_incomplete_beta(x, a, b) - p
        if abs(error) < best_error:
            best, best_error = x, abs(error)
        if error < 0.0:
            low = x
        else:
            high = x
        # Done when close enough, or when no float lies between the bracket's ends: near 1
        # with a small ``b`` the CDF moves by more than the tolerance from one float to the
        # next, and the answer is the float closest to it.
        if abs(error) < _QUANTILE_TOLERANCE * max(p, 1e-300) or math.nextafter(low, 1.0) >= high:
            break
        # Near a pole of the density (shape < 1) Newton steps are useless: bisect instead.
        log_density = _log_beta_pdf(x, a, b)
        candidate = (
            x - error / math.exp(log_density)
            if -_LOG_MAX_FLOAT < log_density < _LOG_MAX_FLOAT
            else -1.0
        )
        if not low < candidate < high:
            candidate = (low + high) / 2.0
        x = candidate
    return best


# -- Aggregation -----------------------------------------------------------------------------
# Scoring works on per-pattern aggregates. They live here, next to the scorer they feed.

JACCARD_REVIEW = 0.85
JACCARD_MERGE = 0.95
SINGLE_FILE_WARNING_SHARE = 0.90


@dataclass(frozen=True, slots=True)
class Observation:
    """One raw match of a pattern, as detection produced it."""

    pattern_id: str
    category: str
    file: str
    line: int
    column: int
    confidence: float


@dataclass(frozen=True, slots=True)
class PatternLocation:
    """One de-duplicated location of a pattern."""

    file: str
    line: int
    column: int
    confidence: float


@dataclass(frozen=True, slots=True)
class PatternAggregate:
    """A pattern's locations (sorted by file, line, column) and their statistics.

    ``confidences`` are aligned with ``locations``: index i of one is index i of the other, so
    an outlier found at index i is reported at location i (reference Appendix A, quirk 3).
    ``parent_id`` is set on a near-duplicate merged into another pattern.
    """

    pattern_id: str
    category: str
    locations: tuple[PatternLocation, ...]
    file_spread: int
    mean_confidence: float
    stddev_confidence: float
    location_hash: str
    parent_id: str | None = None

    @property
    def location_count(self) -> int:
        """Number of distinct locations."""
        return len(self.locations)

    @property
    def confidences(self) -> tuple[float, ...]:
        """Per-location confidences, in location order."""
        return tuple(location.confidence for location in self.locations)


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """Two patterns of one category whose ``file:line`` sets overlap heavily."""

    first: str
    second: str
    similarity: float
    merged: bool


@dataclass(frozen=True, slots=True)
class AggregationResult:
    """Aggregates plus the diagnostics the reference asks for."""

    patterns: tuple[PatternAggregate, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    raw_matches: int
    unique_locations: int
    single_file_share: float

    @property
    def dedup_ratio(self) -> float:
        """Share of raw matches dropped as duplicates of a location."""
        return 1.0 - self.unique_locations / self.raw_matches if self.raw_matches else 0.0

    @property
    def concentrated(self) -> bool:
        """True when more than 90% of patterns sit in a single file each."""
        return self.single_file_share > SINGLE_FILE_WARNING_SHARE

    def top_level(self) -> tuple[PatternAggregate, ...]:
        """Patterns that were not merged into another one."""
        return tuple(p for p in self.patterns if p.parent_id is None)


def aggregate(observations: Sequence[Observation]) -> AggregationResult:
    """Group matches by pattern, de-duplicate locations, compute statistics, merge duplicates.

    A location is ``file:line:column``; duplicates keep the highest confidence. Patterns of one
    category whose ``file:line`` sets have Jaccard similarity >= 0.85 are reported; >= 0.95 are
    merged: the pattern with more locations (then the smaller id) becomes the parent, takes the
    union of the locations, and the other keeps its own statistics with ``parent_id`` set.
    """
    grouped: dict[str, dict[tuple[str, int, int], float]] = {}
    categories: dict[str, str] = {}
    for item in observations:
        categories.setdefault(item.pattern_id, item.category)
        locations = grouped.setdefault(item.pattern_id, {})
        key = (item.file, item.line, item.column)
        previous = locations.get(key)
        if previous is None or item.confidence > previous:
            locations[key] = item.confidence
    base = {
        pattern_id: _build_aggregate(pattern_id, categories[pattern_id], locations)
        for pattern_id, locations in grouped.items()
    }
    pairs = _near_duplicate_pairs(base)
    merged = _merge(base, grouped, categories, pairs)
    patterns = tuple(merged[pattern_id] for pattern_id in sorted(merged))
    single = sum(1 for p in patterns if p.file_spread == 1)
    return AggregationResult(
        patterns=patterns,
        near_duplicates=tuple(pairs),
        raw_matches=len(observations),
        unique_locations=sum(len(locations) for locations in grouped.values()),
        single_file_share=single / len(patterns) if patterns else 0.0,
    )


def category_location_totals(patterns: Sequence[PatternAggregate]) -> dict[str, int]:
    """Locations per category over top-level patterns (merged children are inside parents)."""
    totals: dict[str, int] = {}
    for pattern in patterns:
        if pattern.parent_id is None:
            totals[pattern.category] = totals.get(pattern.category, 0) + pattern.location_count
    return totals


def _build_aggregate(
    pattern_id: str,
    category: str,
    locations: dict[tuple[str, int, int], float],
    parent_id: str | None = None,
) -> PatternAggregate:
    ordered = tuple(
        PatternLocation(file=f, line=line, column=column, confidence=locations[(f, line, column)])
        for f, line, column in sorted(locations)
    )
    values = [location.confidence for location in ordered]
    mean = math.fsum(values) / len(values) if values else 0.0
    digest = hashlib.sha256(
        "\n".join(f"{loc.file}:{loc.line}:{loc.column}" for loc in ordered).encode()
    ).hexdigest()[:16]
    return PatternAggregate(
        pattern_id=pattern_id,
        category=category,
        locations=ordered,
        file_spread=len({location.file for location in ordered}),
        mean_confidence=mean,
        stddev_confidence=math.sqrt(sample_variance(values)),
        location_hash=digest,
        parent_id=parent_id,
    )


def _line_keys(pattern: PatternAggregate) -> set[tuple[str, int]]:
    return {(location.file, location.line) for location in pattern.locations}


def _near_duplicate_pairs(patterns: dict[str, PatternAggregate]) -> list[NearDuplicate]:
    # Exact Jaccard through an inverted index: only patterns sharing a file:line are compared,
    # which keeps this near-linear without the reference's MinHash approximation.
    keys = {pattern_id: _line_keys(p) for pattern_id, p in patterns.items()}
    index: dict[tuple[str, str, int], list[str]] = {}
    for pattern_id in sorted(keys):
        category = patterns[pattern_id].category
        for file, line in keys[pattern_id]:
            index.setdefault((category, file, line), []).append(pattern_id)
    shared: Counter[tuple[str, str]] = Counter()
    for members in index.values():
        if len(members) > 1:
            shared.update(combinations(members, 2))
    pairs: list[NearDuplicate] = []
    for (first, second), intersection in sorted(shared.items()):
        union = len(keys[first]) + len(keys[second]) - intersection
        similarity = intersection / union
        if similarity >= JACCARD_REVIEW:
            pairs.append(NearDuplicate(first, second, similarity, similarity >= JACCARD_MERGE))
    return pairs


def _merge(
    base: dict[str, PatternAggregate],
    grouped: dict[str, dict[tuple[str, int, int], float]],
    categories: dict[str, str],
    pairs: Sequence[NearDuplicate],
) -> dict[str, PatternAggregate]:
    parent_of = {pattern_id: pattern_id for pattern_id in base}

    def root(pattern_id: str) -> str:
        while parent_of[pattern_id] != pattern_id:
            parent_of[pattern_id] = parent_of[parent_of[pattern_id]]
            pattern_id = parent_of[pattern_id]
        return pattern_id

    for pair in pairs:
        if pair.merged:
            first, second = root(pair.first), root(pair.second)
            if first != second:
                parent_of[max(first, second, key=lambda p: _rank(base[p]))] = min(
                    first, second, key=lambda p: _rank(base[p])
                )
    result = dict(base)
    components: dict[str, list[str]] = {}
    for pattern_id in base:
        components.setdefault(root(pattern_id), []).append(pattern_id)
    for head, members in components.items():
        if len(members) == 1:
            continue
        union: dict[tuple[str, int, int], float] = {}
        for member in members:
            for key, value in grouped[member].items():
                if value > union.get(key, -1.0):
                    union[key] = value
        result[head] = _build_aggregate(head, categories[head], union)
        for member in members:
            if member != head:
                result[member] = _build_aggregate(
                    member, categories[member], grouped[member], parent_id=head
                )
    return result


def _rank(pattern: PatternAggregate) -> tuple[int, str]:
    # Smaller ranks first: more locations wins, then the smaller id.
    return (-pattern.location_count, pattern.pattern_id)
