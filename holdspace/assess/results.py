"""One partner's own results: the latest score of each instrument and its reliable change.

Pure: takes the administrations kept in the private store, returns plain data that the CLI (and
later the web app) render. Scores are recomputed from the stored answers with the current
scoring code of the instrument version that was answered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from holdspace.assess.instruments import load_instrument
from holdspace.assess.reliable_change import reliable_change
from holdspace.assess.scoring import score
from holdspace.errors import InvalidAnswers

__all__ = ["summarise"]


def summarise(administrations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """For each instrument taken (in first-taken order): latest result, and change since the
    previous scored administration where the instrument records reliable-change constants."""
    order: list[str] = []
    for administration in administrations:
        if administration["instrument"] not in order:
            order.append(administration["instrument"])
    summary = []
    for instrument_id in order:
        instrument = load_instrument(instrument_id)
        scored = []
        problem = None
        for administration in administrations:
            if administration["instrument"] != instrument_id:
                continue
            try:
                scored.append(
                    (administration["completed"], score(instrument, administration["answers"]))
                )
            except InvalidAnswers as error:
                problem = str(error)
        entry: dict[str, Any] = {
            "instrument": instrument_id,
            "name": instrument.name,
            "times_taken": sum(1 for a in administrations if a["instrument"] == instrument_id),
            "latest": None,
            "completed": None,
            "changes": [],
            "not_scored": problem,
        }
        if scored:
            completed, latest = scored[-1]
            entry["latest"] = latest.to_json()
            entry["completed"] = completed
            entry["not_scored"] = None
            if len(scored) >= 2:
                entry["changes"] = _changes(
                    instrument_id, scored[-2][1].to_json(), latest.to_json()
                )
        summary.append(entry)
    return summary


def _changes(
    instrument_id: str, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[dict[str, Any]]:
    instrument = load_instrument(instrument_id)
    pairs = [("total", before["total"], after["total"])]
    pairs += [
        (name, before["subscales"].get(name), value) for name, value in after["subscales"].items()
    ]
    changes = []
    for name, old, new in pairs:
        if old is None or new is None:
            continue
        change = reliable_change(instrument, float(old), float(new), score=name)
        changes.append(
            {
                "score": name,
                "before": old,
                "after": new,
                "rci": None if change is None else round(change.rci, 2),
                "verdict": "no published reliability" if change is None else change.verdict,
            }
        )
    return changes
