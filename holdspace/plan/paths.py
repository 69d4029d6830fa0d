"""Which of the three paths to suggest, and why: pure rules over the plan context."""

from __future__ import annotations

from holdspace.plan.context import PlanContext
from holdspace.plan.figures import figure_name, number, pct, score
from holdspace.plan.result import PathId, PathSuggestion, Reason

__all__ = ["answer_reasons", "couples_path", "individual_path"]


def individual_path(ctx: PlanContext, path_id: PathId, name: str) -> PathSuggestion:
    """The individual path ``path_id`` for ``name``: suggested when any reason holds."""
    side = "avoidant" if path_id == "individual-avoidant" else "seeking"
    reasons = _side_reasons(ctx, side, name) + answer_reasons(ctx, name)
    if not reasons:
        return PathSuggestion(
            id=path_id,
            partner=name,
            suggested=False,
            reasons=(
                Reason(text=ctx.rules.say("no-evidence"), rule="no-evidence", source="rules"),
            ),
        )
    return PathSuggestion(id=path_id, partner=name, suggested=True, reasons=tuple(reasons))


def _side_reasons(ctx: PlanContext, side: str, name: str) -> list[Reason]:
    rules, other = ctx.rules, ctx.other(name)
    reasons: list[Reason] = []
    confidence = number(ctx.metrics, ("roles", name, "confidence"))
    threshold = rules.t("role_confidence")
    if ctx.role(name) == side and confidence is not None and confidence >= threshold:
        rule = f"{side}-role"
        reasons.append(
            Reason(
                text=rules.say(rule, name=name, value=pct(confidence), threshold=pct(threshold)),
                rule=rule,
                source="metrics",
                figure=figure_name(("roles", name, "confidence")),
                value=confidence,
                threshold=threshold,
            )
        )
    cycle_key = "withdrawer" if side == "avoidant" else "pursuer"
    strength = number(ctx.metrics, ("cycle", "strength"))
    if strength is not None and strength >= rules.t("cycle_present"):
        named = ctx.metrics.get("cycle", {}).get(cycle_key) if ctx.metrics else None
        if named == name:
            rule = "avoidant-withdrawer" if side == "avoidant" else "seeking-pursuer"
            reasons.append(
                Reason(
                    text=rules.say(rule, name=name, value=score(strength)),
                    rule=rule,
                    source="metrics",
                    figure=figure_name(("cycle", cycle_key)),
                    value=strength,
                    threshold=rules.t("cycle_present"),
                )
            )
    responder = name if side == "avoidant" else other
    turned = ctx.bids_turned_away(responder)
    if turned is not None and turned[0] >= rules.t("turned_away"):
        rule = "avoidant-turned-away" if side == "avoidant" else "seeking-unanswered"
        reasons.append(
            Reason(
                text=rules.say(
                    rule,
                    name=name,
                    other=other,
                    value=pct(turned[0]),
                    n=turned[1],
                    threshold=pct(rules.t("turned_away")),
                ),
                rule=rule,
                source="metrics",
                figure=figure_name(("bids", responder, "away+against")),
                value=round(turned[0], 4),
                threshold=rules.t("turned_away"),
            )
        )
    capacities = ("awareness", "regulation") if side == "avoidant" else ("regulation",)
    for capacity in capacities:
        value = ctx.capacity(name, capacity)
        if value is not None and value < rules.t("capacity_low"):
            rule = f"{side}-{capacity}"
            reasons.append(
                Reason(
                    text=rules.say(
                        rule,
                        name=name,
                        value=score(value),
                        threshold=score(rules.t("capacity_low")),
                    ),
                    rule=rule,
                    source="metrics",
                    figure=figure_name(("capacities", name, capacity, "score")),
                    value=value,
                    threshold=rules.t("capacity_low"),
                )
            )
    return reasons


def answer_reasons(ctx: PlanContext, name: str) -> list[Reason]:
    """Reasons from ``name``'s visible check-in totals at or above an instrument's cut-off.

    Only the latest result of each questionnaire counts.
    """
    latest: dict[str, float] = {}
    for answer in ctx.answers:
        total = answer.get("total")
        if answer.get("partner") != name or not isinstance(total, int | float):
            continue
        latest[str(answer.get("instrument", ""))] = float(total)
    reasons = []
    for instrument, total in sorted(latest.items()):
        spec = ctx.rules.instruments.get(instrument)
        if spec is None or total < spec.cut_off:
            continue
        reasons.append(
            Reason(
                text=ctx.rules.say(
                    "answers-elevated",
                    name=name,
                    label=spec.label,
                    value=f"{total:g}",
                    threshold=f"{spec.cut_off:g}",
                ),
                rule="answers-elevated",
                source="answers",
                figure=f"{instrument}.total",
                value=total,
                threshold=spec.cut_off,
            )
        )
    return reasons


def couples_path(ctx: PlanContext) -> PathSuggestion:
    """Couples therapy: suggested when the loop is clear and joint work is not paused."""
    rules = ctx.rules

    def considered(rule: str, **values: object) -> PathSuggestion:
        reason = Reason(text=rules.say(rule, **values), rule=rule, source="rules")
        return PathSuggestion(id="couples", partner=None, suggested=False, reasons=(reason,))

    if ctx.joint_paused:
        return PathSuggestion(
            id="couples",
            partner=None,
            suggested=False,
            reasons=(Reason(text=rules.say("paused"), rule="paused", source="safety"),),
        )
    strength = number(ctx.metrics, ("cycle", "strength"))
    if ctx.metrics is None or strength is None:
        return considered("couples-no-chat")
    threshold = rules.t("cycle_present")
    if strength < threshold:
        return PathSuggestion(
            id="couples",
            partner=None,
            suggested=False,
            reasons=(
                Reason(
                    text=rules.say(
                        "couples-weak-cycle", value=score(strength), threshold=score(threshold)
                    ),
                    rule="couples-weak-cycle",
                    source="metrics",
                    figure="cycle.strength",
                    value=strength,
                    threshold=threshold,
                ),
            ),
        )
    reasons = [
        Reason(
            text=rules.say("couples-cycle", value=score(strength), threshold=score(threshold)),
            rule="couples-cycle",
            source="metrics",
            figure="cycle.strength",
            value=strength,
            threshold=threshold,
        )
    ]
    for name in ctx.partners:
        against = number(ctx.metrics, ("bids", name, "against"))
        n = number(ctx.metrics, ("bids", name, "n")) or 0
        if (
            against is not None
            and n >= rules.t("min_bids")
            and against >= rules.t("turned_against")
        ):
            reasons.append(
                Reason(
                    text=rules.say(
                        "couples-against",
                        name=name,
                        other=ctx.other(name),
                        value=pct(against),
                        threshold=pct(rules.t("turned_against")),
                    ),
                    rule="couples-against",
                    source="metrics",
                    figure=figure_name(("bids", name, "against")),
                    value=against,
                    threshold=rules.t("turned_against"),
                )
            )
    avoidant, seeking = ctx.side("avoidant"), ctx.side("seeking")
    if avoidant and seeking and avoidant != seeking:
        roles = f"{seeking}: seeking, {avoidant}: avoidant"
        reasons.append(
            Reason(
                text=rules.say("couples-both-sides", value=roles),
                rule="couples-both-sides",
                source="metrics",
                figure="roles",
                value=roles,
            )
        )
    missing = [name for name in ctx.partners if name not in ctx.taking_part]
    if missing and ctx.taking_part:
        reasons.append(
            Reason(
                text=rules.say("couples-one-partner", name=ctx.taking_part[0], other=missing[0]),
                rule="couples-one-partner",
                source="input",
            )
        )
    return PathSuggestion(id="couples", partner=None, suggested=True, reasons=tuple(reasons))
