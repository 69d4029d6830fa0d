"""Choose a decision cut on a small development split so that it does not wander between runs.

The written dev split has about 23-26 positives of most codes, and its F1 curve is nearly flat
over a wide range of cuts: the plain arg-max (ties to the lowest cut) jumped between retrains
(dismissal 0.53 -> 0.22) and the low cuts over-labelled realistic texting. The rule here
(``holdspace.threshold.bootstrap.v1``):

1. Draw ``resamples`` bootstrap resamples of the dev split (seeded) and compute, for every cut
   in ``CUTS``, the mean F1 over them and its bootstrap standard error (their standard
   deviation).
2. Among the cuts at or above ``floor``, take the best mean F1; every cut whose mean F1 is
   within one standard error of it (the best cut's) is a near-tie. Of the near-ties, keep the
   one nearest ``anchor`` (0.5: the calibrated probabilities' own line); on equal distance the
   higher cut, which labels less.
3. A cut below ``floor`` replaces that only when its recall gain is reliable: its F1 beats the
   kept cut's in at least ``stability`` of the resamples by ``min_gain`` on average.

``holdspace.threshold.bootstrap.v2`` is the same rule anchored to the best bootstrap-mean cut
instead of 0.5 (``anchor=None``): the near-tie band is still reported and the floor still holds,
but the kept cut is the one whose mean F1 over the resamples is highest (of exact ties, the
one nearest 0.5).
Averaging over resamples already smooths the flat dev curve that made the plain arg-max wander;
v1's pull toward 0.5 cost recall everywhere the calibrated optimum sits below 0.5.

The result records the plateau of near-ties and the dev uncertainty, stored in the artifact's
metadata by the trainers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "CUTS",
    "THRESHOLD_RULE",
    "THRESHOLD_RULES",
    "ThresholdChoice",
    "choose_cut",
    "rule_options",
    "stable_threshold",
]

CUTS: Final[npt.NDArray[np.float64]] = np.round(np.arange(0.05, 0.951, 0.01), 2)

#: the rule's name and parameters, as stored in the artifacts' metadata.
THRESHOLD_RULE: Final[dict[str, Any]] = {
    "name": "holdspace.threshold.bootstrap.v1",
    "resamples": 200,
    "seed": 0,
    "anchor": 0.5,
    "floor": 0.2,
    "stability": 0.9,
    "min_gain": 0.02,
    "near_tie": "within one bootstrap standard error of the best mean F1",
}

#: every version of the rule by name; a name never changes meaning.
THRESHOLD_RULES: Final[dict[str, dict[str, Any]]] = {
    "holdspace.threshold.bootstrap.v1": THRESHOLD_RULE,
    "holdspace.threshold.bootstrap.v2": {
        **THRESHOLD_RULE,
        "name": "holdspace.threshold.bootstrap.v2",
        "anchor": None,
        "near_tie": "within one bootstrap standard error of the best mean F1 (reported only: "
        "the best mean cut is kept)",
    },
}


def rule_options(name: str) -> dict[str, Any]:
    """The keyword options of :func:`choose_cut` for the rule called ``name``."""
    rule = THRESHOLD_RULES[name]
    keys = ("resamples", "seed", "anchor", "floor", "stability", "min_gain")
    return {key: rule[key] for key in keys}


@dataclass(frozen=True, slots=True)
class ThresholdChoice:
    """The chosen cut, its dev F1 (plain and bootstrap mean, with standard error), the plateau."""

    cut: float
    f1: float
    mean_f1: float
    se: float
    plateau: tuple[float, float]
    below_floor: bool = False

    def report(self) -> dict[str, Any]:
        """The choice as JSON-ready metadata."""
        return {
            "cut": self.cut,
            "f1": round(self.f1, 4),
            "mean_f1": round(self.mean_f1, 4),
            "se": round(self.se, 4),
            "plateau": [self.plateau[0], self.plateau[1]],
            "below_floor": self.below_floor,
        }


def stable_threshold(
    probabilities: npt.NDArray[np.floating],
    labels: npt.NDArray[np.integer],
    **options: Any,
) -> ThresholdChoice:
    """The stable cut of ``probabilities >= cut`` against 0/1 ``labels`` (see module docstring)."""
    scores = np.asarray(probabilities, dtype=np.float64)
    decided = scores[:, None] >= CUTS[None, :]
    return choose_cut(decided, labels, **options)


def choose_cut(
    decided: npt.NDArray[np.bool_],
    labels: npt.NDArray[np.integer],
    *,
    cuts: npt.NDArray[np.float64] = CUTS,
    resamples: int = THRESHOLD_RULE["resamples"],
    seed: int = THRESHOLD_RULE["seed"],
    anchor: float | None = THRESHOLD_RULE["anchor"],
    floor: float = THRESHOLD_RULE["floor"],
    stability: float = THRESHOLD_RULE["stability"],
    min_gain: float = THRESHOLD_RULE["min_gain"],
) -> ThresholdChoice:
    """The stable cut given ``decided`` (messages x cuts: labelled at each cut) and ``labels``.

    ``anchor=None`` keeps the best bootstrap-mean cut (rule v2) instead of the near-tie nearest
    ``anchor`` (rule v1).
    """
    truth = np.asarray(labels) == 1
    n = len(truth)
    rng = np.random.default_rng(seed)
    counts = np.stack([np.bincount(row, minlength=n) for row in rng.integers(0, n, (resamples, n))])
    counts = counts.astype(np.float64)
    decided_f = decided.astype(np.float64)
    hits = counts @ (decided_f * truth[:, None])
    denominator = counts @ decided_f + (counts @ truth.astype(np.float64))[:, None]
    boot = np.divide(2 * hits, denominator, out=np.zeros_like(hits), where=denominator > 0)
    plain_hits = (decided & truth[:, None]).sum(axis=0)
    plain_denominator = decided.sum(axis=0) + truth.sum()
    plain = np.divide(
        2 * plain_hits,
        plain_denominator,
        out=np.zeros(len(cuts)),
        where=plain_denominator > 0,
    )
    mean, spread = boot.mean(axis=0), boot.std(axis=0)

    def settle(among: npt.NDArray[np.intp]) -> tuple[int, npt.NDArray[np.intp]]:
        best = among[np.argmax(mean[among])]
        ties = among[mean[among] >= mean[best] - spread[best] - 1e-12]
        # v2: only cuts tied on the best mean compete; v1: every near-tie.
        ties_kept = among[mean[among] >= mean[best] - 1e-12] if anchor is None else ties
        target = 0.5 if anchor is None else anchor
        # Nearest the anchor; on equal distance the higher cut (np.lexsort: last key is primary).
        order = np.lexsort((-cuts[ties_kept], np.round(np.abs(cuts[ties_kept] - target), 6)))
        return int(ties_kept[order[0]]), ties

    kept, ties = settle(np.flatnonzero(cuts >= floor - 1e-9))
    below = False
    lower = np.flatnonzero(cuts < floor - 1e-9)
    if len(lower):
        challenger, lower_ties = settle(lower)
        gain = boot[:, challenger] - boot[:, kept]
        if np.mean(gain > 0) >= stability and float(gain.mean()) >= min_gain:
            kept, ties, below = challenger, lower_ties, True
    return ThresholdChoice(
        cut=float(cuts[kept]),
        f1=float(plain[kept]),
        mean_f1=float(mean[kept]),
        se=float(spread[kept]),
        plateau=(float(cuts[ties].min()), float(cuts[ties].max())),
        below_floor=below,
    )
