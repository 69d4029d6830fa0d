"""The pursue-withdraw cycle: pursuit met by withdrawal, and withdrawal met by more pursuit.

For each direction (X pursues, Y withdraws), over X's *bid turns* (reaching out: a bid or a
feeling, see bids.py):

- ``withdraw_rate`` a = share answered by Y with withdrawal: silence past the reply window,
  withdrawal or a change of subject, a minimal reply, or advice in place of support;
- ``escalate_rate`` b = share of those withdrawals after which X pursued harder: the pursuit
  turn itself was a burst, or X's next turn (within the reply window) protests, is a burst, or
  bids again in the same exchange;
- directional strength s(X->Y) = a * b.

The cycle is one partner pursuing while the other withdraws, so the *cycle strength* is the net
direction: |s(A->B) - s(B->A)|, in 0..1, with a percentile bootstrap interval over episodes.
The cycle is present when the strength reaches ``cycle.present_at`` and the lower bound of its
interval reaches ``cycle.interval_floor`` (a short history can reach the point value by chance);
then the partner whose direction is stronger is the pursuer. Lagged transitions (Y's answer given X's turn) are reported as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.bids import classify_answers
from holdspace.measure.frame import Frame
from holdspace.measure.stats import Boot, percentile_interval, ratio, wilson

__all__ = ["STATES", "CycleTable", "cycle_json", "cycle_table"]

#: what a turn does, for the lagged transition table
STATES: Final[tuple[str, ...]] = ("pursue", "toward", "withdraw", "against", "neutral", "silence")
_WITHDRAW_REASONS: Final[tuple[int, ...]] = (2, 3, 4, 5)
#: in an example, the pursuer's next message is taken from at least this long after reaching out
_WAIT_SECONDS: Final[float] = 10 * 60.0


@dataclass(frozen=True, slots=True)
class CycleTable:
    """One row per pursuit turn: pursuer, answer, whether it withdrew and whether X escalated."""

    turn: NDArray[np.int64]
    pursuer: NDArray[np.int64]
    reply: NDArray[np.int64]
    follow: NDArray[np.int64]
    withdrew: NDArray[np.bool_]
    escalated: NDArray[np.bool_]
    episode: NDArray[np.int64]
    #: per episode: [pursuit, withdrew, escalated] counts for direction 0->1 then 1->0
    per_episode: NDArray[np.float64]


def cycle_table(
    frame: Frame, bursts: NDArray[np.bool_], *, reply_window_hours: float
) -> CycleTable:
    """Find pursuit turns, how they were answered, and what the pursuer did next."""
    turns = frame.turns
    index = np.flatnonzero(frame.bid_turns()).astype(np.int64)
    reply, reason, _ = classify_answers(frame, index, reply_window_hours=reply_window_hours)
    withdrew = np.isin(reason, _WITHDRAW_REASONS)
    follow = _next_own_turn(turns.speaker, turns.reply)[index]
    has_follow = follow >= 0
    safe = np.where(has_follow, follow, 0)
    if frame.timed:
        soon = (turns.first_time[safe] - turns.last_time[index]) <= reply_window_hours * 3600.0
    else:
        soon = turns.episode[safe] == turns.episode[index]
    same_episode = turns.episode[safe] == turns.episode[index]
    harder = (
        turns.has(("protest",))[safe] | bursts[safe] | (turns.has(("bid",))[safe] & same_episode)
    )
    escalated = bursts[index] | (has_follow & soon & harder)
    pursuer = turns.speaker[index]
    episode = turns.episode[index]
    columns = []
    for who in (0, 1):
        mine = pursuer == who
        for values in (mine, mine & withdrew, mine & withdrew & escalated):
            columns.append(
                np.bincount(episode, weights=values.astype(float), minlength=frame.n_episodes)
            )
    per_episode = (
        np.asarray(np.stack(columns, axis=1), dtype=float)
        if frame.n_episodes
        else np.zeros((0, 6), dtype=float)
    )
    return CycleTable(
        turn=index,
        pursuer=pursuer,
        reply=reply,
        follow=np.where(has_follow & soon, follow, -1),
        withdrew=withdrew,
        escalated=escalated,
        episode=episode,
        per_episode=per_episode,
    )


def _next_own_turn(speaker: NDArray[np.int64], reply: NDArray[np.int64]) -> NDArray[np.int64]:
    count = speaker.size
    result = np.full(count, -1, dtype=np.int64)
    if count < 2:
        return result
    same = speaker[1:] == speaker[:-1]
    result[:-1] = np.where(same, np.arange(1, count), reply[1:])
    return result


def strengths(totals: NDArray[np.float64]) -> NDArray[np.float64]:
    """Directional strengths ``(..., 2)`` from totals ``(..., 6)`` of the per-episode counts."""
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.stack([totals[..., 1] / totals[..., 0], totals[..., 4] / totals[..., 3]], axis=-1)
        b = np.stack([totals[..., 2] / totals[..., 1], totals[..., 5] / totals[..., 4]], axis=-1)
    return np.asarray(np.nan_to_num(a * b, nan=0.0), dtype=float)


def cycle_json(frame: Frame, table: CycleTable, boot: Boot) -> dict[str, Any]:
    """Cycle strength with its interval, pursuer, withdrawer, transitions and examples."""
    rules = frame.rules
    totals = table.per_episode.sum(axis=0) if table.per_episode.size else np.zeros(6)
    directional = strengths(totals)
    strength = round(float(abs(directional[0] - directional[1])), 4)
    interval = None
    if boot.size and table.per_episode.shape[0]:
        resampled = strengths(boot.totals(table.per_episode))
        interval = percentile_interval(np.abs(resampled[:, 0] - resampled[:, 1]))
    present = (
        strength >= rules.get("cycle", "present_at")
        and interval is not None
        and interval[0] >= rules.get("cycle", "interval_floor")
    )
    lead = int(np.argmax(directional))
    pursuer = frame.partners[lead] if present else None
    withdrawer = frame.partners[1 - lead] if present else None
    directions: dict[str, Any] = {}
    for who in (0, 1):
        name, other = frame.partners[who], frame.partners[1 - who]
        pursuits, withdrew, escalated = (int(v) for v in totals[3 * who : 3 * who + 3])
        directions[f"{name}->{other}"] = {
            "pursuit_turns": pursuits,
            "withdrawn_from": withdrew,
            "escalated_after": escalated,
            "withdraw_rate": ratio(withdrew, pursuits),
            "withdraw_interval": wilson(withdrew, pursuits),
            "escalate_rate": ratio(escalated, withdrew),
            "escalate_interval": wilson(escalated, withdrew),
            "strength": round(float(directional[who]), 4),
        }
    mutual_at = rules.get("cycle", "mutual_at")
    return {
        "strength": strength,
        "interval": interval,
        "interval_method": f"percentile bootstrap over episodes, {boot.size} resamples",
        "present": bool(present),
        "threshold": rules.get("cycle", "present_at"),
        "pursuer": pursuer,
        "withdrawer": withdrawer,
        "mutual": bool(directional.min() >= mutual_at),
        "directions": directions,
        "transitions": _transitions(frame, table),
        "examples": _examples(frame, table, lead, rules.count("cycle", "examples")),
        "summary": _summary(frame, strength, pursuer, withdrawer, directions),
    }


def _transitions(frame: Frame, table: CycleTable) -> dict[str, Any]:
    turns = frame.turns
    state = _states(frame)
    answer = turns.reply
    result: dict[str, Any] = {}
    for who in (0, 1):
        name, other = frame.partners[who], frame.partners[1 - who]
        rows = np.flatnonzero(turns.speaker == who)
        if rows.size == 0:
            result[f"{name}->{other}"] = {}
            continue
        to_state = np.where(answer[rows] >= 0, state[np.maximum(answer[rows], 0)], 5)
        counts = np.zeros((len(STATES) - 1, len(STATES)))
        np.add.at(counts, (state[rows], to_state), 1.0)
        table_json: dict[str, Any] = {}
        for i, source in enumerate(STATES[:-1]):
            total = counts[i].sum()
            if total:
                table_json[source] = {
                    "n": int(total),
                    **{
                        target: round(float(counts[i, j] / total), 4)
                        for j, target in enumerate(STATES)
                    },
                }
        result[f"{name}->{other}"] = table_json
    return result


def _states(frame: Frame) -> NDArray[np.int64]:
    turns = frame.turns
    return np.select(
        [
            turns.has(frame.group("against")),
            turns.has(frame.group("withdraw")),
            turns.has(frame.group("pursuit")),
            turns.has(frame.group("toward")),
        ],
        [3, 2, 0, 1],
        default=4,
    ).astype(np.int64)


def _examples(frame: Frame, table: CycleTable, lead: int, limit: int) -> list[dict[str, Any]]:
    """A few moments of the loop, each as the reaching-out message, the answer if one came
    within the reply window, and the pursuer's next message, with a plain caption.

    Moments where the next message itself reaches out or protests (a bid, a feeling, a
    protest) come first: a next message about logistics shows the loop less clearly.
    """
    turns = frame.turns
    chosen = np.flatnonzero((table.pursuer == lead) & table.withdrew & table.escalated)
    if chosen.size == 0:
        return []
    reaching = frame.has(frame.group("bid"))
    pressing = frame.has(tuple({*frame.group("bid"), *frame.group("pursuit")}))
    moments = [_moment(frame, table, int(row), reaching, pressing) for row in chosen]
    weight = (
        turns.labels[table.turn[chosen]].sum(axis=1)
        + (table.reply[chosen] >= 0)
        + 100 * np.array([moment[3] for moment in moments], dtype=float)
    )
    order = np.argsort(-weight, kind="stable")[:limit]
    examples = []
    for at in sorted(order.tolist()):
        reach, answer, again, _ = moments[at]
        ids = [frame.message_id(reach)]
        if answer >= 0:
            ids.append(frame.message_id(answer))
        if again >= 0:
            ids.append(frame.message_id(again))
        examples.append({"messages": ids, "why": _caption(frame, lead, reach, answer, again)})
    return examples


def _moment(
    frame: Frame,
    table: CycleTable,
    row: int,
    reaching: NDArray[np.bool_],
    pressing: NDArray[np.bool_],
) -> tuple[int, int, int, bool]:
    """``(reaching-out row, answer row or -1, next-message row or -1, next message presses)``."""
    turns = frame.turns
    turn = int(table.turn[row])
    rows = np.arange(int(turns.start[turn]), int(turns.stop[turn]))
    marked = rows[reaching[rows]]
    reach = int(marked[0]) if marked.size else int(rows[0])
    answer = int(turns.start[table.reply[row]]) if table.reply[row] >= 0 else -1
    later = [int(r) for r in rows if r > reach]
    follow = int(table.follow[row])
    if follow >= 0:
        later += list(range(int(turns.start[follow]), int(turns.stop[follow])))
    if answer >= 0:
        later = [r for r in later if r > answer]
    pressed = [r for r in later if pressing[r]]
    if frame.timed:
        # a second message in the same breath is one reaching out, not writing again after a wait
        waited = [r for r in pressed if frame.time[r] - frame.time[reach] >= _WAIT_SECONDS]
        pressed = waited or pressed
    if pressed:
        return reach, answer, pressed[0], True
    return reach, answer, (later[0] if later else -1), False


def _caption(frame: Frame, lead: int, reach: int, answer: int, again: int) -> str:
    """A neutral caption: who reached out, how long until an answer or the next message."""
    pursuer, other = frame.partners[lead], frame.partners[1 - lead]
    wrote = f"{pursuer} wrote again." if again >= 0 else f"{pursuer} kept writing."
    if answer >= 0:
        after = _duration(frame, reach, answer)
        later = f" {after} later" if after else ""
        return f"{pursuer} reached out; {other}'s reply came{later} and did not take it up; {wrote}"
    waited = _duration(frame, reach, again) if again >= 0 else ""
    gap = f" for {waited}" if waited else ""
    return f"{pursuer} reached out; no answer came{gap}; {wrote}"


def _duration(frame: Frame, first: int, second: int) -> str:
    """The time between two messages in plain words, or "" without timestamps."""
    if not frame.timed:
        return ""
    minutes = (float(frame.time[second]) - float(frame.time[first])) / 60.0
    if not np.isfinite(minutes) or minutes < 0:
        return ""
    if minutes < 1.5:
        return "a minute"
    if minutes < 90:
        return f"{round(minutes)} minutes"
    hours = round(minutes / 60.0)
    return f"about {hours} hours"


def _summary(
    frame: Frame,
    strength: float,
    pursuer: str | None,
    withdrawer: str | None,
    directions: dict[str, Any],
) -> str:
    if pursuer is None or withdrawer is None:
        return (
            f"No clear pursue-withdraw cycle in these conversations (strength {strength:.2f} on "
            "a 0-1 scale). Reaching out was not, on balance, met by pulling away in one direction."
        )
    lead = directions[f"{pursuer}->{withdrawer}"]
    return (
        f"In these conversations, when {pursuer} reached out, {withdrawer} pulled back "
        f"{lead['withdrawn_from']} of {lead['pursuit_turns']} times, and {pursuer} then pursued "
        f"harder {lead['escalated_after']} of those times: a pursue-withdraw cycle of strength "
        f"{strength:.2f} on a 0-1 scale."
    )
