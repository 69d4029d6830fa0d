"""Roles: in these conversations, did a partner more often reach out, or pull away?

Per partner, two patterns, each from rates already measured:

- *seeking*: after the partner's pursuit was withdrawn from (at least ``roles.min_events``
  times) they pursued harder at least ``roles.escalate_at`` of the time;
- *avoidant*: of the other's bids (at least ``roles.min_bids``), they answered at least
  ``roles.avoid_at`` by pulling away or with advice in place of support.

Role: ``seeking`` or ``avoidant`` when one pattern shows, ``both`` when both show, ``neither``
otherwise. Confidence is the share of episode-bootstrap resamples that give the same role.
A role describes behaviour in these messages, never a person.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.bids import AWAY, PROBLEM_SOLVING, BidTable
from holdspace.measure.cycle import CycleTable
from holdspace.measure.frame import Frame
from holdspace.measure.stats import Boot

__all__ = ["role_counts", "role_of", "role_options", "roles_json"]

_ROLE_NAMES = ("neither", "seeking", "avoidant", "both")


def _role_codes(
    counts: NDArray[np.float64],
    *,
    escalate_at: float,
    min_events: int,
    avoid_at: float,
    min_bids: int,
) -> NDArray[np.int64]:
    """Role codes (index into _ROLE_NAMES) from ``(..., 4)`` counts:
    [withdrawn_from, escalated, bids_answered_on, pulled_away]."""
    with np.errstate(invalid="ignore", divide="ignore"):
        escalate = counts[..., 1] / counts[..., 0]
        avoid = counts[..., 3] / counts[..., 2]
    seeking = (counts[..., 0] >= min_events) & (np.nan_to_num(escalate) >= escalate_at)
    avoidant = (counts[..., 2] >= min_bids) & (np.nan_to_num(avoid) >= avoid_at)
    return (seeking.astype(np.int64) + 2 * avoidant.astype(np.int64)).astype(np.int64)


def role_options(frame: Frame) -> dict[str, Any]:
    """The role thresholds of the rules, as keyword arguments of the role rule."""
    rules = frame.rules
    return {
        "escalate_at": rules.get("roles", "escalate_at"),
        "min_events": rules.count("roles", "min_events"),
        "avoid_at": rules.get("roles", "avoid_at"),
        "min_bids": rules.count("roles", "min_bids"),
    }


def role_counts(frame: Frame, bids: BidTable, cycle: CycleTable, who: int) -> NDArray[np.float64]:
    """Per episode, partner ``who``'s ``[withdrawn_from, escalated, bids_answered_on,
    pulled_away]`` counts (``(episodes, 4)``)."""
    episodes = frame.n_episodes
    pulled = np.isin(bids.category, (AWAY, PROBLEM_SOLVING))
    received = bids.bidder == 1 - who
    return np.stack(
        [
            cycle.per_episode[:, 3 * who + 1] if episodes else np.zeros(0),
            cycle.per_episode[:, 3 * who + 2] if episodes else np.zeros(0),
            np.bincount(bids.episode, weights=received.astype(float), minlength=episodes),
            np.bincount(
                bids.episode, weights=(received & pulled).astype(float), minlength=episodes
            ),
        ],
        axis=1,
    )


def role_of(
    per_episode: NDArray[np.float64], boot: Boot, options: dict[str, Any]
) -> tuple[str, float]:
    """The role the counts give, and the share of bootstrap resamples that agree."""
    code = int(_role_codes(per_episode.sum(axis=0), **options))
    confidence = 0.0
    if boot.size and per_episode.shape[0]:
        resampled = _role_codes(boot.totals(per_episode), **options)
        confidence = float((resampled == code).mean())
    return _ROLE_NAMES[code], round(confidence, 3)


def roles_json(frame: Frame, bids: BidTable, cycle: CycleTable, boot: Boot) -> dict[str, Any]:
    """``{partner: {"role", "confidence", "evidence", "summary", ...}}``."""
    options = role_options(frame)
    result: dict[str, Any] = {}
    for who, name in enumerate(frame.partners):
        other = frame.partners[1 - who]
        per_episode = role_counts(frame, bids, cycle, who)
        totals = per_episode.sum(axis=0)
        role, confidence = role_of(per_episode, boot, options)
        withdrawn, escalated, answered, away = (int(v) for v in totals)
        evidence = [
            f"after {withdrawn} of their bids met silence or pulling away, {name} pursued harder "
            f"{escalated} times",
            f"{name} answered {away} of {answered} bids or feelings from {other} by pulling away "
            "or with advice in place of support",
        ]
        result[name] = {
            "role": role,
            "confidence": confidence,
            "confidence_method": f"share of {boot.size} episode-bootstrap resamples agreeing",
            "evidence": evidence,
            "rates": {
                "escalate": round(escalated / withdrawn, 4) if withdrawn else None,
                "pull_away": round(away / answered, 4) if answered else None,
            },
            "examples": _example_ids(frame, cycle, who),
            "summary": _summary(name, other, role, totals, options),
        }
    return result


def _example_ids(frame: Frame, cycle: CycleTable, who: int) -> list[str]:
    rows = np.flatnonzero((cycle.pursuer == who) & cycle.withdrew & cycle.escalated)[:3]
    return [frame.message_id(int(frame.turns.start[cycle.turn[row]])) for row in rows]


def _summary(
    name: str, other: str, role: str, totals: NDArray[np.float64], options: dict[str, Any]
) -> str:
    withdrawn, escalated, answered, away = (int(v) for v in totals)
    if answered < options["min_bids"] and withdrawn < options["min_events"]:
        return (
            f"Not enough bids between {name} and {other} to see a pattern "
            f"({answered} bids from {other}, {withdrawn} of {name}'s met with distance)."
        )
    seeking = (
        f"{name} more often reached out again, and harder, when met with distance "
        f"({escalated} of {withdrawn} times)"
    )
    avoidant = f"{name} more often pulled back when {other} reached out ({away} of {answered} bids)"
    text = {
        "seeking": seeking,
        "avoidant": avoidant,
        "both": f"{seeking}, and also {avoidant.removeprefix(name + ' ')}",
        "neither": (
            f"{name} neither often pulled back from {other}'s bids ({away} of {answered}) nor "
            f"pursued harder when met with distance ({escalated} of {withdrawn})"
        ),
    }[role]
    return f"In these conversations, {text}. This describes messages, not a person."
