"""Change over time: weekly and monthly series of the main rates, and whether a change is real.

Periods are calendar weeks (starting Monday) and months on the conversation's own wall clock:
each message's time with its UTC offset (a message at 23:30 on a Sunday in New York belongs to
that Sunday's week, although it is Monday in UTC). For each
period: messages, bids, how bids were answered, pursuit turns withdrawn from, cycle events (a
withdrawal followed by harder pursuit), conflict episodes, and per partner the median reply time
(replies within the reply window, by the period of the replying turn) and the share of the
period's episodes that partner opened. The change test compares the first
and last third of a partner's answers (or of pursuit turns) in time order with a pooled
two-proportion z-test; p < 0.05 is reported as "more than noise".
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.bids import AGAINST, AWAY, PROBLEM_SOLVING, TOWARD, BidTable
from holdspace.measure.cycle import CycleTable
from holdspace.measure.episodes import EpisodeMarks
from holdspace.measure.frame import Frame
from holdspace.measure.stats import ratio, two_proportion_test

__all__ = ["period_keys", "trends_json"]

ALPHA: Final[float] = 0.05


def period_keys(seconds: NDArray[np.float64], unit: str) -> list[str]:
    """Label of the week (Monday's date) or month of each wall-clock timestamp (seconds since
    the epoch of the local time read as UTC, see ``Frame.local_time``)."""
    days = np.floor(seconds / 86400.0).astype(np.int64)
    if unit == "week":
        monday = days - ((days + 3) % 7)
        return [str(day) for day in monday.astype("datetime64[D]")]
    return [str(month) for month in days.astype("datetime64[D]").astype("datetime64[M]")]


def _medians_by_period(
    values: NDArray[np.float64], period: NDArray[np.int64], periods: int
) -> list[float | None]:
    """Median of the finite ``values`` in each period (``None`` where there are none)."""
    finite = np.isfinite(values)
    values, period = values[finite], period[finite]
    order = np.argsort(period, kind="stable")
    bounds = np.searchsorted(period[order], np.arange(periods + 1))
    sorted_values = values[order]
    return [
        round(float(np.median(sorted_values[lo:hi])), 2) if hi > lo else None
        for lo, hi in pairwise(bounds.tolist())
    ]


def _series(
    frame: Frame,
    marks: EpisodeMarks,
    bids: BidTable,
    cycle: CycleTable,
    latency: NDArray[np.float64],
    unit: str,
) -> list[dict[str, Any]]:
    keys_msg = period_keys(frame.local_time, unit)
    labels = sorted(set(keys_msg))
    where = {key: i for i, key in enumerate(labels)}
    msg_period = np.array([where[key] for key in keys_msg], dtype=np.int64)
    turn_period = msg_period[frame.turns.start]
    periods = len(labels)

    def count(selected: NDArray[np.int64]) -> NDArray[np.int64]:
        return np.bincount(selected, minlength=periods).astype(np.int64)

    bid_period = turn_period[bids.turn]
    pursuit_period = turn_period[cycle.turn]
    episode_first = np.searchsorted(frame.episode, np.arange(frame.n_episodes))
    episode_period = msg_period[episode_first]
    conflict_period = episode_period[marks.conflict]
    episodes = count(episode_period)
    opened = {
        name: count(episode_period[marks.starter == who]) for who, name in enumerate(frame.partners)
    }
    reply_medians = {
        name: _medians_by_period(
            latency[frame.turns.speaker == who], turn_period[frame.turns.speaker == who], periods
        )
        for who, name in enumerate(frame.partners)
    }
    messages = count(msg_period)
    n_bids = count(bid_period)
    per_category = {
        name: count(bid_period[bids.category == value])
        for name, value in (
            ("toward", TOWARD),
            ("away", AWAY),
            ("against", AGAINST),
            ("problem_solving", PROBLEM_SOLVING),
        )
    }
    per_partner = {
        name: (
            count(bid_period[(bids.bidder == 1 - who) & (bids.category == TOWARD)]),
            count(bid_period[bids.bidder == 1 - who]),
        )
        for who, name in enumerate(frame.partners)
    }
    pursuits = count(pursuit_period)
    withdrawn = count(pursuit_period[cycle.withdrew])
    events = count(pursuit_period[cycle.withdrew & cycle.escalated])
    conflicts = count(conflict_period)
    rows = []
    for i, label in enumerate(labels):
        rows.append(
            {
                "period": label,
                "messages": int(messages[i]),
                "bids": int(n_bids[i]),
                **{
                    name: ratio(int(values[i]), int(n_bids[i]))
                    for name, values in per_category.items()
                },
                "toward_by": {
                    name: ratio(int(k[i]), int(n[i])) for name, (k, n) in per_partner.items()
                },
                "pursuit_turns": int(pursuits[i]),
                "withdraw_rate": ratio(int(withdrawn[i]), int(pursuits[i])),
                "cycle_events": int(events[i]),
                "conflict_episodes": int(conflicts[i]),
                "episodes": int(episodes[i]),
                "median_reply_minutes_by": {
                    name: medians[i] for name, medians in reply_medians.items()
                },
                "initiation_share_by": {
                    name: ratio(int(k[i]), int(episodes[i])) for name, k in opened.items()
                },
            }
        )
    return rows


def _change(name: str, metric: str, hits: NDArray[np.bool_], meaning: str) -> dict[str, Any]:
    third = hits.size // 3
    first, last = hits[:third], hits[hits.size - third :]
    k1, k2 = int(first.sum()), int(last.sum())
    p_value = two_proportion_test(k1, third, k2, third) if third else None
    before, after = ratio(k1, third), ratio(k2, third)
    real = p_value is not None and p_value < ALPHA
    return {
        "metric": metric,
        "partner": name,
        "first_third": before,
        "last_third": after,
        "n_each": third,
        "p_value": p_value,
        "more_than_noise": real,
        "test": "pooled two-proportion z-test, first vs last third in time order",
        "meaning": meaning.format(
            before="-" if before is None else f"{before:.0%}",
            after="-" if after is None else f"{after:.0%}",
            verdict="more than noise" if real else "within what chance alone could give",
        ),
    }


def trends_json(
    frame: Frame,
    marks: EpisodeMarks,
    bids: BidTable,
    cycle: CycleTable,
    latency: NDArray[np.float64],
) -> dict[str, Any]:
    """Weekly and monthly series and first-vs-last-third change tests; ``latency`` is each
    turn's reply time in minutes (NaN when not a timed reply, see timing.py)."""
    if not frame.timed or len(frame) == 0:
        return {
            "weekly": [],
            "monthly": [],
            "changes": [],
            "note": "the messages have no times, so change over weeks and months cannot be shown",
        }
    changes = []
    for who, name in enumerate(frame.partners):
        answers = bids.category[bids.bidder == 1 - who] == TOWARD
        changes.append(
            _change(
                name,
                "toward",
                answers,
                f"{name} turned toward {{before}} of bids early on and {{after}} lately: "
                "{verdict}.",
            )
        )
        withdrew = cycle.withdrew[cycle.pursuer == 1 - who]
        changes.append(
            _change(
                name,
                "withdraw_rate",
                withdrew,
                f"{name} pulled back from {{before}} of reaching out early on and {{after}} "
                "lately: {verdict}.",
            )
        )
    return {
        "weekly": _series(frame, marks, bids, cycle, latency, "week"),
        "monthly": _series(frame, marks, bids, cycle, latency, "month"),
        "changes": changes,
        "note": None,
    }
