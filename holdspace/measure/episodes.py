"""Episodes: the history cut into exchanges by silences, marked emotional or conflict.

An episode starts at the first message and after every silence longer than
``Settings.episode_gap_minutes`` (transcripts without times: fixed blocks of messages). It is
*emotional* when any message holds an emotional code, a *conflict* episode when at least
``conflict_min_messages`` messages hold conflict codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.frame import Frame

__all__ = ["EpisodeMarks", "episode_marks", "episodes_json"]


@dataclass(frozen=True, slots=True)
class EpisodeMarks:
    """Per-episode arrays other families reuse."""

    emotional: NDArray[np.bool_]
    conflict: NDArray[np.bool_]
    size: NDArray[np.int64]
    starter: NDArray[np.int64]


def episode_marks(frame: Frame) -> EpisodeMarks:
    """Mark each episode emotional and/or conflict, and who opened it."""
    count = frame.n_episodes
    emotional_msgs = frame.has(frame.group("emotional"))
    conflict_msgs = frame.has(frame.group("conflict"))
    emotional = np.bincount(frame.episode, weights=emotional_msgs, minlength=count) > 0
    conflict_counts = np.bincount(frame.episode, weights=conflict_msgs, minlength=count)
    conflict = conflict_counts >= frame.rules.get("episodes", "conflict_min_messages")
    size = np.bincount(frame.episode, minlength=count).astype(np.int64)
    first_rows = np.searchsorted(frame.episode, np.arange(count))
    starter = frame.speaker[first_rows] if count else np.zeros(0, dtype=np.int64)
    return EpisodeMarks(emotional=emotional, conflict=conflict, size=size, starter=starter)


def episodes_json(frame: Frame, marks: EpisodeMarks) -> dict[str, Any]:
    """Counts of episodes and their kinds, with the rule that cut them."""
    count = frame.n_episodes
    duration: float | None = None
    if frame.timed and count:
        first = np.searchsorted(frame.episode, np.arange(count))
        last = np.append(first[1:], len(frame)) - 1
        duration = round(float(np.median(frame.time[last] - frame.time[first])) / 60.0, 1)
    return {
        "count": count,
        "emotional": int(marks.emotional.sum()),
        "conflict": int(marks.conflict.sum()),
        "median_messages": float(np.median(marks.size)) if count else None,
        "median_minutes": duration,
        "split_by": "time gaps" if frame.timed else "blocks of messages (no times)",
        "meaning": (
            "An episode is one exchange, cut where the conversation paused; emotional episodes "
            "hold feelings, bids or warmth, conflict episodes at least two messages of conflict."
        ),
    }
