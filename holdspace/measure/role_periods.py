"""Roles over time: the same role rule applied before and after a change, so change shows.

The history is cut in two at the exchange where the share of reaching out (bid turns) met by
pulling back changed most: every split leaving at least ``role_periods.min_events`` bid turns
on each side is tried, and the one with the largest pooled two-proportion z statistic is kept
when its p-value is below ``role_periods.change_alpha``. Without such a change the history is
cut into halves of time (halves of the exchanges when there are no times). Each part gets the
role and confidence of roles.py, from an episode bootstrap inside that part.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.bids import BidTable
from holdspace.measure.cycle import CycleTable
from holdspace.measure.frame import Frame
from holdspace.measure.roles import role_counts, role_of, role_options
from holdspace.measure.stats import bootstrap_weights, two_proportion_test

__all__ = ["change_split", "roles_by_period_json"]

_WHEN = {
    "before": "before the change",
    "after": "after it",
    "first half": "in the first half",
    "second half": "in the second half",
}


def change_split(withdrew: NDArray[np.bool_], *, min_events: int) -> tuple[int, float] | None:
    """``(k, p)``: the split before event ``k`` where the withdrawal share changes most, and its
    two-proportion p-value; ``None`` when fewer than ``2 * min_events`` events."""
    n = int(withdrew.size)
    if min_events < 1 or n < 2 * min_events:
        return None
    hits = np.cumsum(withdrew.astype(np.float64))
    k = np.arange(min_events, n - min_events + 1)
    k1 = hits[k - 1]
    k2 = hits[-1] - k1
    n2 = n - k
    pooled = hits[-1] / n
    spread = np.sqrt(pooled * (1 - pooled) * (1 / k + 1 / n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.abs(k1 / k - k2 / n2) / spread
    z = np.nan_to_num(z, nan=0.0)
    best = int(np.argmax(z))
    split = int(k[best])
    p_value = two_proportion_test(int(k1[best]), split, int(k2[best]), n - split)
    return split, 1.0 if p_value is None else p_value


def roles_by_period_json(frame: Frame, bids: BidTable, cycle: CycleTable) -> dict[str, Any]:
    """``{"split", "at", "at_message", "p_value", "periods": [{label, roles, ...}], ...}``."""
    rules = frame.rules
    episodes = frame.n_episodes
    if episodes < 2:
        return {
            "split": None,
            "at": None,
            "at_message": None,
            "p_value": None,
            "periods": [],
            "method": None,
            "note": "fewer than two exchanges, so roles cannot be compared over time",
        }
    found = change_split(cycle.withdrew, min_events=rules.count("role_periods", "min_events"))
    alpha = rules.get("role_periods", "change_alpha")
    first_rows = np.searchsorted(frame.episode, np.arange(episodes))
    if found is not None and found[1] < alpha:
        split_episode, p_value, kind = int(cycle.episode[found[0]]), found[1], "change point"
        labels = ("before", "after")
        method = (
            f"split where the share of reaching out met by pulling back changed most "
            f"(two-proportion test p = {_p_text(p_value)}, below {alpha:g})"
        )
    else:
        split_episode, p_value, kind = _half(frame, first_rows), None, "halves"
        labels = ("first half", "second half")
        method = (
            "no change in the share of reaching out met by pulling back stood out "
            f"(p below {alpha:g}), so the history is split into halves"
            + (" of time" if frame.timed else " of the exchanges")
        )
    split_episode = min(max(split_episode, 1), episodes - 1)
    options = role_options(frame)
    counts = [role_counts(frame, bids, cycle, who) for who in (0, 1)]
    periods = []
    parts = (slice(0, split_episode), slice(split_episode, episodes))
    for label, chosen in zip(labels, parts, strict=True):
        size = chosen.stop - chosen.start
        boot = bootstrap_weights(
            size,
            resamples=rules.count("bootstrap", "resamples"),
            seed=rules.count("bootstrap", "seed"),
        )
        roles = {}
        for who, name in enumerate(frame.partners):
            part = counts[who][chosen]
            role, confidence = role_of(part, boot, options)
            withdrawn, escalated, answered, away = (int(v) for v in part.sum(axis=0))
            roles[name] = {
                "role": role,
                "confidence": confidence,
                "rates": {
                    "escalate": round(escalated / withdrawn, 4) if withdrawn else None,
                    "pull_away": round(away / answered, 4) if answered else None,
                },
                "counts": {
                    "withdrawn_from": withdrawn,
                    "escalated": escalated,
                    "bids_answered": answered,
                    "pulled_away": away,
                },
            }
        first = int(first_rows[chosen.start])
        last = int(first_rows[chosen.stop]) - 1 if chosen.stop < episodes else len(frame) - 1
        periods.append(
            {
                "label": label,
                "start": _iso(frame, first),
                "end": _iso(frame, last),
                "episodes": size,
                "roles": roles,
            }
        )
    at_row = int(first_rows[split_episode])
    return {
        "split": kind,
        "at": _iso(frame, at_row),
        "at_message": frame.message_id(at_row),
        "p_value": p_value,
        "periods": periods,
        "method": method,
        "note": None,
        "summary": _summary(frame, periods),
    }


def _half(frame: Frame, first_rows: NDArray[np.int64]) -> int:
    """The first exchange of the second half (of time when timed, else of the exchanges)."""
    if not frame.timed:
        return frame.n_episodes // 2
    middle = (float(frame.time[0]) + float(frame.time[-1])) / 2.0
    return int(np.searchsorted(frame.time[first_rows], middle, side="left"))


def _iso(frame: Frame, row: int) -> str | None:
    if not frame.timed:
        return None
    return datetime.fromtimestamp(float(frame.time[row]), UTC).isoformat()


def _p_text(p_value: float) -> str:
    return "< 0.000001" if p_value < 1e-6 else f"{p_value:.2g}"


def _summary(frame: Frame, periods: list[dict[str, Any]]) -> str:
    parts = []
    for name in frame.partners:
        steps = [
            f"{period['roles'][name]['role']} ({period['roles'][name]['confidence']:.0%} "
            f"confidence) {_WHEN[period['label']]}"
            for period in periods
        ]
        parts.append(f"{name}: " + ", then ".join(steps))
    return "; ".join(parts) + ". This describes messages, not people."
