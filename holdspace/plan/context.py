"""What the planning rules look at: the metrics, the visible answers and the safety view."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from holdspace.plan.figures import dig, number
from holdspace.plan.rules import Rules

__all__ = ["PlanContext"]


@dataclass(frozen=True, slots=True)
class PlanContext:
    """The inputs of one plan, already narrowed to what its audience may see."""

    rules: Rules
    metrics: Mapping[str, Any] | None
    partners: tuple[str, ...]
    taking_part: tuple[str, ...]
    answers: tuple[Mapping[str, Any], ...]
    joint_paused: bool

    def other(self, name: str) -> str:
        """The other partner's name (``"your partner"`` when only one is known)."""
        return next((p for p in self.partners if p != name), "your partner")

    def role(self, name: str) -> str:
        """The measured role of ``name`` (``"neither"`` when unknown)."""
        role = dig(self.metrics, ("roles", name, "role"))
        return str(role) if isinstance(role, str) else "neither"

    def side(self, side: str) -> str | None:
        """Who is on the ``"avoidant"`` or ``"seeking"`` side of the loop, if anyone.

        The cycle's withdrawer / pursuer wins; otherwise the partner whose measured role is
        that side with the highest confidence.
        """
        key = "withdrawer" if side == "avoidant" else "pursuer"
        named = dig(self.metrics, ("cycle", key))
        if isinstance(named, str) and named in self.partners:
            return named
        best: tuple[float, str] | None = None
        for name in self.partners:
            if self.role(name) == side:
                confidence = number(self.metrics, ("roles", name, "confidence")) or 0.0
                if best is None or confidence > best[0]:
                    best = (confidence, name)
        return None if best is None else best[1]

    def bids_turned_away(self, responder: str) -> tuple[float, int] | None:
        """Share of the other's bids ``responder`` turned away from or against, and how many."""
        away = number(self.metrics, ("bids", responder, "away"))
        against = number(self.metrics, ("bids", responder, "against")) or 0.0
        n = number(self.metrics, ("bids", responder, "n"))
        if away is None or n is None or n < self.rules.t("min_bids"):
            return None
        return away + against, int(n)

    def capacity(self, name: str, capacity: str) -> float | None:
        """A capacity score that rests on enough observations to use, else ``None``."""
        value = number(self.metrics, ("capacities", name, capacity, "score"))
        n = number(self.metrics, ("capacities", name, capacity, "n")) or 0.0
        if value is None or n < self.rules.t("capacity_min_n"):
            return None
        return value
