"""This week's practice: one exercise per partner for their largest measured gap, chosen for
their side of the loop, and one together when joint work is open to both.

Which exercise answers which gap on which side, and the wording of why, live in
``data/practice_v1.yaml``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, cast

import yaml

from holdspace.plan.context import PlanContext
from holdspace.plan.exercises import CAPACITIES, load_exercises
from holdspace.plan.figures import figure_name, pct, score
from holdspace.plan.result import Exercise, Practice, Reason

__all__ = ["load_practice", "weekly_practice"]


@cache
def load_practice(version: str = "v1") -> dict[str, Any]:
    """The practice choices and wording of ``version``."""
    text = (resources.files("holdspace.plan") / "data" / f"practice_{version}.yaml").read_text(
        encoding="utf-8"
    )
    return cast(dict[str, Any], yaml.safe_load(text))


def _why(key: str, **values: str) -> str:
    return str(load_practice()["why"][key]).format(**values)


def _by_id(exercise_id: str | None) -> Exercise | None:
    return next((e for e in load_exercises() if e.id == exercise_id), None)


def weekly_practice(ctx: PlanContext) -> tuple[Practice, ...]:
    """The practice suggestions for this week, in a stable order (partners, then together)."""
    chosen: list[Practice] = []
    for name in ctx.taking_part:
        chosen.append(_for_partner(ctx, name))
    if (
        not ctx.joint_paused
        and ctx.metrics is not None
        and len(ctx.partners) == 2
        and set(ctx.partners) <= set(ctx.taking_part)
    ):
        together = _together(ctx)
        if together is not None:
            chosen.append(together)
    return tuple(chosen)


def _pick(role: str, pattern: str, who: str, capacity: str = "") -> Exercise | None:
    """The best fitting exercise; ties keep library order (the sort is stable)."""
    fitting = [
        exercise
        for exercise in load_exercises()
        if exercise.who == who
        and (role in exercise.roles or "both" in exercise.roles or role == "both")
        and pattern in exercise.patterns
    ]
    # Prefer the gap's own capacity, then exercises written for this side of the loop.
    fitting.sort(key=lambda e: (e.capacity != capacity, role not in e.roles, len(e.roles)))
    return fitting[0] if fitting else None


def _for_partner(ctx: PlanContext, name: str) -> Practice:
    side = (
        "avoidant"
        if ctx.side("avoidant") == name
        else "seeking"
        if ctx.side("seeking") == name
        else "both"
    )
    turned = ctx.bids_turned_away(name)
    if side == "avoidant" and turned is not None and turned[0] >= ctx.rules.t("turned_away"):
        exercise = _pick(side, "turned-away", "alone", "intimacy")
        if exercise is not None:
            why = Reason(
                text=_why("turned_away", name=name, share=pct(turned[0]), other=ctx.other(name)),
                rule="practice-turned-away",
                source="metrics",
                figure=figure_name(("bids", name, "away+against")),
                value=round(turned[0], 4),
                threshold=ctx.rules.t("turned_away"),
            )
            return Practice(exercise=exercise, partner=name, why=why)
    scored = [
        (value, capacity)
        for capacity in CAPACITIES
        if (value := ctx.capacity(name, capacity)) is not None
    ]
    if scored:
        value, capacity = min(scored)
        # the side of the loop decides how a gap is practised: the pursuer is not sent to own
        # the loop, the withdrawer practises staying and answering
        chosen = load_practice()["sides"].get(side, {}).get(capacity)
        exercise = _by_id(chosen) or _pick(side, f"low-{capacity}", "alone", capacity)
        if exercise is not None:
            values = {
                "capacity": str(load_practice()["capacity_names"][capacity]).capitalize(),
                "name": name,
                "value": score(value),
                "threshold": score(ctx.rules.t("capacity_low")),
            }
            gap = value < ctx.rules.t("capacity_low")
            text = _why("lowest_gap" if gap else "lowest_room", **values)
            text += str(load_practice()["why"]["side"][side])
            why = Reason(
                text=text,
                rule="practice-lowest-capacity",
                source="metrics",
                figure=figure_name(("capacities", name, capacity, "score")),
                value=value,
                threshold=ctx.rules.t("capacity_low"),
            )
            return Practice(exercise=exercise, partner=name, why=why)
    exercise = _pick(side, "low-awareness", "alone")
    assert exercise is not None, "the library holds an awareness exercise for every role"
    why = Reason(
        text=_why("start"),
        rule="practice-start",
        source="rules",
    )
    return Practice(exercise=exercise, partner=name, why=why)


def _together(ctx: PlanContext) -> Practice | None:
    exercise = _pick("both", "cycle", "together")
    if exercise is None:
        return None
    strength = ctx.metrics.get("cycle", {}).get("strength") if ctx.metrics else None
    text = _why("together")
    if isinstance(strength, int | float):
        text += _why("together_strength", strength=score(float(strength)))
    else:
        text += "."
    return Practice(
        exercise=exercise,
        partner=None,
        why=Reason(
            text=text,
            rule="practice-together",
            source="metrics",
            figure="cycle.strength",
            value=strength if isinstance(strength, int | float) else None,
        ),
    )
