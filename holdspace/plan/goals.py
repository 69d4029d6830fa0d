"""Goals for each suggested path, each with the figure that shows progress and its value now."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal, cast

import yaml

from holdspace.plan.context import PlanContext
from holdspace.plan.figures import figure_name, number
from holdspace.plan.result import Goal, PathId

__all__ = ["goals_for", "load_goals"]


@cache
def _load(version: str) -> dict[str, Any]:
    text = (resources.files("holdspace.plan") / "data" / f"goals_{version}.yaml").read_text(
        encoding="utf-8"
    )
    return cast(dict[str, Any], yaml.safe_load(text))


def load_goals(version: str = "v1") -> dict[str, list[dict[str, Any]]]:
    """The goal definitions of ``version``, by path id."""
    return cast(dict[str, list[dict[str, Any]]], _load(version)["goals"])


def goals_for(ctx: PlanContext, path_id: PathId, partner: str | None) -> tuple[Goal, ...]:
    """The goals of one path, filled in for its partner (or each partner, for couples goals)."""
    goals: list[Goal] = []
    for spec in load_goals()[path_id]:
        names = list(ctx.partners) if spec.get("each") else [partner]
        for name in names:
            goals.append(_goal(ctx, path_id, spec, name))
    return tuple(goals)


def _goal(ctx: PlanContext, path_id: PathId, spec: dict[str, Any], name: str | None) -> Goal:
    who = name or ""
    other = ctx.other(who) if name else ""
    keys = [str(key).format(name=who, other=other) for key in spec.get("figure") or ()]
    current = number(ctx.metrics, keys) if keys else None
    goal_id = spec["id"] if not spec.get("each") else f"{spec['id']}:{who}"
    direction: Literal["up", "down"] = "down" if spec["direction"] == "down" else "up"
    met_at = spec.get("met_at")
    met = (
        current is not None
        and met_at is not None
        and (current <= met_at if direction == "down" else current >= met_at)
    )
    text = str(spec["text"]).format(name=who, other=other)
    if met:
        text = str(_load("v1")["kept"]).format(text=text)
    return Goal(
        id=goal_id,
        path=path_id,
        partner=name,
        text=text,
        sign=str(spec["sign"]).format(name=who, other=other),
        figure=figure_name(keys) if keys else "",
        current=None if current is None else round(current, 4),
        direction=direction,
        unit=str(spec["unit"]),
        met=met,
    )
