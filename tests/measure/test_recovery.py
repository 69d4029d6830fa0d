"""Recovery of planted truth on simulated couples, coded with the planted codes."""

from __future__ import annotations

import statistics

import pytest

from holdspace.measure import measure
from holdspace.model import CodedMessage
from holdspace.simulate import SimulationParams, Truth, simulate


def planted(preset: str, seed: int) -> tuple[list[CodedMessage], Truth]:
    couple = simulate(SimulationParams.preset(preset), seed=seed)
    codes = couple.truth.codes
    coded = [
        CodedMessage(
            message=m, labels=tuple(codes.get(m.id, ())), scores={}, evidence={}, coder="planted"
        )
        for m in couple.conversation.messages
    ]
    return coded, couple.truth


def test_pursue_withdraw_seed_1() -> None:
    coded, truth = planted("pursue-withdraw", 1)
    metrics = measure(coded).to_json()
    seeking = next(name for name, role in truth.roles.items() if role == "seeking")
    assert metrics["cycle"]["pursuer"] == seeking
    assert metrics["cycle"]["strength"] >= metrics["cycle"]["threshold"]
    for name, role in truth.roles.items():
        assert metrics["roles"][name]["role"] == role
        realised = truth.realised_rates()[name]["before"]["toward"]
        assert metrics["bids"][name]["toward"] == pytest.approx(realised, abs=0.12)
    for example in metrics["cycle"]["examples"]:
        assert all(ident in metrics["evidence"] for ident in example["messages"])


def test_secure_seed_1_has_no_cycle() -> None:
    coded, _ = planted("secure", 1)
    metrics = measure(coded).to_json()
    assert metrics["cycle"]["strength"] < 0.1
    assert metrics["cycle"]["pursuer"] is None
    assert [metrics["roles"][name]["role"] for name in metrics["partners"]] == ["neither"] * 2


@pytest.mark.slow
@pytest.mark.parametrize(
    "preset", ["pursue-withdraw", "secure", "mutual-pursuit", "mutual-withdrawal"]
)
def test_seed_sweep(preset: str) -> None:
    errors, right, total = [], 0, 0
    for seed in range(1, 11):
        coded, truth = planted(preset, seed)
        metrics = measure(coded).to_json()
        if preset == "pursue-withdraw":
            assert metrics["cycle"]["pursuer"] in [
                n for n, r in truth.roles.items() if r == "seeking"
            ]
        else:
            assert metrics["cycle"]["strength"] < metrics["cycle"]["threshold"]
        for name, role in truth.roles.items():
            realised = truth.realised_rates()[name]["before"]["toward"]
            errors.append(abs(metrics["bids"][name]["toward"] - realised))
            right += metrics["roles"][name]["role"] == role
            total += 1
    assert statistics.mean(errors) < 0.16
    assert right / total >= 0.8


def test_cycle_needs_its_interval_to_clear_the_floor() -> None:
    # seed 36 reaches the point threshold, but its bootstrap interval reaches down to 0.067
    coded, _ = planted("pursue-withdraw", 36)
    cycle = measure(coded).to_json()["cycle"]
    assert (cycle["strength"], cycle["interval"]) == (0.1674, (0.0667, 0.2413))
    assert cycle["strength"] >= cycle["threshold"]
    assert (cycle["present"], cycle["pursuer"], cycle["withdrawer"]) == (False, None, None)
    assert cycle["summary"].startswith("No clear pursue-withdraw cycle in these conversations")
