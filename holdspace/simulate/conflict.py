"""Conflict episodes: turns whose valence follows the Gottman–Murray difference equations.

Each turn's valence is ``set_point * (1 - inertia) + inertia * own_last + influence *
partner_last + noise`` (clipped to -5..5), and the valence band plus the speaker's planted role
choose what the turn says. Tense turns may carry a repair attempt, which the partner takes up at
their planted rate; an avoidant partner may leave the episode by withdrawing.
"""

from __future__ import annotations

from itertools import pairwise

from holdspace.simulate.params import Role
from holdspace.simulate.timeline import Timeline
from holdspace.simulate.truth import BidTruth, ConflictTruth, Period, RepairTruth

__all__ = ["answer_class", "conflict_episode", "reaches_out", "turn_group"]

#: What an answer holding these codes does to a bid or shared feeling, first match wins (the
#: definition of docs/metrics.md): hostile codes turn against; leaving turns away; advice with
#: no warmth is problem-solving; protest or arguing the facts with no warmth turns against;
#: anything else (warmth, or a feeling of one's own) turns toward.
_ANSWERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("against", frozenset({"dismissal", "defensiveness", "blame", "contempt"})),
    ("away", frozenset({"withdrawal", "subject_change"})),
    ("problem_solving", frozenset({"problem_solving"})),
    ("against", frozenset({"protest", "facts_focus"})),
)
_WARM = frozenset({"validation", "curiosity", "affection", "accountability", "repair"})
#: Most extra turns a conflict runs so that a feeling shared at its end gets its answer.
_MAX_EXTRA_TURNS = 6

_POSITIVE = ("validation", "accountability", "affection", "curiosity")
_MILD: dict[Role, tuple[str, ...]] = {
    "seeking": ("feeling", "self_doubt", "facts_focus", "feeling"),
    "avoidant": ("facts_focus", "problem_solving", "subject_change"),
    "both": ("feeling", "facts_focus", "problem_solving"),
    "neither": ("feeling", "facts_focus", "curiosity"),
}
_NEGATIVE: dict[Role, tuple[str, ...]] = {
    "seeking": ("protest", "feeling", "blame", "protest"),
    "avoidant": ("defensiveness", "dismissal", "withdrawal", "defensiveness"),
    "both": ("protest", "defensiveness", "dismissal", "blame"),
    "neither": ("defensiveness", "facts_focus", "feeling"),
}
_HOSTILE: dict[Role, tuple[str, ...]] = {
    "seeking": ("blame", "contempt", "protest"),
    "avoidant": ("contempt", "dismissal", "blame"),
    "both": ("contempt", "blame", "protest"),
    "neither": ("blame", "contempt"),
}
_OPENERS: dict[Role, tuple[str, ...]] = {
    "seeking": ("protest", "feeling", "blame"),
    "avoidant": ("facts_focus", "defensiveness", "blame"),
    "both": ("protest", "facts_focus", "blame"),
    "neither": ("feeling", "facts_focus"),
}
#: Chance that an avoidant partner leaves a turn below -2 by withdrawing.
EXIT_CHANCE = 0.3
_REPAIR_VALENCE = 1.0
_ACCEPT_VALENCE = 2.0


def turn_group(role: Role, valence: float) -> tuple[str, ...]:
    """The groups a turn of this valence may be drawn from, for a speaker of this role."""
    if valence >= 1.0:
        return _POSITIVE
    if valence > -1.0:
        return _MILD[role]
    if valence > -3.0:
        return _NEGATIVE[role]
    return _HOSTILE[role]


def reaches_out(codes: tuple[str, ...]) -> bool:
    """Whether a message with these codes reaches out: a bid, or a feeling shared before any
    protest (a message that protests is pursuit)."""
    return bool({"bid", "feeling"} & set(codes)) and "protest" not in codes


def answer_class(codes: tuple[str, ...]) -> str:
    """How an answer with these planted codes meets a bid or a shared feeling."""
    present = set(codes)
    for index, (name, group) in enumerate(_ANSWERS):
        if present & group and (index < 2 or not present & _WARM):
            return name
    return "toward"


def _choose(tl: Timeline, options: tuple[str, ...]) -> str:
    return options[int(tl.rng.integers(len(options)))]


def conflict_episode(
    tl: Timeline,
) -> tuple[ConflictTruth, list[RepairTruth], list[BidTruth]]:
    """Write one conflict episode; return its truth, the repair attempts in it, and the
    feelings shared in it with the partner's answer to each."""
    names = list(tl.people)
    seekers = [n for n in names if tl.people[n].role in ("seeking", "both")]
    starter = _choose(tl, tuple(seekers or names))
    period: Period = "after" if tl.after_change() else "before"
    noise = tl.params.valence_noise
    opening = min(tl.people[starter].set_point - 2.5 + float(tl.rng.normal(0, noise)), -1.0)
    first = tl.say(starter, _choose(tl, _OPENERS[tl.people[starter].role]), after=0)
    ids, valence = [first], {first: round(opening, 3)}
    own = {name: tl.people[name].set_point for name in names}
    own[starter] = last = opening
    repairs: list[RepairTruth] = []
    pending: str | None = None
    speaker, ended_by = tl.partner_of[starter], "fade"
    rounds = int(tl.rng.integers(4, 13))
    for turn in range(rounds + _MAX_EXTRA_TURNS):
        if turn >= rounds and not reaches_out(tl.codes[ids[-1]]):
            break
        person, behaviour = tl.people[speaker], tl.behaviour(speaker)
        value = (
            person.set_point * (1 - person.inertia)
            + person.inertia * own[speaker]
            + person.influence * last
            + float(tl.rng.normal(0, noise))
        )
        value = max(-5.0, min(5.0, value))
        after = tl.latency(speaker, first=False)
        if pending is not None:
            taken = tl.chance(behaviour.repair_uptake)
            if taken:
                value = max(value, _ACCEPT_VALENCE)
                message = tl.say(speaker, "repair_accept", after=after)
            else:
                value = min(value, -1.0)
                message = tl.say(speaker, _choose(tl, turn_group(person.role, value)), after=after)
            repairs.append(RepairTruth(pending, tl.partner_of[speaker], taken, message, period))
            pending = None
            if taken:
                ids.append(message)
                valence[message] = round(value, 3)
                ended_by = "repair"
                break
        elif value < 0 and tl.chance(behaviour.repair_attempts):
            value = _REPAIR_VALENCE
            message = pending = tl.say(speaker, "repair", after=after)
        elif person.role in ("avoidant", "both") and value < -2.0 and tl.chance(EXIT_CHANCE):
            message = tl.say(speaker, "withdrawal", after=after)
            ids.append(message)
            valence[message] = round(value, 3)
            ended_by = "withdrawal"
            break
        else:
            message = tl.say(speaker, _choose(tl, turn_group(person.role, value)), after=after)
        ids.append(message)
        valence[message] = round(value, 3)
        own[speaker] = last = value
        speaker = tl.partner_of[speaker]
    if pending is not None:
        repairs.append(RepairTruth(pending, tl.partner_of[speaker], False, None, period))
    return ConflictTruth(tuple(ids), valence, ended_by, period), repairs, _feelings(tl, ids, period)


def _feelings(tl: Timeline, ids: list[str], period: Period) -> list[BidTruth]:
    found = []
    for asked, answer in pairwise(ids):
        if not reaches_out(tl.codes[asked]):
            continue
        first, second = tl.message(asked), tl.message(answer)
        minutes = None
        if first.time is not None and second.time is not None:
            minutes = round((second.time - first.time).total_seconds() / 60.0, 2)
        found.append(
            BidTruth(
                asked,
                str(first.speaker),
                str(second.speaker),
                answer_class(tl.codes[answer]),
                answer,
                minutes,
                period,
                kind="feeling",
            )
        )
    return found
