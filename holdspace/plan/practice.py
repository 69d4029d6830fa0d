"""This week's practice: one exercise per partner for their largest measured gap, and one
together when joint work is open to both."""

from __future__ import annotations

from holdspace.plan.context import PlanContext
from holdspace.plan.exercises import CAPACITIES, load_exercises
from holdspace.plan.figures import figure_name, pct, score
from holdspace.plan.result import Exercise, Practice, Reason

__all__ = ["weekly_practice"]

_NAMES = {
    "awareness": "emotional awareness",
    "regulation": "regulation",
    "accountability": "accountability",
    "empathetic_communication": "empathetic communication",
    "intimacy": "emotional intimacy",
}


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
                text=f"{name} turned away from or against {pct(turned[0])} of "
                f"{ctx.other(name)}'s bids; this week is about noticing and answering them.",
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
        pattern = "protest" if side == "seeking" and capacity == "regulation" else f"low-{capacity}"
        exercise = _pick(side, pattern, "alone", capacity) or _pick(
            side, f"low-{capacity}", "alone", capacity
        )
        if exercise is not None:
            gap = value < ctx.rules.t("capacity_low")
            text = (
                f"{_NAMES[capacity].capitalize()} is {name}'s lowest of the five capacities "
                f"({score(value)}"
                + (
                    f", under the {score(ctx.rules.t('capacity_low'))} that marks a gap)."
                    if gap
                    else "; not a gap, the place with most room to grow)."
                )
            )
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
        text="There are not enough measured messages to find a gap, so the week starts with "
        "awareness, the first of the five capacities.",
        rule="practice-start",
        source="rules",
    )
    return Practice(exercise=exercise, partner=name, why=why)


def _together(ctx: PlanContext) -> Practice | None:
    exercise = _pick("both", "cycle", "together")
    if exercise is None:
        return None
    strength = ctx.metrics.get("cycle", {}).get("strength") if ctx.metrics else None
    text = "A shared ten minutes a day gives both sides of the loop a safe place to be heard"
    if isinstance(strength, int | float):
        text += f" (cycle strength now {score(float(strength))})."
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
