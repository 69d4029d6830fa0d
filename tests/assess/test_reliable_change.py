"""Jacobson-Truax reliable change with each instrument's recorded constants."""

from __future__ import annotations

import math

import pytest

from holdspace.assess import load_instrument, reliable_change
from holdspace.assess.instruments import ReliabilitySpec
from holdspace.assess.reliable_change import reliable_change_index


def test_rci_formula() -> None:
    spec = ReliabilitySpec(reliability=0.75, sd=10.0, reliability_source="", sd_source="")
    # S_diff = sqrt(2) * 10 * sqrt(0.25) = 7.0711
    assert reliable_change_index(10, 20, spec) == pytest.approx(10 / (math.sqrt(2) * 5))


@pytest.mark.parametrize(
    ("instrument", "before", "after", "verdict"),
    [
        ("phq9", 18, 13, "within measurement noise"),
        ("phq9", 18, 12, "reliably lower"),
        ("phq9", 12, 18, "reliably higher"),
        ("gad7", 12, 9, "within measurement noise"),
        ("gad7", 12, 8, "reliably lower"),
        ("csi16", 40, 45, "within measurement noise"),
        ("csi16", 40, 46, "reliably higher"),
        ("csi4", 10, 13, "within measurement noise"),
        ("csi4", 10, 14, "reliably higher"),
        ("phq9", 10, 10, "within measurement noise"),
    ],
    ids=[
        "phq9-5",
        "phq9-6",
        "phq9-up",
        "gad7-3",
        "gad7-4",
        "csi16-5",
        "csi16-6",
        "csi4-3",
        "csi4-4",
        "no-change",
    ],
)
def test_reliable_change_thresholds(instrument: str, before: int, after: int, verdict: str) -> None:
    change = reliable_change(load_instrument(instrument), before, after)
    assert change is not None
    assert change.verdict == verdict


@pytest.mark.parametrize(
    ("instrument", "threshold"),
    [("phq9", 5.99), ("gad7", 3.99), ("csi16", 5.88), ("csi4", 3.05)],
    ids=["phq9", "gad7", "csi16", "csi4"],
)
def test_smallest_reliable_change(instrument: str, threshold: float) -> None:
    change = reliable_change(load_instrument(instrument), 0, 0)
    assert change is not None
    assert change.threshold == pytest.approx(threshold, abs=0.01)


def test_no_constants_means_no_verdict() -> None:
    assert reliable_change(load_instrument("ecr-s"), 3.0, 5.0, score="anxiety") is None
    assert reliable_change(load_instrument("hs-checkin"), 1.0, 3.0, score="signs") is None
