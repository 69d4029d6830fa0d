"""What was planted in a synthetic couple: the answer key the measure stage is checked against.

A :class:`Truth` holds, per message id, the codes the generator planted; per bid, how it was
answered; per repair attempt, whether it was taken up; each conflict's valence series; the
bursts that followed unanswered bids; the planted roles, rates and dynamics. It converts to and
from the JSON of the ``holdspace.simulate.truth.v1`` schema (docs/simulator.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from holdspace.simulate.params import RESPONSE_CLASSES, Role

__all__ = [
    "BID_KINDS",
    "SCHEMA",
    "BidTruth",
    "BurstTruth",
    "ConflictTruth",
    "Period",
    "RepairTruth",
    "Truth",
]

SCHEMA = "holdspace.simulate.truth.v1"
Period = Literal["before", "after"]
PERIODS: tuple[Period, ...] = ("before", "after")


#: what reaches out for the partner: a turn with an explicit bid, or a feeling shared without one
BID_KINDS: tuple[str, ...] = ("bid", "feeling")


@dataclass(frozen=True, slots=True)
class BidTruth:
    """A planted reach-out: who made it, how the partner answered, and the answering message.

    ``kind`` is ``bid`` for the planted bids (answered at the partner's planted rates) and
    ``feeling`` for a feeling shared elsewhere (in warm talk after a bid, or in a conflict),
    whose answer is the partner's next message as the generator wrote it.
    """

    id: str
    speaker: str
    partner: str
    response: str
    reply: str | None
    latency_minutes: float | None
    period: Period
    kind: str = "bid"


@dataclass(frozen=True, slots=True)
class RepairTruth:
    """A planted repair attempt and whether the partner took it up."""

    id: str
    speaker: str
    taken_up: bool
    reply: str | None
    period: Period


@dataclass(frozen=True, slots=True)
class ConflictTruth:
    """A conflict episode: its messages, the planted valence of each, and how it ended."""

    ids: tuple[str, ...]
    valence: Mapping[str, float]
    ended_by: str
    period: Period


@dataclass(frozen=True, slots=True)
class BurstTruth:
    """Messages a partner sent in a row after a bid went unanswered or was turned away."""

    bid: str
    speaker: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Truth:
    """The answer key of one simulated couple (see the module docstring)."""

    seed: int
    params: Mapping[str, Any]
    roles: Mapping[str, Role]
    change_point: datetime | None
    rates: Mapping[str, Mapping[str, Mapping[str, float]]]
    dynamics: Mapping[str, Mapping[str, float]]
    codes: Mapping[str, tuple[str, ...]]
    bids: tuple[BidTruth, ...]
    repairs: tuple[RepairTruth, ...]
    conflicts: tuple[ConflictTruth, ...]
    bursts: tuple[BurstTruth, ...]
    exchanges: tuple[tuple[str, str], ...]

    def realised_rates(self, *, kind: str | None = None) -> dict[str, dict[str, dict[str, float]]]:
        """Per answering partner and period: the share of reach-outs answered in each class, and
        ``n``.

        ``kind=None`` counts every bid and shared feeling (the definition the measure stage
        uses); ``kind="bid"`` only the planted bids, which follow the planted rates, so it
        shows how close chance came to them.
        """
        out: dict[str, dict[str, dict[str, float]]] = {}
        for name in self.roles:
            out[name] = {}
            for period in PERIODS:
                answered = [
                    b
                    for b in self.bids
                    if b.partner == name and b.period == period and kind in (None, b.kind)
                ]
                n = len(answered)
                shares: dict[str, float] = {
                    cls: (sum(b.response == cls for b in answered) / n if n else 0.0)
                    for cls in RESPONSE_CLASSES
                }
                shares["n"] = float(n)
                out[name][period] = shares
        return out

    def to_json(self) -> dict[str, Any]:
        """The truth file's content (schema ``holdspace.simulate.truth.v1``)."""
        return {
            "schema": SCHEMA,
            "seed": self.seed,
            "roles": dict(self.roles),
            "change_point": self.change_point.isoformat() if self.change_point else None,
            "rates": {k: {p: dict(v) for p, v in per.items()} for k, per in self.rates.items()},
            "realised": self.realised_rates(),
            "realised_by_kind": {kind: self.realised_rates(kind=kind) for kind in BID_KINDS},
            "dynamics": {name: dict(values) for name, values in self.dynamics.items()},
            "params": dict(self.params),
            "codes": {mid: list(codes) for mid, codes in self.codes.items()},
            "bids": [_bid_json(bid) for bid in self.bids],
            "repairs": [
                {
                    "id": r.id,
                    "speaker": r.speaker,
                    "taken_up": r.taken_up,
                    "reply": r.reply,
                    "period": r.period,
                }
                for r in self.repairs
            ],
            "conflicts": [
                {
                    "ids": list(c.ids),
                    "valence": dict(c.valence),
                    "ended_by": c.ended_by,
                    "period": c.period,
                }
                for c in self.conflicts
            ],
            "bursts": [
                {"bid": b.bid, "speaker": b.speaker, "ids": list(b.ids)} for b in self.bursts
            ],
            "exchanges": [list(pair) for pair in self.exchanges],
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Truth:
        """Read back what :meth:`to_json` wrote."""
        point = obj.get("change_point")
        return cls(
            seed=int(obj["seed"]),
            params=dict(obj["params"]),
            roles={str(k): cast(Role, v) for k, v in obj["roles"].items()},
            change_point=datetime.fromisoformat(point) if point else None,
            rates={k: {p: dict(v) for p, v in per.items()} for k, per in obj["rates"].items()},
            dynamics={str(k): dict(v) for k, v in obj["dynamics"].items()},
            codes={str(k): tuple(v) for k, v in obj["codes"].items()},
            bids=tuple(
                BidTruth(
                    id=b["id"],
                    speaker=b["speaker"],
                    partner=b["partner"],
                    response=b["response"],
                    reply=b["reply"],
                    latency_minutes=b["latency_minutes"],
                    period=b["period"],
                    kind=b.get("kind", "bid"),
                )
                for b in obj["bids"]
            ),
            repairs=tuple(
                RepairTruth(
                    id=r["id"],
                    speaker=r["speaker"],
                    taken_up=r["taken_up"],
                    reply=r["reply"],
                    period=r["period"],
                )
                for r in obj["repairs"]
            ),
            conflicts=tuple(
                ConflictTruth(
                    ids=tuple(c["ids"]),
                    valence=dict(c["valence"]),
                    ended_by=c["ended_by"],
                    period=c["period"],
                )
                for c in obj["conflicts"]
            ),
            bursts=tuple(
                BurstTruth(bid=b["bid"], speaker=b["speaker"], ids=tuple(b["ids"]))
                for b in obj["bursts"]
            ),
            exchanges=tuple((str(a), str(b)) for a, b in obj["exchanges"]),
        )


def _bid_json(bid: BidTruth) -> dict[str, Any]:
    return {
        "id": bid.id,
        "speaker": bid.speaker,
        "partner": bid.partner,
        "response": bid.response,
        "reply": bid.reply,
        "latency_minutes": bid.latency_minutes,
        "period": bid.period,
        "kind": bid.kind,
    }
