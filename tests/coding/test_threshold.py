from __future__ import annotations

import numpy as np
import pytest

from holdspace.coding.threshold import (
    THRESHOLD_RULE,
    THRESHOLD_RULES,
    rule_options,
    stable_threshold,
)
from holdspace.coding.train import best_threshold


def scores(*groups: tuple[int, float, int]) -> tuple[np.ndarray, np.ndarray]:
    """``(count, score, label)`` groups as a score array and a label array."""
    probabilities = np.array([score for count, score, _ in groups for _ in range(count)])
    labels = np.array([label for count, _, label in groups for _ in range(count)])
    return probabilities, labels


@pytest.mark.parametrize(
    ("groups", "plain", "stable", "below_floor"),
    [
        pytest.param([(20, 0.9, 1), (200, 0.1, 0)], 0.11, 0.5, False, id="flat-stays-at-0.5"),
        pytest.param(
            [(20, 0.8, 1), (4, 0.3, 1), (300, 0.05, 0), (3, 0.3, 0)],
            0.06,
            0.5,
            False,
            id="a-gain-within-one-standard-error-stays-at-0.5",
        ),
        pytest.param(
            [(40, 0.35, 1), (400, 0.34, 0), (40, 0.6, 0)], 0.35, 0.35, False, id="clear-peak"
        ),
        pytest.param(
            [(40, 0.12, 1), (400, 0.05, 0)], 0.06, 0.12, True, id="reliable-gain-below-floor"
        ),
        pytest.param(
            [(20, 0.8, 1), (4, 0.15, 1), (300, 0.05, 0), (2, 0.15, 0)],
            0.06,
            0.5,
            False,
            id="unreliable-gain-below-floor",
        ),
    ],
)
def test_stable_threshold(
    groups: list[tuple[int, float, int]], plain: float, stable: float, below_floor: bool
) -> None:
    probabilities, labels = scores(*groups)
    choice = stable_threshold(probabilities, labels)
    assert best_threshold(probabilities, labels)[0] == plain
    assert choice.cut == stable
    assert choice.below_floor is below_floor
    assert choice.plateau[0] <= choice.cut <= choice.plateau[1]


def test_the_plateau_and_uncertainty_are_reported() -> None:
    probabilities, labels = scores((20, 0.8, 1), (4, 0.3, 1), (300, 0.05, 0), (3, 0.3, 0))
    report = stable_threshold(probabilities, labels).report()
    assert report["cut"] == 0.5
    assert report["plateau"] == [0.2, 0.8]
    assert report["f1"] == pytest.approx(40 / 44, abs=1e-4)
    assert 0.0 < report["se"] < 0.1


def test_the_choice_is_reproducible() -> None:
    rng = np.random.default_rng(3)
    labels = (rng.random(600) < 0.05).astype(int)
    probabilities = np.clip(0.4 * labels + rng.random(600) * 0.6, 0, 1)
    first = stable_threshold(probabilities, labels)
    assert stable_threshold(probabilities, labels) == first
    assert first.cut >= THRESHOLD_RULE["floor"] or first.below_floor


def test_on_equal_distance_from_the_anchor_the_higher_cut_wins() -> None:
    probabilities, labels = scores((20, 0.9, 1), (200, 0.1, 0))
    assert stable_threshold(probabilities, labels, anchor=0.505).cut == 0.51


def test_rule_v2_keeps_the_best_bootstrap_mean_cut() -> None:
    # v1 breaks the near-tie toward 0.5; v2 keeps the cut whose mean F1 is highest.
    probabilities, labels = scores((20, 0.8, 1), (4, 0.3, 1), (300, 0.05, 0), (3, 0.3, 0))
    v1 = stable_threshold(probabilities, labels, **rule_options("holdspace.threshold.bootstrap.v1"))
    v2 = stable_threshold(probabilities, labels, **rule_options("holdspace.threshold.bootstrap.v2"))
    assert v1.cut == 0.5
    assert v2.cut < 0.5
    assert v2.plateau[0] <= v2.cut <= v2.plateau[1]
    assert v2.mean_f1 >= v1.mean_f1
    assert THRESHOLD_RULES["holdspace.threshold.bootstrap.v1"] == THRESHOLD_RULE
