"""Roles per period: the change-point split, and roles before and after it on simulated couples
coded with their planted codes."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from holdspace.measure import measure
from holdspace.measure.role_periods import change_split
from holdspace.model import CodedMessage
from holdspace.simulate import SimulationParams, simulate

Chat = Callable[..., list[CodedMessage]]


def test_change_split_finds_where_the_share_changes() -> None:
    withdrew = np.array([True] * 40 + [False] * 40)
    assert change_split(withdrew, min_events=10) == (40, 0.0)


def test_change_split_needs_enough_events_on_each_side() -> None:
    assert change_split(np.array([True, False] * 9), min_events=10) is None


def test_change_split_of_a_steady_share_is_not_significant() -> None:
    split = change_split(np.array([True, False] * 40), min_events=10)
    assert split is not None
    assert split[1] > 0.5


def _planted(preset: str, seed: int) -> list[CodedMessage]:
    couple = simulate(SimulationParams.preset(preset, weeks=16), seed=seed)
    return [
        CodedMessage(
            message=message,
            labels=tuple(couple.truth.codes[message.id]),
            scores={},
            evidence={},
            coder="planted",
        )
        for message in couple.conversation.messages
    ]


def test_an_improving_couple_changes_roles_at_the_change_point() -> None:
    metrics = measure(_planted("improving", 3)).to_json()
    periods = metrics["roles_by_period"]
    assert periods["split"] == "change point"
    # planted change: 2024-11-11 00:00 in New York; found two days earlier
    assert periods["at"] == "2024-11-09T14:54:00+00:00"
    assert [period["label"] for period in periods["periods"]] == ["before", "after"]
    before, after = (period["roles"] for period in periods["periods"])
    assert (before["Jordan"]["role"], before["Jordan"]["confidence"]) == ("avoidant", 0.98)
    assert (after["Jordan"]["role"], after["Jordan"]["confidence"]) == ("neither", 1.0)
    assert before["Maya"]["role"] == "seeking"
    assert metrics["roles"]["Jordan"]["role"] == "avoidant"
    assert periods["summary"].startswith(
        "Maya: seeking (98% confidence) before the change, then neither (66% confidence) "
        "after it; Jordan: avoidant (98% confidence) before the change"
    )


@pytest.mark.parametrize("preset", ["pursue-withdraw", "secure"])
def test_a_steady_couple_is_split_in_halves_with_the_same_roles(preset: str) -> None:
    periods = measure(_planted(preset, 3)).to_json()["roles_by_period"]
    assert periods["split"] == "halves"
    assert periods["p_value"] is None
    first, second = (period["roles"] for period in periods["periods"])
    assert {name: role["role"] for name, role in first.items()} == {
        name: role["role"] for name, role in second.items()
    }


def test_one_exchange_has_no_periods(chat: Chat) -> None:
    rows = [("Sam", 0, "hi", ["bid"]), ("Alex", 5, "hey you", ["affection"])]
    periods = measure(chat(rows)).to_json()["roles_by_period"]
    assert periods["periods"] == []
    assert periods["note"] == "fewer than two exchanges, so roles cannot be compared over time"
