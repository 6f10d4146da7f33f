"""Confidence scoring: factors, posterior, tiers, credible intervals, momentum, Beta math."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drift.analysis.confidence import (
    ConfidenceInput,
    Momentum,
    Tier,
    age_factor,
    beta_pdf,
    beta_quantile,
    confidence_factors,
    credible_interval,
    momentum_from_history,
    posterior_parameters,
    regularized_incomplete_beta,
    sample_variance,
    score_pattern,
    tier_for,
)


def item(**overrides: object) -> ConfidenceInput:
    base: dict[str, object] = {
        "pattern_id": "P",
        "location_count": 50,
        "file_spread": 20,
        "category_location_total": 200,
        "total_files": 100,
        "location_confidences": [0.8] * 50,
        "age_days": 7.0,
    }
    base.update(overrides)
    return ConfidenceInput(**base)  # type: ignore[arg-type]


def test_reference_worked_example_with_100_files() -> None:
    # 50 locations in 20 of 100 files, category total 200, constant confidences, 7 days, stable:
    # frequency 50/200 = 0.25, consistency 1 - 0 = 1, age 0.1 + 0.9*7/30 = 0.31,
    # spread 20/100 = 0.2, momentum 0.5, data quality 0.7.
    # s = .25*.25 + .20*1 + .10*.31 + .15*.2 + .15*.5 + .15*.7
    #   = .0625 + .2 + .031 + .03 + .075 + .105 = .5035
    # prior Beta(1+20, 1+80) = (21, 81); w*n = 50/60*50 = 41.6667
    # alpha = 21 + .5035*41.6667 = 41.979167; beta = 81 + .4965*41.6667 = 101.6875
    # mean = 41.979167 / 143.666667 = 0.292198 -> uncertain (the reference's "0.29")
    score = score_pattern(item())
    assert score.factors.weighted_sum == pytest.approx(0.5035)
    assert score.alpha == pytest.approx(41.979167, abs=1e-6)
    assert score.beta == pytest.approx(101.6875, abs=1e-6)
    assert score.posterior_mean == pytest.approx(0.292198, abs=1e-6)
    assert score.tier is Tier.UNCERTAIN


def test_reference_worked_example_with_the_real_file_count() -> None:
    # DECISIONS #7: the same pattern in a 20-file repository. Prior Beta(21, 1 + 0) = (21, 1);
    # spread 20/20 = 1 so s = .5035 - .15*.2 + .15*1 = .6235.
    # alpha = 21 + .6235*41.6667 = 46.979167; beta = 1 + .3765*41.6667 = 16.6875
    # mean = 46.979167 / 63.666667 = 0.737893 -> emerging (the reference's "0.74")
    score = score_pattern(item(total_files=20))
    assert score.factors.spread == 1.0
    assert score.alpha == pytest.approx(46.979167, abs=1e-6)
    assert score.beta == pytest.approx(16.6875, abs=1e-6)
    assert score.posterior_mean == pytest.approx(0.737893, abs=1e-6)
    assert score.tier is Tier.EMERGING


def test_zero_files_and_no_locations_is_the_uniform_prior() -> None:
    score = score_pattern(
        item(
            location_count=0,
            file_spread=0,
            category_location_total=0,
            total_files=0,
            location_confidences=[],
        )
    )
    # Beta(1, 1): mean 0.5, interval (0.025, 0.975), tentative.
    assert (score.alpha, score.beta) == (1.0, 1.0)
    assert score.factors.frequency == 0.0
    assert score.factors.spread == 0.0
    assert score.posterior_mean == 0.5
    assert score.credible_interval_low == pytest.approx(0.025, abs=1e-12)
    assert score.credible_interval_high == pytest.approx(0.975, abs=1e-12)
    assert score.tier is Tier.TENTATIVE


def test_one_file_one_location() -> None:
    # f = 1/1, c = 1, age(0) = 0.1, spread 1/1, momentum .5, dq .7
    # s = .25 + .2 + .01 + .15 + .075 + .105 = .79; prior Beta(2, 1); w*n = 1/11
    # alpha = 2 + .79/11 = 2.0718182; beta = 1 + .21/11 = 1.0190909
    # mean = 2.0718182 / 3.0909091 = 0.670294 -> tentative
    score = score_pattern(
        item(
            location_count=1,
            file_spread=1,
            category_location_total=1,
            total_files=1,
            location_confidences=[0.9],
            age_days=0.0,
        )
    )
    assert score.factors.weighted_sum == pytest.approx(0.79)
    assert score.alpha == pytest.approx(2.0718182, abs=1e-7)
    assert score.beta == pytest.approx(1.0190909, abs=1e-7)
    assert score.posterior_mean == pytest.approx(0.670294, abs=1e-6)
    assert score.tier is Tier.TENTATIVE


def test_every_file_matching() -> None:
    # 40 locations in all 10 files, only pattern of its category, 30+ days old, rising:
    # s = .25*1 + .2*1 + .1*1 + .15*1 + .15*.8 + .15*.7 = .925; prior Beta(11, 1)
    # w*n = 40/50*40 = 32; alpha = 11 + .925*32 = 40.6; beta = 1 + .075*32 = 3.4
    # mean = 40.6/44 = 0.922727 -> established
    score = score_pattern(
        item(
            location_count=40,
            file_spread=10,
            category_location_total=40,
            total_files=10,
            location_confidences=[0.9] * 40,
            age_days=45.0,
            momentum=Momentum.RISING,
        )
    )
    assert score.alpha == pytest.approx(40.6)
    assert score.beta == pytest.approx(3.4)
    assert score.posterior_mean == pytest.approx(0.922727, abs=1e-6)
    assert score.tier is Tier.ESTABLISHED
    assert score.momentum is Momentum.RISING
    assert score.credible_interval_low < score.posterior_mean < score.credible_interval_high


def test_consistency_uses_the_sample_variance() -> None:
    # [0.5, 0.9]: mean .7, sample variance (.04 + .04)/1 = .08 -> consistency .92
    factors = confidence_factors(item(location_confidences=[0.5, 0.9]))
    assert factors.consistency == pytest.approx(0.92)
    assert sample_variance([0.5]) == 0.0
    assert sample_variance([]) == 0.0


def test_age_factor() -> None:
    assert age_factor(0) == pytest.approx(0.1)
    assert age_factor(7) == pytest.approx(0.31)
    assert age_factor(15) == pytest.approx(0.55)  # .1 + .9*15/30
    assert age_factor(30) == pytest.approx(1.0)
    assert age_factor(400) == pytest.approx(1.0)
    assert age_factor(-3) == pytest.approx(0.1)


def test_feedback_is_added_and_floored() -> None:
    # No evidence: Beta(1, 1). A fix (+1 alpha) gives Beta(2, 1).
    assert posterior_parameters(0, 0, 0, 0.5, (1.0, 0.0)) == (2.0, 1.0)
    # Deltas past zero are floored at 0.01: mean 1/1.01.
    alpha, beta = posterior_parameters(0, 0, 0, 0.5, (0.0, -5.0))
    assert (alpha, beta) == (1.0, 0.01)
    score = score_pattern(
        item(
            location_count=0,
            file_spread=0,
            category_location_total=0,
            total_files=0,
            location_confidences=[],
            feedback=(0.0, -5.0),
        )
    )
    assert score.posterior_mean == pytest.approx(1 / 1.01)


def test_file_spread_above_the_file_count_never_makes_beta_negative() -> None:
    assert posterior_parameters(12, 10, 0, 0.5) == (13.0, 1.0)


@pytest.mark.parametrize(
    ("mean", "tier"),
    [
        (0.85, Tier.ESTABLISHED),
        (0.8499, Tier.EMERGING),
        (0.70, Tier.EMERGING),
        (0.6999, Tier.TENTATIVE),
        (0.50, Tier.TENTATIVE),
        (0.4999, Tier.UNCERTAIN),
        (0.0, Tier.UNCERTAIN),
        (1.0, Tier.ESTABLISHED),
    ],
)
def test_tier_boundaries(mean: float, tier: Tier) -> None:
    assert tier_for(mean) is tier


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        # slope 2, mean 12: relative 0.167 > 0.1
        ([10, 12, 14], Momentum.RISING),
        ([14, 12, 10], Momentum.FALLING),
        # slope 0.5, mean 10.5: relative 0.048
        ([10, 10.5, 11], Momentum.STABLE),
        # slope 1, mean 10: exactly 0.1 is not above it
        ([9, 10, 11], Momentum.STABLE),
        # fewer than three scans
        ([1, 100], Momentum.STABLE),
        ([], Momentum.STABLE),
        ([0, 0, 0], Momentum.STABLE),
        # only the last 10 scans count: the old spike is outside the window
        ([1000, 1000] + [5] * 10, Momentum.STABLE),
        ([5] * 10 + [1000, 1000], Momentum.RISING),
    ],
)
def test_momentum_from_history(history: list[float], expected: Momentum) -> None:
    assert momentum_from_history(history) is expected


# -- Beta distribution ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "a", "b", "expected"),
    [
        (0.3, 1.0, 1.0, 0.3),  # uniform: q(p) = p
        (0.025, 2.0, 1.0, math.sqrt(0.025)),  # CDF x^2
        (0.975, 2.0, 1.0, math.sqrt(0.975)),
        (0.3, 3.0, 1.0, 0.3 ** (1 / 3)),  # CDF x^3
        (0.025, 1.0, 3.0, 1 - 0.975 ** (1 / 3)),  # CDF 1 - (1 - x)^3
        (0.975, 1.0, 3.0, 1 - 0.025 ** (1 / 3)),
        (0.5, 7.0, 7.0, 0.5),  # symmetric
    ],
)
def test_beta_quantile_closed_forms(p: float, a: float, b: float, expected: float) -> None:
    assert beta_quantile(p, a, b) == pytest.approx(expected, abs=1e-12)


def test_incomplete_beta_closed_form_and_edges() -> None:
    # Beta(2, 2): CDF 3x^2 - 2x^3; at 0.3: .27 - .054 = .216
    assert regularized_incomplete_beta(0.3, 2.0, 2.0) == pytest.approx(0.216, abs=1e-14)
    assert regularized_incomplete_beta(0.0, 2.0, 2.0) == 0.0
    assert regularized_incomplete_beta(1.0, 2.0, 2.0) == 1.0
    assert beta_pdf(0.5, 2.0, 2.0) == pytest.approx(1.5)  # 6x(1-x)
    assert beta_quantile(0.0, 2.0, 3.0) == 0.0
    assert beta_quantile(1.0, 2.0, 3.0) == 1.0
    with pytest.raises(ValueError, match="positive"):
        beta_quantile(0.5, 0.0, 1.0)


def test_credible_interval_of_the_worked_example_holds_95_percent() -> None:
    low, high = credible_interval(41.979167, 101.6875)
    assert regularized_incomplete_beta(low, 41.979167, 101.6875) == pytest.approx(0.025, abs=1e-10)
    assert regularized_incomplete_beta(high, 41.979167, 101.6875) == pytest.approx(0.975, abs=1e-10)
    assert low < 41.979167 / 143.666667 < high


def _density(x: float, a: float, b: float) -> float:
    # Written out here so the check does not lean on the module's own helpers; a, b >= 2.
    if x == 0.0:
        return 0.0
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return math.exp((a - 1) * math.log(x) + (b - 1) * math.log(1 - x) - log_beta)


def _simpson_cdf(x: float, a: float, b: float, steps: int = 2000) -> float:
    # Independent check by Simpson's rule over the density.
    h = x / steps
    total = _density(0.0, a, b) + _density(x, a, b)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * _density(i * h, a, b)
    return total * h / 3


@given(
    # Shapes >= 2 keep the density smooth at the ends, where Simpson's rule is accurate.
    a=st.floats(min_value=2.0, max_value=60.0),
    b=st.floats(min_value=2.0, max_value=60.0),
    x=st.floats(min_value=0.01, max_value=0.99),
)
def test_incomplete_beta_matches_numerical_integration(a: float, b: float, x: float) -> None:
    # Simpson's rule itself is only good to ~1e-6 on the sharply peaked densities.
    assert regularized_incomplete_beta(x, a, b) == pytest.approx(_simpson_cdf(x, a, b), abs=2e-5)


@given(
    p=st.floats(min_value=1e-6, max_value=1 - 1e-6),
    a=st.floats(min_value=0.5, max_value=5000.0),
    b=st.floats(min_value=0.5, max_value=5000.0),
)
def test_beta_quantile_inverts_the_cdf(p: float, a: float, b: float) -> None:
    q = beta_quantile(p, a, b)
    assert 0.0 <= q <= 1.0
    found = regularized_incomplete_beta(q, a, b)
    if found != pytest.approx(p, rel=1e-8, abs=1e-12):
        # Near 1 with a small ``b`` (Beta(5000, 0.5) at 0.999999) the CDF moves by more than
        # that from one float to the next: the answer is then the closest float, no neighbour
        # being closer.
        for neighbour in (math.nextafter(q, 0.0), math.nextafter(q, 1.0)):
            assert abs(found - p) <= abs(regularized_incomplete_beta(neighbour, a, b) - p)


@given(
    locations=st.integers(min_value=0, max_value=5000),
    spread_share=st.floats(min_value=0.0, max_value=1.0),
    total_files=st.integers(min_value=0, max_value=20000),
    extra_category=st.integers(min_value=0, max_value=5000),
    confidences=st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=30),
    age=st.floats(min_value=0.0, max_value=1000.0),
    momentum=st.sampled_from(list(Momentum)),
    quality=st.floats(min_value=0.0, max_value=1.0),
    feedback=st.tuples(
        st.floats(min_value=0.0, max_value=50.0), st.floats(min_value=0.0, max_value=50.0)
    ),
)
def test_score_properties(
    *,
    locations: int,
    spread_share: float,
    total_files: int,
    extra_category: int,
    confidences: list[float],
    age: float,
    momentum: Momentum,
    quality: float,
    feedback: tuple[float, float],
) -> None:
    spread = min(locations, math.floor(spread_share * total_files))
    score = score_pattern(
        ConfidenceInput(
            pattern_id="P",
            location_count=locations,
            file_spread=spread,
            category_location_total=locations + extra_category,
            total_files=total_files,
            location_confidences=confidences,
            age_days=age,
            momentum=momentum,
            data_quality=quality,
            feedback=feedback,
        )
    )
    for factor in (
        score.factors.frequency,
        score.factors.consistency,
        score.factors.age,
        score.factors.spread,
        score.factors.momentum,
        score.factors.data_quality,
    ):
        assert 0.0 <= factor <= 1.0
    assert 0.0 <= score.factors.weighted_sum <= 1.0 + 1e-12
    assert score.alpha >= 1.0
    assert score.beta >= 1.0
    assert 0.0 <= score.posterior_mean <= 1.0
    assert score.posterior_mean == pytest.approx(score.alpha / (score.alpha + score.beta))
    assert 0.0 <= score.credible_interval_low <= score.posterior_mean
    assert score.posterior_mean <= score.credible_interval_high <= 1.0
    assert score.tier is tier_for(score.posterior_mean)


@given(
    feedback=st.tuples(
        st.floats(min_value=-100.0, max_value=100.0), st.floats(min_value=-100.0, max_value=100.0)
    ),
    locations=st.integers(min_value=0, max_value=100),
)
def test_negative_feedback_keeps_parameters_positive(
    feedback: tuple[float, float], locations: int
) -> None:
    score = score_pattern(
        item(location_count=locations, file_spread=min(locations, 20), feedback=feedback)
    )
    assert score.alpha >= 0.01
    assert score.beta >= 0.01
    assert 0.0 <= score.credible_interval_low <= score.credible_interval_high <= 1.0
    assert 0.0 <= score.posterior_mean <= 1.0
