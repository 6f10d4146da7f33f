"""Outlier detection: each method, the selection by sample size, the ensemble, the locations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.confidence import Observation, aggregate
from drift.analysis.outliers import (
    MIN_STATISTICAL_SAMPLE,
    RULE_METHODS,
    Method,
    MethodFlag,
    Significance,
    combine_flags,
    detect_outliers,
    esd_critical_value,
    excess_kurtosis,
    file_count_outliers,
    generalized_esd_outliers,
    grubbs_critical_value,
    grubbs_outliers,
    iqr_outliers,
    is_normal,
    mad_outliers,
    methods_for,
    outlier_ratio,
    pattern_outliers,
    quantile,
    rule_outliers,
    significance_for,
    skewness,
    student_t_quantile,
    zscore_outliers,
)

# NIST/SEMATECH e-Handbook 1.3.5.17.3: 54 values, generalized ESD finds 3 outliers.
ROSNER = [
    float(v)
    for v in (
        "-0.25 0.68 0.94 1.15 1.20 1.26 1.26 1.34 1.38 1.43 1.49 1.49 1.55 1.56 1.58 1.65 "
        "1.69 1.70 1.76 1.77 1.81 1.91 1.94 1.96 1.99 2.06 2.09 2.10 2.14 2.15 2.23 2.24 "
        "2.26 2.35 2.37 2.40 2.47 2.54 2.62 2.64 2.90 2.92 2.92 2.93 3.21 3.26 3.30 3.59 "
        "3.68 4.30 4.64 5.34 5.42 6.01"
    ).split()
]


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 10, 2.228139),  # standard t tables
        (0.975, 1, 12.706205),
        (0.995, 5, 4.032143),
        (0.025, 10, -2.228139),
        (0.5, 7, 0.0),
    ],
)
def test_student_t_quantiles(p: float, df: float, expected: float) -> None:
    assert student_t_quantile(p, df) == pytest.approx(expected, abs=1e-6)


def test_grubbs_critical_values_match_the_tables() -> None:
    # Two-sided alpha = 0.05: n = 10 -> 2.290, n = 20 -> 2.708 (Grubbs tables).
    assert grubbs_critical_value(10) == pytest.approx(2.290, abs=5e-4)
    assert grubbs_critical_value(20) == pytest.approx(2.708, abs=5e-4)
    with pytest.raises(ValueError, match="at least 3"):
        grubbs_critical_value(2)


def test_generalized_esd_on_the_nist_example() -> None:
    # NIST lists R_i = 3.118, 2.942, 3.179 against lambda_i = 3.158, 3.151, 3.143 for i = 1..3
    # and R_i below lambda_i for i = 4..10, so the number of outliers is 3.
    for i, expected in enumerate((3.158, 3.151, 3.143, 3.136, 3.128), start=1):
        assert esd_critical_value(54, i) == pytest.approx(expected, abs=2e-3)
    flags = generalized_esd_outliers(ROSNER, max_outliers=10)
    assert [f.index for f in flags] == [53, 52, 51]  # 6.01, 5.42, 5.34
    assert [round(f.statistic, 3) for f in flags] == [3.119, 2.943, 3.179]
    # R_1 and R_2 are below their lambda: they count only because R_3 exceeds its own.
    assert flags[0].deviation_score == 0.0
    assert flags[2].deviation_score == pytest.approx((3.179424 - 3.143) / 3.143, abs=1e-3)


def test_zscore_single_round() -> None:
    # nine 1s and an 11: mean 2, SS = 9*1 + 81 = 90, sd = sqrt(90/9) = 3.162278,
    # z(11) = 9/3.162278 = 2.846050 > 2.5; deviation (2.846050 - 2.5)/2.5 = 0.138420
    (flag,) = zscore_outliers([1.0] * 9 + [11.0])
    assert flag.index == 9
    assert flag.statistic == pytest.approx(2.846050, abs=1e-6)
    assert flag.deviation_score == pytest.approx(0.138420, abs=1e-6)


def test_zscore_masking_rounds() -> None:
    # Round 1 over twenty 1s, 50 and 100: mean 7.727273, sd 23.100638; z(100) = 3.994392,
    # z(50) = 1.829964 (masked by 100). Round 2 without 100: mean 3.333333, sd 10.692676,
    # z(50) = 4.364358. Round 3: only 1s, sd 0, stop.
    flags = zscore_outliers([1.0] * 20 + [50.0, 100.0])
    assert [(f.index, round(f.statistic, 6)) for f in flags] == [(21, 3.994392), (20, 4.364358)]
    assert zscore_outliers([1.0] * 20 + [50.0, 100.0], max_rounds=1)[0].index == 21
    assert zscore_outliers([3.0] * 40) == []


def test_iqr_fences() -> None:
    # [1..8, 14]: Q1 (position 2) = 3, Q3 (position 6) = 7, IQR 4, upper fence 7 + 6 = 13.
    # 14 is 7 above Q3 = 1.75 IQRs; deviation (1.75 - 1.5)/1.5 = 0.166667
    (flag,) = iqr_outliers([1, 2, 3, 4, 5, 6, 7, 8, 14.0])
    assert (flag.index, flag.statistic) == (8, 1.75)
    assert flag.deviation_score == pytest.approx(1 / 6)
    assert iqr_outliers([1, 2, 3, 4, 5, 6, 7, 8, 13.0]) == []  # on the fence is inside
    # IQR 0: anything off the quartile is unboundedly far.
    (flag,) = iqr_outliers([0.8] * 29 + [0.5])
    assert flag.index == 29
    assert flag.deviation_score == 1.0
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.25) == pytest.approx(1.75)


def test_mad_and_its_fallback() -> None:
    # [1, 2, 3, 4, 100]: median 3, |dev| = [2, 1, 0, 1, 97], MAD 1; M(100) = .6745*97 = 65.4
    (flag,) = mad_outliers([1, 2, 3, 4, 100.0])
    assert flag.index == 4
    assert flag.statistic == pytest.approx(65.4265)
    assert flag.deviation_score == 1.0
    # [10, 10, 10, 10, 12]: MAD 0, mean |dev| = 2/5 = .4; M(12) = 2/(1.253314*.4) = 3.989423
    # deviation (3.989423 - 3.5)/3.5 = 0.139835
    (flag,) = mad_outliers([10, 10, 10, 10, 12.0])
    assert flag.statistic == pytest.approx(3.989423, abs=1e-6)
    assert flag.deviation_score == pytest.approx(0.139835, abs=1e-6)
    assert mad_outliers([5.0] * 12) == []


def test_grubbs() -> None:
    # mean 24/10 = 2.4, SS = 7.6, sd = sqrt(7.6/9) = 0.918937, G = 2.6/0.918937 = 2.829357
    # > G_crit(10) = 2.289954; deviation (2.829357 - 2.289954)/2.289954 = 0.235552.
    # Round 2 (n = 9): G = 1.791957 < G_crit(9) = 2.215 -> stop.
    values = [2.0, 2.1, 2.2, 2.0, 2.1, 2.3, 2.2, 2.1, 2.0, 5.0]
    (flag,) = grubbs_outliers(values)
    assert flag.index == 9
    assert flag.statistic == pytest.approx(2.829357, abs=1e-6)
    assert flag.deviation_score == pytest.approx(0.235552, abs=1e-6)


def test_rules() -> None:
    # [1, 1, 1, 0]: mean .75; 0 is a zero value and a cliff (0 < .375).
    flags = rule_outliers([1.0, 1.0, 1.0, 0.0])
    assert {(f.index, f.method) for f in flags} == {(3, Method.ZERO_VALUE), (3, Method.CLIFF)}
    # [1, 1, 1, .3]: mean .825, cliff below .4125.
    assert [(f.index, f.method) for f in rule_outliers([1.0, 1.0, 1.0, 0.3])] == [(3, Method.CLIFF)]
    # Isolation needs 10 values: nine .9 and a .5 -> mean .86, sd .126491, .86 - 3*.126491
    # = .480527, .5 is above it; with nineteen .9 and a .5 the sd shrinks enough.
    assert all(f.method is not Method.ISOLATION for f in rule_outliers([0.9] * 9 + [0.5]))
    isolated = [f for f in rule_outliers([0.9] * 19 + [0.5]) if f.method is Method.ISOLATION]
    assert [f.index for f in isolated] == [19]
    assert rule_outliers([]) == []
    assert rule_outliers([0.0, 0.0]) == []  # nothing stands out when every value is zero


def test_shape_statistics() -> None:
    # [0]*9 + [100]: mean 10, m2 = 900, m3 = 72000 -> skew 72000/900^1.5 = 2.666667;
    # m4 = 6570000 -> kurtosis 6570000/810000 - 3 = 5.111111
    values = [0.0] * 9 + [100.0]
    assert skewness(values) == pytest.approx(8 / 3)
    assert excess_kurtosis(values) == pytest.approx(46 / 9)
    assert not is_normal(values)
    assert is_normal([float(v) for v in range(10)])
    assert is_normal([4.0] * 10)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([float(v) for v in range(9)], ()),
        ([float(v) for v in range(10)], (Method.GRUBBS, Method.MAD)),
        ([0.0] * 9 + [100.0], (Method.MAD,)),
        ([float(v) for v in range(24)], (Method.GRUBBS, Method.MAD)),
        ([float(v) for v in range(25)], (Method.GENERALIZED_ESD, Method.MAD)),
        ([0.0] * 28 + [100.0], (Method.MAD,)),
        ([float(v) for v in range(30)], (Method.ZSCORE, Method.IQR, Method.MAD)),
        ([0.0] * 29 + [100.0], (Method.IQR, Method.MAD)),
    ],
)
def test_method_selection_by_size_and_shape(
    values: list[float], expected: tuple[Method, ...]
) -> None:
    assert methods_for(values) == expected


def flag(index: int, method: Method, deviation: float) -> MethodFlag:
    return MethodFlag(index, method, 0.0, deviation)


def test_ensemble_scoring() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    # One statistical method: 0.6 is moderate, dropped to low.
    (one,) = combine_flags(values, [flag(0, Method.ZSCORE, 0.6)])
    assert (one.deviation_score, one.significance) == (0.6, Significance.LOW)
    # Two methods: x min(2/2, 1.5) = x1, no drop: moderate.
    (two,) = combine_flags(values, [flag(0, Method.ZSCORE, 0.6), flag(0, Method.IQR, 0.5)])
    assert (two.deviation_score, two.significance) == (0.6, Significance.MODERATE)
    assert two.method == "zscore+iqr"
    # Three methods: 0.6 * 1.5 = 0.9 -> critical.
    three = [flag(0, Method.ZSCORE, 0.6), flag(0, Method.IQR, 0.5), flag(0, Method.MAD, 0.1)]
    (result,) = combine_flags(values, three)
    assert result.deviation_score == pytest.approx(0.9)
    assert result.significance is Significance.CRITICAL
    # Four methods: multiplier capped at 1.5, score capped at 1.
    four = [*three, flag(0, Method.CLIFF, 0.7)]
    (capped,) = combine_flags(values, four)
    assert capped.deviation_score == 1.0
    # A single rule keeps its tier: cliff 0.7 is high.
    (rule,) = combine_flags(values, [flag(4, Method.CLIFF, 0.7)])
    assert (rule.index, rule.significance, rule.direction) == (4, Significance.HIGH, "above")
    # A critical single statistical flag drops to high; the same method twice counts once.
    (dup,) = combine_flags(values, [flag(2, Method.MAD, 0.95), flag(2, Method.MAD, 0.5)])
    assert (dup.deviation_score, dup.significance, dup.methods) == (
        0.95,
        Significance.HIGH,
        (Method.MAD,),
    )


@pytest.mark.parametrize(
    ("score", "tier"),
    [
        (0.9, Significance.CRITICAL),
        (0.8999, Significance.HIGH),
        (0.7, Significance.HIGH),
        (0.4, Significance.MODERATE),
        (0.3999, Significance.LOW),
        (0.0, Significance.LOW),
    ],
)
def test_significance_bands(score: float, tier: Significance) -> None:
    assert significance_for(score) is tier


def test_detect_outliers_end_to_end() -> None:
    # Thirty values: 29 at .8 and one .5. Not normal (IQR primary), IQR 0 -> deviation 1;
    # MAD falls back to mean |dev| = .3/30 = .01: M = .3/(1.253314*.01) = 23.94 -> 1;
    # isolation: mean .79, sd .054772, .79 - 3*.054772 = .625683 > .5. Three methods:
    # min(1 * 1.5, 1) = 1 -> critical.
    (outlier,) = detect_outliers([0.8] * 29 + [0.5])
    assert outlier.index == 29
    assert outlier.methods == (Method.IQR, Method.MAD, Method.ISOLATION)
    assert outlier.significance is Significance.CRITICAL
    assert outlier.direction == "below"
    # Below 10 values only rules run: 0.5 is no cliff against a mean of .77.
    assert detect_outliers([0.8] * 9 + [0.5])[0].methods == (Method.MAD,)
    assert detect_outliers([0.8] * 8 + [0.5]) == []
    assert detect_outliers([]) == []
    assert outlier_ratio(2, 8) == 0.25
    assert outlier_ratio(0, 0) == 0.0


def test_outliers_are_reported_at_their_own_locations() -> None:
    # Observations arrive out of order; the low-confidence one is at z.py:7. The aggregate
    # sorts locations by file, and the outlier must still point at z.py:7 (Appendix A quirk 3).
    observations = [
        Observation("P", "api", "z.py", 7, 1, 0.1),
        *[Observation("P", "api", f"f{i:02}.py", i + 1, 1, 0.9) for i in range(12)],
    ]
    (pattern,) = aggregate(observations).patterns
    (located,) = pattern_outliers(pattern)
    assert (located.file, located.line, located.value) == ("z.py", 7, 0.1)
    assert located.pattern_id == "P"
    assert "cliff" in located.method


def test_file_count_outliers() -> None:
    # Ten files use the pattern twice each; big.py uses it 40 times. The outlier is big.py,
    # at its first location (line 1).
    observations = [
        Observation("P", "api", f"f{i}.py", line, 1, 0.8) for i in range(10) for line in (5, 9)
    ]
    observations += [Observation("P", "api", "big.py", line, 1, 0.8) for line in range(40, 0, -1)]
    (pattern,) = aggregate(observations).patterns
    found = file_count_outliers(pattern)
    assert [(o.file, o.line, o.value) for o in found] == [("big.py", 1, 40.0)]
    # Why counts leave the rules out: against a mean of 60/11 = 5.45 every count of 2 would
    # be a "cliff".
    counts = [40.0] + [2.0] * 10
    assert len(detect_outliers(counts)) == 11
    assert [o.index for o in detect_outliers(counts, rules=False)] == [0]


values_strategy = st.lists(st.floats(min_value=0.0, max_value=100.0), max_size=60)


@given(values=values_strategy)
def test_outlier_properties(values: list[float]) -> None:
    outliers = detect_outliers(values)
    indices = [o.index for o in outliers]
    assert indices == sorted(set(indices))
    for outlier in outliers:
        assert 0 <= outlier.index < len(values)
        assert outlier.value == values[outlier.index]
        assert 0.0 <= outlier.deviation_score <= 1.0
        assert outlier.methods
        if len(values) < MIN_STATISTICAL_SAMPLE:
            # Statistical methods never flag below the minimum sample size.
            assert set(outlier.methods) <= RULE_METHODS


@given(
    value=st.floats(min_value=0.001, max_value=1e6), count=st.integers(min_value=0, max_value=60)
)
def test_constant_values_have_no_outliers(value: float, count: int) -> None:
    assert detect_outliers([value] * count) == []


@given(values=st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=3, max_size=40))
def test_methods_flag_valid_indices(values: list[float]) -> None:
    for flags in (
        zscore_outliers(values),
        iqr_outliers(values),
        mad_outliers(values),
        grubbs_outliers(values),
        generalized_esd_outliers(values),
        rule_outliers(values),
    ):
        assert all(0 <= f.index < len(values) for f in flags)
        assert all(0.0 <= f.deviation_score <= 1.0 for f in flags)
        assert all(not math.isnan(f.statistic) for f in flags)
