"""Interval arithmetic: Wilson, two-proportion test, bootstrap weights, percentile intervals."""

from __future__ import annotations

import numpy as np
import pytest

from holdspace.measure.stats import (
    bootstrap_weights,
    percentile_interval,
    two_proportion_test,
    wilson,
)


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        pytest.param(8, 10, (0.4902, 0.9433), id="8-of-10"),
        pytest.param(0, 10, (0.0, 0.2775), id="none"),
        pytest.param(10, 10, (0.7225, 1.0), id="all"),
        pytest.param(0, 0, None, id="empty"),
    ],
)
def test_wilson(k: int, n: int, expected: tuple[float, float] | None) -> None:
    assert wilson(k, n) == expected


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param((50, 100, 50, 100), 1.0, id="same"),
        pytest.param((80, 100, 50, 100), 8e-06, id="different"),
        pytest.param((1, 0, 1, 5), None, id="empty-group"),
    ],
)
def test_two_proportion_test(counts: tuple[int, int, int, int], expected: float | None) -> None:
    result = two_proportion_test(*counts)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected, abs=5e-6)


def test_bootstrap_weights_rows_sum_to_episode_count() -> None:
    boot = bootstrap_weights(7, resamples=20, seed=3)
    assert boot.weights.shape == (20, 7)
    assert boot.weights.sum(axis=1).tolist() == [7.0] * 20
    assert boot.totals(np.ones(7)).tolist() == [7.0] * 20


def test_percentile_interval_ignores_nan() -> None:
    values = np.array([np.nan, *range(101)], dtype=float)
    assert percentile_interval(values) == (2.5, 97.5)
    assert percentile_interval(np.array([np.nan])) is None
