"""Synthetic couples with known ground truth, for the demo and for testing the measure stage.

``simulate(SimulationParams.preset("pursue-withdraw"), seed=1)`` returns a
:class:`SimulatedCouple`: a :class:`~holdspace.model.Conversation` and the :class:`Truth` that
was planted in it (codes per message, the answer to every bid, roles, rates, dynamics).
"""

from __future__ import annotations

from holdspace.simulate.generator import SimulatedCouple, simulate, write_couple
from holdspace.simulate.params import (
    PRESETS,
    Behaviour,
    PartnerParams,
    ResponseRates,
    SimulationParams,
)
from holdspace.simulate.phrasebook import Phrasebook, load_phrasebook
from holdspace.simulate.truth import BidTruth, BurstTruth, ConflictTruth, RepairTruth, Truth

__all__ = [
    "PRESETS",
    "Behaviour",
    "BidTruth",
    "BurstTruth",
    "ConflictTruth",
    "PartnerParams",
    "Phrasebook",
    "RepairTruth",
    "ResponseRates",
    "SimulatedCouple",
    "SimulationParams",
    "Truth",
    "load_phrasebook",
    "simulate",
    "write_couple",
]
