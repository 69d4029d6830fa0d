"""The pipeline end to end on the bundled sample, and the privacy of the joint analysis."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from holdspace.assess import score
from holdspace.errors import HoldspaceError, InputError
from holdspace.pipeline import ANALYSIS_SCHEMA, STAGES, CheckIn, analyze
from holdspace.stages import PIPELINE

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


def _views_of_jo(checkins: list[CheckIn]) -> tuple[dict[str, Any], dict[str, Any]]:
    result = analyze(SAMPLE, checkins=checkins, me="Sam", coder="model", private_for=["Jo"])
    joint, private = result.joint, result.private["Jo"]
    joint.pop("generated")
    private.pop("generated")
    return joint, private


@pytest.mark.parametrize(
    "sams",
    [
        pytest.param([_checkin("Sam", "hark", [0, 0, 0, 0])], id="negative"),
        pytest.param([_checkin("Sam", "hark", [None, None, None, None])], id="skipped"),
        pytest.param([_checkin("Sam", "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2])], id="self-harm"),
        pytest.param(SAFE, id="other-questionnaire"),
    ],
)
def test_jo_cannot_tell_whether_sam_answered_at_all(sams: list[CheckIn]) -> None:
    assert _views_of_jo(sams) == _views_of_jo([])


def test_without_a_chat_a_partner_known_only_from_a_safety_screen_is_not_named() -> None:
    checkins = [_checkin("Sam", "hark", [0, 0, 0, 0]), _checkin("Jo", "gad7", [1] * 7)]
    joint = analyze(None, checkins=checkins, share=["Jo"]).joint
    assert joint["plan"]["partners"] == ["Jo"]
    assert "Sam" not in json.dumps(joint)


def test_a_check_in_of_someone_outside_the_couple_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        analyze(SAMPLE, checkins=[_checkin("Alex", "gad7", [1] * 7)], me="Sam", coder="model")
    assert caught.value.message == (
        "a check-in is for Alex, who is not one of the partners (Sam, Jo); "
        "give the name as it is in the chat, or pass --partners."
    )


def test_a_private_analysis_for_someone_outside_the_couple_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        analyze(SAMPLE, me="Sam", coder="model", private_for=["Zed"])
    assert caught.value.message == (
        "no private analysis for Zed: not one of the partners (Sam, Jo); "
        "give the name as it is in the chat."
    )


def test_analysis_records_every_component_that_produced_it() -> None:
    joint = analyze(SAMPLE, me="Sam", coder="model").joint
    assert joint["components"] == {
        "ingest": "holdspace.ingest.whatsapp",
        "coder": "holdspace.coder.model.v1",
        "measure": "holdspace.measure.v3",
        "capacities": "holdspace.capacities.v1",
        "valence": "holdspace.codebook.v1",
        "plan": "holdspace.plan.rules.v1",
    }
    assert set(joint["components"]) == {key for stage in PIPELINE for key in stage.records}


def test_without_a_chat_only_the_plan_is_recorded() -> None:
    joint = analyze(None, checkins=SAFE, share=["Sam"]).joint
    assert joint["components"] == {"plan": "holdspace.plan.rules.v1"}


def test_a_paused_joint_analysis_records_no_component() -> None:
    assert _joint([_checkin("Jo", "hark", [0, 1, 0, 0])])["components"] == {}


def test_the_stage_order_is_checked_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stages: list[str] = []
    shuffled = (PIPELINE[0], PIPELINE[2], PIPELINE[1], *PIPELINE[3:])
    monkeypatch.setattr("holdspace.pipeline.PIPELINE", shuffled)
    with pytest.raises(HoldspaceError) as caught:
        analyze(SAMPLE, me="Sam", coder="model", progress=lambda s, d, t: stages.append(s))
    assert caught.value.message == (
        "stage measure reads 'coded', which code assigns only after it "
        "(order: ingest -> measure -> code -> assess -> plan); run code before measure."
    )
    assert stages == []
