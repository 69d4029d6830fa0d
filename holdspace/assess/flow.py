"""The check-in engine, free of any user interface: next question, answer, back, skip, resume.

The terminal command and (later) web forms drive the same :class:`CheckinFlow`. Answering or
skipping returns the safety events the answer raised (``"self-harm"``, ``"violence"``) so that
the front end shows crisis resources at once, before the next question (SAFETY.md S6).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from holdspace.assess.instruments import Instrument, Item
from holdspace.assess.scoring import normalise_answers
from holdspace.errors import InvalidAnswers

__all__ = ["CheckinFlow", "Question"]

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Question:
    """The question to show now, with where the person is in the check-in."""

    instrument: Instrument
    item: Item
    number: int
    total: int
    answer: int | None
    answered: bool

    @property
    def section(self) -> str | None:
        """The heading of the item's part (the instrument's stem when it has no parts)."""
        if self.item.section is not None:
            return self.instrument.sections.get(self.item.section)
        return self.instrument.stem


class CheckinFlow:
    """Walks the items of one or more instruments in order, skipping questions whose
    condition is not met (such as the ASQ acuity question after four noes)."""

    def __init__(
        self, instruments: Sequence[Instrument], *, state: Mapping[str, Any] | None = None
    ):
        self.instruments = tuple(instruments)
        self._steps = [(inst, item) for inst in self.instruments for item in inst.items]
        self._answers: dict[str, dict[str, int | None]] = {inst.id: {} for inst in self.instruments}
        self._history: list[int] = []
        self._index = 0
        if state is not None:
            self._restore(state)
        self._advance()

    # -- navigation -------------------------------------------------------------------------

    def current(self) -> Question | None:
        """The question to ask now, or ``None`` when every question has been seen."""
        if self._index >= len(self._steps):
            return None
        inst, item = self._steps[self._index]
        applicable = [i for i in range(len(self._steps)) if self._applies(i)]
        given = self._answers[inst.id]
        return Question(
            instrument=inst,
            item=item,
            number=applicable.index(self._index) + 1,
            total=len(applicable),
            answer=given.get(item.id),
            answered=item.id in given,
        )

    @property
    def done(self) -> bool:
        return self._index >= len(self._steps)

    def answer(self, value: int) -> tuple[str, ...]:
        """Record an answer to the current question and move on; returns the safety events."""
        inst, item = self._require()
        if isinstance(value, bool) or not isinstance(value, int) or value not in item.scale.values:
            raise InvalidAnswers(
                f"{inst.id} item {item.id}: {value!r} is not an allowed answer; "
                f"use {item.scale.describe()}."
            )
        self._answers[inst.id][item.id] = value
        self._forward()
        return (item.flag,) if item.flag and item.flagged(value) else ()

    def skip(self) -> tuple[str, ...]:
        """Leave the current question unanswered and move on; returns the safety events
        (a skipped question of an instrument that counts skips as positive raises its flag)."""
        inst, item = self._require()
        self._answers[inst.id][item.id] = None
        self._forward()
        if inst.missing == "screen-positive" and item.scored and inst.screen:
            return (inst.screen,)
        return ()

    def back(self) -> bool:
        """Return to the previous question; ``False`` when already at the first."""
        if not self._history:
            return False
        self._index = self._history.pop()
        return True

    # -- results ----------------------------------------------------------------------------

    def answers(self, instrument_id: str) -> dict[str, int | None]:
        """Every item of the instrument, ``None`` where skipped, not reached or not asked."""
        inst = next(i for i in self.instruments if i.id == instrument_id)
        given = self._answers[inst.id]
        values = {item.id: given.get(item.id) for item in inst.items}
        for item in inst.items:
            if item.ask_if_items and not self._condition_met(inst, item):
                values[item.id] = None
        return normalise_answers(inst, values)

    def to_state(self) -> dict[str, Any]:
        """A JSON-ready snapshot to resume from later (kept in the encrypted store)."""
        return {
            "version": STATE_VERSION,
            "instruments": [[inst.id, inst.version] for inst in self.instruments],
            "answers": {k: dict(v) for k, v in self._answers.items()},
            "history": list(self._history),
            "index": self._index,
        }

    # -- internals --------------------------------------------------------------------------

    def _restore(self, state: Mapping[str, Any]) -> None:
        expected = [[inst.id, inst.version] for inst in self.instruments]
        if [list(pair) for pair in state.get("instruments", [])] != expected:
            raise InvalidAnswers(
                "the saved check-in was for other questionnaires "
                f"({', '.join(str(p[0]) for p in state.get('instruments', []))}); "
                "resume it with the same --instrument options, or start a new one."
            )
        for inst in self.instruments:
            saved = state["answers"].get(inst.id, {})
            self._answers[inst.id] = dict(normalise_answers(inst, saved))
            self._answers[inst.id] = {k: v for k, v in self._answers[inst.id].items() if k in saved}
        self._history = [int(i) for i in state.get("history", [])]
        self._index = int(state.get("index", 0))

    def _require(self) -> tuple[Instrument, Item]:
        if self.done:
            raise InvalidAnswers("the check-in is finished; there is no question to answer.")
        return self._steps[self._index]

    def _forward(self) -> None:
        self._history.append(self._index)
        self._index += 1
        self._advance()

    def _advance(self) -> None:
        while self._index < len(self._steps) and not self._applies(self._index):
            self._index += 1

    def _applies(self, index: int) -> bool:
        inst, item = self._steps[index]
        return not item.ask_if_items or self._condition_met(inst, item)

    def _condition_met(self, inst: Instrument, item: Item) -> bool:
        given = self._answers[inst.id]
        if inst.missing == "screen-positive" and any(
            i in given and given[i] is None for i in item.ask_if_items
        ):
            return True
        return any((given.get(i) or 0) >= item.ask_if_value for i in item.ask_if_items)
