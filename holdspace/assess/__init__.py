"""Private questionnaires and safety screens: instruments as data, pure scoring, safety rules.

Public entry points: :func:`load_instrument`, :func:`score`, :func:`reliable_change` and
``holdspace.assess.safety.evaluate``.
"""

from __future__ import annotations

from holdspace.assess.instruments import Instrument, instrument_ids, load_instrument
from holdspace.assess.reliable_change import ReliableChange, reliable_change
from holdspace.assess.scoring import ScoreResult, score

__all__ = [
    "Instrument",
    "ReliableChange",
    "ScoreResult",
    "instrument_ids",
    "load_instrument",
    "reliable_change",
    "score",
]
