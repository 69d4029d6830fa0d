"""Conflict: the positive-to-negative ratio inside conflict episodes, and repair attempts.

Within conflict episodes (see episodes.py), a message is *positive* when it holds a ``positive``
group code and *negative* when it holds a ``negative`` group code (a message can be both).
Ratio = positive / negative, overall and per partner, with a percentile bootstrap interval over
episodes. Context, not prediction: Gottman's often-quoted figures are about 5:1 during conflict
in stable couples and about 0.8:1 in couples headed for separation.

A *repair attempt* is a turn holding ``repair`` in a conflict episode; it is *taken up* when the
other partner answers within the reply window with no negative code.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from holdspace.measure.bids import classify_answers
from holdspace.measure.episodes import EpisodeMarks
from holdspace.measure.frame import Frame
from holdspace.measure.stats import Boot, percentile_interval, ratio, wilson

__all__ = ["conflict_json"]


def conflict_json(
    frame: Frame, marks: EpisodeMarks, boot: Boot, *, reply_window_hours: float
) -> dict[str, Any]:
    """Positive-to-negative ratio in conflicts, and repairs with their uptake."""
    episodes = frame.n_episodes
    in_conflict = marks.conflict[frame.episode] if episodes else np.zeros(0, dtype=bool)
    positive = frame.has(frame.group("positive")) & in_conflict
    negative = frame.has(frame.group("negative")) & in_conflict
    columns = []
    for who in (0, 1):
        mine = frame.speaker == who
        for values in (positive & mine, negative & mine):
            columns.append(
                np.bincount(frame.episode, weights=values.astype(float), minlength=episodes)
            )
    per_episode = (
        np.asarray(np.stack(columns, axis=1), dtype=float) if episodes else np.zeros((0, 4))
    )
    totals = per_episode.sum(axis=0) if episodes else np.zeros(4)

    def _ratio_interval(pos_cols: list[int], neg_cols: list[int]) -> Any:
        if not boot.size or not episodes:
            return None
        resampled = boot.totals(per_episode)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = resampled[:, pos_cols].sum(axis=1) / resampled[:, neg_cols].sum(axis=1)
        return percentile_interval(values)

    turns = frame.turns
    repair_turns = np.flatnonzero(
        turns.has(("repair",)) & (marks.conflict[turns.episode] if episodes else False)
    ).astype(np.int64)
    reply, _, _ = classify_answers(frame, repair_turns, reply_window_hours=reply_window_hours)
    answered = reply >= 0
    negative_answer = turns.has(frame.group("negative"))[np.where(answered, reply, 0)]
    taken = answered & ~negative_answer
    partners: dict[str, Any] = {}
    for who, name in enumerate(frame.partners):
        pos, neg = totals[2 * who], totals[2 * who + 1]
        attempts = turns.speaker[repair_turns] == who
        k, n = int((taken & attempts).sum()), int(attempts.sum())
        partners[name] = {
            "positive": int(pos),
            "negative": int(neg),
            "ratio": round(float(pos / neg), 3) if neg else None,
            "interval": _ratio_interval([2 * who], [2 * who + 1]),
            "repair_attempts": n,
            "repairs_taken_up_by_other": k,
            "repair_uptake": ratio(k, n),
            "repair_uptake_interval": wilson(k, n),
        }
    pos_all, neg_all = totals[0] + totals[2], totals[1] + totals[3]
    overall = round(float(pos_all / neg_all), 3) if neg_all else None
    return {
        "episodes": int(marks.conflict.sum()),
        "positive": int(pos_all),
        "negative": int(neg_all),
        "ratio": overall,
        "interval": _ratio_interval([0, 2], [1, 3]),
        "interval_method": f"percentile bootstrap over episodes, {boot.size} resamples",
        "partners": partners,
        "anchor": (
            "Context, not a prediction: in Gottman's studies stable couples showed about five "
            "positive moments for each negative one during conflict; couples who later split "
            "showed about 0.8."
        ),
        "summary": _summary(int(marks.conflict.sum()), overall, int(pos_all), int(neg_all)),
    }


def _summary(episodes: int, overall: float | None, pos: int, neg: int) -> str:
    if episodes == 0:
        return "No conflict episodes were found, so there is no ratio to report."
    if overall is None:
        return (
            f"In {episodes} conflict episodes there were {pos} positive and no negative messages."
        )
    return (
        f"In {episodes} conflict episodes there were {pos} positive and {neg} negative messages: "
        f"{overall:.1f} positive for each negative."
    )
