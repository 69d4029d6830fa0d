"""Interval and test arithmetic shared by the metric families: Wilson, bootstrap, two proportions.

Every interval the measure stage reports comes from here, so that docs/metrics.md can name one
method per figure. Bootstrap resampling is over *episodes* (exchanges), never single messages,
because messages inside one exchange are not independent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Boot",
    "Interval",
    "bootstrap_weights",
    "percentile_interval",
    "ratio",
    "two_proportion_test",
    "wilson",
]

Z95 = 1.959963984540054

Interval = tuple[float, float]


def ratio(k: float, n: float) -> float | None:
    """``k / n``, or ``None`` when there is nothing to divide by."""
    return float(k) / float(n) if n > 0 else None


def wilson(k: float, n: float, *, z: float = Z95) -> Interval | None:
    """Wilson score interval for a proportion ``k / n`` (``None`` when ``n`` is 0)."""
    if n <= 0:
        return None
    p = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return (round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4))


@dataclass(frozen=True, slots=True)
class Boot:
    """Episode resampling weights: ``weights[b, e]`` is how often episode ``e`` is drawn in
    resample ``b`` (each row sums to the number of episodes)."""

    weights: NDArray[np.float64]

    @property
    def size(self) -> int:
        """How many resamples."""
        return int(self.weights.shape[0])

    def totals(self, per_episode: NDArray[np.float64]) -> NDArray[np.float64]:
        """Resampled totals of per-episode counts: ``(E,)`` -> ``(B,)``, ``(E, k)`` -> ``(B, k)``."""
        return self.weights @ per_episode


def bootstrap_weights(n_episodes: int, *, resamples: int, seed: int) -> Boot:
    """Multinomial episode-resampling weights (``resamples`` x ``n_episodes``)."""
    if n_episodes <= 0 or resamples <= 0:
        return Boot(np.zeros((max(resamples, 0), max(n_episodes, 0))))
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_episodes, size=(resamples, n_episodes))
    flat = draws + np.arange(resamples)[:, None] * n_episodes
    counts = np.bincount(flat.ravel(), minlength=resamples * n_episodes)
    return Boot(counts.reshape(resamples, n_episodes).astype(np.float64))


def percentile_interval(values: NDArray[np.float64], *, level: float = 0.95) -> Interval | None:
    """Percentile bootstrap interval of the finite ``values`` (``None`` when none are finite)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(finite, [tail, 100.0 - tail])
    return (round(float(low), 4), round(float(high), 4))


def two_proportion_test(k1: int, n1: int, k2: int, n2: int) -> float | None:
    """Two-sided p-value of the pooled two-proportion z-test (``None`` if a group is empty)."""
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (k1 + k2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return 1.0
    z = (k1 / n1 - k2 / n2) / spread
    return round(math.erfc(abs(z) / math.sqrt(2)), 6)
