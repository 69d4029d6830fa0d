"""Goals carry their current figure; the weekly practice answers the measured gaps."""

from __future__ import annotations

from typing import Any

import pytest

from holdspace.plan import make_plan


def test_avoidant_goals_with_current_figures(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    path = make_plan(metrics, [], open_view).path("individual-avoidant")
    assert path is not None
    assert [(g.id, g.figure, g.current, g.direction) for g in path.goals] == [
        ("answer-bids", "bids.Alex.toward", 0.41, "up"),
        ("name-feelings", "capacities.Alex.awareness.score", 0.29, "up"),
        ("stay-and-return", "capacities.Alex.regulation.score", 0.45, "up"),
        ("support-before-fixes", "bids.Alex.problem_solving", 0.15, "down"),
    ]
    assert path.goals[0].sign == "the share of Sam's bids that Alex answers with interest or warmth"


def test_couples_goals_expand_per_partner(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    path = make_plan(metrics, [], open_view).path("couples")
    assert path is not None
    assert [g.id for g in path.goals] == [
        "looser-loop",
        "listen-with-care:Sam",
        "listen-with-care:Alex",
        "stay-close:Sam",
        "stay-close:Alex",
    ]
    assert path.goals[0].current == 0.64


def test_missing_figure_gives_no_current_value(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    del metrics["bids"]["Alex"]["problem_solving"]
    path = make_plan(metrics, [], open_view).path("individual-avoidant")
    assert path is not None
    assert path.goals[-1].current is None


def test_weekly_practice_answers_the_gaps(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    practice = make_plan(metrics, [], open_view).practice
    assert [(p.partner, p.exercise.id, p.why.rule) for p in practice] == [
        ("Sam", "one-message-rule", "practice-lowest-capacity"),
        ("Alex", "turn-toward-bids", "practice-turned-away"),
        (None, "daily-check-in", "practice-together"),
    ]
    assert practice[0].why.text == (
        "Regulation is Sam's lowest of the five capacities (0.38, under the 0.40 that marks a gap)."
        " On the reaching-out side of the loop, the practice looks after your own side: naming"
        " what you need, steadying yourself while you wait, and kind boundaries."
    )


@pytest.mark.parametrize(
    ("lowest", "expected"),
    [
        pytest.param("accountability", "catch-the-but", id="accountability"),
        pytest.param("intimacy", "turn-toward-bids", id="intimacy"),
        pytest.param("empathetic_communication", "feeling-before-fix", id="empathy"),
        pytest.param("regulation", "pause-and-return", id="regulation"),
        pytest.param("awareness", "feelings-log", id="awareness"),
    ],
)
def test_practice_follows_the_lowest_capacity(
    metrics: dict[str, Any], open_view: dict[str, Any], lowest: str, expected: str
) -> None:
    metrics["bids"]["Alex"]["away"] = 0.1
    metrics["capacities"]["Alex"][lowest]["score"] = 0.05
    practice = make_plan(metrics, [], open_view).practice
    assert practice[1].exercise.id == expected


def test_no_together_exercise_when_a_partner_does_not_take_part(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    practice = make_plan(metrics, [], open_view, taking_part=["Alex"]).practice
    assert [p.exercise.who for p in practice] == ["alone"]


def test_goal_already_met_is_worded_as_one_to_keep(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    metrics["capacities"]["Sam"]["intimacy"]["score"] = 0.98
    path = make_plan(metrics, [], open_view).path("couples")
    assert path is not None
    goals = {g.id: g for g in path.goals}
    assert goals["stay-close:Sam"].met is True
    assert goals["stay-close:Sam"].text.startswith("Already there, keep it up: Stay interested")
    assert goals["stay-close:Alex"].met is False
    assert goals["stay-close:Alex"].text.startswith("Stay interested")


def test_boundaries_goal_says_messages_cannot_measure_it(
    metrics: dict[str, Any], open_view: dict[str, Any]
) -> None:
    path = make_plan(metrics, [], open_view).path("individual-seeking")
    assert path is not None
    goal = next(g for g in path.goals if g.id == "kind-boundaries")
    assert (goal.figure, goal.current, goal.met) == ("", None, False)
    assert goal.sign == (
        "for yourself whether you keep the boundaries you set: messages cannot show this, "
        "and no check-in question asks about it yet"
    )


@pytest.mark.parametrize(
    ("lowest", "expected"),
    [
        pytest.param("accountability", "boundary-script", id="accountability"),
        pytest.param("awareness", "name-the-need", id="awareness"),
        pytest.param("regulation", "one-message-rule", id="regulation"),
        pytest.param("empathetic_communication", "soft-start", id="empathy"),
        pytest.param("intimacy", "support-circle", id="intimacy"),
    ],
)
def test_pursuer_practice_looks_after_their_own_side(
    metrics: dict[str, Any], open_view: dict[str, Any], lowest: str, expected: str
) -> None:
    for capacity in metrics["capacities"]["Sam"].values():
        if isinstance(capacity, dict) and "score" in capacity:
            capacity["score"] = 0.9
    metrics["capacities"]["Sam"][lowest]["score"] = 0.05
    practice = make_plan(metrics, [], open_view).practice
    assert (practice[0].partner, practice[0].exercise.id) == ("Sam", expected)
    assert practice[0].exercise.id not in {"my-part", "specific-apology"}


def test_every_side_choice_is_an_exercise_for_that_side() -> None:
    from holdspace.plan.exercises import CAPACITIES, load_exercises
    from holdspace.plan.practice import load_practice

    library = {e.id: e for e in load_exercises()}
    for side, choices in load_practice()["sides"].items():
        assert set(choices) == set(CAPACITIES)
        for exercise_id in choices.values():
            exercise = library[exercise_id]
            assert (exercise.who, side in exercise.roles) == ("alone", True), exercise_id
