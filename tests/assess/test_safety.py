"""Safety rules S2-S6: the joint pause, neutral wording, private views, crisis resources."""

from __future__ import annotations

import json
from typing import Any

import pytest

from holdspace.assess import score
from holdspace.assess.crisis import load_resources, regions, render_text
from holdspace.assess.safety import JOINT_PAUSED_MESSAGE, THERAPIST_JOINT_FLAG, evaluate
from holdspace.assess.scoring import ScoreResult
from holdspace.errors import InvalidSetting

B_SCREENS = {"hark": score("hark", [0, 0, 0, 0, 0]), "asq": score("asq", [0, 0, 0, 0])}

A_VIOLENCE = {
    "negative": {"hark": score("hark", [0, 0, 0, 0, 0])},
    "positive-hark": {"hark": score("hark", [0, 0, 0, 1, 0])},
    "positive-afraid-now": {"hark": score("hark", [0, 0, 0, 0, 1])},
    "skipped": {"hark": score("hark", [None, None, None, None, None])},
    "absent": None,
}


def status_for(a_screens: dict[str, ScoreResult] | None, **kwargs: Any) -> Any:
    screens = {"B": B_SCREENS} if a_screens is None else {"A": a_screens, "B": B_SCREENS}
    return evaluate(["A", "B"], screens, **kwargs)


def b_outputs(status: Any) -> tuple[str, str]:
    """What B can see: the joint view, and B's own private view."""
    return (
        json.dumps(status.joint_view(), sort_keys=True),
        json.dumps(status.private_view("B"), sort_keys=True),
    )


def test_s2_b_sees_the_same_under_negative_skipped_and_absent() -> None:
    outputs = {
        case: b_outputs(status_for(A_VIOLENCE[case])) for case in ("negative", "skipped", "absent")
    }
    assert len(set(outputs.values())) == 1


def test_s2_s4_every_positive_cause_gives_byte_identical_outputs_to_b() -> None:
    causes = [
        status_for(A_VIOLENCE["positive-hark"]),
        status_for(A_VIOLENCE["positive-afraid-now"]),
        status_for(A_VIOLENCE["negative"], paused_by=["A"]),
        status_for(A_VIOLENCE["negative"], message_signals={"A": {"risk_harm": 2}}),
        status_for(None, paused_by=["B"]),
    ]
    assert len({b_outputs(s) for s in causes}) == 1
    assert causes[0].joint_view() == {"joint_paused": True, "message": JOINT_PAUSED_MESSAGE}


def test_s2_the_only_difference_b_sees_is_the_pause_itself() -> None:
    negative = status_for(A_VIOLENCE["negative"]).private_view("B")
    positive = status_for(A_VIOLENCE["positive-hark"]).private_view("B")
    differing = sorted(k for k in negative if negative[k] != positive[k])
    assert differing == ["joint_paused", "message"]


@pytest.mark.parametrize(
    "a_self_harm",
    [
        {"asq": score("asq", [0, 0, 0, 0])},
        {"asq": score("asq", [1, 0, 0, 0, 1])},
        {"asq": score("asq", [None, 0, 0, 0, 0])},
        {"phq9": score("phq9", [0] * 8 + [3])},
        None,
    ],
    ids=["negative", "acute", "skipped", "phq9-item9", "absent"],
)
def test_s2_self_harm_answers_of_a_never_change_what_b_sees(a_self_harm: Any) -> None:
    reference = b_outputs(status_for(None))
    assert b_outputs(status_for(a_self_harm)) == reference
    assert status_for(a_self_harm).joint_paused is False


@pytest.mark.parametrize(
    ("case", "paused"),
    [
        ("negative", False),
        ("positive-hark", True),
        ("positive-afraid-now", True),
        ("skipped", False),
        ("absent", False),
    ],
    ids=["negative", "hark", "afraid-now", "skipped", "absent"],
)
def test_s3_positive_violence_screen_pauses_joint_work(case: str, paused: bool) -> None:
    status = status_for(A_VIOLENCE[case])
    assert status.joint_paused is paused
    assert status.allows_joint_work is not paused
    assert (THERAPIST_JOINT_FLAG in status.therapist_flags) is paused


def test_s3_either_partner_positive_pauses() -> None:
    status = evaluate(["A", "B"], {"B": {"hark": score("hark", [1, 0, 0, 0, 0])}})
    assert status.joint_paused and not status.allows_joint_work


def test_s3_risk_harm_messages_pause_and_flag_for_the_therapist_only() -> None:
    status = status_for(
        A_VIOLENCE["negative"], message_signals={"A": {"risk_harm": ["you'll regret it"]}}
    )
    assert status.joint_paused
    assert status.therapist_view()["flags"] == [THERAPIST_JOINT_FLAG]
    assert status.private_view("A")["reasons"] == []


def test_positive_partner_sees_own_reason_and_resources() -> None:
    view = status_for(A_VIOLENCE["positive-hark"]).private_view("A")
    assert view["violence_screen"] == "positive" and view["show_crisis_resources"] is True
    assert view["reasons"][0].startswith("You said something in the safety questions")


@pytest.mark.parametrize(
    ("screens", "signals", "state", "acuity", "show"),
    [
        ({"asq": score("asq", [0, 0, 0, 0])}, None, "negative", None, False),
        ({"asq": score("asq", [0, 0, 1, 0, 0])}, None, "positive", "non-acute", True),
        ({"asq": score("asq", [0, 0, 1, 0, 1])}, None, "positive", "acute", True),
        ({"phq9": score("phq9", [0] * 8 + [1])}, None, "positive", None, True),
        ({"phq9": score("phq9", [0] * 9)}, None, "negative", None, False),
        ({}, None, "not-taken", None, False),
        ({}, {"A": {"risk_self": {"count": 1}}}, "not-taken", None, True),
    ],
    ids=["asq-no", "asq-non-acute", "asq-acute", "phq9-item9", "phq9-clear", "none", "messages"],
)
def test_s6_self_harm_status(
    screens: dict[str, ScoreResult], signals: Any, state: str, acuity: str | None, show: bool
) -> None:
    status = evaluate(["A"], {"A": screens}, message_signals=signals)
    own = status.private_view("A")
    assert (own["self_harm_screen"], own["self_harm_acuity"], own["show_crisis_resources"]) == (
        state,
        acuity,
        show,
    )
    assert status.joint_paused is False


def test_s5_us_resources_from_data() -> None:
    text = render_text(load_resources("US"))
    for needle in (
        "911",
        "call or text 988".lower(),
        "1-800-799-7233",
        "START to 88788",
        "holdspace is not monitored",
    ):
        assert needle.lower() in text.lower()
    assert regions() == ("US",)


def test_unknown_region() -> None:
    with pytest.raises(InvalidSetting) as error:
        load_resources("ZZ")
    assert str(error.value) == (
        "no crisis resources for region 'ZZ'; available: US. Set HOLDSPACE_REGION to one of "
        "them, or add a file to holdspace/assess/data/crisis/."
    )
