"""The coded conversation as numpy arrays: one row per message, one row per turn.

Every metric family reads a :class:`Frame`, built once by :func:`build_frame`, so that a
300,000-message history is walked in Python only once. A *turn* is a run of consecutive messages
of one partner inside one episode; replies, bids and the cycle are judged turn by turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from holdspace.coding.codes import CODES
from holdspace.measure.config import MeasureRules
from holdspace.model import CodedMessage

__all__ = ["Frame", "Turns", "build_frame", "code_mask"]

BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

_CODE_INDEX = {code: index for index, code in enumerate(CODES)}


def code_mask(codes: Sequence[str]) -> BoolArray:
    """A boolean vector over ``CODES`` that is true for ``codes``."""
    mask = np.zeros(len(CODES), dtype=bool)
    for code in codes:
        mask[_CODE_INDEX[code]] = True
    return mask


@dataclass(frozen=True, slots=True)
class Turns:
    """Turn-level arrays: ``start``/``stop`` message rows, speaker, label union, times."""

    start: IntArray
    stop: IntArray
    speaker: IntArray
    episode: IntArray
    labels: BoolArray
    first_time: FloatArray
    last_time: FloatArray
    length: IntArray
    size: IntArray
    #: index of the next turn by the other partner, -1 when there is none
    reply: IntArray

    def __len__(self) -> int:
        return int(self.start.size)

    def has(self, codes: Sequence[str]) -> BoolArray:
        """Which turns hold any of ``codes``."""
        return np.asarray(self.labels[:, code_mask(codes)].any(axis=1), dtype=bool)


@dataclass(frozen=True, slots=True)
class Frame:
    """Message-level arrays of the two partners' messages, their episodes and turns."""

    partners: tuple[str, str]
    coded: list[CodedMessage]
    speaker: IntArray
    #: seconds since the epoch (UTC); times written without an offset are read as UTC
    time: FloatArray
    timed: bool
    labels: BoolArray
    length: IntArray
    episode: IntArray
    turn: IntArray
    turns: Turns
    rules: MeasureRules
    dropped: dict[str, int] = field(default_factory=dict)
    #: the same instants on the conversation's wall clock (``time`` plus each message's UTC
    #: offset), for calendar weeks and months; NaN where ``time`` is
    local_time: FloatArray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return int(self.speaker.size)

    @property
    def n_episodes(self) -> int:
        """How many episodes."""
        return int(self.episode[-1]) + 1 if self.episode.size else 0

    def has(self, codes: Sequence[str]) -> BoolArray:
        """Which messages hold any of ``codes``."""
        return np.asarray(self.labels[:, code_mask(codes)].any(axis=1), dtype=bool)

    def group(self, name: str) -> tuple[str, ...]:
        """The codes of a named group of the rules (``"bid"``, ``"pursuit"`` ...)."""
        return self.rules.groups[name]

    def bid_turns(self) -> BoolArray:
        """Which turns are bids: a bid or feeling that comes before any protest in the turn
        (a turn that opens with a protest is pursuit, not a bid)."""
        count = len(self.turns)
        first_bid = _first_row(self.turn, self.has(self.group("bid")), count)
        first_protest = _first_row(self.turn, self.has(self.group("complaint")), count)
        return (first_bid >= 0) & ((first_protest < 0) | (first_bid < first_protest))

    def message_id(self, row: int) -> str:
        """The message id of a row."""
        return self.coded[row].message.id


def build_frame(
    coded: Sequence[CodedMessage],
    partners: tuple[str, str],
    *,
    gap_minutes: float,
    rules: MeasureRules,
) -> Frame:
    """Keep the partners' text and media messages and lay them out as arrays."""
    kept: list[CodedMessage] = []
    dropped: dict[str, int] = {}
    who = {partners[0]: 0, partners[1]: 1}
    for item in coded:
        message = item.message
        if message.kind in ("system", "deleted"):
            dropped[message.kind] = dropped.get(message.kind, 0) + 1
        elif message.speaker not in who:
            dropped["other speakers"] = dropped.get("other speakers", 0) + 1
        else:
            kept.append(item)
    n = len(kept)
    speaker = np.fromiter((who[str(c.message.speaker)] for c in kept), dtype=np.int64, count=n)
    raw_time = np.fromiter((_seconds(c.message.time) for c in kept), dtype=np.float64, count=n)
    raw_local = np.fromiter(
        (_seconds(c.message.time, local=True) for c in kept), dtype=np.float64, count=n
    )
    length = np.fromiter((len(c.message.text) for c in kept), dtype=np.int64, count=n)
    labels = np.zeros((n, len(CODES)), dtype=bool)
    rows: list[int] = []
    cols: list[int] = []
    for row, item in enumerate(kept):
        for label in item.labels:
            col = _CODE_INDEX.get(label)
            if col is not None:
                rows.append(row)
                cols.append(col)
    labels[rows, cols] = True
    known = np.isfinite(raw_time)
    timed = bool(known.mean() >= 0.5) if n else False
    time = _fill_forward(raw_time) if timed else np.full(n, np.nan)
    local_time = _fill_forward(raw_local) if timed else np.full(n, np.nan)
    if timed and not known.all():
        dropped["times filled from the previous message"] = int((~known).sum())
    episode = _episodes(time, n, timed=timed, gap_minutes=gap_minutes, rules=rules)
    turn, turns = _turns(speaker, episode, labels, time, length)
    return Frame(
        partners=partners,
        coded=kept,
        speaker=speaker,
        time=time,
        timed=timed,
        labels=labels,
        length=length,
        episode=episode,
        turn=turn,
        turns=turns,
        rules=rules,
        dropped=dropped,
        local_time=local_time,
    )


def _seconds(moment: datetime | None, *, local: bool = False) -> float:
    """Seconds since the epoch; ``local`` adds the UTC offset (the wall clock as if UTC).

    A time without an offset is read as written, the same on every machine."""
    if moment is None:
        return float("nan")
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(tzinfo=UTC).timestamp()
    return moment.timestamp() + (offset.total_seconds() if local else 0.0)


def _first_row(turn_of_row: IntArray, rows: BoolArray, count: int) -> IntArray:
    """Per turn, the first message row where ``rows`` is true, or -1."""
    first = np.full(count, -1, dtype=np.int64)
    marked = np.flatnonzero(rows)
    unique_turns, where = np.unique(turn_of_row[marked], return_index=True)
    first[unique_turns] = marked[where]
    return first


def _fill_forward(values: FloatArray) -> FloatArray:
    known = np.isfinite(values)
    if known.all():
        return values
    index = np.where(known, np.arange(values.size), 0)
    np.maximum.accumulate(index, out=index)
    filled = values[index]
    first = np.flatnonzero(known)
    if first.size:
        filled[: first[0]] = values[first[0]]
    return filled


def _episodes(
    time: FloatArray, n: int, *, timed: bool, gap_minutes: float, rules: MeasureRules
) -> IntArray:
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if not timed:
        block = max(1, rules.count("episodes", "transcript_block_messages"))
        return np.arange(n, dtype=np.int64) // block
    starts = np.zeros(n, dtype=bool)
    starts[0] = True
    starts[1:] = np.diff(time) > gap_minutes * 60.0
    return np.cumsum(starts, dtype=np.int64) - 1


def _turns(
    speaker: IntArray,
    episode: IntArray,
    labels: BoolArray,
    time: FloatArray,
    length: IntArray,
) -> tuple[IntArray, Turns]:
    n = speaker.size
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, Turns(
            start=empty,
            stop=empty,
            speaker=empty,
            episode=empty,
            labels=np.zeros((0, len(CODES)), dtype=bool),
            first_time=np.zeros(0),
            last_time=np.zeros(0),
            length=empty,
            size=empty,
            reply=empty,
        )
    new = np.ones(n, dtype=bool)
    new[1:] = (speaker[1:] != speaker[:-1]) | (episode[1:] != episode[:-1])
    start = np.flatnonzero(new).astype(np.int64)
    stop = np.append(start[1:], n).astype(np.int64)
    turn = np.cumsum(new, dtype=np.int64) - 1
    t_speaker = speaker[start]
    changes = np.flatnonzero(t_speaker[1:] != t_speaker[:-1]).astype(np.int64) + 1
    position = np.searchsorted(changes, np.arange(start.size), side="right")
    if changes.size:
        reply = np.where(
            position < changes.size, changes[np.minimum(position, changes.size - 1)], -1
        )
    else:
        reply = np.full(start.size, -1, dtype=np.int64)
    return turn, Turns(
        start=start,
        stop=stop,
        speaker=t_speaker,
        episode=episode[start],
        labels=np.logical_or.reduceat(labels, start, axis=0),
        first_time=time[start],
        last_time=time[stop - 1],
        length=np.add.reduceat(length, start),
        size=stop - start,
        reply=reply.astype(np.int64),
    )
