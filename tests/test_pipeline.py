"""The pipeline end to end on the bundled sample, and the privacy of the joint analysis."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from holdspace.assess import score
from holdspace.pipeline import ANALYSIS_SCHEMA, STAGES, CheckIn, analyze

SAMPLE = Path(str(resources.files("holdspace") / "data" / "sample" / "whatsapp_sam_jo.txt"))
NAMES = ("Sam", "Jo")


def _checkin(partner: str, instrument: str, answers: list[int]) -> CheckIn:
    return CheckIn(partner=partner, result=score(instrument, answers), time="2025-03-01T10:00:00")


def _joint(checkins: list[CheckIn], **options: Any) -> dict[str, Any]:
    joint = analyze(SAMPLE, checkins=checkins, me="Sam", coder="model", **options).joint
    joint.pop("generated")
    return joint


def test_analysis_has_the_fixed_schema() -> None:
    stages: list[str] = []
    result = analyze(SAMPLE, me="Sam", coder="model", progress=lambda s, d, t: stages.append(s))
    joint = result.joint
    assert joint["schema"] == ANALYSIS_SCHEMA
    assert joint["safety"]["joint_paused"] is False
    assert isinstance(joint["plan"]["paths"], list)
    assert joint["metrics"]["schema"] == "holdspace.metrics.v1"
    assert joint["conversation"]["messages"] > 0
    assert list(dict.fromkeys(stages)) == list(STAGES)
    json.dumps(joint)


SAFE = [_checkin("Sam", "gad7", [2, 2, 2, 2, 1, 1, 1])]


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param([], id="not-taken"),
        pytest.param([_checkin("Sam", "hark", [0, 0, 0, 0])], id="negative"),
        pytest.param([_checkin("Sam", "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2])], id="self-harm-answer"),
    ],
)
def test_joint_analysis_identical_whatever_sams_private_answers(extra: list[CheckIn]) -> None:
    assert _joint(SAFE + extra) == _joint(SAFE)


def test_shared_results_appear_but_safety_questionnaires_never() -> None:
    checkins = [*SAFE, _checkin("Sam", "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0])]
    joint = _joint(checkins, share=["Sam"])
    assert [(a["partner"], a["instrument"]) for a in joint["assessments"]] == [("Sam", "gad7")]


def test_positive_violence_screen_pauses_joint_analysis() -> None:
    joint = _joint([_checkin("Jo", "hark", [0, 1, 0, 0])])
    assert joint["safety"]["joint_paused"] is True
    assert joint["metrics"] is None and joint["plan"]["paths"] == []
    assert joint["assessments"] == []


def test_private_analysis_adds_own_answers_and_crisis_first() -> None:
    checkins = [_checkin("Sam", "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2])]
    private = analyze(
        SAMPLE, checkins=checkins, me="Sam", coder="model", private_for=["Sam"]
    ).private["Sam"]
    assert [a["instrument"] for a in private["assessments"]] == ["phq9"]
    assert private["plan"]["crisis_first"] is True
    assert private["safety"]["private"]["self_harm_screen"] == "positive"


def test_one_partner_alone_with_only_a_check_in() -> None:
    result = analyze(None, checkins=SAFE, private_for=["Sam"])
    assert result.joint["metrics"] is None
    plan = result.private["Sam"]["plan"]
    assert plan["partners"] == ["Sam"]
    assert plan["unknowns"][0].startswith("No conversation was analysed")
