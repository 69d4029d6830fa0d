"""Bids and responses: how each partner answered the other's bids and feelings (Gottman).

A *bid turn* is a turn holding a ``bid`` group code (a bid or a disclosed feeling) before any
``complaint`` code (a turn that opens with a protest is pursuit, measured in cycle.py). Its answer is the
other partner's next turn. The answer is classified, first rule that matches:

1. *against*: the answer holds dismissal, defensiveness, blame or contempt;
2. *away*: no answer within ``Settings.reply_window_hours`` (or none at all), or the answer
   withdraws or changes the subject;
3. *problem-solving*: advice in place of support: the answer offers fixes and no validation,
   curiosity, affection, accountability or repair;
4. *against (argued back)*: the answer protests or argues the facts (``argue`` group) with no
   toward code;
5. *toward*: the answer holds validation, curiosity, affection, accountability or repair;
6. *away (minimal)*: an answer of at most ``minimal_reply_chars`` characters;
7. *toward (engaged reply)*: any other answer.

``bids_json`` reports the rates over all bid turns and, under ``by_kind``, separately for turns
holding an explicit ``bid`` and for feelings shared without one.

toward + away + against + problem_solving = 1. An answer after a silence that opens a new
episode and holds no code at all starts something new, so the bid counts as unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.frame import Frame
from holdspace.measure.stats import ratio, wilson

__all__ = [
    "AGAINST",
    "AWAY",
    "KINDS",
    "PROBLEM_SOLVING",
    "REASONS",
    "TOWARD",
    "BidTable",
    "bid_table",
    "bids_json",
    "classify_answers",
]

TOWARD: Final[int] = 0
AWAY: Final[int] = 1
AGAINST: Final[int] = 2
PROBLEM_SOLVING: Final[int] = 3
#: why an answer was classified as it was (index = reason code)
REASONS: Final[tuple[str, ...]] = (
    "toward",
    "engaged reply",
    "unanswered",
    "withdrew or changed the subject",
    "minimal reply",
    "problem-solving in place of support",
    "against",
    "argued back",
)
#: the kinds of bid turn reported apart under ``by_kind``
KINDS: Final[tuple[str, ...]] = ("bid", "feeling")
_EXAMPLES: Final[int] = 3


@dataclass(frozen=True, slots=True)
class BidTable:
    """One row per bid turn: who bid, the answer's turn, category and reason."""

    turn: NDArray[np.int64]
    bidder: NDArray[np.int64]
    reply: NDArray[np.int64]
    category: NDArray[np.int64]
    reason: NDArray[np.int64]
    episode: NDArray[np.int64]
    latency: NDArray[np.float64]
    #: index into KINDS: 0 when the turn holds an explicit ``bid``, 1 for a feeling without one
    kind: NDArray[np.int64]

    def __len__(self) -> int:
        return int(self.turn.size)


def bid_table(frame: Frame, *, reply_window_hours: float) -> BidTable:
    """Classify the answer to every bid turn."""
    turns = frame.turns
    index = np.flatnonzero(frame.bid_turns()).astype(np.int64)
    first_bid_row = _first_row_per_turn(frame.turn, frame.has(frame.group("bid")), len(turns))
    reply, reason, latency = classify_answers(
        frame, index, since_row=first_bid_row[index], reply_window_hours=reply_window_hours
    )
    category = np.select(
        [reason <= 1, (reason == 6) | (reason == 7), reason == 5],
        [TOWARD, AGAINST, PROBLEM_SOLVING],
        default=AWAY,
    )
    return BidTable(
        turn=index,
        bidder=turns.speaker[index],
        reply=reply,
        category=category.astype(np.int64),
        reason=reason,
        episode=turns.episode[index],
        latency=latency,
        kind=np.where(turns.has(("bid",))[index], 0, 1).astype(np.int64),
    )


def classify_answers(
    frame: Frame,
    index: NDArray[np.int64],
    *,
    since_row: NDArray[np.int64] | None = None,
    reply_window_hours: float,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """``(answer turn or -1, reason code, minutes to answer)`` for the turns ``index``.

    ``since_row`` is the message the answer is timed from (default: the turn's first message).
    An answer after a silence that starts a new episode and holds no code at all opens
    something new rather than answers, so the turn counts as unanswered.
    """
    turns = frame.turns
    reply = turns.reply[index]
    answered = reply >= 0
    safe = np.where(answered, reply, 0)
    latency = np.full(index.size, np.nan)
    if frame.timed and index.size:
        start_time = turns.first_time[index] if since_row is None else frame.time[since_row]
        latency = np.where(answered, (turns.first_time[safe] - start_time) / 60.0, np.nan)
        answered &= latency <= reply_window_hours * 60.0
    uncoded = ~turns.labels[safe].any(axis=1)
    answered &= ~(uncoded & (turns.episode[safe] != turns.episode[index]))
    against = turns.has(frame.group("against"))[safe]
    withdraw = turns.has(frame.group("withdraw"))[safe]
    toward_codes = turns.has(frame.group("toward"))[safe]
    advice = turns.has(("problem_solving",))[safe]
    argued = turns.has(frame.group("argue"))[safe]
    minimal = turns.length[safe] <= frame.rules.get("responses", "minimal_reply_chars")
    reason = np.select(
        [
            ~answered,
            against,
            withdraw,
            advice & ~toward_codes,
            argued & ~toward_codes,
            toward_codes,
            minimal,
        ],
        [2, 6, 3, 5, 7, 0, 4],
        default=1,
    ).astype(np.int64)
    return np.where(answered, reply, -1).astype(np.int64), reason, latency


def _first_row_per_turn(
    turn_of_row: NDArray[np.int64], rows: NDArray[np.bool_], n_turns: int
) -> NDArray[np.int64]:
    first = np.full(n_turns, -1, dtype=np.int64)
    marked = np.flatnonzero(rows)
    unique_turns, where = np.unique(turn_of_row[marked], return_index=True)
    first[unique_turns] = marked[where]
    return first


def bids_json(frame: Frame, table: BidTable) -> dict[str, Any]:
    """``{partner: rates of how that partner answered the other's bids}``."""
    result: dict[str, Any] = {}
    for who, name in enumerate(frame.partners):
        other = frame.partners[1 - who]
        mine = table.bidder == 1 - who
        n = int(mine.sum())
        counts = _counts(table, mine)
        reasons = {
            REASONS[code]: int((table.reason[mine] == code).sum()) for code in range(len(REASONS))
        }
        result[name] = {
            **{key: ratio(value, n) for key, value in counts.items()},
            "n": n,
            "counts": counts,
            "reasons": reasons,
            "intervals": {key: wilson(value, n) for key, value in counts.items()},
            "interval_method": "Wilson 95%",
            "by_kind": {
                kind: _rates(_counts(table, mine & (table.kind == index)))
                for index, kind in enumerate(KINDS)
            },
            "examples": _examples(frame, table, mine),
            "summary": _summary(name, other, counts, n),
        }
    return result


def _counts(table: BidTable, rows: NDArray[np.bool_]) -> dict[str, int]:
    return {
        "toward": int((table.category[rows] == TOWARD).sum()),
        "away": int((table.category[rows] == AWAY).sum()),
        "against": int((table.category[rows] == AGAINST).sum()),
        "problem_solving": int((table.category[rows] == PROBLEM_SOLVING).sum()),
    }


def _rates(counts: dict[str, int]) -> dict[str, Any]:
    n = sum(counts.values())
    return {**{key: ratio(value, n) for key, value in counts.items()}, "n": n}


def _examples(frame: Frame, table: BidTable, mine: NDArray[np.bool_]) -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for label, category in (
        ("toward", TOWARD),
        ("away", AWAY),
        ("against", AGAINST),
        ("problem_solving", PROBLEM_SOLVING),
    ):
        rows = np.flatnonzero(mine & (table.category == category))[:_EXAMPLES]
        ids: list[str] = []
        for row in rows:
            ids.append(frame.message_id(int(frame.turns.start[table.turn[row]])))
            if table.reply[row] >= 0:
                ids.append(frame.message_id(int(frame.turns.start[table.reply[row]])))
        examples[label] = ids
    return examples


def _summary(name: str, other: str, counts: dict[str, int], n: int) -> str:
    if n == 0:
        return f"{other} made no bids or shared no feelings, so there is nothing to answer."
    return (
        f"Of {n} bids or feelings {other} shared, {name} turned toward {counts['toward']}, "
        f"away from {counts['away']}, against {counts['against']}, and answered "
        f"{counts['problem_solving']} with advice in place of support."
    )
