"""Pure scoring: answers in, scores out, following each instrument's data file.

Answers are whole numbers on the item's scale (yes/no items as 1/0); ``None`` or an absent key
means the item was skipped. What a skip does depends on the instrument's missing-data rule:

- ``complete``: every scored item must be answered;
- ``prorate``: up to ``max_missing`` items may be skipped; the total is the mean of the answered
  items times the number of items, rounded half up;
- ``available``: each part is the mean of the items answered in it (``None`` when none was);
- ``screen``: positive when any answer is positive; otherwise a skip leaves it undecided;
- ``screen-positive``: a skipped question counts as positive (as the ASQ toolkit instructs).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from holdspace.assess.instruments import Instrument, Item, load_instrument
from holdspace.errors import InvalidAnswers

__all__ = ["Answers", "ScoreResult", "normalise_answers", "score"]

Answers = Mapping[str, Any] | Sequence[Any]


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """The scored administration of one instrument.

    ``positive`` is set for safety screens only (``None`` there means undecided because
    questions were skipped). ``flags`` lists the safety signals raised (``violence``,
    ``self-harm``), ``acuity`` the ASQ acuity (``acute``/``non-acute``) of a positive screen.
    """

    instrument: str
    version: int
    total: float | None
    subscales: Mapping[str, float | None]
    band: str | None
    is_screen: bool = False
    positive: bool | None = None
    acuity: str | None = None
    flags: tuple[str, ...] = ()
    cutoffs_met: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """``instrument``, ``version``, ``total``, ``subscales``, ``band`` (+ ``positive``)."""
        obj: dict[str, Any] = {
            "instrument": self.instrument,
            "version": self.version,
            "total": _plain(self.total),
            "subscales": {name: _plain(value) for name, value in self.subscales.items()},
            "band": self.band,
        }
        if self.is_screen:
            obj["positive"] = self.positive
            if self.instrument == "asq":
                obj["acuity"] = self.acuity
        return obj


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(value, 3)


def normalise_answers(instrument: Instrument, answers: Answers) -> dict[str, int | None]:
    """Answers keyed by item id, every item present (``None`` = skipped), each value checked.

    A list follows the instrument's item order; it may leave out the trailing items that are
    not scored (such as the PHQ-9 difficulty question). Raises :class:`InvalidAnswers`.
    """
    ids = instrument.item_ids
    if isinstance(answers, Mapping):
        unknown = [str(key) for key in answers if key not in ids]
        if unknown:
            raise InvalidAnswers(
                f"{instrument.id}: no item {unknown[0]!r}; its items are: {', '.join(ids)}."
            )
        keyed = {item_id: answers.get(item_id) for item_id in ids}
    elif isinstance(answers, Sequence) and not isinstance(answers, str | bytes):
        allowed = _list_lengths(instrument)
        if len(answers) not in allowed:
            raise InvalidAnswers(
                f"{instrument.id}: got {len(answers)} answers in a list; give "
                f"{' or '.join(str(n) for n in sorted(allowed))} in item order "
                f"({', '.join(ids)}), or an object keyed by item id."
            )
        keyed = {
            item_id: (answers[i] if i < len(answers) else None) for i, item_id in enumerate(ids)
        }
    else:
        raise InvalidAnswers(
            f"{instrument.id}: answers must be an object keyed by item id or a list in item order, "
            f"not {type(answers).__name__}."
        )
    return {
        item_id: _check(instrument, instrument.item(item_id), keyed[item_id]) for item_id in ids
    }


def _list_lengths(instrument: Instrument) -> set[int]:
    ids = instrument.item_ids
    lengths = {len(ids)}
    n = len(ids)
    while n > 0 and not instrument.item(ids[n - 1]).scored:
        n -= 1
        lengths.add(n)
    return lengths


def _check(instrument: Instrument, item: Item, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or value not in item.scale.values:
        raise InvalidAnswers(
            f"{instrument.id} item {item.id}: {value!r} is not an allowed answer; "
            f"use {item.scale.describe()}."
        )
    return value


def _keyed(item: Item, value: int) -> int:
    return item.scale.min + item.scale.max - value if item.reverse else value


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def score(
    instrument: Instrument | str, answers: Answers, *, max_missing: int | None = None
) -> ScoreResult:
    """Score one administration. ``max_missing`` overrides the instrument's prorating limit."""
    inst = load_instrument(instrument) if isinstance(instrument, str) else instrument
    values = normalise_answers(inst, answers)
    scored = inst.scored_items
    skipped = tuple(item.id for item in scored if values[item.id] is None)
    limit = inst.max_missing if max_missing is None else max_missing
    if inst.missing == "complete" and skipped:
        _raise_missing(inst, skipped, "answer every item")
    if inst.missing == "prorate" and len(skipped) > limit:
        _raise_missing(inst, skipped, f"at most {limit} may be left out")
    flags = sorted(
        {
            item.flag
            for item in inst.items
            if item.flag and not item.acuity and item.flagged(values[item.id])
        }
    )
    if inst.screen is not None:
        return _score_screen(inst, values, skipped, flags)
    total = _total(inst, values, skipped)
    subscales = {
        name: _part(inst, values, [inst.item(i) for i in ids])
        for name, ids in inst.subscales.items()
    }
    band = None
    if total is not None:
        band = next((b.label for b in inst.bands if b.min <= total <= b.max), None)
    met = tuple(c.name for c in inst.cutoffs if total is not None and c.met(total))
    return ScoreResult(
        instrument=inst.id,
        version=inst.version,
        total=total,
        subscales=subscales,
        band=band,
        flags=tuple(flags),
        cutoffs_met=met,
        missing=skipped,
    )


def _raise_missing(inst: Instrument, skipped: Sequence[str], rule: str) -> None:
    item = inst.item(skipped[0])
    raise InvalidAnswers(
        f"{inst.id}: no answer for {', '.join(skipped)}; {rule} ({item.scale.describe()})."
    )


def _total(
    inst: Instrument, values: Mapping[str, int | None], skipped: Sequence[str]
) -> float | None:
    if not inst.has_total:
        return None
    scored = inst.scored_items
    if inst.missing == "available":
        return _part(inst, values, list(scored))
    answered = [_keyed(item, v) for item in scored if (v := values[item.id]) is not None]
    if inst.method == "mean":
        return sum(answered) / len(answered)
    if skipped:
        return _round_half_up(sum(answered) * len(scored) / len(answered))
    return sum(answered)


def _part(
    inst: Instrument, values: Mapping[str, int | None], items: Sequence[Item]
) -> float | None:
    answered = [_keyed(item, v) for item in items if (v := values[item.id]) is not None]
    if not answered:
        return None
    if inst.method == "mean":
        return sum(answered) / len(answered)
    if len(answered) < len(items):
        return _round_half_up(sum(answered) * len(items) / len(answered))
    return sum(answered)


def _score_screen(
    inst: Instrument,
    values: Mapping[str, int | None],
    skipped: tuple[str, ...],
    flags: Sequence[str],
) -> ScoreResult:
    answered_total = sum(v for item in inst.scored_items if (v := values[item.id]) is not None)
    positive: bool | None = bool(flags)
    if not positive and skipped:
        positive = True if inst.missing == "screen-positive" else None
    kinds = tuple(sorted(set(flags) | ({inst.screen} if positive and inst.screen else set())))
    acuity = None
    acuity_items = [item for item in inst.items if item.acuity]
    if positive and acuity_items:
        answer = values[acuity_items[0].id]
        acuity = None if answer is None else ("acute" if answer >= 1 else "non-acute")
    band = {True: "positive", False: "negative", None: "incomplete"}[positive]
    met = tuple(c.name for c in inst.cutoffs if positive)
    return ScoreResult(
        instrument=inst.id,
        version=inst.version,
        total=None if skipped else answered_total,
        subscales={},
        band=band,
        is_screen=True,
        positive=positive,
        acuity=acuity,
        flags=kinds,
        cutoffs_met=met,
        missing=skipped,
    )
