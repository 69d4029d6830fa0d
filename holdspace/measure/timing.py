"""Timing: reply latency and its asymmetry, who starts exchanges, message length, bursts.

Reply latency is the time from the other partner's last message to the first message of a turn,
counted only when it is within ``Settings.reply_window_hours`` (later messages open something new
rather than answer). A *burst* is a turn of at least ``burst_min_messages`` messages with a pause
of at least ``burst_pause_minutes`` inside it: writing on after getting no reply.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.bids import BidTable
from holdspace.measure.episodes import EpisodeMarks
from holdspace.measure.frame import Frame
from holdspace.measure.stats import Interval, ratio, wilson

__all__ = ["burst_turns", "median_interval", "reply_latency", "timing_json"]


def reply_latency(frame: Frame, *, reply_window_hours: float) -> NDArray[np.float64]:
    """Per turn, minutes since the other partner's previous turn ended (NaN when not a reply)."""
    turns = frame.turns
    latency = np.full(len(turns), np.nan)
    if not frame.timed or len(turns) < 2:
        return latency
    gap = (turns.first_time[1:] - turns.last_time[:-1]) / 60.0
    is_reply = (turns.speaker[1:] != turns.speaker[:-1]) & (gap <= reply_window_hours * 60.0)
    latency[1:] = np.where(is_reply, gap, np.nan)
    return latency


def burst_turns(frame: Frame) -> NDArray[np.bool_]:
    """Which turns are bursts."""
    turns = frame.turns
    long_enough = turns.size >= frame.rules.count("timing", "burst_min_messages")
    if not frame.timed:
        return np.asarray(long_enough, dtype=bool)
    if len(turns) == 0:
        return np.zeros(0, dtype=bool)
    pause = np.zeros(len(frame))
    pause[1:] = np.diff(frame.time) / 60.0
    pause[turns.start] = 0.0
    longest = np.maximum.reduceat(pause, turns.start)
    return np.asarray(
        long_enough & (longest >= frame.rules.get("timing", "burst_pause_minutes")), dtype=bool
    )


def median_interval(values: NDArray[np.float64]) -> Interval | None:
    """Distribution-free 95% interval of a median from order statistics (binomial ranks)."""
    data = np.sort(values[np.isfinite(values)])
    n = data.size
    if n < 6:
        return None
    half = 1.959963984540054 * math.sqrt(n) / 2.0
    low = max(0, math.floor(n / 2.0 - half))
    high = min(n - 1, math.ceil(n / 2.0 + half) - 1)
    return (round(float(data[low]), 2), round(float(data[high]), 2))


def timing_json(
    frame: Frame,
    marks: EpisodeMarks,
    bids: BidTable,
    latency: NDArray[np.float64],
    bursts: NDArray[np.bool_],
) -> dict[str, Any]:
    """Per-partner timing figures and the asymmetries between the partners."""
    turns = frame.turns
    total_chars = int(frame.length.sum())
    total_messages = len(frame)
    episodes = frame.n_episodes
    per: dict[str, Any] = {}
    medians: list[float | None] = []
    for who, name in enumerate(frame.partners):
        mine_turns = turns.speaker == who
        own_latency = latency[mine_turns]
        finite = own_latency[np.isfinite(own_latency)]
        median = round(float(np.median(finite)), 2) if finite.size else None
        medians.append(median)
        messages = int((frame.speaker == who).sum())
        chars = int(frame.length[frame.speaker == who].sum())
        started = int((marks.starter == who).sum())
        own_bids = bids.bidder == who
        per[name] = {
            "messages": messages,
            "message_share": ratio(messages, total_messages),
            "mean_length": round(chars / messages, 1) if messages else None,
            "length_share": ratio(chars, total_chars),
            "median_reply_minutes": median,
            "median_reply_interval": median_interval(own_latency),
            "replies_timed": int(finite.size),
            "initiation_share": ratio(started, episodes),
            "initiation_interval": wilson(started, episodes),
            "unanswered_bids": int((own_bids & (bids.reason == 2)).sum()),
            "bids": int(own_bids.sum()),
            "bursts": int((bursts & mine_turns).sum()),
            "bursts_per_100_turns": (
                round(100.0 * float((bursts & mine_turns).sum()) / float(mine_turns.sum()), 2)
                if mine_turns.any()
                else None
            ),
        }
    first, second = medians
    asymmetry = (
        round(math.log2(first / second), 3)
        if first and second and first > 0 and second > 0
        else None
    )
    return {
        "partners": per,
        "latency_log2_ratio": asymmetry,
        "timed": frame.timed,
        "note": None
        if frame.timed
        else (
            "the messages have no times, so reply times and their asymmetry are null; shares, "
            "lengths and bids are counted from the order of the messages, unanswered bids are "
            "those no reply followed, and bursts are turns of "
            f"{frame.rules.count('timing', 'burst_min_messages')} or more messages in a row"
        ),
        "meaning": (
            "Reply times, who opens exchanges, how long messages are, bids left unanswered and "
            "bursts (several messages in a row after no reply). latency_log2_ratio is log2 of "
            f"{frame.partners[0]}'s median reply time over {frame.partners[1]}'s: +1 means "
            f"{frame.partners[0]} takes twice as long."
        ),
    }
