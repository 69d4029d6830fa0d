"""The growing conversation of a simulation: a clock, the messages so far and their codes.

Exchanges are written one after another, so the clock only moves forward and message ids
(``m1``, ``m2``, ...) follow conversation order. Times are whole minutes of local wall-clock
time, so that exports without seconds (WhatsApp) read back to the same instants.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from holdspace.model import Message
from holdspace.simulate.params import Behaviour, PartnerParams, SimulationParams
from holdspace.simulate.phrasebook import Phrase, Phrasebook, Writer, render

__all__ = ["MAX_REPLY_MINUTES", "Timeline"]

#: Longest wait for a reply inside one exchange; longer silences are planted as ignored bids.
MAX_REPLY_MINUTES = 180.0
#: Turns after the first in an exchange come this much faster than a partner's first reply.
ENGAGED_FACTOR = 0.15
_WAKE_HOUR = 7


class Timeline:
    """Messages in order, the planted codes of each, and the clock they were written by."""

    def __init__(
        self, params: SimulationParams, book: Phrasebook, rng: np.random.Generator
    ) -> None:
        self.params = params
        self.book = book
        self.rng = rng
        self.zone = ZoneInfo(params.timezone)
        self.messages: list[Message] = []
        self.codes: dict[str, tuple[str, ...]] = {}
        self.now = datetime.combine(params.start, datetime.min.time())
        first, second = params.partners
        self.partner_of = {first.name: second.name, second.name: first.name}
        self.people: dict[str, PartnerParams] = {first.name: first, second.name: second}
        self.change_point = (
            None if params.change_week is None else self.now + timedelta(weeks=params.change_week)
        )
        self._by_length = {
            name: sorted(group.phrases, key=lambda p: len(p.template))
            for name, group in book.groups.items()
        }

    def after_change(self) -> bool:
        """Whether the clock has passed the change point."""
        return self.change_point is not None and self.now >= self.change_point

    def behaviour(self, name: str) -> Behaviour:
        """What ``name`` does at the current time."""
        return self.people[name].behaviour(after_change=self.after_change())

    def chance(self, probability: float) -> bool:
        """True with the given probability."""
        return bool(self.rng.random() < probability)

    def latency(self, name: str, *, first: bool) -> float:
        """Minutes ``name`` takes to reply: lognormal around their median, capped in-exchange."""
        median = self.behaviour(name).latency_minutes * (1.0 if first else ENGAGED_FACTOR)
        sigma = self.people[name].latency_sigma
        value = float(self.rng.lognormal(math.log(max(median, 0.2)), sigma))
        return min(value, MAX_REPLY_MINUTES)

    def pick(self, name: str, group: str) -> Phrase:
        """A phrase of ``group``; terse writers favour the shorter half of the group."""
        pool = self._by_length[group]
        if self.chance(self.people[name].brevity):
            pool = pool[: max(1, len(pool) // 2)]
        return pool[int(self.rng.integers(len(pool)))]

    def say(self, name: str, group: str, *, after: float) -> str:
        """Write one message of ``group`` by ``name``, ``after`` minutes from now; its id."""
        return self.say_phrase(name, self.pick(name, group), after=after)

    def say_phrase(self, name: str, phrase: Phrase, *, after: float) -> str:
        """Write ``phrase`` as a message by ``name`` ``after`` minutes from now; its id."""
        self.advance(after)
        person = self.people[name]
        writer = Writer(
            partner=self.partner_of[name],
            emoji_rate=person.emoji_rate,
            typo_rate=person.typo_rate,
        )
        text = render(phrase, self.book, self.rng, writer=writer)
        message_id = f"m{len(self.messages) + 1}"
        self.messages.append(
            Message(
                id=message_id,
                conversation=self.params.conversation_id,
                speaker=name,
                time=self.now.replace(tzinfo=self.zone),
                text=text,
            )
        )
        self.codes[message_id] = phrase.codes
        return message_id

    def advance(self, minutes: float) -> None:
        """Move the clock forward by whole minutes; nobody texts between 1 and 7 in the night."""
        self.now += timedelta(minutes=math.ceil(max(minutes, 0.0)))
        if 1 <= self.now.hour < _WAKE_HOUR:
            wake = self.now.replace(hour=_WAKE_HOUR, minute=0)
            self.now = wake + timedelta(minutes=int(self.rng.integers(0, 90)))

    def wait_until(self, moment: datetime) -> None:
        """Move the clock to ``moment`` (to the whole minute) if that is later than now."""
        self.now = max(self.now, moment.replace(second=0, microsecond=0))

    def message(self, message_id: str) -> Message:
        """The message written under ``message_id`` (``m1`` is the first)."""
        return self.messages[int(message_id[1:]) - 1]

    def last_id(self) -> str:
        """The id of the latest message."""
        return self.messages[-1].id
