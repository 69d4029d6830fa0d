"""The Gottman–Murray difference model: exact recovery on noiseless series, valence per turn."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from holdspace.measure import measure
from holdspace.measure.dynamics import fit_difference_model
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]


@pytest.mark.parametrize(
    ("constant", "inertia", "influence"),
    [
        pytest.param(0.1, 0.5, 0.3, id="warm-and-influenced"),
        pytest.param(-0.2, 0.2, -0.4, id="contrary"),
    ],
)
def test_fit_recovers_noiseless_parameters(
    constant: float, inertia: float, influence: float
) -> None:
    rng = np.random.default_rng(0)
    previous = rng.uniform(-1, 1, 50)
    other = rng.uniform(-1, 1, 50)
    own = constant + inertia * previous + influence * other
    fitted = fit_difference_model(own, previous, other)
    assert fitted == pytest.approx((constant, inertia, influence), abs=1e-9)


def test_too_few_conflict_turns_give_a_note(chat: Chat) -> None:
    coded = chat(
        [
            ("Sam", 0, "you never listen", ["protest"]),
            ("Alex", 1, "that's not what happened", ["defensiveness"]),
        ]
    )
    dynamics = measure(coded).to_json()["dynamics"]["partners"]
    assert dynamics["Sam"]["inertia"] is None
    assert dynamics["Sam"]["note"] == "not enough turns in conflicts to fit (0, 10 needed)"
