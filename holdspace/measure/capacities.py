"""The five capacities as transparent profiles of rates (definitions: capacities_v1.yaml).

Each capacity is a list of parts, each a count ``k`` of ``n`` built from named codes, with the
sentence that explains it ("answered 4 of 31 feelings with validation or curiosity") and a Wilson
interval. A part scores ``min(rate / target, 1)`` when higher is better and
``1 - min(rate / target, 1)`` when lower is better; the capacity score is the mean over parts
with data, or null with a note when fewer than ``capacities.min_observations`` observations
stand behind it. See docs/capacities.md.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from holdspace.measure.config import CapacityPart, load_capacities
from holdspace.measure.episodes import EpisodeMarks
from holdspace.measure.frame import Frame
from holdspace.measure.stats import ratio, wilson

__all__ = ["capacities_json"]


def _part_counts(
    frame: Frame, marks: EpisodeMarks, part: CapacityPart, who: int, answered: NDArray[np.int64]
) -> tuple[int, int]:
    mine = frame.speaker == who
    if part.kind == "messages":
        scope = {
            "all": np.ones(len(frame), dtype=bool),
            "emotional": marks.emotional[frame.episode],
            "conflict": marks.conflict[frame.episode],
        }[part.scope]
        base = mine & scope
        return int((base & frame.has(part.codes)).sum()), int(base.sum())
    if part.kind == "share":
        with_codes = mine & frame.has(part.codes)
        either = with_codes | (mine & frame.has(part.versus))
        return int(with_codes.sum()), int(either.sum())
    turns = frame.turns
    asked = (turns.speaker == 1 - who) & turns.has(part.to) & (answered >= 0)
    answers = answered[asked]
    return int(turns.has(part.codes)[answers].sum()), int(answers.size)


def _score(part: CapacityPart, k: int, n: int) -> float | None:
    if n == 0:
        return None
    level = min((k / n) / part.target, 1.0) if part.target > 0 else 1.0
    return level if part.direction == "+" else 1.0 - level


def capacities_json(
    frame: Frame, marks: EpisodeMarks, answered: NDArray[np.int64]
) -> dict[str, Any]:
    """``{partner: {capacity: {"score", "n", "parts", "note"}}}``.

    ``answered`` is, per turn, the other partner's answering turn or -1 (see bids.classify_answers).
    """
    _, definitions = load_capacities()
    minimum = frame.rules.count("capacities", "min_observations")
    result: dict[str, Any] = {}
    for who, name in enumerate(frame.partners):
        profile: dict[str, Any] = {}
        for capacity, parts in definitions.items():
            rows = []
            scores = []
            observed = 0
            for part in parts:
                k, n = _part_counts(frame, marks, part, who, answered)
                observed += n
                score = _score(part, k, n)
                if score is not None:
                    scores.append(score)
                rows.append(
                    {
                        "k": k,
                        "n": n,
                        "rate": ratio(k, n),
                        "interval": wilson(k, n),
                        "direction": part.direction,
                        "target": part.target,
                        "score": None if score is None else round(score, 4),
                        "text": f"{name} " + part.text.format(k=k, n=n),
                    }
                )
            enough = observed >= minimum and bool(scores)
            profile[capacity] = {
                "score": round(float(np.mean(scores)), 4) if enough else None,
                "n": observed,
                "parts": rows,
                "note": None
                if enough
                else f"not enough messages ({observed} observations, {minimum} needed)",
            }
        result[name] = profile
    return result
