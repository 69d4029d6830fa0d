"""The simulation: day by day, exchanges of chat, bids and conflict written onto a timeline.

Each day (unless it is a quiet one) draws its everyday chats, each partner's bids, conflicts and
any planted risk messages, and spreads them over morning, midday and evening exchanges that are
at least :data:`EXCHANGE_GAP_MINUTES` apart. A bid left unanswered ends the day's talk: the
next exchange comes only after the reply window has passed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from holdspace.coding.codes import CODES
from holdspace.errors import InputError
from holdspace.model import CodedMessage, Conversation
from holdspace.simulate.conflict import conflict_episode, reaches_out
from holdspace.simulate.params import RESPONSE_CLASSES, SimulationParams
from holdspace.simulate.phrasebook import Phrasebook, load_phrasebook
from holdspace.simulate.timeline import Timeline
from holdspace.simulate.truth import (
    BidTruth,
    BurstTruth,
    ConflictTruth,
    Period,
    RepairTruth,
    Truth,
)

__all__ = [
    "EXCHANGE_GAP_MINUTES",
    "IGNORED_SILENCE_HOURS",
    "TRUTH_CODER",
    "SimulatedCouple",
    "simulate",
    "write_couple",
]

#: The coder name of :meth:`SimulatedCouple.coded`: planted codes, not a model's guesses.
TRUTH_CODER = "holdspace.simulate.truth.v1"
#: Least silence between two exchanges (just over the default 4-hour episode gap).
EXCHANGE_GAP_MINUTES = 250
#: After an ignored bid the ignoring partner stays silent this long (over the 12-hour window).
IGNORED_SILENCE_HOURS = 12.5
#: (centre in minutes after midnight, spread in minutes, weight for chat, weight for bids/conflict)
_SLOTS = ((8 * 60, 40, 0.3, 0.15), (12 * 60 + 45, 45, 0.3, 0.2), (19 * 60 + 45, 60, 0.4, 0.65))
_TOWARD_FEELING = ("validation", "curiosity", "validation")
_TOWARD = ("bid_accept", "bid_accept", "curiosity", "affection")
_AWAY = ("withdrawal", "subject_change")
_AGAINST = ("dismissal", "dismissal", "defensiveness", "defensiveness", "blame", "contempt")
_WARM_BIDDER = ("affection", "feeling", "feeling_positive")
_WARM_PARTNER = ("validation", "affection", "curiosity")


@dataclass(slots=True)
class _Record:
    bids: list[BidTruth] = field(default_factory=list)
    repairs: list[RepairTruth] = field(default_factory=list)
    conflicts: list[ConflictTruth] = field(default_factory=list)
    bursts: list[BurstTruth] = field(default_factory=list)
    exchanges: list[tuple[str, str]] = field(default_factory=list)
    silent_until: datetime = datetime.min


@dataclass(frozen=True, slots=True)
class SimulatedCouple:
    """A synthetic couple's conversation together with the truth that was planted in it."""

    params: SimulationParams
    conversation: Conversation
    truth: Truth

    def coded(self) -> list[CodedMessage]:
        """The conversation labelled with exactly the planted codes, as a perfect coder would.

        Scores are 1.0 for planted codes and 0.0 for the rest, with coder name
        :data:`TRUTH_CODER`, so the measure stage can be tested apart from coding errors.
        """
        return [
            CodedMessage(
                message=message,
                labels=self.truth.codes[message.id],
                scores={code: float(code in self.truth.codes[message.id]) for code in CODES},
                evidence={},
                coder=TRUTH_CODER,
            )
            for message in self.conversation.messages
        ]


def simulate(
    params: SimulationParams, *, seed: int, phrasebook: Phrasebook | None = None
) -> SimulatedCouple:
    """Generate the conversation of ``params``; the same seed always gives the same couple."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed is {seed!r}; give a whole number of 0 or more.")
    book = phrasebook if phrasebook is not None else load_phrasebook("v1")
    tl = Timeline(params, book, np.random.default_rng(seed))
    record = _Record()
    start = datetime.combine(params.start, datetime.min.time())
    for day in range(params.weeks * 7):
        _day(tl, record, start + timedelta(days=day))
    conversation = Conversation(
        id=params.conversation_id,
        messages=tl.messages,
        source=f"holdspace simulate (seed {seed})",
        format="simulated",
    )
    return SimulatedCouple(params, conversation, _truth(tl, record, seed))


def _day(tl: Timeline, record: _Record, midnight: datetime) -> None:
    params = tl.params
    tl.wait_until(midnight)
    if tl.chance(params.quiet_day_share):
        return
    after = tl.after_change()
    items: list[tuple[str, str]] = [("chat", "")] * int(tl.rng.poisson(params.chats_per_day))
    conflicts = params.conflicts_rate(after_change=after) / 7
    items += [("conflict", "")] * int(tl.rng.poisson(conflicts))
    for name, person in tl.people.items():
        items += [("bid", name)] * int(
            tl.rng.poisson(person.behaviour(after_change=after).bids_per_day)
        )
        items += [("risk_harm", name)] * int(tl.rng.poisson(person.risk_harm_per_week / 7))
        items += [("risk_self", name)] * int(tl.rng.poisson(person.risk_self_per_week / 7))
    slots: list[list[tuple[str, str]]] = [[] for _ in _SLOTS]
    for item in items:
        weights = np.array([s[2] if item[0] == "chat" else s[3] for s in _SLOTS])
        slots[int(tl.rng.choice(len(_SLOTS), p=weights / weights.sum()))].append(item)
    for (centre, spread, _, _), slot_items in zip(_SLOTS, slots, strict=True):
        if not slot_items:
            continue
        planned = midnight + timedelta(minutes=float(tl.rng.normal(centre, spread)))
        earliest = (
            tl.messages[-1].time.replace(tzinfo=None) + timedelta(minutes=EXCHANGE_GAP_MINUTES)
            if tl.messages and tl.messages[-1].time is not None
            else planned
        )
        start = max(planned, earliest)
        if start < record.silent_until or start >= midnight + timedelta(hours=25):
            continue
        tl.wait_until(start)
        first = f"m{len(tl.messages) + 1}"
        order = [int(i) for i in tl.rng.permutation(len(slot_items))]
        for position, index in enumerate(order):
            kind, name = slot_items[index]
            gap = 0.0 if position == 0 else float(tl.rng.uniform(2, 30))
            tl.advance(gap)
            if _topic(tl, record, kind, name):
                break
        record.exchanges.append((first, tl.last_id()))


def _topic(tl: Timeline, record: _Record, kind: str, name: str) -> bool:
    """Write one topic of an exchange; True when it ends the exchange (an ignored bid)."""
    if kind == "chat":
        _chat(tl)
    elif kind == "bid":
        return _bid(tl, record, name)
    elif kind == "conflict":
        episode, repairs, feelings = conflict_episode(tl)
        record.conflicts.append(episode)
        record.repairs.extend(repairs)
        record.bids.extend(feelings)
    else:
        tl.say(name, kind, after=0)
        other = tl.partner_of[name]
        tl.say(other, "curiosity", after=tl.latency(other, first=True))
    return False


def _pick(tl: Timeline, options: tuple[str, ...]) -> str:
    return options[int(tl.rng.integers(len(options)))]


def _chat(tl: Timeline) -> None:
    names = list(tl.people)
    speaker = names[int(tl.rng.integers(2))]
    other = tl.partner_of[speaker]
    topic = "logistics" if tl.chance(0.5) else "small_talk"
    tl.say(speaker, topic, after=0)
    if tl.chance(0.1):
        tl.say(speaker, topic, after=float(tl.rng.uniform(0, 2)))
    tl.say(other, f"{topic}_reply", after=tl.latency(other, first=True))
    for turn in range(int(tl.rng.integers(0, 3))):
        who = speaker if turn % 2 == 0 else other
        warm = tl.chance(0.3 * tl.behaviour(who).responses.toward)
        tl.say(who, "affection" if warm else "ack", after=tl.latency(who, first=False))


def _bid(tl: Timeline, record: _Record, speaker: str) -> bool:
    partner = tl.partner_of[speaker]
    mine, theirs = tl.behaviour(speaker), tl.behaviour(partner)
    period: Period = "after" if tl.after_change() else "before"
    lead, feeling = 0.0, False
    if tl.chance(mine.feeling_share):
        feeling = True
        tl.say(speaker, "feeling", after=0)
        lead = float(tl.rng.uniform(0, 2))
    bid = tl.say(speaker, "bid", after=lead)
    feeling = feeling or "feeling" in tl.codes[bid]
    shares = np.array([theirs.responses.as_dict()[c] for c in RESPONSE_CLASSES])
    response = RESPONSE_CLASSES[int(tl.rng.choice(len(shares), p=shares / shares.sum()))]
    if response == "away" and tl.chance(tl.people[partner].ignore_share):
        record.bids.append(BidTruth(bid, speaker, partner, response, None, None, period))
        record.silent_until = tl.now + timedelta(hours=IGNORED_SILENCE_HOURS)
        if tl.chance(mine.pursuit):
            _burst(tl, record, speaker, bid, pings=True)
        return True
    latency = tl.latency(partner, first=True)
    group = {
        "toward": _TOWARD_FEELING if feeling else _TOWARD,
        "away": _AWAY,
        "against": _AGAINST,
        "problem_solving": ("problem_solving",),
    }[response]
    reply = tl.say(partner, _pick(tl, group), after=latency)
    record.bids.append(BidTruth(bid, speaker, partner, response, reply, round(latency, 2), period))
    if response == "toward":
        _warm_talk(tl, record, speaker, period)
    elif tl.chance(mine.pursuit):
        _burst(tl, record, speaker, bid, pings=False)
        toward = tl.behaviour(partner).responses.toward
        answer = "accountability" if tl.chance(toward) else "withdrawal"
        tl.say(partner, answer, after=tl.latency(partner, first=False))
    else:
        tl.say(speaker, "ack", after=tl.latency(speaker, first=False))
    return False


def _warm_talk(tl: Timeline, record: _Record, speaker: str, period: Period) -> None:
    """A few warm turns after a bid met warmth; a feeling the bidder shares is answered warmly."""
    partner = tl.partner_of[speaker]
    turns = int(tl.rng.integers(1, 4))
    shared: str | None = None
    for turn in range(turns + 1):
        if turn == turns and shared is None:
            break
        who, warm = (speaker, _WARM_BIDDER) if turn % 2 == 0 else (partner, _WARM_PARTNER)
        after = tl.latency(who, first=False)
        message = tl.say(who, _pick(tl, warm), after=after)
        if shared is not None:
            record.bids.append(
                BidTruth(
                    shared,
                    speaker,
                    partner,
                    "toward",
                    message,
                    round(after, 2),
                    period,
                    kind="feeling",
                )
            )
            shared = None
        elif who == speaker and reaches_out(tl.codes[message]):
            shared = message


def _burst(tl: Timeline, record: _Record, speaker: str, bid: str, *, pings: bool) -> None:
    """Several messages in a row after a bid went unanswered (pings) or was turned away."""
    wait = float(tl.rng.uniform(15, 90)) if pings else tl.latency(speaker, first=False)
    groups = ["ping", "ping", "protest"] if pings else ["protest", "feeling"]
    groups = groups[: int(tl.rng.integers(2, len(groups) + 1))]
    if tl.chance(tl.people[speaker].self_doubt):
        groups.append("self_doubt")
    ids = []
    for index, group in enumerate(groups):
        ids.append(
            tl.say(speaker, group, after=wait if index == 0 else float(tl.rng.uniform(0, 8)))
        )
    record.bursts.append(BurstTruth(bid, speaker, tuple(ids)))


def _truth(tl: Timeline, record: _Record, seed: int) -> Truth:
    params = tl.params
    rates: dict[str, dict[str, dict[str, float]]] = {}
    for person in params.partners:
        rates[person.name] = {}
        for period, after in (("before", False), ("after", True)):
            behaviour = person.behaviour(after_change=after)
            values = behaviour.responses.as_dict()
            values.update(
                bids_per_day=behaviour.bids_per_day,
                feeling_share=behaviour.feeling_share,
                latency_minutes=behaviour.latency_minutes,
                pursuit=behaviour.pursuit,
                repair_attempts=behaviour.repair_attempts,
                repair_uptake=behaviour.repair_uptake,
                conflicts_per_week=params.conflicts_rate(after_change=after),
            )
            rates[person.name][period] = values
    return Truth(
        seed=seed,
        params=params.to_json(),
        roles={p.name: p.role for p in params.partners},
        change_point=tl.change_point.replace(tzinfo=tl.zone) if tl.change_point else None,
        rates=rates,
        dynamics={
            p.name: {
                "inertia": p.inertia,
                "set_point": p.set_point,
                "influence": p.influence,
                "constant": round(p.set_point * (1 - p.inertia), 6),
                "noise": params.valence_noise,
            }
            for p in params.partners
        },
        codes=dict(tl.codes),
        bids=tuple(record.bids),
        repairs=tuple(record.repairs),
        conflicts=tuple(record.conflicts),
        bursts=tuple(record.bursts),
        exchanges=tuple(record.exchanges),
    )


def write_couple(couple: SimulatedCouple, path: str | Path, *, format: str) -> tuple[Path, Path]:
    """Write the export to ``path`` in ``format`` and the truth to ``path`` + ``.truth.json``."""
    from holdspace.ingest import write_export

    target = Path(path)
    write_export(couple.conversation, target, format=format)
    truth_path = target.with_name(target.name + ".truth.json")
    text = json.dumps(couple.truth.to_json(), ensure_ascii=False, indent=1)
    truth_path.write_text(text + "\n", encoding="utf-8")
    return target, truth_path
