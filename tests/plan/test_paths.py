"""Which paths are suggested, and the reasons given, for hand-built metrics and answers."""

from __future__ import annotations

from typing import Any

import pytest

from holdspace.plan import make_plan


def _ids(plan: Any) -> list[tuple[str, str | None]]:
    return [(p.id, p.partner) for p in plan.paths]


def test_clear_cycle_suggests_all_three_paths(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    plan = make_plan(metrics, [], open_view)
    assert _ids(plan) == [
        ("individual-avoidant", "Alex"),
        ("individual-seeking", "Sam"),
        ("couples", None),
    ]


def test_avoidant_reasons_name_figures_and_thresholds(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    path = make_plan(metrics, [], open_view).path("individual-avoidant")
    assert path is not None
    assert [r.rule for r in path.reasons] == [
        "avoidant-role",
        "avoidant-withdrawer",
        "avoidant-turned-away",
        "avoidant-awareness",
    ]
    turned = path.reasons[2]
    assert turned.figure == "bids.Alex.away+against"
    assert turned.value == pytest.approx(0.44)
    assert turned.threshold == 0.35
    assert turned.text == (
        "Alex turned away from or against 44% of Sam's 212 bids: they were missed, left "
        "unanswered or met with irritation (this plan suggests support from 35%). Missing a bid "
        "is often about not noticing rather than not caring, but it still leaves Sam alone with it."
    )


def test_seeking_reasons(metrics: dict[str, Any], open_view: dict[str, Any]) -> None:
    path = make_plan(metrics, [], open_view).path("individual-seeking")
    assert path is not None
    assert [r.rule for r in path.reasons] == [
        "seeking-role",
        "seeking-pursuer",
        "seeking-unanswered",
        "seeking-regulation",
    ]
    assert path.reasons[3].text == (
        "Sam's regulation score is 0.38 on a scale from 0 to 1, under the 0.40 this plan treats "
        "as room to grow: the longing often comes out as protest (more messages, sharper words) "
        "rather than a plain request. The longing itself is reasonable."
    )


@pytest.mark.parametrize(
    ("strength", "suggested", "rule"),
    [
        pytest.param(0.15, True, "couples-cycle", id="at-threshold"),
        pytest.param(0.14, False, "couples-weak-cycle", id="just-under"),
    ],
)
def test_couples_threshold(
    metrics: dict[str, Any], open_view: dict[str, Any], strength: float, suggested: bool, rule: str
) -> None:
    metrics["cycle"]["strength"] = strength
    plan = make_plan(metrics, [], open_view)
    couples = plan.path("couples") or next(p for p in plan.considered if p.id == "couples")
    assert (plan.path("couples") is not None) is suggested
    assert couples.reasons[0].rule == rule


def test_paused_joint_work_removes_couples_and_joint_exercises(
    metrics: dict[str, Any], paused_view: dict[str, Any]
) -> None:
    plan = make_plan(metrics, [], paused_view)
    assert plan.joint_paused is True
    assert plan.path("couples") is None
    assert [(p.id, [r.rule for r in p.reasons]) for p in plan.considered] == [
        ("couples", ["paused"])
    ]
    assert all(p.exercise.who == "alone" for p in plan.practice)
    assert _ids(plan) == [("individual-avoidant", "Alex"), ("individual-seeking", "Sam")]


@pytest.mark.parametrize(
    ("answers", "viewer", "expected"),
    [
        pytest.param([], None, [], id="no-answers"),
        pytest.param([("Sam", 14, False)], None, [], id="private-not-in-joint"),
        pytest.param([("Sam", 14, True)], None, ["phq9.total"], id="shared-in-joint"),
        pytest.param([("Sam", 14, False)], "Sam", ["phq9.total"], id="own-in-private"),
        pytest.param([("Sam", 14, False)], "Alex", [], id="other-private-hidden"),
        pytest.param([("Sam", 9, True)], None, [], id="under-cut-off"),
        pytest.param([("Sam", 10, True)], None, ["phq9.total"], id="at-cut-off"),
    ],
)
def test_answers_feed_the_seeking_path_only_when_visible(
    metrics: dict[str, Any],
    open_view: dict[str, Any],
    answers: list[tuple[str, int, bool]],
    viewer: str | None,
    expected: list[str],
) -> None:
    scores = [
        {"partner": who, "instrument": "phq9", "total": total, "band": "x", "shared": shared}
        for who, total, shared in answers
    ]
    path = make_plan(metrics, scores, open_view, viewer=viewer).path("individual-seeking")
    assert path is not None
    assert [r.figure for r in path.reasons if r.source == "answers"] == expected


def test_weak_metrics_give_no_individual_path_without_evidence(open_view: dict[str, Any]) -> None:
    metrics = {
        "partners": ["Ana", "Ben"],
        "roles": {"Ana": {"role": "neither", "confidence": 0.2}, "Ben": {"role": "neither"}},
        "cycle": {"strength": 0.1, "pursuer": None, "withdrawer": None},
        "timing": {"timed": True},
    }
    plan = make_plan(metrics, [], open_view)
    assert plan.paths == ()
    assert [p.reasons[0].rule for p in plan.considered] == ["couples-weak-cycle"]


def test_one_partner_alone_with_only_a_check_in(open_view: dict[str, Any]) -> None:
    scores = [{"partner": "Ana", "instrument": "gad7", "total": 12, "band": "moderate"}]
    plan = make_plan(None, scores, open_view, viewer="Ana")
    assert plan.partners == ("Ana",)
    assert plan.paths == ()
    assert plan.notes == (
        "Ana's worry check-in (GAD-7) total is 12, at or above 10, the point at which the "
        "questionnaire's authors advise talking it over with a professional. Support for Ana's "
        "own wellbeing is worth considering, whatever else you choose.",
    )
    assert [p.exercise.id for p in plan.practice] == ["feelings-log"]
    assert plan.unknowns[0].startswith("No conversation was analysed")


def test_partner_not_taking_part(metrics: dict[str, Any], open_view: dict[str, Any]) -> None:
    plan = make_plan(metrics, [], open_view, viewer="Sam", taking_part=["Sam"])
    couples = plan.path("couples")
    assert couples is not None
    assert couples.reasons[-1].text == (
        "Couples therapy needs both of you. Only Sam took part here, so it is an option for when "
        "Alex is ready, not a first step; Sam can start on their own in the meantime."
    )
    assert [p.partner for p in plan.practice] == ["Sam"]
    assert (
        "Alex did not take part: we see only Alex's messages, not Alex's own view or answers."
        in plan.unknowns
    )


@pytest.mark.parametrize(
    ("view", "viewer", "expected"),
    [
        pytest.param(
            {"joint_paused": False, "crisis_first": True}, "Sam", True, id="private-crisis"
        ),
        pytest.param(
            {"joint_paused": False, "crisis_first": True}, None, False, id="never-in-joint"
        ),
        pytest.param({"joint_paused": False}, "Sam", False, id="no-flag"),
    ],
)
def test_crisis_first_only_in_a_private_plan(
    metrics: dict[str, Any], view: dict[str, Any], viewer: str | None, expected: bool
) -> None:
    assert make_plan(metrics, [], view, viewer=viewer).crisis_first is expected


def test_plan_json_has_the_fixed_path_shape(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    data = make_plan(metrics, [], open_view).to_json()
    assert [(p["id"], p["partner"]) for p in data["paths"]] == [
        ("individual-avoidant", "Alex"),
        ("individual-seeking", "Sam"),
        ("couples", None),
    ]
    assert all(
        isinstance(r["text"], str) and r["text"] for p in data["paths"] for r in p["reasons"]
    )
    assert data["rules"] == "holdspace.plan.rules.v1"
