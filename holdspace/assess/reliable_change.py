"""Reliable change between two administrations (Jacobson & Truax, 1991).

The reliable change index is ``RCI = (after - before) / S_diff`` with
``S_diff = sqrt(2) * SD * sqrt(1 - r)``, ``SD`` the spread of the measure and ``r`` its
reliability, both recorded (with sources) in the instrument's data file. A change counts as real
when ``|RCI| > 1.96``; anything smaller may be measurement noise.

Jacobson NS, Truax P. Clinical significance: a statistical approach to defining meaningful change
in psychotherapy research. J Consult Clin Psychol. 1991;59(1):12-19.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from holdspace.assess.instruments import Instrument, ReliabilitySpec

__all__ = ["CRITICAL_Z", "ReliableChange", "reliable_change", "reliable_change_index"]

CRITICAL_Z = 1.96
Direction = Literal["higher", "lower"]


@dataclass(frozen=True, slots=True)
class ReliableChange:
    """One score's change, its RCI, the smallest reliable change, and the verdict."""

    score: str
    before: float
    after: float
    rci: float
    threshold: float
    reliable: bool
    direction: Direction | None

    @property
    def verdict(self) -> str:
        """``"reliably higher"``, ``"reliably lower"`` or ``"within measurement noise"``."""
        if not self.reliable or self.direction is None:
            return "within measurement noise"
        return f"reliably {self.direction}"


def reliable_change_index(before: float, after: float, spec: ReliabilitySpec) -> float:
    """The Jacobson-Truax RCI of a change from ``before`` to ``after``."""
    s_diff = math.sqrt(2.0) * spec.sd * math.sqrt(1.0 - spec.reliability)
    return (after - before) / s_diff


def reliable_change(
    instrument: Instrument, before: float, after: float, *, score: str = "total"
) -> ReliableChange | None:
    """The reliable change of ``score`` (``total`` or a subscale), or ``None`` when the
    instrument's data file records no constants for it."""
    spec = instrument.reliable_change.get(score)
    if spec is None:
        return None
    rci = reliable_change_index(before, after, spec)
    threshold = CRITICAL_Z * math.sqrt(2.0) * spec.sd * math.sqrt(1.0 - spec.reliability)
    reliable = abs(rci) > CRITICAL_Z
    direction: Direction | None = None
    if after != before:
        direction = "higher" if after > before else "lower"
    return ReliableChange(
        score=score,
        before=before,
        after=after,
        rci=rci,
        threshold=threshold,
        reliable=reliable,
        direction=direction,
    )
