"""What a plan cannot know from its inputs, said plainly."""

from __future__ import annotations

from holdspace.plan.context import PlanContext
from holdspace.plan.exercises import CAPACITIES
from holdspace.plan.figures import dig, number

__all__ = ["unknowns"]

_ALWAYS = (
    "Messages show only part of a relationship: time together in person, calls and other "
    "apps are not here, and tone of voice is lost in text."
)


def unknowns(ctx: PlanContext, *, viewer: str | None) -> tuple[str, ...]:
    """Plain sentences about what is missing or too thin to use."""
    found: list[str] = []
    if ctx.metrics is None:
        found.append(
            "No conversation was analysed, so the loop, the bids and the five capacities are "
            "unknown; this plan rests on check-in answers alone."
        )
    for name in ctx.partners:
        if name not in ctx.taking_part:
            found.append(
                f"{name} did not take part: we see only {name}'s messages, not {name}'s own "
                "view or answers."
            )
    if not ctx.answers:
        found.append(
            "No check-in answers are part of this report; answers stay private unless a "
            "partner chooses to share them."
            if viewer is None
            else "No check-in answers were given, so how you feel in yourself is unknown here."
        )
    if ctx.metrics is not None:
        found.extend(_thin_figures(ctx))
    found.append(_ALWAYS)
    return tuple(found)


def _thin_figures(ctx: PlanContext) -> list[str]:
    found = []
    for name in ctx.partners:
        n = number(ctx.metrics, ("bids", name, "n"))
        if n is not None and n < ctx.rules.t("min_bids"):
            found.append(
                f"{ctx.other(name)} made only {int(n)} bids that {name} could answer: too few to "
                "judge how they were answered."
            )
        thin = [
            capacity.replace("_", " ")
            for capacity in CAPACITIES
            if dig(ctx.metrics, ("capacities", name, capacity)) is not None
            and ctx.capacity(name, capacity) is None
        ]
        if thin:
            found.append(
                f"{name}'s {', '.join(thin)} rest on too few messages to score, so they are left "
                "out of the plan."
            )
    if dig(ctx.metrics, ("timing", "timed")) is not True:
        found.append("The messages carry no times, so reply speed is unknown.")
    return found
