"""Parameters validate themselves with messages that say what is wrong and what to do."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from holdspace.errors import InputError
from holdspace.simulate import (
    PRESETS,
    Behaviour,
    PartnerParams,
    ResponseRates,
    SimulationParams,
)

RATES = ResponseRates(toward=0.5, away=0.3, against=0.1, problem_solving=0.1)
BEHAVIOUR = Behaviour(
    bids_per_day=1.0,
    feeling_share=0.3,
    responses=RATES,
    latency_minutes=10.0,
    pursuit=0.2,
    repair_attempts=0.2,
    repair_uptake=0.6,
)


def _partner(name: str = "Ana", **changes: Any) -> PartnerParams:
    values: dict[str, Any] = {"name": name, "role": "neither", "before": BEHAVIOUR}
    values.update(changes)
    return PartnerParams(**values)


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_builds_and_names_the_pursuer_first(name: str) -> None:
    params = SimulationParams.preset(name, names=("Kim", "Lee"))
    assert params.names == ("Kim", "Lee")
    assert params.preset_name == name
    roles = {p.name: p.role for p in params.partners}
    expected = {
        "pursue-withdraw": {"Kim": "seeking", "Lee": "avoidant"},
        "improving": {"Kim": "seeking", "Lee": "avoidant"},
        "secure": {"Kim": "neither", "Lee": "neither"},
        "mutual-withdrawal": {"Kim": "avoidant", "Lee": "avoidant"},
        "mutual-pursuit": {"Kim": "seeking", "Lee": "seeking"},
    }[name]
    assert roles == expected


def test_improving_changes_two_thirds_of_the_way_by_default() -> None:
    assert SimulationParams.preset("improving").change_week == 10
    assert SimulationParams.preset("improving", weeks=30).change_week == 20
    assert SimulationParams.preset("improving", change_week=8).change_week == 8


def test_symmetric_presets_give_both_partners_the_same_behaviour() -> None:
    for name in ("secure", "mutual-withdrawal", "mutual-pursuit"):
        first, second = SimulationParams.preset(name).partners
        assert replace(first, name="x") == replace(second, name="x"), name


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(
            lambda: ResponseRates(toward=0.5, away=0.3, against=0.3, problem_solving=0.1),
            "responses shares sum to 1.2 (toward=0.5, away=0.3, against=0.3, "
            "problem_solving=0.1); toward, away, against and problem_solving must sum to 1.",
            id="rates-sum",
        ),
        pytest.param(
            lambda: ResponseRates(toward=1.2, away=-0.2, against=0.0, problem_solving=0.0),
            "responses.toward is 1.2; it is a probability, so give a number from 0 to 1.",
            id="rate-above-one",
        ),
        pytest.param(
            lambda: replace(BEHAVIOUR, latency_minutes=0.0),
            "behaviour.latency_minutes is 0.0; give a number above 0.",
            id="latency-zero",
        ),
        pytest.param(
            lambda: replace(BEHAVIOUR, bids_per_day=-1.0),
            "behaviour.bids_per_day is -1.0; give a number of 0 or more.",
            id="negative-bids",
        ),
        pytest.param(
            lambda: _partner(inertia=1.0),
            "partner 'Ana'.inertia is 1.0; give a number from 0 up to (not including) 1.",
            id="inertia-one",
        ),
        pytest.param(
            lambda: _partner(influence=1.5),
            "partner 'Ana'.influence is 1.5; give a number from -1 to 1.",
            id="influence-range",
        ),
        pytest.param(
            lambda: _partner(set_point=7.0),
            "partner 'Ana'.set_point is 7.0; valence runs from -5 to 5, so give a number in "
            "that range.",
            id="set-point-range",
        ),
        pytest.param(
            lambda: _partner(role="clingy"),
            "partner 'Ana'.role is 'clingy'; choose one of seeking, avoidant, both, neither.",
            id="unknown-role",
        ),
        pytest.param(
            lambda: _partner(name="A: B"),
            "partner name 'A: B' cannot be used in a chat export; give a non-empty name "
            "without ':' or line breaks.",
            id="name-with-colon",
        ),
        pytest.param(
            lambda: _partner(brevity=2.0),
            "partner 'Ana'.brevity is 2.0; it is a probability, so give a number from 0 to 1.",
            id="brevity",
        ),
        pytest.param(
            lambda: SimulationParams(partners=(_partner(), _partner())),
            "both partners are called 'Ana'; give the two partners different names.",
            id="same-names",
        ),
        pytest.param(
            lambda: SimulationParams(partners=(_partner(), _partner("Bo")), weeks=0),
            "weeks is 0; give a whole number from 1 to 520.",
            id="no-weeks",
        ),
        pytest.param(
            lambda: SimulationParams(partners=(_partner(), _partner("Bo")), change_week=16),
            "change_week is 16 but the simulation lasts 16 weeks; give a week from 1 to 15, "
            "or None for no change.",
            id="change-week-at-end",
        ),
        pytest.param(
            lambda: SimulationParams(partners=(_partner(), _partner("Bo")), timezone="Mars/Base"),
            "timezone 'Mars/Base' is not a known IANA time zone; give a name such as "
            "'Europe/Berlin' or 'UTC'.",
            id="timezone",
        ),
        pytest.param(
            lambda: SimulationParams(
                partners=(
                    _partner(inertia=0.9, influence=0.9),
                    _partner("Bo", inertia=0.9, influence=0.9),
                )
            ),
            "the valence dynamics are unstable (spectral radius 2.25): inertia 0.9/0.9 with "
            "influence 0.9/0.9 lets conflicts escalate without bound; lower inertia or influence.",
            id="unstable-dynamics",
        ),
        pytest.param(
            lambda: SimulationParams.preset("clingy"),
            "unknown preset 'clingy'; choose one of improving, mutual-pursuit, "
            "mutual-withdrawal, pursue-withdraw, secure.",
            id="unknown-preset",
        ),
    ],
)
def test_invalid_parameters_are_refused_with_exact_messages(build: Any, message: str) -> None:
    with pytest.raises(InputError) as caught:
        build()
    assert str(caught.value) == message


def test_params_serialise_to_plain_json() -> None:
    obj = SimulationParams.preset("improving").to_json()
    assert obj["start"] == "2024-09-02"
    assert obj["change_week"] == 10
    assert obj["partners"][0]["name"] == "Maya"
    assert obj["partners"][1]["after"]["responses"]["toward"] == 0.7
