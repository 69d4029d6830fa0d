"""The exercise library, loaded from versioned data and checked on load."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from holdspace.errors import InvalidSetting
from holdspace.plan.result import Exercise

__all__ = ["CAPACITIES", "ROLES", "load_exercises"]

CAPACITIES = ("awareness", "regulation", "accountability", "empathetic_communication", "intimacy")
ROLES = ("avoidant", "seeking", "both")


@cache
def load_exercises(version: str = "v1") -> tuple[Exercise, ...]:
    """Every exercise of the library ``version``, in the order of the data file."""
    filename = f"exercises_{version}.yaml"
    raw = yaml.safe_load(
        (resources.files("holdspace.plan") / "data" / filename).read_text(encoding="utf-8")
    )
    exercises = []
    for spec in raw["exercises"]:
        where = f"holdspace/plan/data/{filename} exercise {spec.get('id', '?')!r}"
        if spec["capacity"] not in CAPACITIES:
            raise InvalidSetting(
                f"{where}: unknown capacity {spec['capacity']!r}; use one of {', '.join(CAPACITIES)}."
            )
        if spec["who"] not in ("alone", "together") or not set(spec["roles"]) <= set(ROLES):
            raise InvalidSetting(
                f"{where}: `who` must be alone or together and `roles` among {', '.join(ROLES)}."
            )
        exercises.append(
            Exercise(
                id=str(spec["id"]),
                title=str(spec["title"]),
                capacity=str(spec["capacity"]),
                roles=tuple(spec["roles"]),
                who=spec["who"],
                minutes=int(spec["minutes"]),
                purpose=str(spec["purpose"]),
                steps=tuple(str(step) for step in spec["steps"]),
                patterns=tuple(spec["patterns"]),
            )
        )
    return tuple(exercises)
