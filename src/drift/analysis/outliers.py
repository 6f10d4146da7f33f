"""Outliers among a pattern's values, with the method chosen by sample size and shape.

Below 10 values only the rules run (zero value, cliff). From 10 values on, the primary method
depends on the sample size and a normality check (|skew| <= 2 and |excess kurtosis| <= 7):

- n >= 30: z-score (2.5, up to three rounds of masking) if normal, else IQR (1.5x);
- 25-29: generalized ESD (at most ceil(sqrt(n)) outliers, capped at 10, alpha 0.05) if
  normal, else MAD (modified z-score 3.5);
- 10-24: Grubbs (alpha 0.05) if normal, else MAD.

IQR also runs from 30 values, MAD from 10, and the rules (including isolation, 3 sigma below
the mean, from 10) always. An index flagged by several methods has its deviation score
multiplied by min(count / 2, 1.5); one flagged by a single statistical method drops a
significance tier. Every result keeps the index of the value in the input sequence, so the
caller maps it back to the right location.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from drift.analysis.confidence import PatternAggregate, PatternLocation, beta_quantile

MIN_STATISTICAL_SAMPLE = 10
ZSCORE_MIN_SAMPLE = 30
ESD_MIN_SAMPLE = 25
ZSCORE_THRESHOLD = 2.5
ZSCORE_MAX_ROUNDS = 3
GRUBBS_MAX_ROUNDS = 3
IQR_MULTIPLIER = 1.5
MAD_THRESHOLD = 3.5
MAD_SCALE = 0.6745
MEAN_AD_SCALE = 1.253314
TEST_ALPHA = 0.05
ESD_MAX_OUTLIERS_CAP = 10
NORMAL_MAX_ABS_SKEW = 2.0
NORMAL_MAX_ABS_EXCESS_KURTOSIS = 7.0
CLIFF_FRACTION = 0.5
ISOLATION_SIGMAS = 3.0

# Rules carry the significance the reference gives them, expressed as a deviation score in the
# matching band so that they combine with statistical methods on one scale.
RULE_ZERO_DEVIATION = 0.8
RULE_CLIFF_DEVIATION = 0.7
RULE_ISOLATION_DEVIATION = 0.4


class Significance(StrEnum):
    """How strongly a value stands out."""

    CRITICAL = "critical"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


_TIER_ORDER = (Significance.CRITICAL, Significance.HIGH, Significance.MODERATE, Significance.LOW)


class Method(StrEnum):
    """Outlier methods; the last three are the rules."""

    ZSCORE = "zscore"
    IQR = "iqr"
    MAD = "mad"
    GRUBBS = "grubbs"
    GENERALIZED_ESD = "generalized_esd"
    ZERO_VALUE = "zero_value"
    CLIFF = "cliff"
    ISOLATION = "isolation"


RULE_METHODS: frozenset[Method] = frozenset({Method.ZERO_VALUE, Method.CLIFF, Method.ISOLATION})


@dataclass(frozen=True, slots=True)
class MethodFlag:
    """One method's verdict on one value."""

    index: int
    method: Method
    statistic: float
    deviation_score: float


@dataclass(frozen=True, slots=True)
class Outlier:
    """A value flagged by one or more methods, after the ensemble."""

    index: int
    value: float
    deviation_score: float
    significance: Significance
    methods: tuple[Method, ...]
    direction: str

    @property
    def method(self) -> str:
        """The methods as one label, e.g. ``iqr+mad``."""
        return "+".join(method.value for method in self.methods)


@dataclass(frozen=True, slots=True)
class LocatedOutlier:
    """An outlier of a pattern at its file and line."""

    pattern_id: str
    file: str
    line: int
    column: int
    value: float
    deviation_score: float
    significance: Significance
    method: str


def significance_for(score: float) -> Significance:
    """Tier of a deviation score: >= 0.9 critical, >= 0.7 high, >= 0.4 moderate, else low."""
    if score >= 0.9:
        return Significance.CRITICAL
    if score >= 0.7:
        return Significance.HIGH
    if score >= 0.4:
        return Significance.MODERATE
    return Significance.LOW


def _deviation(statistic: float, threshold: float) -> float:
    # How far beyond its threshold a statistic lies, as a share of the threshold, in [0, 1].
    if math.isinf(statistic):
        return 1.0
    return min(1.0, max(0.0, (statistic - threshold) / threshold))


# -- descriptive statistics -------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _sample_sd(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile (the common "type 7" definition)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def skewness(values: Sequence[float]) -> float:
    """Moment skewness g1; 0 for constant data."""
    mean = _mean(values)
    m2 = math.fsum((v - mean) ** 2 for v in values) / len(values)
    if m2 == 0.0:
        return 0.0
    m3 = math.fsum((v - mean) ** 3 for v in values) / len(values)
    return m3 / math.pow(m2, 1.5)


def excess_kurtosis(values: Sequence[float]) -> float:
    """Moment excess kurtosis g2; 0 for constant data."""
    mean = _mean(values)
    m2 = math.fsum((v - mean) ** 2 for v in values) / len(values)
    if m2 == 0.0:
        return 0.0
    m4 = math.fsum((v - mean) ** 4 for v in values) / len(values)
    return m4 / (m2 * m2) - 3.0


def is_normal(values: Sequence[float]) -> bool:
    """The reference's normality check: |skew| <= 2 and |excess kurtosis| <= 7."""
    return (
        abs(skewness(values)) <= NORMAL_MAX_ABS_SKEW
        and abs(excess_kurtosis(values)) <= NORMAL_MAX_ABS_EXCESS_KURTOSIS
    )


def student_t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with ``df`` degrees of freedom."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if p == 0.5:
        return 0.0
    tail = 2.0 * min(p, 1.0 - p)
    # P(|T| > t) = I_{df/(df+t^2)}(df/2, 1/2): invert the incomplete beta for x, then solve for t.
    x = beta_quantile(tail, df / 2.0, 0.5)
    t = math.sqrt(df * (1.0 - x) / x)
    return t if p > 0.5 else -t


def grubbs_critical_value(n: int, alpha: float = TEST_ALPHA) -> float:
    """Two-sided Grubbs critical value G for n values at significance alpha."""
    if n < 3:
        raise ValueError("Grubbs' test needs at least 3 values")
    t = student_t_quantile(1.0 - alpha / (2.0 * n), n - 2)
    return (n - 1) / math.sqrt(n) * math.sqrt(t * t / (n - 2 + t * t))


def esd_critical_value(n: int, i: int, alpha: float = TEST_ALPHA) -> float:
    """Rosner's lambda_i for the i-th (1-based) candidate among n values."""
    p = 1.0 - alpha / (2.0 * (n - i + 1))
    t = student_t_quantile(p, n - i - 1)
    return (n - i) * t / math.sqrt((n - i - 1 + t * t) * (n - i + 1))


# -- methods ----------------------------------------------------------------------------------


def zscore_outliers(
    values: Sequence[float],
    threshold: float = ZSCORE_THRESHOLD,
    max_rounds: int = ZSCORE_MAX_ROUNDS,
) -> list[MethodFlag]:
    """|z| > threshold, re-estimated without the flagged values for up to ``max_rounds``."""
    flags: list[MethodFlag] = []
    remaining = list(range(len(values)))
    for _ in range(max_rounds):
        if len(remaining) < 3:
            break
        subset = [values[i] for i in remaining]
        mean, sd = _mean(subset), _sample_sd(subset)
        if sd == 0.0:
            break
        found = []
        for i in remaining:
            z = abs(values[i] - mean) / sd
            if z > threshold:
                found.append(MethodFlag(i, Method.ZSCORE, z, _deviation(z, threshold)))
        if not found:
            break
        flags.extend(found)
        flagged = {flag.index for flag in found}
        remaining = [i for i in remaining if i not in flagged]
    return flags


def iqr_outliers(values: Sequence[float], multiplier: float = IQR_MULTIPLIER) -> list[MethodFlag]:
    """Values outside Tukey's fences [Q1 - k*IQR, Q3 + k*IQR]."""
    if len(values) < 4:
        return []
    q1, q3 = quantile(values, 0.25), quantile(values, 0.75)
    spread = q3 - q1
    low, high = q1 - multiplier * spread, q3 + multiplier * spread
    flags = []
    for i, value in enumerate(values):
        if value < low or value > high:
            distance = (q1 - value) if value < low else (value - q3)
            # The statistic is the distance from the quartile in IQRs; with IQR 0 it is unbounded.
            statistic = distance / spread if spread > 0 else math.inf
            flags.append(MethodFlag(i, Method.IQR, statistic, _deviation(statistic, multiplier)))
    return flags


def mad_outliers(values: Sequence[float], threshold: float = MAD_THRESHOLD) -> list[MethodFlag]:
    """Modified z-score 0.6745*(x - median)/MAD above ``threshold``.

    When more than half the values are equal the MAD is 0; the mean absolute deviation
    (scaled by 1.253314, Iglewicz and Hoaglin) stands in for it then.
    """
    if len(values) < 3:
        return []
    median = _median(values)
    deviations = [abs(v - median) for v in values]
    mad = _median(deviations)
    if mad > 0:
        scores = [MAD_SCALE * d / mad for d in deviations]
    else:
        mean_ad = _mean(deviations)
        if mean_ad == 0:
            return []
        scores = [d / (MEAN_AD_SCALE * mean_ad) for d in deviations]
    return [
        MethodFlag(i, Method.MAD, score, _deviation(score, threshold))
        for i, score in enumerate(scores)
        if score > threshold
    ]


def grubbs_outliers(
    values: Sequence[float], alpha: float = TEST_ALPHA, max_rounds: int = GRUBBS_MAX_ROUNDS
) -> list[MethodFlag]:
    """Two-sided Grubbs test, repeated on the remaining values while it finds one."""
    flags: list[MethodFlag] = []
    remaining = list(range(len(values)))
    for _ in range(max_rounds):
        n = len(remaining)
        if n < 3:
            break
        subset = [values[i] for i in remaining]
        mean, sd = _mean(subset), _sample_sd(subset)
        if sd == 0.0:
            break
        index = max(remaining, key=lambda i: (abs(values[i] - mean), -i))
        g = abs(values[index] - mean) / sd
        critical = grubbs_critical_value(n, alpha)
        if g <= critical:
            break
        flags.append(MethodFlag(index, Method.GRUBBS, g, _deviation(g, critical)))
        remaining.remove(index)
    return flags


def generalized_esd_outliers(
    values: Sequence[float], max_outliers: int | None = None, alpha: float = TEST_ALPHA
) -> list[MethodFlag]:
    """Rosner's generalized ESD: the largest i with R_i > lambda_i gives i outliers."""
    n = len(values)
    if max_outliers is None:
        max_outliers = min(math.ceil(math.sqrt(n)), ESD_MAX_OUTLIERS_CAP)
    max_outliers = min(max_outliers, n - 2)
    remaining = list(range(n))
    candidates: list[tuple[int, float, float]] = []
    for i in range(1, max_outliers + 1):
        subset = [values[j] for j in remaining]
        mean, sd = _mean(subset), _sample_sd(subset)
        if sd == 0.0:
            break
        index = max(remaining, key=lambda j: (abs(values[j] - mean), -j))
        statistic = abs(values[index] - mean) / sd
        candidates.append((index, statistic, esd_critical_value(n, i, alpha)))
        remaining.remove(index)
    count = 0
    for position, (_, statistic, critical) in enumerate(candidates, start=1):
        if statistic > critical:
            count = position
    return [
        MethodFlag(index, Method.GENERALIZED_ESD, statistic, _deviation(statistic, critical))
        for index, statistic, critical in candidates[:count]
    ]


def rule_outliers(values: Sequence[float]) -> list[MethodFlag]:
    """The rules: a zero value, a cliff (more than 50% below the mean) and, from 10 values,
    isolation (more than 3 sample standard deviations below the mean)."""
    if not values:
        return []
    mean = _mean(values)
    if mean <= 0.0:
        return []
    sd = _sample_sd(values) if len(values) >= MIN_STATISTICAL_SAMPLE else 0.0
    flags: list[MethodFlag] = []
    for i, value in enumerate(values):
        if value == 0.0:
            flags.append(MethodFlag(i, Method.ZERO_VALUE, value, RULE_ZERO_DEVIATION))
        if value < CLIFF_FRACTION * mean:
            drop = (mean - value) / mean
            flags.append(MethodFlag(i, Method.CLIFF, drop, RULE_CLIFF_DEVIATION))
        if sd > 0.0 and value < mean - ISOLATION_SIGMAS * sd:
            sigmas = (mean - value) / sd
            flags.append(MethodFlag(i, Method.ISOLATION, sigmas, RULE_ISOLATION_DEVIATION))
    return flags


# -- ensemble ---------------------------------------------------------------------------------


def methods_for(values: Sequence[float]) -> tuple[Method, ...]:
    """The statistical methods that run for this sample (rules always run too)."""
    n = len(values)
    if n < MIN_STATISTICAL_SAMPLE:
        return ()
    normal = is_normal(values)
    if n >= ZSCORE_MIN_SAMPLE:
        primary = Method.ZSCORE if normal else Method.IQR
        chosen = [primary, Method.IQR, Method.MAD]
    elif n >= ESD_MIN_SAMPLE:
        chosen = [Method.GENERALIZED_ESD if normal else Method.MAD, Method.MAD]
    else:
        chosen = [Method.GRUBBS if normal else Method.MAD, Method.MAD]
    return tuple(dict.fromkeys(chosen))


_RUNNERS: dict[Method, Callable[[Sequence[float]], list[MethodFlag]]] = {
    Method.ZSCORE: zscore_outliers,
    Method.IQR: iqr_outliers,
    Method.MAD: mad_outliers,
    Method.GRUBBS: grubbs_outliers,
    Method.GENERALIZED_ESD: generalized_esd_outliers,
}


def detect_outliers(values: Sequence[float], *, rules: bool = True) -> list[Outlier]:
    """Outliers of ``values`` by the size-dependent ensemble, ordered by index.

    ``rules=False`` leaves out the rules, which judge low values only and suit confidences,
    not counts.
    """
    flags: list[MethodFlag] = rule_outliers(values) if rules else []
    for method in methods_for(values):
        flags.extend(_RUNNERS[method](values))
    return combine_flags(values, flags)


def combine_flags(values: Sequence[float], flags: Iterable[MethodFlag]) -> list[Outlier]:
    """The ensemble: one Outlier per flagged index, ordered by index.

    The score is the highest deviation among the index's methods, times min(count / 2, 1.5)
    when several methods agree (capped at 1); a lone statistical method drops one tier.
    """
    by_index: dict[int, dict[Method, MethodFlag]] = {}
    for flag in flags:
        current = by_index.setdefault(flag.index, {}).get(flag.method)
        if current is None or flag.deviation_score > current.deviation_score:
            by_index[flag.index][flag.method] = flag
    centre = _median(values) if values else 0.0
    result: list[Outlier] = []
    for index in sorted(by_index):
        found = by_index[index]
        count = len(found)
        score = max(flag.deviation_score for flag in found.values())
        if count > 1:
            # Rounded so that products such as 0.6 * 1.5 land on the band edge they mean.
            score = round(min(1.0, score * min(count / 2.0, 1.5)), 12)
        significance = significance_for(score)
        if count == 1 and not RULE_METHODS.intersection(found):
            significance = _TIER_ORDER[min(_TIER_ORDER.index(significance) + 1, 3)]
        result.append(
            Outlier(
                index=index,
                value=values[index],
                deviation_score=score,
                significance=significance,
                methods=tuple(sorted(found, key=lambda m: list(Method).index(m))),
                direction="below" if values[index] < centre else "above",
            )
        )
    return result


def outlier_ratio(outlier_count: int, location_count: int) -> float:
    """Outliers per location (0 when there are no locations)."""
    return outlier_count / location_count if location_count > 0 else 0.0


def pattern_outliers(pattern: PatternAggregate) -> list[LocatedOutlier]:
    """Outliers among a pattern's per-location confidences, at their own locations."""
    outliers = detect_outliers(pattern.confidences)
    return [_locate(pattern, pattern.locations[o.index], o) for o in outliers]


def file_count_outliers(pattern: PatternAggregate) -> list[LocatedOutlier]:
    """Outliers among a pattern's per-file location counts, each at that file's first location.

    Detector confidences are mostly one constant per pattern, so this series is the one that
    varies: a file using a pattern far more or less than the others stands out.
    """
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for position, location in enumerate(pattern.locations):
        first.setdefault(location.file, position)
        counts[location.file] = counts.get(location.file, 0) + 1
    files = list(first)
    outliers = detect_outliers([float(counts[f]) for f in files], rules=False)
    return [_locate(pattern, pattern.locations[first[files[o.index]]], o) for o in outliers]


def _locate(
    pattern: PatternAggregate, location: PatternLocation, outlier: Outlier
) -> LocatedOutlier:
    return LocatedOutlier(
        pattern_id=pattern.pattern_id,
        file=location.file,
        line=location.line,
        column=location.column,
        value=outlier.value,
        deviation_score=outlier.deviation_score,
        significance=outlier.significance,
        method=outlier.method,
    )
