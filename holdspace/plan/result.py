"""The typed result of planning: suggested paths with their reasons, goals and practice.

Every object here is plain data with a ``to_json`` method; the report and the web app render
these objects and never recompute them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "PATH_IDS",
    "Exercise",
    "Goal",
    "PathId",
    "PathSuggestion",
    "Plan",
    "Practice",
    "Reason",
]

PathId = Literal["individual-avoidant", "individual-seeking", "couples"]
PATH_IDS: tuple[PathId, ...] = ("individual-avoidant", "individual-seeking", "couples")


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason behind a decision: the plain sentence and the figure and rule it rests on.

    ``source`` says where the figure comes from (``metrics``, ``answers`` or ``safety``);
    ``figure`` names it (``bids.Alex.away``); ``threshold`` is the rule's cut-off, if any.
    """

    text: str
    rule: str
    source: str
    figure: str = ""
    value: float | str | None = None
    threshold: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "rule": self.rule,
            "source": self.source,
            "figure": self.figure,
            "value": self.value,
            "threshold": self.threshold,
        }


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal for one path, tied to a figure that shows progress when it moves."""

    id: str
    path: PathId
    partner: str | None
    text: str
    sign: str
    figure: str
    current: float | None
    direction: Literal["up", "down"]
    unit: str
    #: the figure already reaches the goal's ``met_at``: the goal is worded as one to keep
    met: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "partner": self.partner,
            "text": self.text,
            "sign": self.sign,
            "figure": self.figure,
            "current": self.current,
            "direction": self.direction,
            "unit": self.unit,
            "met": self.met,
        }


@dataclass(frozen=True, slots=True)
class PathSuggestion:
    """One of the three paths, suggested or not, with the reasons either way."""

    id: PathId
    partner: str | None
    suggested: bool
    reasons: tuple[Reason, ...]
    goals: tuple[Goal, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "partner": self.partner,
            "reasons": [reason.to_json() for reason in self.reasons],
            "goals": [goal.to_json() for goal in self.goals],
        }


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the library (see ``data/exercises_v1.yaml``)."""

    id: str
    title: str
    capacity: str
    roles: tuple[str, ...]
    who: Literal["alone", "together"]
    minutes: int
    purpose: str
    steps: tuple[str, ...]
    patterns: tuple[str, ...]

    @property
    def joint(self) -> bool:
        """Whether both partners do it together (paused with joint work)."""
        return self.who == "together"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "capacity": self.capacity,
            "roles": list(self.roles),
            "who": self.who,
            "minutes": self.minutes,
            "purpose": self.purpose,
            "steps": list(self.steps),
            "patterns": list(self.patterns),
        }


@dataclass(frozen=True, slots=True)
class Practice:
    """This week's suggestion: one exercise for one person (or both), and the gap it answers."""

    exercise: Exercise
    partner: str | None
    why: Reason

    def to_json(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise.id,
            "title": self.exercise.title,
            "partner": self.partner,
            "who": self.exercise.who,
            "minutes": self.exercise.minutes,
            "why": self.why.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """The plan for one audience (``viewer`` is ``None`` for the joint plan).

    ``paths`` holds the suggested paths; ``considered`` the ones weighed and not suggested,
    with the reasons, so that every decision can be traced.
    """

    rules: str
    viewer: str | None
    partners: tuple[str, ...]
    joint_paused: bool
    crisis_first: bool
    paths: tuple[PathSuggestion, ...]
    considered: tuple[PathSuggestion, ...]
    practice: tuple[Practice, ...]
    unknowns: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    def path(self, path_id: PathId) -> PathSuggestion | None:
        """The suggested path with this id, or ``None`` when it is not suggested."""
        return next((p for p in self.paths if p.id == path_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": self.rules,
            "viewer": self.viewer,
            "partners": list(self.partners),
            "joint_paused": self.joint_paused,
            "crisis_first": self.crisis_first,
            "paths": [p.to_json() for p in self.paths],
            "considered": [p.to_json() for p in self.considered],
            "practice": [p.to_json() for p in self.practice],
            "unknowns": list(self.unknowns),
            "notes": list(self.notes),
        }
