"""Plan: pure rules that turn metrics, check-in scores and the safety view into a Plan.

``make_plan`` takes plain JSON dictionaries (``Metrics.to_json()``, ``ScoreResult.to_json()``
plus ``partner``/``shared``, and a safety view) so that it depends on no other stage's
classes. Every suggestion carries the reasons behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from holdspace.plan.context import PlanContext
from holdspace.plan.exercises import load_exercises
from holdspace.plan.goals import goals_for
from holdspace.plan.paths import answer_reasons, couples_path, individual_path
from holdspace.plan.practice import weekly_practice
from holdspace.plan.result import (
    PATH_IDS,
    Exercise,
    Goal,
    PathId,
    PathSuggestion,
    Plan,
    Practice,
    Reason,
)
from holdspace.plan.rules import Rules, load_rules
from holdspace.plan.unknowns import unknowns

__all__ = [
    "PATH_IDS",
    "Exercise",
    "Goal",
    "PathId",
    "PathSuggestion",
    "Plan",
    "Practice",
    "Reason",
    "Rules",
    "load_exercises",
    "load_rules",
    "make_plan",
    "visible_answers",
]


def visible_answers(
    assessments: Sequence[Mapping[str, Any]], *, viewer: str | None
) -> tuple[Mapping[str, Any], ...]:
    """The check-in results an audience may see: shared ones, plus the viewer's own."""
    return tuple(
        a
        for a in assessments
        if a.get("shared") is True or (viewer is not None and a.get("partner") == viewer)
    )


def crisis_first(safety: Mapping[str, Any]) -> bool:
    """Whether a safety view asks for crisis resources to come first (self-harm answers)."""
    return any(bool(safety.get(key)) for key in ("crisis_first", "show_crisis_resources"))


def make_plan(
    metrics: Mapping[str, Any] | None,
    assessments: Sequence[Mapping[str, Any]],
    safety: Mapping[str, Any],
    *,
    viewer: str | None = None,
    partners: Sequence[str] | None = None,
    taking_part: Sequence[str] | None = None,
    rules: str = "v1",
) -> Plan:
    """The plan for one audience: the joint plan (``viewer=None``) or one partner's own.

    ``metrics`` is ``Metrics.to_json()`` or ``None`` when no conversation was analysed;
    ``assessments`` are score results with ``partner`` and ``shared`` keys (only shared ones,
    and the viewer's own, are used); ``safety`` is the safety view for this audience (the joint
    view, or the viewer's private view). ``taking_part`` names the partners who take part
    (default: every partner).
    """
    loaded = load_rules(rules)
    answers = visible_answers(assessments, viewer=viewer)
    names = tuple(partners or (metrics or {}).get("partners") or ())
    if not names:
        names = tuple(dict.fromkeys(str(a["partner"]) for a in answers if a.get("partner")))
    ctx = PlanContext(
        rules=loaded,
        metrics=metrics,
        partners=names,
        taking_part=tuple(taking_part) if taking_part is not None else names,
        answers=answers,
        joint_paused=bool(safety.get("joint_paused", False)),
    )
    suggestions = [*_individual_paths(ctx), couples_path(ctx)]
    paths = tuple(
        PathSuggestion(
            id=s.id,
            partner=s.partner,
            suggested=True,
            reasons=s.reasons,
            goals=goals_for(ctx, s.id, s.partner),
        )
        for s in suggestions
        if s.suggested
    )
    notes = tuple(
        reason.text
        for name in names
        if name not in {p.partner for p in suggestions}
        for reason in answer_reasons(ctx, name)
    )
    return Plan(
        rules=loaded.name,
        viewer=viewer,
        partners=names,
        joint_paused=ctx.joint_paused,
        crisis_first=viewer is not None and crisis_first(safety),
        paths=paths,
        considered=tuple(s for s in suggestions if not s.suggested),
        practice=weekly_practice(ctx),
        unknowns=unknowns(ctx, viewer=viewer),
        notes=notes,
    )


def _individual_paths(ctx: PlanContext) -> list[PathSuggestion]:
    avoidant, seeking = ctx.side("avoidant"), ctx.side("seeking")
    if avoidant is None and seeking is not None and len(ctx.partners) == 2:
        avoidant = ctx.other(seeking)
    if seeking is None and avoidant is not None and len(ctx.partners) == 2:
        seeking = ctx.other(avoidant)
    found: list[PathSuggestion] = []
    if avoidant is not None:
        found.append(individual_path(ctx, "individual-avoidant", avoidant))
    if seeking is not None and seeking != avoidant:
        found.append(individual_path(ctx, "individual-seeking", seeking))
    return found
